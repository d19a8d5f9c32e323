//! `krant index`: make the index hold exactly the articles now in the corpus folder.
//!
//! The work is `ingest::sync`'s (plan, apply, report); this command handles Ctrl-C,
//! shows the run's messages and progress (`output::IndexingMessages`) and prints the
//! summary. A Ctrl-C while the corpus is walked or articles are read stops the run after
//! committing the work done so far (`ingest::Stop`).

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::config::{IndexConfig, SummaryFormat};
use crate::error::Interrupted;
use crate::ingest::Stop;
use crate::output::{self, Messages};

/// Runs `krant index` and prints its summary. A Ctrl-C (or SIGTERM) while the corpus is
/// walked or articles are read stops the run after committing the work done so far; at
/// any other moment, or a second time, it exits at once (the last commit stays intact
/// either way).
pub fn run(config: &IndexConfig) -> Result<ExitCode> {
    let stop = Arc::new(Stop::default());
    let handler_stop = Arc::clone(&stop);
    // Fails only if a handler is already installed, in which case it stays in charge, or
    // if its thread cannot start, in which case Ctrl-C ends the process as usual.
    let _ = ctrlc::set_handler(move || {
        if !handler_stop.request() {
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!(
                    "krant: interrupted: the index is as of its last commit; run `krant index` \
                 again to finish\n"
                ),
            );
            std::process::exit(130);
        }
    });
    let mut messages = Messages::new(
        config.global.stderr_color,
        config.global.quiet,
        config.global.verbose,
    );
    // A progress bar only on a terminal, and not beside a JSON summary.
    let progress = !config.global.quiet
        && config.global.stderr_is_terminal
        && config.format != SummaryFormat::Json;
    let report = super::index_showing(config, &mut messages, progress, &stop)?;
    if let Some(path) = &config.report {
        let json = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write the report to {}", path.display()))?;
    }
    match config.format {
        SummaryFormat::Json => output::print_index_json(&mut super::stdout(), &report)?,
        SummaryFormat::Text => {
            output::print_index_summary(&mut std::io::stderr().lock(), &report, messages.style())?;
        }
    }
    if report.interrupted {
        return Err(anyhow::Error::new(Interrupted {
            message: format!(
                "the work so far is committed ({} articles in the index); run `krant index` \
                 again to finish",
                report.articles
            ),
        }));
    }
    Ok(ExitCode::SUCCESS)
}
