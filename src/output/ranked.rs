//! What `keywords` and `collocations` share: ranked words with their counts, as a table
//! for people, rows of CSV or TSV, and the rows' JSON wire type.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::columns::width as display_width;
use super::csv::{csv_field, tsv_field};
use super::escape::escape;
use super::numbers::round_share;

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

/// One ranked word in the JSON of `keywords` and `collocations`.
#[derive(Serialize)]
pub(super) struct RankedJson<'a> {
    /// Its most frequent written form in the articles studied.
    word: &'a str,
    /// The term the analysis makes of it (stems joined).
    term: &'a str,
    /// Its count in the articles studied (or near the matches).
    count: u64,
    /// Its count in the rest (or elsewhere in the archive, for collocations).
    #[serde(rename = "reference_count")]
    reference: u64,
    /// Dunning's log-likelihood, G², to 4 significant digits.
    g2: f64,
}

pub(super) fn json_rows(ranked: &[Ranked]) -> Vec<RankedJson<'_>> {
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

/// The rows aligned: word, count, reference count, G² (one decimal).
pub(super) fn print_ranked_text(
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
            escape(&r.form),
            pad(&r.form),
            r.count,
            r.reference,
            r.g2
        )?;
    }
    Ok(())
}
