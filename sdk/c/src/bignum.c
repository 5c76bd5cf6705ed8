// SPDX-License-Identifier: BSD-2-Clause
#include <string.h>

#include "utee_private.h"

/*
 * §8 Arithmetical API. A TEE_BigInt is OP-TEE's struct bigint_hdr followed
 * by little-endian u32 limbs (docs/ta-abi.md, abi.BigInt*): word 0 the sign
 * (1 negative), word 1 the allocated limbs (bits 0..15) and the limbs in use
 * (bits 16..31). The arithmetic runs in the core (bigint_op); this library
 * checks what GP makes a panic, as libutee does, and the core checks again.
 */

#define BN_HDR VERITEE_BIGINT_HEADER_U32
#define BN_MAX_LIMBS (VERITEE_BIGINT_MAX_BITS / 32)

static void bn_check(const TEE_BigInt *b)
{
	if (!b || b[0] > 1 || (b[1] & 0xFFFF) > BN_MAX_LIMBS ||
	    (b[1] >> 16) > (b[1] & 0xFFFF))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

static bool bn_is_zero(const TEE_BigInt *b)
{
	uint32_t i;

	for (i = 0; i < (b[1] >> 16); i++)
		if (b[BN_HDR + i])
			return false;
	return true;
}

/* GP: every modulus must be > 0. */
static void bn_check_modulus(const TEE_BigInt *n)
{
	bn_check(n);
	if (n[0] || bn_is_zero(n))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

static TEE_Result bn_op(uint32_t op, TEE_BigInt *d0, TEE_BigInt *d1,
			TEE_BigInt *d2, const TEE_BigInt *a,
			const TEE_BigInt *b, const TEE_BigInt *n, uint32_t arg,
			uint32_t arg2, uint32_t *out)
{
	return _utee_bigint_op(op, VT_ADDR(d0), VT_ADDR(d1), VT_ADDR(d2),
			       VT_ADDR(a), VT_ADDR(b), VT_ADDR(n), arg, arg2,
			       VT_ADDR(out));
}

/* bn_must runs an operation GP gives no result for: any error panics. */
static uint32_t bn_must(uint32_t op, TEE_BigInt *d0, TEE_BigInt *d1,
			TEE_BigInt *d2, const TEE_BigInt *a,
			const TEE_BigInt *b, const TEE_BigInt *n, uint32_t arg)
{
	uint32_t out = 0;
	TEE_Result res = bn_op(op, d0, d1, d2, a, b, n, arg, 0, &out);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
	return out;
}

/* §8.4 Sizes: an FMM value and a context are laid out as a TEE_BigInt. */
size_t TEE_BigIntFMMSizeInU32(size_t modulusSizeInBits)
{
	return TEE_BigIntSizeInU32(modulusSizeInBits);
}

size_t TEE_BigIntFMMContextSizeInU32(size_t modulusSizeInBits)
{
	return TEE_BigIntSizeInU32(modulusSizeInBits);
}

/* §8.5 Initialization. */
void TEE_BigIntInit(TEE_BigInt *bigInt, size_t len)
{
	if (!bigInt || len < BN_HDR || len > BN_HDR + BN_MAX_LIMBS)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	memset(bigInt, 0, len * sizeof(uint32_t));
	bigInt[1] = (uint32_t)(len - BN_HDR);
}

void TEE_BigIntInitFMM(TEE_BigIntFMM *bigIntFMM, size_t len)
{
	TEE_BigIntInit(bigIntFMM, len);
}

TEE_Result TEE_BigIntInitFMMContext1(TEE_BigIntFMMContext *context,
				     size_t len, const TEE_BigInt *modulus)
{
	TEE_BigIntInit(context, len);
	bn_check_modulus(modulus);
	bn_must(VERITEE_BIGOP_INIT_FMM_CONTEXT, context, NULL, NULL, NULL,
		NULL, modulus, 0);
	return TEE_SUCCESS;
}

void TEE_BigIntInitFMMContext(TEE_BigIntFMMContext *context, size_t len,
			      const TEE_BigInt *modulus)
{
	(void)TEE_BigIntInitFMMContext1(context, len, modulus);
}

/* §8.6 Converters. */
TEE_Result TEE_BigIntConvertFromOctetString(TEE_BigInt *dest,
					    const uint8_t *buffer,
					    size_t bufferLen, int32_t sign)
{
	TEE_Result res;

	bn_check(dest);
	if (!buffer && bufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_bigint_from_octets(VT_ADDR(dest), VT_ADDR(buffer),
				       (uint32_t)bufferLen, (uint32_t)sign);
	if (res != TEE_SUCCESS && res != TEE_ERROR_OVERFLOW)
		TEE_Panic(res);
	return res;
}

TEE_Result TEE_BigIntConvertToOctetString(uint8_t *buffer, size_t *bufferLen,
					  const TEE_BigInt *bigInt)
{
	uint32_t len;
	TEE_Result res;

	bn_check(bigInt);
	if (!bufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	len = (uint32_t)*bufferLen;
	res = _utee_bigint_to_octets(VT_ADDR(bigInt), VT_ADDR(buffer),
				     VT_ADDR(&len));
	if (res != TEE_SUCCESS && res != TEE_ERROR_SHORT_BUFFER)
		TEE_Panic(res);
	*bufferLen = len;
	return res;
}

void TEE_BigIntConvertFromS32(TEE_BigInt *dest, int32_t shortVal)
{
	bn_check(dest);
	bn_must(VERITEE_BIGOP_FROM_S32, dest, NULL, NULL, NULL, NULL, NULL,
		(uint32_t)shortVal);
}

TEE_Result TEE_BigIntConvertToS32(int32_t *dest, const TEE_BigInt *src)
{
	uint32_t out = 0;
	TEE_Result res;

	bn_check(src);
	if (!dest)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = bn_op(VERITEE_BIGOP_TO_S32, NULL, NULL, NULL, src, NULL, NULL, 0,
		    0, &out);
	if (res == TEE_SUCCESS)
		*dest = (int32_t)out;
	else if (res != TEE_ERROR_OVERFLOW)
		TEE_Panic(res);
	return res;
}

/* §8.7 Logical operations. */
int32_t TEE_BigIntCmp(const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	bn_check(op1);
	bn_check(op2);
	return (int32_t)bn_must(VERITEE_BIGOP_CMP, NULL, NULL, NULL, op1, op2,
				NULL, 0);
}

int32_t TEE_BigIntCmpS32(const TEE_BigInt *op, int32_t shortVal)
{
	bn_check(op);
	return (int32_t)bn_must(VERITEE_BIGOP_CMP_S32, NULL, NULL, NULL, op,
				NULL, NULL, (uint32_t)shortVal);
}

void TEE_BigIntShiftRight(TEE_BigInt *dest, const TEE_BigInt *op, size_t bits)
{
	bn_check(dest);
	bn_check(op);
	bn_must(VERITEE_BIGOP_SHIFT_RIGHT, dest, NULL, NULL, op, NULL, NULL,
		bits > UINT32_MAX ? UINT32_MAX : (uint32_t)bits);
}

bool TEE_BigIntGetBit(const TEE_BigInt *src, uint32_t bitIndex)
{
	bn_check(src);
	return bn_must(VERITEE_BIGOP_GET_BIT, NULL, NULL, NULL, src, NULL, NULL,
		       bitIndex) != 0;
}

uint32_t TEE_BigIntGetBitCount(const TEE_BigInt *src)
{
	bn_check(src);
	return bn_must(VERITEE_BIGOP_GET_BIT_COUNT, NULL, NULL, NULL, src, NULL,
		       NULL, 0);
}

/* bn_may_overflow runs an operation whose only GP error is OVERFLOW. */
static TEE_Result bn_may_overflow(uint32_t op, TEE_BigInt *dest,
				  const TEE_BigInt *src, uint32_t arg,
				  uint32_t arg2)
{
	uint32_t out = 0;
	TEE_Result res;

	bn_check(dest);
	bn_check(src);
	res = bn_op(op, dest, NULL, NULL, src, NULL, NULL, arg, arg2, &out);
	if (res != TEE_SUCCESS && res != TEE_ERROR_OVERFLOW)
		TEE_Panic(res);
	return res;
}

TEE_Result TEE_BigIntSetBit(TEE_BigInt *op, uint32_t bitIndex, bool value)
{
	return bn_may_overflow(VERITEE_BIGOP_SET_BIT, op, op, bitIndex, value);
}

TEE_Result TEE_BigIntAssign(TEE_BigInt *dest, const TEE_BigInt *src)
{
	return bn_may_overflow(VERITEE_BIGOP_ASSIGN, dest, src, 0, 0);
}

TEE_Result TEE_BigIntAbs(TEE_BigInt *dest, const TEE_BigInt *src)
{
	return bn_may_overflow(VERITEE_BIGOP_ABS, dest, src, 0, 0);
}

/* §8.8 Basic arithmetic. */
static void bn_binary(uint32_t op, TEE_BigInt *dest, const TEE_BigInt *a,
		      const TEE_BigInt *b)
{
	bn_check(dest);
	bn_check(a);
	if (b)
		bn_check(b);
	bn_must(op, dest, NULL, NULL, a, b, NULL, 0);
}

void TEE_BigIntAdd(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bn_binary(VERITEE_BIGOP_ADD, dest, op1, op2);
}

void TEE_BigIntSub(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bn_binary(VERITEE_BIGOP_SUB, dest, op1, op2);
}

void TEE_BigIntNeg(TEE_BigInt *dest, const TEE_BigInt *op)
{
	bn_binary(VERITEE_BIGOP_NEG, dest, op, NULL);
}

void TEE_BigIntMul(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bn_binary(VERITEE_BIGOP_MUL, dest, op1, op2);
}

void TEE_BigIntSquare(TEE_BigInt *dest, const TEE_BigInt *op)
{
	bn_binary(VERITEE_BIGOP_SQUARE, dest, op, NULL);
}

void TEE_BigIntDiv(TEE_BigInt *dest_q, TEE_BigInt *dest_r,
		   const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	if (dest_q)
		bn_check(dest_q);
	if (dest_r)
		bn_check(dest_r);
	bn_check(op1);
	bn_check(op2);
	if (bn_is_zero(op2))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS); /* division by zero */
	bn_must(VERITEE_BIGOP_DIV, dest_q, dest_r, NULL, op1, op2, NULL, 0);
}

/* §8.9 Modular arithmetic. */
static void bn_mod(uint32_t op, TEE_BigInt *dest, const TEE_BigInt *a,
		   const TEE_BigInt *b, const TEE_BigInt *n)
{
	bn_check(dest);
	bn_check(a);
	if (b)
		bn_check(b);
	bn_check_modulus(n);
	bn_must(op, dest, NULL, NULL, a, b, n, 0);
}

void TEE_BigIntMod(TEE_BigInt *dest, const TEE_BigInt *op, const TEE_BigInt *n)
{
	bn_mod(VERITEE_BIGOP_MOD, dest, op, NULL, n);
}

void TEE_BigIntAddMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	bn_mod(VERITEE_BIGOP_ADD_MOD, dest, op1, op2, n);
}

void TEE_BigIntSubMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	bn_mod(VERITEE_BIGOP_SUB_MOD, dest, op1, op2, n);
}

void TEE_BigIntMulMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	bn_mod(VERITEE_BIGOP_MUL_MOD, dest, op1, op2, n);
}

