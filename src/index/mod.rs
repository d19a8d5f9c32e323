//! The on-disk index: the only module that speaks tantivy's index API.
//!
//! An index folder holds tantivy's files plus:
//! - `krant.json`: the marker (schema and analyzer versions), written before anything else,
//!   so a folder without it is not krant's to touch;
//! - `krant.lock`: held by the one `krant index` run allowed at a time;
//! - `stamps.tsv`: size and mtime of each indexed file, a cache that lets a re-run skip
//!   reading unchanged files;
//! - `forms.fst`: the word forms of the archive, for prefix and fuzzy words.
//!
//! The corpus root, the time of the last run, the article count and the frequent terms
//! (see `phrase_pairs`) travel in tantivy's commit payload, so they change atomically with the
//! documents.

mod articles;
mod catalog;
mod check;
mod collect;
mod compile;
mod contain;
mod counts;
mod directory;
mod every;
#[cfg(test)]
mod fixture;
mod frequencies;
mod heap;
mod phrase_pairs;
mod prepare;
mod reader;
mod repair;
pub(crate) mod schema;
mod stamps;
mod stem_forms;
mod token_handover;
mod turn_taking;
mod vocabulary;
mod writer;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use tantivy::index::SegmentId;
use tantivy::{Index, TantivyError};

pub(crate) use articles::{StoredArticle, TextState};
pub(crate) use catalog::HASHES_HELD;
pub(crate) use check::{CheckReport, check};
pub(crate) use collect::HitSink;
pub(crate) use counts::{GroupKey, Grouping, Tally};
pub(crate) use frequencies::DocSets;
pub(crate) use phrase_pairs::{FrequentTermCounter, FrequentTerms, SAMPLE_ARTICLES};
pub(crate) use prepare::{PreparedArticle, Preparer};
pub(crate) use reader::Hit;
pub use reader::Searcher;
pub(crate) use schema::SCHEMA_VERSION;
pub(crate) use stamps::{Stamp, StampIter, StampWriter, Stamps};
pub(crate) use turn_taking::turn_bytes;
pub(crate) use writer::{Writer, WriterOptions};

use contain::{contain, damaged};
use directory::SharedDirectory;

use crate::analysis::{ANALYZER_VERSION, LEXICON_FINGERPRINT};
use crate::error::failure;

const MARKER_FILE: &str = "krant.json";
const LOCK_FILE: &str = "krant.lock";
/// The stamps cache inside an index folder.
pub const STAMPS_FILE: &str = "stamps.tsv";

/// What `krant.json` records: enough to refuse an index this build cannot read right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// Always `"krant"`.
    pub format: String,
    /// [`SCHEMA_VERSION`] of the krant that created the index.
    pub schema_version: u32,
    /// [`ANALYZER_VERSION`] of the krant that created the index.
    pub analyzer_version: u32,
    /// [`LEXICON_FINGERPRINT`] of the krant that created the index: a change of the
    /// lexicon's data changes terms as surely as a change of the code.
    #[serde(default)]
    pub lexicon: String,
}

impl Marker {
    fn current() -> Marker {
        Marker {
            format: "krant".to_owned(),
            schema_version: SCHEMA_VERSION,
            analyzer_version: ANALYZER_VERSION,
            lexicon: LEXICON_FINGERPRINT.to_owned(),
        }
    }
}

/// What the last commit recorded about the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexState {
    /// The corpus folder the index was built from (absolute).
    pub corpus_root: PathBuf,
    /// When the last indexing run committed, in seconds since the Unix epoch.
    pub indexed_at: u64,
    /// Articles in the index after that commit.
    pub articles: u64,
    /// The terms whose adjacent pairs the index holds (see `phrase_pairs`), sorted: chosen when
    /// the index was built from scratch, and kept with the articles indexed with them.
    #[serde(default, with = "space_separated")]
    pub frequent_terms: Vec<String>,
}

