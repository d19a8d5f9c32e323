//! krant's analyzed tokens of an archive as JSON lines for tantivy-cli (a tool for the
//! benchmark): how long tantivy takes over the very tokens krant hands it, on its own.
//!
//!     cargo run --release --example analyzed_jsonl -- ARCHIVE > tokens.json
//!
//! Each article becomes `{"title", "body", "date"}` like `bench/to_jsonl.py`'s lines, its
//! text and title replaced by their terms (compound parts included) joined by spaces.

use std::io::Write;

use krant::analysis::{DutchAnalyzer, Mode, TokenKind};

fn terms(analyzer: &mut DutchAnalyzer, text: &str) -> String {
    let mut joined = String::new();
    analyzer.analyze(text, Mode::Index, |token| {
        if token.kind != TokenKind::Form {
            joined.push_str(token.term);
            joined.push(' ');
        }
    });
    joined
}

fn main() {
    let Some(archive) = std::env::args().nth(1) else {
        eprintln!("usage: analyzed_jsonl ARCHIVE");
        std::process::exit(2);
    };
    let mut analyzer = DutchAnalyzer::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let files = walkdir::WalkDir::new(archive)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file());
    for entry in files {
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let Ok(article) = krant::corpus::parse_article("", &bytes) else {
            continue;
        };
        let line = serde_json::json!({
            "title": terms(&mut analyzer, &article.title),
            "body": terms(&mut analyzer, &article.text),
            "date": article.date.to_string(),
        });
        if writeln!(out, "{line}").is_err() {
            return; // stdout closed (a pipe into head)
        }
    }
}
