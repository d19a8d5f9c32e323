#!/usr/bin/env python3
"""Precision of Dutch matching on frequent ambiguous query words: for each word, the
share of the articles a search returns that contain a form of the queried lexeme.

    bench/precision.py ARCHIVE NAME=KRANT:INDEX [NAME=KRANT:INDEX ...] [--words N]

Each NAME=KRANT:INDEX is a krant executable and an index of ARCHIVE built by it (for
example the build before the lexicon and the current one). Prints a markdown table.

The words are chosen, not picked: the frequent words (Zipf 4.5 and up, wordfreq) whose
Kraaij-Pohlmann stem (Snowball's Dutch stemmer, which krant used alone) is shared by
other frequent words of a different lexeme, ranked by how much more frequent those
others are; the words named in issue 19 are always included.

An article counts as a hit on the lexeme when it contains, as a whole word, a form of
the queried word's lemma (its forms as data/lexicon/forms.tsv lists them), or a
compound of such a form and a known word (either order, with a linking -s-, -e- or
-en-), unless data/lexicon/compounds.tsv says that part does not find it. The judge is
the lexicon's list of forms, not krant's analysis.
"""

import argparse
import collections
import math
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LEXICON = REPO / "data" / "lexicon"
ALWAYS = ["leden", "gebied", "bed", "weer"]
WORD = re.compile(r"\w+", re.UNICODE)

sys.path.insert(0, str(REPO / "data"))
from dutch_common import STOP, fold  # noqa: E402


def read_lexicon():
    lemma_of, key_of, known = {}, {}, set()
    for line in open(LEXICON / "lemmas.tsv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        lemma, key = line.split("\t")[:2]
        key_of[lemma] = key
        lemma_of.setdefault(lemma, lemma)
        known.add(lemma)
    for line in open(LEXICON / "forms.tsv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        form, lemma = line.split("\t")[:2]
        lemma_of[form] = lemma
        known.add(form)
    opaque = {}
    for line in open(LEXICON / "compounds.tsv", encoding="utf-8"):
        if not line.startswith("#"):
            word, kept = line.split("\t")[:2]
            opaque[word] = set(kept.split()) - {"-"}
    return lemma_of, key_of, known, opaque


def choose_words(lemma_of, key_of, count):
    """Frequent words whose stem the stemmer shares with other lexemes."""
    import snowballstemmer
    from wordfreq import top_n_list, zipf_frequency

    stemmer = snowballstemmer.stemmer("dutch")
    words = [w for w in top_n_list("nl", 60000) if re.fullmatch(r"[a-z]+", w)]
    by_stem = collections.defaultdict(list)
    for w in words:
        if w not in STOP and len(w) >= 3:
            by_stem[stemmer.stemWord(w)].append(w)
    key = lambda w: key_of.get(lemma_of.get(w, w), w)
    scored = []
    for w in words:
        z = zipf_frequency(w, "nl")
        if z < 4.5 or w in STOP or len(w) < 3:
            continue
        others = [o for o in by_stem[stemmer.stemWord(w)] if key(o) != key(w)]
        mass = sum(10 ** zipf_frequency(o, "nl") for o in others)
        if mass:
            scored.append((mass / 10**z, w))
    scored.sort(reverse=True)
    chosen = list(ALWAYS)
    for _, w in scored:
        if len(chosen) >= count:
            break
        if w not in chosen and key(w) not in {key(c) for c in chosen}:
            chosen.append(w)
    return chosen


def relevant_words(query, lemma_of, known, opaque):
    """A predicate: does a folded word belong to the query's lexeme."""
    lemma = lemma_of.get(query, query)
    forms = {f for f, l in lemma_of.items() if l == lemma} | {lemma, query}

    def kept(word, part):
        reviewed = opaque.get(lemma_of.get(word, word))
        return reviewed is None or part in reviewed or lemma in reviewed

    def belongs(word):
        if word in forms:
            return True
        for form in forms:
            if len(form) < 3 or len(word) <= len(form) + 2:
                continue
            # The head of a compound: a known word, a link, then the form.
            if word.endswith(form):
                rest = word[: len(word) - len(form)]
                for link in ("", "s", "e", "en"):
                    modifier = rest[: len(rest) - len(link)] if link else rest
                    if rest.endswith(link) and len(modifier) >= 3 and modifier in known:
                        return kept(word, form)
            # The first part of a compound: the form, a link, then a known word.
            if word.startswith(form):
                rest = word[len(form):]
                for link in ("", "s", "e", "en"):
                    head = rest[len(link):]
                    if rest.startswith(link) and len(head) >= 4 and head in known:
                        return kept(word, form)
        return False

    return belongs


def hits(krant, index, query):
    run = subprocess.run(
        [krant, "search", query, "--index", index, "--format", "paths", "--limit", "1000000",
         "--color", "never"],
        capture_output=True, text=True,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"{krant} search {query}: {run.stderr.strip()}")
    return [p for p in run.stdout.splitlines() if p]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive")
    parser.add_argument("builds", nargs="+", metavar="NAME=KRANT:INDEX")
    parser.add_argument("--words", type=int, default=20)
    args = parser.parse_args()
    lemma_of, key_of, known, opaque = read_lexicon()
    builds = []
    for spec in args.builds:
        name, rest = spec.split("=", 1)
        krant, index = rest.rsplit(":", 1)
        builds.append((name, krant, index))
    words = choose_words(lemma_of, key_of, args.words)
    archive = Path(args.archive)
    cache = {}

    def words_of(path):
        if path not in cache:
            text = (archive / path).read_text(encoding="utf-8", errors="replace")
            cache[path] = {fold(w) for w in WORD.findall(text)}
        return cache[path]

    header = "| query | " + " | ".join(f"{n}: hits | {n}: on the lexeme" for n, _, _ in builds) + " |"
    print(header)
    print("|---|" + "---:|---:|" * len(builds))
    totals = collections.defaultdict(lambda: [0, 0])
    for query in words:
        belongs = relevant_words(query, lemma_of, known, opaque)
        cells = []
        for name, krant, index in builds:
            found = hits(krant, index, query)
            good = sum(1 for p in found if any(belongs(w) for w in words_of(p)))
            totals[name][0] += len(found)
            totals[name][1] += good
            share = f"{100 * good / len(found):.1f}%" if found else "–"
            cells.append(f"{len(found):,} | {share}")
        print(f"| {query} | " + " | ".join(cells) + " |")
    cells = [f"{t[0]:,} | {100 * t[1] / max(t[0], 1):.1f}%" for t in (totals[n] for n, _, _ in builds)]
    print("| all | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
