package ta

import "testing"

// fakeAddrs hands out addresses as a bump allocator over a 32-bit space,
// leaving gaps, as a stand-in for wasm32 linear memory.
func fakeAddrs() func([]byte) uint32 {
	next := uint32(0x1000)
	return func(b []byte) uint32 {
		a := next
		next += uint32(len(b)) + 16
		return a
	}
}

func TestArena(t *testing.T) {
	t.Parallel()
	a := newArena(fakeAddrs())
	a.limit = 100
	z1, z2 := a.alloc(0), a.alloc(0)
	if z1 == 0 || z2 == 0 || z1 == z2 {
		t.Fatalf("alloc(0) = 0x%x, 0x%x: want distinct non-zero", z1, z2)
	}
	big := a.alloc(40)
	tests := []struct {
		name       string
		addr, size uint32
		ok         bool
		off        int // offset into big when ok
	}{
		{"whole block", big, 40, true, 0},
		{"prefix", big, 8, true, 0},
		{"inside", big + 32, 4, true, 32},
		{"empty at end", big + 40, 0, true, 40},
		{"past end", big + 32, 9, false, 0},
		{"too large", big, 41, false, 0},
		{"before", big - 1, 2, false, 0},
		{"gap", big + 44, 1, false, 0},
		{"NULL", 0, 4, false, 0},
	}
	whole, _ := a.resolve(big, 40)
	for i := range whole {
		whole[i] = byte(i)
	}
	for _, tc := range tests {
		b, ok := a.resolve(tc.addr, tc.size)
		if ok != tc.ok {
			t.Errorf("%s: resolve ok = %v", tc.name, ok)
			continue
		}
		if ok && (len(b) != int(tc.size) || cap(b) != int(tc.size) || (tc.size > 0 && b[0] != byte(tc.off))) {
			t.Errorf("%s: got len %d cap %d", tc.name, len(b), cap(b))
		}
	}
	if a.alloc(59) != 0 {
		t.Error("alloc past the limit succeeded")
	}
	if a.alloc(58) == 0 {
		t.Error("alloc up to the limit failed")
	}
	if !a.free(big) || a.free(big) || a.free(12345) || !a.free(0) {
		t.Error("free: want true once, false for a repeat or unknown address, true for 0")
	}
	if whole[5] != 0 {
		t.Error("free did not clear the block")
	}
	if _, ok := a.resolve(big, 1); ok {
		t.Error("resolve of a freed block succeeded")
	}
	if a.alloc(40) == 0 {
		t.Error("free did not return the bytes to the limit")
	}
}
