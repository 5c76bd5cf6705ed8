# SPDX-License-Identifier: BSD-2-Clause
#
# Veritee TA dev kit: builds a C Trusted Application into a wasm32 module
# and packs it into a Veritee TA image, the way OP-TEE's ta_dev_kit.mk builds
# an ELF TA. A TA directory holds:
#
#   Makefile   BINARY = <uuid>
#              include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk
#   sub.mk     srcs-y += foo.c            sources of this directory
#              global-incdirs-y += include  include dirs for every source
#              incdirs-y += priv          include dirs for this directory
#              cflags-y += -Wno-foo       flags for this directory's sources
#              cflags-foo.c-y += -DX      flags for one source
#              subdirs-y += lib           more directories with a sub.mk
#
# Targets: all (default, <O>/<BINARY>.ta), wasm (<O>/<BINARY>.wasm only),
# clean. Variables:
#   O                     output directory (default: out)
#   V=1                   show the commands
#   VERITEE               the veritee CLI that packs the image (default:
#                         veritee)
#   WASM_CC               the compiler (default: clang)
#   CFG_TEE_TA_LOG_LEVEL  compile-time trace level 0..4 (default: 3)
#   TA_CPPFLAGS, TA_CFLAGS, TA_LDFLAGS  extra flags for every source / link
#   TA_MIN_STACK_SIZE     floor of the wasm stack in bytes (default: 8192)
#
# OP-TEE's cross-compilation variables (CROSS_COMPILE, TA_CROSS_COMPILE,
# PLATFORM, ...) are accepted and ignored: a wasm TA has one target. The
# environment's CC and CFLAGS are ignored too, as they name the host's
# compiler.

.SUFFIXES:
.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules

