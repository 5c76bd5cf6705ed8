package hostapi

import (
	"encoding/binary"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// FuzzCryptoArgs drives the crypto system calls with arbitrary arguments
// and memory against an instance that holds live objects and operations
// (handles 1..n), so the decoding of attribute arrays, buffers and lengths
// is reached with valid handles, not stopped at "unknown handle". Counts
// near 2^32/AttributeSize are seeded (OP-TEE's integer-overflow
// advisories). Only TA panics may escape a call.
func FuzzCryptoArgs(f *testing.F) {
	first, last := abi.SysCrypObjGetInfo, abi.SysDeriveKey
	for nr := first; nr <= last; nr++ {
		for _, count := range []uint32{1, 2, abi.MaxAttributes, (1 << 32) / abi.AttributeSize, (1<<32)/abi.AttributeSize + 1, 0xFFFFFFFF} {
			args := make([]byte, 0, 32)
			for _, v := range []uint32{2, cAttrs, count, cIn, 16, cDst, cOut, 16} {
				args = binary.LittleEndian.AppendUint32(args, v)
			}
			f.Add(nr, args, []byte{})
		}
	}
	m := newModule(f)
	f.Fuzz(func(t *testing.T, nr uint32, argBytes, memBytes []byte) {
		nr = first + nr%(last-first+1)
		s, _ := newState()
		mem := m.Memory()
		mem.Write(0, make([]byte, memSize))
		// Live handles: 1 an AES key, 2 AES-CBC keyed with it, 3 SHA-256,
		// 4 an HMAC key, 5 HMAC-SHA256 keyed with it, 6 AES-GCM.
		mem.Write(cKey, make([]byte, 32))
		setup := []struct {
			nr   uint32
			args []uint64
		}{
			{abi.SysCrypObjAlloc, []uint64{uint64(abi.TypeAES), 128, cOut}},
			{abi.SysCrypStateAlloc, []uint64{uint64(abi.AlgAESCBCNoPad), uint64(abi.ModeEncrypt), 128, cOut}},
			{abi.SysCrypStateAlloc, []uint64{uint64(abi.AlgSHA256), uint64(abi.ModeDigest), 0, cOut}},
			{abi.SysCrypObjAlloc, []uint64{uint64(abi.TypeHMACSHA256), 256, cOut}},
			{abi.SysCrypStateAlloc, []uint64{uint64(abi.AlgHMACSHA256), uint64(abi.ModeMAC), 256, cOut}},
			{abi.SysCrypStateAlloc, []uint64{uint64(abi.AlgAESGCM), uint64(abi.ModeEncrypt), 128, cOut}},
		}
		for _, c := range setup {
			must(t, s, m, c.nr, c.args...)
		}
		putAttr(m, 0, abi.AttrSecretValue, cKey, 16)
		must(t, s, m, abi.SysCrypObjPopulate, 1, cAttrs, 1)
		must(t, s, m, abi.SysCrypStateSetKey, 2, 1, 1, 0)
		putAttr(m, 0, abi.AttrSecretValue, cKey, 32)
		must(t, s, m, abi.SysCrypObjPopulate, 4, cAttrs, 1)
		must(t, s, m, abi.SysCrypStateSetKey, 5, 1, 4, 0)

		if len(memBytes) > memSize {
			memBytes = memBytes[:memSize]
		}
		mem.Write(0, memBytes)
		var args []uint64
		for len(argBytes) >= 4 && len(args) < 8 {
			args = append(args, uint64(binary.LittleEndian.Uint32(argBytes)))
			argBytes = argBytes[4:]
		}
		try(s, m, nr, args...) // panics other than a TA panic fail the test
		s.Release()
	})
}
