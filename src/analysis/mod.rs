//! The Dutch analyzer: one pipeline, used for both indexing and queries, that turns text
//! into search terms. All language decisions live in this module.
//!
//! 1. Words: runs of letters and digits; soft hyphens and zero-width characters do not
//!    split a word; `corona-crisis`, `al-Baghdadi`, `30.000` and `foto's` are word groups
//!    ([`words`]).
//! 2. Stop words in lower or Title case are dropped (their position stays, so phrases
//!    keep their gaps); words in capitals (`IS`) are kept ([`stopwords`]).
//! 3. Lower-case and fold diacritics (`België` → `belgie`, `Ĳssel` → `ijssel`) ([`fold`]).
//! 4. The word's term by the lexeme rule ([`lemma`]): the lexicon gives a known word's
//!    lemma and that lemma's key (`steden` → `stad`, `greep` → `grijp`, `geleden` stays
//!    itself: [`lexicon`]); an unknown word is undone to a known one if it is a regular
//!    inflection or a compound with a known head; anything else is stemmed by
//!    Kraaij–Pohlmann ([`stem`]). A word in capitals whose lower case is a stop word
//!    (`IS`, `OM`) is an acronym and is its own term.
//! 5. Index side only: the parts of a word group each at their own position plus the
//!    joined form at the last part's position; compound parts (`gemeenteraden` →
//!    `gemeente`, `raad`) at the compound's position ([`compound`]). The query side
//!    searches a word group by its joined form, which matches both spellings.
//! 6. Index side only: the folded word itself, once per text, where its term differs
//!    (`vluchtelingen` → `vluchteling`), for prefix and fuzzy queries.
//!
//! The module knows nothing of tantivy: the index module hands the tokens over.

mod compound;
mod fold;
mod lemma;
mod lexicon;
mod sorted_lines;
mod stem;
mod stem_table;
mod stopwords;
mod words;

use std::sync::Arc;

use lexicon::is_name_homograph;
use rustc_hash::{FxHashMap, FxHashSet};
use stem_table::{StemTable, key_of};

pub use lemma::{How, Term};

/// The parts a folded word is split into as a compound, if it is one (for tools that
/// review the splitter: `examples/compound_review.rs`).
pub fn compound_split(folded: &str) -> Option<Vec<&str>> {
    compound::split(folded).map(|parts| parts.iter().map(|p| &folded[p.start..p.end]).collect())
}

/// Every lemma of the lexicon with its frequency class (Zipf × 10) and whether it is a
/// verb, for tools that review the lexicon.
pub fn lexicon_lemmas() -> Vec<(String, u8, bool)> {
    lexicon::entries()
        .filter(|(form, entry)| form == entry.lemma)
        .map(|(form, entry)| (form, entry.zipf10, entry.is_verb() && !entry.is_noun()))
        .collect()
}
pub use fold::{fold, fold_into};
pub use lexicon::{
    Entry as LexiconEntry, Source as LexiconSource, lookup as lexicon_lookup, term_pieces,
};
pub use stem::{DutchStemmer, REPAIRS, StemOrigin};
pub use stopwords::{STOP_WORDS, is_stop_word};
pub use words::{
    WordGroup, WordScanner, is_ascii_joiner, is_ignorable, without_ignorables, word_groups,
};

/// Bumped whenever the terms produced for some text change: an index built with another
/// version would silently miss or mismatch terms, so it must be rebuilt.
pub const ANALYZER_VERSION: u32 = 3;

/// A fingerprint of the lexicon's data (`data/lexicon/`), made by build.rs: an index
/// records it, and one built with other data is refused like one of another analyzer
/// version.
pub const LEXICON_FINGERPRINT: &str = env!("KRANT_LEXICON_FINGERPRINT");

/// Words longer than this (in characters) are dropped: they are garbage such as encoded
/// data or URLs run together, and would only bloat the term dictionary.
pub const MAX_WORD_CHARS: usize = 64;

/// Stems cached per analyzer before the cache is emptied, bounding its memory (8 MB of
/// table: three quarters of 2¹⁸ slots of 32 bytes).
const STEM_CACHE_CAPACITY: usize = 3 << 16;

/// Readings of one query a search tries at most (see [`DutchAnalyzer::query_variants`]).
pub const MAX_QUERY_VARIANTS: usize = 8;

/// Words whose cache slots are being fetched ahead of their lookup. About this many
/// words' scanning and folding hide one fetch from memory; more only hold more strings.
const LOOKAHEAD: usize = 8;

/// Which side of the search the text is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Article text: every variant a query might use is indexed.
    Index,
    /// Query text: one term per written word.
    Query,
}

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word on its own.
    Word,
    /// One part of a word group (`corona` of `corona-crisis`).
    Part,
    /// A word group written as one word (`coronacrisis` for `corona-crisis`).
    Joined,
    /// A part of a compound, beside the compound (`probleem` in `vluchtelingenprobleem`).
    CompoundPart,
    /// The folded, unstemmed word where it differs from its stem (`vluchtelingen` →
    /// `vluchteling`), the first time this analyzer meets it: prefix and fuzzy queries
    /// match forms, since a stem of a partial word means nothing and Kraaij–Pohlmann stems
    /// are not always prefixes of their words. The index keeps the forms in a vocabulary
    /// of its own, so each is needed once, not once per text.
    Form,
}

impl TokenKind {
    /// A short name for `krant analyze`.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Part => "part",
            TokenKind::Joined => "joined",
            TokenKind::CompoundPart => "compound part",
            TokenKind::Form => "form",
        }
    }
}

/// One search term produced from the text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The term as it is indexed.
    pub term: String,
    /// The word's position (dropped words keep theirs, so phrases cannot skip them).
    pub position: usize,
    /// Byte offset of the word's first character in the text.
    pub start: usize,
    /// Byte offset just past the word's last character.
    pub end: usize,
    /// What the token stands for.
    pub kind: TokenKind,
}

/// A token as the analyzer hands it out: borrowed, valid during the callback, so that
/// indexing allocates nothing per token.
#[derive(Debug, Clone, Copy)]
pub struct TokenView<'a> {
    /// The term.
    pub term: &'a str,
    /// See [`AnalyzedToken::position`].
    pub position: usize,
    /// See [`AnalyzedToken::start`].
    pub start: usize,
    /// See [`AnalyzedToken::end`].
    pub end: usize,
    /// What the token stands for.
    pub kind: TokenKind,
    /// Whether the term is one of the analyzer's frequent terms
    /// ([`DutchAnalyzer::with_frequent_terms`]); never for a form.
    pub frequent: bool,
}

