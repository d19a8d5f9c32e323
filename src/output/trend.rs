//! `krant trend`: several queries per period, as a table with sparklines, JSON and CSV,
//! and the JSON's wire types.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::bars::sparkline;
use super::csv::csv_field;
use super::escape::escape;
use super::json::write_line;
use super::numbers::{figure, percent, plural, round_share};
use super::series::{measure_name, relative_figure};
use crate::periods::{Bucket, Measure, Period};

/// What a trend shows, and how.
#[derive(Debug, Clone, Copy)]
pub struct TrendLayout {
    /// The periods.
    pub period: Period,
    /// What is counted.
    pub measure: Measure,
    /// Shares (or rates per million words) instead of counts.
    pub relative: bool,
}

/// `krant trend --format json`.
#[derive(Debug, Serialize)]
pub struct TrendJson<'a> {
    /// `"month"`, `"quarter"` or `"year"`.
    pub by: &'static str,
    /// `"articles"` or `"occurrences"`.
    pub measure: &'static str,
    /// Whether the text output showed shares (or rates).
    pub relative: bool,
    /// The periods, in order.
    pub periods: Vec<&'a str>,
    /// All articles per period.
    pub totals: Vec<u64>,
    /// All written words per period (with `--measure occurrences`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<u64>>,
    /// One series per query, in the order given.
    pub series: Vec<SeriesJson<'a>>,
}

/// One query's counts.
#[derive(Debug, Serialize)]
pub struct SeriesJson<'a> {
    /// The query.
    pub query: &'a str,
    /// Matching articles per period.
    pub counts: Vec<u64>,
    /// Shares per period in percent (`null` where the period has no articles).
    pub shares: Vec<Option<f64>>,
    /// Matching articles in all periods.
    pub total: u64,
    /// Occurrences per period (with `--measure occurrences`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrences: Option<Vec<u64>>,
    /// Occurrences per million words per period (with `--measure occurrences`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_million: Option<Vec<Option<f64>>>,
    /// Occurrences in all periods (with `--measure occurrences`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_occurrences: Option<u64>,
}

