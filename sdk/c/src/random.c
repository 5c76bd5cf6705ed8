// SPDX-License-Identifier: BSD-2-Clause
#include "utee_private.h"

/*
 * TEE_GenerateRandom (§6.9.1) fills the buffer from the core's CSPRNG. GP
 * lists no error, so a failure panics.
 */
void TEE_GenerateRandom(void *randomBuffer, size_t randomBufferLen)
{
	TEE_Result res = _utee_cryp_random_number_generate(
		VT_ADDR(randomBuffer), (uint32_t)randomBufferLen);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}
