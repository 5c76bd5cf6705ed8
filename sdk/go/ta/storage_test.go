//go:build !wasip1

package ta

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// The persistent object API against FakeCore (the core's storage engine
// over memory). FakeCore is process-wide, so these tests do not run in
// parallel, except the one that needs no core.

// TestStorageConstantsMatchABI checks every generated constant against the
// name table the C headers are checked against.
func TestStorageConstantsMatchABI(t *testing.T) {
	t.Parallel()
	want := abi.StorageConstants()
	if len(storageConstNames) != len(want) {
		t.Errorf("%d SDK constants, abi has %d", len(storageConstNames), len(want))
	}
	for name, v := range want {
		got, ok := storageConstNames[name]
		if !ok {
			t.Errorf("%s missing from the SDK", name)
		} else if got != v {
			t.Errorf("%s = %#x, want %#x", name, got, v)
		}
	}
}

const (
	rw      = DataFlagAccessRead | DataFlagAccessWrite
	rwm     = rw | DataFlagAccessWriteMeta
	shareRW = DataFlagShareRead | DataFlagShareWrite
)

// create makes a data object id with data and returns it opened with
// flags.
func create(t *testing.T, id string, flags uint32, data []byte) ObjectHandle {
	t.Helper()
	o, err := CreatePersistentObject(StoragePrivate, []byte(id), flags, HandleNull, data)
	must(t, err)
	return o
}

// readAll reads o's stream from the start.
func readAll(t *testing.T, o ObjectHandle) []byte {
	t.Helper()
	must(t, o.SeekData(0, DataSeekSet))
	buf := make([]byte, 1<<12)
	n, err := o.ReadData(buf)
	must(t, err)
	return buf[:n]
}

func TestStorageDataStream(t *testing.T) {
	quietCore()
	o := create(t, "stream", rwm, []byte("hello"))
	info, err := o.Info()
	must(t, err)
	wantFlags := HandleFlagPersistent | HandleFlagInitialized | rwm
	if info.ObjectType != TypeData || info.DataSize != 5 || info.DataPosition != 0 || info.HandleFlags != wantFlags {
		t.Errorf("Info after create = %+v, want a data object of 5 bytes at 0, flags %#x", info, wantFlags)
	}
	steps := []struct {
		name string
		do   func() error
		want string // the whole stream afterwards
		pos  uint32
	}{
		{"seek to end, write", func() error {
			must(t, o.SeekData(0, DataSeekEnd))
			return o.WriteData([]byte(", world"))
		}, "hello, world", 12},
		{"seek past end, write fills zeros", func() error {
			must(t, o.SeekData(2, DataSeekCur))
			return o.WriteData([]byte("!"))
		}, "hello, world\x00\x00!", 15},
		{"negative seek clamps at 0", func() error { return o.SeekData(-100, DataSeekCur) }, "hello, world\x00\x00!", 0},
		{"truncate keeps the position", func() error {
			must(t, o.SeekData(7, DataSeekSet))
			return o.TruncateData(5)
		}, "hello", 7},
		// The check of the previous step read the stream: position 5.
		{"truncate extends with zeros", func() error { return o.TruncateData(8) }, "hello\x00\x00\x00", 5},
		{"seek end -1", func() error { return o.SeekData(-1, DataSeekEnd) }, "hello\x00\x00\x00", 7},
	}
	for _, s := range steps {
		must(t, s.do())
		info, err := o.Info()
		must(t, err)
		if info.DataPosition != s.pos {
			t.Errorf("%s: position %d, want %d", s.name, info.DataPosition, s.pos)
		}
		if got := readAll(t, o); string(got) != s.want {
			t.Errorf("%s: stream %q, want %q", s.name, got, s.want)
		}
		if info.DataSize != uint32(len(s.want)) {
			t.Errorf("%s: DataSize %d, want %d", s.name, info.DataSize, len(s.want))
		}
	}
	must(t, o.SeekData(6, DataSeekSet))
	buf := make([]byte, 10)
	if n, err := o.ReadData(buf); err != nil || n != 2 {
		t.Errorf("ReadData at 6 of 8 bytes = %d, %v; want 2", n, err)
	}
	if n, err := o.ReadData(buf); err != nil || n != 0 {
		t.Errorf("ReadData at the end = %d, %v; want 0", n, err)
	}
	if err := o.SeekData(-1, DataSeekEnd); err != nil {
		t.Fatal(err)
	}
	o.Close()

	// The stream outlives the handle; a second handle has its own position.
	a, err := OpenPersistentObject(StoragePrivate, []byte("stream"), DataFlagAccessRead|DataFlagShareRead)
	must(t, err)
	b, err := OpenPersistentObject(StoragePrivate, []byte("stream"), DataFlagAccessRead|DataFlagShareRead)
	must(t, err)
	must(t, a.SeekData(3, DataSeekSet))
	if got := readAll(t, b); string(got) != "hello\x00\x00\x00" {
		t.Errorf("reopened stream %q", got)
	}
	if i, _ := a.Info(); i.DataPosition != 3 {
		t.Errorf("first handle's position %d, want 3", i.DataPosition)
	}
	a.Close()
	b.Close()
}

