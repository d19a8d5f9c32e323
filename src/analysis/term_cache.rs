//! The analyzer's speed-up, behind one seam: a cache of the terms of the words met, and a
//! look-ahead queue that fetches a word's cache slot from memory while the next words are
//! scanned and folded, then the strings its slot points to while the words before it are
//! resolved.
//!
//! Neither decides a term. On a miss, [`TermCache::entry`] asks
//! [`super::term_in_reading`] (the lexicon, inflection, compound and Kraaij–Pohlmann steps
//! of [`super::lemma`]) and keeps the answer; the analyzer's `resolve` reads the same with
//! or without the cache. `the_cache_gives_what_a_fresh_analyzer_gives_whatever_met_a_word_first`
//! and `words_looked_up_ahead_come_out_as_explained_word_by_word` (explaining goes word by
//! word, without the queue) check that the seam changes no token.

mod table;

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Lookup;
use super::lemma::{self, How, Term};
use super::reading::{NameFacts, Reading};
use super::stem::DutchStemmer;
pub(super) use table::key_of;
use table::{StemTable, prefetch_line};

/// Stems cached per analyzer before the cache is emptied, bounding its memory (16 MB of
/// table: three quarters of 2¹⁹ slots of 32 bytes, and some 6 MB of strings). Half as
/// many, a reading thread's share of 100,000 articles (about 270,000 words in their
/// readings) emptied its cache twice, and each time met its words again: 75% more
/// lookups missed, and its analysis took 25% longer (BENCHMARKS.md, "Room in the stem
/// cache").
const STEM_CACHE_CAPACITY: usize = 3 << 17;

/// Title-case words whose [`NameFacts`] are kept before the map is emptied (about 2 MB).
const NAME_FACTS_CAPACITY: usize = 1 << 16;

/// Words whose cache slots are being fetched ahead of their lookup. About this many
/// words' scanning and folding hide one fetch from memory; more only hold more strings.
pub(super) const LOOKAHEAD: usize = 8;

/// The longest folded word the cache takes: [`MAX_WORD_CHARS`](super::MAX_WORD_CHARS) characters of up to
/// 4 bytes, with room for folding's expansions; the lengths in [`Cached`] are `u16`.
pub(super) const MAX_CACHED_BYTES: usize = 4096;

/// Between two parts' stems in the arena; no word contains it.
const PART_SEPARATOR: char = '\0';

/// The cache is emptied when its arena reaches this size, so that offsets fit in `u32`
/// (words are at most [`MAX_WORD_CHARS`](super::MAX_WORD_CHARS) characters, so entries reach it first).
const ARENA_CAPACITY: usize = 1 << 30;

/// The form was already emitted (index side).
const FORM_EMITTED: u8 = 1;
/// The compound's parts were computed (on first index-side use).
const PARTS_KNOWN: u8 = 2;
/// The stem is one of the analyzer's frequent terms
/// ([`super::DutchAnalyzer::with_frequent_terms`]).
const FREQUENT: u8 = 4;

/// The cache key of a folded word in a reading: the same folded word has another term in
/// each reading, so the reading salts the word's hash.
pub(super) fn key(folded: &str, reading: Reading) -> u128 {
    in_reading(key_of(folded), reading)
}

/// The key in `reading` of the word whose key as a word is `word_key` (hashing the word
/// once for all its readings).
pub(super) fn in_reading(word_key: u128, reading: Reading) -> u128 {
    let salt = match reading {
        Reading::Word => 0,
        Reading::Acronym => 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834,
        Reading::Name => 0x6a09_e667_f3bc_c908_bb67_ae85_84ca_a73b,
    };
    word_key ^ salt
}

/// One cached word. Its strings live in the cache's arena, one after the other (the
/// stem, the form, the parts' stems), and the entry itself sits in the hash table: a
/// token costs one table probe and one read of adjacent bytes. Stored as separate
/// heap strings they cost a cache miss each, which on a large archive was most of the
/// time spent here (see BENCHMARKS.md).
#[derive(Clone, Copy, Default)]
pub(super) struct Cached {
    /// Where the stem starts in the arena; the form follows it.
    start: u32,
    /// Where the parts' stems start in the arena, separated by [`PART_SEPARATOR`].
    parts_start: u32,
    stem_len: u16,
    /// The length of the folded word when the stem differs from it, else 0.
    form_len: u16,
    parts_len: u16,
    /// [`FORM_EMITTED`], [`PARTS_KNOWN`], [`FREQUENT`]: bits, not booleans, so that an
    /// entry and its key still fill one 32-byte slot.
    flags: u8,
}

