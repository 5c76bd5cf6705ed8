// SPDX-License-Identifier: BSD-2-Clause
/*
 * hotp: an RFC 4226 one-time password generator. The shared secret stays
 * in the TA; the client only ever sees the 6-digit values, computed with
 * the TEE's HMAC-SHA1 and RFC 4226's dynamic truncation.
 */
#include <tee_internal_api.h>

#include <hotp_ta.h>

/* The number of digits of a value, and 10 to that power. */
#define DIGITS 6
#define MODULUS 1000000

/* struct hotp is a session's state: its secret and counter. */
struct hotp {
	TEE_ObjectHandle key;	/* TEE_HANDLE_NULL until registered */
	size_t key_size;	/* in bytes */
	uint64_t counter;
};

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sess_ctx)
{
	struct hotp *h;

	(void)param_types;
	(void)params;
	h = TEE_Malloc(sizeof(*h), TEE_MALLOC_FILL_ZERO);
	if (!h)
		return TEE_ERROR_OUT_OF_MEMORY;
	h->key = TEE_HANDLE_NULL;
	*sess_ctx = h;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	struct hotp *h = sess_ctx;

	TEE_FreeTransientObject(h->key);
	TEE_Free(h);
}

static TEE_Result register_key(struct hotp *h, uint32_t param_types,
			       TEE_Param params[TEE_NUM_PARAMS])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);
	size_t size = params[0].memref.size;
	TEE_ObjectHandle key = TEE_HANDLE_NULL;
	TEE_Attribute attr;
	TEE_Result res;

	if (param_types != want || size < TA_HOTP_MIN_KEY_SIZE ||
	    size > TA_HOTP_MAX_KEY_SIZE)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_AllocateTransientObject(TEE_TYPE_HMAC_SHA1,
					  TA_HOTP_MAX_KEY_SIZE * 8, &key);
	if (res != TEE_SUCCESS)
		return res;
	TEE_InitRefAttribute(&attr, TEE_ATTR_SECRET_VALUE,
			     params[0].memref.buffer, size);
	res = TEE_PopulateTransientObject(key, &attr, 1);
	if (res != TEE_SUCCESS) {
		TEE_FreeTransientObject(key);
		return res;
	}
	TEE_FreeTransientObject(h->key);
	h->key = key;
	h->key_size = size;
	h->counter = 0;
	return TEE_SUCCESS;
}

/* hmac_sha1 computes HMAC-SHA1(key, counter as 8 big-endian bytes). */
static TEE_Result hmac_sha1(struct hotp *h, uint8_t mac[20])
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	uint8_t msg[8];
	size_t mac_len = 20;
	TEE_Result res;
	int i;

	for (i = 0; i < 8; i++)
		msg[i] = (uint8_t)(h->counter >> (56 - 8 * i));
	res = TEE_AllocateOperation(&op, TEE_ALG_HMAC_SHA1, TEE_MODE_MAC,
				    h->key_size * 8);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_SetOperationKey(op, h->key);
	if (res == TEE_SUCCESS) {
		TEE_MACInit(op, NULL, 0);
		res = TEE_MACComputeFinal(op, msg, sizeof(msg), mac, &mac_len);
	}
	TEE_FreeOperation(op);
	return res;
}

/*
 * dynamic_truncate is RFC 4226's dynamic truncation (§5.3): 31 bits taken
 * at the offset the last nibble of the MAC gives, reduced to DIGITS
 * decimal digits.
 */
static uint32_t dynamic_truncate(const uint8_t mac[20])
{
	unsigned int off = mac[19] & 0xf;
	uint32_t bin = (uint32_t)(mac[off] & 0x7f) << 24 |
		       (uint32_t)mac[off + 1] << 16 |
		       (uint32_t)mac[off + 2] << 8 | mac[off + 3];

	return bin % MODULUS;
}

static TEE_Result get_hotp(struct hotp *h, uint32_t param_types,
			   TEE_Param params[TEE_NUM_PARAMS])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);
	uint8_t mac[20];
	TEE_Result res;

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	if (h->key == TEE_HANDLE_NULL)
		return TEE_ERROR_BAD_STATE;
	res = hmac_sha1(h, mac);
	if (res != TEE_SUCCESS)
		return res;
	params[0].value.a = dynamic_truncate(mac);
	params[0].value.b = 0;
	h->counter++;
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	switch (cmd_id) {
	case TA_HOTP_CMD_REGISTER_SHARED_KEY:
		return register_key(sess_ctx, param_types, params);
	case TA_HOTP_CMD_GET_HOTP:
		return get_hotp(sess_ctx, param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
