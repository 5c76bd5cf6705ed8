// SPDX-License-Identifier: BSD-2-Clause
/*
 * secure_storage: keeps named objects in the TA's private storage
 * (TEE_STORAGE_PRIVATE), which only this TA can see and which outlives its
 * instances, sessions and the TEE itself. A client writes, reads back and
 * deletes an object by id; each command opens the object, does its work and
 * closes it, so nothing stays open between calls.
 */
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <secure_storage_ta.h>

#define T(a, b) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE)

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sess_ctx)
{
	(void)params;
	if (param_types != T(NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	*sess_ctx = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
}

/*
 * id_ok checks the object id a client sent: GP panics a TA that passes an
 * id longer than TEE_OBJECT_ID_MAX_LEN, so a bad id is refused here as
 * BAD_PARAMETERS rather than killing the TA.
 */
static bool id_ok(const TEE_Param *p)
{
	return p->memref.buffer && p->memref.size > 0 &&
	       p->memref.size <= TA_SECURE_STORAGE_MAX_ID_LEN;
}

static TEE_Result write_raw(uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS])
{
	/*
	 * OVERWRITE replaces an object of the same id atomically; the access
	 * rights are those of the handle we close at once.
	 */
	const uint32_t flags = TEE_DATA_FLAG_ACCESS_READ |
			       TEE_DATA_FLAG_ACCESS_WRITE |
			       TEE_DATA_FLAG_ACCESS_WRITE_META |
			       TEE_DATA_FLAG_OVERWRITE;
	TEE_ObjectHandle obj = TEE_HANDLE_NULL;
	TEE_Result res;

	if (param_types != T(MEMREF_INPUT, MEMREF_INPUT) || !id_ok(&params[0]) ||
	    (!params[1].memref.buffer && params[1].memref.size))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_CreatePersistentObject(TEE_STORAGE_PRIVATE,
					 params[0].memref.buffer,
					 params[0].memref.size, flags,
					 TEE_HANDLE_NULL,
					 params[1].memref.buffer,
					 params[1].memref.size, &obj);
	if (res != TEE_SUCCESS) {
		EMSG("TEE_CreatePersistentObject: 0x%08x", res);
		return res;
	}
	TEE_CloseObject(obj);
	return TEE_SUCCESS;
}

static TEE_Result read_raw(uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_ObjectHandle obj = TEE_HANDLE_NULL;
	TEE_ObjectInfo info;
	TEE_Result res;
	size_t n = 0;

	if (param_types != T(MEMREF_INPUT, MEMREF_OUTPUT) || !id_ok(&params[0]))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE,
				       params[0].memref.buffer,
				       params[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_READ |
				       TEE_DATA_FLAG_SHARE_READ, &obj);
	if (res != TEE_SUCCESS)
		return res; /* ITEM_NOT_FOUND is the answer, not a fault */
	res = TEE_GetObjectInfo1(obj, &info);
	if (res != TEE_SUCCESS)
		goto out;
	/* Tell the client how much room the whole object needs. */
	if (!params[1].memref.buffer || params[1].memref.size < info.dataSize) {
		params[1].memref.size = info.dataSize;
		res = TEE_ERROR_SHORT_BUFFER;
		goto out;
	}
	res = TEE_ReadObjectData(obj, params[1].memref.buffer, info.dataSize, &n);
	if (res == TEE_SUCCESS)
		params[1].memref.size = n;
out:
	TEE_CloseObject(obj);
	return res;
}

static TEE_Result delete(uint32_t param_types, TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_ObjectHandle obj = TEE_HANDLE_NULL;
	TEE_Result res;

	if (param_types != T(MEMREF_INPUT, NONE) || !id_ok(&params[0]))
		return TEE_ERROR_BAD_PARAMETERS;
	/* Deleting needs a handle opened with ACCESS_WRITE_META. */
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE,
				       params[0].memref.buffer,
				       params[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_READ |
				       TEE_DATA_FLAG_ACCESS_WRITE_META, &obj);
	if (res != TEE_SUCCESS)
		return res;
	return TEE_CloseAndDeletePersistentObject1(obj);
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)sess_ctx;
	switch (cmd_id) {
	case TA_SECURE_STORAGE_CMD_WRITE_RAW:
		return write_raw(param_types, params);
	case TA_SECURE_STORAGE_CMD_READ_RAW:
		return read_raw(param_types, params);
	case TA_SECURE_STORAGE_CMD_DELETE:
		return delete(param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
