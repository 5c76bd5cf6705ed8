// SPDX-License-Identifier: BSD-2-Clause
/* TEEC_ERROR_SHORT_BUFFER: the size the TA needs is written back, for
 * temporary, NULL and registered memory references (CmdShortBuffer). */
#include <string.h>

#include "common.h"

static TEEC_Result short_call(TEEC_Session *s, TEEC_Operation *op, uint32_t n, uint32_t *origin)
{
	op->params[1].value.a = n;
	return TEEC_InvokeCommand(s, CMD_SHORT_BUFFER, op, origin);
}

int t_shortbuf(int argc, char **argv)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Operation op;
	uint32_t origin;
	uint8_t buf[200];

	MUST(argc >= 1, "usage: shortbuf <uuid>");
	parse_uuid(argv[0], &uuid);
	init_ctx(&ctx);
	open_session(&ctx, &sess, &uuid);

	/* Temporary memory: too small, then large enough. */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	memset(buf, 0x11, sizeof(buf));
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = 4;
	TEEC_Result res = short_call(&sess, &op, 100, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_SHORT_BUFFER, TEEC_ORIGIN_TRUSTED_APP);
	CHECK(op.params[0].tmpref.size == 100, "size %zu, want 100", op.params[0].tmpref.size);
	CHECK(buf[0] == 0x11, "short buffer was written");
	res = short_call(&sess, &op, 100, &origin);
	CHECK(res == TEEC_SUCCESS, "0x%08x", res);
	CHECK(op.params[0].tmpref.size == 100 && buf[0] == 0xA5 && buf[99] == 0xA5 && buf[100] == 0x11,
	      "size %zu bytes %02x %02x %02x", op.params[0].tmpref.size, buf[0], buf[99], buf[100]);

	/* A NULL memory reference asks for the size. */
	op.params[0].tmpref.buffer = NULL;
	op.params[0].tmpref.size = 0;
	res = short_call(&sess, &op, 77, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_SHORT_BUFFER, TEEC_ORIGIN_TRUSTED_APP);
	CHECK(op.params[0].tmpref.size == 77, "NULL memref size %zu, want 77", op.params[0].tmpref.size);

	/* Registered memory, partial and whole. */
	TEEC_SharedMemory shm = { .size = 64, .flags = TEEC_MEM_OUTPUT };
	res = TEEC_AllocateSharedMemory(&ctx, &shm);
	MUST(res == TEEC_SUCCESS, "allocate: 0x%08x", res);
	memset(shm.buffer, 0x22, 64);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[0].memref.offset = 8;
	op.params[0].memref.size = 10;
	res = short_call(&sess, &op, 40, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_SHORT_BUFFER, TEEC_ORIGIN_TRUSTED_APP);
	CHECK(op.params[0].memref.size == 40, "partial size %zu, want 40", op.params[0].memref.size);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	res = short_call(&sess, &op, 65, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_SHORT_BUFFER, TEEC_ORIGIN_TRUSTED_APP);
	CHECK(op.params[0].memref.size == 65, "whole size %zu, want 65", op.params[0].memref.size);
	res = short_call(&sess, &op, 64, &origin);
	CHECK(res == TEEC_SUCCESS && op.params[0].memref.size == 64 && ((uint8_t *)shm.buffer)[63] == 0xA5,
	      "whole: 0x%08x size %zu", res, op.params[0].memref.size);
	TEEC_ReleaseSharedMemory(&shm);

	/* Registered user memory: the shadow copies back only what the TA reported. */
	uint8_t user[32];
	memset(user, 0x33, sizeof(user));
	TEEC_SharedMemory reg = { .buffer = user, .size = sizeof(user), .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	res = TEEC_RegisterSharedMemory(&ctx, &reg);
	MUST(res == TEEC_SUCCESS, "register: 0x%08x", res);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &reg;
	op.params[0].memref.offset = 4;
	op.params[0].memref.size = 20;
	res = short_call(&sess, &op, 30, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_SHORT_BUFFER, TEEC_ORIGIN_TRUSTED_APP);
	CHECK(op.params[0].memref.size == 30 && user[4] == 0x33, "registered short: size %zu", op.params[0].memref.size);
	op.params[0].memref.size = 20;
	res = short_call(&sess, &op, 12, &origin);
	CHECK(res == TEEC_SUCCESS && op.params[0].memref.size == 12, "registered: 0x%08x size %zu", res, op.params[0].memref.size);
	CHECK(user[3] == 0x33 && user[4] == 0xA5 && user[15] == 0xA5 && user[16] == 0x33,
	      "registered bytes %02x %02x %02x %02x", user[3], user[4], user[15], user[16]);
	TEEC_ReleaseSharedMemory(&reg);

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
