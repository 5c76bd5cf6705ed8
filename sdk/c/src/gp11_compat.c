// SPDX-License-Identifier: BSD-2-Clause
/*
 * The GP v1.1 API of tee_api_compat.h, part 1: the layout the v1.1 types
 * share with the v1.3 ones, and the TA-to-TA, memory, property and random
 * functions. Each __GP11_ function converts its 32-bit sizes and calls the
 * v1.3 function, so both APIs behave the same: same results, same panics.
 */
#include <stddef.h>
#include "utee_private.h"

/*
 * On wasm32 the v1.1 parameter and attribute types have the layout of the
 * v1.3 ones: arrays of them are passed on as they are, and the core calls
 * a v1.1 TA's entry points like any other's.
 */
_Static_assert(sizeof(__GP11_TEE_Param) == sizeof(TEE_Param), "TEE_Param size");
_Static_assert(offsetof(__GP11_TEE_Param, memref.size) ==
	       offsetof(TEE_Param, memref.size), "TEE_Param memref.size");
_Static_assert(offsetof(__GP11_TEE_Param, value.b) ==
	       offsetof(TEE_Param, value.b), "TEE_Param value.b");
_Static_assert(sizeof(__GP11_TEE_Attribute) == sizeof(TEE_Attribute),
	       "TEE_Attribute size");
_Static_assert(offsetof(__GP11_TEE_Attribute, content.ref.length) ==
	       offsetof(TEE_Attribute, content.ref.length),
	       "TEE_Attribute content.ref.length");
_Static_assert(offsetof(__GP11_TEE_Attribute, content.value.b) ==
	       offsetof(TEE_Attribute, content.value.b),
	       "TEE_Attribute content.value.b");

TEE_Result __GP11_TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator,
					  const char *name, char *valueBuffer,
					  uint32_t *valueBufferLen)
{
	size_t n = *valueBufferLen;
	TEE_Result res = TEE_GetPropertyAsString(propsetOrEnumerator, name,
						 valueBuffer, &n);

	*valueBufferLen = n;
	return res;
}

TEE_Result __GP11_TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle propsetOrEnumerator,
					       const char *name,
					       void *valueBuffer,
					       uint32_t *valueBufferLen)
{
	size_t n = *valueBufferLen;
	TEE_Result res = TEE_GetPropertyAsBinaryBlock(propsetOrEnumerator, name,
						      valueBuffer, &n);

	*valueBufferLen = n;
	return res;
}

TEE_Result __GP11_TEE_GetPropertyName(TEE_PropSetHandle enumerator,
				      void *nameBuffer,
				      uint32_t *nameBufferLen)
{
	size_t n = *nameBufferLen;
	TEE_Result res = TEE_GetPropertyName(enumerator, nameBuffer, &n);

	*nameBufferLen = n;
	return res;
}

TEE_Result __GP11_TEE_OpenTASession(const TEE_UUID *destination,
				    uint32_t cancellationRequestTimeout,
				    uint32_t paramTypes,
				    __GP11_TEE_Param params[TEE_NUM_PARAMS],
				    TEE_TASessionHandle *session,
				    uint32_t *returnOrigin)
{
	return TEE_OpenTASession(destination, cancellationRequestTimeout,
				 paramTypes, (TEE_Param *)params, session,
				 returnOrigin);
}

TEE_Result __GP11_TEE_InvokeTACommand(TEE_TASessionHandle session,
				      uint32_t cancellationRequestTimeout,
				      uint32_t commandID, uint32_t paramTypes,
				      __GP11_TEE_Param params[TEE_NUM_PARAMS],
				      uint32_t *returnOrigin)
{
	return TEE_InvokeTACommand(session, cancellationRequestTimeout,
				   commandID, paramTypes, (TEE_Param *)params,
				   returnOrigin);
}

TEE_Result __GP11_TEE_CheckMemoryAccessRights(uint32_t accessFlags,
					      void *buffer, uint32_t size)
{
	return TEE_CheckMemoryAccessRights(accessFlags, buffer, size);
}

void *__GP11_TEE_Malloc(uint32_t size, uint32_t hint)
{
	return TEE_Malloc(size, hint);
}

void *__GP11_TEE_Realloc(void *buffer, uint32_t newSize)
{
	return TEE_Realloc(buffer, newSize);
}

void *__GP11_TEE_MemMove(void *dest, const void *src, uint32_t size)
{
	return TEE_MemMove(dest, src, size);
}

int32_t __GP11_TEE_MemCompare(const void *buffer1, const void *buffer2,
			      uint32_t size)
{
	return TEE_MemCompare(buffer1, buffer2, size);
}

void __GP11_TEE_MemFill(void *buff, uint32_t x, uint32_t size)
{
	TEE_MemFill(buff, x, size);
}

void __GP11_TEE_GenerateRandom(void *randomBuffer, uint32_t randomBufferLen)
{
	TEE_GenerateRandom(randomBuffer, randomBufferLen);
}
