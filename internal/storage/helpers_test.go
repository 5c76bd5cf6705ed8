package storage

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
)

var (
	taA = abi.MustParseUUID("a0000000-0000-4000-8000-00000000000a")
	taB = abi.MustParseUUID("b0000000-0000-4000-8000-00000000000b")

	storageIDs = []uint32{abi.StoragePrivate, abi.StoragePrivateREE, abi.StoragePrivateRPMB}
	dataInfo   = ObjectInfo{Type: 0xA00000BF} // TEE_TYPE_DATA
)

const (
	rw      = abi.DataFlagAccessRead | abi.DataFlagAccessWrite
	rwm     = rw | abi.DataFlagAccessWriteMeta
	shareRW = abi.DataFlagShareRead | abi.DataFlagShareWrite
)

func testHUK() *huk.Key {
	k, _ := huk.FromBytes(bytes.Repeat([]byte{7}, huk.Size))
	return k
}

// openAt opens the storage of state directory dir.
func openAt(t testing.TB, dir string) *Opened {
	t.Helper()
	rs, err := ree.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := ree.NewDir(filepath.Join(dir, REEStoreDir))
	if err != nil {
		t.Fatal(err)
	}
	o, err := OpenServices(rs, ss, testHUK(), reefs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func newStorage(t testing.TB) *Opened {
	t.Helper()
	o := openAt(t, t.TempDir())
	t.Cleanup(func() { o.Close() })
	return o
}

func wantCode(t testing.TB, err error, code abi.Result) {
	t.Helper()
	if ResultOf(err) != code {
		t.Fatalf("got %v, want %v", err, code)
	}
	if code != abi.Success && !errors.Is(err, &Error{Code: code}) {
		t.Fatalf("errors.Is fails for %v", err)
	}
}

func mustCreate(t testing.TB, s *Storage, ta abi.UUID, sid uint32, id string, flags uint32, data []byte) *Handle {
	t.Helper()
	h, err := s.Create(ta, sid, []byte(id), flags, dataInfo, nil, data)
	if err != nil {
		t.Fatalf("create %q: %v", id, err)
	}
	return h
}

func readAll(t testing.TB, h *Handle) []byte {
	t.Helper()
	if err := h.Seek(0, abi.DataSeekSet); err != nil {
		t.Fatal(err)
	}
	n, err := h.DataSize()
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, n+10)
	got, err := h.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	return b[:got]
}
