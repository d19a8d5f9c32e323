//! Turns the parsed command line into checked settings. Nothing below this module sees clap.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{
    Cli, ColorChoice, Command, DEFAULT_MEMORY_MB, Deferred, HistogramArgs, HistogramByArg,
    HitsFormat, IndexArgs, KwicFormat, KwicSortArg, MeasureArg, PeriodArg, ReportArgs, SearchArgs,
    SortArg, SynonymsArgs, TableFormat,
};
use crate::concordance::KwicSort;
use crate::date::{Month, MonthRange, RangeEnd, parse_month_bound};
use crate::error::failure;
use crate::output::HitsFormat as OutputHits;
use crate::periods::{Measure, Period};
use crate::query::{self, Expr, Query, Selection, Sort};

mod analytics;

pub use crate::cli::{ListFormat, SummaryFormat};
pub use analytics::{CollocationsConfig, ExportConfig, KeywordsConfig};

/// Where the index lives when neither `--index` nor `KRANT_INDEX` says.
pub const DEFAULT_INDEX_DIR: &str = ".krant";

/// The corpus folder used when none is given and the index records none.
pub const DEFAULT_CORPUS_DIR: &str = "corpus";

/// Settings every command shares.
#[derive(Debug, Clone)]
pub struct Global {
    /// The index folder: `--index` (or `KRANT_INDEX`), else the one [`discover_index`]
    /// finds.
    pub index_dir: PathBuf,
    /// Whether `--index` (or `KRANT_INDEX`) chose it.
    pub index_given: bool,
    /// Print only results and errors.
    pub quiet: bool,
    /// Print per-file detail.
    pub verbose: bool,
    /// Whether stdout gets colour and bold.
    pub stdout_color: bool,
    /// Whether stderr gets colour and bold.
    pub stderr_color: bool,
    /// Whether stderr is a terminal (for progress display).
    pub stderr_is_terminal: bool,
    /// Whether stdout is a terminal (file names are escaped there).
    pub stdout_is_terminal: bool,
    /// The width of stdout's terminal in columns; `None` for a pipe or a file, which get
    /// fixed widths.
    pub stdout_columns: Option<usize>,
    /// The synonyms file, if any (`--synonyms`, for the commands that match queries).
    pub synonyms: Option<PathBuf>,
}

/// A checked command.
#[derive(Debug, Clone)]
pub enum Config {
    /// `krant index`.
    Index(IndexConfig),
    /// `krant search`.
    Search(SearchConfig),
    /// `krant histogram`.
    Histogram(HistogramConfig),
    /// `krant trend`.
    Trend(TrendConfig),
    /// `krant report`.
    Report(ReportConfig),
    /// `krant kwic`.
    Kwic(KwicConfig),
    /// `krant show`.
    Show(ShowConfig),
    /// `krant stats`.
    Stats(StatsConfig),
    /// `krant check`.
    Check(CheckConfig),
    /// `krant analyze`.
    Analyze(AnalyzeConfig),
    /// `krant terms`.
    Terms(TermsConfig),
    /// `krant keywords`.
    Keywords(KeywordsConfig),
    /// `krant collocations`.
    Collocations(CollocationsConfig),
    /// `krant export`.
    Export(ExportConfig),
    /// `krant completions`.
    Completions(clap_complete::Shell),
    /// `krant man`.
    Man,
}

/// Settings of `krant index`.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    /// Shared settings.
    pub global: Global,
    /// The corpus folder, if given on the command line.
    pub corpus: Option<PathBuf>,
    /// Drop the index and rebuild it.
    pub rebuild: bool,
    /// Follow symbolic links in the corpus.
    pub follow_links: bool,
    /// Threads for reading and for the index writer.
    pub threads: usize,
    /// Index writer memory budget, in bytes.
    pub memory_bytes: usize,
    /// Report what would change, write nothing.
    pub dry_run: bool,
    /// Let a run remove more than half of the index.
    pub allow_removals: bool,
    /// Where to write the JSON ingestion report, if anywhere.
    pub report: Option<PathBuf>,
    /// How to print the summary.
    pub format: SummaryFormat,
}

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

/// Settings of `krant search`.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    /// Shared settings.
    pub global: Global,
    /// The query (its `limit` is [`ALL`] for every hit).
    pub query: Query,
    /// How to print hits.
    pub format: OutputHits,
    /// End paths with NUL (`-0`).
    pub null: bool,
    /// Print only the number of matches.
    pub count_only: bool,
    /// `--in`: the folders to keep to, as typed (resolved against the corpus root once
    /// the index is open); empty for every article.
    pub folders: Vec<PathBuf>,
}

