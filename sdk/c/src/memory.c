// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory management functions, GPD_SPE_010 §4.11. The TA heap is
 * wasi-libc's malloc in the TA's own linear memory; the core caps that
 * memory from gpd.ta.dataSize, so an exhausted heap makes TEE_Malloc return
 * NULL rather than kill the instance.
 */
#include <stdlib.h>
#include <string.h>
#include <tee_internal_api_extensions.h>
#include "utee_private.h"

static const void *instance_data;

/*
 * TEE_CheckMemoryAccessRights (§4.11.1) asks the core whether
 * [buffer, buffer+size) may be accessed as accessFlags says. It returns
 * TEE_SUCCESS or TEE_ERROR_ACCESS_DENIED.
 */
TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer,
				       size_t size)
{
	uintptr_t a = (uintptr_t)buffer;

	if (size && a + size < a)
		return TEE_ERROR_ACCESS_DENIED;
	if (_utee_check_access_rights(accessFlags, VT_ADDR(buffer),
				      (uint32_t)size) != TEE_SUCCESS)
		return TEE_ERROR_ACCESS_DENIED;
	return TEE_SUCCESS;
}

/* TEE_SetInstanceData (§4.11.2) keeps one pointer for the instance. */
void TEE_SetInstanceData(const void *instanceData)
{
	instance_data = instanceData;
}

/* TEE_GetInstanceData (§4.11.3) returns what TEE_SetInstanceData kept. */
const void *TEE_GetInstanceData(void)
{
	return instance_data;
}

/*
 * TEE_Malloc (§4.11.4) allocates size bytes, zero-filled unless hint has
 * TEE_MALLOC_NO_FILL (or OP-TEE's TEE_USER_MEM_HINT_NO_FILL_ZERO).
 * TEE_MALLOC_NO_SHARE needs nothing here: TA memory is never shared, the
 * core copies parameters in and out. A size of 0 yields a unique non-NULL
 * pointer that must not be dereferenced. Unknown hint bits below
 * 0x80000000 are reserved by GP and make the allocation fail.
 */
void *TEE_Malloc(size_t size, uint32_t hint)
{
	const uint32_t known = TEE_MALLOC_NO_FILL | TEE_MALLOC_NO_SHARE |
			       TEE_USER_MEM_HINT_NO_FILL_ZERO;

	if (hint & ~known)
		return NULL;
	if (!size)
		size = 1;
	if (hint & (TEE_MALLOC_NO_FILL | TEE_USER_MEM_HINT_NO_FILL_ZERO))
		return malloc(size);
	return calloc(1, size);
}

/*
 * TEE_Realloc (§4.11.5) changes the size of a TEE_Malloc block, keeping its
 * content up to the smaller size; with buffer NULL it allocates. On failure
 * it returns NULL and the old block is untouched.
 */
void *TEE_Realloc(void *buffer, size_t newSize)
{
	return realloc(buffer, newSize ? newSize : 1);
}

/* TEE_Free (§4.11.6) releases a TEE_Malloc block; NULL is ignored. */
void TEE_Free(void *buffer)
{
	free(buffer);
}

/* TEE_MemMove (§4.11.7) copies size bytes; the buffers may overlap. */
void *TEE_MemMove(void *dest, const void *src, size_t size)
{
	return memmove(dest, src, size);
}

/*
 * TEE_MemCompare (§4.11.8) compares two buffers like memcmp: the sign of
 * the first differing byte pair. It reads every byte whatever the data, so
 * its timing depends on size only: TAs compare secrets with it.
 */
int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size)
{
	const volatile uint8_t *a = buffer1;
	const volatile uint8_t *b = buffer2;
	int32_t ret = 0;
	size_t i;

	for (i = 0; i < size; i++) {
		int32_t diff = (int32_t)a[i] - (int32_t)b[i];
		/* mask is all ones while no difference has been seen yet. */
		int32_t mask = ((ret | -ret) >> 31) ^ -1;

		ret |= diff & mask;
	}
	return ret;
}

/* TEE_MemFill (§4.11.9) sets size bytes to (uint8_t)x. */
void TEE_MemFill(void *buff, uint32_t x, size_t size)
{
	memset(buff, (int)(uint8_t)x, size);
}

/*
 * veritee_alloc and veritee_free are how the core places parameters in TA
 * memory (docs/ta-abi.md): never 0 bytes, so that every allocation is a
 * distinct address.
 */
VT_EXPORT("veritee_alloc") void *veritee_alloc(uint32_t size)
{
	return malloc(size ? size : 1);
}

VT_EXPORT("veritee_free") void veritee_free(void *p)
{
	free(p);
}