func TestStorageSeekOverflow(t *testing.T) {
	quietCore()
	o := create(t, "far", rw, nil)
	defer o.Close()
	must(t, o.SeekData(0x7FFFFFFF, DataSeekSet))
	must(t, o.SeekData(0x7FFFFFFF, DataSeekCur))
	if err := o.SeekData(2, DataSeekCur); err != ErrOverflow {
		t.Errorf("SeekData past TEE_DATA_MAX_POSITION: %v, want OVERFLOW", err)
	}
	if i, _ := o.Info(); i.DataPosition != 0xFFFFFFFE {
		t.Errorf("position after a refused seek %#x, want 0xFFFFFFFE", i.DataPosition)
	}
	if err := o.WriteData([]byte("abc")); err != ErrOverflow {
		t.Errorf("WriteData past TEE_DATA_MAX_POSITION: %v, want OVERFLOW", err)
	}
}

func TestStorageCreateOpenDelete(t *testing.T) {
	quietCore()
	o := create(t, "obj", rwm, []byte("v1"))
	if _, err := CreatePersistentObject(StoragePrivate, []byte("obj"), rwm|DataFlagOverwrite, HandleNull, nil); err != ErrAccessConflict {
		t.Errorf("create over an open object: %v, want ACCESS_CONFLICT", err)
	}
	o.Close()
	if _, err := CreatePersistentObject(StoragePrivate, []byte("obj"), rwm, HandleNull, nil); err != ErrAccessConflict {
		t.Errorf("create over an existing object: %v, want ACCESS_CONFLICT", err)
	}
	must(t, CreatePersistentObjectNoHandle(StoragePrivate, []byte("obj"), rwm|DataFlagOverwrite, HandleNull, []byte("v2")))
	// No handle was kept: an exclusive open succeeds.
	o, err := OpenPersistentObject(StoragePrivate, []byte("obj"), rwm)
	must(t, err)
	if got := readAll(t, o); string(got) != "v2" {
		t.Errorf("overwritten object holds %q", got)
	}
	must(t, o.CloseAndDelete())
	if _, err := OpenPersistentObject(StoragePrivate, []byte("obj"), DataFlagAccessRead); err != ErrItemNotFound {
		t.Errorf("open after delete: %v, want ITEM_NOT_FOUND", err)
	}
	must(t, ObjectHandle(HandleNull).CloseAndDelete())

	for _, sid := range []uint32{StoragePrivateREE, StoragePrivateRPMB} {
		o, err := CreatePersistentObject(sid, []byte("obj"), rwm, HandleNull, []byte(fmt.Sprint(sid)))
		must(t, err)
		o.Close()
	}
	if _, err := OpenPersistentObject(0x12345678, []byte("obj"), DataFlagAccessRead); err != ErrItemNotFound {
		t.Errorf("open in an unknown storage: %v, want ITEM_NOT_FOUND", err)
	}
	if _, err := CreatePersistentObject(0x12345678, []byte("obj"), rwm, HandleNull, nil); err != ErrItemNotFound {
		t.Errorf("create in an unknown storage: %v, want ITEM_NOT_FOUND", err)
	}
	// Every storage id is a namespace of its own.
	if _, err := OpenPersistentObject(StoragePrivate, []byte("obj"), DataFlagAccessRead); err != ErrItemNotFound {
		t.Errorf("REE and RPMB objects seen in TEE_STORAGE_PRIVATE: %v", err)
	}
	o, err = OpenPersistentObject(StoragePrivateRPMB, []byte("obj"), DataFlagAccessRead)
	must(t, err)
	if got := readAll(t, o); string(got) != fmt.Sprint(StoragePrivateRPMB) {
		t.Errorf("RPMB object holds %x", got)
	}
	o.Close()
}

