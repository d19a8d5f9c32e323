//! Every match of a query, in the order of a page of hits, for exports of all of them
//! (`--all`). tantivy's `TopDocs` reserves room for twice the page in each segment before
//! it sees a match, so a page as large as the archive would reserve gigabytes; this
//! collector keeps 16 bytes per match, grown as matches come, and sorts them once.

use std::cmp::Ordering;

use anyhow::{Context, Result};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::schema::names;

/// The order of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportOrder {
    /// Best score first; equal scores in index order (as `TopDocs` orders them).
    Score,
    /// Oldest date first, then path.
    Oldest,
    /// Newest date first, then path.
    Newest,
}

/// One match: its score, or its date's sort key (`yyyymmdd`) for the date orders.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    /// The score or the date key, by order.
    key: Key,
    /// Where the article is.
    pub address: DocAddress,
}

#[derive(Debug, Clone, Copy)]
enum Key {
    Score(Score),
    Date(u64),
}

impl Match {
    /// The score, for a ranked export.
    pub fn score(&self) -> Option<f32> {
        match self.key {
            Key::Score(score) => Some(score),
            Key::Date(_) => None,
        }
    }

    fn date(&self) -> u64 {
        match self.key {
            Key::Date(date) => date,
            Key::Score(_) => 0,
        }
    }
}

/// Collects every match with its sort key.
pub struct Every(pub ExportOrder);

/// One segment's matches.
pub struct SegmentEvery {
    segment: SegmentOrdinal,
    dates: Option<tantivy::columnar::Column<u64>>,
    matches: Vec<Match>,
}

impl Collector for Every {
    type Fruit = Vec<Match>;
    type Child = SegmentEvery;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentEvery> {
        let dates = match self.0 {
            ExportOrder::Score => None,
            ExportOrder::Oldest | ExportOrder::Newest => {
                Some(reader.fast_fields().u64(names::DATE)?)
            }
        };
        Ok(SegmentEvery {
            segment,
            dates,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.0 == ExportOrder::Score
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        let mut all: Vec<Match> = fruits.into_iter().flatten().collect();
        match self.0 {
            ExportOrder::Score => all.sort_by(|a, b| {
                let (a_score, b_score) = (a.score().unwrap_or(0.0), b.score().unwrap_or(0.0));
                b_score.total_cmp(&a_score).then(a.address.cmp(&b.address))
            }),
            // Ties of date are put in path order by `order_ties_by_path`.
            ExportOrder::Oldest => all.sort_by_key(Match::date),
            ExportOrder::Newest => all.sort_by_key(|m| std::cmp::Reverse(m.date())),
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentEvery {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let key = match &self.dates {
            None => Key::Score(score),
            Some(dates) => Key::Date(dates.first(doc).unwrap_or(0)),
        };
        self.matches.push(Match {
            key,
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Match> {
        self.matches
    }
}

/// Puts each run of matches with the same date in path order, as a page of hits ordered
/// by date is: only one run's paths are held at a time.
/// Runs outside `window` (the page to be shown) are left alone.
pub fn order_ties_by_path(
    matches: &mut [Match],
    window: std::ops::Range<usize>,
    mut path_of: impl FnMut(DocAddress) -> Result<String>,
) -> Result<()> {
    let mut start = 0;
    while start < matches.len().min(window.end) {
        let date = matches[start].date();
        let end = start
            + matches[start..]
                .iter()
                .take_while(|m| m.date() == date)
                .count();
        if end - start > 1 && end > window.start {
            let run = &mut matches[start..end];
            let mut keyed: Vec<(String, Match)> = run
                .iter()
                .map(|m| Ok((path_of(m.address)?, *m)))
                .collect::<Result<_>>()
                .context("cannot read an article's path")?;
            keyed.sort_by(|a, b| match a.0.cmp(&b.0) {
                Ordering::Equal => a.1.address.cmp(&b.1.address),
                other => other,
            });
            for (slot, (_, m)) in run.iter_mut().zip(keyed) {
                *slot = m;
            }
        }
        start = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(date: u64, doc: u32) -> Match {
        Match {
            key: Key::Date(date),
            address: DocAddress::new(0, doc),
        }
    }

    #[test]
    fn ties_of_date_go_in_path_order_and_other_dates_stay() {
        let mut matches = [
            dated(3, 0),
            dated(2, 1),
            dated(2, 2),
            dated(2, 3),
            dated(1, 4),
        ];
        let paths = ["x", "c", "a", "b", "y"];
        let path = |a: DocAddress| Ok(paths[a.doc_id as usize].to_owned());
        let mut outside = matches;
        order_ties_by_path(&mut outside, 0..1, path).unwrap();
        let docs = |ms: &[Match]| ms.iter().map(|m| m.address.doc_id).collect::<Vec<_>>();
        assert_eq!(docs(&outside), [0, 1, 2, 3, 4]);
        order_ties_by_path(&mut matches, 0..5, path).unwrap();
        assert_eq!(docs(&matches), [0, 2, 3, 1, 4]);
    }
}
