package veritee_test

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// bnMaxBits is gpd.tee.arith.maxBigIntSize, the size of the test TA's
// operands and default destinations.
const bnMaxBits = abi.BigIntMaxBits

// bnCase is one CmdBigInt call.
type bnCase struct {
	fn, dbits, arg, arg2 uint32
	ops                  []*big.Int
	lead                 int // leading zero bytes before op1 (FromOctets)
}

// bnOut is what CmdBigInt returns, or panicked.
type bnOut struct {
	panicked bool
	ret      teec.Result
	scalar   uint32
	r        [3]*big.Int
}

func (o bnOut) String() string {
	if o.panicked {
		return "panic"
	}
	return fmt.Sprintf("ret %#x scalar %d results %v %v %v", uint32(o.ret), int32(o.scalar), o.r[0], o.r[1], o.r[2])
}

func (c bnCase) String() string {
	return fmt.Sprintf("fn %d dbits %d arg %d arg2 %d ops %v", c.fn, c.dbits, c.arg, c.arg2, c.ops)
}

func bnEncode(c bnCase) []byte {
	b := binary.LittleEndian.AppendUint32(nil, c.arg)
	b = binary.LittleEndian.AppendUint32(b, c.arg2)
	for i, x := range c.ops {
		mag := x.Bytes()
		if i == 0 {
			mag = append(make([]byte, c.lead), mag...)
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(x.Sign())))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(mag)))
		b = append(b, mag...)
	}
	return b
}

func bnDecode(tb testing.TB, b []byte) bnOut {
	tb.Helper()
	if len(b) < 8 {
		tb.Fatalf("CmdBigInt returned %d bytes", len(b))
	}
	o := bnOut{ret: teec.Result(binary.LittleEndian.Uint32(b)), scalar: binary.LittleEndian.Uint32(b[4:])}
	b = b[8:]
	for i := range o.r {
		if len(b) < 8 || uint64(binary.LittleEndian.Uint32(b[4:])) > uint64(len(b)-8) {
			tb.Fatalf("CmdBigInt: result %d truncated", i)
		}
		n := binary.LittleEndian.Uint32(b[4:])
		o.r[i] = new(big.Int).SetBytes(b[8 : 8+n])
		switch int32(binary.LittleEndian.Uint32(b)) {
		case -1:
			o.r[i].Neg(o.r[i])
		case 0, 1:
		default:
			tb.Fatalf("CmdBigInt: result %d has sign %d", i, int32(binary.LittleEndian.Uint32(b)))
		}
		if (o.r[i].Sign() != 0) != (n > 0) || (n > 0 && b[8] == 0) {
			tb.Fatalf("CmdBigInt: result %d: octet string of %d bytes %x not minimal", i, n, b[8:8+n])
		}
		b = b[8+n:]
	}
	return o
}

// bnSession is a session with the one-instance-per-session test TA, opened
// again after a case panics it.
type bnSession struct {
	tb   testing.TB
	c    *teec.Context
	uuid abi.UUID
	s    *teec.Session
}

func (bs *bnSession) run(cmd uint32, c bnCase) bnOut {
	bs.tb.Helper()
	if bs.s == nil {
		bs.s = open(bs.tb, bs.c, bs.uuid)
	}
	out := make([]byte, 8+3*(8+bnMaxBits/8))
	op := &teec.Operation{}
	op.Params[0] = &teec.Value{Type: teec.ValueInput, A: c.fn, B: c.dbits}
	in := bnEncode(c)
	op.Params[1] = &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: in, Size: uint64(len(in))}
	res := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: out, Size: uint64(len(out))}
	op.Params[2] = res
	err := bs.s.InvokeCommand(context.Background(), cmd, op)
	if r, _ := teec.ResultOf(err); r == teec.ErrTargetDead {
		wantResult(bs.tb, err, teec.ErrTargetDead, teec.OriginTEE)
		bs.s.Close()
		bs.s = nil
		return bnOut{panicked: true}
	}
	if err != nil {
		bs.tb.Fatalf("%v: %v", c, err)
	}
	return bnDecode(bs.tb, out[:res.Size])
}

// fits reports whether x fits a TEE_BigInt of bits bits.
func fits(x *big.Int, bits uint32) bool { return (x.BitLen()+31)/32 <= int(bits+31)/32 }

