#!/usr/bin/env bash
# Checks that two krant executables behave the same, byte for byte: for a move of code
# that must not change behaviour (a module split, a renamed seam), build the executable
# before and after and run
#
#   scripts/same-output.sh BEFORE AFTER [ARCHIVE]
#
# It compares
#   - `krant analyze` (text and JSON, index and query side) on every text of
#     tests/data/expectations-lexeme.tsv and on every article of corpus/;
#   - `krant search` (text, JSON with snippets, counts) and `krant kwic` for 20 queries on
#     ARCHIVE (default /tmp/kb/archive-5k), each executable searching an index it built
#     itself in a temporary folder;
#   - `krant terms` for 5 words, and `histogram`, `trend`, `export`, `keywords`,
#     `collocations`, `report` for 4 queries, and `stats`, on the same indexes.
# Prints one line per difference and exits 1 if there is any, else says how many outputs
# were the same and exits 0.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: scripts/same-output.sh BEFORE AFTER [ARCHIVE]" >&2
  exit 2
fi
before=$(realpath "$1")
after=$(realpath "$2")
archive=${3:-/tmp/kb/archive-5k}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/before" "$work/after"
export NO_COLOR=1

# Texts to analyze: the third column of match/nomatch lines, the second of onetoken lines,
# the queries too; then each article of corpus/ whole.
texts="$work/texts"
grep -v '^#' "$repo/tests/data/expectations-lexeme.tsv" | awk -F'\t' '
  NF >= 3 && ($1 == "match" || $1 == "nomatch") { print $2; print $3 }
  NF >= 3 && $1 == "onetoken" { print $2 }' | sort -u > "$texts"

queries=(
  jaar politie kalifaat ijsvogel vluchteling "regering minister" '"jaar geleden"'
  "mensen OR politie" belgie Tienen "gemeente tienen" "IS-strijders" "corona-crisis"
  "vluchtelingenprobleem" "oekraine -rusland" "vlucht*" "minister~1" "gemeenteraden"
  "NAVO" "daklozen binnenstad"
)

run_all() {
  local side=$1 krant=$2 out="$work/$1"
  local n=0
  while IFS= read -r text; do
    n=$((n + 1))
    "$krant" analyze --color never -- "$text" > "$out/analyze-$n.txt" 2>&1 || true
    "$krant" analyze --query --color never --format json -- "$text" \
      > "$out/analyze-q-$n.json" 2>&1 || true
  done < "$texts"
  for file in "$repo"/corpus/*.txt; do
    name=$(basename "$file" .txt)
    "$krant" analyze --color never -- "$(cat "$file")" > "$out/corpus-$name.txt" 2>&1 || true
    "$krant" analyze --color never --format json -- "$(cat "$file")" \
      > "$out/corpus-$name.json" 2>&1 || true
  done
  local index="$work/index-$side"
  # One thread: articles then get the same document numbers in both indexes, and hits
  # of equal score come out in the same order.
  "$krant" index "$archive" --index "$index" --threads 1 --quiet > /dev/null 2>&1
  search_all "$out" "$krant" "$index"
  # The searching code on its own: this executable on the other's index.
  if [[ $side == after ]]; then
    mkdir -p "$work/cross"
    search_all "$work/cross" "$krant" "$work/index-before"
  fi
}

search_all() {
  local out=$1 krant=$2 index=$3
  local q=0
  for query in "${queries[@]}"; do
    q=$((q + 1))
    "$krant" search --index "$index" --color never --limit 20 -- "$query" \
      > "$out/search-$q.txt" 2>&1 || true
    "$krant" search --index "$index" --format json --limit 20 -- "$query" \
      > "$out/search-$q.json" 2>&1 || true
    "$krant" search --index "$index" --count -- "$query" > "$out/count-$q.txt" 2>&1 || true
    "$krant" kwic --index "$index" --color never -- "$query" > "$out/kwic-$q.txt" 2>&1 || true
  done
  for word in vluchteling jaar gemeenteraad loopt Tienen; do
    "$krant" terms --index "$index" --color never -- "$word" > "$out/terms-$word.txt" 2>&1 || true
  done
  # The other commands that read what a query selects: counts per period and folder, the
  # matching texts, the words near the matches, a report (its time of indexing taken out).
  local c=0
  for query in kalifaat '"jaar geleden"' "vlucht*" "mensen OR politie"; do
    c=$((c + 1))
    "$krant" histogram --index "$index" --format json -- "$query" > "$out/select-hist-$c.json" 2>&1 || true
    "$krant" histogram --index "$index" --by year --measure occurrences --format csv -- "$query" \
      > "$out/select-occ-$c.csv" 2>&1 || true
    "$krant" histogram --index "$index" --by folder --format json -- "$query" \
      > "$out/select-folder-$c.json" 2>&1 || true
    "$krant" trend --index "$index" --format json --by quarter -- "$query" politie \
      > "$out/select-trend-$c.json" 2>&1 || true
    "$krant" export --index "$index" --format jsonl --from 2016 -- "$query" \
      > "$out/select-export-$c.jsonl" 2>&1 || true
    "$krant" keywords --index "$index" --format json --limit 20 -- "$query" \
      > "$out/select-keywords-$c.json" 2>&1 || true
    "$krant" collocations --index "$index" --format json --limit 20 -- "$query" \
      > "$out/select-colloc-$c.json" 2>&1 || true
    "$krant" report --index "$index" --hits 3 --kwic 5 -- "$query" 2>&1 |
      sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC/TIME/g' > "$out/select-report-$c.html" || true
  done
  "$krant" stats --index "$index" --format json 2>&1 |
    sed -E 's/"indexed_at":[0-9]+//; s/"index_bytes":[0-9]+//' > "$out/select-stats.json" || true
}

run_all before "$before"
run_all after "$after"

# Paths of the temporary indexes differ; nothing else may.
differ=0
same=0
for other in after cross; do
  for file in "$work"/before/*; do
    name=$(basename "$file")
    [[ $other == cross && $name != search-* && $name != count-* && $name != kwic-* &&
      $name != terms-* && $name != select-* ]] && continue
    if cmp -s <(sed "s#$work/index-before#INDEX#g" "$file") \
      <(sed "s#$work/index-$other#INDEX#g; s#$work/index-before#INDEX#g" "$work/$other/$name"); then
      same=$((same + 1))
    else
      echo "differs: $other/$name" >&2
      differ=$((differ + 1))
    fi
  done
done
if [[ $differ -gt 0 ]]; then
  echo "$differ outputs differ, $same the same" >&2
  exit 1
fi
echo "all $same outputs byte-identical ($(wc -l < "$texts") texts, $(ls "$repo"/corpus/*.txt | wc -l) articles, ${#queries[@]} queries on $archive)"
