// SPDX-License-Identifier: BSD-2-Clause
/*
 * CmdStorBench (internal/testta/proto_storage.go): one storage operation,
 * repeated inside the TA so that a benchmark measures the storage API and
 * the core rather than the invoke path.
 *
 *   [in]  value[0]: a = StorBench* operation, b = iterations
 *   [in]  value[1]: a = storageID, b = data size in bytes
 *   [in]  memref[2]: the object id (the *Many operations: the base id)
 *   [out] value[3]: a = bytes read by the last read, or objects seen by
 *         the last enumeration, else 0; b = 0
 *
 * The loop stops at the first failing GP call and returns its result;
 * every handle the command opened is closed before it returns.
 */
#include <string.h>
#include "storage.h"

enum {
	BENCH_CREATE_WRITE = 1, BENCH_OPEN_READ_CLOSE, BENCH_READ, BENCH_WRITE,
	BENCH_OPEN, BENCH_ENUMERATE, BENCH_CREATE_MANY, BENCH_DELETE_MANY,
};

#define FLAGS_CREATE (TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_ACCESS_WRITE | \
		      TEE_DATA_FLAG_ACCESS_WRITE_META | TEE_DATA_FLAG_OVERWRITE)
#define FLAGS_READ (TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_SHARE_READ)

/* One benchmark: its parameters and the buffer its data goes through. */
struct bench {
	uint32_t storage;
	const void *id;
	size_t id_len;
	uint8_t *buf;
	size_t size;
	uint32_t out; /* value[3].a */
};

static TEE_Result create_write(struct bench *b, const void *id, size_t id_len)
{
	TEE_ObjectHandle h;
	TEE_Result res;

	res = TEE_CreatePersistentObject(b->storage, id, id_len, FLAGS_CREATE,
					 TEE_HANDLE_NULL, NULL, 0, &h);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_WriteObjectData(h, b->buf, b->size);
	TEE_CloseObject(h);
	return res;
}

static TEE_Result open_read_close(struct bench *b)
{
	TEE_ObjectHandle h;
	size_t n = 0;
	TEE_Result res;

	res = TEE_OpenPersistentObject(b->storage, b->id, b->id_len,
				       FLAGS_READ, &h);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_ReadObjectData(h, b->buf, b->size, &n);
	b->out = n;
	TEE_CloseObject(h);
	return res;
}

/* rewind_loop seeks h to 0 and reads or writes, n times. */
static TEE_Result rewind_loop(struct bench *b, TEE_ObjectHandle h, bool write,
			      uint32_t n)
{
	TEE_Result res = TEE_SUCCESS;
	size_t count;

	while (res == TEE_SUCCESS && n--) {
		res = TEE_SeekObjectData(h, 0, TEE_DATA_SEEK_SET);
		if (res != TEE_SUCCESS)
			break;
		if (write) {
			res = TEE_WriteObjectData(h, b->buf, b->size);
		} else {
			count = 0;
			res = TEE_ReadObjectData(h, b->buf, b->size, &count);
			b->out = count;
		}
	}
	return res;
}

static TEE_Result open_rewind_loop(struct bench *b, bool write, uint32_t n)
{
	TEE_ObjectHandle h;
	TEE_Result res;

	res = TEE_OpenPersistentObject(b->storage, b->id, b->id_len,
				       write ? TEE_DATA_FLAG_ACCESS_WRITE
					     : FLAGS_READ,
				       &h);
	if (res != TEE_SUCCESS)
		return res;
	res = rewind_loop(b, h, write, n);
	TEE_CloseObject(h);
	return res;
}

static TEE_Result open_close(struct bench *b)
{
	TEE_ObjectHandle h;
	TEE_Result res;

	res = TEE_OpenPersistentObject(b->storage, b->id, b->id_len,
				       FLAGS_READ, &h);
	if (res == TEE_SUCCESS)
		TEE_CloseObject(h);
	return res;
}

/* enumerate_all walks the storage once; b->out is the objects seen. */
static TEE_Result enumerate_all(struct bench *b, TEE_ObjectEnumHandle e)
{
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	size_t id_len;
	TEE_Result res;

	b->out = 0;
	res = TEE_StartPersistentObjectEnumerator(e, b->storage);
	while (res == TEE_SUCCESS) {
		res = TEE_GetNextPersistentObject(e, NULL, id, &id_len);
		if (res == TEE_SUCCESS)
			b->out++;
	}
	return res == TEE_ERROR_ITEM_NOT_FOUND ? TEE_SUCCESS : res;
}

