//! The command line, as clap sees it. Nothing here is checked beyond its syntax: that is
//! `config`'s job.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod analytics;
mod deferred;
mod search;
mod timeline;

pub(crate) use analytics::{CollocationsArgs, CollocationsFormat, ExportArgs, KeywordsArgs};
pub(crate) use deferred::Deferred;
pub(crate) use search::{
    HitsFormat, KwicArgs, KwicFormat, KwicSortArg, SearchArgs, ShowArgs, SortArg,
};
pub(crate) use timeline::{
    HistogramArgs, HistogramByArg, MeasureArg, PeriodArg, ReportArgs, TableFormat, TrendArgs,
};

const MAIN_EXAMPLES: &str = "\
Examples:
  krant index corpus                        build or update the index of ./corpus
  krant search kalifaat                     search (builds the index of ./corpus if needed)
  krant search vluchteling --from 2015 --to 2016-06
  krant search '\"de zomer van 2014\"' --format json
  krant search --from 2019                  list the articles of 2019 and later, newest first

The index is the folder .krant in the current folder or the nearest folder above it
(as git finds .git), unless --index or KRANT_INDEX names one; `krant index` creates
./.krant when there is none.
Exit codes: 0 success (search: hits found), 1 search found nothing, 2 error, 130 interrupted.";

/// krant: offline search for archives of Dutch news articles.
///
/// Indexes a folder of plain-text articles (each starting with `date YYYY-MM`) and searches
/// it with Dutch-aware matching: vluchteling finds vluchtelingen, belgie finds België.
#[derive(Debug, Parser)]
#[command(name = "krant", version, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// Index folder [default: .krant in the current folder or the nearest folder above
    /// it].
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
    Index(Deferred<IndexArgs>),
    /// Search the index.
    #[command(after_help = "\
Query language:
  vluchteling belgie          both words (stemmed: also vluchtelingen, België)
  mosul OR raqqa              either word
  kalifaat -syrie             without a word (also: NOT syrie; a query that starts
                              with '-' needs -- before it: krant search -- -syrie mosul)
  \"de zomer van 2014\"         a phrase; \"kalifaat uitgeroepen\"~3 allows 3 words between
  (mosul OR raqqa) kalifaat   grouping
  vluchtel*  kalifat~1        prefix; up to 1 typo
  title:kalifaat              only in titles (text: only in the text)
  date:2017-10..2017-12       a month range (also date:2017, date:>=2019-06)

Examples:
  krant search kalifaat --from 2017-01 --to 2017-12
  krant search 'IS-strijders' --limit 3 --format json
  krant search mosul --sort newest --format csv > mosul.csv
  krant search raqqa --format paths | xargs wc -w
  krant search --from 2019 --to 2019   list 2019's articles, newest first")]
    Search(Deferred<SearchArgs>),
    /// Count matching articles or occurrences over time or per folder, as a bar chart.
    #[command(after_help = "\
Examples:
  krant histogram kalifaat
  krant histogram vluchtelingen --from 2015 --to 2016 --relative
  krant histogram IS --by year --format csv
  krant histogram vluchteling --measure occurrences --relative
  krant histogram kabinet --by folder --depth 2 --in nrc
  krant histogram kalifaat --format svg > kalifaat.svg")]
    Histogram(Deferred<HistogramArgs>),
    /// Compare several queries over time, side by side.
    #[command(after_help = "\
Examples:
  krant trend kalifaat vluchtelingen brexit
  krant trend mosul raqqa --by year --relative --format json
  krant trend kalifaat IS --measure occurrences --in nrc
  krant trend mosul raqqa --relative --format svg > mosul-raqqa.svg")]
    Trend(Deferred<TrendArgs>),
    /// Write an HTML report: the queries' trend, totals, best articles and KWIC lines.
    #[command(after_help = "\
Examples:
  krant report kalifaat mosul raqqa > report.html
  krant report vluchteling asielzoeker --from 2015 --to 2016 --relative > asiel.html

The page is one file with nothing to fetch (no script, font or stylesheet): it opens
from disk in any browser and prints. Its last part names the corpus, the index, the
analyzer's version and the date of the last `krant index`, and the command that makes
it again.")]
    Report(Deferred<ReportArgs>),
    /// Keyword in context: every occurrence, aligned in a centre column.
    #[command(after_help = "\
Examples:
  krant kwic kalifaat
  krant kwic vluchteling --width 30 --sort left
  krant kwic '\"de zomer van 2014\"' --format tsv > zomer.tsv")]
    Kwic(Deferred<KwicArgs>),
    /// The words over-represented in the matching articles (log-likelihood).
    #[command(after_help = "\
Examples:
  krant keywords kalifaat
  krant keywords vluchteling --from 2015 --to 2016 --limit 50 --format csv
  krant keywords kabinet --in nrc --against 'kabinet path:trouw'")]
    Keywords(Deferred<KeywordsArgs>),
    /// The words that occur near the matches more often than chance (log-likelihood).
    #[command(after_help = "\
