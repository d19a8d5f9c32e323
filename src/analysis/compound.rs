//! Splitting Dutch compounds into their parts with the lexicon: `gemeenteraad` →
//! `gemeente` + `raad`, `vluchtelingenprobleem` → `vluchtelingen` + `probleem`. Used on
//! the index side only: a compound's parts are indexed beside it, so that `raad` finds
//! `gemeenteraad` and `gemeenteraden` (a known word is split as its lemma, so the head
//! is the lemma's, not the inflected surface form's).
//!
//! A string that merely sits inside a word is not a part of it. The rules, each from a
//! reviewed list in `data/lexicon/`:
//! - names are never split (`Apeldoorn` is not `apel` + `doorn`);
//! - a part never starts with a separable particle or an unstressed prefix alone
//!   (`particles.txt`: `ondernemer` is not `onder` + `nemer`, `verhaal` not `ver` +
//!   `haal`);
//! - a head that works as a suffix (`suffixes.txt`: `-heid`, `-rijk`, `-ster`) is none;
//! - heads of three letters come from `heads.txt` (`dag`, `wet`, `zee`), shorter ones
//!   never;
//! - words that are not transparent compounds are listed with the parts that still find
//!   them and the reason in `compounds.tsv` (`zondag` keeps `dag`, `kantoor` none).

use super::lexicon::{self, Entry};
use super::sorted_lines::WordList;
use super::stopwords::is_stop_word;

/// Words shorter than this (in bytes: folded words are ASCII here) are never split.
pub const MIN_COMPOUND_LEN: usize = 6;
/// A modifier (any part but the last) has at least this many letters.
const MIN_MODIFIER_LEN: usize = 3;
/// Most parts a compound is split into.
const MAX_PARTS: usize = 4;
/// What may link two parts: nothing, the linking -s- (`oorlogsmisdaad`), -e-
/// (`gemeentehuis` has it in the word) or -en- (`boekenkast`).
const LINKS: [&str; 4] = ["", "s", "en", "e"];

/// One part of a compound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// Byte range of the part in the word, without a linking sound after it.
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// What the lexicon knows of the part.
    pub entry: Entry,
}

static PARTICLES: WordList = WordList::new(include_str!("../../data/lexicon/particles.txt"));
static SUFFIXES: WordList = WordList::new(include_str!("../../data/lexicon/suffixes.txt"));
static SHORT_HEADS: WordList = WordList::new(include_str!("../../data/lexicon/heads.txt"));
/// `word<TAB>kept parts<TAB>reason`, sorted: words that are not transparent compounds, with
/// the parts that still find them (`-` for none).
static NOT_TRANSPARENT: &str = include_str!("../../data/lexicon/compounds.tsv");

/// The parts of a reviewed word that still find it, if the word is on the list of words
/// that are not transparent compounds (`zondag` → `["dag"]`, `kantoor` → `[]`).
fn reviewed_parts(word: &str) -> Option<Vec<&'static str>> {
    let rest = super::sorted_lines::lookup(NOT_TRANSPARENT, word)?;
    let kept = rest.split('\t').next().unwrap_or("-");
    Some(kept.split_whitespace().filter(|&p| p != "-").collect())
}

/// The least frequency class (Zipf × 10) of a part, as written: once in a million words.
/// Rarer strings that the word lists hold are mostly abbreviations, English words, names,
/// spelling variants and rare words, which would cut words into nonsense (`bedrijf` is not
/// `bed` + `rijf`, `laboratorium` not `lab` + `oratorium`).
const MIN_PART_ZIPF10: u8 = 30;
/// The least frequency class of a modifier of [`LONG_MODIFIER_LEN`] letters or more: once
/// in ten million words. A long first part that the word lists hold is a word
/// (`verpleeg` in `verpleeghuizen`, `melkvee` in `melkveeboeren`), and the head after it
/// must still be frequent.
const MIN_LONG_MODIFIER_ZIPF10: u8 = 20;
/// See [`MIN_LONG_MODIFIER_ZIPF10`].
const LONG_MODIFIER_LEN: usize = 6;

/// An unknown word may start an unknown compound (`ransomwareaanval`) when it is at
/// least this long and the head at least [`MIN_HEAD_AFTER_UNKNOWN`]: new words are often
/// loanwords before a Dutch head.
const MIN_UNKNOWN_MODIFIER_LEN: usize = 4;
/// See [`MIN_UNKNOWN_MODIFIER_LEN`].
const MIN_HEAD_AFTER_UNKNOWN: usize = 5;

