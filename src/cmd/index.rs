//! `krant index`: make the index hold exactly the articles now in the corpus folder.
//!
//! Walk and stat every file; files whose size and mtime match their stamp (and whose
//! stamp matches the index) are not read. The rest are read, hashed and parsed by a pool
//! of threads feeding the single index writer through a bounded channel; a file whose
//! hash matches the index is not re-analysed. Vanished files are removed. One commit at
//! the end (and periodic ones on big runs) makes the changes visible atomically, so a
//! killed run leaves the last commit intact and the next run finishes the job. The walk,
//! the index's catalog and the stamps are compared as sorted streams (`ingest`), so the
//! memory a run takes does not grow with the archive.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::analysis::{DutchAnalyzer, Mode, TokenKind};
use crate::config::{DEFAULT_CORPUS_DIR, IndexConfig, SummaryFormat};
use crate::corpus::{self, BatchReader, CorpusFile, Encoding, READ_BATCH, SkipReason, WalkOptions};
use crate::date::{ArticleDate, Month};
use crate::error::{Interrupted, failure};
use crate::index::{
    self, Found, FrequentTermCounter, FrequentTerms, HASHES_HELD, IndexState, KrantIndex,
    PreparedArticle, Preparer, SAMPLE_ARTICLES, STAMPS_FILE, Stamp, Stamps, TURN_BYTES, Writer,
    WriterOptions,
};
use crate::ingest::{self, Batches, Planned, Restamp, sample_of, thread_failure};
use crate::output::{self, Messages};
use crate::report::{IndexReport, SkippedFile};

/// Commit at least this often, so that a crash loses at most this much work. Only time
/// counts: each commit closes a segment per writer thread, and more segments mean merges.
/// Committing every 25,000 articles as well cost a merge of 8 segments on a 100,000-article
/// first build (7% of its CPU time, BENCHMARKS.md).
const COMMIT_EVERY: Duration = Duration::from_secs(60);

/// Batches waiting for the writer, per reading thread: bounds memory whatever the corpus.
const QUEUE_PER_THREAD: usize = 2;

/// Whether a Ctrl-C now stops the run cleanly: while the corpus is walked and articles
/// are sampled and read, each of which looks at the stop flag often, and the work done so
/// far is worth committing. At any other moment (opening the index, a commit, the final
/// merges) there is nothing to save, and waiting for a stage to notice the request made
/// the first Ctrl-C seem to do nothing.
static STOPS_CLEANLY: AtomicBool = AtomicBool::new(false);

/// Runs `krant index` and prints its summary. A Ctrl-C (or SIGTERM) while the corpus is
/// walked or articles are read stops the run after committing the work done so far; at
/// any other moment, or a second time, it exits at once (the last commit stays intact
/// either way).
pub fn run(config: &IndexConfig) -> Result<ExitCode> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // Fails only if a handler is already installed, in which case it stays in charge, or
    // if its thread cannot start, in which case Ctrl-C ends the process as usual.
    let _ = ctrlc::set_handler(move || {
        if !STOPS_CLEANLY.load(Ordering::SeqCst) || flag.swap(true, Ordering::SeqCst) {
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!(
                    "krant: interrupted: the index is as of its last commit; run `krant index` \
                 again to finish\n"
                ),
            );
            std::process::exit(130);
        }
    });
    let mut messages = Messages::new(
        config.global.stderr_color,
        config.global.quiet,
        config.global.verbose,
    );
    let report = sync(config, &mut messages, &stop)?;
    messages.finish();
    if let Some(path) = &config.report {
        let json = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write the report to {}", path.display()))?;
    }
    match config.format {
        SummaryFormat::Json => {
            let mut out = super::stdout();
            serde_json::to_writer(&mut out, &report)?;
            std::io::Write::write_all(&mut out, b"\n")?;
            std::io::Write::flush(&mut out)?;
        }
        SummaryFormat::Text => {
            output::print_index_summary(&mut std::io::stderr().lock(), &report, messages.style())?;
        }
    }
    if report.interrupted {
        return Err(anyhow::Error::new(Interrupted {
            message: format!(
                "the work so far is committed ({} articles in the index); run `krant index` \
                 again to finish",
                report.articles
            ),
        }));
    }
    Ok(ExitCode::SUCCESS)
}

