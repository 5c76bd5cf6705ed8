package bignum

import (
	"math/big"
	"sync"

	"github.com/veritee/veritee/internal/abi"
)

// Operands of an operation; A, B and N are nil when absent.
type Args struct {
	A, B, N   *big.Int
	Arg, Arg2 uint32
	Cap       [3]uint32 // allocated limbs of dst, dst2, dst3
	HasDst    [3]bool
}

// Op describes what an operation code reads and writes.
type Op struct {
	In      uint8 // bit 0: op1, bit 1: op2, bit 2: n
	Dst     uint8 // destinations written
	NeedDst uint8 // destinations that must be present
	Out     bool  // writes *out
}

// Lookup returns the description of operation code op.
func Lookup(op uint32) (Op, bool) {
	if op >= uint32(len(ops)) || ops[op].In|ops[op].Dst == 0 && !ops[op].Out {
		return Op{}, false
	}
	return ops[op], true
}

// ops describes every bigint_op code, indexed by code.
var ops = [...]Op{
	abi.BigOpCmp:             {In: 3, Out: true},
	abi.BigOpCmpS32:          {In: 1, Out: true},
	abi.BigOpShiftRight:      {In: 1, Dst: 1, NeedDst: 1},
	abi.BigOpGetBit:          {In: 1, Out: true},
	abi.BigOpGetBitCount:     {In: 1, Out: true},
	abi.BigOpSetBit:          {In: 1, Dst: 1, NeedDst: 1},
	abi.BigOpAssign:          {In: 1, Dst: 1, NeedDst: 1},
	abi.BigOpAbs:             {In: 1, Dst: 1, NeedDst: 1},
	abi.BigOpAdd:             {In: 3, Dst: 1, NeedDst: 1},
	abi.BigOpSub:             {In: 3, Dst: 1, NeedDst: 1},
	abi.BigOpNeg:             {In: 1, Dst: 1, NeedDst: 1},
	abi.BigOpMul:             {In: 3, Dst: 1, NeedDst: 1},
	abi.BigOpSquare:          {In: 1, Dst: 1, NeedDst: 1},
	abi.BigOpDiv:             {In: 3, Dst: 3},
	abi.BigOpMod:             {In: 5, Dst: 1, NeedDst: 1},
	abi.BigOpAddMod:          {In: 7, Dst: 1, NeedDst: 1},
	abi.BigOpSubMod:          {In: 7, Dst: 1, NeedDst: 1},
	abi.BigOpMulMod:          {In: 7, Dst: 1, NeedDst: 1},
	abi.BigOpSquareMod:       {In: 5, Dst: 1, NeedDst: 1},
	abi.BigOpInvMod:          {In: 5, Dst: 1, NeedDst: 1},
	abi.BigOpExpMod:          {In: 7, Dst: 1, NeedDst: 1},
	abi.BigOpRelativePrime:   {In: 3, Out: true},
	abi.BigOpExtendedGcd:     {In: 3, Dst: 7, NeedDst: 1},
	abi.BigOpIsProbablePrime: {In: 1, Out: true},
	abi.BigOpToFMM:           {In: 5, Dst: 1, NeedDst: 1},
	abi.BigOpFromFMM:         {In: 5, Dst: 1, NeedDst: 1},
	abi.BigOpComputeFMM:      {In: 7, Dst: 1, NeedDst: 1},
	abi.BigOpInitFMMContext:  {In: 4, Dst: 1, NeedDst: 1},
	abi.BigOpFromS32:         {Dst: 1, NeedDst: 1}, // no operand: Dst says it is known
	abi.BigOpToS32:           {In: 1, Out: true},
}

var one = big.NewInt(1)

// Scratch holds the values of one operation, reused from call to call so
// that an operation on numbers of a steady size allocates nothing.
type Scratch struct {
	In        [3]big.Int // the decoded operands, for the caller to fill
	z, t, q   big.Int
	r1, r2, m big.Int
}

var scratchPool = sync.Pool{New: func() any { return new(Scratch) }}

// GetScratch returns a Scratch from a pool; Put it back when its results
// have been stored.
func GetScratch() *Scratch { return scratchPool.Get().(*Scratch) }

// Put returns s to the pool.
func (s *Scratch) Put() { scratchPool.Put(s) }

// mod sets z = x mod n, in [0, n) for n > 0, using s.q for the quotient.
func (s *Scratch) mod(z, x, n *big.Int) *big.Int {
	s.q.QuoRem(x, n, z)
	if z.Sign() < 0 {
		z.Add(z, n)
	}
	return z
}

// Apply computes operation op. The results are written to res[i] for the
// destinations the operation writes and a.HasDst names; out is the scalar
// result. Results: SUCCESS; OVERFLOW when a result does not fit its
// destination's a.Cap; BAD_PARAMETERS for an operand GP makes the TA panic
// on (a modulus ≤ 0, a zero divisor, a negative exponent, no inverse);
// NOT_SUPPORTED for an unknown op.
func Apply(op uint32, a Args) (res [3]*big.Int, out uint32, r abi.Result) {
	return new(Scratch).Apply(op, a)
}

