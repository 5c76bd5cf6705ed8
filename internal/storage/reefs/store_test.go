package reefs

import (
	"bytes"
	"errors"
	"testing"
)

func readAll(t *testing.T, s *Store, ns Namespace, id string) []byte {
	t.Helper()
	o, err := s.Lookup(ns, []byte(id))
	if err != nil {
		t.Fatalf("lookup %q: %v", id, err)
	}
	b := make([]byte, o.Size)
	n, err := s.ReadAt(ns, []byte(id), b, 0)
	if err != nil || n != len(b) {
		t.Fatalf("read %q: %d %v", id, n, err)
	}
	return b
}

func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7) + seed
	}
	return b
}

func TestRoundTripAndReopen(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	o := e.mustOpen(t)
	s := o.s
	big := pattern(3*BlockSize+100, 1)
	if err := s.Create(taA, []byte("a"), []byte("info"), []byte("attrs"), big, false); err != nil {
		t.Fatal(err)
	}
	if err := s.Create(taA, []byte("a"), nil, nil, nil, false); !errors.Is(err, ErrExists) {
		t.Fatalf("create over existing: %v", err)
	}
	if err := s.WriteAt(taA, []byte("a"), []byte("XYZ"), BlockSize-1); err != nil {
		t.Fatal(err)
	}
	copy(big[BlockSize-1:], "XYZ")
	if err := s.WriteAt(taA, []byte("a"), []byte("tail"), 5*BlockSize); err != nil {
		t.Fatal(err)
	}
	big = append(big, make([]byte, 5*BlockSize-len(big))...)
	big = append(big, "tail"...)
	if got := readAll(t, s, taA, "a"); !bytes.Equal(got, big) {
		t.Fatal("content after writes differs")
	}
	if err := s.Truncate(taA, []byte("a"), 10); err != nil {
		t.Fatal(err)
	}
	big = big[:10]
	if err := s.Rename(taA, []byte("a"), []byte("b")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lookup(taA, []byte("a")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old id after rename: %v", err)
	}
	if _, err := s.Lookup(taB, []byte("b")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("other TA sees object: %v", err)
	}
	o.Close()
	o = e.mustOpen(t)
	defer o.Close()
	if got := readAll(t, o.s, taA, "b"); !bytes.Equal(got, big) {
		t.Fatalf("after reopen: %q", got)
	}
	a, err := o.s.Attributes(taA, []byte("b"))
	if err != nil || string(a) != "attrs" {
		t.Fatalf("attributes %q %v", a, err)
	}
	if err := o.s.Compact(); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, o.s, taA, "b"); !bytes.Equal(got, big) {
		t.Fatal("after compaction")
	}
	o.Close()
	o = e.mustOpen(t)
	if got := readAll(t, o.s, taA, "b"); !bytes.Equal(got, big) {
		t.Fatal("after compaction and reopen")
	}
}
