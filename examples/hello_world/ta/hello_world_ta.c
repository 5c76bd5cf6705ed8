// SPDX-License-Identifier: BSD-2-Clause
/*
 * hello_world: the first TA one writes. A client opens a session and asks
 * it to increment or decrement a number; every entry point says hello in
 * the TA log.
 */
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <hello_world_ta.h>

TEE_Result TA_CreateEntryPoint(void)
{
	DMSG("instance created");
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	DMSG("instance destroyed");
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sess_ctx)
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);

	(void)params;
	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	*sess_ctx = NULL;
	IMSG("Hello World!");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
	IMSG("Goodbye!");
}

/* step adds delta to params[0].value.a. */
static TEE_Result step(uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS],
		       int delta)
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	IMSG("Got value: %u from NW", params[0].value.a);
	params[0].value.a += (uint32_t)delta;
	IMSG("%s value to: %u", delta > 0 ? "Increase" : "Decrease",
	     params[0].value.a);
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)sess_ctx;
	switch (cmd_id) {
	case TA_HELLO_WORLD_CMD_INC_VALUE:
		return step(param_types, params, 1);
	case TA_HELLO_WORLD_CMD_DEC_VALUE:
		return step(param_types, params, -1);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}
