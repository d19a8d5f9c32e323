//! How often terms occur in a set of articles, from the index alone: the sets are bitsets
//! of documents per segment, and a term's count in each set is read from its postings
//! (frequencies, no positions). A term counts as a word of its own: its count in the text
//! less its count as a compound's or word group's part (see `schema::names::PARTS`), so
//! that `vluchtelingenbeleid` does not add to `vluchteling`.
//!
//! Memory: a bit per document and set, whatever the query matches.

use anyhow::Result;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::postings::BlockSegmentPostings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::contain::contain;
use super::read_error;
use super::reader::Searcher;
use super::schema::names;
use crate::query::Selection;

/// A set of documents: one bitset per segment of the searched commit.
#[derive(Debug, Clone, Default)]
pub struct DocSets {
    segments: Vec<Bits>,
    /// How many documents are in the set.
    pub articles: u64,
    /// Their written words (`schema::names::WORDS`).
    pub words: u64,
}

#[derive(Debug, Clone, Default)]
struct Bits(Vec<u64>);

impl Bits {
    fn with_capacity(docs: u32) -> Bits {
        Bits(vec![0; (docs as usize).div_ceil(64)])
    }

    fn insert(&mut self, doc: DocId) {
        if let Some(word) = self.0.get_mut(doc as usize / 64) {
            *word |= 1 << (doc % 64);
        }
    }

    fn contains(&self, doc: DocId) -> bool {
        self.0
            .get(doc as usize / 64)
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }
}

impl DocSets {
    /// Whether `doc` of segment `segment` is in the set.
    pub fn contains(&self, segment: usize, doc: DocId) -> bool {
        self.segments
            .get(segment)
            .is_some_and(|bits| bits.contains(doc))
    }

    /// The set without the documents of `other` (its counts recomputed from `words_of`,
    /// which the caller cannot know: they come along with the sets).
    pub fn without(mut self, other: &DocSets, searcher: &Searcher) -> Result<DocSets> {
        for (mine, theirs) in self.segments.iter_mut().zip(&other.segments) {
            for (a, b) in mine.0.iter_mut().zip(&theirs.0) {
                *a &= !b;
            }
        }
        let (articles, words) = searcher.size_of(&self)?;
        self.articles = articles;
        self.words = words;
        Ok(self)
    }
}

impl Searcher {
    /// The articles that match, as a set (with their number and words).
    pub fn doc_sets(&mut self, selection: &Selection) -> Result<DocSets> {
        let dir = self.index.dir.clone();
        contain(&dir, || {
            let query = self.build(selection)?;
            self.reader
                .searcher()
                .search(&query, &SetCollector)
                .map_err(|e| read_error(&dir, e))
        })
    }

    /// The number of documents of `sets` and their written words.
    fn size_of(&self, sets: &DocSets) -> Result<(u64, u64)> {
        let dir = &self.index.dir;
        contain(dir, || {
            let searcher = self.reader.searcher();
            let (mut articles, mut words) = (0, 0);
            for (ord, reader) in searcher.segment_readers().iter().enumerate() {
                let column = reader
                    .fast_fields()
                    .u64(names::WORDS)
                    .map_err(|e| read_error(dir, e))?;
                for doc in 0..reader.max_doc() {
                    if sets.contains(ord, doc) {
                        articles += 1;
                        words += column.first(doc).unwrap_or(0);
                    }
                }
            }
            Ok((articles, words))
        })
    }

    /// Each term's count as a word of its own in each of `sets` (`[set][term]`).
    pub fn term_counts(&self, terms: &[String], sets: &[&DocSets]) -> Result<Vec<Vec<u64>>> {
        let dir = &self.index.dir;
        let fields = self.index.fields;
        contain(dir, || {
            let mut counts = vec![vec![0u64; terms.len()]; sets.len()];
            let searcher = self.reader.searcher();
            for (ord, reader) in searcher.segment_readers().iter().enumerate() {
                let mut add = |field: Field, sign: bool| -> tantivy::Result<()> {
                    count_segment(reader, ord, field, terms, sets, sign, &mut counts)
                };
                add(fields.text, true).map_err(|e| read_error(dir, e))?;
                add(fields.parts, false).map_err(|e| read_error(dir, e))?;
            }
            Ok(counts)
        })
    }
}

