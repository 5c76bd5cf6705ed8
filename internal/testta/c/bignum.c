// SPDX-License-Identifier: BSD-2-Clause
/*
 * Big-integer commands 100..149 (internal/testta/proto_bignum.go, the
 * reference for the numbers below): each runs one GP arithmetic function
 * on operands given as octet strings and returns the results the same way.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <vt_families.h>

#define CMD_BIGINT 100
#define CMD_BIGINT_BENCH 101

enum {
	BN_ASSIGN = 1, BN_ABS, BN_NEG, BN_ADD, BN_SUB, BN_MUL, BN_SQUARE,
	BN_DIV, BN_MOD, BN_ADD_MOD, BN_SUB_MOD, BN_MUL_MOD, BN_SQUARE_MOD,
	BN_INV_MOD, BN_EXP_MOD, BN_CMP, BN_CMP_S32, BN_SHIFT_RIGHT, BN_GET_BIT,
	BN_GET_BIT_COUNT, BN_SET_BIT, BN_FROM_S32, BN_TO_S32,
	BN_RELATIVE_PRIME, BN_EXTENDED_GCD, BN_IS_PROBABLE_PRIME, BN_FMM,
	BN_EXP_MOD_FMM, BN_TO_OCTETS, BN_FROM_OCTETS, BN_SIZES,
};

#define MAX_BITS 4096
#define MAX_U32 TEE_BigIntSizeInU32(MAX_BITS)

struct operands {
	uint32_t arg, arg2;
	TEE_BigInt v[3][MAX_U32];
	const uint8_t *bytes[3];
	uint32_t len[3];
	int32_t sign[3];
};

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static TEE_Result parse(struct operands *o, const uint8_t *in, uint32_t n)
{
	uint32_t i, off = 8;

	if (n < 8)
		return TEE_ERROR_BAD_PARAMETERS;
	o->arg = get32(in);
	o->arg2 = get32(in + 4);
	for (i = 0; i < 3; i++) {
		TEE_BigIntInit(o->v[i], MAX_U32);
		o->bytes[i] = NULL;
		o->len[i] = 0;
		o->sign[i] = 0;
		if (off == n)
			continue;
		if (n - off < 8 || get32(in + off + 4) > n - off - 8)
			return TEE_ERROR_BAD_PARAMETERS;
		o->sign[i] = (int32_t)get32(in + off);
		o->len[i] = get32(in + off + 4);
		o->bytes[i] = in + off + 8;
		if (TEE_BigIntConvertFromOctetString(o->v[i], o->bytes[i],
						     o->len[i], o->sign[i]))
			return TEE_ERROR_BAD_PARAMETERS;
		off += 8 + o->len[i];
	}
	return TEE_SUCCESS;
}

/* put_result appends x as i32 sign, u32 len, bytes at out + *off. */
static TEE_Result put_result(uint8_t *out, uint32_t cap, uint32_t *off,
			     const TEE_BigInt *x)
{
	size_t len;
	int32_t c;
	TEE_Result res;

	if (cap - *off < 8)
		return TEE_ERROR_SHORT_BUFFER;
	len = cap - *off - 8;
	res = TEE_BigIntConvertToOctetString(out + *off + 8, &len, x);
	if (res)
		return res;
	c = TEE_BigIntCmpS32(x, 0);
	put32(out + *off, c > 0 ? 1 : (c < 0 ? (uint32_t)-1 : 0));
	put32(out + *off + 4, len);
	*off += 8 + len;
	return TEE_SUCCESS;
}

