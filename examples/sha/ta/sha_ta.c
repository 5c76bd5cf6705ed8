// SPDX-License-Identifier: BSD-2-Clause
/* sha: digests a client's message with the SHA algorithm it chooses. */
#include <tee_internal_api.h>

#include <sha_ta.h>

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
	(void)param_types;
	(void)params;
	*sess_ctx = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
}

/* tee_alg maps a TA_SHA_ALG_* to its TEE_ALG_*, or 0 for none. */
static uint32_t tee_alg(uint32_t alg)
{
	static const uint32_t algs[] = {
		[TA_SHA_ALG_SHA1] = TEE_ALG_SHA1,
		[TA_SHA_ALG_SHA224] = TEE_ALG_SHA224,
		[TA_SHA_ALG_SHA256] = TEE_ALG_SHA256,
		[TA_SHA_ALG_SHA384] = TEE_ALG_SHA384,
		[TA_SHA_ALG_SHA512] = TEE_ALG_SHA512,
	};

	if (alg >= sizeof(algs) / sizeof(algs[0]))
		return 0;
	return algs[alg];
}

static TEE_Result digest(uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
					      TEE_PARAM_TYPE_MEMREF_INPUT,
					      TEE_PARAM_TYPE_MEMREF_OUTPUT,
					      TEE_PARAM_TYPE_NONE);
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	uint32_t alg;
	size_t size;
	TEE_Result res;

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	alg = tee_alg(params[0].value.a);
	if (!alg)
		return TEE_ERROR_NOT_SUPPORTED;
	res = TEE_AllocateOperation(&op, alg, TEE_MODE_DIGEST, 0);
	if (res != TEE_SUCCESS)
		return res;
	size = params[2].memref.size;
	res = TEE_DigestDoFinal(op, params[1].memref.buffer,
				params[1].memref.size,
				params[2].memref.buffer, &size);
	/* On success the digest's size, on SHORT_BUFFER the size needed. */
	params[2].memref.size = size;
	TEE_FreeOperation(op);
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)sess_ctx;
	switch (cmd_id) {
	case TA_SHA_CMD_DIGEST:
		return digest(param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
