package core

import (
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/rollback"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

// rpmbVersions keeps the anti-rollback versions of TAs and subkeys
// (rollback.Store) in the RPMB partition of the secure storage, where a
// writer of the state directory cannot lower them: the partition's
// frames are authenticated with a key derived from the HUK and its write
// counter only goes up. The file store the loader used before (legacy)
// is still read, so versions recorded there before the RPMB took over
// are not forgotten, and still written, so tools that read it
// (`veritee inspect`) see the same numbers.
type rpmbVersions struct {
	fs     *rpmb.FS
	legacy rollback.Store // may be nil
}

// versionName is the RPMB counter name of (kind, id).
func versionName(kind rollback.Kind, id abi.UUID) string {
	return "rollback/" + kind.String() + "/" + id.String()
}

// Highest returns the higher of the RPMB's and the legacy store's
// versions. The RPMB answers 0 for a counter never set, which is also
// the lowest version there is, so 0 counts as "none".
func (r *rpmbVersions) Highest(kind rollback.Kind, id abi.UUID) (uint32, bool, error) {
	v, err := r.fs.Version(versionName(kind, id))
	if err != nil {
		return 0, false, fmt.Errorf("core: anti-rollback version in RPMB: %w", err)
	}
	ok := v != 0
	if r.legacy != nil {
		lv, lok, err := r.legacy.Highest(kind, id)
		if err != nil {
			return 0, false, err
		}
		if lok && (!ok || lv > v) {
			v, ok = lv, true
		}
	}
	return v, ok, nil
}

// Advance records v unless a higher version is recorded in either store
// (then ErrRollback, nothing recorded). The RPMB counter is raised
// atomically, so concurrent loads never lower it.
func (r *rpmbVersions) Advance(kind rollback.Kind, id abi.UUID, v uint32) error {
	if r.legacy != nil {
		if lv, lok, err := r.legacy.Highest(kind, id); err != nil {
			return err
		} else if lok && v < lv {
			return fmt.Errorf("%w: %s %v version %d, highest seen %d", rollback.ErrRollback, kind, id, v, lv)
		}
	}
	old, err := r.fs.RaiseVersion(versionName(kind, id), v)
	if err != nil {
		return fmt.Errorf("core: anti-rollback version in RPMB: %w", err)
	}
	if v < old {
		return fmt.Errorf("%w: %s %v version %d, highest seen %d", rollback.ErrRollback, kind, id, v, old)
	}
	if r.legacy != nil {
		return r.legacy.Advance(kind, id, v)
	}
	return nil
}
