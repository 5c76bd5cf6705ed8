// SPDX-License-Identifier: BSD-2-Clause
/*
 * The sha client in C: "veritee_example_sha ALG MESSAGE" prints the digest
 * of MESSAGE (its bytes, without a newline) in hex, computed by the sha TA.
 * ALG is sha1, sha224, sha256, sha384 or sha512.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include <tee_client_api.h>

#include <sha_ta.h>

static const struct {
	const char *name;
	uint32_t alg;
} algs[] = {
	{ "sha1", TA_SHA_ALG_SHA1 },	 { "sha224", TA_SHA_ALG_SHA224 },
	{ "sha256", TA_SHA_ALG_SHA256 }, { "sha384", TA_SHA_ALG_SHA384 },
	{ "sha512", TA_SHA_ALG_SHA512 },
};

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid = TA_SHA_UUID;
	uint32_t origin;
	TEEC_Result res;
	unsigned char digest[TA_SHA_MAX_DIGEST_SIZE];
	size_t i, n = sizeof(algs) / sizeof(algs[0]);

	if (argc != 3)
		errx(2, "usage: %s sha1|sha224|sha256|sha384|sha512 MESSAGE",
		     argv[0]);
	for (i = 0; i < n && strcmp(algs[i].name, argv[1]); i++)
		;
	if (i == n)
		errx(2, "unknown algorithm %s", argv[1]);

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext: 0x%x", res);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession: 0x%x (origin %u)", res, origin);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
					 TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE);
	op.params[0].value.a = algs[i].alg;
	op.params[1].tmpref.buffer = argv[2];
	op.params[1].tmpref.size = strlen(argv[2]);
	op.params[2].tmpref.buffer = digest;
	op.params[2].tmpref.size = sizeof(digest);
	res = TEEC_InvokeCommand(&sess, TA_SHA_CMD_DIGEST, &op, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InvokeCommand: 0x%x (origin %u)", res, origin);

	for (i = 0; i < op.params[2].tmpref.size; i++)
		printf("%02x", digest[i]);
	printf("\n");

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