/// Whether a known word is a content word at least this frequent (Zipf × 10), fit to be
/// part of a compound.
fn is_content_word(text: &str, entry: &Entry, min_zipf: u8) -> bool {
    let content = entry.is_noun() || entry.is_verb() || entry.is_adjective() || entry.is_name();
    content && entry.form_zipf10 >= min_zipf && !is_stop_word(text) && !PARTICLES.contains(text)
}

/// Particles of place that do start transparent compounds of a noun (`binnenstad`,
/// `buitenland`, `bovenverdieping`, `achterdeur`): there the particle says where the
/// head is. Before anything else (`binnenkort`, `bovendien`) or before a noun made of a
/// verb that takes the particle (`achterlaten`: `achterlating`) they stay blocked.
const PLACE_PARTICLES: [&str; 4] = ["achter", "binnen", "boven", "buiten"];

/// Whether a split that starts with a particle of place is a compound: two parts, a noun
/// head, and no verb of the particle and the head's verb (`binnen` + `komst`:
/// `binnenkomen`).
fn place_particle_allowed(word: &str, parts: &[Part]) -> bool {
    let [first, head] = parts else {
        return false;
    };
    let particle = &word[first.start..first.end];
    let head_text = &word[head.start..head.end];
    if !head.entry.is_noun() || head.entry.is_verb() || head.entry.is_adjective() {
        return false;
    }
    // The verbs the head may be made of: its own lemma, an agent in -er (`rijder`:
    // `rijden`), an action in -ing (`lating`: `laten`).
    let mut verbs = vec![head.entry.lemma.to_owned(), format!("{head_text}en")];
    for (suffix, ending) in [("er", "en"), ("ing", "en"), ("st", "en")] {
        if let Some(stem) = head_text.strip_suffix(suffix) {
            verbs.push(format!("{stem}{ending}"));
        }
    }
    !verbs
        .iter()
        .any(|verb| lexicon::lookup(&format!("{particle}{verb}")).is_some_and(|e| e.is_verb()))
}

/// Whether a part of three letters may be one: it is on the reviewed list of short parts
/// (`dag`, `zee`, `koe`); shorter ones never are. Most three-letter words sit inside
/// unrelated words by accident (`tijdens` is not `tij` + `dens`, `bekend` not `bek` +
/// `end`).
fn short_part_allowed(text: &str, entry: &Entry) -> bool {
    match text.len() {
        0..=2 => false,
        3 => SHORT_HEADS.contains(entry.lemma) || SHORT_HEADS.contains(text),
        _ => true,
    }
}

/// A modifier of three letters must be on the list of short parts too (`zee`, `ijs`,
/// `dag`): other three-letter strings start unrelated words (`regering` is not `reg` +
/// `ering`).
fn is_modifier(text: &str, entry: &Entry) -> bool {
    let min_zipf = if text.len() >= LONG_MODIFIER_LEN {
        MIN_LONG_MODIFIER_ZIPF10
    } else {
        MIN_PART_ZIPF10
    };
    text.len() >= MIN_MODIFIER_LEN
        && short_part_allowed(text, entry)
        && (is_content_word(text, entry, min_zipf) || PLACE_PARTICLES.contains(&text))
}

/// A head is a noun or an adjective: a verb at the end of a word is a prefixed verb
/// (`vergeten` is not `verg` + `eten`).
fn head(text: &str) -> Option<Entry> {
    let entry = lexicon::lookup(text)?;
    if !is_content_word(text, &entry, MIN_PART_ZIPF10) {
        return None;
    }
    if entry.is_name() || SUFFIXES.contains(entry.lemma) || SUFFIXES.contains(text) {
        return None;
    }
    // A head that is mostly a suffix is the suffix (`oplossing` is not `oplos` +
    // `sing`, `boerderij` not `boerde` + `rij`).
    if [
        "ing", "ingen", "ij", "ijen", "heid", "heden", "ster", "sters",
    ]
    .iter()
    .any(|suffix| text.strip_suffix(suffix).is_some_and(|stem| stem.len() < 3))
    {
        return None;
    }
    // A verb's infinitive is a head where the verb shares its term with the noun that is
    // its stem (`rellen` of `rel`, `boeren` of `boer`): Dutch spells the noun's plural
    // alike. Its other forms are not (`bedrukt` is not `bed` + `rukt`).
    let noun_by_stem = entry.is_verb()
        && text == entry.lemma
        && entry.key != entry.lemma
        && lexicon::lookup(entry.key).is_some_and(|stem| stem.is_noun());
    if !entry.is_noun() && !entry.is_adjective() && !noun_by_stem {
        return None;
    }
    if !short_part_allowed(text, &entry) {
        return None;
    }
    Some(entry)
}

