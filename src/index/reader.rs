//! Searching the index: a [`Query`] in, ranked [`Hits`] with snippets out.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use anyhow::{Context, Result};
use tantivy::collector::{Count, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{IndexReader, ReloadPolicy, SegmentReader, TantivyDocument, Term};

use super::articles::{Archive, ArticleReader, Ranked, StoredArticle, TextState};
use super::collect::{HitSink, LARGEST_PAGE, MonthCounter, page};
use super::compile::{Compiler, has_forms_word, is_term_union, month_filter};
use super::contain::contain;
use super::every::{Every, ExportOrder, order_ties_by_path};
use super::vocabulary::{VOCABULARY_FILE, Vocabulary};
use super::{KrantIndex, read_error};
use crate::analysis::{DutchAnalyzer, word_spans};
use crate::date::{ArticleDate, Month};
use crate::error::failure;
use crate::query::{Expr, Query, Selection, Sort};
use crate::snippet::{Matcher, SNIPPET_SCAN_BYTES, Snippet, make_snippet};
use crate::synonyms::Synonyms;

/// A title match counts this much more than a text match.
pub(super) const TITLE_BOOST: f32 = 2.0;

/// A prefix or fuzzy match through another form's stem counts this much of a direct one.
pub(super) const VIA_FORMS_BOOST: f32 = 0.5;

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
    archive: Archive,
    /// The terms the index holds pairs of, as of the commit searched, sorted.
    frequent_terms: Vec<String>,
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

    /// How many articles match in each month (months without matches are absent).
    /// Reads only the date column: no stored document is loaded.
    pub fn count_by_month(&mut self, selection: &Selection) -> Result<BTreeMap<Month, u64>> {
        let dir = self.index.dir.clone();
        contain(&dir, || {
            let query = self.build(selection)?;
            self.reader
                .searcher()
                .search(&query, &MonthCounter)
                .map_err(|e| read_error(&dir, e))
        })
    }

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

    /// The word forms of the archive whose stem is `stem`, with the number of articles
    /// each occurs in, most frequent first; and, separately, the compounds that have it as
    /// a part. Exact: reads the text of the articles that match the stem (at most
    /// `max_articles` of them; the second value says how many were read of how many).
    pub fn forms_with_stem(
        &mut self,
        stem: &str,
        max_articles: usize,
    ) -> Result<(FormCounts, FormCounts, (usize, usize))> {
        let dir = self.index.dir.clone();
        contain(&dir, || self.forms_with_stem_unguarded(stem, max_articles))
    }

    fn forms_with_stem_unguarded(
        &mut self,
        stem: &str,
        max_articles: usize,
    ) -> Result<(FormCounts, FormCounts, (usize, usize))> {
        let searcher = self.reader.searcher();
        let fields = self.index.fields;
        let query = TermQuery::new(
            Term::from_field_text(fields.text, stem),
            IndexRecordOption::Basic,
        );
        let total = searcher.search(&query, &Count)?;
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(max_articles.clamp(1, total.max(1))).order_by_score(),
        )?;
        let mut forms: HashMap<String, u64> = HashMap::new();
        let mut compounds: HashMap<String, u64> = HashMap::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut articles = ArticleReader::new(&searcher, fields, &self.archive);
        for (_, address) in &top {
            let article = articles.read(*address)?;
            let text = &article.text;
            seen.clear();
            for (start, end) in word_spans(text) {
                seen.insert(self.analyzer.normalize(&text[start..end]));
            }
            for form in &seen {
                if self.analyzer.stem_folded(form) == stem
                    || self.analyzer.name_reading(form).as_deref() == Some(stem)
                {
                    *forms.entry(form.clone()).or_insert(0) += 1;
                } else if form.len() > stem.len()
                    && self
                        .analyzer
                        .compound_part_terms(form)
                        .iter()
                        .any(|p| *p == stem)
                {
                    *compounds.entry(form.clone()).or_insert(0) += 1;
                }
            }
        }
        let sorted = |map: HashMap<String, u64>| -> FormCounts {
            let mut list: FormCounts = map.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list
        };
        Ok((sorted(forms), sorted(compounds), (top.len(), total)))
    }
}

/// Word forms with the number of articles each occurs in.
pub type FormCounts = Vec<(String, u64)>;

