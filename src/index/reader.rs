//! Searching the index: a [`Query`] in, ranked [`Hits`] with snippets out.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use tantivy::index::SegmentId;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query as TantivyQuery};
use tantivy::{IndexReader, ReloadPolicy, SegmentReader};

use super::articles::{Archive, ArticleReader, Ranked, TextState};
use super::collect::{HitSink, LARGEST_PAGE, page};
use super::compile::{Compiler, has_forms_word, is_term_union, month_filter};
use super::contain::contain;
use super::every::{Every, ExportOrder, order_ties_by_path};
use super::vocabulary::{VOCABULARY_FILE, Vocabulary};
use super::{KrantIndex, read_error};
use crate::analysis::DutchAnalyzer;
use crate::date::ArticleDate;
use crate::error::failure;
use crate::query::{Expr, Query, Selection, Sort};
use crate::snippet::{Matcher, SNIPPET_SCAN_BYTES, Snippet, make_snippet};
use crate::synonyms::Synonyms;

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Path relative to the corpus root.
    pub path: String,
    /// Date from the header.
    pub date: ArticleDate,
    /// The article's title.
    pub title: String,
    /// BM25 score; `None` when hits are ordered by date.
    pub score: Option<f32>,
    /// The best passage, with matches marked.
    pub snippet: Snippet,
    /// Whether the snippet comes from the text the index holds.
    pub text_state: TextState,
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    /// All matching articles, not only those returned.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
}

/// Answers queries on one index.
pub struct Searcher {
    pub(super) index: KrantIndex,
    pub(super) reader: IndexReader,
    pub(super) analyzer: DutchAnalyzer,
    synonyms: Vec<Vec<String>>,
    /// Read on the first prefix or fuzzy word.
    vocabulary: Option<Vocabulary>,
    pub(super) archive: Archive,
    /// The terms the index holds pairs of, as of the commit searched, sorted.
    pub(super) frequent_terms: Vec<String>,
    /// Whether the commit searched holds articles (then it must have word forms).
    has_articles: bool,
    /// The articles every query keeps to (`--in`), if not all: a filter of folders.
    scope: Option<Expr>,
}

impl Searcher {
    /// Prepares to search `index` as of its last commit.
    pub fn new(index: KrantIndex) -> Result<Searcher> {
        let dir = index.dir.clone();
        contain(&dir, || Self::open(index))
    }

