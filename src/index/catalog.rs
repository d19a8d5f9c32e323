//! The catalog: what the index holds, read without holding every path.
//!
//! A run compares the walk with the index path by path. Both are read as streams in
//! the same order, so the catalog is never a map of a million paths: each segment's path
//! terms come out of its term dictionary sorted, with their documents from the postings,
//! and the segments' streams are merged. The report's duplicates and empty months come
//! from the columns (content hashes, dates), partitioned so that no more than a fixed
//! number of hashes is held at once.

use std::collections::BTreeMap;

use anyhow::Result;
use rustc_hash::FxHashSet;
use tantivy::columnar::{Column, StrColumn};
use tantivy::fastfield::AliveBitSet;
use tantivy::index::InvertedIndexReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::termdict::TermStreamer;
use tantivy::{DocId, TantivyError};

use super::contain::contain;
use super::{CatalogEntry, KrantIndex, read_error, schema};

/// Content hashes held at once while looking for duplicates (8 bytes each): a larger
/// index is looked through in as many passes as it needs, each taking the hashes of one
/// share of the hash space.
pub const HASHES_HELD: usize = 2 << 20;

impl KrantIndex {
    /// Calls `visit` with the catalog of the last commit as a stream in ascending path
    /// order (a path held by two documents comes twice); a damaged index is an error,
    /// never a panic.
    pub fn with_sorted_catalog<R>(
        &self,
        visit: impl FnOnce(&mut SortedCatalog<'_>) -> Result<R>,
    ) -> Result<R> {
        contain(&self.dir, || {
            let error = |e: TantivyError| read_error(&self.dir, e);
            let reader = self.index.reader().map_err(error)?;
            let searcher = reader.searcher();
            let mut parts = Vec::new();
            for segment in searcher.segment_readers() {
                let fast = segment.fast_fields();
                parts.push(Part {
                    inverted: segment.inverted_index(self.fields.path).map_err(error)?,
                    alive: segment.alive_bitset().cloned(),
                    hashes: fast.u64(schema::names::HASH).map_err(error)?,
                    dates: fast.u64(schema::names::DATE).map_err(error)?,
                });
            }
            let mut cursors = Vec::with_capacity(parts.len());
            for part in &parts {
                let terms = part
                    .inverted
                    .terms()
                    .stream()
                    .map_err(|e| error(e.into()))?;
                let mut cursor = Cursor {
                    part,
                    terms,
                    postings: BlockSegmentPostings::empty(),
                    docs: Vec::new(),
                    next: 0,
                    key: Vec::new(),
                };
                cursor.next_path().map_err(|e| error(e.into()))?;
                cursors.push(cursor);
            }
            let mut catalog = SortedCatalog {
                cursors,
                dir: &self.dir,
            };
            visit(&mut catalog)
        })
    }

    /// Groups of paths whose articles have the same content hash, each group sorted,
    /// the groups in order of their first path. At most `held` hashes are held at once.
    pub fn duplicates(&self, held: usize) -> Result<Vec<Vec<String>>> {
        contain(&self.dir, || {
            let error = |e: TantivyError| read_error(&self.dir, e);
            let reader = self.index.reader().map_err(error)?;
            let searcher = reader.searcher();
            let mut columns = Vec::new();
            for segment in searcher.segment_readers() {
                let fast = segment.fast_fields();
                let hashes = fast.u64(schema::names::HASH).map_err(error)?;
                let paths = fast.str(schema::names::PATH).map_err(error)?;
                columns.push((segment, hashes, paths));
            }
            let alive: u64 = columns.iter().map(|(s, ..)| u64::from(s.num_docs())).sum();
            let passes = alive.div_ceil(held.max(1) as u64).max(1);
            // The hashes held by more than one article, found a share at a time.
            let mut repeated: FxHashSet<u64> = FxHashSet::default();
            let mut share = Vec::new();
            for pass in 0..passes {
                share.clear();
                for (segment, hashes, _) in &columns {
                    for doc in segment.doc_ids_alive() {
                        if let Some(hash) = hashes.first(doc)
                            && hash % passes == pass
                        {
                            share.push(hash);
                        }
                    }
                }
                share.sort_unstable();
                repeated.extend(share.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]));
            }
            drop(share);
            let mut groups: BTreeMap<u64, Vec<String>> = BTreeMap::new();
            if !repeated.is_empty() {
                for (segment, hashes, paths) in &columns {
                    let Some(paths) = paths else { continue };
                    for doc in segment.doc_ids_alive() {
                        if let Some(hash) = hashes.first(doc)
                            && repeated.contains(&hash)
                            && let Some(path) = path_of(paths, doc).map_err(error)?
                        {
                            groups.entry(hash).or_default().push(path);
                        }
                    }
                }
            }
            let mut groups: Vec<Vec<String>> = groups
                .into_values()
                .map(|mut paths| {
                    paths.sort();
                    paths
                })
                .collect();
            groups.sort();
            Ok(groups)
        })
    }

    /// Calls `visit` with the date key (`yyyymmdd`) of every article of the last commit.
    pub fn for_each_date(&self, mut visit: impl FnMut(u64)) -> Result<()> {
        contain(&self.dir, || {
            let error = |e: TantivyError| read_error(&self.dir, e);
            let reader = self.index.reader().map_err(error)?;
            let searcher = reader.searcher();
            for segment in searcher.segment_readers() {
                let dates = segment
                    .fast_fields()
                    .u64(schema::names::DATE)
                    .map_err(error)?;
                for doc in segment.doc_ids_alive() {
                    visit(dates.first(doc).unwrap_or(0));
                }
            }
            Ok(())
        })
    }
}

