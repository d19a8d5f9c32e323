//! The Dutch analyzer: one pipeline, used for both indexing and queries, that turns text
//! into search terms (split into words → lower-case → fold diacritics → Dutch stem).
//!
//! All language decisions live in this module. The rest of krant sees [`AnalyzedToken`]s,
//! and tantivy sees the [`DutchTokenizer`] adapter registered under [`ANALYZER_NAME`].

mod fold;

use std::collections::HashMap;

pub use fold::{fold, fold_into};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};

/// The name the analyzer is registered under in the index schema.
pub const ANALYZER_NAME: &str = "krant_dutch";

/// The name of the word-form tokenizer: the same words, folded but not stemmed, for
/// prefix and fuzzy matching (a stem of a partial word means nothing, and Kraaij–Pohlmann
/// stems are not prefixes of their words: `vluchtelingen` → `vluchteel`).
pub const FORMS_NAME: &str = "krant_forms";

/// Bumped whenever the terms produced for some text change: an index built with another
/// version would silently miss or mismatch terms, so it must be rebuilt.
pub const ANALYZER_VERSION: u32 = 1;

/// Words longer than this (in characters) are dropped: they are garbage such as encoded
/// data or URLs run together, and would only bloat the term dictionary.
pub const MAX_WORD_CHARS: usize = 64;

/// Stems cached per analyzer before the cache is emptied, bounding its memory.
const STEM_CACHE_CAPACITY: usize = 200_000;

/// One search term produced from the text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The term as it is indexed.
    pub term: String,
    /// The word's position among the words of the text (counting dropped words too,
    /// so that phrases cannot match across a gap).
    pub position: usize,
    /// Byte offset of the word's first character in the text.
    pub start: usize,
    /// Byte offset just past the word's last character.
    pub end: usize,
}

/// The Dutch analyzer. Cheap to clone; each clone keeps its own stem cache.
#[derive(Clone)]
pub struct DutchAnalyzer {
    stemmer: frostem::Stemmer,
    stem_cache: HashMap<String, String>,
    folded: String,
}

impl Default for DutchAnalyzer {
    fn default() -> Self {
        DutchAnalyzer::new()
    }
}

impl std::fmt::Debug for DutchAnalyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DutchAnalyzer").finish_non_exhaustive()
    }
}

impl DutchAnalyzer {
    /// A fresh analyzer with an empty stem cache.
    pub fn new() -> DutchAnalyzer {
        DutchAnalyzer {
            stemmer: frostem::Stemmer::new(frostem::Algorithm::Dutch),
            stem_cache: HashMap::new(),
            folded: String::new(),
        }
    }

    /// Feeds every term of `text` to `sink`, in order.
    pub fn analyze(&mut self, text: &str, mut sink: impl FnMut(AnalyzedToken)) {
        for (position, (start, end)) in word_spans(text).enumerate() {
            let word = &text[start..end];
            if word.chars().count() > MAX_WORD_CHARS {
                continue;
            }
            let term = self.stem_word(word);
            sink(AnalyzedToken {
                term,
                position,
                start,
                end,
            });
        }
    }

    /// Every term of `text`, in order.
    pub fn tokens(&mut self, text: &str) -> Vec<AnalyzedToken> {
        let mut tokens = Vec::new();
        self.analyze(text, |t| tokens.push(t));
        tokens
    }

    /// The terms of `text`, without positions.
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.analyze(text, |t| terms.push(t.term));
        terms
    }

    /// The form a word takes before stemming (lower-cased and folded). Prefix and fuzzy
    /// queries match on this, since a stem of a partial word means nothing.
    pub fn normalize(&self, word: &str) -> String {
        fold(word)
    }

    fn stem_word(&mut self, word: &str) -> String {
        self.folded.clear();
        fold_into(word, &mut self.folded);
        if let Some(stem) = self.stem_cache.get(&self.folded) {
            return stem.clone();
        }
        let stem = self.stemmer.stem(&self.folded).into_owned();
        if self.stem_cache.len() >= STEM_CACHE_CAPACITY {
            self.stem_cache.clear();
        }
        self.stem_cache.insert(self.folded.clone(), stem.clone());
        stem
    }
}

