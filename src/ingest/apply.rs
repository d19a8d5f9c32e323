//! Applying a run's plan: removing the articles whose files are gone, reading the files
//! to read in parallel and handing them to the index writer in plan order, committing at
//! least every [`COMMIT_EVERY`], writing the new stamps as they come, and completing the
//! report (duplicates, empty months) once the last commit is made.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

use super::read::{Outcome, read_in_parallel};
use super::{Batches, Change, Event, Plan, Planned, Restamp, SpillReader, Stop, sample};
use crate::corpus::{self, Encoding};
use crate::date::{ArticleDate, Month};
use crate::index::{HASHES_HELD, IndexState, KrantIndex, Stamp, Stamps, Writer};
use crate::report::{IndexReport, SkippedFile};

/// Commit at least this often, so that a crash loses at most this much work. Only time
/// counts: each commit closes a segment per writer thread, and more segments mean merges.
/// Committing every 25,000 articles as well cost a merge of 8 segments on a 100,000-article
/// first build (7% of its CPU time, BENCHMARKS.md).
const COMMIT_EVERY: Duration = Duration::from_secs(60);

/// A plan being applied: the writer (none in a dry run) and what was done so far.
pub(super) struct Apply<'a> {
    /// The index writer; `None` in a dry run, which only counts.
    pub writer: Option<Writer>,
    /// The corpus folder.
    pub root: &'a Path,
    /// What was done so far.
    pub report: IndexReport,
    /// Articles in the index's catalog when the run began.
    pub indexed: usize,
    /// Where the run's events go.
    pub tell: &'a mut dyn FnMut(Event<'_>),
}

/// When to commit: at least every [`COMMIT_EVERY`] while articles wait uncommitted.
struct Commits {
    uncommitted: bool,
    last: Instant,
}

/// The files read so far, of how many.
struct Reading {
    read: usize,
    of: usize,
}

impl Apply<'_> {
    /// Removes the indexed articles whose files are gone.
    pub(super) fn remove_gone(&mut self, gone: &mut SpillReader) -> Result<()> {
        let mut record = Vec::new();
        while gone
            .next_into(&mut record)
            .context("cannot read the plan back")?
        {
            let path = String::from_utf8_lossy(&record);
            if let Some(writer) = self.writer.as_mut() {
                writer.remove(&path);
            }
            self.report.removed += 1;
            (self.tell)(Event::Changed {
                path: &path,
                change: Change::Removed,
            });
        }
        Ok(())
    }

    /// Reads and indexes the files of the plan on `threads` threads (choosing the terms
    /// to pair first, for a new index), until done or stopped; returns the new stamps,
    /// not finished yet.
    pub(super) fn read_and_index(
        &mut self,
        mut plan: Plan,
        stamps: &Stamps,
        threads: usize,
        stop: &Stop,
    ) -> Result<NewStamps> {
        (self.tell)(Event::Reading {
            bytes: plan.bytes_to_read,
        });
        let mut reading = Reading {
            read: 0,
            of: plan.to_read.len(),
        };
        if let Some(writer) = self.writer.as_mut()
            && writer.chooses_frequent_terms()
        {
            let terms = sample::frequent_terms(&mut plan.to_read, self.root, threads, stop.flag())?;
            writer.set_frequent_terms(terms);
        }
        let mut new_stamps = NewStamps::start(self.writer.as_ref(), &mut plan, stamps, reading.of);
        let mut commits = Commits {
            uncommitted: false,
            last: Instant::now(),
        };
        let preparer = self.writer.as_ref().map(Writer::preparer);
        let batches = Mutex::new(Batches::new(plan.to_read, self.root));
        let read = read_in_parallel(
            &batches,
            preparer,
            threads,
            stop.flag(),
            |planned, outcome| {
                let stamp = self.take(&planned, outcome, &mut commits)?;
                if let Some(stamp) = stamp {
                    new_stamps.add(&planned.file.path, stamp);
                }
                reading.read += 1;
                (self.tell)(Event::Read {
                    size: planned.file.size,
                    files_read: reading.read,
                    files_to_read: reading.of,
                    indexed: self.report.added + self.report.updated,
                });
                self.commit_if_due(&mut commits)
            },
        );
        stop.set_clean(false);
        read?;
        batches
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a reading thread failed"))?
            .failed
            .map_or(Ok(()), Err)
            .context("cannot read the plan back")?;
        (self.tell)(Event::ReadingOver);
        Ok(new_stamps)
    }

    /// Takes what reading `planned` gave: counts it, hands an article to the writer, and
    /// returns the file's new stamp (none for a file that is not an article).
    fn take(
        &mut self,
        planned: &Planned,
        outcome: Outcome,
        commits: &mut Commits,
    ) -> Result<Option<Stamp>> {
        let path = planned.file.path.as_str();
        let was_indexed = planned.indexed.is_some();
        Ok(match outcome {
            Outcome::Unchanged(stamp) => {
                self.report.unchanged += 1;
                Some(stamp)
            }
            Outcome::Article {
                prepared,
                encoding,
                stamp,
            } => {
                if encoding == Encoding::Windows1252 {
                    (self.tell)(Event::NotUtf8 { path });
                }
                if let (Some(writer), Some(prepared)) = (self.writer.as_mut(), prepared) {
                    writer.add(*prepared, was_indexed)?;
                }
                let change = if was_indexed {
                    self.report.updated += 1;
                    Change::Updated
                } else {
                    self.report.added += 1;
                    Change::Added
                };
                (self.tell)(Event::Changed { path, change });
                commits.uncommitted = true;
                Some(stamp)
            }
            Outcome::Skipped(reason) => {
                let reason = reason.to_string();
                (self.tell)(Event::Skipped {
                    path,
                    reason: &reason,
                });
                self.report.skipped.push(SkippedFile {
                    path: corpus::shown_path(path).into_owned(),
                    reason,
                });
                if was_indexed {
                    if let Some(writer) = self.writer.as_mut() {
                        writer.remove(path);
                    }
                    self.report.removed += 1;
                }
                None
            }
        })
    }

    /// Commits when articles have waited [`COMMIT_EVERY`].
    fn commit_if_due(&mut self, commits: &mut Commits) -> Result<()> {
        if let Some(writer) = self.writer.as_mut()
            && commits.uncommitted
            && commits.last.elapsed() >= COMMIT_EVERY
        {
            let articles = self.indexed + self.report.added - self.report.removed;
            writer.commit(state(self.root, articles))?;
            commits.uncommitted = false;
            commits.last = Instant::now();
        }
        Ok(())
    }

    /// Makes the last commit, puts the new stamps in place (unless the run was stopped)
    /// and completes the report.
    pub(super) fn finish(
        self,
        new_stamps: NewStamps,
        stop: &Stop,
        started: Instant,
    ) -> Result<IndexReport> {
        let Apply {
            writer,
            root,
            mut report,
            indexed,
            tell,
        } = self;
        report.interrupted = stop.requested();
        report.articles = if report.interrupted {
            indexed + report.added - report.removed
        } else {
            report.unchanged + report.added + report.updated
        };
        if let Some(mut writer) = writer {
            writer.commit(state(root, report.articles))?;
            if !report.interrupted
                && let Err(err) = new_stamps.finish()
            {
                // Only a cache: the next run reads files instead of trusting `stat`.
                tell(Event::StampsNotSaved(&err));
            }
            let index = writer.index();
            report.duplicates = duplicates(index)?;
            report.empty_months = empty_months(index)?;
            writer.finish()?;
        }
        report.set_duration(started.elapsed());
        Ok(report)
    }
}

