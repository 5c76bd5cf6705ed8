#!/usr/bin/env bash
# Makes sure the C TA toolchain is here: clang with the wasm32 target, wasm-ld,
# wasi-libc and clang's wasm32 runtime. Installs the Debian packages when it
# can (root with apt-get); otherwise says exactly what is missing.
set -euo pipefail

packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32)

probe() {
  local dir
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' RETURN
  printf '#include <stdlib.h>\nint f(int n){return n+(int)(long)malloc(4);}\n' >"$dir/p.c"
  command -v clang >/dev/null 2>&1 &&
    command -v make >/dev/null 2>&1 &&
    clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--export=f -o "$dir/p.wasm" "$dir/p.c" >"$dir/log" 2>&1
}

if probe; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-toolchain: installing ${packages[*]} make" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${packages[@]}" make >/dev/null
  if probe; then
    exit 0
  fi
  echo "ensure-toolchain: installed the packages, but clang still cannot build a wasm32-wasi reactor" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}" make; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
echo "ensure-toolchain: the C TA toolchain is missing or incomplete." >&2
if [ ${#missing[@]} -gt 0 ]; then
  echo "Install it with:  sudo apt-get install ${missing[*]}" >&2
else
  echo "clang cannot build for --target=wasm32-wasi; check: sudo apt-get install ${packages[*]}" >&2
fi
exit 1
