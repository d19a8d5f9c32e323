//! Counts over time: `histogram` and `trend` as charts, JSON and CSV.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::chart::{bar, sparkline};
use super::export::csv_field;
use crate::timeline::{Bucket, Period};

/// Cells of the widest bar.
const BAR_WIDTH: usize = 40;

/// `krant histogram --format json`.
#[derive(Debug, Serialize)]
pub struct HistogramJson<'a> {
    /// The query; `null` for all articles.
    pub query: Option<&'a str>,
    /// `"month"` or `"year"`.
    pub by: &'static str,
    /// Whether the chart showed shares.
    pub relative: bool,
    /// Matching articles in all periods.
    pub total: u64,
    /// One entry per period, zeros included.
    pub buckets: Vec<BucketJson<'a>>,
}

/// One period.
#[derive(Debug, Serialize)]
pub struct BucketJson<'a> {
    /// `YYYY-MM` or `YYYY`.
    pub period: &'a str,
    /// Matching articles.
    pub count: u64,
    /// All articles in the period.
    pub total: u64,
    /// `count / total` in percent; `null` when the period has no articles.
    pub share: Option<f64>,
}

fn period_name(period: Period) -> &'static str {
    period.name()
}

fn bucket_json(bucket: &Bucket) -> BucketJson<'_> {
    BucketJson {
        period: &bucket.period,
        count: bucket.count,
        total: bucket.total,
        share: bucket.share().map(round_share),
    }
}

