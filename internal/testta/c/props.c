// SPDX-License-Identifier: BSD-2-Clause
/*
 * Properties and instance data (internal/testta/proto_props.go), commands
 * 200..249.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <vt_families.h>

#define CMD_PROPS_ENUM 200
#define CMD_PROPS_GET 201
#define CMD_PROPS_SHORT 202
#define CMD_PROPS_ENUM_EDGE 203
#define CMD_PROPS_PANIC 204
#define CMD_INSTANCE_SET 210
#define CMD_INSTANCE_GET 211

#define T(a, b, c, d) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				      TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

/* Property types as docs/ta-abi.md numbers them. */
enum { PT_BOOL, PT_U32, PT_UUID, PT_IDENTITY, PT_STRING, PT_BLOB };

/* An output stream over a memref: it counts past the end. */
struct out {
	uint8_t *buf;
	size_t cap, n;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (o->n + n <= o->cap && n)
		memcpy(o->buf + o->n, p, n);
	o->n += n;
}

static void put32(struct out *o, uint32_t v)
{
	put(o, &v, 4);
}

static TEE_PropSetHandle set_of(uint32_t v)
{
	return (TEE_PropSetHandle)(uintptr_t)v;
}

static char value[1024];

/*
 * typed_value reads the current property of h (name ignored for an
 * enumerator) by trying the getters; it sets *type and *len and leaves the
 * value in value[].
 */
static TEE_Result typed_value(TEE_PropSetHandle h, const char *name,
			      uint32_t *type, size_t *len)
{
	bool b;
	uint32_t u32;
	uint64_t u64;
	TEE_UUID u;
	TEE_Identity id;
	TEE_Result res;

	res = TEE_GetPropertyAsBool(h, name, &b);
	if (res == TEE_SUCCESS) {
		u32 = b;
		memcpy(value, &u32, 4);
		*type = PT_BOOL, *len = 4;
		return res;
	}
	if (res != TEE_ERROR_BAD_FORMAT)
		return res;
	if (TEE_GetPropertyAsU32(h, name, &u32) == TEE_SUCCESS) {
		memcpy(value, &u32, 4);
		*type = PT_U32, *len = 4;
		return TEE_SUCCESS;
	}
	if (TEE_GetPropertyAsU64(h, name, &u64) == TEE_SUCCESS) {
		memcpy(value, &u64, 8);
		*type = 6, *len = 8; /* USER_TA_PROP_TYPE_U64 */
		return TEE_SUCCESS;
	}
	if (TEE_GetPropertyAsUUID(h, name, &u) == TEE_SUCCESS) {
		memcpy(value, &u, sizeof(u));
		*type = PT_UUID, *len = sizeof(u);
		return TEE_SUCCESS;
	}
	if (TEE_GetPropertyAsIdentity(h, name, &id) == TEE_SUCCESS) {
		memcpy(value, &id, sizeof(id));
		*type = PT_IDENTITY, *len = sizeof(id);
		return TEE_SUCCESS;
	}
	*len = sizeof(value);
	if (TEE_GetPropertyAsBinaryBlock(h, name, value, len) == TEE_SUCCESS) {
		*type = PT_BLOB;
		return TEE_SUCCESS;
	}
	*len = sizeof(value);
	res = TEE_GetPropertyAsString(h, name, value, len);
	if (res == TEE_SUCCESS) {
		*type = PT_STRING;
		*len -= 1; /* without the NUL */
	}
	return res;
}