static TEE_Result enumerate(struct bench *b, uint32_t n)
{
	TEE_ObjectEnumHandle e;
	TEE_Result res;

	res = TEE_AllocatePersistentObjectEnumerator(&e);
	while (res == TEE_SUCCESS && n--)
		res = enumerate_all(b, e);
	TEE_FreePersistentObjectEnumerator(e);
	return res;
}

/* delete_one deletes object id if it exists. */
static TEE_Result delete_one(struct bench *b, const void *id, size_t id_len)
{
	TEE_ObjectHandle h;
	TEE_Result res;

	res = TEE_OpenPersistentObject(b->storage, id, id_len,
				       TEE_DATA_FLAG_ACCESS_WRITE_META, &h);
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		return TEE_SUCCESS;
	if (res != TEE_SUCCESS)
		return res;
	return TEE_CloseAndDeletePersistentObject1(h);
}

/* many runs create_write or delete_one on id || LE u32 i, i = 0..n-1. */
static TEE_Result many(struct bench *b, bool create, uint32_t n)
{
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	TEE_Result res = TEE_SUCCESS;
	uint32_t i;

	if (b->id_len > TEE_OBJECT_ID_MAX_LEN - 4)
		return TEE_ERROR_BAD_PARAMETERS;
	if (b->id_len)
		memcpy(id, b->id, b->id_len);
	for (i = 0; res == TEE_SUCCESS && i < n; i++) {
		id[b->id_len] = i;
		id[b->id_len + 1] = i >> 8;
		id[b->id_len + 2] = i >> 16;
		id[b->id_len + 3] = i >> 24;
		res = create ? create_write(b, id, b->id_len + 4)
			     : delete_one(b, id, b->id_len + 4);
	}
	return res;
}

static TEE_Result run(struct bench *b, uint32_t op, uint32_t n)
{
	TEE_Result res = TEE_SUCCESS;

	switch (op) {
	case BENCH_CREATE_WRITE:
		while (res == TEE_SUCCESS && n--)
			res = create_write(b, b->id, b->id_len);
		return res;
	case BENCH_OPEN_READ_CLOSE:
		while (res == TEE_SUCCESS && n--)
			res = open_read_close(b);
		return res;
	case BENCH_READ:
		return open_rewind_loop(b, false, n);
	case BENCH_WRITE:
		return open_rewind_loop(b, true, n);
	case BENCH_OPEN:
		while (res == TEE_SUCCESS && n--)
			res = open_close(b);
		return res;
	case BENCH_ENUMERATE:
		return enumerate(b, n);
	case BENCH_CREATE_MANY:
		return many(b, true, n);
	case BENCH_DELETE_MANY:
		return many(b, false, n);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

/* needs_buffer reports whether op reads or writes data. */
static bool needs_buffer(uint32_t op)
{
	return op == BENCH_CREATE_WRITE || op == BENCH_OPEN_READ_CLOSE ||
	       op == BENCH_READ || op == BENCH_WRITE || op == BENCH_CREATE_MANY;
}

TEE_Result vt_storage_bench(TEE_Param p[TEE_NUM_PARAMS])
{
	struct bench b = {
		.storage = p[1].value.a,
		.id = p[2].memref.buffer,
		.id_len = p[2].memref.size,
		.size = p[1].value.b,
	};
	uint32_t op = p[0].value.a;
	TEE_Result res;

	p[3].value.a = 0;
	p[3].value.b = 0;
	if (!b.id && b.id_len)
		return TEE_ERROR_BAD_PARAMETERS;
	if (needs_buffer(op)) {
		b.buf = TEE_Malloc(b.size, TEE_MALLOC_NO_FILL);
		if (!b.buf)
			return TEE_ERROR_OUT_OF_MEMORY;
		memset(b.buf, 0xA5, b.size);
	}
	res = run(&b, op, p[0].value.b);
	TEE_Free(b.buf);
	p[3].value.a = b.out;
	return res;
}
