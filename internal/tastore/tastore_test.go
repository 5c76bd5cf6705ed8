package tastore

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func TestInstallListUninstall(t *testing.T) {
	t.Parallel()
	state := t.TempDir()
	a := abi.MustParseUUID("5160a7a0-0000-4000-8000-00000000000a")
	b := abi.MustParseUUID("5160a7a0-0000-4000-8000-00000000000b")
	if ids, err := List(state); err != nil || len(ids) != 0 {
		t.Fatalf("empty store: %v %v", ids, err)
	}
	for _, id := range []abi.UUID{b, a} {
		if _, err := Install(state, id, []byte("image "+id.String())); err != nil {
			t.Fatal(err)
		}
	}
	// Replacing keeps one file; junk in the directory is not a TA.
	if _, err := Install(state, a, []byte("new")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(Dir(state), "notes.txt"), nil, 0o600)
	os.WriteFile(filepath.Join(Dir(state), "NOT-A-UUID.ta"), nil, 0o600)
	os.Mkdir(filepath.Join(Dir(state), b.String()+"x.ta"), 0o700)
	ids, err := List(state)
	if err != nil || len(ids) != 2 || ids[0] != a || ids[1] != b {
		t.Fatalf("List: %v %v", ids, err)
	}
	if got, _ := os.ReadFile(Path(state, a)); string(got) != "new" {
		t.Fatalf("installed %q", got)
	}
	if err := Uninstall(state, a); err != nil {
		t.Fatal(err)
	}
	if err := Uninstall(state, a); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("second Uninstall: %v", err)
	}
	if ids, _ := List(state); len(ids) != 1 || ids[0] != b {
		t.Fatalf("after Uninstall: %v", ids)
	}
}