static TEE_Result props_enum(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_PropSetHandle e;
	struct out o;
	uint32_t count = 0;
	TEE_Result res;
	char name[256];

	if (types != T(VALUE_INPUT, MEMREF_OUTPUT, VALUE_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	o.buf = p[1].memref.buffer, o.cap = p[1].memref.size, o.n = 0;
	res = TEE_AllocatePropertyEnumerator(&e);
	if (res != TEE_SUCCESS)
		return res;
	TEE_StartPropertyEnumerator(e, set_of(p[0].value.a));
	for (;;) {
		size_t nl = sizeof(name), vl;
		uint32_t type;

		res = TEE_GetPropertyName(e, name, &nl);
		if (res != TEE_SUCCESS)
			break;
		res = typed_value(e, NULL, &type, &vl);
		if (res != TEE_SUCCESS)
			break;
		put32(&o, nl - 1);
		put(&o, name, nl - 1);
		put32(&o, type);
		put32(&o, vl);
		put(&o, value, vl);
		count++;
		res = TEE_GetNextProperty(e);
		if (res != TEE_SUCCESS)
			break;
	}
	TEE_FreePropertyEnumerator(e);
	if (res != TEE_ERROR_ITEM_NOT_FOUND)
		return res;
	p[2].value.a = count;
	p[1].memref.size = o.n;
	return o.n > o.cap ? TEE_ERROR_SHORT_BUFFER : TEE_SUCCESS;
}

/* name_param copies memref[i] into a NUL-terminated name. */
static bool name_param(TEE_Param *m, char *name, size_t cap)
{
	if (m->memref.size >= cap || (!m->memref.buffer && m->memref.size))
		return false;
	memcpy(name, m->memref.buffer, m->memref.size);
	name[m->memref.size] = '\0';
	return true;
}

static void rec(struct out *o, TEE_Result res, const void *v, size_t n)
{
	put32(o, res);
	if (res != TEE_SUCCESS)
		n = 0;
	put32(o, n);
	put(o, v, n);
}

static TEE_Result props_get(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_PropSetHandle h;
	struct out o;
	char name[256];
	size_t n;
	bool b;
	uint32_t u32;
	uint64_t u64;
	TEE_UUID u;
	TEE_Identity id;
	TEE_Result res;

	if (types != T(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, NONE) ||
	    !name_param(&p[1], name, sizeof(name)))
		return TEE_ERROR_BAD_PARAMETERS;
	h = set_of(p[0].value.a);
	o.buf = p[2].memref.buffer, o.cap = p[2].memref.size, o.n = 0;

	n = sizeof(value);
	res = TEE_GetPropertyAsString(h, name, value, &n);
	rec(&o, res, value, res == TEE_SUCCESS ? n - 1 : 0);
	res = TEE_GetPropertyAsBool(h, name, &b);
	u32 = b;
	rec(&o, res, &u32, 4);
	res = TEE_GetPropertyAsU32(h, name, &u32);
	rec(&o, res, &u32, 4);
	res = TEE_GetPropertyAsU64(h, name, &u64);
	rec(&o, res, &u64, 8);
	n = sizeof(value);
	res = TEE_GetPropertyAsBinaryBlock(h, name, value, &n);
	rec(&o, res, value, n);
	res = TEE_GetPropertyAsUUID(h, name, &u);
	rec(&o, res, &u, sizeof(u));
	res = TEE_GetPropertyAsIdentity(h, name, &id);
	rec(&o, res, &id, sizeof(id));

	p[2].memref.size = o.n;
	return o.n > o.cap ? TEE_ERROR_SHORT_BUFFER : TEE_SUCCESS;
}

static TEE_Result props_short(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	char name[256];
	size_t n;

	if (types != T(VALUE_INPUT, MEMREF_INPUT, VALUE_OUTPUT, VALUE_OUTPUT) ||
	    !name_param(&p[1], name, sizeof(name)) ||
	    p[0].value.b > sizeof(value))
		return TEE_ERROR_BAD_PARAMETERS;
	n = p[0].value.b;
	p[2].value.a = TEE_GetPropertyAsString(set_of(p[0].value.a), name,
					       n ? value : NULL, &n);
	p[2].value.b = n;
	n = p[0].value.b;
	p[3].value.a = TEE_GetPropertyAsBinaryBlock(set_of(p[0].value.a), name,
						    n ? value : NULL, &n);
	p[3].value.b = n;
	return TEE_SUCCESS;
}

static TEE_Result props_enum_edge(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_PropSetHandle e;
	uint32_t r[10];
	char name[256];
	size_t n;
	TEE_Result res;

	if (types != T(VALUE_INPUT, MEMREF_OUTPUT, NONE, NONE) ||
	    p[0].value.b > sizeof(name))
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].memref.size < sizeof(r)) {
		p[1].memref.size = sizeof(r);
		return TEE_ERROR_SHORT_BUFFER;
	}
	res = TEE_AllocatePropertyEnumerator(&e);
	if (res != TEE_SUCCESS)
		return res;
	n = sizeof(name);
	r[0] = TEE_GetPropertyName(e, name, &n);
	r[1] = TEE_GetNextProperty(e);
	TEE_StartPropertyEnumerator(e, set_of(p[0].value.a));
	n = p[0].value.b;
	r[2] = TEE_GetPropertyName(e, n ? name : NULL, &n);
	r[3] = n;
	r[4] = 0;
	while ((res = TEE_GetNextProperty(e)) == TEE_SUCCESS)
		r[4]++;
	r[5] = TEE_GetNextProperty(e);
	n = sizeof(name);
	r[6] = TEE_GetPropertyName(e, name, &n);
	n = sizeof(value);
	r[7] = TEE_GetPropertyAsString(e, NULL, value, &n);
	TEE_ResetPropertyEnumerator(e);
	n = sizeof(name);
	r[8] = TEE_GetPropertyName(e, name, &n);
	TEE_StartPropertyEnumerator(e, set_of(p[0].value.a));
	n = sizeof(name);
	r[9] = TEE_GetPropertyName(e, name, &n);
	TEE_FreePropertyEnumerator(e);
	memcpy(p[1].memref.buffer, r, sizeof(r));
	p[1].memref.size = sizeof(r);
	return TEE_SUCCESS;
}