/// A limit of hits or lines that means every one.
pub const ALL: usize = usize::MAX;

/// A query as typed and parsed.
#[derive(Debug, Clone)]
pub struct ParsedQuery {
    /// As typed.
    pub text: String,
    /// Parsed; `None` for an empty query (all articles).
    pub expr: Option<Expr>,
}

impl ParsedQuery {
    /// The articles the query selects within `range`.
    pub fn within(&self, range: MonthRange) -> Selection {
        Selection {
            text: self.text.clone(),
            expr: self.expr.clone(),
            range,
        }
    }
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

/// `krant kwic`'s formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KwicOutput {
    /// Aligned lines.
    Text,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object.
    Json,
}

/// Settings of `krant kwic`.
#[derive(Debug, Clone)]
pub struct KwicConfig {
    /// Shared settings.
    pub global: Global,
    /// The query.
    pub query: ParsedQuery,
    /// Months to search.
    pub range: MonthRange,
    /// `--in`: the folders to keep to, as typed (resolved against the corpus root once
    /// the index is open); empty for every article.
    pub folders: Vec<PathBuf>,
    /// Columns of context per side, if given; else what fits the terminal (or 40).
    pub width: Option<usize>,
    /// Line order.
    pub sort: KwicSort,
    /// Lines to show ([`ALL`] for every line).
    pub limit: usize,
    /// Text, TSV or JSON.
    pub format: KwicOutput,
}

/// Settings of `krant show`.
#[derive(Debug, Clone)]
pub struct ShowConfig {
    /// Shared settings.
    pub global: Global,
    /// The article's path.
    pub path: String,
    /// A query whose matches to mark.
    pub highlight: Option<ParsedQuery>,
    /// Text or JSON.
    pub format: SummaryFormat,
}

/// Settings of `krant stats`.
#[derive(Debug, Clone)]
pub struct StatsConfig {
    /// Shared settings.
    pub global: Global,
    /// Text or JSON.
    pub format: SummaryFormat,
}

/// Settings of `krant check`.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// Shared settings.
    pub global: Global,
    /// Text or JSON.
    pub format: SummaryFormat,
}

/// Settings of `krant analyze`.
#[derive(Debug, Clone)]
pub struct AnalyzeConfig {
    /// The text.
    pub text: String,
    /// Query side instead of index side.
    pub query_side: bool,
    /// Text or JSON.
    pub format: SummaryFormat,
}

/// Settings of `krant terms`.
#[derive(Debug, Clone)]
pub struct TermsConfig {
    /// Shared settings.
    pub global: Global,
    /// The word.
    pub word: String,
    /// Text or JSON.
    pub format: SummaryFormat,
}

/// Checks and resolves the command line.
pub fn resolve(cli: Cli) -> Result<Config> {
    let global = Global {
        index_dir: cli.index.clone().unwrap_or_else(discover_index),
        index_given: cli.index.is_some(),
        quiet: cli.quiet,
        verbose: cli.verbose && !cli.quiet,
        stdout_color: wants_color(cli.color, std::io::stdout().is_terminal()),
        stderr_color: wants_color(cli.color, std::io::stderr().is_terminal()),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        stdout_is_terminal: std::io::stdout().is_terminal(),
        stdout_columns: terminal_columns(),
        synonyms: None,
    };
    Ok(match cli.command {
        Command::Index(Deferred(args)) => Config::Index(index_config(global, args)),
        Command::Search(Deferred(args)) => {
            let global = with_synonyms(global, &args.synonyms);
            Config::Search(search_config(global, args)?)
        }
        Command::Histogram(Deferred(args)) => Config::Histogram(histogram_config(global, args)?),
        Command::Keywords(Deferred(args)) => {
            Config::Keywords(analytics::keywords_config(global, args)?)
        }
        Command::Collocations(Deferred(args)) => {
            Config::Collocations(analytics::collocations_config(global, args)?)
        }
        Command::Export(Deferred(args)) => Config::Export(analytics::export_config(global, args)?),
        Command::Trend(Deferred(args)) => Config::Trend(words_to_count(TrendConfig {
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
        })?),
        Command::Report(Deferred(args)) => Config::Report(report_config(global, args)?),
        Command::Kwic(Deferred(args)) => {
            let query = parse_query(&args.query.join(" "))?;
            if query.expr.is_none() {
                return Err(failure("kwic needs a query", "e.g. krant kwic kalifaat"));
            }
            let format = match args.format {
                KwicFormat::Text => KwicOutput::Text,
                KwicFormat::Tsv => KwicOutput::Tsv,
                KwicFormat::Json => KwicOutput::Json,
            };
            Config::Kwic(KwicConfig {
                global: with_synonyms(global, &args.synonyms),
                query,
                range: month_range(args.range.from.as_deref(), args.range.to.as_deref())?,
                folders: args.folders.folders,
                width: args.width.map(usize::from),
                sort: match args.sort {
                    KwicSortArg::Left => KwicSort::Left,
                    KwicSortArg::Right => KwicSort::Right,
                    KwicSortArg::Date => KwicSort::Date,
                },
                limit: limit(args.limit, args.all, format == KwicOutput::Text, 100),
                format,
            })
        }
        Command::Show(Deferred(args)) => Config::Show(ShowConfig {
            global: with_synonyms(global, &args.synonyms),
            path: typed_identity(&args.path),
            highlight: args.highlight.as_deref().map(parse_query).transpose()?,
            format: args.format,
        }),
        Command::Stats(Deferred(args)) => Config::Stats(StatsConfig {
            format: args.format,
            global,
        }),
        Command::Check(Deferred(args)) => Config::Check(CheckConfig {
            format: args.format,
            global,
        }),
        Command::Analyze(Deferred(args)) => Config::Analyze(AnalyzeConfig {
            text: args.text.join(" "),
            query_side: args.query,
            format: args.format,
        }),
        Command::Terms(Deferred(args)) => Config::Terms(TermsConfig {
            word: args.word,
            format: args.format,
            global,
        }),
        Command::Completions(Deferred(args)) => Config::Completions(args.shell),
        Command::Man => Config::Man,
    })
}

