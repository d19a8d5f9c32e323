//! One article (`show`) and the index overview (`stats`).

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::chart::bar;
use crate::index::StoredArticle;

/// Prints an article: date, path and title, then the text with matches marked.
pub fn print_article_text(
    out: &mut impl Write,
    article: &StoredArticle,
    highlights: &[(usize, usize)],
    style: Style,
) -> io::Result<()> {
    writeln!(out, "date:  {}", style.date(&article.date.to_string()))?;
    writeln!(out, "path:  {}", style.path(&super::escape(&article.path)))?;
    writeln!(
        out,
        "title: {}",
        style.title(&super::escape(&article.title))
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        super::mark_lines(&article.text, highlights, style)
    )
}

#[derive(Debug, Serialize)]
struct ArticleJson<'a> {
    path: std::borrow::Cow<'a, str>,
    date: String,
    title: &'a str,
    text: &'a str,
    highlights: Vec<[usize; 2]>,
}

/// Prints an article as one JSON object; highlights in characters of `text`.
pub fn print_article_json(
    out: &mut impl Write,
    article: &StoredArticle,
    highlights: &[(usize, usize)],
) -> io::Result<()> {
    let json = ArticleJson {
        path: crate::corpus::shown_path(&article.path),
        date: article.date.to_string(),
        title: &article.title,
        text: &article.text,
        highlights: super::char_ranges(&article.text, highlights),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

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
        super::escape(&stats.index),
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
        writeln!(out, "corpus        {}", super::escape(corpus))?;
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
    serde_json::to_writer(&mut *out, stats)?;
    writeln!(out)
}

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

/// `YYYY-MM-DD HH:MM +HHMM` in the local time zone (`TZ`), from seconds since the
/// epoch; in UTC where the zone cannot be read.
pub fn local_time(secs: u64) -> String {
    match utc_offset(secs) {
        Some(0) | None => utc_time(secs),
        Some(offset) => {
            let local = (secs as i64 + offset).max(0) as u64;
            let shown = utc_time(local);
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.unsigned_abs() / 60;
            format!(
                "{} {sign}{:02}{:02}",
                shown.trim_end_matches(" UTC"),
                minutes / 60,
                minutes % 60
            )
        }
    }
}

/// The local zone's offset from UTC at `secs`, in seconds.
#[cfg(unix)]
fn utc_offset(secs: u64) -> Option<i64> {
    let time = libc::time_t::try_from(secs).ok()?;
    // SAFETY: localtime_r writes only into `tm`, which lives on this stack frame; tzset
    // reads TZ first, as localtime_r alone need not.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let filled = unsafe {
        tzset();
        !libc::localtime_r(&time, &mut tm).is_null()
    };
    // `c_long`: 32 bits on some systems.
    #[allow(clippy::useless_conversion)]
    let offset = i64::from(tm.tm_gmtoff);
    filled.then_some(offset)
}

#[cfg(unix)]
unsafe extern "C" {
    /// POSIX: reads `TZ` into the C library's zone (the `libc` crate does not bind it).
    fn tzset();
}

#[cfg(not(unix))]
fn utc_offset(_secs: u64) -> Option<i64> {
    None
}

/// `YYYY-MM-DD HH:MM UTC` from seconds since the epoch.
pub fn utc_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        (rest % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times() {
        assert_eq!(utc_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_time(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_time(1_795_239_000), "2026-11-21 05:30 UTC");
    }

    #[test]
    fn bytes_for_people() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_500_000), "1.5 MB");
    }
}
