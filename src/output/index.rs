//! `krant index`: the summary of a run, for people (written to stderr) and as JSON
//! (`--format json`, to stdout: the `IndexReport` in `report`, on one line).

use std::io::{self, Write};

use super::Style;
use super::numbers::plural;
use crate::report::IndexReport;

/// Prints the summary of an indexing run as one line of JSON.
pub fn print_index_json(out: &mut impl Write, report: &IndexReport) -> io::Result<()> {
    super::json::write_line(out, report)?;
    out.flush()
}

/// Prints the summary of an indexing run (to stderr, by the caller's choice): one line of
/// counts, then short notes on duplicates and empty months when there are any.
pub fn print_index_summary(
    out: &mut impl Write,
    report: &IndexReport,
    style: Style,
) -> io::Result<()> {
    let articles = if report.articles == 1 {
        "article"
    } else {
        "articles"
    };
    let (lead, tail) = if report.dry_run {
        ("dry run: would index", "; nothing written")
    } else {
        ("indexed", "")
    };
    writeln!(
        out,
        "{lead} {} {articles} ({} added, {} updated, {} removed, {} unchanged), {} skipped, in {:.2} s{tail}",
        report.articles,
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.skipped.len(),
        report.seconds
    )?;
    if !report.skipped.is_empty() {
        // Reasons grouped by their kind: the text before any detail (a quote or a colon).
        let mut kinds: Vec<(&str, usize)> = Vec::new();
        for skipped in &report.skipped {
            let kind = skipped
                .reason
                .split([':', '\''])
                .next()
                .unwrap_or("")
                .trim();
            match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((kind, 1)),
            }
        }
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{n} {}", super::escape(k)))
            .collect();
        writeln!(
            out,
            "{}",
            style.dim(&format!("skipped: {}", listed.join(", ")))
        )?;
    }
    if !report.duplicates.is_empty() {
        let example = report.duplicates[0].join(" = ");
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "duplicates: {} of files with identical content (e.g. {})",
                plural(report.duplicates.len(), "group", "groups"),
                super::escape(&example)
            ))
        )?;
    }
    if !report.empty_months.is_empty() {
        let shown: Vec<&str> = report
            .empty_months
            .iter()
            .take(6)
            .map(String::as_str)
            .collect();
        let more = report.empty_months.len() - shown.len();
        let suffix = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "months without articles: {}{suffix}",
                shown.join(", ")
            ))
        )?;
    }
    Ok(())
}
