// SPDX-License-Identifier: BSD-2-Clause
/* The parameter transformation of CmdParams and the memory self-test. */
#include <string.h>
#include "params.h"

static uint32_t byte_sum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += p[i];
	return s;
}

void transform_params(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t acc = 0;
	size_t i, j;

	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		TEE_Param *p = &params[i];
		uint8_t *buf = p->memref.buffer;

		switch (TEE_PARAM_TYPE_GET(types, i)) {
		case TEE_PARAM_TYPE_VALUE_INPUT:
			acc += p->value.a + p->value.b;
			break;
		case TEE_PARAM_TYPE_VALUE_INOUT:
			acc += p->value.a + p->value.b;
			p->value.a += 1;
			p->value.b += 2;
			break;
		case TEE_PARAM_TYPE_VALUE_OUTPUT:
			p->value.a = acc;
			p->value.b = (uint32_t)i;
			break;
		case TEE_PARAM_TYPE_MEMREF_INPUT:
			if (buf)
				acc += byte_sum(buf, p->memref.size);
			break;
		case TEE_PARAM_TYPE_MEMREF_INOUT:
			if (buf) {
				acc += byte_sum(buf, p->memref.size);
				for (j = 0; j < p->memref.size; j++)
					buf[j] ^= 0xFF;
			}
			break;
		case TEE_PARAM_TYPE_MEMREF_OUTPUT:
			if (buf)
				memset(buf, (int)((i + 1) * 0x11), p->memref.size);
			break;
		default:
			break;
		}
	}
}

static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

bool mem_funcs_selftest(void)
{
	static const int marker;
	char mv[11] = "0123456789";
	uint8_t *p, *q, *r, *z;
	size_t i;
	bool ok = true;

	/* TEE_Malloc with hint 0 zero-fills. */
	p = TEE_Malloc(256, TEE_MALLOC_FILL_ZERO);
	if (!p || !all_bytes(p, 256, 0))
		return false;
	for (i = 0; i < 256; i++)
		p[i] = (uint8_t)i;

	/* TEE_Realloc keeps the content. */
	q = TEE_Realloc(p, 64 * 1024);
	if (!q) {
		TEE_Free(p);
		return false;
	}
	for (i = 0; i < 256; i++)
		ok = ok && q[i] == (uint8_t)i;

	/* TEE_MemFill uses the low byte of x. */
	TEE_MemFill(q, 0x1A5, 1000);
	ok = ok && all_bytes(q, 1000, 0xA5);

	/* TEE_MemMove handles overlap both ways. */
	TEE_MemMove(mv + 2, mv, 6);
	ok = ok && !memcmp(mv, "0101234589", 10);
	TEE_MemMove(mv, mv + 2, 6);
	ok = ok && !memcmp(mv, "0123454589", 10);

	/* TEE_MemCompare: sign of the first difference. */
	ok = ok && TEE_MemCompare("abc", "abd", 3) < 0;
	ok = ok && TEE_MemCompare("abd", "abc", 3) > 0;
	ok = ok && TEE_MemCompare("abc", "abc", 3) == 0;
	ok = ok && TEE_MemCompare("ab\xff", "ac\x00", 3) < 0;
	ok = ok && TEE_MemCompare("\x01\x00", "\x00\xff", 2) > 0;
	ok = ok && TEE_MemCompare(NULL, NULL, 0) == 0;

	/* Other hints and sizes. */
	r = TEE_Malloc(128, TEE_MALLOC_NO_FILL);
	ok = ok && r;
	z = TEE_Malloc(0, TEE_MALLOC_FILL_ZERO);
	ok = ok && z && z != r;
	ok = ok && !TEE_Malloc(16, 0x40);

	/* Instance data. */
	TEE_SetInstanceData(&marker);
	ok = ok && TEE_GetInstanceData() == &marker;
	TEE_SetInstanceData(NULL);

	TEE_Free(NULL);
	TEE_Free(z);
	TEE_Free(r);
	TEE_Free(q);
	return ok;
}