void TEE_BigIntSquareMod(TEE_BigInt *dest, const TEE_BigInt *op,
			 const TEE_BigInt *n)
{
	bn_mod(VERITEE_BIGOP_SQUARE_MOD, dest, op, NULL, n);
}

void TEE_BigIntInvMod(TEE_BigInt *dest, const TEE_BigInt *op,
		      const TEE_BigInt *n)
{
	bn_mod(VERITEE_BIGOP_INV_MOD, dest, op, NULL, n);
}

/* Every modulus > 0 is supported: the result is TEE_SUCCESS or a panic. */
TEE_Result TEE_BigIntExpMod(TEE_BigInt *dest, const TEE_BigInt *op1,
			    const TEE_BigInt *op2, const TEE_BigInt *n,
			    const TEE_BigIntFMMContext *context)
{
	if (context)
		bn_check(context);
	bn_mod(VERITEE_BIGOP_EXP_MOD, dest, op1, op2, n);
	return TEE_SUCCESS;
}

/* §8.10 Other arithmetic. */
bool TEE_BigIntRelativePrime(const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	bn_check(op1);
	bn_check(op2);
	return bn_must(VERITEE_BIGOP_RELATIVE_PRIME, NULL, NULL, NULL, op1, op2,
		       NULL, 0) != 0;
}

