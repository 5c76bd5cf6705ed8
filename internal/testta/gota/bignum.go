package main

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// The big-integer commands (testta.CmdBigInt*), as internal/testta/c/bignum.c.

func init() {
	commands[testta.CmdBigInt] = cmdBigInt
	commands[testta.CmdBigIntBench] = cmdBigIntBench
}

type bnOperands struct {
	arg, arg2 uint32
	v         [3]ta.BigInt
	bytes     [3][]byte
	sign      [3]int32
}

func parseBigInts(in []byte) (*bnOperands, error) {
	if len(in) < 8 {
		return nil, ta.ErrBadParameters
	}
	o := &bnOperands{arg: binary.LittleEndian.Uint32(in), arg2: binary.LittleEndian.Uint32(in[4:])}
	in = in[8:]
	for i := range 3 {
		o.v[i] = ta.NewBigInt(ta.BigIntMaxBits)
		if len(in) == 0 {
			continue
		}
		if len(in) < 8 || uint64(binary.LittleEndian.Uint32(in[4:])) > uint64(len(in)-8) {
			return nil, ta.ErrBadParameters
		}
		n := binary.LittleEndian.Uint32(in[4:])
		o.sign[i] = int32(binary.LittleEndian.Uint32(in))
		o.bytes[i] = in[8 : 8+n]
		if ta.BigIntConvertFromOctetString(o.v[i], o.bytes[i], o.sign[i]) != ta.Success {
			return nil, ta.ErrBadParameters
		}
		in = in[8+n:]
	}
	return o, nil
}

// expModFMM computes b^e mod n by square-and-multiply in FMM form.
func expModFMM(d, b, e, n ta.BigInt) {
	bits := ta.BigIntGetBitCount(n)
	ctx := make(ta.BigIntFMMContext, ta.BigIntFMMContextSizeInU32(bits))
	acc := make(ta.BigIntFMM, ta.BigIntFMMSizeInU32(bits))
	base := make(ta.BigIntFMM, ta.BigIntFMMSizeInU32(bits))
	ta.BigIntInitFMMContext(ctx, n)
	ta.BigIntInitFMM(acc)
	ta.BigIntInitFMM(base)
	one := ta.NewBigInt(32)
	ta.BigIntConvertFromS32(one, 1)
	ta.BigIntConvertToFMM(acc, one, n, ctx)
	ta.BigIntConvertToFMM(base, b, n, ctx)
	// The exponent's bits, read once: |e| big-endian.
	eb := make([]byte, ta.BigIntMaxBits/8)
	k, _ := ta.BigIntConvertToOctetString(eb, e)
	eb = eb[:k]
	for i := len(eb)*8 - 1; i >= 0; i-- {
		ta.BigIntComputeFMM(acc, acc, acc, n, ctx)
		if eb[len(eb)-1-i/8]>>(i%8)&1 != 0 {
			ta.BigIntComputeFMM(acc, acc, base, n, ctx)
		}
	}
	ta.BigIntConvertFromFMM(d, acc, n, ctx)
}

