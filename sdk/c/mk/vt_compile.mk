# SPDX-License-Identifier: BSD-2-Clause
#
# Compilation of the TA's (or library's) sources and, for a TA, of the dev
# kit's library. Every object depends on the command it was built with,
# through a .cmd file, so that changing a flag (VARIANT, cflags-y, a CFG_
# variable) rebuilds what it touches and nothing else.

# Object path of a source: under $(O), with ../ and a leading / made
# harmless.
vt-obj = $(O)/$(patsubst /%,__abs/%,$(subst ../,__/,$(basename $(1)))).o

# vt-sq quotes $(1) for the shell inside single quotes.
vt-sq = $(subst ','\'',$(1))

# vt-compile: $(1) source, $(2) object, $(3) flags.
define vt-compile
$(2): $(1) $(2).cmd | $(vt-toolchain-ok)
	$$(vt-echo) "  CC      $$<"
	$$(q)$$(WASM_CC) $(3) -MMD -MP -c $$< -o $$@

$(2).cmd: FORCE
	@mkdir -p $$(dir $$@)
	@printf '%s\n' '$$(call vt-sq,$$(WASM_CC) $(3))' > $$@.tmp
	@if cmp -s $$@.tmp $$@; then rm -f $$@.tmp; else mv -f $$@.tmp $$@; fi
endef

vt-ta-objs := $(foreach s,$(vt-srcs),$(call vt-obj,$(s)))

$(foreach s,$(vt-srcs),$(eval $(call vt-compile,$(s),$(call vt-obj,$(s)),$$(call vt-src-cflags,$(s)) $$(call vt-src-cppflags,$(s)))))

-include $(vt-ta-objs:.o=.d)
