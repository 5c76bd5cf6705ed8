//go:build !wasip1

package ta

import (
	"math/big"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/bignum"
)

// On the host the SDK computes big integers itself, with the core's code
// (internal/bignum) on the same layout, so FakeCore tests see what a TA in
// the core sees.

func hostBig(b []uint32) (*big.Int, uint32) {
	neg, alloc, used, _ := bignum.Header(b[0], b[1]) // checked by checkBig
	return bignum.SetLimbs(new(big.Int), neg, used, func(i uint32) uint32 { return b[2+i] }), alloc
}

func hostPut(b []uint32, alloc uint32, x *big.Int) {
	limbs := b[2 : 2+alloc]
	n := bignum.PutLimbs(x, func(i, l uint32) { limbs[i] = l })
	clear(limbs[n:])
	b[0], b[1] = bignum.HeaderWords(x.Sign() < 0, alloc, n)
}

func bigOp(op uint32, dst [3][]uint32, in [3][]uint32, arg, arg2 uint32) (uint32, Result) {
	o, ok := bignum.Lookup(op)
	if !ok {
		return 0, ErrNotSupported
	}
	a := bignum.Args{Arg: arg, Arg2: arg2}
	ins := [3]**big.Int{&a.A, &a.B, &a.N}
	for i := range 3 {
		if o.In&(1<<i) != 0 {
			if in[i] == nil {
				return 0, ErrBadParameters
			}
			*ins[i], _ = hostBig(in[i])
		}
		if o.Dst&(1<<i) != 0 && dst[i] != nil {
			_, a.Cap[i] = hostBig(dst[i])
			a.HasDst[i] = true
		} else if o.NeedDst&(1<<i) != 0 {
			return 0, ErrBadParameters
		}
	}
	res, out, r := bignum.Apply(op, a)
	if r != abi.Success {
		return 0, Result(r)
	}
	for i := range 3 {
		if res[i] != nil {
			hostPut(dst[i], a.Cap[i], res[i])
		}
	}
	return out, Success
}

func bigFromOctets(dst []uint32, buf []byte, sign int32) Result {
	_, alloc := hostBig(dst)
	x := new(big.Int).SetBytes(buf)
	if sign < 0 {
		x.Neg(x)
	}
	if bignum.Limbs(x) > alloc {
		return ErrOverflow
	}
	hostPut(dst, alloc, x)
	return Success
}

func bigToOctets(buf []byte, src []uint32) (int, Result) {
	x, _ := hostBig(src)
	need := (x.BitLen() + 7) / 8
	if len(buf) < need {
		return need, ErrShortBuffer
	}
	x.FillBytes(buf[:need])
	return need, Success
}
