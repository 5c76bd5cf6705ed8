// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure storage commands 400..449 (internal/testta/proto_storage.go, the
 * reference for the numbers and parameters below). Each command calls one
 * GP function of §5.7 (persistent objects), §5.8 (enumerators) or §5.9
 * (data streams) and returns its result, so a client steps through the
 * API call by call as OP-TEE's xtest does; CmdStorBench (storage_bench.c)
 * repeats a whole operation inside the TA.
 *
 * Handles travel as values (0 = TEE_HANDLE_NULL). Object ids and input
 * data reach the GP function exactly as they arrive, so a client can hand
 * the library an over-long id and see the TA panic. Parameter types other
 * than the command's are BAD_PARAMETERS.
 */
#include <string.h>
#include <vt_families.h>
#include "storage.h"

#define T(a, b, c, d) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				      TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

static TEE_ObjectEnumHandle vt_enum(uint32_t v)
{
	return (TEE_ObjectEnumHandle)(uintptr_t)v;
}

static uint32_t handle_value(const void *h)
{
	return (uint32_t)(uintptr_t)h;
}

/* §5.7 Persistent objects. */

static TEE_Result open_object(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ObjectHandle obj = TEE_HANDLE_NULL;
	TEE_Result res;

	res = TEE_OpenPersistentObject(p[0].value.a, p[1].memref.buffer,
				       p[1].memref.size, p[0].value.b, &obj);
	p[2].value.a = handle_value(obj);
	p[2].value.b = 0;
	return res;
}

static TEE_Result create_object(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ObjectHandle obj = TEE_HANDLE_NULL;
	uint32_t no_handle = p[2].value.b;
	TEE_Result res;

	if (no_handle > 1)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_CreatePersistentObject(p[0].value.a, p[1].memref.buffer,
					 p[1].memref.size, p[0].value.b,
					 vt_stor_obj(p[2].value.a),
					 p[3].memref.buffer, p[3].memref.size,
					 no_handle ? NULL : &obj);
	p[2].value.a = handle_value(obj);
	return res;
}

static TEE_Result close_and_delete(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_CloseAndDeletePersistentObject1(vt_stor_obj(p[0].value.a));
}

static TEE_Result close_and_delete_old(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_CloseAndDeletePersistentObject(vt_stor_obj(p[0].value.a));
	return TEE_SUCCESS;
}

static TEE_Result rename_object(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_RenamePersistentObject(vt_stor_obj(p[0].value.a),
					  p[1].memref.buffer, p[1].memref.size);
}

/* §5.8 Enumerators. */

static TEE_Result alloc_enum(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ObjectEnumHandle e = TEE_HANDLE_NULL;
	TEE_Result res = TEE_AllocatePersistentObjectEnumerator(&e);

	p[0].value.a = handle_value(e);
	p[0].value.b = 0;
	return res;
}

static TEE_Result free_enum(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_FreePersistentObjectEnumerator(vt_enum(p[0].value.a));
	return TEE_SUCCESS;
}

static TEE_Result reset_enum(TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ResetPersistentObjectEnumerator(vt_enum(p[0].value.a));
	return TEE_SUCCESS;
}

static TEE_Result start_enum(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_StartPersistentObjectEnumerator(vt_enum(p[0].value.a),
						   p[0].value.b);
}

/*
 * next_enum gives the GP function an id buffer of TEE_OBJECT_ID_MAX_LEN
 * bytes, as GP requires, and copies the id out: a client's memref may be
 * smaller, which is SHORT_BUFFER with the id's length (a NULL memref just
 * reports the length, as a scratch buffer would).
 */
