# SPDX-License-Identifier: BSD-2-Clause
#
# Veritee TA dev kit: builds a C Trusted Application into a wasm32 module
# and packs it into a Veritee TA image, or a static TA library into an
# archive, the way OP-TEE's ta_dev_kit.mk builds an ELF TA or a library. A
# TA directory holds:
#
#   Makefile   BINARY = <uuid>        (or LIBNAME = <name> for a library)
#              include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk
#   sub.mk     srcs-y += foo.c                sources of this directory
#              global-incdirs-y += include    include dirs for every source
#              incdirs-y += priv              include dirs for this directory
#              incdirs-foo.c-y += x           include dirs for one source
#              cflags-y += -Wno-foo           flags for this directory
#              cflags-foo.c-y += -DX          flags for one source
#              cflags-remove-y, cflags-remove-foo.c-y   flags taken away
#              cppflags-y, cppflags-foo.c-y, cppflags-remove-(foo.c-)y
#              cflags-lib-y, cppflags-lib-y, incdirs-lib-y   (LIBNAME only:
#                                             for every source of the library)
#              subdirs-y += lib               more directories with a sub.mk
#              libnames += foo                link libfoo.a ...
#              libdirs += path/to/dir         ... found in these directories
#              libdeps += path/to/libfoo.a    relink when these change
#
# mk/conf.mk records what the TEE offers (CFG_TA_DYNLINK=n, ...), as
# OP-TEE's dev kit's conf.mk does.
#
# Targets: all (default: <O>/<BINARY>.ta, or the library archive), wasm
# (<O>/<BINARY>.wasm only), clean. Variables:
#   O                     output directory for objects and the TA (default: out)
#   V=1                   show the commands
#   DEBUG=1               build with -O0 -g instead of -O2
#   VERITEE               the veritee CLI that packs the image (default: veritee)
#   TA_SIGN_KEY           PEM private key veritee pack signs with (default:
#                         the development key, $VERITEE_DEV_KEY)
#   WASM_CC, WASM_AR      the compiler and archiver (default: clang, llvm-ar)
#   CFG_TEE_TA_LOG_LEVEL  compile-time trace level 0..4 (default: 2, as OP-TEE)
#   CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y  the GP v1.1 API (tee_api_compat.h)
#   CFG_*                 every CFG_ variable reaches the TA's sources as
#                         -DCFG_x=1 (y), nothing (n or empty) or -DCFG_x='v'
#   LDADD                 extra link arguments: -L, -l, archive paths; other
#                         options are passed to wasm-ld
#   CPPFLAGS, CFLAGS      extra flags for the TA's sources when set in a
#                         makefile or on the command line; the environment's
#                         are ignored, as they are the host compiler's
#   CFLAGS_REMOVE, CPPFLAGS_REMOVE  flags taken away from every TA source
#   TA_CPPFLAGS, TA_CFLAGS, TA_LDFLAGS  Veritee's extra flags for every TA
#                         source and for the link
#   TA_MIN_STACK_SIZE     floor of the wasm stack in bytes (default: 8192)
#
# A static library (LIBNAME = foo or LIBNAME = libfoo) is written as libfoo.a
# in the library's own directory, where OP-TEE's dev kit writes it too, so a
# TA links it with "libnames += foo" and "libdirs += <that directory>".
#
# OP-TEE's cross-compilation variables (CROSS_COMPILE, CROSS_COMPILE32,
# CROSS_COMPILE64, TA_CROSS_COMPILE, PLATFORM, PLATFORM_FLAVOR, ARCH,
# COMPILER, LDFLAGS) are accepted and ignored: a wasm TA has one target. The
# environment's CC, AR and LD are ignored too, as they name host tools.

.SUFFIXES:
.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules

# The dev kit's own directory, wherever it is included from.
vt-kit := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

include $(vt-kit)/mk/conf.mk

ifneq (1,$(words $(BINARY) $(LIBNAME) $(SHLIBNAME)))
$(error ta_dev_kit.mk: set exactly one of BINARY (the TA's UUID) or LIBNAME (a static TA library) before including it)
endif
ifneq ($(SHLIBNAME),)
$(error ta_dev_kit.mk: SHLIBNAME: Veritee TAs are single wasm modules without dynamic linking; build the library with LIBNAME and link it statically)
endif

TA_DEV_KIT_DIR ?= $(vt-kit)

O ?= out
VERITEE ?= veritee
WASM_CC ?= clang
WASM_AR ?= llvm-ar
CFG_TEE_TA_LOG_LEVEL ?= 2
TA_MIN_STACK_SIZE ?= 8192

ifeq ($(V),1)
q :=
vt-echo := @:
else
q := @
vt-echo := @echo
endif

include $(vt-kit)/mk/vt_subdir.mk
include $(vt-kit)/mk/vt_flags.mk
include $(vt-kit)/mk/vt_toolchain.mk
include $(vt-kit)/mk/vt_compile.mk

.PHONY: all wasm clean FORCE

ifneq ($(BINARY),)
include $(vt-kit)/mk/vt_link.mk
else
include $(vt-kit)/mk/vt_lib.mk
endif

clean:
	$(vt-echo) "  CLEAN   $(O)"
	$(q)rm -rf $(O) $(vt-clean-files)
