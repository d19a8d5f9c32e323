//! Reading article files a batch at a time, the next batch while the last is analyzed.
//!
//! An archive is tens of thousands of small files, and reading one is mostly the kernel's
//! fixed cost per request and, when the file has left the cache, waiting for the disk. On
//! Linux the reads of a batch go to the kernel together through io_uring, one system call
//! and one hand-over to the disk for the batch instead of one each, and the caller goes on
//! while they run. `krant index --dry-run` of a 100,000-file archive whose pages had been
//! dropped from the cache took 2.3–2.5 s instead of 5.2–5.7 s, and 1.4–1.5 instead of
//! 3.2–3.7 CPU-seconds in the kernel (BENCHMARKS.md). Where io_uring is not available
//! (another system, an old kernel, a container that forbids it) each file is read on its
//! own when its batch is finished, with the same results.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::CorpusFile;

/// Files read at once.
pub const READ_BATCH: usize = 16;

/// Opens `path` for reading if it is a regular file, without ever blocking: a FIFO or a
/// device put in place of an article (or reached through `--follow-links`) would block
/// an ordinary open or read forever. O_NONBLOCK changes nothing for a regular file's
/// reads, and makes a blocking special file fail at once.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok(file)
}

/// Reads a whole regular file ([`open_regular`]).
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = open_regular(path)?;
    let mut bytes = Vec::with_capacity(file.metadata().map_or(0, |m| m.len() as usize));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The largest length up to `limit` at which `bytes` can be cut without splitting a
/// UTF-8 character.
pub fn utf8_floor(bytes: &[u8], limit: usize) -> usize {
    if bytes.len() <= limit {
        return bytes.len();
    }
    let mut cut = limit;
    // Back over continuation bytes (10xxxxxx), at most three.
    while cut > 0 && limit - cut < 3 && bytes[cut] & 0xC0 == 0x80 {
        cut -= 1;
    }
    cut
}

/// Batches in flight at once before [`BatchReader::start`] has to wait for one.
const BATCHES_IN_FLIGHT: usize = 2;

/// Reads whole files, a batch at a time: [`BatchReader::start`] a batch, start the next,
/// then [`BatchReader::finish`] the first while the second is read.
pub struct BatchReader {
    #[cfg(target_os = "linux")]
    ring: Option<io_uring::IoUring>,
    /// Started and not yet finished, oldest first.
    batches: VecDeque<Batch>,
    /// The number of the next batch started.
    next_batch: u64,
}

/// A started batch.
struct Batch {
    number: u64,
    /// Each file's path and size as the walk saw it.
    files: Vec<(PathBuf, u64)>,
    /// Each file's contents, once known.
    results: Vec<Option<io::Result<Vec<u8>>>>,
    /// The buffers the kernel is reading into, by file.
    buffers: Vec<Vec<u8>>,
    /// The open files being read, by file.
    handles: Vec<Option<std::fs::File>>,
    /// Reads not completed yet.
    in_flight: usize,
}

impl BatchReader {
    /// A reader using io_uring where the system offers it.
    pub fn new() -> BatchReader {
        BatchReader {
            #[cfg(target_os = "linux")]
            ring: io_uring::IoUring::new((READ_BATCH * BATCHES_IN_FLIGHT) as u32).ok(),
            batches: VecDeque::new(),
            next_batch: 0,
        }
    }

    /// A reader that reads each file with its own system calls (the fallback where
    /// io_uring is refused), for the tests that compare the two.
    #[cfg(test)]
    pub fn one_by_one() -> BatchReader {
        BatchReader {
            #[cfg(target_os = "linux")]
            ring: None,
            batches: VecDeque::new(),
            next_batch: 0,
        }
    }

