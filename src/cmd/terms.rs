//! `krant terms`: which word forms of the archive a search for a word will match.

use std::process::ExitCode;

use anyhow::Result;

use crate::analysis::Mode;
use crate::config::{SummaryFormat, TermsConfig};
use crate::error::failure;
use crate::output::{self, TermsReport};

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
    let report = TermsReport {
        word: &config.word,
        stem: &stem,
        articles: total,
        counted: read,
        forms: &forms,
        compounds: &compounds,
    };
    match config.format {
        SummaryFormat::Json => output::print_terms_json(&mut out, &report)?,
        SummaryFormat::Text => output::print_terms_text(&mut out, &report)?,
    }
    std::io::Write::flush(&mut out)?;
    Ok(super::found(!forms.is_empty() || !compounds.is_empty()))
}
