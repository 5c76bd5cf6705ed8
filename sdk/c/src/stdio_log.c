// SPDX-License-Identifier: BSD-2-Clause
/*
 * printf, vprintf, puts and putchar for TAs, as OP-TEE's libutils has
 * them: each call formats into at most MAX_PRINT_SIZE bytes and sends the
 * text to the TA log through the log system call, at TRACE_INFO, when the
 * run-time trace level is at least TRACE_PRINTF_LEVEL. These definitions
 * take the place of wasi-libc's, whose stdout would buffer output and lose
 * it when the TA panics. fprintf(stdout, ...) and the rest of stdio still
 * reach the log through WASI stdout, which the core logs at info level too.
 *
 * They are weak, as OP-TEE's come from an archive: a TA that defines its
 * own printf or putchar keeps it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "utee_private.h"

/*
 * log_text logs n bytes of s unless they are only line ends, which the
 * core would strip to an empty message (putchar('\n') after a printf).
 */
static void log_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && (s[i] == '\n' || s[i] == '\r'); i++)
		;
	if (i == n)
		return;
	/* A failed log call cannot be reported anywhere: ignore it. */
	(void)_utee_log(TRACE_INFO, VT_ADDR(s), (uint32_t)n);
}

__attribute__((weak))
int vprintf(const char *restrict fmt, va_list ap)
{
	char buf[MAX_PRINT_SIZE];
	int r;

	if (trace_get_level() < TRACE_PRINTF_LEVEL)
		return 0;
	r = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (r > 0)
		log_text(buf, (size_t)r < sizeof(buf) ? (size_t)r : sizeof(buf) - 1);
	return r;
}

__attribute__((weak))
int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vprintf(fmt, ap);
	va_end(ap);
	return r;
}

/* puts logs str as one message; the line end it would add is implied. */
__attribute__((weak))
int puts(const char *str)
{
	if (trace_get_level() >= TRACE_PRINTF_LEVEL)
		log_text(str, strlen(str));
	return 1;
}

__attribute__((weak))
int putchar(int c)
{
	char ch = (char)c;

	if (trace_get_level() >= TRACE_PRINTF_LEVEL)
		log_text(&ch, 1);
	return (unsigned char)c;
}