func TestStorageRename(t *testing.T) {
	quietCore()
	other := create(t, "other", rwm, nil)
	other.Close()
	o := create(t, "old", rwm, []byte("data"))
	for _, id := range []string{"other", "old"} {
		if err := o.Rename([]byte(id)); err != ErrAccessConflict {
			t.Errorf("Rename onto %q: %v, want ACCESS_CONFLICT", id, err)
		}
	}
	must(t, o.Rename([]byte("new")))
	if got := readAll(t, o); string(got) != "data" {
		t.Errorf("renamed object holds %q", got)
	}
	o.Close()
	if _, err := OpenPersistentObject(StoragePrivate, []byte("old"), DataFlagAccessRead); err != ErrItemNotFound {
		t.Errorf("old id after rename: %v, want ITEM_NOT_FOUND", err)
	}
	o, err := OpenPersistentObject(StoragePrivate, []byte("new"), DataFlagAccessRead)
	must(t, err)
	o.Close()
}

// TestStorageSharing checks GPD_SPE_010 §5.7.1's sharing rules on a second open
// of an object that is open once.
func TestStorageSharing(t *testing.T) {
	const (
		r, w, m  = DataFlagAccessRead, DataFlagAccessWrite, DataFlagAccessWriteMeta
		sr, sw   = DataFlagShareRead, DataFlagShareWrite
		conflict = ErrAccessConflict
	)
	tests := []struct {
		first, second uint32
		want          error
	}{
		{r | sr, r | sr, nil},
		{r, r | sr, conflict},
		{r | sr, r, conflict},
		{r | sr | sw, w | sr | sw, nil},
		{w | sw, w | sw, nil},
		{w | sw | sr, r | sw, conflict},
		{m, 0, conflict},
		{0, m, conflict},
		{0, 0, nil},
		{sr | sw, r | w | sr | sw, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%#x_then_%#x", tt.first, tt.second), func(t *testing.T) {
			quietCore()
			create(t, "shared", rwm, nil).Close()
			a, err := OpenPersistentObject(StoragePrivate, []byte("shared"), tt.first)
			must(t, err)
			defer a.Close()
			b, err := OpenPersistentObject(StoragePrivate, []byte("shared"), tt.second)
			if err != tt.want {
				t.Fatalf("second open: %v, want %v", err, tt.want)
			}
			b.Close()
		})
	}
}

