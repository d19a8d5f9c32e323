//! `krant terms`: which word forms of the archive a search for a word will match.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::analysis::Mode;
use crate::config::{SummaryFormat, TermsConfig};
use crate::error::failure;

#[derive(Serialize)]
struct TermsJson<'a> {
    word: &'a str,
    stem: &'a str,
    /// Articles matching the stem.
    articles: usize,
    /// Articles read to count the forms (all, unless there are more than 20,000).
    counted: usize,
    forms: Vec<FormJson<'a>>,
    compounds: Vec<FormJson<'a>>,
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

#[derive(Serialize)]
struct FormJson<'a> {
    form: &'a str,
    articles: u64,
}

/// Articles read to count forms; more is slow on big archives and changes little.
const MAX_ARTICLES: usize = 20_000;

/// Runs `krant terms`: exit 0 when the stem occurs, 1 when not.
pub fn run(config: &TermsConfig) -> Result<ExitCode> {
    let mut searcher = super::open_searcher(&config.global)?;
    let tokens = searcher.analyzer().tokens(&config.word, Mode::Query);
    let [token] = tokens.as_slice() else {
        return Err(failure(
            format!("'{}' is not one searchable word", config.word),
            "give a single word that is not a stop word, e.g. krant terms vluchteling",
        ));
    };
    let stem = token.term.clone();
    let (forms, compounds, (read, total)) = searcher.forms_with_stem(&stem, MAX_ARTICLES)?;
    let mut out = super::stdout();
    match config.format {
        SummaryFormat::Json => {
            let json = TermsJson {
                word: &config.word,
                stem: &stem,
                articles: total,
                counted: read,
                forms: list(&forms),
                compounds: list(&compounds),
            };
            serde_json::to_writer(&mut out, &json)?;
            writeln!(out)?;
        }
        SummaryFormat::Text => {
            writeln!(out, "stem '{stem}' of '{}': {total} articles", config.word)?;
            if read < total {
                writeln!(out, "(counts from the {read} best-matching articles)")?;
            }
            for (form, articles) in &forms {
                writeln!(out, "  {form:<30} {articles:>6} articles")?;
            }
            if forms.is_empty() {
                writeln!(out, "  (no word form in the index)")?;
            }
            if !compounds.is_empty() {
                writeln!(out, "as part of compounds:")?;
                for (form, articles) in &compounds {
                    writeln!(out, "  {form:<30} {articles:>6} articles")?;
                }
            }
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(super::found(!forms.is_empty() || !compounds.is_empty()))
}