static TEE_Result props_panic(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_PropSetHandle e;
	uint32_t v;

	if (types != T(VALUE_INPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (p[0].value.a) {
	case 0:
		TEE_GetPropertyAsU32((TEE_PropSetHandle)(uintptr_t)0x1230,
				     "gpd.ta.dataSize", &v);
		break;
	case 1:
		if (TEE_AllocatePropertyEnumerator(&e) == TEE_SUCCESS)
			TEE_StartPropertyEnumerator(e, (TEE_PropSetHandle)(uintptr_t)7);
		break;
	case 2:
		if (TEE_AllocatePropertyEnumerator(&e) == TEE_SUCCESS) {
			TEE_FreePropertyEnumerator(e);
			TEE_GetNextProperty(e);
		}
		break;
	case 3:
		TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, NULL, &v);
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_ERROR_GENERIC; /* not reached when it panics */
}

struct idata {
	uint32_t a, b;
};

static TEE_Result instance_set(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	struct idata *d;

	if (types != T(VALUE_INPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	d = TEE_Malloc(sizeof(*d), TEE_MALLOC_FILL_ZERO);
	if (!d)
		return TEE_ERROR_OUT_OF_MEMORY;
	d->a = p[0].value.a;
	d->b = p[0].value.b;
	TEE_Free((void *)TEE_GetInstanceData());
	TEE_SetInstanceData(d);
	return TEE_SUCCESS;
}

static TEE_Result instance_get(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	const struct idata *d = TEE_GetInstanceData();

	if (types != T(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!d)
		return TEE_ERROR_ITEM_NOT_FOUND;
	p[0].value.a = d->a;
	p[0].value.b = d->b;
	return TEE_SUCCESS;
}

TEE_Result vt_props_cmd(uint32_t cmd, uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	switch (cmd) {
	case CMD_PROPS_ENUM:
		return props_enum(types, p);
	case CMD_PROPS_GET:
		return props_get(types, p);
	case CMD_PROPS_SHORT:
		return props_short(types, p);
	case CMD_PROPS_ENUM_EDGE:
		return props_enum_edge(types, p);
	case CMD_PROPS_PANIC:
		return props_panic(types, p);
	case CMD_INSTANCE_SET:
		return instance_set(types, p);
	case CMD_INSTANCE_GET:
		return instance_get(types, p);
	}
	return TEE_ERROR_NOT_SUPPORTED;
}
