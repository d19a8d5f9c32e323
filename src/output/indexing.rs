//! What `krant index` (and a search that builds its index first) shows on stderr while
//! it runs: each [`Event`] of the run as a message, and on a terminal a progress bar.

use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Messages, plural};
use crate::ingest::{Change, Event};

/// Shows a run's events through `messages`.
pub struct IndexingMessages<'m> {
    messages: &'m mut Messages,
    /// Whether a progress bar may be drawn (stderr is a terminal, not `--quiet`, the
    /// summary not JSON).
    progress_wanted: bool,
    progress: Option<ProgressBar>,
    dry_run: bool,
    index_dir: String,
    /// The corpus folder as given, which paths are shown under.
    corpus: PathBuf,
}

impl<'m> IndexingMessages<'m> {
    /// Shows the events of a run (a dry run if `dry_run`) of the index at `index_dir`.
    pub fn new(
        messages: &'m mut Messages,
        progress_wanted: bool,
        dry_run: bool,
        index_dir: &Path,
    ) -> IndexingMessages<'m> {
        IndexingMessages {
            messages,
            progress_wanted,
            progress: None,
            dry_run,
            index_dir: index_dir.display().to_string(),
            corpus: PathBuf::new(),
        }
    }

    /// Shows one event.
    pub fn tell(&mut self, event: Event<'_>) {
        match event {
            Event::Rebuilding(reason) => {
                self.messages
                    .info(&format!("rebuilding the index: {reason}"));
            }
            Event::Walking { corpus } => {
                self.corpus = corpus.to_path_buf();
                let bar = progress_bar(self.progress_wanted);
                self.messages.set_progress(Some(bar.clone()));
                self.progress = Some(bar);
            }
            Event::Walked => self.with_bar(|bar| bar.inc_length(1)),
            Event::Skipped { path, reason } => {
                let shown = self.shown(path);
                self.messages.warn(&shown, &format!("skipped: {reason}"));
            }
            Event::KeptUnread(count) => self.messages.info(&format!(
                "{} in folders that could not be read {} kept",
                plural(count, "indexed article", "indexed articles"),
                if count == 1 { "is" } else { "are" }
            )),
            Event::WouldStop(error) => self.messages.warn(
                &self.index_dir,
                &format!(
                    "a real run would stop: {}; {}",
                    crate::error::one_line(error),
                    crate::error::hint_of(error).unwrap_or_default()
                ),
            ),
            Event::NoArticles { root, other_files } => self
                .messages
                .warn(&root.display().to_string(), &no_articles(other_files)),
            Event::Changed { path, change } => {
                let (done, would) = match change {
                    Change::Added => ("added", "would add"),
                    Change::Updated => ("updated", "would update"),
                    Change::Removed => ("removed", "would remove"),
                };
                let verb = if self.dry_run { would } else { done };
                let shown = self.shown(path);
                self.messages.detail(&format!("{verb} {shown}"));
            }
            Event::Reading { bytes } => self.with_bar(|bar| {
                bar.set_length(bytes);
                bar.set_position(0);
                bar.set_style(bar_style());
            }),
            Event::NotUtf8 { path } => {
                let shown = self.shown(path);
                self.messages
                    .note(&shown, "not valid UTF-8; read as Windows-1252");
            }
            Event::Read {
                size,
                files_read,
                files_to_read,
                indexed,
            } => self.with_bar(|bar| {
                bar.inc(size);
                bar.set_message(format!(
                    "{files_read}/{files_to_read} files read, {indexed} indexed"
                ));
            }),
            Event::ReadingOver => {
                if let Some(bar) = self.progress.take() {
                    bar.finish_and_clear();
                }
                self.messages.set_progress(None);
            }
            Event::StampsNotSaved(err) => self.messages.warn(
                &self.index_dir,
                &format!("could not save file stamps: {err:#}"),
            ),
        }
    }

    fn with_bar(&self, update: impl FnOnce(&ProgressBar)) {
        if let Some(bar) = &self.progress {
            update(bar);
        }
    }

    /// How to show a corpus file to the user: under the corpus path as they gave it.
    fn shown(&self, rel: &str) -> String {
        let base = self.corpus.display().to_string();
        if base.is_empty() || base == "." {
            rel.to_owned()
        } else {
            format!("{}/{rel}", base.trim_end_matches('/'))
        }
    }
}

/// What to say when a folder holds no article file at all.
fn no_articles(other_files: usize) -> String {
    let others = match other_files {
        0 => String::new(),
        1 => " (1 other file was left out)".to_owned(),
        n => format!(" ({n} other files were left out)"),
    };
    format!(
        "no article files found{others}: an article is a file whose name ends in .txt (any \
         case) and that starts with 'date YYYY-MM'; hidden files and folders are skipped"
    )
}

fn progress_bar(wanted: bool) -> ProgressBar {
    if !wanted {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} scanning the corpus… {len} files seen")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    // indicatif's ticker thread panics if it cannot start (a process limit): tick only
    // when a thread can be had.
    if thread::Builder::new().spawn(|| {}).is_ok() {
        bar.enable_steady_tick(Duration::from_millis(120));
    }
    bar
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes_per_sec} ETA {eta} {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
}
