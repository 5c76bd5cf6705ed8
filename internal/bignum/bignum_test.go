package bignum

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestLERoundTrip checks SetLE and PutLE against SetLimbs and PutLimbs on
// every limb count up to 9, on both word sizes' boundaries.
func TestLERoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for n := range 10 {
		for range 20 {
			le := make([]byte, n*4)
			for i := range le {
				le[i] = byte(r.Uint32())
			}
			neg := r.IntN(2) == 0
			x := SetLE(new(big.Int), neg, le)
			y := SetLimbs(new(big.Int), neg, uint32(n), func(i uint32) uint32 {
				return uint32(le[4*i]) | uint32(le[4*i+1])<<8 | uint32(le[4*i+2])<<16 | uint32(le[4*i+3])<<24
			})
			if x.Cmp(y) != 0 {
				t.Fatalf("%x: SetLE %v, SetLimbs %v", le, x, y)
			}
			out := make([]byte, n*4+8)
			k := PutLE(x, out)
			if k != Limbs(x) {
				t.Fatalf("PutLE wrote %d limbs of %v", k, x)
			}
			var limbs []uint32
			PutLimbs(x, func(i, l uint32) { limbs = append(limbs, l) })
			for i, l := range limbs {
				if got := uint32(out[4*i]) | uint32(out[4*i+1])<<8 | uint32(out[4*i+2])<<16 | uint32(out[4*i+3])<<24; got != l {
					t.Fatalf("%v: limb %d = %#x, want %#x", x, i, got, l)
				}
			}
			for _, b := range out[k*4:] {
				if b != 0 {
					t.Fatalf("%v: PutLE wrote past %d limbs", x, k)
				}
			}
		}
	}
}
