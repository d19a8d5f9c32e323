//! tantivy's memory-mapped directory, made usable with read access only.
//!
//! A search must not need write access: an archive on a read-only disk, or an index
//! built by another user, is normal for researchers. tantivy's reader takes its meta
//! lock (`.tantivy-meta.lock`, which keeps a writer's garbage collection from deleting
//! segment files while a reader opens them) by opening the lock file for writing, and
//! wraps the directory by reading `.managed.json`, the writer's list of its own files.
//! Where the lock file cannot be opened for writing, this directory takes the same lock
//! shared on a read-only handle (flock does not care how a file was opened, and a
//! writer's exclusive lock still waits for it); where it cannot be opened at all, nobody
//! can write the folder, so nothing needs keeping out. A `.managed.json` that cannot be
//! read (made owner-only by an earlier krant) reads as empty: only a writer's garbage
//! collection uses it.
//!
//! The writer's directory copies the postings and positions it reads instead of mapping
//! them ([`SharedDirectory::open_copying`]). tantivy's background merges read every page of
//! the segments they merge: mapped, those pages count in krant's resident memory until the
//! merge ends (at a million articles, 400 MB on top of the writer's budget; BENCHMARKS.md,
//! "Memory of a build"). Read with `pread`, each term's postings and positions are a
//! short-lived copy, and the file's pages stay in the kernel's page cache, which belongs to
//! no process and is the first memory reclaimed. Postings and positions are most of an
//! index (85% at a million articles); the other files (term dictionaries, columns, the
//! store) stay mapped, because tantivy reads them whole or by many small reads, and because
//! the writer's run reads them too: the catalog of indexed paths (one read a path) and
//! the hash and date columns. Searches map everything: they read a few pages of each file,
//! many times.

use std::fs::{File, OpenOptions};
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::HasLen;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

/// The writer's list of its files, which only its garbage collection reads.
const MANAGED_FILE: &str = ".managed.json";

/// An [`MmapDirectory`] whose locks and file list work without write access.
#[derive(Debug, Clone)]
pub struct SharedDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    /// Whether postings and positions are read into memory with `pread` rather than
    /// mapped (see above).
    copies: bool,
}

impl SharedDirectory {
    /// Opens the folder at `root`, mapping the files it reads: for searching.
    pub fn open(root: &Path) -> Result<SharedDirectory, OpenDirectoryError> {
        Ok(SharedDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
            copies: false,
        })
    }

    /// Opens the folder at `root`, copying the postings and positions it reads: for the
    /// writer, whose merges read whole segments once.
    pub fn open_copying(root: &Path) -> Result<SharedDirectory, OpenDirectoryError> {
        Ok(SharedDirectory {
            copies: true,
            ..SharedDirectory::open(root)?
        })
    }
}

/// A file read with `pread`, a copy per read.
#[derive(Debug)]
struct CopiedFile {
    file: File,
    len: usize,
}

impl CopiedFile {
    fn open(path: &Path) -> io::Result<CopiedFile> {
        let file = File::open(path)?;
        let len = usize::try_from(file.metadata()?.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "file too large"))?;
        Ok(CopiedFile { file, len })
    }
}

impl HasLen for CopiedFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for CopiedFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "a read from byte {} back to byte {}",
                    range.start, range.end
                ),
            ));
        }
        if range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "a read up to byte {} of a file of {} bytes",
                    range.end, self.len
                ),
            ));
        }
        let mut bytes = vec![0; range.len()];
        self.file.read_exact_at(&mut bytes, range.start as u64)?;
        Ok(OwnedBytes::new(bytes))
    }
}

/// Holds a lock taken by [`SharedDirectory::acquire_lock`] until dropped.
struct HeldLock {
    _file: Option<File>,
}

/// Whether the writer copies reads of the file at `path`: tantivy's postings (`.idx`) and
/// positions (`.pos`), which a merge reads term by term.
fn is_copied(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("idx" | "pos")
    )
}

