//! `keywords` and `collocations`: ranked words with their counts, as a table, JSON, CSV
//! or TSV.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::columns::width as display_width;
use super::export::{csv_field, tsv_field};
use super::timeline::round_share;

/// One ranked word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// Its most frequent surface form in the articles studied.
    #[serde(rename = "word")]
    pub form: String,
    /// The term the analysis makes of it (stems joined).
    pub term: String,
    /// Its count in the articles studied (or near the matches).
    pub count: u64,
    /// Its count in the rest (or in the whole archive, for collocations).
    pub reference: u64,
    /// Dunning's log-likelihood, G².
    pub g2: f64,
}

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

#[derive(Serialize)]
struct RankedJson<'a> {
    word: &'a str,
    term: &'a str,
    count: u64,
    #[serde(rename = "reference_count")]
    reference: u64,
    g2: f64,
}

fn json_rows(ranked: &[Ranked]) -> Vec<RankedJson<'_>> {
    ranked
        .iter()
        .map(|r| RankedJson {
            word: &r.form,
            term: &r.term,
            count: r.count,
            reference: r.reference,
            g2: round_share(r.g2),
        })
        .collect()
}

/// `krant keywords --format json`.
pub fn print_keywords_json(out: &mut impl Write, report: &KeywordsReport<'_>) -> io::Result<()> {
    #[derive(Serialize)]
    struct Json<'a> {
        query: &'a str,
        against: Option<&'a str>,
        articles: u64,
        words: u64,
        reference_articles: u64,
        reference_words: u64,
        keywords: Vec<RankedJson<'a>>,
    }
    let json = Json {
        query: report.query,
        against: report.against,
        articles: report.articles,
        words: report.words,
        reference_articles: report.reference_articles,
        reference_words: report.reference_words,
        keywords: json_rows(report.keywords),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

/// `krant collocations --format json`.
pub fn print_collocations_json(
    out: &mut impl Write,
    report: &CollocationsReport<'_>,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Json<'a> {
        query: &'a str,
        window: usize,
        matches: u64,
        articles: u64,
        window_words: u64,
        words: u64,
        collocates: Vec<RankedJson<'a>>,
    }
    let json = Json {
        query: report.query,
        window: report.window,
        matches: report.matches,
        articles: report.articles,
        window_words: report.window_words,
        words: report.words,
        collocates: json_rows(report.collocates),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

/// The rows as CSV (`tab == false`) or TSV: `word,term,count,reference_count,g2`.
pub fn print_ranked_table(out: &mut impl Write, ranked: &[Ranked], tab: bool) -> io::Result<()> {
    let sep = if tab { "\t" } else { "," };
    let field = |text: &str| -> String {
        if tab {
            tsv_field(text).into_owned()
        } else {
            csv_field(text).into_owned()
        }
    };
    writeln!(out, "word{sep}term{sep}count{sep}reference_count{sep}g2")?;
    for r in ranked {
        writeln!(
            out,
            "{}{sep}{}{sep}{}{sep}{}{sep}{}",
            field(&r.form),
            field(&r.term),
            r.count,
            r.reference,
            round_share(r.g2)
        )?;
    }
    Ok(())
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
    let articles = super::plural(report.articles as usize, "article", "articles");
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
        super::plural(report.reference_articles as usize, "article", "articles"),
        report.reference_words
    )
}

fn against_heading(against: Option<&str>) -> &'static str {
    if against.is_some() { "there" } else { "rest" }
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
        super::plural(report.matches as usize, "match", "matches"),
        super::plural(report.articles as usize, "article", "articles"),
        report.window_words,
        report.words
    )
}

/// The rows aligned: word, count, reference count, G² (one decimal).
fn print_ranked_text(
    out: &mut impl Write,
    ranked: &[Ranked],
    headings: (&str, &str),
    style: Style,
) -> io::Result<()> {
    if ranked.is_empty() {
        return Ok(());
    }
    let width = ranked
        .iter()
        .map(|r| display_width(&r.form))
        .max()
        .unwrap_or(0)
        .max(4);
    let number = |n: String, heading: &str| n.len().max(heading.len());
    let count_w = ranked
        .iter()
        .map(|r| number(r.count.to_string(), headings.0))
        .max()
        .unwrap_or(0);
    let reference_w = ranked
        .iter()
        .map(|r| number(r.reference.to_string(), headings.1))
        .max()
        .unwrap_or(0);
    let pad = |text: &str| " ".repeat(width.saturating_sub(display_width(text)));
    writeln!(
        out,
        "{}{}  {:>count_w$}  {:>reference_w$}  {:>8}",
        style.title("word"),
        pad("word"),
        headings.0,
        headings.1,
        "G²"
    )?;
    for r in ranked {
        writeln!(
            out,
            "{}{}  {:>count_w$}  {:>reference_w$}  {:>8.1}",
            super::escape(&r.form),
            pad(&r.form),
            r.count,
            r.reference,
            r.g2
        )?;
    }
    Ok(())
}
