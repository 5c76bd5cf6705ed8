# SPDX-License-Identifier: BSD-2-Clause
#
# The flags every source is compiled with. Three sets:
#   vt-kit-*   the dev kit's own: target, language, warnings, sections
#   vt-ta-*    the TA's: CPPFLAGS/CFLAGS from a makefile or the command line,
#              TA_CPPFLAGS/TA_CFLAGS, the CFG_ variables as -D, TRACE_LEVEL,
#              and the GP v1.1 switch; for the TA's (or library's) sources
#              and user_ta_header.c, never for the rest of the dev kit's
#              library, which, like OP-TEE's libutee, is always built for
#              the v1.3 API.
#   per source from sub.mk (vt_subdir.mk)

vt-target := --target=wasm32-wasi

ifeq ($(DEBUG),1)
vt-opt := -O0 -g
else
vt-opt := -O2
endif

vt-kit-cflags := $(vt-opt) -std=gnu11 \
	-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	-fno-common -ffunction-sections -fdata-sections
vt-kit-cppflags := -DTRACE_LEVEL=$(CFG_TEE_TA_LOG_LEVEL) \
	-DVERITEE_MIN_STACK_SIZE=$(TA_MIN_STACK_SIZE)

# vt-user-flag: $(1) as set in a makefile or on the command line, without
# what the environment gave it (a host compiler's flags, which would break
# a wasm build): nothing when it only comes from the environment, and the
# makefile's own words when a makefile appended to the environment's value.
vt-env-CFLAGS := $(shell printenv CFLAGS 2>/dev/null)
vt-env-CFLAGS32 := $(shell printenv CFLAGS32 2>/dev/null)
vt-env-CPPFLAGS := $(shell printenv CPPFLAGS 2>/dev/null)
vt-user-flag = $(strip $(if $(filter environment%,$(origin $(1))),, \
	$(if $(filter file override,$(origin $(1))), \
		$(filter-out $(vt-env-$(1)),$($(1))),$($(1)))))

# OP-TEE compiles a TA with CFLAGS32 (or CFLAGS64), defaulting to CFLAGS;
# wasm32 is a 32-bit target.
vt-user-cflags = $(or $(call vt-user-flag,CFLAGS32),$(call vt-user-flag,CFLAGS))
vt-user-cppflags = $(call vt-user-flag,CPPFLAGS)

# Every CFG_ variable, as OP-TEE's dev kit passes them: y is 1, n and empty
# are left undefined, anything else is the value.
vt-cfg-defines := $(strip $(foreach v,$(sort $(filter CFG_%,$(.VARIABLES))), \
	$(if $(filter y,$($(v))),-D$(v)=1, \
		$(if $(filter xn x,x$(strip $($(v)))),,-D$(v)='$($(v))'))))

ifeq ($(CFG_TA_OPTEE_CORE_API_COMPAT_1_1),y)
vt-compat-cppflags := -D__OPTEE_CORE_API_COMPAT_1_1=1
endif

vt-ta-cflags = $(vt-user-cflags) $(TA_CFLAGS)
vt-ta-cppflags = $(vt-user-cppflags) $(vt-cfg-defines) $(vt-compat-cppflags) \
	$(TA_CPPFLAGS)
vt-ta-remove = $(CFLAGS_REMOVE) $(cflags-remove)
vt-ta-cppremove = $(CPPFLAGS_REMOVE) $(cppflags-remove)

# The include path of a TA source, in OP-TEE's order: global-incdirs-y of
# every sub.mk, the library's incdirs-lib-y, the directory's incdirs-y and
# the file's own, then the TA's directory and the dev kit.
vt-ta-incdirs = $(vt-global-incdirs) $(if $(LIBNAME),$(vt-lib-incdirs)) $(1) \
	. $(vt-kit)/include

# vt-src-cflags, vt-src-cppflags: the flags of TA source $(1).
vt-src-cflags = $(vt-target) $(filter-out $(vt-ta-remove) $(vt-cflags-remove-$(1)), \
	$(vt-kit-cflags) $(vt-ta-cflags) $(if $(LIBNAME),$(vt-lib-cflags)) \
	$(vt-cflags-$(1)))
vt-src-cppflags = $(filter-out $(vt-ta-cppremove) $(vt-cppflags-remove-$(1)), \
	$(addprefix -I,$(call vt-ta-incdirs,$(vt-incdirs-$(1)))) \
	$(vt-kit-cppflags) $(vt-ta-cppflags) $(if $(LIBNAME),$(vt-lib-cppflags)) \
	$(vt-cppflags-$(1))) \
	-D__FILE_ID__=$(subst -,_,$(subst /,_,$(subst .,_,$(1))))

# The dev kit's library: its own headers only, so that a TA header of the
# same name cannot change it.
vt-sdk-cflags := $(vt-target) $(vt-kit-cflags)
vt-sdk-cppflags := -I$(vt-kit)/include $(vt-kit-cppflags)
