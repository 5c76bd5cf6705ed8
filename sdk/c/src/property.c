// SPDX-License-Identifier: BSD-2-Clause
/*
 * Property access by name, GPD_SPE_010 §4.4, over the get_property and
 * get_property_name_to_index system calls. GP lists no out-of-memory
 * result for these functions, so a heap too full to hold a property value
 * panics the TA like any other result GP does not allow. Only the pseudo-handles
 * TEE_PROPSET_TEE_IMPLEMENTATION, TEE_PROPSET_CURRENT_CLIENT and
 * TEE_PROPSET_CURRENT_TA are accepted; any other handle would be an
 * enumerator, and since no enumerator can exist yet it is a programmer
 * error that panics, as GP requires for an invalid handle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <user_ta_header.h>
#include "utee_private.h"

/* A property value fetched from the core. */
struct prop {
	uint32_t type;
	uint32_t len;
	uint8_t *val; /* small or heap */
	uint8_t small[64];
};

static void prop_release(struct prop *p)
{
	if (p->val != p->small)
		free(p->val);
}

static uint32_t propset_of(TEE_PropSetHandle h)
{
	uint32_t ps = (uint32_t)(uintptr_t)h;

	if (ps != (uint32_t)(uintptr_t)TEE_PROPSET_TEE_IMPLEMENTATION &&
	    ps != (uint32_t)(uintptr_t)TEE_PROPSET_CURRENT_CLIENT &&
	    ps != (uint32_t)(uintptr_t)TEE_PROPSET_CURRENT_TA)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return ps;
}

/*
 * prop_fetch reads property name of set h. It returns TEE_SUCCESS or
 * TEE_ERROR_ITEM_NOT_FOUND; anything else panics.
 */
static TEE_Result prop_fetch(TEE_PropSetHandle h, const char *name,
			     struct prop *p)
{
	uint32_t ps = propset_of(h);
	uint32_t index = 0;
	TEE_Result res;

	if (!name)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_get_property_name_to_index(ps, VT_ADDR(name),
					       (uint32_t)strlen(name),
					       VT_ADDR(&index));
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		return res;
	if (res != TEE_SUCCESS)
		TEE_Panic(res);

	p->val = p->small;
	p->len = sizeof(p->small);
	res = _utee_get_property(ps, index, 0, 0, VT_ADDR(p->val),
				 VT_ADDR(&p->len), VT_ADDR(&p->type));
	if (res == TEE_ERROR_SHORT_BUFFER) {
		p->val = malloc(p->len ? p->len : 1);
		if (!p->val)
			TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
		res = _utee_get_property(ps, index, 0, 0, VT_ADDR(p->val),
					 VT_ADDR(&p->len), VT_ADDR(&p->type));
	}
	if (res == TEE_ERROR_ITEM_NOT_FOUND) {
		prop_release(p);
		return res;
	}
	if (res != TEE_SUCCESS)
		TEE_Panic(res);
	return TEE_SUCCESS;
}

static bool fixed_len(const struct prop *p, uint32_t want)
{
	return p->len == want;
}

/*
 * format_string renders a property as GP's string form; NULL means the value
 * does not fit its type (TEE_ERROR_BAD_FORMAT).
 */
static char *format_string(const struct prop *p)
{
	char *s = NULL;
	size_t n;

	switch (p->type) {
	case USER_TA_PROP_TYPE_BOOL:
		if (!fixed_len(p, 4))
			return NULL;
		s = strdup(p->val[0] ? "true" : "false");
		break;
	case USER_TA_PROP_TYPE_U32: {
		uint32_t v;

		if (!fixed_len(p, 4))
			return NULL;
		memcpy(&v, p->val, 4);
		s = malloc(11);
		if (s)
			snprintf(s, 11, "%" PRIu32, v);
		break;
	}
	case USER_TA_PROP_TYPE_U64: {
		uint64_t v;

		if (!fixed_len(p, 8))
			return NULL;
		memcpy(&v, p->val, 8);
		s = malloc(21);
		if (s)
			snprintf(s, 21, "%" PRIu64, v);
		break;
	}
	case USER_TA_PROP_TYPE_UUID: {
		TEE_UUID u;

		if (!fixed_len(p, sizeof(u)))
			return NULL;
		memcpy(&u, p->val, sizeof(u));
		s = malloc(37);
		if (s)
			vt_uuid_fmt(&u, s);
		break;
	}
	case USER_TA_PROP_TYPE_IDENTITY: {
		TEE_Identity id;
		char u[37];

		if (!fixed_len(p, sizeof(id)))
			return NULL;
		memcpy(&id, p->val, sizeof(id));
		vt_uuid_fmt(&id.uuid, u);
		s = malloc(9 + 1 + 37);
		if (s)
			snprintf(s, 9 + 1 + 37, "%" PRIx32 ":%s", id.login, u);
		break;
	}
	case USER_TA_PROP_TYPE_STRING:
		s = malloc(p->len + 1);
		if (s) {
			memcpy(s, p->val, p->len);
			s[p->len] = '\0';
		}
		break;
	case USER_TA_PROP_TYPE_BINARY_BLOCK:
		n = vt_base64_enc_len(p->len);
		s = malloc(n + 1);
		if (s) {
			vt_base64_enc(p->val, p->len, s);
			s[n] = '\0';
		}
		break;
	default:
		return NULL;
	}
	if (!s)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	return s;
}