/// The columns a trend's sparkline rows take: the name, one cell per period, the total.
pub fn sparkline_columns(series: &[(String, Vec<Bucket>)], measure: Measure) -> usize {
    let name_width = series
        .iter()
        .map(|(q, _)| q.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let periods = series.first().map_or(0, |(_, b)| b.len());
    let total_width = series
        .iter()
        .map(|(_, b)| {
            let total: u64 = b.iter().map(|b| b.measured(measure)).sum();
            total.to_string().len()
        })
        .max()
        .unwrap_or(1);
    name_width + 2 + periods + 2 + total_width
}

/// A table (one column per query) and a sparkline per query, all on one scale (said
/// under them); `note` first, when the periods were made coarser to fit.
pub fn print_trend_text(
    out: &mut impl Write,
    series: &[(String, Vec<Bucket>)],
    layout: &TrendLayout,
    style: Style,
    note: Option<&str>,
    columns: Option<usize>,
) -> io::Result<()> {
    let Some((_, first)) = series.first() else {
        return Ok(());
    };
    let (measure, relative) = (layout.measure, layout.relative);
    // Notes wrap to the terminal's width.
    let dim = |out: &mut dyn Write, text: &str| -> io::Result<()> {
        let lines = match columns {
            Some(columns) => super::columns::wrap(text, columns),
            None => vec![(0, text.len())],
        };
        for (start, end) in lines {
            writeln!(out, "{}", style.dim(&text[start..end]))?;
        }
        Ok(())
    };
    if let Some(note) = note {
        dim(out, note)?;
    }
    let widths: Vec<usize> = series
        .iter()
        .map(|(q, _)| q.chars().count().clamp(6, 24))
        .collect();
    let period_width = first.first().map_or(7, |b| b.period.len());
    let mut header = format!("{:period_width$}", "");
    for ((query, _), w) in series.iter().zip(&widths) {
        let shown: String = escape(query).chars().take(*w).collect();
        header.push_str(&format!("  {shown:>w$}"));
    }
    writeln!(out, "{}", style.title(&header))?;
    for (i, bucket) in first.iter().enumerate() {
        let mut row = style.date(&format!("{:period_width$}", bucket.period));
        for ((_, buckets), w) in series.iter().zip(&widths) {
            let b = &buckets[i];
            let cell = if relative {
                relative_figure(b, measure).unwrap_or_else(|| "–".to_owned())
            } else {
                b.measured(measure).to_string()
            };
            row.push_str(&format!("  {cell:>w$}"));
        }
        writeln!(out, "{row}")?;
    }
    writeln!(out)?;
    let name_width = series
        .iter()
        .map(|(q, _)| q.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let value = |b: &Bucket| b.value(measure, relative).unwrap_or(0.0);
    // One scale for every row: a query with fewer hits draws lower.
    let max = series
        .iter()
        .flat_map(|(_, buckets)| buckets.iter().map(value))
        .fold(0.0, f64::max);
    for (query, buckets) in series {
        let values: Vec<f64> = buckets.iter().map(value).collect();
        let total: u64 = buckets.iter().map(|b| b.measured(measure)).sum();
        let shown: String = escape(query).chars().take(name_width).collect();
        writeln!(
            out,
            "{shown:<name_width$}  {}  {total}",
            style.highlight(&sparkline(&values, max))
        )?;
    }
    if max > 0.0 {
        let period = first
            .first()
            .map_or("period", |b| period_of_label(&b.period));
        let top = match (measure, relative) {
            (Measure::Articles, true) => format!("{} of a {period}'s articles", percent(max)),
            (Measure::Occurrences, true) => {
                format!("{} per million words of a {period}", figure(max))
            }
            (Measure::Articles, false) => format!(
                "{} in a {period}",
                plural(max as usize, "article", "articles")
            ),
            (Measure::Occurrences, false) => format!(
                "{} in a {period}",
                plural(max as usize, "occurrence", "occurrences")
            ),
        };
        dim(out, &format!("one scale for all rows: █ = {top}"))?;
    }
    Ok(())
}

/// The period a label names: `2017-03` a month, `2017-Q1` a quarter, `2017` a year.
fn period_of_label(label: &str) -> &'static str {
    if label.contains('Q') {
        "quarter"
    } else if label.contains('-') {
        "month"
    } else {
        "year"
    }
}

/// The trend as one JSON object.
pub fn print_trend_json(
    out: &mut impl Write,
    series: &[(String, Vec<Bucket>)],
    layout: &TrendLayout,
) -> io::Result<()> {
    let first = series.first().map(|(_, b)| b.as_slice()).unwrap_or(&[]);
    let occurrences = layout.measure == Measure::Occurrences;
    let json = TrendJson {
        by: layout.period.name(),
        measure: measure_name(layout.measure),
        relative: layout.relative,
        periods: first.iter().map(|b| b.period.as_str()).collect(),
        totals: first.iter().map(|b| b.total).collect(),
        words: occurrences.then(|| first.iter().map(|b| b.words).collect()),
        series: series
            .iter()
            .map(|(query, buckets)| SeriesJson {
                query,
                counts: buckets.iter().map(|b| b.count).collect(),
                shares: buckets.iter().map(|b| b.share().map(round_share)).collect(),
                total: buckets.iter().map(|b| b.count).sum(),
                occurrences: occurrences.then(|| buckets.iter().map(|b| b.occurrences).collect()),
                per_million: occurrences.then(|| {
                    buckets
                        .iter()
                        .map(|b| b.per_million().map(round_share))
                        .collect()
                }),
                total_occurrences: occurrences.then(|| buckets.iter().map(|b| b.occurrences).sum()),
            })
            .collect(),
    };
    write_line(out, &json)
}

/// `period,total,<query>…` with counts (or shares with `--relative`); with `--measure
/// occurrences`, `period,words,<query>…` with occurrences (or rates per million words).
pub fn print_trend_csv(
    out: &mut impl Write,
    series: &[(String, Vec<Bucket>)],
    layout: &TrendLayout,
) -> io::Result<()> {
    let header: Vec<String> = series
        .iter()
        .map(|(q, _)| csv_field(q).into_owned())
        .collect();
    let occurrences = layout.measure == Measure::Occurrences;
    let base = if occurrences { "words" } else { "total" };
    writeln!(out, "period,{base},{}", header.join(","))?;
    let Some((_, first)) = series.first() else {
        return Ok(());
    };
    for (i, bucket) in first.iter().enumerate() {
        let cells: Vec<String> = series
            .iter()
            .map(|(_, buckets)| {
                let b = &buckets[i];
                if layout.relative {
                    b.value(layout.measure, true)
                        .map(|s| round_share(s).to_string())
                        .unwrap_or_default()
                } else {
                    b.measured(layout.measure).to_string()
                }
            })
            .collect();
        let base = if occurrences {
            bucket.words
        } else {
            bucket.total
        };
        writeln!(out, "{},{base},{}", bucket.period, cells.join(","))?;
    }
    Ok(())
}
