//! The settings of the commands that find and show articles: `search`, `kwic`, `show`.

use std::path::PathBuf;

use anyhow::Result;

use super::{ALL, Global, ParsedQuery, month_range, parse_query, with_synonyms};
use crate::cli::{
    HitsFormat, KwicArgs, KwicFormat, KwicSortArg, SearchArgs, ShowArgs, SortArg, SummaryFormat,
};
use crate::concordance::KwicSort;
use crate::date::MonthRange;
use crate::error::failure;
use crate::output::HitsFormat as OutputHits;
use crate::query::{Query, Selection, Sort};

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

/// `krant search`'s settings; `global` already holds its synonyms.
pub(super) fn search_config(global: Global, args: SearchArgs) -> Result<SearchConfig> {
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

/// `krant kwic`'s settings: a query is needed.
pub(super) fn kwic_config(global: Global, args: KwicArgs) -> Result<KwicConfig> {
    let query = parse_query(&args.query.join(" "))?;
    if query.expr.is_none() {
        return Err(failure("kwic needs a query", "e.g. krant kwic kalifaat"));
    }
    let format = match args.format {
        KwicFormat::Text => KwicOutput::Text,
        KwicFormat::Tsv => KwicOutput::Tsv,
        KwicFormat::Json => KwicOutput::Json,
    };
    Ok(KwicConfig {
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

/// `krant show`'s settings.
pub(super) fn show_config(global: Global, args: ShowArgs) -> Result<ShowConfig> {
    Ok(ShowConfig {
        global: with_synonyms(global, &args.synonyms),
        path: typed_identity(&args.path),
        highlight: args.highlight.as_deref().map(parse_query).transpose()?,
        format: args.format,
    })
}

/// The identity of an article path as typed: its bytes (or their `\xHH` escapes).
fn typed_identity(path: &std::path::Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    crate::corpus::identity_of_typed(&bytes)
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