Examples:
  krant collocations vluchteling
  krant collocations kalifaat --window 3 --format tsv > kalifaat.tsv")]
    Collocations(Deferred<CollocationsArgs>),
    /// Copy the matching articles to a folder, or print them as JSON lines.
    #[command(after_help = "\
Examples:
  krant export kalifaat --from 2017 --out kalifaat-2017
  krant export vluchteling --in nrc --format jsonl > vluchteling.jsonl")]
    Export(Deferred<ExportArgs>),
    /// Print one article.
    #[command(after_help = "\
Examples:
  krant show 003_5a7d77b3f7003312.txt
  krant show 003_5a7d77b3f7003312.txt --highlight 'kalifaat OR Raqqa'")]
    Show(Deferred<ShowArgs>),
    /// Describe the index: articles, months, size, versions.
    Stats(Deferred<StatsArgs>),
    /// Read every file of the index and say whether it is sound.
    #[command(after_help = "\
Reads each file of the index whole and compares it with its checksum, then reads every
term, column and stored title as a search would. Exit codes: 0 sound, 2 damaged (each
problem is listed; `krant index --rebuild` repairs it).")]
    Check(Deferred<CheckArgs>),
    /// Show how text is analyzed: each token, and which filter made or changed it.
    #[command(after_help = "\
Examples:
  krant analyze 'De vluchtelingen in België'
  krant analyze --query 'IS-strijders \"de zomer\"'
  krant analyze vluchtelingenprobleem --format json")]
    Analyze(Deferred<AnalyzeArgs>),
    /// List the word forms in the index that share a word's stem, with counts.
    #[command(after_help = "\
Examples:
  krant terms vluchteling     vluchtelingen, vluchteling, … and compounds such as vluchtelingenkamp
  krant terms gewond --format json")]
    Terms(Deferred<TermsArgs>),
    /// Print a shell completion script (bash, zsh, fish, …).
    #[command(after_help = "\
Install:
  krant completions bash > ~/.local/share/bash-completion/completions/krant
  krant completions zsh > ~/.zfunc/_krant        (with fpath+=~/.zfunc in .zshrc)
  krant completions fish > ~/.config/fish/completions/krant.fish")]
    Completions(Deferred<CompletionsArgs>),
    /// Print the manual page (roff).
    #[command(after_help = "\
Install:
  krant man > ~/.local/share/man/man1/krant.1 && man krant")]
    Man,
}

/// `--from`/`--to`, shared by every command that filters by month.
#[derive(Debug, Args)]
pub struct RangeArgs {
    /// First month, inclusive: YYYY or YYYY-MM (2017 means 2017-01).
    #[arg(long, value_name = "YYYY[-MM]")]
    pub from: Option<String>,

    /// Last month, inclusive: YYYY or YYYY-MM (2017 means 2017-12).
    #[arg(long, value_name = "YYYY[-MM]")]
    pub to: Option<String>,
}

/// `--in`, shared by the commands that select articles.
#[derive(Debug, Args)]
pub struct FolderArgs {
    /// Only the articles in this folder, at any depth: a path relative to the corpus
    /// root (nrc/2017), or a folder of the corpus from the current folder; repeat for
    /// several.
    #[arg(long = "in", value_name = "FOLDER")]
    pub folders: Vec<PathBuf>,
}

/// `--synonyms`, for the commands that match queries (indexing does not use it).
#[derive(Debug, Args)]
pub struct SynonymsArgs {
    /// Synonym groups to expand queries with: one group per line, members separated by
    /// commas (IS, ISIS, Daesh, Islamitische Staat).
    #[arg(long, env = "KRANT_SYNONYMS", value_name = "FILE")]
    pub synonyms: Option<PathBuf>,
}

/// The index writer's default memory budget, in MB.
pub const DEFAULT_MEMORY_MB: u32 = 256;

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
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MEMORY_MB,
          value_parser = clap::value_parser!(u32).range(15..=4000))]
    pub memory: u32,

    /// Show what would change (each file with -v) and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Let the run remove more than half of the index (and more than 10 articles): by
    /// default it stops, in case the archive's disk is not mounted.
    #[arg(long)]
    pub allow_removals: bool,

    /// Also write the ingestion report (skipped files, duplicates, empty months) as JSON.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Summary format: a line on stderr, or one JSON object on stdout.
    #[arg(short, long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// Arguments of `krant stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// Arguments of `krant check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// Arguments of `krant analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The text to analyze (several arguments are joined).
    #[arg(value_name = "TEXT", required = true)]
    pub text: Vec<String>,

    /// Analyze as a query is analyzed, instead of as article text.
    #[arg(long)]
    pub query: bool,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// Arguments of `krant terms`.
#[derive(Debug, Args)]
pub struct TermsArgs {
    /// The word whose stem to look up.
    #[arg(value_name = "WORD")]
    pub word: String,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// Arguments of `krant completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `--format` values of `keywords`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Text,
    /// One JSON object.
    Json,
    /// A header row, then one row per word.
    Csv,
}

/// `--format` values of `index`, `show` and `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Readable text.
    Text,
    /// One JSON object.
    Json,
}