/// Adds (or, for `add == false`, takes away) each term's frequencies in the documents of
/// each set in one segment's `field`. The postings are read a block (128 documents and
/// their frequencies, decoded at once) at a time, and one reader serves every term: this
/// runs over the postings of every candidate, the frequent words' long ones too.
fn count_segment(
    reader: &SegmentReader,
    ord: usize,
    field: Field,
    terms: &[String],
    sets: &[&DocSets],
    add: bool,
    counts: &mut [Vec<u64>],
) -> tantivy::Result<()> {
    let inverted = reader.inverted_index(field)?;
    let bits: Vec<Option<&Bits>> = sets.iter().map(|set| set.segments.get(ord)).collect();
    let mut sums = vec![0u64; sets.len()];
    let mut block: Option<BlockSegmentPostings> = None;
    for (i, term) in terms.iter().enumerate() {
        let Some(info) = inverted.get_term_info(&Term::from_field_text(field, term))? else {
            continue;
        };
        let postings = match &mut block {
            Some(postings) => {
                inverted.reset_block_postings_from_terminfo(&info, postings)?;
                postings
            }
            None => block.insert(
                inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?,
            ),
        };
        sums.fill(0);
        while !postings.docs().is_empty() {
            for (&doc, &tf) in postings.docs().iter().zip(postings.freqs()) {
                let set = bits.iter().position(|b| b.is_some_and(|b| b.contains(doc)));
                if let Some(set) = set {
                    sums[set] += u64::from(tf);
                }
            }
            postings.advance();
        }
        for (set, &sum) in sums.iter().enumerate() {
            let count = &mut counts[set][i];
            *count = if add {
                *count + sum
            } else {
                count.saturating_sub(sum)
            };
        }
    }
    Ok(())
}

/// Collects the matching documents of each segment into a bitset.
struct SetCollector;

struct SegmentSet {
    ord: SegmentOrdinal,
    bits: Bits,
    articles: u64,
    words: u64,
    column: tantivy::columnar::Column<u64>,
}

impl Collector for SetCollector {
    type Fruit = DocSets;
    type Child = SegmentSet;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentSet> {
        Ok(SegmentSet {
            ord,
            bits: Bits::with_capacity(reader.max_doc()),
            articles: 0,
            words: 0,
            column: reader.fast_fields().u64(names::WORDS)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Bits, u64, u64)>,
    ) -> tantivy::Result<DocSets> {
        let mut sets = DocSets::default();
        for (ord, bits, articles, words) in fruits {
            let ord = ord as usize;
            if sets.segments.len() <= ord {
                sets.segments.resize(ord + 1, Bits::default());
            }
            sets.segments[ord] = bits;
            sets.articles += articles;
            sets.words += words;
        }
        Ok(sets)
    }
}

impl SegmentCollector for SegmentSet {
    type Fruit = (SegmentOrdinal, Bits, u64, u64);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.bits.insert(doc);
        self.articles += 1;
        self.words += self.column.first(doc).unwrap_or(0);
    }

    fn harvest(self) -> Self::Fruit {
        (self.ord, self.bits, self.articles, self.words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_hold_what_was_put_in() {
        let mut bits = Bits::with_capacity(130);
        for doc in [0, 63, 64, 129] {
            bits.insert(doc);
        }
        assert!(bits.contains(0) && bits.contains(63) && bits.contains(64) && bits.contains(129));
        assert!(!bits.contains(1) && !bits.contains(128) && !bits.contains(500));
        // Beyond the capacity: ignored, not a panic.
        bits.insert(1000);
        assert!(!bits.contains(1000));
    }
}
