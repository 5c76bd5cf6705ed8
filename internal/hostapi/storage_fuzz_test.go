package hostapi

import (
	"encoding/binary"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// FuzzStorageArgs drives the storage system calls, and the object calls
// that accept persistent objects, with arbitrary arguments and memory
// against an instance holding live handles: 1 an AES key, 3 a persistent
// key opened for everything, 4 an enumerator, 5 a pure data object (2,
// an operation, is freed: a stale handle).
// Only TA panics may escape a call, and the storage stays usable.
func FuzzStorageArgs(f *testing.F) {
	nrs := []uint32{abi.SysCrypObjGetInfo, abi.SysCrypObjRestrictUsage, abi.SysCrypObjGetAttr, abi.SysCrypObjClose,
		abi.SysCrypObjCopy, abi.SysCrypStateSetKey}
	for nr := abi.SysStorageObjOpen; nr <= abi.SysStorageObjSeek; nr++ {
		nrs = append(nrs, nr)
	}
	for i := range nrs {
		for _, n := range []uint32{0, 1, abi.ObjectIDMaxLen, abi.ObjectIDMaxLen + 1, 0xFFFFFFFF} {
			args := make([]byte, 0, 32)
			for _, v := range []uint32{2, sID, n, uint32(abi.DataFlagAccessRead), 1, cIn, n, cOut} {
				args = binary.LittleEndian.AppendUint32(args, v)
			}
			f.Add(uint32(i), args, []byte{})
		}
	}
	m := newModule(f)
	st := memStorage(f)
	f.Fuzz(func(t *testing.T, i uint32, argBytes, memBytes []byte) {
		nr := nrs[i%uint32(len(nrs))]
		s := storageState(st)
		mem := m.Memory()
		mem.Write(0, make([]byte, memSize))
		aesOp(t, s, m, make([]byte, 16), abi.AlgAESECBNoPad, abi.ModeEncrypt) // handles 1, 2
		must(t, s, m, abi.SysStorageObjCreate, uint64(abi.StoragePrivate), sID, 1, uint64(rw|abi.DataFlagOverwrite), 1, cIn, 8, cOut)
		must(t, s, m, abi.SysCrypStateFree, 2)
		must(t, s, m, abi.SysStorageAllocEnum, cOut)
		must(t, s, m, abi.SysStorageObjCreate, uint64(abi.StoragePrivate), sID, 2, uint64(rw|abi.DataFlagOverwrite), 0, cIn, 8, cOut)

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
