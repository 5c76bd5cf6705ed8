package hostapi

import (
	"bytes"
	"testing"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
)

// Memory map of the storage tests, beside the crypto tests' areas.
const (
	sID   = 0x600 // object ids
	sInfo = 0x700 // TEE_ObjectInfo
	sLen  = 0x780 // lengths and counts
)

// memStorage opens an in-memory storage for one test.
func memStorage(t testing.TB) *storage.Opened {
	t.Helper()
	st, err := storage.OpenServices(ree.NewMem(), ree.NewMem(), huk.New(), reefs.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// storageState returns a State with st as its storage.
func storageState(st Storage) *State {
	s, _ := newState()
	s.Storage = st
	return s
}

// objInfo reads the TEE_ObjectInfo at sInfo.
func objInfo(t *testing.T, m api.Module) [7]uint32 {
	t.Helper()
	var v [7]uint32
	for i := range v {
		v[i] = u32At(t, m, sInfo+uint32(4*i))
	}
	return v
}

// createObj creates id with flags and attributes from attr, returning the
// handle.
func createObj(t *testing.T, s *State, m api.Module, id string, flags, attr uint32, data []byte) uint32 {
	t.Helper()
	m.Memory().WriteString(sID, id)
	m.Memory().Write(cIn, data)
	must(t, s, m, abi.SysStorageObjCreate, uint64(abi.StoragePrivate), sID, uint64(len(id)), uint64(flags), uint64(attr), cIn, uint64(len(data)), cOut)
	return u32At(t, m, cOut)
}

func openObj(s *State, m api.Module, id string, flags uint32) (uint32, abi.Result) {
	m.Memory().WriteString(sID, id)
	res := call(s, m, abi.SysStorageObjOpen, uint64(abi.StoragePrivate), sID, uint64(len(id)), uint64(flags), cOut)
	v, _ := m.Memory().ReadUint32Le(cOut)
	return v, res
}

const rw = abi.DataFlagAccessRead | abi.DataFlagAccessWrite | abi.DataFlagAccessWriteMeta

// TestStoragePersistentKey: a persistent object made from an AES key
// encrypts as the key does, after a close and reopen; its info says
// persistent and initialised, and TEE_RestrictObjectUsage1 persists.
func TestStoragePersistentKey(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	st := memStorage(t)
	s := storageState(st)
	key := bytes.Repeat([]byte{3}, 16)
	obj, op := aesOp(t, s, m, key, abi.AlgAESECBNoPad, abi.ModeEncrypt)
	p := createObj(t, s, m, "k", rw, obj, []byte("data"))
	must(t, s, m, abi.SysCrypObjGetInfo, uint64(p), sInfo)
	got := objInfo(t, m)
	want := [7]uint32{abi.TypeAES, 128, 128, abi.UsageDefault, 4, 0, abi.HandleFlagPersistent | abi.HandleFlagInitialized | rw}
	if got != want {
		t.Fatalf("info %x, want %x", got, want)
	}
	must(t, s, m, abi.SysCrypObjRestrictUsage, uint64(p), uint64(^(abi.UsageDecrypt | abi.UsageExtractable)))
	must(t, s, m, abi.SysCrypObjClose, uint64(p))

	p, res := openObj(s, m, "k", abi.DataFlagAccessRead)
	if res != abi.Success {
		t.Fatal(res)
	}
	must(t, s, m, abi.SysCrypObjGetInfo, uint64(p), sInfo)
	if u := objInfo(t, m)[3]; u != ^(abi.UsageDecrypt | abi.UsageExtractable) {
		t.Errorf("usage after reopen %#x", u)
	}
	must(t, s, m, abi.SysCrypStateAlloc, uint64(abi.AlgAESECBNoPad), uint64(abi.ModeEncrypt), 128, cOut)
	op2 := u32At(t, m, cOut)
	must(t, s, m, abi.SysCrypStateSetKey, uint64(op2), 1, uint64(p), 0)
	pt := bytes.Repeat([]byte{0x42}, 16)
	var outs [2][]byte
	for i, o := range []uint32{op, op2} {
		m.Memory().Write(cIn, pt)
		m.Memory().WriteUint32Le(sLen, 16)
		must(t, s, m, abi.SysCipherInit, uint64(o), 0, 0)
		must(t, s, m, abi.SysCipherFinal, uint64(o), cIn, 16, cDst, sLen)
		outs[i], _ = m.Memory().Read(cDst, 16)
		outs[i] = bytes.Clone(outs[i])
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Errorf("persistent key encrypts to %x, transient to %x", outs[1], outs[0])
	}
	// A secret attribute of a non-extractable key panics the TA.
	m.Memory().WriteUint32Le(sLen, 64)
	if _, pe := try(s, m, abi.SysCrypObjGetAttr, uint64(p), uint64(abi.AttrSecretValue), cDst, sLen); pe == nil {
		t.Error("secret attribute read from a persistent object")
	}
}

// TestStorageTransientOnly: reset, populate, generate and derive take
// transient objects only; a persistent handle panics the TA, as does an
// enumerator passed as an object and an object passed as an enumerator.
func TestStorageTransientOnly(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	st := memStorage(t)
	calls := []struct {
		name string
		nr   uint32
		args func(p, e uint32) []uint64
	}{
		{"reset", abi.SysCrypObjReset, func(p, _ uint32) []uint64 { return []uint64{uint64(p)} }},
		{"populate", abi.SysCrypObjPopulate, func(p, _ uint32) []uint64 { return []uint64{uint64(p), cAttrs, 0} }},
		{"generate", abi.SysCrypObjGenerateKey, func(p, _ uint32) []uint64 { return []uint64{uint64(p), 128, 0, 0} }},
		{"copy into", abi.SysCrypObjCopy, func(p, _ uint32) []uint64 { return []uint64{uint64(p), uint64(p)} }},
		{"enum as object", abi.SysCrypObjClose, func(_, e uint32) []uint64 { return []uint64{uint64(e)} }},
		{"object as enum", abi.SysStorageStartEnum, func(p, _ uint32) []uint64 { return []uint64{uint64(p), uint64(abi.StoragePrivate)} }},
		{"data object as key", abi.SysCrypObjCopy, func(p, _ uint32) []uint64 { return []uint64{1, uint64(p + 1)} }},
		{"read a transient", abi.SysStorageObjRead, func(_, _ uint32) []uint64 { return []uint64{1, cDst, 4, sLen} }},
	}
	for _, c := range calls {
		s := storageState(st)
		obj, _ := aesOp(t, s, m, make([]byte, 16), abi.AlgAESECBNoPad, abi.ModeEncrypt)
		if obj != 1 {
			t.Fatalf("first handle %d", obj)
		}
		p := createObj(t, s, m, "t-"+c.name, rw, obj, nil)
		d := createObj(t, s, m, "d-"+c.name, rw, 0, nil)
		if d != p+1 {
			t.Fatalf("handles %d, %d", p, d)
		}
		must(t, s, m, abi.SysStorageAllocEnum, cOut)
		e := u32At(t, m, cOut)
		if _, pe := try(s, m, c.nr, c.args(p, e)...); pe == nil {
			t.Errorf("%s: no panic", c.name)
		}
		s.Release()
	}
}

// TestStorageResults: results that reach the TA as they are.
func TestStorageResults(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	st := memStorage(t)
	s := storageState(st)
	long := string(bytes.Repeat([]byte{'x'}, abi.ObjectIDMaxLen+1))
	a := createObj(t, s, m, "a", abi.DataFlagAccessRead|abi.DataFlagShareRead, 0, []byte("hello"))

	if _, res := openObj(s, m, long, abi.DataFlagAccessRead); res != abi.ErrBadParameters {
		t.Errorf("open with a %d-byte id: %v", len(long), res)
	}
	if _, res := openObj(s, m, "missing", abi.DataFlagAccessRead); res != abi.ErrItemNotFound {
		t.Errorf("open missing: %v", res)
	}
	if _, res := openObj(s, m, "a", abi.DataFlagAccessWrite); res != abi.ErrAccessConflict {
		t.Errorf("open for writing while shared for reading only: %v", res)
	}
	m.Memory().WriteString(sID, "a")
	if res := call(s, m, abi.SysStorageObjCreate, uint64(abi.StoragePrivate), sID, 1, uint64(rw), 0, 0, 0, cOut); res != abi.ErrAccessConflict {
		t.Errorf("create over an existing id: %v", res)
	}
	if res := call(s, m, abi.SysStorageObjWrite, uint64(a), cIn, 1); res != abi.ErrAccessConflict {
		t.Errorf("write on a read-only handle: %v", res)
	}
	if res := call(s, m, abi.SysStorageObjDel, uint64(a)); res != abi.ErrAccessConflict {
		t.Errorf("delete without WRITE_META: %v", res)
	}
	// The handle survived the refused delete.
	if res := call(s, m, abi.SysStorageObjRead, uint64(a), cDst, 16, sLen); res != abi.Success || u32At(t, m, sLen) != 5 {
		t.Errorf("read: %v, %d bytes", res, u32At(t, m, sLen))
	}
	if res := call(s, m, abi.SysStorageObjSeek, uint64(a), 0xFFFFFFFF, uint64(abi.DataSeekEnd)); res != abi.Success {
		t.Errorf("seek -1 from the end: %v", res)
	}
	if res := call(s, m, abi.SysStorageObjSeek, uint64(a), 0x7FFFFFFF, uint64(abi.DataSeekCur)); res != abi.Success {
		t.Errorf("seek +2^31-1: %v", res)
	}
	if res := call(s, m, abi.SysStorageObjSeek, uint64(a), 0x7FFFFFFF, uint64(abi.DataSeekCur)); res != abi.ErrOverflow {
		t.Errorf("seek past TEE_DATA_MAX_POSITION: %v", res)
	}
	if res := call(s, m, abi.SysStorageObjSeek, uint64(a), 0, 7); res != abi.ErrBadParameters {
		t.Errorf("seek with whence 7: %v", res)
	}

	// Enumeration: SHORT_BUFFER on the id sets the length needed.
	createObj(t, s, m, "a-longer-id", rw, 0, nil)
	must(t, s, m, abi.SysStorageAllocEnum, cOut)
	e := u32At(t, m, cOut)
	must(t, s, m, abi.SysStorageStartEnum, uint64(e), uint64(abi.StoragePrivate))
	m.Memory().WriteUint32Le(sLen, 0)
	if res := call(s, m, abi.SysStorageNextEnum, uint64(e), sInfo, cDst, sLen); res != abi.ErrShortBuffer || u32At(t, m, sLen) != 1 {
		t.Errorf("next with no room: %v, needs %d", res, u32At(t, m, sLen))
	}
	var ids []string
	for {
		m.Memory().WriteUint32Le(sLen, abi.ObjectIDMaxLen)
		res := call(s, m, abi.SysStorageNextEnum, uint64(e), 0, cDst, sLen)
		if res == abi.ErrItemNotFound {
			break
		}
		if res != abi.Success {
			t.Fatal(res)
		}
		b, _ := m.Memory().Read(cDst, u32At(t, m, sLen))
		ids = append(ids, string(b))
	}
	if len(ids) != 2 || ids[0] != "a" || ids[1] != "a-longer-id" {
		t.Errorf("enumerated %q", ids)
	}
	if res := call(s, m, abi.SysStorageStartEnum, uint64(e), uint64(abi.StoragePrivateRPMB)); res != abi.ErrItemNotFound {
		t.Errorf("start over an empty storage: %v", res)
	}
	if res := call(s, m, abi.SysStorageStartEnum, uint64(e), 0x1234); res != abi.ErrItemNotFound {
		t.Errorf("start over an unknown storage: %v", res)
	}
	must(t, s, m, abi.SysStorageFreeEnum, uint64(e))
	must(t, s, m, abi.SysStorageFreeEnum, 0)
	s.Release()
	// Release closed the handles: the object opens for writing now.
	s2 := storageState(st)
	if _, res := openObj(s2, m, "a", abi.DataFlagAccessWrite); res != abi.Success {
		t.Errorf("open after Release: %v", res)
	}
}

// TestStorageNotAvailable: an instance without storage gets
// STORAGE_NOT_AVAILABLE, and its enumerators are empty.
func TestStorageNotAvailable(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	if _, res := openObj(s, m, "x", abi.DataFlagAccessRead); res != abi.ErrStorageNotAvailable {
		t.Errorf("open: %v", res)
	}
	if res := call(s, m, abi.SysStorageObjCreate, uint64(abi.StoragePrivate), sID, 1, 0, 0, 0, 0, cOut); res != abi.ErrStorageNotAvailable {
		t.Errorf("create: %v", res)
	}
	must(t, s, m, abi.SysStorageAllocEnum, cOut)
	e := u32At(t, m, cOut)
	if res := call(s, m, abi.SysStorageStartEnum, uint64(e), uint64(abi.StoragePrivate)); res != abi.ErrStorageNotAvailable {
		t.Errorf("start enum: %v", res)
	}
	m.Memory().WriteUint32Le(sLen, 64)
	if res := call(s, m, abi.SysStorageNextEnum, uint64(e), 0, cDst, sLen); res != abi.ErrItemNotFound {
		t.Errorf("next: %v", res)
	}
}
