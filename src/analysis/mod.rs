//! The Dutch analyzer: one pipeline, used for both indexing and queries, that turns text
//! into search terms. All language decisions live in this module and the ones below it.
//!
//! 1. Words: runs of letters and digits; soft hyphens and zero-width characters do not
//!    split a word; `corona-crisis`, `al-Baghdadi`, `30.000` and `foto's` are word groups
//!    ([`words`]).
//! 2. Stop words in lower or Title case are dropped (their position stays, so phrases
//!    keep their gaps); words in capitals (`IS`) are kept ([`stopwords`]).
//! 3. Lower-case and fold diacritics (`België` → `belgie`, `Ĳssel` → `ijssel`) ([`fold`]).
//! 4. How the word is read ([`reading`]): as a word; in capitals that spell a word
//!    (`IS`, `DUO`) as an acronym, its own term; in Title case, a place spelled like a
//!    word (`Tienen`) or a word the lexicon does not know (`Hoogstraten`) also as a name.
//! 5. A word's term by the lexeme rule ([`lemma`]), in this order: the lexicon gives a
//!    known word's lemma and that lemma's key (`steden` → `stad`, `greep` → `grijp`,
//!    `geleden` stays itself: [`lexicon`]); an unknown word that is a regular inflection
//!    of a known one is undone to it (`tassen` → `tas`); an unknown compound whose head
//!    the lexicon knows takes the head's key behind its modifiers (`buurtraden` →
//!    `buurtraad`: [`compound`]); anything else is stemmed by Kraaij–Pohlmann ([`stem`]).
//! 6. Index side only: the parts of a word group each at their own position plus the
//!    joined form at the last part's position; compound parts (`gemeenteraden` →
//!    `gemeente`, `raad`) at the compound's position ([`compound`]). The query side
//!    searches a word group by its joined form, which matches both spellings.
//! 7. Index side only: the folded word itself, once per analyzer, where its term differs
//!    (`vluchtelingen` → `vluchteling`), for prefix and fuzzy queries.
//!
//! Where to read it: [`DutchAnalyzer::run`] walks the words and word groups, `word` and
//! `emit` drop, fold and read each, and `resolve` gives its tokens, asking
//! [`term_in_reading`] for the term. Two speed-ups sit behind seams of their own and
//! change no token: [`term_cache`] (terms of words met, and a look-ahead queue that
//! prefetches their slots) and [`candidates`] (the snippets' pass over only the words that
//! may match). [`explain`] tells the steps for `krant analyze`.
//!
//! The module knows nothing of tantivy: the index module hands the tokens over.

mod candidates;
mod compound;
mod context;
mod explain;
mod fold;
mod lemma;
mod lexicon;
mod reading;
mod separable;
mod sorted_lines;
mod stem;
mod stopwords;
mod term_cache;
mod words;

use std::sync::Arc;

use candidates::Candidates;
use reading::{Names, Reading, title_case};
use rustc_hash::FxHashSet;
use term_cache::{LOOKAHEAD, Lookahead, MAX_CACHED_BYTES, TermCache};

pub(crate) use candidates::{Candidate, Spots};
pub(crate) use explain::Explained;
pub(crate) use lemma::Term;

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
pub(crate) use fold::{fold, fold_into};
pub(crate) use lexicon::{Entry as LexiconEntry, term_pieces};
pub(crate) use stem::DutchStemmer;
pub(crate) use stopwords::is_stop_word;
pub(crate) use words::{WordScanner, without_ignorables, word_groups};

/// Bumped whenever the terms produced for some text change: an index built with another
/// version would silently miss or mismatch terms, so it must be rebuilt.
pub const ANALYZER_VERSION: u32 = 4;

/// A fingerprint of the lexicon's data (`data/lexicon/`), made by build.rs: an index
/// records it, and one built with other data is refused like one of another analyzer
/// version.
pub const LEXICON_FINGERPRINT: &str = env!("KRANT_LEXICON_FINGERPRINT");

/// Words longer than this (in characters) are dropped: they are garbage such as encoded
/// data or URLs run together, and would only bloat the term dictionary.
pub const MAX_WORD_CHARS: usize = 64;

/// Readings of one query a search tries at most (see [`DutchAnalyzer::query_variants`]).
pub const MAX_QUERY_VARIANTS: usize = 8;
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
    /// A separable verb whose particle ends its clause, at the particle (`opbellen` for
    /// `belde … op`), beside the verb's own term.
    Separated,
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
            TokenKind::Separated => "separable verb",
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
            trace.push(explain::dropped(text, position, kind, why()));
        }
    }
}

/// The Dutch analyzer. Cheap to clone; each clone keeps its own term cache.
#[derive(Clone, Default)]
pub struct DutchAnalyzer {
    stemmer: DutchStemmer,
    /// The terms of the words met (a speed-up: see [`term_cache`]).
    terms: TermCache,
    /// Words waiting for their lookup while their cache slots are fetched.
    lookahead: Lookahead,
    folded: String,
    joined: String,
    parts: Vec<(usize, usize)>,
    /// What the lexicon said of the words before a particle (see [`separable`]).
    verb_forms: separable::VerbForms,
}

