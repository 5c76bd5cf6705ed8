/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TA tracing, as OP-TEE's trace.h: EMSG, IMSG, DMSG and FMSG log a
 * printf-style message at their level through the log system call, MSG_RAW
 * logs one without a prefix. Messages above TRACE_LEVEL are compiled out;
 * the core may filter further. DMSG and FMSG messages carry the function and
 * line, as OP-TEE's long prefix does.
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <trace_levels.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Maximum length of one formatted trace message; longer ones are cut. */
#define MAX_PRINT_SIZE 256

/* The TA's name in its messages (OP-TEE's trace_ext_prefix). */
extern const char trace_ext_prefix[];

void trace_set_level(int level);
int trace_get_level(void);

/*
 * trace_printf formats a message and logs it at level; with level_ok false
 * the message is logged at TRACE_ERROR without a prefix (MSG_RAW). func and
 * line are printed for TRACE_DEBUG and TRACE_FLOW.
 */
void trace_printf(const char *func, int line, int level, bool level_ok,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void trace_vprintf(const char *func, int line, int level, bool level_ok,
		   const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

/* trace_ext_puts logs a string as it is (at TRACE_ERROR). */
void trace_ext_puts(const char *str);

#define trace_printf_helper(level, level_ok, ...) \
	trace_printf(__func__, __LINE__, (level), (level_ok), __VA_ARGS__)

/* Formatting errors are found even when a level is compiled out. */
#define __trace_nop(...) \
	do { \
		if (0) \
			trace_printf_helper(0, false, __VA_ARGS__); \
	} while (0)

#if TRACE_LEVEL >= TRACE_ERROR
#define EMSG(...) trace_printf_helper(TRACE_ERROR, true, __VA_ARGS__)
#else
#define EMSG(...) __trace_nop(__VA_ARGS__)
#endif

#if TRACE_LEVEL >= TRACE_INFO
#define IMSG(...) trace_printf_helper(TRACE_INFO, true, __VA_ARGS__)
#else
#define IMSG(...) __trace_nop(__VA_ARGS__)
#endif

#if TRACE_LEVEL >= TRACE_DEBUG
#define DMSG(...) trace_printf_helper(TRACE_DEBUG, true, __VA_ARGS__)
#else
#define DMSG(...) __trace_nop(__VA_ARGS__)
#endif

#if TRACE_LEVEL >= TRACE_FLOW
#define FMSG(...) trace_printf_helper(TRACE_FLOW, true, __VA_ARGS__)
#else
#define FMSG(...) __trace_nop(__VA_ARGS__)
#endif

/* OP-TEE's short forms, kept for sources that use them. */
#define INMSG(...) FMSG("> " __VA_ARGS__)
#define OUTMSG(...) FMSG("< " __VA_ARGS__)
#define OUTRMSG(r) \
	do { \
		OUTMSG("r=[%x]", (unsigned int)(r)); \
		return (r); \
	} while (0)

#define MSG_RAW(...) trace_printf_helper(TRACE_ERROR, false, __VA_ARGS__)

#ifdef __cplusplus
}
#endif

#endif /* TRACE_H */
