// SPDX-License-Identifier: BSD-2-Clause
/*
 * The ecdsa client in C: has the ecdsa TA generate a P-256 key pair,
 * prints the public key, has the TA sign a message, and has it verify the
 * signature, then the same signature over a tampered message.
 *   veritee_example_ecdsa [message]
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include <ecdsa_ta.h>

static TEEC_Session sess;

static TEEC_Result invoke(uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin;

	return TEEC_InvokeCommand(&sess, cmd, op, &origin);
}

static void check(const char *what, TEEC_Result res)
{
	if (res != TEEC_SUCCESS)
		errx(1, "%s: 0x%08x", what, res);
}

static void print_hex(const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%02x", b[i]);
}

static TEEC_Result verify(const char *msg, const uint8_t *sig, size_t sig_len)
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_INPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)msg;
	op.params[0].tmpref.size = strlen(msg);
	op.params[1].tmpref.buffer = (void *)sig;
	op.params[1].tmpref.size = sig_len;
	return invoke(TA_ECDSA_CMD_VERIFY, &op);
}

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_Operation op;
	TEEC_UUID uuid = TA_ECDSA_UUID;
	const char *msg = argc > 1 ? argv[1] : "Signed in the secure world";
	uint8_t x[TA_ECDSA_COORD_SIZE], y[TA_ECDSA_COORD_SIZE];
	uint8_t sig[TA_ECDSA_SIG_SIZE];
	size_t sig_len;
	char *tampered;
	uint32_t origin;
	TEEC_Result res;

	if (!*msg)
		errx(2, "the message must not be empty (its last bit is flipped to tamper with it)");
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext: 0x%x", res);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession: 0x%x (origin %u)", res, origin);

	printf("Generating a P-256 key pair in the TA\n");
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE,
					 TEEC_NONE);
	check("generate key", invoke(TA_ECDSA_CMD_GEN_KEY, &op));

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = x;
	op.params[0].tmpref.size = sizeof(x);
	op.params[1].tmpref.buffer = y;
	op.params[1].tmpref.size = sizeof(y);
	check("get public key", invoke(TA_ECDSA_CMD_GET_PUBKEY, &op));
	/* The uncompressed point encoding (SEC 1 §2.3.3): 04 || x || y. */
	printf("Public key: 04");
	print_hex(x, op.params[0].tmpref.size);
	print_hex(y, op.params[1].tmpref.size);
	printf("\n");

	printf("Signing \"%s\"\n", msg);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)msg;
	op.params[0].tmpref.size = strlen(msg);
	op.params[1].tmpref.buffer = sig;
	op.params[1].tmpref.size = sizeof(sig);
	check("sign", invoke(TA_ECDSA_CMD_SIGN, &op));
	sig_len = op.params[1].tmpref.size;
	printf("Signature: ");
	print_hex(sig, sig_len);
	printf("\n");

	check("verify", verify(msg, sig, sig_len));
	printf("Verified by the TA: ok\n");
	/* Flip one bit of the message: the signature must no longer match. */
	tampered = strdup(msg);
	if (!tampered)
		err(1, "strdup");
	tampered[strlen(tampered) - 1] ^= 1;
	res = verify(tampered, sig, sig_len);
	/* tee_client_api.h names this result without the C: as OP-TEE's does. */
	if (res != TEE_ERROR_SIGNATURE_INVALID)
		errx(1, "verifying a tampered message: 0x%08x, want TEEC_ERROR_SIGNATURE_INVALID", res);
	printf("Verified by the TA, tampered message \"%s\": TEEC_ERROR_SIGNATURE_INVALID\n", tampered);
	free(tampered);

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
