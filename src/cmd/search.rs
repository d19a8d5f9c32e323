//! `krant search`: run a query and print the hits.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::config::{DEFAULT_CORPUS_DIR, IndexConfig, OutputFormat, SearchConfig};
use crate::index::{self, Found, KrantIndex, Searcher};
use crate::output::{self, Messages, Style};

/// Runs `krant search`: exit 0 with hits, 1 without.
pub fn run(config: &SearchConfig) -> Result<ExitCode> {
    let index_dir = &config.global.index_dir;
    build_first_if_needed(config)?;
    let mut searcher = Searcher::new(KrantIndex::open(index_dir)?)?;
    let hits = searcher.search(&config.query)?;
    let mut out = std::io::stdout().lock();
    match config.format {
        OutputFormat::Text => output::print_search_text(
            &mut out,
            &config.query,
            &hits,
            Style::new(config.global.stdout_color),
        )?,
        OutputFormat::Json => output::print_search_json(&mut out, &config.query, &hits)?,
    }
    Ok(if hits.total > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// On a fresh clone there is no index yet but there is `./corpus`: index it first, so the
/// first search just works.
fn build_first_if_needed(config: &SearchConfig) -> Result<()> {
    let index_dir = &config.global.index_dir;
    let corpus = Path::new(DEFAULT_CORPUS_DIR);
    if index::inspect(index_dir)? != Found::Nothing || !corpus.is_dir() {
        return Ok(());
    }
    let mut messages = Messages::new(
        config.global.stderr_color,
        config.global.quiet,
        config.global.verbose,
    );
    messages.info(&format!(
        "no index at {} yet; indexing ./{DEFAULT_CORPUS_DIR} first",
        index_dir.display()
    ));
    let index_config = IndexConfig {
        global: config.global.clone(),
        corpus: Some(corpus.to_path_buf()),
        rebuild: false,
        follow_links: false,
        threads: std::thread::available_parallelism().map_or(2, usize::from),
        memory_bytes: 256_000_000,
        dry_run: false,
        report: None,
        format: OutputFormat::Text,
    };
    let never = std::sync::atomic::AtomicBool::new(false);
    let report = super::index::sync(&index_config, &mut messages, &never)?;
    messages.finish();
    if !config.global.quiet {
        output::print_index_summary(&mut std::io::stderr().lock(), &report, messages.style())?;
    }
    Ok(())
}
