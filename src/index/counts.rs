//! Counting inside the matching articles, from the index alone: their written words (the
//! `words` column), the occurrences of the query's words and phrases (the positions in
//! the postings), grouped by month or by folder.
//!
//! An occurrence is a place in an article's text where a word or phrase of the query
//! matches, as `kwic` lists them: a phrase counts once, a word read two ways at one place
//! (a compound and its part, `Geel` the place and the colour) once, overlapping matches
//! once. A title-only word (`title:kalifaat`) counts in the title.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED, Term};

use super::contain::contain;
use super::read_error;
use super::reader::Searcher;
use super::schema::names;
use super::vocabulary::{LevenshteinAutomaton, edit_automaton};
use crate::analysis::{Mode, fold, word_spans};
use crate::date::{ArticleDate, Month};
use crate::query::{Expr, Scope, Selection};

/// What a group of matching articles (a month, a folder) holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Matching articles.
    pub articles: u64,
    /// Their written words (see `schema::names::WORDS`).
    pub words: u64,
    /// The occurrences of the query's words and phrases in them (0 unless asked for).
    pub occurrences: u64,
}

impl From<u64> for Tally {
    /// A number of articles, with nothing else counted.
    fn from(articles: u64) -> Tally {
        Tally {
            articles,
            ..Tally::default()
        }
    }
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.articles += other.articles;
        self.words += other.words;
        self.occurrences += other.occurrences;
    }
}

/// How matching articles are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// By the month of their date.
    Month,
    /// By their folder, down to this many levels below the corpus root (an article less
    /// deep goes with its own folder).
    Folder {
        /// Levels of folders, at least 1.
        depth: usize,
    },
}

/// A group: a month, or a folder relative to the corpus root (`""` for the root).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKey {
    /// A month.
    Month(Month),
    /// A folder.
    Folder(String),
}

/// The folder of an article's path (an identity) at `depth`: its first `depth` folders,
/// or all of them when it lies less deep; `""` for an article in the corpus root.
pub fn folder_at_depth(path: &str, depth: usize) -> &str {
    let folders = path.matches('/').count();
    let keep = depth.min(folders);
    if keep == 0 {
        return "";
    }
    let end = path
        .match_indices('/')
        .nth(keep - 1)
        .map_or(path.len(), |(at, _)| at);
    &path[..end]
}

/// One thing of a query whose places are counted in an article.
#[derive(Debug, Clone)]
enum Countable {
    /// Any of these terms of one field: a place holding one or more counts once.
    Terms { field: Field, terms: Vec<String> },
    /// These terms at these offsets from the first, in one field: an exact phrase.
    Phrase {
        field: Field,
        terms: Vec<(u32, String)>,
    },
    /// Every term of one field that starts with `prefix`, or is within `distance` edits
    /// of `word` (read from each segment's dictionary), and the `stems` of the word forms
    /// that do: a prefix or fuzzy word, as the search compiles it.
    Pattern {
        field: Field,
        pattern: Pattern,
        stems: Vec<String>,
    },
}

#[derive(Debug, Clone)]
enum Pattern {
    Prefix(String),
    Fuzzy(String, u8),
}

impl Searcher {
    /// Matching articles and their words (and, with `occurrences`, the places where the
    /// query's words and phrases occur), grouped. Reads the index only: the date, path
    /// and word columns, and positions for occurrences.
    pub fn tally(
        &mut self,
        selection: &Selection,
        grouping: Grouping,
        occurrences: bool,
    ) -> Result<BTreeMap<GroupKey, Tally>> {
        let dir = self.index.dir.clone();
        contain(&dir, || {
            let query = self.build(selection)?;
            let countables = if occurrences {
                self.countables(selection.expr.as_ref())?
            } else {
                Vec::new()
            };
            let collector = Tallier {
                grouping,
                countables,
                occurrences,
            };
            self.reader
                .searcher()
                .search(&query, &collector)
                .map_err(|e| read_error(&dir, e))
        })
    }

