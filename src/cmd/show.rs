//! `krant show`: print one article, optionally with a query's matches marked.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::{OutputFormat, ShowConfig};
use crate::error::failure;
use crate::output::{self, Style};
use crate::snippet::find_matches;

/// Runs `krant show`.
pub fn run(config: &ShowConfig) -> Result<ExitCode> {
    let mut searcher = super::open_searcher(&config.global)?;
    let path = config.path.trim_start_matches("./");
    let article = searcher.article(path)?.ok_or_else(|| {
        failure(
            format!("no article with path '{}' in the index", config.path),
            "give the path relative to the corpus root, as `krant search` prints it",
        )
    })?;
    let highlights: Vec<(usize, usize)> = match &config.highlight {
        Some(query) => {
            // The same matcher as search's snippets, synonyms included.
            let matcher = searcher.matcher(query.expr.as_ref());
            let analyzer = searcher.analyzer();
            find_matches(&article.text, &matcher, analyzer)
                .into_iter()
                .map(|(s, e, _)| (s, e))
                .collect()
        }
        None => Vec::new(),
    };
    let mut out = super::stdout();
    match config.format {
        OutputFormat::Json => output::print_article_json(&mut out, &article, &highlights)?,
        _ => output::print_article_text(
            &mut out,
            &article,
            &highlights,
            Style::new(config.global.stdout_color),
        )?,
    }
    std::io::Write::flush(&mut out)?;
    super::warn_about_texts(
        &config.global,
        [(article.path.as_str(), &article.text_state)],
    );
    Ok(ExitCode::SUCCESS)
}
