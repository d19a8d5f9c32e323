//! `krant check`: read every file of the index and say whether it is sound.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::{CheckConfig, SummaryFormat};
use crate::error::failure;
use crate::index;
use crate::output::{self, Style};

/// Runs `krant check`: exit 0 when the index is sound, 2 when it is damaged.
pub fn run(config: &CheckConfig) -> Result<ExitCode> {
    let dir = &config.global.index_dir;
    let report = index::check(dir)?;
    let shown = dir.display().to_string();
    let mut out = super::stdout();
    match config.format {
        SummaryFormat::Json => output::print_check_json(&mut out, &shown, &report)?,
        SummaryFormat::Text => output::print_check_text(
            &mut out,
            &shown,
            &report,
            Style::new(config.global.stdout_color),
        )?,
    }
    std::io::Write::flush(&mut out)?;
    if report.problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let count = report.problems.len();
    Err(failure(
        format!(
            "the index at {shown} is damaged ({count} {}, listed above)",
            if count == 1 { "problem" } else { "problems" }
        ),
        "rebuild it with `krant index --rebuild`",
    ))
}
