//! `krant analyze`: show what the Dutch analysis makes of a text, token by token.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::analysis::{DutchAnalyzer, Mode};
use crate::config::{AnalyzeConfig, SummaryFormat};

#[derive(Serialize)]
struct TokenJson<'a> {
    position: usize,
    text: &'a str,
    term: Option<&'a str>,
    kind: &'static str,
    steps: &'a [String],
}

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
        SummaryFormat::Json => {
            let tokens: Vec<TokenJson> = explained
                .iter()
                .map(|e| TokenJson {
                    position: e.position,
                    text: &e.text,
                    term: e.term.as_deref(),
                    kind: e.kind.name(),
                    steps: &e.steps,
                })
                .collect();
            serde_json::to_writer(&mut out, &tokens)?;
            writeln!(out)?;
        }
        SummaryFormat::Text => {
            let side = if config.query_side { "query" } else { "index" };
            writeln!(
                out,
                "{side} side: {} tokens",
                explained.iter().filter(|e| e.term.is_some()).count()
            )?;
            writeln!(
                out,
                "{:>4}  {:<20} {:<18} {:<14} steps",
                "pos", "term", "text", "kind"
            )?;
            for e in &explained {
                writeln!(
                    out,
                    "{:>4}  {:<20} {:<18} {:<14} {}",
                    e.position,
                    e.term.as_deref().unwrap_or("(dropped)"),
                    e.text,
                    e.kind.name(),
                    e.steps.join("; ")
                )?;
            }
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}
