// SPDX-License-Identifier: BSD-2-Clause
/*
 * acipher: RSA encryption with a key pair that lives in the TA. A session
 * generates its key pair, hands out the public half, and encrypts and
 * decrypts with it (RSAES-PKCS1-OAEP with SHA-256, or RSAES-PKCS1-v1_5).
 * Anyone holding the public key can encrypt for the TA; only the TA can
 * decrypt.
 */
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <acipher_ta.h>

#define T(a, b, c) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				   TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_NONE)

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
	if (param_types != T(NONE, NONE, NONE))
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

static TEE_Result gen_key(struct session *s, uint32_t param_types,
			  TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t bits = params[0].value.a;
	TEE_ObjectHandle key = TEE_HANDLE_NULL;
	TEE_Result res;

	if (param_types != T(VALUE_INPUT, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	/* GP panics on a size the type does not take: refuse it first. */
	if (bits < 1024 || bits > 4096)
		return TEE_ERROR_NOT_SUPPORTED;
	res = TEE_AllocateTransientObject(TEE_TYPE_RSA_KEYPAIR, bits, &key);
	if (res != TEE_SUCCESS)
		return res;
	/* No parameters: the public exponent is the usual 65537. */
	res = TEE_GenerateKey(key, bits, NULL, 0);
	if (res != TEE_SUCCESS) {
		EMSG("TEE_GenerateKey(%u bits): 0x%08x", bits, res);
		TEE_FreeTransientObject(key);
		return res;
	}
	TEE_FreeTransientObject(s->key);
	s->key = key;
	DMSG("generated a %u-bit RSA key pair", bits);
	return TEE_SUCCESS;
}

static TEE_Result get_pubkey(struct session *s, uint32_t param_types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_Result res, res2;

	if (param_types != T(MEMREF_OUTPUT, MEMREF_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (s->key == TEE_HANDLE_NULL)
		return TEE_ERROR_BAD_STATE;
	null_out(&params[0]);
	null_out(&params[1]);
	/* Both, so that one short buffer still reports both sizes. */
	res = TEE_GetObjectBufferAttribute(s->key, TEE_ATTR_RSA_MODULUS,
					   params[0].memref.buffer,
					   &params[0].memref.size);
	res2 = TEE_GetObjectBufferAttribute(s->key, TEE_ATTR_RSA_PUBLIC_EXPONENT,
					    params[1].memref.buffer,
					    &params[1].memref.size);
	return res != TEE_SUCCESS ? res : res2;
}

/*
 * rsa_crypt runs one RSA encryption or decryption with the session's key,
 * from memref[1] into memref[2].
 */
static TEE_Result rsa_crypt(struct session *s, TEE_OperationMode mode,
			uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectInfo info;
	uint32_t alg;
	TEE_Result res;

	if (param_types != T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT) ||
	    !in_ok(&params[1]))
		return TEE_ERROR_BAD_PARAMETERS;
	null_out(&params[2]);
	switch (params[0].value.a) {
	case TA_ACIPHER_OAEP_SHA256:
		alg = TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA256;
		break;
	case TA_ACIPHER_PKCS1_V1_5:
		alg = TEE_ALG_RSAES_PKCS1_V1_5;
		break;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
	if (s->key == TEE_HANDLE_NULL)
		return TEE_ERROR_BAD_STATE;
	res = TEE_GetObjectInfo1(s->key, &info);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_AllocateOperation(&op, alg, mode, info.objectSize);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_SetOperationKey(op, s->key);
	if (res != TEE_SUCCESS)
		goto out;
	/*
	 * The output memref's size is the GP out-length: on SHORT_BUFFER the
	 * client learns the size it needs.
	 */
	if (mode == TEE_MODE_ENCRYPT)
		res = TEE_AsymmetricEncrypt(op, NULL, 0, params[1].memref.buffer,
					    params[1].memref.size,
					    params[2].memref.buffer,
					    &params[2].memref.size);
	else
		res = TEE_AsymmetricDecrypt(op, NULL, 0, params[1].memref.buffer,
					    params[1].memref.size,
					    params[2].memref.buffer,
					    &params[2].memref.size);
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
	case TA_ACIPHER_CMD_GEN_KEY:
		return gen_key(s, param_types, params);
	case TA_ACIPHER_CMD_GET_PUBKEY:
		return get_pubkey(s, param_types, params);
	case TA_ACIPHER_CMD_ENCRYPT:
		return rsa_crypt(s, TEE_MODE_ENCRYPT, param_types, params);
	case TA_ACIPHER_CMD_DECRYPT:
		return rsa_crypt(s, TEE_MODE_DECRYPT, param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