fn is_read_only(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for SharedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if !(self.copies && is_copied(path)) {
            return self.inner.get_file_handle(path);
        }
        match CopiedFile::open(&self.root.join(path)) {
            Ok(file) => Ok(Arc::new(file)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(err) => Err(OpenReadError::wrap_io_error(err, path.to_path_buf())),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        match self.inner.atomic_read(path) {
            Err(OpenReadError::IoError { io_error, .. })
                if path == Path::new(MANAGED_FILE) && is_read_only(&io_error) =>
            {
                Ok(b"[]".to_vec())
            }
            other => other,
        }
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        // Only the meta lock, which readers take; the writer's lock stays exclusive.
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(err)) if lock.is_blocking && is_read_only(&err) => {}
            other => return other,
        }
        let path = self.root.join(&lock.filepath);
        let file = match OpenOptions::new().read(true).open(&path) {
            Ok(file) => file,
            // Nobody can create it, so no writer runs here.
            Err(_) => return Ok(DirectoryLock::from(Box::new(HeldLock { _file: None }))),
        };
        file.lock_shared()
            .map_err(|e| LockError::IoError(Arc::new(e)))?;
        Ok(DirectoryLock::from(Box::new(HeldLock {
            _file: Some(file),
        })))
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The writer's copying reads give the bytes the searcher's mapped reads give.
    #[test]
    fn copied_reads_equal_mapped_reads() {
        let dir = tempfile::tempdir().unwrap();
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(dir.path().join("segment.pos"), &data).unwrap();
        let mapped = SharedDirectory::open(dir.path()).unwrap();
        let copied = SharedDirectory::open_copying(dir.path()).unwrap();
        let name = Path::new("segment.pos");
        let (mapped, copied) = (
            mapped.get_file_handle(name).unwrap(),
            copied.get_file_handle(name).unwrap(),
        );
        assert_eq!(copied.len(), data.len());
        for range in [0..0, 0..1, 17..4_096, 4_000..10_000, 9_999..10_000] {
            assert_eq!(
                copied.read_bytes(range.clone()).unwrap().as_slice(),
                mapped.read_bytes(range.clone()).unwrap().as_slice(),
                "{range:?}"
            );
            assert_eq!(
                copied.read_bytes(range.clone()).unwrap().as_slice(),
                &data[range]
            );
        }
        let past_the_end = copied.read_bytes(9_000..10_001).unwrap_err();
        assert_eq!(past_the_end.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_missing_file_is_reported_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        let copied = SharedDirectory::open_copying(dir.path()).unwrap();
        let missing = copied.get_file_handle(Path::new("gone.idx")).unwrap_err();
        assert!(
            matches!(&missing, OpenReadError::FileDoesNotExist(path) if path == Path::new("gone.idx")),
            "{missing:?}"
        );
    }

    /// Whether reads of `handle` (perhaps inside tantivy's slice of it) are copies.
    fn is_copy(handle: &Arc<dyn FileHandle>) -> bool {
        format!("{handle:?}").contains("CopiedFile")
    }

    /// The writer copies postings and positions, and maps the rest; searches map all.
    #[test]
    fn the_writer_copies_postings_and_positions_only() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "s.idx",
            "s.pos",
            "s.term",
            "s.fast",
            "s.store",
            "s.fieldnorm",
        ] {
            std::fs::write(dir.path().join(name), b"0123456789").unwrap();
        }
        let copying = SharedDirectory::open_copying(dir.path()).unwrap();
        let mapping = SharedDirectory::open(dir.path()).unwrap();
        for (name, copied) in [
            ("s.idx", true),
            ("s.pos", true),
            ("s.term", false),
            ("s.fast", false),
            ("s.store", false),
            ("s.fieldnorm", false),
        ] {
            let path = Path::new(name);
            assert_eq!(
                is_copy(&copying.get_file_handle(path).unwrap()),
                copied,
                "{name}"
            );
            assert!(!is_copy(&mapping.get_file_handle(path).unwrap()), "{name}");
        }
    }

    #[test]
    fn a_reversed_range_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("s.idx"), b"0123456789").unwrap();
        let copying = SharedDirectory::open_copying(dir.path()).unwrap();
        let handle = copying.get_file_handle(Path::new("s.idx")).unwrap();
        #[allow(clippy::reversed_empty_ranges, reason = "the case under test")]
        let reversed = handle.read_bytes(5..2).unwrap_err();
        assert_eq!(reversed.kind(), io::ErrorKind::InvalidInput);
    }

    /// The index writer's own directory is the copying one.
    #[test]
    fn the_index_writer_reads_through_copies() {
        let dir = tempfile::tempdir().unwrap();
        let index_dir = dir.path().join("index");
        let options = super::super::WriterOptions {
            threads: 1,
            memory_bytes: 15_000_000,
            rebuild: false,
            turn_bytes: None,
        };
        let writer = super::super::Writer::open(&index_dir, &options).unwrap();
        let name = "probe.idx";
        // Written through tantivy, which adds the footer it checks when it reads.
        let mut probe = writer
            .tantivy_directory()
            .open_write(Path::new(name))
            .unwrap();
        std::io::Write::write_all(&mut probe, b"postings").unwrap();
        tantivy::directory::TerminatingWrite::terminate(probe).unwrap();
        let handle = writer
            .tantivy_directory()
            .get_file_handle(Path::new(name))
            .unwrap();
        assert!(is_copy(&handle), "{handle:?}");
    }
}
