// SPDX-License-Identifier: BSD-2-Clause
/*
 * The aes client in C. "veritee_example_aes MODE KEY IV DATA" (MODE ecb,
 * cbc or ctr; the rest in hex, IV "" for ecb) has the aes TA encrypt DATA,
 * then decrypt the result in a second session, and prints both:
 *
 *	MODE ciphertext: <hex>
 *	MODE decrypted: <hex>
 *
 * Without arguments it does so for each mode with the inputs of NIST SP
 * 800-38A's AES-128 examples (F.1.1, F.2.1, F.5.1).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include <aes_ta.h>

#define MAX_DATA 4096

static const char *mode_names[] = {
	[TA_AES_ALG_ECB] = "ecb", [TA_AES_ALG_CBC] = "cbc",
	[TA_AES_ALG_CTR] = "ctr",
};

/* SP 800-38A's key, plaintext, CBC IV and CTR initial counter block. */
static const char sp800_38a_key[] = "2b7e151628aed2a6abf7158809cf4f3c";
static const char sp800_38a_plain[] =
	"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char *sp800_38a_iv[] = {
	[TA_AES_ALG_ECB] = "",
	[TA_AES_ALG_CBC] = "000102030405060708090a0b0c0d0e0f",
	[TA_AES_ALG_CTR] = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
};

/* unhex decodes s into out (max bytes) and returns its length. */
static size_t unhex(const char *s, uint8_t *out, size_t max)
{
	size_t n = strlen(s), i;

	if (n % 2 || n / 2 > max)
		errx(2, "%s: not hex, or more than %zu bytes", s, max);
	for (i = 0; i < n / 2; i++) {
		unsigned int b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			errx(2, "%s: not hex", s);
		out[i] = (uint8_t)b;
	}
	return n / 2;
}

static void invoke(TEEC_Session *sess, uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin;
	TEEC_Result res = TEEC_InvokeCommand(sess, cmd, op, &origin);

	if (res != TEEC_SUCCESS)
		errx(1, "command %u: 0x%x (origin %u)", cmd, res, origin);
}

/* run has the TA in a session of ctx encrypt or decrypt in into out. */
static void run(TEEC_Context *ctx, uint32_t alg, uint32_t mode,
		const uint8_t *key, size_t key_size, const uint8_t *iv,
		size_t iv_size, const uint8_t *in, uint8_t *out, size_t size)
{
	TEEC_UUID uuid = TA_AES_UUID;
	TEEC_Session sess;
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;

	res = TEEC_OpenSession(ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession: 0x%x (origin %u)", res, origin);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_INPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = alg;
	op.params[0].value.b = mode;
	op.params[1].value.a = key_size;
	invoke(&sess, TA_AES_CMD_PREPARE, &op);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)key;
	op.params[0].tmpref.size = key_size;
	invoke(&sess, TA_AES_CMD_SET_KEY, &op);

	/* The same layout: only the buffer changes. */
	op.params[0].tmpref.buffer = (void *)iv;
	op.params[0].tmpref.size = iv_size;
	invoke(&sess, TA_AES_CMD_SET_IV, &op);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)in;
	op.params[0].tmpref.size = size;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = size;
	invoke(&sess, TA_AES_CMD_CIPHER, &op);
	if (op.params[1].tmpref.size != size)
		errx(1, "the TA returned %zu bytes for %zu",
		     op.params[1].tmpref.size, size);

	TEEC_CloseSession(&sess);
}

static void print(const char *mode, const char *what, const uint8_t *b,
		  size_t n)
{
	size_t i;

	printf("%s %s: ", mode, what);
	for (i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
}

/* round_trip encrypts data, decrypts the result, and prints both. */
static void round_trip(TEEC_Context *ctx, uint32_t alg, const char *key_hex,
		       const char *iv_hex, const char *data_hex)
{
	static uint8_t key[32], iv[TA_AES_BLOCK_SIZE], plain[MAX_DATA],
		ciphered[MAX_DATA], decrypted[MAX_DATA];
	size_t key_size = unhex(key_hex, key, sizeof(key));
	size_t iv_size = unhex(iv_hex, iv, sizeof(iv));
	size_t size = unhex(data_hex, plain, sizeof(plain));

	run(ctx, alg, TA_AES_MODE_ENCRYPT, key, key_size, iv, iv_size, plain,
	    ciphered, size);
	print(mode_names[alg], "ciphertext", ciphered, size);
	run(ctx, alg, TA_AES_MODE_DECRYPT, key, key_size, iv, iv_size,
	    ciphered, decrypted, size);
	print(mode_names[alg], "decrypted", decrypted, size);
}

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_Result res;
	uint32_t alg;

	if (argc != 1 && argc != 5)
		errx(2, "usage: %s [ecb|cbc|ctr KEY IV DATA]", argv[0]);
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext: 0x%x", res);

	if (argc == 5) {
		for (alg = 0; alg <= TA_AES_ALG_CTR; alg++)
			if (!strcmp(argv[1], mode_names[alg]))
				break;
		if (alg > TA_AES_ALG_CTR)
			errx(2, "unknown mode %s", argv[1]);
		round_trip(&ctx, alg, argv[2], argv[3], argv[4]);
	} else {
		for (alg = 0; alg <= TA_AES_ALG_CTR; alg++)
			round_trip(&ctx, alg, sp800_38a_key, sp800_38a_iv[alg],
				   sp800_38a_plain);
	}

	TEEC_FinalizeContext(&ctx);
	return 0;
}
