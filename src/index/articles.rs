//! Reading an indexed article back: its columns, and its text from the archive file it
//! came from (checked against the stamp the index recorded); one article by its path, or
//! every article a selection holds, oldest first.

use std::path::PathBuf;

use anyhow::{Context, Result};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, TantivyDocument, Term};

use super::contain::contain;
use super::every::{Every, ExportOrder, order_ties_by_path};
use super::reader::Searcher;
use super::schema::{Fields, names};
use crate::analysis::DutchAnalyzer;
use crate::corpus::parse_article;
use crate::date::ArticleDate;
use crate::query::Selection;

/// An indexed article, with its text read from the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    /// Path relative to the corpus root.
    pub path: String,
    /// Date from the header.
    pub date: ArticleDate,
    /// Title.
    pub title: String,
    /// The whole text, as the file holds it now (empty when it cannot be read).
    pub text: String,
    /// Whether `text` is the text the index holds.
    pub text_state: TextState,
}

/// Whether an article's text, read from its file, is the text the index holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextState {
    /// The file is as it was indexed.
    AsIndexed,
    /// The file changed after the last `krant index`: the text is the current one.
    Changed,
    /// The file cannot be read, or is no longer an article: the text is empty.
    Unreadable(String),
    /// The corpus folder itself is gone (moved, or on a disk not mounted): no text.
    NoArchive(PathBuf),
}

/// Where articles' text comes from: their files. The index keeps no copy (a copy would
/// make the index nearly twice as big); it checks each file against the content hash
/// it indexed, so a change since the last run is reported, never silent.
#[derive(Debug, Clone)]
pub(super) struct Archive {
    pub(super) root: Option<PathBuf>,
}

impl Archive {
    /// The file's text and how it relates to the index; with the title parsed from it
    /// when the file is as indexed (then it is the title the index stored).
    /// With `limit`, only about that many bytes of the text are kept (cut at a character
    /// boundary): the whole file is still read, for its hash.
    pub(super) fn read(
        &self,
        path: &str,
        indexed_hash: Option<u64>,
        limit: Option<usize>,
    ) -> (String, Option<String>, TextState) {
        let Some(root) = &self.root else {
            return (String::new(), None, TextState::NoArchive(PathBuf::new()));
        };
        let file = crate::corpus::full_path(root, path);
        let mut bytes = match crate::corpus::read_regular(&file) {
            Ok(bytes) => bytes,
            Err(err) => {
                let state = match err.kind() {
                    std::io::ErrorKind::NotFound if !root.is_dir() => {
                        TextState::NoArchive(root.clone())
                    }
                    std::io::ErrorKind::NotFound => {
                        // Named by the warning's subject already: not twice.
                        TextState::Unreadable("its file is gone".to_owned())
                    }
                    _ => TextState::Unreadable(format!("{}: {err}", file.display())),
                };
                return (String::new(), None, state);
            }
        };
        let state = if indexed_hash == Some(crate::corpus::content_hash(&bytes)) {
            TextState::AsIndexed
        } else {
            TextState::Changed
        };
        if let Some(limit) = limit {
            bytes.truncate(crate::corpus::utf8_floor(&bytes, limit));
        }
        match parse_article(path, &bytes) {
            Ok(article) => {
                let title = (state == TextState::AsIndexed).then_some(article.title);
                (article.text, title, state)
            }
            Err(reason) => (
                String::new(),
                None,
                TextState::Unreadable(format!("no longer an article ({reason})")),
            ),
        }
    }
}

/// Reads hits' articles: path, date and content hash from the fast columns, the title
/// from the file when it is as indexed, the text from the file. A fresh `krant search`
/// process then reads none of the document store, whose blocks it would fault in and
/// decompress (BENCHMARKS.md, "Mechanisms"); the store's title is read only for a file
/// that changed or cannot be read. Each segment's columns are opened once per reader,
/// not once per hit.
pub(super) struct ArticleReader<'a> {
    pub(super) searcher: &'a tantivy::Searcher,
    pub(super) fields: Fields,
    pub(super) archive: &'a Archive,
    pub(super) columns: Vec<Option<HitColumns>>,
    /// Read at most this many bytes of each text (see [`Archive::read`]).
    pub(super) text_limit: Option<usize>,
}

