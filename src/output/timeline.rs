//! Counts per period (or folder): `histogram` as a chart, JSON and CSV, and the figures
//! `trend` shares with it.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::chart::bar;
use crate::periods::{Bucket, Measure};

/// Cells of the widest bar.
const BAR_WIDTH: usize = 40;

/// What a histogram shows, and how.
#[derive(Debug, Clone, Copy)]
pub struct HistogramLayout {
    /// `"month"`, `"quarter"`, `"year"` or `"folder"`.
    pub by: &'static str,
    /// What is counted.
    pub measure: Measure,
    /// Shares (or rates per million words) instead of counts.
    pub relative: bool,
    /// Colours.
    pub style: Style,
    /// The terminal's width, if on one.
    pub columns: Option<usize>,
}

/// `krant histogram --format json`.
#[derive(Debug, Serialize)]
pub struct HistogramJson<'a> {
    /// The query; `null` for all articles.
    pub query: Option<&'a str>,
    /// `"month"`, `"quarter"`, `"year"` or `"folder"`.
    pub by: &'static str,
    /// `"articles"` or `"occurrences"`.
    pub measure: &'static str,
    /// Whether the chart showed shares (or rates).
    pub relative: bool,
    /// Matching articles in all buckets.
    pub total: u64,
    /// Occurrences in all buckets (with `--measure occurrences`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrences: Option<u64>,
    /// One entry per period (zeros included) or folder.
    pub buckets: Vec<BucketJson<'a>>,
}

/// One period or folder.
#[derive(Debug, Serialize)]
pub struct BucketJson<'a> {
    /// `YYYY-MM`, `YYYY-Qn` or `YYYY` (by time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<&'a str>,
    /// The folder, relative to the corpus root, `""` for the root itself (by folder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<&'a str>,
    /// Matching articles.
    pub count: u64,
    /// All articles in the period.
    pub total: u64,
    /// `count / total` in percent; `null` when the period has no articles.
    pub share: Option<f64>,
    /// Occurrences in the matching articles (with `--measure occurrences`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrences: Option<u64>,
    /// Written words of all articles of the period (with `--measure occurrences`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<u64>,
    /// Occurrences per million words, 4 significant digits; `null` without words (with
    /// `--measure occurrences`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_million: Option<Option<f64>>,
}

/// The name of a measure in JSON.
pub fn measure_name(measure: Measure) -> &'static str {
    match measure {
        Measure::Articles => "articles",
        Measure::Occurrences => "occurrences",
    }
}

fn bucket_json<'a>(bucket: &'a Bucket, layout: &HistogramLayout) -> BucketJson<'a> {
    let occurrences = layout.measure == Measure::Occurrences;
    let folder = layout.by == "folder";
    BucketJson {
        period: (!folder).then_some(bucket.period.as_str()),
        folder: folder.then_some(bucket.period.as_str()),
        count: bucket.count,
        total: bucket.total,
        share: bucket.share().map(round_share),
        occurrences: occurrences.then_some(bucket.occurrences),
        words: occurrences.then_some(bucket.words),
        per_million: occurrences.then(|| bucket.per_million().map(round_share)),
    }
}