func bnMod(x, n *big.Int) *big.Int { return new(big.Int).Mod(x, n) }

// bnWant is the GP result of c, computed with math/big.
func bnWant(c bnCase) bnOut {
	a, b, n := big.NewInt(0), big.NewInt(0), big.NewInt(0)
	for i, x := range c.ops {
		*[]*big.Int{a, b, n}[i] = *new(big.Int).Set(x)
	}
	dbits := c.dbits
	if dbits == 0 {
		dbits = bnMaxBits
	}
	z := func() [3]*big.Int { return [3]*big.Int{big.NewInt(0), big.NewInt(0), big.NewInt(0)} }
	o := bnOut{r: z()}
	panics := bnOut{panicked: true}
	one := func(x *big.Int) bnOut {
		if !fits(x, dbits) {
			return panics
		}
		o.r[0] = x
		return o
	}
	nBad := n.Sign() <= 0
	sign := func(x int) uint32 { return uint32(int32(x)) }
	switch c.fn {
	case testta.BigIntAssign, testta.BigIntAbs, testta.BigIntFromOctets:
		x := a
		if c.fn == testta.BigIntAbs {
			x = new(big.Int).Abs(a)
		}
		if !fits(x, dbits) {
			o.ret = teec.ErrOverflow
			return o
		}
		o.r[0] = x
		return o
	case testta.BigIntNeg:
		return one(new(big.Int).Neg(a))
	case testta.BigIntAdd:
		return one(new(big.Int).Add(a, b))
	case testta.BigIntSub:
		return one(new(big.Int).Sub(a, b))
	case testta.BigIntMul:
		return one(new(big.Int).Mul(a, b))
	case testta.BigIntSquare:
		return one(new(big.Int).Mul(a, a))
	case testta.BigIntDiv:
		if b.Sign() == 0 {
			return panics
		}
		q, r := new(big.Int).QuoRem(a, b, new(big.Int))
		if (c.arg&1 == 0 && !fits(q, dbits)) || (c.arg&2 == 0 && !fits(r, dbits)) {
			return panics
		}
		if c.arg&1 == 0 {
			o.r[0] = q
		}
		if c.arg&2 == 0 {
			o.r[1] = r
		}
		return o
	case testta.BigIntMod, testta.BigIntAddMod, testta.BigIntSubMod, testta.BigIntMulMod, testta.BigIntSquareMod, testta.BigIntInvMod, testta.BigIntExpMod:
		if nBad {
			return panics
		}
		var x *big.Int
		switch c.fn {
		case testta.BigIntMod:
			x = bnMod(a, n)
		case testta.BigIntAddMod:
			x = bnMod(new(big.Int).Add(a, b), n)
		case testta.BigIntSubMod:
			x = bnMod(new(big.Int).Sub(a, b), n)
		case testta.BigIntMulMod:
			x = bnMod(new(big.Int).Mul(a, b), n)
		case testta.BigIntSquareMod:
			x = bnMod(new(big.Int).Mul(a, a), n)
		case testta.BigIntInvMod:
			if n.Cmp(big.NewInt(1)) == 0 {
				x = big.NewInt(0)
			} else if x = new(big.Int).ModInverse(bnMod(a, n), n); x == nil {
				return panics
			}
		case testta.BigIntExpMod:
			if b.Sign() < 0 {
				return panics
			}
			x = new(big.Int).Exp(bnMod(a, n), b, n)
			if n.Cmp(big.NewInt(1)) == 0 {
				x.SetInt64(0)
			}
		}
		return one(x)
	case testta.BigIntCmp:
		o.scalar = sign(a.Cmp(b))
	case testta.BigIntCmpS32:
		o.scalar = sign(a.Cmp(big.NewInt(int64(int32(c.arg)))))
	case testta.BigIntShiftRight:
		x := new(big.Int).Rsh(new(big.Int).Abs(a), uint(c.arg))
		if a.Sign() < 0 {
			x.Neg(x)
		}
		return one(x)
	case testta.BigIntGetBit:
		o.scalar = uint32(new(big.Int).Abs(a).Bit(int(c.arg)))
	case testta.BigIntGetBitCount:
		o.scalar = uint32(a.BitLen())
	case testta.BigIntSetBit:
		if !fits(a, dbits) {
			o.ret = teec.ErrOverflow
			return o
		}
		o.r[0] = a
		if c.arg >= (dbits+31)/32*32 {
			o.ret = teec.ErrOverflow
			return o
		}
		x := new(big.Int).SetBit(new(big.Int).Abs(a), int(c.arg), uint(min(c.arg2, 1)))
		if a.Sign() < 0 {
			x.Neg(x)
		}
		o.r[0] = x
	case testta.BigIntFromS32:
		return one(big.NewInt(int64(int32(c.arg))))
	case testta.BigIntToS32:
		if a.IsInt64() && a.Int64() == int64(int32(a.Int64())) {
			o.scalar = uint32(int32(a.Int64()))
		} else {
			o.ret = teec.ErrOverflow
		}
	case testta.BigIntRelativePrime:
		if new(big.Int).GCD(nil, nil, a, b).Cmp(big.NewInt(1)) == 0 {
			o.scalar = 1
		}
	case testta.BigIntExtendedGcd:
		// u and v are not unique: bnCheck checks gcd = u·a + v·b. They
		// must fit their destinations, as math/big's do here.
		u, v := new(big.Int), new(big.Int)
		g := new(big.Int).GCD(u, v, a, b)
		if !fits(u, dbits) || !fits(v, dbits) {
			return panics
		}
		return one(g)
	case testta.BigIntIsProbablePrime:
		if new(big.Int).Abs(a).ProbablyPrime(20) {
			o.scalar = 1 // or -1: bnCheck accepts either
		}
	case testta.BigIntFMM, testta.BigIntExpModFMM:
		if nBad {
			return panics
		}
		x := bnMod(new(big.Int).Mul(a, b), n)
		if c.fn == testta.BigIntExpModFMM {
			x = new(big.Int).Exp(bnMod(a, n), new(big.Int).Abs(b), n)
			if n.Cmp(big.NewInt(1)) == 0 {
				x.SetInt64(0)
			}
		}
		return one(x)
	case testta.BigIntToOctets:
		need := uint32((a.BitLen() + 7) / 8)
		o.scalar = need
		if c.arg < need {
			o.ret = teec.ErrShortBuffer
			return o
		}
		o.r[0] = new(big.Int).Abs(a)
	case testta.BigIntSizes:
		o.scalar = (c.arg+31)/32 + 2
		o.r[0], o.r[1] = big.NewInt(int64(o.scalar)), big.NewInt(int64(o.scalar))
	}
	return o
}