static TEE_Result next_enum(TEE_Param p[TEE_NUM_PARAMS])
{
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	size_t id_len = 0;
	TEE_ObjectInfo info;
	bool want_info = p[1].memref.buffer != NULL;
	TEE_Result res;

	if (want_info && p[1].memref.size < sizeof(info))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_GetNextPersistentObject(vt_enum(p[0].value.a),
					  want_info ? &info : NULL, id, &id_len);
	if (res != TEE_SUCCESS)
		return res;
	if (want_info) {
		memcpy(p[1].memref.buffer, &info, sizeof(info));
		p[1].memref.size = sizeof(info);
	}
	if (p[2].memref.size < id_len) {
		p[2].memref.size = id_len;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (p[2].memref.buffer)
		memcpy(p[2].memref.buffer, id, id_len);
	p[2].memref.size = id_len;
	return TEE_SUCCESS;
}

/* §5.9 Data streams. */

/*
 * read_data reads memref[1]'s size in bytes. A NULL memref of size n reads
 * into a scratch buffer of n bytes (the crypto family's convention), so the
 * client learns the count and the position moves as for a real buffer.
 */
static TEE_Result read_data(TEE_Param p[TEE_NUM_PARAMS])
{
	void *buf = p[1].memref.buffer;
	void *scratch = NULL;
	size_t n = 0;
	TEE_Result res;

	if (!buf && p[1].memref.size) {
		if (p[1].memref.size > VT_STOR_MAX_SCRATCH)
			return TEE_ERROR_BAD_PARAMETERS;
		scratch = TEE_Malloc(p[1].memref.size, TEE_MALLOC_NO_FILL);
		if (!scratch)
			return TEE_ERROR_OUT_OF_MEMORY;
		buf = scratch;
	}
	res = TEE_ReadObjectData(vt_stor_obj(p[0].value.a), buf,
				 p[1].memref.size, &n);
	TEE_Free(scratch);
	if (res == TEE_SUCCESS)
		p[1].memref.size = n;
	return res;
}

static TEE_Result write_data(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_WriteObjectData(vt_stor_obj(p[0].value.a),
				   p[1].memref.buffer, p[1].memref.size);
}

static TEE_Result truncate_data(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_TruncateObjectData(vt_stor_obj(p[0].value.a),
				      p[0].value.b);
}

static TEE_Result seek_data(TEE_Param p[TEE_NUM_PARAMS])
{
	return TEE_SeekObjectData(vt_stor_obj(p[0].value.a),
				  (int32_t)p[0].value.b, p[1].value.a);
}

/* The commands, their parameter types and handlers. */
static const struct {
	uint32_t cmd;
	uint32_t types;
	TEE_Result (*fn)(TEE_Param p[TEE_NUM_PARAMS]);
} cmds[] = {
	{ 400, T(VALUE_INPUT, MEMREF_INPUT, VALUE_OUTPUT, NONE), open_object },
	{ 401, T(VALUE_INPUT, MEMREF_INPUT, VALUE_INOUT, MEMREF_INPUT), create_object },
	{ 402, T(VALUE_INPUT, NONE, NONE, NONE), close_and_delete },
	{ 403, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), rename_object },
	{ 404, T(VALUE_OUTPUT, NONE, NONE, NONE), alloc_enum },
	{ 405, T(VALUE_INPUT, NONE, NONE, NONE), free_enum },
	{ 406, T(VALUE_INPUT, NONE, NONE, NONE), reset_enum },
	{ 407, T(VALUE_INPUT, NONE, NONE, NONE), start_enum },
	{ 408, T(VALUE_INPUT, MEMREF_OUTPUT, MEMREF_OUTPUT, NONE), next_enum },
	{ 409, T(VALUE_INPUT, MEMREF_OUTPUT, NONE, NONE), read_data },
	{ 410, T(VALUE_INPUT, MEMREF_INPUT, NONE, NONE), write_data },
	{ 411, T(VALUE_INPUT, NONE, NONE, NONE), truncate_data },
	{ 412, T(VALUE_INPUT, VALUE_INPUT, NONE, NONE), seek_data },
	{ 413, T(VALUE_INPUT, NONE, NONE, NONE), close_and_delete_old },
	{ 449, T(VALUE_INPUT, VALUE_INPUT, MEMREF_INPUT, VALUE_OUTPUT), vt_storage_bench },
};

TEE_Result vt_storage_cmd(uint32_t cmd, uint32_t types,
			  TEE_Param p[TEE_NUM_PARAMS])
{
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (cmds[i].cmd != cmd)
			continue;
		if (types != cmds[i].types)
			return TEE_ERROR_BAD_PARAMETERS;
		return cmds[i].fn(p);
	}
	return TEE_ERROR_NOT_SUPPORTED;
}
