#!/usr/bin/env python3
"""Same-sitting A/B timing: runs shell commands in turn, round after round, and prints the
median (p25-p75) wall and user CPU time of each.

    python3 bench/alternate.py [--json FILE NAME_A,NAME_B,...] ROUNDS CMD_A CMD_B ...

With --json, the times also go to FILE in the shape of hyperfine's --export-json, each
command under its name, for bench/report.py.

This machine's speed drifts by 30-40% within minutes, so two builds are compared by
alternating them (A B A B ...) rather than by timing one after the other. A command with
shell operators runs through `sh -c` (about 1.5 ms more here), so it may clean up before
itself, e.g. `"rm -rf /tmp/i && krant index ARCHIVE --index /tmp/i -q"`; others are started
directly. Output goes to /dev/null.
"""
import json
import os
import shlex
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        shell = any(op in command for op in ("&&", "||", ";", "|", ">", "<", "*", "$"))
        argv = ["sh", "-c", command] if shell else shlex.split(command)
        child = subprocess.Popen(argv, stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed ({status}): {command}")
    return wall, usage.ru_utime, usage.ru_stime


def quartiles(values):
    ordered = sorted(values)
    at = lambda share: ordered[round(share * (len(ordered) - 1))]
    return at(0.5), at(0.25), at(0.75)


def show(seconds):
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main():
    args = sys.argv[1:]
    export = None
    if args[:1] == ["--json"] and len(args) > 2:
        export, names, args = args[1], args[2].split(","), args[3:]
    if len(args) < 3 or (export and len(names) != len(args) - 1):
        sys.exit(__doc__)
    rounds = int(args[0])
    commands = list(zip(names if export else args[1:], args[1:]))
    walls = [[] for _ in commands]
    users = [[] for _ in commands]
    systems = [[] for _ in commands]
    for _ in range(rounds):
        for i, (_, command) in enumerate(commands):
            wall, user, system = run(command)
            walls[i].append(wall)
            users[i].append(user)
            systems[i].append(system)
    for (_, command), wall, user in zip(commands, walls, users):
        w, u = quartiles(wall), quartiles(user)
        print(
            f"wall {show(w[0])} ({show(w[1])}-{show(w[2])})  "
            f"user {show(u[0])} ({show(u[1])}-{show(u[2])})  {command}"
        )
    if export:
        mean = lambda values: sum(values) / len(values)
        results = [
            {"command": name, "times": wall, "mean": mean(wall), "user": mean(user), "system": mean(system)}
            for (name, _), wall, user, system in zip(commands, walls, users, systems)
        ]
        with open(export, "w") as f:
            json.dump({"results": results}, f, indent=1)


main()