/// Byte ranges of the words of `text`: maximal runs of letters and digits. Combining
/// marks count as part of a word, so decomposed `e` + `¨` does not split it.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
                chars.next();
            } else {
                end = i;
                break;
            }
        }
        Some((start, end))
    })
}

/// The analyzer as a tantivy tokenizer.
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
        self.analyzer.analyze(text, |t| {
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

/// The folded word forms of a text as a tantivy tokenizer (see [`FORMS_NAME`]).
#[derive(Clone, Default)]
pub struct FormsTokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer for FormsTokenizer {
    type TokenStream<'a> = DutchTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> DutchTokenStream<'a> {
        self.tokens.clear();
        for (position, (start, end)) in word_spans(text).enumerate() {
            let word = &text[start..end];
            if word.chars().count() > MAX_WORD_CHARS {
                continue;
            }
            self.tokens.push(Token {
                offset_from: start,
                offset_to: end,
                position,
                text: fold(word),
                position_length: 1,
            });
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

    fn terms(text: &str) -> Vec<String> {
        DutchAnalyzer::new().terms(text)
    }

    fn same_term(a: &str, b: &str) -> bool {
        let mut analyzer = DutchAnalyzer::new();
        analyzer.terms(a) == analyzer.terms(b)
    }

    #[test]
    fn splits_on_non_alphanumerics_with_positions_and_offsets() {
        let tokens = DutchAnalyzer::new().tokens("IS-strijders, 30.000 man");
        let summary: Vec<_> = tokens
            .iter()
            .map(|t| (t.position, t.start, t.end))
            .collect();
        assert_eq!(
            summary,
            [(0, 0, 2), (1, 3, 12), (2, 14, 16), (3, 17, 20), (4, 21, 24)]
        );
    }

    #[test]
    fn stems_dutch_plurals_to_their_singular() {
        assert!(same_term("vluchteling", "vluchtelingen"));
        assert!(same_term("kalifaat", "kalifaten"));
        assert!(same_term("strijder", "strijders"));
        assert!(same_term("jihadist", "jihadisten"));
        assert!(!same_term("vluchteling", "kalifaat"));
    }

    #[test]
    fn folds_diacritics_before_stemming() {
        assert!(same_term("België", "belgie"));
        assert!(same_term("Oekraïne", "Oekraine"));
        assert!(same_term("SYRIË", "syrie"));
    }

    #[test]
    fn case_does_not_matter() {
        assert_eq!(
            terms("Kalifaat KALIFAAT kalifaat"),
            terms("kalifaat kalifaat kalifaat")
        );
    }

    #[test]
    fn overlong_words_are_dropped_but_keep_their_position() {
        let long = "x".repeat(MAX_WORD_CHARS + 1);
        let tokens = DutchAnalyzer::new().tokens(&format!("een {long} twee"));
        let positions: Vec<_> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 2]);
    }

    #[test]
    fn tantivy_adapter_yields_the_same_tokens() {
        let mut tokenizer = DutchTokenizer::default();
        let mut stream = tokenizer.token_stream("De vluchtelingen in België");
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((token.position, token.text.clone()));
        }
        let expected: Vec<_> = DutchAnalyzer::new()
            .tokens("De vluchtelingen in België")
            .into_iter()
            .map(|t| (t.position, t.term))
            .collect();
        assert_eq!(seen, expected);
        assert_eq!(seen.len(), 4);
    }

    #[test]
    fn word_spans_keep_combining_marks_inside_words() {
        let text = "Belgie\u{0308} en";
        let spans: Vec<_> = word_spans(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["Belgie\u{0308}", "en"]);
    }
}
