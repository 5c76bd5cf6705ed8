package reefs

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/storage/keys"
	"github.com/veritee/veritee/internal/storage/ree"
)

func FuzzParseRecHdr(f *testing.F) {
	f.Add(recHdr{kind: kindUpdate, seq: 9, bodyLen: 100, dataLen: 5}.marshal())
	f.Add(make([]byte, recHeader))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := parseRecHdr(b)
		if err != nil {
			return
		}
		if !bytes.Equal(h.marshal(), b[:recHeader]) {
			t.Fatal("record header does not round-trip")
		}
	})
}

func FuzzParseOps(f *testing.F) {
	e := &entry{fek: make([]byte, keys.WrappedSize), info: []byte("i"), attrs: make([]byte, 40), size: BlockSize + 5,
		blocks: []blockRef{{off: 100, n: BlockSize + keys.SealOverhead}, {off: 0, n: 0}}}
	f.Add(appendOps(nil, []op{{ns: taA, id: []byte("a"), e: e}, {ns: taB, id: nil, del: true}}))
	f.Add([]byte{0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		ops, err := parseOps(b, 1<<20)
		if err != nil {
			return
		}
		if !bytes.Equal(appendOps(nil, ops), b) {
			t.Fatal("ops do not round-trip")
		}
	})
}

func FuzzParseRoot(f *testing.F) {
	f.Add(root{logNo: 1, seq: 2}.marshal())
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := parseRoot(b)
		if err != nil {
			return
		}
		if !bytes.Equal(r.marshal(), b) {
			t.Fatal("root does not round-trip")
		}
	})
}

func FuzzParseHeaderAndName(f *testing.F) {
	f.Add(marshalFileHeader(3), "log-00000003")
	f.Fuzz(func(t *testing.T, b []byte, name string) {
		if n, err := parseFileHeader(b); err == nil && !bytes.Equal(marshalFileHeader(n), b[:fileHeader]) {
			t.Fatal("file header does not round-trip")
		}
		if n, ok := parseLogName(name); ok && logName(n) != name {
			t.Fatal("log name does not round-trip")
		}
	})
}

// FuzzOpenLog opens stores whose log is a valid one with one byte
// changed, or arbitrary bytes: each is refused or opened, never a panic,
// and an opened store never serves content that fails its checks.
func FuzzOpenLog(f *testing.F) {
	e := newMemEnv()
	o, err := e.open(nil)
	if err != nil {
		f.Fatal(err)
	}
	o.s.Create(taA, []byte("x"), []byte("i"), []byte("a"), pattern(BlockSize+9, 1), false)
	o.s.WriteAt(taA, []byte("x"), []byte("w"), 3)
	o.s.Close()
	good := e.storeSvc.(*ree.Mem).Files()[logName(1)]
	f.Add(good, 0, byte(0))
	f.Add(good, 40, byte(1))
	f.Add([]byte(fileMagic), 0, byte(0))
	f.Fuzz(func(t *testing.T, img []byte, at int, x byte) {
		if len(img) > 0 {
			img = bytes.Clone(img)
			img[uint(at)%uint(len(img))] ^= x
		}
		e.storeSvc.(*ree.Mem).SetFiles(map[string][]byte{logName(1): img})
		s, err := Open(e.storeSvc, o.part.FS, keys.NewSSK(e.huk), e.opt)
		if err != nil {
			return
		}
		defer s.Close()
		if ob, err := s.Lookup(taA, []byte("x")); err == nil {
			b := make([]byte, ob.Size)
			s.ReadAt(taA, []byte("x"), b, 0)
		}
	})
}