impl TokenView<'_> {
    /// An owned copy.
    pub fn to_owned(self) -> AnalyzedToken {
        AnalyzedToken {
            term: self.term.to_owned(),
            position: self.position,
            start: self.start,
            end: self.end,
            kind: self.kind,
        }
    }
}

/// How much of the analysis a word needs, for [`DutchAnalyzer::analyze_candidates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidate {
    /// Cannot match: keep the position, nothing else.
    Skip,
    /// May match on its own: stem it.
    Word,
    /// May match as a compound's part too: stem it and split it.
    Compound,
}

/// Says from a word's folded form (its UTF-8 bytes) how much analysis it needs.
pub type Judge<'a> = dyn Fn(&[u8]) -> Candidate + 'a;

/// Where in a text a word may fold to something that holds one of a few heads (short
/// strings of folded letters), for [`DutchAnalyzer::analyze_candidates`]: the byte
/// offsets of the heads in the text's ASCII lower case, of every non-ASCII byte (a word
/// with one may fold to anything), and of every character that may join parts into one
/// word (the joined form may hold a head across the joint). A word without any of these
/// in its bytes is ASCII and its lower case, which is its folded form, holds no head.
#[derive(Debug)]
pub struct Spots {
    /// Sorted, without repeats.
    offsets: Vec<usize>,
}

impl Spots {
    /// The spots of `heads` in `text`.
    pub fn find(text: &str, heads: &[&[u8]]) -> Spots {
        let bytes = text.as_bytes();
        let lower = bytes.to_ascii_lowercase();
        let mut offsets = Vec::new();
        for head in heads {
            offsets.extend(memchr::memmem::find_iter(&lower, head));
        }
        for (i, &b) in bytes.iter().enumerate() {
            // A dot or comma joins only after a digit (`30.000`, `3,4`); sentences' dots
            // and commas would be spots for nothing (a ranged `kalifaat`: 3.45 M
            // instructions, 3.47 M with the dots).
            let joins = is_ascii_joiner(b)
                && (!matches!(b, b'.' | b',') || i > 0 && bytes[i - 1].is_ascii_digit());
            if !b.is_ascii() || joins {
                offsets.push(i);
            }
        }
        offsets.sort_unstable();
        offsets.dedup();
        Spots { offsets }
    }

    /// The first spot at or after `from`, moving `cursor` (an index into the spots that
    /// only moves forward) to it.
    fn next(&self, from: usize, cursor: &mut usize) -> Option<usize> {
        while self.offsets.get(*cursor).is_some_and(|&o| o < from) {
            *cursor += 1;
        }
        self.offsets.get(*cursor).copied()
    }

    /// Whether a spot lies in `start..end`; calls must come in the order of the text.
    fn any_within(&self, (start, end): (usize, usize), cursor: &mut usize) -> bool {
        self.next(start, cursor).is_some_and(|o| o < end)
    }
}

/// What a candidates pass judges words by.
#[derive(Clone, Copy)]
struct Candidates<'a> {
    judge: &'a Judge<'a>,
    spots: &'a Spots,
    /// Whether every word is walked, so that tokens keep the positions a full analysis
    /// gives them (phrases need them); if not, the pass goes from spot to spot and the
    /// positions mean nothing.
    keep_positions: bool,
}

/// One step of the analysis of a word, for `krant analyze`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The position the word takes.
    pub position: usize,
    /// The text as written.
    pub text: String,
    /// The term indexed or searched; `None` when the word is dropped.
    pub term: Option<String>,
    /// What the token stands for.
    pub kind: TokenKind,
    /// What each filter did, in order.
    pub steps: Vec<String>,
}

/// What stays the same for every word of one analysis pass.
struct Pass<'a> {
    text: &'a str,
    mode: Mode,
    sink: &'a mut dyn FnMut(TokenView<'_>),
    trace: Option<&'a mut Vec<Explained>>,
    candidates: Option<Candidates<'a>>,
}

impl Pass<'_> {
    /// Records, when explaining, that a word was dropped and why.
    fn dropped(
        &mut self,
        text: &str,
        position: usize,
        kind: TokenKind,
        why: impl FnOnce() -> String,
    ) {
        if let Some(trace) = self.trace.as_deref_mut() {
            trace.push(Explained {
                position,
                text: text.to_owned(),
                term: None,
                kind,
                steps: vec![why()],
            });
        }
    }
}

