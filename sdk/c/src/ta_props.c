// SPDX-License-Identifier: BSD-2-Clause
/*
 * veritee_ta_props serializes the TA's property table (ta_props, built by
 * user_ta_header.c from user_ta_header_defines.h) into the blob of
 * internal/abi/props.go:
 *
 *	u32 magic "VTP1", u32 ABI version, u32 count,
 *	count x { u32 name length, name, u32 type, u32 value length, value }
 *
 * little-endian, values encoded as the Go side's PropType comments say. The
 * packer calls it once and stores the blob in the TA image; a malformed
 * table is a build mistake, so it panics with a message naming the entry.
 */
#include <stdlib.h>
#include <string.h>
#include <user_ta_header.h>
#include "utee_private.h"

#define VT_PROPS_MAGIC 0x31505456U /* "VTP1" */
#define VT_MAX_PROPS 256
#define VT_MAX_NAME 256
#define VT_MAX_VALUE (64 * 1024)

static uint8_t *put_u32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
	return b + 4;
}

static void bad_prop(const struct user_ta_property *p, const char *why)
{
	EMSG("TA property \"%s\": %s", p->name ? p->name : "(null)", why);
	TEE_Panic(TEE_ERROR_BAD_FORMAT);
}

/*
 * value_len returns the encoded size of p's value, or panics when p cannot
 * be encoded.
 */
static size_t value_len(const struct user_ta_property *p)
{
	size_t n = 0;

	if (!p->value)
		bad_prop(p, "no value");
	switch (p->type) {
	case USER_TA_PROP_TYPE_BOOL:
	case USER_TA_PROP_TYPE_U32:
		return 4;
	case USER_TA_PROP_TYPE_U64:
		return 8;
	case USER_TA_PROP_TYPE_UUID:
		return sizeof(TEE_UUID);
	case USER_TA_PROP_TYPE_IDENTITY:
		return sizeof(TEE_Identity);
	case USER_TA_PROP_TYPE_STRING:
		n = strlen(p->value);
		break;
	case USER_TA_PROP_TYPE_BINARY_BLOCK:
		if (!vt_base64_dec(p->value, NULL, &n))
			bad_prop(p, "binary block is not valid base64");
		break;
	default:
		bad_prop(p, "unknown type");
	}
	if (n > VT_MAX_VALUE)
		bad_prop(p, "value too long");
	return n;
}

static uint8_t *put_value(uint8_t *b, const struct user_ta_property *p,
			  size_t n)
{
	switch (p->type) {
	case USER_TA_PROP_TYPE_BOOL:
		return put_u32(b, *(const bool *)p->value ? 1 : 0);
	case USER_TA_PROP_TYPE_U32:
		return put_u32(b, *(const uint32_t *)p->value);
	case USER_TA_PROP_TYPE_U64: {
		uint64_t v = *(const uint64_t *)p->value;

		b = put_u32(b, (uint32_t)v);
		return put_u32(b, (uint32_t)(v >> 32));
	}
	case USER_TA_PROP_TYPE_BINARY_BLOCK:
		vt_base64_dec(p->value, b, &n);
		return b + n;
	default: /* UUID, identity: their wasm32 layout; string: bytes */
		memcpy(b, p->value, n);
		return b + n;
	}
}

static uint8_t *props_blob;

VT_EXPORT("veritee_ta_props") const void *veritee_ta_props(void)
{
	size_t total = 12, i, j;
	uint8_t *b;

	if (props_blob)
		return props_blob;
	if (ta_num_props > VT_MAX_PROPS) {
		EMSG("%zu TA properties, at most %d", ta_num_props,
		     VT_MAX_PROPS);
		TEE_Panic(TEE_ERROR_BAD_FORMAT);
	}
	for (i = 0; i < ta_num_props; i++) {
		const struct user_ta_property *p = &ta_props[i];
		size_t nl = p->name ? strlen(p->name) : 0;

		if (nl == 0 || nl > VT_MAX_NAME)
			bad_prop(p, "name empty or too long");
		for (j = 0; j < i; j++)
			if (!strcmp(ta_props[j].name, p->name))
				bad_prop(p, "defined twice");
		total += 12 + nl + value_len(p);
	}

	props_blob = malloc(4 + total);
	if (!props_blob)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	b = put_u32(props_blob, (uint32_t)total);
	b = put_u32(b, VT_PROPS_MAGIC);
	b = put_u32(b, VERITEE_ABI_VERSION);
	b = put_u32(b, (uint32_t)ta_num_props);
	for (i = 0; i < ta_num_props; i++) {
		const struct user_ta_property *p = &ta_props[i];
		size_t nl = strlen(p->name), vl = value_len(p);

		b = put_u32(b, (uint32_t)nl);
		memcpy(b, p->name, nl);
		b = put_u32(b + nl, (uint32_t)p->type);
		b = put_u32(b, (uint32_t)vl);
		b = put_value(b, p, vl);
	}
	return props_blob;
}
