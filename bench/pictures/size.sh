#!/usr/bin/env bash
# What a chart costs in a binary: the same line chart (120 months, markers, a legend)
# drawn with plotters (only its SVG backend) and with krant's hand-written src/chart/,
# each against a program that prints a fixed string. Fat LTO, one codegen unit and
# stripped, as krant's release profile (less the debug lines). Also counts the Rust
# lines each way brings.
#
#   bench/pictures/size.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
cargo build --quiet --release --manifest-path "$here/Cargo.toml" \
  --bin baseline --bin withplotters --bin handwritten
bin="$CARGO_TARGET_DIR/release"
base=$(stat -c %s "$bin/baseline")
for b in withplotters handwritten; do
  size=$(stat -c %s "$bin/$b")
  echo "$b: $size bytes, +$((size - base)) over the baseline ($base)"
done
crates="$(cargo metadata --quiet --format-version 1 --manifest-path "$here/Cargo.toml" |
  grep -o '"manifest_path":"[^"]*/plotters[^"]*/Cargo.toml' | cut -d'"' -f4 | xargs -n1 dirname)"
# shellcheck disable=SC2086
echo "plotters, plotters-backend, plotters-svg: $(find $crates -path '*/src/*' -name '*.rs' -print0 |
  xargs -0 cat | wc -l) lines of Rust"
echo "src/chart/ (without its tests): $(for f in "$here"/../../src/chart/*.rs; do
  sed '/^#\[cfg(test)\]/,$d' "$f"; done | wc -l) lines"
