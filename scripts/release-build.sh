#!/usr/bin/env bash
# Builds krant with the release-lto profile (whole-program optimisation; Cargo.toml) and
# prints the folder the executables are in.
#
#   scripts/release-build.sh [CARGO BUILD ARGS…]     e.g. --bin krant --example search_latency
#
# On Linux x86-64 the executable is linked statically (glibc included) and
# position-dependent. A search is a process of a few milliseconds, and a dynamically
# linked one spends ~0.6 ms more of it starting: the loader, and the start-up of libgcc_s,
# libm and libc (BENCHMARKS.md, "Mechanisms"). Elsewhere this is a plain
# `cargo build --profile release-lto`.
#
# The flags need an explicit --target: without one, cargo would also pass them to build
# scripts and proc macros, which cannot be linked statically. Cargo's messages go to
# stderr; stdout is only the folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
if [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]]; then
  triple=x86_64-unknown-linux-gnu
  CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C target-feature=+crt-static -C relocation-model=static" \
    cargo build --profile release-lto --locked --target "$triple" "$@" >&2
  echo "${CARGO_TARGET_DIR:-$repo/target}/$triple/release-lto"
else
  cargo build --profile release-lto --locked "$@" >&2
  echo "${CARGO_TARGET_DIR:-$repo/target}/release-lto"
fi