void TEE_BigIntComputeExtendedGcd(TEE_BigInt *gcd, TEE_BigInt *u,
				  TEE_BigInt *v, const TEE_BigInt *op1,
				  const TEE_BigInt *op2)
{
	bn_check(gcd);
	if (u)
		bn_check(u);
	if (v)
		bn_check(v);
	bn_check(op1);
	bn_check(op2);
	bn_must(VERITEE_BIGOP_EXTENDED_GCD, gcd, u, v, op1, op2, NULL, 0);
}

int32_t TEE_BigIntIsProbablePrime(const TEE_BigInt *op,
				  uint32_t confidenceLevel)
{
	bn_check(op);
	return (int32_t)bn_must(VERITEE_BIGOP_IS_PROBABLE_PRIME, NULL, NULL,
				NULL, op, NULL, NULL, confidenceLevel);
}

/* §8.11 Fast modular multiplication: the FMM form is the residue. */
void TEE_BigIntConvertToFMM(TEE_BigIntFMM *dest, const TEE_BigInt *src,
			    const TEE_BigInt *n,
			    const TEE_BigIntFMMContext *context)
{
	bn_check(context);
	bn_mod(VERITEE_BIGOP_TO_FMM, dest, src, NULL, n);
}

void TEE_BigIntConvertFromFMM(TEE_BigInt *dest, const TEE_BigIntFMM *src,
			      const TEE_BigInt *n,
			      const TEE_BigIntFMMContext *context)
{
	bn_check(context);
	bn_mod(VERITEE_BIGOP_FROM_FMM, dest, src, NULL, n);
}

void TEE_BigIntComputeFMM(TEE_BigIntFMM *dest, const TEE_BigIntFMM *op1,
			  const TEE_BigIntFMM *op2, const TEE_BigInt *n,
			  const TEE_BigIntFMMContext *context)
{
	bn_check(context);
	bn_mod(VERITEE_BIGOP_COMPUTE_FMM, dest, op1, op2, n);
}
