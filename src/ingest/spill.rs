//! A list of records too long to hold, written once to a file and read back in order.
//!
//! A first build of a million articles plans a million reads: held in memory as paths
//! with their stamps, they grew with the archive; here they take a 64 KB buffer and
//! about 50 bytes each of a file that the page cache keeps. The file is removed as soon
//! as it is created where the system allows (Unix), so it never outlives the run; else
//! when the list is dropped.

use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes buffered between the list and its file.
const BUFFER: usize = 1 << 16;

/// Writes records; [`SpillWriter::finish`] turns it into their reader.
pub struct SpillWriter {
    out: BufWriter<File>,
    records: usize,
    cleanup: Cleanup,
}

/// Reads the records back, in the order they were written, as often as needed.
pub struct SpillReader {
    input: BufReader<File>,
    records: usize,
    left: usize,
    _cleanup: Cleanup,
}

/// The file's name where it could not be removed at once.
struct Cleanup(Option<PathBuf>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl SpillWriter {
    /// Starts a list in a new file in `dir`, named `<what>-<process>-<n>.tmp` (a writer
    /// that opens an index removes leftover `.tmp` files).
    pub fn create(dir: &Path, what: &str) -> io::Result<SpillWriter> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "{what}-{}-{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = dir.join(name);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        // Removed now, the file lives on through its handle and goes when the run ends,
        // however it ends.
        let cleanup = if cfg!(unix) && std::fs::remove_file(&path).is_ok() {
            Cleanup(None)
        } else {
            Cleanup(Some(path))
        };
        Ok(SpillWriter {
            out: BufWriter::with_capacity(BUFFER, file),
            records: 0,
            cleanup,
        })
    }

    /// Appends a record.
    pub fn push(&mut self, record: &[u8]) -> io::Result<()> {
        let len = u32::try_from(record.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a record over 4 GB"))?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(record)?;
        self.records += 1;
        Ok(())
    }

    /// Ends writing; the reader starts at the first record.
    pub fn finish(self) -> io::Result<SpillReader> {
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        Ok(SpillReader {
            input: BufReader::with_capacity(BUFFER, file),
            records: self.records,
            left: self.records,
            _cleanup: self.cleanup,
        })
    }
}

impl SpillReader {
    /// Reads the next record into `record` (replacing its contents); false after the last.
    pub fn next_into(&mut self, record: &mut Vec<u8>) -> io::Result<bool> {
        if self.left == 0 {
            return Ok(false);
        }
        let mut len = [0; 4];
        self.input.read_exact(&mut len)?;
        record.clear();
        record.resize(u32::from_le_bytes(len) as usize, 0);
        self.input.read_exact(record)?;
        self.left -= 1;
        Ok(true)
    }

    /// Records in the list.
    pub fn len(&self) -> usize {
        self.records
    }

    /// Goes back to the first record.
    pub fn rewind(&mut self) -> io::Result<()> {
        self.input.seek(SeekFrom::Start(0))?;
        self.left = self.records;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_in_order_as_often_as_asked_and_leave_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = SpillWriter::create(dir.path(), "plan").unwrap();
        let records: Vec<Vec<u8>> = (0..5_000u32)
            .map(|i| i.to_le_bytes().repeat(i as usize % 40))
            .collect();
        for record in &records {
            writer.push(record).unwrap();
        }
        let mut reader = writer.finish().unwrap();
        assert_eq!(reader.len(), records.len());
        for _ in 0..2 {
            let mut read = Vec::new();
            let mut record = Vec::new();
            while reader.next_into(&mut record).unwrap() {
                read.push(record.clone());
            }
            assert_eq!(read, records);
            reader.rewind().unwrap();
        }
        drop(reader);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
