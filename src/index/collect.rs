//! Collecting hits: a page of ranked hits by tantivy's `TopDocs`, where they are delivered
//! (`HitSink`), and counts per month (`Searcher::count_by_month`).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use tantivy::collector::sort_key::{SortByStaticFastValue, SortByString};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::Query as TantivyQuery;
use tantivy::{DocId, Order, Score, SegmentOrdinal, SegmentReader};

use super::schema::names;
use crate::date::{ArticleDate, Month};
use crate::query::{Expr, Query, Selection, Sort};

use super::articles::Ranked;
use super::contain::contain;
use super::read_error;
use super::reader::{Hit, Hits, Searcher};

/// Pages up to this many hits (offset included) come from tantivy's `TopDocs`; larger
/// ones from [`Every`], which does not reserve room for them up front.
pub(super) const LARGEST_PAGE: usize = 10_000;

/// A page of hits by `TopDocs`, and the number of matches.
pub(super) fn page(
    searcher: &tantivy::Searcher,
    tantivy_query: &dyn TantivyQuery,
    query: &Query,
    term_union: bool,
) -> Result<(Vec<Ranked>, usize)> {
    // tantivy reserves room for limit + offset hits up front: bounded by the articles
    // there are, so `--limit` or `--offset` near 2³² cannot ask for gigabytes.
    let articles = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let offset = query.offset.min(articles);
    let limit = query.limit.clamp(1, (articles - offset).max(1));
    let page = TopDocs::with_limit(limit).and_offset(offset);
    let by_date = |order| {
        (
            (SortByStaticFastValue::<u64>::for_field(names::DATE), order),
            (SortByString::for_field(names::PATH), Order::Asc),
        )
    };
    // A query of months or folders alone lists its articles as no query does.
    let ranked = query.selection.expr.as_ref().is_some_and(Expr::has_words);
    Ok(match (ranked, query.sort) {
        (true, Sort::Relevance) if term_union => {
            // Apart: ranking alone lets tantivy skip what cannot reach the page
            // (block-max WAND), and counting needs no scores. Other queries would be
            // evaluated twice.
            let top = searcher
                .search(tantivy_query, &page.order_by_score())
                .context("search failed")?;
            let total = tantivy_query.count(searcher).context("search failed")?;
            (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), total)
        }
        (true, Sort::Relevance) => {
            let (top, total) = searcher
                .search(tantivy_query, &(page.order_by_score(), Count))
                .context("search failed")?;
            (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), total)
        }
        (_, Sort::Oldest) => {
            let (top, total) = searcher
                .search(tantivy_query, &(page.order_by(by_date(Order::Asc)), Count))
                .context("search failed")?;
            (top.into_iter().map(|(_, a)| (None, a)).collect(), total)
        }
        (_, Sort::Newest | Sort::Relevance) => {
            let (top, total) = searcher
                .search(tantivy_query, &(page.order_by(by_date(Order::Desc)), Count))
                .context("search failed")?;
            (top.into_iter().map(|(_, a)| (None, a)).collect(), total)
        }
    })
}

/// Where [`Searcher::search_into`] delivers: the total first, then each hit in order.
pub trait HitSink {
    /// The number of matching articles (all of them, not only the page), before any hit.
    fn total(&mut self, total: usize) -> Result<()>;
    /// The next hit of the page.
    fn hit(&mut self, hit: Hit) -> Result<()>;
}

impl HitSink for Hits {
    fn total(&mut self, total: usize) -> Result<()> {
        self.total = total;
        Ok(())
    }

    fn hit(&mut self, hit: Hit) -> Result<()> {
        self.hits.push(hit);
        Ok(())
    }
}

/// Counts matching documents per month from the date column.
pub(super) struct MonthCounter;

pub(super) struct SegmentMonthCounter {
    pub(super) dates: tantivy::columnar::Column<u64>,
    pub(super) counts: HashMap<u64, u64>,
}

impl Collector for MonthCounter {
    type Fruit = BTreeMap<Month, u64>;
    type Child = SegmentMonthCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMonthCounter> {
        Ok(SegmentMonthCounter {
            dates: reader.fast_fields().u64(names::DATE)?,
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<u64, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut months = BTreeMap::new();
        for fruit in fruits {
            for (yyyymm, count) in fruit {
                if let Some(date) = ArticleDate::from_sort_key(yyyymm * 100) {
                    *months.entry(date.month).or_insert(0) += count;
                }
            }
        }
        Ok(months)
    }
}

impl SegmentCollector for SegmentMonthCounter {
    type Fruit = HashMap<u64, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(date) = self.dates.first(doc) {
            *self.counts.entry(date / 100).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> HashMap<u64, u64> {
        self.counts
    }
}

impl Searcher {
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
}
