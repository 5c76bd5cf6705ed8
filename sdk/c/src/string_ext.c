// SPDX-License-Identifier: BSD-2-Clause
/*
 * OP-TEE's string extensions (string_ext.h). Weak, so that a TA's own
 * definition of the same name wins, as it would over OP-TEE's libutils.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string_ext.h>

/*
 * consttime_memcmp accumulates the XOR of every byte pair, so its time
 * depends on nb only; the result is 0 or 1.
 */
__attribute__((weak))
int consttime_memcmp(const void *p1, const void *p2, size_t nb)
{
	const volatile uint8_t *a = p1;
	const volatile uint8_t *b = p2;
	uint8_t diff = 0;
	size_t i;

	for (i = 0; i < nb; i++)
		diff |= a[i] ^ b[i];
	return (int)((diff + 0xFFu) >> 8);
}

__attribute__((weak))
void memzero_explicit(void *s, size_t count)
{
	explicit_bzero(s, count);
}

__attribute__((weak))
void *memdup(const void *src, size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p && n)
		memcpy(p, src, n);
	return p;
}
