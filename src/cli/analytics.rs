//! The arguments of the corpus-analytics commands: `keywords`, `collocations`, `export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{FolderArgs, ListFormat, RangeArgs, SynonymsArgs};

/// Arguments of `krant keywords`.
#[derive(Debug, Args)]
pub struct KeywordsArgs {
    /// The articles whose keywords to find (several arguments are joined; none: every
    /// article of the range and folders).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    #[command(flatten)]
    pub folders: FolderArgs,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Compare with the articles of this query (in the same months and folders) instead
    /// of the rest of the archive.
    #[arg(long, value_name = "QUERY")]
    pub against: Option<String>,

    /// How many keywords to list.
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub limit: usize,

    /// Leave out words that occur fewer times than this in the matching articles.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_count: u64,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// Arguments of `krant collocations`.
#[derive(Debug, Args)]
pub struct CollocationsArgs {
    /// The words whose neighbours to find (several arguments are joined).
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    #[command(flatten)]
    pub folders: FolderArgs,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Words on each side of a match that count as near it.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u16).range(1..=50))]
    pub window: u16,

    /// How many collocates to list.
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub limit: usize,

    /// Leave out words seen fewer times than this near the matches.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_count: u64,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CollocationsFormat::Text)]
    pub format: CollocationsFormat,
}

/// `--format` values of `collocations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CollocationsFormat {
    /// A table.
    Text,
    /// One JSON object.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row, for spreadsheets.
    Tsv,
}

/// Arguments of `krant export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The articles to export (several arguments are joined; none: every article of the
    /// range and folders).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    #[command(flatten)]
    pub folders: FolderArgs,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Copy the matching article files into this folder, keeping their paths below the
    /// corpus root.
    #[arg(long, value_name = "DIR", conflicts_with = "format")]
    pub out: Option<PathBuf>,

    /// Write into an --out folder that is not empty (files of the same name are
    /// replaced).
    #[arg(long, requires = "out")]
    pub force: bool,

    /// Instead of copies: one JSON object per article on stdout, with its text.
    #[arg(short, long, value_enum)]
    pub format: Option<ExportFormat>,
}

/// `--format` values of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line: path, date, title, text and more.
    Jsonl,
}
