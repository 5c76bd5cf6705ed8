package core

import (
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/rollback"
)

// TestRPMBVersions: versions kept in the RPMB partition survive the loss
// of the legacy file store (what wiping the state directory's versions
// file does), and versions only the legacy store knows are honoured.
func TestRPMBVersions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st, err := openStorage(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.release()
	legacy := &rollback.Memory{}
	if err := legacy.Advance(rollback.Subkey, storageTA, 5); err != nil {
		t.Fatal(err)
	}
	v := &rpmbVersions{fs: st.st.Versions(), legacy: legacy}
	steps := []struct {
		kind     rollback.Kind
		ver      uint32
		rollback bool
	}{
		{rollback.TA, 3, false},
		{rollback.TA, 3, false},
		{rollback.TA, 2, true},
		{rollback.TA, 4, false},
		{rollback.Subkey, 4, true}, // the legacy store has 5
		{rollback.Subkey, 6, false},
	}
	for _, s := range steps {
		err := v.Advance(s.kind, storageTA, s.ver)
		if errors.Is(err, rollback.ErrRollback) != s.rollback || (err != nil && !s.rollback) {
			t.Errorf("Advance(%v, %d) = %v, want rollback %v", s.kind, s.ver, err, s.rollback)
		}
	}
	if h, ok, err := v.Highest(rollback.TA, storageTA); h != 4 || !ok || err != nil {
		t.Errorf("Highest = %d, %v, %v", h, ok, err)
	}
	// The legacy store is lost: the RPMB still refuses old versions.
	fresh := &rpmbVersions{fs: st.st.Versions(), legacy: &rollback.Memory{}}
	for _, k := range []rollback.Kind{rollback.TA, rollback.Subkey} {
		if err := fresh.Advance(k, storageTA, 3); !errors.Is(err, rollback.ErrRollback) {
			t.Errorf("%v after the legacy store was lost: %v", k, err)
		}
	}
	if _, ok, _ := fresh.Highest(rollback.TA, abi.UUID{}); ok {
		t.Error("a TA never seen has a version")
	}
}
