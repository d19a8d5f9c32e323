//! `krant kwic`: every occurrence of a query in context.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::{KwicConfig, OutputFormat};
use crate::kwic::concordance;
use crate::output::{self, Style};

/// Runs `krant kwic`: exit 0 when anything matched, 1 when not.
pub fn run(config: &KwicConfig) -> Result<ExitCode> {
    let mut searcher = super::open_searcher(&config.global)?;
    let query = &config.query;
    let articles = searcher.articles(query.expr.as_ref(), &config.range, &query.text)?;
    // The same matcher as search's snippets, synonyms included.
    let matcher = searcher.matcher(query.expr.as_ref());
    let analyzer = searcher.analyzer();
    let lines = concordance(&articles, &matcher, analyzer, config.width, config.sort);
    let total = lines.len();
    let shown = &lines[..total.min(config.limit)];
    let mut out = super::stdout();
    match config.format {
        OutputFormat::Tsv => output::print_kwic_tsv(&mut out, shown)?,
        OutputFormat::Json => output::print_kwic_json(&mut out, &query.text, shown, total)?,
        _ => output::print_kwic_text(
            &mut out,
            shown,
            total,
            config.width,
            Style::new(config.global.stdout_color),
        )?,
    }
    std::io::Write::flush(&mut out)?;
    super::warn_about_texts(
        &config.global,
        articles.iter().map(|a| (a.path.as_str(), &a.text_state)),
    );
    Ok(super::found(total > 0))
}