/// The frequent terms as one string, separated by spaces, rather than a list. The
/// payload is itself a string inside tantivy's `meta.json`, which every search parses
/// three times: as a list, each term's quotes come escaped and take the slow path of
/// the JSON reader (hundreds of terms; a tenth of a ranged search's instructions). Lists
/// written by earlier builds are still read.
mod space_separated {
    use serde::de::{SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(terms: &[String], serializer: S) -> Result<S::Ok, S::Error> {
        // No term holds whitespace (the analyzer splits words there); one that did would
        // only lose its pair filters, which make phrases faster, never different.
        let kept: Vec<&str> = terms
            .iter()
            .map(String::as_str)
            .filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
            .collect();
        serializer.serialize_str(&kept.join(" "))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<String>, D::Error> {
        deserializer.deserialize_any(Terms)
    }

    struct Terms;

    impl<'de> Visitor<'de> for Terms {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("terms separated by spaces, or a list of terms")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Vec<String>, E> {
            Ok(text.split_whitespace().map(str::to_owned).collect())
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut terms = Vec::new();
            while let Some(term) = seq.next_element::<String>()? {
                terms.push(term);
            }
            Ok(terms)
        }
    }
}

/// One indexed article as the columns know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    /// Path relative to the corpus root.
    pub path: String,
    /// `yyyymmdd`, day 00 when unknown.
    pub date_key: u64,
    /// Content hash of the file.
    pub hash: u64,
}

/// What is at an index path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Nothing, or an empty folder.
    Nothing,
    /// A krant index this build can read.
    Current,
    /// A krant index made by a build with another schema or analyzer.
    Outdated(Marker),
    /// A folder krant has written (it holds krant's lock file) whose marker is missing or
    /// cannot be read.
    Damaged,
    /// Something else: a file, or a folder with other content.
    Foreign,
}

/// Looks at `dir` without changing anything.
pub fn inspect(dir: &Path) -> Result<Found> {
    let marker_path = dir.join(MARKER_FILE);
    // The marker first: for an index, the one read a search makes here.
    let bytes = match fs::read(&marker_path) {
        Ok(bytes) => bytes,
        Err(_) if !marker_path.exists() => {
            if !dir.exists() {
                return Ok(Found::Nothing);
            }
            if !dir.is_dir() {
                return Ok(Found::Foreign);
            }
            let mut entries = fs::read_dir(dir)
                .with_context(|| format!("cannot read the index folder {}", dir.display()))?;
            return Ok(if entries.next().is_none() {
                Found::Nothing
            } else if dir.join(LOCK_FILE).exists() && dir.join("meta.json").exists() {
                // krant's lock beside tantivy's metadata: a krant index that lost its marker.
                Found::Damaged
            } else {
                Found::Foreign
            });
        }
        Err(e) => {
            return Err(
                anyhow::Error::new(e).context(format!("cannot read {}", marker_path.display()))
            );
        }
    };
    let Ok(marker) = serde_json::from_slice::<Marker>(&bytes) else {
        // A marker beside krant's lock: a krant index whose marker was damaged.
        return Ok(if dir.join(LOCK_FILE).exists() {
            Found::Damaged
        } else {
            Found::Foreign
        });
    };
    if marker.format != "krant" {
        return Ok(Found::Foreign);
    }
    Ok(if marker == Marker::current() {
        Found::Current
    } else {
        Found::Outdated(marker)
    })
}

/// An opened krant index.
pub struct KrantIndex {
    index: Index,
    fields: schema::Fields,
    dir: PathBuf,
}

impl KrantIndex {
    /// Opens the index at `dir` for reading, with a clear error for every way that can fail.
    pub fn open(dir: &Path) -> Result<KrantIndex> {
        Self::open_found(dir, inspect(dir)?)
    }

