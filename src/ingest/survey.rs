//! A run's survey: the walk of the corpus merged with the index's catalog and the stamps
//! into a plan whose lists wait on disk, while the kept index's checksums are verified;
//! then the files to read handed out from the plan a batch at a time.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use anyhow::Result;

use super::{Ahead, Kept, Planned, SpillReader, SpillWriter, Step, Totals, ahead, plan};
use crate::corpus::{READ_BATCH, WalkItem, WalkOptions, WalkWarning, Walker};
use crate::error::failure;
use crate::index::{CatalogEntry, KrantIndex, Stamp, Stamps};

/// What a run is to do, from [`plan_and_verify`].
pub struct Plan {
    /// What the plan saw.
    pub totals: Totals,
    /// Walked files that need no reading, and kept articles in unreadable folders.
    pub unchanged: usize,
    /// Of which kept in unreadable folders.
    pub kept_unread: usize,
    /// Which old stamps stay.
    pub stamps_kept: Kept,
    /// The files to read, in path order.
    pub to_read: SpillReader,
    /// Their bytes.
    pub bytes_to_read: u64,
    /// The indexed paths whose files are gone, in order.
    pub gone: SpillReader,
    /// Visible files the walk met whose names do not make them articles.
    pub other_files: usize,
}

/// Walks the corpus and plans the run against the kept index and the stamps, while
/// another thread verifies the checksums of the kept index (`KrantIndex::verify`), so
/// that damage is reported before anything is changed, at little cost beside the walk.
/// `walked` hears of each article candidate as the walk meets it (for progress), `warn`
/// of each place the walk could not examine; the walk stops early once `stop` is set.
#[allow(clippy::too_many_arguments)]
pub fn plan_and_verify(
    root: &Path,
    options: &WalkOptions,
    kept: Option<&KrantIndex>,
    stamps: &Stamps,
    spill_dir: &Path,
    walked: impl Fn(),
    stop: &AtomicBool,
    mut warn: impl FnMut(WalkWarning),
) -> Result<Plan> {
    let spill =
        |what| SpillWriter::create(spill_dir, what).map_err(|e| plan_failure(spill_dir, &e));
    let (mut to_read, mut gone) = (spill("read")?, spill("gone")?);
    let mut record = Vec::new();
    let (mut unchanged, mut kept_unread, mut bytes_to_read) = (0, 0, 0);
    let mut stamps_kept = Kept::default();
    let mut step = |step: Step| -> Result<()> {
        match step {
            Step::Warning { warning, .. } => warn(warning),
            Step::Unchanged { stamp } => {
                unchanged += 1;
                stamps_kept.keep(stamp);
            }
            Step::Kept { stamp, .. } => {
                unchanged += 1;
                kept_unread += 1;
                if let Some(at) = stamp {
                    stamps_kept.keep(at);
                }
            }
            Step::Read(planned) => {
                bytes_to_read += planned.file.size;
                planned.encode(&mut record);
                to_read
                    .push(&record)
                    .map_err(|e| plan_failure(spill_dir, &e))?;
            }
            Step::Gone(path) => gone
                .push(path.as_bytes())
                .map_err(|e| plan_failure(spill_dir, &e))?,
        }
        Ok(())
    };
    let mut walker = Walker::new(root, options);
    let walk = walker.by_ref().inspect(|item| {
        if matches!(item, WalkItem::File(_)) {
            walked();
        }
    });
    let keep_going = || !stop.load(Ordering::Relaxed);
    let totals = thread::scope(|scope| {
        let verifying = kept.map(|index| {
            thread::Builder::new()
                .name("verify".into())
                .spawn_scoped(scope, || index.verify())
                .map_err(|_| index)
        });
        // The catalog and the stamps are read on threads of their own meanwhile.
        let planned = match kept {
            Some(index) => catalog_ahead(scope, index)
                .and_then(|catalog| Ok((catalog, stamps_ahead(scope, stamps)?)))
                .map_err(|e| thread_failure("read", &e))
                .and_then(|(catalog, stamps)| plan(walk, catalog, stamps, keep_going, &mut step)),
            None => plan(
                walk,
                std::iter::empty(),
                stamps.iter(),
                keep_going,
                &mut step,
            ),
        };
        // Damage first: it may be why the catalog could not be read.
        match verifying {
            Some(Ok(handle)) => handle
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("verifying the index failed")))?,
            // No thread to spare: verified here.
            Some(Err(index)) => index.verify()?,
            None => {}
        }
        planned
    })?;
    let spilled = |list: SpillWriter| list.finish().map_err(|e| plan_failure(spill_dir, &e));
    Ok(Plan {
        totals,
        unchanged,
        kept_unread,
        stamps_kept,
        to_read: spilled(to_read)?,
        bytes_to_read,
        gone: spilled(gone)?,
        other_files: walker.other_files(),
    })
}

