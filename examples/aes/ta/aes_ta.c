// SPDX-License-Identifier: BSD-2-Clause
/*
 * aes: AES in ECB, CBC or CTR mode with a key and IV the client gives, one
 * cipher per session, driven step by step as GP's cipher API is: allocate
 * the operation, set its key, initialise it with the IV, update.
 */
#include <tee_internal_api.h>

#include <aes_ta.h>

/* struct cipher is a session's state. */
struct cipher {
	TEE_OperationHandle op;	/* TEE_HANDLE_NULL until PREPARE */
	TEE_ObjectHandle key;	/* the key object the operation uses */
	size_t key_size;	/* in bytes */
	uint32_t alg;		/* TEE_ALG_AES_* */
	bool has_key;		/* SET_KEY done since PREPARE */
	bool started;		/* SET_IV done since SET_KEY */
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
	struct cipher *c;

	(void)param_types;
	(void)params;
	c = TEE_Malloc(sizeof(*c), TEE_MALLOC_FILL_ZERO);
	if (!c)
		return TEE_ERROR_OUT_OF_MEMORY;
	c->op = TEE_HANDLE_NULL;
	c->key = TEE_HANDLE_NULL;
	*sess_ctx = c;
	return TEE_SUCCESS;
}

/* drop frees the operation and key of c. */
static void drop(struct cipher *c)
{
	TEE_FreeOperation(c->op);
	TEE_FreeTransientObject(c->key);
	c->op = TEE_HANDLE_NULL;
	c->key = TEE_HANDLE_NULL;
	c->has_key = false;
	c->started = false;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	drop(sess_ctx);
	TEE_Free(sess_ctx);
}

static TEE_Result prepare(struct cipher *c, uint32_t param_types,
			  TEE_Param params[TEE_NUM_PARAMS])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
					      TEE_PARAM_TYPE_VALUE_INPUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);
	static const uint32_t algs[] = {
		[TA_AES_ALG_ECB] = TEE_ALG_AES_ECB_NOPAD,
		[TA_AES_ALG_CBC] = TEE_ALG_AES_CBC_NOPAD,
		[TA_AES_ALG_CTR] = TEE_ALG_AES_CTR,
	};
	uint32_t alg = params[0].value.a, mode = params[0].value.b;
	size_t key_size = params[1].value.a;
	TEE_Result res;

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	if (alg >= sizeof(algs) / sizeof(algs[0]) ||
	    (mode != TA_AES_MODE_ENCRYPT && mode != TA_AES_MODE_DECRYPT) ||
	    (key_size != 16 && key_size != 24 && key_size != 32))
		return TEE_ERROR_BAD_PARAMETERS;

	drop(c);
	res = TEE_AllocateOperation(&c->op, algs[alg],
				    mode == TA_AES_MODE_ENCRYPT ?
				    TEE_MODE_ENCRYPT : TEE_MODE_DECRYPT,
				    key_size * 8);
	if (res != TEE_SUCCESS) {
		c->op = TEE_HANDLE_NULL;
		return res;
	}
	res = TEE_AllocateTransientObject(TEE_TYPE_AES, key_size * 8, &c->key);
	if (res != TEE_SUCCESS) {
		c->key = TEE_HANDLE_NULL;
		drop(c);
		return res;
	}
	c->alg = algs[alg];
	c->key_size = key_size;
	return TEE_SUCCESS;
}

static TEE_Result set_key(struct cipher *c, uint32_t param_types,
			  TEE_Param params[TEE_NUM_PARAMS])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);
	TEE_Attribute attr;
	TEE_Result res;

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	if (c->op == TEE_HANDLE_NULL)
		return TEE_ERROR_BAD_STATE;
	if (params[0].memref.size != c->key_size)
		return TEE_ERROR_BAD_PARAMETERS;
	/* GP panics on a new key for an active operation: stop it first. */
	if (c->started)
		TEE_ResetOperation(c->op);
	c->started = false;
	TEE_ResetTransientObject(c->key);
	TEE_InitRefAttribute(&attr, TEE_ATTR_SECRET_VALUE,
			     params[0].memref.buffer, params[0].memref.size);
	res = TEE_PopulateTransientObject(c->key, &attr, 1);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_SetOperationKey(c->op, c->key);
	if (res != TEE_SUCCESS)
		return res;
	c->has_key = true;
	return TEE_SUCCESS;
}

static TEE_Result set_iv(struct cipher *c, uint32_t param_types,
			 TEE_Param params[TEE_NUM_PARAMS])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);
	size_t iv_size = params[0].memref.size;

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!c->has_key)
		return TEE_ERROR_BAD_STATE;
	/* GP panics on a wrong IV size: refuse it here instead. */
	if (iv_size != (c->alg == TEE_ALG_AES_ECB_NOPAD ? 0 : TA_AES_BLOCK_SIZE))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_CipherInit(c->op, iv_size ? params[0].memref.buffer : NULL, iv_size);
	c->started = true;
	return TEE_SUCCESS;
}

static TEE_Result cipher(struct cipher *c, uint32_t param_types,
			 TEE_Param params[TEE_NUM_PARAMS])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
					      TEE_PARAM_TYPE_MEMREF_OUTPUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);
	size_t out_size;
	TEE_Result res;

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!c->started)
		return TEE_ERROR_BAD_STATE;
	out_size = params[1].memref.size;
	res = TEE_CipherUpdate(c->op, params[0].memref.buffer,
			       params[0].memref.size,
			       params[1].memref.buffer, &out_size);
	params[1].memref.size = out_size;
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	switch (cmd_id) {
	case TA_AES_CMD_PREPARE:
		return prepare(sess_ctx, param_types, params);
	case TA_AES_CMD_SET_KEY:
		return set_key(sess_ctx, param_types, params);
	case TA_AES_CMD_SET_IV:
		return set_iv(sess_ctx, param_types, params);
	case TA_AES_CMD_CIPHER:
		return cipher(sess_ctx, param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
