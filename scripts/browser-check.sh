#!/usr/bin/env bash
# Opens what krant draws in a real browser (headless Chromium) and checks it:
#
#   scripts/browser-check.sh [KRANT]     (default: a debug build made here)
#
# Builds a small archive with known counts (and one article whose title and file name
# are HTML meant to break out of the page), then writes a histogram (--format svg), a trend of
# three queries (--format svg) and `krant report` of the three. For each file Chromium
#   - loads it from disk (file://) and must log no console message at all (an error,
#     a warning, a script's output: `--enable-logging=stderr` prints them as CONSOLE);
#   - dumps the DOM it built (`--dump-dom`), in which the checks count the histogram's
#     12 bars, the trend's and the report's 3 lines and 3 legend entries, and find no
#     script and nothing to fetch (src=, href=, url(, @import) in the report;
#   - takes a screenshot (`--screenshot`).
# The chart's and the report's screenshots go to $OUT as chart.png and report.png
# (default: a temporary folder, removed at the end); OUT=docs remakes the README's.
# With xmllint and Debian's w3c-sgml-lib (the SVG 1.1 DTD), the SVG files are also
# validated as SVG 1.1; without them that check says it is skipped.
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

# The archive: 2017, with a known number of articles a month matching each query (a rise
# and fall each, as a debate has), ten others a month, and a hostile article in 2017-02.
mkdir -p "$work/corpus"
kalifaat=(1 3 6 9 7 4 3 2 2 1 1 1)
mosul=(0 0 1 2 4 6 8 6 3 2 1 1)
raqqa=(0 0 0 0 1 2 3 5 7 6 4 2)
for i in $(seq 0 11); do
  m="$(printf '%02d' $((i + 1)))"
  for word in kalifaat mosul raqqa; do
    declare -n counts="$word"
    for n in $(seq 1 "${counts[$i]}"); do
      printf 'date 2017-%s\nNieuws over %s (%s)\nHet bericht noemt %s, in maand %s.\n' \
        "$m" "$word" "$n" "$word" "$m" > "$work/corpus/2017-$m-$word-$n.txt"
    done
  done
  for n in $(seq 1 10); do
    printf 'date 2017-%s\nHet weer (%s)\nHet was koud.\n' "$m" "$n" > "$work/corpus/2017-$m-weer-$n.txt"
  done
done
printf 'date 2017-02\n<script>console.error("escaped?")</script> kalifaat\n<img src=x onerror="console.error(1)"> Het kalifaat &amp; zeldzaamheid.\n' \
  > "$work/corpus/<img src=x onerror=alert(1)>.txt"

cd "$work"
"$krant" index corpus --index "$work/idx" > index.log 2>&1 || fail "krant index: $(cat index.log)"
k() { "$krant" --index "$work/idx" "$@"; }
k histogram kalifaat --format svg > chart.svg
k trend kalifaat mosul raqqa --relative --format svg > trend.svg
k report kalifaat mosul raqqa > report.html
k report zeldzaamheid > hostile.html

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

dtd=/usr/share/xml/w3c-sgml-lib/schema/dtd/REC-SVG11-20110816/svg11.dtd
if command -v xmllint > /dev/null 2>&1 && [[ -f "$dtd" ]]; then
  for file in chart.svg trend.svg; do
    xmllint --noout --nonet --dtdvalid "$dtd" "$file" 2> "$file.xmllint" ||
      fail "$file is not valid SVG 1.1: $(head -5 "$file.xmllint")"
    echo "ok  $file is valid SVG 1.1 (xmllint, the W3C DTD)"
  done
else
  echo "--  SVG 1.1 validation skipped: needs xmllint and $dtd (apt-get install -y libxml2-utils w3c-sgml-lib)"
fi

browse chart.svg 800 "$(height chart.svg)" "$out/chart.png"
count chart.svg 'class="bar"' 12 bars
browse trend.svg 800 "$(height trend.svg)" "$work/trend.png"
count trend.svg 'class="series"' 3 lines
count trend.svg 'class="legend"' 3 "legend entries"
browse report.html 900 1200 "$out/report.png"
count report.html 'class="series"' 3 "lines in the report's chart"
count report.html '<section class="query">' 3 "query sections"
grep -q '<mark>kalifaat</mark>' report.html.dom || fail "report.html: no highlighted match"
echo "ok  report.html highlights the matches"
# Elements that run or fetch something (archive text shows as &lt;…, never as a tag),
# and the style sheet's own fetches; the hostile article ("zeldzaamheid" is in it alone) is text.
browse hostile.html 900 1200
for page in report.html hostile.html; do
  count "$page" '<(script|link|img|iframe|object|embed|audio|video|source|use|image)[ >]' 0 \
    "elements that run or fetch"
done
sed -n "/<style>/,/<\\/style>/p" report.html.dom > style.dom
count style '(url\(|@import)' 0 "fetches in the style sheet"
grep -q '&lt;script&gt;console.error' hostile.html.dom ||
  fail "hostile.html: the hostile title is not shown as text"
echo "ok  hostile.html shows the hostile title and file name as text"
echo "browser-check: all checks passed (screenshots in $out)"