/// The columns of one segment that a hit's article is read from.
pub(super) struct HitColumns {
    pub(super) dates: tantivy::columnar::Column<u64>,
    pub(super) hashes: tantivy::columnar::Column<u64>,
    pub(super) paths: tantivy::columnar::StrColumn,
}

impl<'a> ArticleReader<'a> {
    pub(super) fn new(
        searcher: &'a tantivy::Searcher,
        fields: Fields,
        archive: &'a Archive,
    ) -> Self {
        ArticleReader {
            searcher,
            fields,
            archive,
            columns: (0..searcher.segment_readers().len())
                .map(|_| None)
                .collect(),
            text_limit: None,
        }
    }

    pub(super) fn read(&mut self, address: DocAddress) -> Result<StoredArticle> {
        let (path, date, hash) = self.columns(address)?;
        let (text, title, text_state) = self.archive.read(&path, hash, self.text_limit);
        let title = match title {
            Some(title) => title,
            None => {
                let doc: TantivyDocument = self
                    .searcher
                    .doc(address)
                    .context("cannot read a stored article")?;
                first_str(&doc, self.fields.headline).to_owned()
            }
        };
        Ok(StoredArticle {
            title,
            path,
            date,
            text,
            text_state,
        })
    }

    /// A hit's path, date and content hash, from the index's columns.
    pub(super) fn columns(
        &mut self,
        address: DocAddress,
    ) -> Result<(String, ArticleDate, Option<u64>)> {
        let doc = address.doc_id;
        let columns = match &mut self.columns[address.segment_ord as usize] {
            Some(columns) => columns,
            slot => {
                let fast = self
                    .searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields();
                let error = "cannot read the index's columns";
                slot.insert(HitColumns {
                    dates: fast.u64(names::DATE).context(error)?,
                    hashes: fast.u64(names::HASH).context(error)?,
                    paths: fast
                        .str(names::PATH)
                        .context(error)?
                        .context("the index has no path column")?,
                })
            }
        };
        let date = columns
            .dates
            .first(doc)
            .and_then(ArticleDate::from_sort_key)
            .context("an indexed article has no valid date")?;
        let hash = columns.hashes.first(doc);
        let mut path = String::new();
        if let Some(ord) = columns.paths.term_ords(doc).next() {
            columns
                .paths
                .ord_to_str(ord, &mut path)
                .context("cannot read an article's path")?;
        }
        Ok((path, date, hash))
    }
}

/// A hit's score (`None` in date order) and where it is.
pub(super) type Ranked = (Option<f32>, DocAddress);

impl Searcher {
    /// Hands every matching article to `each`, oldest first (then by path), with its text
    /// from the archive and the index's analyzer: one article's text is held at a time.
    pub fn each_article(
        &mut self,
        selection: &Selection,
        each: &mut dyn FnMut(StoredArticle, &mut DutchAnalyzer) -> Result<()>,
    ) -> Result<()> {
        let dir = self.index.dir.clone();
        contain(&dir, || self.each_article_unguarded(selection, each))
    }

    fn each_article_unguarded(
        &mut self,
        selection: &Selection,
        each: &mut dyn FnMut(StoredArticle, &mut DutchAnalyzer) -> Result<()>,
    ) -> Result<()> {
        let query = self.build(selection)?;
        let searcher = self.reader.searcher();
        let mut all = searcher
            .search(&query, &Every(ExportOrder::Oldest))
            .context("search failed")?;
        let mut articles = ArticleReader::new(&searcher, self.index.fields, &self.archive);
        let window = 0..all.len();
        order_ties_by_path(&mut all, window, |address| Ok(articles.columns(address)?.0))?;
        for found in all {
            each(articles.read(found.address)?, &mut self.analyzer)?;
        }
        Ok(())
    }

    /// The article stored under `path`, if any.
    pub fn article(&self, path: &str) -> Result<Option<StoredArticle>> {
        contain(&self.index.dir, || self.article_unguarded(path))
    }

    fn article_unguarded(&self, path: &str) -> Result<Option<StoredArticle>> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.index.fields.path, path),
            IndexRecordOption::Basic,
        );
        let top = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .context("lookup failed")?;
        top.first()
            .map(|&(_, address)| {
                ArticleReader::new(&searcher, self.index.fields, &self.archive).read(address)
            })
            .transpose()
    }
}

/// The first text value of `field` in a stored document (empty if none).
pub(super) fn first_str(doc: &TantivyDocument, field: Field) -> &str {
    doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("")
}
