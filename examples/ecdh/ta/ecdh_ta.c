// SPDX-License-Identifier: BSD-2-Clause
/*
 * ecdh: key agreement with a key pair that lives in the TA, on P-256 or
 * X25519. A client has the TA generate a key pair, takes its public key,
 * and sends its own public key back; both sides then hold the same secret.
 * Every session has an instance of its own (TA_FLAGS 0), so the key pair
 * is simply the instance's.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <ecdh_ta.h>

#define T(a, b) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE)

#define KEY_BITS 256
#define COORD_SIZE 32

static TEE_ObjectHandle key = TEE_HANDLE_NULL;
static uint32_t curve;

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	TEE_FreeTransientObject(key);
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sess_ctx)
{
	(void)params;
	(void)sess_ctx;
	if (param_types != T(NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
}

static TEE_Result gen_key(uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_ObjectHandle k = TEE_HANDLE_NULL;
	TEE_Attribute attr;
	uint32_t type, nattrs = 0;
	TEE_Result res;

	if (param_types != T(VALUE_INPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (params[0].value.a) {
	case TA_ECDH_P256:
		type = TEE_TYPE_ECDH_KEYPAIR;
		TEE_InitValueAttribute(&attr, TEE_ATTR_ECC_CURVE,
				       TEE_ECC_CURVE_NIST_P256, 0);
		nattrs = 1;
		break;
	case TA_ECDH_X25519:
		type = TEE_TYPE_X25519_KEYPAIR; /* one curve: no parameter */
		break;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
	res = TEE_AllocateTransientObject(type, KEY_BITS, &k);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_GenerateKey(k, KEY_BITS, nattrs ? &attr : NULL, nattrs);
	if (res != TEE_SUCCESS) {
		TEE_FreeTransientObject(k);
		return res;
	}
	TEE_FreeTransientObject(key);
	key = k;
	curve = params[0].value.a;
	return TEE_SUCCESS;
}

/*
 * get_coord copies a big-endian coordinate into out, right-aligned in
 * COORD_SIZE bytes, whatever length the attribute has.
 */
static TEE_Result get_coord(uint32_t id, uint8_t out[COORD_SIZE])
{
	uint8_t buf[COORD_SIZE];
	size_t n = sizeof(buf);
	TEE_Result res;

	res = TEE_GetObjectBufferAttribute(key, id, buf, &n);
	if (res != TEE_SUCCESS)
		return res;
	memset(out, 0, COORD_SIZE - n);
	memcpy(out + COORD_SIZE - n, buf, n);
	return TEE_SUCCESS;
}

static TEE_Result get_pubkey(uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS])
{
	size_t need = curve == TA_ECDH_P256 ? TA_ECDH_P256_PUBKEY_SIZE :
					      TA_ECDH_X25519_PUBKEY_SIZE;
	uint8_t *out = params[0].memref.buffer;
	TEE_Result res;

	if (param_types != T(MEMREF_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (key == TEE_HANDLE_NULL)
		return TEE_ERROR_BAD_STATE;
	if (!out || params[0].memref.size < need) {
		params[0].memref.size = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	params[0].memref.size = need;
	if (curve == TA_ECDH_X25519)
		return TEE_GetObjectBufferAttribute(key,
						    TEE_ATTR_X25519_PUBLIC_VALUE,
						    out, &params[0].memref.size);
	out[0] = 0x04; /* uncompressed */
	res = get_coord(TEE_ATTR_ECC_PUBLIC_VALUE_X, out + 1);
	if (res != TEE_SUCCESS)
		return res;
	return get_coord(TEE_ATTR_ECC_PUBLIC_VALUE_Y, out + 1 + COORD_SIZE);
}

/*
 * peer_attrs turns the peer's public key into TEE_DeriveKey's parameters,
 * pointing into the key; it returns how many, or 0 for a key of the wrong
 * size or form.
 */
static uint32_t peer_attrs(const uint8_t *pub, size_t n, TEE_Attribute attrs[2])
{
	if (curve == TA_ECDH_X25519) {
		if (n != TA_ECDH_X25519_PUBKEY_SIZE)
			return 0;
		TEE_InitRefAttribute(&attrs[0], TEE_ATTR_X25519_PUBLIC_VALUE,
				     pub, n);
		return 1;
	}
	if (n != TA_ECDH_P256_PUBKEY_SIZE || pub[0] != 0x04)
		return 0;
	TEE_InitRefAttribute(&attrs[0], TEE_ATTR_ECC_PUBLIC_VALUE_X, pub + 1,
			     COORD_SIZE);
	TEE_InitRefAttribute(&attrs[1], TEE_ATTR_ECC_PUBLIC_VALUE_Y,
			     pub + 1 + COORD_SIZE, COORD_SIZE);
	return 2;
}

static TEE_Result derive(uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle secret = TEE_HANDLE_NULL;
	TEE_Attribute attrs[2];
	uint32_t alg, nattrs;
	TEE_Result res;

	if (param_types != T(MEMREF_INPUT, MEMREF_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	if (key == TEE_HANDLE_NULL)
		return TEE_ERROR_BAD_STATE;
	if (!params[0].memref.buffer)
		return TEE_ERROR_BAD_PARAMETERS;
	nattrs = peer_attrs(params[0].memref.buffer, params[0].memref.size, attrs);
	if (!nattrs)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!params[1].memref.buffer || params[1].memref.size < TA_ECDH_SECRET_SIZE) {
		params[1].memref.size = TA_ECDH_SECRET_SIZE;
		return TEE_ERROR_SHORT_BUFFER;
	}

	alg = curve == TA_ECDH_P256 ? TEE_ALG_ECDH_DERIVE_SHARED_SECRET :
				      TEE_ALG_X25519;
	res = TEE_AllocateOperation(&op, alg, TEE_MODE_DERIVE, KEY_BITS);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_SetOperationKey(op, key);
	if (res != TEE_SUCCESS)
		goto out;
	/* The secret lands in a generic secret object, as GP derives keys. */
	res = TEE_AllocateTransientObject(TEE_TYPE_GENERIC_SECRET,
					  TA_ECDH_SECRET_SIZE * 8, &secret);
	if (res != TEE_SUCCESS)
		goto out;
	TEE_DeriveKey(op, attrs, nattrs, secret);
	res = TEE_GetObjectBufferAttribute(secret, TEE_ATTR_SECRET_VALUE,
					   params[1].memref.buffer,
					   &params[1].memref.size);
out:
	TEE_FreeTransientObject(secret);
	TEE_FreeOperation(op);
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)sess_ctx;
	switch (cmd_id) {
	case TA_ECDH_CMD_GEN_KEY:
		return gen_key(param_types, params);
	case TA_ECDH_CMD_GET_PUBKEY:
		return get_pubkey(param_types, params);
	case TA_ECDH_CMD_DERIVE:
		return derive(param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
