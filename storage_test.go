package veritee_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// The secure storage through the C and the Go test TA (GPD_SPE_010
// §5.7–§5.9): every TEE of this process on cacheDir shares one storage,
// so each test names its objects with a prefix of its own and looks only
// at those.

var storageIDs = []struct {
	name string
	id   uint32
}{
	{"PRIVATE", abi.StoragePrivate},
	{"REE", abi.StoragePrivateREE},
	{"RPMB", abi.StoragePrivateRPMB},
}

const (
	fRead      = abi.DataFlagAccessRead
	fWrite     = abi.DataFlagAccessWrite
	fMeta      = abi.DataFlagAccessWriteMeta
	fShareR    = abi.DataFlagShareRead
	fShareW    = abi.DataFlagShareWrite
	fOverwrite = abi.DataFlagOverwrite
	fAll       = fRead | fWrite | fMeta
	persistent = abi.HandleFlagPersistent | abi.HandleFlagInitialized
)

// forEachLang runs f for the C and the Go test TA, embedded and over the
// socket, as parallel subtests on the shared storage.
func forEachLang(t *testing.T, f func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID, prefix string)) {
	tee := startTEE(t)
	for _, mode := range modes {
		for _, l := range langs {
			t.Run(mode+"/"+l.name, func(t *testing.T) {
				t.Parallel()
				f(t, tee.client(t, mode), l.uuids, t.Name()+"/")
			})
		}
	}
}

// TestStorageDataStream: create, write, seek, read, truncate, rename and
// delete in every storage id, with TEE_GetObjectInfo1 after each step.
func TestStorageDataStream(t *testing.T) {
	t.Parallel()
	forEachLang(t, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID, prefix string) {
		a := newStorTA(t, c, uuids[testta.VariantShared])
		for _, sid := range storageIDs {
			id := prefix + sid.name
			h, r := a.create(sid.id, id, fAll, 0, []byte("hello"))
			a.must("create", r)
			inf, r := a.info(h)
			a.must("info", r)
			if want := (objInfo{abi.TypeData, 0, 0, inf[3], 5, 0, persistent | fAll}); inf != want {
				t.Errorf("%s: info after create %x, want %x", sid.name, inf, want)
			}
			a.must("seek end", a.seek(h, 0, abi.DataSeekEnd))
			a.must("write", a.write(h, []byte(", world")))
			a.must("seek set", a.seek(h, 7, abi.DataSeekSet))
			if got, r := a.read(h, 100); r != abi.Success || string(got) != "world" {
				t.Errorf("%s: read %q, %v", sid.name, got, r)
			}
			if got, r := a.read(h, 100); r != abi.Success || len(got) != 0 {
				t.Errorf("%s: read at the end %q, %v", sid.name, got, r)
			}
			// Writing past the end fills the gap with zeros.
			a.must("seek past end", a.seek(h, 4, abi.DataSeekEnd))
			a.must("write past end", a.write(h, []byte("!")))
			a.must("truncate longer", a.truncate(h, 20))
			inf, _ = a.info(h)
			if inf[4] != 20 || inf[5] != 17 {
				t.Errorf("%s: size %d position %d, want 20, 17", sid.name, inf[4], inf[5])
			}
			a.must("seek 0", a.seek(h, 0, abi.DataSeekSet))
			want := append([]byte("hello, world\x00\x00\x00\x00!"), 0, 0, 0)
			if got, _ := a.read(h, 100); !bytes.Equal(got, want) {
				t.Errorf("%s: content %q, want %q", sid.name, got, want)
			}
			a.must("truncate shorter", a.truncate(h, 5))
			// Seeking before the start clamps to 0 (OP-TEE).
			a.must("seek before start", a.seek(h, -100, abi.DataSeekCur))
			if got, _ := a.read(h, 100); string(got) != "hello" {
				t.Errorf("%s: after truncate %q", sid.name, got)
			}
			a.must("rename", a.rename(h, id+"-renamed"))
			if _, r := a.open(sid.id, id, fRead); r != abi.ErrItemNotFound {
				t.Errorf("%s: old id after rename: %v", sid.name, r)
			}
			a.must("close", a.close(h))
			h, r = a.open(sid.id, id+"-renamed", fRead|fMeta)
			a.must("open renamed", r)
			a.must("delete", a.del(h))
			if _, r := a.open(sid.id, id+"-renamed", fRead); r != abi.ErrItemNotFound {
				t.Errorf("%s: after delete: %v", sid.name, r)
			}
			// A NULL object pointer: created and closed at once.
			a.must("create without handle", a.createNoHandle(sid.id, id, fRead, []byte("x")))
			h, r = a.open(sid.id, id, fMeta)
			a.must("open", r)
			// The deprecated void form deletes too.
			a.must("delete (old form)", a.call(testta.CmdStorCloseAndDeleteOld, vin(h, 0)))
			if _, r := a.open(sid.id, id, fRead); r != abi.ErrItemNotFound {
				t.Errorf("%s: after the old form of delete: %v", sid.name, r)
			}
		}
		if _, r := a.open(0x1234, prefix+"x", fRead); r != abi.ErrItemNotFound {
			t.Errorf("unknown storage id: %v", r)
		}
		a.must("delete TEE_HANDLE_NULL", a.del(0))
	})
}

