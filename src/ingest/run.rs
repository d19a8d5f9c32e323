//! One run of `krant index`, start to end: open the index (a dry run only reads it),
//! check the corpus, plan against the index ([`plan_and_verify`]), check the plan, apply
//! it (`apply`), and return the report. What happens on the way is told as [`Event`]s,
//! which the caller shows; a [`Stop`] ends the run early, committing the work done.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::Result;

use super::apply::Apply;
use super::checks::{Removals, corpus_root, other_corpus, removal_guard};
use super::{Plan, plan_and_verify};
use crate::config::{DEFAULT_CORPUS_DIR, IndexConfig};
use crate::corpus::{self, WalkOptions};
use crate::index::{self, Found, KrantIndex, STAMPS_FILE, Stamps, Writer, WriterOptions};
use crate::report::{IndexReport, SkippedFile};

/// How a run is stopped from outside (Ctrl-C), and whether that is clean now.
#[derive(Debug, Default)]
pub struct Stop {
    requested: AtomicBool,
    /// The run is walking the corpus or reading articles, each of which looks at the
    /// request often, and the work done so far is worth committing. At any other moment
    /// (opening the index, a commit, the final merges) there is nothing to save, and
    /// waiting for a stage to notice the request made the first Ctrl-C seem to do nothing.
    clean: AtomicBool,
}

impl Stop {
    /// Asks the run to stop after committing the work done so far. False when it cannot
    /// stop cleanly at this moment, or was asked before: the caller should then end the
    /// process at once (the last commit stays intact either way).
    pub fn request(&self) -> bool {
        self.clean.load(Ordering::SeqCst) && !self.requested.swap(true, Ordering::SeqCst)
    }

    /// Whether a stop was asked for.
    pub(super) fn requested(&self) -> bool {
        self.requested.load(Ordering::SeqCst)
    }

    /// The flag the walk and the reading threads look at.
    pub(super) fn flag(&self) -> &AtomicBool {
        &self.requested
    }

    pub(super) fn set_clean(&self, clean: bool) {
        self.clean.store(clean, Ordering::SeqCst);
    }
}

/// What a run does to one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// New to the index.
    Added,
    /// Its file changed.
    Updated,
    /// Its file is gone.
    Removed,
}