    fn open(index: KrantIndex) -> Result<Searcher> {
        let reader = index
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| read_error(&index.dir, e))?;
        let (segments, state) = index.committed()?;
        let read: BTreeSet<SegmentId> = reader
            .searcher()
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        // The pairs in the articles read are those of the frequent terms of their commit.
        // Should a run commit between the two reads, the phrases go without pair filters:
        // slower, never wrong.
        let has_articles = state.as_ref().is_some_and(|s| s.articles > 0);
        let (root, mut frequent_terms) = match state {
            Some(state) if segments == read => (Some(state.corpus_root), state.frequent_terms),
            Some(state) => (Some(state.corpus_root), Vec::new()),
            None => (None, Vec::new()),
        };
        // Recorded sorted; lookups bisect the list rather than build a set for every search.
        if !frequent_terms.is_sorted() {
            frequent_terms.sort_unstable();
        }
        let archive = Archive { root };
        Ok(Searcher {
            archive,
            index,
            reader,
            analyzer: DutchAnalyzer::new(),
            synonyms: Vec::new(),
            vocabulary: None,
            frequent_terms,
            has_articles,
            scope: None,
        })
    }

    /// Expands queries with these synonym groups from now on.
    pub fn with_synonyms(mut self, synonyms: Synonyms) -> Searcher {
        self.synonyms = synonyms.groups;
        self
    }

    /// Keeps every query from now on to the articles `scope` selects (`--in`'s folders;
    /// `None`: every article). Apart from the query, so that a query without searchable
    /// words is still an error, and counts of all articles keep to it too.
    pub fn keep_to(&mut self, scope: Option<Expr>) {
        self.scope = scope;
    }

    /// The expression as it is searched: synonyms expanded.
    pub fn prepare(&mut self, expr: Option<&Expr>) -> Option<Expr> {
        let analyzer = &mut self.analyzer;
        let mut key = |text: &str| {
            analyzer
                .query_variants(text)
                .iter()
                .map(|tokens| {
                    tokens
                        .iter()
                        .map(|t| t.term.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
        };
        expr.cloned()
            .map(|e| e.expand_synonyms(&self.synonyms, &mut key))
    }

    /// The highlighter for an expression, synonyms included.
    pub fn matcher(&mut self, expr: Option<&Expr>) -> Matcher {
        let prepared = self.prepare(expr);
        Matcher::new(prepared.as_ref(), &mut self.analyzer)
    }

    /// The corpus folder the index records, whose files hold the articles' text.
    pub fn corpus_root(&self) -> Option<&std::path::Path> {
        self.archive.root.as_deref()
    }

    /// The index searched.
    pub fn index(&self) -> &KrantIndex {
        &self.index
    }

    /// The tantivy query for a selection.
    pub(super) fn build(&mut self, selection: &Selection) -> Result<Box<dyn TantivyQuery>> {
        Ok(self.build_ranked(selection)?.0)
    }

    /// [`Searcher::build`], and whether the query is a union of single terms (plain words
    /// joined by OR, no months): the one kind tantivy can rank without scoring every match.
    fn build_ranked(&mut self, selection: &Selection) -> Result<(Box<dyn TantivyQuery>, bool)> {
        let Selection { text, expr, range } = selection;
        let fields = self.index.fields;
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        let mut term_union = false;
        if let Some(expr) = self.prepare(expr.as_ref()) {
            term_union = range.is_unbounded() && is_term_union(&expr, &mut self.analyzer);
            if has_forms_word(&expr) {
                self.vocabulary()?;
            }
            let none = Vocabulary::default();
            let mut compiler = Compiler {
                fields,
                analyzer: &mut self.analyzer,
                vocabulary: self.vocabulary.as_ref().unwrap_or(&none),
                frequent_terms: &self.frequent_terms,
            };
            let compiled = compiler.compile(&expr).ok_or_else(|| {
                failure(
                    format!("the query '{text}' has no searchable words"),
                    "common words such as 'de', 'het' and 'is' are not searched; add a more \
                     specific word",
                )
            })?;
            clauses.push((Occur::Must, compiled));
        }
        if let Some(range) = month_filter(range, fields.date) {
            clauses.push((Occur::Must, range));
        }
        if let Some(scope) = &self.scope {
            term_union = false;
            let vocabulary = Vocabulary::default();
            let mut compiler = Compiler {
                fields,
                analyzer: &mut self.analyzer,
                vocabulary: &vocabulary,
                frequent_terms: &self.frequent_terms,
            };
            if let Some(filter) = compiler.compile(scope) {
                clauses.push((Occur::Must, filter));
            }
        }
        let query: Box<dyn TantivyQuery> = match clauses.len() {
            0 => Box::new(AllQuery),
            // Unwrapped, so that tantivy sees a union of terms as one.
            1 => clauses.pop().expect("one clause").1,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        Ok((query, term_union))
    }

    /// The number of articles a selection holds: no ranking, no article read.
    pub fn count(&mut self, selection: &Selection) -> Result<usize> {
        let dir = self.index.dir.clone();
        contain(&dir, || self.count_unguarded(selection))
    }

    fn count_unguarded(&mut self, selection: &Selection) -> Result<usize> {
        let tantivy_query = self.build(selection)?;
        tantivy_query
            .count(&self.reader.searcher())
            .context("counting failed")
    }

    /// Runs a query. With `texts`, each hit's title and snippet are read from its file;
    /// without (for a list of paths), only the index's columns are read.
    pub fn search(&mut self, query: &Query, texts: bool) -> Result<Hits> {
        let mut hits = Hits {
            total: 0,
            hits: Vec::new(),
        };
        self.search_into(query, texts, &mut hits)?;
        Ok(hits)
    }

    /// [`Searcher::search`], handing the total and then each hit to `sink` as it is
    /// read: a page of every match is printed without holding its snippets.
    /// Returns the number of matching articles.
    pub fn search_into(
        &mut self,
        query: &Query,
        texts: bool,
        sink: &mut dyn HitSink,
    ) -> Result<usize> {
        let dir = self.index.dir.clone();
        contain(&dir, || self.search_unguarded(query, texts, sink))
    }

    fn search_unguarded(
        &mut self,
        query: &Query,
        texts: bool,
        sink: &mut dyn HitSink,
    ) -> Result<usize> {
        let fields = self.index.fields;
        let (tantivy_query, term_union) = self.build_ranked(&query.selection)?;
        let searcher = self.reader.searcher();
        let (addresses, total) = if query.offset.saturating_add(query.limit) > LARGEST_PAGE {
            self.every(&searcher, tantivy_query.as_ref(), query)?
        } else {
            page(&searcher, tantivy_query.as_ref(), query, term_union)?
        };
        sink.total(total)?;
        let matcher = self.matcher(query.selection.expr.as_ref());
        let mut articles = ArticleReader::new(&searcher, fields, &self.archive);
        // A snippet needs only the text's opening: a 200 MB article read whole took a
        // fuzzy search 90 s and 5.5 GB (it is still read whole for its content hash).
        articles.text_limit = Some(SNIPPET_SCAN_BYTES);
        for (score, address) in addresses {
            if !texts {
                let (path, date, _) = articles.columns(address)?;
                sink.hit(Hit {
                    path,
                    date,
                    title: String::new(),
                    score,
                    snippet: Snippet::default(),
                    text_state: TextState::AsIndexed,
                })?;
                continue;
            }
            let article = articles.read(address)?;
            let snippet = make_snippet(&article.text, &matcher, &mut self.analyzer);
            sink.hit(Hit {
                path: article.path,
                date: article.date,
                title: article.title,
                score,
                snippet,
                text_state: article.text_state,
            })?;
        }
        Ok(total)
    }

    /// A page too large for `TopDocs` (an export of every hit): every match, sorted.
    fn every(
        &self,
        searcher: &tantivy::Searcher,
        tantivy_query: &dyn TantivyQuery,
        query: &Query,
    ) -> Result<(Vec<Ranked>, usize)> {
        let ranked = query.selection.expr.as_ref().is_some_and(Expr::has_words);
        let order = match (ranked, query.sort) {
            (true, Sort::Relevance) => ExportOrder::Score,
            (_, Sort::Oldest) => ExportOrder::Oldest,
            (_, Sort::Newest | Sort::Relevance) => ExportOrder::Newest,
        };
        let mut all = searcher
            .search(tantivy_query, &Every(order))
            .context("search failed")?;
        let total = all.len();
        let start = query.offset.min(total);
        let end = start.saturating_add(query.limit).min(total);
        if order != ExportOrder::Score {
            let mut columns = ArticleReader::new(searcher, self.index.fields, &self.archive);
            order_ties_by_path(&mut all, start..end, |address| {
                Ok(columns.columns(address)?.0)
            })?;
        }
        let page = all[start..end]
            .iter()
            .map(|m| (m.score(), m.address))
            .collect();
        Ok((page, total))
    }

    /// The number of frequent terms whose pairs the index holds.
    pub fn frequent_terms(&self) -> usize {
        self.frequent_terms.len()
    }

    /// The number of word forms kept for prefix and fuzzy words.
    pub fn word_forms(&mut self) -> Result<usize> {
        Ok(self.vocabulary()?.len())
    }

    /// The index's word forms, read on first use.
    pub(super) fn vocabulary(&mut self) -> Result<&Vocabulary> {
        if self.vocabulary.is_none() {
            let dir = &self.index.dir;
            let path = dir.join(VOCABULARY_FILE);
            // Every commit writes it: without it, prefix and fuzzy words would silently
            // match nothing but the words equal to their stems.
            if self.has_articles && !path.exists() {
                return Err(failure(
                    format!("the word forms file {} is missing", path.display()),
                    "run `krant index`, which reads the articles again to restore it",
                ));
            }
            self.vocabulary = Some(contain(dir, || Vocabulary::load(&path))?);
        }
        Ok(self.vocabulary.as_ref().expect("read above"))
    }

    /// Analyzes text the way this index does (for highlighting).
    pub fn analyzer(&mut self) -> &mut DutchAnalyzer {
        &mut self.analyzer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::MonthRange;
    use crate::index::WriterOptions;
    use crate::index::fixture::{index_of, index_with};
    use crate::query::{self, Query};

    fn ranked(searcher: &mut Searcher, text: &str) -> Vec<(String, Option<f32>)> {
        let query = Query {
            selection: Selection {
                text: text.to_owned(),
                expr: query::parse(text).unwrap(),
                range: MonthRange::default(),
            },
            sort: Sort::Relevance,
            limit: 100,
            offset: 0,
        };
        let hits = searcher.search(&query, true).unwrap();
        assert_eq!(hits.total, hits.hits.len());
        hits.hits.into_iter().map(|h| (h.path, h.score)).collect()
    }

    #[test]
    fn pair_filters_change_neither_the_hits_nor_their_scores() {
        let texts: Vec<String> = (0..30)
            .map(|i| match i % 4 {
                0 => format!(
                    "Nieuws {i}\nTwee jaar geleden, {i} jaar geleden en nog eens jaar geleden."
                ),
                1 => format!("Nieuws {i}\nHet jaar is lang geleden begonnen."),
                2 => format!("Nieuws {i}\nDe corona-crisis geleden jaar {i}."),
                _ => format!("Nieuws {i}\nIn het jaar van de crisis geleden."),
            })
            .collect();
        let (_dir, index) = index_of(&texts, "jaar geleden coronacrisis");
        let mut searcher = Searcher::new(index).unwrap();
        assert_eq!(searcher.frequent_terms(), 3);
        for phrase in [
            "\"jaar geleden\"",
            "\"twee jaar geleden\"",
            "\"coronacrisis geleden\"",
            "\"jaar geleden\" OR nieuws",
            "\"jaar geleden\" AND NOT 4",
        ] {
            let with_pairs = ranked(&mut searcher, phrase);
            let frequent = std::mem::take(&mut searcher.frequent_terms);
            let without = ranked(&mut searcher, phrase);
            searcher.frequent_terms = frequent;
            assert!(!with_pairs.is_empty(), "{phrase}");
            assert_eq!(with_pairs, without, "{phrase}");
        }
        assert_eq!(ranked(&mut searcher, "\"jaar geleden\"").len(), 8);
        assert_eq!(ranked(&mut searcher, "\"coronacrisis geleden\"").len(), 7);
    }

    #[test]
    fn articles_indexed_in_turns_with_tantivy_are_found_as_when_handed_over_at_once() {
        let texts: Vec<String> = (0..60)
            .map(|i| match i % 3 {
                0 => format!("Vluchtelingen {i}\nTwee jaar geleden kwamen {i} vluchtelingen."),
                1 => format!("Politie {i}\nDe politie in België zocht een jaar."),
                _ => format!("Kalifaat {i}\nIS riep in Mosul het kalifaat uit, jaar {i}."),
            })
            .collect();
        let options = |turn_bytes| WriterOptions {
            threads: 2,
            memory_bytes: 30_000_000,
            rebuild: false,
            turn_bytes,
        };
        let (_at_once_dir, at_once) = index_with(&texts, "jaar geleden", &options(None));
        // One byte: a turn after every article, each waiting for tantivy to drop it.
        let (_turns_dir, in_turns) = index_with(&texts, "jaar geleden", &options(Some(1)));
        let mut at_once = Searcher::new(at_once).unwrap();
        let mut in_turns = Searcher::new(in_turns).unwrap();
        for (query, hits) in [
            ("vluchteling", 20),
            ("belgie politie", 20),
            ("\"jaar geleden\"", 20),
            ("jaar", 60),
            ("mosul OR politie", 40),
        ] {
            let by_path = |searcher: &mut Searcher| {
                let mut ranked = ranked(searcher, query);
                ranked.sort_by(|a, b| a.0.cmp(&b.0));
                ranked
            };
            let expected = by_path(&mut at_once);
            assert_eq!(expected.len(), hits, "{query}");
            assert_eq!(by_path(&mut in_turns), expected, "{query}");
        }
    }

    /// Deletes the file of the last hit when it is handed the first: a searcher that read
    /// every article before handing any over would not notice.
    struct DeletingSink {
        corpus: std::path::PathBuf,
        hits: Vec<Hit>,
    }

    impl HitSink for DeletingSink {
        fn total(&mut self, _total: usize) -> Result<()> {
            Ok(())
        }

        fn hit(&mut self, hit: Hit) -> Result<()> {
            if self.hits.is_empty() {
                std::fs::remove_file(self.corpus.join("2.txt"))?;
            }
            self.hits.push(hit);
            Ok(())
        }
    }

    #[test]
    fn an_export_of_every_hit_reads_each_article_after_the_last_was_handed_over() {
        let texts: Vec<String> = (0..3)
            .map(|i| format!("Kalifaat {i}\nHet kalifaat."))
            .collect();
        let (dir, index) = index_of(&texts, "");
        let mut searcher = Searcher::new(index).unwrap();
        let query = Query {
            selection: Selection {
                text: "kalifaat".to_owned(),
                expr: query::parse("kalifaat").unwrap(),
                range: MonthRange::default(),
            },
            sort: Sort::Oldest,
            limit: usize::MAX,
            offset: 0,
        };
        let mut sink = DeletingSink {
            corpus: dir.path().join("corpus"),
            hits: Vec::new(),
        };
        assert_eq!(searcher.search_into(&query, true, &mut sink).unwrap(), 3);
        let gone: Vec<(&str, bool)> = sink
            .hits
            .iter()
            .map(|h| {
                (
                    h.path.as_str(),
                    matches!(h.text_state, TextState::Unreadable(_)),
                )
            })
            .collect();
        assert_eq!(gone, [("0.txt", false), ("1.txt", false), ("2.txt", true)]);
    }
}
