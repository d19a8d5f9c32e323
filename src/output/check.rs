//! `krant check`: whether the index is sound, as a line for people or one JSON object.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use crate::index::CheckReport;

#[derive(Debug, Serialize)]
struct CheckJson<'a> {
    index: &'a str,
    sound: bool,
    articles: u64,
    files: usize,
    bytes: u64,
    problems: Vec<ProblemJson<'a>>,
    leftovers: &'a [String],
}

#[derive(Debug, Serialize)]
struct ProblemJson<'a> {
    file: &'a str,
    reason: &'a str,
}

/// Prints each problem on a line of its own (`FILE: REASON`), then a verdict.
pub fn print_check_text(
    out: &mut impl Write,
    index: &str,
    report: &CheckReport,
    style: Style,
) -> io::Result<()> {
    for problem in &report.problems {
        writeln!(
            out,
            "{}: {}",
            style.path(&super::escape(&problem.file)),
            super::escape(&problem.reason)
        )?;
    }
    let read = format!(
        "{} files ({:.1} MB) read whole",
        report.files,
        report.bytes as f64 / 1e6
    );
    if report.problems.is_empty() {
        writeln!(
            out,
            "the index at {} is sound: {} articles, {read}",
            super::escape(index),
            report.articles
        )?;
    } else {
        let count = report.problems.len();
        writeln!(
            out,
            "the index at {} is damaged: {count} {}; {read}",
            super::escape(index),
            if count == 1 { "problem" } else { "problems" }
        )?;
    }
    if !report.leftovers.is_empty() {
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "{} files left by an interrupted run (harmless; the next `krant index` removes them)",
                report.leftovers.len()
            ))
        )?;
    }
    Ok(())
}

/// Prints the report as one JSON object.
pub fn print_check_json(out: &mut impl Write, index: &str, report: &CheckReport) -> io::Result<()> {
    let json = CheckJson {
        index,
        sound: report.problems.is_empty(),
        articles: report.articles,
        files: report.files,
        bytes: report.bytes,
        problems: report
            .problems
            .iter()
            .map(|p| ProblemJson {
                file: &p.file,
                reason: &p.reason,
            })
            .collect(),
        leftovers: &report.leftovers,
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}