/// A share in percent (or a rate) to 4 significant digits: 33.33, 0.03125 (a rare
/// word's share is not rounded away to 0.00).
pub fn round_share(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(3 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// A share for people: one decimal from 1% up, two significant digits below (0.031%).
pub fn percent(share: f64) -> String {
    format!("{}%", figure(share))
}

/// A share or rate for people: one decimal from 1 up, two significant digits below.
pub fn figure(value: f64) -> String {
    if value >= 1.0 || value == 0.0 {
        format!("{value:.1}")
    } else {
        let decimals = (1 - value.log10().floor() as i32).max(1) as usize;
        format!("{value:.decimals$}")
    }
}

/// A bucket's relative value for people: `12.5%`, or `431.2` (per million words).
pub fn relative_figure(bucket: &Bucket, measure: Measure) -> Option<String> {
    match measure {
        Measure::Articles => bucket.share().map(percent),
        Measure::Occurrences => bucket.per_million().map(figure),
    }
}

/// A folder as a label: `.` for the corpus root.
pub fn folder_label(folder: &str) -> &str {
    if folder.is_empty() { "." } else { folder }
}

/// The cells of the longest bar: what fits `columns` beside the labels on a terminal
/// (at least 10), else [`BAR_WIDTH`].
pub fn bar_cells(columns: Option<usize>, labels: usize) -> usize {
    columns.map_or(BAR_WIDTH, |c| c.saturating_sub(labels).clamp(10, 200))
}

/// A bar per period (or folder) with its value, then a line with the total; bars fit
/// the terminal's width when on one.
pub fn print_histogram_text(
    out: &mut impl Write,
    query: &str,
    buckets: &[Bucket],
    layout: &HistogramLayout,
) -> io::Result<()> {
    let HistogramLayout {
        measure,
        relative,
        style,
        ..
    } = *layout;
    let value = |b: &Bucket| b.value(measure, relative).unwrap_or(0.0);
    let max = buckets.iter().map(value).fold(0.0, f64::max);
    let of = |b: &Bucket| match measure {
        Measure::Articles => (b.count, b.total),
        Measure::Occurrences => (b.occurrences, b.words),
    };
    let label = |b: &Bucket| {
        if relative {
            match relative_figure(b, measure) {
                Some(figure) => format!("{figure:>6}  ({}/{})", of(b).0, of(b).1),
                None => "    –".to_owned(),
            }
        } else {
            b.measured(measure).to_string()
        }
    };
    let name = |b: &Bucket| {
        if layout.by == "folder" {
            super::escape(folder_label(&b.period)).into_owned()
        } else {
            b.period.clone()
        }
    };
    let name_width = buckets
        .iter()
        .map(|b| super::columns::width(&name(b)))
        .max()
        .unwrap_or(0);
    let label_width = buckets
        .iter()
        .map(|b| label(b).chars().count())
        .max()
        .unwrap_or(0);
    // "NAME │BAR LABEL"
    let width = bar_cells(layout.columns, name_width + 2 + 1 + label_width);
    for bucket in buckets {
        let cells = bar(value(bucket), max, width);
        let pad = width - cells.chars().count();
        let shown = name(bucket);
        let name_pad = name_width - super::columns::width(&shown);
        writeln!(
            out,
            "{}{} │{}{} {}",
            style.date(&shown),
            " ".repeat(name_pad),
            style.highlight(&cells),
            " ".repeat(pad),
            label(bucket)
        )?;
    }
    writeln!(
        out,
        "{}",
        style.dim(&histogram_summary(query, buckets, layout))
    )
}

/// The line under a histogram: the totals, the span, and the highest bar.
fn histogram_summary(query: &str, buckets: &[Bucket], layout: &HistogramLayout) -> String {
    let (measure, relative) = (layout.measure, layout.relative);
    let value = |b: &Bucket| b.value(measure, relative).unwrap_or(0.0);
    let articles: u64 = buckets.iter().map(|b| b.count).sum();
    let mut line = match measure {
        Measure::Articles => super::plural(articles as usize, "article", "articles"),
        Measure::Occurrences => {
            let occurrences: u64 = buckets.iter().map(|b| b.occurrences).sum();
            format!(
                "{} in {}",
                super::plural(occurrences as usize, "occurrence", "occurrences"),
                super::plural(articles as usize, "article", "articles")
            )
        }
    };
    if !query.trim().is_empty() {
        line.push_str(&format!(" matching '{}'", super::escape(query)));
    }
    let folders = layout.by == "folder";
    match (buckets.first(), buckets.last()) {
        _ if folders => line.push_str(&format!(
            " in {}",
            super::plural(buckets.len(), "folder", "folders")
        )),
        (Some(first), Some(last)) => {
            line.push_str(&format!(" from {} to {}", first.period, last.period));
        }
        _ => {}
    }
    // The bucket the chart shows highest (the first of equals).
    let peak =
        buckets
            .iter()
            .filter(|b| b.measured(measure) > 0)
            .fold(None::<&Bucket>, |best, b| match best {
                Some(best) if value(best) >= value(b) => Some(best),
                _ => Some(b),
            });
    let name = |b: &Bucket| {
        if folders {
            super::escape(folder_label(&b.period)).into_owned()
        } else {
            b.period.clone()
        }
    };
    match (peak, measure) {
        (Some(peak), Measure::Articles) if relative => line.push_str(&format!(
            "; highest share in {} ({}, {} of {})",
            name(peak),
            percent(peak.share().unwrap_or(0.0)),
            peak.count,
            peak.total
        )),
        (Some(peak), Measure::Occurrences) if relative => line.push_str(&format!(
            "; highest rate in {} ({} per million words, {} in {})",
            name(peak),
            figure(peak.per_million().unwrap_or(0.0)),
            peak.occurrences,
            peak.words
        )),
        (Some(peak), _) => line.push_str(&format!(
            "; most in {} ({})",
            name(peak),
            peak.measured(measure)
        )),
        (None, _) => {}
    }
    line
}

/// The histogram as one JSON object.
pub fn print_histogram_json(
    out: &mut impl Write,
    query: &str,
    buckets: &[Bucket],
    layout: &HistogramLayout,
) -> io::Result<()> {
    let occurrences = layout.measure == Measure::Occurrences;
    let json = HistogramJson {
        query: (!query.trim().is_empty()).then_some(query),
        by: layout.by,
        measure: measure_name(layout.measure),
        relative: layout.relative,
        total: buckets.iter().map(|b| b.count).sum(),
        occurrences: occurrences.then(|| buckets.iter().map(|b| b.occurrences).sum()),
        buckets: buckets.iter().map(|b| bucket_json(b, layout)).collect(),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

/// `period,count,total,share` (`folder,…` by folder), and with `--measure occurrences`
/// `,occurrences,words,per_million`.
pub fn print_histogram_csv(
    out: &mut impl Write,
    buckets: &[Bucket],
    layout: &HistogramLayout,
) -> io::Result<()> {
    let first = if layout.by == "folder" {
        "folder"
    } else {
        "period"
    };
    let occurrences = layout.measure == Measure::Occurrences;
    let extra = if occurrences {
        ",occurrences,words,per_million"
    } else {
        ""
    };
    writeln!(out, "{first},count,total,share{extra}")?;
    let rounded = |x: Option<f64>| x.map(|s| round_share(s).to_string()).unwrap_or_default();
    for b in buckets {
        write!(
            out,
            "{},{},{},{}",
            super::csv_field(&b.period),
            b.count,
            b.total,
            rounded(b.share())
        )?;
        if occurrences {
            write!(
                out,
                ",{},{},{}",
                b.occurrences,
                b.words,
                rounded(b.per_million())
            )?;
        }
        writeln!(out)?;
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
        assert_eq!(figure(431.25), "431.2");
    }
}
