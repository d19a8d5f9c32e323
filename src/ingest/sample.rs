//! Choosing the frequent words whose pairs a new index holds (see `index::phrase_pairs`): up to
//! [`SAMPLE_ARTICLES`] of the files to read, spread evenly over the plan, read and
//! analyzed before the indexing proper. The only place a run deals with the pairs; the
//! writer does the pairing.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::thread;

use anyhow::Result;

use super::read::{each_batch_read, spawn_in};
use super::{Planned, SpillReader};
use crate::analysis::{DutchAnalyzer, Mode, TokenKind};
use crate::corpus::{self, CorpusFile, READ_BATCH};
use crate::index::{FrequentTermCounter, FrequentTerms, SAMPLE_ARTICLES};

/// Chooses the terms to pair from a sample of the files of `to_read` (which lie under
/// `root`), read on `threads` threads; the list is read from its start again afterwards.
/// Unreadable files and non-articles are left out; the indexing proper reports them.
pub(super) fn frequent_terms(
    to_read: &mut SpillReader,
    root: &Path,
    threads: usize,
    stop: &AtomicBool,
) -> Result<FrequentTerms> {
    let sample = sample_of(to_read, root)?;
    let threads = threads.clamp(1, sample.len().max(1));
    let counters: Vec<FrequentTermCounter> = thread::scope(|scope| {
        let workers = sample
            .chunks(sample.len().div_ceil(threads).max(1))
            .map(|chunk| spawn_in(scope, "sample", move || count_terms(chunk, stop)))
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

/// Counts the terms of the articles among `files`.
fn count_terms(files: &[CorpusFile], stop: &AtomicBool) -> FrequentTermCounter {
    let mut analyzer = DutchAnalyzer::new();
    let mut counter = FrequentTermCounter::default();
    let mut batches = files.chunks(READ_BATCH);
    each_batch_read(
        || batches.next(),
        |batch| batch.iter().collect(),
        stop,
        |batch, contents| {
            for (file, contents) in batch.iter().zip(contents) {
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
            true
        },
    );
    counter
}

/// Up to [`SAMPLE_ARTICLES`] of the files to read, spread evenly over them; the list is
/// read from its start again afterwards.
fn sample_of(to_read: &mut SpillReader, root: &Path) -> Result<Vec<CorpusFile>> {
    let step = to_read.len().div_ceil(SAMPLE_ARTICLES).max(1);
    let mut sample = Vec::new();
    let mut record = Vec::new();
    let mut at = 0;
    while to_read.next_into(&mut record)? {
        if at % step == 0
            && let Some(planned) = Planned::decode(&record, root)
        {
            sample.push(planned.file);
        }
        at += 1;
    }
    to_read.rewind()?;
    Ok(sample)
}