// TestStorageSharing: GP §5.7.1's sharing rules between two handles held
// by two sessions of a multi-instance TA (two instances), and create
// while open.
func TestStorageSharing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		first    uint32
		second   uint32
		conflict bool
	}{
		{"read/read unshared", fRead, fRead, true},
		{"read/read shared", fRead | fShareR, fRead | fShareR, false},
		{"read shared/read unshared", fRead | fShareR, fRead, true},
		{"write/write shared", fWrite | fShareW, fWrite | fShareW, false},
		{"write shared/read shared", fWrite | fShareW | fShareR, fRead | fShareR | fShareW, false},
		{"write/read, no write sharing", fWrite | fShareR, fRead | fShareR, true},
		{"meta/none", fMeta, 0, true},
		{"none/meta", 0, fMeta, true},
		{"none/none", 0, 0, false},
		{"share flags only/read", fShareR, fRead, true},
		{"read shared/write shared", fRead | fShareR | fShareW, fWrite | fShareR | fShareW, false},
	}
	forEachLang(t, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID, prefix string) {
		a := newStorTA(t, c, uuids[testta.VariantMulti])
		b := newStorTA(t, c, uuids[testta.VariantMulti])
		for i, tt := range tests {
			id := prefix + string(rune('a'+i))
			a.must("create", a.createNoHandle(abi.StoragePrivate, id, fRead, []byte("x")))
			h1, r := a.open(abi.StoragePrivate, id, tt.first)
			a.must(tt.name+": first open", r)
			h2, r := b.open(abi.StoragePrivate, id, tt.second)
			if want := map[bool]abi.Result{false: abi.Success, true: abi.ErrAccessConflict}[tt.conflict]; r != want {
				t.Errorf("%s: second open %v, want %v", tt.name, r, want)
			}
			if r == abi.Success {
				b.must("close", b.close(h2))
			}
			// An open object cannot be created over, OVERWRITE or not.
			if _, r := b.create(abi.StoragePrivate, id, fAll|fOverwrite, 0, nil); r != abi.ErrAccessConflict {
				t.Errorf("%s: create over an open object: %v", tt.name, r)
			}
			a.must("close", a.close(h1))
			h, r := b.create(abi.StoragePrivate, id, fAll|fOverwrite, 0, nil)
			b.must("create over a closed object", r)
			b.must("delete", b.del(h))
		}
	})
}