/// The parts of a folded word, or `None` when it is not a compound: too short, a name, a
/// reviewed word none of whose parts finds it, or no split into known words exists (a
/// reviewed word has the parts the review kept). Among the splits, the one
/// with the fewest parts wins, then the one whose rarest part is most frequent, then the
/// one with the longest head.
pub fn split(word: &str) -> Option<Vec<Part>> {
    split_with(word, false)
}

/// [`split`], for a word the lexicon does not know: its first part may be unknown too
/// (`ransomwareaanval`), if it is long and the head after it is.
pub fn split_unknown(word: &str) -> Option<Vec<Part>> {
    split_with(word, true)
}

fn split_with(word: &str, unknown_modifier: bool) -> Option<Vec<Part>> {
    if word.len() < MIN_COMPOUND_LEN || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if lexicon::lookup(word).is_some_and(|e| e.is_name()) {
        return None;
    }
    // A reviewed word has the parts the review kept, whatever a split would find.
    if let Some(kept) = reviewed_parts(word) {
        let parts: Vec<Part> = kept
            .iter()
            .filter_map(|&part| {
                let start = word.find(part)?;
                let entry = lexicon::lookup(part)?;
                Some(Part {
                    start,
                    end: start + part.len(),
                    entry,
                })
            })
            .collect();
        return (!parts.is_empty()).then_some(parts);
    }
    // A split into known words has two parts or more; after an unknown first part, the
    // head is the only known one.
    let mut memo = vec![None; word.len() + 1];
    match best_from(word, 0, &mut memo) {
        Some(parts)
            if PLACE_PARTICLES.contains(&&word[parts[0].start..parts[0].end])
                && !place_particle_allowed(word, &parts) =>
        {
            None
        }
        Some(parts) if parts.len() >= 2 => Some(parts),
        _ if unknown_modifier => unknown_then_head(word),
        _ => None,
    }
}

/// An unknown first part and a known head, the longest head first: the modifier has no
/// entry of its own, so the head's entry stands in for it (only the head's term is used).
fn unknown_then_head(word: &str) -> Option<Vec<Part>> {
    (MIN_UNKNOWN_MODIFIER_LEN..=word.len().saturating_sub(MIN_HEAD_AFTER_UNKNOWN)).find_map(|cut| {
        if lexicon::lookup(&word[..cut]).is_some() {
            return None; // a known first part would have been found by the split itself
        }
        let entry = head(&word[cut..])?;
        Some(vec![Part {
            start: cut,
            end: word.len(),
            entry,
        }])
    })
}

/// The links that double a modifier's last consonant after a short vowel (`zon` + `ne` in
/// `zonnepaneel`, `pan` + `nen` in `pannenkoek`, `kat` + `ten` in `kattenkwaad`).
fn doubled_links(modifier: &str) -> Vec<String> {
    let b = modifier.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    match b {
        [.., before, v, c]
            if !vowel(*before) && vowel(*v) && !vowel(*c) && c.is_ascii_lowercase() =>
        {
            let c = char::from(*c);
            vec![format!("{c}e"), format!("{c}en")]
        }
        _ => Vec::new(),
    }
}

type Best = Option<Vec<Part>>;

/// Lower is better: fewer parts, then fewer links with a doubled consonant (`hitte` +
/// `golf` over `hit` + `te` + `golf`), then a rarest part that is more frequent as
/// written (`buurt` + `raden` over `buur` + `traden`), then a longer head.
fn score(
    word: &str,
    parts: &[Part],
) -> (
    usize,
    usize,
    std::cmp::Reverse<u8>,
    std::cmp::Reverse<usize>,
) {
    let head = parts.last().map_or(0, |p| p.end - p.start);
    let rarest = parts.iter().map(|p| p.entry.form_zipf10).min().unwrap_or(0);
    let links = parts
        .windows(2)
        .filter(|w| !LINKS.contains(&&word[w[0].end..w[1].start]))
        .count();
    (
        parts.len(),
        links,
        std::cmp::Reverse(rarest),
        std::cmp::Reverse(head),
    )
}

