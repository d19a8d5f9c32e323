//! The next run's stamps, written as this run goes: the old stamps that still hold
//! (marked while planning, one bit each), merged in path order with the stamps of the
//! files read, which arrive in path order too. Nothing else is held.

use anyhow::Result;

use crate::index::{Stamp, StampIter, StampWriter, Stamps};

/// One bit per stamp of the stamps stream: whether it stays.
#[derive(Debug, Default, Clone)]
pub struct Kept {
    words: Vec<u64>,
    count: usize,
}

impl Kept {
    /// Marks the `at`th stamp as staying.
    pub fn keep(&mut self, at: usize) {
        let (word, bit) = (at / 64, at % 64);
        if self.words.len() <= word {
            self.words.resize(word + 1, 0);
        }
        if self.words[word] & (1 << bit) == 0 {
            self.words[word] |= 1 << bit;
            self.count += 1;
        }
    }

    /// Whether the `at`th stamp stays.
    pub fn kept(&self, at: usize) -> bool {
        self.words
            .get(at / 64)
            .is_some_and(|word| word & (1 << (at % 64)) != 0)
    }

    /// How many stamps stay.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// Writes the new stamps file; see the module's documentation.
pub struct Restamp {
    old: StampIter,
    /// The position of the next old stamp.
    at: usize,
    kept: Kept,
    /// An old stamp read but not written yet.
    waiting: Option<(String, Stamp)>,
    out: StampWriter,
}

impl Restamp {
    /// Starts the new file `out`, keeping the stamps of `old` that `kept` marks.
    pub fn new(old: &Stamps, kept: Kept, out: StampWriter) -> Restamp {
        Restamp {
            old: old.iter(),
            at: 0,
            kept,
            waiting: None,
            out,
        }
    }

    /// Adds the stamp of a file read, after those of every file added before.
    pub fn add(&mut self, path: &str, stamp: Stamp) -> Result<()> {
        self.old_before(Some(path))?;
        self.out.push(path, stamp)
    }

    /// Writes the old stamps that stay and sort before `path` (all, for `None`).
    fn old_before(&mut self, path: Option<&str>) -> Result<()> {
        loop {
            if self.waiting.is_none() {
                let Some(next) = self.old.next() else {
                    return Ok(());
                };
                let at = self.at;
                self.at += 1;
                if !self.kept.kept(at) {
                    continue;
                }
                self.waiting = Some(next);
            }
            let Some((old, stamp)) = &self.waiting else {
                return Ok(());
            };
            match path {
                Some(path) if old.as_str() > path => return Ok(()),
                // Read again, the file's new stamp replaces it.
                Some(path) if old.as_str() == path => {}
                _ => self.out.push(old, *stamp)?,
            }
            self.waiting = None;
        }
    }

    /// Writes the rest and puts the file in place.
    pub fn finish(mut self) -> Result<()> {
        self.old_before(None)?;
        self.out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(hash: u64) -> Stamp {
        Stamp {
            size: 1,
            mtime_ns: 2,
            hash,
        }
    }

    #[test]
    fn kept_old_stamps_and_new_ones_merge_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stamps.tsv");
        let mut first = StampWriter::create(&path).unwrap();
        for (i, name) in ["a.txt", "c.txt", "e.txt", "g.txt"].iter().enumerate() {
            first.push(name, stamp(i as u64)).unwrap();
        }
        first.finish().unwrap();
        let old = Stamps::open(&path);
        let mut kept = Kept::default();
        kept.keep(0);
        kept.keep(2);
        kept.keep(3);
        kept.keep(3);
        assert_eq!(kept.count(), 3);
        let mut restamp = Restamp::new(&old, kept, StampWriter::create(&path).unwrap());
        restamp.add("b.txt", stamp(10)).unwrap();
        restamp.add("c.txt", stamp(11)).unwrap();
        restamp.add("f.txt", stamp(12)).unwrap();
        restamp.add("g.txt", stamp(13)).unwrap();
        restamp.finish().unwrap();
        let written: Vec<(String, u64)> = Stamps::open(&path)
            .iter()
            .map(|(p, s)| (p, s.hash))
            .collect();
        let expected = [
            ("a.txt", 0),
            ("b.txt", 10),
            ("c.txt", 11),
            ("e.txt", 2),
            ("f.txt", 12),
            ("g.txt", 13),
        ];
        assert_eq!(written, expected.map(|(p, h)| (p.to_owned(), h)).to_vec());
    }
}
