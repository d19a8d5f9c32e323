//! `krant index`: make the index hold exactly the articles now in the corpus folder.
//!
//! Walk and stat every file; files whose size and mtime match their stamp (and whose
//! stamp matches the index) are not read. The rest are read, hashed and parsed by a pool
//! of threads feeding the single index writer through a bounded channel; a file whose
//! hash matches the index is not re-analysed. Vanished files are removed. One commit at
//! the end (and periodic ones on big runs) makes the changes visible atomically, so a
//! killed run leaves the last commit intact and the next run finishes the job.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::{DutchAnalyzer, Mode, TokenKind};
use crate::config::{DEFAULT_CORPUS_DIR, IndexConfig, OutputFormat};
use crate::corpus::{self, BatchReader, CorpusFile, Encoding, READ_BATCH, SkipReason, WalkOptions};
use crate::date::{ArticleDate, Month};
use crate::error::{Interrupted, failure};
use crate::index::{
    self, CatalogEntry, Found, FrequentTermCounter, FrequentTerms, IndexState, KrantIndex,
    PreparedArticle, Preparer, SAMPLE_ARTICLES, STAMPS_FILE, Stamp, TURN_BYTES, Writer,
    WriterOptions,
};
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
        OutputFormat::Json => {
            let mut out = super::stdout();
            serde_json::to_writer(&mut out, &report)?;
            std::io::Write::write_all(&mut out, b"\n")?;
            std::io::Write::flush(&mut out)?;
        }
        _ => {
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
    STOPS_CLEANLY.store(true, Ordering::SeqCst);
    let walk = walk_and_verify(config, &root, kept, &progress, stop)?;
    if !walk.complete {
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
    let catalog_before = match kept {
        Some(index) => index.catalog()?,
        None => Vec::new(),
    };
    // Fx, not SipHash: these maps hold every path of the archive, and a re-run with
    // nothing to do is mostly their building and probing.
    let indexed: FxHashMap<String, u64> = catalog_before
        .iter()
        .map(|e| (e.path.clone(), e.hash))
        .collect();
    let old_stamps = match kept {
        Some(_) => index::load_stamps(&index_dir.join(STAMPS_FILE)),
        None => FxHashMap::default(),
    };
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
    for warning in &walk.warnings {
        messages.warn(
            &shown(&warning.path),
            &format!("skipped: {}", warning.message),
        );
        report.skipped.push(SkippedFile {
            path: corpus::shown_path(&warning.path).into_owned(),
            reason: warning.message.clone(),
        });
    }

    let mut stamps: FxHashMap<&str, Stamp> =
        FxHashMap::with_capacity_and_hasher(walk.files.len(), Default::default());
    let mut to_read = Vec::new();
    for file in &walk.files {
        match (old_stamps.get(&file.path), indexed.get(&file.path)) {
            (Some(stamp), Some(&hash))
                if stamp.size == file.size
                    && stamp.mtime_ns == file.mtime_ns
                    && stamp.hash == hash =>
            {
                report.unchanged += 1;
                stamps.insert(&file.path, *stamp);
            }
            _ => to_read.push(file),
        }
    }
    let present: FxHashSet<&str> = walk.files.iter().map(|f| f.path.as_str()).collect();
    // A file in a folder that could not be read is not known to be gone: it stays.
    let mut vanished: Vec<&String> = Vec::new();
    let mut kept_unread = 0;
    for path in indexed.keys().filter(|p| !present.contains(p.as_str())) {
        if walk.unreadable.iter().any(|folder| is_within(path, folder)) {
            kept_unread += 1;
            report.unchanged += 1;
            if let Some((path, stamp)) = old_stamps.get_key_value(path) {
                stamps.insert(path, *stamp);
            }
        } else {
            vanished.push(path);
        }
    }
    if kept_unread > 0 {
        messages.info(&format!(
            "{} in folders that could not be read {} kept",
            crate::output::plural(kept_unread, "indexed article", "indexed articles"),
            if kept_unread == 1 { "is" } else { "are" }
        ));
    }
    if !config.allow_removals {
        let previous = if rebuild {
            previous_articles
        } else {
            Some(indexed.len())
        };
        let removing = if rebuild {
            previous.map_or(0, |p| p.saturating_sub(walk.files.len()))
        } else {
            vanished.len()
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
    if walk.files.is_empty() {
        messages.warn(&root.display().to_string(), &no_articles(walk.other_files));
    }
    vanished.sort();
    for path in vanished {
        if let Some(writer) = writer.as_mut() {
            writer.remove(path);
        }
        report.removed += 1;
        messages.detail(&format!(
            "{} {}",
            verb("removed", "would remove"),
            shown(path)
        ));
    }

    progress.set_length(to_read.iter().map(|f| f.size).sum());
    progress.set_position(0);
    progress.set_style(bar_style());
    let files_to_read = to_read.len();
    let mut files_read = 0usize;
    let mut uncommitted = false;
    let mut last_commit = Instant::now();
    if let Some(writer) = writer.as_mut()
        && writer.chooses_frequent_terms()
    {
        writer.set_frequent_terms(sample_frequent_terms(&to_read, config.threads, stop)?);
    }
    let preparer = writer.as_ref().map(Writer::preparer);
    let read = read_in_parallel(
        &to_read,
        &indexed,
        preparer,
        config.threads,
        stop,
        |file, outcome| {
            files_read += 1;
            progress.inc(file.size);
            let was_indexed = indexed.contains_key(&file.path);
            match outcome {
                Outcome::Unchanged(stamp) => {
                    report.unchanged += 1;
                    stamps.insert(&file.path, stamp);
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
                    if was_indexed {
                        report.updated += 1;
                        messages.detail(&format!(
                            "{} {}",
                            verb("updated", "would update"),
                            shown(&file.path)
                        ));
                    } else {
                        report.added += 1;
                        messages.detail(&format!(
                            "{} {}",
                            verb("added", "would add"),
                            shown(&file.path)
                        ));
                    }
                    stamps.insert(&file.path, stamp);
                    uncommitted = true;
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
                }
            }
            progress.set_message(format!(
                "{files_read}/{files_to_read} files read, {} indexed",
                report.added + report.updated
            ));
            if let Some(writer) = writer.as_mut()
                && uncommitted
                && last_commit.elapsed() >= COMMIT_EVERY
            {
                let articles = indexed.len() + report.added - report.removed;
                writer.commit(state(&root, articles))?;
                uncommitted = false;
                last_commit = Instant::now();
            }
            Ok(())
        },
    );
    STOPS_CLEANLY.store(false, Ordering::SeqCst);
    read?;
    progress.finish_and_clear();
    messages.set_progress(None);

    report.interrupted = stop.load(Ordering::SeqCst);
    report.articles = if report.interrupted {
        indexed.len() + report.added - report.removed
    } else {
        report.unchanged + report.added + report.updated
    };
    if let Some(mut writer) = writer {
        writer.commit(state(&root, report.articles))?;
        // With nothing read and nothing gone, the stamps are the ones loaded.
        let stamps_changed = files_to_read > 0 || stamps.len() != old_stamps.len();
        if !report.interrupted
            && stamps_changed
            && let Err(err) = writer.save_stamps(stamps.into_iter())
        {
            // Only a cache: the next run re-reads files instead of trusting stat.
            messages.warn(
                &index_dir.display().to_string(),
                &format!("could not save file stamps: {err:#}"),
            );
        }
        let changed = report.added + report.updated + report.removed > 0;
        let catalog = if changed || rebuild {
            writer.index().catalog()?
        } else {
            catalog_before
        };
        report.duplicates = duplicates(&catalog);
        report.empty_months = empty_months(&catalog);
        writer.finish()?;
    }
    report.set_duration(started.elapsed());
    Ok(report)
}

/// Walks the corpus and, on another thread meanwhile, verifies the checksums of the
/// index kept (`KrantIndex::verify`): damage is reported before anything is changed, and
/// the check costs a re-run little time beside the walk.
fn walk_and_verify(
    config: &IndexConfig,
    root: &Path,
    kept: Option<&KrantIndex>,
    progress: &ProgressBar,
    stop: &AtomicBool,
) -> Result<corpus::Walk> {
    let options = WalkOptions {
        follow_links: config.follow_links,
        exclude: config.global.index_dir.canonicalize().ok(),
    };
    thread::scope(|scope| {
        let verifying = kept.map(|index| {
            thread::Builder::new()
                .name("verify".into())
                .spawn_scoped(scope, || index.verify())
                .map_err(|_| index)
        });
        let walk = corpus::walk_observed(
            root,
            &options,
            |_| progress.inc_length(1),
            || !stop.load(Ordering::Relaxed),
        );
        match verifying {
            Some(Ok(handle)) => handle
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("verifying the index failed")))?,
            // No thread to spare: verified here.
            Some(Err(index)) => index.verify()?,
            None => {}
        }
        Ok(walk)
    })
}

fn progress_bar(config: &IndexConfig) -> ProgressBar {
    if config.global.quiet
        || !config.global.stderr_is_terminal
        || config.format == OutputFormat::Json
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

/// Groups of paths with the same content, each sorted, ordered by first path.
fn duplicates(catalog: &[CatalogEntry]) -> Vec<Vec<String>> {
    let mut by_hash: HashMap<u64, Vec<String>> = HashMap::new();
    for entry in catalog {
        by_hash
            .entry(entry.hash)
            .or_default()
            .push(corpus::shown_path(&entry.path).into_owned());
    }
    let mut groups: Vec<Vec<String>> = by_hash
        .into_values()
        .filter(|paths| paths.len() > 1)
        .map(|mut paths| {
            paths.sort();
            paths
        })
        .collect();
    groups.sort();
    groups
}

/// Months without articles between the first and the last month of the archive.
fn empty_months(catalog: &[CatalogEntry]) -> Vec<String> {
    let mut counts: BTreeMap<Month, usize> = BTreeMap::new();
    for entry in catalog {
        if let Some(date) = ArticleDate::from_sort_key(entry.date_key) {
            *counts.entry(date.month).or_default() += 1;
        }
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut empty = Vec::new();
    let mut month = first;
    while month < last {
        if !counts.contains_key(&month) {
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

/// Whether the relative path `path` is `folder` or lies inside it (`""`: the root).
fn is_within(path: &str, folder: &str) -> bool {
    folder.is_empty()
        || path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
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

/// Reads, hashes and parses `files` on `threads` threads, handing each outcome to
/// `consume` on the calling thread (which owns the index writer). Stops early, cleanly,
/// when `consume` fails or `stop` is set.
fn read_in_parallel<'f>(
    files: &[&'f CorpusFile],
    indexed: &FxHashMap<String, u64>,
    preparer: Option<Preparer>,
    threads: usize,
    stop: &AtomicBool,
    mut consume: impl FnMut(&'f CorpusFile, Outcome) -> Result<()>,
) -> Result<()> {
    let threads = threads.clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let (sender, receiver) =
        mpsc::sync_channel::<Vec<(usize, Outcome)>>(threads * QUEUE_PER_THREAD);
    let preparer = preparer.as_ref();
    thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let next = &next;
            spawn_in(scope, "read", move || {
                let mut analyzer = preparer.map_or_else(DutchAnalyzer::new, Preparer::analyzer);
                let mut reader = BatchReader::new();
                let claim = || {
                    let first = next.fetch_add(READ_BATCH, Ordering::Relaxed);
                    (first < files.len())
                        .then(|| (first, &files[first..(first + READ_BATCH).min(files.len())]))
                };
                let mut current = claim();
                if let Some((_, chunk)) = current {
                    reader.start(chunk);
                }
                while let Some((first, chunk)) = current {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    // The next batch is read while this one is analyzed.
                    let following = claim();
                    if let Some((_, chunk)) = following {
                        reader.start(chunk);
                    }
                    let contents = reader.finish();
                    if let Some(preparer) = preparer {
                        preparer.wait_turn();
                    }
                    // A batch read is also handed over as one: one at a time, the hand-over
                    // woke the writing thread, and through it tantivy's, for every article
                    // (some 300,000 context switches on 100,000 articles, BENCHMARKS.md).
                    let outcomes: Vec<(usize, Outcome)> = chunk
                        .iter()
                        .zip(contents)
                        .enumerate()
                        .map(|(k, (file, contents))| {
                            let outcome = outcome_of(
                                file,
                                contents,
                                indexed.get(&file.path).copied(),
                                preparer.map(|p| (p, &mut analyzer)),
                            );
                            (first + k, outcome)
                        })
                        .collect();
                    if sender.send(outcomes).is_err() {
                        // The writing side stopped, and reports why.
                        return;
                    }
                    current = following;
                }
            })?;
        }
        drop(sender);
        for (i, outcome) in receiver.into_iter().flatten() {
            if let Err(err) = consume(files[i], outcome) {
                stop.store(true, Ordering::Relaxed);
                return Err(err);
            }
        }
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
        .map_err(|err| {
            failure(
                format!("cannot start a {name} thread ({err})"),
                "the system refused a new thread (is a process limit, ulimit -u, reached?); \
                 try --threads 1",
            )
        })
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

    fn entry(path: &str, date_key: u64, hash: u64) -> CatalogEntry {
        CatalogEntry {
            path: path.into(),
            date_key,
            hash,
        }
    }

    #[test]
    fn removals_need_allowing_past_half_the_index_and_a_handful() {
        assert!(!too_many_removals(10, 10));
        assert!(!too_many_removals(11, 22));
        assert!(too_many_removals(11, 21));
        assert!(too_many_removals(5_000, 5_000));
        assert!(!too_many_removals(400, 1_000));
        assert!(is_within("a/b.txt", "a"));
        assert!(is_within("a/b/c.txt", "a/b"));
        assert!(!is_within("ab/c.txt", "a"));
        assert!(is_within("x.txt", ""));
    }

    #[test]
    fn duplicates_group_paths_by_content() {
        let catalog = [
            entry("b.txt", 20_170_100, 1),
            entry("a.txt", 20_170_100, 1),
            entry("c.txt", 20_170_100, 2),
            entry("z/d.txt", 20_170_100, 3),
            entry("e.txt", 20_170_100, 3),
            entry("f.txt", 20_170_100, 3),
        ];
        assert_eq!(
            duplicates(&catalog),
            [vec!["a.txt", "b.txt"], vec!["e.txt", "f.txt", "z/d.txt"]]
        );
    }

    #[test]
    fn empty_months_lie_between_first_and_last() {
        let catalog = [
            entry("a", 20_161_100, 1),
            entry("b", 20_170_215, 2),
            entry("c", 20_170_200, 3),
        ];
        assert_eq!(empty_months(&catalog), ["2016-12", "2017-01"]);
        assert!(empty_months(&[]).is_empty());
    }
}
