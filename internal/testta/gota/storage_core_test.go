package main

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
	"github.com/veritee/veritee/internal/testta"
)

// miniCoreUUID is the namespace of the miniCore's persistent objects.
var miniCoreUUID = abi.MustParseUUID("5e0e5e0e-0000-4000-8000-00000000bead")

// memStorage is the storage engine over in-memory REE services, closed
// with the test.
func memStorage(t *testing.T) *storage.Opened {
	t.Helper()
	st, err := storage.OpenServices(ree.NewMem(), ree.NewMem(), huk.New(), reefs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestWasmStorage drives the storage commands of the wasm TA through the
// core's handlers: a persistent key made from a transient one and used in
// an operation, the data stream, an enumeration with the id length
// reported, the create without a handle, and a misuse that kills.
func TestWasmStorage(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	sess, r, _ := c.open([4]arg{none, none, none, none})
	if r != abi.Success {
		t.Fatal(r)
	}
	const rwm = abi.DataFlagAccessRead | abi.DataFlagAccessWrite | abi.DataFlagAccessWriteMeta
	key := bytes.Repeat([]byte{0x2b}, 16)

	r, out := c.crypt(t, sess, testta.CmdCrypAllocTransientObject, [4]arg{in2(abi.TypeAES, 128), valOut(), none, none})
	tr := out[1].a
	if r != abi.Success {
		t.Fatal(r)
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypPopulateTransientObject, [4]arg{in(tr), attrsIn(testta.Attr{ID: abi.AttrSecretValue, Ref: key}), none, none}); r != abi.Success {
		t.Fatalf("Populate: %v", r)
	}
	r, out = c.crypt(t, sess, testta.CmdStorCreate, [4]arg{in2(abi.StoragePrivate, rwm), memIn([]byte("key")),
		val(abi.ParamValueInout, tr, 0), memIn([]byte("0123456789"))})
	obj := out[2].a
	if r != abi.Success || obj == 0 || out[2].b != 0 {
		t.Fatalf("CmdStorCreate: %v, (%d, %d)", r, out[2].a, out[2].b)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypGetObjectInfo, [4]arg{in(obj), memOut(abi.ObjectInfoSize), none, none})
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(out[1].data[4*i:]) }
	if r != abi.Success || u(0) != abi.TypeAES || u(1) != 128 || u(4) != 10 || u(6) != abi.HandleFlagPersistent|abi.HandleFlagInitialized|rwm {
		t.Errorf("GetObjectInfo of the persistent key: %v %x", r, out[1].data)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypGetObjectBufferAttribute, [4]arg{in2(obj, abi.AttrSecretValue), memOut(32), none, none})
	if r != abi.Success || !bytes.Equal(out[1].data[:out[1].size], key) {
		t.Errorf("secret of the persistent key: %v %x", r, out[1].data[:out[1].size])
	}

	steps := []struct {
		name string
		cmd  uint32
		args [4]arg
		want abi.Result
	}{
		{"seek -4 from the end", testta.CmdStorSeek, [4]arg{in2(obj, 0xFFFFFFFC), in(abi.DataSeekEnd), none, none}, abi.Success},
		{"write", testta.CmdStorWrite, [4]arg{in(obj), memIn([]byte("ABCDEF")), none, none}, abi.Success},
		{"truncate", testta.CmdStorTruncate, [4]arg{in2(obj, 11), none, none, none}, abi.Success},
		{"seek to 4", testta.CmdStorSeek, [4]arg{in2(obj, 4), in(abi.DataSeekSet), none, none}, abi.Success},
		{"rename onto itself", testta.CmdStorRename, [4]arg{in(obj), memIn([]byte("key")), none, none}, abi.ErrAccessConflict},
		{"rename", testta.CmdStorRename, [4]arg{in(obj), memIn([]byte("renamed-key")), none, none}, abi.Success},
	}
	for _, s := range steps {
		if r, _ := c.crypt(t, sess, s.cmd, s.args); r != s.want {
			t.Fatalf("%s: %v, want %v", s.name, r, s.want)
		}
	}
	r, out = c.crypt(t, sess, testta.CmdStorRead, [4]arg{in(obj), memOut(16), none, none})
	if r != abi.Success || string(out[1].data[:out[1].size]) != "45ABCDE" {
		t.Errorf("CmdStorRead: %v %q, want 45ABCDE", r, out[1].data[:out[1].size])
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypCloseObject, [4]arg{in(obj), none, none, none}); r != abi.Success {
		t.Fatal(r)
	}

	// A data object created without a handle; then the enumeration.
	r, out = c.crypt(t, sess, testta.CmdStorCreate, [4]arg{in2(abi.StoragePrivate, 0), memIn([]byte("data")),
		val(abi.ParamValueInout, 0, 1), {typ: abi.ParamMemrefInput, null: true}})
	if r != abi.Success || out[2].a != 0 || out[2].b != 1 {
		t.Fatalf("CmdStorCreate without a handle: %v, (%d, %d)", r, out[2].a, out[2].b)
	}
	r, out = c.crypt(t, sess, testta.CmdStorAllocEnum, [4]arg{valOut(), none, none, none})
	enum := out[0].a
	if r != abi.Success || enum == 0 {
		t.Fatalf("CmdStorAllocEnum: %v %d", r, enum)
	}
	if r, _ := c.crypt(t, sess, testta.CmdStorStartEnum, [4]arg{in2(enum, abi.StoragePrivate), none, none, none}); r != abi.Success {
		t.Fatalf("CmdStorStartEnum: %v", r)
	}
	want := []struct {
		id  string
		typ uint32
	}{{"data", abi.TypeData}, {"renamed-key", abi.TypeAES}}
	for _, w := range want {
		r, out = c.crypt(t, sess, testta.CmdStorNextEnum, [4]arg{in(enum), memOut(abi.ObjectInfoSize), memOut(8), none})
		if len(w.id) > 8 {
			if r != abi.ErrShortBuffer || out[2].size != uint32(len(w.id)) {
				t.Errorf("CmdStorNextEnum into 8 bytes: %v, size %d; want SHORT_BUFFER, %d", r, out[2].size, len(w.id))
			}
			continue // the enumerator moved past it, as the protocol says
		}
		if r != abi.Success || string(out[2].data[:out[2].size]) != w.id || binary.LittleEndian.Uint32(out[1].data) != w.typ {
			t.Errorf("CmdStorNextEnum: %v %q %x, want %q", r, out[2].data[:out[2].size], out[1].data, w.id)
		}
	}
	if r, _ := c.crypt(t, sess, testta.CmdStorNextEnum, [4]arg{in(enum), nullOut(0), memOut(64), none}); r != abi.ErrItemNotFound {
		t.Errorf("CmdStorNextEnum at the end: %v, want ITEM_NOT_FOUND", r)
	}
	if r, _ := c.crypt(t, sess, testta.CmdStorFreeEnum, [4]arg{in(enum), none, none, none}); r != abi.Success {
		t.Errorf("CmdStorFreeEnum: %v", r)
	}

	r, out = c.crypt(t, sess, testta.CmdStorBench, [4]arg{in2(testta.StorBenchEnumerate, 2), in2(abi.StoragePrivate, 0), memIn(nil), valOut()})
	if r != abi.Success || out[3].a != 2 {
		t.Errorf("CmdStorBench enumerate: %v, %d objects; want 2", r, out[3].a)
	}

	// Reading without ACCESS_READ: the SDK panics the TA on the core's
	// ACCESS_CONFLICT.
	r, out = c.crypt(t, sess, testta.CmdStorOpen, [4]arg{in2(abi.StoragePrivate, abi.DataFlagAccessWrite), memIn([]byte("data")), valOut(), none})
	if r != abi.Success {
		t.Fatalf("CmdStorOpen: %v", r)
	}
	_, _, err := c.invoke(sess, testta.CmdStorRead, [4]arg{in(out[2].a), memOut(4), none, none})
	if code, ok := exitCode(err); !ok || code != uint32(abi.ErrAccessConflict) {
		t.Errorf("read without ACCESS_READ: %v, want the TA panicked with ACCESS_CONFLICT", err)
	}
}