pub(super) fn first_str(doc: &TantivyDocument, field: Field) -> &str {
    doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Mode;
    use crate::corpus::parse_article;
    use crate::date::MonthRange;
    use crate::index::pairs::pair_term;
    use crate::index::{FrequentTerms, IndexState, Writer, WriterOptions};
    use crate::query::{self, Query};

    /// An index of `texts` (one article each) whose frequent terms are those of `frequent`.
    fn index_of(texts: &[String], frequent: &str) -> (tempfile::TempDir, KrantIndex) {
        let options = WriterOptions {
            threads: 1,
            memory_bytes: 15_000_000,
            rebuild: false,
            turn_bytes: None,
        };
        index_with(texts, frequent, &options)
    }

    /// [`index_of`], written with `options`.
    fn index_with(
        texts: &[String],
        frequent: &str,
        options: &WriterOptions,
    ) -> (tempfile::TempDir, KrantIndex) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let mut writer = Writer::open(&dir.path().join("index"), options).unwrap();
        assert!(writer.chooses_frequent_terms());
        writer.set_frequent_terms(FrequentTerms::from_list(
            &DutchAnalyzer::new().terms(frequent),
        ));
        let preparer = writer.preparer();
        let mut analyzer = preparer.analyzer();
        for (i, text) in texts.iter().enumerate() {
            let path = format!("{i}.txt");
            let bytes = format!("date 2017-05 {text}");
            std::fs::write(corpus.join(&path), &bytes).unwrap();
            let article = parse_article(&path, bytes.as_bytes()).unwrap();
            preparer.wait_turn();
            let prepared = preparer.prepare(&article, i as u64, &mut analyzer);
            writer.add(prepared, false).unwrap();
            if options.turn_bytes.is_some() {
                // The turn ended because tantivy dropped every document handed to it,
                // not because the wait gave up.
                assert_eq!(writer.documents_in_flight(), 0, "article {i}");
            }
        }
        writer
            .commit(IndexState {
                corpus_root: corpus,
                indexed_at: 0,
                articles: texts.len() as u64,
                frequent_terms: Vec::new(),
            })
            .unwrap();
        writer.finish().unwrap();
        let index = KrantIndex::open(&dir.path().join("index")).unwrap();
        (dir, index)
    }

    #[test]
    fn a_writer_keeps_the_frequent_terms_its_articles_were_paired_with() {
        let options = WriterOptions {
            threads: 1,
            memory_bytes: 15_000_000,
            rebuild: false,
            turn_bytes: None,
        };
        let (dir, _) = index_of(&["Jaar geleden.".to_owned()], "jaar geleden");
        let index_dir = dir.path().join("index");
        let mut writer = Writer::open(&index_dir, &options).unwrap();
        assert!(!writer.chooses_frequent_terms());
        // Refused: the indexed article was paired with the recorded terms.
        writer.set_frequent_terms(FrequentTerms::from_list(&["mens".to_owned()]));
        let state = |articles| IndexState {
            corpus_root: dir.path().join("corpus"),
            indexed_at: 0,
            articles,
            frequent_terms: Vec::new(),
        };
        writer.commit(state(1)).unwrap();
        drop(writer);
        let recorded = |dir: &std::path::Path| {
            KrantIndex::open(dir)
                .unwrap()
                .state()
                .unwrap()
                .unwrap()
                .frequent_terms
        };
        assert_eq!(recorded(&index_dir), ["geleden", "jaar"]);
        // An index left without articles chooses again.
        let mut writer = Writer::open(&index_dir, &options).unwrap();
        writer.remove("0.txt");
        writer.commit(state(0)).unwrap();
        drop(writer);
        let mut writer = Writer::open(&index_dir, &options).unwrap();
        assert!(writer.chooses_frequent_terms());
        writer.set_frequent_terms(FrequentTerms::from_list(&["mens".to_owned()]));
        writer.commit(state(0)).unwrap();
        drop(writer);
        assert_eq!(recorded(&index_dir), ["mens"]);
        // So does a rebuild.
        let rebuild = WriterOptions {
            rebuild: true,
            ..options
        };
        assert!(
            Writer::open(&index_dir, &rebuild)
                .unwrap()
                .chooses_frequent_terms()
        );
    }

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

    #[test]
    fn only_adjacent_frequent_terms_of_an_exact_phrase_make_filters() {
        let (_dir, index) = index_of(&["Leeg.".to_owned()], "jaar geleden politie");
        let searcher = Searcher::new(index).unwrap();
        let mut analyzer = DutchAnalyzer::new();
        let none = Vocabulary::default();
        let compiler = Compiler {
            fields: searcher.index.fields,
            analyzer: &mut analyzer,
            vocabulary: &none,
            frequent_terms: &searcher.frequent_terms,
        };
        let mut filters = |text: &str| {
            let tokens = compiler.analyzer.tokens(text, Mode::Query);
            compiler.pair_filters(&tokens)
        };
        assert_eq!(
            filters("jaar geleden politie"),
            [
                pair_term("jaar", "geleden"),
                pair_term("geleden", "politie")
            ]
        );
        // A stop word's gap, a word not frequent, a single word: nothing to pair.
        assert!(filters("jaar van geleden").is_empty());
        assert!(filters("twee jaar").is_empty());
        assert!(filters("jaar").is_empty());
    }
}