/// A share in percent to 4 significant digits: 33.33, 0.03125 (a rare word's share is
/// not rounded away to 0.00).
fn round_share(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(3 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// A share for people: one decimal from 1% up, two significant digits below (0.031%).
fn percent(share: f64) -> String {
    if share >= 1.0 || share == 0.0 {
        format!("{share:.1}%")
    } else {
        let decimals = (1 - share.log10().floor() as i32).max(1) as usize;
        format!("{share:.decimals$}%")
    }
}

/// The cells of the longest bar: what fits `columns` beside the labels on a terminal
/// (at least 10), else [`BAR_WIDTH`].
pub fn bar_cells(columns: Option<usize>, labels: usize) -> usize {
    columns.map_or(BAR_WIDTH, |c| c.saturating_sub(labels).clamp(10, 200))
}

/// A bar per period with its value, then a line with the total; bars fit `columns` (a
/// terminal's width) when given.
pub fn print_histogram_text(
    out: &mut impl Write,
    query: &str,
    buckets: &[Bucket],
    relative: bool,
    style: Style,
    columns: Option<usize>,
) -> io::Result<()> {
    let value = |b: &Bucket| {
        if relative {
            b.share().unwrap_or(0.0)
        } else {
            b.count as f64
        }
    };
    let max = buckets.iter().map(value).fold(0.0, f64::max);
    let label = |b: &Bucket| {
        if relative {
            match b.share() {
                Some(share) => format!("{:>6}  ({}/{})", percent(share), b.count, b.total),
                None => "    –".to_owned(),
            }
        } else {
            b.count.to_string()
        }
    };
    let period_width = buckets.iter().map(|b| b.period.len()).max().unwrap_or(0);
    let label_width = buckets
        .iter()
        .map(|b| label(b).chars().count())
        .max()
        .unwrap_or(0);
    // "PERIOD │BAR LABEL"
    let width = bar_cells(columns, period_width + 2 + 1 + label_width);
    for bucket in buckets {
        let cells = bar(value(bucket), max, width);
        let pad = width - cells.chars().count();
        writeln!(
            out,
            "{} │{}{} {}",
            style.date(&bucket.period),
            style.highlight(&cells),
            " ".repeat(pad),
            label(bucket)
        )?;
    }
    let total: u64 = buckets.iter().map(|b| b.count).sum();
    // The period the chart shows highest: by share with --relative (the first of equals).
    let peak = buckets
        .iter()
        .filter(|b| b.count > 0)
        .fold(None::<&Bucket>, |best, b| match best {
            Some(best) if value(best) >= value(b) => Some(best),
            _ => Some(b),
        });
    let mut line = super::plural(total as usize, "article", "articles");
    if !query.trim().is_empty() {
        line.push_str(&format!(" matching '{}'", super::escape(query)));
    }
    if let (Some(first), Some(last)) = (buckets.first(), buckets.last()) {
        line.push_str(&format!(" from {} to {}", first.period, last.period));
    }
    match peak {
        Some(peak) if relative => line.push_str(&format!(
            "; highest share in {} ({}, {} of {})",
            peak.period,
            percent(peak.share().unwrap_or(0.0)),
            peak.count,
            peak.total
        )),
        Some(peak) => line.push_str(&format!("; most in {} ({})", peak.period, peak.count)),
        None => {}
    }
    writeln!(out, "{}", style.dim(&line))
}

/// The histogram as one JSON object.
pub fn print_histogram_json(
    out: &mut impl Write,
    query: &str,
    buckets: &[Bucket],
    period: Period,
    relative: bool,
) -> io::Result<()> {
    let json = HistogramJson {
        query: (!query.trim().is_empty()).then_some(query),
        by: period_name(period),
        relative,
        total: buckets.iter().map(|b| b.count).sum(),
        buckets: buckets.iter().map(bucket_json).collect(),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

/// `period,count,total,share`.
pub fn print_histogram_csv(out: &mut impl Write, buckets: &[Bucket]) -> io::Result<()> {
    writeln!(out, "period,count,total,share")?;
    for b in buckets {
        let share = b
            .share()
            .map(|s| round_share(s).to_string())
            .unwrap_or_default();
        writeln!(out, "{},{},{},{share}", b.period, b.count, b.total)?;
    }
    Ok(())
}

/// `krant trend --format json`.
#[derive(Debug, Serialize)]
pub struct TrendJson<'a> {
    /// `"month"` or `"year"`.
    pub by: &'static str,
    /// Whether the text output showed shares.
    pub relative: bool,
    /// The periods, in order.
    pub periods: Vec<&'a str>,
    /// All articles per period.
    pub totals: Vec<u64>,
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
}

/// The columns a trend's sparkline rows take: the name, one cell per period, the total.
pub fn sparkline_columns(series: &[(String, Vec<Bucket>)]) -> usize {
    let name_width = series
        .iter()
        .map(|(q, _)| q.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let periods = series.first().map_or(0, |(_, b)| b.len());
    let total_width = series
        .iter()
        .map(|(_, b)| b.iter().map(|b| b.count).sum::<u64>().to_string().len())
        .max()
        .unwrap_or(1);
    name_width + 2 + periods + 2 + total_width
}

/// A table (one column per query) and a sparkline per query, all on one scale (said
/// under them); `note` first, when the periods were made coarser to fit.
pub fn print_trend_text(
    out: &mut impl Write,
    series: &[(String, Vec<Bucket>)],
    relative: bool,
    style: Style,
    note: Option<&str>,
    columns: Option<usize>,
) -> io::Result<()> {
    let Some((_, first)) = series.first() else {
        return Ok(());
    };
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
        let shown: String = super::escape(query).chars().take(*w).collect();
        header.push_str(&format!("  {shown:>w$}"));
    }
    writeln!(out, "{}", style.title(&header))?;
    for (i, bucket) in first.iter().enumerate() {
        let mut row = style.date(&format!("{:period_width$}", bucket.period));
        for ((_, buckets), w) in series.iter().zip(&widths) {
            let b = &buckets[i];
            let cell = if relative {
                b.share().map_or("–".to_owned(), percent)
            } else {
                b.count.to_string()
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
    let value = |b: &Bucket| {
        if relative {
            b.share().unwrap_or(0.0)
        } else {
            b.count as f64
        }
    };
    // One scale for every row: a query with fewer hits draws lower.
    let max = series
        .iter()
        .flat_map(|(_, buckets)| buckets.iter().map(value))
        .fold(0.0, f64::max);
    for (query, buckets) in series {
        let values: Vec<f64> = buckets.iter().map(value).collect();
        let total: u64 = buckets.iter().map(|b| b.count).sum();
        let shown: String = super::escape(query).chars().take(name_width).collect();
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
        let top = if relative {
            format!("{} of a {period}'s articles", percent(max))
        } else {
            format!(
                "{} in a {period}",
                super::plural(max as usize, "article", "articles")
            )
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
    period: Period,
    relative: bool,
) -> io::Result<()> {
    let first = series.first().map(|(_, b)| b.as_slice()).unwrap_or(&[]);
    let json = TrendJson {
        by: period_name(period),
        relative,
        periods: first.iter().map(|b| b.period.as_str()).collect(),
        totals: first.iter().map(|b| b.total).collect(),
        series: series
            .iter()
            .map(|(query, buckets)| SeriesJson {
                query,
                counts: buckets.iter().map(|b| b.count).collect(),
                shares: buckets.iter().map(|b| b.share().map(round_share)).collect(),
                total: buckets.iter().map(|b| b.count).sum(),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

/// `period,total,<query>…` with counts (or shares with `--relative`).
pub fn print_trend_csv(
    out: &mut impl Write,
    series: &[(String, Vec<Bucket>)],
    relative: bool,
) -> io::Result<()> {
    let header: Vec<String> = series
        .iter()
        .map(|(q, _)| csv_field(q).into_owned())
        .collect();
    writeln!(out, "period,total,{}", header.join(","))?;
    let Some((_, first)) = series.first() else {
        return Ok(());
    };
    for (i, bucket) in first.iter().enumerate() {
        let cells: Vec<String> = series
            .iter()
            .map(|(_, buckets)| {
                let b = &buckets[i];
                if relative {
                    b.share()
                        .map(|s| round_share(s).to_string())
                        .unwrap_or_default()
                } else {
                    b.count.to_string()
                }
            })
            .collect();
        writeln!(
            out,
            "{},{},{}",
            bucket.period,
            bucket.total,
            cells.join(",")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_keep_rare_words_visible() {
        assert_eq!(round_share(100.0 / 3.0), 33.33);
        assert_eq!(round_share(0.031_25), 0.031_25);
        assert_eq!(round_share(0.003_141_59), 0.003_142);
        assert_eq!(round_share(0.0), 0.0);
        assert_eq!(percent(100.0), "100.0%");
        assert_eq!(percent(12.345), "12.3%");
        assert_eq!(percent(0.031_25), "0.031%");
        assert_eq!(percent(0.5), "0.50%");
        assert_eq!(percent(0.0), "0.0%");
    }
}
