package keys

import (
	"bytes"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
)

func TestHierarchySeparatesTAsAndInstallations(t *testing.T) {
	t.Parallel()
	h1, _ := huk.FromBytes(bytes.Repeat([]byte{1}, huk.Size))
	h2, _ := huk.FromBytes(bytes.Repeat([]byte{2}, huk.Size))
	a := abi.UUID{0xA}
	b := abi.UUID{0xB}
	fek := NewFEK()
	wrapped := NewSSK(h1).TSK(a).Seal(nil, fek, []byte("uid"))
	tests := []struct {
		name string
		tsk  *AEAD
		aad  string
		ok   bool
	}{
		{"same TA, same object", NewSSK(h1).TSK(a), "uid", true},
		{"other TA", NewSSK(h1).TSK(b), "uid", false},
		{"other installation", NewSSK(h2).TSK(a), "uid", false},
		{"other object", NewSSK(h1).TSK(a), "uie", false},
	}
	for _, tc := range tests {
		got, err := tc.tsk.Open(nil, wrapped, []byte(tc.aad))
		if tc.ok != (err == nil) || tc.ok && !bytes.Equal(got, fek) {
			t.Errorf("%s: %v", tc.name, err)
		}
		if !tc.ok && !errors.Is(err, ErrUnwrap) {
			t.Errorf("%s: error %v, want ErrUnwrap", tc.name, err)
		}
	}
	s := NewSSK(h1)
	if bytes.Equal(s.MetaKey(), s.NameKey()) {
		t.Fatal("meta and name keys coincide")
	}
}

func TestSealDetectsEveryFlip(t *testing.T) {
	t.Parallel()
	a, err := NewAEAD(bytes.Repeat([]byte{9}, Size))
	if err != nil {
		t.Fatal(err)
	}
	sealed := a.Seal(nil, []byte("attributes"), []byte("aad"))
	for i := range sealed {
		c := bytes.Clone(sealed)
		c[i] ^= 0x80
		if _, err := a.Open(nil, c, []byte("aad")); !errors.Is(err, ErrUnwrap) {
			t.Fatalf("flip at %d: %v", i, err)
		}
	}
	for _, short := range [][]byte{nil, sealed[:SealOverhead-1]} {
		if _, err := a.Open(nil, short, nil); !errors.Is(err, ErrUnwrap) {
			t.Fatalf("short input: %v", err)
		}
	}
	if _, err := NewAEAD(make([]byte, 16)); err == nil {
		t.Fatal("16-byte key accepted")
	}
	a.Destroy()
}
