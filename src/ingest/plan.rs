//! The plan of a run: which files to read, which articles are gone, which stay as they
//! are, from one pass over three streams sorted by path: the walk of the corpus, the
//! index's catalog and the stamps of the last run.
//!
//! A walked file whose stamp (size, mtime) still holds and whose stamp's hash is the
//! index's is unchanged; any other walked file is read. An indexed path the walk did not
//! meet is gone, unless it lies in a folder the walk could not read. Nothing is held but
//! the current item of each stream: the walk yields an unreadable folder before any path
//! inside it, so the last unreadable place met is the only one a path can lie in.

use std::cmp::Ordering;

use anyhow::{Result, bail};

use crate::corpus::{CorpusFile, WalkItem, WalkWarning, WalkedFile, full_path};
use crate::index::{CatalogEntry, Stamp};

/// A file to read, and the content hash of its article in the index, if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The file as the walk saw it.
    pub file: CorpusFile,
    /// The content hash the index holds for its path.
    pub indexed: Option<u64>,
}

/// A file the plan reads: as the walk saw it, with the content hash the index holds for
/// its path, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToRead {
    /// The file as the walk saw it.
    pub file: WalkedFile,
    /// The content hash the index holds for its path.
    pub indexed: Option<u64>,
}

/// One decision of the plan, in path order (warnings in walk order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Something the walk could not examine; `hides` when articles indexed at or under
    /// it are kept because of it.
    Warning {
        /// What and why.
        warning: WalkWarning,
        /// Whether it is an unreadable place rather than a single file.
        hides: bool,
    },
    /// A walked file that need not be read: its stamp (the `stamp`th of the stamps
    /// stream) holds.
    Unchanged {
        /// The stamp's position in the stamps stream.
        stamp: usize,
    },
    /// An indexed article in a place the walk could not read: kept, with its stamp.
    Kept {
        /// Its path.
        path: String,
        /// The stamp's position in the stamps stream, if it has one.
        stamp: Option<usize>,
    },
    /// A file to read.
    Read(ToRead),
    /// An indexed article whose file is gone.
    Gone(String),
}

/// What the plan saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// False when it stopped early (`keep_going` said no): nothing may be removed.
    pub complete: bool,
    /// Article candidates walked.
    pub walked: usize,
    /// Distinct paths in the index.
    pub indexed: usize,
    /// Stamps read, used or not.
    pub stamps: usize,
}

/// Merges the three sorted streams, calling `step` with each decision. `keep_going` is
/// asked before each item of the walk.
pub fn plan(
    walk: impl Iterator<Item = WalkItem>,
    catalog: impl Iterator<Item = Result<CatalogEntry>>,
    stamps: impl Iterator<Item = (String, Stamp)>,
    keep_going: impl Fn() -> bool,
    mut step: impl FnMut(Step) -> Result<()>,
) -> Result<Totals> {
    let mut totals = Totals {
        complete: true,
        ..Totals::default()
    };
    let mut walk = walk;
    let mut catalog = catalog;
    let mut stamps = StampCursor {
        stamps: stamps.peekable(),
        passed: 0,
    };
    let mut item: Option<WalkItem> = None;
    let mut walk_done = false;
    let mut entry = catalog.next().transpose()?;
    // The last unreadable place met, and the last key of the walk (for its order).
    let mut hidden: Option<String> = None;
    let mut last_key: Option<String> = None;
    loop {
        if item.is_none() && !walk_done {
            if !keep_going() {
                totals.complete = false;
                return Ok(totals);
            }
            item = walk.next();
            walk_done = item.is_none();
            if let Some(key) = item.as_ref().and_then(WalkItem::key) {
                if last_key.as_deref().is_some_and(|last| last >= key) {
                    bail!("the walk of the corpus came out of order at {key}");
                }
                last_key = Some(key.to_owned());
            }
        }
        let Some(order) = order_of(item.as_ref(), entry.as_ref()) else {
            break;
        };
        match order {
            Ordering::Less => {
                if let Some(item) = item.take() {
                    walked_first(item, &mut hidden, &mut totals, &mut step)?;
                }
            }
            Ordering::Equal => {
                let Some(WalkItem::File(file)) = item.take() else {
                    continue;
                };
                let Some(indexed) = entry.take() else {
                    continue;
                };
                totals.walked += 1;
                totals.indexed += 1;
                let (next, twice) = skip_same_path(&mut catalog, &indexed.path)?;
                entry = next;
                let stamp = stamps.find(&file.path);
                match stamp {
                    // A path indexed twice is read again: replacing it leaves one article.
                    Some((at, stamp))
                        if !twice
                            && stamp.size == file.size
                            && stamp.mtime_ns == file.mtime_ns
                            && stamp.hash == indexed.hash =>
                    {
                        step(Step::Unchanged { stamp: at })?;
                    }
                    _ => step(Step::Read(ToRead {
                        file,
                        indexed: Some(indexed.hash),
                    }))?,
                }
            }
            Ordering::Greater => {
                let Some(indexed) = entry.take() else {
                    continue;
                };
                totals.indexed += 1;
                let (next, _) = skip_same_path(&mut catalog, &indexed.path)?;
                entry = next;
                if hidden
                    .as_deref()
                    .is_some_and(|place| is_within(&indexed.path, place))
                {
                    let stamp = stamps.find(&indexed.path).map(|(at, _)| at);
                    step(Step::Kept {
                        path: indexed.path,
                        stamp,
                    })?;
                } else {
                    step(Step::Gone(indexed.path))?;
                }
            }
        }
    }
    while stamps.stamps.next().is_some() {
        stamps.passed += 1;
    }
    totals.stamps = stamps.passed;
    Ok(totals)
}

