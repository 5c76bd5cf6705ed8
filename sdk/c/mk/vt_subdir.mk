# SPDX-License-Identifier: BSD-2-Clause
#
# sub.mk processing, as OP-TEE's mk/subdir.mk: vt-process-subdir reads
# <dir>/sub.mk, records each source with the flags and include directories
# of its directory and its own, then descends into subdirs-y. Per-file
# variables are cleared after use so that a file of the same name in another
# directory does not inherit them.
#
# Output: vt-srcs, vt-global-incdirs, vt-lib-incdirs, vt-lib-cflags,
# vt-lib-cppflags and, for every source s, vt-cflags-$(s),
# vt-cflags-remove-$(s), vt-cppflags-$(s), vt-cppflags-remove-$(s),
# vt-incdirs-$(s).

vt-srcs :=
vt-global-incdirs :=
vt-lib-incdirs :=
vt-lib-cflags :=
vt-lib-cppflags :=

# vt-clean-path drops a leading ./ so that paths stay short and unique.
vt-clean-path = $(patsubst ./%,%,$(1))

# vt-src-path: the path of source $(2) of directory $(1); absolute paths
# stay as they are.
vt-src-path = $(if $(filter /%,$(2)),$(2),$(call vt-clean-path,$(1)/$(2)))

# vt-dir-paths: the paths $(2), relative to directory $(1), from the TA's
# directory; absolute paths stay as they are.
vt-dir-paths = $(foreach p,$(2),$(call vt-src-path,$(1),$(p)))

# vt-add-src: $(1) directory, $(2) source as sub.mk names it.
define vt-add-src
vt-src := $$(call vt-src-path,$(1),$(2))
vt-srcs += $$(vt-src)
vt-cflags-$$(vt-src) := $$(cflags-y) $$(cflags-$(2)-y)
vt-cflags-remove-$$(vt-src) := $$(cflags-remove-y) $$(cflags-remove-$(2)-y)
vt-cppflags-$$(vt-src) := $$(cppflags-y) $$(cppflags-$(2)-y)
vt-cppflags-remove-$$(vt-src) := $$(cppflags-remove-y) $$(cppflags-remove-$(2)-y)
vt-incdirs-$$(vt-src) := $$(vt-dir-incdirs) $$(call vt-dir-paths,$(1),$$(incdirs-$(2)-y))
cflags-$(2)-y :=
cflags-remove-$(2)-y :=
cppflags-$(2)-y :=
cppflags-remove-$(2)-y :=
incdirs-$(2)-y :=
endef

define vt-process-subdir
srcs-y :=
subdirs-y :=
global-incdirs-y :=
incdirs-y :=
incdirs-lib-y :=
cflags-y :=
cflags-remove-y :=
cflags-lib-y :=
cppflags-y :=
cppflags-remove-y :=
cppflags-lib-y :=
ifeq ($$(wildcard $(1)/sub.mk),)
$$(error ta_dev_kit.mk: no sub.mk in $(1))
endif
include $(1)/sub.mk
vt-dir-incdirs := $$(call vt-dir-paths,$(1),$$(incdirs-y))
vt-global-incdirs += $$(call vt-dir-paths,$(1),$$(global-incdirs-y))
vt-lib-incdirs += $$(call vt-dir-paths,$(1),$$(incdirs-lib-y))
vt-lib-cflags += $$(cflags-lib-y)
vt-lib-cppflags += $$(cppflags-lib-y)
$$(foreach s,$$(srcs-y),$$(eval $$(call vt-add-src,$(1),$$(s))))
$$(foreach d,$$(subdirs-y),$$(eval $$(call vt-process-subdir,$$(call vt-clean-path,$(1)/$$(d)))))
endef

$(eval $(call vt-process-subdir,.))

vt-bad-srcs := $(filter-out %.c,$(vt-srcs))
ifneq ($(vt-bad-srcs),)
$(error ta_dev_kit.mk: only C sources can be built for a wasm TA: $(vt-bad-srcs))
endif
