//! `krant show`: print one article, optionally with a query's matches marked.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::{ShowConfig, SummaryFormat};
use crate::corpus::{Locator, path_bytes};
use crate::error::failure;
use crate::output::{self, Style};
use crate::snippet::find_matches;

/// Runs `krant show`.
pub fn run(config: &ShowConfig) -> Result<ExitCode> {
    let mut searcher = super::open_searcher(&config.global)?;
    // The path as the shell gives it (from here, or absolute), else relative to the
    // corpus root, as `krant search` prints it.
    let locator = Locator::new(searcher.corpus_root());
    let from_here = locator.identity_of(&typed_path(&config.path));
    let as_identity = config.path.trim_start_matches("./").to_owned();
    let mut article = None;
    for identity in from_here.into_iter().chain([as_identity]) {
        article = searcher.article(&identity)?;
        if article.is_some() {
            break;
        }
    }
    let article = article.ok_or_else(|| {
        failure(
            format!(
                "no article with path '{}' in the index",
                crate::corpus::shown_path(&config.path)
            ),
            "give the file's path (from here or absolute), or its path relative to the \
             corpus root as `krant search` prints it",
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
        SummaryFormat::Json => output::print_article_json(&mut out, &article, &highlights)?,
        SummaryFormat::Text => output::print_article_text(
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

/// A typed path's identity back as a path (`\xHH` spellings as their bytes).
fn typed_path(identity: &str) -> std::path::PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::ffi::OsStr::from_bytes(&path_bytes(identity)).into()
    }
    #[cfg(not(unix))]
    {
        let _ = path_bytes;
        identity.into()
    }
}