/// One cached word. Its strings live in the analyzer's arena, one after the other (the
/// stem, the form, the parts' stems), and the entry itself sits in the hash table: a
/// token costs one table probe and one read of adjacent bytes. Stored as separate
/// heap strings they cost a cache miss each, which on a large archive was most of the
/// time spent here (see BENCHMARKS.md).
#[derive(Clone, Copy, Default)]
struct Cached {
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

/// The form was already emitted (index side).
const FORM_EMITTED: u8 = 1;
/// The compound's parts were computed (on first index-side use).
const PARTS_KNOWN: u8 = 2;
/// The stem is one of the analyzer's frequent terms ([`DutchAnalyzer::with_frequent_terms`]).
const FREQUENT: u8 = 4;

impl Cached {
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// The longest folded word the cache takes: [`MAX_WORD_CHARS`] characters of up to
/// 4 bytes, with room for folding's expansions; the lengths in [`Cached`] are `u16`.
const MAX_CACHED_BYTES: usize = 4096;

/// Between two parts' stems in the arena; no word contains it.
const PART_SEPARATOR: char = '\0';

/// The cache is emptied when its arena reaches this size, so that offsets fit in `u32`
/// (words are at most [`MAX_WORD_CHARS`] characters, so entries reach it first).
const ARENA_CAPACITY: usize = 1 << 30;

/// The Dutch analyzer. Cheap to clone; each clone keeps its own stem cache.
#[derive(Clone, Default)]
pub struct DutchAnalyzer {
    stemmer: DutchStemmer,
    /// 128-bit hash of the folded word → its entry.
    cache: StemTable<Cached>,
    /// The cached words' strings.
    arena: String,
    folded: String,
    joined: String,
    parts: Vec<(usize, usize)>,
    /// Words folded and hashed, their cache slots prefetched, waiting for their lookup.
    pending: Vec<Pending>,
    /// The pending words' folded forms, one after the other.
    pending_text: String,
    /// Terms whose tokens come out marked [`TokenView::frequent`].
    frequent_terms: Arc<FxHashSet<Box<str>>>,
    /// The compound parts of the lemmas met, by the address of the lemma in the
    /// lexicon; emptied with the cache.
    parts_by_lemma: FxHashMap<usize, Vec<&'static str>>,
}

/// A folded word waiting for its lookup (see [`DutchAnalyzer::emit`]).
#[derive(Clone)]
struct Pending {
    /// Where its folded form lies in `pending_text`.
    folded: (usize, usize),
    lookup: Lookup,
}

/// What [`DutchAnalyzer::resolve`] needs of a folded word besides its text.
#[derive(Clone, Copy)]
struct Lookup {
    key: u128,
    /// Start, end and position.
    token: (usize, usize, usize),
    kind: TokenKind,
    split_compounds: bool,
    /// How the word is read.
    reading: Reading,
}

/// How a written word is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// As a word: its lemma's term.
    Word,
    /// As an acronym that spells a word (`IS`, `DUO`): its capitals are its term.
    Acronym,
    /// As a name: a place spelled like a word (`Tienen`, `Weert`), or a word
    /// the lexicon does not know, in Title case inside a sentence (`Hoogstraten`): the
    /// folded name with a capital is its term, not looked up and not split.
    Name,
}

impl Reading {
    /// Salts the cache key: the same folded word has another term in each reading.
    fn salt(self) -> u128 {
        match self {
            Reading::Word => 0,
            Reading::Acronym => 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834,
            Reading::Name => 0x6a09_e667_f3bc_c908_bb67_ae85_84ca_a73b,
        }
    }
}

/// How [`DutchAnalyzer::emit`] reads a word that the list of names spelled like words
/// holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    /// As the word (it is not in Title case, or is part of a word group).
    Ignore,
    /// As the name.
    Name,
    /// Both ways (index side, at the start of a sentence).
    Both,
}

impl std::fmt::Debug for DutchAnalyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DutchAnalyzer").finish_non_exhaustive()
    }
}

impl DutchAnalyzer {
    /// A fresh analyzer with an empty stem cache.
    pub fn new() -> DutchAnalyzer {
        DutchAnalyzer::default()
    }

    /// This analyzer, marking tokens of these terms [`TokenView::frequent`]. The mark is
    /// kept in the stem cache, so a token pays nothing for it.
    pub fn with_frequent_terms(mut self, terms: Arc<FxHashSet<Box<str>>>) -> DutchAnalyzer {
        // Entries made before carry the old marks.
        self.cache.clear();
        self.arena.clear();
        self.frequent_terms = terms;
        self
    }

