#!/usr/bin/env python3
"""Regenerates data/stem_overrides.tsv: where krant overrides the Kraaij-Pohlmann stemmer.

A systematic search over the frequent words of written Dutch (wordfreq, Zipf >= MIN_ZIPF)
for the two kinds of stemmer error that news readers notice:

* false merges: the stemmer strips a prefix or suffix that belongs to the word, so an
  unrelated word gets the same stem (geweld -> wel, gewonden -> won, minister -> mini,
  begeleiding -> beleid). Found as: the stem lost a 'ge' (or the suffix 'ster') AND equals
  the stem of another frequent word AND the word is not simply the participle of a verb
  with that stem. The override keeps the affix (protected from the stemmer).
* missed merges: an inflected form whose stem differs from its base form's
  (dagen/dag, problemen/probleem, politieke/politiek, ideeen/idee, foto's/foto). Found
  by generating the Dutch base-form candidates (drop -en/-e/-s, undouble the consonant,
  double the vowel back, v->f, z->s) and taking the most frequent real word among them.

Each candidate was reviewed by hand; REJECT lists those judged wrong (a different
lexeme, or a verb form), ADD lists irregular pairs no rule finds. The stemmer itself
is Snowball's Dutch stemmer from PyPI `snowballstemmer`, which equals tantivy's stemmer
on all 45,670 reference words (see the conformance test).

Usage: apt-get install wdutch && pip install wordfreq snowballstemmer &&
       python3 data/build_stem_overrides.py
"""

import re
from pathlib import Path

from dutch_common import STOP, fold

import snowballstemmer
from wordfreq import top_n_list, zipf_frequency

MIN_ZIPF = 3.6          # words considered
MIN_BASE_ZIPF = 3.0     # a base form must be at least this frequent
KP = snowballstemmer.stemmer("dutch")

# Reviewed: candidates judged wrong (a different lexeme, a function word, English).
REJECT = set("""
aarde alle alleen allen arts bonen buis huis huize cape case gate made make like more store
state take tape nature minute culture https blues dame deken dekens gans ganse gave gaven
gebeden geboden gedragen gegevens geheime gelijke gene genen gewone gezeten grave grens
hare haren hoede hope karen kees lees lens lenzen loos luis maxime madame meren molen
name namens nare paarse persen reus rose roze schotse staken staren staven tenen toren torens
trans terras unie varen veren verse verzen vele velen wars wees wijs wijze wenen wegens zege
zone pauze luxe bekennen tijdens volgens vervolgens slechts rechts trouwens gangbare kostbare
dierbare openbare middelbare gelden golden boksen balen braken sprake mens mensen base reken
rekenen regenen redenen tekenen forse diverse valse linkse dagelijkse vergelijkbare waarde
""".split())

# Reviewed: stemmer merges through a stripped 'ge' or 'ster' that join unrelated words.
# Every other candidate of that search is a participle or derivation of its own verb
# (gereageerd/reageer, aangevraagd/aanvraag, gedwongen/dwong), a merge worth keeping.
FALSE_MERGES = set("""
begeleid begeleiden begeleiding gebeurd gebeurde gebeuren gebeurt geboorte gedichten
geesten gelegen gelijkheid gelukkig gelukkige gelukkiger gematigde gemiddelde gepaste
gesproken gestart getuige getuigen getuigt geweld gewezen gewoonte gewoontes gezellig
gezellige gezelligheid gezichten gezond gezonde gezondheid geaardheid geachte negeert
burgemeester burgemeesters monster monsters register registers aangewezen afgewezen gelieve
""".split())

