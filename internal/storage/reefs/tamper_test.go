package reefs

import (
	"bytes"
	"errors"
	"sort"
	"testing"

	"github.com/veritee/veritee/internal/storage/keys"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

// smallStore builds a store of a few objects with attributes, partial
// writes, a rename and a delete, and returns the expected contents.
func smallStore(t *testing.T, e *env) map[string][]byte {
	t.Helper()
	o := e.mustOpen(t)
	defer o.Close()
	s := o.s
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Create(taA, []byte("key"), []byte("info"), []byte("secret attrs"), []byte("key data"), false))
	must(s.Create(taA, []byte("doc"), nil, nil, pattern(300, 3), false))
	must(s.WriteAt(taA, []byte("doc"), []byte("patch"), 100))
	must(s.Create(taB, []byte("tmp"), nil, nil, []byte("gone soon"), false))
	must(s.Create(taB, []byte("b"), nil, nil, []byte("bee"), false))
	must(s.Delete(taB, []byte("tmp")))
	must(s.Rename(taA, []byte("doc"), []byte("doc2")))
	doc := pattern(300, 3)
	copy(doc[100:], "patch")
	return map[string][]byte{"A/key": []byte("key data"), "A/doc2": doc, "B/b": []byte("bee")}
}

var nsByName = map[string]Namespace{"A": taA, "B": taB}

// detected opens the store on svc and reports whether the damage shows:
// the store is refused, an object is missing or reports corruption. It
// fails the test when an object reads back different content without
// an error.
func detected(t *testing.T, e *env, part *rpmb.Partition, want map[string][]byte, what string) bool {
	t.Helper()
	s, err := Open(e.storeSvc, part.FS, keys.NewSSK(e.huk), e.opt)
	if err != nil {
		if !errors.Is(err, ErrUntrusted) {
			t.Errorf("%s: refused with %v, want ErrUntrusted", what, err)
		}
		return true
	}
	defer s.Close()
	found := s.Health() != nil
	names := make([]string, 0, len(want))
	for k := range want {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		ns, id := nsByName[k[:1]], []byte(k[2:])
		ob, err := s.Lookup(ns, id)
		if err != nil {
			found = true
			continue
		}
		if _, err := s.Attributes(ns, id); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("%s: attributes of %s: %v", what, k, err)
			}
			found = true
			continue
		}
		b := make([]byte, ob.Size)
		if _, err := s.ReadAt(ns, id, b, 0); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("%s: read of %s: %v", what, k, err)
			}
			found = true
			continue
		}
		if !bytes.Equal(b, want[k]) {
			t.Errorf("%s: %s reads back altered content without an error", what, k)
			found = true
		}
	}
	return found
}

func storeFiles(e *env) map[string][]byte { return e.storeSvc.(*ree.Mem).Files() }

func putFiles(e *env, m map[string][]byte) { e.storeSvc.(*ree.Mem).SetFiles(m) }

