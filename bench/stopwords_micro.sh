#!/usr/bin/env bash
# The stop-word test alone, two versions of `src/analysis/stopwords.rs` side by side in one
# program, over the words of an archive (BENCHMARKS.md, "The stop-word test"):
#
#   bench/stopwords_micro.sh OLD_COMMIT NEW_COMMIT ARCHIVE [FILES]
#
# Each version's module (its tests left out) is compiled into one program with rustc -O;
# the program times `is_stop_word` over every whitespace-separated word of the first FILES
# (default 2000) articles, three rounds of each in turns, and prints ns per word and the
# count of stop words (which must agree). Not part of cargo test.
set -euo pipefail

old="$1" new="$2" archive="$3" files="${4:-2000}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

module() { # commit name
  git -C "$repo" show "$1:src/analysis/stopwords.rs" | python3 -c '
import re, sys
src = sys.stdin.read().split("#[cfg(test)]\nmod tests")[0]
src = re.sub(r"//!.*\n", "", src).replace("#[cfg(test)]\n", "")
print("mod " + sys.argv[1] + " {\n" + src + "\n}")' "$2"
}
{
  module "$old" old
  module "$new" new
  cat <<'EOF'
use std::hint::black_box;
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let words: Vec<&str> = text.split_whitespace().collect();
    let versions: [(&str, fn(&str) -> bool); 2] =
        [("old", old::is_stop_word), ("new", new::is_stop_word)];
    for round in 1..=3 {
        for (name, is_stop_word) in versions {
            let start = std::time::Instant::now();
            let mut stop = 0usize;
            for _ in 0..5 {
                for word in &words {
                    stop += usize::from(is_stop_word(black_box(word)));
                }
            }
            let ns = start.elapsed().as_nanos() as f64 / (5 * words.len()) as f64;
            println!("round {round} {name}: {ns:.2} ns/word ({stop} stop words)");
        }
    }
}
EOF
} > "$work/micro.rs"
rustc -O --edition 2024 -A warnings "$work/micro.rs" -o "$work/micro"
# sed, not head, reads the whole list: head's early exit would fail the pipe.
find "$archive" -name '*.txt' | sort | sed -n "1,${files}p" | xargs cat \
  | tr -c '[:alnum:]\n' ' ' > "$work/words.txt"
"$work/micro" "$work/words.txt"