/// The index folder when none is given: `.krant` in the current directory or in the
/// nearest folder above it that has one, as git finds `.git`, without leaving the file
/// system the current directory is on; `./.krant` when there is none (where `krant
/// index` creates it).
pub fn discover_index() -> PathBuf {
    let here = PathBuf::from(DEFAULT_INDEX_DIR);
    let Ok(cwd) = std::env::current_dir() else {
        return here;
    };
    let device = |dir: &std::path::Path| -> Option<u64> {
        #[cfg(unix)]
        {
            Some(std::os::unix::fs::MetadataExt::dev(
                &std::fs::metadata(dir).ok()?,
            ))
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Some(0u64)
        }
    };
    let start = device(&cwd);
    for dir in cwd.ancestors() {
        if device(dir) != start {
            break;
        }
        let candidate = dir.join(DEFAULT_INDEX_DIR);
        if candidate.symlink_metadata().is_ok() {
            return if dir == cwd { here } else { candidate };
        }
    }
    here
}

fn with_synonyms(global: Global, args: &SynonymsArgs) -> Global {
    Global {
        synonyms: args.synonyms.clone(),
        ..global
    }
}

fn wants_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
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

fn histogram_config(global: Global, args: HistogramArgs) -> Result<HistogramConfig> {
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

fn table_format(arg: TableFormat) -> OutputFormat {
    match arg {
        TableFormat::Text => OutputFormat::Text,
        TableFormat::Json => OutputFormat::Json,
        TableFormat::Csv => OutputFormat::Csv,
        TableFormat::Svg => OutputFormat::Svg,
    }
}

fn report_config(global: Global, args: ReportArgs) -> Result<ReportConfig> {
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

fn index_config(global: Global, args: IndexArgs) -> IndexConfig {
    IndexConfig {
        corpus: args.corpus,
        rebuild: args.rebuild,
        follow_links: args.follow_links,
        threads: args
            .threads
            .map_or_else(IndexConfig::all_cores, usize::from),
        memory_bytes: args.memory as usize * 1_000_000,
        dry_run: args.dry_run,
        allow_removals: args.allow_removals,
        report: args.report,
        format: args.format,
        ..IndexConfig::defaults(global)
    }
}

impl IndexConfig {
    /// `krant index` with every option at its default: what a first search runs.
    pub fn defaults(global: Global) -> IndexConfig {
        IndexConfig {
            global,
            corpus: None,
            rebuild: false,
            follow_links: false,
            threads: IndexConfig::all_cores(),
            memory_bytes: DEFAULT_MEMORY_MB as usize * 1_000_000,
            dry_run: false,
            allow_removals: false,
            report: None,
            format: SummaryFormat::Text,
        }
    }

    /// The cores this process may use (2 when the system will not say): the default
    /// thread count, and what `krant index` weighs its threads against.
    pub fn all_cores() -> usize {
        std::thread::available_parallelism().map_or(2, usize::from)
    }
}

/// The identity of an article path as typed: its bytes (or their `\xHH` escapes).
fn typed_identity(path: &std::path::Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    crate::corpus::identity_of_typed(&bytes)
}

/// Parses a query, turning a syntax error into a message that points at it.
pub fn parse_query(text: &str) -> Result<ParsedQuery> {
    let expr = query::parse(text).map_err(|e| {
        failure(
            format!("invalid query: {e}"),
            "see `krant search --help` for the query language",
        )
    })?;
    Ok(ParsedQuery {
        text: text.to_owned(),
        expr,
    })
}

/// A `--limit`: as given (0 and `--all` mean every one), else `text_default` for people
/// and every one for the other formats, which scripts read (as ripgrep prints every
/// match).
fn limit(given: Option<u32>, all: bool, text: bool, text_default: usize) -> usize {
    match given {
        _ if all => ALL,
        Some(0) => ALL,
        Some(n) => n as usize,
        None if text => text_default,
        None => ALL,
    }
}

/// The width of stdout's terminal: `COLUMNS` when set (as `ls` reads it), else what the
/// terminal says; `None` when stdout is not a terminal.
fn terminal_columns() -> Option<usize> {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    from_env.or_else(|| {
        terminal_size::terminal_size_of(&stdout)
            .map(|(terminal_size::Width(w), _)| usize::from(w))
            .filter(|&w| w > 0)
    })
}

fn search_config(global: Global, args: SearchArgs) -> Result<SearchConfig> {
    let range = month_range(args.range.from.as_deref(), args.range.to.as_deref())?;
    let ParsedQuery { text, expr } = parse_query(&args.query.join(" "))?;
    let format = match args.format {
        None if args.null => OutputHits::Paths,
        None | Some(HitsFormat::Text) => OutputHits::Text,
        Some(HitsFormat::Json) => OutputHits::Json,
        Some(HitsFormat::Ndjson) => OutputHits::Ndjson,
        Some(HitsFormat::Csv) => OutputHits::Csv,
        Some(HitsFormat::Paths) => OutputHits::Paths,
    };
    if args.null && format != OutputHits::Paths && !args.count {
        return Err(failure(
            "-0 (--null) ends paths with NUL, and this is not a list of paths",
            "use it with --format paths (or alone, which implies it)",
        ));
    }
    Ok(SearchConfig {
        global,
        query: Query {
            selection: Selection { text, expr, range },
            sort: match args.sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Newest => Sort::Newest,
                SortArg::Oldest => Sort::Oldest,
            },
            limit: limit(args.limit, args.all, format == OutputHits::Text, 10),
            offset: args.offset as usize,
        },
        format,
        null: args.null,
        count_only: args.count,
        folders: args.folders.folders,
    })
}

/// Parses `--from`/`--to` into a checked range.
pub fn month_range(from: Option<&str>, to: Option<&str>) -> Result<MonthRange> {
    let bound = |flag: &str, text: &str, end: RangeEnd| -> Result<Month> {
        parse_month_bound(text, end).map_err(|e| {
            failure(
                format!("invalid {flag} '{text}': {e}"),
                format!("write YYYY or YYYY-MM, e.g. {flag} 2017 or {flag} 2017-06"),
            )
        })
    };
    let range = MonthRange {
        from: from
            .map(|t| bound("--from", t, RangeEnd::Start))
            .transpose()?,
        to: to.map(|t| bound("--to", t, RangeEnd::End)).transpose()?,
    };
    if let (Some(from), Some(to)) = (range.from, range.to)
        && from > to
    {
        return Err(failure(
            format!("--from {from} is later than --to {to}"),
            "swap them, or leave one out for an open range",
        ));
    }
    Ok(range)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{hint_of, one_line};

    #[test]
    fn month_range_accepts_years_and_months() {
        let r = month_range(Some("2017"), Some("2017")).unwrap();
        assert_eq!(r.from.unwrap().to_string(), "2017-01");
        assert_eq!(r.to.unwrap().to_string(), "2017-12");
        let r = month_range(None, Some("2015-06")).unwrap();
        assert_eq!(r.from, None);
        assert_eq!(r.to.unwrap().to_string(), "2015-06");
    }

    #[test]
    fn month_range_errors_name_the_argument() {
        let e = month_range(Some("2017-13"), None).unwrap_err();
        assert_eq!(
            one_line(&e),
            "invalid --from '2017-13': month 13 does not exist (01–12)"
        );
        assert!(hint_of(&e).unwrap().contains("--from 2017"));
        let e = month_range(Some("2018-02"), Some("2017-12")).unwrap_err();
        assert_eq!(one_line(&e), "--from 2018-02 is later than --to 2017-12");
        let e = month_range(None, Some("june")).unwrap_err();
        assert_eq!(
            one_line(&e),
            "invalid --to 'june': expected YYYY or YYYY-MM"
        );
    }
}
