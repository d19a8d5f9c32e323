//! `stamps.tsv`: what `stat` said about each indexed file when it was last read.
//!
//! Only a cache: a stamp is trusted only while its hash equals the hash stored in the
//! index for that path, so a lost, stale or damaged file costs a re-read, never a wrong
//! index.
//!
//! The lines are sorted by path (a header line says so), so that a run reads them as a
//! stream beside the sorted walk and the sorted catalog instead of holding a map of
//! every path (about 200 bytes an article); a new file is written the same way, from
//! streams. A file without the header, written by an earlier krant in no order, is read
//! whole and sorted once; the next run that changes anything writes it sorted.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};

/// The first line of a stamps file whose lines are sorted by path.
const SORTED_HEADER: &str = "# krant stamps, sorted by path: size, mtime (ns), xxh3, path";

/// Size, modification time and content hash of a file when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// Content hash (xxh3-64 of the raw bytes).
    pub hash: u64,
}

/// An index's stamps, to be read in path order, as often as needed.
#[derive(Debug, Clone)]
pub struct Stamps {
    source: Source,
}

#[derive(Debug, Clone)]
enum Source {
    None,
    /// A sorted file.
    Sorted(PathBuf),
    /// An unsorted file of an earlier krant, read and sorted.
    Held(Arc<Vec<(String, Stamp)>>),
}

impl Stamps {
    /// No stamps: every file is read.
    pub fn none() -> Stamps {
        Stamps {
            source: Source::None,
        }
    }

    /// The stamps at `path`; a missing or damaged file reads as empty (it is only a cache).
    pub fn open(path: &Path) -> Stamps {
        let Ok(file) = File::open(path) else {
            return Stamps::none();
        };
        let mut lines = BufReader::new(file);
        let mut first = String::new();
        if lines.read_line(&mut first).is_err() {
            return Stamps::none();
        }
        if first.trim_end_matches('\n') == SORTED_HEADER {
            return Stamps {
                source: Source::Sorted(path.to_path_buf()),
            };
        }
        // Written by an earlier krant, in the order of its hash map: read once, sorted.
        first.truncate(first.trim_end_matches('\n').len());
        let mut held: Vec<(String, Stamp)> = std::iter::once(first.into_bytes())
            .chain(lines.split(b'\n').map_while(Result::ok))
            .filter_map(|line| parse(&line))
            .collect();
        held.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        held.dedup_by(|b, a| a.0 == b.0);
        Stamps {
            source: Source::Held(Arc::new(held)),
        }
    }

    /// Whether the file is in an earlier krant's form (read whole): the next run that
    /// writes the index writes it anew, sorted, even with nothing else to change.
    pub fn outdated(&self) -> bool {
        matches!(self.source, Source::Held(_))
    }

    /// The stamps in ascending path order, each path once; lines that cannot be read or
    /// are out of order are left out. Every call yields the same stamps in the same order.
    pub fn iter(&self) -> StampIter {
        let inner = match &self.source {
            Source::None => Inner::Done,
            Source::Sorted(path) => match File::open(path) {
                Ok(file) => {
                    let mut lines = BufReader::with_capacity(1 << 16, file);
                    let mut header = Vec::new();
                    match lines.read_until(b'\n', &mut header) {
                        Ok(_) => Inner::File(lines),
                        Err(_) => Inner::Done,
                    }
                }
                Err(_) => Inner::Done,
            },
            Source::Held(held) => Inner::Held(Arc::clone(held), 0),
        };
        StampIter {
            inner,
            line: Vec::new(),
            last: None,
        }
    }
}

/// See [`Stamps::iter`].
pub struct StampIter {
    inner: Inner,
    line: Vec<u8>,
    last: Option<String>,
}

enum Inner {
    Done,
    File(BufReader<File>),
    Held(Arc<Vec<(String, Stamp)>>, usize),
}

impl Iterator for StampIter {
    type Item = (String, Stamp);

    fn next(&mut self) -> Option<(String, Stamp)> {
        loop {
            let (path, stamp) = match &mut self.inner {
                Inner::Done => return None,
                Inner::Held(held, at) => {
                    let item = held.get(*at).cloned();
                    *at += 1;
                    item?
                }
                Inner::File(lines) => {
                    self.line.clear();
                    match lines.read_until(b'\n', &mut self.line) {
                        Ok(0) | Err(_) => {
                            self.inner = Inner::Done;
                            return None;
                        }
                        Ok(_) => {}
                    }
                    if self.line.last() == Some(&b'\n') {
                        self.line.pop();
                    }
                    let Some(item) = parse(&self.line) else {
                        continue;
                    };
                    item
                }
            };
            // A line out of order is damage: left out, its file is read again.
            if self
                .last
                .as_deref()
                .is_some_and(|last| last >= path.as_str())
            {
                continue;
            }
            self.last = Some(path.clone());
            return Some((path, stamp));
        }
    }
}