// Apply is Apply computing in s; the results point into s.
func (s *Scratch) Apply(op uint32, a Args) (res [3]*big.Int, out uint32, r abi.Result) {
	o, ok := Lookup(op)
	if !ok {
		return res, 0, abi.ErrNotSupported
	}
	if o.In&4 != 0 && a.N.Sign() <= 0 {
		return res, 0, abi.ErrBadParameters
	}
	z := &s.z
	z.SetInt64(0)
	res[0] = z
	switch op {
	case abi.BigOpCmp:
		out = uint32(int32(a.A.Cmp(a.B)))
	case abi.BigOpCmpS32:
		out = uint32(int32(a.A.Cmp(big.NewInt(int64(int32(a.Arg))))))
	case abi.BigOpShiftRight:
		z.Rsh(z.Abs(a.A), uint(a.Arg))
		if a.A.Sign() < 0 {
			z.Neg(z)
		}
	case abi.BigOpGetBit:
		out = uint32(new(big.Int).Abs(a.A).Bit(int(a.Arg)))
	case abi.BigOpGetBitCount:
		out = uint32(a.A.BitLen())
	case abi.BigOpSetBit:
		if uint64(a.Arg) >= uint64(a.Cap[0])*32 {
			return res, 0, abi.ErrOverflow
		}
		var v uint
		if a.Arg2 != 0 {
			v = 1
		}
		z.SetBit(z.Abs(a.A), int(a.Arg), v)
		if a.A.Sign() < 0 {
			z.Neg(z)
		}
	case abi.BigOpAssign:
		z.Set(a.A)
	case abi.BigOpAbs:
		z.Abs(a.A)
	case abi.BigOpAdd:
		z.Add(a.A, a.B)
	case abi.BigOpSub:
		z.Sub(a.A, a.B)
	case abi.BigOpNeg:
		z.Neg(a.A)
	case abi.BigOpMul:
		z.Mul(a.A, a.B)
	case abi.BigOpSquare:
		z.Mul(a.A, a.A)
	case abi.BigOpDiv:
		if a.B.Sign() == 0 {
			return res, 0, abi.ErrBadParameters
		}
		res[1] = &s.r1
		z.QuoRem(a.A, a.B, res[1])
	case abi.BigOpMod, abi.BigOpToFMM, abi.BigOpFromFMM:
		s.mod(z, a.A, a.N)
	case abi.BigOpAddMod:
		s.mod(z, s.t.Add(a.A, a.B), a.N)
	case abi.BigOpSubMod:
		s.mod(z, s.t.Sub(a.A, a.B), a.N)
	case abi.BigOpMulMod, abi.BigOpComputeFMM:
		s.mod(z, s.t.Mul(a.A, a.B), a.N)
	case abi.BigOpSquareMod:
		s.mod(z, s.t.Mul(a.A, a.A), a.N)
	case abi.BigOpInvMod:
		if a.N.Cmp(one) == 0 {
			break // everything is 0 mod 1
		}
		if z.ModInverse(new(big.Int).Mod(a.A, a.N), a.N) == nil {
			return res, 0, abi.ErrBadParameters
		}
	case abi.BigOpExpMod:
		if a.B.Sign() < 0 {
			return res, 0, abi.ErrBadParameters
		}
		if a.N.Cmp(one) != 0 {
			z.Exp(new(big.Int).Mod(a.A, a.N), a.B, a.N)
		}
	case abi.BigOpRelativePrime:
		if new(big.Int).GCD(nil, nil, a.A, a.B).Cmp(one) == 0 {
			out = 1
		}
	case abi.BigOpExtendedGcd:
		res[1], res[2] = &s.r1, &s.r2
		z.GCD(res[1], res[2], a.A, a.B)
	case abi.BigOpIsProbablePrime:
		m := new(big.Int).Abs(a.A)
		rounds := (max(a.Arg, 80) + 1) / 2 // each round errs with probability ≤ 1/4
		switch {
		case !m.ProbablyPrime(int(rounds)):
			out = 0
		case m.BitLen() <= 64: // ProbablyPrime is exact below 2^64
			out = 1
		default:
			out = uint32(0xFFFFFFFF) // -1: probably prime
		}
	case abi.BigOpInitFMMContext:
		z.Set(a.N)
	case abi.BigOpFromS32:
		z.SetInt64(int64(int32(a.Arg)))
	case abi.BigOpToS32:
		if !a.A.IsInt64() || a.A.Int64() != int64(int32(a.A.Int64())) {
			return res, 0, abi.ErrOverflow
		}
		out = uint32(int32(a.A.Int64()))
	}
	for i := range 3 {
		if o.Dst&(1<<i) == 0 || !a.HasDst[i] {
			res[i] = nil
			continue
		}
		if Limbs(res[i]) > a.Cap[i] {
			return [3]*big.Int{}, 0, abi.ErrOverflow
		}
	}
	return res, out, abi.Success
}