// bnCheck runs c and compares it with bnWant.
func bnCheck(t testing.TB, bs *bnSession, c bnCase) {
	t.Helper()
	got, want := bs.run(testta.CmdBigInt, c), bnWant(c)
	switch {
	case got.panicked || want.panicked:
		if got.panicked != want.panicked {
			t.Fatalf("%v: got %v, want %v", c, got, want)
		}
		return
	case c.fn == testta.BigIntExtendedGcd:
		a, b := c.ops[0], c.ops[1]
		s := new(big.Int).Add(new(big.Int).Mul(got.r[1], a), new(big.Int).Mul(got.r[2], b))
		if got.r[0].Cmp(want.r[0]) != 0 || s.Cmp(got.r[0]) != 0 {
			t.Fatalf("%v: got %v, want gcd %v = u·a + v·b", c, got, want.r[0])
		}
		return
	case c.fn == testta.BigIntIsProbablePrime:
		if (got.scalar != 0) != (want.scalar != 0) || (got.scalar != 0 && got.scalar != 1 && int32(got.scalar) != -1) ||
			(got.scalar == 1 && c.ops[0].BitLen() > 64) {
			t.Fatalf("%v: got %d, want prime=%v", c, int32(got.scalar), want.scalar != 0)
		}
		return
	}
	if got.ret != want.ret || got.scalar != want.scalar ||
		got.r[0].Cmp(want.r[0]) != 0 || got.r[1].Cmp(want.r[1]) != 0 || got.r[2].Cmp(want.r[2]) != 0 {
		t.Fatalf("%v:\n got %v\nwant %v", c, got, want)
	}
}

