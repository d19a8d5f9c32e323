#!/usr/bin/env bash
# Where a full build's CPU goes, thread by thread, beside tantivy-cli's on the same text in
# the same sitting: each build runs once under `perf record -F 49` (cpu-clock, so samples
# / 49 = CPU seconds), and the samples are grouped by thread name (krant's `read` threads
# read and analyze the files; tantivy's `thrd-tantivy-in*` index, `merge_thread_*` merge;
# the main thread walks the folder, plans and commits). Also prints how busy the two cores
# were: samples against wall time × cores, and the seconds under 70% busy. Not a test.
#
#   bench/threads.sh KRANT_BIN ARCHIVE [DOCS_JSONL]
#
# DOCS_JSONL is the archive as JSON lines for tantivy-cli (`bench/to_jsonl.py ARCHIVE`);
# made in a temporary folder and removed after if not given (3.6 GB at a million
# articles). Needs perf, tantivy-cli 0.24 (`cargo install tantivy-cli --version 0.24.0`)
# and python3. 2 threads, a 256 MB writer budget, as in `bench/huge.sh`.
set -euo pipefail

krant="$(readlink -f "$1")" archive="$(readlink -f "$2")"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
docs="${3:-}"
if [[ -z "$docs" ]]; then
  docs="$work/docs.json"
  python3 "$repo/bench/to_jsonl.py" "$archive" > "$docs"
fi
cores=$(nproc)
freq=49

measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" \
    perf record -q -F "$freq" -o "$work/$name.data" -- "$@" >/dev/null 2>"$work/$name.err"
  perf script -i "$work/$name.data" -F comm,time 2>/dev/null > "$work/$name.samples"
  python3 - "$name" "$work/$name.time" "$work/$name.samples" "$freq" "$cores" <<'EOF'
import collections, re, sys
name, time_file, samples_file, freq, cores = sys.argv[1:6]
freq, cores = int(freq), int(cores)
wall, user, sys_, rss = open(time_file).read().split()[-4:]
groups = collections.Counter()
times = []
for line in open(samples_file, errors="replace"):
    parts = line.split()
    if len(parts) < 2:
        continue
    comm = " ".join(parts[:-1])
    times.append(float(parts[-1].rstrip(":")))
    if comm.startswith("thrd-tantivy-in"):
        group = "tantivy indexing"
    elif comm.startswith("merge_thread"):
        group = "tantivy merging"
    elif comm == "read":
        group = "krant reading and analysis"
    elif comm == "sample":
        group = "krant sampling (frequent terms)"
    elif comm.startswith("docstore"):
        group = "tantivy store compression"
    elif comm in ("tantivy", "krant") or comm.startswith("krant"):
        group = "main (walk, plan, JSON, commits)"
    else:
        group = "other"
    groups[group] += 1
span = max(times) - min(times) if times else 0.0
busy = len(times) / (span * freq * cores) if span else 0.0
per_second = collections.Counter(int(t - min(times)) for t in times)
slow = [s for s in sorted(per_second) if per_second[s] < 0.7 * freq * cores]
print(f"## {name}: {wall} s wall, {float(user) + float(sys_):.1f} s CPU "
      f"({user} user + {sys_} sys), peak {rss} kB")
print(f"cores busy {busy:.1%} of {span:.1f} s; seconds under 70% busy: {len(slow)} {slow[:30]}")
print("| threads | CPU s | share |\n|---|---|---|")
total = sum(groups.values())
for group, n in groups.most_common():
    print(f"| {group} | {n / freq:.1f} | {n / total:.1%} |")
print()
EOF
}

index="$work/tantivy-index"
mkdir "$index" && cp "$repo/bench/tantivy-cli-meta.json" "$index/meta.json"
measure tantivy-cli tantivy index -i "$index" -f "$docs" -t 2 -m 256000000
rm -rf "$index"
measure krant "$krant" index "$archive" --index "$work/krant-index" --memory 256 --threads 2 -q
