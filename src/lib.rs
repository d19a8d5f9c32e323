//! krant: offline search for archives of Dutch news articles.
//!
//! Data flows one way:
//! - index: `Cli → IndexConfig → corpus::Walker + index catalog → ingest::plan → Article →
//!   index::Writer → IndexReport → printer`
//! - search: `Cli → SearchConfig → Query → index::Searcher → Hits → printer → stdout`

pub mod analysis;
pub(crate) mod chart;
pub mod cli;
pub(crate) mod cmd;
pub(crate) mod concordance;
pub mod config;
pub mod corpus;
pub mod date;
pub mod error;
pub mod index;
pub(crate) mod ingest;
pub mod output;
pub(crate) mod periods;
pub mod query;
pub(crate) mod report;
pub(crate) mod snippet;
pub(crate) mod stats;
pub(crate) mod synonyms;
pub(crate) mod until_exit;

use std::process::ExitCode;

use anyhow::Result;

use crate::config::Config;

/// Runs one command line; the binary maps the result to an exit code.
pub fn run(cli: cli::Cli) -> Result<ExitCode> {
    match config::resolve(cli)? {
        Config::Index(config) => cmd::index::run(&config),
        Config::Search(config) => cmd::search::run(&config),
        Config::Histogram(config) => cmd::histogram::run(&config),
        Config::Trend(config) => cmd::trend::run(&config),
        Config::Report(config) => cmd::report::run(&config),
        Config::Kwic(config) => cmd::kwic::run(&config),
        Config::Keywords(config) => cmd::keywords::run(&config),
        Config::Collocations(config) => cmd::collocations::run(&config),
        Config::Export(config) => cmd::export::run(&config),
        Config::Show(config) => cmd::show::run(&config),
        Config::Stats(config) => cmd::stats::run(&config),
        Config::Check(config) => cmd::check::run(&config),
        Config::Analyze(config) => cmd::analyze::run(&config),
        Config::Terms(config) => cmd::terms::run(&config),
        Config::Completions(shell) => cmd::completions::completions(shell),
        Config::Man => cmd::completions::man(),
    }
}
