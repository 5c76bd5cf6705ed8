// SPDX-License-Identifier: BSD-2-Clause
/*
 * Persistent objects (GPD_SPE_010 §5.7): open, create, delete, rename.
 *
 * The core keeps the objects, their data streams and their access rights;
 * a TEE_ObjectHandle is the core's number for an open object, in the same
 * table as the transient objects, so TEE_GetObjectInfo1, TEE_CloseObject
 * and the attribute getters (crypto_object.c) take it unchanged. The core
 * answers misuse with OP-TEE's codes (BAD_PARAMETERS for undefined flags or
 * an id above TEE_OBJECT_ID_MAX_LEN, BAD_STATE or ACCESS_CONFLICT for a
 * missing access right); as in libutee, every code GP does not list for a
 * function panics the TA here.
 */
#include "crypto_private.h"

/*
 * TEE_OpenPersistentObject (§5.7.1) opens the object objectID of storage
 * storageID with flags (TEE_DATA_FLAG_ACCESS_*, SHARE_*). On failure
 * *object is TEE_HANDLE_NULL. Results: TEE_SUCCESS,
 * TEE_ERROR_ITEM_NOT_FOUND (no such storage or object),
 * TEE_ERROR_ACCESS_CONFLICT (the sharing rules forbid it),
 * TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_CORRUPT_OBJECT (the core has deleted
 * it), TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_OpenPersistentObject(uint32_t storageID, const void *objectID,
				    size_t objectIDLen, uint32_t flags,
				    TEE_ObjectHandle *object)
{
	uint32_t h = 0;
	TEE_Result res;

	vt_check_ptr(object);
	vt_check_in(objectID, objectIDLen);
	res = _utee_storage_obj_open(storageID, VT_ADDR(objectID), objectIDLen,
				     flags, VT_ADDR(&h));
	vt_allow(res, 5, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_ACCESS_CONFLICT,
		 TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_CORRUPT_OBJECT,
		 TEE_ERROR_STORAGE_NOT_AVAILABLE);
	*object = res == TEE_SUCCESS ? (TEE_ObjectHandle)(uintptr_t)h
				     : TEE_HANDLE_NULL;
	return res;
}

/*
 * TEE_CreatePersistentObject (§5.7.2) creates the object objectID with the
 * type, usage and attributes of attributes (TEE_HANDLE_NULL: a pure data
 * object) and initialDataLen bytes of initial data, and opens it with
 * flags. With object NULL the core closes the new object at once (address
 * 0 tells it so); otherwise *object is the handle, TEE_HANDLE_NULL on
 * failure. Results: TEE_SUCCESS, TEE_ERROR_ITEM_NOT_FOUND (no such
 * storage), TEE_ERROR_ACCESS_CONFLICT (the id exists and
 * TEE_DATA_FLAG_OVERWRITE is not set, or the object is open),
 * TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_STORAGE_NO_SPACE,
 * TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_CreatePersistentObject(uint32_t storageID, const void *objectID,
				      size_t objectIDLen, uint32_t flags,
				      TEE_ObjectHandle attributes,
				      const void *initialData,
				      size_t initialDataLen,
				      TEE_ObjectHandle *object)
{
	uint32_t h = 0;
	TEE_Result res;

	vt_check_in(objectID, objectIDLen);
	vt_check_in(initialData, initialDataLen);
	res = _utee_storage_obj_create(storageID, VT_ADDR(objectID),
				       objectIDLen, flags, VT_H(attributes),
				       VT_ADDR(initialData), initialDataLen,
				       object ? VT_ADDR(&h) : 0);
	vt_allow(res, 6, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_ACCESS_CONFLICT,
		 TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_STORAGE_NO_SPACE,
		 TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE);
	if (object)
		*object = res == TEE_SUCCESS ? (TEE_ObjectHandle)(uintptr_t)h
					     : TEE_HANDLE_NULL;
	return res;
}

/*
 * TEE_CloseAndDeletePersistentObject1 (§5.7.4) deletes the object and
 * closes its handle; it needs TEE_DATA_FLAG_ACCESS_WRITE_META (the core
 * answers ACCESS_CONFLICT without it, which panics here).
 * TEE_HANDLE_NULL is a no-op. Results: TEE_SUCCESS,
 * TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_CloseAndDeletePersistentObject1(TEE_ObjectHandle object)
{
	if (object == TEE_HANDLE_NULL)
		return TEE_SUCCESS;
	return vt_allow(_utee_storage_obj_del(VT_H(object)), 1,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * TEE_CloseAndDeletePersistentObject (§5.7.3, deprecated) is
 * TEE_CloseAndDeletePersistentObject1 without a result: it panics where
 * that one returns an error.
 */
void TEE_CloseAndDeletePersistentObject(TEE_ObjectHandle object)
{
	vt_must(TEE_CloseAndDeletePersistentObject1(object));
}

/*
 * TEE_RenamePersistentObject (§5.7.5) gives the object the id newObjectID;
 * it needs TEE_DATA_FLAG_ACCESS_WRITE_META (the core answers BAD_STATE
 * without it, which panics here). Results: TEE_SUCCESS,
 * TEE_ERROR_ACCESS_CONFLICT (an object with that id exists, the object's
 * own included, or is open), TEE_ERROR_CORRUPT_OBJECT,
 * TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_RenamePersistentObject(TEE_ObjectHandle object,
				      const void *newObjectID,
				      size_t newObjectIDLen)
{
	vt_check_in(newObjectID, newObjectIDLen);
	return vt_allow(_utee_storage_obj_rename(VT_H(object),
						 VT_ADDR(newObjectID),
						 newObjectIDLen),
			3, TEE_ERROR_ACCESS_CONFLICT, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}
