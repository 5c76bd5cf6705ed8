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

/*
 * TEE_GetTAPersistentTime (§7.2.4) reads the TA's persistent time (category
 * 1). It returns TEE_SUCCESS, TEE_ERROR_TIME_NOT_SET,
 * TEE_ERROR_TIME_NEEDS_RESET, or TEE_ERROR_OVERFLOW with the seconds modulo
 * 2^32 in *time; anything else panics.
 */
TEE_Result TEE_GetTAPersistentTime(TEE_Time *time)
{
	TEE_Result res = _utee_get_time(1, VT_ADDR(time));

	switch (res) {
	case TEE_SUCCESS:
	case TEE_ERROR_OVERFLOW:
		return res;
	case TEE_ERROR_TIME_NOT_SET:
	case TEE_ERROR_TIME_NEEDS_RESET:
		time->seconds = 0;
		time->millis = 0;
		return res;
	default:
		TEE_Panic(res);
		return res;
	}
}

/*
 * TEE_SetTAPersistentTime (§7.2.4) sets the TA's persistent time. It
 * returns TEE_SUCCESS, TEE_ERROR_OUT_OF_MEMORY or
 * TEE_ERROR_STORAGE_NO_SPACE; millis ≥ 1000 and anything else panic.
 */
TEE_Result TEE_SetTAPersistentTime(const TEE_Time *time)
{
	TEE_Result res;

	if (time->millis >= 1000)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_set_ta_time(VT_ADDR(time));
	switch (res) {
	case TEE_SUCCESS:
	case TEE_ERROR_OUT_OF_MEMORY:
	case TEE_ERROR_STORAGE_NO_SPACE:
		return res;
	default:
		TEE_Panic(res);
		return res;
	}
}
