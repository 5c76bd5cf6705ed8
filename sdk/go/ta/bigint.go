package ta

import (
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/bignum"
)

// BigInt is a TEE_BigInt (GPD_SPE_010 §8.2): an array of uint32 the TA
// allocates, BigIntSizeInU32(bits) long, and initialises with BigIntInit.
// Its layout is abi.BigInt* (docs/ta-abi.md); the arithmetic runs in the
// core. As in GP, misuse (an uninitialised or too small destination, a
// modulus ≤ 0, a division by zero) panics the TA.
type BigInt []uint32

// BigIntFMM is a TEE_BigIntFMM, a value in fast-modular-multiplication form.
type BigIntFMM []uint32

// BigIntFMMContext is a TEE_BigIntFMMContext.
type BigIntFMMContext []uint32

// BigIntMaxBits is gpd.tee.arith.maxBigIntSize: the largest TEE_BigInt.
const BigIntMaxBits = abi.BigIntMaxBits

// BigIntSizeInU32 is TEE_BigIntSizeInU32 (§8.4): the words of a BigInt of
// bits bits.
func BigIntSizeInU32(bits uint32) uint32 { return abi.BigIntSizeInU32(bits) }

// BigIntFMMSizeInU32 is TEE_BigIntFMMSizeInU32 (§8.4.2).
func BigIntFMMSizeInU32(modulusBits uint32) uint32 { return abi.BigIntSizeInU32(modulusBits) }

// BigIntFMMContextSizeInU32 is TEE_BigIntFMMContextSizeInU32 (§8.4.3).
func BigIntFMMContextSizeInU32(modulusBits uint32) uint32 {
	return abi.BigIntSizeInU32(modulusBits)
}

// BigIntInit is TEE_BigIntInit (§8.5.1): it makes b, of len(b) words, the
// value 0. It panics when b is shorter than the header or longer than a
// BigInt of BigIntMaxBits.
func BigIntInit(b BigInt) { initBig(b) }

// NewBigInt allocates and initialises a BigInt of bits bits.
func NewBigInt(bits uint32) BigInt {
	b := make(BigInt, BigIntSizeInU32(bits))
	BigIntInit(b)
	return b
}

func initBig(b []uint32) {
	if len(b) < abi.BigIntHeaderU32 || len(b) > abi.BigIntHeaderU32+abi.BigIntMaxLimbs {
		Panic(ErrBadParameters)
	}
	clear(b)
	b[0], b[1] = bignum.HeaderWords(false, uint32(len(b)-abi.BigIntHeaderU32), 0)
}

// BigIntInitFMM is TEE_BigIntInitFMM (§8.5.4).
func BigIntInitFMM(b BigIntFMM) { initBig(b) }

// BigIntInitFMMContext1 is TEE_BigIntInitFMMContext1 (§8.5.3): ctx holds
// the modulus. Every modulus > 0 is supported.
func BigIntInitFMMContext1(ctx BigIntFMMContext, modulus BigInt) Result {
	initBig(ctx)
	checkModulus(modulus)
	mustOp(abi.BigOpInitFMMContext, ctx, nil, nil, nil, nil, modulus, 0, 0)
	return Success
}

// BigIntInitFMMContext is TEE_BigIntInitFMMContext (§8.5.2).
func BigIntInitFMMContext(ctx BigIntFMMContext, modulus BigInt) {
	BigIntInitFMMContext1(ctx, modulus)
}

// checkBig panics unless b is an initialised BigInt whose header fits it
// (bignum.Header, written out: it runs on every call).
func checkBig(b []uint32) {
	if len(b) < abi.BigIntHeaderU32 || b[0] > 1 {
		badBigInt()
	}
	alloc, used := b[1]&0xFFFF, b[1]>>16
	if alloc > abi.BigIntMaxLimbs || used > alloc || int(alloc) > len(b)-abi.BigIntHeaderU32 {
		badBigInt()
	}
}

// badBigInt panics for a malformed or misused BigInt, as libutee does.
//
//go:noinline
func badBigInt() { Panic(ErrBadParameters) }

// isZero reports whether the checked BigInt b is zero.
func isZero(b []uint32) bool {
	used := b[1] >> 16
	if used > 0 && b[1+used] != 0 { // the core keeps the top limb nonzero
		return false
	}
	for _, l := range b[2 : 2+used] {
		if l != 0 {
			return false
		}
	}
	return true
}

// checkModulus panics unless n > 0, as GP requires of every modulus.
func checkModulus(n []uint32) {
	checkBig(n)
	if n[0] != 0 || isZero(n) {
		badBigInt()
	}
}

// checkOpt is checkBig for a BigInt that may be absent (nil).
func checkOpt(b []uint32) {
	if b != nil {
		checkBig(b)
	}
}

