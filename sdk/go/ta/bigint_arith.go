package ta

import "github.com/veritee/veritee/internal/abi"

// BigIntAdd is TEE_BigIntAdd (§8.8.1): dest = a + b.
func BigIntAdd(dest, a, b BigInt) { mustOp(abi.BigOpAdd, dest, nil, nil, a, b, nil, 0, 0) }

// BigIntSub is TEE_BigIntSub (§8.8.2): dest = a - b.
func BigIntSub(dest, a, b BigInt) { mustOp(abi.BigOpSub, dest, nil, nil, a, b, nil, 0, 0) }

// BigIntNeg is TEE_BigIntNeg (§8.8.3): dest = -a.
func BigIntNeg(dest, a BigInt) { mustOp(abi.BigOpNeg, dest, nil, nil, a, nil, nil, 0, 0) }

// BigIntMul is TEE_BigIntMul (§8.8.4): dest = a · b.
func BigIntMul(dest, a, b BigInt) { mustOp(abi.BigOpMul, dest, nil, nil, a, b, nil, 0, 0) }

// BigIntSquare is TEE_BigIntSquare (§8.8.5): dest = a².
func BigIntSquare(dest, a BigInt) { mustOp(abi.BigOpSquare, dest, nil, nil, a, nil, nil, 0, 0) }

// BigIntDiv is TEE_BigIntDiv (§8.8.6): q = a / b rounded toward zero and
// r = a - q·b, which has the sign of a; q or r may be nil. b = 0 panics.
func BigIntDiv(q, r, a, b BigInt) {
	checkBig(b)
	if isZero(b) {
		Panic(ErrBadParameters)
	}
	mustOp(abi.BigOpDiv, q, r, nil, a, b, nil, 0, 0)
}

// modOp checks its arguments and n > 0, and runs a modular operation.
func modOp(code uint32, dest, a, b, n []uint32) {
	checkBig(dest)
	checkBig(a)
	checkOpt(b)
	checkModulus(n)
	if _, r := bigOp(code, [3][]uint32{dest}, [3][]uint32{a, b, n}, 0, 0); r != Success {
		Panic(r)
	}
}

// BigIntMod is TEE_BigIntMod (§8.9.1): dest = a mod n, in [0, n).
func BigIntMod(dest, a, n BigInt) { modOp(abi.BigOpMod, dest, a, nil, n) }

// BigIntAddMod is TEE_BigIntAddMod (§8.9.2): dest = (a + b) mod n.
func BigIntAddMod(dest, a, b, n BigInt) { modOp(abi.BigOpAddMod, dest, a, b, n) }

// BigIntSubMod is TEE_BigIntSubMod (§8.9.3): dest = (a - b) mod n.
func BigIntSubMod(dest, a, b, n BigInt) { modOp(abi.BigOpSubMod, dest, a, b, n) }

// BigIntMulMod is TEE_BigIntMulMod (§8.9.4): dest = a · b mod n.
func BigIntMulMod(dest, a, b, n BigInt) { modOp(abi.BigOpMulMod, dest, a, b, n) }

// BigIntSquareMod is TEE_BigIntSquareMod (§8.9.5): dest = a² mod n.
func BigIntSquareMod(dest, a, n BigInt) { modOp(abi.BigOpSquareMod, dest, a, nil, n) }

// BigIntInvMod is TEE_BigIntInvMod (§8.9.6): dest = a⁻¹ mod n; it panics
// when a has no inverse.
func BigIntInvMod(dest, a, n BigInt) { modOp(abi.BigOpInvMod, dest, a, nil, n) }

// BigIntExpMod is TEE_BigIntExpMod (§8.9.7): dest = a^b mod n for b ≥ 0.
// ctx may be nil. Every modulus > 0 is supported, so the result is
// Success.
func BigIntExpMod(dest, a, b, n BigInt, ctx BigIntFMMContext) Result {
	if ctx != nil {
		checkBig(ctx)
	}
	modOp(abi.BigOpExpMod, dest, a, b, n)
	return Success
}

// BigIntRelativePrime is TEE_BigIntRelativePrime (§8.10.1): gcd(a, b) = 1.
func BigIntRelativePrime(a, b BigInt) bool {
	return mustOp(abi.BigOpRelativePrime, nil, nil, nil, a, b, nil, 0, 0) != 0
}

// BigIntComputeExtendedGcd is TEE_BigIntComputeExtendedGcd (§8.10.2): gcd
// = gcd(a, b) = u·a + v·b; u and v may be nil.
func BigIntComputeExtendedGcd(gcd, u, v, a, b BigInt) {
	mustOp(abi.BigOpExtendedGcd, gcd, u, v, a, b, nil, 0, 0)
}

// BigIntIsProbablePrime is TEE_BigIntIsProbablePrime (§8.10.3): 0 when op
// is composite, 1 when it is prime, -1 when it is prime with an error
// probability below 2^-max(confidence, 80).
func BigIntIsProbablePrime(a BigInt, confidence uint32) int32 {
	return int32(mustOp(abi.BigOpIsProbablePrime, nil, nil, nil, a, nil, nil, confidence, 0))
}

// BigIntConvertToFMM is TEE_BigIntConvertToFMM (§8.11.1).
func BigIntConvertToFMM(dest BigIntFMM, src, n BigInt, ctx BigIntFMMContext) {
	checkBig(ctx)
	modOp(abi.BigOpToFMM, dest, src, nil, n)
}

// BigIntConvertFromFMM is TEE_BigIntConvertFromFMM (§8.11.2).
func BigIntConvertFromFMM(dest BigInt, src BigIntFMM, n BigInt, ctx BigIntFMMContext) {
	checkBig(ctx)
	modOp(abi.BigOpFromFMM, dest, src, nil, n)
}

// BigIntComputeFMM is TEE_BigIntComputeFMM (§8.11.3): dest = a · b in FMM
// form.
func BigIntComputeFMM(dest, a, b BigIntFMM, n BigInt, ctx BigIntFMMContext) {
	checkBig(ctx)
	modOp(abi.BigOpComputeFMM, dest, a, b, n)
}
