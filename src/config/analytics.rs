//! Settings of the corpus-analytics commands: `keywords`, `collocations`, `export`.

use std::path::PathBuf;

use anyhow::Result;

use super::{Global, ParsedQuery, month_range, parse_query, with_synonyms};
use crate::cli::{CollocationsArgs, CollocationsFormat, ExportArgs, KeywordsArgs, ListFormat};
use crate::date::MonthRange;
use crate::error::failure;

/// Settings of `krant keywords`.
#[derive(Debug, Clone)]
pub struct KeywordsConfig {
    /// Shared settings.
    pub global: Global,
    /// The articles studied.
    pub query: ParsedQuery,
    /// `--against`: the articles compared with, else the rest of the archive.
    pub against: Option<ParsedQuery>,
    /// Months to cover.
    pub range: MonthRange,
    /// `--in`, as typed.
    pub folders: Vec<PathBuf>,
    /// Keywords to list.
    pub limit: usize,
    /// The least count in the matching articles.
    pub min_count: u64,
    /// Text, JSON or CSV.
    pub format: ListFormat,
}

/// Settings of `krant collocations`.
#[derive(Debug, Clone)]
pub struct CollocationsConfig {
    /// Shared settings.
    pub global: Global,
    /// The words whose neighbours are counted.
    pub query: ParsedQuery,
    /// Months to cover.
    pub range: MonthRange,
    /// `--in`, as typed.
    pub folders: Vec<PathBuf>,
    /// Words on each side of a match.
    pub window: usize,
    /// Collocates to list.
    pub limit: usize,
    /// The least count near the matches.
    pub min_count: u64,
    /// Text, JSON, CSV or TSV.
    pub format: CollocationsFormat,
}

/// Settings of `krant export`.
#[derive(Debug, Clone)]
pub struct ExportConfig {
    /// Shared settings.
    pub global: Global,
    /// The articles exported.
    pub query: ParsedQuery,
    /// Months to cover.
    pub range: MonthRange,
    /// `--in`, as typed.
    pub folders: Vec<PathBuf>,
    /// Where the copies go; `None`: JSON lines on stdout.
    pub out: Option<PathBuf>,
    /// Write into a folder that is not empty.
    pub force: bool,
}

pub(super) fn keywords_config(global: Global, args: KeywordsArgs) -> Result<KeywordsConfig> {
    Ok(KeywordsConfig {
        global: with_synonyms(global, &args.synonyms),
        query: parse_query(&args.query.join(" "))?,
        against: args.against.as_deref().map(parse_query).transpose()?,
        range: month_range(args.range.from.as_deref(), args.range.to.as_deref())?,
        folders: args.folders.folders,
        limit: args.limit,
        min_count: args.min_count.max(1),
        format: args.format,
    })
}

pub(super) fn collocations_config(
    global: Global,
    args: CollocationsArgs,
) -> Result<CollocationsConfig> {
    let query = parse_query(&args.query.join(" "))?;
    if !query
        .expr
        .as_ref()
        .is_some_and(crate::query::Expr::has_words)
    {
        return Err(failure(
            "collocations are the neighbours of a query's words, and there are none",
            "give words (krant collocations vluchteling)",
        ));
    }
    Ok(CollocationsConfig {
        global: with_synonyms(global, &args.synonyms),
        query,
        range: month_range(args.range.from.as_deref(), args.range.to.as_deref())?,
        folders: args.folders.folders,
        window: usize::from(args.window),
        limit: args.limit,
        min_count: args.min_count.max(1),
        format: args.format,
    })
}

pub(super) fn export_config(global: Global, args: ExportArgs) -> Result<ExportConfig> {
    if args.out.is_none() && args.format.is_none() {
        return Err(failure(
            "export needs a place: --out DIR for copies, or --format jsonl for stdout",
            "krant export QUERY --out DIR, or krant export QUERY --format jsonl > FILE",
        ));
    }
    Ok(ExportConfig {
        global: with_synonyms(global, &args.synonyms),
        query: parse_query(&args.query.join(" "))?,
        range: month_range(args.range.from.as_deref(), args.range.to.as_deref())?,
        folders: args.folders.folders,
        out: args.out,
        force: args.force,
    })
}