/// The catalog of `index` in path order, read on a thread of `scope`.
fn catalog_ahead<'scope>(
    scope: &'scope thread::Scope<'scope, '_>,
    index: &'scope KrantIndex,
) -> std::io::Result<Ahead<Result<CatalogEntry>>> {
    ahead(scope, "catalog", move |emit| {
        let read = index.with_sorted_catalog(|catalog| {
            for entry in catalog {
                let failed = entry.is_err();
                if !emit(entry) || failed {
                    break;
                }
            }
            Ok(())
        });
        if let Err(err) = read {
            emit(Err(err));
        }
    })
}

/// `stamps` in path order, read on a thread of `scope`.
fn stamps_ahead<'scope>(
    scope: &'scope thread::Scope<'scope, '_>,
    stamps: &'scope Stamps,
) -> std::io::Result<Ahead<(String, Stamp)>> {
    ahead(scope, "stamps", move |emit| {
        for stamp in stamps.iter() {
            if !emit(stamp) {
                break;
            }
        }
    })
}

/// The plan's lists could not be written in `dir`.
fn plan_failure(dir: &Path, err: &std::io::Error) -> anyhow::Error {
    failure(
        format!(
            "cannot write the run's plan in {} ({err}; is the disk full or the folder \
             read-only?)",
            dir.display()
        ),
        "nothing was changed; free space or fix permissions, then run `krant index` again",
    )
}

/// The files to read, handed out a batch at a time, numbered in plan order.
pub struct Batches<'a> {
    list: SpillReader,
    root: &'a Path,
    next: usize,
    record: Vec<u8>,
    /// Why the list could not be read back, if it could not.
    pub failed: Option<std::io::Error>,
}

impl<'a> Batches<'a> {
    /// Hands out the files of `list`, which lie under the corpus folder `root`.
    pub fn new(list: SpillReader, root: &'a Path) -> Batches<'a> {
        Batches {
            list,
            root,
            next: 0,
            record: Vec::new(),
            failed: None,
        }
    }

    /// The next batch of up to [`READ_BATCH`] files and its number.
    pub fn claim(&mut self) -> Option<(usize, Vec<Planned>)> {
        let mut batch = Vec::with_capacity(READ_BATCH);
        while batch.len() < READ_BATCH && self.failed.is_none() {
            match self.list.next_into(&mut self.record) {
                Ok(true) => batch.extend(Planned::decode(&self.record, self.root)),
                Ok(false) => break,
                Err(err) => self.failed = Some(err),
            }
        }
        if batch.is_empty() {
            return None;
        }
        self.next += 1;
        Some((self.next - 1, batch))
    }
}

/// The system refused a thread.
pub fn thread_failure(name: &str, err: &std::io::Error) -> anyhow::Error {
    failure(
        format!("cannot start a {name} thread ({err})"),
        "the system refused a new thread (is a process limit, ulimit -u, reached?); try \
         --threads 1",
    )
}
