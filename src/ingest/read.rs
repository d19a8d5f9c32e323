//! Reading the files of a run: one loop reads a thread's batches ahead ([`each_batch_read`],
//! used by the indexing proper and by the sample of frequent words), and a pool of such
//! threads reads, hashes and analyzes the files to index, handing each file's
//! [`Outcome`] to the thread that owns the index writer, in plan order.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::thread;

use anyhow::Result;

use super::{Batches, Planned, thread_failure};
use crate::analysis::DutchAnalyzer;
use crate::corpus::{self, BatchReader, CorpusFile, Encoding, SkipReason};
use crate::index::{PreparedArticle, Preparer, Stamp};

/// Batches waiting for the writer, per reading thread: bounds memory whatever the corpus.
const QUEUE_PER_THREAD: usize = 2;

/// What happened to one file that had to be read.
pub enum Outcome {
    /// Same content as indexed: only the stamp is new.
    Unchanged(Stamp),
    /// A new or changed article, ready for the writer (`None` in a dry run).
    Article {
        /// The article as the writer takes it.
        prepared: Option<Box<PreparedArticle>>,
        /// How its bytes were decoded.
        encoding: Encoding,
        /// Its file's new stamp.
        stamp: Stamp,
    },
    /// Not an article.
    Skipped(SkipReason),
}

/// Reads the batches `claim` hands out with one [`BatchReader`], the next batch read while
/// the last is handled: `handle` gets each batch with the contents of its `files`, in
/// order, and says whether to go on. Stops when `claim` runs dry, when `stop` is set, or
/// when `handle` says false.
pub(super) fn each_batch_read<B>(
    mut claim: impl FnMut() -> Option<B>,
    files: impl Fn(&B) -> Vec<&CorpusFile>,
    stop: &AtomicBool,
    mut handle: impl FnMut(B, Vec<io::Result<Vec<u8>>>) -> bool,
) {
    let mut reader = BatchReader::new();
    let mut current = claim();
    if let Some(batch) = &current {
        reader.start(&files(batch));
    }
    while let Some(batch) = current {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        // The next batch is read while this one is handled.
        let following = claim();
        if let Some(next) = &following {
            reader.start(&files(next));
        }
        let contents = reader.finish();
        if !handle(batch, contents) {
            return;
        }
        current = following;
    }
}

/// Reads, hashes and parses the files `batches` hands out on `threads` threads, handing
/// each outcome to `consume` on the calling thread (which owns the index writer), in the
/// order of the plan, so that the new stamps can be written as they come. Stops early,
/// cleanly, when `consume` fails or `stop` is set.
pub(super) fn read_in_parallel(
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
                each_batch_read(
                    || batches.lock().ok().and_then(|mut b| b.claim()),
                    |(_, batch)| batch.iter().map(|p| &p.file).collect(),
                    stop,
                    |(number, batch), contents| {
                        if let Some(preparer) = preparer {
                            preparer.wait_turn();
                        }
                        // A batch read is also handed over as one: one at a time, the
                        // hand-over woke the writing thread, and through it tantivy's, for
                        // every article (some 300,000 context switches on 100,000
                        // articles, BENCHMARKS.md).
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
                        // A failed send: the writing side stopped, and reports why.
                        sender.send((number, outcomes)).is_ok()
                    },
                );
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

/// Starts a thread in `scope`, with an error rather than a panic when the system
/// refuses one (a process limit).
pub(super) fn spawn_in<'scope, 'env, T: Send + 'scope>(
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
    contents: io::Result<Vec<u8>>,
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
        hash: corpus::content_hash(&bytes),
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
fn io_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "it vanished while indexing".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "it is a folder".to_owned(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

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
        let hash = corpus::content_hash(b"not even an article");
        assert!(matches!(
            read_one(&file(&path), Some(hash)),
            Outcome::Unchanged(Stamp { hash: h, .. }) if h == hash
        ));
    }

    #[test]
    fn batches_are_read_in_order_until_the_claims_run_dry() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<CorpusFile> = (0..40)
            .map(|i| {
                let path = dir.path().join(format!("{i}.txt"));
                std::fs::write(&path, i.to_string()).unwrap();
                file(&path)
            })
            .collect();
        let mut claims = files.chunks(corpus::READ_BATCH);
        let mut read = Vec::new();
        each_batch_read(
            || claims.next(),
            |batch| batch.iter().collect(),
            &AtomicBool::new(false),
            |_, contents| {
                read.extend(contents.into_iter().map(Result::unwrap));
                true
            },
        );
        let expected: Vec<Vec<u8>> = (0..40).map(|i: i32| i.to_string().into_bytes()).collect();
        assert_eq!(read, expected);
    }
}