    /// Feeds every term of `text` to `sink`, in order of position.
    pub fn analyze(&mut self, text: &str, mode: Mode, mut sink: impl FnMut(TokenView<'_>)) {
        self.run(text, mode, &mut sink, None, None);
    }

    /// Index-side analysis of only the words that may matter: words without a spot are
    /// skipped unseen, and `judge` says of the others, from the folded form (its UTF-8
    /// bytes), whether they are skipped (their positions kept), stemmed, or also split as
    /// compounds. Snippets use it, so that a search neither stems every word of ten
    /// articles nor loads the compound dictionary for words that cannot match. `judge`
    /// must skip every word whose folded form holds none of the heads of `spots`. For
    /// `keep_positions`, see [`Candidates`].
    pub fn analyze_candidates(
        &mut self,
        text: &str,
        judge: &Judge<'_>,
        spots: &Spots,
        keep_positions: bool,
        mut sink: impl FnMut(TokenView<'_>),
    ) {
        let candidates = Candidates {
            judge,
            spots,
            keep_positions,
        };
        self.run(text, Mode::Index, &mut sink, None, Some(candidates));
    }

    /// Every term of `text`.
    pub fn tokens(&mut self, text: &str, mode: Mode) -> Vec<AnalyzedToken> {
        let mut tokens = Vec::new();
        self.analyze(text, mode, |t| tokens.push(t.to_owned()));
        tokens
    }

    /// The query-side terms of `text`, without positions.
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.analyze(text, Mode::Query, |t| terms.push(t.term.to_owned()));
        terms
    }

    /// What happens to every word of `text`, step by step.
    pub fn explain(&mut self, text: &str, mode: Mode) -> Vec<Explained> {
        let mut explained = Vec::new();
        self.run(text, mode, &mut |_| {}, Some(&mut explained), None);
        explained
    }

    /// The query-side tokens of `text` in each reading it may have: one list, or more where
    /// a word in lower case may also be a name (`gemeente tienen`: `tien`, and the place
    /// `Tienen`). At most [`MAX_QUERY_VARIANTS`] lists.
    pub fn query_variants(&mut self, text: &str) -> Vec<Vec<AnalyzedToken>> {
        let tokens = self.tokens(text, Mode::Query);
        let mut variants = vec![tokens.clone()];
        for (i, token) in tokens.iter().enumerate() {
            let word = &text[token.start..token.end];
            let Some(name) = self.name_reading(word).or_else(|| self.word_reading(word)) else {
                continue;
            };
            let mut more = Vec::new();
            for variant in &variants {
                if variants.len() + more.len() >= MAX_QUERY_VARIANTS {
                    break;
                }
                let mut other = variant.clone();
                other[i].term = name.clone();
                more.push(other);
            }
            variants.extend(more);
        }
        if tokens.is_empty() {
            variants.clear();
        }
        variants
    }

    /// The term of the name a query word may be, written in lower case (`tienen` →
    /// `Tienen`, `curacao` → `Curacao`, an unknown `bamen` → `Bamen`): the query looks for
    /// the word and the name. In Title case the word is the name already.
    pub fn name_reading(&self, text: &str) -> Option<String> {
        let mut spans = word_spans(text);
        let (start, end) = spans.next()?;
        if spans.next().is_some() || is_title_case(&text[start..end]) {
            return None;
        }
        let folded = self.normalize(&text[start..end]);
        may_be_name(&folded).then(|| title_case(&folded))
    }

    /// The word's term of a query word in Title case that the lexicon does not know, and
    /// so may be a name or a form the lexicon misses (`Oekrainers` → `oekrainer`): the
    /// query looks for both. A known word in Title case is the name or the word already.
    fn word_reading(&mut self, text: &str) -> Option<String> {
        let surface = without_ignorables(text);
        if !is_title_case(&surface) {
            return None;
        }
        let folded = self.normalize(&surface);
        if is_name_homograph(&folded) || lexicon_lookup(&folded).is_some() {
            return None;
        }
        match self.tokens(&folded, Mode::Query).as_slice() {
            [one] => Some(one.term.clone()),
            _ => None,
        }
    }

    /// The form a word takes before stemming (cleaned, lower-cased and folded). Prefix
    /// and fuzzy queries match on this.
    pub fn normalize(&self, word: &str) -> String {
        fold(&without_ignorables(word))
    }

    /// The term of a folded word, as the analyzer computes it, without stop-word and
    /// acronym handling.
    pub fn stem_folded(&mut self, folded: &str) -> String {
        if folded.len() > MAX_CACHED_BYTES {
            return lemma::term(&self.stemmer, folded).key;
        }
        let key = key_of(folded);
        let entry = self.entry(key, folded, false, Reading::Word);
        self.stem_of(&entry).to_owned()
    }

    /// The terms of a folded word's compound parts (index side), other than its own.
    pub fn compound_part_terms(&mut self, folded: &str) -> Vec<String> {
        if folded.len() > MAX_CACHED_BYTES {
            return Vec::new();
        }
        let entry = self.entry(key_of(folded), folded, true, Reading::Word);
        self.parts_of(&entry).map(str::to_owned).collect()
    }

    fn run(
        &mut self,
        text: &str,
        mode: Mode,
        sink: &mut dyn FnMut(TokenView<'_>),
        trace: Option<&mut Vec<Explained>>,
        candidates: Option<Candidates<'_>>,
    ) {
        let mut pass = Pass {
            text,
            mode,
            sink,
            trace,
            candidates,
        };
        let mut position = 0;
        let mut scanner = WordScanner::new(text);
        let mut parts = std::mem::take(&mut self.parts);
        let mut cursor = 0;
        loop {
            if let Some(Candidates {
                spots,
                keep_positions: false,
                ..
            }) = candidates
            {
                // From the next spot's run of non-blanks: no word spans a blank, so the
                // scanner finds there the words it would have found walking up to it.
                let Some(spot) = spots.next(scanner.position(), &mut cursor) else {
                    break;
                };
                let from = scanner.position();
                if spot > from {
                    let run_start = text.as_bytes()[from..spot]
                        .iter()
                        .rposition(u8::is_ascii_whitespace)
                        .map_or(from, |blank| from + blank + 1);
                    scanner.skip_to(run_start);
                }
            }
            if !scanner.next_group(&mut parts) {
                break;
            }
            // `foto's`, `PVV'ers`, `AOW'tje`: an ending after an apostrophe inflects the
            // word before it, which is the term (`PVV'ers` finds `PVV`).
            if parts.len() >= 2
                && is_apostrophe_ending(text, parts[parts.len() - 2].1, parts[parts.len() - 1])
            {
                parts.pop();
            }
            if parts.len() == 1 {
                let (start, end) = parts[0];
                if let Some(Candidates { spots, .. }) = candidates
                    && !spots.any_within((start, end), &mut cursor)
                {
                    position += 1;
                    continue;
                }
                self.word(text, (start, end, position), TokenKind::Word, &mut pass);
                position += 1;
                continue;
            }
            let (start, end) = (parts[0].0, parts[parts.len() - 1].1);
            let last = position + parts.len() - 1;
            // A number's groups (`12.000`) are no words of their own: `12` is not `12.000`.
            if mode == Mode::Index && !is_number(text, &parts) {
                for (k, &(s, e)) in parts.iter().enumerate() {
                    self.word(text, (s, e, position + k), TokenKind::Part, &mut pass);
                }
            }
            let mut joined = std::mem::take(&mut self.joined);
            joined.clear();
            let mut previous_end = None;
            for &(s, e) in &parts {
                // A decimal comma stays in the number: `3,4` is not `34`.
                if previous_end.is_some_and(|p| &text[p..s] == ",") {
                    joined.push(',');
                }
                joined.push_str(&without_ignorables(&text[s..e]));
                previous_end = Some(e);
            }
            let at = if mode == Mode::Index { last } else { position };
            self.emit(
                &joined,
                text,
                (start, end, at),
                TokenKind::Joined,
                &mut pass,
                Names::Ignore,
            );
            self.joined = joined;
            position += if mode == Mode::Index { parts.len() } else { 1 };
        }
        self.parts = parts;
        self.resolve_pending(self.pending.len(), &mut pass);
    }

    /// One written word: dropped if a stop word, else emitted.
    fn word(
        &mut self,
        text: &str,
        (start, end, position): (usize, usize, usize),
        kind: TokenKind,
        pass: &mut Pass<'_>,
    ) {
        let surface = without_ignorables(&text[start..end]);
        if is_stop_word(&surface) {
            pass.dropped(&text[start..end], position, kind, || {
                let case = if surface.starts_with(char::is_uppercase) {
                    "Title"
                } else {
                    "lower"
                };
                format!("stop word in {case} case: dropped (its position stays)")
            });
            return;
        }
        // A word in Title case may be a name that is spelled like a word (`Tienen`,
        // `Weert`, `Leiden`): in the middle of a sentence it is the name; at the start
        // of one, the index takes both readings.
        let names = if !is_title_case(&surface) {
            Names::Ignore
        } else if pass.mode == Mode::Index && starts_sentence(text, start) {
            Names::Both
        } else {
            Names::Name
        };
        self.emit(&surface, text, (start, end, position), kind, pass, names);
    }

    /// Folds a term and queues it for [`Self::resolve`]: its cache slot is fetched from
    /// memory while the next words are scanned and folded.
    fn emit(
        &mut self,
        surface: &str,
        text: &str,
        (start, end, position): (usize, usize, usize),
        kind: TokenKind,
        pass: &mut Pass<'_>,
        names: Names,
    ) {
        let mode = pass.mode;
        if surface.len() > MAX_WORD_CHARS && surface.chars().count() > MAX_WORD_CHARS {
            pass.dropped(&text[start..end], position, kind, || {
                format!("longer than {MAX_WORD_CHARS} characters: dropped")
            });
            return;
        }
        let mut folded = std::mem::take(&mut self.folded);
        folded.clear();
        fold_into(surface, &mut folded);
        let need = pass
            .candidates
            .map_or(Candidate::Compound, |c| (c.judge)(folded.as_bytes()));
        if need == Candidate::Skip {
            self.folded = folded;
            return;
        }
        let readings: &[Reading] = if is_acronym(surface, &folded) {
            // In a run of capitals (a headline: `BRAND IN LEIDEN`) a word may be either;
            // a stop word's word reading is dropped as ever.
            if !is_stop_word(&folded) && in_capitals(text, start, end) {
                &[Reading::Word, Reading::Acronym]
            } else {
                &[Reading::Acronym]
            }
        } else if names != Names::Ignore && may_be_name(&folded) {
            // A word the lexicon does not know, in Title case, may be a name
            // (`Hoogstraten`) or a form the lexicon misses (`Vlamingen`, `Oekrainers`):
            // the index takes both readings, and the query tries both
            // ([`Self::query_variants`]).
            if names == Names::Both || (mode == Mode::Index && !is_name_homograph(&folded)) {
                &[Reading::Word, Reading::Name]
            } else {
                &[Reading::Name]
            }
        } else {
            &[Reading::Word]
        };
        // An unknown word in Title case inside a sentence is not cut into parts: a name's
        // letters are no words (`Hoogstraten` is no `straat`).
        let unknown_name = names == Names::Name && lexicon_lookup(&folded).is_none();
        for &reading in readings {
            let split_compounds = mode == Mode::Index
                && kind != TokenKind::Joined
                && need == Candidate::Compound
                && reading == Reading::Word
                && !unknown_name;
            let lookup = Lookup {
                key: key_of(&folded) ^ reading.salt(),
                token: (start, end, position),
                kind,
                split_compounds,
                reading,
            };
            if pass.trace.is_some() {
                // Explaining: word by word, with the surface at hand for the steps.
                self.resolve(&folded, lookup, Some(surface), pass);
            } else {
                self.cache.prefetch(lookup.key);
                let from = self.pending_text.len();
                self.pending_text.push_str(&folded);
                self.pending.push(Pending {
                    folded: (from, self.pending_text.len()),
                    lookup,
                });
                if self.pending.len() >= 2 * LOOKAHEAD {
                    self.resolve_pending(LOOKAHEAD, pass);
                }
            }
        }
        self.folded = folded;
    }

    /// Looks up and emits the first `count` pending words.
    fn resolve_pending(&mut self, count: usize, pass: &mut Pass<'_>) {
        let mut pending = std::mem::take(&mut self.pending);
        let mut pending_text = std::mem::take(&mut self.pending_text);
        for word in pending.drain(..count) {
            let folded = &pending_text[word.folded.0..word.folded.1];
            self.resolve(folded, word.lookup, None, pass);
        }
        if pending.is_empty() {
            pending_text.clear();
        }
        self.pending = pending;
        self.pending_text = pending_text;
    }

    /// Stems and emits a folded term (and, on the index side, a compound's parts and
    /// the form). `surface`, the word as written, is given when explaining.
    fn resolve(
        &mut self,
        folded: &str,
        lookup: Lookup,
        surface: Option<&str>,
        pass: &mut Pass<'_>,
    ) {
        let Lookup {
            key,
            token: (start, end, position),
            kind,
            split_compounds,
            reading,
        } = lookup;
        let mode = pass.mode;
        let text = pass.text;
        let entry = self.entry(key, folded, split_compounds, reading);
        if let (Some(trace), Some(surface)) = (pass.trace.as_deref_mut(), surface) {
            let steps = self.steps(surface, folded, kind, reading);
            trace.push(Explained {
                position,
                text: text[start..end].to_owned(),
                term: Some(self.stem_of(&entry).to_owned()),
                kind,
                steps,
            });
            if split_compounds {
                for part in self.parts_of(&entry) {
                    trace.push(Explained {
                        position,
                        text: text[start..end].to_owned(),
                        term: Some(part.to_owned()),
                        kind: TokenKind::CompoundPart,
                        steps: vec![format!(
                            "a part of the compound '{folded}' (split as its lemma with the lexicon)"
                        )],
                    });
                }
            }
            if mode == Mode::Index && entry.form_len > 0 {
                trace.push(Explained {
                    position,
                    text: text[start..end].to_owned(),
                    term: Some(folded.to_owned()),
                    kind: TokenKind::Form,
                    steps: vec![
                        "the unstemmed form, kept in the index's vocabulary for prefix and \
                         fuzzy search"
                            .to_owned(),
                    ],
                });
            }
        }
        (pass.sink)(TokenView {
            term: self.stem_of(&entry),
            position,
            start,
            end,
            kind,
            frequent: entry.has(FREQUENT),
        });
        if split_compounds {
            for part in self.parts_of(&entry) {
                (pass.sink)(TokenView {
                    term: part,
                    position,
                    start,
                    end,
                    kind: TokenKind::CompoundPart,
                    // Parts are few: looked up here rather than given bits in the entry.
                    frequent: !self.frequent_terms.is_empty() && self.frequent_terms.contains(part),
                });
            }
        }
        if mode == Mode::Index && !entry.has(FORM_EMITTED) && entry.form_len > 0 {
            (pass.sink)(TokenView {
                term: self.form_of(&entry),
                position,
                start,
                end,
                kind: TokenKind::Form,
                frequent: false,
            });
            self.cache.insert(
                key,
                Cached {
                    flags: entry.flags | FORM_EMITTED,
                    ..entry
                },
            );
        }
    }

    /// The cache entry of `folded`, whose key is `key` (with its compound parts, if
    /// asked), made if new.
    fn entry(&mut self, key: u128, folded: &str, with_parts: bool, reading: Reading) -> Cached {
        debug_assert!(
            folded.len() <= MAX_CACHED_BYTES,
            "too long to cache: {folded}"
        );
        // The word's term, computed once per new word and kept for its parts.
        let mut term = None;
        let mut entry = match self.cache.get(key) {
            Some(entry) => entry,
            None => {
                if self.cache.len() >= STEM_CACHE_CAPACITY || self.arena.len() >= ARENA_CAPACITY {
                    self.cache.clear();
                    self.arena.clear();
                    self.parts_by_lemma.clear();
                }
                let stem = match reading {
                    Reading::Word => term.insert(lemma::term(&self.stemmer, folded)).key.clone(),
                    Reading::Acronym => folded.to_ascii_uppercase(),
                    Reading::Name => title_case(folded),
                };
                let start = self.arena.len();
                self.arena.push_str(&stem);
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
                    flags: if self.frequent_terms.contains(&*stem) {
                        FREQUENT
                    } else {
                        0
                    },
                };
                self.cache.insert(key, entry);
                entry
            }
        };
        if with_parts && !entry.has(PARTS_KNOWN) {
            let term = term.unwrap_or_else(|| lemma::term(&self.stemmer, folded));
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
            self.cache.insert(key, entry);
        }
        entry
    }

    fn stem_of(&self, entry: &Cached) -> &str {
        let start = entry.start as usize;
        &self.arena[start..start + entry.stem_len as usize]
    }

    /// The folded word; empty when it is its own stem.
    fn form_of(&self, entry: &Cached) -> &str {
        let start = entry.start as usize + entry.stem_len as usize;
        &self.arena[start..start + entry.form_len as usize]
    }

    fn parts_of(&self, entry: &Cached) -> impl Iterator<Item = &str> {
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

    /// The steps from a written word to its term, in words, for `krant analyze`.
    fn steps(&self, surface: &str, folded: &str, kind: TokenKind, reading: Reading) -> Vec<String> {
        let mut steps = Vec::new();
        match kind {
            TokenKind::Joined => steps.push(format!("word group written as one word: {surface}")),
            TokenKind::Part => steps.push("one part of a word group".to_owned()),
            _ => {}
        }
        if surface != folded {
            steps.push(format!("lower-cased and folded: {surface} → {folded}"));
        }
        match reading {
            Reading::Acronym => {
                steps.push(format!(
                    "in capitals, an acronym that spells a word: {surface} is its own term"
                ));
                return steps;
            }
            Reading::Name => {
                let what = if is_name_homograph(folded) {
                    "the place {} (spelled like a word)"
                } else {
                    "a word the lexicon does not know, read also as the name {}"
                };
                steps.push(format!(
                    "in Title case: {}: its own term",
                    what.replace("{}", surface)
                ));
                return steps;
            }
            Reading::Word => {}
        }
        let term = lemma::term(&self.stemmer, folded);
        match &term.how {
            How::Lexicon(entry) => {
                if entry.lemma != folded {
                    let why = match lexicon::exception_reason(folded) {
                        Some(reason) => format!("{} ({reason})", entry.source.describe()),
                        None => entry.source.describe().to_owned(),
                    };
                    steps.push(format!("lexicon: {folded} → lemma {} ({why})", entry.lemma));
                } else {
                    steps.push(format!("lexicon: {folded} is a lemma"));
                }
                if entry.key != entry.lemma {
                    steps.push(key_step(entry));
                }
            }
            How::Inflection { base, entry } => {
                steps.push(format!(
                    "not in the lexicon; a regular inflection of '{base}' → lemma {}",
                    entry.lemma
                ));
                if entry.key != entry.lemma {
                    steps.push(key_step(entry));
                }
            }
            How::Compound { parts } => {
                let head = parts.last().map_or("", |p| &folded[p.start..p.end]);
                steps.push(format!(
                    "not in the lexicon; a compound whose head '{head}' is known: term {}",
                    term.key
                ));
            }
            How::Stemmer(StemOrigin { raw, repair }) => {
                steps.push(format!(
                    "not in the lexicon; Kraaij–Pohlmann stem: {folded} → {raw}"
                ));
                if let Some(repair) = repair {
                    steps.push(format!(
                        "ending repaired -{} → -{}: {raw} → {} ({})",
                        repair.from, repair.to, term.key, repair.reason
                    ));
                }
            }
        }
        steps
    }
}

/// Why a lemma's key differs from it, in words.
fn key_step(entry: &LexiconEntry) -> String {
    if entry.is_verb() {
        format!(
            "the verb {} shares the term '{}' with the noun that is its stem",
            entry.lemma, entry.key
        )
    } else {
        format!(
            "{} is a participle of a verb: the verb's term '{}'",
            entry.lemma, entry.key
        )
    }
}

/// A word of two or more capitals that spells a stop word or a common word (`IS`, `OM`,
/// `DUO`, `PAS`): an acronym, not the word. Capitals that spell no word (`NAVO`, `GGD`)
/// are read as usual, so that `navo` finds them.
fn is_acronym(surface: &str, folded: &str) -> bool {
    surface.len() >= 2
        && surface.bytes().all(|b| b.is_ascii_uppercase())
        && (is_stop_word(folded) || lexicon_lookup(folded).is_some_and(|e| !e.is_name()))
}

/// Whether a folded word, written in Title case, may be a name: a name spelled like a word
/// (`tienen`, `wilders`), or a word the lexicon does not know (`hoogstraten`, `bamen`).
fn may_be_name(folded: &str) -> bool {
    is_name_homograph(folded) || lexicon_lookup(folded).is_none()
}

/// Whether the word at `start..end` stands beside another word of two or more capitals:
/// a headline or a line in capitals, where a capitalised word may be a plain word.
fn in_capitals(text: &str, start: usize, end: usize) -> bool {
    let capitals = |word: &str| {
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word.chars().all(|c| !c.is_lowercase())
    };
    let before = text[..start]
        .split(|c: char| c.is_whitespace())
        .rfind(|w| w.chars().any(char::is_alphabetic));
    let after = text[end..]
        .split(|c: char| c.is_whitespace())
        .find(|w| w.chars().any(char::is_alphabetic));
    before.is_some_and(capitals) || after.is_some_and(capitals)
}

/// The folded word with a capital: a name's term, apart from the word's (`Geel`, `geel`).
fn title_case(folded: &str) -> String {
    let mut chars = folded.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A capital and then no capital (`Tienen`, not `TIENEN` or `tienen`).
fn is_title_case(surface: &str) -> bool {
    let mut chars = surface.chars();
    chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
}

/// Whether the word at byte `start` opens a sentence: only blanks and opening quotes or
/// brackets lie between it and the start of the text, a line break, or the end of the
/// last sentence.
fn starts_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' | ':' => return true,
            c if c.is_whitespace() => {}
            '"' | '\'' | '‘' | '“' | '„' | '«' | '(' | '[' | '-' | '–' | '—' => {}
            _ => return false,
        }
    }
    true
}

