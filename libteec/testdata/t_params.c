// SPDX-License-Identifier: BSD-2-Clause
/*
 * Every parameter type through CmdParams, in TEEC_InvokeCommand and
 * TEEC_OpenSession, checked against a model of the TA's transformation
 * (internal/testta/proto.go, CmdParams).
 */
#include <string.h>

#include "common.h"

enum { TEMP, TEMP_NULL, ALLOC, REG };

struct pspec {
	uint32_t type;
	int mem;
	size_t off, size;   /* the window; for WHOLE the memory's size */
	uint32_t flags;     /* shared memory flags */
};

struct pcase {
	const char *name;
	struct pspec p[4];
};

#define IO (TEEC_MEM_INPUT | TEEC_MEM_OUTPUT)

static const struct pcase cases[] = {
	{ "values", { { TEEC_VALUE_INPUT }, { TEEC_VALUE_INOUT }, { TEEC_VALUE_OUTPUT }, { TEEC_NONE } } },
	{ "temp", { { TEEC_MEMREF_TEMP_INPUT, TEMP, 0, 16 }, { TEEC_MEMREF_TEMP_INOUT, TEMP, 0, 33 },
		    { TEEC_MEMREF_TEMP_OUTPUT, TEMP, 0, 8 }, { TEEC_VALUE_OUTPUT } } },
	{ "temp null and empty", { { TEEC_MEMREF_TEMP_INPUT, TEMP_NULL, 0, 5 }, { TEEC_MEMREF_TEMP_OUTPUT, TEMP_NULL, 0, 7 },
				   { TEEC_MEMREF_TEMP_INOUT, TEMP, 0, 0 }, { TEEC_VALUE_OUTPUT } } },
	{ "whole allocated", { { TEEC_MEMREF_WHOLE, ALLOC, 0, 20, TEEC_MEM_INPUT }, { TEEC_MEMREF_WHOLE, ALLOC, 0, 12, TEEC_MEM_OUTPUT },
			       { TEEC_MEMREF_WHOLE, ALLOC, 0, 40, IO }, { TEEC_VALUE_OUTPUT } } },
	{ "partial allocated", { { TEEC_MEMREF_PARTIAL_INPUT, ALLOC, 3, 10, TEEC_MEM_INPUT }, { TEEC_MEMREF_PARTIAL_OUTPUT, ALLOC, 5, 6, IO },
				 { TEEC_MEMREF_PARTIAL_INOUT, ALLOC, 1, 30, IO }, { TEEC_VALUE_OUTPUT } } },
	{ "whole registered", { { TEEC_MEMREF_WHOLE, REG, 0, 20, TEEC_MEM_INPUT }, { TEEC_MEMREF_WHOLE, REG, 0, 12, TEEC_MEM_OUTPUT },
				{ TEEC_MEMREF_WHOLE, REG, 0, 40, IO }, { TEEC_VALUE_OUTPUT } } },
	{ "partial registered", { { TEEC_MEMREF_PARTIAL_INPUT, REG, 3, 10, IO }, { TEEC_MEMREF_PARTIAL_OUTPUT, REG, 5, 6, TEEC_MEM_OUTPUT },
				  { TEEC_MEMREF_PARTIAL_INOUT, REG, 1, 30, IO }, { TEEC_VALUE_OUTPUT } } },
	{ "zero-sized windows", { { TEEC_MEMREF_PARTIAL_INOUT, REG, 16, 0, IO }, { TEEC_MEMREF_WHOLE, ALLOC, 0, 0, IO },
				  { TEEC_VALUE_INPUT }, { TEEC_VALUE_OUTPUT } } },
	{ "mixed", { { TEEC_MEMREF_TEMP_INOUT, TEMP, 0, 1000 }, { TEEC_MEMREF_PARTIAL_INOUT, REG, 100, 4000, IO },
		     { TEEC_VALUE_INOUT }, { TEEC_VALUE_OUTPUT } } },
	/* Within the C TA's 1 MiB heap, which receives copies of all three. */
	{ "large", { { TEEC_MEMREF_TEMP_INOUT, TEMP, 0, 256 << 10 }, { TEEC_MEMREF_WHOLE, ALLOC, 0, 256 << 10, IO },
		     { TEEC_MEMREF_WHOLE, REG, 0, 128 << 10, IO }, { TEEC_VALUE_OUTPUT } } },
};

