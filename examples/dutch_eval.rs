//! Checks Dutch matching expectations in-process, without an index: a `match` case holds
//! when every term of one of the query's readings is among the text's index-side terms
//! (word forms aside: they go to the vocabulary), a `nomatch` case when none is. Quicker than `tests/krant/dutch.rs` (which goes through the binary and the
//! index) for working on the analyzer; the test is the judge.
//!
//!     cargo run --example dutch_eval -- tests/data/expectations-lexeme.tsv [-v]

use std::collections::HashSet;

use krant::analysis::{DutchAnalyzer, Mode, TokenKind};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let mut analyzer = DutchAnalyzer::new();
    let (mut total, mut failed) = (0, 0);
    for path in args.iter().filter(|a| !a.starts_with('-')) {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for (n, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, query, doc] = fields[..] else {
                continue;
            };
            if kind != "match" && kind != "nomatch" {
                continue;
            }
            total += 1;
            let query = query.trim_matches('"');
            // The word forms go to the index's vocabulary, not its terms; a fresh analyzer
            // for each text, which emits them the first time it meets a word.
            let index: HashSet<String> = DutchAnalyzer::new()
                .tokens(doc, Mode::Index)
                .into_iter()
                .filter(|t| t.kind != TokenKind::Form)
                .map(|t| t.term)
                .collect();
            // A search tries each reading of the query (`Klaver`: the word and the name).
            let variants: Vec<Vec<String>> = analyzer
                .query_variants(query)
                .into_iter()
                .map(|v| v.into_iter().map(|t| t.term).collect())
                .collect();
            let found = variants
                .iter()
                .any(|terms| !terms.is_empty() && terms.iter().all(|t| index.contains(t)));
            let terms = &variants;
            if found != (kind == "match") {
                failed += 1;
                println!("{path}:{}: {kind} {query:?} {doc:?}", n + 1);
                if verbose {
                    let mut index: Vec<&String> = index.iter().collect();
                    index.sort();
                    println!("    query {terms:?}\n    text  {index:?}");
                }
            }
        }
    }
    println!("{} of {total} hold ({failed} fail)", total - failed);
}