    /// Starts reading `files` (at most [`READ_BATCH`]).
    pub fn start(&mut self, files: &[&CorpusFile]) {
        assert!(
            files.len() <= READ_BATCH,
            "a batch holds at most {READ_BATCH} files"
        );
        // Within the ring's depth: let the oldest batch's reads complete first.
        self.wait_while(|batches| {
            batches.iter().filter(|b| b.in_flight > 0).count() >= BATCHES_IN_FLIGHT
        });
        let batch = Batch {
            number: self.next_batch,
            files: files
                .iter()
                .map(|f| (f.full_path.clone(), f.size))
                .collect(),
            results: files.iter().map(|_| None).collect(),
            buffers: Vec::new(),
            handles: Vec::new(),
            in_flight: 0,
        };
        self.next_batch += 1;
        // Queued before its reads are submitted, so that a failing ring's `abandon_ring`
        // leaks this batch's buffers too.
        self.batches.push_back(batch);
        #[cfg(target_os = "linux")]
        if let (Some(ring), Some(batch)) = (self.ring.as_mut(), self.batches.back_mut())
            && !linux::submit(ring, batch)
        {
            self.abandon_ring();
        }
    }

    /// The contents of each file of the oldest batch not finished yet, in order; an error
    /// is the file's own, as `std::fs::read` would give it. Empty when none was started.
    pub fn finish(&mut self) -> Vec<io::Result<Vec<u8>>> {
        self.wait_while(|batches| batches.front().is_some_and(|b| b.in_flight > 0));
        let Some(batch) = self.batches.pop_front() else {
            return Vec::new();
        };
        batch
            .results
            .into_iter()
            .zip(&batch.files)
            .map(|(result, (path, size))| {
                // An empty file needs no reading (and a special file that says it is
                // empty, such as /proc/kmsg, would wait for data).
                result.unwrap_or_else(|| {
                    if *size == 0 {
                        Ok(Vec::new())
                    } else {
                        read_regular(path)
                    }
                })
            })
            .collect()
    }

    /// Starts and finishes one batch (nothing else may be in flight).
    #[cfg(test)]
    pub fn read(&mut self, files: &[&CorpusFile]) -> Vec<io::Result<Vec<u8>>> {
        debug_assert!(self.batches.is_empty());
        self.start(files);
        self.finish()
    }

    /// Waits for reads to complete while `busy` says so of the batches (and no longer
    /// if the ring fails: the files left are then read one by one).
    fn wait_while(&mut self, busy: impl Fn(&VecDeque<Batch>) -> bool) {
        #[cfg(target_os = "linux")]
        while let Some(ring) = self.ring.as_mut()
            && busy(&self.batches)
        {
            if !linux::complete(ring, &mut self.batches) {
                self.abandon_ring();
            }
        }
    }

    /// Gives up on a failed ring: the buffers of the reads in flight are leaked rather
    /// than freed under the kernel's hands, and those files are read one by one.
    #[cfg(target_os = "linux")]
    fn abandon_ring(&mut self) {
        self.ring = None;
        for batch in &mut self.batches {
            std::mem::forget(std::mem::take(&mut batch.buffers));
            std::mem::forget(std::mem::take(&mut batch.handles));
            batch.in_flight = 0;
        }
    }
}

impl Default for BatchReader {
    fn default() -> Self {
        BatchReader::new()
    }
}

