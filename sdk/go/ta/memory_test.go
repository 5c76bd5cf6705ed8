package ta

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

func TestMemCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b []byte
		want int
	}{
		{nil, nil, 0},
		{[]byte{}, nil, 0},
		{[]byte{1}, []byte{1}, 0},
		{[]byte{1}, []byte{2}, -1},
		{[]byte{0xFF}, []byte{0x00}, 1},
		{[]byte{1, 2, 3}, []byte{1, 3, 0}, -1},
		{[]byte{1, 9, 0}, []byte{1, 3, 0xFF}, 1},
		{[]byte{5, 0}, []byte{5}, 1},
		{[]byte{5}, []byte{5, 0}, -1},
		{[]byte{4, 0}, []byte{5}, -1},
	}
	for _, tc := range tests {
		if got := sign(MemCompare(tc.a, tc.b)); got != tc.want {
			t.Errorf("MemCompare(%x, %x) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a, b := make([]byte, r.IntN(6)), make([]byte, r.IntN(6))
		for i := range a {
			a[i] = byte(r.IntN(3) * 127)
		}
		for i := range b {
			b[i] = byte(r.IntN(3) * 127)
		}
		if got, want := sign(MemCompare(a, b)), bytes.Compare(a, b); got != want {
			t.Fatalf("MemCompare(%x, %x) = %d, bytes.Compare %d", a, b, got, want)
		}
	}
}

func TestMemMoveFill(t *testing.T) {
	t.Parallel()
	b := []byte("0123456789")
	if n := MemMove(b[3:], b[:7]); n != 7 || string(b) != "0120123456" {
		t.Errorf("forward overlap: %d %q", n, b)
	}
	b = []byte("0123456789")
	if n := MemMove(b[:7], b[3:]); n != 7 || string(b) != "3456789789" {
		t.Errorf("backward overlap: %d %q", n, b)
	}
	if n := MemMove(make([]byte, 2), []byte("abc")); n != 2 {
		t.Errorf("short dst copied %d", n)
	}
	f := make([]byte, 5)
	MemFill(f, 0xEE)
	if !bytes.Equal(f, bytes.Repeat([]byte{0xEE}, 5)) {
		t.Errorf("MemFill: %x", f)
	}
	MemFill(nil, 1)
}

func TestMallocRealloc(t *testing.T) {
	// Not parallel: it sets the registered data size.
	old := registration.props.DataSize
	t.Cleanup(func() { registration.props.DataSize = old })
	registration.props.DataSize = 1024

	tests := []struct {
		size, hint uint32
		ok         bool
	}{
		{0, MallocFillZero, true},
		{16, MallocFillZero, true},
		{16, MallocNoFill, true},
		{16, MallocNoFill | MallocNoShare, true},
		{16, mallocOPTEENoFill, true},
		{16, 0x100, false},
		{1024, 0, true},
		{1025, 0, false},
	}
	for _, tc := range tests {
		b := Malloc(tc.size, tc.hint)
		if (b != nil) != tc.ok || (b != nil && len(b) != int(tc.size)) {
			t.Errorf("Malloc(%d, 0x%x) = len %d nil %v", tc.size, tc.hint, len(b), b == nil)
		}
		for _, x := range b {
			if x != 0 {
				t.Fatalf("Malloc(%d) not zeroed", tc.size)
			}
		}
	}

	b := Malloc(8, 0)
	copy(b, "abcdefgh")
	b = Realloc(b, 4)
	if string(b) != "abcd" {
		t.Errorf("shrink: %q", b)
	}
	b = Realloc(b, 8)
	if string(b) != "abcd\x00\x00\x00\x00" {
		t.Errorf("regrow in place must zero the new bytes: %q", b)
	}
	b = Realloc(b, 100)
	if len(b) != 100 || string(b[:4]) != "abcd" || b[99] != 0 {
		t.Errorf("grow: %q", b[:8])
	}
	if Realloc(b, 2000) != nil {
		t.Error("Realloc past dataSize succeeded")
	}
	if n := Realloc(nil, 3); n == nil || len(n) != 3 {
		t.Error("Realloc(nil, 3)")
	}
	Free(b[:4])
	if b[50] != 0 || b[0] != 0 {
		t.Error("Free did not clear the whole capacity")
	}
	Free(nil)
}