/// What happened to one file that had to be read.
enum Outcome {
    /// Same content as indexed: only the stamp is new.
    Unchanged(Stamp),
    /// A new or changed article, ready for the writer (`None` in a dry run).
    Article {
        prepared: Option<Box<PreparedArticle>>,
        encoding: Encoding,
        stamp: Stamp,
    },
    /// Not an article.
    Skipped(SkipReason),
}

/// Brings the index in line with the corpus folder (or, with `--dry-run`, works out what
/// that would change) and reports it. Stops early, committing what is done, when `stop`
/// is set.
///
/// Nothing here holds the archive's paths: the walk, the index's catalog and the stamps
/// are merged as sorted streams into a plan whose lists wait on disk (`ingest`), the
/// files to read are read in plan order, and the new stamps are written as they come.
pub fn sync(
    config: &IndexConfig,
    messages: &mut Messages,
    stop: &AtomicBool,
) -> Result<IndexReport> {
    let started = Instant::now();
    let index_dir = &config.global.index_dir;
    let corpus_arg = match &config.corpus {
        Some(path) => path.clone(),
        None => index::recorded_corpus_root(index_dir)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS_DIR)),
    };
    let root = corpus_root(&corpus_arg)?;

    let mut writer = if config.dry_run {
        None
    } else {
        Some(Writer::open(
            index_dir,
            &WriterOptions {
                threads: config.threads,
                memory_bytes: config.memory_bytes,
                rebuild: config.rebuild,
                turn_bytes: takes_turns(config.threads).then_some(TURN_BYTES),
            },
        )?)
    };
    let rebuild = config.rebuild || writer.as_ref().is_some_and(Writer::rebuilds);
    if let Some(reason) = writer.as_ref().and_then(Writer::rebuild_reason) {
        messages.info(&format!("rebuilding the index: {reason}"));
    }
    // A dry run reads the index without the writer's lock; a missing one is empty.
    let dry_run_index = match index::inspect(index_dir)? {
        Found::Nothing => None,
        _ if writer.is_some() || rebuild => None,
        _ => Some(KrantIndex::open(index_dir)?),
    };
    let existing = writer
        .as_ref()
        .map(Writer::index)
        .or(dry_run_index.as_ref());
    // Only an asked-for rebuild may change the corpus.
    if !config.rebuild
        && let Some(index) = existing
        && let Some(state) = index.state()?
        && state.corpus_root != root
    {
        return Err(failure(
            format!(
                "the index at {} was built from {}, not {}",
                index_dir.display(),
                state.corpus_root.display(),
                root.display()
            ),
            format!(
                "add --rebuild to replace it with an index of {}, or use --index DIR for a \
                 separate index",
                corpus_arg.display()
            ),
        ));
    }
    let previous_articles = match existing {
        Some(index) => index.state()?.map(|s| s.articles as usize),
        None => None,
    };
    let progress = progress_bar(config);
    messages.set_progress(Some(progress.clone()));
    let kept = existing.filter(|_| !rebuild);
    let shown = |rel: &str| display_path(&corpus_arg, rel);
    let verb = |done: &str, would: &str| -> String {
        if config.dry_run { would } else { done }.to_owned()
    };
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
    let spill_dir = match writer {
        Some(_) => index_dir.clone(),
        None => std::env::temp_dir(),
    };
    STOPS_CLEANLY.store(true, Ordering::SeqCst);
    let options = WalkOptions {
        follow_links: config.follow_links,
        exclude: config.global.index_dir.canonicalize().ok(),
    };
    let mut plan = ingest::plan_and_verify(
        &root,
        &options,
        kept,
        &stamps,
        &spill_dir,
        || progress.inc_length(1),
        stop,
        |warning| {
            messages.warn(
                &shown(&warning.path),
                &format!("skipped: {}", warning.message),
            );
            report.skipped.push(SkippedFile {
                path: corpus::shown_path(&warning.path).into_owned(),
                reason: warning.message,
            });
        },
    )?;
    if !plan.totals.complete {
        // Stopped while walking: nothing was changed, and files not seen are not gone.
        STOPS_CLEANLY.store(false, Ordering::SeqCst);
        progress.finish_and_clear();
        messages.set_progress(None);
        let mut report = IndexReport {
            corpus: root.display().to_string(),
            index: index_dir.display().to_string(),
            dry_run: config.dry_run,
            interrupted: true,
            articles: previous_articles.unwrap_or(0),
            ..IndexReport::default()
        };
        report.set_duration(started.elapsed());
        return Ok(report);
    }
    report.unchanged = plan.unchanged;
    if plan.kept_unread > 0 {
        messages.info(&format!(
            "{} in folders that could not be read {} kept",
            crate::output::plural(plan.kept_unread, "indexed article", "indexed articles"),
            if plan.kept_unread == 1 { "is" } else { "are" }
        ));
    }
    let indexed = plan.totals.indexed;
    if !config.allow_removals {
        let previous = if rebuild {
            previous_articles
        } else {
            Some(indexed)
        };
        let removing = if rebuild {
            previous.map_or(0, |p| p.saturating_sub(plan.totals.walked))
        } else {
            plan.gone.len()
        };
        if let Some(previous) = previous
            && too_many_removals(removing, previous)
        {
            let error = removal_guard(removing, previous, &corpus_arg, rebuild);
            if !config.dry_run {
                return Err(error);
            }
            messages.warn(
                &index_dir.display().to_string(),
                &format!(
                    "a real run would stop: {}; {}",
                    crate::error::one_line(&error),
                    crate::error::hint_of(&error).unwrap_or_default()
                ),
            );
        }
    }
    // After the removal guard: an archive whose disk is not mounted is its error.
    if plan.totals.walked == 0 {
        messages.warn(&root.display().to_string(), &no_articles(plan.other_files));
    }
    let mut record = Vec::new();
    while plan
        .gone
        .next_into(&mut record)
        .context("cannot read the plan back")?
    {
        let path = String::from_utf8_lossy(&record);
        if let Some(writer) = writer.as_mut() {
            writer.remove(&path);
        }
        report.removed += 1;
        messages.detail(&format!(
            "{} {}",
            verb("removed", "would remove"),
            shown(&path)
        ));
    }

    progress.set_length(plan.bytes_to_read);
    progress.set_position(0);
    progress.set_style(bar_style());
    let files_to_read = plan.to_read.len();
    let mut files_read = 0usize;
    let mut uncommitted = false;
    let mut last_commit = Instant::now();
    if let Some(writer) = writer.as_mut()
        && writer.chooses_frequent_terms()
    {
        let sample = sample_of(&mut plan.to_read, &root)?;
        let sample: Vec<&CorpusFile> = sample.iter().collect();
        writer.set_frequent_terms(sample_frequent_terms(&sample, config.threads, stop)?);
    }
    // The new stamps, when they differ from the old: files read, or stamps that go. A
    // failure to write them is told once the commit succeeded (a full disk is then the
    // index's error, said once).
    let mut restamp_failed = None;
    let mut restamp = match &writer {
        Some(writer)
            if files_to_read > 0
                || plan.stamps_kept.count() < plan.totals.stamps
                || stamps.outdated() =>
        {
            match writer.stamp_writer() {
                Ok(out) => Some(Restamp::new(
                    &stamps,
                    std::mem::take(&mut plan.stamps_kept),
                    out,
                )),
                Err(err) => {
                    restamp_failed = Some(err);
                    None
                }
            }
        }
        _ => None,
    };
    let preparer = writer.as_ref().map(Writer::preparer);
    let batches = Mutex::new(Batches::new(plan.to_read, &root));
    let read = read_in_parallel(
        &batches,
        preparer,
        config.threads,
        stop,
        |planned, outcome| {
            let file = &planned.file;
            files_read += 1;
            progress.inc(file.size);
            let was_indexed = planned.indexed.is_some();
            let stamp = match outcome {
                Outcome::Unchanged(stamp) => {
                    report.unchanged += 1;
                    Some(stamp)
                }
                Outcome::Article {
                    prepared,
                    encoding,
                    stamp,
                } => {
                    if encoding == Encoding::Windows1252 {
                        messages.note(&shown(&file.path), "not valid UTF-8; read as Windows-1252");
                    }
                    if let (Some(writer), Some(prepared)) = (writer.as_mut(), prepared) {
                        writer.add(*prepared, was_indexed)?;
                    }
                    let (count, done, would) = if was_indexed {
                        (&mut report.updated, "updated", "would update")
                    } else {
                        (&mut report.added, "added", "would add")
                    };
                    *count += 1;
                    messages.detail(&format!("{} {}", verb(done, would), shown(&file.path)));
                    uncommitted = true;
                    Some(stamp)
                }
                Outcome::Skipped(reason) => {
                    messages.warn(&shown(&file.path), &format!("skipped: {reason}"));
                    report.skipped.push(SkippedFile {
                        path: corpus::shown_path(&file.path).into_owned(),
                        reason: reason.to_string(),
                    });
                    if was_indexed {
                        if let Some(writer) = writer.as_mut() {
                            writer.remove(&file.path);
                        }
                        report.removed += 1;
                    }
                    None
                }
            };
            if let (Some(stamp), Some(out)) = (stamp, restamp.as_mut())
                && let Err(err) = out.add(&file.path, stamp)
            {
                restamp_failed = Some(err);
                restamp = None;
            }
            progress.set_message(format!(
                "{files_read}/{files_to_read} files read, {} indexed",
                report.added + report.updated
            ));
            if let Some(writer) = writer.as_mut()
                && uncommitted
                && last_commit.elapsed() >= COMMIT_EVERY
            {
                let articles = indexed + report.added - report.removed;
                writer.commit(state(&root, articles))?;
                uncommitted = false;
                last_commit = Instant::now();
            }
            Ok(())
        },
    );
    STOPS_CLEANLY.store(false, Ordering::SeqCst);
    read?;
    batches
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a reading thread failed"))?
        .failed
        .map_or(Ok(()), Err)
        .context("cannot read the plan back")?;
    progress.finish_and_clear();
    messages.set_progress(None);

    report.interrupted = stop.load(Ordering::SeqCst);
    report.articles = if report.interrupted {
        indexed + report.added - report.removed
    } else {
        report.unchanged + report.added + report.updated
    };
    if let Some(mut writer) = writer {
        writer.commit(state(&root, report.articles))?;
        if !report.interrupted {
            let finished = match restamp {
                Some(restamp) => restamp.finish(),
                None => restamp_failed.map_or(Ok(()), Err),
            };
            if let Err(err) = finished {
                // Only a cache: the next run reads files instead of trusting `stat`.
                messages.warn(
                    &index_dir.display().to_string(),
                    &format!("could not save file stamps: {err:#}"),
                );
            }
        }
        let index = writer.index();
        report.duplicates = index
            .duplicates(HASHES_HELD)?
            .into_iter()
            .map(|group| {
                group
                    .iter()
                    .map(|path| corpus::shown_path(path).into_owned())
                    .collect()
            })
            .collect();
        report.duplicates.iter_mut().for_each(|group| group.sort());
        report.duplicates.sort();
        report.empty_months = empty_months(index)?;
        writer.finish()?;
    }
    report.set_duration(started.elapsed());
    Ok(report)
}