// TestStorageKeyObject checks a persistent key: made from a transient
// one, it keeps type, size, usage and key, works in an operation, and its
// restricted usage persists.
func TestStorageKeyObject(t *testing.T) {
	quietCore()
	key := bytes.Repeat([]byte{0x42}, 16)
	k := secretKey(t, TypeAES, key)
	must(t, k.RestrictUsage(UsageEncrypt|UsageDecrypt|UsageExtractable))
	p, err := CreatePersistentObject(StoragePrivate, []byte("key"), rwm, k, []byte("meta"))
	must(t, err)
	k.Free()

	info, err := p.Info()
	must(t, err)
	if info.ObjectType != TypeAES || info.ObjectSize != 128 || info.MaxObjectSize != 128 ||
		info.ObjectUsage != UsageEncrypt|UsageDecrypt|UsageExtractable || info.DataSize != 4 {
		t.Errorf("Info of the persistent key = %+v", info)
	}
	got := make([]byte, 32)
	n, err := p.BufferAttribute(AttrSecretValue, got)
	if err != nil || !bytes.Equal(got[:n], key) {
		t.Errorf("BufferAttribute = %x, %v; want %x", got[:n], err, key)
	}

	// The persistent key encrypts as the transient one does.
	iv := make([]byte, 16)
	msg := []byte("sixteen byte blk")
	encrypt := func(k ObjectHandle) []byte {
		op := keyedOp(t, AlgAESCBCNoPad, ModeEncrypt, 128, k)
		defer op.Free()
		op.CipherInit(iv)
		out := make([]byte, 16)
		_, err := op.CipherDoFinal(msg, out)
		must(t, err)
		return out
	}
	want := encrypt(secretKey(t, TypeAES, key))
	if ct := encrypt(p); !bytes.Equal(ct, want) {
		t.Errorf("persistent key encrypts to %x, want %x", ct, want)
	}

	// A copy into a transient object, and a persistent object made from
	// the persistent one.
	tr, err := AllocateTransientObject(TypeAES, 128)
	must(t, err)
	must(t, tr.CopyAttributesFrom(p))
	if ct := encrypt(tr); !bytes.Equal(ct, want) {
		t.Errorf("copied key encrypts to %x, want %x", ct, want)
	}
	must(t, CreatePersistentObjectNoHandle(StoragePrivate, []byte("key2"), 0, p, nil))

	// Restricting the usage persists.
	must(t, p.RestrictUsage(UsageEncrypt))
	p.Close()
	p, err = OpenPersistentObject(StoragePrivate, []byte("key"), DataFlagAccessRead)
	must(t, err)
	if info, _ := p.Info(); info.ObjectUsage != UsageEncrypt {
		t.Errorf("usage after reopen %#x, want ENCRYPT only", info.ObjectUsage)
	}
	if code := panics(func() { p.BufferAttribute(AttrSecretValue, got) }); code == 0 {
		t.Error("reading the secret of a key no longer extractable did not panic")
	}
	p2, err := OpenPersistentObject(StoragePrivate, []byte("key2"), DataFlagAccessRead)
	must(t, err)
	if info, _ := p2.Info(); info.ObjectType != TypeAES || info.ObjectSize != 128 || info.DataSize != 0 {
		t.Errorf("Info of the key made from a persistent key = %+v", info)
	}
	if ct := encrypt(p2); !bytes.Equal(ct, want) {
		t.Errorf("second persistent key encrypts to %x, want %x", ct, want)
	}
	p2.Close()
}

func TestStorageDataObjectAttributes(t *testing.T) {
	quietCore()
	o := create(t, "data", rwm, nil)
	defer o.Close()
	if _, err := o.BufferAttribute(AttrSecretValue, make([]byte, 8)); err != ErrItemNotFound {
		t.Errorf("BufferAttribute of a data object: %v, want ITEM_NOT_FOUND", err)
	}
	if _, _, err := o.ValueAttribute(AttrECCCurve); err != ErrItemNotFound {
		t.Errorf("ValueAttribute of a data object: %v, want ITEM_NOT_FOUND", err)
	}
}

func TestStorageEnumerator(t *testing.T) {
	quietCore()
	ids := []string{"b", "a", "a-much-longer-object-id", "c"}
	for i, id := range ids {
		create(t, id, rw, bytes.Repeat([]byte{1}, i)).Close()
	}
	e, err := AllocatePersistentObjectEnumerator()
	must(t, err)
	defer e.Free()
	if _, _, err := e.GetNext(make([]byte, ObjectIDMaxLen)); err != ErrItemNotFound {
		t.Errorf("GetNext before Start: %v, want ITEM_NOT_FOUND", err)
	}
	if err := e.Start(StoragePrivateRPMB); err != ErrItemNotFound {
		t.Errorf("Start over an empty storage: %v, want ITEM_NOT_FOUND", err)
	}
	must(t, e.Start(StoragePrivate))
	// The ids come sorted; a short buffer gives the size needed and does
	// not move the enumerator.
	want := []struct {
		id   string
		size uint32
	}{{"a", 1}, {"a-much-longer-object-id", 2}, {"b", 0}, {"c", 3}}
	for _, w := range want {
		buf := make([]byte, 4)
		if len(w.id) > len(buf) {
			_, n, err := e.GetNext(buf)
			if err != ErrShortBuffer || n != len(w.id) {
				t.Errorf("GetNext into 4 bytes: %d, %v; want %d, SHORT_BUFFER", n, err, len(w.id))
			}
			buf = make([]byte, ObjectIDMaxLen)
		}
		info, n, err := e.GetNext(buf)
		must(t, err)
		if string(buf[:n]) != w.id || info.DataSize != w.size || info.ObjectType != TypeData ||
			info.HandleFlags != HandleFlagPersistent|HandleFlagInitialized {
			t.Errorf("GetNext = %q %+v, want %q of %d bytes", buf[:n], info, w.id, w.size)
		}
	}
	if _, _, err := e.GetNext(make([]byte, ObjectIDMaxLen)); err != ErrItemNotFound {
		t.Errorf("GetNext at the end: %v, want ITEM_NOT_FOUND", err)
	}
	must(t, e.Start(StoragePrivate))
	e.Reset()
	if _, _, err := e.GetNext(make([]byte, ObjectIDMaxLen)); err != ErrItemNotFound {
		t.Errorf("GetNext after Reset: %v, want ITEM_NOT_FOUND", err)
	}
	ObjectEnumHandle(HandleNull).Free()
	ObjectEnumHandle(HandleNull).Reset()
}