impl Cached {
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Whether the stem differs from the folded word, which is then its form.
    pub(super) fn has_form(&self) -> bool {
        self.form_len > 0
    }

    /// Whether the form still has to be emitted (index side: once per analyzer).
    pub(super) fn form_due(&self) -> bool {
        !self.has(FORM_EMITTED) && self.has_form()
    }

    /// Whether the stem is one of the analyzer's frequent terms.
    pub(super) fn is_frequent(&self) -> bool {
        self.has(FREQUENT)
    }
}

/// 128-bit hash of the folded word (salted by its reading) → its term, form and parts.
#[derive(Clone, Default)]
pub(super) struct TermCache {
    table: StemTable<Cached>,
    /// The cached words' strings.
    arena: String,
    /// Terms whose entries are marked [`FREQUENT`].
    frequent_terms: Arc<FxHashSet<Box<str>>>,
    /// The compound parts of the lemmas met, by the address of the lemma in the
    /// lexicon; emptied with the cache.
    parts_by_lemma: FxHashMap<usize, Vec<&'static str>>,
    /// The [`NameFacts`] of the Title-case words met, by their key as a word: asked of
    /// every word in Title case before its readings are known, they cost up to three
    /// walks of the lexicon's automaton and a search of the names list each time
    /// (BENCHMARKS.md, "Name facts of Title-case words").
    name_facts: FxHashMap<u128, NameFacts>,
}

impl TermCache {
    /// Marks entries of these terms frequent from now on.
    pub(super) fn set_frequent_terms(&mut self, terms: Arc<FxHashSet<Box<str>>>) {
        // Entries made before carry the old marks.
        self.table.clear();
        self.arena.clear();
        self.frequent_terms = terms;
    }

    /// Whether `term` is one of the frequent terms (for compound parts, which are few:
    /// looked up here rather than given bits in the entry).
    pub(super) fn is_frequent(&self, term: &str) -> bool {
        !self.frequent_terms.is_empty() && self.frequent_terms.contains(term)
    }

    /// The [`NameFacts`] of `folded`, whose key as a word is `word_key`.
    pub(super) fn name_facts(&mut self, word_key: u128, folded: &str) -> NameFacts {
        if let Some(&facts) = self.name_facts.get(&word_key) {
            return facts;
        }
        if self.name_facts.len() >= NAME_FACTS_CAPACITY {
            self.name_facts.clear();
        }
        let facts = NameFacts::of(folded);
        self.name_facts.insert(word_key, facts);
        facts
    }

    /// Starts fetching the slot of `key` from memory.
    pub(super) fn prefetch(&self, key: u128) {
        self.table.prefetch(key);
    }

    /// Starts fetching the strings of `key`'s entry (its stem, then its form), if it has
    /// one, from memory. The entry's slot should have been fetched already ([`Self::prefetch`]).
    pub(super) fn prefetch_strings(&self, key: u128) {
        if let Some(entry) = self.table.get(key) {
            prefetch_line(self.arena.as_ptr().wrapping_add(entry.start as usize));
        }
    }

