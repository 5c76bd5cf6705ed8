// SPDX-License-Identifier: BSD-2-Clause
/*
 * The random client in C: asks the random TA for N bytes (16, or the first
 * argument) and prints them in hex.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include <random_ta.h>

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid = TA_RANDOM_UUID;
	uint32_t origin;
	TEEC_Result res;
	unsigned char *buf;
	size_t n = 16, i;

	if (argc > 1) {
		char *end;

		n = strtoul(argv[1], &end, 0);
		if (*end || n == 0 || n > 4096)
			errx(2, "usage: %s [bytes, 1 to 4096]", argv[0]);
	}
	buf = malloc(n);
	if (!buf)
		err(1, "malloc");

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext: 0x%x", res);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession: 0x%x (origin %u)", res, origin);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = n;
	res = TEEC_InvokeCommand(&sess, TA_RANDOM_CMD_GENERATE, &op, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InvokeCommand: 0x%x (origin %u)", res, origin);
	if (op.params[0].tmpref.size != n)
		errx(1, "the TA returned %zu bytes, want %zu",
		     op.params[0].tmpref.size, n);

	for (i = 0; i < n; i++)
		printf("%02x", buf[i]);
	printf("\n");

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	free(buf);
	return 0;
}