// TestStorageOverwriteAndRename: create over an existing id needs
// OVERWRITE; rename onto an existing id (or its own) is ACCESS_CONFLICT;
// rename and delete without WRITE_META panic the TA. (Tests that panic
// the TA use the multi-instance variant, so that a panic kills only
// their own instance.)
func TestStorageOverwriteAndRename(t *testing.T) {
	t.Parallel()
	forEachLang(t, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID, prefix string) {
		a := newStorTA(t, c, uuids[testta.VariantMulti])
		x, y := prefix+"x", prefix+"y"
		a.must("create x", a.createNoHandle(abi.StoragePrivate, x, 0, []byte("old")))
		if _, r := a.create(abi.StoragePrivate, x, fAll, 0, []byte("new")); r != abi.ErrAccessConflict {
			t.Errorf("create over x without OVERWRITE: %v", r)
		}
		h, r := a.create(abi.StoragePrivate, x, fAll|fOverwrite, 0, []byte("new"))
		a.must("create over x with OVERWRITE", r)
		if inf, _ := a.info(h); inf[6] != persistent|fAll {
			t.Errorf("OVERWRITE kept in handleFlags: %#x", inf[6])
		}
		if got, _ := a.read(h, 10); string(got) != "new" {
			t.Errorf("x holds %q after OVERWRITE", got)
		}
		a.must("create y", a.createNoHandle(abi.StoragePrivate, y, 0, []byte("y")))
		if r := a.rename(h, y); r != abi.ErrAccessConflict {
			t.Errorf("rename onto an existing id: %v", r)
		}
		if r := a.rename(h, x); r != abi.ErrAccessConflict {
			t.Errorf("rename onto its own id: %v", r)
		}
		a.must("delete x", a.del(h))
		h, r = a.open(abi.StoragePrivate, y, fRead)
		a.must("open y", r)
		if r := a.rename(h, x); r != abi.ErrTargetDead {
			t.Errorf("rename without WRITE_META: %v, want a panic", r)
		}
		a = newStorTA(t, c, uuids[testta.VariantMulti])
		h, r = a.openAfterPanic(abi.StoragePrivate, y, fRead)
		a.must("open y", r)
		if r := a.del(h); r != abi.ErrTargetDead {
			t.Errorf("delete without WRITE_META: %v, want a panic", r)
		}
		a = newStorTA(t, c, uuids[testta.VariantMulti])
		long := strings.Repeat("z", abi.ObjectIDMaxLen+1)
		if _, r := a.open(abi.StoragePrivate, long, fRead); r != abi.ErrTargetDead {
			t.Errorf("open with a %d-byte id: %v, want a panic", len(long), r)
		}
		// Attributes from an uninitialised transient object: a panic.
		a = newStorTA(t, c, uuids[testta.VariantMulti])
		empty := vout()
		a.must("alloc", a.call(testta.CmdCrypAllocTransientObject, vin(abi.TypeAES, 128), empty))
		if _, r := a.create(abi.StoragePrivate, prefix+"z", fAll, empty.A, nil); r != abi.ErrTargetDead {
			t.Errorf("create from an uninitialised object: %v, want a panic", r)
		}
		a = newStorTA(t, c, uuids[testta.VariantMulti])
		h, r = a.openAfterPanic(abi.StoragePrivate, y, fMeta)
		a.must("open y", r)
		a.must("delete y", a.del(h))
	})
}

// TestStorageEnumeration: the enumerator sees objects created and deleted
// while it runs (GP leaves it open; the engine's order is by id), reports
// each object's info, and Reset/Start restart it; SHORT_BUFFER on an id
// gives the size needed.
func TestStorageEnumeration(t *testing.T) {
	t.Parallel()
	forEachLang(t, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID, prefix string) {
		a := newStorTA(t, c, uuids[testta.VariantShared])
		mine := func(ids []string) []string {
			var out []string
			for _, id := range ids {
				if strings.HasPrefix(id, prefix) {
					out = append(out, strings.TrimPrefix(id, prefix))
				}
			}
			return out
		}
		for _, n := range []string{"b", "d", "f"} {
			a.must("create", a.createNoHandle(abi.StoragePrivateRPMB, prefix+n, 0, []byte(n+n)))
		}
		if got := mine(a.list(abi.StoragePrivateRPMB)); !slices.Equal(got, []string{"b", "d", "f"}) {
			t.Fatalf("enumerated %q", got)
		}
		e, r := a.allocEnum()
		a.must("alloc", r)
		a.must("start", a.startEnum(e, abi.StoragePrivateRPMB))
		var seen []string
		changed := false
		for {
			inf, id, r := a.next(e, abi.ObjectIDMaxLen)
			if r == abi.ErrItemNotFound {
				break
			}
			a.must("next", r)
			name, ok := strings.CutPrefix(string(id), prefix)
			if !ok {
				continue
			}
			seen = append(seen, name)
			if want := (objInfo{abi.TypeData, 0, 0, inf[3], 2, 0, persistent}); inf != want {
				t.Errorf("%s: info %x, want %x", name, inf, want)
			}
			if name == "b" && !changed {
				changed = true
				// After "b": "e" is created, "d" deleted, "a" created
				// behind the enumerator.
				a.must("create e", a.createNoHandle(abi.StoragePrivateRPMB, prefix+"e", 0, []byte("ee")))
				a.must("create a", a.createNoHandle(abi.StoragePrivateRPMB, prefix+"a", 0, []byte("aa")))
				h, r := a.open(abi.StoragePrivateRPMB, prefix+"d", fMeta)
				a.must("open d", r)
				a.must("delete d", a.del(h))
			}
		}
		if !slices.Equal(seen, []string{"b", "e", "f"}) {
			t.Errorf("enumerated while changing: %q, want b e f", seen)
		}
		// Reset: GetNext finds nothing until Start.
		a.must("reset", a.resetEnum(e))
		if _, _, r := a.next(e, abi.ObjectIDMaxLen); r != abi.ErrItemNotFound {
			t.Errorf("next after reset: %v", r)
		}
		a.must("restart", a.startEnum(e, abi.StoragePrivateRPMB))
		for {
			_, id, r := a.next(e, 2)
			if r == abi.ErrItemNotFound {
				t.Fatal("no SHORT_BUFFER with a 2-byte id buffer")
			}
			if r == abi.ErrShortBuffer {
				if len(id) < 3 {
					t.Errorf("SHORT_BUFFER asks for %d bytes", len(id))
				}
				break
			}
			a.must("next", r)
		}
		a.must("free", a.freeEnum(e))
		if got := mine(a.list(abi.StoragePrivateRPMB)); !slices.Equal(got, []string{"a", "b", "e", "f"}) {
			t.Errorf("finally %q", got)
		}
		// Other storage ids do not see them.
		if got := mine(a.list(abi.StoragePrivateREE)); len(got) != 0 {
			t.Errorf("REE storage lists %q", got)
		}
	})
}