# Reviewed additions: irregular plurals, and lemma families the searches reach only in
# part (all their forms must share one stem).
ADD = {
    "steden": "stad", "schepen": "schip", "kinderen": "kind", "eieren": "ei",
    "volkeren": "volk", "liederen": "lied", "gelegenheden": "gelegenheid",
    "aanslagen": "aanslag", "oorlogen": "oorlog", "dagen": "dag", "werkdagen": "werkdag",
    "feestdagen": "feestdag",
    "gezin": "gezin", "gezinnen": "gezin",
    "gewond": "gewond", "gewonde": "gewond", "gewonden": "gewond",
    "geweld": "geweld", "gewelddadig": "geweld", "gewelddadige": "geweld",
    "geweldig": "geweldig", "geweldige": "geweldig",
    "gemeente": "gemeente", "gemeenten": "gemeente", "gemeentes": "gemeente",
    "gemeentelijk": "gemeente", "gemeentelijke": "gemeente", "gemeen": "gemeen",
    "gezond": "gezond", "gezonde": "gezond", "gezondheid": "gezond",
    "gelijk": "gelijk", "gelijke": "gelijk", "gelijkheid": "gelijk",
    "geheim": "geheim", "geheime": "geheim", "geheimen": "geheim",
    "gewoon": "gewoon", "gewone": "gewoon",
    "gezicht": "gezicht", "gezichten": "gezicht", "gedicht": "gedicht",
    "geest": "gees", "geboren": "geboor",
    "minister": "minister", "ministers": "minister",
    "meester": "meester", "meesters": "meester", "zuster": "zuster", "zusters": "zuster",
    "dagelijks": "dagelijks", "dagelijkse": "dagelijks",
    "vergelijkbaar": "vergelijkbar", "vergelijkbare": "vergelijkbar",
    "mens": "mens", "mensen": "mens",
}



def opentaal_words():
    """OpenTaal's lower-case entries (Dutch common words, no names, no English), and its
    capitalised ones (names, but also adjectives of place: Europese, Oekraïense)."""
    path = Path("/usr/share/dict/dutch")
    if not path.exists():
        raise SystemExit("install the OpenTaal list first: apt-get install wdutch")
    words = path.read_text(encoding="utf-8").split()
    lower = {fold(w) for w in words if w.islower()}
    capital = {fold(w) for w in words if w[:1].isupper() and w[1:].islower()}
    return lower, capital




# Mirrors REPAIRS in src/analysis/stem.rs: krant's stem is the stemmer's plus these.
REPAIRS = [("ieer", "ier", 5), ("eeer", "eer", 5), ("ieel", "iel", 5), ("eer", "er", 7)]


def stem(word):
    s = KP.stemWord(word)
    for old, new, min_len in REPAIRS:
        if len(s) >= min_len and s.endswith(old):
            return s[: -len(old)] + new
    return s


def removed_affix(word, s):
    """Where the stemmer removed a 'ge' prefix or a 'ster' suffix from `word` to make
    stem `s`: (index, affix), or None."""
    for i in range(0, min(len(word) - 3, 8)):
        if word[i:i + 2] == "ge" and s.startswith(word[:i]) and s[i:i + 2] == word[i + 2:i + 4] \
                and not s.startswith(word[:i + 2]):
            return i, "ge"
    if word.endswith("ster") and s == word[:-4]:
        return len(s), "ster"
    return None


FOLDED_ZIPF = {}


def zipf(word):
    """Zipf frequency of a folded word: the best of its written forms (oekraiense is
    written oekraïense)."""
    return max(FOLDED_ZIPF.get(word, 0.0), zipf_frequency(word, "nl"))


def base_candidates(w):
    """Base forms an inflected Dutch word may come from."""
    out = set()
    vowels = "aeiou"
    for suffix in ("en", "e", "s"):
        if not w.endswith(suffix) or len(w) - len(suffix) < 3:
            continue
        b = w[: -len(suffix)]
        out.add(b)
        if len(b) >= 2 and b[-1] == b[-2] and b[-1] not in vowels:
            out.add(b[:-1])                     # bedden -> bed
        if len(b) >= 2 and b[-2] in vowels and b[-1] not in vowels and (len(b) < 3 or b[-3] not in vowels):
            out.add(b[:-1] + b[-2] + b[-1])     # problemen -> probleem
        for voiced, voiceless in (("v", "f"), ("z", "s")):
            for cand in list(out):
                if cand.endswith(voiced):
                    out.add(cand[:-1] + voiceless)
    out.discard(w)
    return out


