//! Reading article files a batch at a time.
//!
//! An archive is tens of thousands of small files, and reading one is mostly the kernel's
//! fixed cost per request. On Linux the reads of a batch go to the kernel together through
//! io_uring: one system call and one hand-over to the disk for the batch instead of one
//! each. On a 100,000-file archive whose pages had left the cache this took the reading
//! from 1.6 to 0.5 CPU-seconds per 50,000 files (BENCHMARKS.md). Where io_uring is not
//! available (another system, an old kernel, a container that forbids it) each file is read
//! on its own, with the same results.

use std::io;

use super::CorpusFile;

/// Files read at once. The ring is twice as deep, so a batch always fits.
pub const READ_BATCH: usize = 16;

/// Reads whole files, a batch at a time.
pub struct BatchReader {
    #[cfg(target_os = "linux")]
    ring: Option<io_uring::IoUring>,
}

impl BatchReader {
    /// A reader using io_uring where the system offers it.
    pub fn new() -> BatchReader {
        BatchReader {
            #[cfg(target_os = "linux")]
            ring: io_uring::IoUring::new(2 * READ_BATCH as u32).ok(),
        }
    }

    /// A reader that reads each file with its own system calls (the fallback, kept
    /// usable so that tests can compare the two).
    pub fn one_by_one() -> BatchReader {
        BatchReader {
            #[cfg(target_os = "linux")]
            ring: None,
        }
    }

    /// Whether batches go to the kernel together.
    pub fn is_batched(&self) -> bool {
        #[cfg(target_os = "linux")]
        return self.ring.is_some();
        #[cfg(not(target_os = "linux"))]
        return false;
    }

    /// The contents of each file (at most [`READ_BATCH`] at a time gain from batching), in
    /// order; an error is the file's own, as `std::fs::read` would give it.
    pub fn read(&mut self, files: &[&CorpusFile]) -> Vec<io::Result<Vec<u8>>> {
        #[cfg(target_os = "linux")]
        if let Some(ring) = self.ring.as_mut() {
            let mut out = Vec::with_capacity(files.len());
            for chunk in files.chunks(READ_BATCH) {
                match linux::read_batch(ring, chunk) {
                    Some(contents) => out.extend(contents),
                    None => {
                        // The ring failed as a whole; its buffers are leaked, not freed
                        // under the kernel's hands. Read on without it.
                        self.ring = None;
                        let done = out.len();
                        out.extend(files[done..].iter().map(|f| std::fs::read(&f.full_path)));
                        return out;
                    }
                }
            }
            return out;
        }
        files.iter().map(|f| std::fs::read(&f.full_path)).collect()
    }
}

