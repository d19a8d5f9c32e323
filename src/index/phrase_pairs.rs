//! Pair terms: one docs-only term for each two adjacent frequent terms of an article.
//!
//! A phrase checks word positions in every article that holds all its words. For two
//! frequent words that is most of the work: `"jaar geleden"` found both words in 21,499
//! of 100,000 articles and the phrase in 80 (BENCHMARKS.md). With pair terms the phrase
//! is checked only where the pair occurs, as Lucene's common grams do, but as a filter
//! beside the phrase rather than in its place, so scores do not change.
//!
//! Which terms are frequent is decided once per index, when it is built from scratch,
//! from a sample of its articles ([`FrequentTermCounter`]), and recorded in every commit
//! with the articles it applies to: a pair term exists only for terms in that set, so a
//! search must use the set its articles were indexed with.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::token_handover::Encoder;

/// A pair term is the pair's bucket among 2¹⁴, so its articles are a superset of the
/// pair's, which a filter can afford: the phrase is checked in each. Unhashed, the
/// 100,000-article archive had a distinct term for most pairs, which cost more writer
/// memory, term dictionary and build time. 2¹⁶ buckets cost the build more than 2¹⁴ (the
/// writer's term table for them no longer stays in the processor's cache) and sped a
/// phrase up by ~5% only (BENCHMARKS.md). Changing the buckets or the hash changes every
/// pair term: bump the schema version.
const BUCKET_BITS: u32 = 14;

/// Articles read to choose the frequent terms (spread over the archive).
pub const SAMPLE_ARTICLES: usize = 500;

/// A term is frequent when at least this share of the sampled articles holds it…
const MIN_SHARE: f64 = 0.10;

/// …and at least this many of them, so that a handful of articles chooses nothing.
const MIN_ARTICLES: usize = 20;

/// At most this many frequent terms (the most frequent first): bounds the pair terms of
/// an archive where many words recur in every article, such as a standard disclaimer.
const MAX_TERMS: usize = 1_000;

/// The frequent terms of one index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrequentTerms {
    terms: Arc<FxHashSet<Box<str>>>,
}

impl FrequentTerms {
    /// From a list, as recorded in a commit.
    pub fn from_list(terms: &[String]) -> FrequentTerms {
        FrequentTerms {
            terms: Arc::new(terms.iter().map(|t| t.as_str().into()).collect()),
        }
    }

    /// Sorted, for recording in a commit.
    pub fn to_list(&self) -> Vec<String> {
        let mut list: Vec<String> = self.terms.iter().map(|t| t.to_string()).collect();
        list.sort_unstable();
        list
    }

    /// The set, for [`crate::analysis::DutchAnalyzer::with_frequent_terms`].
    pub fn set(&self) -> Arc<FxHashSet<Box<str>>> {
        Arc::clone(&self.terms)
    }

    /// Whether `term` is one of them (the analyzer and the searcher hold their own copies).
    #[cfg(test)]
    fn contains(&self, term: &str) -> bool {
        self.terms.contains(term)
    }

    /// Whether there are none (an archive too small to tell).
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The pair term of `first` followed by `second`.
pub fn pair_term(first: &str, second: &str) -> String {
    let mut term = String::new();
    push_bucket(&mut term, term_hash(first), term_hash(second));
    term
}

/// A term's hash: xxh3, not the process's hasher, as the buckets are written to disk and
/// must not change with a crate update.
fn term_hash(term: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(term.as_bytes())
}

/// Appends the bucket of the pair of terms with hashes `first` and `second`, as four hex
/// digits.
fn push_bucket(out: &mut String, first: u64, second: u64) {
    // Rotated, so that a pair and its reverse differ; the multiplication mixes the two
    // into the high bits kept.
    let mixed = (first.rotate_left(17) ^ second).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let bucket = mixed >> (64 - BUCKET_BITS);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for shift in [12, 8, 4, 0] {
        out.push(char::from(HEX[(bucket >> shift) as usize & 15]));
    }
}

/// Counts, over sampled articles, how many hold each term.
#[derive(Debug, Default)]
pub struct FrequentTermCounter {
    articles: usize,
    /// Articles holding the term, and the last one counted (numbered from 1).
    holding: FxHashMap<Box<str>, (usize, usize)>,
}

impl FrequentTermCounter {
    /// Starts counting the next article.
    pub fn next_article(&mut self) {
        self.articles += 1;
    }

