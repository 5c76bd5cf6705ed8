package storage

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// gpShareAllowed is GPD_SPE_010 §5.7.1 read literally: WRITE_META is
// exclusive; if either handle has ACCESS_READ both need SHARE_READ; if
// either has ACCESS_WRITE both need SHARE_WRITE.
func gpShareAllowed(a, b uint32) bool {
	meta := abi.DataFlagAccessWriteMeta
	if a&meta != 0 || b&meta != 0 {
		return false
	}
	anyRead := a&abi.DataFlagAccessRead != 0 || b&abi.DataFlagAccessRead != 0
	bothShareRead := a&abi.DataFlagShareRead != 0 && b&abi.DataFlagShareRead != 0
	anyWrite := a&abi.DataFlagAccessWrite != 0 || b&abi.DataFlagAccessWrite != 0
	bothShareWrite := a&abi.DataFlagShareWrite != 0 && b&abi.DataFlagShareWrite != 0
	return (!anyRead || bothShareRead) && (!anyWrite || bothShareWrite)
}

// allOpenFlags lists every combination of the five access and share flags.
func allOpenFlags() []uint32 {
	bits := []uint32{abi.DataFlagAccessRead, abi.DataFlagAccessWrite, abi.DataFlagAccessWriteMeta, abi.DataFlagShareRead, abi.DataFlagShareWrite}
	var out []uint32
	for m := 0; m < 1<<len(bits); m++ {
		var f uint32
		for i, b := range bits {
			if m&(1<<i) != 0 {
				f |= b
			}
		}
		out = append(out, f)
	}
	return out
}

func TestSharingRulesEveryPair(t *testing.T) {
	t.Parallel()
	s := newStorage(t)
	mustCreate(t, s.Storage, taA, abi.StoragePrivate, "obj", 0, []byte("x")).Close()
	for _, a := range allOpenFlags() {
		for _, b := range allOpenFlags() {
			h1, err := s.Open(taA, abi.StoragePrivate, []byte("obj"), a)
			if err != nil {
				t.Fatalf("first open 0x%x: %v", a, err)
			}
			h2, err := s.Open(taA, abi.StoragePrivate, []byte("obj"), b)
			want := gpShareAllowed(a, b)
			if want {
				wantCode(t, err, abi.Success)
				h2.Close()
			} else {
				if ResultOf(err) != abi.ErrAccessConflict {
					t.Fatalf("open 0x%x then 0x%x: %v, want ACCESS_CONFLICT", a, b, err)
				}
			}
			h1.Close()
		}
	}
}

func TestSharingRulesThreeHandles(t *testing.T) {
	t.Parallel()
	s := newStorage(t)
	mustCreate(t, s.Storage, taA, abi.StoragePrivateREE, "o", 0, nil).Close()
	r := abi.DataFlagAccessRead | shareRW
	h1, err := s.Open(taA, abi.StoragePrivateREE, []byte("o"), r)
	wantCode(t, err, abi.Success)
	h2, err := s.Open(taA, abi.StoragePrivateREE, []byte("o"), abi.DataFlagAccessWrite|shareRW)
	wantCode(t, err, abi.Success)
	// A third handle must agree with both: SHARE_READ alone conflicts with h2's write.
	_, err = s.Open(taA, abi.StoragePrivateREE, []byte("o"), abi.DataFlagShareRead)
	wantCode(t, err, abi.ErrAccessConflict)
	h2.Close()
	h3, err := s.Open(taA, abi.StoragePrivateREE, []byte("o"), abi.DataFlagAccessRead|abi.DataFlagShareRead)
	wantCode(t, err, abi.Success)
	h1.Close()
	h3.Close()
	h4, err := s.Open(taA, abi.StoragePrivateREE, []byte("o"), abi.DataFlagAccessWriteMeta)
	wantCode(t, err, abi.Success)
	h4.Close()
}

