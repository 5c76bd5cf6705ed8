/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers of the libteec test program. Each test is a subcommand that
 * checks its own results, prints what failed and exits 1, or prints "ok".
 * The command numbers are internal/testta/proto.go's.
 */
#ifndef TEECTEST_COMMON_H
#define TEECTEST_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <tee_client_api.h>

#define CMD_NULL 0
#define CMD_PARAMS 1
#define CMD_SHORT_BUFFER 2
#define CMD_PANIC 3
#define CMD_WAIT 5
#define CMD_LOOP_UNTIL_CANCEL 6
#define CMD_CLIENT_IDENTITY 14
#define CMD_COUNTER 15
#define CMD_COPY 16
#define OPEN_REFUSE 0xDEAD

extern int failures;

/* CHECK records a failure with its line and goes on. */
#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		failures++; \
		fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

/* CHECK_RES checks a result and its origin. */
#define CHECK_RES(res, origin, wres, worig) \
	CHECK((res) == (wres) && (origin) == (worig), "got 0x%08x origin %u, want 0x%08x origin %u", \
	      (unsigned)(res), (unsigned)(origin), (unsigned)(wres), (unsigned)(worig))

/* MUST stops the test when cond does not hold. */
#define MUST(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: fatal: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		exit(1); \
	} \
} while (0)

void parse_uuid(const char *s, TEEC_UUID *u);
void init_ctx(TEEC_Context *ctx);
void open_session(TEEC_Context *ctx, TEEC_Session *s, const TEEC_UUID *u);
uint32_t byte_sum(const uint8_t *p, size_t n);
uint64_t now_ns(void);

int t_params(int argc, char **argv);
int t_shortbuf(int argc, char **argv);
int t_shm(int argc, char **argv);
int t_errors(int argc, char **argv);
int t_login(int argc, char **argv);
int t_threads(int argc, char **argv);
int t_cancel(int argc, char **argv);
int t_hang(int argc, char **argv);
int t_bench(int argc, char **argv);
int t_default(int argc, char **argv);
int t_layout(int argc, char **argv);
int t_bogus(int argc, char **argv);

#endif
