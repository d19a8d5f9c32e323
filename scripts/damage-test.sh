#!/usr/bin/env bash
# Damages a krant index in many ways and checks that every command meets the damage with
# exit 0, 1 or 2 and at most one line on stderr: never a panic (101), an abort or a
# signal, never a hang (10 s each). Each case starts from a fresh copy of the same index.
#
#   scripts/damage-test.sh [KRANT]      (default: target/debug/krant, built if missing)
#
# Cases: for every file of the index (each segment file, meta.json, .managed.json,
# krant.json, forms.fst, stamps.tsv): bytes flipped at 10%, 50% and 90% of its length,
# the last 16 bytes flipped (tantivy's footer), truncated to half, emptied, deleted.
# Commands after each: search (plain, prefix, fuzzy, phrase, --count, paths), histogram,
# kwic, show, stats, check, index, then index --rebuild, which must exit 0 and leave a
# sound index (`krant check`) with every article.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
krant="${1:-}"
if [[ -z "$krant" ]]; then
  cargo build --quiet --manifest-path "$repo/Cargo.toml"
  krant="${CARGO_TARGET_DIR:-$repo/target}/debug/krant"
fi
krant="$(realpath "$krant")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir corpus
for i in $(seq 1 300); do
  printf ' date 20%02d-%02d Artikel %d over vluchtelingen en het kalifaat\nDe vluchtelingen in België en het kalifaat van IS, %d jaar geleden. Mosul %d.\n' \
    $((14 + i % 6)) $((1 + i % 12)) "$i" "$i" "$i" > "corpus/a$i.txt"
done
"$krant" index corpus -q >/dev/null 2>&1
# Two segments at least: an update after the first commit.
for i in $(seq 1 40); do echo " date 2019-01 Nieuw $i over Raqqa" > "corpus/n$i.txt"; done
"$krant" index corpus -q >/dev/null 2>&1
cp -a .krant pristine
articles=340

cases=0 commands=0 bad=0 rebuilt=0
declare -A codes=()
flip() { # FILE OFFSET COUNT
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, at, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = bytearray(open(path, 'rb').read())
for i in range(at, min(at + count, len(data))):
    data[i] ^= 0xFF
open(path, 'wb').write(data)
EOF
}
run() { # ARGS...
  local code=0 err
  err="$(timeout 10 "$krant" "$@" 2>&1 >/dev/null)" || code=$?
  commands=$((commands + 1))
  codes[$code]=$(( ${codes[$code]:-0} + 1 ))
  if [[ $code -gt 2 && $code -ne 130 ]] || grep -q panicked <<<"$err" || [[ $code -eq 2 && $(wc -l <<<"$err") -gt 1 ]]; then
    bad=$((bad + 1))
    echo "BAD ($code) $case: krant $*: $err" >&2
  fi
}
for file in pristine/* pristine/.managed.json; do
  name="$(basename "$file")"
  [[ "$name" == krant.lock || "$name" == .tantivy-* ]] && continue
  size=$(stat -c %s "$file")
  for damage in flip10 flip50 flip90 footer half empty delete; do
    case="$name $damage"
    rm -rf .krant && cp -a pristine .krant
    target=".krant/$name"
    case $damage in
      flip10) flip "$target" $((size / 10)) 4 ;;
      flip50) flip "$target" $((size / 2)) 4 ;;
      flip90) flip "$target" $((size * 9 / 10)) 4 ;;
      footer) flip "$target" $((size > 16 ? size - 16 : 0)) 16 ;;
      half) truncate -s $((size / 2)) "$target" ;;
      empty) truncate -s 0 "$target" ;;
      delete) rm "$target" ;;
    esac
    cases=$((cases + 1))
    for query in kalifaat 'vluchtelinge*' 'kalifat~1' '"het kalifaat"'; do
      run search "$query" --limit 5
    done
    run search mosul --count
    run search --format paths
    run histogram vluchtelingen
    run kwic kalifaat --limit 3
    run show a7.txt
    run stats
    run check
    run index corpus
    code=0
    "$krant" index corpus --rebuild -q >/dev/null 2>&1 || code=$?
    if [[ $code -eq 0 ]] && "$krant" check >/dev/null 2>&1 &&
      [[ "$("$krant" search --count)" == "$articles" ]]; then
      rebuilt=$((rebuilt + 1))
    else
      bad=$((bad + 1))
      echo "BAD $case: index --rebuild exited $code or left an unsound index" >&2
    fi
  done
done
summary=""
for code in "${!codes[@]}"; do summary+=" exit $code: ${codes[$code]};"; done
echo "damage cases: $cases; commands run: $commands ($summary); rebuilt: $rebuilt of $cases; bad: $bad"
[[ $bad -eq 0 ]]