// op runs bigint_op after checking every array; absent ones are nil.
func op(code uint32, d0, d1, d2, a, b, n []uint32, arg, arg2 uint32) (uint32, Result) {
	checkOpt(d0)
	checkOpt(d1)
	checkOpt(d2)
	checkOpt(a)
	checkOpt(b)
	checkOpt(n)
	return bigOp(code, [3][]uint32{d0, d1, d2}, [3][]uint32{a, b, n}, arg, arg2)
}

// mustOp is op for the functions that return nothing: any error panics.
func mustOp(code uint32, d0, d1, d2, a, b, n []uint32, arg, arg2 uint32) uint32 {
	out, r := op(code, d0, d1, d2, a, b, n, arg, arg2)
	if r != Success {
		Panic(r)
	}
	return out
}

// BigIntConvertFromOctetString is TEE_BigIntConvertFromOctetString
// (§8.6.1): dest = the big-endian magnitude buf, negative when sign < 0.
// Results: Success; ErrOverflow when dest is too small.
func BigIntConvertFromOctetString(dest BigInt, buf []byte, sign int32) Result {
	checkBig(dest)
	r := bigFromOctets(dest, buf, sign)
	if r != Success && r != ErrOverflow {
		Panic(r)
	}
	return r
}

// BigIntConvertToOctetString is TEE_BigIntConvertToOctetString (§8.6.2):
// it writes the big-endian magnitude of src (no bytes for zero) to buf and
// returns its length. Results: Success; ErrShortBuffer with the length
// needed.
func BigIntConvertToOctetString(buf []byte, src BigInt) (int, Result) {
	checkBig(src)
	n, r := bigToOctets(buf, src)
	if r != Success && r != ErrShortBuffer {
		Panic(r)
	}
	return n, r
}

// BigIntConvertFromS32 is TEE_BigIntConvertFromS32 (§8.6.3).
func BigIntConvertFromS32(dest BigInt, v int32) {
	mustOp(abi.BigOpFromS32, dest, nil, nil, nil, nil, nil, uint32(v), 0)
}

// BigIntConvertToS32 is TEE_BigIntConvertToS32 (§8.6.4). Results: Success;
// ErrOverflow when src does not fit an int32.
func BigIntConvertToS32(src BigInt) (int32, Result) {
	out, r := op(abi.BigOpToS32, nil, nil, nil, src, nil, nil, 0, 0)
	if r != Success && r != ErrOverflow {
		Panic(r)
	}
	return int32(out), r
}

// BigIntCmp is TEE_BigIntCmp (§8.7.1): 0, > 0 or < 0 as a is equal to,
// greater or less than b.
func BigIntCmp(a, b BigInt) int32 {
	return int32(mustOp(abi.BigOpCmp, nil, nil, nil, a, b, nil, 0, 0))
}

// BigIntCmpS32 is TEE_BigIntCmpS32 (§8.7.2).
func BigIntCmpS32(a BigInt, v int32) int32 {
	return int32(mustOp(abi.BigOpCmpS32, nil, nil, nil, a, nil, nil, uint32(v), 0))
}

// BigIntShiftRight is TEE_BigIntShiftRight (§8.7.3): dest = |op| >> bits
// with the sign of op.
func BigIntShiftRight(dest, op BigInt, bits uint32) {
	mustOp(abi.BigOpShiftRight, dest, nil, nil, op, nil, nil, bits, 0)
}

// BigIntGetBit is TEE_BigIntGetBit (§8.7.4): bit index of |src|.
func BigIntGetBit(src BigInt, index uint32) bool {
	return mustOp(abi.BigOpGetBit, nil, nil, nil, src, nil, nil, index, 0) != 0
}

// BigIntGetBitCount is TEE_BigIntGetBitCount (§8.7.5): the bits of |src|.
func BigIntGetBitCount(src BigInt) uint32 {
	return mustOp(abi.BigOpGetBitCount, nil, nil, nil, src, nil, nil, 0, 0)
}

// BigIntSetBit is TEE_BigIntSetBit (§8.7.6): sets bit index of |op| to v.
// Results: Success; ErrOverflow when index lies beyond op's size.
func BigIntSetBit(b BigInt, index uint32, v bool) Result {
	var x uint32
	if v {
		x = 1
	}
	return overflowOK(op(abi.BigOpSetBit, b, nil, nil, b, nil, nil, index, x))
}

// BigIntAssign is TEE_BigIntAssign (§8.7.7): dest = src. Results:
// Success; ErrOverflow when dest is too small.
func BigIntAssign(dest, src BigInt) Result {
	return overflowOK(op(abi.BigOpAssign, dest, nil, nil, src, nil, nil, 0, 0))
}

// BigIntAbs is TEE_BigIntAbs (§8.7.8): dest = |src|. Results: Success;
// ErrOverflow when dest is too small.
func BigIntAbs(dest, src BigInt) Result {
	return overflowOK(op(abi.BigOpAbs, dest, nil, nil, src, nil, nil, 0, 0))
}

func overflowOK(_ uint32, r Result) Result {
	if r != Success && r != ErrOverflow {
		Panic(r)
	}
	return r
}