// TestStorageEmptyEnumeration: a TA without objects has nothing to
// enumerate in any storage id. The keep-alive variants are TAs no other
// test stores objects for.
func TestStorageEmptyEnumeration(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	for _, l := range langs {
		a := newStorTA(t, tee.client(t, embedded), l.uuids[testta.VariantKeepAlive])
		e, r := a.allocEnum()
		a.must("alloc", r)
		for _, sid := range storageIDs {
			if r := a.startEnum(e, sid.id); r != abi.ErrItemNotFound {
				t.Errorf("%s %s: start on an empty store: %v", l.name, sid.name, r)
			}
		}
		if _, _, r := a.next(e, 64); r != abi.ErrItemNotFound {
			t.Errorf("%s: next unstarted: %v", l.name, r)
		}
	}
}

// TestStorageSeekLimits: positions up to TEE_DATA_MAX_POSITION, reached in
// steps of 2^31-1; past it OVERFLOW leaves the position alone, and a
// write that would pass it is OVERFLOW.
func TestStorageSeekLimits(t *testing.T) {
	t.Parallel()
	forEachLang(t, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID, prefix string) {
		a := newStorTA(t, c, uuids[testta.VariantShared])
		h, r := a.create(abi.StoragePrivate, prefix+"o", fAll, 0, []byte("abc"))
		a.must("create", r)
		pos := func() uint32 { inf, _ := a.info(h); return inf[5] }
		steps := []struct {
			off    int32
			whence uint32
			want   abi.Result
			pos    uint32
		}{
			{0x7FFFFFFF, abi.DataSeekSet, abi.Success, 0x7FFFFFFF},
			{0x7FFFFFFF, abi.DataSeekCur, abi.Success, 0xFFFFFFFE},
			{1, abi.DataSeekCur, abi.Success, 0xFFFFFFFF},
			{1, abi.DataSeekCur, abi.ErrOverflow, 0xFFFFFFFF},
			{-0x80000000, abi.DataSeekCur, abi.Success, 0x7FFFFFFF},
			{-0x80000000, abi.DataSeekSet, abi.Success, 0},
			{-1, abi.DataSeekEnd, abi.Success, 2},
			{0x7FFFFFFF, abi.DataSeekEnd, abi.Success, 0x80000002},
		}
		for _, s := range steps {
			if r := a.seek(h, s.off, s.whence); r != s.want {
				t.Errorf("seek(%d, %d): %v, want %v", s.off, s.whence, r, s.want)
			}
			if p := pos(); p != s.pos {
				t.Errorf("seek(%d, %d): position %#x, want %#x", s.off, s.whence, p, s.pos)
			}
		}
		a.must("seek max", a.seek(h, 0x7FFFFFFF, abi.DataSeekSet))
		a.must("seek max", a.seek(h, 0x7FFFFFFF, abi.DataSeekCur))
		if r := a.write(h, []byte("xyz")); r != abi.ErrOverflow {
			t.Errorf("write past TEE_DATA_MAX_POSITION: %v", r)
		}
		if inf, _ := a.info(h); inf[4] != 3 {
			t.Errorf("data size %d after a refused write", inf[4])
		}
		a.must("delete", a.del(h))
	})
}