fn progress_bar(config: &IndexConfig) -> ProgressBar {
    if config.global.quiet
        || !config.global.stderr_is_terminal
        || config.format == SummaryFormat::Json
    {
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

fn state(root: &Path, articles: usize) -> IndexState {
    IndexState {
        corpus_root: root.to_path_buf(),
        indexed_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        articles: articles as u64,
        // The writer records its own.
        frequent_terms: Vec::new(),
    }
}

/// Months without articles between the first and the last month of the index.
fn empty_months(index: &KrantIndex) -> Result<Vec<String>> {
    let mut months = BTreeSet::new();
    index.for_each_date(|key| {
        if let Some(date) = ArticleDate::from_sort_key(key) {
            months.insert(date.month);
        }
    })?;
    Ok(months_between(&months))
}

/// The months missing from `months` between its first and its last.
fn months_between(months: &BTreeSet<Month>) -> Vec<String> {
    let (Some(&first), Some(&last)) = (months.first(), months.last()) else {
        return Vec::new();
    };
    let mut empty = Vec::new();
    let mut month = first;
    while month < last {
        if !months.contains(&month) {
            empty.push(month.to_string());
        }
        month = month.next();
    }
    empty
}

/// Checks the corpus folder and returns its canonical path.
fn corpus_root(path: &Path) -> Result<PathBuf> {
    if !path.exists() {
        return Err(failure(
            format!("corpus folder {} does not exist", path.display()),
            "give the folder that holds your articles: krant index PATH",
        ));
    }
    if !path.is_dir() {
        return Err(failure(
            format!("{} is not a folder", path.display()),
            "give the folder that holds your articles: krant index PATH",
        ));
    }
    path.canonicalize()
        .with_context(|| format!("cannot open the corpus folder {}", path.display()))
}

/// A run may remove up to this many articles whatever the size of the index.
const REMOVALS_ALWAYS_ALLOWED: usize = 10;

/// Whether removing `removing` of `indexed` articles needs `--allow-removals`: more than
/// half of the index and more than a handful, as when the archive's disk is not mounted
/// (an empty mount point), like rsync's `--max-delete`.
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

fn too_many_removals(removing: usize, indexed: usize) -> bool {
    removing > REMOVALS_ALWAYS_ALLOWED && removing * 2 > indexed
}

/// The error of a run stopped by [`too_many_removals`].
fn removal_guard(removing: usize, indexed: usize, corpus: &Path, rebuild: bool) -> anyhow::Error {
    let how = if rebuild {
        "rebuilding it would leave out"
    } else {
        "this run would remove"
    };
    failure(
        format!(
            "{how} {removing} of the {indexed} articles in the index: their files are not in \
             {} (is the archive's disk mounted?); nothing was changed",
            corpus.display()
        ),
        "if the files were really deleted, run again with --allow-removals",
    )
}

/// How to show a corpus file to the user: under the corpus path as they gave it.
fn display_path(corpus_arg: &Path, rel: &str) -> String {
    let base = corpus_arg.display().to_string();
    if base.is_empty() || base == "." {
        rel.to_owned()
    } else {
        format!("{}/{rel}", base.trim_end_matches('/'))
    }
}

/// Whether the reading threads and tantivy's indexing threads take turns on the cores
/// (see `index::turns`): when `threads` of each outnumber the cores. With cores to
/// spare, both sides run at once.
fn takes_turns(threads: usize) -> bool {
    threads * 2 > IndexConfig::all_cores()
}

/// Reads, hashes and parses the files `batches` hands out on `threads` threads, handing
/// each outcome to `consume` on the calling thread (which owns the index writer), in the
/// order of the plan, so that the new stamps can be written as they come. Stops early,
/// cleanly, when `consume` fails or `stop` is set.
fn read_in_parallel(
    batches: &Mutex<Batches<'_>>,
    preparer: Option<Preparer>,
    threads: usize,
    stop: &AtomicBool,
    mut consume: impl FnMut(Planned, Outcome) -> Result<()>,
) -> Result<()> {
    let threads = threads.max(1);
    type Done = (usize, Vec<(Planned, Outcome)>);
    let (sender, receiver) = mpsc::sync_channel::<Done>(threads * QUEUE_PER_THREAD);
    let preparer = preparer.as_ref();
    thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            spawn_in(scope, "read", move || {
                let mut analyzer = preparer.map_or_else(DutchAnalyzer::new, Preparer::analyzer);
                let mut reader = BatchReader::new();
                let claim = || batches.lock().ok().and_then(|mut b| b.claim());
                let start = |reader: &mut BatchReader, batch: &[Planned]| {
                    let files: Vec<&CorpusFile> = batch.iter().map(|p| &p.file).collect();
                    reader.start(&files);
                };
                let mut current = claim();
                if let Some((_, batch)) = &current {
                    start(&mut reader, batch);
                }
                while let Some((number, batch)) = current {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    // The next batch is read while this one is analyzed.
                    let following = claim();
                    if let Some((_, batch)) = &following {
                        start(&mut reader, batch);
                    }
                    let contents = reader.finish();
                    if let Some(preparer) = preparer {
                        preparer.wait_turn();
                    }
                    // A batch read is also handed over as one: one at a time, the hand-over
                    // woke the writing thread, and through it tantivy's, for every article
                    // (some 300,000 context switches on 100,000 articles, BENCHMARKS.md).
                    let outcomes: Vec<(Planned, Outcome)> = batch
                        .into_iter()
                        .zip(contents)
                        .map(|(planned, contents)| {
                            let outcome = outcome_of(
                                &planned.file,
                                contents,
                                planned.indexed,
                                preparer.map(|p| (p, &mut analyzer)),
                            );
                            (planned, outcome)
                        })
                        .collect();
                    if sender.send((number, outcomes)).is_err() {
                        // The writing side stopped, and reports why.
                        return;
                    }
                    current = following;
                }
            })?;
        }
        drop(sender);
        // Batches finished ahead of an earlier one wait for it (a few, as many as the
        // threads get ahead while one analyzes a batch).
        let mut ahead: BTreeMap<usize, Vec<(Planned, Outcome)>> = BTreeMap::new();
        let mut next = 0;
        for (number, outcomes) in receiver {
            ahead.insert(number, outcomes);
            while let Some(outcomes) = ahead.remove(&next) {
                next += 1;
                for (planned, outcome) in outcomes {
                    if let Err(err) = consume(planned, outcome) {
                        stop.store(true, Ordering::Relaxed);
                        return Err(err);
                    }
                }
            }
        }
        // Whatever is still ahead follows a batch a stopped thread never finished: the
        // run was stopped, and those files count as not read.
        Ok(())
    })
}