func TestCreateFlagsAndOverwrite(t *testing.T) {
	t.Parallel()
	for _, sid := range storageIDs {
		t.Run(fmt.Sprintf("0x%x", sid), func(t *testing.T) {
			t.Parallel()
			s := newStorage(t)
			id := []byte("key")
			tests := []struct {
				name  string
				flags uint32
				open  bool // an existing handle stays open during the create
				want  abi.Result
			}{
				{"new", rw, false, abi.Success},
				{"exists", rw, false, abi.ErrAccessConflict},
				{"exists-overwrite", rw | abi.DataFlagOverwrite, false, abi.Success},
				{"open-overwrite", abi.DataFlagOverwrite | shareRW, true, abi.ErrAccessConflict},
				{"undefined-flag", 0x800, false, abi.ErrBadParameters},
				{"undefined-flag-2", 0x8, false, abi.ErrBadParameters},
			}
			for i, tc := range tests {
				var open *Handle
				if tc.open {
					var err error
					open, err = s.Open(taA, sid, id, abi.DataFlagShareRead|abi.DataFlagShareWrite)
					wantCode(t, err, abi.Success)
				}
				data := []byte(fmt.Sprintf("v%d", i))
				h, err := s.Create(taA, sid, id, tc.flags, dataInfo, []byte("attr"), data)
				if ResultOf(err) != tc.want {
					t.Fatalf("%s: %v, want %v", tc.name, err, tc.want)
				}
				if err == nil {
					if got := h.HandleFlags(); got != abi.HandleFlagPersistent|abi.HandleFlagInitialized|tc.flags&^abi.DataFlagOverwrite {
						t.Fatalf("%s: handle flags 0x%x", tc.name, got)
					}
					if got := readAll(t, h); !bytes.Equal(got, data) {
						t.Fatalf("%s: data %q", tc.name, got)
					}
					h.Close()
				}
				if open != nil {
					open.Close()
				}
			}
			// An id of 64 bytes is fine, 65 is not; the empty id is an id.
			for _, c := range []struct {
				n    int
				want abi.Result
			}{{0, abi.Success}, {64, abi.Success}, {65, abi.ErrBadParameters}} {
				h, err := s.Create(taA, sid, bytes.Repeat([]byte{'i'}, c.n), 0, dataInfo, nil, nil)
				wantCode(t, err, c.want)
				if err == nil {
					h.Close()
				}
				_, err = s.Open(taA, sid, bytes.Repeat([]byte{'i'}, c.n), abi.DataFlagAccessRead)
				wantCode(t, err, c.want)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	s := newStorage(t)
	mustCreate(t, s.Storage, taA, abi.StoragePrivate, "o", 0, nil).Close()
	tests := []struct {
		name  string
		sid   uint32
		id    string
		flags uint32
		want  abi.Result
	}{
		{"ok", abi.StoragePrivate, "o", abi.DataFlagAccessRead, abi.Success},
		{"missing", abi.StoragePrivate, "p", abi.DataFlagAccessRead, abi.ErrItemNotFound},
		{"other-storage-id", abi.StoragePrivateREE, "o", abi.DataFlagAccessRead, abi.ErrItemNotFound},
		{"unknown-storage", 0x42, "o", abi.DataFlagAccessRead, abi.ErrItemNotFound},
		{"overwrite-not-for-open", abi.StoragePrivate, "o", abi.DataFlagOverwrite, abi.ErrBadParameters},
		{"undefined", abi.StoragePrivate, "o", 0x10000, abi.ErrBadParameters},
	}
	for _, tc := range tests {
		h, err := s.Open(taA, tc.sid, []byte(tc.id), tc.flags)
		if ResultOf(err) != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
		if err == nil {
			h.Close()
		}
	}
}

func TestDataStream(t *testing.T) {
	t.Parallel()
	for _, sid := range storageIDs {
		t.Run(fmt.Sprintf("0x%x", sid), func(t *testing.T) {
			t.Parallel()
			s := newStorage(t)
			h := mustCreate(t, s.Storage, taA, sid, "d", rw, []byte("0123456789"))
			defer h.Close()
			model := []byte("0123456789")
			type step struct {
				op     string
				off    int32
				whence uint32
				data   string
				n      int
				want   abi.Result
				pos    uint32
			}
			steps := []step{
				{op: "read", n: 4, pos: 4},
				{op: "write", data: "ab", pos: 6},
				{op: "seek", off: -3, whence: abi.DataSeekEnd, pos: 7},
				{op: "read", n: 10, pos: 10},
				{op: "read", n: 10, pos: 10},
				{op: "seek", off: 5, whence: abi.DataSeekCur, pos: 15},
				{op: "write", data: "Z", pos: 16}, // zero fill 10..14
				{op: "seek", off: -100, whence: abi.DataSeekCur, pos: 0},
				{op: "trunc", n: 3, pos: 0},
				{op: "seek", off: 0, whence: abi.DataSeekEnd, pos: 3},
				{op: "trunc", n: 20000, pos: 3},
				{op: "seek", off: 19990, whence: abi.DataSeekSet, pos: 19990},
				{op: "write", data: "tail-over-the-end", pos: 20007},
				{op: "seek", off: 0, whence: 3, want: abi.ErrBadParameters, pos: 20007},
				{op: "seek", off: 0x7FFFFFFF, whence: abi.DataSeekSet, pos: 0x7FFFFFFF},
				{op: "seek", off: 0x7FFFFFFF, whence: abi.DataSeekCur, pos: 0xFFFFFFFE},
				{op: "seek", off: 2, whence: abi.DataSeekCur, want: abi.ErrOverflow, pos: 0xFFFFFFFE},
				{op: "write", data: "xy", want: abi.ErrOverflow, pos: 0xFFFFFFFE},
				{op: "read", n: 1, pos: 0xFFFFFFFE},
				{op: "seek", off: -0x7FFFFFFF, whence: abi.DataSeekCur, pos: 0x7FFFFFFF},
				{op: "write", data: "2GiB", want: abi.ErrStorageNoSpace, pos: 0x7FFFFFFF},
				{op: "seek", off: 0, whence: abi.DataSeekSet, pos: 0},
			}
			for i, st := range steps {
				var err error
				switch st.op {
				case "read":
					b := make([]byte, st.n)
					var n int
					n, err = h.Read(b)
					start := int(h.Position()) - n
					if err == nil && start < len(model) && !bytes.Equal(b[:n], model[start:start+n]) {
						t.Fatalf("step %d: read %q, want %q", i, b[:n], model[start:start+n])
					}
				case "write":
					p := int(h.Position())
					err = h.Write([]byte(st.data))
					if err == nil {
						for len(model) < p+len(st.data) {
							model = append(model, 0)
						}
						copy(model[p:], st.data)
					}
				case "seek":
					err = h.Seek(st.off, st.whence)
				case "trunc":
					err = h.Truncate(uint32(st.n))
					if err == nil {
						for len(model) < st.n {
							model = append(model, 0)
						}
						model = model[:st.n]
					}
				}
				if ResultOf(err) != st.want {
					t.Fatalf("step %d %s: %v, want %v", i, st.op, err, st.want)
				}
				if h.Position() != st.pos {
					t.Fatalf("step %d %s: position %d, want %d", i, st.op, h.Position(), st.pos)
				}
			}
			if got := readAll(t, h); !bytes.Equal(got, model) {
				t.Fatalf("final content differs (%d vs %d bytes)", len(got), len(model))
			}
			h.Close()
			h2, err := s.Open(taA, sid, []byte("d"), abi.DataFlagAccessRead)
			wantCode(t, err, abi.Success)
			if got := readAll(t, h2); !bytes.Equal(got, model) {
				t.Fatal("content after reopen differs")
			}
			h2.Close()
		})
	}
}

func TestAccessRightsOnHandle(t *testing.T) {
	t.Parallel()
	s := newStorage(t)
	mustCreate(t, s.Storage, taA, abi.StoragePrivate, "o", 0, []byte("data")).Close()
	for _, f := range allOpenFlags() {
		h, err := s.Open(taA, abi.StoragePrivate, []byte("o"), f)
		wantCode(t, err, abi.Success)
		_, err = h.Read(make([]byte, 1))
		if (err == nil) != (f&abi.DataFlagAccessRead != 0) {
			t.Fatalf("flags 0x%x read: %v", f, err)
		}
		err = h.Write(nil)
		if (err == nil) != (f&abi.DataFlagAccessWrite != 0) {
			t.Fatalf("flags 0x%x write: %v", f, err)
		}
		err = h.Truncate(4)
		if (err == nil) != (f&abi.DataFlagAccessWrite != 0) {
			t.Fatalf("flags 0x%x truncate: %v", f, err)
		}
		err = h.Rename([]byte("o"))
		if f&abi.DataFlagAccessWriteMeta == 0 {
			wantCode(t, err, abi.ErrBadState)
			wantCode(t, h.CloseAndDelete(), abi.ErrAccessConflict)
		} else {
			wantCode(t, err, abi.ErrAccessConflict) // its own id exists
			wantCode(t, h.Rename([]byte("o2")), abi.Success)
			wantCode(t, h.Rename([]byte("o")), abi.Success)
		}
		h.Close()
	}
}

func TestRename(t *testing.T) {
	t.Parallel()
	for _, sid := range storageIDs {
		t.Run(fmt.Sprintf("0x%x", sid), func(t *testing.T) {
			t.Parallel()
			s := newStorage(t)
			mustCreate(t, s.Storage, taA, sid, "taken", 0, []byte("t")).Close()
			h := mustCreate(t, s.Storage, taA, sid, "a", rwm, []byte("a"))
			wantCode(t, h.Rename([]byte("taken")), abi.ErrAccessConflict)
			wantCode(t, h.Rename(make([]byte, 65)), abi.ErrBadParameters)
			other, err := s.Open(taA, sid, []byte("taken"), abi.DataFlagShareRead|abi.DataFlagShareWrite)
			wantCode(t, err, abi.Success)
			wantCode(t, h.Rename([]byte("taken")), abi.ErrAccessConflict)
			other.Close()
			wantCode(t, h.Rename([]byte("b")), abi.Success)
			if id, _ := h.ID(); string(id) != "b" {
				t.Fatalf("id after rename %q", id)
			}
			_, err = s.Open(taA, sid, []byte("a"), abi.DataFlagAccessRead)
			wantCode(t, err, abi.ErrItemNotFound)
			if got := readAll(t, h); string(got) != "a" {
				t.Fatalf("data after rename %q", got)
			}
			// The new id is now open exclusively; the old one is free.
			_, err = s.Open(taA, sid, []byte("b"), abi.DataFlagAccessRead)
			wantCode(t, err, abi.ErrAccessConflict)
			mustCreate(t, s.Storage, taA, sid, "a", 0, nil).Close()
			wantCode(t, h.CloseAndDelete(), abi.Success)
			_, err = s.Open(taA, sid, []byte("b"), 0)
			wantCode(t, err, abi.ErrItemNotFound)
			wantCode(t, h.Write([]byte("x")), abi.ErrBadState)
		})
	}
}

func TestEnumerator(t *testing.T) {
	t.Parallel()
	for _, sid := range storageIDs {
		t.Run(fmt.Sprintf("0x%x", sid), func(t *testing.T) {
			t.Parallel()
			s := newStorage(t)
			e := s.NewEnumerator(taA)
			_, err := e.GetNext(64)
			wantCode(t, err, abi.ErrItemNotFound)
			wantCode(t, e.Start(sid), abi.ErrItemNotFound)
			wantCode(t, e.Start(0x1234), abi.ErrItemNotFound)
			for _, id := range []string{"b", "d", "f"} {
				mustCreate(t, s.Storage, taA, sid, id, 0, []byte(id+id)).Close()
			}
			long := string(bytes.Repeat([]byte{'z'}, 64))
			mustCreate(t, s.Storage, taA, sid, long, 0, nil).Close()
			mustCreate(t, s.Storage, taB, sid, "c", 0, nil).Close()
			wantCode(t, e.Start(sid), abi.Success)
			next := func(want string) {
				t.Helper()
				en, err := e.GetNext(64)
				if want == "" {
					wantCode(t, err, abi.ErrItemNotFound)
					return
				}
				if err != nil || string(en.ID) != want {
					t.Fatalf("GetNext: %q %v, want %q", en.ID, err, want)
				}
				if en.Info != dataInfo || en.DataSize != uint32(len(want)*2) && want != long {
					t.Fatalf("GetNext %q: info %+v size %d", want, en.Info, en.DataSize)
				}
			}
			next("b")
			// Changes during the enumeration: d is deleted, c and e are
			// created, a (before the cursor) is created and not seen.
			h, err := s.Open(taA, sid, []byte("d"), abi.DataFlagAccessWriteMeta)
			wantCode(t, err, abi.Success)
			wantCode(t, h.CloseAndDelete(), abi.Success)
			for _, id := range []string{"a", "c", "e"} {
				mustCreate(t, s.Storage, taA, sid, id, 0, []byte(id+id)).Close()
			}
			next("c")
			next("e")
			next("f")
			_, err = e.GetNext(63)
			wantCode(t, err, abi.ErrShortBuffer)
			if n, ok := NeededSize(err); !ok || n != 64 {
				t.Fatalf("needed %d %v", n, ok)
			}
			next(long)
			next("")
			e.Reset()
			_, err = e.GetNext(64)
			wantCode(t, err, abi.ErrItemNotFound)
			wantCode(t, e.Start(sid), abi.Success)
			next("a")
		})
	}
}

func TestIsolationBetweenTAs(t *testing.T) {
	t.Parallel()
	s := newStorage(t)
	for _, sid := range storageIDs {
		mustCreate(t, s.Storage, taA, sid, "secret", 0, []byte("A's")).Close()
	}
	for _, sid := range storageIDs {
		for _, flags := range []uint32{0, abi.DataFlagAccessRead, rwm} {
			_, err := s.Open(taB, sid, []byte("secret"), flags)
			wantCode(t, err, abi.ErrItemNotFound)
		}
		e := s.NewEnumerator(taB)
		wantCode(t, e.Start(sid), abi.ErrItemNotFound)
		// B may use the same id for an object of its own.
		h := mustCreate(t, s.Storage, taB, sid, "secret", rw, []byte("B's"))
		if got := readAll(t, h); string(got) != "B's" {
			t.Fatalf("B reads %q", got)
		}
		h.Close()
		ha, err := s.Open(taA, sid, []byte("secret"), abi.DataFlagAccessRead)
		wantCode(t, err, abi.Success)
		if got := readAll(t, ha); string(got) != "A's" {
			t.Fatalf("A reads %q after B created its own", got)
		}
		ha.Close()
	}
	// PRIVATE and PRIVATE_REE are separate namespaces of one store.
	h := mustCreate(t, s.Storage, taA, abi.StoragePrivate, "only-private", 0, nil)
	h.Close()
	_, err := s.Open(taA, abi.StoragePrivateREE, []byte("only-private"), 0)
	wantCode(t, err, abi.ErrItemNotFound)
}

func TestAttributesAndUsagePersist(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, sid := range storageIDs {
		s := openAt(t, dir)
		info := ObjectInfo{Type: 0xA0000010, ObjectSize: 128, MaxObjectSize: 256, Usage: 0xFFFFFFFF}
		h, err := s.Create(taA, sid, []byte("k"), rwm, info, []byte("serialised attrs"), []byte("d"))
		wantCode(t, err, abi.Success)
		wantCode(t, h.SetUsage(0x3), abi.Success)
		h.Close()
		s.Close()
		s = openAt(t, dir)
		h, err = s.Open(taA, sid, []byte("k"), abi.DataFlagAccessRead)
		wantCode(t, err, abi.Success)
		info.Usage = 3
		if h.Info() != info || string(h.Attributes()) != "serialised attrs" {
			t.Fatalf("0x%x: info %+v attrs %q", sid, h.Info(), h.Attributes())
		}
		h.Close()
		s.Close()
	}
}
