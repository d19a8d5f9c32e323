//! Counts over time as a [`Chart`]: what `--format svg` and `krant report` draw.

use std::io::{self, Write};

use crate::chart::{Chart, Series, svg};
use crate::periods::{Bucket, Measure};

/// The chart of one or more queries' buckets (all over the same periods, or folders: `by`
/// names them): counts of `measure`, or with `relative` shares in percent (articles) or
/// rates per million words (occurrences).
pub fn timeline_chart(
    series: &[(String, Vec<Bucket>)],
    by: &str,
    measure: Measure,
    relative: bool,
) -> Chart {
    let what = match (measure, relative) {
        (Measure::Articles, false) => "Articles matching",
        (Measure::Articles, true) => "Share of articles matching",
        (Measure::Occurrences, false) => "Occurrences of",
        (Measure::Occurrences, true) => "Occurrences per million words of",
    };
    let title = match series {
        [(query, _)] if query.trim().is_empty() => format!("All articles per {by}"),
        [(query, _)] => format!("{what} \u{2018}{query}\u{2019} per {by}"),
        _ => format!("{what} each query per {by}"),
    };
    let buckets = series.first().map(|(_, b)| b.as_slice()).unwrap_or(&[]);
    let subtitle = match (buckets.first(), buckets.last()) {
        (Some(first), Some(last)) if first.period == last.period => first.period.clone(),
        (Some(first), Some(last)) => format!("{} to {}", first.period, last.period),
        _ => "no articles".to_owned(),
    };
    let y_label = match (measure, relative) {
        (Measure::Articles, false) => "articles".to_owned(),
        (Measure::Articles, true) => format!("% of all articles in the {by}"),
        (Measure::Occurrences, false) => "occurrences".to_owned(),
        (Measure::Occurrences, true) => format!("occurrences per million words of the {by}"),
    };
    Chart {
        title,
        subtitle,
        x_label: by.to_owned(),
        y_label,
        relative,
        percent: relative && measure == Measure::Articles,
        series: series
            .iter()
            .map(|(query, buckets)| Series {
                name: if query.trim().is_empty() {
                    "all articles".to_owned()
                } else {
                    query.clone()
                },
                points: buckets
                    .iter()
                    .map(|b| (b.period.clone(), b.value(measure, relative)))
                    .collect(),
            })
            .collect(),
    }
}

/// `histogram` and `trend` with `--format svg`: a standalone SVG 1.1 file.
pub fn print_timeline_svg(
    out: &mut impl Write,
    series: &[(String, Vec<Bucket>)],
    by: &str,
    measure: Measure,
    relative: bool,
) -> io::Result<()> {
    out.write_all(svg::document(&timeline_chart(series, by, measure, relative)).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(period: &str, count: u64, total: u64) -> Bucket {
        Bucket {
            period: period.to_owned(),
            count,
            total,
            occurrences: 0,
            words: 0,
        }
    }

    #[test]
    fn a_query_s_buckets_become_a_titled_series() {
        let buckets = vec![bucket("2017", 2, 4), bucket("2018", 0, 0)];
        let chart = timeline_chart(
            &[("mosul".to_owned(), buckets)],
            "year",
            Measure::Articles,
            true,
        );
        assert_eq!(chart.title, "Share of articles matching ‘mosul’ per year");
        assert_eq!(chart.subtitle, "2017 to 2018");
        assert_eq!(chart.y_label, "% of all articles in the year");
        assert_eq!(
            chart.series[0].points,
            [("2017".to_owned(), Some(50.0)), ("2018".to_owned(), None)]
        );
        let chart = timeline_chart(
            &[("".to_owned(), vec![bucket("2017-01", 3, 3)])],
            "month",
            Measure::Articles,
            false,
        );
        assert_eq!(chart.title, "All articles per month");
        assert_eq!(chart.series[0].points, [("2017-01".to_owned(), Some(3.0))]);
        let mut rated = bucket("2017", 2, 4);
        (rated.occurrences, rated.words) = (3, 2_000_000);
        let rates = timeline_chart(
            &[("IS".to_owned(), vec![rated])],
            "year",
            Measure::Occurrences,
            true,
        );
        assert_eq!(
            rates.title,
            "Occurrences per million words of \u{2018}IS\u{2019} per year"
        );
        assert_eq!(rates.y_label, "occurrences per million words of the year");
        assert!(rates.relative && !rates.percent);
        assert_eq!(rates.series[0].points, [("2017".to_owned(), Some(1.5))]);
    }
}
