//! The Dutch analyzer: one pipeline, used for both indexing and queries, that turns text
//! into search terms. All language decisions live in this module.
//!
//! 1. Words: runs of letters and digits; soft hyphens and zero-width characters do not
//!    split a word; `corona-crisis`, `al-Baghdadi`, `30.000` and `foto's` are word groups
//!    ([`words`]).
//! 2. Stop words in lower or Title case are dropped (their position stays, so phrases
//!    keep their gaps); words in capitals (`IS`) are kept ([`stopwords`]).
//! 3. Lower-case and fold diacritics (`België` → `belgie`, `Ĳssel` → `ijssel`) ([`fold`]).
//! 4. Stem with Kraaij–Pohlmann, corrected by a reviewed override table and stem-ending
//!    repairs ([`stem`]).
//! 5. Index side only: the parts of a word group each at their own position plus the
//!    joined form at the last part's position; compound parts (`vluchtelingenprobleem` →
//!    `probleem`) at the compound's position ([`compound`]). The query side searches a
//!    word group by its joined form, which matches both spellings.

mod compound;
mod fold;
mod stem;
mod stopwords;
mod words;

use std::collections::HashMap;

pub use compound::split as split_compound;
pub use fold::{fold, fold_into};
pub use stem::{DutchStemmer, REPAIRS, StemOrigin, overrides};
pub use stopwords::{STOP_WORDS, is_stop_word};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};
pub use words::{WordGroup, is_ignorable, without_ignorables, word_groups};

/// The name the analyzer is registered under in the index schema.
pub const ANALYZER_NAME: &str = "krant_dutch";

/// The name of the word-form tokenizer: the same words, folded but not stemmed, for
/// prefix and fuzzy matching (a stem of a partial word means nothing, and Kraaij–Pohlmann
/// stems are not prefixes of their words: `vluchtelingen` → `vluchteel`).
pub const FORMS_NAME: &str = "krant_forms";

/// Bumped whenever the terms produced for some text change: an index built with another
/// version would silently miss or mismatch terms, so it must be rebuilt.
pub const ANALYZER_VERSION: u32 = 2;

/// Words longer than this (in characters) are dropped: they are garbage such as encoded
/// data or URLs run together, and would only bloat the term dictionary.
pub const MAX_WORD_CHARS: usize = 64;

/// Stems cached per analyzer before the cache is emptied, bounding its memory.
const STEM_CACHE_CAPACITY: usize = 200_000;

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
}

impl TokenKind {
    /// A short name for `krant analyze`.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Part => "part",
            TokenKind::Joined => "joined",
            TokenKind::CompoundPart => "compound part",
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

#[derive(Clone)]
struct Cached {
    stem: String,
    /// Stems of the compound's parts; computed on first index-side use.
    parts: Option<Vec<String>>,
}

/// The Dutch analyzer. Cheap to clone; each clone keeps its own stem cache.
#[derive(Clone, Default)]
pub struct DutchAnalyzer {
    stemmer: DutchStemmer,
    cache: HashMap<String, Cached>,
    folded: String,
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

    /// Feeds every term of `text` to `sink`, in order of position.
    pub fn analyze(&mut self, text: &str, mode: Mode, mut sink: impl FnMut(AnalyzedToken)) {
        self.run(text, mode, &mut sink, None);
    }

    /// Every term of `text`.
    pub fn tokens(&mut self, text: &str, mode: Mode) -> Vec<AnalyzedToken> {
        let mut tokens = Vec::new();
        self.analyze(text, mode, |t| tokens.push(t));
        tokens
    }

    /// The query-side terms of `text`, without positions.
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.analyze(text, Mode::Query, |t| terms.push(t.term));
        terms
    }

    /// What happens to every word of `text`, step by step.
    pub fn explain(&mut self, text: &str, mode: Mode) -> Vec<Explained> {
        let mut explained = Vec::new();
        self.run(text, mode, &mut |_| {}, Some(&mut explained));
        explained
    }

    /// The form a word takes before stemming (cleaned, lower-cased and folded). Prefix
    /// and fuzzy queries match on this.
    pub fn normalize(&self, word: &str) -> String {
        fold(&without_ignorables(word))
    }

    /// The stem of a folded word, as the analyzer computes it (overrides and repairs
    /// included), without stop-word handling.
    pub fn stem_folded(&mut self, folded: &str) -> String {
        self.cached(folded).stem.clone()
    }

