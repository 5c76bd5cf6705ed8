package core

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
)

func TestTATimeStore(t *testing.T) {
	t.Parallel()
	a := abi.MustParseUUID("11111111-2222-3333-4444-555555555555")
	b := abi.MustParseUUID("66666666-2222-3333-4444-555555555555")
	dir := filepath.Join(t.TempDir(), "ta-time")
	for _, s := range []*taTimeStore{newTATimeStore(""), newTATimeStore(dir)} {
		if _, ok, err := s.Get(a); ok || err != nil {
			t.Fatalf("unset: %v %v", ok, err)
		}
		if err := s.Set(a, -3*time.Hour); err != nil {
			t.Fatal(err)
		}
		if off, ok, err := s.Get(a); off != -3*time.Hour || !ok || err != nil {
			t.Errorf("get = %v %v %v", off, ok, err)
		}
		if _, ok, _ := s.Get(b); ok {
			t.Error("another TA's time is set")
		}
	}
	// Persisted: a new store reads it; a damaged file is an error.
	s := newTATimeStore(dir)
	if off, ok, err := s.Get(a); off != -3*time.Hour || !ok || err != nil {
		t.Errorf("after restart: %v %v %v", off, ok, err)
	}
	name := filepath.Join(dir, a.String())
	rec, err := os.ReadFile(name)
	if err != nil || len(rec) != taTimeRecordSize {
		t.Fatalf("record %x %v", rec, err)
	}
	for i := range rec {
		bad := append([]byte{}, rec...)
		bad[i] ^= 0x10
		os.WriteFile(name, bad, 0o600)
		if _, _, err := s.Get(a); err == nil {
			t.Errorf("byte %d flipped: no error", i)
		}
	}
	os.WriteFile(name, rec[:8], 0o600)
	if _, _, err := s.Get(a); err == nil {
		t.Error("short record: no error")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("files left in %s: %v", dir, ents)
	}
}
