//! `krant index`: make the index hold exactly the articles now in the corpus folder.
//!
//! Walk and stat every file; files whose size and mtime match their stamp (and whose
//! stamp matches the index) are not read. The rest are read, hashed and parsed by a pool
//! of threads feeding the single index writer through a bounded channel; a file whose
//! hash matches the index is not re-analysed. Vanished files are removed. One commit at
//! the end (and periodic ones on big runs) makes the changes visible atomically.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

use crate::config::{DEFAULT_CORPUS_DIR, IndexConfig};
use crate::corpus::{self, Article, CorpusFile, Encoding, SkipReason, WalkOptions};
use crate::error::failure;
use crate::index::{self, IndexState, Stamp, Writer, WriterOptions};
use crate::output::{self, Messages};
use crate::report::{IndexReport, SkippedFile};

/// Commit after this many changed articles, so a crash loses at most that much work.
const COMMIT_EVERY_ARTICLES: usize = 25_000;

/// Results waiting for the writer, per reading thread: bounds memory whatever the corpus.
const QUEUE_PER_THREAD: usize = 16;

/// Runs `krant index` and prints its summary.
pub fn run(config: &IndexConfig) -> Result<ExitCode> {
    let mut messages = Messages::new(
        config.global.stderr_color,
        config.global.quiet,
        config.global.verbose,
    );
    let report = sync(config, &mut messages)?;
    messages.finish();
    output::print_index_summary(&mut std::io::stderr().lock(), &report, messages.style())?;
    Ok(ExitCode::SUCCESS)
}

/// What happened to one file that had to be read.
enum Outcome {
    /// Same content as indexed: only the stamp is new.
    Unchanged(Stamp),
    /// A new or changed article.
    Article(Box<Article>, Stamp),
    /// Not an article.
    Skipped(SkipReason),
}

/// Brings the index in line with the corpus folder and reports what changed.
pub fn sync(config: &IndexConfig, messages: &mut Messages) -> Result<IndexReport> {
    let started = Instant::now();
    let index_dir = &config.global.index_dir;
    let corpus_arg = match &config.corpus {
        Some(path) => path.clone(),
        None => index::recorded_corpus_root(index_dir)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS_DIR)),
    };
    let root = corpus_root(&corpus_arg)?;

    let mut writer = Writer::open(
        index_dir,
        &WriterOptions {
            threads: config.threads,
            memory_bytes: config.memory_bytes,
            rebuild: config.rebuild,
        },
    )?;
    if !config.rebuild
        && let Some(state) = writer.index().state()?
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

    let walk = corpus::walk(
        &root,
        &WalkOptions {
            follow_links: config.follow_links,
            exclude: index_dir.canonicalize().ok(),
        },
    );
    let shown = |rel: &str| display_path(&corpus_arg, rel);
    let mut report = IndexReport {
        corpus: root.display().to_string(),
        index: index_dir.display().to_string(),
        ..IndexReport::default()
    };
    for warning in &walk.warnings {
        messages.warn(
            &shown(&warning.path),
            &format!("skipped: {}", warning.message),
        );
        report.skipped.push(SkippedFile {
            path: warning.path.clone(),
            reason: warning.message.clone(),
        });
    }

    let (indexed, old_stamps) = if config.rebuild {
        (HashMap::new(), HashMap::new())
    } else {
        (writer.indexed()?, writer.stamps())
    };
    let mut stamps: HashMap<&str, Stamp> = HashMap::with_capacity(walk.files.len());
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
    let present: HashSet<&str> = walk.files.iter().map(|f| f.path.as_str()).collect();
    for path in indexed.keys().filter(|p| !present.contains(p.as_str())) {
        writer.remove(path);
        report.removed += 1;
        if messages_verbose(config) {
            messages.note(&shown(path), "removed (file is gone)");
        }
    }

    let stop = AtomicBool::new(false);
    let mut since_commit = 0usize;
    read_in_parallel(
        &to_read,
        &indexed,
        config.threads,
        &stop,
        |file, outcome| {
            let was_indexed = indexed.contains_key(&file.path);
            match outcome {
                Outcome::Unchanged(stamp) => {
                    report.unchanged += 1;
                    stamps.insert(&file.path, stamp);
                }
                Outcome::Article(article, stamp) => {
                    if article.encoding == Encoding::Windows1252 {
                        messages.note(&shown(&file.path), "not valid UTF-8; read as Windows-1252");
                    }
                    writer.add(&article, stamp.hash)?;
                    if was_indexed {
                        report.updated += 1;
                    } else {
                        report.added += 1;
                    }
                    stamps.insert(&file.path, stamp);
                    since_commit += 1;
                }
                Outcome::Skipped(reason) => {
                    messages.warn(&shown(&file.path), &format!("skipped: {reason}"));
                    report.skipped.push(SkippedFile {
                        path: file.path.clone(),
                        reason: reason.to_string(),
                    });
                    if was_indexed {
                        writer.remove(&file.path);
                        report.removed += 1;
                    }
                }
            }
            if since_commit >= COMMIT_EVERY_ARTICLES {
                let articles = indexed.len() + report.added - report.removed;
                writer.commit(&state(&root, articles))?;
                since_commit = 0;
            }
            Ok(())
        },
    )?;

    report.articles = report.unchanged + report.added + report.updated;
    writer.commit(&state(&root, report.articles))?;
    if let Err(err) = writer.save_stamps(stamps.into_iter()) {
        // Only a cache: the next run re-reads files instead of trusting stat.
        messages.warn(
            &index_dir.display().to_string(),
            &format!("could not save file stamps: {err:#}"),
        );
    }
    writer.finish()?;
    report.set_duration(started.elapsed());
    Ok(report)
}

