//! One file per subcommand: orchestration only.

pub mod analyze;
pub mod check;
pub mod collocations;
pub mod completions;
pub mod export;
pub mod histogram;
pub mod index;
pub mod keywords;
pub mod kwic;
pub mod report;
pub mod search;
pub mod show;
pub mod stats;
pub mod terms;
pub mod trend;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::config::{DEFAULT_CORPUS_DIR, Global, IndexConfig};
use crate::corpus::Locator;
use crate::index::{Found, KrantIndex, Searcher, TextState, inspect};
use crate::ingest::{self, Stop};
use crate::output::{self, Messages};
use crate::query::{Expr, folder_identity};
use crate::report::IndexReport;
use crate::synonyms::Synonyms;
use crate::until_exit::UntilExit;

/// Standard output, buffered: a page of results is one write, not one per line. Each
/// command flushes it before returning, so a closed pipe is reported like any write.
pub fn stdout() -> std::io::BufWriter<Stdout> {
    std::io::BufWriter::new(Stdout(std::io::stdout().lock()))
}

/// Standard output whose write errors say what failed (`> /dev/full`: "cannot write to
/// standard output: No space left on device"), keeping their kind, so that a closed
/// pipe is still recognised and ends the run quietly.
pub struct Stdout(std::io::StdoutLock<'static>);

impl std::io::Write for Stdout {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes).map_err(explained)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(explained)
    }
}

fn explained(err: std::io::Error) -> std::io::Error {
    std::io::Error::new(
        err.kind(),
        format!("cannot write to standard output: {err}"),
    )
}

/// Opens the index for reading. On a fresh clone there is no index yet but there is
/// `./corpus`: index it first (saying so), so the first command just works.
///
/// The searcher is never dropped: the command ends the process, whose exit frees it
/// faster (`until_exit`).
pub fn open_searcher(global: &Global) -> Result<UntilExit<Searcher>> {
    let index_dir = &global.index_dir;
    let corpus = Path::new(DEFAULT_CORPUS_DIR);
    let mut found = inspect(index_dir)?;
    if found == Found::Nothing && corpus.is_dir() {
        let mut messages = Messages::new(global.stderr_color, global.quiet, global.verbose);
        messages.info(&format!(
            "no index at {} yet; indexing ./{DEFAULT_CORPUS_DIR} first",
            index_dir.display()
        ));
        let index_config = IndexConfig {
            corpus: Some(corpus.to_path_buf()),
            ..IndexConfig::defaults(global.clone())
        };
        let progress = !global.quiet && global.stderr_is_terminal;
        let report = index_showing(&index_config, &mut messages, progress, &Stop::default())?;
        if !global.quiet {
            output::print_index_summary(&mut std::io::stderr().lock(), &report, messages.style())?;
        }
        found = inspect(index_dir)?;
    }
    if found == Found::Nothing && !global.index_given {
        let here = std::env::current_dir().unwrap_or_default();
        return Err(crate::error::failure(
            format!("no krant index in {} or a folder above it", here.display()),
            "create one with `krant index CORPUS` (or point --index at an existing one)",
        ));
    }
    let searcher = Searcher::new(KrantIndex::open_found(index_dir, found)?)?;
    Ok(UntilExit::new(match &global.synonyms {
        Some(path) => searcher.with_synonyms(Synonyms::load(path)?),
        None => searcher,
    }))
}

/// Runs `krant index` as `config` says, its events shown through `messages` (with a
/// progress bar when `progress`), and flushes the messages: the command's run and
/// `open_searcher`'s first build.
pub fn index_showing(
    config: &IndexConfig,
    messages: &mut Messages,
    progress: bool,
    stop: &Stop,
) -> Result<IndexReport> {
    let mut shown =
        output::IndexingMessages::new(messages, progress, config.dry_run, &config.global.index_dir);
    let report = ingest::sync(config, &mut |event| shown.tell(event), stop)?;
    messages.finish();
    Ok(report)
}

/// The articles `--in` keeps to, as an expression to restrict queries with; `None` for
/// every article. A folder is taken from the current directory (or absolute) when it is
/// a folder of the corpus there, else as a path relative to the corpus root.
pub fn folder_filter(searcher: &Searcher, folders: &[PathBuf]) -> Result<Option<Expr>> {
    let locator = Locator::new(searcher.corpus_root());
    let mut paths = Vec::with_capacity(folders.len());
    for typed in folders {
        let identity = match locator.folder_of(typed) {
            Some(identity) => identity,
            None if typed.is_absolute() => {
                return Err(crate::error::failure(
                    format!(
                        "--in {}: not a folder of the corpus{}",
                        typed.display(),
                        searcher
                            .corpus_root()
                            .map(|root| format!(" {}", root.display()))
                            .unwrap_or_default()
                    ),
                    "give a folder inside the corpus, or a path relative to the corpus root",
                ));
            }
            None => folder_identity(&path_of(typed)),
        };
        if identity.is_empty() {
            // The whole corpus: no restriction, whatever the other folders.
            return Ok(None);
        }
        paths.push(Expr::Path(identity));
    }
    Ok(match paths.len() {
        0 => None,
        1 => paths.pop(),
        _ => Some(Expr::Or(paths)),
    })
}

/// A typed path's bytes (as the shell gave them).
fn path_of(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

/// [`open_searcher`], keeping every query to the folders of `--in`.
pub fn open_within(global: &Global, folders: &[PathBuf]) -> Result<UntilExit<Searcher>> {
    let mut searcher = open_searcher(global)?;
    let scope = folder_filter(&searcher, folders)?;
    searcher.keep_to(scope);
    Ok(searcher)
}

/// Exit code 0 when something was found, 1 when not.
pub fn found(anything: bool) -> std::process::ExitCode {
    if anything {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(1)
    }
}

/// Names on stderr the articles whose text, read from the archive, is not the text the
/// index holds: the results are those of the last `krant index`, their text is today's.
pub fn warn_about_texts<'a>(
    global: &Global,
    articles: impl IntoIterator<Item = (&'a str, &'a TextState)>,
) {
    let mut messages = Messages::new(global.stderr_color, global.quiet, global.verbose);
    let mut said_no_archive = false;
    // Once per article, whichever lines or hits it gave.
    let mut warned = std::collections::HashSet::new();
    for (path, state) in articles {
        if *state != TextState::AsIndexed && !warned.insert(path) {
            continue;
        }
        match state {
            TextState::AsIndexed => {}
            TextState::NoArchive(root) if !said_no_archive => {
                said_no_archive = true;
                messages.warn(
                    &root.display().to_string(),
                    "the corpus folder recorded in the index cannot be found; articles are \
                     shown without their text (if it moved, run `krant index --rebuild NEW-FOLDER`)",
                );
            }
            TextState::NoArchive(_) => {}
            TextState::Changed => messages.warn(
                path,
                "changed since the last `krant index`; its text is shown as it is now \
                 (run `krant index` to update the index)",
            ),
            TextState::Unreadable(reason) => messages.warn(
                path,
                &format!(
                    "{reason}; shown without its text (run `krant index` to update the index)"
                ),
            ),
        }
    }
    messages.finish();
}
