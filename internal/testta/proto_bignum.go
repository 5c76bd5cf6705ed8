package testta

// Big-integer commands (100..149): the GP arithmetic functions
// (GPD_SPE_010 §8), each run by the test TA on operands the client gives.
const (
	// CmdBigInt runs one GP arithmetic function.
	//   [in]  value[0].a: the function, BigInt*
	//   [in]  value[0].b: the size in bits of every destination (0: the
	//         maximum, gpd.tee.arith.maxBigIntSize)
	//   [in]  memref[1]: u32 arg, u32 arg2, then up to three operands
	//         op1, op2, n, each i32 sign, u32 len, len big-endian bytes
	//         (absent ones are 0); operands have the maximum size
	//   [out] memref[2]: u32 the function's TEE_Result (0 for a function
	//         without one), u32 its scalar result, then three results,
	//         each i32 sign (-1, 0, 1), u32 len, len big-endian bytes
	// GP's panics kill the instance (TARGET_DEAD).
	CmdBigInt = 100
	// CmdBigIntBench repeats BigIntBench* value[0].b times on the operands
	// of memref[1] (as CmdBigInt) and returns the last result in memref[2]
	// (as CmdBigInt).
	CmdBigIntBench = 101
)

// Functions of CmdBigInt. "dst" is a destination of value[0].b bits;
// results are dst unless said otherwise.
const (
	BigIntAssign          = 1  // TEE_BigIntAssign(dst, op1): result code
	BigIntAbs             = 2  // TEE_BigIntAbs(dst, op1): result code
	BigIntNeg             = 3  // TEE_BigIntNeg(dst, op1)
	BigIntAdd             = 4  // TEE_BigIntAdd(dst, op1, op2)
	BigIntSub             = 5  // TEE_BigIntSub(dst, op1, op2)
	BigIntMul             = 6  // TEE_BigIntMul(dst, op1, op2)
	BigIntSquare          = 7  // TEE_BigIntSquare(dst, op1)
	BigIntDiv             = 8  // TEE_BigIntDiv(q, r, op1, op2): results q, r; arg bit 0: q NULL, bit 1: r NULL
	BigIntMod             = 9  // TEE_BigIntMod(dst, op1, n)
	BigIntAddMod          = 10 // TEE_BigIntAddMod(dst, op1, op2, n)
	BigIntSubMod          = 11 // TEE_BigIntSubMod(dst, op1, op2, n)
	BigIntMulMod          = 12 // TEE_BigIntMulMod(dst, op1, op2, n)
	BigIntSquareMod       = 13 // TEE_BigIntSquareMod(dst, op1, n)
	BigIntInvMod          = 14 // TEE_BigIntInvMod(dst, op1, n)
	BigIntExpMod          = 15 // TEE_BigIntExpMod(dst, op1, op2, n, NULL): result code
	BigIntCmp             = 16 // TEE_BigIntCmp(op1, op2): scalar
	BigIntCmpS32          = 17 // TEE_BigIntCmpS32(op1, int32(arg)): scalar
	BigIntShiftRight      = 18 // TEE_BigIntShiftRight(dst, op1, arg)
	BigIntGetBit          = 19 // TEE_BigIntGetBit(op1, arg): scalar
	BigIntGetBitCount     = 20 // TEE_BigIntGetBitCount(op1): scalar
	BigIntSetBit          = 21 // TEE_BigIntAssign(dst, op1); TEE_BigIntSetBit(dst, arg, arg2 != 0): result code
	BigIntFromS32         = 22 // TEE_BigIntConvertFromS32(dst, int32(arg))
	BigIntToS32           = 23 // TEE_BigIntConvertToS32(&s, op1): result code, scalar s
	BigIntRelativePrime   = 24 // TEE_BigIntRelativePrime(op1, op2): scalar
	BigIntExtendedGcd     = 25 // TEE_BigIntComputeExtendedGcd(gcd, u, v, op1, op2): results gcd, u, v
	BigIntIsProbablePrime = 26 // TEE_BigIntIsProbablePrime(op1, arg): scalar (int32)
	BigIntFMM             = 27 // InitFMMContext1 + ConvertToFMM(op1), (op2) + ComputeFMM + ConvertFromFMM, all of n's size: result code of InitFMMContext1
	BigIntExpModFMM       = 28 // op1^op2 mod n by square-and-multiply with ComputeFMM, FMM values of n's size
	BigIntToOctets        = 29 // TEE_BigIntConvertToOctetString into arg bytes: result code, scalar the length; result 0 the bytes written
	BigIntFromOctets      = 30 // TEE_BigIntConvertFromOctetString(dst, op1's bytes, op1's sign): result code
	BigIntSizes           = 31 // scalar TEE_BigIntSizeInU32(arg); result 0 = TEE_BigIntFMMSizeInU32(arg), result 1 = TEE_BigIntFMMContextSizeInU32(arg) as values
)

// Loops of CmdBigIntBench.
const (
	BigIntBenchMulMod    = 0 // dst = op1 · op2 mod n
	BigIntBenchExpModFMM = 1 // BigIntExpModFMM
)
