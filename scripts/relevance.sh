#!/usr/bin/env bash
# Runs the relevance suite (tests/relevance) against any krant binary and prints each
# query that returns a different set than expected, then a count. Used to compare
# analyzers: `cargo test --test krant relevance::` runs the same suite on the current build.
#   scripts/relevance.sh [KRANT_BINARY]   (default: target/release/krant)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
krant="${1:-$here/target/release/krant}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$krant" index "$here/tests/relevance/archive" --index "$work/idx" >/dev/null 2>&1
pass=0
fail=0
while IFS=$'\t' read -r query expected; do
  [[ -z "$query" || "$query" == \#* ]] && continue
  [[ "$expected" == "-" ]] && expected=""
  # JSON (not --format paths) so that older krant versions can be compared too.
  got="$("$krant" search "$query" --index "$work/idx" --format json --limit 1000 2>/dev/null \
         | python3 -c 'import json,sys
try: hits = json.load(sys.stdin)["hits"]
except Exception: hits = []
print(" ".join(sorted(h["path"][:-4] for h in hits)))')" || true
  if [[ "$got" == "$expected" ]]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    printf 'MISS  %-16s expected [%s] got [%s]\n' "$query" "$expected" "$got"
  fi
done < "$here/tests/relevance/queries.tsv"
echo "relevance: $pass of $((pass + fail)) queries return exactly the expected articles"
