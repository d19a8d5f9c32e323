//! Turns the parsed command line into checked settings. Nothing below this module sees clap.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Cli, ColorChoice, Command, DEFAULT_MEMORY_MB, Deferred, IndexArgs, SynonymsArgs};
use crate::date::{Month, MonthRange, RangeEnd, parse_month_bound};
use crate::error::failure;
use crate::query::{self, Expr, Selection};

mod analytics;
mod search;
mod timeline;

pub(crate) use crate::cli::{ListFormat, SummaryFormat};
pub(crate) use analytics::{CollocationsConfig, ExportConfig, KeywordsConfig};
pub(crate) use search::{KwicConfig, KwicOutput, SearchConfig, ShowConfig};
pub(crate) use timeline::{Breakdown, HistogramConfig, OutputFormat, ReportConfig, TrendConfig};

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
            Config::Search(search::search_config(global, args)?)
        }
        Command::Histogram(Deferred(args)) => {
            Config::Histogram(timeline::histogram_config(global, args)?)
        }
        Command::Keywords(Deferred(args)) => {
            Config::Keywords(analytics::keywords_config(global, args)?)
        }
        Command::Collocations(Deferred(args)) => {
            Config::Collocations(analytics::collocations_config(global, args)?)
        }
        Command::Export(Deferred(args)) => Config::Export(analytics::export_config(global, args)?),
        Command::Trend(Deferred(args)) => Config::Trend(timeline::trend_config(global, args)?),
        Command::Report(Deferred(args)) => Config::Report(timeline::report_config(global, args)?),
        Command::Kwic(Deferred(args)) => Config::Kwic(search::kwic_config(global, args)?),
        Command::Show(Deferred(args)) => Config::Show(search::show_config(global, args)?),
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
