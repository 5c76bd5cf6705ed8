package ree

import (
	"bytes"
	"errors"
	"io/fs"
	"sort"
	"testing"
)

// services runs the same checks against every implementation.
func TestServices(t *testing.T) {
	t.Parallel()
	dir, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, svc := range map[string]Services{"dir": dir, "mem": NewMem()} {
		t.Run(name, func(t *testing.T) {
			for _, bad := range []string{"", "a/b", ".hidden", "x\x00"} {
				if _, err := svc.Open(bad, true); !errors.Is(err, ErrBadName) {
					t.Errorf("name %q: %v", bad, err)
				}
			}
			if _, err := svc.Open("missing", false); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("missing file: %v", err)
			}
			f, err := svc.Open("f", true)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteAt([]byte("hello"), 3); err != nil {
				t.Fatal(err)
			}
			if n, _ := f.Size(); n != 8 {
				t.Fatalf("size %d", n)
			}
			b := make([]byte, 8)
			if _, err := f.ReadAt(b, 0); err != nil || !bytes.Equal(b, []byte("\x00\x00\x00hello")) {
				t.Fatalf("read %q %v", b, err)
			}
			if err := f.Truncate(4); err != nil {
				t.Fatal(err)
			}
			if err := f.Sync(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			if err := svc.Rename("f", "g"); err != nil {
				t.Fatal(err)
			}
			if err := svc.SyncDir(); err != nil {
				t.Fatal(err)
			}
			names, _ := svc.List()
			sort.Strings(names)
			if len(names) != 1 || names[0] != "g" {
				t.Fatalf("names %v", names)
			}
			if err := svc.Remove("g"); err != nil {
				t.Fatal(err)
			}
			if err := svc.Remove("g"); err != nil {
				t.Fatalf("removing a missing file: %v", err)
			}
		})
	}
}

func TestFaultsCountAndTear(t *testing.T) {
	t.Parallel()
	m := NewMem()
	var hits []string
	faults := &Faults{At: 3, Hit: func(op string) error { hits = append(hits, op); return ErrInjected }}
	svc := faults.Wrap(m)
	f, err := svc.Open("x", true) // 1
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("abcd"), 0)                                              // 2
	if _, err := f.WriteAt([]byte("WXYZ"), 0); !errors.Is(err, ErrInjected) { // 3: torn
		t.Fatalf("write at the fault point: %v", err)
	}
	if got := m.Files()["x"]; string(got) != "WXcd" {
		t.Fatalf("torn write left %q, want the first half written", got)
	}
	f.Sync() // 4
	if faults.Count() != 4 || len(hits) != 1 || hits[0] != "write" {
		t.Fatalf("count %d hits %v", faults.Count(), hits)
	}
}