/// One line: `size TAB mtime TAB hash TAB path`.
fn parse(line: &[u8]) -> Option<(String, Stamp)> {
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.splitn(4, '\t');
    let size = parts.next()?.parse().ok()?;
    let mtime_ns = parts.next()?.parse().ok()?;
    let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
    let file = parts.next()?;
    Some((
        file.to_owned(),
        Stamp {
            size,
            mtime_ns,
            hash,
        },
    ))
}

/// Writes a stamps file from stamps given in ascending path order, atomically: a
/// temporary file, renamed over the old one by [`StampWriter::finish`]; dropped
/// unfinished, it leaves the old file alone (and the temporary file goes with the next
/// writer's tidying).
pub struct StampWriter {
    path: PathBuf,
    tmp: PathBuf,
    out: BufWriter<File>,
    last: Option<String>,
}

impl StampWriter {
    /// Starts writing the stamps file `path`.
    pub fn create(path: &Path) -> Result<StampWriter> {
        let tmp = path.with_extension("tsv.tmp");
        let file = File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        writeln!(out, "{SORTED_HEADER}")?;
        Ok(StampWriter {
            path: path.to_path_buf(),
            tmp,
            out,
            last: None,
        })
    }

    /// Adds the stamp of `file`, which sorts after every file added before.
    pub fn push(&mut self, file: &str, stamp: Stamp) -> Result<()> {
        // A newline in a file name would break the format; such files are simply re-read.
        if file.contains('\n') {
            return Ok(());
        }
        if self.last.as_deref().is_some_and(|last| last >= file) {
            anyhow::bail!("stamps out of order at {file}");
        }
        writeln!(
            self.out,
            "{}\t{}\t{:016x}\t{}",
            stamp.size, stamp.mtime_ns, stamp.hash, file
        )
        .with_context(|| format!("cannot write {}", self.tmp.display()))?;
        match &mut self.last {
            Some(last) => {
                last.clear();
                last.push_str(file);
            }
            None => self.last = Some(file.to_owned()),
        }
        Ok(())
    }

    /// Makes the file durable and puts it in place.
    pub fn finish(self) -> Result<()> {
        self.out
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all())
            .with_context(|| format!("cannot write {}", self.tmp.display()))?;
        fs::rename(&self.tmp, &self.path)
            .with_context(|| format!("cannot replace {}", self.path.display()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64, mtime_ns: i64, hash: u64) -> Stamp {
        Stamp {
            size,
            mtime_ns,
            hash,
        }
    }

    fn write(path: &Path, stamps: &[(&str, Stamp)]) {
        let mut writer = StampWriter::create(path).unwrap();
        for (file, stamp) in stamps {
            writer.push(file, *stamp).unwrap();
        }
        writer.finish().unwrap();
    }

    #[test]
    fn round_trips_in_order_and_tolerates_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stamps.tsv");
        let a = stamp(10, 1_700_000_000_123_456_789, 0xdead_beef);
        let b = stamp(0, -5, u64::MAX);
        write(
            &path,
            &[("a/x.txt", a), ("b\tc.txt", b), ("bad\nname.txt", a)],
        );
        let read: Vec<_> = Stamps::open(&path).iter().collect();
        assert_eq!(
            read,
            [("a/x.txt".to_owned(), a), ("b\tc.txt".to_owned(), b)]
        );
        assert!(!dir.path().join("stamps.tsv.tmp").exists());

        // Damaged lines and lines out of order are left out.
        fs::write(
            &path,
            format!("{SORTED_HEADER}\ngarbage\n1\t2\tzz\tq.txt\n3\t4\t0a\tok.txt\n1\t1\t1\tback.txt\n5\t6\t0b\tz.txt\n"),
        )
        .unwrap();
        let read: Vec<_> = Stamps::open(&path)
            .iter()
            .map(|(p, s)| (p, s.hash))
            .collect();
        assert_eq!(read, [("ok.txt".to_owned(), 10), ("z.txt".to_owned(), 11)]);
        assert_eq!(Stamps::open(&dir.path().join("missing")).iter().count(), 0);
    }

    #[test]
    fn a_file_of_an_earlier_krant_in_no_order_is_read_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stamps.tsv");
        fs::write(
            &path,
            "3\t4\t0a\tz.txt\n1\t2\t0b\ta.txt\ngarbage\n5\t6\t0c\tm/n.txt\n5\t6\t0c\ta.txt\n",
        )
        .unwrap();
        let stamps = Stamps::open(&path);
        let read: Vec<_> = stamps.iter().map(|(p, s)| (p, s.hash)).collect();
        assert_eq!(
            read,
            [
                ("a.txt".to_owned(), 11),
                ("m/n.txt".to_owned(), 12),
                ("z.txt".to_owned(), 10)
            ]
        );
        // Read again, the same.
        assert_eq!(stamps.iter().count(), 3);
    }

    #[test]
    fn stamps_must_come_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = StampWriter::create(&dir.path().join("stamps.tsv")).unwrap();
        writer.push("b.txt", stamp(1, 1, 1)).unwrap();
        assert!(writer.push("a.txt", stamp(1, 1, 1)).is_err());
        assert!(writer.push("b.txt", stamp(1, 1, 1)).is_err());
        drop(writer);
        assert!(!dir.path().join("stamps.tsv").exists());
    }
}
