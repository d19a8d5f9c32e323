//! `krant analyze`: show what the Dutch analysis makes of a text, token by token.

use std::process::ExitCode;

use anyhow::Result;

use crate::analysis::{DutchAnalyzer, Mode};
use crate::config::{AnalyzeConfig, SummaryFormat};
use crate::output;

/// Runs `krant analyze`.
pub fn run(config: &AnalyzeConfig) -> Result<ExitCode> {
    let mode = if config.query_side {
        Mode::Query
    } else {
        Mode::Index
    };
    let explained = DutchAnalyzer::new().explain(&config.text, mode);
    let mut out = super::stdout();
    match config.format {
        SummaryFormat::Json => output::print_analyze_json(&mut out, &explained)?,
        SummaryFormat::Text => output::print_analyze_text(&mut out, &explained, config.query_side)?,
    }
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}