def main():
    global DUTCH
    DUTCH, CAPITALISED = opentaal_words()
    words = []
    for w in top_n_list("nl", 200000):
        f = fold(w)
        FOLDED_ZIPF[f] = max(FOLDED_ZIPF.get(f, 0.0), zipf_frequency(w, "nl"))
    for w in top_n_list("nl", 80000):
        f = fold(w)
        if re.fullmatch(r"[a-z]+", f) and len(f) >= 4 and f not in STOP and zipf(w) >= MIN_ZIPF:
            words.append(f)
    words = sorted(set(words))
    stems = {w: stem(w) for w in words}
    by_stem = {}
    for w, s in stems.items():
        by_stem.setdefault(s, []).append(w)

    rows = {}
    undecided = []

    def add(word, target, reason):
        if word in REJECT or word in rows:
            return
        if target != stems.get(word, stem(word)):
            rows[word] = (target, reason)

    # 1. False merges through a stripped 'ge' prefix (also after a particle: be-ge-leiding)
    #    or a stripped 'ster' suffix.
    for w in words:
        s = stems[w]
        removed = removed_affix(w, s)
        if removed is None:
            continue
        i, segment = removed
        others = [u for u in by_stem.get(s, []) if u != w and removed_affix(u, s) is None]
        if not others:
            continue
        # The same word without the affix, with the same stem, is the verb the
        # participle belongs to (gekozen/kozen, gewerkt/werkt): a true merge.
        bare = w[:i] + w[i + len(segment):]
        if bare in others or any(u.startswith(bare[:-1]) and u.endswith("en") for u in others):
            continue
        if w not in FALSE_MERGES:
            undecided.append(w)
            continue
        fixed = s[:i] + segment + s[i:] if segment == "ge" else s + segment
        add(w, fixed, f"{segment}: stemmer gives '{s}' like unrelated '{others[0]}'")

    # 2. Missed merges of inflected forms with their base form.
    for w in words:
        # Adjectives of place are capitalised in OpenTaal; only their -e form is taken
        # (Europese/Europees), as other capitalised pairs are mostly names.
        place_adjective = w not in DUTCH and w in CAPITALISED and w.endswith("e")
        if w not in DUTCH and not place_adjective:
            continue
        known = CAPITALISED if place_adjective else DUTCH
        cands = [b for b in base_candidates(w)
                 if b in known and b not in STOP and zipf(b) >= MIN_BASE_ZIPF]
        if not cands:
            continue
        base = max(cands, key=zipf)
        # The stemmer already found a plausible base (kopen/koop, not kop): leave it.
        if any(stem(c) == stems[w] and zipf(c) >= zipf(base) - 0.5 for c in cands):
            continue
        base_stem = rows[base][0] if base in rows else stem(base)
        if stems[w] != base_stem:
            add(w, base_stem, f"inflection of '{base}': stemmer gives '{stems[w]}', '{base}' gives '{base_stem}'")

    for word, target in ADD.items():
        rows[word] = (target, "reviewed addition")

    out = Path(__file__).with_name("stem_overrides.tsv")
    with out.open("w", encoding="utf-8") as f:
        f.write("# word\tstem\treason -- generated by data/build_stem_overrides.py, reviewed\n")
        for word in sorted(rows):
            target, reason = rows[word]
            f.write(f"{word}\t{target}\t{reason}\n")
    print(f"{len(rows)} overrides -> {out}")
    if undecided:
        print(f"{len(undecided)} affix candidates kept as the stemmer has them (reviewed as true "
              f"merges); new ones need review: {' '.join(sorted(undecided)[:20])} ...")


if __name__ == "__main__":
    main()