// TestStorageMisusePanics checks that misuse GP says panics kills the TA,
// with the code the core (or, as libutee, the SDK) gives.
func TestStorageMisusePanics(t *testing.T) {
	long := bytes.Repeat([]byte{'x'}, ObjectIDMaxLen+1)
	open := func(flags uint32) ObjectHandle {
		o, err := OpenPersistentObject(StoragePrivate, []byte("victim"), flags)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	tests := []struct {
		name string
		f    func()
		want Result
	}{
		{"read without ACCESS_READ", func() { open(DataFlagAccessWrite).ReadData(make([]byte, 4)) }, ErrAccessConflict},
		{"write without ACCESS_WRITE", func() { open(DataFlagAccessRead).WriteData([]byte("x")) }, ErrAccessConflict},
		{"truncate without ACCESS_WRITE", func() { open(DataFlagAccessRead).TruncateData(0) }, ErrAccessConflict},
		{"rename without WRITE_META", func() { open(DataFlagAccessRead).Rename([]byte("y")) }, ErrBadState},
		{"delete without WRITE_META", func() { open(DataFlagAccessRead).CloseAndDelete() }, ErrAccessConflict},
		{"rename to a long id", func() { open(DataFlagAccessWriteMeta).Rename(long) }, ErrBadParameters},
		{"rename HandleNull", func() { ObjectHandle(HandleNull).Rename([]byte("y")) }, ErrItemNotFound},
		{"undefined open flag", func() { OpenPersistentObject(StoragePrivate, []byte("victim"), 0x8) }, ErrBadParameters},
		{"OVERWRITE on open", func() { OpenPersistentObject(StoragePrivate, []byte("victim"), DataFlagOverwrite) }, ErrBadParameters},
		{"long id on open", func() { OpenPersistentObject(StoragePrivate, long, DataFlagAccessRead) }, ErrBadParameters},
		{"long id on create", func() { CreatePersistentObject(StoragePrivate, long, 0, HandleNull, nil) }, ErrBadParameters},
		{"undefined seek origin", func() { open(DataFlagAccessRead).SeekData(0, 3) }, ErrBadParameters},
		{"read HandleNull", func() { ObjectHandle(HandleNull).ReadData(make([]byte, 1)) }, ErrBadParameters},
		{"read a transient object", func() {
			o, _ := AllocateTransientObject(TypeAES, 128)
			o.ReadData(make([]byte, 1))
		}, ErrBadParameters},
		{"read an unknown handle", func() { ObjectHandle(0x7777).ReadData(make([]byte, 1)) }, ErrBadParameters},
		{"reset a persistent object", func() { open(DataFlagAccessRead).Reset() }, ErrBadParameters},
		{"create from an uninitialised object", func() {
			o, _ := AllocateTransientObject(TypeAES, 128)
			CreatePersistentObject(StoragePrivate, []byte("k"), 0, o, nil)
		}, ErrBadParameters},
		{"data object as a key", func() {
			op, _ := AllocateOperation(AlgAESECBNoPad, ModeEncrypt, 128)
			op.SetKey(open(DataFlagAccessRead))
		}, ErrBadParameters},
		{"start an object handle as enumerator", func() {
			ObjectEnumHandle(open(DataFlagAccessRead)).Start(StoragePrivate)
		}, ErrBadParameters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			quietCore()
			create(t, "victim", rwm, []byte("data")).Close()
			if got := panics(tt.f); got != tt.want {
				t.Errorf("panic 0x%08x, want 0x%08x", uint32(got), uint32(tt.want))
			}
		})
	}
}