// TestStorageIsolation: two TAs (the C and the Go test TA) never see each
// other's objects, in any storage id, though the ids are the same.
func TestStorageIsolation(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	c := tee.client(t, embedded)
	ta := newStorTA(t, c, testta.CUUIDs[testta.VariantShared])
	tb := newStorTA(t, c, testta.GoUUIDs[testta.VariantShared])
	for _, sid := range storageIDs {
		id := "isolation/" + sid.name
		ta.must("C create", ta.createNoHandle(sid.id, id, 0, []byte("C")))
		if _, r := tb.open(sid.id, id, fRead); r != abi.ErrItemNotFound {
			t.Errorf("%s: Go TA opens the C TA's object: %v", sid.name, r)
		}
		if slices.Contains(tb.list(sid.id), id) {
			t.Errorf("%s: Go TA enumerates the C TA's object", sid.name)
		}
		h, r := tb.create(sid.id, id, fAll, 0, []byte("Go"))
		tb.must("Go create, same id", r)
		if got, _ := tb.read(h, 8); string(got) != "Go" {
			t.Errorf("%s: Go reads %q", sid.name, got)
		}
		tb.must("Go delete", tb.del(h))
		h, r = ta.open(sid.id, id, fRead|fMeta)
		ta.must("C open", r)
		if got, _ := ta.read(h, 8); string(got) != "C" {
			t.Errorf("%s: C reads %q", sid.name, got)
		}
		ta.must("C delete", ta.del(h))
	}
	// The variants are TAs of their own too.
	v := newStorTA(t, c, testta.CUUIDs[testta.VariantMulti])
	ta.must("create", ta.createNoHandle(abi.StoragePrivate, "isolation/variant", 0, nil))
	if _, r := v.open(abi.StoragePrivate, "isolation/variant", fRead); r != abi.ErrItemNotFound {
		t.Errorf("another variant opens the object: %v", r)
	}
}

// TestStorageKeys: a persistent object made from a generated AES key
// keeps type, sizes and usage, encrypts as the key it was made from,
// refuses its secret to the client unless extractable (SHORT_BUFFER then
// gives the size), and cannot be reset, populated or generated into.
func TestStorageKeys(t *testing.T) {
	t.Parallel()
	forEachLang(t, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID, prefix string) {
		a := newStorTA(t, c, uuids[testta.VariantMulti])
		pt := bytes.Repeat([]byte("0123456789abcdef"), 2)
		k := a.aesKey(256, abi.UsageEncrypt|abi.UsageExtractable)
		want := a.ecbEncrypt(k, 256, pt)
		h, r := a.create(abi.StoragePrivate, prefix+"key", fRead|fMeta, k, []byte("meta"))
		a.must("create from key", r)
		inf, _ := a.info(h)
		if w := (objInfo{abi.TypeAES, 256, 256, abi.UsageEncrypt | abi.UsageExtractable, 4, 0, persistent | fRead | fMeta}); inf != w {
			t.Errorf("info %x, want %x", inf, w)
		}
		if got := a.ecbEncrypt(h, 256, pt); !bytes.Equal(got, want) {
			t.Errorf("persistent key encrypts to %x, the transient one to %x", got, want)
		}
		short := mout(make([]byte, 4))
		if r := a.call(testta.CmdCrypGetObjectBufferAttribute, vin(h, abi.AttrSecretValue), short); r != abi.ErrShortBuffer || short.Size != 32 {
			t.Errorf("secret into 4 bytes: %v, size %d", r, short.Size)
		}
		full := mout(make([]byte, 32))
		a.must("secret", a.call(testta.CmdCrypGetObjectBufferAttribute, vin(h, abi.AttrSecretValue), full))
		// A persistent object as the source of another, and of a
		// transient object's attributes.
		h2, r := a.create(abi.StoragePrivate, prefix+"key2", fRead|fMeta, h, nil)
		a.must("create from a persistent object", r)
		t2 := vout()
		a.must("alloc", a.call(testta.CmdCrypAllocTransientObject, vin(abi.TypeAES, 256), t2))
		a.must("copy from persistent", a.call(testta.CmdCrypCopyObjectAttributes, vin(t2.A, h2)))
		if got := a.ecbEncrypt(t2.A, 256, pt); !bytes.Equal(got, want) {
			t.Errorf("copied key encrypts to %x", got)
		}
		// Restricting usage persists.
		a.must("restrict", a.call(testta.CmdCrypRestrictObjectUsage, vin(h2, abi.UsageEncrypt)))
		a.must("close", a.close(h2))
		h2, r = a.open(abi.StoragePrivate, prefix+"key2", fRead|fMeta)
		a.must("reopen", r)
		if inf, _ := a.info(h2); inf[3] != abi.UsageEncrypt {
			t.Errorf("usage after reopen %#x", inf[3])
		}
		if r := a.call(testta.CmdCrypGetObjectBufferAttribute, vin(h2, abi.AttrSecretValue), mout(make([]byte, 32))); r != abi.ErrTargetDead {
			t.Errorf("secret of a non-extractable persistent key: %v, want a panic", r)
		}
		for _, tc := range []struct {
			name string
			cmd  uint32
			ps   []teec.Parameter
		}{
			{"reset", testta.CmdCrypResetTransientObject, nil},
			{"populate", testta.CmdCrypPopulateTransientObject, []teec.Parameter{min_(attrs(nil))}},
			{"generate", testta.CmdCrypGenerateKey, []teec.Parameter{nullMem(teec.MemrefTempInput)}},
		} {
			a = newStorTA(t, c, uuids[testta.VariantMulti])
			h, r := a.openAfterPanic(abi.StoragePrivate, prefix+"key", fRead)
			a.must("open", r)
			p0 := vin(h, 256)
			if r := a.call(tc.cmd, append([]teec.Parameter{p0}, tc.ps...)...); r != abi.ErrTargetDead {
				t.Errorf("%s on a persistent object: %v, want a panic", tc.name, r)
			}
		}
		a = newStorTA(t, c, uuids[testta.VariantMulti])
		for _, id := range []string{"key", "key2"} {
			h, r := a.openAfterPanic(abi.StoragePrivate, prefix+id, fMeta)
			a.must("open", r)
			a.must("delete", a.del(h))
		}
	})
}

