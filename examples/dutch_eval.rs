//! Checks Dutch matching expectations in-process, without an index: a `match` case holds
//! when every query term is among the text's index-side terms, a `nomatch` case when one
//! is missing. Quicker than `tests/krant/dutch.rs` (which goes through the binary and the
//! index) for working on the analyzer; the test is the judge.
//!
//!     cargo run --example dutch_eval -- tests/data/expectations-lexeme.tsv [-v]

use std::collections::HashSet;

use krant::analysis::{DutchAnalyzer, Mode};

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
            let index: HashSet<String> = analyzer
                .tokens(doc, Mode::Index)
                .into_iter()
                .map(|t| t.term)
                .collect();
            let terms = analyzer.terms(query);
            let found = !terms.is_empty() && terms.iter().all(|t| index.contains(t));
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