ifeq ($(BINARY),)
$(error ta_dev_kit.mk: set BINARY to the TA's UUID before including it)
endif

# The dev kit's own directory, wherever it is included from.
vt-kit := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
TA_DEV_KIT_DIR ?= $(vt-kit)

O ?= out
VERITEE ?= veritee
WASM_CC ?= clang
CFG_TEE_TA_LOG_LEVEL ?= 3
TA_MIN_STACK_SIZE ?= 8192

ifeq ($(V),1)
q :=
vt-echo := @:
else
q := @
vt-echo := @echo
endif

vt-target := --target=wasm32-wasi
vt-cflags := $(vt-target) -O2 -std=gnu11 \
	-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	-fno-common -ffunction-sections -fdata-sections
vt-cppflags := -DTRACE_LEVEL=$(CFG_TEE_TA_LOG_LEVEL) \
	-DVERITEE_MIN_STACK_SIZE=$(TA_MIN_STACK_SIZE) \
	-I$(vt-kit)/include

# ---------------------------------------------------------------------------
# sub.mk processing. vt-process-subdir reads <dir>/sub.mk and records, for
# each source, its path and its own flags; then it descends into subdirs-y.

vt-srcs :=
vt-global-incdirs :=

# vt-clean-path drops a leading ./ so that paths stay short and unique.
vt-clean-path = $(patsubst ./%,%,$(1))

define vt-process-subdir
srcs-y :=
subdirs-y :=
global-incdirs-y :=
incdirs-y :=
cflags-y :=
include $(1)/sub.mk
vt-srcs += $$(call vt-clean-path,$$(addprefix $(1)/,$$(srcs-y)))
vt-global-incdirs += $$(call vt-clean-path,$$(addprefix $(1)/,$$(global-incdirs-y)))
$$(foreach s,$$(srcs-y),$$(eval vt-flags-$$(call vt-clean-path,$(1)/$$(s)) := \
	$$(cflags-y) $$(cflags-$$(s)-y) $$(addprefix -I,$$(call vt-clean-path,$$(addprefix $(1)/,$$(incdirs-y))))))
$$(foreach s,$$(srcs-y),$$(eval cflags-$$(s)-y :=))
$$(foreach d,$$(subdirs-y),$$(eval $$(call vt-process-subdir,$(1)/$$(d))))
endef

ifeq ($(wildcard sub.mk),)
$(error ta_dev_kit.mk: no sub.mk in $(CURDIR))
endif
$(eval $(call vt-process-subdir,.))

vt-incflags := $(addprefix -I,$(vt-global-incdirs))

# Object path of a source: under $(O), with ../ made harmless.
vt-obj = $(O)/$(subst ../,__/,$(basename $(1))).o

vt-ta-objs := $(foreach s,$(vt-srcs),$(call vt-obj,$(s)))
vt-sdk-srcs := $(sort $(wildcard $(vt-kit)/src/*.c))
vt-sdk-objs := $(patsubst $(vt-kit)/src/%.c,$(O)/veritee-sdk/%.o,$(vt-sdk-srcs))
vt-objs := $(vt-ta-objs) $(vt-sdk-objs)

vt-wasm := $(O)/$(BINARY).wasm
vt-ta := $(O)/$(BINARY).ta

# ---------------------------------------------------------------------------
# Toolchain check: one clear message instead of a wall of compiler errors.

vt-apt := sudo apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32
vt-toolchain-ok := $(O)/.veritee-toolchain-ok

$(vt-toolchain-ok):
	$(q)mkdir -p $(dir $@)
	$(q)command -v $(WASM_CC) >/dev/null 2>&1 || { \
		echo "ta_dev_kit.mk: $(WASM_CC) not found. A wasm32 TA needs clang, wasm-ld and wasi-libc; on Debian/Ubuntu: $(vt-apt)" >&2; \
		exit 1; }
	$(q)printf '#include <stdlib.h>\n#include <stdio.h>\nvoid *f(unsigned n) { printf("%%u", n); return malloc(n); }\n' | \
		$(WASM_CC) $(vt-target) -mexec-model=reactor -x c - -o $(O)/.veritee-toolchain-test.wasm >$(O)/.veritee-toolchain.log 2>&1 || { \
		echo "ta_dev_kit.mk: $(WASM_CC) cannot build for wasm32-wasi (missing wasm32 target, wasm-ld, wasi-libc or compiler-rt):" >&2; \
		sed 's/^/  /' $(O)/.veritee-toolchain.log >&2; \
		echo "On Debian/Ubuntu: $(vt-apt)" >&2; \
		exit 1; }
	$(q)rm -f $(O)/.veritee-toolchain-test.wasm $(O)/.veritee-toolchain.log
	$(q)touch $@

# ---------------------------------------------------------------------------
# Compilation. Every object depends on the flags it was built with, through
# a .cmd file, so that changing VARIANT or a cflag rebuilds what it touches.

.PHONY: all wasm clean FORCE
all: $(vt-ta)
wasm: $(vt-wasm)

# vt-compile: $(1) source, $(2) object, $(3) extra flags.
define vt-compile
$(2): $(1) $(2).cmd | $(vt-toolchain-ok)
	$$(vt-echo) "  CC      $$<"
	$$(q)$$(WASM_CC) $$(vt-cflags) $$(TA_CFLAGS) $$(vt-cppflags) $$(vt-incflags) $$(TA_CPPFLAGS) $(3) -MMD -MP -c $$< -o $$@

$(2).cmd: FORCE
	@mkdir -p $$(dir $$@)
	@echo '$$(WASM_CC) $$(vt-cflags) $$(TA_CFLAGS) $$(vt-cppflags) $$(vt-incflags) $$(TA_CPPFLAGS) $(3)' > $$@.tmp
	@if cmp -s $$@.tmp $$@; then rm -f $$@.tmp; else mv -f $$@.tmp $$@; fi
endef

$(foreach s,$(vt-srcs),$(eval $(call vt-compile,$(s),$(call vt-obj,$(s)),$(vt-flags-$(s)))))
$(foreach s,$(vt-sdk-srcs),$(eval $(call vt-compile,$(s),$(patsubst $(vt-kit)/src/%.c,$(O)/veritee-sdk/%.o,$(s)),)))

-include $(vt-objs:.o=.d)

# ---------------------------------------------------------------------------
# Link. The stack size is TA_STACK_SIZE from user_ta_header_defines.h
# (evaluated by the preprocessor and the shell), at least
# TA_MIN_STACK_SIZE, rounded up to 16; user_ta_header.c reports the same
# number as gpd.ta.stackSize. --stack-first puts the stack below the data,
# so an overflow traps instead of corrupting globals.

vt-exports := TA_CreateEntryPoint TA_DestroyEntryPoint \
	TA_OpenSessionEntryPoint TA_CloseSessionEntryPoint \
	TA_InvokeCommandEntryPoint veritee_alloc veritee_free veritee_ta_props

comma := ,
vt-ldflags := $(vt-target) -mexec-model=reactor -O2 \
	-Wl,--stack-first -Wl,--gc-sections -Wl,--strip-debug \
	$(addprefix -Wl$(comma)--export=,$(vt-exports))

$(vt-wasm): $(vt-objs) $(O)/link.cmd
	$(vt-echo) "  LD      $@"
	$(q)expr=$$(printf '#include <user_ta_header_defines.h>\nVERITEE_STACK_SIZE=TA_STACK_SIZE\n' | \
		$(WASM_CC) $(vt-target) $(vt-cppflags) $(vt-incflags) $(TA_CPPFLAGS) -E -P -x c - | \
		sed -n 's/^VERITEE_STACK_SIZE=//p' | sed -E 's/([0-9])[uUlL]+/\1/g'); \
	stack=$$(( $$expr )) || { echo "ta_dev_kit.mk: cannot evaluate TA_STACK_SIZE ($$expr)" >&2; exit 1; }; \
	[ $$stack -ge $(TA_MIN_STACK_SIZE) ] || stack=$(TA_MIN_STACK_SIZE); \
	stack=$$(( (stack + 15) / 16 * 16 )); \
	$(WASM_CC) $(vt-ldflags) $(TA_LDFLAGS) -Wl,-z,stack-size=$$stack -o $@ $(vt-objs)

$(O)/link.cmd: FORCE
	@mkdir -p $(dir $@)
	@echo '$(vt-ldflags) $(TA_LDFLAGS) $(TA_MIN_STACK_SIZE)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

$(vt-ta): $(vt-wasm)
	$(vt-echo) "  PACK    $@"
	$(q)command -v $(VERITEE) >/dev/null 2>&1 || { \
		echo "ta_dev_kit.mk: $(VERITEE) not found: build it (go build -o bin/veritee ./cmd/veritee) and set VERITEE=, or run 'make wasm'" >&2; \
		exit 1; }
	$(q)$(VERITEE) pack -o $(O) $< >/dev/null

clean:
	$(vt-echo) "  CLEAN   $(O)"
	$(q)rm -rf $(O)
