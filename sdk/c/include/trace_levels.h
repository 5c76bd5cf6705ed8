/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Trace levels, numbered as OP-TEE's and as internal/abi's Trace* constants:
 * the level a TA passes to the log system call.
 */
#ifndef TRACE_LEVELS_H
#define TRACE_LEVELS_H

#define TRACE_MIN   1
#define TRACE_ERROR TRACE_MIN
#define TRACE_INFO  2
#define TRACE_DEBUG 3
#define TRACE_FLOW  4
#define TRACE_MAX   TRACE_FLOW

/*
 * TRACE_LEVEL is the compile-time level: messages above it are compiled
 * out. ta_dev_kit.mk sets it from CFG_TEE_TA_LOG_LEVEL.
 */
#ifndef TRACE_LEVEL
#define TRACE_LEVEL TRACE_MAX
#endif

#endif /* TRACE_LEVELS_H */
