// SPDX-License-Identifier: BSD-2-Clause
/*
 * Internal Client API: TA-to-TA calls, GPD_SPE_010 §4.9.
 *
 * The core reads the caller's TEE_Param[4] in place (same layout on both
 * sides, docs/ta-abi.md) and, on return, writes the values of VALUE_OUTPUT
 * and VALUE_INOUT parameters and the size of every output memory reference
 * back into it; the callee's output bytes go straight into the buffers the
 * memory references point to. A TEE_TASessionHandle is the core's u32
 * session handle, cast; the core never hands out 0 (TEE_HANDLE_NULL).
 *
 * Panics (GP "Panic Reasons"): an error the core reports rather than the
 * callee (origin other than TEE_ORIGIN_TRUSTED_APP) that is not one of the
 * function's defined return codes is a misuse by the calling TA — a handle
 * that is not an open session of this TA, a pointer outside its memory,
 * undefined parameter types — and panics the caller with that code.
 * Besides GP's codes, TEE_ERROR_CANCEL (cancelled before the callee ran) and,
 * for TEE_InvokeTACommand, TEE_ERROR_BUSY (the callee is on the call chain)
 * are returned, as they are outcomes, not misuse.
 */
#include "utee_private.h"

/* open_result_ok: a core-originated result TEE_OpenTASession returns. */
static bool open_result_ok(TEE_Result res)
{
	switch (res) {
	case TEE_SUCCESS:
	case TEE_ERROR_OUT_OF_MEMORY:
	case TEE_ERROR_ITEM_NOT_FOUND:
	case TEE_ERROR_ACCESS_DENIED:
	case TEE_ERROR_BUSY:
	case TEE_ERROR_TARGET_DEAD:
	case TEE_ERROR_CANCEL:
		return true;
	default:
		return false;
	}
}

/* invoke_result_ok: a core-originated result TEE_InvokeTACommand returns. */
static bool invoke_result_ok(TEE_Result res)
{
	switch (res) {
	case TEE_SUCCESS:
	case TEE_ERROR_OUT_OF_MEMORY:
	case TEE_ERROR_TARGET_DEAD:
	case TEE_ERROR_BUSY:
	case TEE_ERROR_CANCEL:
		return true;
	default:
		return false;
	}
}

/*
 * TEE_OpenTASession (§4.9.1) opens a session with the TA destination,
 * logged in as TEE_LOGIN_TRUSTED_APP. On any result but TEE_SUCCESS,
 * *session is TEE_HANDLE_NULL. returnOrigin may be NULL.
 */
TEE_Result TEE_OpenTASession(const TEE_UUID *destination,
			     uint32_t cancellationRequestTimeout,
			     uint32_t paramTypes,
			     TEE_Param params[TEE_NUM_PARAMS],
			     TEE_TASessionHandle *session,
			     uint32_t *returnOrigin)
{
	uint32_t sess = 0;
	uint32_t origin = TEE_ORIGIN_TEE;
	TEE_Result res;

	res = _utee_open_ta_session(VT_ADDR(destination),
				    cancellationRequestTimeout, paramTypes,
				    VT_ADDR(params), VT_ADDR(&sess),
				    VT_ADDR(&origin));
	if (res != TEE_SUCCESS)
		sess = 0;
	*session = (TEE_TASessionHandle)(uintptr_t)sess;
	if (returnOrigin)
		*returnOrigin = origin;
	if (origin != TEE_ORIGIN_TRUSTED_APP && !open_result_ok(res))
		TEE_Panic(res);
	return res;
}

/*
 * TEE_CloseTASession (§4.9.2) closes a session TEE_OpenTASession opened.
 * TEE_HANDLE_NULL is a no-op; a handle that is not an open session of this
 * TA panics.
 */
void TEE_CloseTASession(TEE_TASessionHandle session)
{
	TEE_Result res;

	if (session == TEE_HANDLE_NULL)
		return;
	res = _utee_close_ta_session((uint32_t)(uintptr_t)session);
	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

/*
 * TEE_InvokeTACommand (§4.9.3) invokes commandID in the session. A handle
 * that is not an open session of this TA panics. returnOrigin may be NULL.
 */
TEE_Result TEE_InvokeTACommand(TEE_TASessionHandle session,
			       uint32_t cancellationRequestTimeout,
			       uint32_t commandID, uint32_t paramTypes,
			       TEE_Param params[TEE_NUM_PARAMS],
			       uint32_t *returnOrigin)
{
	uint32_t origin = TEE_ORIGIN_TEE;
	TEE_Result res;

	res = _utee_invoke_ta_command((uint32_t)(uintptr_t)session,
				      cancellationRequestTimeout, commandID,
				      paramTypes, VT_ADDR(params),
				      VT_ADDR(&origin));
	if (returnOrigin)
		*returnOrigin = origin;
	if (origin != TEE_ORIGIN_TRUSTED_APP && !invoke_result_ok(res))
		TEE_Panic(res);
	return res;
}
