#!/usr/bin/env bash
# Opens what krant draws in a real browser (headless Chromium) and checks it:
#
#   scripts/browser-check.sh [KRANT]     (default: a debug build made here)
#
# Builds a small archive with known counts (one article a month in 2017 matches
# kalifaat, every third month mosul, and one article's title and file name are HTML
# meant to break out of the page), then writes a histogram (--format svg), a trend of
# three queries (--format svg) and `krant report` of the three. For each file Chromium
#   - loads it from disk (file://) and must log no console message at all (an error,
#     a warning, a script's output: `--enable-logging=stderr` prints them as CONSOLE);
#   - dumps the DOM it built (`--dump-dom`), in which the checks count the histogram's
#     12 bars, the trend's and the report's 3 lines and 3 legend entries, and find no
#     script and nothing to fetch (src=, href=, url(, @import) in the report;
#   - takes a screenshot (`--screenshot`).
# Screenshots go to $OUT (default: a temporary folder, removed at the end); with
# OUT=docs the repository's docs/chart.png and docs/report.png are remade.
# Prints each check; exits 1 on the first failure, with what Chromium said.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
krant="${1:-}"
if [[ -z "$krant" ]]; then
  cargo build --quiet --manifest-path "$repo/Cargo.toml" --bin krant
  krant="${CARGO_TARGET_DIR:-$repo/target}/debug/krant"
fi
krant="$(realpath "$krant")"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "browser-check: no chromium on PATH (Debian: apt-get install -y chromium)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${OUT:-$work/shots}"
[[ "$out" = /* ]] || out="$repo/$out"
mkdir -p "$out"

fail() {
  echo "browser-check: FAIL: $*" >&2
  exit 1
}

# The archive: 2017, one kalifaat article a month, mosul in months 1, 4, 7 and 10,
# raqqa in 2017-06 only; plus a hostile article in 2017-02.
mkdir -p "$work/corpus"
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
  extra=""
  case "$m" in 01 | 04 | 07 | 10) extra=" De slag om Mosul." ;; 06) extra=" Raqqa valt." ;; esac
  printf 'date 2017-%s\nNieuws uit maand %s\nHet kalifaat in maand %s.%s\n' \
    "$m" "$m" "$m" "$extra" > "$work/corpus/2017-$m.txt"
done
printf 'date 2017-02\n<script>console.error("escaped?")</script> kalifaat\n<img src=x onerror="console.error(1)"> Het kalifaat &amp; meer.\n' \
  > "$work/corpus/<img src=x onerror=alert(1)>.txt"

cd "$work"
"$krant" index corpus --index "$work/idx" > index.log 2>&1 || fail "krant index: $(cat index.log)"
k() { "$krant" --index "$work/idx" "$@"; }
k histogram kalifaat --format svg > chart.svg
k trend kalifaat mosul raqqa --format svg > trend.svg
k report kalifaat mosul raqqa > report.html

# Runs Chromium on file $1 (width $2, height $3), writing $1.dom, $1.log and a screenshot
# $4 (if given); fails on any console message.
browse() {
  local file="$1" width="$2" height="$3" shot="${4:-}"
  local flags=(--headless --disable-gpu --hide-scrollbars --no-first-run
    --enable-logging=stderr --v=0 --window-size="$width,$height")
  # Chromium's sandbox needs user namespaces, which a root CI container lacks.
  [[ "$(id -u)" != 0 ]] || flags+=(--no-sandbox)
  timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/$file" \
    > "$file.dom" 2> "$file.log" || fail "chromium could not load $file: $(tail -3 "$file.log")"
  if grep -q ':CONSOLE' "$file.log"; then
    fail "$file logged to the console: $(grep ':CONSOLE' "$file.log")"
  fi
  [[ -s "$file.dom" ]] || fail "$file: chromium dumped no DOM"
  if [[ -n "$shot" ]]; then
    timeout 120 "$browser" "${flags[@]}" --screenshot="$shot" "file://$work/$file" \
      > /dev/null 2>> "$file.log" || fail "no screenshot of $file: $(tail -3 "$file.log")"
    [[ -s "$shot" ]] || fail "$file: empty screenshot"
  fi
  echo "ok  $file loads without console messages"
}

# count FILE PATTERN EXPECTED WHAT: the matches of the extended regex PATTERN in FILE.dom.
count() {
  local n
  n="$({ grep -oE "$2" "$1.dom" || true; } | wc -l)"
  [[ "$n" -eq "$3" ]] || fail "$1: $4: expected $3, found $n"
  echo "ok  $1: $3 $4"
}

height() { grep -o 'height="[0-9.]*"' "$1" | head -1 | tr -dc '0-9.' | cut -d. -f1; }

browse chart.svg 800 "$(height chart.svg)" "$out/chart.png"
count chart.svg 'class="bar"' 12 bars
browse trend.svg 800 "$(height trend.svg)" "$out/trend.png"
count trend.svg 'class="series"' 3 lines
count trend.svg 'class="legend"' 3 "legend entries"
browse report.html 900 1200 "$out/report.png"
count report.html 'class="series"' 3 "lines in the report's chart"
count report.html '<section class="query">' 3 "query sections"
grep -q '<mark>kalifaat</mark>' report.html.dom || fail "report.html: no highlighted match"
echo "ok  report.html highlights the matches"
# Elements that run or fetch something (archive text shows as &lt;…, never as a tag),
# and the style sheet's own fetches.
count report.html '<(script|link|img|iframe|object|embed|audio|video|source|use|image)[ >]' 0 \
  "elements that run or fetch"
sed -n "/<style>/,/<\\/style>/p" report.html.dom > style.dom
count style '(url\(|@import)' 0 "fetches in the style sheet"
grep -q '&lt;script&gt;console.error' report.html.dom ||
  fail "report.html: the hostile title is not shown as text"
echo "ok  report.html shows the hostile title as text"
echo "browser-check: all checks passed (screenshots in $out)"
