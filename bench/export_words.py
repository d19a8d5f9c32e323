#!/usr/bin/env python3
"""Writes the Dutch vocabulary the archive generator samples from: word<TAB>frequency for
the most frequent words of written Dutch, from the `wordfreq` package (pinned by
bench/run.sh so that the archive is the same on every machine).

Usage: python3 bench/export_words.py OUT.tsv [N]"""

import re
import sys

from wordfreq import top_n_list, word_frequency

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300_000
with open(out, "w", encoding="utf-8") as f:
    for word in top_n_list("nl", n):
        # Words only: no numbers or punctuation tokens (the generator adds its own).
        if re.fullmatch(r"[^\W\d_]+(?:['-][^\W\d_]+)*", word):
            f.write(f"{word}\t{word_frequency(word, 'nl'):.3e}\n")
