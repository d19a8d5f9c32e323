#!/usr/bin/env python3
"""Drops the page cache's copy of every file under the given folders or files, as far as
the kernel lets a process (POSIX_FADV_DONTNEED on clean pages), so that the next read of
them is a cold one without root's /proc/sys/vm/drop_caches.

    python3 bench/evict.py ARCHIVE [MORE ...]
"""
import os
import sys


def evict(path):
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


for root in sys.argv[1:]:
    if os.path.isfile(root):
        evict(root)
    for folder, _, names in os.walk(root):
        for name in names:
            evict(os.path.join(folder, name))