// bnRand returns a random integer for a test case: sizes from 0 to the
// maximum, edge values, a third negative.
func bnRand(r *mrand.Rand, maxBits int) *big.Int {
	x := new(big.Int)
	switch r.IntN(12) {
	case 0:
		return x
	case 1:
		x.SetInt64(1)
	case 2:
		x.Sub(x.Lsh(big.NewInt(1), uint(maxBits)), big.NewInt(1)) // all ones
	case 3:
		x.Lsh(big.NewInt(1), uint(r.IntN(maxBits)))
	default:
		bits := []int{1, 7, 31, 32, 33, 63, 64, 65, 100, 255, 256, 1024, 2048, 4095, 4096}[r.IntN(15)]
		bits = min(bits, maxBits)
		b := make([]byte, (bits+7)/8)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		x.SetBytes(b)
		x.Rsh(x, uint(len(b)*8-bits))
	}
	if r.IntN(3) == 0 {
		x.Neg(x)
	}
	return x
}

// bnRandCase draws a case of function fn.
func bnRandCase(r *mrand.Rand, fn uint32) bnCase {
	c := bnCase{fn: fn}
	if r.IntN(8) == 0 {
		c.dbits = []uint32{1, 32, 64, 100, 2048}[r.IntN(5)]
	}
	maxA := bnMaxBits
	a, b := bnRand(r, maxA), bnRand(r, maxA)
	n := new(big.Int).Abs(bnRand(r, maxA))
	switch r.IntN(20) {
	case 0:
		n.Neg(n) // modulus ≤ 0: GP panics
	case 1, 2:
		n.SetInt64(1)
	}
	if n.Sign() == 0 && r.IntN(4) != 0 {
		n.SetInt64(2)
	}
	switch fn {
	case testta.BigIntMul:
		a, b = bnRand(r, 2048), bnRand(r, 2048)
	case testta.BigIntSquare:
		a = bnRand(r, 2048)
	case testta.BigIntDiv:
		c.arg = uint32(r.IntN(4))
		if b.Sign() == 0 && r.IntN(4) != 0 {
			b.SetInt64(-3)
		}
	case testta.BigIntExpMod, testta.BigIntExpModFMM:
		b = bnRand(r, 64) // the exponent: small, as each bit is a system call in ExpModFMM
		if fn == testta.BigIntExpMod {
			if r.IntN(5) == 0 {
				b = bnRand(r, 1024)
			}
			if b.Sign() < 0 && r.IntN(4) != 0 {
				b.Neg(b)
			}
		}
		n = new(big.Int).Abs(bnRand(r, 2048))
		if n.Sign() == 0 {
			n.SetInt64(1)
		}
	case testta.BigIntInvMod:
		if r.IntN(3) != 0 { // mostly invertible: a prime modulus
			n, _ = rand.Prime(rand.Reader, 64+r.IntN(512))
			if new(big.Int).Mod(a, n).Sign() == 0 {
				a.SetInt64(5)
			}
		}
	case testta.BigIntCmpS32, testta.BigIntFromS32:
		c.arg = r.Uint32()
		if r.IntN(2) == 0 {
			a = big.NewInt(int64(int32(c.arg)) + int64(r.IntN(3)-1))
		}
	case testta.BigIntShiftRight, testta.BigIntGetBit:
		c.arg = uint32(r.IntN(bnMaxBits + 64))
		if r.IntN(10) == 0 {
			c.arg = r.Uint32()
		}
	case testta.BigIntSetBit:
		c.arg = uint32(r.IntN(bnMaxBits + 64))
		c.arg2 = uint32(r.IntN(3))
	case testta.BigIntToS32:
		if r.IntN(2) == 0 {
			a = big.NewInt(int64(int32(r.Uint32())))
		}
		if r.IntN(8) == 0 {
			a = big.NewInt([]int64{-1 << 31, 1<<31 - 1, 1 << 31, -1<<31 - 1}[r.IntN(4)])
		}
	case testta.BigIntIsProbablePrime:
		c.arg = uint32(r.IntN(200))
		if r.IntN(3) == 0 {
			a, _ = rand.Prime(rand.Reader, 2+r.IntN(300))
		}
	case testta.BigIntRelativePrime, testta.BigIntExtendedGcd:
		if r.IntN(2) == 0 {
			g := bnRand(r, 128)
			a.Mul(bnRand(r, 1024), g)
			b.Mul(bnRand(r, 1024), g)
		}
	case testta.BigIntToOctets:
		c.dbits = 0 // the TA reads the bytes back into a destination of the maximum size
		need := (a.BitLen() + 7) / 8
		c.arg = uint32(max(0, min(bnMaxBits/8, need+r.IntN(5)-2)))
	case testta.BigIntFromOctets:
		c.lead = r.IntN(3)
	case testta.BigIntSizes:
		c.arg = uint32(r.IntN(8192))
	}
	c.ops = []*big.Int{a, b, n}
	return c
}

