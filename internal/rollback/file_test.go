package rollback

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

var (
	idA = abi.MustParseUUID("5160a7a0-0000-4000-8000-00000000000a")
	idB = abi.MustParseUUID("5160a7a0-0000-4000-8000-00000000000b")
)

// stores returns a fresh store of each implementation.
func stores(t *testing.T) map[string]func() Store {
	dir := t.TempDir()
	return map[string]func() Store{
		"memory": func() Store { return &Memory{} },
		"file": func() Store {
			f, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			return f
		},
	}
}

func TestAdvance(t *testing.T) {
	t.Parallel()
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			if _, ok, err := s.Highest(TA, idA); ok || err != nil {
				t.Fatalf("empty store: %v %v", ok, err)
			}
			steps := []struct {
				kind Kind
				id   abi.UUID
				v    uint32
				ok   bool
			}{
				{TA, idA, 3, true}, {TA, idA, 3, true}, {TA, idA, 2, false}, {TA, idA, 0xFFFFFFFF, true},
				{TA, idB, 0, true}, {Subkey, idA, 1, true}, {Subkey, idA, 0, false},
			}
			for i, st := range steps {
				err := s.Advance(st.kind, st.id, st.v)
				if st.ok != (err == nil) || (!st.ok && !errors.Is(err, ErrRollback)) {
					t.Fatalf("step %d: Advance(%v, %v, %d) = %v", i, st.kind, st.id, st.v, err)
				}
			}
			if v, ok, _ := s.Highest(TA, idA); !ok || v != 0xFFFFFFFF {
				t.Errorf("Highest(TA, A) = %d, %v", v, ok)
			}
			if v, ok, _ := s.Highest(Subkey, idA); !ok || v != 1 {
				t.Errorf("Highest(Subkey, A) = %d, %v", v, ok)
			}
		})
	}
}

// TestFileSurvivesRestart: a reopened file has every version, and a
// damaged one is refused instead of read as empty.
func TestFileSurvivesRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Advance(TA, idA, 7); err != nil {
		t.Fatal(err)
	}
	if err := f.Advance(Subkey, idB, 2); err != nil {
		t.Fatal(err)
	}
	g, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Advance(TA, idA, 6); !errors.Is(err, ErrRollback) {
		t.Fatalf("after reopening, version 6 below 7: %v", err)
	}
	if v, ok, _ := g.Highest(Subkey, idB); !ok || v != 2 {
		t.Fatalf("subkey version %d, %v", v, ok)
	}
	path := filepath.Join(dir, FileName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{
		b[:len(b)-2],
		append([]byte("ta 5160a7a0-0000-4000-8000-00000000000a 1\n"), b...),
		[]byte("veritee versions 1\n"),
		{},
	} {
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(dir); err == nil {
			t.Errorf("Open accepted a damaged file %q", bad)
		}
	}
	// No file at all is a fresh store.
	os.Remove(path)
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentAdvance hammers one file store; the highest version wins.
func TestConcurrentAdvance(t *testing.T) {
	t.Parallel()
	f, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.Advance(TA, idA, uint32(i))
		}()
	}
	wg.Wait()
	if v, _, _ := f.Highest(TA, idA); v != 15 {
		t.Fatalf("highest %d, want 15", v)
	}
}