/* exp_mod_fmm computes d = b^e mod n by square-and-multiply in FMM form. */
static void exp_mod_fmm(TEE_BigInt *d, const TEE_BigInt *b,
			const TEE_BigInt *e, const TEE_BigInt *n)
{
	uint32_t bits = TEE_BigIntGetBitCount(n);
	size_t fl = TEE_BigIntFMMSizeInU32(bits);
	size_t cl = TEE_BigIntFMMContextSizeInU32(bits);
	TEE_BigIntFMMContext ctx[MAX_U32];
	TEE_BigIntFMM acc[MAX_U32], base[MAX_U32];
	TEE_BigInt one[TEE_BigIntSizeInU32(32)];
	uint8_t eb[MAX_BITS / 8];
	size_t el = sizeof(eb);
	uint32_t i;

	TEE_BigIntInitFMMContext(ctx, cl, n);
	TEE_BigIntInitFMM(acc, fl);
	TEE_BigIntInitFMM(base, fl);
	TEE_BigIntInit(one, TEE_BigIntSizeInU32(32));
	TEE_BigIntConvertFromS32(one, 1);
	TEE_BigIntConvertToFMM(acc, one, n, ctx);
	TEE_BigIntConvertToFMM(base, b, n, ctx);
	/* The exponent's bits, read once: |e| big-endian. */
	TEE_BigIntConvertToOctetString(eb, &el, e);
	for (i = el * 8; i-- > 0;) {
		TEE_BigIntComputeFMM(acc, acc, acc, n, ctx);
		if ((eb[el - 1 - i / 8] >> (i % 8)) & 1)
			TEE_BigIntComputeFMM(acc, acc, base, n, ctx);
	}
	TEE_BigIntConvertFromFMM(d, acc, n, ctx);
}

