//! `krant histogram`: counts per period (or folder) as a chart, JSON and CSV, and the
//! JSON's wire types.

use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::bars::bar;
use super::csv::csv_field;
use super::json::write_line;
use super::numbers::{figure, percent, plural, round_share};
use super::series::{bar_cells, folder_label, measure_name, relative_figure};
use crate::periods::{Bucket, Measure};

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
        Measure::Articles => plural(articles as usize, "article", "articles"),
        Measure::Occurrences => {
            let occurrences: u64 = buckets.iter().map(|b| b.occurrences).sum();
            format!(
                "{} in {}",
                plural(occurrences as usize, "occurrence", "occurrences"),
                plural(articles as usize, "article", "articles")
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
            plural(buckets.len(), "folder", "folders")
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
    write_line(out, &json)
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
            csv_field(&b.period),
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
