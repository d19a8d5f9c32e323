//! `krant keywords`: the over-represented words as a table, JSON or CSV, and the JSON's
//! wire type.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::json::write_line;
use super::numbers::plural;
use super::ranked::{Ranked, RankedJson, json_rows, print_ranked_table, print_ranked_text};

/// What `krant keywords` found.
#[derive(Debug)]
pub struct KeywordsReport<'a> {
    /// The query as typed.
    pub query: &'a str,
    /// `--against`, as typed.
    pub against: Option<&'a str>,
    /// Matching articles, and their words.
    pub articles: u64,
    /// See `articles`.
    pub words: u64,
    /// The articles compared with, and their words.
    pub reference_articles: u64,
    /// See `reference_articles`.
    pub reference_words: u64,
    /// The keywords, best first.
    pub keywords: &'a [Ranked],
}

/// `krant keywords --format json`: one object.
#[derive(Serialize)]
struct KeywordsJson<'a> {
    /// The query as typed (`""` for every article).
    query: &'a str,
    /// `--against`, as typed; `null` when compared with the rest of the archive.
    against: Option<&'a str>,
    /// Matching articles.
    articles: u64,
    /// Words of the matching articles.
    words: u64,
    /// The articles compared with.
    reference_articles: u64,
    /// Words of the articles compared with.
    reference_words: u64,
    /// The keywords, best first.
    keywords: Vec<RankedJson<'a>>,
}

/// `krant keywords --format json`.
pub fn print_keywords_json(out: &mut impl Write, report: &KeywordsReport<'_>) -> io::Result<()> {
    let json = KeywordsJson {
        query: report.query,
        against: report.against,
        articles: report.articles,
        words: report.words,
        reference_articles: report.reference_articles,
        reference_words: report.reference_words,
        keywords: json_rows(report.keywords),
    };
    write_line(out, &json)
}

/// `krant keywords --format csv`.
pub fn print_keywords_csv(out: &mut impl Write, report: &KeywordsReport<'_>) -> io::Result<()> {
    print_ranked_table(out, report.keywords, false)
}

/// `krant keywords` as a table, then what was compared.
pub fn print_keywords_text(
    out: &mut impl Write,
    report: &KeywordsReport<'_>,
    style: Style,
) -> io::Result<()> {
    let against = match report.against {
        Some(q) => format!("'{}'", q),
        None => "the rest".to_owned(),
    };
    print_ranked_text(
        out,
        report.keywords,
        ("here", against_heading(report.against)),
        style,
    )?;
    let articles = plural(report.articles as usize, "article", "articles");
    let query = if report.query.is_empty() {
        String::new()
    } else {
        format!(" matching '{}'", report.query)
    };
    writeln!(
        out,
        "{} keywords of {articles}{query} ({} words) against {against} ({}, {} words)",
        report.keywords.len(),
        report.words,
        plural(report.reference_articles as usize, "article", "articles"),
        report.reference_words
    )
}

fn against_heading(against: Option<&str>) -> &'static str {
    if against.is_some() { "there" } else { "rest" }
}
