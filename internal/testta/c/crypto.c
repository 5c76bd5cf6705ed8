// SPDX-License-Identifier: BSD-2-Clause
/*
 * Cryptographic commands 300..349 (internal/testta/proto_crypto.go, the
 * reference for the numbers and parameters below). Each command calls one
 * GP function of §5 (transient objects) or §6 (operations) and returns its
 * result, so a client steps through the API call by call; CmdCrypBench
 * repeats a whole operation inside the TA.
 *
 * Handles travel as values (0 = TEE_HANDLE_NULL). An output memref's size
 * is the GP out-length, so SHORT_BUFFER reaches the client with the size
 * needed. A NULL output memref of size n gets a scratch buffer of n bytes
 * for the call, as the Go test TA does, so that both TAs pass the GP
 * function the same length and answer alike (the client receives the size,
 * not the bytes); a NULL input memref must have size 0. A malformed
 * parameter is BAD_PARAMETERS; a misuse GP calls a panic panics the TA.
 */
#include <string.h>
#include <vt_test_ta.h>
#include "crypto.h"

#define T(a, b, c, d) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				      TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

TEE_Attribute vt_attrs[VT_MAX_ATTRS];

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

bool vt_in_ok(const TEE_Param *p)
{
	return p->memref.buffer || !p->memref.size;
}

/*
 * Scratch buffers standing in for the NULL output memrefs of one command,
 * at most a quarter of the heap each (the Go TA's bound is a quarter of
 * its heap too).
 */
#define MAX_SCRATCH (VT_TEST_TA_DATA_SIZE / 4)

static void *scratch[TEE_NUM_PARAMS];

static bool is_output(uint32_t type)
{
	return type == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       type == TEE_PARAM_TYPE_MEMREF_INOUT;
}

/* scratch_in gives each NULL output memref of size n a buffer of n bytes. */
static TEE_Result scratch_in(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	size_t i;

	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		if (!is_output(TEE_PARAM_TYPE_GET(types, i)) ||
		    p[i].memref.buffer || !p[i].memref.size)
			continue;
		if (p[i].memref.size > MAX_SCRATCH)
			return TEE_ERROR_BAD_PARAMETERS;
		scratch[i] = TEE_Malloc(p[i].memref.size, TEE_MALLOC_NO_FILL);
		if (!scratch[i])
			return TEE_ERROR_OUT_OF_MEMORY;
		p[i].memref.buffer = scratch[i];
	}
	return TEE_SUCCESS;
}

static bool is_scratch(const void *b)
{
	size_t i;

	for (i = 0; i < TEE_NUM_PARAMS; i++)
		if (scratch[i] && scratch[i] == b)
			return true;
	return false;
}

/* scratch_out frees the scratch buffers and makes their memrefs NULL again. */
static void scratch_out(TEE_Param p[TEE_NUM_PARAMS])
{
	size_t i;

	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		if (!scratch[i])
			continue;
		TEE_Free(scratch[i]);
		scratch[i] = NULL;
		p[i].memref.buffer = NULL;
	}
}

TEE_Result vt_decode_attrs(const TEE_Param *p, uint32_t *n)
{
	const uint8_t *b = p->memref.buffer;
	size_t len = p->memref.size;
	size_t off = 0;

	*n = 0;
	if (!vt_in_ok(p))
		return TEE_ERROR_BAD_PARAMETERS;
	while (off < len) {
		uint32_t id, x;

		if (*n == VT_MAX_ATTRS || len - off < 8)
			return TEE_ERROR_BAD_PARAMETERS;
		id = get32(b + off);
		x = get32(b + off + 4);
		if (id & TEE_ATTR_FLAG_VALUE) {
			if (len - off < 12)
				return TEE_ERROR_BAD_PARAMETERS;
			TEE_InitValueAttribute(&vt_attrs[*n], id, x,
					       get32(b + off + 8));
			off += 12;
		} else {
			/* 64 bits: a length near 2^32 must not wrap. */
			uint64_t padded = ((uint64_t)x + 3) & ~(uint64_t)3;

			if (padded > len - off - 8)
				return TEE_ERROR_BAD_PARAMETERS;
			TEE_InitRefAttribute(&vt_attrs[*n], id, b + off + 8, x);
			off += 8 + (size_t)padded;
		}
		(*n)++;
	}
	return TEE_SUCCESS;
}

/*
 * put_info copies a GP info structure (little-endian u32s on wasm32) into
 * an output memref; SHORT_BUFFER with the size needed when it is short or
 * NULL (no GP length is involved, so a scratch buffer stands for nothing).
 */
