//! Counts over time: turning per-month counts into a gap-free series of months or years.

use std::collections::BTreeMap;

use crate::date::{Month, MonthRange};
use crate::index::Tally;

/// What a histogram or trend counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Matching articles (relative: a share of all articles, in percent).
    Articles,
    /// Occurrences of the query's words and phrases (relative: per million words).
    Occurrences,
}

/// The unit of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar months, `YYYY-MM`.
    Month,
    /// Quarters, `YYYY-Qn`.
    Quarter,
    /// Calendar years, `YYYY`.
    Year,
}

impl Period {
    /// The next coarser period, if any: what a chart falls back to when it does not fit.
    pub fn coarser(self) -> Option<Period> {
        match self {
            Period::Month => Some(Period::Quarter),
            Period::Quarter => Some(Period::Year),
            Period::Year => None,
        }
    }

    /// `"month"`, `"quarter"` or `"year"`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
}

/// One period of a series (or one folder).
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// `YYYY-MM`, `YYYY-Qn` or `YYYY` (or a folder).
    pub period: String,
    /// Matching articles in the period.
    pub count: u64,
    /// All articles in the period.
    pub total: u64,
    /// Occurrences of the query's words and phrases in the matching articles (counted
    /// only for [`Measure::Occurrences`]).
    pub occurrences: u64,
    /// The written words of all articles of the period.
    pub words: u64,
}

impl Bucket {
    /// A bucket of `matching` articles out of `all`.
    pub fn new(period: String, matching: Tally, all: Tally) -> Bucket {
        Bucket {
            period,
            count: matching.articles,
            total: all.articles,
            occurrences: matching.occurrences,
            words: all.words,
        }
    }

    /// The matching share of all articles, in percent; `None` for a period without any.
    pub fn share(&self) -> Option<f64> {
        (self.total > 0).then(|| self.count as f64 * 100.0 / self.total as f64)
    }

    /// Occurrences per million words of the period; `None` for a period without words.
    pub fn per_million(&self) -> Option<f64> {
        (self.words > 0).then(|| self.occurrences as f64 * 1e6 / self.words as f64)
    }

    /// The count `measure` counts.
    pub fn measured(&self, measure: Measure) -> u64 {
        match measure {
            Measure::Articles => self.count,
            Measure::Occurrences => self.occurrences,
        }
    }

    /// What a chart of `measure` shows: the count, or with `relative` the share (or rate
    /// per million words); `None` where the period has no articles (or words).
    pub fn value(&self, measure: Measure, relative: bool) -> Option<f64> {
        match (measure, relative) {
            (_, false) => Some(self.measured(measure) as f64),
            (Measure::Articles, true) => self.share(),
            (Measure::Occurrences, true) => self.per_million(),
        }
    }
}

/// The months a series covers: the range asked for, with open ends closed by the first
/// and last month of the archive (`archive`: months that have any article).
pub fn span<T>(range: &MonthRange, archive: &BTreeMap<Month, T>) -> Option<(Month, Month)> {
    let first = range.from.or_else(|| archive.keys().next().copied())?;
    let last = range.to.or_else(|| archive.keys().next_back().copied())?;
    (first <= last).then_some((first, last))
}

/// Every period from `first` to `last`, zeros included, with matching and total counts
/// (articles alone, or [`Tally`]s with words and occurrences).
pub fn series<T: Copy + Into<Tally>>(
    first: Month,
    last: Month,
    period: Period,
    matching: &BTreeMap<Month, T>,
    totals: &BTreeMap<Month, T>,
) -> Vec<Bucket> {
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut month = first;
    loop {
        let label = match period {
            Period::Month => month.to_string(),
            Period::Quarter => format!("{:04}-Q{}", month.year, (month.month - 1) / 3 + 1),
            Period::Year => format!("{:04}", month.year),
        };
        let tally =
            |map: &BTreeMap<Month, T>| map.get(&month).map_or(Tally::default(), |&t| t.into());
        let bucket = Bucket::new(label, tally(matching), tally(totals));
        match buckets.last_mut() {
            Some(last) if last.period == bucket.period => {
                last.count += bucket.count;
                last.total += bucket.total;
                last.occurrences += bucket.occurrences;
                last.words += bucket.words;
            }
            _ => buckets.push(bucket),
        }
        if month >= last {
            break;
        }
        month = month.next();
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: u16, mo: u8) -> Month {
        Month::new(y, mo).unwrap()
    }

    /// Each bucket as (period, count, total).
    fn rows_of(series: &[Bucket]) -> Vec<(&str, u64, u64)> {
        series
            .iter()
            .map(|b| (b.period.as_str(), b.count, b.total))
            .collect()
    }

    #[test]
    fn months_between_are_present_with_zeros() {
        let matching = BTreeMap::from([(m(2017, 1), 2), (m(2017, 3), 1)]);
        let totals = BTreeMap::from([(m(2017, 1), 4), (m(2017, 3), 2), (m(2017, 4), 5)]);
        let s = series(m(2016, 12), m(2017, 4), Period::Month, &matching, &totals);
        let rows = rows_of(&s);
        assert_eq!(
            rows,
            [
                ("2016-12", 0, 0),
                ("2017-01", 2, 4),
                ("2017-02", 0, 0),
                ("2017-03", 1, 2),
                ("2017-04", 0, 5)
            ]
        );
        assert_eq!(s[1].share(), Some(50.0));
        assert_eq!(s[0].share(), None);
    }

    #[test]
    fn years_sum_their_months() {
        let matching = BTreeMap::from([(m(2016, 12), 1), (m(2017, 1), 2), (m(2017, 11), 3)]);
        let totals = BTreeMap::from([(m(2016, 12), 2), (m(2017, 1), 2), (m(2017, 11), 6)]);
        let s = series(m(2016, 1), m(2018, 12), Period::Year, &matching, &totals);
        let rows = rows_of(&s);
        assert_eq!(rows, [("2016", 1, 2), ("2017", 5, 8), ("2018", 0, 0)]);
        let s = series(
            m(2016, 12),
            m(2017, 11),
            Period::Quarter,
            &matching,
            &totals,
        );
        let rows = rows_of(&s);
        assert_eq!(
            rows,
            [
                ("2016-Q4", 1, 2),
                ("2017-Q1", 2, 2),
                ("2017-Q2", 0, 0),
                ("2017-Q3", 0, 0),
                ("2017-Q4", 3, 6)
            ]
        );
    }

    #[test]
    fn span_closes_open_ends_with_the_archive() {
        let archive = BTreeMap::from([(m(2014, 6), 1), (m(2019, 10), 1)]);
        let open = MonthRange::default();
        assert_eq!(span(&open, &archive), Some((m(2014, 6), m(2019, 10))));
        let from = MonthRange {
            from: Some(m(2017, 1)),
            to: None,
        };
        assert_eq!(span(&from, &archive), Some((m(2017, 1), m(2019, 10))));
        assert_eq!(span(&open, &BTreeMap::<Month, u64>::new()), None);
    }
}
