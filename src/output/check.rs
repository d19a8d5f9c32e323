//! `krant check`: whether the index is sound, as a line for people or one JSON object,
//! and the JSON's wire types.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::escape::escape;
use super::json::write_line;
use crate::index::CheckReport;

/// `krant check --format json`: one object.
#[derive(Debug, Serialize)]
struct CheckJson<'a> {
    /// The index folder, as shown to the user.
    index: &'a str,
    /// Whether no problem was found.
    sound: bool,
    /// Articles in the index.
    articles: u64,
    /// Files of the index read whole against their checksums.
    files: usize,
    /// Bytes those files hold.
    bytes: u64,
    /// Each problem found; empty when sound.
    problems: Vec<ProblemJson<'a>>,
    /// Files left by an interrupted run (harmless; the next `krant index` removes them).
    leftovers: &'a [String],
}

/// One problem in [`CheckJson`].
#[derive(Debug, Serialize)]
struct ProblemJson<'a> {
    /// The file of the index (or krant's own file) that is damaged.
    file: &'a str,
    /// What is wrong with it.
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
            style.path(&escape(&problem.file)),
            escape(&problem.reason)
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
            escape(index),
            report.articles
        )?;
    } else {
        let count = report.problems.len();
        writeln!(
            out,
            "the index at {} is damaged: {count} {}; {read}",
            escape(index),
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
    write_line(out, &json)
}
