// SPDX-License-Identifier: BSD-2-Clause
/*
 * The ecdh client in C. Given a peer's public key (hex), it has the ecdh
 * TA generate a key pair, prints the TA's public key and derives the secret
 * the TA shares with the peer. Without one, it opens two sessions, two TA
 * instances with a key pair each, lets them exchange public keys and shows
 * they derive the same secret.
 *   veritee_example_ecdh [-curve p256|x25519] [peer-public-key]
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include <ecdh_ta.h>

/* party is a session of the TA with a fresh key pair. */
struct party {
	TEEC_Session sess;
	uint8_t pub[TA_ECDH_MAX_PUBKEY_SIZE];
	size_t pub_len;
};

/*
 * check exits on a failed call. Callers store the result first: origin is
 * written by the call, and C does not order the evaluation of arguments.
 */
static void check(const char *what, TEEC_Result res, uint32_t origin)
{
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

/* parse_hex decodes s into out; it returns the length, or 0 if invalid. */
static size_t parse_hex(const char *s, uint8_t *out, size_t max)
{
	size_t i, n = strlen(s);
	unsigned int byte;

	if (n % 2 || n / 2 > max)
		return 0;
	for (i = 0; i < n / 2; i++) {
		if (sscanf(s + 2 * i, "%2x", &byte) != 1)
			return 0;
		out[i] = (uint8_t)byte;
	}
	return n / 2;
}

static void party_open(struct party *p, TEEC_Context *ctx, uint32_t curve)
{
	TEEC_UUID uuid = TA_ECDH_UUID;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;

	res = TEEC_OpenSession(ctx, &p->sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	check("TEEC_OpenSession", res, origin);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = curve;
	res = TEEC_InvokeCommand(&p->sess, TA_ECDH_CMD_GEN_KEY, &op, &origin);
	check("generate key", res, origin);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = p->pub;
	op.params[0].tmpref.size = sizeof(p->pub);
	res = TEEC_InvokeCommand(&p->sess, TA_ECDH_CMD_GET_PUBKEY, &op, &origin);
	check("get public key", res, origin);
	p->pub_len = op.params[0].tmpref.size;
}

static void party_derive(struct party *p, const uint8_t *peer, size_t peer_len,
			 uint8_t secret[TA_ECDH_SECRET_SIZE])
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)peer;
	op.params[0].tmpref.size = peer_len;
	op.params[1].tmpref.buffer = secret;
	op.params[1].tmpref.size = TA_ECDH_SECRET_SIZE;
	res = TEEC_InvokeCommand(&p->sess, TA_ECDH_CMD_DERIVE, &op, &origin);
	check("derive", res, origin);
	if (op.params[1].tmpref.size != TA_ECDH_SECRET_SIZE)
		errx(1, "derive: a secret of %zu bytes", op.params[1].tmpref.size);
}

int main(int argc, char *argv[])
{
	uint32_t curve = TA_ECDH_P256;
	const char *peer_hex = NULL;
	uint8_t peer[TA_ECDH_MAX_PUBKEY_SIZE];
	uint8_t sa[TA_ECDH_SECRET_SIZE], sb[TA_ECDH_SECRET_SIZE];
	size_t peer_len;
	struct party a, b;
	TEEC_Context ctx;
	TEEC_Result res;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-curve") && i + 1 < argc &&
		    !strcmp(argv[i + 1], "p256"))
			curve = TA_ECDH_P256, i++;
		else if (!strcmp(argv[i], "-curve") && i + 1 < argc &&
			 !strcmp(argv[i + 1], "x25519"))
			curve = TA_ECDH_X25519, i++;
		else if (i == argc - 1 && argv[i][0] != '-')
			peer_hex = argv[i];
		else
			errx(2, "usage: %s [-curve p256|x25519] [peer-public-key]", argv[0]);
	}

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext: 0x%x", res);
	printf("Curve: %s\n", curve == TA_ECDH_P256 ? "P-256" : "X25519");

	if (peer_hex) {
		peer_len = parse_hex(peer_hex, peer, sizeof(peer));
		if (!peer_len)
			errx(2, "peer public key: not hex of at most %zu bytes", sizeof(peer));
		party_open(&a, &ctx, curve);
		print_hex("TA public key", a.pub, a.pub_len);
		party_derive(&a, peer, peer_len, sa);
		print_hex("Shared secret", sa, sizeof(sa));
		TEEC_CloseSession(&a.sess);
	} else {
		party_open(&a, &ctx, curve);
		party_open(&b, &ctx, curve);
		print_hex("Session A public key", a.pub, a.pub_len);
		print_hex("Session B public key", b.pub, b.pub_len);
		party_derive(&a, b.pub, b.pub_len, sa);
		party_derive(&b, a.pub, a.pub_len, sb);
		print_hex("Shared secret (A)", sa, sizeof(sa));
		print_hex("Shared secret (B)", sb, sizeof(sb));
		if (memcmp(sa, sb, sizeof(sa)))
			errx(1, "the sessions derived different secrets");
		printf("Both sessions derived the same secret\n");
		TEEC_CloseSession(&b.sess);
		TEEC_CloseSession(&a.sess);
	}

	TEEC_FinalizeContext(&ctx);
	return 0;
}
