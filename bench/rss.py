#!/usr/bin/env python3
"""Runs a command and samples its memory every 50 ms from /proc: the peak of the resident
set (VmHWM, what `/usr/bin/time -f %M` reports), and the peaks of its two parts, anonymous
memory (the heap: what the program holds) and file-backed pages (memory-mapped files the
kernel may drop at any time, such as index segments being read), with the time of each.

    python3 bench/rss.py [--json FILE] [--trace FILE] CMD [ARG...]

Prints one line to stderr; with --json, also writes the figures (kB, s) to FILE; with
--trace, writes every sample (seconds, anonymous kB, file-backed kB, threads) to FILE as
tab-separated lines. Linux only.
"""
import json
import subprocess
import sys
import time


def sample(pid):
    fields = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "Threads"):
                    fields[key] = int(value.split()[0])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return fields


def main():
    args = sys.argv[1:]
    export = trace = None
    while args[:1] in (["--json"], ["--trace"]):
        if args[0] == "--json":
            export = args[1]
        else:
            trace = open(args[1], "w")
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    start = time.perf_counter()
    child = subprocess.Popen(args)
    peak = {"VmHWM": 0, "RssAnon": 0, "RssFile": 0}
    at = {"RssAnon": 0.0, "RssFile": 0.0}
    while child.poll() is None:
        fields = sample(child.pid)
        if fields:
            now = time.perf_counter() - start
            if trace:
                trace.write(
                    f"{now:.2f}\t{fields.get('RssAnon', 0)}\t{fields.get('RssFile', 0)}"
                    f"\t{fields.get('Threads', 0)}\n"
                )
            peak["VmHWM"] = max(peak["VmHWM"], fields.get("VmHWM", 0))
            for key in ("RssAnon", "RssFile"):
                if fields.get(key, 0) > peak[key]:
                    peak[key], at[key] = fields[key], now
        time.sleep(0.05)
    wall = time.perf_counter() - start
    result = {
        "seconds": round(wall, 2),
        "peak_rss_kb": peak["VmHWM"],
        "peak_anon_kb": peak["RssAnon"],
        "peak_anon_at_s": round(at["RssAnon"], 2),
        "peak_file_kb": peak["RssFile"],
        "peak_file_at_s": round(at["RssFile"], 2),
        "exit": child.returncode,
    }
    print(
        f"{wall:.2f} s, peak RSS {peak['VmHWM'] / 1024:.0f} MB (anonymous "
        f"{peak['RssAnon'] / 1024:.0f} MB at {at['RssAnon']:.1f} s, file-backed "
        f"{peak['RssFile'] / 1024:.0f} MB at {at['RssFile']:.1f} s)",
        file=sys.stderr,
    )
    if export:
        with open(export, "w") as f:
            json.dump(result, f, indent=1)
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