    /// [`KrantIndex::open`] with what [`inspect`] found at `dir` (a search looks before
    /// it opens; reading the marker once saves a start-up some syscalls).
    pub fn open_found(dir: &Path, found: Found) -> Result<KrantIndex> {
        match found {
            Found::Current => {}
            Found::Nothing => {
                return Err(failure(
                    format!("no krant index at {}", dir.display()),
                    "create one with `krant index CORPUS` (or point --index at an existing one)",
                ));
            }
            Found::Foreign => {
                return Err(failure(
                    format!("{} is not a krant index", dir.display()),
                    "point --index (or KRANT_INDEX) at a folder made by `krant index`",
                ));
            }
            Found::Outdated(marker) => return Err(outdated(dir, &marker)),
            Found::Damaged => return Err(damaged(dir, "its marker krant.json cannot be read")),
        }
        if !dir.join("meta.json").exists() {
            return Err(failure(
                format!("the index at {} was never completed", dir.display()),
                "run `krant index` to build it",
            ));
        }
        Self::wrap(open_tantivy(dir)?, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<KrantIndex> {
        index.tokenizers().register(
            token_handover::ENCODED_NAME,
            tantivy::tokenizer::TextAnalyzer::from(token_handover::EncodedTokenizer::default()),
        );
        let fields = schema::fields_of(&index.schema())
            .map_err(|_| damaged(dir, "its schema is not krant's"))?;
        Ok(KrantIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// The folder the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the last commit recorded, or `None` if nothing was ever committed.
    pub fn state(&self) -> Result<Option<IndexState>> {
        Ok(self.committed()?.1)
    }

    /// The last commit's segments and what it recorded.
    fn committed(&self) -> Result<(BTreeSet<SegmentId>, Option<IndexState>)> {
        let metas = contain(&self.dir, || {
            self.index
                .load_metas()
                .map_err(|e| read_error(&self.dir, e))
        })?;
        let state = metas
            .payload
            .as_deref()
            .map(|p| {
                serde_json::from_str(p)
                    .map_err(|_| damaged(&self.dir, "its commit record is not krant's"))
            })
            .transpose()?;
        Ok((metas.segments.iter().map(|s| s.id()).collect(), state))
    }

    /// Every committed article's path, date key (`yyyymmdd`) and content hash, read from
    /// the fast columns without touching stored documents, all held at once (some 100
    /// bytes an article): `krant index` streams them instead
    /// ([`KrantIndex::with_sorted_catalog`]); this simple form checks it.
    pub fn catalog(&self) -> Result<Vec<CatalogEntry>> {
        contain(&self.dir, || self.read_catalog())
    }

    fn read_catalog(&self) -> Result<Vec<CatalogEntry>> {
        let reader = self.index.reader().map_err(|e| read_error(&self.dir, e))?;
        let searcher = reader.searcher();
        let mut out = Vec::new();
        let error = |e: TantivyError| read_error(&self.dir, e);
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let Some(paths) = fast.str(schema::names::PATH).map_err(error)? else {
                continue;
            };
            let hashes = fast.u64(schema::names::HASH).map_err(error)?;
            let dates = fast.u64(schema::names::DATE).map_err(error)?;
            // The dictionary streamed once, in ordinal order: looking each path up on its
            // own would decompress a dictionary block per article.
            let mut by_ord: Vec<String> = Vec::with_capacity(paths.num_terms());
            let mut terms = paths.dictionary().stream().map_err(|e| error(e.into()))?;
            while terms.advance() {
                by_ord.push(String::from_utf8_lossy(terms.key()).into_owned());
            }
            for doc in segment.doc_ids_alive() {
                let Some(path) = paths
                    .term_ords(doc)
                    .next()
                    .and_then(|ord| by_ord.get(ord as usize))
                else {
                    continue;
                };
                out.push(CatalogEntry {
                    path: path.clone(),
                    date_key: dates.first(doc).unwrap_or(0),
                    hash: hashes.first(doc).unwrap_or(0),
                });
            }
        }
        Ok(out)
    }

    /// Bytes the index takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        fn walk(path: &Path) -> u64 {
            fs::read_dir(path).map_or(0, |entries| {
                entries
                    .flatten()
                    .map(|e| match e.metadata() {
                        Ok(m) if m.is_dir() => walk(&e.path()),
                        Ok(m) => m.len(),
                        Err(_) => 0,
                    })
                    .sum()
            })
        }
        walk(&self.dir)
    }
}

/// Opens tantivy's index in `dir`, with read access only.
fn open_tantivy(dir: &Path) -> Result<Index> {
    let directory = SharedDirectory::open(dir)
        .with_context(|| format!("cannot open the index folder {}", dir.display()))?;
    open_tantivy_in(dir, directory)
}

/// Opens tantivy's index in `dir` for the writer, whose reads copy rather than map (see
/// `directory`).
fn open_tantivy_to_write(dir: &Path) -> Result<Index> {
    open_tantivy_in(dir, writer_directory(dir)?)
}

/// The folder `dir` as the writer reads it (see `directory`).
fn writer_directory(dir: &Path) -> Result<SharedDirectory> {
    SharedDirectory::open_copying(dir)
        .with_context(|| format!("cannot open the index folder {}", dir.display()))
}

fn open_tantivy_in(dir: &Path, directory: SharedDirectory) -> Result<Index> {
    contain(dir, || {
        Index::open(directory).map_err(|e| read_error(dir, e))
    })
}

/// A tantivy error met reading the index at `dir`: a file that cannot be opened (named,
/// with the reason), or damage.
fn read_error(dir: &Path, error: TantivyError) -> anyhow::Error {
    use tantivy::directory::error::OpenReadError;
    let io = match &error {
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            Some((io_error.to_string(), Some(filepath.clone())))
        }
        TantivyError::IoError(io_error) => Some((io_error.to_string(), None)),
        _ => None,
    };
    match io {
        Some((reason, file)) => {
            let file = file.map_or_else(|| dir.to_path_buf(), |f| dir.join(f));
            failure(
                format!("cannot read the index file {}: {reason}", file.display()),
                "searching needs read access to every file of the index folder",
            )
        }
        None => damaged(dir, &error.to_string()),
    }
}

