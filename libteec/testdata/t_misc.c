// SPDX-License-Identifier: BSD-2-Clause
/* hang: a client killed in the middle of an invoke; bench: null invokes;
 * default: the default socket. */
#include <string.h>

#include "common.h"

int t_hang(int argc, char **argv)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Operation op;
	uint32_t origin;

	MUST(argc >= 1, "usage: hang <uuid>");
	parse_uuid(argv[0], &uuid);
	init_ctx(&ctx);
	open_session(&ctx, &sess, &uuid);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 120000;
	printf("ready\n");
	fflush(stdout);
	TEEC_Result res = TEEC_InvokeCommand(&sess, CMD_WAIT, &op, &origin);
	fprintf(stderr, "the wait returned 0x%08x: the test should have killed this client\n", res);
	return 1;
}

int t_bench(int argc, char **argv)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
	uint32_t origin;

	MUST(argc >= 2, "usage: bench <uuid> <n>");
	parse_uuid(argv[0], &uuid);
	long n = atol(argv[1]);
	MUST(n > 0, "n must be positive");
	init_ctx(&ctx);
	open_session(&ctx, &sess, &uuid);
	for (int i = 0; i < 100; i++)
		MUST(TEEC_InvokeCommand(&sess, CMD_NULL, NULL, &origin) == TEEC_SUCCESS, "warm-up");
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		TEEC_Result res = TEEC_InvokeCommand(&sess, CMD_NULL, NULL, &origin);
		MUST(res == TEEC_SUCCESS, "invoke: 0x%08x", res);
	}
	uint64_t dt = now_ns() - t0;
	printf("ns/op %.1f\n", (double)dt / (double)n);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}

int t_default(int argc, char **argv)
{
	static const char *names[] = { NULL, "" };
	TEEC_UUID uuid;

	MUST(argc >= 1, "usage: default <uuid>");
	parse_uuid(argv[0], &uuid);
	for (int i = 0; i < 2; i++) {
		TEEC_Context ctx;
		TEEC_Session sess;
		uint32_t origin;
		TEEC_Result res = TEEC_InitializeContext(names[i], &ctx);
		CHECK(res == TEEC_SUCCESS, "InitializeContext(%s): 0x%08x", names[i] ? "\"\"" : "NULL", res);
		if (res != TEEC_SUCCESS)
			continue;
		CHECK(ctx.fd >= 0 && ctx.reg_mem && ctx.memref_null, "context fields");
		open_session(&ctx, &sess, &uuid);
		res = TEEC_InvokeCommand(&sess, CMD_NULL, NULL, &origin);
		CHECK(res == TEEC_SUCCESS, "invoke: 0x%08x", res);
		TEEC_CloseSession(&sess);
		TEEC_FinalizeContext(&ctx);
		CHECK(ctx.fd == -1, "fd after finalize %d", ctx.fd);
	}
	return 0;
}
