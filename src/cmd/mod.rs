//! One file per subcommand: orchestration only.

pub mod analyze;
pub mod completions;
pub mod histogram;
pub mod index;
pub mod kwic;
pub mod search;
pub mod show;
pub mod stats;
pub mod terms;
pub mod trend;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use anyhow::Result;

use crate::config::{DEFAULT_CORPUS_DIR, Global, IndexConfig};
use crate::index::{Found, KrantIndex, Searcher, inspect};
use crate::output::{self, Messages};
use crate::synonyms::Synonyms;

/// Opens the index for reading. On a fresh clone there is no index yet but there is
/// `./corpus`: index it first (saying so), so the first command just works.
pub fn open_searcher(global: &Global) -> Result<Searcher> {
    let index_dir = &global.index_dir;
    let corpus = Path::new(DEFAULT_CORPUS_DIR);
    if inspect(index_dir)? == Found::Nothing && corpus.is_dir() {
        let mut messages = Messages::new(global.stderr_color, global.quiet, global.verbose);
        messages.info(&format!(
            "no index at {} yet; indexing ./{DEFAULT_CORPUS_DIR} first",
            index_dir.display()
        ));
        let index_config = IndexConfig {
            corpus: Some(corpus.to_path_buf()),
            ..IndexConfig::defaults(global.clone())
        };
        let never = AtomicBool::new(false);
        let report = self::index::sync(&index_config, &mut messages, &never)?;
        messages.finish();
        if !global.quiet {
            output::print_index_summary(&mut std::io::stderr().lock(), &report, messages.style())?;
        }
    }
    let searcher = Searcher::new(KrantIndex::open(index_dir)?)?;
    Ok(match &global.synonyms {
        Some(path) => searcher.with_synonyms(Synonyms::load(path)?),
        None => searcher,
    })
}

/// Exit code 0 when something was found, 1 when not.
pub fn found(anything: bool) -> std::process::ExitCode {
    if anything {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(1)
    }
}
