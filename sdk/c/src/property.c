// SPDX-License-Identifier: BSD-2-Clause
/*
 * Properties, GPD_SPE_010 §4.4: access by name or through an enumerator,
 * over the get_property and get_property_name_to_index system calls. GP
 * lists no out-of-memory result for the getters, so a heap too full to
 * hold a property value panics the TA like any other result GP does not
 * allow. A handle is either one of the pseudo-handles
 * TEE_PROPSET_TEE_IMPLEMENTATION, TEE_PROPSET_CURRENT_CLIENT and
 * TEE_PROPSET_CURRENT_TA, or an enumerator from
 * TEE_AllocatePropertyEnumerator; anything else panics, as GP requires for
 * an invalid handle. An enumerator is a heap record (set, index) kept on a
 * list, so that a stale or forged handle is recognised and panics.
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

/* A property enumerator; set 0 means not started. */
struct prop_enum {
	struct prop_enum *next;
	uint32_t set;
	uint32_t index;
};

static struct prop_enum *enums;

static void prop_release(struct prop *p)
{
	if (p->val != p->small)
		free(p->val);
}

static bool is_propset(uint32_t ps)
{
	return ps == (uint32_t)(uintptr_t)TEE_PROPSET_TEE_IMPLEMENTATION ||
	       ps == (uint32_t)(uintptr_t)TEE_PROPSET_CURRENT_CLIENT ||
	       ps == (uint32_t)(uintptr_t)TEE_PROPSET_CURRENT_TA;
}

/* enum_of returns the live enumerator h, or panics. */
static struct prop_enum *enum_of(TEE_PropSetHandle h)
{
	struct prop_enum *e;

	for (e = enums; e; e = e->next)
		if ((TEE_PropSetHandle)e == h)
			return e;
	TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return NULL;
}

/*
 * prop_at reads property index of set ps. It returns TEE_SUCCESS or
 * TEE_ERROR_ITEM_NOT_FOUND; anything else panics.
 */
