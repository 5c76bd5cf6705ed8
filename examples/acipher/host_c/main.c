// SPDX-License-Identifier: BSD-2-Clause
/*
 * The acipher client in C: has the acipher TA generate an RSA key pair,
 * prints the public key, has the TA encrypt a text with it, prints the
 * ciphertext, and has the TA decrypt it again.
 *   veritee_example_acipher [-bits N] [-pkcs1] [text]
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include <acipher_ta.h>

/* The largest modulus the TA takes, 4096 bits, bounds every output. */
#define MAX_LEN 512

static TEEC_Session sess;

static void invoke(const char *what, uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin;
	TEEC_Result res;

	res = TEEC_InvokeCommand(&sess, cmd, op, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "%s: 0x%08x (origin %u)", what, res, origin);
}

static void print_hex(const char *label, const uint8_t *b, size_t n)
{
	size_t i;

	printf("%s: ", label);
	for (i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
}

/* rsa_crypt runs CMD_ENCRYPT or CMD_DECRYPT; it returns the output size. */
static size_t rsa_crypt(const char *what, uint32_t cmd, uint32_t pad,
			const void *in, size_t in_len, uint8_t out[MAX_LEN])
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
					 TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE);
	op.params[0].value.a = pad;
	op.params[1].tmpref.buffer = (void *)in;
	op.params[1].tmpref.size = in_len;
	op.params[2].tmpref.buffer = out;
	op.params[2].tmpref.size = MAX_LEN;
	invoke(what, cmd, &op);
	return op.params[2].tmpref.size;
}

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_Operation op;
	TEEC_UUID uuid = TA_ACIPHER_UUID;
	const char *text = "Hello from the normal world";
	uint32_t bits = 2048, pad = TA_ACIPHER_OAEP_SHA256, origin;
	uint8_t n[MAX_LEN], e[8], ct[MAX_LEN], pt[MAX_LEN];
	size_t ct_len, pt_len;
	TEEC_Result res;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-bits") && i + 1 < argc)
			bits = (uint32_t)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-pkcs1"))
			pad = TA_ACIPHER_PKCS1_V1_5;
		else if (i == argc - 1 && argv[i][0] != '-')
			text = argv[i];
		else
			errx(2, "usage: %s [-bits N] [-pkcs1] [text]", argv[0]);
	}

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext: 0x%x", res);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession: 0x%x (origin %u)", res, origin);

	printf("Generating a %u-bit RSA key pair in the TA\n", bits);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = bits;
	invoke("generate key", TA_ACIPHER_CMD_GEN_KEY, &op);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = n;
	op.params[0].tmpref.size = sizeof(n);
	op.params[1].tmpref.buffer = e;
	op.params[1].tmpref.size = sizeof(e);
	invoke("get public key", TA_ACIPHER_CMD_GET_PUBKEY, &op);
	print_hex("Modulus", n, op.params[0].tmpref.size);
	print_hex("Public exponent", e, op.params[1].tmpref.size);

	printf("Encrypting \"%s\" with %s\n", text,
	       pad == TA_ACIPHER_PKCS1_V1_5 ? "RSAES-PKCS1-v1_5" :
					      "RSAES-PKCS1-OAEP (SHA-256)");
	ct_len = rsa_crypt("encrypt", TA_ACIPHER_CMD_ENCRYPT, pad, text,
			   strlen(text), ct);
	print_hex("Ciphertext", ct, ct_len);
	pt_len = rsa_crypt("decrypt", TA_ACIPHER_CMD_DECRYPT, pad, ct, ct_len, pt);
	printf("Decrypted by the TA: %.*s\n", (int)pt_len, (const char *)pt);

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
