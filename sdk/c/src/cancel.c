// SPDX-License-Identifier: BSD-2-Clause
/* Cancellation functions, GPD_SPE_010 §4.10. */
#include "utee_private.h"

/*
 * TEE_GetCancellationFlag (§4.10.1) reports whether the current operation
 * has been cancelled; always false while cancellation is masked.
 */
bool TEE_GetCancellationFlag(void)
{
	uint32_t c = 0;
	TEE_Result res = _utee_get_cancellation_flag(VT_ADDR(&c));

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
	return c != 0;
}

/*
 * TEE_UnmaskCancellation (§4.10.2) unmasks cancellation and returns true
 * when it was masked before.
 */
bool TEE_UnmaskCancellation(void)
{
	uint32_t old = 0;
	TEE_Result res = _utee_unmask_cancellation(VT_ADDR(&old));

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
	return old != 0;
}

/*
 * TEE_MaskCancellation (§4.10.3) masks cancellation and returns true when it
 * was already masked.
 */
bool TEE_MaskCancellation(void)
{
	uint32_t old = 0;
	TEE_Result res = _utee_mask_cancellation(VT_ADDR(&old));

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
	return old != 0;
}
