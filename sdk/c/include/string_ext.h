/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE's string extensions (libutils' string_ext.h) that TAs use: a
 * constant-time comparison, a memset the compiler keeps, and memdup.
 * strlcpy, strlcat and strndup are wasi-libc's (string.h).
 */
#ifndef STRING_EXT_H
#define STRING_EXT_H

#include <stddef.h>
#include <string.h>

/*
 * consttime_memcmp compares nb bytes in time that depends on nb only: 0
 * when equal, else nonzero (its sign does not order the buffers).
 */
int consttime_memcmp(const void *p1, const void *p2, size_t nb);

/* buf_compare_ct is consttime_memcmp's older name. */
static inline int buf_compare_ct(const void *s1, const void *s2, size_t n)
{
	return consttime_memcmp(s1, s2, n);
}

/* memzero_explicit zeroes count bytes even when they are never read again. */
void memzero_explicit(void *s, size_t count);

/* memdup returns a malloc'ed copy of n bytes of src, or NULL. */
void *memdup(const void *src, size_t n);

#endif /* STRING_EXT_H */
