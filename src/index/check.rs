//! `krant check`'s machinery: read every file of an index and say whether it is sound.
//!
//! Two passes. tantivy ends each segment file with a CRC-32 of its contents: every file
//! the last commit uses is read whole and its checksum compared, which finds flipped bytes
//! wherever they are. Then every structure is read as a search would read it (each term
//! and its postings with positions, each column, each stored title, each norm), under
//! [`contain`], which finds what a checksum cannot: a missing or truncated file. krant's
//! own files are read too: the marker, the commit record and the word forms.

use std::path::{Path, PathBuf};

use anyhow::Result;
use tantivy::HasLen;
use tantivy::directory::footer::Footer;
use tantivy::directory::{FileHandle, FileSlice, OwnedBytes};
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, SegmentReader, TERMINATED, TantivyDocument};

use super::contain::contain;
use super::vocabulary::{VOCABULARY_FILE, Vocabulary};
use super::{Found, KrantIndex, MARKER_FILE, inspect, open_tantivy, repair};

/// What [`check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Articles in the last commit (0 when it cannot be read).
    pub articles: u64,
    /// Files read whole.
    pub files: usize,
    /// Bytes read whole.
    pub bytes: u64,
    /// What is wrong, by file.
    pub problems: Vec<Problem>,
    /// Files no commit uses, left by an interrupted run: harmless, and removed by the
    /// next `krant index`.
    pub leftovers: Vec<String>,
}

/// One thing wrong with an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file concerned, relative to the index folder.
    pub file: String,
    /// What is wrong with it.
    pub reason: String,
}

impl CheckReport {
    fn problem(&mut self, file: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(Problem {
            file: file.into(),
            reason: reason.into(),
        });
    }
}

/// Reads every file of the index at `dir`. An error only when there is no index to
/// check; damage is reported in the [`CheckReport`].
pub fn check(dir: &Path) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    match inspect(dir)? {
        Found::Current => {}
        Found::Damaged => {
            report.problem(MARKER_FILE, "cannot be read");
            return Ok(report);
        }
        found => {
            // No index, another program's folder, another version: the error says which.
            KrantIndex::open_found(dir, found)?;
        }
    }
    let index = match open_tantivy(dir).and_then(|index| KrantIndex::wrap(index, dir)) {
        Ok(index) => index,
        Err(err) => {
            report.problem("meta.json", crate::error::one_line(&err));
            return Ok(report);
        }
    };
    match index.committed() {
        Ok((_, state)) => report.articles = state.map_or(0, |s| s.articles),
        Err(err) => report.problem("meta.json", crate::error::one_line(&err)),
    }
    checksums(&index, &mut report);
    if report.problems.is_empty()
        && let Err(err) = contain(dir, || read_everything(&index))
    {
        report.problem("segments", crate::error::one_line(&err));
    }
    let forms = dir.join(VOCABULARY_FILE);
    if forms.exists() {
        match contain(dir, || Vocabulary::load_verified(&forms)) {
            Ok(_) => {
                report.files += 1;
                report.bytes += std::fs::metadata(&forms).map_or(0, |m| m.len());
            }
            Err(err) => report.problem(VOCABULARY_FILE, crate::error::one_line(&err)),
        }
    } else if report.articles > 0 {
        report.problem(VOCABULARY_FILE, "missing (`krant index` restores it)");
    }
    if let Ok(metas) = index.index.load_metas() {
        report.leftovers = repair::leftovers(dir, &metas)
            .unwrap_or_default()
            .iter()
            .map(|p| p.display().to_string())
            .collect();
    }
    Ok(report)
}

impl KrantIndex {
    /// Compares each file of the last commit with its checksum: an error naming the
    /// first damaged file, if any. `krant index` runs it before changing anything, so
    /// that damage is reported instead of being merged into new segments.
    pub fn verify(&self) -> Result<()> {
        let mut report = CheckReport::default();
        checksums(self, &mut report);
        match report.problems.first() {
            None => Ok(()),
            Some(problem) => Err(super::damaged(
                &self.dir,
                &format!("{}: {}", problem.file, problem.reason),
            )),
        }
    }
}

/// Compares each segment file of the last commit with its checksum.
fn checksums(index: &KrantIndex, report: &mut CheckReport) {
    let dir = index.dir();
    let metas = match index.index.load_metas() {
        Ok(metas) => metas,
        Err(err) => return report.problem("meta.json", err.to_string()),
    };
    let mut files: Vec<PathBuf> = metas.list_segment_files().into_iter().collect();
    files.sort();
    for file in files {
        if !dir.join(&file).exists() {
            // Each segment is listed with every kind of file it may have; a missing one it
            // needs is found by reading it.
            continue;
        }
        let name = file.display().to_string();
        match contain(dir, || Ok(validate_checksum(&dir.join(&file)))) {
            Ok(Ok(true)) => {
                report.files += 1;
                report.bytes += std::fs::metadata(dir.join(&file)).map_or(0, |m| m.len());
            }
            Ok(Ok(false)) => report.problem(name, "its checksum does not match its contents"),
            Ok(Err(err)) => report.problem(name, err.to_string()),
            Err(err) => report.problem(name, crate::error::one_line(&err)),
        }
    }
}

