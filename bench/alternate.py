#!/usr/bin/env python3
"""Same-sitting A/B timing: runs shell commands in turn, round after round, and prints the
median (p25-p75) wall and user CPU time of each.

    python3 bench/alternate.py ROUNDS CMD_A CMD_B [CMD_C ...]

This machine's speed drifts by 30-40% within minutes, so two builds are compared by
alternating them (A B A B ...) rather than by timing one after the other. A command with
shell operators runs through `sh -c` (about 1.5 ms more here), so it may clean up before
itself, e.g. `"rm -rf /tmp/i && krant index ARCHIVE --index /tmp/i -q"`; others are started
directly. Output goes to /dev/null.
"""
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
    return wall, usage.ru_utime


def quartiles(values):
    ordered = sorted(values)
    at = lambda share: ordered[round(share * (len(ordered) - 1))]
    return at(0.5), at(0.25), at(0.75)


def show(seconds):
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    walls = [[] for _ in commands]
    users = [[] for _ in commands]
    for _ in range(rounds):
        for i, command in enumerate(commands):
            wall, user = run(command)
            walls[i].append(wall)
            users[i].append(user)
    for command, wall, user in zip(commands, walls, users):
        w, u = quartiles(wall), quartiles(user)
        print(
            f"wall {show(w[0])} ({show(w[1])}-{show(w[2])})  "
            f"user {show(u[0])} ({show(u[1])}-{show(u[2])})  {command}"
        )


main()
