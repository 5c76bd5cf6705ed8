package reefs

import (
	"path/filepath"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage/keys"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

var (
	taA = Namespace{TA: abi.MustParseUUID("11111111-2222-3333-4444-555555555555"), Storage: abi.StoragePrivate}
	taB = Namespace{TA: abi.MustParseUUID("99999999-2222-3333-4444-555555555555"), Storage: abi.StoragePrivate}
)

// env is a store's surroundings: its directory, the RPMB device's
// directory and the HUK.
type env struct {
	storeDir, rpmbDir string
	huk               *huk.Key
	opt               Options
}

func newEnv(t testing.TB) *env {
	d := t.TempDir()
	h, _ := huk.FromBytes(make([]byte, huk.Size))
	return &env{storeDir: filepath.Join(d, "store"), rpmbDir: filepath.Join(d, "rpmb"), huk: h}
}

type opened struct {
	s    *Store
	part *rpmb.Partition
}

func (o *opened) Close() {
	o.s.Close()
	o.part.Close()
}

func (e *env) open(svc ree.Services) (*opened, error) {
	rsvc, err := ree.NewDir(e.rpmbDir)
	if err != nil {
		return nil, err
	}
	part, err := rpmb.OpenEmulated(rsvc, e.huk, rpmb.DefaultBlocks)
	if err != nil {
		return nil, err
	}
	if svc == nil {
		d, err := ree.NewDir(e.storeDir)
		if err != nil {
			return nil, err
		}
		svc = d
	}
	s, err := Open(svc, part.FS, keys.NewSSK(e.huk), e.opt)
	if err != nil {
		part.Close()
		return nil, err
	}
	return &opened{s, part}, nil
}

func (e *env) mustOpen(t testing.TB) *opened {
	t.Helper()
	o, err := e.open(nil)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