    /// Counts a term of the current article; repeats count once.
    pub fn term(&mut self, term: &str) {
        let article = self.articles;
        match self.holding.get_mut(term) {
            Some((_, last)) if *last == article => {}
            Some((count, last)) => {
                *count += 1;
                *last = article;
            }
            None => {
                self.holding.insert(term.into(), (1, article));
            }
        }
    }

    /// Adds another counter's articles.
    pub fn merge(&mut self, other: FrequentTermCounter) {
        self.articles += other.articles;
        for (term, (count, _)) in other.holding {
            self.holding.entry(term).or_default().0 += count;
        }
    }

    /// The terms held by at least [`MIN_SHARE`] and [`MIN_ARTICLES`] of the articles.
    pub fn finish(self) -> FrequentTerms {
        let needed = MIN_ARTICLES.max((self.articles as f64 * MIN_SHARE).ceil() as usize);
        let mut frequent: Vec<(Box<str>, usize)> = self
            .holding
            .into_iter()
            .filter_map(|(term, (count, _))| (count >= needed).then_some((term, count)))
            .collect();
        // Most frequent first; ties by term, so the same sample always gives the same set.
        frequent.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        frequent.truncate(MAX_TERMS);
        FrequentTerms {
            terms: Arc::new(frequent.into_iter().map(|(term, _)| term).collect()),
        }
    }
}

/// Builds the pair field of one article from its tokens, given in order of position
/// (several may share one).
#[derive(Debug, Default)]
pub struct PairEncoder {
    encoder: Encoder,
    /// The hashes of the frequent terms at `position`, and at the position before it.
    here: Vec<u64>,
    before: Vec<u64>,
    position: Option<usize>,
    pair: String,
}

impl PairEncoder {
    /// Takes the next token; `frequent` says whether its term is a frequent one.
    pub fn push(&mut self, term: &str, position: usize, frequent: bool) {
        if self.position != Some(position) {
            std::mem::swap(&mut self.here, &mut self.before);
            self.here.clear();
            // A gap (a dropped stop word) pairs nothing across it.
            if self.position.is_none_or(|p| p + 1 != position) {
                self.before.clear();
            }
            self.position = Some(position);
        }
        if !frequent {
            return;
        }
        let hash = term_hash(term);
        for &first in &self.before {
            self.pair.clear();
            push_bucket(&mut self.pair, first, hash);
            // Positions mean nothing in a docs-only field: every pair shares position 0.
            self.encoder.push(&self.pair, 0);
        }
        self.here.push(hash);
    }

    /// The encoded field.
    pub fn finish(self) -> String {
        self.encoder.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::fixture::index_of;
    use crate::index::token_handover::EncodedTokenizer;
    use crate::index::{IndexState, KrantIndex, Writer, WriterOptions};
    use tantivy::tokenizer::{TokenStream, Tokenizer};

    fn decoded(encoded: &str) -> Vec<String> {
        let mut tokenizer = EncodedTokenizer::default();
        let mut stream = tokenizer.token_stream(encoded);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(token.text.clone());
        }
        terms
    }

    #[test]
    fn pairs_join_frequent_terms_at_adjacent_positions_only() {
        let mut pairs = PairEncoder::default();
        // "jaar geleden" at 0–1; a rare word at 2; "jaar" at 3 and, after a gap, "geleden"
        // at 5; at 6 two terms share the position (a word group's part and joined form).
        for (term, position, frequent) in [
            ("jaar", 0, true),
            ("geleden", 1, true),
            ("ijsvogel", 2, false),
            ("jaar", 3, true),
            ("geleden", 5, true),
            ("corona", 6, true),
            ("coronacrisis", 6, true),
            ("mens", 7, true),
            ("zeldzaam", 8, false),
        ] {
            pairs.push(term, position, frequent);
        }
        let expected: Vec<String> = [
            ("jaar", "geleden"),
            ("geleden", "corona"),
            ("geleden", "coronacrisis"),
            ("corona", "mens"),
            ("coronacrisis", "mens"),
        ]
        .iter()
        .map(|(first, second)| pair_term(first, second))
        .collect();
        assert_eq!(decoded(&pairs.finish()), expected);
    }