    /// The entry of `folded` in `reading`, whose key is `key` (with its compound parts,
    /// if asked), made if new.
    pub(super) fn entry(
        &mut self,
        stemmer: &DutchStemmer,
        key: u128,
        folded: &str,
        with_parts: bool,
        reading: Reading,
    ) -> Cached {
        debug_assert!(
            folded.len() <= MAX_CACHED_BYTES,
            "too long to cache: {folded}"
        );
        // The word's term, computed once per new word and kept for its parts.
        let mut term = None;
        let mut entry = match self.table.get(key) {
            Some(entry) => entry,
            None => {
                if self.table.len() >= STEM_CACHE_CAPACITY || self.arena.len() >= ARENA_CAPACITY {
                    self.table.clear();
                    self.arena.clear();
                    self.parts_by_lemma.clear();
                }
                let (stem, word_term) = super::term_in_reading(stemmer, folded, reading);
                term = word_term;
                self.insert_new(key, &stem, folded)
            }
        };
        if with_parts && !entry.has(PARTS_KNOWN) {
            let term = term.unwrap_or_else(|| lemma::term(stemmer, folded));
            let parts = self.compound_parts(&term);
            let parts_start = self.arena.len();
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    self.arena.push(PART_SEPARATOR);
                }
                self.arena.push_str(part);
            }
            entry.parts_start = parts_start as u32;
            entry.parts_len = (self.arena.len() - parts_start) as u16;
            entry.flags |= PARTS_KNOWN;
            self.table.insert(key, entry);
        }
        entry
    }

    /// Keeps a new word's stem (and its form, where it differs) and returns its entry.
    fn insert_new(&mut self, key: u128, stem: &str, folded: &str) -> Cached {
        let start = self.arena.len();
        self.arena.push_str(stem);
        let form_len = if *stem != *folded {
            self.arena.push_str(folded);
            folded.len()
        } else {
            0
        };
        let entry = Cached {
            start: start as u32,
            parts_start: 0,
            stem_len: stem.len() as u16,
            form_len: form_len as u16,
            parts_len: 0,
            flags: if self.frequent_terms.contains(stem) {
                FREQUENT
            } else {
                0
            },
        };
        self.table.insert(key, entry);
        entry
    }

    /// Records that the form of the entry under `key` was emitted.
    pub(super) fn form_emitted(&mut self, key: u128, entry: Cached) {
        self.table.insert(
            key,
            Cached {
                flags: entry.flags | FORM_EMITTED,
                ..entry
            },
        );
    }

    pub(super) fn stem_of(&self, entry: &Cached) -> &str {
        let start = entry.start as usize;
        &self.arena[start..start + entry.stem_len as usize]
    }

    /// The folded word; empty when it is its own stem.
    pub(super) fn form_of(&self, entry: &Cached) -> &str {
        let start = entry.start as usize + entry.stem_len as usize;
        &self.arena[start..start + entry.form_len as usize]
    }

    pub(super) fn parts_of(&self, entry: &Cached) -> impl Iterator<Item = &str> {
        let start = entry.parts_start as usize;
        let joined = &self.arena[start..start + entry.parts_len as usize];
        // Most words have no parts: no splitter is set up for them (it ran for every token).
        (!joined.is_empty())
            .then(|| joined.split(PART_SEPARATOR))
            .into_iter()
            .flatten()
    }

    /// Terms of a compound's parts that differ from the compound's own term.
    fn compound_parts(&mut self, term: &Term) -> Vec<&'static str> {
        // The forms of one lemma have its parts: split it once (`gemeenteraad`,
        // `gemeenteraden`). Lemmas live in the lexicon's string table, so the address
        // names one.
        let lemma = match &term.how {
            How::Lexicon(entry) | How::Inflection { entry, .. } => entry.lemma,
            How::Compound { .. } | How::Stemmer(_) => return lemma::part_keys(term),
        };
        let address = lemma.as_ptr() as usize;
        if let Some(parts) = self.parts_by_lemma.get(&address) {
            return parts.clone();
        }
        let parts = lemma::part_keys(term);
        self.parts_by_lemma.insert(address, parts.clone());
        parts
    }
}

/// Folded words waiting for their lookup, their cache slots prefetched: the analyzer
/// queues a word ([`Lookahead::push`]) and resolves the queue's first words when it is
/// full, so that each slot arrives from memory while later words are scanned.
#[derive(Clone, Default)]
pub(super) struct Lookahead {
    pending: Vec<Pending>,
    /// The pending words' folded forms, one after the other.
    text: String,
}

/// A folded word waiting for its lookup.
#[derive(Clone)]
struct Pending {
    /// Where its folded form lies in [`Lookahead::text`].
    folded: (usize, usize),
    lookup: Lookup,
}

impl Lookahead {
    /// Queues a word; says whether the queue is full, and its first [`LOOKAHEAD`] words
    /// should be resolved.
    pub(super) fn push(&mut self, folded: &str, lookup: Lookup) -> bool {
        let from = self.text.len();
        self.text.push_str(folded);
        self.pending.push(Pending {
            folded: (from, self.text.len()),
            lookup,
        });
        self.pending.len() >= 2 * LOOKAHEAD
    }

    /// The number of words waiting.
    pub(super) fn len(&self) -> usize {
        self.pending.len()
    }

