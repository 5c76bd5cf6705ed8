# SPDX-License-Identifier: BSD-2-Clause
#
# The dev kit's configuration, as OP-TEE's <export-ta_*>/mk/conf.mk records
# the configuration of the OP-TEE build that made a dev kit: what the TEE
# these TAs run on offers. ta_dev_kit.mk includes it first; a TA Makefile
# may include it itself before testing a CFG_ variable (optee_test's do).
# The y values reach the TA's sources as -DCFG_x=1, the n values not at
# all, as every CFG_ variable does.

sm := ta_wasm32
sm-ta_wasm32 := y
COMPILER_ta_wasm32 := clang

# Floating point works in a wasm TA.
CFG_TA_FLOAT_SUPPORT := y
# No TA shared libraries, no ldelf (docs/porting-from-optee.md).
CFG_TA_DYNLINK := n
# No mbed TLS inside TAs; the GP crypto API is the core's.
CFG_TA_MBEDTLS := n
CFG_TA_MBEDTLS_MPI := n
CFG_TA_MBEDTLS_SELF_TEST := n
# No OP-TEE system pseudo-TA, cache API, secure data path, ftrace, gprof,
# unwinding, or ARM BTI/PAC.
CFG_SYSTEM_PTA := n
CFG_CACHE_API := n
CFG_SECURE_DATA_PATH := n
CFG_FTRACE_SUPPORT := n
CFG_TA_MCOUNT := n
CFG_UNWIND := n
CFG_TA_BTI := n
CFG_TA_PAUTH := n