static TEE_Result put_info(TEE_Param *p, const void *info, size_t n)
{
	if (!p->memref.buffer || is_scratch(p->memref.buffer) ||
	    p->memref.size < n) {
		p->memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(p->memref.buffer, info, n);
	p->memref.size = n;
	return TEE_SUCCESS;
}

/* §6.2 Generic operation functions. */

static TEE_Result alloc_operation(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_Result res;

	res = TEE_AllocateOperation(&op, p[0].value.a, p[0].value.b,
				    p[1].value.a);
	p[2].value.a = (uint32_t)(uintptr_t)op;
	p[2].value.b = 0;
	return res;
}

static TEE_Result free_operation(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_FreeOperation(vt_op(p[0].value.a));
	return TEE_SUCCESS;
}

static TEE_Result get_operation_info(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_OperationInfo info;

	TEE_GetOperationInfo(vt_op(p[0].value.a), &info);
	return put_info(&p[1], &info, sizeof(info));
}

static TEE_Result get_operation_info_multiple(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_GetOperationInfoMultiple(vt_op(p[0].value.a),
					    p[1].memref.buffer,
					    &p[1].memref.size);
}

static TEE_Result reset_operation(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ResetOperation(vt_op(p[0].value.a));
	return TEE_SUCCESS;
}

static TEE_Result set_operation_key(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_SetOperationKey(vt_op(p[0].value.a), vt_obj(p[0].value.b));
}

static TEE_Result set_operation_key2(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_SetOperationKey2(vt_op(p[0].value.a), vt_obj(p[1].value.a),
				    vt_obj(p[1].value.b));
}

static TEE_Result copy_operation(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_CopyOperation(vt_op(p[0].value.a), vt_op(p[0].value.b));
	return TEE_SUCCESS;
}

static TEE_Result is_algorithm_supported(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_IsAlgorithmSupported(p[0].value.a, p[0].value.b);
}

/* §6.3 Digests, §6.4 ciphers, §6.5 MACs. */

static TEE_Result digest_update(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_DigestUpdate(vt_op(p[0].value.a), p[1].memref.buffer,
			 p[1].memref.size);
	return TEE_SUCCESS;
}

static TEE_Result digest_do_final(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_DigestDoFinal(vt_op(p[0].value.a), p[1].memref.buffer,
				 p[1].memref.size, p[2].memref.buffer,
				 &p[2].memref.size);
}

static TEE_Result digest_extract(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_DigestExtract(vt_op(p[0].value.a), p[2].memref.buffer,
				 &p[2].memref.size);
}

static TEE_Result cipher_init(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_CipherInit(vt_op(p[0].value.a), p[1].memref.buffer,
		       p[1].memref.size);
	return TEE_SUCCESS;
}

static TEE_Result cipher_update(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_CipherUpdate(vt_op(p[0].value.a), p[1].memref.buffer,
				p[1].memref.size, p[2].memref.buffer,
				&p[2].memref.size);
}

static TEE_Result cipher_do_final(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_CipherDoFinal(vt_op(p[0].value.a), p[1].memref.buffer,
				 p[1].memref.size, p[2].memref.buffer,
				 &p[2].memref.size);
}

static TEE_Result mac_init(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_MACInit(vt_op(p[0].value.a), p[1].memref.buffer,
		    p[1].memref.size);
	return TEE_SUCCESS;
}

static TEE_Result mac_update(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_MACUpdate(vt_op(p[0].value.a), p[1].memref.buffer,
		      p[1].memref.size);
	return TEE_SUCCESS;
}

static TEE_Result mac_compute_final(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_MACComputeFinal(vt_op(p[0].value.a), p[1].memref.buffer,
				   p[1].memref.size, p[2].memref.buffer,
				   &p[2].memref.size);
}

static TEE_Result mac_compare_final(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]) || !vt_in_ok(&p[2]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_MACCompareFinal(vt_op(p[0].value.a), p[1].memref.buffer,
				   p[1].memref.size, p[2].memref.buffer,
				   p[2].memref.size);
}

/* §6.6 Authenticated encryption. */

static TEE_Result ae_init(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_AEInit(vt_op(p[0].value.a), p[1].memref.buffer,
			  p[1].memref.size, p[0].value.b, p[2].value.a,
			  p[2].value.b);
}

static TEE_Result ae_update_aad(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_AEUpdateAAD(vt_op(p[0].value.a), p[1].memref.buffer,
			p[1].memref.size);
	return TEE_SUCCESS;
}

static TEE_Result ae_update(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_AEUpdate(vt_op(p[0].value.a), p[1].memref.buffer,
			    p[1].memref.size, p[2].memref.buffer,
			    &p[2].memref.size);
}

static TEE_Result ae_encrypt_final(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_AEEncryptFinal(vt_op(p[0].value.a), p[1].memref.buffer,
				  p[1].memref.size, p[2].memref.buffer,
				  &p[2].memref.size, p[3].memref.buffer,
				  &p[3].memref.size);
}

