// SPDX-License-Identifier: BSD-2-Clause
/*
 * CmdCrypBench (internal/testta/proto_crypto.go): one whole operation,
 * repeated inside the TA so that a benchmark measures the TA API and the
 * core rather than the invoke path.
 *
 *   [in]    value[0]: a = op, b = iterations
 *   [in]    value[1]: a = CrypBench* operation, b = object (derive)
 *   [in]    memref[2]: input (derive: attrs)
 *   [inout] memref[3]: output (verify: the signature, read only)
 *
 * memref[3] may also be MEMREF_OUTPUT for an operation that writes it,
 * MEMREF_INPUT for verify and NONE for derive, which do not. Every
 * iteration starts with memref[3]'s full capacity; the loop stops at the
 * first result other than TEE_SUCCESS and returns it, with memref[3]'s
 * size the last output's (or the size needed).
 */
#include <string.h>
#include <utee_defines.h>
#include "crypto.h"

enum {
	BENCH_DIGEST = 1, BENCH_CIPHER, BENCH_MAC, BENCH_AE_ENC, BENCH_SIGN,
	BENCH_VERIFY, BENCH_DERIVE,
};

/* The AE benchmark: a zero 12-byte nonce, a 128-bit tag after the data. */
#define AE_NONCE_LEN 12
#define AE_TAG_LEN 16

static const uint8_t zeros[16];

/* cipher_iv_len is the IV length the cipher of alg needs. */
static size_t cipher_iv_len(uint32_t alg)
{
	if (TEE_ALG_GET_CHAIN_MODE(alg) == TEE_CHAIN_MODE_ECB_NOPAD)
		return 0;
	switch (TEE_ALG_GET_MAIN_ALG(alg)) {
	case TEE_MAIN_ALGO_DES:
	case TEE_MAIN_ALGO_DES3:
		return 8;
	default:
		return 16;
	}
}

/*
 * ae_encrypt writes the ciphertext, then the tag, into out (capacity
 * *len). GCM and CCM ciphertexts are as long as the plaintext, so a short
 * output is known before the operation starts.
 */
static TEE_Result ae_encrypt(TEE_OperationHandle op, const void *in,
			     size_t in_len, uint8_t *out, size_t *len)
{
	uint8_t tag[AE_TAG_LEN];
	size_t tag_len = sizeof(tag);
	size_t dl;
	TEE_Result res;

	if (in_len > *len || *len - in_len < AE_TAG_LEN) {
		*len = in_len + AE_TAG_LEN;
		return TEE_ERROR_SHORT_BUFFER;
	}
	dl = *len - AE_TAG_LEN;
	res = TEE_AEInit(op, zeros, AE_NONCE_LEN, AE_TAG_LEN * 8, 0, in_len);
	if (res)
		return res;
	res = TEE_AEEncryptFinal(op, in, in_len, out, &dl, tag, &tag_len);
	if (res)
		return res;
	memcpy(out + dl, tag, tag_len);
	*len = dl + tag_len;
	return TEE_SUCCESS;
}

/* bench_types checks the parameter types for operation kind. */
static bool bench_types(uint32_t types, uint32_t kind)
{
	uint32_t p3 = TEE_PARAM_TYPE_GET(types, 3);

	if (TEE_PARAM_TYPE_GET(types, 0) != TEE_PARAM_TYPE_VALUE_INPUT ||
	    TEE_PARAM_TYPE_GET(types, 1) != TEE_PARAM_TYPE_VALUE_INPUT ||
	    TEE_PARAM_TYPE_GET(types, 2) != TEE_PARAM_TYPE_MEMREF_INPUT)
		return false;
	switch (kind) {
	case BENCH_VERIFY:
		return p3 == TEE_PARAM_TYPE_MEMREF_INOUT ||
		       p3 == TEE_PARAM_TYPE_MEMREF_INPUT;
	case BENCH_DERIVE:
		return p3 == TEE_PARAM_TYPE_MEMREF_INOUT ||
		       p3 == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
		       p3 == TEE_PARAM_TYPE_NONE;
	default:
		return p3 == TEE_PARAM_TYPE_MEMREF_INOUT ||
		       p3 == TEE_PARAM_TYPE_MEMREF_OUTPUT;
	}
}

/* bench_once runs one iteration; *len is memref[3]'s capacity, then size. */
static TEE_Result bench_once(uint32_t kind, TEE_OperationHandle op,
			     size_t iv_len, TEE_Param p[TEE_NUM_PARAMS],
			     uint32_t nattrs, size_t *len)
{
	void *in = p[2].memref.buffer;
	size_t in_len = p[2].memref.size;
	void *out = p[3].memref.buffer;

	switch (kind) {
	case BENCH_DIGEST:
		return TEE_DigestDoFinal(op, in, in_len, out, len);
	case BENCH_CIPHER:
		TEE_CipherInit(op, iv_len ? zeros : NULL, iv_len);
		return TEE_CipherDoFinal(op, in, in_len, out, len);
	case BENCH_MAC:
		TEE_MACInit(op, NULL, 0);
		return TEE_MACComputeFinal(op, in, in_len, out, len);
	case BENCH_AE_ENC:
		return ae_encrypt(op, in, in_len, out, len);
	case BENCH_SIGN:
		return TEE_AsymmetricSignDigest(op, NULL, 0, in, in_len, out,
						len);
	case BENCH_VERIFY:
		return TEE_AsymmetricVerifyDigest(op, NULL, 0, in, in_len, out,
						  *len);
	case BENCH_DERIVE:
		TEE_ResetTransientObject(vt_obj(p[1].value.b));
		TEE_DeriveKey(op, vt_attrs, nattrs, vt_obj(p[1].value.b));
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

TEE_Result vt_crypto_bench(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t kind = p[1].value.a;
	TEE_OperationHandle op = vt_op(p[0].value.a);
	bool has_out = TEE_PARAM_TYPE_GET(types, 3) != TEE_PARAM_TYPE_NONE;
	size_t cap = 0, len = 0, iv_len = 0;
	uint32_t nattrs = 0, i;
	TEE_Result res = TEE_SUCCESS;

	if (kind < BENCH_DIGEST || kind > BENCH_DERIVE ||
	    !bench_types(types, kind))
		return TEE_ERROR_BAD_PARAMETERS;
	if (kind == BENCH_DERIVE) {
		res = vt_decode_attrs(&p[2], &nattrs);
		if (res)
			return res;
	} else if (!vt_in_ok(&p[2])) {
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (has_out) {
		if (!vt_in_ok(&p[3]))
			return TEE_ERROR_BAD_PARAMETERS;
		cap = p[3].memref.size;
	}
	if (kind == BENCH_CIPHER) {
		TEE_OperationInfo info;

		TEE_GetOperationInfo(op, &info);
		iv_len = cipher_iv_len(info.algorithm);
	}
	len = cap;
	for (i = 0; i < p[0].value.b && res == TEE_SUCCESS; i++) {
		len = cap;
		res = bench_once(kind, op, iv_len, p, nattrs, &len);
	}
	if (has_out && kind != BENCH_VERIFY && kind != BENCH_DERIVE)
		p[3].memref.size = len;
	return res;
}
