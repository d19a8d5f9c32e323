#!/usr/bin/env bash
# krant's benchmark, side by side with the tools a user would otherwise pick.
#
#   bench/run.sh [quick|full] [WORKDIR]     quick: 10,000 articles; full: 100,000
#   bench/run.sh huge [WORKDIR]             100,000, 300,000 and 1,000,000 (bench/huge.sh)
#
# Installs what it needs (hyperfine, ripgrep, GNU time from Debian; wordfreq from PyPI;
# tantivy-cli 0.24 from crates.io), builds krant in release mode (scripts/release-build.sh:
# statically linked on Linux x86-64, as a release binary would be), generates a deterministic
# archive (seed 42), then measures on 2 threads:
#   1. full index build: krant vs tantivy-cli (same text as JSON lines, its default
#      tokenizer: no stemming, no stored text) — time, articles/s, MB/s, peak RSS, size;
#   2. krant index re-runs: nothing changed; 1% of the files touched;
#   3. 16 queries, whole process: krant search vs rg -i -w -l over the same folder;
#      plus krant's in-process search latency (examples/search_latency.rs);
#   4. krant histogram of a frequent word over all months;
#   5. corpus analytics, each beside a baseline in the same run: histogram --measure
#      occurrences beside histogram (articles); keywords and collocations of a query with
#      about 1,000 hits beside export --format jsonl of the same hits (reading their texts);
#      peak RSS of keywords of half the archive (2014-2016 against the rest) beside that of
#      the 1,000-hit query.
# The report (markdown) is written to WORKDIR/report.md and printed. Not part of cargo test.
set -euo pipefail

size="${1:-quick}"
case "$size" in
  quick) articles=10000 ;;
  full) articles=100000 ;;
  huge) articles=0 ;;
  *) echo "usage: bench/run.sh [quick|full|huge] [WORKDIR]" >&2; exit 2 ;;
esac
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${2:-/tmp/krant-bench}"
mkdir -p "$work"
threads=2
memory_mb=1000

echo "== tools" >&2
missing=()
for tool in hyperfine rg; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  pkgs="${missing[*]}"; pkgs="${pkgs/rg/ripgrep}"
  apt-get update -qq && apt-get install -y -qq $pkgs >/dev/null
fi
python3 -c 'import wordfreq' 2>/dev/null || pip install -q 'wordfreq==3.1.1'
if ! tantivy --version 2>/dev/null | grep -q '0\.24'; then
  # Not --locked: its lock file pins a traitobject release that no longer compiles.
  cargo install -q tantivy-cli --version 0.24.0
fi

echo "== build" >&2
bin="$("$repo/scripts/release-build.sh" -q --bin krant --example gen_archive --example search_latency)"
krant="$bin/krant"
latency="$bin/examples/search_latency"
if [[ "$size" == huge ]]; then
  [[ -f "$work/words.tsv" ]] || python3 "$repo/bench/export_words.py" "$work/words.tsv"
  "$repo/bench/huge.sh" "$bin" "$work" | tee "$work/huge-report.md"
  exit
fi

archive="$work/archive-$articles"
if [[ ! -f "$archive/.complete" ]]; then
  echo "== archive ($articles articles)" >&2
  rm -rf "$archive"
  python3 "$repo/bench/export_words.py" "$work/words.tsv"
  "$bin/examples/gen_archive" "$work/words.tsv" "$archive" "$articles" 42
  touch "$archive/.complete"
fi
docs="$work/docs-$articles.json"
[[ -f "$docs" ]] || python3 "$repo/bench/to_jsonl.py" "$archive" > "$docs"
out="$work/results-$articles"
rm -rf "$out" && mkdir -p "$out"
kidx="$work/krant-index" tidx="$work/tantivy-index"

echo "== 1. full build" >&2
# In turns (krant, tantivy-cli, krant, ...), not each engine's runs back to back: this
# machine's speed drifts within minutes, and a drift would land on one engine only.
python3 "$repo/bench/alternate.py" --json "$out/build.json" krant,tantivy-cli 5 \
  "rm -rf $kidx && $krant index $archive --index $kidx --threads $threads --memory $memory_mb -q" \
  "rm -rf $tidx && mkdir -p $tidx && cp $repo/bench/tantivy-cli-meta.json $tidx/meta.json && tantivy index -i $tidx -f $docs -t $threads -m ${memory_mb}000000" >&2
rm -rf "$kidx"
/usr/bin/time -f '%M' -o "$out/krant-rss" "$krant" index "$archive" --index "$kidx" --threads "$threads" --memory "$memory_mb" -q
rm -rf "$tidx" && mkdir -p "$tidx" && cp "$repo/bench/tantivy-cli-meta.json" "$tidx/meta.json"
/usr/bin/time -f '%M' -o "$out/tantivy-rss" tantivy index -i "$tidx" -f "$docs" -t "$threads" -m "${memory_mb}000000" >/dev/null
du -sb "$kidx" | cut -f1 > "$out/krant-size"
du -sb "$tidx" | cut -f1 > "$out/tantivy-size"
find "$archive" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}' > "$out/archive-bytes"
echo "$articles" > "$out/articles"
echo "$krant" > "$out/krant-binary"