fn messages_verbose(config: &IndexConfig) -> bool {
    config.global.verbose
}

fn state(root: &Path, articles: usize) -> IndexState {
    IndexState {
        corpus_root: root.to_path_buf(),
        indexed_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        articles: articles as u64,
    }
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

/// How to show a corpus file to the user: under the corpus path as they gave it.
fn display_path(corpus_arg: &Path, rel: &str) -> String {
    let base = corpus_arg.display().to_string();
    if base.is_empty() || base == "." {
        rel.to_owned()
    } else {
        format!("{}/{rel}", base.trim_end_matches('/'))
    }
}

/// Reads, hashes and parses `files` on `threads` threads, handing each outcome to
/// `consume` on the calling thread (which owns the index writer). Stops early, cleanly,
/// when `consume` fails or `stop` is set.
fn read_in_parallel<'f>(
    files: &[&'f CorpusFile],
    indexed: &HashMap<String, u64>,
    threads: usize,
    stop: &AtomicBool,
    mut consume: impl FnMut(&'f CorpusFile, Outcome) -> Result<()>,
) -> Result<()> {
    let threads = threads.clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<(usize, Outcome)>(threads * QUEUE_PER_THREAD);
    thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files.len() || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let file = files[i];
                    let outcome = read_one(file, indexed.get(&file.path).copied());
                    if sender.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (i, outcome) in receiver {
            if let Err(err) = consume(files[i], outcome) {
                stop.store(true, Ordering::Relaxed);
                return Err(err);
            }
        }
        Ok(())
    })
}

fn read_one(file: &CorpusFile, indexed_hash: Option<u64>) -> Outcome {
    let bytes = match std::fs::read(&file.full_path) {
        Ok(bytes) => bytes,
        Err(err) => return Outcome::Skipped(SkipReason::Unreadable(io_reason(&err))),
    };
    let stamp = Stamp {
        size: file.size,
        mtime_ns: file.mtime_ns,
        hash: xxhash_rust::xxh3::xxh3_64(&bytes),
    };
    if indexed_hash == Some(stamp.hash) {
        return Outcome::Unchanged(stamp);
    }
    match corpus::parse_article(&file.path, &bytes) {
        Ok(article) => Outcome::Article(Box::new(article), stamp),
        Err(reason) => Outcome::Skipped(reason),
    }
}

/// An I/O error as a short reason, without the `(os error N)` noise.
fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "it vanished while indexing".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}
