#!/usr/bin/env python3
"""Turns the raw results of bench/run.sh (hyperfine JSON exports and a few numbers) into
the markdown tables of BENCHMARKS.md. Usage: python3 bench/report.py RESULTS THREADS MEMORY_MB"""

import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import date

out, threads, memory_mb = sys.argv[1], sys.argv[2], sys.argv[3]


def read(name):
    with open(os.path.join(out, name)) as f:
        return f.read().strip()


def results(name):
    with open(os.path.join(out, name)) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def median(r):
    return statistics.median(r["times"])


def p95(r):
    times = sorted(r["times"])
    return times[round((len(times) - 1) * 0.95)]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def cpu_seconds(r):
    """Mean user + system time of a hyperfine result (hyperfine exports only means)."""
    return r["user"] + r["system"]


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


articles = int(read("articles"))
archive = int(read("archive-bytes"))
build = results("build.json")
k, t = build["krant"], build["tantivy-cli"]
k_rss, t_rss = int(read("krant-rss")) / 1024, int(read("tantivy-rss")) / 1024
k_size, t_size = int(read("krant-size")), int(read("tantivy-size"))


def linked(path):
    """' (statically linked)' or ' (dynamically linked)': whether the ELF executable at
    `path` asks for an interpreter (a PT_INTERP program header); '' if it cannot be read."""
    import struct
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2:
                return ""
            phoff, = struct.unpack_from("<Q", head, 32)
            phentsize, phnum = struct.unpack_from("<HH", head, 54)
            f.seek(phoff)
            table = f.read(phentsize * phnum)
    except OSError:
        return ""
    types = [struct.unpack_from("<I", table, i * phentsize)[0] for i in range(phnum)]
    return " (dynamically linked)" if 3 in types else " (statically linked)"


krant_linking = linked(read("krant-binary")) if os.path.exists(os.path.join(out, "krant-binary")) else ""
krant_version = subprocess.run(["git", "-C", os.path.dirname(__file__), "rev-parse", "--short", "HEAD"],
                               capture_output=True, text=True).stdout.strip()

print(f"## {articles:,} articles ({archive / 1e6:.0f} MB), {date.today()}\n")
print(f"Machine: {os.cpu_count()} cores ({cpu()}), "
      f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
      f"krant {krant_version}{krant_linking}; {threads} threads, writer budget {memory_mb} MB for both engines.\n")
print("### Full index build (5 rounds, the engines in turns)\n")
print("| engine | median time | CPU, mean user + sys | articles/s | MB/s | peak RSS | index size | size / archive |")
print("|---|---|---|---|---|---|---|---|")
for name, r, rss, size in (("krant (Dutch analysis, titles stored)", k, k_rss, k_size),
                           ("tantivy-cli 0.24 (default tokenizer, nothing stored)", t, t_rss, t_size)):
    m = median(r)
    print(f"| {name} | {ms(m)} | {cpu_seconds(r):.1f} s | {articles / m:,.0f} | {archive / 1e6 / m:.1f} "
          f"| {rss:.0f} MB | {size / 1e6:.0f} MB | {100 * size / archive:.0f}% |")
print(f"\nkrant / tantivy-cli time: **{median(k) / median(t):.2f}×** (target ≤ 1.5×); "
      f"mean CPU time {cpu_seconds(k) / cpu_seconds(t):.2f}×. "
      f"krant peak RSS − writer budget: {k_rss - int(memory_mb):.0f} MB (target ≤ 150 MB).\n")

print("### Re-running `krant index`\n")
print("| case | median | p95 |")
print("|---|---|---|")
for file, label in (("noop.json", "nothing changed (target < 1 s)"), ("touch.json", "1% of files touched (target < 2 s)")):
    r = next(iter(results(file).values()))
    print(f"| {label} | {ms(median(r))} | {ms(p95(r))} |")

print("\n### Queries, whole process (warm cache; krant 30 runs, rg 5–30 runs)\n")
print("| # | query | krant median | krant p95 | rg median | rg p95 | krant / rg | krant hits |")
print("|---|---|---|---|---|---|---|---|")
latency = {}
with open(os.path.join(out, "latency.tsv")) as f:
    next(f)
    for line in f:
        q, med, p, total = line.rstrip("\n").split("\t")
        latency[q] = (int(med), int(p), int(total))
worst_ratio = 0
worst_krant = 0
with open(os.path.join(out, "queries.tsv")) as f:
    for line in f:
        i, label, spec = line.rstrip("\n").split("\t")
        r = {**results(f"q{i}-krant.json"), **results(f"q{i}-rg.json")}
        km, rm = median(r["krant"]), median(r["rg"])
        worst_ratio = max(worst_ratio, km / rm)
        worst_krant = max(worst_krant, km)
        print(f"| {i} | {label}: `{spec}` | {ms(km)} | {ms(p95(r['krant']))} | {ms(rm)} | {ms(p95(r['rg']))} "
              f"| {km / rm:.3f} ({rm / km:.0f}× faster) | {latency.get(spec, (0, 0, '?'))[2]} |")
print(f"\nSlowest krant median: {ms(worst_krant)} (target < 15 ms); "
      f"smallest speed-up over rg: {1 / worst_ratio:.0f}× (target ≥ 25×).\n")

print("### In-process search latency (top 10 with snippets, 200 runs each)\n")
print("| query | median | p95 |")
print("|---|---|---|")
for q, (med, p, _) in latency.items():
    print(f"| `{q}` | {med} µs | {p} µs |")

h = next(iter(results("histogram.json").values()))
print(f"\n### Histogram\n\n`krant histogram jaar --format csv` over all months, whole process: "
      f"median {ms(median(h))}, p95 {ms(p95(h))} (target < 50 ms).")

if os.path.exists(os.path.join(out, "measure.json")):
    m = results("measure.json")
    print("\n### Analytics\n")
    print("| command | median | p95 |")
    print("|---|---|---|")
    names = {"articles": "`histogram jaar` (baseline)",
             "occurrences": "`histogram jaar --measure occurrences`",
             "occurrences, relative": "`histogram jaar --measure occurrences --relative`"}
    for name, r in m.items():
        print(f"| {names.get(name, name)} | {ms(median(r))} | {ms(p95(r))} |")
    few, hits = read("few-word"), read("few-hits")
    for name, r in results("analytics.json").items():
        cmd = {"export (baseline)": f"`export {few} --format jsonl` (baseline: reads the hits)",
               "keywords": f"`keywords {few}`", "collocations": f"`collocations {few}`"}[name]
        print(f"| {cmd} | {ms(median(r))} | {ms(p95(r))} |")
    rss = int(read("keywords-rss"))
    all_rss, all_s = read("keywords-all-rss").split()
    print(f"\n`{few}` has {hits} hits. Targets: histogram --measure occurrences < 100 ms, "
          f"keywords and collocations < 1 s. Peak RSS of `keywords {few}`: {rss // 1024} MB; "
          f"of `keywords --from 2014 --to 2016` (half the archive): {int(all_rss) // 1024} MB in {all_s} s.")
