//! `krant stats`: the index overview, for people or as one JSON object (`Stats` is its
//! wire type).

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::bars::bar;
use super::escape::escape;
use super::json::write_line;
use super::time::local_time;

/// What `krant stats` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Articles in the index.
    pub articles: u64,
    /// Month of the oldest article (`YYYY-MM`).
    pub first_month: Option<String>,
    /// Month of the newest article.
    pub last_month: Option<String>,
    /// Months without articles between the first and the last.
    pub empty_months: usize,
    /// Articles per year, every year from the first to the last.
    pub per_year: Vec<YearCount>,
    /// The index folder.
    pub index: String,
    /// Bytes the index folder takes.
    pub index_bytes: u64,
    /// Distinct word forms kept for prefix and fuzzy words (those that differ from their
    /// stem).
    pub word_forms: usize,
    /// Frequent words whose adjacent pairs the index holds, to speed up phrases.
    pub frequent_terms: usize,
    /// The corpus folder the index was built from.
    pub corpus: Option<String>,
    /// Schema version of the index.
    pub schema_version: u32,
    /// Analyzer version of the index.
    pub analyzer_version: u32,
    /// When the last indexing run committed, seconds since the Unix epoch.
    pub indexed_at: Option<u64>,
}

/// Articles in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearCount {
    /// The year.
    pub year: u16,
    /// Its articles.
    pub articles: u64,
}

/// Prints the overview for people.
pub fn print_stats_text(
    out: &mut impl Write,
    stats: &Stats,
    style: Style,
    columns: Option<usize>,
) -> io::Result<()> {
    writeln!(out, "articles      {}", stats.articles)?;
    if let (Some(first), Some(last)) = (&stats.first_month, &stats.last_month) {
        writeln!(
            out,
            "months        {first} to {last} ({} without articles)",
            stats.empty_months
        )?;
    }
    if !stats.per_year.is_empty() {
        writeln!(out, "per year")?;
        let max = stats.per_year.iter().map(|y| y.articles).max().unwrap_or(0) as f64;
        let digits = stats.articles.to_string().len();
        // "  YYYY │BAR COUNT", at most 30 cells.
        let width = columns.map_or(30, |c| c.saturating_sub(8 + 1 + digits).clamp(10, 30));
        for year in &stats.per_year {
            let cells = bar(year.articles as f64, max, width);
            let pad = width - cells.chars().count();
            writeln!(
                out,
                "  {} │{}{} {}",
                style.date(&year.year.to_string()),
                style.highlight(&cells),
                " ".repeat(pad),
                year.articles
            )?;
        }
    }
    writeln!(
        out,
        "index         {} ({})",
        escape(&stats.index),
        human_bytes(stats.index_bytes)
    )?;
    writeln!(
        out,
        "spellings     {} kept for prefix searches (vluchtel*) and typo searches (kalifat~1)",
        stats.word_forms
    )?;
    if stats.frequent_terms > 0 {
        writeln!(
            out,
            "common words  {} whose pairs speed up phrases such as \"jaar geleden\"",
            stats.frequent_terms
        )?;
    }
    if let Some(corpus) = &stats.corpus {
        writeln!(out, "corpus        {}", escape(corpus))?;
    }
    writeln!(
        out,
        "versions      schema {}, analyzer {}",
        stats.schema_version, stats.analyzer_version
    )?;
    if let Some(at) = stats.indexed_at {
        writeln!(out, "last indexed  {}", local_time(at))?;
    }
    Ok(())
}

/// Prints the overview as one JSON object.
pub fn print_stats_json(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    write_line(out, stats)
}

/// Bytes for people: `999 B`, `1.5 MB`.
fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_for_people() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_500_000), "1.5 MB");
    }
}
