//! The arguments of the commands that count over time: `histogram`, `trend`, `report`.

use clap::{Args, ValueEnum};

use super::{FolderArgs, RangeArgs, SynonymsArgs};

/// How counts over time are shown, shared by `histogram` and `trend`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// What to count: matching articles, or the occurrences of the query's words and
    /// phrases in them.
    #[arg(long, value_enum, default_value_t = MeasureArg::Articles)]
    pub measure: MeasureArg,

    /// Show each count relative to its period: a share of all its articles in percent,
    /// or (with --measure occurrences) occurrences per million of its words.
    #[arg(long)]
    pub relative: bool,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
}

/// Arguments of `krant histogram`.
#[derive(Debug, Args)]
pub struct HistogramArgs {
    /// The query (none: all articles).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    #[command(flatten)]
    pub folders: FolderArgs,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Count per month, quarter or year, or per folder of the corpus.
    #[arg(long, value_enum)]
    pub by: Option<HistogramByArg>,

    /// With --by folder: folders this many levels below the corpus root (an article
    /// less deep counts for its own folder) [default: 1].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=100))]
    pub depth: Option<u16>,

    #[command(flatten)]
    pub timeline: TimelineArgs,
}

/// Arguments of `krant trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The queries to compare, one argument each (quote multi-word queries).
    #[arg(value_name = "QUERY", required = true)]
    pub queries: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    #[command(flatten)]
    pub folders: FolderArgs,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Count per month, quarter or year [default: month; the text falls back to
    /// quarters or years when monthly sparklines do not fit the terminal].
    #[arg(long, value_enum)]
    pub by: Option<PeriodArg>,

    #[command(flatten)]
    pub timeline: TimelineArgs,
}

/// Arguments of `krant report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The queries, one argument each (quote multi-word queries).
    #[arg(value_name = "QUERY", required = true)]
    pub queries: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    #[command(flatten)]
    pub folders: FolderArgs,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Count per month, quarter or year in the chart.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub by: PeriodArg,

    /// Chart each count as a share of all articles of that period, in percent.
    #[arg(long)]
    pub relative: bool,

    /// The best articles to show for each query.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub hits: u32,

    /// KWIC lines to show for each query, from its best articles.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub kwic: u32,
}

/// `--by` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Calendar months.
    Month,
    /// Quarters (YYYY-Qn).
    Quarter,
    /// Calendar years.
    Year,
}

/// `--by` values of `histogram`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistogramByArg {
    /// Calendar months.
    Month,
    /// Quarters (YYYY-Qn).
    Quarter,
    /// Calendar years.
    Year,
    /// Folders of the corpus (the top-level ones, or at --depth).
    Folder,
}

/// `--measure` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MeasureArg {
    /// Matching articles.
    Articles,
    /// Occurrences of the query's words and phrases in the matching articles.
    Occurrences,
}

/// `--format` values of `histogram` and `trend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table and chart.
    Text,
    /// One JSON object.
    Json,
    /// A header row, then one row per period.
    Csv,
    /// A chart as an SVG 1.1 file: bars for one query, lines for several.
    Svg,
}