impl Default for BatchReader {
    fn default() -> Self {
        BatchReader::new()
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::fs::File;
    use std::io;
    use std::os::fd::AsRawFd;

    use io_uring::{IoUring, opcode, types};

    use super::CorpusFile;

    /// Files larger than this are read on their own: a read's length is a `u32`, and a
    /// batch's buffers should not hold a huge file twice over.
    const MAX_BATCHED_BYTES: u64 = 64 << 20;

    /// Reads `files` (at most the ring's depth) with one submission. `None` when the ring
    /// itself fails, in which case the buffers of the reads in flight are leaked.
    pub(super) fn read_batch(
        ring: &mut IoUring,
        files: &[&CorpusFile],
    ) -> Option<Vec<io::Result<Vec<u8>>>> {
        let mut results: Vec<Option<io::Result<Vec<u8>>>> = Vec::with_capacity(files.len());
        let mut opened: Vec<Option<File>> = Vec::with_capacity(files.len());
        // One byte more than the walk saw: a read that fills the buffer means the file grew.
        let mut buffers: Vec<Vec<u8>> = Vec::with_capacity(files.len());
        for file in files {
            let batched = file.size < MAX_BATCHED_BYTES;
            match File::open(&file.full_path) {
                Ok(handle) if batched => {
                    results.push(None);
                    opened.push(Some(handle));
                    buffers.push(vec![0; file.size as usize + 1]);
                }
                Ok(_) => {
                    results.push(Some(std::fs::read(&file.full_path)));
                    opened.push(None);
                    buffers.push(Vec::new());
                }
                Err(err) => {
                    results.push(Some(Err(err)));
                    opened.push(None);
                    buffers.push(Vec::new());
                }
            }
        }
        let mut in_flight = 0;
        for (i, handle) in opened.iter().enumerate() {
            let Some(handle) = handle else { continue };
            let buffer = &mut buffers[i];
            let entry = opcode::Read::new(
                types::Fd(handle.as_raw_fd()),
                buffer.as_mut_ptr(),
                buffer.len() as u32,
            )
            .build()
            .user_data(i as u64);
            // SAFETY: the buffer and the file stay alive and unmoved until the read's
            // completion is reaped below (or forever, if the ring fails first); nothing
            // else touches them meanwhile.
            if unsafe { ring.submission().push(&entry) }.is_err() {
                std::mem::forget(buffers);
                std::mem::forget(opened);
                return None;
            }
            in_flight += 1;
        }
        while in_flight > 0 {
            match ring.submit_and_wait(in_flight) {
                Ok(_) => {}
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    std::mem::forget(buffers);
                    std::mem::forget(opened);
                    return None;
                }
            }
            for completion in ring.completion() {
                in_flight -= 1;
                let i = completion.user_data() as usize;
                let read = completion.result();
                let file = files[i];
                results[i] = Some(if read < 0 {
                    Err(io::Error::from_raw_os_error(-read))
                } else if read as u64 != file.size {
                    // Changed since the walk, or a short read: read it the ordinary way.
                    std::fs::read(&file.full_path)
                } else {
                    let mut contents = std::mem::take(&mut buffers[i]);
                    contents.truncate(read as usize);
                    Ok(contents)
                });
            }
        }
        Some(
            results
                .into_iter()
                .map(|r| r.expect("every file has a result once its read completed"))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn corpus_file(path: &Path, size: u64) -> CorpusFile {
        CorpusFile {
            full_path: path.to_path_buf(),
            path: path.file_name().unwrap().to_string_lossy().into_owned(),
            size,
            mtime_ns: 0,
        }
    }

    fn kinds(results: &[io::Result<Vec<u8>>]) -> Vec<Result<Vec<u8>, io::ErrorKind>> {
        results
            .iter()
            .map(|r| match r {
                Ok(contents) => Ok(contents.clone()),
                Err(err) => Err(err.kind()),
            })
            .collect()
    }

    #[test]
    fn batched_and_one_by_one_reads_agree_whatever_the_files_became() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let mut expected = Vec::new();
        // More files than a batch, of many sizes, each as the walk saw it…
        for i in 0..READ_BATCH * 2 + 3 {
            let path = dir.path().join(format!("{i}.txt"));
            let contents: Vec<u8> = (0..i * 997).map(|b| (b % 251) as u8).collect();
            std::fs::write(&path, &contents).unwrap();
            files.push(corpus_file(&path, contents.len() as u64));
            expected.push(Ok(contents));
        }
        // …and files that changed since: grown, shrunk, gone, and a folder.
        let grown = dir.path().join("grown.txt");
        std::fs::write(&grown, "date 2017-01 langer dan gezien").unwrap();
        files.push(corpus_file(&grown, 5));
        expected.push(Ok(b"date 2017-01 langer dan gezien".to_vec()));
        let shrunk = dir.path().join("shrunk.txt");
        std::fs::write(&shrunk, "kort").unwrap();
        files.push(corpus_file(&shrunk, 400));
        expected.push(Ok(b"kort".to_vec()));
        files.push(corpus_file(&dir.path().join("gone.txt"), 10));
        expected.push(Err(io::ErrorKind::NotFound));
        files.push(corpus_file(dir.path(), 4096));
        expected.push(Err(io::ErrorKind::IsADirectory));

        let refs: Vec<&CorpusFile> = files.iter().collect();
        // Where io_uring is refused (another system, a container), both are the fallback.
        let mut batched = BatchReader::new();
        assert_eq!(kinds(&batched.read(&refs)), expected);
        assert_eq!(kinds(&BatchReader::one_by_one().read(&refs)), expected);
    }
}
