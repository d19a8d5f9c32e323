//! The arguments of the commands that find and show articles: `search`, `kwic`, `show`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{FolderArgs, RangeArgs, SummaryFormat, SynonymsArgs};

/// Arguments of `krant search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query; several words are joined (quote phrases: '"de zomer"').
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    #[command(flatten)]
    pub folders: FolderArgs,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Number of hits to show [default: 10 in text, every hit in the other formats];
    /// 0 means all.
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<u32>,

    /// Show every hit (the same as --limit 0).
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    /// Hits to skip, for paging.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u32,

    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Print only the number of matching articles.
    #[arg(short, long)]
    pub count: bool,

    /// Output format [default: text, or paths with -0].
    #[arg(short, long, value_enum)]
    pub format: Option<HitsFormat>,

    /// End each path with a NUL byte instead of a line break, for `xargs -0` (implies
    /// --format paths).
    #[arg(short = '0', long)]
    pub null: bool,
}

/// Arguments of `krant kwic`.
#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The query whose matches to show.
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    #[command(flatten)]
    pub folders: FolderArgs,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Columns of context on each side [default: what fits the terminal, 40 when
    /// writing to a pipe or a file].
    #[arg(short, long, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub width: Option<u16>,

    /// Order of the lines.
    #[arg(long, value_enum, default_value_t = KwicSortArg::Date)]
    pub sort: KwicSortArg,

    /// Number of lines to show [default: 100 in text, every line in TSV and JSON]; 0
    /// means all.
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<u32>,

    /// Show every line (the same as --limit 0).
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = KwicFormat::Text)]
    pub format: KwicFormat,
}

/// Arguments of `krant show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's path relative to the corpus root, as search prints it (a byte of
    /// a file name that is not UTF-8 may be written \xHH).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Mark the matches of this query in the text.
    #[arg(long, value_name = "QUERY")]
    pub highlight: Option<String>,

    #[command(flatten)]
    pub synonyms: SynonymsArgs,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// `--sort` values of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first (newest first when there is no query).
    Relevance,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

/// `--sort` values of `kwic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicSortArg {
    /// By the words before the match, nearest first.
    Left,
    /// By the words after the match.
    Right,
    /// By date, then path.
    Date,
}

/// `--format` values of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HitsFormat {
    /// Readable text, highlighted on a terminal.
    Text,
    /// One JSON object.
    Json,
    /// One JSON object per hit, one per line.
    Ndjson,
    /// A header row, then one row per hit.
    Csv,
    /// One path per line that works from the current directory, for xargs.
    Paths,
}

/// `--format` values of `kwic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicFormat {
    /// Aligned lines.
    Text,
    /// Tab-separated: left, match, right, date, path.
    Tsv,
    /// One JSON object.
    Json,
}
