//! The command line, as clap sees it. Nothing here is checked beyond its syntax: that is
//! `config`'s job.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const MAIN_EXAMPLES: &str = "\
Examples:
  krant index corpus                        build or update the index of ./corpus
  krant search kalifaat                     search (builds the index of ./corpus if needed)
  krant search vluchteling --from 2015 --to 2016-06
  krant search '\"de zomer van 2014\"' --format json
  krant search --from 2019                  list the articles of 2019 and later, newest first

The index lives in ./.krant unless --index or KRANT_INDEX says otherwise.
Exit codes: 0 success (search: hits found), 1 search found nothing, 2 error, 130 interrupted.";

/// krant: offline search for archives of Dutch news articles.
///
/// Indexes a folder of plain-text articles (each starting with `date YYYY-MM`) and searches
/// it with Dutch-aware matching: vluchteling finds vluchtelingen, belgie finds België.
#[derive(Debug, Parser)]
#[command(name = "krant", version, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// Index folder [default: .krant in the current directory].
    #[arg(long, global = true, env = "KRANT_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to use colour and bold in output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print only results and errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Print more detail (every skipped file, every change).
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Colour policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index of a corpus folder.
    #[command(after_help = "\
Examples:
  krant index corpus          index ./corpus into ./.krant
  krant index                 update the index from the folder it was built from
  krant index ~/kranten --index ~/kranten.krant --rebuild
  krant index --dry-run -v    show what would change, write nothing
  krant index --report ingest.json --format json

Re-running is cheap: unchanged files are not read again, edited files are replaced and
deleted files removed, so the index always holds exactly the articles in the folder.")]
    Index(IndexArgs),
    /// Search the index.
    #[command(after_help = "\
Query language:
  vluchteling belgie          both words (stemmed: also vluchtelingen, België)
  mosul OR raqqa              either word
  kalifaat -syrie             without a word (also: NOT syrie)
  \"de zomer van 2014\"         a phrase
  (mosul OR raqqa) kalifaat   grouping
  vluchtel*                   words starting with vluchtel

Examples:
  krant search kalifaat --from 2017-01 --to 2017-12
  krant search 'IS-strijders' --limit 3 --format json
  krant search --from 2019 --to 2019   list 2019's articles, newest first")]
    Search(SearchArgs),
}

/// Arguments of `krant index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The corpus folder [default: the folder the index was built from, else ./corpus].
    #[arg(value_name = "CORPUS")]
    pub corpus: Option<PathBuf>,

    /// Drop the index and build it anew (needed after upgrading krant, or to index
    /// another folder).
    #[arg(long)]
    pub rebuild: bool,

    /// Follow symbolic links inside the corpus.
    #[arg(long)]
    pub follow_links: bool,

    /// Threads for reading and indexing [default: all cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "MB", default_value_t = 256,
          value_parser = clap::value_parser!(u32).range(15..=4000))]
    pub memory: u32,

    /// Show what would change (each file with -v) and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Also write the ingestion report (skipped files, duplicates, empty months) as JSON.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Summary format: a line on stderr, or one JSON object on stdout.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
}

/// Arguments of `krant search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query; several words are joined (quote phrases: '"de zomer"').
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// First month, inclusive: YYYY or YYYY-MM (2017 means 2017-01).
    #[arg(long, value_name = "YYYY[-MM]")]
    pub from: Option<String>,

    /// Last month, inclusive: YYYY or YYYY-MM (2017 means 2017-12).
    #[arg(long, value_name = "YYYY[-MM]")]
    pub to: Option<String>,

    /// Number of hits to show.
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,

    /// Hits to skip, for paging.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u32,

    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
}

/// `--sort` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first (newest first when there is no query).
    Relevance,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Readable text, highlighted on a terminal.
    Text,
    /// One JSON object.
    Json,
}