    fn run(
        &mut self,
        text: &str,
        mode: Mode,
        sink: &mut dyn FnMut(AnalyzedToken),
        mut trace: Option<&mut Vec<Explained>>,
    ) {
        let mut position = 0;
        for group in word_groups(text) {
            let mut parts: Vec<(usize, usize)> = group.parts.clone();
            // `foto's`, `auto's`: the apostrophe-s is the plural, the word is the base.
            if parts.len() == 2 && is_apostrophe_s(text, parts[0].1, parts[1]) {
                parts.pop();
            }
            if parts.len() == 1 {
                let (start, end) = parts[0];
                self.word(
                    text,
                    start,
                    end,
                    position,
                    TokenKind::Word,
                    mode,
                    sink,
                    &mut trace,
                );
                position += 1;
                continue;
            }
            let (start, end) = (parts[0].0, parts[parts.len() - 1].1);
            let last = position + parts.len() - 1;
            if mode == Mode::Index {
                for (k, &(s, e)) in parts.iter().enumerate() {
                    self.word(
                        text,
                        s,
                        e,
                        position + k,
                        TokenKind::Part,
                        mode,
                        sink,
                        &mut trace,
                    );
                }
            }
            let joined: String = parts
                .iter()
                .map(|&(s, e)| without_ignorables(&text[s..e]).into_owned())
                .collect();
            let at = if mode == Mode::Index { last } else { position };
            self.emit(
                &joined,
                text,
                start,
                end,
                at,
                TokenKind::Joined,
                mode,
                sink,
                &mut trace,
            );
            position += if mode == Mode::Index { parts.len() } else { 1 };
        }
    }

    /// One written word: dropped if a stop word, else emitted.
    #[allow(clippy::too_many_arguments)]
    fn word(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        position: usize,
        kind: TokenKind,
        mode: Mode,
        sink: &mut dyn FnMut(AnalyzedToken),
        trace: &mut Option<&mut Vec<Explained>>,
    ) {
        let surface = without_ignorables(&text[start..end]);
        if is_stop_word(&surface) {
            if let Some(trace) = trace.as_deref_mut() {
                trace.push(Explained {
                    position,
                    text: text[start..end].to_owned(),
                    term: None,
                    kind,
                    steps: vec![format!(
                        "stop word in {} case: dropped (its position stays)",
                        if surface.starts_with(char::is_uppercase) {
                            "Title"
                        } else {
                            "lower"
                        }
                    )],
                });
            }
            return;
        }
        self.emit(
            &surface, text, start, end, position, kind, mode, sink, trace,
        );
    }

    /// Folds, stems and emits a term (and, on the index side, a compound's parts).
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        surface: &str,
        text: &str,
        start: usize,
        end: usize,
        position: usize,
        kind: TokenKind,
        mode: Mode,
        sink: &mut dyn FnMut(AnalyzedToken),
        trace: &mut Option<&mut Vec<Explained>>,
    ) {
        if surface.chars().count() > MAX_WORD_CHARS {
            if let Some(trace) = trace.as_deref_mut() {
                trace.push(Explained {
                    position,
                    text: text[start..end].to_owned(),
                    term: None,
                    kind,
                    steps: vec![format!("longer than {MAX_WORD_CHARS} characters: dropped")],
                });
            }
            return;
        }
        let mut folded = std::mem::take(&mut self.folded);
        folded.clear();
        fold_into(surface, &mut folded);
        let split_compounds = mode == Mode::Index && kind != TokenKind::Joined;
        let entry = self.cached(&folded);
        let stem = entry.stem.clone();
        let parts = if split_compounds {
            self.compound_parts(&folded)
        } else {
            Vec::new()
        };
        if let Some(trace) = trace.as_deref_mut() {
            trace.push(Explained {
                position,
                text: text[start..end].to_owned(),
                term: Some(stem.clone()),
                kind,
                steps: self.steps(surface, &folded, kind),
            });
            for part in &parts {
                trace.push(Explained {
                    position,
                    text: text[start..end].to_owned(),
                    term: Some(part.clone()),
                    kind: TokenKind::CompoundPart,
                    steps: vec![format!(
                        "compound split of '{folded}' with the OpenTaal dictionary"
                    )],
                });
            }
        }
        self.folded = folded;
        sink(AnalyzedToken {
            term: stem,
            position,
            start,
            end,
            kind,
        });
        for part in parts {
            sink(AnalyzedToken {
                term: part,
                position,
                start,
                end,
                kind: TokenKind::CompoundPart,
            });
        }
    }

    fn cached(&mut self, folded: &str) -> &mut Cached {
        if !self.cache.contains_key(folded) {
            if self.cache.len() >= STEM_CACHE_CAPACITY {
                self.cache.clear();
            }
            let (stem, _) = self.stemmer.stem(folded);
            self.cache
                .insert(folded.to_owned(), Cached { stem, parts: None });
        }
        self.cache.get_mut(folded).expect("just inserted")
    }

    /// Stems of a compound's parts that differ from the compound's own stem.
    fn compound_parts(&mut self, folded: &str) -> Vec<String> {
        if let Some(parts) = &self.cached(folded).parts {
            return parts.clone();
        }
        let own = self.cached(folded).stem.clone();
        let mut stems: Vec<String> = Vec::new();
        if let Some(parts) = split_compound(folded) {
            for part in parts {
                let stem = self.stemmer.stem(part).0;
                if stem != own && !stems.contains(&stem) {
                    stems.push(stem);
                }
            }
        }
        self.cached(folded).parts = Some(stems.clone());
        stems
    }

    /// The steps from a written word to its term, in words, for `krant analyze`.
    fn steps(&self, surface: &str, folded: &str, kind: TokenKind) -> Vec<String> {
        let mut steps = Vec::new();
        match kind {
            TokenKind::Joined => steps.push(format!("word group written as one word: {surface}")),
            TokenKind::Part => steps.push("one part of a word group".to_owned()),
            _ => {}
        }
        if surface != folded {
            steps.push(format!("lower-cased and folded: {surface} → {folded}"));
        }
        let (stem, origin) = self.stemmer.stem(folded);
        match origin {
            StemOrigin::Override => {
                let bare = self.stemmer.bare(folded);
                steps.push(format!(
                    "override table: {folded} → {stem} (the stemmer would give '{bare}')"
                ));
            }
            StemOrigin::Stemmer { raw, repair } => {
                if raw != folded {
                    steps.push(format!("Kraaij–Pohlmann stem: {folded} → {raw}"));
                }
                if let Some(repair) = repair {
                    steps.push(format!(
                        "ending repaired -{} → -{}: {raw} → {stem} ({})",
                        repair.from, repair.to, repair.reason
                    ));
                }
            }
        }
        if steps.is_empty() {
            steps.push("unchanged".to_owned());
        }
        steps
    }
}