static TEE_Result run(uint32_t fn, uint32_t dbits, struct operands *o,
		      TEE_BigInt r[3][MAX_U32], uint32_t *ret, uint32_t *scalar)
{
	TEE_BigInt *a = o->v[0], *b = o->v[1], *n = o->v[2];
	size_t dl = TEE_BigIntSizeInU32(dbits ? dbits : MAX_BITS);
	int32_t s = 0;
	size_t len;

	if (dl > MAX_U32)
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_BigIntInit(r[0], dl);
	TEE_BigIntInit(r[1], dl);
	TEE_BigIntInit(r[2], dl);
	switch (fn) {
	case BN_ASSIGN: *ret = TEE_BigIntAssign(r[0], a); break;
	case BN_ABS: *ret = TEE_BigIntAbs(r[0], a); break;
	case BN_NEG: TEE_BigIntNeg(r[0], a); break;
	case BN_ADD: TEE_BigIntAdd(r[0], a, b); break;
	case BN_SUB: TEE_BigIntSub(r[0], a, b); break;
	case BN_MUL: TEE_BigIntMul(r[0], a, b); break;
	case BN_SQUARE: TEE_BigIntSquare(r[0], a); break;
	case BN_DIV:
		TEE_BigIntDiv(o->arg & 1 ? NULL : r[0], o->arg & 2 ? NULL : r[1],
			      a, b);
		break;
	case BN_MOD: TEE_BigIntMod(r[0], a, n); break;
	case BN_ADD_MOD: TEE_BigIntAddMod(r[0], a, b, n); break;
	case BN_SUB_MOD: TEE_BigIntSubMod(r[0], a, b, n); break;
	case BN_MUL_MOD: TEE_BigIntMulMod(r[0], a, b, n); break;
	case BN_SQUARE_MOD: TEE_BigIntSquareMod(r[0], a, n); break;
	case BN_INV_MOD: TEE_BigIntInvMod(r[0], a, n); break;
	case BN_EXP_MOD: *ret = TEE_BigIntExpMod(r[0], a, b, n, NULL); break;
	case BN_CMP: *scalar = TEE_BigIntCmp(a, b); break;
	case BN_CMP_S32: *scalar = TEE_BigIntCmpS32(a, (int32_t)o->arg); break;
	case BN_SHIFT_RIGHT: TEE_BigIntShiftRight(r[0], a, o->arg); break;
	case BN_GET_BIT: *scalar = TEE_BigIntGetBit(a, o->arg); break;
	case BN_GET_BIT_COUNT: *scalar = TEE_BigIntGetBitCount(a); break;
	case BN_SET_BIT:
		*ret = TEE_BigIntAssign(r[0], a);
		if (!*ret)
			*ret = TEE_BigIntSetBit(r[0], o->arg, o->arg2 != 0);
		break;
	case BN_FROM_S32: TEE_BigIntConvertFromS32(r[0], (int32_t)o->arg); break;
	case BN_TO_S32:
		*ret = TEE_BigIntConvertToS32(&s, a);
		*scalar = (uint32_t)s;
		break;
	case BN_RELATIVE_PRIME: *scalar = TEE_BigIntRelativePrime(a, b); break;
	case BN_EXTENDED_GCD:
		TEE_BigIntComputeExtendedGcd(r[0], r[1], r[2], a, b);
		break;
	case BN_IS_PROBABLE_PRIME:
		*scalar = (uint32_t)TEE_BigIntIsProbablePrime(a, o->arg);
		break;
	case BN_FMM: {
		uint32_t bits = TEE_BigIntGetBitCount(n);
		TEE_BigIntFMMContext ctx[MAX_U32];
		TEE_BigIntFMM x[MAX_U32], y[MAX_U32], z[MAX_U32];

		*ret = TEE_BigIntInitFMMContext1(
			ctx, TEE_BigIntFMMContextSizeInU32(bits), n);
		TEE_BigIntInitFMM(x, TEE_BigIntFMMSizeInU32(bits));
		TEE_BigIntInitFMM(y, TEE_BigIntFMMSizeInU32(bits));
		TEE_BigIntInitFMM(z, TEE_BigIntFMMSizeInU32(bits));
		TEE_BigIntConvertToFMM(x, a, n, ctx);
		TEE_BigIntConvertToFMM(y, b, n, ctx);
		TEE_BigIntComputeFMM(z, x, y, n, ctx);
		TEE_BigIntConvertFromFMM(r[0], z, n, ctx);
		break;
	}
	case BN_EXP_MOD_FMM: exp_mod_fmm(r[0], a, b, n); break;
	case BN_TO_OCTETS: {
		uint8_t buf[MAX_BITS / 8];

		if (o->arg > sizeof(buf))
			return TEE_ERROR_BAD_PARAMETERS;
		len = o->arg;
		*ret = TEE_BigIntConvertToOctetString(buf, &len, a);
		*scalar = len;
		if (!*ret)
			TEE_BigIntConvertFromOctetString(r[0], buf, len, 0);
		break;
	}
	case BN_FROM_OCTETS:
		*ret = TEE_BigIntConvertFromOctetString(r[0], o->bytes[0],
							 o->len[0], o->sign[0]);
		break;
	case BN_SIZES:
		*scalar = TEE_BigIntSizeInU32(o->arg);
		TEE_BigIntConvertFromS32(r[0], TEE_BigIntFMMSizeInU32(o->arg));
		TEE_BigIntConvertFromS32(r[1],
					 TEE_BigIntFMMContextSizeInU32(o->arg));
		break;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
	return TEE_SUCCESS;
}

static struct operands ops;
static TEE_BigInt results[3][MAX_U32];

TEE_Result vt_bignum_cmd(uint32_t cmd, uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t ret = 0, scalar = 0, off = 8, i;
	TEE_Result res;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = parse(&ops, p[1].memref.buffer, p[1].memref.size);
	if (res)
		return res;
	switch (cmd) {
	case CMD_BIGINT:
		res = run(p[0].value.a, p[0].value.b, &ops, results, &ret,
			  &scalar);
		break;
	case CMD_BIGINT_BENCH:
		TEE_BigIntInit(results[0], MAX_U32);
		for (i = 0; i < p[0].value.b; i++) {
			if (p[0].value.a == 0)
				TEE_BigIntMulMod(results[0], ops.v[0], ops.v[1],
						 ops.v[2]);
			else
				exp_mod_fmm(results[0], ops.v[0], ops.v[1],
					    ops.v[2]);
		}
		TEE_BigIntInit(results[1], MAX_U32);
		TEE_BigIntInit(results[2], MAX_U32);
		break;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
	if (res)
		return res;
	if (p[2].memref.size < 8)
		return TEE_ERROR_SHORT_BUFFER;
	put32(p[2].memref.buffer, ret);
	put32((uint8_t *)p[2].memref.buffer + 4, scalar);
	for (i = 0; i < 3; i++) {
		res = put_result(p[2].memref.buffer, p[2].memref.size, &off,
				 results[i]);
		if (res)
			return res;
	}
	p[2].memref.size = off;
	return TEE_SUCCESS;
}