fn outdated(dir: &Path, marker: &Marker) -> anyhow::Error {
    failure(
        format!(
            "the index at {} was built by another krant version (schema {}, analyzer {}, \
             lexicon {}; this krant uses schema {SCHEMA_VERSION}, analyzer {ANALYZER_VERSION}, \
             lexicon {LEXICON_FINGERPRINT})",
            dir.display(),
            marker.schema_version,
            marker.analyzer_version,
            if marker.lexicon.is_empty() {
                "none"
            } else {
                &marker.lexicon
            }
        ),
        "rebuild it with `krant index --rebuild`",
    )
}

/// Reads the stored corpus root of the index at `dir`, if there is a readable one.
pub fn recorded_corpus_root(dir: &Path) -> Option<PathBuf> {
    let index = KrantIndex::open(dir).ok()?;
    index.state().ok().flatten().map(|s| s.corpus_root)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(frequent_terms: &[&str]) -> IndexState {
        IndexState {
            corpus_root: PathBuf::from("/archief"),
            indexed_at: 1_700_000_000,
            articles: 3,
            frequent_terms: frequent_terms.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    #[test]
    fn frequent_terms_travel_as_one_string_and_come_back_whole() {
        let written = serde_json::to_string(&state(&["de", "het", "jar", "2017"])).unwrap();
        assert_eq!(
            written,
            r#"{"corpus_root":"/archief","indexed_at":1700000000,"articles":3,"frequent_terms":"de het jar 2017"}"#
        );
        let read: IndexState = serde_json::from_str(&written).unwrap();
        assert_eq!(read, state(&["de", "het", "jar", "2017"]));
        let none: IndexState =
            serde_json::from_str(&serde_json::to_string(&state(&[])).unwrap()).unwrap();
        assert_eq!(none, state(&[]));
    }

    #[test]
    fn payloads_of_earlier_builds_are_read_with_their_list_of_terms() {
        let list = r#"{"corpus_root":"/archief","indexed_at":1700000000,"articles":3,"frequent_terms":["de","jar"]}"#;
        assert_eq!(
            serde_json::from_str::<IndexState>(list).unwrap(),
            state(&["de", "jar"])
        );
        let without = r#"{"corpus_root":"/archief","indexed_at":1700000000,"articles":3}"#;
        assert_eq!(
            serde_json::from_str::<IndexState>(without).unwrap(),
            state(&[])
        );
    }

    #[test]
    fn a_term_with_whitespace_is_left_out_rather_than_split() {
        let written = serde_json::to_string(&state(&["de", "new york", "jar"])).unwrap();
        let read: IndexState = serde_json::from_str(&written).unwrap();
        assert_eq!(read, state(&["de", "jar"]));
    }
}