/// The new stamps, when they differ from the old (files read, or stamps that go), written
/// as they come. A failure to write them is told once the commit succeeded (a full disk
/// is then the index's error, said once).
pub(super) struct NewStamps {
    out: Option<Restamp>,
    failed: Option<anyhow::Error>,
}

impl NewStamps {
    /// Starts the new stamps of a run with `files_to_read`, if it changes any.
    fn start(
        writer: Option<&Writer>,
        plan: &mut Plan,
        stamps: &Stamps,
        files_to_read: usize,
    ) -> NewStamps {
        let mut new = NewStamps {
            out: None,
            failed: None,
        };
        if let Some(writer) = writer
            && (files_to_read > 0
                || plan.stamps_kept.count() < plan.totals.stamps
                || stamps.outdated())
        {
            match writer.stamp_writer() {
                Ok(out) => {
                    let kept = std::mem::take(&mut plan.stamps_kept);
                    new.out = Some(Restamp::new(stamps, kept, out));
                }
                Err(err) => new.failed = Some(err),
            }
        }
        new
    }

    /// Adds the stamp of a file read.
    fn add(&mut self, path: &str, stamp: Stamp) {
        if let Some(out) = self.out.as_mut()
            && let Err(err) = out.add(path, stamp)
        {
            self.failed = Some(err);
            self.out = None;
        }
    }

    /// Writes the rest and puts the file in place.
    fn finish(self) -> Result<()> {
        match self.out {
            Some(out) => out.finish(),
            None => self.failed.map_or(Ok(()), Err),
        }
    }
}

/// What a commit records of the run.
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

/// Groups of paths with identical content, each sorted, in order.
fn duplicates(index: &KrantIndex) -> Result<Vec<Vec<String>>> {
    let mut groups: Vec<Vec<String>> = index
        .duplicates(HASHES_HELD)?
        .into_iter()
        .map(|group| {
            group
                .iter()
                .map(|path| corpus::shown_path(path).into_owned())
                .collect()
        })
        .collect();
    groups.iter_mut().for_each(|group| group.sort());
    groups.sort();
    Ok(groups)
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

#[cfg(test)]
mod tests {
    use super::*;

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