/// The path of `doc` in a segment's path column.
fn path_of(paths: &StrColumn, doc: DocId) -> tantivy::Result<Option<String>> {
    let Some(ord) = paths.term_ords(doc).next() else {
        return Ok(None);
    };
    let mut path = String::new();
    Ok(paths.ord_to_str(ord, &mut path)?.then_some(path))
}

/// What a segment's stream reads from.
struct Part {
    inverted: std::sync::Arc<InvertedIndexReader>,
    alive: Option<AliveBitSet>,
    hashes: Column<u64>,
    dates: Column<u64>,
}

/// One segment's catalog in path order.
struct Cursor<'a> {
    part: &'a Part,
    terms: TermStreamer<'a>,
    postings: BlockSegmentPostings,
    /// The living documents of the path `key`, and the next of them to yield.
    docs: Vec<DocId>,
    next: usize,
    key: Vec<u8>,
}

impl Cursor<'_> {
    /// Reads paths until one has a living document: false at the end.
    fn next_path(&mut self) -> std::io::Result<bool> {
        self.next = 0;
        loop {
            self.docs.clear();
            if !self.terms.advance() {
                return Ok(false);
            }
            self.key.clear();
            self.key.extend_from_slice(self.terms.key());
            self.part
                .inverted
                .reset_block_postings_from_terminfo(self.terms.value(), &mut self.postings)?;
            let alive = self.part.alive.as_ref();
            loop {
                let block = self.postings.docs();
                if block.is_empty() {
                    break;
                }
                self.docs.extend(
                    block
                        .iter()
                        .filter(|&&doc| alive.is_none_or(|a| a.is_alive(doc))),
                );
                self.postings.advance();
            }
            if !self.docs.is_empty() {
                return Ok(true);
            }
        }
    }

    /// Steps past the current document.
    fn step(&mut self) -> std::io::Result<()> {
        self.next += 1;
        if self.next >= self.docs.len() {
            self.next_path()?;
        }
        Ok(())
    }

    /// The current document, whose path is `key`; `None` at the end.
    fn current(&self) -> Option<DocId> {
        self.docs.get(self.next).copied()
    }
}

/// The catalog of an index in ascending path order: see
/// [`KrantIndex::with_sorted_catalog`].
pub struct SortedCatalog<'a> {
    cursors: Vec<Cursor<'a>>,
    dir: &'a std::path::Path,
}

impl SortedCatalog<'_> {
    fn next_entry(&mut self) -> std::io::Result<Option<CatalogEntry>> {
        // Few segments (tens): a scan for the smallest path is cheaper than a heap.
        let mut best: Option<usize> = None;
        for (i, cursor) in self.cursors.iter().enumerate() {
            if cursor.current().is_some() && best.is_none_or(|b| cursor.key < self.cursors[b].key) {
                best = Some(i);
            }
        }
        let Some(best) = best else {
            return Ok(None);
        };
        let cursor = &mut self.cursors[best];
        let Some(doc) = cursor.current() else {
            return Ok(None);
        };
        let entry = CatalogEntry {
            path: String::from_utf8_lossy(&cursor.key).into_owned(),
            date_key: cursor.part.dates.first(doc).unwrap_or(0),
            hash: cursor.part.hashes.first(doc).unwrap_or(0),
        };
        cursor.step()?;
        Ok(Some(entry))
    }
}

