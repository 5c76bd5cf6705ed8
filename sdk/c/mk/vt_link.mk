# SPDX-License-Identifier: BSD-2-Clause
#
# A TA (BINARY): the dev kit's library is compiled into $(O)/veritee-sdk
# and linked with the TA's objects and libraries into $(O)/$(BINARY).wasm,
# which veritee packs into $(O)/$(BINARY).ta.

# user_ta_header.c builds the property table from the TA's
# user_ta_header_defines.h, so it is compiled as a TA source (OP-TEE adds it
# to the TA's srcs the same way); the rest of the library with its own flags.
vt-uta-src := $(vt-kit)/src/user_ta_header.c
vt-uta-obj := $(O)/veritee-sdk/user_ta_header.o
vt-sdk-srcs := $(filter-out $(vt-uta-src),$(sort $(wildcard $(vt-kit)/src/*.c)))
vt-sdk-objs := $(patsubst $(vt-kit)/src/%.c,$(O)/veritee-sdk/%.o,$(vt-sdk-srcs))
vt-objs := $(vt-ta-objs) $(vt-uta-obj) $(vt-sdk-objs)

$(foreach s,$(vt-sdk-srcs),$(eval $(call vt-compile,$(s),$(patsubst $(vt-kit)/src/%.c,$(O)/veritee-sdk/%.o,$(s)),$$(vt-sdk-cflags) $$(vt-sdk-cppflags))))
$(eval $(call vt-compile,$(vt-uta-src),$(vt-uta-obj),$$(call vt-src-cflags,user_ta_header.c) $$(call vt-src-cppflags,user_ta_header.c)))

-include $(vt-sdk-objs:.o=.d) $(vt-uta-obj:.o=.d)

vt-wasm := $(O)/$(BINARY).wasm
vt-ta := $(O)/$(BINARY).ta

all: $(vt-ta)
wasm: $(vt-wasm)

# ---------------------------------------------------------------------------
# Libraries, as OP-TEE's link.mk takes them: LDADD first, then -L for
# libdirs and -l for libnames; libdeps are prerequisites only. wasm-ld
# finds a symbol in any archive on the line, so OP-TEE's --start-group and
# --end-group are dropped; other linker options in LDADD go to wasm-ld.

comma := ,
vt-ldadd-arg = $(if $(filter --start-group --end-group,$(1)),, \
	$(if $(filter -l% -L% -Wl$(comma)%,$(1)),$(1), \
	$(if $(filter -%,$(1)),-Wl$(comma)$(1),$(1))))
vt-ldadd = $(foreach a,$(LDADD),$(call vt-ldadd-arg,$(a))) \
	$(addprefix -L,$(libdirs)) $(addprefix -l,$(libnames))

# ---------------------------------------------------------------------------
# Link. The stack size is TA_STACK_SIZE from user_ta_header_defines.h
# (evaluated by the preprocessor and the shell), at least
# TA_MIN_STACK_SIZE, rounded up to 16; user_ta_header.c reports the same
# number as gpd.ta.stackSize. --stack-first puts the stack below the data,
# so an overflow traps instead of corrupting globals.

# The entry points that take parameters are defined under their v1.3
# names or, by a GP v1.1 TA (tee_api_compat.h), under their __GP11_ names;
# either way tee_ta_api.h or tee_api_compat.h gives them the standard
# export names.
vt-exports := TA_CreateEntryPoint TA_DestroyEntryPoint \
	TA_CloseSessionEntryPoint veritee_alloc veritee_free veritee_ta_props
vt-exports-either := TA_OpenSessionEntryPoint TA_InvokeCommandEntryPoint \
	__GP11_TA_OpenSessionEntryPoint __GP11_TA_InvokeCommandEntryPoint

vt-ldflags := $(vt-target) -mexec-model=reactor $(vt-opt) \
	-Wl,--stack-first -Wl,--gc-sections -Wl,--strip-debug \
	$(addprefix -Wl$(comma)--export=,$(vt-exports)) \
	$(addprefix -Wl$(comma)--export-if-defined=,$(vt-exports-either))

vt-link-cmd = $(vt-ldflags) $(TA_LDFLAGS) $(TA_MIN_STACK_SIZE) $(vt-objs) $(vt-ldadd)

$(vt-wasm): $(vt-objs) $(libdeps) $(O)/link.cmd
	$(vt-echo) "  LD      $@"
	$(q)expr=$$(printf '#include <user_ta_header_defines.h>\nVERITEE_STACK_SIZE=TA_STACK_SIZE\n' | \
		$(WASM_CC) $(call vt-src-cflags,user_ta_header.c) $(call vt-src-cppflags,user_ta_header.c) -E -P -x c - | \
		sed -n 's/^VERITEE_STACK_SIZE=//p' | sed -E 's/([0-9])[uUlL]+/\1/g'); \
	stack=$$(( $$expr )) || { echo "ta_dev_kit.mk: cannot evaluate TA_STACK_SIZE ($$expr)" >&2; exit 1; }; \
	[ $$stack -ge $(TA_MIN_STACK_SIZE) ] || stack=$(TA_MIN_STACK_SIZE); \
	stack=$$(( (stack + 15) / 16 * 16 )); \
	$(WASM_CC) $(vt-ldflags) $(TA_LDFLAGS) -Wl,-z,stack-size=$$stack -o $@ $(vt-objs) $(vt-ldadd)

$(O)/link.cmd: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' '$(call vt-sq,$(vt-link-cmd))' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

# veritee pack signs the image: with TA_SIGN_KEY (a PEM private key, as
# OP-TEE's variable of that name) when set, else with the development key
# ($VERITEE_DEV_KEY or ~/.config/veritee/dev-key.pem).
$(vt-ta): $(vt-wasm) $(TA_SIGN_KEY)
	$(vt-echo) "  PACK    $@"
	$(q)command -v $(VERITEE) >/dev/null 2>&1 || { \
		echo "ta_dev_kit.mk: $(VERITEE) not found: build it (go build -o bin/veritee ./cmd/veritee) and set VERITEE=, or run 'make wasm'" >&2; \
		exit 1; }
	$(q)$(VERITEE) pack -o $(O) $(if $(TA_SIGN_KEY),-key $(TA_SIGN_KEY)) $< >/dev/null
