# SPDX-License-Identifier: BSD-2-Clause
#
# A static TA library (LIBNAME): the sources are archived into lib<name>.a
# in the library's directory, as OP-TEE's dev kit does, for TAs to link
# with libnames/libdirs/libdeps or LDADD. LIBNAME = foo and LIBNAME = libfoo
# both give libfoo.a (OP-TEE's documentation uses the one, its make files
# the other). The dev kit's own library is not put in: each TA links it.

vt-lib := $(if $(filter lib%,$(LIBNAME)),$(LIBNAME),lib$(LIBNAME)).a
vt-clean-files := $(vt-lib)

all: $(vt-lib)

wasm:
	@echo "ta_dev_kit.mk: LIBNAME builds a static library, not a wasm module" >&2; exit 1

$(vt-lib): $(vt-ta-objs) $(O)/ar.cmd
	$(vt-echo) "  AR      $@"
	$(q)rm -f $@ && $(WASM_AR) rcs $@ $(vt-ta-objs)

$(O)/ar.cmd: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' '$(call vt-sq,$(WASM_AR) $(vt-ta-objs))' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