    /// What of `expr` is counted: its positive words and phrases, synonyms expanded.
    fn countables(&mut self, expr: Option<&Expr>) -> Result<Vec<Countable>> {
        let Some(expr) = self.prepare(expr) else {
            return Ok(Vec::new());
        };
        let fields = self.index.fields;
        let field_of = |scope: Scope| match scope {
            Scope::Title => fields.title,
            Scope::Anywhere | Scope::Text => fields.text,
        };
        let mut out = Vec::new();
        for part in expr.positive_parts() {
            match part {
                Expr::Word {
                    text,
                    scope,
                    prefix: true,
                    ..
                } => {
                    let words: Vec<(usize, usize)> = word_spans(text).collect();
                    let Some((&(start, end), before)) = words.split_last() else {
                        continue;
                    };
                    // `al-bagh*`: the whole words before the prefix count as words.
                    for &(s, e) in before {
                        self.words_of(&text[s..e], field_of(*scope), &mut out);
                    }
                    let prefix = fold(&text[start..end]);
                    let forms = self.vocabulary()?.with_prefix(&prefix);
                    out.push(self.pattern(field_of(*scope), Pattern::Prefix(prefix), &forms));
                }
                Expr::Word {
                    text,
                    scope,
                    fuzzy: Some(distance),
                    ..
                } => {
                    let form: String = word_spans(text).map(|(s, e)| fold(&text[s..e])).collect();
                    if form.is_empty() {
                        continue;
                    }
                    let forms = self.vocabulary()?.within(&form, *distance);
                    let pattern = Pattern::Fuzzy(form, *distance);
                    out.push(self.pattern(field_of(*scope), pattern, &forms));
                }
                // A sloppy phrase's words count wherever they are, as kwic marks them.
                Expr::Phrase { text, scope, slop } if *slop > 0 => {
                    for (s, e) in word_spans(text) {
                        self.words_of(&text[s..e], field_of(*scope), &mut out);
                    }
                }
                Expr::Word { text, scope, .. } | Expr::Phrase { text, scope, .. } => {
                    self.words_of(text, field_of(*scope), &mut out);
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// A word or exact phrase of the query as it is searched: one term (and the place it
    /// may name, `tienen`), or a phrase of several.
    fn words_of(&mut self, text: &str, field: Field, out: &mut Vec<Countable>) {
        let tokens = self.analyzer.tokens(text, Mode::Query);
        match tokens.as_slice() {
            [] => {}
            [one] => {
                let mut terms = vec![one.term.clone()];
                terms.extend(self.analyzer.name_reading(text));
                out.push(Countable::Terms { field, terms });
            }
            many => {
                let first = many[0].position;
                let terms = many
                    .iter()
                    .map(|t| ((t.position - first) as u32, t.term.clone()))
                    .collect();
                out.push(Countable::Phrase { field, terms });
            }
        }
    }

    fn pattern(&mut self, field: Field, pattern: Pattern, forms: &[String]) -> Countable {
        let mut stems: Vec<String> = forms
            .iter()
            .map(|form| self.analyzer.stem_folded(form))
            .collect();
        stems.sort_unstable();
        stems.dedup();
        Countable::Pattern {
            field,
            pattern,
            stems,
        }
    }
}

/// Collects [`Tally`]s per group.
struct Tallier {
    grouping: Grouping,
    countables: Vec<Countable>,
    occurrences: bool,
}

/// A segment's share of the work.
struct SegmentTallier {
    keys: Keys,
    words: tantivy::columnar::Column<u64>,
    places: Option<Places>,
    tallies: HashMap<u64, Tally>,
}

/// How a segment's documents get their group.
enum Keys {
    /// `yyyymm` from the date column.
    Months(tantivy::columnar::Column<u64>),
    /// An index into `names`, by the path's ordinal in the segment's path dictionary
    /// (`by_ord`, made on the first document: the dictionary streamed once costs less
    /// than looking up each path, every article having its own).
    Folders {
        paths: tantivy::columnar::StrColumn,
        depth: usize,
        by_ord: Option<Vec<u32>>,
        names: Vec<String>,
    },
}

impl Keys {
    fn key(&mut self, doc: DocId) -> Option<u64> {
        match self {
            Keys::Months(dates) => dates.first(doc).map(|date| date / 100),
            Keys::Folders {
                paths,
                depth,
                by_ord,
                names,
            } => {
                let ord = paths.term_ords(doc).next()?;
                let by_ord = match by_ord {
                    Some(by_ord) => by_ord,
                    None => by_ord.insert(folders_by_ord(paths, *depth, names)),
                };
                by_ord.get(ord as usize).map(|&key| u64::from(key))
            }
        }
    }
}

/// The folder (an index into `names`, which it fills) of each path of a segment's path
/// column, by ordinal.
fn folders_by_ord(
    paths: &tantivy::columnar::StrColumn,
    depth: usize,
    names: &mut Vec<String>,
) -> Vec<u32> {
    let mut by_name: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::with_capacity(paths.num_terms());
    let Ok(mut terms) = paths.dictionary().stream() else {
        return out;
    };
    while terms.advance() {
        let path = String::from_utf8_lossy(terms.key());
        let folder = folder_at_depth(&path, depth);
        let key = match by_name.get(folder) {
            Some(&key) => key,
            None => {
                let key = names.len() as u32;
                names.push(folder.to_owned());
                by_name.insert(folder.to_owned(), key);
                key
            }
        };
        out.push(key);
    }
    out
}

/// A segment's fruit: the tallies by key, and the folders' names.
struct SegmentFruit {
    tallies: HashMap<u64, Tally>,
    names: Vec<String>,
    months: bool,
}

impl Collector for Tallier {
    type Fruit = BTreeMap<GroupKey, Tally>;
    type Child = SegmentTallier;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTallier> {
        let fast = reader.fast_fields();
        let keys = match self.grouping {
            Grouping::Month => Keys::Months(fast.u64(names::DATE)?),
            Grouping::Folder { depth } => Keys::Folders {
                paths: fast.str(names::PATH)?.ok_or_else(|| {
                    tantivy::TantivyError::SchemaError("no path column".to_owned())
                })?,
                depth,
                by_ord: None,
                names: Vec::new(),
            },
        };
        let places = if self.occurrences {
            Some(Places::open(reader, &self.countables)?)
        } else {
            None
        };
        Ok(SegmentTallier {
            keys,
            words: fast.u64(names::WORDS)?,
            places,
            tallies: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Self::Fruit> {
        let mut out = BTreeMap::new();
        for fruit in fruits {
            for (key, tally) in fruit.tallies {
                let key = if fruit.months {
                    match ArticleDate::from_sort_key(key * 100) {
                        Some(date) => GroupKey::Month(date.month),
                        None => continue,
                    }
                } else {
                    GroupKey::Folder(fruit.names.get(key as usize).cloned().unwrap_or_default())
                };
                out.entry(key).or_insert_with(Tally::default).add(tally);
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentTallier {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(key) = self.keys.key(doc) else {
            return;
        };
        let tally = Tally {
            articles: 1,
            words: self.words.first(doc).unwrap_or(0),
            occurrences: self.places.as_mut().map_or(0, |p| p.count(doc)),
        };
        self.tallies.entry(key).or_default().add(tally);
    }

    fn harvest(self) -> SegmentFruit {
        let (names, months) = match self.keys {
            Keys::Months(_) => (Vec::new(), true),
            Keys::Folders { names, .. } => (names, false),
        };
        SegmentFruit {
            tallies: self.tallies,
            names,
            months,
        }
    }
}

/// The postings of a query's countables in one segment, read forward as the matching
/// documents come (in order).
struct Places {
    sources: Vec<Source>,
    /// Scratch: the places found in the current document, and positions.
    spans: Vec<(u32, u32)>,
    positions: Vec<u32>,
}

enum Source {
    /// Places of any of these terms.
    Terms(Vec<SegmentPostings>),
    /// Places of a phrase: each term's postings with its offset, and the phrase's span.
    Phrase(Vec<(u32, SegmentPostings)>, u32),
}

impl Places {
    fn open(reader: &SegmentReader, countables: &[Countable]) -> tantivy::Result<Places> {
        let mut sources = Vec::with_capacity(countables.len());
        for countable in countables {
            match countable {
                Countable::Terms { field, terms } => {
                    sources.push(Source::Terms(postings_of(reader, *field, terms)?));
                }
                Countable::Phrase { field, terms } => {
                    let inverted = reader.inverted_index(*field)?;
                    let mut all = Vec::with_capacity(terms.len());
                    for (offset, term) in terms {
                        let term = Term::from_field_text(*field, term);
                        match inverted
                            .read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
                        {
                            Some(postings) => all.push((*offset, postings)),
                            // A term the segment lacks: no phrase here.
                            None => {
                                all.clear();
                                break;
                            }
                        }
                    }
                    let span = terms.iter().map(|(o, _)| *o).max().unwrap_or(0);
                    sources.push(Source::Phrase(all, span));
                }
                Countable::Pattern {
                    field,
                    pattern,
                    stems,
                } => {
                    let mut terms = dictionary_matches(reader, *field, pattern)?;
                    terms.extend(stems.iter().cloned());
                    terms.sort_unstable();
                    terms.dedup();
                    sources.push(Source::Terms(postings_of(reader, *field, &terms)?));
                }
            }
        }
        Ok(Places {
            sources,
            spans: Vec::new(),
            positions: Vec::new(),
        })
    }

    /// The places in `doc` (never less than any document asked before).
    fn count(&mut self, doc: DocId) -> u64 {
        // One term alone: its frequency, no positions read.
        if let [Source::Terms(one)] = self.sources.as_mut_slice()
            && let [postings] = one.as_mut_slice()
        {
            return if seek(postings, doc) {
                u64::from(postings.term_freq())
            } else {
                0
            };
        }
        self.spans.clear();
        for source in &mut self.sources {
            match source {
                Source::Terms(all) => {
                    for postings in all {
                        if seek(postings, doc) {
                            postings.positions(&mut self.positions);
                            self.spans.extend(self.positions.iter().map(|&p| (p, p)));
                        }
                    }
                }
                Source::Phrase(all, span) => {
                    phrase_places(all, *span, doc, &mut self.positions, &mut self.spans);
                }
            }
        }
        merged_count(&mut self.spans)
    }
}

/// Moves `postings` to `doc`: whether the term occurs there.
fn seek(postings: &mut SegmentPostings, doc: DocId) -> bool {
    if postings.doc() < doc {
        postings.seek(doc);
    }
    postings.doc() == doc
}

/// The places of an exact phrase in `doc`: where its first term is followed by the others
/// at their offsets.
fn phrase_places(
    all: &mut [(u32, SegmentPostings)],
    span: u32,
    doc: DocId,
    scratch: &mut Vec<u32>,
    spans: &mut Vec<(u32, u32)>,
) {
    if all.is_empty() || !all.iter_mut().all(|(_, p)| seek(p, doc)) {
        return;
    }
    // Start positions of the phrase that each term allows, intersected term by term.
    let mut starts: Vec<u32> = Vec::new();
    for (i, (offset, postings)) in all.iter_mut().enumerate() {
        postings.positions(scratch);
        let allowed = scratch.iter().filter_map(|&p| p.checked_sub(*offset));
        if i == 0 {
            starts.extend(allowed);
        } else {
            let allowed: Vec<u32> = allowed.collect();
            starts.retain(|s| allowed.binary_search(s).is_ok());
        }
        if starts.is_empty() {
            return;
        }
    }
    spans.extend(starts.iter().map(|&s| (s, s + span)));
}

/// The number of places once overlapping ones are joined.
fn merged_count(spans: &mut [(u32, u32)]) -> u64 {
    spans.sort_unstable();
    let mut count = 0;
    let mut end: Option<u32> = None;
    for &(s, e) in spans.iter() {
        match end {
            Some(last) if s <= last => end = Some(last.max(e)),
            _ => {
                count += 1;
                end = Some(e);
            }
        }
    }
    count
}

/// The postings (with positions) of those `terms` the segment holds.
fn postings_of(
    reader: &SegmentReader,
    field: Field,
    terms: &[String],
) -> tantivy::Result<Vec<SegmentPostings>> {
    let inverted = reader.inverted_index(field)?;
    let mut out = Vec::new();
    for term in terms {
        let term = Term::from_field_text(field, term);
        if let Some(postings) =
            inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
            && postings.doc() != TERMINATED
        {
            out.push(postings);
        }
    }
    Ok(out)
}

/// The terms of `field` in this segment that a prefix or fuzzy word matches directly.
fn dictionary_matches(
    reader: &SegmentReader,
    field: Field,
    pattern: &Pattern,
) -> tantivy::Result<Vec<String>> {
    let inverted = reader.inverted_index(field)?;
    let dictionary = inverted.terms();
    let mut out = Vec::new();
    match pattern {
        Pattern::Prefix(prefix) => {
            let mut stream = dictionary.range().ge(prefix.as_bytes()).into_stream()?;
            while stream.advance() {
                if !stream.key().starts_with(prefix.as_bytes()) {
                    break;
                }
                out.extend(std::str::from_utf8(stream.key()).ok().map(str::to_owned));
            }
        }
        Pattern::Fuzzy(word, distance) => {
            let automaton = LevenshteinAutomaton(edit_automaton(word, *distance));
            let mut stream = dictionary.search(automaton).into_stream()?;
            while stream.advance() {
                out.extend(std::str::from_utf8(stream.key()).ok().map(str::to_owned));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_at_a_depth_keep_as_many_levels_as_the_path_has() {
        assert_eq!(folder_at_depth("nrc/2017/03/a.txt", 1), "nrc");
        assert_eq!(folder_at_depth("nrc/2017/03/a.txt", 2), "nrc/2017");
        assert_eq!(folder_at_depth("nrc/2017/03/a.txt", 9), "nrc/2017/03");
        assert_eq!(folder_at_depth("nrc/a.txt", 2), "nrc");
        assert_eq!(folder_at_depth("a.txt", 1), "");
    }

    #[test]
    fn overlapping_places_count_once() {
        assert_eq!(merged_count(&mut []), 0);
        assert_eq!(merged_count(&mut [(3, 3), (1, 1), (3, 3)]), 2);
        // A phrase over 4–5 and a word at 5: one place; a word at 6: another.
        assert_eq!(merged_count(&mut [(4, 5), (5, 5), (6, 6)]), 2);
    }
}
