// SPDX-License-Identifier: BSD-2-Clause
/* Shared memory: allocation, registration of user memory and of a memfd,
 * release, and the checks the library makes itself. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <tee_client_api_extensions.h>

#include "common.h"

/* copy runs CmdCopy from p0 to p1 as given in op. */
static TEEC_Result copy(TEEC_Session *s, TEEC_Operation *op, uint32_t *origin)
{
	return TEEC_InvokeCommand(s, CMD_COPY, op, origin);
}

int t_shm(int argc, char **argv)
{
	TEEC_Context ctx, other;
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;

	MUST(argc >= 1, "usage: shm <uuid>");
	parse_uuid(argv[0], &uuid);
	init_ctx(&ctx);
	init_ctx(&other);
	open_session(&ctx, &sess, &uuid);

	/* Allocated memory is zeroed, and shared in place both ways. */
	TEEC_SharedMemory in = { .size = 4096, .flags = TEEC_MEM_INPUT };
	TEEC_SharedMemory out = { .size = 4096, .flags = TEEC_MEM_OUTPUT };
	MUST(TEEC_AllocateSharedMemory(&ctx, &in) == TEEC_SUCCESS, "allocate in");
	MUST(TEEC_AllocateSharedMemory(&ctx, &out) == TEEC_SUCCESS, "allocate out");
	CHECK(((uint8_t *)in.buffer)[0] == 0 && ((uint8_t *)in.buffer)[4095] == 0, "not zeroed");
	for (int i = 0; i < 4096; i++)
		((uint8_t *)in.buffer)[i] = (uint8_t)(i * 3);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &in;
	op.params[1].memref.parent = &out;
	res = copy(&sess, &op, &origin);
	CHECK(res == TEEC_SUCCESS, "copy: 0x%08x origin %u", res, origin);
	CHECK(memcmp(in.buffer, out.buffer, 4096) == 0, "allocated copy differs");

	/* Memory registered from a memfd the caller holds. */
	int fd = memfd_create("client", MFD_ALLOW_SEALING | MFD_CLOEXEC);
	MUST(fd >= 0 && ftruncate(fd, 8192) == 0, "memfd");
	MUST(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) == 0, "seal");
	uint8_t *fdmem = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	MUST(fdmem != MAP_FAILED, "mmap");
	TEEC_SharedMemory fdshm = { .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	res = TEEC_RegisterSharedMemoryFileDescriptor(&ctx, &fdshm, fd);
	CHECK(res == TEEC_SUCCESS && fdshm.size == 8192 && fdshm.buffer == NULL,
	      "register fd: 0x%08x size %zu", res, fdshm.size);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[1].memref.parent = &fdshm;
	op.params[1].memref.offset = 100;
	op.params[1].memref.size = 4096;
	res = copy(&sess, &op, &origin);
	CHECK(res == TEEC_SUCCESS, "copy into fd memory: 0x%08x origin %u", res, origin);
	CHECK(memcmp(fdmem + 100, in.buffer, 4096) == 0 && fdmem[99] == 0, "fd memory differs");
	TEEC_ReleaseSharedMemory(&fdshm);
	CHECK(fdshm.conn == NULL && fcntl(fd, F_GETFD) >= 0, "the caller's fd must stay open");
	munmap(fdmem, 8192);
	close(fd);

	/* An fd that is not a memfd sealed against shrinking: the daemon refuses. */
	int bad = memfd_create("unsealed", MFD_CLOEXEC);
	MUST(bad >= 0 && ftruncate(bad, 4096) == 0, "memfd");
	TEEC_SharedMemory badshm = { .flags = TEEC_MEM_INPUT };
	res = TEEC_RegisterSharedMemoryFileDescriptor(&ctx, &badshm, bad);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS, "unsealed memfd: 0x%08x", res);
	close(bad);
	res = TEEC_RegisterSharedMemoryFileDescriptor(&ctx, &badshm, -1);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS, "fd -1: 0x%08x", res);
	badshm.flags = 0;
	res = TEEC_RegisterSharedMemoryFileDescriptor(&ctx, &badshm, 0);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS, "flags 0: 0x%08x", res);

	/* Zero sizes: a non-NULL buffer, usable in a memory reference. */
	TEEC_SharedMemory zero = { .size = 0, .flags = TEEC_MEM_OUTPUT };
	res = TEEC_AllocateSharedMemory(&ctx, &zero);
	CHECK(res == TEEC_SUCCESS && zero.buffer != NULL, "allocate 0: 0x%08x", res);
	TEEC_SharedMemory zreg = { .buffer = NULL, .size = 0, .flags = TEEC_MEM_INPUT };
	res = TEEC_RegisterSharedMemory(&ctx, &zreg);
	CHECK(res == TEEC_SUCCESS, "register 0: 0x%08x", res);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &zreg;
	op.params[1].memref.parent = &zero;
	res = copy(&sess, &op, &origin);
	CHECK(res == TEEC_SUCCESS && op.params[1].memref.size == 0, "zero copy: 0x%08x", res);
	TEEC_ReleaseSharedMemory(&zero);
	TEEC_ReleaseSharedMemory(&zreg);

	/* The library's own checks: origin API, nothing sent. */
	struct {
		const char *name;
		uint32_t type;
		TEEC_SharedMemory *parent;
		size_t off, size;
	} bad_refs[] = {
		{ "no parent", TEEC_MEMREF_WHOLE, NULL, 0, 0 },
		{ "window past the end", TEEC_MEMREF_PARTIAL_INPUT, &in, 4000, 97 },
		{ "offset past the end", TEEC_MEMREF_PARTIAL_INPUT, &in, 4097, 0 },
		{ "window that wraps", TEEC_MEMREF_PARTIAL_INPUT, &in, 8, SIZE_MAX - 4 },
		{ "output of input memory", TEEC_MEMREF_PARTIAL_OUTPUT, &in, 0, 16 },
		{ "input of output memory", TEEC_MEMREF_PARTIAL_INPUT, &out, 0, 16 },
		{ "inout of input memory", TEEC_MEMREF_PARTIAL_INOUT, &in, 0, 16 },
	};
	for (size_t i = 0; i < sizeof(bad_refs) / sizeof(bad_refs[0]); i++) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(bad_refs[i].type, TEEC_NONE, TEEC_NONE, TEEC_NONE);
		op.params[0].memref.parent = bad_refs[i].parent;
		op.params[0].memref.offset = bad_refs[i].off;
		op.params[0].memref.size = bad_refs[i].size;
		origin = 0;
		res = TEEC_InvokeCommand(&sess, CMD_NULL, &op, &origin);
		CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
		      "%s: 0x%08x origin %u", bad_refs[i].name, res, origin);
	}
	TEEC_SharedMemory none = { .size = 16, .flags = 0 };
	MUST(TEEC_AllocateSharedMemory(&ctx, &none) == TEEC_SUCCESS, "allocate without flags");
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &none;
	res = TEEC_InvokeCommand(&sess, CMD_NULL, &op, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	TEEC_ReleaseSharedMemory(&none);

	/* Memory of another context, and released memory. */
	TEEC_SharedMemory foreign = { .size = 16, .flags = TEEC_MEM_INPUT };
	MUST(TEEC_AllocateSharedMemory(&other, &foreign) == TEEC_SUCCESS, "allocate in other");
	op.params[0].memref.parent = &foreign;
	res = TEEC_InvokeCommand(&sess, CMD_NULL, &op, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	TEEC_ReleaseSharedMemory(&foreign);
	TEEC_ReleaseSharedMemory(&foreign); /* twice: nothing */
	res = TEEC_InvokeCommand(&sess, CMD_NULL, &op, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);

	/* Bad arguments of the allocation functions. */
	TEEC_SharedMemory x = { .size = 16, .flags = 4 };
	CHECK(TEEC_AllocateSharedMemory(&ctx, &x) == TEEC_ERROR_BAD_PARAMETERS, "unknown flags");
	CHECK(TEEC_RegisterSharedMemory(&ctx, &x) == TEEC_ERROR_BAD_PARAMETERS, "unknown flags (register)");
	x.flags = TEEC_MEM_INPUT;
	x.size = (size_t)TEEC_CONFIG_SHAREDMEM_MAX_SIZE + 1;
	CHECK(TEEC_AllocateSharedMemory(&ctx, &x) == TEEC_ERROR_OUT_OF_MEMORY, "too large");
	x.size = 16;
	x.buffer = NULL;
	CHECK(TEEC_RegisterSharedMemory(&ctx, &x) == TEEC_ERROR_BAD_PARAMETERS, "NULL buffer");
	CHECK(TEEC_AllocateSharedMemory(NULL, &x) == TEEC_ERROR_BAD_PARAMETERS, "NULL context");
	CHECK(TEEC_AllocateSharedMemory(&ctx, NULL) == TEEC_ERROR_BAD_PARAMETERS, "NULL memory");
	TEEC_ReleaseSharedMemory(NULL);

	/* Memory left allocated over Finalize stays mapped until released. */
	TEEC_SharedMemory late = { .size = 100, .flags = TEEC_MEM_INPUT };
	MUST(TEEC_AllocateSharedMemory(&other, &late) == TEEC_SUCCESS, "allocate late");
	TEEC_FinalizeContext(&other);
	memset(late.buffer, 1, 100);
	TEEC_ReleaseSharedMemory(&late);
	CHECK(TEEC_AllocateSharedMemory(&other, &late) == TEEC_ERROR_BAD_STATE, "allocate on a finalized context");

	TEEC_ReleaseSharedMemory(&in);
	TEEC_ReleaseSharedMemory(&out);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
