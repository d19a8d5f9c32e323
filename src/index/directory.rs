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

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// The writer's list of its files, which only its garbage collection reads.
const MANAGED_FILE: &str = ".managed.json";

/// An [`MmapDirectory`] whose locks and file list work without write access.
#[derive(Debug, Clone)]
pub struct SharedDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl SharedDirectory {
    /// Opens the folder at `root`.
    pub fn open(root: &Path) -> Result<SharedDirectory, OpenDirectoryError> {
        Ok(SharedDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

/// Holds a lock taken by [`SharedDirectory::acquire_lock`] until dropped.
struct HeldLock {
    _file: Option<File>,
}

fn is_read_only(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for SharedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
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
