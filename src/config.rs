//! Turns the parsed command line into checked settings. Nothing below this module sees clap.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Cli, ColorChoice, Command, FormatArg, IndexArgs, SearchArgs, SortArg};
use crate::date::{DateError, Month, MonthRange, RangeEnd, parse_month_bound};
use crate::error::failure;
use crate::query::{self, Query, Sort};

/// Where the index lives when neither `--index` nor `KRANT_INDEX` says.
pub const DEFAULT_INDEX_DIR: &str = ".krant";

/// The corpus folder used when none is given and the index records none.
pub const DEFAULT_CORPUS_DIR: &str = "corpus";

/// Settings every command shares.
#[derive(Debug, Clone)]
pub struct Global {
    /// The index folder.
    pub index_dir: PathBuf,
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
}

/// A checked command.
#[derive(Debug, Clone)]
pub enum Config {
    /// `krant index`.
    Index(IndexConfig),
    /// `krant search`.
    Search(SearchConfig),
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
    /// Where to write the JSON ingestion report, if anywhere.
    pub report: Option<PathBuf>,
    /// How to print the summary.
    pub format: OutputFormat,
}

/// Output formats of `krant search` and `krant index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Readable text.
    Text,
    /// One JSON object.
    Json,
}

/// Settings of `krant search`.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    /// Shared settings.
    pub global: Global,
    /// The query.
    pub query: Query,
    /// How to print hits.
    pub format: OutputFormat,
}

/// Checks and resolves the command line.
pub fn resolve(cli: Cli) -> Result<Config> {
    let global = Global {
        index_dir: cli
            .index
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX_DIR)),
        quiet: cli.quiet,
        verbose: cli.verbose && !cli.quiet,
        stdout_color: wants_color(cli.color, std::io::stdout().is_terminal()),
        stderr_color: wants_color(cli.color, std::io::stderr().is_terminal()),
        stderr_is_terminal: std::io::stderr().is_terminal(),
    };
    Ok(match cli.command {
        Command::Index(args) => Config::Index(index_config(global, args)),
        Command::Search(args) => Config::Search(search_config(global, args)?),
    })
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
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    IndexConfig {
        global,
        corpus: args.corpus,
        rebuild: args.rebuild,
        follow_links: args.follow_links,
        threads: args.threads.map_or(cores, usize::from),
        memory_bytes: args.memory as usize * 1_000_000,
        dry_run: args.dry_run,
        report: args.report,
        format: match args.format {
            FormatArg::Text => OutputFormat::Text,
            FormatArg::Json => OutputFormat::Json,
        },
    }
}

fn search_config(global: Global, args: SearchArgs) -> Result<SearchConfig> {
    let range = month_range(args.from.as_deref(), args.to.as_deref())?;
    let text = args.query.join(" ");
    let expr = query::parse(&text).map_err(|e| {
        failure(
            format!("invalid query: {e}"),
            "see `krant search --help` for the query language",
        )
    })?;
    Ok(SearchConfig {
        global,
        query: Query {
            text,
            expr,
            range,
            sort: match args.sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Newest => Sort::Newest,
                SortArg::Oldest => Sort::Oldest,
            },
            limit: args.limit as usize,
            offset: args.offset as usize,
        },
        format: match args.format {
            FormatArg::Text => OutputFormat::Text,
            FormatArg::Json => OutputFormat::Json,
        },
    })
}

/// Parses `--from`/`--to` into a checked range.
pub fn month_range(from: Option<&str>, to: Option<&str>) -> Result<MonthRange> {
    let bound = |flag: &str, text: &str, end: RangeEnd| -> Result<Month> {
        parse_month_bound(text, end).map_err(|e| {
            let why = match e {
                DateError::Malformed => "expected YYYY or YYYY-MM".to_owned(),
                other => other.to_string(),
            };
            failure(
                format!("invalid {flag} '{text}': {why}"),
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
