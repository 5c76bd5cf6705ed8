/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TA tracing, as OP-TEE's trace.h: EMSG, IMSG, DMSG and FMSG log a
 * printf-style message at their level through the log system call; the
 * _RAW forms log one without the "func:line" prefix; MSG and MSG_RAW log
 * one whatever the level. Messages above TRACE_LEVEL (ta_dev_kit.mk sets it
 * from CFG_TEE_TA_LOG_LEVEL) are compiled out, the rest are filtered at run
 * time by trace_get_level(), and the core may filter further. DMSG and FMSG
 * messages carry the function and line, as OP-TEE's long prefix does.
 *
 * printf, vprintf, puts and putchar go to the same log, at TRACE_INFO, as
 * OP-TEE's libutils sends them to its trace output (sdk/c/src/stdio_log.c).
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <compiler.h>
#include <trace_levels.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Maximum length of one formatted trace message; longer ones are cut. */
#define MAX_PRINT_SIZE 256

/* Printing through printf works from this run-time level on. */
#define TRACE_PRINTF_LEVEL TRACE_ERROR

/* The TA's name in its messages (OP-TEE's trace_ext_prefix). */
extern const char trace_ext_prefix[];

/* The run-time level, TRACE_LEVEL at start (OP-TEE's trace_level). */
extern int trace_level;

void trace_set_level(int level);
int trace_get_level(void);

/*
 * trace_printf formats a message and logs it at level if the run-time
 * level allows; with level_ok false it is logged at TRACE_ERROR whatever
 * the level (MSG, MSG_RAW). func and line are printed for TRACE_DEBUG and
 * TRACE_FLOW when func is not NULL.
 */
void trace_printf(const char *func, int line, int level, bool level_ok,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void trace_vprintf(const char *func, int line, int level, bool level_ok,
		   const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

/* trace_ext_puts logs a string as it is (at TRACE_ERROR). */
void trace_ext_puts(const char *str);

/*
 * dhex_dump logs len bytes of buf in hexadecimal, 16 to a line, at level
 * (DHEXDUMP).
 */
void dhex_dump(const char *function, int line, int level, const void *buf,
	       int len);

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

#if TRACE_LEVEL >= TRACE_DEBUG
#define DHEXDUMP(buf, len) dhex_dump(__func__, __LINE__, TRACE_DEBUG, (buf), (len))
#else
#define DHEXDUMP(buf, len) ((void)(buf), (void)(len))
#endif

/* The same without the "func:line" prefix. */
#define trace_printf_helper_raw(level, level_ok, ...) \
	trace_printf(NULL, 0, (level), (level_ok), __VA_ARGS__)

#if TRACE_LEVEL >= TRACE_ERROR
#define EMSG_RAW(...) trace_printf_helper_raw(TRACE_ERROR, true, __VA_ARGS__)
#else
#define EMSG_RAW(...) __trace_nop(__VA_ARGS__)
#endif

#if TRACE_LEVEL >= TRACE_INFO
#define IMSG_RAW(...) trace_printf_helper_raw(TRACE_INFO, true, __VA_ARGS__)
#else
#define IMSG_RAW(...) __trace_nop(__VA_ARGS__)
#endif

#if TRACE_LEVEL >= TRACE_DEBUG
#define DMSG_RAW(...) trace_printf_helper_raw(TRACE_DEBUG, true, __VA_ARGS__)
#else
#define DMSG_RAW(...) __trace_nop(__VA_ARGS__)
#endif

#if TRACE_LEVEL >= TRACE_FLOW
#define FMSG_RAW(...) trace_printf_helper_raw(TRACE_FLOW, true, __VA_ARGS__)
#else
#define FMSG_RAW(...) __trace_nop(__VA_ARGS__)
#endif

/*
 * MSG and MSG_RAW log whatever the run-time level, at TRACE_ERROR so that
 * the core shows them; only TRACE_LEVEL 0 compiles them out. SMSG is
 * OP-TEE's "synchronised" EMSG; a TA has nothing to synchronise.
 */
#if TRACE_LEVEL > 0
#define MSG(...) trace_printf_helper(0, false, __VA_ARGS__)
#define MSG_RAW(...) trace_printf_helper_raw(0, false, __VA_ARGS__)
#else
#define MSG(...) __trace_nop(__VA_ARGS__)
#define MSG_RAW(...) __trace_nop(__VA_ARGS__)
#endif
#define SMSG(...) EMSG(__VA_ARGS__)

#ifdef __cplusplus
}
#endif

#endif /* TRACE_H */
