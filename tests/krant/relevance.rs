//! The relevance suite: a small Dutch archive (tests/relevance/archive) and queries with
//! the exact set of articles each must return (tests/relevance/queries.tsv). Every query
//! must pass. `scripts/relevance.sh BINARY` runs the same suite against any krant build.

use crate::common;

use std::path::Path;

use common::Workspace;

#[test]
fn every_query_returns_exactly_the_expected_articles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance");
    let ws = Workspace::new();
    for entry in std::fs::read_dir(root.join("archive")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            ws.corpus_path(&entry.file_name().to_string_lossy()),
        )
        .unwrap();
    }
    ws.index();
    let queries = std::fs::read_to_string(root.join("queries.tsv")).unwrap();
    let mut count = 0;
    let mut misses = Vec::new();
    for line in queries
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (query, expected) = line.split_once('\t').expect("QUERY<TAB>EXPECTED");
        let expected: Vec<String> = expected
            .split_whitespace()
            .filter(|e| *e != "-")
            .map(|e| format!("{e}.txt"))
            .collect();
        let got = ws.matches(&[query]);
        count += 1;
        if got != expected {
            misses.push(format!("{query}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(count >= 40, "{count} queries");
    assert!(
        misses.is_empty(),
        "{} of {count} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}
