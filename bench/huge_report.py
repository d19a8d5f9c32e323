#!/usr/bin/env python3
"""The table of bench/huge.sh: one row per archive size, the scaling exponent of each
measure (the slope of log(measure) against log(articles), least squares over the sizes
measured) and a projection to 10 million articles from the largest size measured with
that exponent (a projection, not a measurement).

    python3 bench/huge_report.py WORKDIR/huge THREADS MEMORY_MB
"""
import json
import math
import os
import statistics
import sys

PROJECT_TO = 10_000_000


def read(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read().strip()


def number(folder, name):
    text = read(folder, name)
    return float(text) if text else None


def cpu(folder, name):
    """User + system seconds from a `/usr/bin/time -v` file."""
    text = read(folder, name) or ""
    total = 0.0
    for line in text.splitlines():
        key, _, value = line.strip().partition(": ")
        if key in ("User time (seconds)", "System time (seconds)"):
            total += float(value)
    return total or None


def medians(folder):
    text = read(folder, "noop.json")
    if not text:
        return {}
    return {r["command"]: statistics.median(r["times"]) for r in json.loads(text)["results"]}


def searches(folder):
    text = read(folder, "search.json")
    if not text:
        return {}
    return {r["command"]: r["median"] for r in json.loads(text)["results"]}


def exponent(points):
    """Least-squares slope of log(y) on log(x)."""
    points = [(math.log(x), math.log(y)) for x, y in points if x and y]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


def main():
    root, threads, memory = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = []
    for name in sorted(os.listdir(root), key=lambda n: int(n) if n.isdigit() else 0):
        folder = os.path.join(root, name)
        if not name.isdigit() or number(folder, "krant-build.seconds") is None:
            continue
        noop = medians(folder)
        rows.append({
            "articles": int(name),
            "gb": (number(folder, "archive-bytes") or 0) / 1e9,
            "build": number(folder, "krant-build.seconds"),
            "tantivy": number(folder, "tantivy-build.seconds"),
            "cpu": cpu(folder, "krant-build.time"),
            "tantivy_cpu": cpu(folder, "tantivy-build.time"),
            "rss": (number(folder, "krant-build.rss_kb") or 0) / 1024,
            "tantivy_rss": (number(folder, "tantivy-build.rss_kb") or 0) / 1024,
            "size": (number(folder, "krant-size") or 0) / 1e6,
            "tantivy_size": (number(folder, "tantivy-size") or 0) / 1e6,
            "noop": noop.get("krant"),
            "find": noop.get("find"),
            "noop_rss": (number(folder, "krant-noop.rss_kb") or 0) / 1024,
            "search": searches(folder),
        })
    if not rows:
        sys.exit("no results")
    print(f"krant at scale: {threads} threads, writer budget {memory} MB, "
          "same sitting for each size\n")
    print("| articles | archive | krant build | tantivy-cli build | ratio | CPU (user + sys) "
          "| CPU ratio | krant peak RSS "
          "| tantivy-cli peak RSS | krant index | tantivy-cli index | no-op re-run | find floor "
          "| ratio | no-op peak RSS | searches (frequent / rare / phrase) |")
    print("|" + "---|" * 16)
    for r in rows:
        s = r["search"]
        shown = " / ".join(f"{s[k] * 1000:.1f}" for k in ("frequent", "rare", "phrase") if k in s)
        print(
            f"| {r['articles']:,} | {r['gb']:.2f} GB | {r['build']:.1f} s | {r['tantivy']:.1f} s "
            f"| {r['build'] / r['tantivy']:.2f} | {r['cpu']:.1f} s / {r['tantivy_cpu']:.1f} s "
            f"| {r['cpu'] / r['tantivy_cpu']:.2f} | {r['rss']:.0f} MB | {r['tantivy_rss']:.0f} MB "
            f"| {r['size']:.0f} MB | {r['tantivy_size']:.0f} MB | {r['noop']:.2f} s "
            f"| {r['find']:.2f} s | {r['noop'] / r['find']:.2f} | {r['noop_rss']:.0f} MB "
            f"| {shown} ms |"
        )
    if len(rows) < 2:
        return
    last = rows[-1]
    factor = PROJECT_TO / last["articles"]
    print(f"\nScaling exponent (log-log slope over {len(rows)} sizes; 1 is linear) and a "
          f"projection to {PROJECT_TO:,} articles from {last['articles']:,} (not measured):\n")
    print("| measure | exponent | projected at 10M |")
    print("|---|---|---|")
    for key, label, unit, scale in (
        ("build", "krant build", "s", 1),
        ("tantivy", "tantivy-cli build", "s", 1),
        ("cpu", "krant build CPU", "s", 1),
        ("rss", "krant build peak RSS", "MB", 1),
        ("size", "krant index size", "GB", 1e-3),
        ("noop", "no-op re-run", "s", 1),
        ("find", "find floor", "s", 1),
        ("noop_rss", "no-op peak RSS", "MB", 1),
    ):
        k = exponent([(r["articles"], r[key]) for r in rows])
        if k is None:
            continue
        projected = last[key] * factor ** k * scale
        print(f"| {label} | {k:.2f} | {projected:,.1f} {unit} |")


if __name__ == "__main__":
    main()
