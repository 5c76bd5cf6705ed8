// SPDX-License-Identifier: BSD-2-Clause
/*
 * Persistent object enumerators (GPD_SPE_010 §5.8). An enumerator is a
 * handle the core hands out, as for objects; the walk itself and its state
 * live in the core.
 */
#include "crypto_private.h"

#define VT_ENUM(e) ((uint32_t)(uintptr_t)(e))

/*
 * TEE_AllocatePersistentObjectEnumerator (§5.8.1) allocates an enumerator;
 * on failure *objectEnumerator is TEE_HANDLE_NULL. Results: TEE_SUCCESS,
 * TEE_ERROR_OUT_OF_MEMORY.
 */
TEE_Result TEE_AllocatePersistentObjectEnumerator(
	TEE_ObjectEnumHandle *objectEnumerator)
{
	uint32_t h = 0;
	TEE_Result res;

	vt_check_ptr(objectEnumerator);
	res = _utee_storage_alloc_enum(VT_ADDR(&h));
	vt_allow(res, 1, TEE_ERROR_OUT_OF_MEMORY);
	*objectEnumerator = res == TEE_SUCCESS
				    ? (TEE_ObjectEnumHandle)(uintptr_t)h
				    : TEE_HANDLE_NULL;
	return res;
}

/*
 * TEE_FreePersistentObjectEnumerator (§5.8.2) frees an enumerator;
 * TEE_HANDLE_NULL is a no-op.
 */
void TEE_FreePersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator)
{
	if (objectEnumerator == TEE_HANDLE_NULL)
		return;
	vt_must(_utee_storage_free_enum(VT_ENUM(objectEnumerator)));
}

/*
 * TEE_ResetPersistentObjectEnumerator (§5.8.3) returns an enumerator to
 * its state after allocation; TEE_HANDLE_NULL is a no-op, as in OP-TEE.
 */
void TEE_ResetPersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator)
{
	if (objectEnumerator == TEE_HANDLE_NULL)
		return;
	vt_must(_utee_storage_reset_enum(VT_ENUM(objectEnumerator)));
}

/*
 * TEE_StartPersistentObjectEnumerator (§5.8.4) starts enumerating the TA's
 * objects in storage storageID. Results: TEE_SUCCESS,
 * TEE_ERROR_ITEM_NOT_FOUND (no such storage, or no object in it),
 * TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_StartPersistentObjectEnumerator(
	TEE_ObjectEnumHandle objectEnumerator, uint32_t storageID)
{
	return vt_allow(_utee_storage_start_enum(VT_ENUM(objectEnumerator),
						 storageID),
			3, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * TEE_GetNextPersistentObject (§5.8.5) returns the next object: its info
 * into *objectInfo (which may be NULL), its id into objectID and the id's
 * length into *objectIDLen. GP makes objectID an array of at least
 * TEE_OBJECT_ID_MAX_LEN bytes and *objectIDLen an output only, so that is
 * the capacity the core gets; libutee reads *objectIDLen as the capacity
 * instead, which a TA written for OP-TEE sets to its buffer's size, at
 * least the longest id it stores, and so works here too. Results:
 * TEE_SUCCESS, TEE_ERROR_ITEM_NOT_FOUND (no more objects, or not
 * started), TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_GetNextPersistentObject(TEE_ObjectEnumHandle objectEnumerator,
				       TEE_ObjectInfo *objectInfo,
				       void *objectID, size_t *objectIDLen)
{
	uint32_t len = TEE_OBJECT_ID_MAX_LEN;
	TEE_Result res;

	vt_check_ptr(objectID);
	vt_check_ptr(objectIDLen);
	res = _utee_storage_next_enum(VT_ENUM(objectEnumerator),
				      VT_ADDR(objectInfo), VT_ADDR(objectID),
				      VT_ADDR(&len));
	vt_allow(res, 3, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_CORRUPT_OBJECT,
		 TEE_ERROR_STORAGE_NOT_AVAILABLE);
	if (res == TEE_SUCCESS)
		*objectIDLen = len;
	return res;
}
