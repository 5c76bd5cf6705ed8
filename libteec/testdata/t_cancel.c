// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEEC_RequestCancellation from another thread: of a TEE_Wait and of a loop
 * polling the cancellation flag, before a call starts (started == 0),
 * after it ended, and an operation used by two calls at once.
 */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

struct call {
	TEEC_Session *s;
	uint32_t cmd;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	uint64_t ns;
};

static void *invoke(void *arg)
{
	struct call *c = arg;
	uint64_t t0 = now_ns();
	c->res = TEEC_InvokeCommand(c->s, c->cmd, &c->op, &c->origin);
	c->ns = now_ns() - t0;
	return NULL;
}

static void wait_op(struct call *c, uint32_t ms)
{
	memset(&c->op, 0, sizeof(c->op));
	c->op.started = 0;
	c->op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	c->op.params[0].value.a = ms;
}

/* await_start waits until the call has started, then lets its request
 * reach the TA. */
static void await_start(struct call *c)
{
	while (__atomic_load_n(&c->op.started, __ATOMIC_ACQUIRE) != 1)
		usleep(1000);
	usleep(50 * 1000);
}

#define LONG_MS 30000
#define QUICK_NS (10ull * 1000 * 1000 * 1000)

int t_cancel(int argc, char **argv)
{
	TEEC_Context ctx;
	TEEC_Session sess, other;
	TEEC_UUID uuid;
	pthread_t th;
	struct call c = { .s = &sess };
	uint32_t origin;

	MUST(argc >= 1, "usage: cancel <multi-instance uuid>");
	parse_uuid(argv[0], &uuid);
	init_ctx(&ctx);
	open_session(&ctx, &sess, &uuid);
	open_session(&ctx, &other, &uuid);

	/* A running TEE_Wait; meanwhile other calls on the context go on. */
	c.cmd = CMD_WAIT;
	wait_op(&c, LONG_MS);
	pthread_create(&th, NULL, invoke, &c);
	await_start(&c);
	for (int i = 0; i < 20; i++) {
		TEEC_Result res = TEEC_InvokeCommand(&other, CMD_NULL, NULL, &origin);
		CHECK(res == TEEC_SUCCESS, "invoke beside a waiting call: 0x%08x", res);
	}
	/* The same operation in a second call at once. */
	TEEC_Result res = TEEC_InvokeCommand(&other, CMD_NULL, &c.op, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_BAD_STATE, TEEC_ORIGIN_API);
	TEEC_RequestCancellation(&c.op);
	pthread_join(th, NULL);
	CHECK_RES(c.res, c.origin, TEEC_ERROR_CANCEL, TEEC_ORIGIN_TRUSTED_APP);
	CHECK(c.ns < QUICK_NS, "cancelled wait took %llu ms", (unsigned long long)(c.ns / 1000000));

	/* A loop that polls TEE_GetCancellationFlag. */
	c.cmd = CMD_LOOP_UNTIL_CANCEL;
	memset(&c.op, 0, sizeof(c.op));
	pthread_create(&th, NULL, invoke, &c);
	await_start(&c);
	TEEC_RequestCancellation(&c.op);
	pthread_join(th, NULL);
	CHECK_RES(c.res, c.origin, TEEC_ERROR_CANCEL, TEEC_ORIGIN_TRUSTED_APP);

	/* Requested before the call starts: kept, and the call is cancelled. */
	c.cmd = CMD_WAIT;
	wait_op(&c, LONG_MS);
	TEEC_RequestCancellation(&c.op);
	invoke(&c);
	CHECK_RES(c.res, c.origin, TEEC_ERROR_CANCEL, TEEC_ORIGIN_TRUSTED_APP);
	CHECK(c.ns < QUICK_NS, "pre-cancelled wait took %llu ms", (unsigned long long)(c.ns / 1000000));
	CHECK(c.op.started == 1, "started %u", c.op.started);

	/* Requested after the call ended (started still 1): the next call of
	 * the operation runs normally. */
	TEEC_RequestCancellation(&c.op);
	c.op.params[0].value.a = 10;
	invoke(&c);
	CHECK(c.res == TEEC_SUCCESS, "call after a late cancellation: 0x%08x origin %u", c.res, c.origin);

	TEEC_CloseSession(&other);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
