// SPDX-License-Identifier: BSD-2-Clause
/*
 * ecdsa: signatures with a P-256 key pair that lives in the TA. A session
 * generates its key pair, hands out the public point, and signs and
 * verifies messages: the TA hashes each message with SHA-256 and signs or
 * verifies the digest, as GP's asymmetric functions take digests.
 */
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <ecdsa_ta.h>

#define T(a, b) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE)

#define KEY_BITS 256
#define DIGEST_SIZE 32

/* session is a session's context: its key pair, or none yet. */
struct session {
	TEE_ObjectHandle key;
};

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sess_ctx)
{
	struct session *s;

	(void)params;
	if (param_types != T(NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	s = TEE_Malloc(sizeof(*s), TEE_MALLOC_FILL_ZERO);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	s->key = TEE_HANDLE_NULL;
	*sess_ctx = s;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	struct session *s = sess_ctx;

	TEE_FreeTransientObject(s->key);
	TEE_Free(s);
}

/*
 * null_out makes a NULL output memref a size query. A client may send one
 * to learn the size it needs, but GP's functions panic on a NULL buffer
 * with a capacity; with capacity 0 they answer SHORT_BUFFER and the size.
 */
static void null_out(TEE_Param *p)
{
	if (!p->memref.buffer)
		p->memref.size = 0;
}

/* in_ok refuses a NULL input memref that claims a size. */
static bool in_ok(const TEE_Param *p)
{
	return p->memref.buffer || !p->memref.size;
}

static TEE_Result gen_key(struct session *s, uint32_t param_types)
{
	TEE_ObjectHandle key = TEE_HANDLE_NULL;
	TEE_Attribute curve;
	TEE_Result res;

	if (param_types != T(NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_AllocateTransientObject(TEE_TYPE_ECDSA_KEYPAIR, KEY_BITS, &key);
	if (res != TEE_SUCCESS)
		return res;
	TEE_InitValueAttribute(&curve, TEE_ATTR_ECC_CURVE,
			       TEE_ECC_CURVE_NIST_P256, 0);
	res = TEE_GenerateKey(key, KEY_BITS, &curve, 1);
	if (res != TEE_SUCCESS) {
		TEE_FreeTransientObject(key);
		return res;
	}
	TEE_FreeTransientObject(s->key);
	s->key = key;
	return TEE_SUCCESS;
}

static TEE_Result get_pubkey(struct session *s, uint32_t param_types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_Result res;

	if (param_types != T(MEMREF_OUTPUT, MEMREF_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	if (s->key == TEE_HANDLE_NULL)
		return TEE_ERROR_BAD_STATE;
	null_out(&params[0]);
	null_out(&params[1]);
	res = TEE_GetObjectBufferAttribute(s->key, TEE_ATTR_ECC_PUBLIC_VALUE_X,
					   params[0].memref.buffer,
					   &params[0].memref.size);
	if (res != TEE_SUCCESS)
		return res;
	return TEE_GetObjectBufferAttribute(s->key, TEE_ATTR_ECC_PUBLIC_VALUE_Y,
					    params[1].memref.buffer,
					    &params[1].memref.size);
}

/* sha256 hashes a message into digest. */
static TEE_Result sha256(const TEE_Param *msg, uint8_t digest[DIGEST_SIZE])
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	size_t n = DIGEST_SIZE;
	TEE_Result res;

	res = TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_DigestDoFinal(op, msg->memref.buffer, msg->memref.size,
				digest, &n);
	TEE_FreeOperation(op);
	return res;
}

/*
 * sign_verify signs the message of memref[0] into memref[1], or verifies
 * memref[1] as its signature.
 */
static TEE_Result sign_verify(struct session *s, TEE_OperationMode mode,
			      uint32_t param_types,
			      TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t sig_type = mode == TEE_MODE_SIGN ? TEE_PARAM_TYPE_MEMREF_OUTPUT :
						     TEE_PARAM_TYPE_MEMREF_INPUT;
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	uint8_t digest[DIGEST_SIZE];
	TEE_Result res;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, sig_type,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE) ||
	    !in_ok(&params[0]))
		return TEE_ERROR_BAD_PARAMETERS;
	if (mode == TEE_MODE_SIGN)
		null_out(&params[1]);
	else if (!in_ok(&params[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	if (s->key == TEE_HANDLE_NULL)
		return TEE_ERROR_BAD_STATE;
	res = sha256(&params[0], digest);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_AllocateOperation(&op, TEE_ALG_ECDSA_SHA256, mode, KEY_BITS);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_SetOperationKey(op, s->key);
	if (res != TEE_SUCCESS)
		goto out;
	if (mode == TEE_MODE_SIGN)
		res = TEE_AsymmetricSignDigest(op, NULL, 0, digest, sizeof(digest),
					       params[1].memref.buffer,
					       &params[1].memref.size);
	else
		res = TEE_AsymmetricVerifyDigest(op, NULL, 0, digest,
						 sizeof(digest),
						 params[1].memref.buffer,
						 params[1].memref.size);
out:
	TEE_FreeOperation(op);
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	struct session *s = sess_ctx;

	switch (cmd_id) {
	case TA_ECDSA_CMD_GEN_KEY:
		return gen_key(s, param_types);
	case TA_ECDSA_CMD_GET_PUBKEY:
		return get_pubkey(s, param_types, params);
	case TA_ECDSA_CMD_SIGN:
		return sign_verify(s, TEE_MODE_SIGN, param_types, params);
	case TA_ECDSA_CMD_VERIFY:
		return sign_verify(s, TEE_MODE_VERIFY, param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