/// Byte ranges of every word part of `text`, in order (`corona-crisis` gives two).
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    word_groups(text).flat_map(|g| g.parts.into_iter())
}

/// Whether the last part of a group is an ending joined by an apostrophe: the `'s` of a
/// plural or genitive, the `'er`/`'ers` of a party's members, the `'tje(s)` of a
/// diminutive.
fn is_apostrophe_ending(text: &str, before_end: usize, last: (usize, usize)) -> bool {
    let between = &text[before_end..last.0];
    let ending = &text[last.0..last.1];
    !between.contains('-')
        && !between.contains('.')
        && ["s", "er", "ers", "tje", "tjes"]
            .iter()
            .any(|e| ending.eq_ignore_ascii_case(e))
}

/// Whether a group is a number written with thousands dots or a decimal comma (`30.000`,
/// `3,4`).
fn is_number(text: &str, parts: &[(usize, usize)]) -> bool {
    parts
        .iter()
        .all(|&(s, e)| text.as_bytes()[s..e].iter().all(u8::is_ascii_digit))
        && parts
            .windows(2)
            .all(|w| matches!(&text[w[0].1..w[1].0], "." | ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, mode: Mode) -> Vec<(usize, String)> {
        DutchAnalyzer::new()
            .tokens(text, mode)
            .into_iter()
            .map(|t| (t.position, t.term))
            .collect()
    }

    fn query_terms(text: &str) -> Vec<String> {
        DutchAnalyzer::new().terms(text)
    }

    fn same(a: &str, b: &str) -> bool {
        let mut analyzer = DutchAnalyzer::new();
        analyzer.terms(a) == analyzer.terms(b)
    }

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

    #[test]
    fn stems_plurals_folds_diacritics() {
        assert!(same("vluchteling", "vluchtelingen"));
        assert!(same("kalifaat", "kalifaten"));
        assert!(same("België", "belgie"));
        assert!(same("Oekraïne", "Oekraine"));
        assert!(same("dag", "dagen"));
        assert!(same("oorlog", "oorlogen"));
        assert!(same("probleem", "problemen"));
        assert!(same("politiek", "politieke"));
        assert!(same("financieel", "financiële"));
        assert!(same("creëren", "gecreëerd"));
        assert!(same("activeren", "geactiveerd"));
        assert!(same("gezin", "gezinnen"));
    }

    #[test]
    fn false_merges_of_the_stemmer_are_undone() {
        for (a, b) in [
            ("geweld", "wel"),
            ("gewonden", "won"),
            ("gemeente", "mening"),
            ("gezond", "zon"),
            ("gezin", "zin"),
            ("begeleiding", "beleid"),
            ("minister", "mini"),
            ("gelijk", "lijk"),
        ] {
            assert!(!same(a, b), "{a} ~ {b}");
        }
    }

    #[test]
    fn stop_words_drop_but_acronyms_stay() {
        assert_eq!(query_terms("is"), Vec::<String>::new());
        assert_eq!(query_terms("Is"), Vec::<String>::new());
        assert_eq!(query_terms("IS"), ["IS"]);
        assert_eq!(
            terms("Het weer is mooi", Mode::Index),
            [(1, "weer".to_owned()), (3, "mooi".to_owned())]
        );
    }

    #[test]
    fn capitals_that_spell_a_word_are_an_acronym() {
        // `DUO` (the agency) and `duo` (a pair) stay apart.
        assert_eq!(query_terms("DUO"), ["DUO"]);
        assert_eq!(query_terms("duo"), ["duo"]);
        let words = |text: &str| -> Vec<String> {
            DutchAnalyzer::new()
                .tokens(text, Mode::Index)
                .into_iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.term)
                .collect()
        };
        assert_eq!(words("het DUO"), ["DUO"]);
        // In a headline in capitals, a capitalised word may be the word too.
        assert_eq!(
            words("BRAND IN LEIDEN"),
            ["brand", "BRAND", "IN", "leiden", "LEIDEN"]
        );
        // Capitals that spell no word are read as usual: `navo` finds `NAVO`.
        assert_eq!(query_terms("NAVO"), query_terms("navo"));
    }

    #[test]
    fn a_place_spelled_like_a_word_is_the_place_inside_a_sentence() {
        let index = |text: &str| -> Vec<String> {
            DutchAnalyzer::new()
                .tokens(text, Mode::Index)
                .into_iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.term)
                .collect()
        };
        assert_eq!(query_terms("Tienen"), ["Tienen"]);
        assert_eq!(query_terms("tienen"), query_terms("tien"));
        // In lower case, a query looks for the word and the place.
        let analyzer = DutchAnalyzer::new();
        assert_eq!(analyzer.name_reading("tienen").as_deref(), Some("Tienen"));
        assert_eq!(analyzer.name_reading("Tienen"), None);
        assert_eq!(analyzer.name_reading("tien"), None);
        assert_eq!(index("In Tienen staat"), ["Tienen", "staat"]);
        // A place whose name is a word's lemma (`Geel`, `geel`) stays apart too.
        assert_eq!(index("in Geel"), ["Geel"]);
        assert_ne!(query_terms("Geel"), query_terms("gele"));
        // At the start of a sentence, both readings.
        let start = index("Tienen kreeg");
        assert!(start.contains(&"Tienen".to_owned()) && start.contains(&query_terms("tien")[0]));
        // An unknown word in Title case inside a sentence is a name: not cut into parts.
        let parts = |text: &str| -> Vec<String> {
            DutchAnalyzer::new()
                .tokens(text, Mode::Index)
                .into_iter()
                .filter(|t| t.kind == TokenKind::CompoundPart)
                .map(|t| t.term)
                .collect()
        };
        assert!(parts("in Hoogstraten").is_empty());
        assert!(!parts("de hoogstraten").is_empty());
    }

    #[test]
    fn word_groups_index_parts_and_the_joined_form() {
        let index = terms("de corona-crisis hield", Mode::Index);
        assert!(index.contains(&(1, "corona".to_owned())));
        assert!(index.contains(&(2, "crisis".to_owned())));
        assert!(index.contains(&(2, "coronacrisis".to_owned())));
        assert!(index.contains(&(3, "hield".to_owned())));
        assert_eq!(query_terms("corona-crisis"), ["coronacrisis"]);
        assert_eq!(query_terms("coronacrisis"), ["coronacrisis"]);
        assert_eq!(query_terms("30.000"), ["30000"]);
        assert_eq!(query_terms("3,4"), ["3,4"]);
        // A number's groups are not words of their own.
        assert!(!terms("12.000 man", Mode::Index).contains(&(0, "12".to_owned())));
        assert_eq!(query_terms("foto's"), query_terms("foto"));
        assert_eq!(query_terms("IS-strijders"), ["isstrijder"]);
    }

    #[test]
    fn compounds_get_their_parts_on_the_index_side_only() {
        let index = terms("vluchtelingenprobleem", Mode::Index);
        assert!(
            index.contains(&(0, query_terms("probleem")[0].clone())),
            "{index:?}"
        );
        assert_eq!(query_terms("vluchtelingenprobleem").len(), 1);
    }

    #[test]
    fn soft_hyphens_and_ligatures_make_one_token() {
        assert_eq!(
            query_terms("vluch\u{00AD}telingen"),
            query_terms("vluchtelingen")
        );
        assert_eq!(
            DutchAnalyzer::new().tokens("Ĳsselmeer", Mode::Query).len(),
            1
        );
    }

    #[test]
    fn explain_names_each_filter() {
        let explained = DutchAnalyzer::new().explain("De leden IS", Mode::Query);
        assert_eq!(explained[0].term, None);
        assert!(explained[0].steps[0].contains("stop word"));
        assert_eq!(explained[1].term.as_deref(), Some("lid"));
        assert!(
            explained[1]
                .steps
                .iter()
                .any(|s| s.contains("lexicon: leden → lemma lid")),
            "{:?}",
            explained[1].steps
        );
        assert_eq!(explained[2].term.as_deref(), Some("IS"));
        assert!(explained[2].steps.iter().any(|s| s.contains("acronym")));
    }

    /// The tokens of a candidates pass over `text` (heads `vlu` and `bel`), and those of
    /// the full analysis of the words the pass's judge keeps.
    fn candidates_and_expected(
        text: &str,
        keep_positions: bool,
    ) -> (Vec<AnalyzedToken>, Vec<AnalyzedToken>) {
        let judge = |folded: &[u8]| {
            let folded = std::str::from_utf8(folded).unwrap();
            if folded.contains("vluchteling") || folded.contains("belg") {
                Candidate::Compound
            } else if folded.contains("vlucht") {
                Candidate::Word
            } else {
                Candidate::Skip
            }
        };
        let heads: [&[u8]; 2] = [b"vlu", b"bel"];
        let mut kept = Vec::new();
        let spots = Spots::find(text, &heads);
        DutchAnalyzer::new().analyze_candidates(text, &judge, &spots, keep_positions, |t| {
            kept.push(t.to_owned())
        });
        let judged = |t: &AnalyzedToken| {
            let joined: String = text[t.start..t.end]
                .chars()
                .filter(|c| !matches!(c, '-' | '\'' | '.'))
                .collect();
            judge(fold(&joined).as_bytes())
        };
        // Words judged `Word` are stemmed but not split: their compound parts are absent.
        let expected = DutchAnalyzer::new()
            .tokens(text, Mode::Index)
            .into_iter()
            .filter(|t| match judged(t) {
                Candidate::Skip => false,
                Candidate::Word => t.kind != TokenKind::CompoundPart,
                Candidate::Compound => true,
            })
            .collect();
        (kept, expected)
    }

    /// Upper case, stop words, hyphenated groups (one with a head across the hyphen), an
    /// apostrophe-s, a compound, non-ASCII words, curly quotes, a word in brackets, a
    /// thousands dot and an over-long word: every path of a candidates pass.
    fn candidates_text() -> String {
        let long = "vlucht".repeat(12);
        format!(
            "De Vluchtelingen kwamen uit BELGIË en Belgie, het VLUCHTELINGENPROBLEEM \
             groeit. Een vluchteling-kamp, de vluchteling's tent en de Vluchtroute {long} \
             zonder meer; “Vluchten” (vluchtelingen) 30.000 keer vl-uchtelingen.\n\
             Daarna vluchtten ze verder naar het noorden van België, zei Vlüchteling Bélgica."
        )
    }

    #[test]
    fn a_candidates_pass_keeps_exactly_the_full_analysis_of_the_words_it_judges_worth_it() {
        let text = candidates_text();
        let (kept, expected) = candidates_and_expected(&text, true);
        assert_eq!(kept, expected);
        let positions: Vec<usize> = kept.iter().map(|t| t.position).collect();
        assert!(positions.contains(&1) && positions.iter().any(|&p| p > 20));
        assert!(kept.iter().any(|t| t.term == "belgie"));
        // Heads that only folding reveals.
        assert!(kept.iter().any(|t| &text[t.start..t.end] == "Vlüchteling"));
        assert!(kept.iter().any(|t| &text[t.start..t.end] == "Bélgica"));
        assert!(
            kept.iter()
                .any(|t| t.kind == TokenKind::Joined && t.term.starts_with("vlucht"))
        );
    }

    #[test]
    fn a_candidates_pass_without_positions_finds_the_same_words_going_from_spot_to_spot() {
        let text = candidates_text();
        let (kept, expected) = candidates_and_expected(&text, false);
        let unplaced = |tokens: &[AnalyzedToken]| -> Vec<(usize, usize, String, TokenKind)> {
            tokens
                .iter()
                .map(|t| (t.start, t.end, t.term.clone(), t.kind))
                .collect()
        };
        assert_eq!(unplaced(&kept), unplaced(&expected));
        assert!(expected.len() > 15, "{expected:?}");
        // Nothing to look for: nothing is even scanned.
        let spots = Spots::find("Geen enkel woord hier.", &[b"vlu"]);
        assert!(spots.offsets.is_empty());
    }
}