impl Iterator for SortedCatalog<'_> {
    type Item = Result<CatalogEntry>;

    fn next(&mut self) -> Option<Result<CatalogEntry>> {
        self.next_entry()
            .map_err(|e| read_error(self.dir, e.into()))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::analysis::DutchAnalyzer;
    use crate::corpus::parse_article;
    use crate::index::{IndexState, Writer, WriterOptions};

    /// An index written in five commits (five segments or more), with articles replaced
    /// and removed in later commits, so that segments hold deleted documents; paths from
    /// several folders, some with the same content hash.
    fn drifted_index() -> (tempfile::TempDir, KrantIndex) {
        let dir = tempfile::tempdir().unwrap();
        let options = WriterOptions {
            threads: 1,
            memory_bytes: 15_000_000,
            rebuild: false,
            turn_bytes: None,
        };
        let mut writer = Writer::open(&dir.path().join("index"), &options).unwrap();
        let preparer = writer.preparer();
        let mut analyzer: DutchAnalyzer = preparer.analyzer();
        let mut live = std::collections::BTreeSet::new();
        for round in 0..5u64 {
            for i in 0..40u64 {
                let n = (i * 7 + round * 13) % 60;
                let path = format!("{}/{n:02}.txt", ["b", "a", "a-b", "a.b"][(n % 4) as usize]);
                let bytes = format!("date 2017-{:02} tekst {n} ronde {round}", 1 + n % 12);
                let article = parse_article(&path, bytes.as_bytes()).unwrap();
                // Hashes repeat across paths: duplicates to find.
                let prepared = preparer.prepare(&article, (n + round) % 17, &mut analyzer);
                let replacing = !live.insert(path.clone());
                writer.add(prepared, replacing).unwrap();
            }
            let gone: Vec<String> = live
                .iter()
                .skip(round as usize)
                .step_by(7)
                .cloned()
                .collect();
            for path in gone {
                writer.remove(&path);
                live.remove(&path);
            }
            writer
                .commit(IndexState {
                    corpus_root: dir.path().to_path_buf(),
                    indexed_at: 0,
                    articles: 0,
                    frequent_terms: Vec::new(),
                })
                .unwrap();
        }
        writer.finish().unwrap();
        let index = KrantIndex::open(&dir.path().join("index")).unwrap();
        let metas = index.index.load_metas().unwrap();
        assert!(metas.segments.len() > 1);
        assert!(metas.segments.iter().any(|s| s.has_deletes()));
        assert_eq!(index.catalog().unwrap().len(), live.len());
        (dir, index)
    }

    #[test]
    fn the_sorted_catalog_is_the_simple_catalog_sorted() {
        let (_dir, index) = drifted_index();
        let mut simple = index.catalog().unwrap();
        simple.sort_by(|a, b| a.path.cmp(&b.path));
        let streamed: Vec<CatalogEntry> = index
            .with_sorted_catalog(|catalog| catalog.collect::<Result<Vec<_>>>())
            .unwrap();
        assert!(!simple.is_empty());
        assert_eq!(streamed, simple);
    }

    #[test]
    fn duplicates_found_a_share_at_a_time_are_those_of_a_map_of_every_hash() {
        let (_dir, index) = drifted_index();
        let mut by_hash: HashMap<u64, Vec<String>> = HashMap::new();
        for entry in index.catalog().unwrap() {
            by_hash.entry(entry.hash).or_default().push(entry.path);
        }
        let mut simple: Vec<Vec<String>> = by_hash
            .into_values()
            .filter(|paths| paths.len() > 1)
            .map(|mut paths| {
                paths.sort();
                paths
            })
            .collect();
        simple.sort();
        assert!(!simple.is_empty());
        for held in [1, 2, 5, 1_000, HASHES_HELD] {
            assert_eq!(index.duplicates(held).unwrap(), simple, "{held} held");
        }
        let mut dates = 0;
        index.for_each_date(|_| dates += 1).unwrap();
        assert_eq!(dates, index.catalog().unwrap().len());
    }
}
