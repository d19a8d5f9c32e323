//! `krant collocations`: the words near the matches as a table, JSON, CSV or TSV, and the
//! JSON's wire type.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::json::write_line;
use super::numbers::plural;
use super::ranked::{Ranked, RankedJson, json_rows, print_ranked_text};

/// What `krant collocations` found.
#[derive(Debug)]
pub struct CollocationsReport<'a> {
    /// The query as typed.
    pub query: &'a str,
    /// Words on each side.
    pub window: usize,
    /// The matches, the articles they are in, and the words in their windows.
    pub matches: u64,
    /// See `matches`.
    pub articles: u64,
    /// See `matches`.
    pub window_words: u64,
    /// All words of the articles compared with (the archive, or `--in`'s folders).
    pub words: u64,
    /// The collocates, best first.
    pub collocates: &'a [Ranked],
}

/// `krant collocations --format json`: one object.
#[derive(Serialize)]
struct CollocationsJson<'a> {
    /// The query as typed.
    query: &'a str,
    /// Words on each side of a match.
    window: usize,
    /// The query's matches.
    matches: u64,
    /// The articles the matches are in.
    articles: u64,
    /// Words near the matches (in their windows).
    window_words: u64,
    /// All words of the articles compared with (the archive, or `--in`'s folders).
    words: u64,
    /// The collocates, best first.
    collocates: Vec<RankedJson<'a>>,
}

/// `krant collocations --format json`.
pub fn print_collocations_json(
    out: &mut impl Write,
    report: &CollocationsReport<'_>,
) -> io::Result<()> {
    let json = CollocationsJson {
        query: report.query,
        window: report.window,
        matches: report.matches,
        articles: report.articles,
        window_words: report.window_words,
        words: report.words,
        collocates: json_rows(report.collocates),
    };
    write_line(out, &json)
}

/// `krant collocations` as a table, then what was counted.
pub fn print_collocations_text(
    out: &mut impl Write,
    report: &CollocationsReport<'_>,
    style: Style,
) -> io::Result<()> {
    print_ranked_text(out, report.collocates, ("near", "elsewhere"), style)?;
    writeln!(
        out,
        "{} collocates of '{}' within {} words: {} in {} ({} words near them, {} in all)",
        report.collocates.len(),
        report.query,
        report.window,
        plural(report.matches as usize, "match", "matches"),
        plural(report.articles as usize, "article", "articles"),
        report.window_words,
        report.words
    )
}