/*
 * TEE_GetPropertyAsString (§4.4.3) converts any property to its string
 * form: "true"/"false", decimal integers, canonical UUIDs, "login:uuid"
 * identities (login in hex, as OP-TEE), base64 binary blocks. It returns
 * TEE_SUCCESS, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_BAD_FORMAT or
 * TEE_ERROR_SHORT_BUFFER; *valueBufferLen is set to the string's size
 * including its terminating NUL ([outstring], §3.4.7), on success too.
 */
TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator,
				   const char *name, char *valueBuffer,
				   size_t *valueBufferLen)
{
	struct prop p;
	TEE_Result res;
	char *s;
	size_t need;

	if (!valueBufferLen || (!valueBuffer && *valueBufferLen))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_fetch(propsetOrEnumerator, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	s = format_string(&p);
	prop_release(&p);
	if (!s)
		return TEE_ERROR_BAD_FORMAT;
	need = strlen(s) + 1;
	if (*valueBufferLen < need) {
		*valueBufferLen = need;
		free(s);
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(valueBuffer, s, need);
	*valueBufferLen = need;
	free(s);
	return TEE_SUCCESS;
}

/*
 * get_fixed fetches a property that must have type want and size n;
 * another type is TEE_ERROR_BAD_FORMAT.
 */
static TEE_Result get_fixed(TEE_PropSetHandle h, const char *name,
			    uint32_t want, void *out, uint32_t n)
{
	struct prop p;
	TEE_Result res;

	if (!out)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_fetch(h, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	if (p.type != want || p.len != n)
		res = TEE_ERROR_BAD_FORMAT;
	else
		memcpy(out, p.val, n);
	prop_release(&p);
	return res;
}

/* TEE_GetPropertyAsBool (§4.4.4): a boolean property. */
TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle propsetOrEnumerator,
				 const char *name, bool *value)
{
	uint32_t v = 0;
	TEE_Result res;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = get_fixed(propsetOrEnumerator, name, USER_TA_PROP_TYPE_BOOL, &v,
			4);
	if (res == TEE_SUCCESS)
		*value = v != 0;
	return res;
}

/* TEE_GetPropertyAsU32 (§4.4.5): a 32-bit integer property. */
TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint32_t *value)
{
	return get_fixed(propsetOrEnumerator, name, USER_TA_PROP_TYPE_U32,
			 value, 4);
}

/*
 * TEE_GetPropertyAsU64 (§4.4.6): a 64-bit integer property; a 32-bit one is
 * widened.
 */
TEE_Result TEE_GetPropertyAsU64(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint64_t *value)
{
	struct prop p;
	TEE_Result res;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_fetch(propsetOrEnumerator, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	if (p.type == USER_TA_PROP_TYPE_U64 && p.len == 8) {
		memcpy(value, p.val, 8);
	} else if (p.type == USER_TA_PROP_TYPE_U32 && p.len == 4) {
		uint32_t v;

		memcpy(&v, p.val, 4);
		*value = v;
	} else {
		res = TEE_ERROR_BAD_FORMAT;
	}
	prop_release(&p);
	return res;
}

/*
 * TEE_GetPropertyAsBinaryBlock (§4.4.7): a binary block property. It
 * returns TEE_ERROR_SHORT_BUFFER with *valueBufferLen set to the size
 * needed when the buffer is too small.
 */
TEE_Result TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle propsetOrEnumerator,
					const char *name, void *valueBuffer,
					size_t *valueBufferLen)
{
	struct prop p;
	TEE_Result res;

	if (!valueBufferLen || (!valueBuffer && *valueBufferLen))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_fetch(propsetOrEnumerator, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	if (p.type != USER_TA_PROP_TYPE_BINARY_BLOCK) {
		res = TEE_ERROR_BAD_FORMAT;
	} else if (*valueBufferLen < p.len) {
		*valueBufferLen = p.len;
		res = TEE_ERROR_SHORT_BUFFER;
	} else {
		memcpy(valueBuffer, p.val, p.len);
		*valueBufferLen = p.len;
	}
	prop_release(&p);
	return res;
}

/* TEE_GetPropertyAsUUID (§4.4.8): a UUID property. */
TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle propsetOrEnumerator,
				 const char *name, TEE_UUID *value)
{
	return get_fixed(propsetOrEnumerator, name, USER_TA_PROP_TYPE_UUID,
			 value, sizeof(*value));
}

/* TEE_GetPropertyAsIdentity (§4.4.9): an identity property. */
TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle propsetOrEnumerator,
				     const char *name, TEE_Identity *value)
{
	return get_fixed(propsetOrEnumerator, name,
			 USER_TA_PROP_TYPE_IDENTITY, value, sizeof(*value));
}
