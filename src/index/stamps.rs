//! `stamps.tsv`: what `stat` said about each indexed file when it was last read.
//!
//! Only a cache: a stamp is trusted only while its hash equals the hash stored in the
//! index for that path, so a lost, stale or damaged file costs a re-read, never a wrong
//! index.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use rustc_hash::FxHashMap;

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

/// Reads the stamps file; a missing or damaged file reads as empty (it is only a cache).
pub fn load(path: &Path) -> FxHashMap<String, Stamp> {
    let Ok(text) = fs::read_to_string(path) else {
        return FxHashMap::default();
    };
    text.lines()
        .filter_map(|line| {
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
        })
        .collect()
}

/// Writes the stamps file atomically (a temporary file renamed over the old one).
pub fn save<'a>(path: &Path, stamps: impl Iterator<Item = (&'a str, Stamp)>) -> Result<()> {
    let tmp = path.with_extension("tsv.tmp");
    let file = fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    let mut out = BufWriter::new(file);
    for (file, stamp) in stamps {
        // A newline in a file name would break the format; such files are simply re-read.
        if file.contains('\n') {
            continue;
        }
        writeln!(
            out,
            "{}\t{}\t{:016x}\t{}",
            stamp.size, stamp.mtime_ns, stamp.hash, file
        )?;
    }
    out.into_inner()
        .map_err(|e| e.into_error())?
        .sync_all()
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_tolerates_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stamps.tsv");
        let a = Stamp {
            size: 10,
            mtime_ns: 1_700_000_000_123_456_789,
            hash: 0xdead_beef,
        };
        let b = Stamp {
            size: 0,
            mtime_ns: -5,
            hash: u64::MAX,
        };
        save(
            &path,
            [("a/x.txt", a), ("b\tc.txt", b), ("bad\nname.txt", a)].into_iter(),
        )
        .unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded["a/x.txt"], a);
        assert_eq!(loaded["b\tc.txt"], b);

        fs::write(&path, "garbage\n1\t2\tzz\tq.txt\n3\t4\t0a\tok.txt\n").unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded["ok.txt"].hash, 10);
        assert!(load(&dir.path().join("missing")).is_empty());
    }
}
