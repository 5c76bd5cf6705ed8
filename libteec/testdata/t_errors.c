// SPDX-License-Identifier: BSD-2-Clause
/* Results and origins of failures: the library's checks (origin API), the
 * TEE's (origin TEE) and the transport's (origin COMMS). */
#include <string.h>

#include "common.h"

int t_errors(int argc, char **argv)
{
	TEEC_Context ctx, c2;
	TEEC_Session sess, s2;
	TEEC_UUID uuid, multi, missing;
	TEEC_Operation op;
	uint32_t origin, gid = 0;
	TEEC_Result res;

	MUST(argc >= 2, "usage: errors <uuid> <multi-instance uuid>");
	parse_uuid(argv[0], &uuid);
	parse_uuid(argv[1], &multi);
	parse_uuid("8e5c4a40-7e57-4000-8000-00000000dead", &missing);

	/* Names. */
	CHECK(TEEC_InitializeContext("no-such-tee", &c2) == TEEC_ERROR_ITEM_NOT_FOUND, "unknown name");
	CHECK(TEEC_InitializeContext("unix:", &c2) == TEEC_ERROR_ITEM_NOT_FOUND, "empty unix: name");
	CHECK(TEEC_InitializeContext("unix:/nonexistent/tee.sock", &c2) == TEEC_ERROR_ITEM_NOT_FOUND, "no daemon");
	CHECK(TEEC_InitializeContext("/nonexistent/tee.sock", &c2) == TEEC_ERROR_ITEM_NOT_FOUND, "no daemon (path)");
	CHECK(TEEC_InitializeContext(NULL, NULL) == TEEC_ERROR_BAD_PARAMETERS, "NULL context");

	init_ctx(&ctx);
	res = TEEC_OpenSession(&ctx, &s2, &missing, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_ITEM_NOT_FOUND, TEEC_ORIGIN_TEE);

	/* Arguments of TEEC_OpenSession. */
	origin = 0;
	res = TEEC_OpenSession(&ctx, &s2, &uuid, 3, NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	res = TEEC_OpenSession(&ctx, &s2, &uuid, TEEC_LOGIN_GROUP, NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	res = TEEC_OpenSession(&ctx, &s2, &uuid, TEEC_LOGIN_PUBLIC, &gid, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	res = TEEC_OpenSession(&ctx, NULL, &uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	res = TEEC_OpenSession(&ctx, &s2, NULL, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	res = TEEC_OpenSession(NULL, &s2, &uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);

	open_session(&ctx, &sess, &uuid);

	/* Undefined parameter types. */
	uint32_t bad_types[] = { 4, 8, 9, 10, 11,
				 TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE, 4),
				 TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE, TEEC_NONE) | 0x10000 };
	for (size_t i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = bad_types[i];
		origin = 0;
		res = TEEC_InvokeCommand(&sess, CMD_NULL, &op, &origin);
		CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
		      "types 0x%x: 0x%08x origin %u", bad_types[i], res, origin);
		res = TEEC_OpenSession(&ctx, &s2, &uuid, TEEC_LOGIN_PUBLIC, NULL, &op, &origin);
		CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
		      "open with types 0x%x: 0x%08x origin %u", bad_types[i], res, origin);
	}
	/* A temporary memory reference larger than a TA can address. */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.size = (size_t)0xFFFFFFFF + 1;
	res = TEEC_InvokeCommand(&sess, CMD_NULL, &op, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	/* More inline bytes than a frame holds: EXCESS_DATA before sending. */
	size_t big = (size_t)65 << 20;
	uint8_t *bigbuf = malloc(big);
	MUST(bigbuf, "malloc");
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = bigbuf;
	op.params[0].tmpref.size = big;
	res = TEEC_InvokeCommand(&sess, CMD_NULL, &op, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_EXCESS_DATA, TEEC_ORIGIN_COMMS);
	free(bigbuf);
	/* The connection is still good. */
	res = TEEC_InvokeCommand(&sess, CMD_NULL, NULL, &origin);
	CHECK(res == TEEC_SUCCESS, "after errors: 0x%08x origin %u", res, origin);

	/* A TA that panics: its session's calls end with TARGET_DEAD. */
	TEEC_Session dying;
	open_session(&ctx, &dying, &multi);
	res = TEEC_InvokeCommand(&dying, CMD_PANIC, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	res = TEEC_InvokeCommand(&dying, CMD_NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	TEEC_CloseSession(&dying);

	/* Closed sessions and finalized contexts: BAD_STATE, origin API. */
	TEEC_CloseSession(&sess);
	TEEC_CloseSession(&sess); /* twice: nothing */
	res = TEEC_InvokeCommand(&sess, CMD_NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_STATE, TEEC_ORIGIN_API);
	res = TEEC_InvokeCommand(NULL, CMD_NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	open_session(&ctx, &sess, &uuid);
	TEEC_FinalizeContext(&ctx);
	res = TEEC_InvokeCommand(&sess, CMD_NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_STATE, TEEC_ORIGIN_API);
	res = TEEC_OpenSession(&ctx, &s2, &uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_STATE, TEEC_ORIGIN_API);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx); /* twice: nothing */
	TEEC_FinalizeContext(NULL);
	TEEC_RequestCancellation(NULL);
	return 0;
}