    /// The cache keys of the first `count` words waiting.
    pub(super) fn first_keys(&self, count: usize) -> impl Iterator<Item = u128> + '_ {
        self.pending[..count].iter().map(|word| word.lookup.key)
    }

    /// Hands the first `count` words, in order, to `resolve`.
    pub(super) fn drain(&mut self, count: usize, mut resolve: impl FnMut(&str, Lookup)) {
        for word in self.pending.drain(..count) {
            resolve(&self.text[word.folded.0..word.folded.1], word.lookup);
        }
        if self.pending.is_empty() {
            self.text.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{DutchAnalyzer, Mode, TokenKind};

    #[test]
    fn the_cache_gives_what_a_fresh_analyzer_gives_whatever_met_a_word_first() {
        let text = "Het vluchtelingenprobleem en de vluchtelingen; vluchtelingenprobleem.";
        let index_side = |analyzer: &mut DutchAnalyzer| -> Vec<(usize, String, TokenKind)> {
            analyzer
                .tokens(text, Mode::Index)
                .into_iter()
                .map(|t| (t.position, t.term, t.kind))
                .collect()
        };
        let fresh = index_side(&mut DutchAnalyzer::new());
        // Met on the query side first, the compound's parts are added to its entry later.
        let mut warmed = DutchAnalyzer::new();
        warmed.terms("vluchtelingenprobleem vluchtelingen");
        let mut warmed_tokens = index_side(&mut warmed);
        // A form is emitted once per analyzer, so compare without forms the second time.
        let without_forms = |tokens: &[(usize, String, TokenKind)]| -> Vec<(usize, String)> {
            tokens
                .iter()
                .filter(|t| t.2 != TokenKind::Form)
                .map(|t| (t.0, t.1.clone()))
                .collect()
        };
        assert_eq!(warmed_tokens, fresh);
        assert!(fresh.iter().any(|t| t.2 == TokenKind::CompoundPart));
        assert!(fresh.iter().any(|t| t.2 == TokenKind::Form));
        warmed_tokens = index_side(&mut warmed);
        assert_eq!(without_forms(&warmed_tokens), without_forms(&fresh));
        assert!(!warmed_tokens.iter().any(|t| t.2 == TokenKind::Form));
    }

    #[test]
    fn name_facts_met_before_give_the_readings_a_fresh_analyzer_gives() {
        // Names spelled like words (`Tienen`, `Schoof`), an unknown word (`Hoogstraten`) and
        // a known one (`Stad`), at the start of a sentence and inside one, so that their
        // facts are asked in each place where the readings differ.
        let text = "Tienen ligt bij Hoogstraten. In Tienen zei premier Schoof dat \
                    Hoogstraten groeit. Stad en land; de Stad Tienen.";
        let index_side = |analyzer: &mut DutchAnalyzer, text: &str| -> Vec<(usize, String)> {
            analyzer
                .tokens(text, Mode::Index)
                .into_iter()
                .filter(|t| t.kind != TokenKind::Form)
                .map(|t| (t.position, t.term))
                .collect()
        };
        let fresh = index_side(&mut DutchAnalyzer::new(), text);
        assert!(fresh.iter().any(|t| t.1 == "Tienen"), "{fresh:?}");
        assert!(fresh.iter().any(|t| t.1 == "Hoogstraten"), "{fresh:?}");
        // The same words met first elsewhere, in other places of their sentences.
        let mut warmed = DutchAnalyzer::new();
        index_side(&mut warmed, "Stad Hoogstraten. Schoof Tienen, Tienen Stad.");
        warmed.terms("Tienen Hoogstraten Schoof Stad");
        assert_eq!(index_side(&mut warmed, text), fresh);
    }

    #[test]
    fn words_looked_up_ahead_come_out_as_explained_word_by_word() {
        // Longer than the look-ahead queue, with word groups, compounds, stop words and a
        // repeated word whose form is emitted only the first time.
        let text = "De corona-crisis en het vluchtelingenprobleem: België, foto's van de \
                    NAVO in Den Haag. Vluchtelingen kwamen; de vluchtelingen bleven, en de \
                    coronacrisis duurde voort in 2020 en 30.000 mensen vluchtten naar Mosul.";
        for mode in [Mode::Index, Mode::Query] {
            let looked_up_ahead: Vec<(usize, String, TokenKind)> = DutchAnalyzer::new()
                .tokens(text, mode)
                .into_iter()
                .map(|t| (t.position, t.term, t.kind))
                .collect();
            // Explaining shows a form at each occurrence; it is indexed at the first.
            let mut forms_seen = std::collections::HashSet::new();
            let explained: Vec<(usize, String, TokenKind)> = DutchAnalyzer::new()
                .explain(text, mode)
                .into_iter()
                .filter_map(|e| Some((e.position, e.term?, e.kind)))
                .filter(|t| t.2 != TokenKind::Form || forms_seen.insert(t.1.clone()))
                .collect();
            assert!(looked_up_ahead.len() > 2 * LOOKAHEAD, "{mode:?}");
            // Explaining lists a form beside its word, not after the compound's parts.
            let sorted = |mut tokens: Vec<(usize, String, TokenKind)>| {
                tokens.sort_by_key(|t| t.0);
                tokens
            };
            assert_eq!(sorted(looked_up_ahead), sorted(explained), "{mode:?}");
        }
    }
}