func openPartition(t *testing.T, e *env) *rpmb.Partition {
	t.Helper()
	p, err := rpmb.OpenEmulated(e.rpmbSvc, e.huk, rpmb.DefaultBlocks)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTamperEveryByte flips every byte of every file of a small store,
// one at a time, and truncates every file to every shorter length: each
// change must be refused or reported, never read back as data.
func TestTamperEveryByte(t *testing.T) {
	t.Parallel()
	e := newMemEnv()
	want := smallStore(t, e)
	pristine := storeFiles(e)
	part := openPartition(t, e)
	defer part.Close()
	if detected(t, e, part, want, "pristine store") {
		t.Fatal("the untouched store is reported damaged")
	}
	total := 0
	for name, b := range pristine {
		for i := range b {
			for _, x := range []byte{0x01, 0xFF} {
				m := map[string][]byte{}
				for n, c := range pristine {
					m[n] = c
				}
				c := bytes.Clone(b)
				c[i] ^= x
				m[name] = c
				putFiles(e, m)
				if !detected(t, e, part, want, name+" byte flip") {
					t.Errorf("%s: flipping byte %d with 0x%02x goes unnoticed", name, i, x)
				}
				total++
			}
		}
		for n := 0; n < len(b); n++ {
			m := map[string][]byte{}
			for k, c := range pristine {
				m[k] = c
			}
			m[name] = b[:n]
			putFiles(e, m)
			if !detected(t, e, part, want, name+" truncation") {
				t.Errorf("%s: truncating to %d bytes goes unnoticed", name, n)
			}
			total++
		}
	}
	// Deleting the store, or adding a stranger's log, is refused too.
	putFiles(e, map[string][]byte{})
	if !detected(t, e, part, want, "empty store") {
		t.Error("an emptied store is accepted")
	}
	t.Logf("%d altered stores, each detected", total)
	putFiles(e, pristine)
	if detected(t, e, part, want, "restored store") {
		t.Fatal("the restored store is reported damaged")
	}
}

// TestTamperSwapAndRollback swaps files and regions of the store and puts
// back older copies of it while the RPMB moved on.
func TestTamperSwapAndRollback(t *testing.T) {
	t.Parallel()
	e := newMemEnv()
	want := smallStore(t, e)
	old := storeFiles(e)

	o := e.mustOpen(t)
	if err := o.s.Create(taA, []byte("later"), nil, nil, []byte("L"), false); err != nil {
		t.Fatal(err)
	}
	if err := o.s.Compact(); err != nil { // log-1 becomes log-2
		t.Fatal(err)
	}
	o.Close()
	cur := storeFiles(e)
	want2 := map[string][]byte{"A/later": []byte("L")}
	for k, v := range want {
		want2[k] = v
	}
	part := openPartition(t, e)
	defer part.Close()
	if detected(t, e, part, want2, "current store") {
		t.Fatal("the current store is reported damaged")
	}
	if _, ok := cur[logName(2)]; !ok || len(cur) != 2 || !bytes.HasPrefix(cur[spareName], old[logName(1)]) {
		t.Fatalf("store files after compaction: %v, want log 2 and log 1 as the spare", keysOf(cur))
	}

	cases := map[string]map[string][]byte{
		"older copy":                old,
		"older log under new name":  {logName(2): old[logName(1)]},
		"spare as the current log":  {logName(2): cur[spareName], spareName: cur[logName(2)]},
		"both logs":                 {logName(1): old[logName(1)], logName(2): cur[logName(2)]},
		"new log under old name":    {logName(1): cur[logName(2)]},
		"older log as the next one": {logName(2): cur[logName(2)], logName(3): old[logName(1)]},
	}
	for name, files := range cases {
		putFiles(e, files)
		s, err := Open(e.storeSvc, part.FS, keys.NewSSK(e.huk), e.opt)
		if name == "both logs" || name == "older log as the next one" {
			// The stray log is ignored and removed; the current one rules.
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if _, err := s.Lookup(taA, []byte("later")); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			s.Close()
			continue
		}
		if !errors.Is(err, ErrUntrusted) {
			t.Errorf("%s: opened with %v, want ErrUntrusted", name, err)
			if s != nil {
				s.Close()
			}
		}
	}

	// Swap two same-sized regions inside the log: two records' data blocks.
	log := cur[logName(2)]
	for _, span := range []int{16, 28, 64} {
		for a := fileHeader; a+2*span <= len(log); a += span {
			c := bytes.Clone(log)
			b := a + span
			tmp := bytes.Clone(c[a : a+span])
			copy(c[a:], c[b:b+span])
			copy(c[b:], tmp)
			if bytes.Equal(c, log) {
				continue
			}
			putFiles(e, map[string][]byte{logName(2): c})
			if !detected(t, e, part, want2, "region swap") {
				t.Errorf("swapping %d-byte regions at %d and %d goes unnoticed", span, a, b)
			}
		}
	}
}

func keysOf(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
