//! The settings of the commands that count over time: `histogram`, `trend`, `report`.

use std::path::PathBuf;

use anyhow::Result;

use super::{Global, ParsedQuery, month_range, parse_query, with_synonyms};
use crate::cli::{
    HistogramArgs, HistogramByArg, MeasureArg, PeriodArg, ReportArgs, TableFormat, TrendArgs,
};
use crate::date::MonthRange;
use crate::error::failure;
use crate::periods::{Measure, Period};
use crate::query::Expr;

/// The output formats of `histogram` and `trend`. The other commands keep their own precise
/// format types through to their printers (`SummaryFormat`, `ListFormat`, `HitsFormat`,
/// `KwicFormat`), so that each match is exhaustive and a new format cannot fall into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Readable text.
    Text,
    /// One JSON object.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// An SVG chart (`histogram`, `trend`).
    Svg,
}

/// Settings of `krant histogram`.
#[derive(Debug, Clone)]
pub struct HistogramConfig {
    /// Shared settings.
    pub global: Global,
    /// The query.
    pub query: ParsedQuery,
    /// Months to cover.
    pub range: MonthRange,
    /// `--in`: the folders to keep to, as typed (resolved against the corpus root once
    /// the index is open); empty for every article.
    pub folders: Vec<PathBuf>,
    /// Per month, quarter or year, or per folder.
    pub by: Breakdown,
    /// What is counted.
    pub measure: Measure,
    /// Shares (or rates) instead of counts.
    pub relative: bool,
    /// Text, JSON or CSV.
    pub format: OutputFormat,
}

/// How `krant histogram` splits its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    /// Per period.
    Time(Period),
    /// Per folder, at this depth below the corpus root (at least 1).
    Folder(usize),
}

/// Settings of `krant trend`.
#[derive(Debug, Clone)]
pub struct TrendConfig {
    /// Shared settings.
    pub global: Global,
    /// The queries, in the order given.
    pub queries: Vec<ParsedQuery>,
    /// Months to cover.
    pub range: MonthRange,
    /// `--in`: the folders to keep to, as typed (resolved against the corpus root once
    /// the index is open); empty for every article.
    pub folders: Vec<PathBuf>,

    /// Months, quarters or years.
    pub period: Period,
    /// Whether `--by` chose the period (else text may fall back to a coarser one).
    pub period_given: bool,
    /// What is counted.
    pub measure: Measure,
    /// Shares (or rates) instead of counts.
    pub relative: bool,
    /// Text, JSON or CSV.
    pub format: OutputFormat,
}

/// Settings of `krant report`.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    /// Shared settings.
    pub global: Global,
    /// The queries, in the order given.
    pub queries: Vec<ParsedQuery>,
    /// Months to cover.
    pub range: MonthRange,
    /// `--in`: the folders to keep to, as typed.
    pub folders: Vec<PathBuf>,
    /// Months, quarters or years in the chart.
    pub period: Period,
    /// Shares instead of counts in the chart.
    pub relative: bool,
    /// The best articles per query.
    pub hits: usize,
    /// KWIC lines per query.
    pub kwic: usize,
}

/// `krant histogram`'s settings: `--depth` only by folder, words to count for occurrences.
pub(super) fn histogram_config(global: Global, args: HistogramArgs) -> Result<HistogramConfig> {
    let by = match (args.by, args.depth) {
        (Some(HistogramByArg::Folder), depth) => Breakdown::Folder(depth.map_or(1, usize::from)),
        (_, Some(_)) => {
            return Err(failure(
                "--depth counts folders, and this histogram is not by folder",
                "add --by folder (krant histogram QUERY --by folder --depth 2)",
            ));
        }
        (Some(HistogramByArg::Month) | None, None) => Breakdown::Time(Period::Month),
        (Some(HistogramByArg::Quarter), None) => Breakdown::Time(Period::Quarter),
        (Some(HistogramByArg::Year), None) => Breakdown::Time(Period::Year),
    };
    let measure = measure(args.timeline.measure);
    let query = parse_query(&args.query.join(" "))?;
    if measure == Measure::Occurrences && !query.expr.as_ref().is_some_and(Expr::has_words) {
        return Err(failure(
            "--measure occurrences counts a query's words, and there are none",
            "give words to count (krant histogram vluchteling --measure occurrences)",
        ));
    }
    Ok(HistogramConfig {
        global: with_synonyms(global, &args.synonyms),
        query,
        range: month_range(args.range.from.as_deref(), args.range.to.as_deref())?,
        folders: args.folders.folders,
        by,
        measure,
        relative: args.timeline.relative,
        format: table_format(args.timeline.format),
    })
}

/// `krant trend`'s settings.
pub(super) fn trend_config(global: Global, args: TrendArgs) -> Result<TrendConfig> {
    words_to_count(TrendConfig {
        global: with_synonyms(global, &args.synonyms),
        queries: args
            .queries
            .iter()
            .map(|q| parse_query(q))
            .collect::<Result<_>>()?,
        range: month_range(args.range.from.as_deref(), args.range.to.as_deref())?,
        folders: args.folders.folders,
        period: period(args.by),
        period_given: args.by.is_some(),
        measure: measure(args.timeline.measure),
        relative: args.timeline.relative,
        format: table_format(args.timeline.format),
    })
}

/// `krant report`'s settings.
pub(super) fn report_config(global: Global, args: ReportArgs) -> Result<ReportConfig> {
    Ok(ReportConfig {
        global: with_synonyms(global, &args.synonyms),
        queries: args
            .queries
            .iter()
            .map(|q| parse_query(q))
            .collect::<Result<_>>()?,
        range: month_range(args.range.from.as_deref(), args.range.to.as_deref())?,
        folders: args.folders.folders,
        period: period(Some(args.by)),
        relative: args.relative,
        hits: args.hits as usize,
        kwic: args.kwic as usize,
    })
}

fn table_format(arg: TableFormat) -> OutputFormat {
    match arg {
        TableFormat::Text => OutputFormat::Text,
        TableFormat::Json => OutputFormat::Json,
        TableFormat::Csv => OutputFormat::Csv,
        TableFormat::Svg => OutputFormat::Svg,
    }
}

fn period(arg: Option<PeriodArg>) -> Period {
    match arg {
        None | Some(PeriodArg::Month) => Period::Month,
        Some(PeriodArg::Quarter) => Period::Quarter,
        Some(PeriodArg::Year) => Period::Year,
    }
}

fn measure(arg: MeasureArg) -> Measure {
    match arg {
        MeasureArg::Articles => Measure::Articles,
        MeasureArg::Occurrences => Measure::Occurrences,
    }
}

/// A trend of occurrences needs words in every query.
fn words_to_count(config: TrendConfig) -> Result<TrendConfig> {
    if config.measure == Measure::Occurrences
        && let Some(query) = config
            .queries
            .iter()
            .find(|q| !q.expr.as_ref().is_some_and(Expr::has_words))
    {
        return Err(failure(
            format!(
                "--measure occurrences counts a query's words, and '{}' has none",
                query.text
            ),
            "give each query words to count",
        ));
    }
    Ok(config)
}