// bnFuncs are the CmdBigInt functions, one per GP function or group.
var bnFuncs = []uint32{
	testta.BigIntAssign, testta.BigIntAbs, testta.BigIntNeg, testta.BigIntAdd, testta.BigIntSub,
	testta.BigIntMul, testta.BigIntSquare, testta.BigIntDiv, testta.BigIntMod, testta.BigIntAddMod,
	testta.BigIntSubMod, testta.BigIntMulMod, testta.BigIntSquareMod, testta.BigIntInvMod,
	testta.BigIntExpMod, testta.BigIntCmp, testta.BigIntCmpS32, testta.BigIntShiftRight,
	testta.BigIntGetBit, testta.BigIntGetBitCount, testta.BigIntSetBit, testta.BigIntFromS32,
	testta.BigIntToS32, testta.BigIntRelativePrime, testta.BigIntExtendedGcd,
	testta.BigIntIsProbablePrime, testta.BigIntFMM, testta.BigIntExpModFMM,
	testta.BigIntToOctets, testta.BigIntFromOctets, testta.BigIntSizes,
}

// TestBigInt checks every GP arithmetic function, from the C and the Go
// test TA, against math/big on random operands of all sizes up to
// gpd.tee.arith.maxBigIntSize, including 0, negative numbers, modulus 1,
// and the cases where GP panics (modulus ≤ 0, division by zero, no
// inverse, a destination too small).
func TestBigInt(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		bs := &bnSession{tb: t, c: c, uuid: uuids[testta.VariantMulti]}
		defer func() {
			if bs.s != nil {
				bs.s.Close()
			}
		}()
		r := mrand.New(mrand.NewPCG(uint64(uuids[0][15]), 5))
		perFn := 60
		if testing.Short() {
			perFn = 10
		}
		for _, fn := range bnFuncs {
			for range perFn {
				bnCheck(t, bs, bnRandCase(r, fn))
			}
		}
		// Fixed cases GP spells out.
		neg7, three, zero := big.NewInt(-7), big.NewInt(3), big.NewInt(0)
		for _, cs := range []bnCase{
			{fn: testta.BigIntDiv, ops: []*big.Int{neg7, three}},                                         // q = -2, r = -1
			{fn: testta.BigIntDiv, ops: []*big.Int{big.NewInt(7), big.NewInt(-3)}},                       // q = -2, r = 1
			{fn: testta.BigIntDiv, ops: []*big.Int{neg7, zero}},                                          // panics
			{fn: testta.BigIntMod, ops: []*big.Int{neg7, zero, three}},                                   // 2
			{fn: testta.BigIntMod, ops: []*big.Int{neg7, zero, zero}},                                    // panics
			{fn: testta.BigIntMulMod, ops: []*big.Int{neg7, neg7, big.NewInt(1)}},                        // 0
			{fn: testta.BigIntToOctets, ops: []*big.Int{zero}},                                           // 0 bytes
			{fn: testta.BigIntFromOctets, dbits: 32, ops: []*big.Int{big.NewInt(1 << 40)}},               // OVERFLOW
			{fn: testta.BigIntAdd, dbits: 32, ops: []*big.Int{big.NewInt(1 << 31), big.NewInt(1 << 31)}}, // panics
			{fn: testta.BigIntToS32, ops: []*big.Int{big.NewInt(1 << 31)}},                               // OVERFLOW
			{fn: testta.BigIntSetBit, dbits: 64, arg: 64, arg2: 1, ops: []*big.Int{zero}},                // OVERFLOW
		} {
			bnCheck(t, bs, cs)
		}
	})
}