/* Extra bytes around a window, which must stay untouched. */
#define SLACK 16

struct backing {
	TEEC_SharedMemory shm;
	uint8_t *mem;      /* the bytes the client sees */
	size_t len;
	uint8_t *want;     /* what they must be afterwards */
};

/* dir returns how the TA sees a parameter: 'i', 'o', 'b' (both), 'v'... */
static int mem_dir(const struct pspec *s)
{
	switch (s->type) {
	case TEEC_MEMREF_TEMP_INPUT: case TEEC_MEMREF_PARTIAL_INPUT: return 'i';
	case TEEC_MEMREF_TEMP_OUTPUT: case TEEC_MEMREF_PARTIAL_OUTPUT: return 'o';
	case TEEC_MEMREF_TEMP_INOUT: case TEEC_MEMREF_PARTIAL_INOUT: return 'b';
	case TEEC_MEMREF_WHOLE:
		return s->flags == TEEC_MEM_INPUT ? 'i' : s->flags == TEEC_MEM_OUTPUT ? 'o' : 'b';
	}
	return 0;
}

static void run_case(TEEC_Context *ctx, TEEC_Session *sess, const TEEC_UUID *uuid,
		     const struct pcase *c, bool open)
{
	TEEC_Operation op;
	struct backing b[4];
	uint32_t wa[4] = { 0 }, wb[4] = { 0 }, acc = 0;

	memset(&op, 0, sizeof(op));
	memset(b, 0, sizeof(b));
	op.paramTypes = TEEC_PARAM_TYPES(c->p[0].type, c->p[1].type, c->p[2].type, c->p[3].type);
	for (int i = 0; i < 4; i++) {
		const struct pspec *s = &c->p[i];
		int d = mem_dir(s);
		if (s->type >= TEEC_VALUE_INPUT && s->type <= TEEC_VALUE_INOUT) {
			op.params[i].value.a = 10 * (uint32_t)(i + 1);
			op.params[i].value.b = (uint32_t)i + 3;
			continue;
		}
		if (!d)
			continue;
		if (s->mem == TEMP_NULL) {
			op.params[i].tmpref.buffer = NULL;
			op.params[i].tmpref.size = s->size;
			continue;
		}
		size_t len = s->off + s->size + (s->type == TEEC_MEMREF_WHOLE ? 0 : SLACK);
		struct backing *k = &b[i];
		k->len = len;
		if (s->mem == ALLOC) {
			k->shm.size = len;
			k->shm.flags = s->flags;
			TEEC_Result r = TEEC_AllocateSharedMemory(ctx, &k->shm);
			MUST(r == TEEC_SUCCESS, "allocate: 0x%08x", r);
			MUST(k->shm.buffer != NULL, "allocated buffer is NULL");
			k->mem = k->shm.buffer;
		} else {
			k->mem = malloc(len ? len : 1);
			if (s->mem == REG) {
				k->shm.buffer = k->mem;
				k->shm.size = len;
				k->shm.flags = s->flags;
				TEEC_Result r = TEEC_RegisterSharedMemory(ctx, &k->shm);
				MUST(r == TEEC_SUCCESS, "register: 0x%08x", r);
			}
		}
		for (size_t j = 0; j < len; j++)
			k->mem[j] = (uint8_t)(j * 7 + i * 13 + 1);
		k->want = malloc(len ? len : 1);
		memcpy(k->want, k->mem, len);
		if (s->mem == TEMP) {
			op.params[i].tmpref.buffer = k->mem;
			op.params[i].tmpref.size = s->size;
		} else {
			op.params[i].memref.parent = &k->shm;
			op.params[i].memref.offset = s->type == TEEC_MEMREF_WHOLE ? 12345 : s->off;
			op.params[i].memref.size = s->type == TEEC_MEMREF_WHOLE ? 999 : s->size;
		}
	}
	/* The model: the TA's transformation, in order. */
	for (int i = 0; i < 4; i++) {
		const struct pspec *s = &c->p[i];
		int d = mem_dir(s);
		uint32_t a = 10 * (uint32_t)(i + 1), bv = (uint32_t)i + 3;
		switch (s->type) {
		case TEEC_VALUE_INPUT: acc += a + bv; wa[i] = a; wb[i] = bv; continue;
		case TEEC_VALUE_INOUT: acc += a + bv; wa[i] = a + 1; wb[i] = bv + 2; continue;
		case TEEC_VALUE_OUTPUT: wa[i] = acc; wb[i] = (uint32_t)i; continue;
		}
		if (!d || s->mem == TEMP_NULL)
			continue;
		uint8_t *w = b[i].want + s->off;
		if (d == 'i' || d == 'b')
			acc += byte_sum(w, s->size);
		for (size_t j = 0; j < s->size; j++)
			w[j] = d == 'b' ? (uint8_t)(w[j] ^ 0xFF) : d == 'o' ? (uint8_t)((i + 1) * 0x11) : w[j];
	}

	uint32_t origin = 0;
	TEEC_Result res;
	TEEC_Session s2;
	op.started = 0;
	if (open) {
		res = TEEC_OpenSession(ctx, &s2, uuid, TEEC_LOGIN_PUBLIC, NULL, &op, &origin);
		if (res == TEEC_SUCCESS)
			TEEC_CloseSession(&s2);
	} else {
		res = TEEC_InvokeCommand(sess, CMD_PARAMS, &op, &origin);
	}
	CHECK(res == TEEC_SUCCESS, "%s (open %d): 0x%08x origin %u", c->name, open, res, origin);
	CHECK(op.started == 1, "%s: started %u", c->name, op.started);
	for (int i = 0; i < 4; i++) {
		const struct pspec *s = &c->p[i];
		int d = mem_dir(s);
		if (s->type >= TEEC_VALUE_INPUT && s->type <= TEEC_VALUE_INOUT) {
			CHECK(op.params[i].value.a == wa[i] && op.params[i].value.b == wb[i],
			      "%s: value %d = (%u, %u), want (%u, %u)", c->name, i,
			      op.params[i].value.a, op.params[i].value.b, wa[i], wb[i]);
			continue;
		}
		if (!d)
			continue;
		if (s->mem == TEMP || s->mem == TEMP_NULL) {
			CHECK(op.params[i].tmpref.size == s->size, "%s: tmpref %d size %zu", c->name, i, op.params[i].tmpref.size);
		} else if (d != 'i') {
			CHECK(op.params[i].memref.size == s->size, "%s: memref %d size %zu", c->name, i, op.params[i].memref.size);
		}
		if (s->mem == TEMP_NULL)
			continue;
		CHECK(memcmp(b[i].mem, b[i].want, b[i].len) == 0, "%s: parameter %d bytes differ", c->name, i);
		if (s->mem != TEMP)
			TEEC_ReleaseSharedMemory(&b[i].shm);
		if (s->mem != ALLOC)
			free(b[i].mem);
		free(b[i].want);
	}
}

int t_params(int argc, char **argv)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Operation op;
	uint32_t origin;

	MUST(argc >= 1, "usage: params <uuid>");
	parse_uuid(argv[0], &uuid);
	init_ctx(&ctx);
	open_session(&ctx, &sess, &uuid);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_case(&ctx, &sess, &uuid, &cases[i], false);
		run_case(&ctx, &sess, &uuid, &cases[i], true);
	}

	/* The TA refuses a session: its code with origin TRUSTED_APP. */
	TEEC_Session s2;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = OPEN_REFUSE;
	TEEC_Result res = TEEC_OpenSession(&ctx, &s2, &uuid, TEEC_LOGIN_PUBLIC, NULL, &op, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_ACCESS_DENIED, TEEC_ORIGIN_TRUSTED_APP);

	/* No operation at all. */
	res = TEEC_InvokeCommand(&sess, CMD_NULL, NULL, &origin);
	CHECK(res == TEEC_SUCCESS, "null invoke: 0x%08x", res);
	res = TEEC_InvokeCommand(&sess, CMD_NULL, NULL, NULL);
	CHECK(res == TEEC_SUCCESS, "null invoke without origin: 0x%08x", res);

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
