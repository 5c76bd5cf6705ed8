// SPDX-License-Identifier: BSD-2-Clause
/* Many threads on one context at once: a shared session, own sessions,
 * shared memory allocated and released meanwhile. Every reply must reach
 * its own caller with its own data. */
#include <pthread.h>
#include <string.h>

#include "common.h"

#define THREADS 8
#define ROUNDS 150

static TEEC_Context ctx;
static TEEC_Session shared;
static TEEC_UUID uuid;

static void *worker(void *arg)
{
	int t = (int)(intptr_t)arg;
	TEEC_Session own, *s = &shared;
	uint8_t buf[64 + THREADS * 8];
	size_t n = 16 + (size_t)t * 8;

	if (t % 2) {
		open_session(&ctx, &own, &uuid);
		s = &own;
	}
	for (int r = 0; r < ROUNDS; r++) {
		TEEC_Operation op;
		TEEC_SharedMemory shm = { .size = 32, .flags = TEEC_MEM_INPUT };
		bool use_shm = r % 10 == 0;
		uint32_t origin, a = (uint32_t)(t * 1000 + r), sum = 0;

		for (size_t i = 0; i < n; i++) {
			buf[i] = (uint8_t)(t + r + i);
			sum += buf[i];
		}
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_MEMREF_TEMP_INOUT,
						 use_shm ? TEEC_MEMREF_WHOLE : TEEC_NONE, TEEC_VALUE_OUTPUT);
		op.params[0].value.a = a;
		op.params[0].value.b = 0;
		op.params[1].tmpref.buffer = buf;
		op.params[1].tmpref.size = n;
		if (use_shm) {
			MUST(TEEC_AllocateSharedMemory(&ctx, &shm) == TEEC_SUCCESS, "allocate");
			memset(shm.buffer, 1, 32);
			sum += 32;
			op.params[2].memref.parent = &shm;
		}
		TEEC_Result res = TEEC_InvokeCommand(s, CMD_PARAMS, &op, &origin);
		CHECK(res == TEEC_SUCCESS, "thread %d round %d: 0x%08x origin %u", t, r, res, origin);
		CHECK(op.params[0].value.a == a + 1 && op.params[0].value.b == 2,
		      "thread %d round %d: value (%u, %u)", t, r, op.params[0].value.a, op.params[0].value.b);
		CHECK(op.params[3].value.a == a + sum && op.params[3].value.b == 3,
		      "thread %d round %d: acc %u, want %u", t, r, op.params[3].value.a, a + sum);
		CHECK(buf[0] == (uint8_t)~(uint8_t)(t + r) && buf[n - 1] == (uint8_t)~(uint8_t)(t + r + n - 1),
		      "thread %d round %d: bytes", t, r);
		if (use_shm)
			TEEC_ReleaseSharedMemory(&shm);
	}
	if (s == &own)
		TEEC_CloseSession(&own);
	return NULL;
}

int t_threads(int argc, char **argv)
{
	pthread_t th[THREADS];

	MUST(argc >= 1, "usage: threads <uuid>");
	parse_uuid(argv[0], &uuid);
	init_ctx(&ctx);
	open_session(&ctx, &shared, &uuid);
	for (int i = 0; i < THREADS; i++)
		MUST(pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i) == 0, "pthread_create");
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	TEEC_CloseSession(&shared);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
