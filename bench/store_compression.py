#!/usr/bin/env python3
"""How small could krant's stored text be? Kept for the record: since schema 4 krant stores no
text (it reads each hit's file). Compares tantivy's block compression (zstd over blocks of
several articles, what krant did with 16 KB blocks) with per-article zstd
using a dictionary trained on the archive, on a random sample of its articles.

    pip install zstandard==0.25.0
    python3 bench/store_compression.py ARCHIVE_DIR [SAMPLE]

Prints, per setting, the compressed size as a share of the raw text and the compression
speed on one thread. The block figures ignore tantivy's per-document framing (a few bytes).
The dictionary is trained on 5,000 random articles of the same archive, drawn independently
of the measured sample (so about 5% of the sample was also trained on), as krant would train
it on a sample of the archive it then compresses in full.
"""
import os
import random
import sys
import time

import zstandard as zs


def main():
    root = sys.argv[1]
    sample_size = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    paths = sorted(
        os.path.join(d, f) for d, _, files in os.walk(root) for f in files if f.endswith(".txt")
    )
    rng = random.Random(1)
    docs = [open(p, "rb").read() for p in rng.sample(paths, min(sample_size, len(paths)))]
    train = [open(p, "rb").read() for p in rng.sample(paths, min(5_000, len(paths)))]
    total = sum(map(len, docs))
    print(f"{len(docs)} articles, {total / 1e6:.1f} MB")
    print("setting\tsize/raw\tMB/s")

    def report(name, compress):
        started = time.perf_counter()
        size = compress()
        took = time.perf_counter() - started
        print(f"{name}\t{size / total:.3f}\t{total / 1e6 / took:.0f}")

    def blocks(block, level):
        c = zs.ZstdCompressor(level=level)
        out, buf = 0, bytearray()
        for d in docs:
            buf += d
            if len(buf) >= block:
                out += len(c.compress(bytes(buf)))
                buf.clear()
        return out + (len(c.compress(bytes(buf))) if buf else 0)

    for block in (16_384, 65_536, 262_144):
        for level in (3, 9):
            report(f"blocks {block // 1024} KB, level {level}", lambda: blocks(block, level))
    for dict_size in (112_640, 1 << 20):
        dictionary = zs.train_dictionary(dict_size, train)
        for level in (3, 9):
            c = zs.ZstdCompressor(level=level, dict_data=dictionary)
            report(
                f"per article, {dict_size // 1024} KB dictionary, level {level}",
                lambda: sum(len(c.compress(d)) for d in docs),
            )


if __name__ == "__main__":
    main()
