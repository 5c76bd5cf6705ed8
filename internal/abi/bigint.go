package abi

// Big integers (GPD_SPE_010 §8). GP leaves the layout of a TEE_BigInt to the
// implementation; Veritee's is OP-TEE's struct bigint_hdr followed by the
// magnitude in little-endian u32 limbs:
//
//	word 0: sign, 0 for zero or positive, 1 for negative
//	word 1: bits 0..15 the allocated limbs, bits 16..31 the limbs in use
//	word 2...: limbs, least significant first
//
// A TEE_BigIntFMM and a TEE_BigIntFMMContext have the same layout: an FMM
// value is the residue itself, and a context holds a copy of the modulus.
// The core reads and writes these arrays in TA memory (docs/ta-abi.md).
const (
	BigIntHeaderU32 = 2
	// BigIntMaxBits is the largest TEE_BigInt a TA may allocate
	// (gpd.tee.arith.maxBigIntSize).
	BigIntMaxBits  = 4096
	BigIntMaxLimbs = BigIntMaxBits / 32
)

// BigIntSizeInU32 is TEE_BigIntSizeInU32(bits): the uint32 words of a
// TEE_BigInt that holds bits bits.
func BigIntSizeInU32(bits uint32) uint32 { return (bits+31)/32 + BigIntHeaderU32 }

// Operation codes of the bigint_op system call. A code names one GP
// function; numbers are never reused. Operands are op1, op2 and n; results
// go to dst, dst2 and dst3; arg and arg2 are 32-bit operands; a scalar
// result is written to *out.
const (
	BigOpCmp             uint32 = 1  // *out = sign(op1 - op2) as int32
	BigOpCmpS32          uint32 = 2  // *out = sign(op1 - int32(arg))
	BigOpShiftRight      uint32 = 3  // dst = sign(op1)·(|op1| >> arg)
	BigOpGetBit          uint32 = 4  // *out = bit arg of |op1|
	BigOpGetBitCount     uint32 = 5  // *out = bit length of |op1|
	BigOpSetBit          uint32 = 6  // dst = op1 with bit arg of |op1| set to arg2 != 0; OVERFLOW past dst
	BigOpAssign          uint32 = 7  // dst = op1; OVERFLOW when it does not fit
	BigOpAbs             uint32 = 8  // dst = |op1|; OVERFLOW when it does not fit
	BigOpAdd             uint32 = 9  // dst = op1 + op2
	BigOpSub             uint32 = 10 // dst = op1 - op2
	BigOpNeg             uint32 = 11 // dst = -op1
	BigOpMul             uint32 = 12 // dst = op1 · op2
	BigOpSquare          uint32 = 13 // dst = op1²
	BigOpDiv             uint32 = 14 // dst = op1 / op2 rounded toward zero, dst2 = op1 - dst·op2 (either may be 0)
	BigOpMod             uint32 = 15 // dst = op1 mod n, in [0, n)
	BigOpAddMod          uint32 = 16 // dst = (op1 + op2) mod n
	BigOpSubMod          uint32 = 17 // dst = (op1 - op2) mod n
	BigOpMulMod          uint32 = 18 // dst = (op1 · op2) mod n
	BigOpSquareMod       uint32 = 19 // dst = op1² mod n
	BigOpInvMod          uint32 = 20 // dst = op1⁻¹ mod n; BAD_PARAMETERS when not invertible
	BigOpExpMod          uint32 = 21 // dst = op1^op2 mod n, op2 ≥ 0
	BigOpRelativePrime   uint32 = 22 // *out = gcd(op1, op2) == 1
	BigOpExtendedGcd     uint32 = 23 // dst = gcd(op1, op2) = dst2·op1 + dst3·op2 (dst2, dst3 may be 0)
	BigOpIsProbablePrime uint32 = 24 // *out = 0 composite, 1 prime, -1 probably prime (error ≤ 2^-max(arg, 80))
	BigOpToFMM           uint32 = 25 // dst = op1 mod n (the FMM form is the residue)
	BigOpFromFMM         uint32 = 26 // dst = op1 mod n
	BigOpComputeFMM      uint32 = 27 // dst = op1 · op2 mod n
	BigOpInitFMMContext  uint32 = 28 // dst = n, the context
	BigOpFromS32         uint32 = 29 // dst = int32(arg)
	BigOpToS32           uint32 = 30 // *out = op1; OVERFLOW outside int32
)

// BigIntOpNames names the bigint_op codes for the generated C header
// (VERITEE_BIGOP_<NAME>).
var BigIntOpNames = []struct {
	Op   uint32
	Name string
}{
	{BigOpCmp, "CMP"}, {BigOpCmpS32, "CMP_S32"}, {BigOpShiftRight, "SHIFT_RIGHT"},
	{BigOpGetBit, "GET_BIT"}, {BigOpGetBitCount, "GET_BIT_COUNT"}, {BigOpSetBit, "SET_BIT"},
	{BigOpAssign, "ASSIGN"}, {BigOpAbs, "ABS"}, {BigOpAdd, "ADD"}, {BigOpSub, "SUB"},
	{BigOpNeg, "NEG"}, {BigOpMul, "MUL"}, {BigOpSquare, "SQUARE"}, {BigOpDiv, "DIV"},
	{BigOpMod, "MOD"}, {BigOpAddMod, "ADD_MOD"}, {BigOpSubMod, "SUB_MOD"},
	{BigOpMulMod, "MUL_MOD"}, {BigOpSquareMod, "SQUARE_MOD"}, {BigOpInvMod, "INV_MOD"},
	{BigOpExpMod, "EXP_MOD"}, {BigOpRelativePrime, "RELATIVE_PRIME"},
	{BigOpExtendedGcd, "EXTENDED_GCD"}, {BigOpIsProbablePrime, "IS_PROBABLE_PRIME"},
	{BigOpToFMM, "TO_FMM"}, {BigOpFromFMM, "FROM_FMM"}, {BigOpComputeFMM, "COMPUTE_FMM"},
	{BigOpInitFMMContext, "INIT_FMM_CONTEXT"}, {BigOpFromS32, "FROM_S32"}, {BigOpToS32, "TO_S32"},
}
