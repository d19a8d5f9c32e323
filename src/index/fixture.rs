//! Indexes of a few articles, written by the real writer, for the index's unit tests.

use super::{FrequentTerms, IndexState, KrantIndex, Writer, WriterOptions};
use crate::analysis::DutchAnalyzer;
use crate::corpus::parse_article;

/// An index of `texts` (one article each) whose frequent terms are those of `frequent`.
pub(super) fn index_of(texts: &[String], frequent: &str) -> (tempfile::TempDir, KrantIndex) {
    let options = WriterOptions {
        threads: 1,
        memory_bytes: 15_000_000,
        rebuild: false,
        turn_bytes: None,
    };
    index_with(texts, frequent, &options)
}

/// [`index_of`], written with `options`.
pub(super) fn index_with(
    texts: &[String],
    frequent: &str,
    options: &WriterOptions,
) -> (tempfile::TempDir, KrantIndex) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let mut writer = Writer::open(&dir.path().join("index"), options).unwrap();
    assert!(writer.chooses_frequent_terms());
    writer.set_frequent_terms(FrequentTerms::from_list(
        &DutchAnalyzer::new().terms(frequent),
    ));
    let preparer = writer.preparer();
    let mut analyzer = preparer.analyzer();
    for (i, text) in texts.iter().enumerate() {
        let path = format!("{i}.txt");
        let bytes = format!("date 2017-05 {text}");
        std::fs::write(corpus.join(&path), &bytes).unwrap();
        let article = parse_article(&path, bytes.as_bytes()).unwrap();
        preparer.wait_turn();
        let prepared = preparer.prepare(&article, i as u64, &mut analyzer);
        writer.add(prepared, false).unwrap();
        if options.turn_bytes.is_some() {
            // The turn ended because tantivy dropped every document handed to it,
            // not because the wait gave up.
            assert_eq!(writer.documents_in_flight(), 0, "article {i}");
        }
    }
    writer
        .commit(IndexState {
            corpus_root: corpus,
            indexed_at: 0,
            articles: texts.len() as u64,
            frequent_terms: Vec::new(),
        })
        .unwrap();
    writer.finish().unwrap();
    let index = KrantIndex::open(&dir.path().join("index")).unwrap();
    (dir, index)
}