/// Chooses the terms to pair from up to [`SAMPLE_ARTICLES`] of `files`, spread evenly
/// over them, read on `threads` threads. Unreadable files and non-articles are left out;
/// the indexing proper reports them.
fn sample_frequent_terms(
    files: &[&CorpusFile],
    threads: usize,
    stop: &AtomicBool,
) -> Result<FrequentTerms> {
    let step = files.len().div_ceil(SAMPLE_ARTICLES).max(1);
    let sample: Vec<&CorpusFile> = files.iter().step_by(step).copied().collect();
    let threads = threads.clamp(1, sample.len().max(1));
    let counters: Vec<FrequentTermCounter> = thread::scope(|scope| {
        let workers = sample
            .chunks(sample.len().div_ceil(threads).max(1))
            .map(|chunk| {
                spawn_in(scope, "sample", move || {
                    let mut analyzer = DutchAnalyzer::new();
                    let mut counter = FrequentTermCounter::default();
                    let mut reader = BatchReader::new();
                    let mut batches = chunk.chunks(READ_BATCH).peekable();
                    if let Some(first) = batches.peek() {
                        reader.start(first);
                    }
                    while let Some(files) = batches.next() {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        if let Some(following) = batches.peek() {
                            reader.start(following);
                        }
                        for (file, contents) in files.iter().zip(reader.finish()) {
                            let Ok(bytes) = contents else {
                                continue;
                            };
                            let Ok(article) = corpus::parse_article(&file.path, &bytes) else {
                                continue;
                            };
                            counter.next_article();
                            analyzer.analyze(&article.text, Mode::Index, |t| {
                                if t.kind != TokenKind::Form {
                                    counter.term(t.term);
                                }
                            });
                        }
                    }
                    counter
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok::<_, anyhow::Error>(
            workers
                .into_iter()
                .map(|worker| worker.join().unwrap_or_default())
                .collect(),
        )
    })?;
    let mut total = FrequentTermCounter::default();
    for counter in counters {
        total.merge(counter);
    }
    Ok(total.finish())
}

/// Starts a thread in `scope`, with an error rather than a panic when the system
/// refuses one (a process limit).
fn spawn_in<'scope, 'env, T: Send + 'scope>(
    scope: &'scope thread::Scope<'scope, 'env>,
    name: &str,
    work: impl FnOnce() -> T + Send + 'scope,
) -> Result<thread::ScopedJoinHandle<'scope, T>> {
    thread::Builder::new()
        .name(name.to_owned())
        .spawn_scoped(scope, work)
        .map_err(|err| thread_failure(name, &err))
}

/// What to do with a file read (or not) as `contents`.
fn outcome_of(
    file: &CorpusFile,
    contents: std::io::Result<Vec<u8>>,
    indexed_hash: Option<u64>,
    preparer: Option<(&Preparer, &mut DutchAnalyzer)>,
) -> Outcome {
    let bytes = match contents {
        Ok(bytes) => bytes,
        Err(err) => return Outcome::Skipped(SkipReason::Unreadable(io_reason(&err))),
    };
    let stamp = Stamp {
        size: file.size,
        mtime_ns: file.mtime_ns,
        hash: crate::corpus::content_hash(&bytes),
    };
    if indexed_hash == Some(stamp.hash) {
        return Outcome::Unchanged(stamp);
    }
    match corpus::parse_article(&file.path, &bytes) {
        Ok(article) => Outcome::Article {
            prepared: preparer.map(|(preparer, analyzer)| {
                Box::new(preparer.prepare(&article, stamp.hash, analyzer))
            }),
            encoding: article.encoding,
            stamp,
        },
        Err(reason) => Outcome::Skipped(reason),
    }
}

/// An I/O error as a short reason, without the `(os error N)` noise.
fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "it vanished while indexing".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a folder".to_owned(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &Path) -> CorpusFile {
        CorpusFile {
            full_path: path.to_path_buf(),
            path: "x.txt".into(),
            // As the walk saw it (an empty file is not read at all).
            size: std::fs::metadata(path).map_or(10, |m| m.len()),
            mtime_ns: 0,
        }
    }

    /// The outcome of reading `file` as indexing does, with nothing prepared.
    fn read_one(file: &CorpusFile, indexed_hash: Option<u64>) -> Outcome {
        let contents = BatchReader::new().read(&[file]).pop().unwrap();
        outcome_of(file, contents, indexed_hash, None)
    }

    fn skip_reason(outcome: Outcome) -> String {
        match outcome {
            Outcome::Skipped(reason) => reason.to_string(),
            _ => panic!("expected a skip"),
        }
    }

    #[test]
    fn a_file_that_vanished_before_reading_is_skipped_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let outcome = read_one(&file(&dir.path().join("gone.txt")), None);
        assert_eq!(
            skip_reason(outcome),
            "cannot read: it vanished while indexing"
        );
    }

    #[test]
    fn an_unreadable_path_is_skipped_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        // Reading a folder fails even for root, unlike a file without permissions.
        let outcome = read_one(&file(dir.path()), None);
        assert_eq!(skip_reason(outcome), "cannot read: not a regular file");
    }

    #[test]
    fn same_content_as_indexed_is_not_parsed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "not even an article").unwrap();
        let hash = crate::corpus::content_hash(b"not even an article");
        assert!(matches!(
            read_one(&file(&path), Some(hash)),
            Outcome::Unchanged(Stamp { hash: h, .. }) if h == hash
        ));
    }

    #[test]
    fn removals_need_allowing_past_half_the_index_and_a_handful() {
        assert!(!too_many_removals(10, 10));
        assert!(!too_many_removals(11, 22));
        assert!(too_many_removals(11, 21));
        assert!(too_many_removals(5_000, 5_000));
        assert!(!too_many_removals(400, 1_000));
    }

    #[test]
    fn empty_months_lie_between_first_and_last() {
        let months: BTreeSet<Month> = [20_161_100, 20_170_215, 20_170_200]
            .into_iter()
            .filter_map(ArticleDate::from_sort_key)
            .map(|date| date.month)
            .collect();
        assert_eq!(months_between(&months), ["2016-12", "2017-01"]);
        assert!(months_between(&BTreeSet::new()).is_empty());
    }
}
