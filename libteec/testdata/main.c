// SPDX-License-Identifier: BSD-2-Clause
/* The libteec test program: teectest <test> [args]; see libteec_test.go. */
#include <string.h>
#include <time.h>

#include "common.h"

int failures;

static const struct {
	const char *name;
	int (*run)(int, char **);
} tests[] = {
	{ "params", t_params },
	{ "shortbuf", t_shortbuf },
	{ "shm", t_shm },
	{ "errors", t_errors },
	{ "login", t_login },
	{ "threads", t_threads },
	{ "cancel", t_cancel },
	{ "hang", t_hang },
	{ "bench", t_bench },
	{ "default", t_default },
	{ "layout", t_layout },
	{ "bogus", t_bogus },
};

/* parse_uuid reads the canonical form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx. */
void parse_uuid(const char *s, TEEC_UUID *u)
{
	unsigned a, b, c, d[8];
	int n = sscanf(s, "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x", &a, &b, &c,
		       &d[0], &d[1], &d[2], &d[3], &d[4], &d[5], &d[6], &d[7]);
	MUST(n == 11 && strlen(s) == 36, "bad UUID %s", s);
	u->timeLow = a;
	u->timeMid = (uint16_t)b;
	u->timeHiAndVersion = (uint16_t)c;
	for (int i = 0; i < 8; i++)
		u->clockSeqAndNode[i] = (uint8_t)d[i];
}

/* init_ctx connects to the default TEE ($VERITEE_SOCKET in the tests). */
void init_ctx(TEEC_Context *ctx)
{
	TEEC_Result res = TEEC_InitializeContext(NULL, ctx);
	MUST(res == TEEC_SUCCESS, "TEEC_InitializeContext: 0x%08x", res);
}

void open_session(TEEC_Context *ctx, TEEC_Session *s, const TEEC_UUID *u)
{
	uint32_t origin;
	TEEC_Result res = TEEC_OpenSession(ctx, s, u, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	MUST(res == TEEC_SUCCESS, "TEEC_OpenSession: 0x%08x origin %u", res, origin);
}

uint32_t byte_sum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i < n; i++)
		s += p[i];
	return s;
}

uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: teectest <test> [args]\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (strcmp(argv[1], tests[i].name) == 0) {
			int r = tests[i].run(argc - 2, argv + 2);
			if (r == 0 && failures == 0) {
				printf("ok\n");
				return 0;
			}
			fprintf(stderr, "%d check(s) failed\n", failures);
			return 1;
		}
	}
	fprintf(stderr, "unknown test %s\n", argv[1]);
	return 2;
}