// TestStoragePersistence: objects in every storage id, and a key, survive
// a restart of the TEE on the same state directory; the key encrypts as
// before.
func TestStoragePersistence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pt := bytes.Repeat([]byte{0x42}, 16)
	start := func() *veritee.TEE {
		tee, err := veritee.Start(context.Background(), veritee.Options{TADirs: []string{taDir}, StateDir: dir, DevKey: testta.DevKey()})
		if err != nil {
			t.Fatal(err)
		}
		return tee
	}
	stop := func(tee *veritee.TEE) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := tee.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
	client := func(tee *veritee.TEE) *teec.Context {
		c, err := teec.InitializeContext(tee.Name())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tee := start()
	c := client(tee)
	want := map[string][]byte{}
	for _, l := range langs {
		a := newStorTA(t, c, l.uuids[testta.VariantShared])
		for _, sid := range storageIDs {
			a.must("create", a.createNoHandle(sid.id, "persist/"+sid.name, 0, []byte(l.name+sid.name)))
		}
		k := a.aesKey(128, abi.UsageEncrypt)
		want[l.name] = a.ecbEncrypt(k, 128, pt)
		_, r := a.create(abi.StoragePrivate, "persist/key", 0, k, nil)
		a.must("create key", r)
		a.s.Close()
	}
	c.Finalize()
	stop(tee)

	tee = start()
	defer stop(tee)
	c = client(tee)
	defer c.Finalize()
	for _, l := range langs {
		a := newStorTA(t, c, l.uuids[testta.VariantShared])
		for _, sid := range storageIDs {
			h, r := a.open(sid.id, "persist/"+sid.name, fRead)
			a.must(sid.name+": open after restart", r)
			if got, _ := a.read(h, 64); string(got) != l.name+sid.name {
				t.Errorf("%s %s: %q after restart", l.name, sid.name, got)
			}
			a.close(h)
		}
		h, r := a.open(abi.StoragePrivate, "persist/key", fRead)
		a.must("open key", r)
		if got := a.ecbEncrypt(h, 128, pt); !bytes.Equal(got, want[l.name]) {
			t.Errorf("%s: persistent key encrypts to %x after restart, %x before", l.name, got, want[l.name])
		}
		a.s.Close()
	}
}
