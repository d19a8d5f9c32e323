//! `krant terms`: the word forms of the archive that share a word's stem, for people or
//! as one JSON object, and the JSON's wire types.

use std::io::{self, Write};

use serde::Serialize;

use super::json::write_line;

/// What `krant terms` found.
#[derive(Debug)]
pub struct TermsReport<'a> {
    /// The word as typed.
    pub word: &'a str,
    /// The term the analysis makes of it.
    pub stem: &'a str,
    /// Articles matching the stem.
    pub articles: usize,
    /// Articles read to count the forms.
    pub counted: usize,
    /// The written forms of the stem, with the articles each occurs in.
    pub forms: &'a [(String, u64)],
    /// Compounds that hold the stem as a part, with their articles.
    pub compounds: &'a [(String, u64)],
}

/// `krant terms --format json`: one object.
#[derive(Serialize)]
struct TermsJson<'a> {
    /// The word as typed.
    word: &'a str,
    /// The term the analysis makes of it.
    stem: &'a str,
    /// Articles matching the stem.
    articles: usize,
    /// Articles read to count the forms (all, unless there are more than 20,000).
    counted: usize,
    /// The written forms of the stem, most frequent first.
    forms: Vec<FormJson<'a>>,
    /// Compounds that hold the stem as a part.
    compounds: Vec<FormJson<'a>>,
}

/// One written form in [`TermsJson`].
#[derive(Serialize)]
struct FormJson<'a> {
    /// The form as it occurs in the articles.
    form: &'a str,
    /// Articles it occurs in, among those counted.
    articles: u64,
}

fn list(forms: &[(String, u64)]) -> Vec<FormJson<'_>> {
    forms
        .iter()
        .map(|(form, articles)| FormJson {
            form,
            articles: *articles,
        })
        .collect()
}

/// The forms as one JSON object.
pub fn print_terms_json(out: &mut impl Write, report: &TermsReport<'_>) -> io::Result<()> {
    let json = TermsJson {
        word: report.word,
        stem: report.stem,
        articles: report.articles,
        counted: report.counted,
        forms: list(report.forms),
        compounds: list(report.compounds),
    };
    write_line(out, &json)
}

/// The stem and its article count, then each form and each compound on a line.
pub fn print_terms_text(out: &mut impl Write, report: &TermsReport<'_>) -> io::Result<()> {
    let TermsReport {
        word,
        stem,
        articles: total,
        counted: read,
        forms,
        compounds,
    } = report;
    writeln!(out, "stem '{stem}' of '{word}': {total} articles")?;
    if read < total {
        writeln!(out, "(counts from the {read} best-matching articles)")?;
    }
    for (form, articles) in forms.iter() {
        writeln!(out, "  {form:<30} {articles:>6} articles")?;
    }
    if forms.is_empty() {
        writeln!(out, "  (no word form in the index)")?;
    }
    if !compounds.is_empty() {
        writeln!(out, "as part of compounds:")?;
        for (form, articles) in compounds.iter() {
            writeln!(out, "  {form:<30} {articles:>6} articles")?;
        }
    }
    Ok(())
}