/// What a run tells as it goes. Paths are relative to the corpus folder.
#[derive(Debug)]
pub enum Event<'a> {
    /// The index is rebuilt from scratch, for this reason.
    Rebuilding(&'a str),
    /// The walk begins, in the corpus folder as it was given.
    Walking {
        /// The corpus folder as given (or as recorded in the index).
        corpus: &'a Path,
    },
    /// The walk met one more article candidate.
    Walked,
    /// A file or folder is left out, for `reason`.
    Skipped {
        /// Where.
        path: &'a str,
        /// Why.
        reason: &'a str,
    },
    /// This many indexed articles are kept because their folders could not be read.
    KeptUnread(usize),
    /// A dry run met what would stop a real run.
    WouldStop(&'a anyhow::Error),
    /// The corpus folder holds no article file.
    NoArticles {
        /// The corpus folder.
        root: &'a Path,
        /// Visible files that are not articles.
        other_files: usize,
    },
    /// An article added, updated or removed (in a dry run: that would be).
    Changed {
        /// Its path.
        path: &'a str,
        /// What happens to it.
        change: Change,
    },
    /// Reading begins, of this many bytes.
    Reading {
        /// The files' sizes together.
        bytes: u64,
    },
    /// An article that is not valid UTF-8 was read as Windows-1252.
    NotUtf8 {
        /// Its path.
        path: &'a str,
    },
    /// One more file was read.
    Read {
        /// Its size.
        size: u64,
        /// Files read so far.
        files_read: usize,
        /// Files the run reads.
        files_to_read: usize,
        /// Articles added or updated so far.
        indexed: usize,
    },
    /// The walk and the reading are over (done or stopped).
    ReadingOver,
    /// The file stamps could not be saved: the next run reads the files again.
    StampsNotSaved(&'a anyhow::Error),
}

/// Brings the index in line with the corpus folder (or, with `--dry-run`, works out what
/// that would change) and reports it, telling `tell` what happens on the way. Stops
/// early, committing what is done, when `stop` is requested.
///
/// Nothing here holds the archive's paths: the walk, the index's catalog and the stamps
/// are merged as sorted streams into a plan whose lists wait on disk, the files to read
/// are read in plan order, and the new stamps are written as they come.
pub fn sync(
    config: &IndexConfig,
    tell: &mut dyn FnMut(Event<'_>),
    stop: &Stop,
) -> Result<IndexReport> {
    let started = Instant::now();
    let index_dir = &config.global.index_dir;
    let corpus_arg = match &config.corpus {
        Some(path) => path.clone(),
        None => index::recorded_corpus_root(index_dir)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS_DIR)),
    };
    let root = corpus_root(&corpus_arg)?;
    let target = Target::open(config, tell)?;
    let previous_articles = target.previous_articles(config, &root, &corpus_arg)?;
    let rebuild = target.rebuild;
    tell(Event::Walking {
        corpus: &corpus_arg,
    });
    let kept = target.existing().filter(|_| !rebuild);
    let mut report = IndexReport {
        corpus: root.display().to_string(),
        index: index_dir.display().to_string(),
        dry_run: config.dry_run,
        ..IndexReport::default()
    };
    let stamps = match kept {
        Some(_) => Stamps::open(&index_dir.join(STAMPS_FILE)),
        None => Stamps::none(),
    };
    // The plan's lists wait beside the index, whose folder the writer may write; a dry
    // run may not, and uses the system's temporary folder.
    let spill_dir = match target.writer {
        Some(_) => index_dir.clone(),
        None => std::env::temp_dir(),
    };
    stop.set_clean(true);
    let options = WalkOptions {
        follow_links: config.follow_links,
        exclude: config.global.index_dir.canonicalize().ok(),
    };
    let survey = Survey {
        root: &root,
        options: &options,
        stamps: &stamps,
        spill_dir: &spill_dir,
    };
    let mut plan = survey.plan(kept, stop, tell, &mut report.skipped)?;
    if !plan.totals.complete {
        // Stopped while walking: nothing was changed, and files not seen are not gone.
        stop.set_clean(false);
        tell(Event::ReadingOver);
        let mut report = IndexReport {
            interrupted: true,
            articles: previous_articles.unwrap_or(0),
            skipped: Vec::new(),
            ..report
        };
        report.set_duration(started.elapsed());
        return Ok(report);
    }
    report.unchanged = plan.unchanged;
    let removals = Removals {
        rebuild,
        previous_articles,
        indexed: plan.totals.indexed,
        walked: plan.totals.walked,
        gone: plan.gone.len(),
    };
    check_plan(config, &plan, removals, (&root, &corpus_arg), tell)?;
    let mut apply = Apply {
        writer: target.writer,
        root: &root,
        report,
        indexed: plan.totals.indexed,
        tell,
    };
    apply.remove_gone(&mut plan.gone)?;
    let new_stamps = apply.read_and_index(plan, &stamps, config.threads, stop)?;
    apply.finish(new_stamps, stop, started)
}

/// The index a run works on.
struct Target {
    /// The writer, holding the index's lock; `None` in a dry run.
    writer: Option<Writer>,
    /// A dry run's index, read without the lock (`None` for a missing one, or when
    /// rebuilding: it would be replaced).
    dry_run_index: Option<KrantIndex>,
    /// Whether the index is built from scratch (asked for, or needed).
    rebuild: bool,
}

impl Target {
    /// Opens the index the run is to bring in line (telling why it is rebuilt, if it is).
    fn open(config: &IndexConfig, tell: &mut dyn FnMut(Event<'_>)) -> Result<Target> {
        let index_dir = &config.global.index_dir;
        let writer = if config.dry_run {
            None
        } else {
            Some(Writer::open(
                index_dir,
                &WriterOptions {
                    threads: config.threads,
                    memory_bytes: config.memory_bytes,
                    rebuild: config.rebuild,
                    turn_bytes: index::turn_bytes(config.threads, IndexConfig::all_cores()),
                },
            )?)
        };
        let rebuild = config.rebuild || writer.as_ref().is_some_and(Writer::rebuilds);
        if let Some(reason) = writer.as_ref().and_then(Writer::rebuild_reason) {
            tell(Event::Rebuilding(reason));
        }
        // A dry run reads the index without the writer's lock; a missing one is empty.
        let dry_run_index = match index::inspect(index_dir)? {
            Found::Nothing => None,
            _ if writer.is_some() || rebuild => None,
            _ => Some(KrantIndex::open(index_dir)?),
        };
        Ok(Target {
            writer,
            dry_run_index,
            rebuild,
        })
    }

    /// The index as it is before the run, if there is one.
    fn existing(&self) -> Option<&KrantIndex> {
        self.writer
            .as_ref()
            .map(Writer::index)
            .or(self.dry_run_index.as_ref())
    }

    /// The articles the index recorded at its last commit, after checking that it was
    /// built from the corpus at `root` (given as `corpus_arg`): only an asked-for
    /// rebuild may change the corpus.
    fn previous_articles(
        &self,
        config: &IndexConfig,
        root: &Path,
        corpus_arg: &Path,
    ) -> Result<Option<usize>> {
        let Some(index) = self.existing() else {
            return Ok(None);
        };
        let state = index.state()?;
        if !config.rebuild
            && let Some(state) = &state
            && state.corpus_root != root
        {
            return Err(other_corpus(
                &config.global.index_dir,
                &state.corpus_root,
                root,
                corpus_arg,
            ));
        }
        Ok(state.map(|s| s.articles as usize))
    }
}

/// Checks a complete plan before anything changes: the removal guard (a dry run says
/// what would stop a real one), and an archive without articles; the corpus folder
/// comes canonical and as given.
fn check_plan(
    config: &IndexConfig,
    plan: &Plan,
    removals: Removals,
    (root, corpus_arg): (&Path, &Path),
    tell: &mut dyn FnMut(Event<'_>),
) -> Result<()> {
    if plan.kept_unread > 0 {
        tell(Event::KeptUnread(plan.kept_unread));
    }
    if !config.allow_removals
        && let Some((removing, of)) = removals.too_many()
    {
        let error = removal_guard(removing, of, corpus_arg, removals.rebuild);
        if !config.dry_run {
            return Err(error);
        }
        tell(Event::WouldStop(&error));
    }
    // After the removal guard: an archive whose disk is not mounted is its error.
    if plan.totals.walked == 0 {
        tell(Event::NoArticles {
            root,
            other_files: plan.other_files,
        });
    }
    Ok(())
}

/// Where a run's plan comes from.
struct Survey<'a> {
    root: &'a Path,
    options: &'a WalkOptions,
    stamps: &'a Stamps,
    spill_dir: &'a Path,
}

impl Survey<'_> {
    /// Plans the run against `kept` (the index that stays, if any), telling each file
    /// the walk meets and each place it could not examine (which is also `skipped`).
    fn plan(
        &self,
        kept: Option<&KrantIndex>,
        stop: &Stop,
        tell: &mut dyn FnMut(Event<'_>),
        skipped: &mut Vec<SkippedFile>,
    ) -> Result<Plan> {
        // Both the walk's progress and its warnings are told, by turns.
        let tell = RefCell::new(tell);
        plan_and_verify(
            self.root,
            self.options,
            kept,
            self.stamps,
            self.spill_dir,
            || (*tell.borrow_mut())(Event::Walked),
            stop.flag(),
            |warning| {
                (*tell.borrow_mut())(Event::Skipped {
                    path: &warning.path,
                    reason: &warning.message,
                });
                skipped.push(SkippedFile {
                    path: corpus::shown_path(&warning.path).into_owned(),
                    reason: warning.message,
                });
            },
        )
    }
}