func runBigInt(fn, dbits uint32, o *bnOperands, r *[3]ta.BigInt) (ret ta.Result, scalar uint32, err error) {
	a, b, n := o.v[0], o.v[1], o.v[2]
	if dbits == 0 {
		dbits = ta.BigIntMaxBits
	}
	if dbits > ta.BigIntMaxBits {
		return 0, 0, ta.ErrBadParameters
	}
	for i := range r {
		r[i] = ta.NewBigInt(dbits)
	}
	switch fn {
	case testta.BigIntAssign:
		ret = ta.BigIntAssign(r[0], a)
	case testta.BigIntAbs:
		ret = ta.BigIntAbs(r[0], a)
	case testta.BigIntNeg:
		ta.BigIntNeg(r[0], a)
	case testta.BigIntAdd:
		ta.BigIntAdd(r[0], a, b)
	case testta.BigIntSub:
		ta.BigIntSub(r[0], a, b)
	case testta.BigIntMul:
		ta.BigIntMul(r[0], a, b)
	case testta.BigIntSquare:
		ta.BigIntSquare(r[0], a)
	case testta.BigIntDiv:
		q, rem := r[0], r[1]
		if o.arg&1 != 0 {
			q = nil
		}
		if o.arg&2 != 0 {
			rem = nil
		}
		ta.BigIntDiv(q, rem, a, b)
	case testta.BigIntMod:
		ta.BigIntMod(r[0], a, n)
	case testta.BigIntAddMod:
		ta.BigIntAddMod(r[0], a, b, n)
	case testta.BigIntSubMod:
		ta.BigIntSubMod(r[0], a, b, n)
	case testta.BigIntMulMod:
		ta.BigIntMulMod(r[0], a, b, n)
	case testta.BigIntSquareMod:
		ta.BigIntSquareMod(r[0], a, n)
	case testta.BigIntInvMod:
		ta.BigIntInvMod(r[0], a, n)
	case testta.BigIntExpMod:
		ret = ta.BigIntExpMod(r[0], a, b, n, nil)
	case testta.BigIntCmp:
		scalar = uint32(ta.BigIntCmp(a, b))
	case testta.BigIntCmpS32:
		scalar = uint32(ta.BigIntCmpS32(a, int32(o.arg)))
	case testta.BigIntShiftRight:
		ta.BigIntShiftRight(r[0], a, o.arg)
	case testta.BigIntGetBit:
		if ta.BigIntGetBit(a, o.arg) {
			scalar = 1
		}
	case testta.BigIntGetBitCount:
		scalar = ta.BigIntGetBitCount(a)
	case testta.BigIntSetBit:
		if ret = ta.BigIntAssign(r[0], a); ret == ta.Success {
			ret = ta.BigIntSetBit(r[0], o.arg, o.arg2 != 0)
		}
	case testta.BigIntFromS32:
		ta.BigIntConvertFromS32(r[0], int32(o.arg))
	case testta.BigIntToS32:
		var s int32
		s, ret = ta.BigIntConvertToS32(a)
		scalar = uint32(s)
	case testta.BigIntRelativePrime:
		if ta.BigIntRelativePrime(a, b) {
			scalar = 1
		}
	case testta.BigIntExtendedGcd:
		ta.BigIntComputeExtendedGcd(r[0], r[1], r[2], a, b)
	case testta.BigIntIsProbablePrime:
		scalar = uint32(ta.BigIntIsProbablePrime(a, o.arg))
	case testta.BigIntFMM:
		bits := ta.BigIntGetBitCount(n)
		ctx := make(ta.BigIntFMMContext, ta.BigIntFMMContextSizeInU32(bits))
		ret = ta.BigIntInitFMMContext1(ctx, n)
		var x, y, z ta.BigIntFMM
		for _, f := range []*ta.BigIntFMM{&x, &y, &z} {
			*f = make(ta.BigIntFMM, ta.BigIntFMMSizeInU32(bits))
			ta.BigIntInitFMM(*f)
		}
		ta.BigIntConvertToFMM(x, a, n, ctx)
		ta.BigIntConvertToFMM(y, b, n, ctx)
		ta.BigIntComputeFMM(z, x, y, n, ctx)
		ta.BigIntConvertFromFMM(r[0], z, n, ctx)
	case testta.BigIntExpModFMM:
		expModFMM(r[0], a, b, n)
	case testta.BigIntToOctets:
		if o.arg > ta.BigIntMaxBits/8 {
			return 0, 0, ta.ErrBadParameters
		}
		buf := make([]byte, o.arg)
		var k int
		k, ret = ta.BigIntConvertToOctetString(buf, a)
		scalar = uint32(k)
		if ret == ta.Success {
			ta.BigIntConvertFromOctetString(r[0], buf[:k], 0)
		}
	case testta.BigIntFromOctets:
		ret = ta.BigIntConvertFromOctetString(r[0], o.bytes[0], o.sign[0])
	case testta.BigIntSizes:
		scalar = ta.BigIntSizeInU32(o.arg)
		ta.BigIntConvertFromS32(r[0], int32(ta.BigIntFMMSizeInU32(o.arg)))
		ta.BigIntConvertFromS32(r[1], int32(ta.BigIntFMMContextSizeInU32(o.arg)))
	default:
		return 0, 0, ta.ErrNotSupported
	}
	return ret, scalar, nil
}

// putBigInts writes ret, scalar and the results into memref 2.
func putBigInts(p *ta.Params, ret ta.Result, scalar uint32, r *[3]ta.BigInt) error {
	out := p.Memref(2)
	if len(out) < 8 {
		return ta.ErrShortBuffer
	}
	binary.LittleEndian.PutUint32(out, uint32(ret))
	binary.LittleEndian.PutUint32(out[4:], scalar)
	off := 8
	for _, x := range r {
		if len(out)-off < 8 {
			return ta.ErrShortBuffer
		}
		n, res := ta.BigIntConvertToOctetString(out[off+8:], x)
		if res != ta.Success {
			return res
		}
		c := ta.BigIntCmpS32(x, 0)
		binary.LittleEndian.PutUint32(out[off:], uint32(max(min(c, 1), -1)))
		binary.LittleEndian.PutUint32(out[off+4:], uint32(n))
		off += 8 + n
	}
	p.SetMemrefSize(2, uint32(off))
	return nil
}

func checkBigIntParams(p *ta.Params) error {
	return p.Check(ta.ParamValueInput, ta.ParamMemrefInput, ta.ParamMemrefOutput, ta.ParamNone)
}

func cmdBigInt(_ *testTA, p *ta.Params) error {
	if err := checkBigIntParams(p); err != nil {
		return err
	}
	o, err := parseBigInts(p.Memref(1))
	if err != nil {
		return err
	}
	fn, dbits := p.Value(0)
	var r [3]ta.BigInt
	ret, scalar, err := runBigInt(fn, dbits, o, &r)
	if err != nil {
		return err
	}
	return putBigInts(p, ret, scalar, &r)
}

func cmdBigIntBench(_ *testTA, p *ta.Params) error {
	if err := checkBigIntParams(p); err != nil {
		return err
	}
	o, err := parseBigInts(p.Memref(1))
	if err != nil {
		return err
	}
	which, iters := p.Value(0)
	r := [3]ta.BigInt{ta.NewBigInt(ta.BigIntMaxBits), ta.NewBigInt(ta.BigIntMaxBits), ta.NewBigInt(ta.BigIntMaxBits)}
	for range iters {
		if which == testta.BigIntBenchMulMod {
			ta.BigIntMulMod(r[0], o.v[0], o.v[1], o.v[2])
		} else {
			expModFMM(r[0], o.v[0], o.v[1], o.v[2])
		}
	}
	return putBigInts(p, 0, 0, &r)
}
