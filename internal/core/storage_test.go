package core

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

var storageTA = abi.MustParseUUID("8e5c4a40-7e57-4000-8000-0000000000aa")

func newCore(t *testing.T, dir string) *Core {
	t.Helper()
	c, err := New(context.Background(), Config{StateDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestStorageSharedAndPersistent: cores of one process on one state
// directory share its storage; what one writes survives a restart.
func TestStorageSharedAndPersistent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := newCore(t, dir), newCore(t, dir)
	if a.storage != b.storage {
		t.Fatal("two cores on one state directory opened the storage twice")
	}
	h, err := a.storage.st.Create(storageTA, abi.StoragePrivate, []byte("id"), abi.DataFlagAccessRead, storage.ObjectInfo{Type: abi.TypeData}, nil, []byte("kept"))
	if err != nil {
		t.Fatal(err)
	}
	h.Close()
	for _, c := range []*Core{a, b} {
		if err := c.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	c := newCore(t, dir)
	defer c.Close(context.Background())
	h, err = c.storage.st.Open(storageTA, abi.StoragePrivate, []byte("id"), abi.DataFlagAccessRead)
	if err != nil {
		t.Fatalf("after a restart: %v", err)
	}
	defer h.Close()
	buf := make([]byte, 8)
	if n, err := h.Read(buf); err != nil || string(buf[:n]) != "kept" {
		t.Errorf("read %q, %v", buf[:n], err)
	}
	if m := newCore(t, ""); m.storage == c.storage {
		t.Error("an in-memory core shares a state directory's storage")
	} else {
		m.Close(context.Background())
	}
}

// TestStorageUntrustedRefused: a core does not start on a store whose
// RPMB partition was tampered with, and says why.
func TestStorageUntrustedRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := newCore(t, dir)
	h, err := c.storage.st.Create(storageTA, abi.StoragePrivate, []byte("id"), 0, storage.ObjectInfo{Type: abi.TypeData}, nil, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	h.Close()
	c.Close(context.Background())
	img := filepath.Join(dir, rpmb.DeviceFile)
	b, err := os.ReadFile(img)
	if err != nil {
		t.Fatal(err)
	}
	for i := range b {
		b[i] ^= 0x5A
	}
	if err := os.WriteFile(img, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = New(context.Background(), Config{StateDir: dir})
	if err == nil || !strings.Contains(err.Error(), "cannot be opened or trusted") {
		t.Fatalf("start on a tampered store: %v", err)
	}
}

// TestStorageLock: a second holder of a state directory's lock (as
// another process would be) is refused.
func TestStorageLock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	unlock, err := lockStateDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lockStateDir(dir); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("second lock: %v", err)
	}
	unlock()
	unlock2, err := lockStateDir(dir)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	unlock2()
}
