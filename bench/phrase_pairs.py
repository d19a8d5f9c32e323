#!/usr/bin/env python3
"""Estimates what indexing a docs-only term per adjacent pair of frequent words costs: how
many words reach a document-frequency threshold, which share of word positions hold a pair of
two such words (stop words excluded), and how many (article, pair) postings that makes beside
the (article, word) postings. Then the same for other rules of which pairs to index: both
words above a higher threshold, one word far above, or the product of the two shares (the
expected share of articles holding both) above a floor.

    python3 bench/phrase_pairs.py ARCHIVE [SAMPLE [MIN_DF ...]]

An estimate, not krant's analysis: words are lower-cased runs of letters and digits, not
stems, and the sample is drawn at random (seed 1) from the archive's files.
"""
import collections
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


# src/index/phrase_pairs.rs's BUCKET_BITS.
BUCKET_BITS = 14


def pair_term(first, second):
    """krant's pair term of two stems (src/index/phrase_pairs.rs), for checking it from outside:
    `python3 -c 'import phrase_pairs as p; print(p.pair_term("jaar", "leed"))'` in bench/.
    Needs `pip install xxhash`."""
    import xxhash

    mask = (1 << 64) - 1
    a = xxhash.xxh3_64(first.encode()).intdigest()
    b = xxhash.xxh3_64(second.encode()).intdigest()
    rotated = ((a << 17) | (a >> 47)) & mask
    mixed = ((rotated ^ b) * 0x9E3779B97F4A7C15) & mask
    return f"{mixed >> (64 - BUCKET_BITS):04x}"


def stop_words():
    source = open(os.path.join(HERE, "..", "src", "analysis", "stopwords.rs")).read()
    body = source.split("pub const STOP_WORDS: &[&str] = &[")[1].split("];")[0]
    return set(re.findall(r'"([^"]+)"', body))


def main():
    root = sys.argv[1]
    sample_size = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    thresholds = [float(t) for t in sys.argv[3:]] or [0.02, 0.05, 0.10]
    stop = stop_words()
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
    random.seed(1)
    sample = random.sample(files, min(sample_size, len(files)))
    doc_freq = collections.Counter()
    docs = []
    for path in sample:
        text = open(path, encoding="utf-8", errors="replace").read().lower()
        words = re.findall(r"\w+", text)[3:]  # past the `date YYYY-MM` header
        docs.append(words)
        doc_freq.update(set(w for w in words if w not in stop))
    share = {w: c / len(sample) for w, c in doc_freq.items()}
    word_postings = sum(len(set(w for w in words if w not in stop)) for words in docs)

    def cost(pairs_indexed):
        """Pair positions (% of all positions) and (article, pair) postings (% of words')."""
        positions = pairs = postings = 0
        for words in docs:
            seen = set()
            for a, b in zip(words, words[1:]):
                positions += 1
                if a not in stop and b not in stop and pairs_indexed(a, b):
                    pairs += 1
                    seen.add((a, b))
            postings += len(seen)
        return 100 * pairs / positions, 100 * postings / word_postings

    print("min_df\twords\tpair_positions_pct\tpair_postings_pct_of_words")
    for threshold in thresholds:
        frequent = {w for w, s in share.items() if s >= threshold}
        positions, postings = cost(lambda a, b: a in frequent and b in frequent)
        print(f"{threshold}\t{len(frequent)}\t{positions:.1f}\t{postings:.1f}")
    print("\nrule\tpair_positions_pct\tpair_postings_pct_of_words")
    rules = {
        "both >= 0.10": lambda a, b: min(share[a], share[b]) >= 0.10,
        "both >= 0.15": lambda a, b: min(share[a], share[b]) >= 0.15,
        "both >= 0.20": lambda a, b: min(share[a], share[b]) >= 0.20,
        "both >= 0.10, one >= 0.25": lambda a, b: min(share[a], share[b]) >= 0.10
        and max(share[a], share[b]) >= 0.25,
        "both >= 0.10, product >= 0.03": lambda a, b: min(share[a], share[b]) >= 0.10
        and share[a] * share[b] >= 0.03,
        "both >= 0.10, product >= 0.04": lambda a, b: min(share[a], share[b]) >= 0.10
        and share[a] * share[b] >= 0.04,
    }
    for name, rule in rules.items():
        positions, postings = cost(rule)
        print(f"{name}\t{positions:.1f}\t{postings:.1f}")


if __name__ == "__main__":
    main()