static TEE_Result ae_decrypt_final(TEE_Param p[TEE_NUM_PARAMS])
{
	if (!vt_in_ok(&p[1]) || !vt_in_ok(&p[3]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_AEDecryptFinal(vt_op(p[0].value.a), p[1].memref.buffer,
				  p[1].memref.size, p[2].memref.buffer,
				  &p[2].memref.size, p[3].memref.buffer,
				  p[3].memref.size);
}

/* §6.7 Asymmetric operations, §6.8 key derivation. */

/*
 * asymmetric runs the encrypt, decrypt or sign function fn on
 * [in] memref[1]: attrs, [in] memref[2]: src, [out] memref[3]: dst.
 */
static TEE_Result asymmetric(TEE_Result (*fn)(TEE_OperationHandle,
					      const TEE_Attribute *, uint32_t,
					      const void *, size_t, void *,
					      size_t *),
			     TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t n;
	TEE_Result res = vt_decode_attrs(&p[1], &n);

	if (res)
		return res;
	if (!vt_in_ok(&p[2]))
		return TEE_ERROR_BAD_PARAMETERS;
	return fn(vt_op(p[0].value.a), vt_attrs, n, p[2].memref.buffer,
		  p[2].memref.size, p[3].memref.buffer, &p[3].memref.size);
}

static TEE_Result asymmetric_encrypt(TEE_Param p[TEE_NUM_PARAMS])
{
	return asymmetric(TEE_AsymmetricEncrypt, p);
}

static TEE_Result asymmetric_decrypt(TEE_Param p[TEE_NUM_PARAMS])
{
	return asymmetric(TEE_AsymmetricDecrypt, p);
}

static TEE_Result asymmetric_sign_digest(TEE_Param p[TEE_NUM_PARAMS])
{
	return asymmetric(TEE_AsymmetricSignDigest, p);
}

static TEE_Result asymmetric_verify_digest(TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t n;
	TEE_Result res = vt_decode_attrs(&p[1], &n);

	if (res)
		return res;
	if (!vt_in_ok(&p[2]) || !vt_in_ok(&p[3]))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_AsymmetricVerifyDigest(vt_op(p[0].value.a), vt_attrs, n,
					  p[2].memref.buffer, p[2].memref.size,
					  p[3].memref.buffer, p[3].memref.size);
}

static TEE_Result derive_key(TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t n;
	TEE_Result res = vt_decode_attrs(&p[1], &n);

	if (res)
		return res;
	TEE_DeriveKey(vt_op(p[0].value.a), vt_attrs, n, vt_obj(p[0].value.b));
	return TEE_SUCCESS;
}

/* §5.5 Generic object functions, §5.6 transient objects. */

static TEE_Result alloc_transient_object(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ObjectHandle obj = TEE_HANDLE_NULL;
	TEE_Result res;

	res = TEE_AllocateTransientObject(p[0].value.a, p[0].value.b, &obj);
	p[1].value.a = (uint32_t)(uintptr_t)obj;
	p[1].value.b = 0;
	return res;
}

static TEE_Result free_transient_object(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_FreeTransientObject(vt_obj(p[0].value.a));
	return TEE_SUCCESS;
}

static TEE_Result reset_transient_object(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ResetTransientObject(vt_obj(p[0].value.a));
	return TEE_SUCCESS;
}

static TEE_Result populate_transient_object(TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t n;
	TEE_Result res = vt_decode_attrs(&p[1], &n);

	if (res)
		return res;
	return TEE_PopulateTransientObject(vt_obj(p[0].value.a), vt_attrs, n);
}

static TEE_Result copy_object_attributes(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_CopyObjectAttributes1(vt_obj(p[0].value.a),
					 vt_obj(p[0].value.b));
}

static TEE_Result generate_key(TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t n;
	TEE_Result res = vt_decode_attrs(&p[1], &n);

	if (res)
		return res;
	return TEE_GenerateKey(vt_obj(p[0].value.a), p[0].value.b, vt_attrs, n);
}

static TEE_Result get_object_info(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ObjectInfo info;
	TEE_Result res = TEE_GetObjectInfo1(vt_obj(p[0].value.a), &info);

	if (res)
		return res;
	return put_info(&p[1], &info, sizeof(info));
}

static TEE_Result restrict_object_usage(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_RestrictObjectUsage1(vt_obj(p[0].value.a), p[0].value.b);
}

static TEE_Result get_object_buffer_attribute(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_GetObjectBufferAttribute(vt_obj(p[0].value.a),
					    p[0].value.b, p[1].memref.buffer,
					    &p[1].memref.size);
}

static TEE_Result get_object_value_attribute(TEE_Param p[TEE_NUM_PARAMS])
{
	p[1].value.a = 0;
	p[1].value.b = 0;
	return TEE_GetObjectValueAttribute(vt_obj(p[0].value.a), p[0].value.b,
					   &p[1].value.a, &p[1].value.b);
}

static TEE_Result close_object(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_CloseObject(vt_obj(p[0].value.a));
	return TEE_SUCCESS;
}

/* The commands, their parameter types and handlers. */
static const struct {
	uint32_t cmd;
	uint32_t types;
	TEE_Result (*fn)(TEE_Param p[TEE_NUM_PARAMS]);
} cmds[] = {
	{ 300, T(VALUE_INPUT, VALUE_INPUT, VALUE_OUTPUT, NONE), alloc_operation },
	{ 301, T(VALUE_INPUT, NONE, NONE, NONE), free_operation },
	{ 302, T(VALUE_INPUT, MEMREF_OUTPUT, NONE, NONE), get_operation_info },
	{ 303, T(VALUE_INPUT, MEMREF_OUTPUT, NONE, NONE), get_operation_info_multiple },
	{ 304, T(VALUE_INPUT, NONE, NONE, NONE), reset_operation },
	{ 305, T(VALUE_INPUT, NONE, NONE, NONE), set_operation_key },
	{ 306, T(VALUE_INPUT, VALUE_INPUT, NONE, NONE), set_operation_key2 },
	{ 307, T(VALUE_INPUT, NONE, NONE, NONE), copy_operation },
	{ 308, T(VALUE_INPUT, NONE, NONE, NONE), is_algorithm_supported },
	{ 310, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), digest_update },
	{ 311, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, NONE), digest_do_final },
	{ 312, T(VALUE_INPUT, NONE, MEMREF_OUTPUT, NONE), digest_extract },
	{ 313, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), cipher_init },
	{ 314, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, NONE), cipher_update },
	{ 315, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, NONE), cipher_do_final },
	{ 316, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), mac_init },
	{ 317, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), mac_update },
	{ 318, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, NONE), mac_compute_final },
	{ 319, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_INPUT, NONE), mac_compare_final },
	{ 320, T(VALUE_INPUT, MEMREF_INPUT, VALUE_INPUT, NONE), ae_init },
	{ 321, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), ae_update_aad },
	{ 322, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, NONE), ae_update },
	{ 323, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, MEMREF_OUTPUT), ae_encrypt_final },
	{ 324, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, MEMREF_INPUT), ae_decrypt_final },
	{ 325, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_INPUT, MEMREF_OUTPUT), asymmetric_encrypt },
	{ 326, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_INPUT, MEMREF_OUTPUT), asymmetric_decrypt },
	{ 327, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_INPUT, MEMREF_OUTPUT), asymmetric_sign_digest },
	{ 328, T(VALUE_INPUT, MEMREF_INPUT, MEMREF_INPUT, MEMREF_INPUT), asymmetric_verify_digest },
	{ 329, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), derive_key },
	{ 330, T(VALUE_INPUT, VALUE_OUTPUT, NONE, NONE), alloc_transient_object },
	{ 331, T(VALUE_INPUT, NONE, NONE, NONE), free_transient_object },
	{ 332, T(VALUE_INPUT, NONE, NONE, NONE), reset_transient_object },
	{ 333, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), populate_transient_object },
	{ 334, T(VALUE_INPUT, NONE, NONE, NONE), copy_object_attributes },
	{ 335, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), generate_key },
	{ 336, T(VALUE_INPUT, MEMREF_OUTPUT, NONE, NONE), get_object_info },
	{ 337, T(VALUE_INPUT, NONE, NONE, NONE), restrict_object_usage },
	{ 338, T(VALUE_INPUT, MEMREF_OUTPUT, NONE, NONE), get_object_buffer_attribute },
	{ 339, T(VALUE_INPUT, VALUE_OUTPUT, NONE, NONE), get_object_value_attribute },
	{ 340, T(VALUE_INPUT, NONE, NONE, NONE), close_object },
};

#define CMD_CRYP_BENCH 349

TEE_Result vt_crypto_cmd(uint32_t cmd, uint32_t types,
			 TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Result res;
	size_t i;

	if (cmd == CMD_CRYP_BENCH) {
		res = scratch_in(types, p);
		if (res == TEE_SUCCESS)
			res = vt_crypto_bench(types, p);
		scratch_out(p);
		return res;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (cmds[i].cmd != cmd)
			continue;
		if (types != cmds[i].types)
			return TEE_ERROR_BAD_PARAMETERS;
		res = scratch_in(types, p);
		if (res == TEE_SUCCESS)
			res = cmds[i].fn(p);
		scratch_out(p);
		return res;
	}
	return TEE_ERROR_NOT_SUPPORTED;
}
