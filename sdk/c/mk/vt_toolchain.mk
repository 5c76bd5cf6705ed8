# SPDX-License-Identifier: BSD-2-Clause
#
# Toolchain check: one clear message instead of a wall of compiler errors.
# Every object depends on $(vt-toolchain-ok) (order-only), so it runs once
# per output directory.

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
	$(if $(LIBNAME),$(q)command -v $(WASM_AR) >/dev/null 2>&1 || { \
		echo "ta_dev_kit.mk: $(WASM_AR) not found; a static TA library needs LLVM's archiver (it comes with clang's llvm package; set WASM_AR= to another name)" >&2; \
		exit 1; })
	$(q)touch $@