/// What [`DutchAnalyzer::resolve`] needs of a folded word besides its text.
#[derive(Clone, Copy)]
struct Lookup {
    /// Its cache key ([`term_cache::key`]).
    key: u128,
    /// Start, end and position.
    token: (usize, usize, usize),
    kind: TokenKind,
    split_compounds: bool,
    /// How the word is read.
    reading: Reading,
}

impl std::fmt::Debug for DutchAnalyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DutchAnalyzer").finish_non_exhaustive()
    }
}

/// The term of a folded word read as `reading`: the lexeme rule's for a word (which is
/// returned too, for its compound parts), the capitals for an acronym, the word with a
/// capital for a name.
fn term_in_reading(
    stemmer: &DutchStemmer,
    folded: &str,
    reading: Reading,
) -> (String, Option<Term>) {
    match reading {
        Reading::Word => {
            let term = lemma::term(stemmer, folded);
            (term.key.clone(), Some(term))
        }
        Reading::Acronym => (folded.to_ascii_uppercase(), None),
        Reading::Name => (title_case(folded), None),
    }
}

impl DutchAnalyzer {
    /// A fresh analyzer with an empty term cache.
    pub fn new() -> DutchAnalyzer {
        DutchAnalyzer::default()
    }

    /// This analyzer, marking tokens of these terms [`TokenView::frequent`]. The mark is
    /// kept in the term cache, so a token pays nothing for it.
    pub fn with_frequent_terms(mut self, terms: Arc<FxHashSet<Box<str>>>) -> DutchAnalyzer {
        self.terms.set_frequent_terms(terms);
        self
    }

    /// Feeds every term of `text` to `sink`, in order of position.
    pub fn analyze(&mut self, text: &str, mode: Mode, mut sink: impl FnMut(TokenView<'_>)) {
        self.run(text, mode, &mut sink, None, None);
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
        let key = term_cache::key(folded, Reading::Word);
        let entry = self
            .terms
            .entry(&self.stemmer, key, folded, false, Reading::Word);
        self.terms.stem_of(&entry).to_owned()
    }

    /// The terms of a folded word's compound parts (index side), other than its own.
    pub fn compound_part_terms(&mut self, folded: &str) -> Vec<String> {
        if folded.len() > MAX_CACHED_BYTES {
            return Vec::new();
        }
        let key = term_cache::key(folded, Reading::Word);
        let entry = self
            .terms
            .entry(&self.stemmer, key, folded, true, Reading::Word);
        self.terms.parts_of(&entry).map(str::to_owned).collect()
    }

    /// The pass over `text`: each word or word group in turn, then the words still
    /// waiting in the look-ahead queue.
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
                && !spots.skip_to_next(text, &mut scanner, &mut cursor)
            {
                break;
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
            position += self.group(&parts, position, &mut pass);
        }
        self.parts = parts;
        self.resolve_pending(self.lookahead.len(), &mut pass);
    }

    /// A word group (`corona-crisis`, `30.000`) at `position`: on the index side its
    /// parts, each at its own position, then the joined form at the last part's; on the
    /// query side the joined form only. Returns the positions it takes.
    fn group(&mut self, parts: &[(usize, usize)], position: usize, pass: &mut Pass<'_>) -> usize {
        let (text, mode) = (pass.text, pass.mode);
        let (start, end) = (parts[0].0, parts[parts.len() - 1].1);
        let last = position + parts.len() - 1;
        // A number's groups (`12.000`) are no words of their own: `12` is not `12.000`.
        if mode == Mode::Index && !is_number(text, parts) {
            for (k, &(s, e)) in parts.iter().enumerate() {
                self.word(text, (s, e, position + k), TokenKind::Part, pass);
            }
        }
        let mut joined = std::mem::take(&mut self.joined);
        joined.clear();
        let mut previous_end = None;
        for &(s, e) in parts {
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
            pass,
            Names::Ignore,
        );
        self.joined = joined;
        if mode == Mode::Index { parts.len() } else { 1 }
    }

    /// One written word: dropped if a stop word, else emitted; on the index side, a
    /// separable verb joined at a particle that ends its clause.
    fn word(
        &mut self,
        text: &str,
        (start, end, position): (usize, usize, usize),
        kind: TokenKind,
        pass: &mut Pass<'_>,
    ) {
        let surface = without_ignorables(&text[start..end]);
        // A separable verb's particle at the end of its clause (index side): the verb
        // joined, after the particle's own token (if it has one).
        let separated = (pass.mode == Mode::Index && kind == TokenKind::Word)
            .then(|| self.verb_forms.joined_verb(text, &surface, (start, end)))
            .flatten();
        let token = (start, end, position);
        if is_stop_word(&surface) {
            pass.dropped(&text[start..end], position, kind, || {
                let case = if surface.starts_with(char::is_uppercase) {
                    "Title"
                } else {
                    "lower"
                };
                format!("stop word in {case} case: dropped (its position stays)")
            });
        } else {
            let names = reading::names_of(&surface, text, start, pass.mode);
            self.emit(&surface, text, token, kind, pass, names);
        }
        if let Some(verb) = separated {
            self.emit(
                &verb,
                text,
                token,
                TokenKind::Separated,
                pass,
                Names::Ignore,
            );
        }
    }