/// Byte ranges of every word part of `text`, in order (`corona-crisis` gives two).
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    word_groups(text).flat_map(|g| g.parts.into_iter())
}

/// Whether the second part of a two-part group is the `'s` of a plural or genitive.
fn is_apostrophe_s(text: &str, first_end: usize, second: (usize, usize)) -> bool {
    let between = &text[first_end..second.0];
    let s = &text[second.0..second.1];
    !between.contains('-') && (s == "s" || s == "S")
}

/// The analyzer as a tantivy tokenizer (index side).
#[derive(Clone, Default)]
pub struct DutchTokenizer {
    analyzer: DutchAnalyzer,
    tokens: Vec<Token>,
}

/// The token stream handed to tantivy: the tokens of one text, computed up front.
pub struct DutchTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl Tokenizer for DutchTokenizer {
    type TokenStream<'a> = DutchTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> DutchTokenStream<'a> {
        self.tokens.clear();
        let tokens = &mut self.tokens;
        self.analyzer.analyze(text, Mode::Index, |t| {
            tokens.push(Token {
                offset_from: t.start,
                offset_to: t.end,
                position: t.position,
                text: t.term,
                position_length: 1,
            });
        });
        DutchTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl TokenStream for DutchTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The folded word forms of a text as a tantivy tokenizer (see [`FORMS_NAME`]): every
/// part of a word group and the joined form, stop words included.
#[derive(Clone, Default)]
pub struct FormsTokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer for FormsTokenizer {
    type TokenStream<'a> = DutchTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> DutchTokenStream<'a> {
        self.tokens.clear();
        let mut position = 0;
        for group in word_groups(text) {
            let mut joined = String::new();
            for &(start, end) in &group.parts {
                let form = fold(&without_ignorables(&text[start..end]));
                joined.push_str(&form);
                if form.chars().count() <= MAX_WORD_CHARS {
                    self.tokens.push(Token {
                        offset_from: start,
                        offset_to: end,
                        position,
                        text: form,
                        position_length: 1,
                    });
                }
                position += 1;
            }
            if group.parts.len() > 1 && joined.chars().count() <= MAX_WORD_CHARS {
                self.tokens.push(Token {
                    offset_from: group.start(),
                    offset_to: group.end(),
                    position: position - 1,
                    text: joined,
                    position_length: 1,
                });
            }
        }
        DutchTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// Registers the analyzer under [`ANALYZER_NAME`] and the word forms under
/// [`FORMS_NAME`] with an index's tokenizers.
pub fn register(manager: &TokenizerManager) {
    manager.register(ANALYZER_NAME, TextAnalyzer::from(DutchTokenizer::default()));
    manager.register(FORMS_NAME, TextAnalyzer::from(FormsTokenizer::default()));
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
    fn stop_words_drop_but_acronyms_stay() {
        assert_eq!(query_terms("is"), Vec::<String>::new());
        assert_eq!(query_terms("Is"), Vec::<String>::new());
        assert_eq!(query_terms("IS"), ["is"]);
        assert_eq!(
            terms("Het weer is mooi", Mode::Index),
            [(1, "weer".to_owned()), (3, "mooi".to_owned())]
        );
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
        let explained = DutchAnalyzer::new().explain("De gewonden", Mode::Query);
        assert_eq!(explained[0].term, None);
        assert!(explained[0].steps[0].contains("stop word"));
        assert_eq!(explained[1].term.as_deref(), Some("gewond"));
        assert!(
            explained[1]
                .steps
                .iter()
                .any(|s| s.contains("override table"))
        );
    }
}