    #[test]
    fn pair_terms_are_ordered_buckets_that_stay_the_same() {
        // Written to disk: a change here must come with a schema version bump. The value is
        // from Python's `xxhash` package (bench/phrase_pairs.py, `pair_term`).
        assert_eq!(pair_term("jaar", "leed"), "3dcd");
        assert_eq!(pair_term("leed", "jaar"), "0db5");
        assert_ne!(pair_term("jaar", "leed"), pair_term("leed", "jaar"));
        assert_eq!(pair_term("a", "b").len(), 4);
    }

    #[test]
    fn frequent_terms_are_those_in_enough_sampled_articles() {
        let mut counter = FrequentTermCounter::default();
        for i in 0..100 {
            // "jaar" in every article (twice), "mens" in 30, "zeldzaam" in 5,
            // "soms" in 9 (under a tenth).
            let mut terms = vec!["jaar", "jaar"];
            if i % 10 < 3 {
                terms.push("mens");
            }
            if i % 20 == 0 {
                terms.push("zeldzaam");
            }
            if i % 11 == 0 && i > 0 {
                terms.push("soms");
            }
            counter.next_article();
            terms.iter().for_each(|t| counter.term(t));
        }
        let frequent = counter.finish();
        assert_eq!(frequent.to_list(), ["jaar", "mens"]);
        assert!(frequent.contains("mens") && !frequent.contains("soms"));
    }

    #[test]
    fn a_small_sample_chooses_nothing() {
        let mut counter = FrequentTermCounter::default();
        for _ in 0..MIN_ARTICLES - 1 {
            counter.next_article();
            counter.term("jaar");
        }
        assert!(counter.finish().is_empty());
    }

    #[test]
    fn merged_counters_count_as_one() {
        let mut one = FrequentTermCounter::default();
        let mut other = FrequentTermCounter::default();
        for i in 0..60 {
            let counter = if i % 2 == 0 { &mut one } else { &mut other };
            counter.next_article();
            counter.term(if i < 25 { "jaar" } else { "anders" });
        }
        one.merge(other);
        // 25 of 60 articles hold "jaar", 35 "anders"; neither counter alone has 20 of "jaar"'s.
        assert_eq!(one.finish().to_list(), ["anders", "jaar"]);
    }

    #[test]
    fn a_writer_keeps_the_frequent_terms_its_articles_were_paired_with() {
        let options = WriterOptions {
            threads: 1,
            memory_bytes: 15_000_000,
            rebuild: false,
            turn_bytes: None,
        };
        let (dir, _) = index_of(&["Jaar geleden.".to_owned()], "jaar geleden");
        let index_dir = dir.path().join("index");
        let mut writer = Writer::open(&index_dir, &options).unwrap();
        assert!(!writer.chooses_frequent_terms());
        // Refused: the indexed article was paired with the recorded terms.
        writer.set_frequent_terms(FrequentTerms::from_list(&["mens".to_owned()]));
        let state = |articles| IndexState {
            corpus_root: dir.path().join("corpus"),
            indexed_at: 0,
            articles,
            frequent_terms: Vec::new(),
        };
        writer.commit(state(1)).unwrap();
        drop(writer);
        let recorded = |dir: &std::path::Path| {
            KrantIndex::open(dir)
                .unwrap()
                .state()
                .unwrap()
                .unwrap()
                .frequent_terms
        };
        assert_eq!(recorded(&index_dir), ["geleden", "jaar"]);
        // An index left without articles chooses again.
        let mut writer = Writer::open(&index_dir, &options).unwrap();
        writer.remove("0.txt");
        writer.commit(state(0)).unwrap();
        drop(writer);
        let mut writer = Writer::open(&index_dir, &options).unwrap();
        assert!(writer.chooses_frequent_terms());
        writer.set_frequent_terms(FrequentTerms::from_list(&["mens".to_owned()]));
        writer.commit(state(0)).unwrap();
        drop(writer);
        assert_eq!(recorded(&index_dir), ["mens"]);
        // So does a rebuild.
        let rebuild = WriterOptions {
            rebuild: true,
            ..options
        };
        assert!(
            Writer::open(&index_dir, &rebuild)
                .unwrap()
                .chooses_frequent_terms()
        );
    }
}
