package hostapi

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// Memory map of the crypto tests: small fixed areas of the test module.
const (
	cOut   = 0x100  // u32 out-values (handles) and lengths
	cAttrs = 0x200  // TEE_Attribute arrays
	cKey   = 0x400  // key bytes
	cIn    = 0x1000 // input data
	cDst   = 0x3000 // output data
)

// try runs a system call and reports the TA panic it caused, if any.
func try(s *State, m api.Module, nr uint32, args ...uint64) (res abi.Result, pe *PanicError) {
	defer func() {
		if r := recover(); r != nil {
			err, _ := r.(error)
			if !errors.As(err, &pe) {
				panic(r)
			}
		}
	}()
	return call(s, m, nr, args...), nil
}

// must runs a system call that must succeed.
func must(t *testing.T, s *State, m api.Module, nr uint32, args ...uint64) {
	t.Helper()
	if res, pe := try(s, m, nr, args...); pe != nil || res != abi.Success {
		t.Fatalf("syscall %d: %v, panic %v", nr, res, pe)
	}
}

// putAttr writes TEE_Attribute i of the array at cAttrs.
func putAttr(m api.Module, i int, id, x, y uint32) {
	b := make([]byte, abi.AttributeSize)
	binary.LittleEndian.PutUint32(b, id)
	binary.LittleEndian.PutUint32(b[4:], x)
	binary.LittleEndian.PutUint32(b[8:], y)
	m.Memory().Write(cAttrs+uint32(i*abi.AttributeSize), b)
}

// aesOp makes an AES key object from key and an operation of alg/mode
// keyed with it, and returns their handles.
func aesOp(t *testing.T, s *State, m api.Module, key []byte, alg, mode uint32) (obj, op uint32) {
	t.Helper()
	m.Memory().Write(cKey, key)
	must(t, s, m, abi.SysCrypObjAlloc, uint64(abi.TypeAES), uint64(len(key)*8), cOut)
	obj = u32At(t, m, cOut)
	putAttr(m, 0, abi.AttrSecretValue, cKey, uint32(len(key)))
	must(t, s, m, abi.SysCrypObjPopulate, uint64(obj), cAttrs, 1)
	must(t, s, m, abi.SysCrypStateAlloc, uint64(alg), uint64(mode), uint64(len(key)*8), cOut)
	op = u32At(t, m, cOut)
	must(t, s, m, abi.SysCrypStateSetKey, uint64(op), 1, uint64(obj), 0)
	return obj, op
}

// TestCryptoInPlace: encrypting in place gives what encrypting into a
// separate buffer gives, and both equal crypto/aes.
func TestCryptoInPlace(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	key := bytes.Repeat([]byte{7}, 16)
	iv := make([]byte, 16)
	pt := bytes.Repeat([]byte("0123456789abcdef"), 8)
	want := make([]byte, len(pt))
	blk, _ := aes.NewCipher(key)
	cipher.NewCBCEncrypter(blk, iv).CryptBlocks(want, pt)

	for _, tc := range []struct {
		name     string
		src, dst uint32
	}{
		{"separate", cIn, cDst},
		{"in place", cIn, cIn},
		{"overlapping", cIn, cIn + 8},
	} {
		_, op := aesOp(t, s, m, key, abi.AlgAESCBCNoPad, abi.ModeEncrypt)
		m.Memory().Write(cIn+0x1000, iv)
		must(t, s, m, abi.SysCipherInit, uint64(op), cIn+0x1000, 16)
		m.Memory().Write(tc.src, pt)
		m.Memory().WriteUint32Le(cOut, uint32(len(pt)))
		must(t, s, m, abi.SysCipherFinal, uint64(op), uint64(tc.src), uint64(len(pt)), uint64(tc.dst), cOut)
		got, _ := m.Memory().Read(tc.dst, uint32(len(pt)))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: ciphertext differs from crypto/aes", tc.name)
		}
	}
}

// TestCryptoShortBuffer: SHORT_BUFFER writes the size needed and consumes
// nothing, so the call can be repeated.
func TestCryptoShortBuffer(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	must(t, s, m, abi.SysCrypStateAlloc, uint64(abi.AlgSHA256), uint64(abi.ModeDigest), 0, cOut)
	op := u32At(t, m, cOut)
	m.Memory().Write(cIn, []byte("abc"))
	m.Memory().WriteUint32Le(cOut, 31)
	if res, pe := try(s, m, abi.SysHashFinal, uint64(op), cIn, 3, cDst, cOut); res != abi.ErrShortBuffer || pe != nil {
		t.Fatalf("31-byte digest buffer: %v, panic %v", res, pe)
	}
	if n := u32At(t, m, cOut); n != 32 {
		t.Fatalf("size needed %d, want 32", n)
	}
	must(t, s, m, abi.SysHashFinal, uint64(op), cIn, 3, cDst, cOut)
	got, _ := m.Memory().Read(cDst, 32)
	if want := sha256.Sum256([]byte("abc")); !bytes.Equal(got, want[:]) {
		t.Fatalf("digest %x", got)
	}

	// AE: both sizes are reported.
	_, ae := aesOp(t, s, m, make([]byte, 16), abi.AlgAESGCM, abi.ModeEncrypt)
	must(t, s, m, abi.SysAuthencInit, uint64(ae), cIn, 12, 128, 0, 5)
	m.Memory().WriteUint32Le(cOut, 4)
	m.Memory().WriteUint32Le(cOut+4, 16)
	if res, _ := try(s, m, abi.SysAuthencEncFinal, uint64(ae), cIn, 5, cDst, cOut, cDst+0x100, cOut+4); res != abi.ErrShortBuffer {
		t.Fatalf("AE short payload buffer: %v", res)
	}
	if n, tn := u32At(t, m, cOut), u32At(t, m, cOut+4); n != 5 || tn != 16 {
		t.Fatalf("AE sizes needed %d, %d; want 5, 16", n, tn)
	}
}

