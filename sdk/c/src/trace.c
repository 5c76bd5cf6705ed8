// SPDX-License-Identifier: BSD-2-Clause
/*
 * TA tracing over the log system call. The core prefixes each message with
 * its level and the TA; this side adds "func:line" for the debug and flow
 * levels, as OP-TEE's long prefix does.
 */
#include <stdio.h>
#include <string.h>
#include "utee_private.h"

/* OP-TEE's name; TRACE_LEVEL is the TA's CFG_TEE_TA_LOG_LEVEL. */
int trace_level = TRACE_LEVEL;

void trace_set_level(int level)
{
	if (level < TRACE_MIN)
		level = TRACE_MIN;
	if (level > TRACE_MAX)
		level = TRACE_MAX;
	trace_level = level;
}

int trace_get_level(void)
{
	return trace_level;
}

void trace_vprintf(const char *func, int line, int level, bool level_ok,
		   const char *fmt, va_list ap)
{
	char buf[MAX_PRINT_SIZE];
	size_t n = 0;
	int r;

	if (level_ok && (level < TRACE_MIN || level > trace_level))
		return;
	if (!level_ok)
		level = TRACE_ERROR;
	else if (func && level >= TRACE_DEBUG) {
		r = snprintf(buf, sizeof(buf), "%s:%d ", func, line);
		if (r > 0)
			n = (size_t)r < sizeof(buf) ? (size_t)r : sizeof(buf) - 1;
	}
	r = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	if (r > 0)
		n += (size_t)r < sizeof(buf) - n ? (size_t)r : sizeof(buf) - n - 1;
	/* A failed log call cannot be reported anywhere: ignore it. */
	(void)_utee_log((uint32_t)level, VT_ADDR(buf), (uint32_t)n);
}

void trace_printf(const char *func, int line, int level, bool level_ok,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	trace_vprintf(func, line, level, level_ok, fmt, ap);
	va_end(ap);
}

void trace_ext_puts(const char *str)
{
	(void)_utee_log(TRACE_ERROR, VT_ADDR(str), (uint32_t)strlen(str));
}

/*
 * dhex_dump logs buf as lines of "offset: 16 hex bytes", each line one
 * message at level, so a long dump is never cut at MAX_PRINT_SIZE.
 */
void dhex_dump(const char *function, int line, int level, const void *buf,
	       int len)
{
	const uint8_t *p = buf;
	char hex[16 * 3 + 1];
	int i, j;

	if (level < TRACE_MIN || level > trace_level || !p || len <= 0)
		return;
	for (i = 0; i < len; i += 16) {
		size_t n = 0;

		for (j = i; j < len && j < i + 16; j++)
			n += (size_t)snprintf(hex + n, sizeof(hex) - n, " %02x",
					      p[j]);
		trace_printf(function, line, level, true, "%04x:%s", i, hex);
	}
}
