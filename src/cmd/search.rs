//! `krant search`: run a query and print the hits.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::{OutputFormat, SearchConfig};
use crate::output::{self, Style};

/// Runs `krant search`: exit 0 with hits, 1 without.
pub fn run(config: &SearchConfig) -> Result<ExitCode> {
    let mut searcher = super::open_searcher(&config.global)?;
    let mut out = super::stdout();
    if config.count_only {
        let total = searcher.count(&config.query)?;
        std::io::Write::write_all(&mut out, format!("{total}\n").as_bytes())?;
        std::io::Write::flush(&mut out)?;
        return Ok(super::found(total > 0));
    }
    // A list of paths shows no title or snippet: no article file is read for it.
    let texts = config.format != OutputFormat::Paths;
    let hits = searcher.search(&config.query, texts)?;
    match config.format {
        OutputFormat::Json => output::print_search_json(&mut out, &config.query, &hits)?,
        OutputFormat::Ndjson => output::print_search_ndjson(&mut out, &hits)?,
        OutputFormat::Csv => output::print_search_csv(&mut out, &hits)?,
        OutputFormat::Paths => {
            output::print_search_paths(&mut out, &hits, config.global.stdout_is_terminal)?;
        }
        OutputFormat::Text | OutputFormat::Tsv => output::print_search_text(
            &mut out,
            &config.query,
            &hits,
            Style::new(config.global.stdout_color),
        )?,
    }
    std::io::Write::flush(&mut out)?;
    super::warn_about_texts(
        &config.global,
        hits.hits
            .iter()
            .map(|hit| (hit.path.as_str(), &hit.text_state)),
    );
    Ok(super::found(hits.total > 0))
}