/// Which comes first: the walk's `item` (`Less`) or the catalog's `entry` (`Greater`),
/// or both (`Equal`, the same path); `None` when both streams are done.
fn order_of(item: Option<&WalkItem>, entry: Option<&CatalogEntry>) -> Option<Ordering> {
    Some(match (item, entry) {
        (None, None) => return None,
        (Some(WalkItem::Problem(_)), _) | (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (Some(WalkItem::Unreadable { key, .. }), Some(entry)) => {
            // A place sorts before the paths in it. It goes before an article at its
            // own path too (a folder where the file was): what could not be read is
            // not known to be gone.
            if key.as_str() <= entry.path.as_str()
                || key.strip_suffix('/') == Some(entry.path.as_str())
            {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
        (Some(WalkItem::File(file)), Some(entry)) => file.path.cmp(&entry.path),
    })
}

/// The step for a walk item that comes before the catalog's next entry: a warning (an
/// unreadable place then `hidden`, the last such), or a file new to the index.
fn walked_first(
    item: WalkItem,
    hidden: &mut Option<String>,
    totals: &mut Totals,
    step: &mut impl FnMut(Step) -> Result<()>,
) -> Result<()> {
    match item {
        WalkItem::Problem(warning) => step(Step::Warning {
            warning,
            hides: false,
        }),
        WalkItem::Unreadable { warning, .. } => {
            *hidden = Some(warning.path.clone());
            step(Step::Warning {
                warning,
                hides: true,
            })
        }
        WalkItem::File(file) => {
            totals.walked += 1;
            step(Step::Read(ToRead {
                file,
                indexed: None,
            }))
        }
    }
}

/// Reads past the catalog's entries for `path` after the first: the next entry, and
/// whether there was any.
fn skip_same_path(
    catalog: &mut impl Iterator<Item = Result<CatalogEntry>>,
    path: &str,
) -> Result<(Option<CatalogEntry>, bool)> {
    let mut twice = false;
    loop {
        match catalog.next().transpose()? {
            Some(entry) if entry.path == path => twice = true,
            next => return Ok((next, twice)),
        }
    }
}

/// The stamps stream, read up to the path asked for.
struct StampCursor<I: Iterator<Item = (String, Stamp)>> {
    stamps: std::iter::Peekable<I>,
    /// Stamps read so far.
    passed: usize,
}

impl<I: Iterator<Item = (String, Stamp)>> StampCursor<I> {
    /// The stamp of `path` and its position, if there is one; paths are asked for in
    /// ascending order.
    fn find(&mut self, path: &str) -> Option<(usize, Stamp)> {
        while let Some((next, stamp)) = self.stamps.peek() {
            match next.as_str().cmp(path) {
                Ordering::Less => {}
                Ordering::Equal => {
                    let found = (self.passed, *stamp);
                    self.stamps.next();
                    self.passed += 1;
                    return Some(found);
                }
                Ordering::Greater => return None,
            }
            self.stamps.next();
            self.passed += 1;
        }
        None
    }
}

/// Whether the relative path `path` is `place` or lies inside it (`""`: the root).
pub fn is_within(path: &str, place: &str) -> bool {
    place.is_empty()
        || path
            .strip_prefix(place)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl ToRead {
    /// Writes the record of this file to `out` (see [`Planned::decode`]).
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(&self.file.size.to_le_bytes());
        out.extend_from_slice(&self.file.mtime_ns.to_le_bytes());
        out.extend_from_slice(&self.indexed.unwrap_or(0).to_le_bytes());
        out.push(u8::from(self.indexed.is_some()));
        out.extend_from_slice(self.file.path.as_bytes());
    }
}

impl Planned {
    /// The file a record of [`Planned::encode`] describes, under the corpus `root`.
    pub fn decode(record: &[u8], root: &std::path::Path) -> Option<Planned> {
        let number = |at: usize| -> Option<[u8; 8]> { record.get(at..at + 8)?.try_into().ok() };
        let size = u64::from_le_bytes(number(0)?);
        let mtime_ns = i64::from_le_bytes(number(8)?);
        let hash = u64::from_le_bytes(number(16)?);
        let indexed = (*record.get(24)? == 1).then_some(hash);
        let path = std::str::from_utf8(record.get(25..)?).ok()?.to_owned();
        Some(Planned {
            file: CorpusFile {
                full_path: full_path(root, &path),
                path,
                size,
                mtime_ns,
            },
            indexed,
        })
    }
}

#[cfg(test)]
mod tests;