// TestCryptoPanics: what GP says panics kills the TA, with a reason in the
// log, and never the daemon.
func TestCryptoPanics(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	must(t, s, m, abi.SysCrypStateAlloc, uint64(abi.AlgSHA256), uint64(abi.ModeDigest), 0, cOut)
	op := u32At(t, m, cOut)
	must(t, s, m, abi.SysCrypObjAlloc, uint64(abi.TypeAES), 128, cOut)
	obj := u32At(t, m, cOut)
	putAttr(m, 0, abi.AttrSecretValue, cKey, 16)

	tests := []struct {
		name string
		nr   uint32
		args []uint64
	}{
		{"unknown operation", abi.SysHashUpdate, []uint64{999, cIn, 1}},
		{"object as operation", abi.SysHashUpdate, []uint64{uint64(obj), cIn, 1}},
		{"operation as object", abi.SysCrypObjReset, []uint64{uint64(op)}},
		{"input outside memory", abi.SysHashUpdate, []uint64{uint64(op), memSize - 2, 4}},
		{"length pointer outside memory", abi.SysHashFinal, []uint64{uint64(op), cIn, 0, cDst, memSize}},
		{"65 attributes", abi.SysCrypObjPopulate, []uint64{uint64(obj), cAttrs, abi.MaxAttributes + 1}},
		{"attribute count near 2^32/size", abi.SysCrypObjPopulate, []uint64{uint64(obj), cAttrs, (1<<32)/abi.AttributeSize + 1}},
		{"attribute array outside memory", abi.SysCrypObjPopulate, []uint64{uint64(obj), memSize - 12, 2}},
		{"cipher init on a digest", abi.SysCipherInit, []uint64{uint64(op), 0, 0}},
		{"set_key with 3 keys", abi.SysCrypStateSetKey, []uint64{uint64(op), 3, 0, 0}},
		{"attribute of an empty object", abi.SysCrypObjGetAttr, []uint64{uint64(obj), uint64(abi.AttrSecretValue), cDst, cOut}},
	}
	for _, tc := range tests {
		m.Memory().WriteUint32Le(cOut, 64)
		if _, pe := try(s, m, tc.nr, tc.args...); pe == nil || pe.Reason == "" {
			t.Errorf("%s: no panic with a reason (%v)", tc.name, pe)
		}
	}

	// A ref attribute outside memory.
	putAttr(m, 0, abi.AttrSecretValue, memSize-4, 16)
	if _, pe := try(s, m, abi.SysCrypObjPopulate, uint64(obj), cAttrs, 1); pe == nil {
		t.Error("attribute buffer outside memory: no panic")
	}
}

// TestCryptoSecretStaysInCore: a secret attribute is readable only while
// the object is extractable.
func TestCryptoSecretStaysInCore(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	key := bytes.Repeat([]byte{0x42}, 16)
	obj, _ := aesOp(t, s, m, key, abi.AlgAESCBCNoPad, abi.ModeEncrypt)
	m.Memory().WriteUint32Le(cOut, 16)
	must(t, s, m, abi.SysCrypObjGetAttr, uint64(obj), uint64(abi.AttrSecretValue), cDst, cOut)
	if got, _ := m.Memory().Read(cDst, 16); !bytes.Equal(got, key) {
		t.Fatalf("extractable key read back as %x", got)
	}
	must(t, s, m, abi.SysCrypObjRestrictUsage, uint64(obj), uint64(^abi.UsageExtractable))
	m.Memory().Write(cDst, make([]byte, 16))
	if _, pe := try(s, m, abi.SysCrypObjGetAttr, uint64(obj), uint64(abi.AttrSecretValue), cDst, cOut); pe == nil {
		t.Fatal("secret of a non-extractable object: no panic")
	}
	if got, _ := m.Memory().Read(cDst, 16); bytes.Contains(got, key[:4]) {
		t.Fatal("key bytes reached TA memory")
	}
}

// TestCryptoHandleLimit: a TA cannot grow the core without bound, and
// Release frees everything.
func TestCryptoHandleLimit(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	for i := 0; i < maxHandles; i++ {
		must(t, s, m, abi.SysCrypStateAlloc, uint64(abi.AlgSHA256), uint64(abi.ModeDigest), 0, cOut)
	}
	if res, _ := try(s, m, abi.SysCrypObjAlloc, uint64(abi.TypeAES), 128, cOut); res != abi.ErrOutOfMemory {
		t.Fatalf("handle %d: %v, want OUT_OF_MEMORY", maxHandles+1, res)
	}
	last := u32At(t, m, cOut)
	must(t, s, m, abi.SysCrypStateFree, uint64(last))
	must(t, s, m, abi.SysCrypObjAlloc, uint64(abi.TypeAES), 128, cOut)
	if u32At(t, m, cOut) == last {
		t.Fatal("a freed handle number was reused")
	}
	s.Release()
	if len(s.handles.m) != 0 {
		t.Fatalf("%d handles after Release", len(s.handles.m))
	}
	must(t, s, m, abi.SysCrypStateFree, 0) // TEE_HANDLE_NULL is ignored
	must(t, s, m, abi.SysCrypObjClose, 0)
}