    /// Folds a term and hands each of its readings to [`Self::resolve`]: when explaining
    /// at once, else through the look-ahead queue.
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
        let word_key = term_cache::key(&folded, Reading::Word);
        // Only a word in Title case may be a name (and none is an acronym, which takes two
        // capitals), so only its facts are asked.
        let facts = (names != Names::Ignore).then(|| self.terms.name_facts(word_key, &folded));
        let may_be_name = facts.map(|facts| (names, facts));
        let readings = reading::readings(surface, &folded, text, (start, end), may_be_name, mode);
        // An unknown word in Title case inside a sentence is not cut into parts: a name's
        // letters are no words (`Hoogstraten` is no `straat`).
        let unknown_name = names == Names::Name && facts.is_some_and(|f| !f.known);
        for &reading in readings {
            let split_compounds = mode == Mode::Index
                && kind != TokenKind::Joined
                && need == Candidate::Compound
                && reading == Reading::Word
                && !unknown_name;
            let lookup = Lookup {
                key: term_cache::in_reading(word_key, reading),
                token: (start, end, position),
                kind,
                split_compounds,
                reading,
            };
            if pass.trace.is_some() {
                // Explaining: word by word, with the surface at hand for the steps.
                self.resolve(&folded, lookup, Some(surface), pass);
            } else {
                self.resolve_later(&folded, lookup, pass);
            }
        }
        self.folded = folded;
    }

    /// Queues a word for [`Self::resolve`] and starts fetching its cache slot; resolves
    /// the first words of the queue when it is full.
    fn resolve_later(&mut self, folded: &str, lookup: Lookup, pass: &mut Pass<'_>) {
        self.terms.prefetch(lookup.key);
        if self.lookahead.push(folded, lookup) {
            self.resolve_pending(LOOKAHEAD, pass);
        }
    }

    /// Looks up and emits the first `count` queued words.
    fn resolve_pending(&mut self, count: usize, pass: &mut Pass<'_>) {
        let mut queue = std::mem::take(&mut self.lookahead);
        // Their slots have arrived; their strings, in the cache's arena, have not. Asked
        // for all at once, they arrive together rather than one wait per word.
        for key in queue.first_keys(count) {
            self.terms.prefetch_strings(key);
        }
        queue.drain(count, |folded, lookup| {
            self.resolve(folded, lookup, None, pass)
        });
        self.lookahead = queue;
    }

    /// Gives a folded word's tokens: its term, on the index side a compound's parts and,
    /// the first time, the form. `surface`, the word as written, is given when explaining.
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
        let entry = self
            .terms
            .entry(&self.stemmer, key, folded, split_compounds, reading);
        if let (Some(trace), Some(surface)) = (pass.trace.as_deref_mut(), surface) {
            let word = explain::Resolved {
                written: &pass.text[start..end],
                surface,
                folded,
                position,
                kind,
                reading,
                split_compounds,
                entry,
            };
            explain::record(trace, word, &self.terms, &self.stemmer, pass.mode);
        }
        let token = |term, kind, frequent| TokenView {
            term,
            position,
            start,
            end,
            kind,
            frequent,
        };
        (pass.sink)(token(self.terms.stem_of(&entry), kind, entry.is_frequent()));
        if split_compounds {
            for part in self.terms.parts_of(&entry) {
                let frequent = self.terms.is_frequent(part);
                (pass.sink)(token(part, TokenKind::CompoundPart, frequent));
            }
        }
        if pass.mode == Mode::Index && entry.form_due() {
            (pass.sink)(token(self.terms.form_of(&entry), TokenKind::Form, false));
            self.terms.form_emitted(key, entry);
        }
    }
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
    fn a_verb_shares_the_term_of_its_own_noun_only() {
        // werkt is work done: werk finds it; geldt (to apply) is no money
        // (data/lexicon/unrelated.tsv).
        assert_eq!(query_terms("werkt"), ["werk"]);
        assert_eq!(query_terms("werk"), ["werk"]);
        assert_eq!(query_terms("geldt"), ["gelden"]);
        assert_eq!(query_terms("geld"), ["geld"]);
        let index = terms("Dat geldt ook voor geld", Mode::Index);
        assert!(index.contains(&(1, "gelden".to_owned())), "{index:?}");
        assert!(!index.contains(&(1, "geld".to_owned())), "{index:?}");
        assert!(!same("schatte", "schat"));
        assert!(same("schatte", "geschat"));
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
}