static TEE_Result prop_at(uint32_t ps, uint32_t index, struct prop *p)
{
	TEE_Result res;

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

/*
 * prop_fetch reads property name of pseudo-handle h, or the current
 * property of enumerator h (name is then ignored). It returns TEE_SUCCESS
 * or TEE_ERROR_ITEM_NOT_FOUND (also for an enumerator not started or past
 * its end); anything else panics.
 */
static TEE_Result prop_fetch(TEE_PropSetHandle h, const char *name,
			     struct prop *p)
{
	uint32_t ps = (uint32_t)(uintptr_t)h;
	uint32_t index = 0;
	TEE_Result res;

	if (!is_propset(ps)) {
		struct prop_enum *e = enum_of(h);

		if (!e->set)
			return TEE_ERROR_ITEM_NOT_FOUND;
		return prop_at(e->set, e->index, p);
	}
	if (!name)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_get_property_name_to_index(ps, VT_ADDR(name),
					       (uint32_t)strlen(name),
					       VT_ADDR(&index));
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		return res;
	if (res != TEE_SUCCESS)
		TEE_Panic(res);
	return prop_at(ps, index, p);
}

/*
 * TEE_AllocatePropertyEnumerator (§4.4.10) makes an enumerator that is not
 * started. It returns TEE_SUCCESS or TEE_ERROR_OUT_OF_MEMORY.
 */
TEE_Result TEE_AllocatePropertyEnumerator(TEE_PropSetHandle *enumerator)
{
	struct prop_enum *e;

	if (!enumerator)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	e = calloc(1, sizeof(*e));
	if (!e) {
		*enumerator = TEE_HANDLE_NULL;
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	e->next = enums;
	enums = e;
	*enumerator = (TEE_PropSetHandle)e;
	return TEE_SUCCESS;
}

/*
 * TEE_FreePropertyEnumerator (§4.4.11) frees an enumerator; TEE_HANDLE_NULL
 * does nothing, anything but a live enumerator panics.
 */
void TEE_FreePropertyEnumerator(TEE_PropSetHandle enumerator)
{
	struct prop_enum **pp;

	if (enumerator == TEE_HANDLE_NULL)
		return;
	for (pp = &enums; *pp; pp = &(*pp)->next) {
		if ((TEE_PropSetHandle)*pp == enumerator) {
			struct prop_enum *e = *pp;

			*pp = e->next;
			free(e);
			return;
		}
	}
	TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

/*
 * TEE_StartPropertyEnumerator (§4.4.12) points an enumerator at the first
 * property of propSet, which must be a pseudo-handle.
 */
void TEE_StartPropertyEnumerator(TEE_PropSetHandle enumerator,
				 TEE_PropSetHandle propSet)
{
	struct prop_enum *e = enum_of(enumerator);
	uint32_t ps = (uint32_t)(uintptr_t)propSet;

	if (!is_propset(ps))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	e->set = ps;
	e->index = 0;
}

/*
 * TEE_ResetPropertyEnumerator (§4.4.13) returns an enumerator to the state
 * it had just after allocation.
 */
void TEE_ResetPropertyEnumerator(TEE_PropSetHandle enumerator)
{
	struct prop_enum *e = enum_of(enumerator);

	e->set = 0;
	e->index = 0;
}

/*
 * TEE_GetPropertyName (§4.4.14) writes the name of the enumerator's current
 * property, NUL-terminated. It returns TEE_SUCCESS,
 * TEE_ERROR_ITEM_NOT_FOUND (not started, or past the end) or
 * TEE_ERROR_SHORT_BUFFER; *nameBufferLen is set to the size of the name
 * including its NUL, on success too.
 */
TEE_Result TEE_GetPropertyName(TEE_PropSetHandle enumerator, void *nameBuffer,
			       size_t *nameBufferLen)
{
	struct prop_enum *e = enum_of(enumerator);
	uint32_t nlen, vlen, type;
	TEE_Result res;
	char small[64];
	uint8_t vsmall[64];
	char *name = small;
	uint8_t *val = vsmall;

	if (!nameBufferLen || (!nameBuffer && *nameBufferLen))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	if (!e->set)
		return TEE_ERROR_ITEM_NOT_FOUND;
	/*
	 * The system call writes the name only when the value fits too: a
	 * first call learns both sizes.
	 */
	nlen = sizeof(small);
	vlen = sizeof(vsmall);
	res = _utee_get_property(e->set, e->index, VT_ADDR(name),
				 VT_ADDR(&nlen), VT_ADDR(val), VT_ADDR(&vlen),
				 VT_ADDR(&type));
	if (res == TEE_ERROR_SHORT_BUFFER) {
		if (nlen > sizeof(small))
			name = malloc(nlen);
		if (vlen > sizeof(vsmall))
			val = malloc(vlen);
		if (!name || !val)
			TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
		res = _utee_get_property(e->set, e->index, VT_ADDR(name),
					 VT_ADDR(&nlen), VT_ADDR(val),
					 VT_ADDR(&vlen), VT_ADDR(&type));
	}
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		goto out;
	if (res != TEE_SUCCESS)
		TEE_Panic(res);
	if (*nameBufferLen < nlen) {
		res = TEE_ERROR_SHORT_BUFFER;
	} else {
		memcpy(nameBuffer, name, nlen);
		res = TEE_SUCCESS;
	}
	*nameBufferLen = nlen;
out:
	if (name != small)
		free(name);
	if (val != vsmall)
		free(val);
	return res;
}

/*
 * TEE_GetNextProperty (§4.4.15) moves an enumerator to the next property.
 * It returns TEE_SUCCESS, or TEE_ERROR_ITEM_NOT_FOUND when the enumerator
 * is not started or there is no next property (it then stays past the
 * end).
 */
TEE_Result TEE_GetNextProperty(TEE_PropSetHandle enumerator)
{
	struct prop_enum *e = enum_of(enumerator);
	uint32_t nlen = 0, vlen = 0, type;
	TEE_Result res;

	if (!e->set)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (e->index != UINT32_MAX)
		e->index++;
	res = _utee_get_property(e->set, e->index, 0, VT_ADDR(&nlen), 0,
				 VT_ADDR(&vlen), VT_ADDR(&type));
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		return res;
	if (res != TEE_SUCCESS && res != TEE_ERROR_SHORT_BUFFER)
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
		s = malloc(10 + 1 + 37);
		if (s)
			snprintf(s, 10 + 1 + 37, "%" PRIu32 ":%s", id.login, u);
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
 * identities (login in decimal, as OP-TEE), base64 binary blocks. It returns
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
 * TEE_GetPropertyAsU64 (§4.4.6): a 64-bit integer property. As in OP-TEE,
 * a property of any other type, a 32-bit one included, is
 * TEE_ERROR_BAD_FORMAT.
 */
TEE_Result TEE_GetPropertyAsU64(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint64_t *value)
{
	return get_fixed(propsetOrEnumerator, name, USER_TA_PROP_TYPE_U64,
			 value, 8);
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