echo "== 2. re-runs" >&2
hyperfine --warmup 1 --runs 10 --export-json "$out/noop.json" -n "no change" \
  "$krant index $archive --index $kidx -q" >&2
find "$archive" -name '*.txt' | sort | awk 'NR % 100 == 0' > "$out/touch-list"
hyperfine --runs 5 --export-json "$out/touch.json" -n "1% touched" \
  --prepare "xargs touch < $out/touch-list" \
  "$krant index $archive --index $kidx -q" >&2

echo "== 3. queries" >&2
# name ; krant query ; rg command over DIR (the same question, as a user would ask rg)
queries=(
  "frequent;jaar;rg -i -w -l jaar DIR"
  "mid;politie;rg -i -w -l politie DIR"
  "rare;kalifaat;rg -i -w -l kalifaat DIR"
  "rare 2;ijsvogel;rg -i -w -l ijsvogel DIR"
  "stemmed;vluchteling;rg -i -w -l vluchteling DIR"
  "AND;regering minister;rg -i -w -l regering DIR | xargs -r rg -i -w -l minister"
  "phrase;\"jaar geleden\";rg -i -w -l 'jaar geleden' DIR"
  "OR;mensen OR politie;rg -i -w -l 'mensen|politie' DIR"
)
i=0
: > "$out/queries.tsv"
for spec in "${queries[@]}"; do
  IFS=';' read -r name query rgcmd <<< "$spec"
  for range in "" 2017; do
    i=$((i + 1))
    label="$name"; kargs=(); rgdir="$archive"
    if [[ -n "$range" ]]; then label="$name, $range"; kargs=(--from "$range" --to "$range"); rgdir="$archive/$range"; fi
    printf '%s\t%s\t%s\n' "$i" "$label" "$query${range:+ --from $range --to $range}" >> "$out/queries.tsv"
    hyperfine -N --warmup 3 --runs 30 -i --export-json "$out/q$i-krant.json" \
      -n krant "$krant search '$query' ${kargs[*]} --index $kidx --limit 10 --color never" >/dev/null 2>&1
    # Through the shell (for the AND pipeline), as often as fits in a few seconds.
    hyperfine --warmup 1 --min-runs 5 --max-runs 30 -i --export-json "$out/q$i-rg.json" \
      -n rg "${rgcmd//DIR/$rgdir} > /dev/null" >/dev/null 2>&1
  done
done
cut -f3 "$out/queries.tsv" | tr '\n' '\0' | xargs -0 "$latency" "$kidx" 200 > "$out/latency.tsv"

echo "== 4. histogram" >&2
hyperfine -N --warmup 3 --runs 30 --export-json "$out/histogram.json" -n histogram \
  "$krant histogram jaar --index $kidx --format csv" >/dev/null 2>&1

echo "== 5. analytics" >&2
# A word with about 1,000 hits in the full archive (orkest: 922; ~100 in quick): of a few
# candidates, the one whose count is nearest 1% of the articles.
target=$((articles / 100))
few=""; best=""
for word in orkest brandweer wethouder gemeenteraad kabinet; do
  n="$("$krant" search "$word" --index "$kidx" --count)" || n=0
  d=$(( n > target ? n - target : target - n ))
  if [[ -z "$best" || $d -lt $best ]]; then best=$d; few=$word; echo "$n" > "$out/few-hits"; fi
done
echo "$few" > "$out/few-word"
hyperfine -N --warmup 3 --runs 30 --export-json "$out/measure.json" \
  -n articles "$krant histogram jaar --index $kidx --format csv" \
  -n occurrences "$krant histogram jaar --measure occurrences --index $kidx --format csv" \
  -n "occurrences, relative" "$krant histogram jaar --measure occurrences --relative --index $kidx --format csv" >/dev/null 2>&1
hyperfine --warmup 2 --runs 10 --export-json "$out/analytics.json" \
  -n "export (baseline)" "$krant export $few --format jsonl --index $kidx > /dev/null" \
  -n keywords "$krant keywords $few --index $kidx --format csv > /dev/null" \
  -n collocations "$krant collocations $few --index $kidx --format csv > /dev/null" >/dev/null 2>&1
/usr/bin/time -f '%M' -o "$out/keywords-rss" "$krant" keywords "$few" --index "$kidx" --format csv >/dev/null
/usr/bin/time -f '%M %e' -o "$out/keywords-all-rss" "$krant" keywords --from 2014 --to 2016 --index "$kidx" --format csv >/dev/null

python3 "$repo/bench/report.py" "$out" "$threads" "$memory_mb" | tee "$work/report.md"