// TestBigIntManyCases is the property test: thousands of random cases of
// all functions in random order, embedded, in both languages.
func TestBigIntManyCases(t *testing.T) {
	t.Parallel()
	n := 2500
	if testing.Short() {
		n = 300
	}
	tee := startTEE(t)
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			c := tee.client(t, embedded)
			bs := &bnSession{tb: t, c: c, uuid: l.uuids[testta.VariantMulti]}
			r := mrand.New(mrand.NewPCG(7, uint64(l.uuids[0][15])))
			for range n {
				bnCheck(t, bs, bnRandCase(r, bnFuncs[r.IntN(len(bnFuncs))]))
			}
			if bs.s != nil {
				bs.s.Close()
			}
		})
	}
}

// bnBenchOperands returns 2048-bit operands: a, b < n, and n odd.
func bnBenchOperands() (a, b, n *big.Int) {
	r := mrand.New(mrand.NewPCG(3, 4))
	rnd := func() *big.Int {
		buf := make([]byte, 256)
		for i := range buf {
			buf[i] = byte(r.Uint32())
		}
		return new(big.Int).SetBytes(buf)
	}
	n = rnd()
	n.SetBit(n, 2047, 1).SetBit(n, 0, 1)
	return new(big.Int).Mod(rnd(), n), new(big.Int).Mod(rnd(), n), n
}

// expModFMMBare is the test TAs' ExpModFMM loop in math/big: square and
// multiply, each step a Mul and a Mod.
func expModFMMBare(z, acc, base, e, n *big.Int) {
	acc.SetInt64(1)
	for i := e.BitLen() - 1; i >= 0; i-- {
		z.Mul(acc, acc)
		acc.Mod(z, n)
		if e.Bit(i) != 0 {
			z.Mul(acc, base)
			acc.Mod(z, n)
		}
	}
}

// BenchmarkBigInt times TEE_BigIntMulMod and an exponentiation by repeated
// TEE_BigIntComputeFMM on 2048-bit numbers inside the C and Go test TAs
// (embedded; one invoke runs b.N operations) against the same loops in
// math/big.
//
//	go test -run '^$' -bench BigInt .
func BenchmarkBigInt(b *testing.B) {
	a, e, n := bnBenchOperands()
	tee := startTEE(b)
	inTA := func(uuid abi.UUID, which uint32) func(b *testing.B) {
		return func(b *testing.B) {
			c := tee.client(b, embedded)
			bs := &bnSession{tb: b, c: c, uuid: uuid}
			want := new(big.Int).Mod(new(big.Int).Mul(a, e), n)
			if which == testta.BigIntBenchExpModFMM {
				want.Exp(a, e, n)
			}
			bs.run(testta.CmdBigIntBench, bnCase{fn: which, dbits: 1, ops: []*big.Int{a, e, n}}) // warm up
			b.ResetTimer()
			for left := b.N; left > 0; {
				k := min(left, 1<<14)
				left -= k
				got := bs.run(testta.CmdBigIntBench, bnCase{fn: which, dbits: uint32(k), ops: []*big.Int{a, e, n}})
				if got.panicked || got.r[0].Cmp(want) != 0 {
					b.Fatalf("got %v, want %v", got, want)
				}
			}
		}
	}
	b.Run("MulMod-2048", func(b *testing.B) {
		b.Run("ta", inTA(testta.CUUIDs[testta.VariantShared], testta.BigIntBenchMulMod))
		b.Run("ta-go", inTA(testta.GoUUIDs[testta.VariantShared], testta.BigIntBenchMulMod))
		b.Run("bare", func(b *testing.B) {
			z := new(big.Int)
			for range b.N {
				z.Mul(a, e)
				z.Mod(z, n)
			}
		})
	})
	b.Run("ExpModFMM-2048", func(b *testing.B) {
		b.Run("ta", inTA(testta.CUUIDs[testta.VariantShared], testta.BigIntBenchExpModFMM))
		b.Run("ta-go", inTA(testta.GoUUIDs[testta.VariantShared], testta.BigIntBenchExpModFMM))
		b.Run("bare", func(b *testing.B) {
			z, acc := new(big.Int), new(big.Int)
			for range b.N {
				expModFMMBare(z, acc, a, e, n)
			}
		})
		b.Run("bare-exp", func(b *testing.B) { // math/big's own Exp, for reference
			z := new(big.Int)
			for range b.N {
				z.Exp(a, e, n)
			}
		})
	})
}
