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
	storeSvc, rpmbSvc ree.Services
	huk               *huk.Key
	opt               Options
}

// newEnv returns surroundings on disk.
func newEnv(t testing.TB) *env {
	d := t.TempDir()
	h, _ := huk.FromBytes(make([]byte, huk.Size))
	ss, err := ree.NewDir(filepath.Join(d, "store"))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ree.NewDir(filepath.Join(d, "rpmb"))
	if err != nil {
		t.Fatal(err)
	}
	return &env{storeSvc: ss, rpmbSvc: rs, huk: h}
}

// newMemEnv returns surroundings in memory, whose files tests alter.
func newMemEnv() *env {
	h, _ := huk.FromBytes(make([]byte, huk.Size))
	return &env{storeSvc: ree.NewMem(), rpmbSvc: ree.NewMem(), huk: h}
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
	part, err := rpmb.OpenEmulated(e.rpmbSvc, e.huk, rpmb.DefaultBlocks)
	if err != nil {
		return nil, err
	}
	if svc == nil {
		svc = e.storeSvc
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
