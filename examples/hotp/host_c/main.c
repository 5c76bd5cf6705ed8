// SPDX-License-Identifier: BSD-2-Clause
/*
 * The hotp client in C: "veritee_example_hotp [COUNT [SECRET]]" registers
 * SECRET (default: RFC 4226's test secret "12345678901234567890") with the
 * hotp TA, then prints the HOTP values of counters 0 to COUNT-1 (default
 * 10), one "counter: value" line each.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include <hotp_ta.h>

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid = TA_HOTP_UUID;
	uint32_t origin;
	TEEC_Result res;
	const char *secret = "12345678901234567890";
	unsigned long count = 10, i;

	if (argc > 3)
		errx(2, "usage: %s [COUNT [SECRET]]", argv[0]);
	if (argc > 1) {
		char *end;

		count = strtoul(argv[1], &end, 0);
		if (*end)
			errx(2, "COUNT %s is not a number", argv[1]);
	}
	if (argc > 2)
		secret = argv[2];

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext: 0x%x", res);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession: 0x%x (origin %u)", res, origin);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)secret;
	op.params[0].tmpref.size = strlen(secret);
	res = TEEC_InvokeCommand(&sess, TA_HOTP_CMD_REGISTER_SHARED_KEY, &op,
				 &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "registering the secret: 0x%x (origin %u)", res, origin);

	for (i = 0; i < count; i++) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		res = TEEC_InvokeCommand(&sess, TA_HOTP_CMD_GET_HOTP, &op,
					 &origin);
		if (res != TEEC_SUCCESS)
			errx(1, "getting HOTP %lu: 0x%x (origin %u)", i, res,
			     origin);
		printf("%lu: %06u\n", i, op.params[0].value.a);
	}

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
