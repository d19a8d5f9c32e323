#!/usr/bin/env bash
# krant at scale: build time, peak memory, index size and no-op re-run time at growing
# archive sizes, beside tantivy-cli and the file system's floor. Run through
# `bench/run.sh huge [WORKDIR]`, which installs the tools and builds the binaries first:
#
#   bench/huge.sh BIN_DIR WORKDIR
#
# HUGE_SIZES (default "100000 300000 1000000") picks the archive sizes. For each size, on
# 2 threads and the default writer budget (256 MB), in the same sitting:
#   1. the archive (examples/gen_archive, seed 42; kept in WORKDIR between runs) and its
#      text as JSON lines for tantivy-cli (removed after use: 3.6 GB at a million);
#   2. full build, krant then tantivy-cli, each under /usr/bin/time -v (wall, peak RSS);
#   3. no-op re-run (nothing changed) against `find ARCHIVE -name '*.txt' -printf
#      '%s %T@ %p\n'`, in turns, 5 rounds (medians), with warm caches, and once more under
#      /usr/bin/time -v for its peak RSS;
#   4. index sizes; three searches, whole process (hyperfine).
# Results go to WORKDIR/huge/SIZE/; bench/huge_report.py prints the table, the scaling
# exponents and a projection to 10 million articles. A million articles needs about 12 GB
# of disk while it runs and an hour on a 2-core machine. Not part of cargo test.
set -euo pipefail

bin="$1" work="$2"
repo="$(cd "$(dirname "$0")/.." && pwd)"
krant="$bin/krant"
threads=2
memory_mb=256
sizes="${HUGE_SIZES:-100000 300000 1000000}"

# `/usr/bin/time -v`'s wall clock (h:mm:ss or m:ss.ss) in seconds, and peak RSS in kB.
timed() {
  local out="$1"; shift
  /usr/bin/time -v -o "$out.time" "$@" >"$out.log" 2>&1
  awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s
    }' "$out.time" > "$out.seconds"
  awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time" > "$out.rss_kb"
}

for articles in $sizes; do
  out="$work/huge/$articles"
  rm -rf "$out" && mkdir -p "$out"
  archive="$work/archive-$articles"
  # The generator is prefix-stable (the first N articles of a larger archive of the same
  # seed are the archive of N): a smaller archive is hard-linked from a larger one.
  larger=""
  for other in $sizes; do
    if ((other > articles)) && [[ -f "$work/archive-$other/.complete" ]]; then
      larger="$work/archive-$other"
    fi
  done
  if [[ ! -f "$archive/.complete" && -n "$larger" ]]; then
    echo "== archive ($articles articles, linked from $larger)" >&2
    rm -rf "$archive"
    mkdir -p "$archive"
    # Files are named after the article's number (000123_…), in folders by year.
    (cd "$larger" && find . -name '*.txt' \
      | awk -F/ -v n="$articles" '{ split($NF, p, "_"); if (p[1] + 0 < n) print }' \
      | xargs cp -l --parents -t "$archive")
    touch "$archive/.complete"
  fi
  if [[ ! -f "$archive/.complete" ]]; then
    echo "== archive ($articles articles)" >&2
    rm -rf "$archive"
    [[ -f "$work/words.tsv" ]] || python3 "$repo/bench/export_words.py" "$work/words.tsv"
    "$bin/examples/gen_archive" "$work/words.tsv" "$archive" "$articles" 42
    touch "$archive/.complete"
  fi
  # find does not follow a link given as its starting point.
  archive="$(readlink -f "$archive")"
  docs="$work/docs-$articles.json"
  [[ -f "$docs" ]] || python3 "$repo/bench/to_jsonl.py" "$archive" > "$docs"
  echo "$articles" > "$out/articles"
  find "$archive" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}' > "$out/archive-bytes"
  kidx="$work/huge-krant-index" tidx="$work/huge-tantivy-index"

  echo "== $articles: full build" >&2
  rm -rf "$kidx"
  timed "$out/krant-build" "$krant" index "$archive" --index "$kidx" --threads "$threads" \
    --memory "$memory_mb" -q
  rm -rf "$tidx" && mkdir -p "$tidx" && cp "$repo/bench/tantivy-cli-meta.json" "$tidx/meta.json"
  timed "$out/tantivy-build" tantivy index -i "$tidx" -f "$docs" -t "$threads" \
    -m "${memory_mb}000000"
  du -sb "$kidx" | cut -f1 > "$out/krant-size"
  du -sb "$tidx" | cut -f1 > "$out/tantivy-size"
  rm -rf "$tidx"
  # Only kept between runs when it was made here.
  [[ -L "$docs" ]] || rm -f "$docs"

  echo "== $articles: no-op re-run" >&2
  "$krant" index "$archive" --index "$kidx" -q
  python3 "$repo/bench/alternate.py" --json "$out/noop.json" krant,find 5 \
    "$krant index $archive --index $kidx --threads $threads -q" \
    "find $archive -name '*.txt' -printf '%s %T@ %p\n' > /dev/null" >&2
  timed "$out/krant-noop" "$krant" index "$archive" --index "$kidx" --threads "$threads" -q

  echo "== $articles: searches" >&2
  hyperfine -N --warmup 3 --runs 20 --export-json "$out/search.json" \
    -n frequent "$krant search jaar --index $kidx --limit 10 --color never" \
    -n rare "$krant search kalifaat --index $kidx --limit 10 --color never" \
    -n phrase "$krant search '\"jaar geleden\"' --index $kidx --limit 10 --color never" \
    >/dev/null 2>&1
  rm -rf "$kidx"
done

python3 "$repo/bench/huge_report.py" "$work/huge" "$threads" "$memory_mb"