/// Bytes of a file checksummed at a time.
const CHECKSUM_CHUNK: usize = 1 << 20;

/// Whether the file at `path` matches the checksum in its tantivy footer. Read with
/// `pread` into one buffer rather than through tantivy's memory map: each page of a
/// mapped file read whole stays in the process's resident memory until it is unmapped,
/// and a re-run verifies every file (up to a gigabyte of segment per million articles).
fn validate_checksum(path: &Path) -> std::io::Result<bool> {
    let file = std::fs::File::open(path)?;
    let len = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
    let file = std::sync::Arc::new(ReadAt { file, len });
    let slice = FileSlice::new(file.clone());
    let (footer, body) = Footer::extract_footer(slice)?;
    let mut hasher = crc32fast::Hasher::new();
    let mut buffer = vec![0; CHECKSUM_CHUNK.min(body.len())];
    let mut at = 0;
    while at < body.len() {
        let chunk = &mut buffer[..CHECKSUM_CHUNK.min(body.len() - at)];
        file.read_exact_at(chunk, at)?;
        hasher.update(chunk);
        at += chunk.len();
    }
    Ok(hasher.finalize() == footer.crc)
}

/// A file read with `pread`, for tantivy's footer reader.
#[derive(Debug)]
struct ReadAt {
    file: std::fs::File,
    len: usize,
}

impl ReadAt {
    fn read_exact_at(&self, buffer: &mut [u8], at: usize) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            std::os::unix::fs::FileExt::read_exact_at(&self.file, buffer, at as u64)
        }
        #[cfg(not(unix))]
        {
            use std::io::{Read, Seek, SeekFrom};
            let mut file = &self.file;
            file.seek(SeekFrom::Start(at as u64))?;
            file.read_exact(buffer)
        }
    }
}

impl HasLen for ReadAt {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadAt {
    fn read_bytes(&self, range: std::ops::Range<usize>) -> std::io::Result<OwnedBytes> {
        if range.end > self.len || range.start > range.end {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "a read past the end of the file",
            ));
        }
        let mut buffer = vec![0; range.len()];
        self.read_exact_at(&mut buffer, range.start)?;
        Ok(OwnedBytes::new(buffer))
    }
}

/// Reads every structure of every segment, as searches and syncs read them.
fn read_everything(index: &KrantIndex) -> Result<()> {
    let dir = index.dir();
    let error = |e: tantivy::TantivyError| super::read_error(dir, e);
    let reader = index.index.reader().map_err(error)?;
    let searcher = reader.searcher();
    let schema = index.index.schema();
    for segment in searcher.segment_readers() {
        for (field, entry) in schema.fields() {
            if entry.is_indexed() {
                read_postings(segment, field).map_err(error)?;
            }
            if entry.has_fieldnorms() {
                let norms = segment.get_fieldnorms_reader(field).map_err(error)?;
                for doc in 0..segment.max_doc() {
                    norms.fieldnorm_id(doc);
                }
            }
        }
        let store = segment.get_store_reader(1).map_err(|e| error(e.into()))?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            doc.map_err(error)?;
        }
    }
    // The columns: every path of the path column's dictionary, and each article's path,
    // date and hash; then the catalog as `krant index` streams it.
    for segment in searcher.segment_readers() {
        read_columns(segment).map_err(error)?;
    }
    index.with_sorted_catalog(|catalog| {
        for entry in catalog {
            entry?;
        }
        Ok(())
    })
}

/// Reads every value of the columns `krant index` and searches read, holding none.
fn read_columns(segment: &SegmentReader) -> tantivy::Result<()> {
    let fast = segment.fast_fields();
    let hashes = fast.u64(super::schema::names::HASH)?;
    let dates = fast.u64(super::schema::names::DATE)?;
    if let Some(paths) = fast.str(super::schema::names::PATH)? {
        let mut terms = paths.dictionary().stream()?;
        while terms.advance() {}
        for doc in 0..segment.max_doc() {
            for ord in paths.term_ords(doc) {
                if ord >= paths.num_terms() as u64 {
                    return Err(tantivy::TantivyError::DataCorruption(
                        tantivy::error::DataCorruption::comment_only(
                            "a path column refers past its dictionary",
                        ),
                    ));
                }
            }
        }
    }
    for doc in 0..segment.max_doc() {
        hashes.first(doc);
        dates.first(doc);
    }
    Ok(())
}

/// Reads each term of `field` in `segment` and its postings, with positions if kept.
fn read_postings(segment: &SegmentReader, field: tantivy::schema::Field) -> tantivy::Result<()> {
    let inverted = segment.inverted_index(field)?;
    let mut terms = inverted.terms().stream()?;
    let mut positions = Vec::new();
    while terms.advance() {
        let mut postings = inverted
            .read_postings_from_terminfo(terms.value(), IndexRecordOption::WithFreqsAndPositions)?;
        while postings.doc() != TERMINATED {
            postings.positions(&mut positions);
            postings.advance();
        }
    }
    Ok(())
}