impl Drop for BatchReader {
    fn drop(&mut self) {
        // Reads still in flight write into their buffers: wait for them before freeing.
        self.wait_while(|batches| batches.iter().any(|b| b.in_flight > 0));
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::collections::VecDeque;
    use std::io;
    use std::os::fd::AsRawFd;

    use io_uring::{IoUring, opcode, types};

    use super::{Batch, READ_BATCH};

    /// Files larger than this are read on their own: a read's length is a `u32`, and a
    /// batch's buffers should not hold a huge file twice over.
    const MAX_BATCHED_BYTES: u64 = 64 << 20;

    /// Opens the batch's files and hands their reads to the kernel, without waiting.
    /// False when the ring failed.
    pub(super) fn submit(ring: &mut IoUring, batch: &mut Batch) -> bool {
        for (i, (path, size)) in batch.files.iter().enumerate() {
            // One byte more than the walk saw: a read that fills the buffer means the
            // file grew.
            let opened = if *size == 0 {
                // Read by `finish`: an empty file needs no reading.
                batch.handles.push(None);
                batch.buffers.push(Vec::new());
                continue;
            } else {
                super::open_regular(path)
            };
            let (handle, buffer) = match opened {
                Ok(handle) if *size < MAX_BATCHED_BYTES => {
                    (Some(handle), vec![0; *size as usize + 1])
                }
                // Read by `finish`, on its own.
                Ok(_) => (None, Vec::new()),
                Err(err) => {
                    batch.results[i] = Some(Err(err));
                    (None, Vec::new())
                }
            };
            batch.handles.push(handle);
            batch.buffers.push(buffer);
        }
        for (i, handle) in batch.handles.iter().enumerate() {
            let Some(handle) = handle else { continue };
            let buffer = &mut batch.buffers[i];
            let entry = opcode::Read::new(
                types::Fd(handle.as_raw_fd()),
                buffer.as_mut_ptr(),
                buffer.len() as u32,
            )
            .build()
            .user_data(batch.number * READ_BATCH as u64 + i as u64);
            // SAFETY: the buffer and the file stay alive, and the buffer's memory
            // unmoved, until the read's completion is reaped (`complete`, also on drop),
            // or forever if the ring fails first (`abandon_ring`); nothing else touches
            // them meanwhile. The ring holds BATCHES_IN_FLIGHT batches, and `start` waits
            // for reads to complete before more would be in flight, so the queue has room.
            if unsafe { ring.submission().push(&entry) }.is_err() {
                return false;
            }
            batch.in_flight += 1;
        }
        loop {
            match ring.submit() {
                Ok(_) => return true,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return false,
            }
        }
    }

    /// Waits for at least one completion and files every completion there is with its
    /// batch. False when the ring failed.
    pub(super) fn complete(ring: &mut IoUring, batches: &mut VecDeque<Batch>) -> bool {
        match ring.submit_and_wait(1) {
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::Interrupted => return true,
            Err(_) => return false,
        }
        for completion in ring.completion() {
            let tag = completion.user_data();
            let (number, i) = (tag / READ_BATCH as u64, (tag % READ_BATCH as u64) as usize);
            let Some(batch) = batches.iter_mut().find(|b| b.number == number) else {
                continue;
            };
            batch.in_flight -= 1;
            let read = completion.result();
            batch.handles[i] = None;
            batch.results[i] = Some(if read < 0 {
                Err(io::Error::from_raw_os_error(-read))
            } else if read as u64 != batch.files[i].1 {
                // Changed since the walk, or a short read: read it the ordinary way.
                super::read_regular(&batch.files[i].0)
            } else {
                let mut contents = std::mem::take(&mut batch.buffers[i]);
                contents.truncate(read as usize);
                Ok(contents)
            });
        }
        true
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

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_a_file_fails_at_once_instead_of_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("a.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let file = corpus_file(&fifo, 40);
        for mut reader in [BatchReader::new(), BatchReader::one_by_one()] {
            let got = reader.read(&[&file]);
            assert_eq!(kinds(&got), [Err(io::ErrorKind::InvalidInput)]);
        }
        assert_eq!(
            read_regular(&fifo).unwrap_err().to_string(),
            "not a regular file"
        );
    }

    #[test]
    fn utf8_floor_never_splits_a_character() {
        let text = "aé€😀".as_bytes();
        let cuts: Vec<usize> = (0..=text.len())
            .map(|limit| utf8_floor(text, limit))
            .collect();
        assert_eq!(cuts, [0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10]);
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
        expected.push(Err(io::ErrorKind::InvalidInput));

        let refs: Vec<&CorpusFile> = files.iter().collect();
        // Where io_uring is refused (another system, a container), both are the fallback.
        let mut batched = BatchReader::new();
        for reader in [&mut batched, &mut BatchReader::one_by_one()] {
            // Every batch started before the first is finished: more than are in flight
            // at once, so starting waits for reads to complete; results come in order.
            for chunk in refs.chunks(READ_BATCH) {
                reader.start(chunk);
            }
            let mut got = Vec::new();
            for _ in refs.chunks(READ_BATCH) {
                got.extend(reader.finish());
            }
            assert_eq!(kinds(&got), expected);
            assert!(reader.finish().is_empty());
            assert_eq!(kinds(&reader.read(&refs[..3])), expected[..3]);
        }
        // Dropped with reads in flight: it waits for them.
        let mut reader = BatchReader::new();
        reader.start(&refs[..READ_BATCH]);
        reader.start(&refs[READ_BATCH..2 * READ_BATCH]);
        drop(reader);
    }
}