/// The best split of `word[start..]`, memoised by start.
fn best_from(word: &str, start: usize, memo: &mut [Option<Best>]) -> Best {
    if let Some(done) = &memo[start] {
        return done.clone();
    }
    let mut best: Best = None;
    // The whole rest as the head (the whole word is no split of itself).
    if start > 0
        && let Some(entry) = head(&word[start..])
    {
        best = Some(vec![Part {
            start,
            end: word.len(),
            entry,
        }]);
    }
    for (len, entry) in lexicon::prefixes(&word[start..]) {
        let end = start + len;
        if end >= word.len() || !is_modifier(&word[start..end], &entry) {
            continue;
        }
        let doubled = doubled_links(&word[start..end]);
        for link in LINKS
            .iter()
            .copied()
            .chain(doubled.iter().map(String::as_str))
        {
            if !word[end..].starts_with(link) {
                continue;
            }
            let next = end + link.len();
            if next >= word.len() {
                continue;
            }
            let Some(tail) = best_from(word, next, memo) else {
                continue;
            };
            if tail.len() + 1 > MAX_PARTS {
                continue;
            }
            let mut candidate = Vec::with_capacity(tail.len() + 1);
            candidate.push(Part { start, end, entry });
            candidate.extend(tail);
            if best
                .as_ref()
                .is_none_or(|b| score(word, &candidate) < score(word, b))
            {
                best = Some(candidate);
            }
        }
    }
    memo[start] = Some(best.clone());
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(word: &str) -> Option<Vec<&str>> {
        split(word).map(|parts| parts.iter().map(|p| &word[p.start..p.end]).collect())
    }

    #[test]
    fn splits_compounds_with_and_without_linking_sounds() {
        assert_eq!(texts("gemeenteraad"), Some(vec!["gemeente", "raad"]));
        assert_eq!(texts("coronacrisis"), Some(vec!["corona", "crisis"]));
        assert_eq!(texts("oorlogsmisdaad"), Some(vec!["oorlog", "misdaad"]));
        assert_eq!(
            texts("vluchtelingenprobleem").unwrap().last(),
            Some(&"probleem")
        );
        // An inflected head is found through the lexicon.
        let parts = split("buurtraden").unwrap();
        assert_eq!(parts[1].entry.key, lexicon::lookup("raad").unwrap().key);
    }

    #[test]
    fn names_prefixes_suffixes_and_listed_words_are_not_split() {
        for word in [
            "apeldoorn",
            "heerenveen",
            "ondernemer",
            "verhaal",
            "minister",
            "hamster",
            "belangrijk",
            "aardappel",
            "kantoor",
            "vrijheid",
        ] {
            assert_eq!(texts(word), None, "{word}");
        }
        // A reviewed word keeps the parts that still find it.
        assert_eq!(texts("zondag"), Some(vec!["dag"]));
        assert_eq!(texts("hoogleraar"), Some(vec!["leraar"]));
    }

    #[test]
    fn a_reviewed_word_has_exactly_the_parts_the_review_kept() {
        assert!(crate::analysis::sorted_lines::is_sorted(NOT_TRANSPARENT));
        for line in NOT_TRANSPARENT.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line:?}");
            assert!(!fields[2].is_empty(), "{line:?}: no reason");
            let kept: Vec<&str> = fields[1].split(' ').filter(|p| *p != "-").collect();
            let found = texts(fields[0]).unwrap_or_default();
            assert_eq!(found, kept, "{line:?}");
        }
    }

    #[test]
    fn a_doubled_consonant_may_link_parts() {
        assert_eq!(texts("zonnepanelen"), Some(vec!["zon", "panelen"]));
        assert_eq!(doubled_links("zon"), ["ne", "nen"]);
        assert!(doubled_links("boom").is_empty());
    }

    #[test]
    fn short_heads_come_from_the_reviewed_list() {
        assert_eq!(texts("werkdag"), Some(vec!["werk", "dag"]));
        assert!(SHORT_HEADS.contains("dag"));
        assert!(!SHORT_HEADS.contains("ter"));
    }
}
