// SPDX-License-Identifier: BSD-2-Clause
/* Time functions, GPD_SPE_010 §7.2. */
#include "utee_private.h"

/*
 * TEE_GetSystemTime (§7.2.1) reads the system time: monotonic within an
 * instance, origin arbitrary. A core failure here is a panic, as GP lists
 * no error.
 */
void TEE_GetSystemTime(TEE_Time *time)
{
	TEE_Result res = _utee_get_time(0, VT_ADDR(time));

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

/*
 * TEE_Wait (§7.2.2) sleeps timeout milliseconds (TEE_TIMEOUT_INFINITE:
 * until cancelled). It returns TEE_SUCCESS, or TEE_ERROR_CANCEL when the
 * operation is cancelled while cancellation is unmasked.
 */
TEE_Result TEE_Wait(uint32_t timeout)
{
	TEE_Result res = _utee_wait(timeout);

	if (res != TEE_SUCCESS && res != TEE_ERROR_CANCEL)
		TEE_Panic(res);
	return res;
}
