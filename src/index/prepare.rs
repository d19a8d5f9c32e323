//! Preparing articles for the writer: the Dutch analysis of an article into the encoded
//! tokens of its fields, on the reading threads, so that tantivy's indexing threads receive
//! ready documents.

use std::sync::Arc;

use tantivy::TantivyDocument;

use super::phrase_pairs::{FrequentTerms, PairEncoder};
use super::schema;
use super::token_handover::Encoder;
use super::turn_taking::Turns;
use crate::analysis::{DutchAnalyzer, Mode, TokenKind};
use crate::corpus::Article;

/// Turns articles into index documents. The Dutch analysis runs here, on the threads
/// that read the files, and tantivy receives ready tokens: every word is scanned, folded
/// and looked up once, and the work spreads over all reading threads.
#[derive(Debug, Clone)]
pub struct Preparer {
    pub(super) fields: schema::Fields,
    pub(super) frequent_terms: FrequentTerms,
    pub(super) turns: Arc<Turns>,
}

/// An article ready for the index writer.
pub struct PreparedArticle {
    pub(super) path: String,
    pub(super) doc: TantivyDocument,
    /// Word forms this thread's analyzer had not met before.
    pub(super) forms: Vec<Box<str>>,
    /// The length of the encoded tokens in `doc`.
    pub(super) analyzed_bytes: usize,
}

impl Preparer {
    /// Waits while tantivy indexes the articles handed to it: the two sides run in turns
    /// (see `turn_taking`). Call before preparing each batch of articles.
    pub fn wait_turn(&self) {
        self.turns.wait_for_analysis_turn();
    }

    /// The analyzer [`Preparer::prepare`] needs (one per thread): it marks the frequent
    /// terms.
    pub fn analyzer(&self) -> DutchAnalyzer {
        DutchAnalyzer::new().with_frequent_terms(self.frequent_terms.set())
    }

    /// The document for `article`, whose file has content hash `hash`; `analyzer` comes
    /// from [`Preparer::analyzer`].
    pub fn prepare(
        &self,
        article: &Article,
        hash: u64,
        analyzer: &mut DutchAnalyzer,
    ) -> PreparedArticle {
        let f = self.fields;
        // Terms go to the field's encoded tokens; new forms, from text or title, to the
        // vocabulary; pairs of the text's frequent terms to the pair field.
        let mut forms = Vec::new();
        let mut pairs = PairEncoder::default();
        // The text's words and parts (see `schema::names::WORDS`, `PARTS`); the title line
        // is part of the text, so the title field is not counted.
        let mut counts = WordCounts::default();
        let mut encode = |source: &str, mut pairs: Option<&mut PairEncoder>| {
            let mut encoder = Encoder::default();
            analyzer.analyze(source, Mode::Index, |t| {
                if t.kind == TokenKind::Form {
                    forms.push(t.term.into());
                } else {
                    encoder.push(t.term, t.position);
                    if let Some(pairs) = pairs.as_deref_mut() {
                        pairs.push(t.term, t.position, t.frequent);
                        counts.push(t.term, t.kind);
                    }
                }
            });
            encoder.finish()
        };
        let text = encode(&article.text, Some(&mut pairs));
        let title = encode(&article.title, None);
        let pairs = pairs.finish();
        let parts = counts.parts.finish();
        let analyzed_bytes = text.len() + title.len() + pairs.len() + parts.len();
        let mut doc = TantivyDocument::default();
        doc.add_text(f.path, &article.path);
        doc.add_u64(f.date, article.date.sort_key());
        doc.add_u64(f.hash, hash);
        doc.add_text(f.headline, &article.title);
        doc.add_text(f.text, text);
        doc.add_text(f.title, title);
        doc.add_text(f.pairs, pairs);
        doc.add_u64(f.words, counts.words);
        doc.add_text(f.parts, parts);
        PreparedArticle {
            path: article.path.clone(),
            doc,
            forms,
            analyzed_bytes,
        }
    }
}

/// A text's count of words and its encoded part terms, gathered as it is analyzed.
#[derive(Default)]
struct WordCounts {
    words: u64,
    parts: Encoder,
}

impl WordCounts {
    /// One token of the text: a word's own term counts as a word; a part's term goes to
    /// the parts (without positions: the field keeps frequencies only).
    fn push(&mut self, term: &str, kind: TokenKind) {
        match kind {
            TokenKind::Word | TokenKind::Joined => self.words += 1,
            TokenKind::Part | TokenKind::CompoundPart => self.parts.push(term, 0),
            // An occurrence of the verb, not a written word of its own.
            TokenKind::Separated | TokenKind::Form => {}
        }
    }
}
