//! Counts over time as a [`Chart`]: what `--format svg` and `krant report` draw.

use std::io::{self, Write};

use crate::chart::{Chart, Series, svg};
use crate::timeline::{Bucket, Period};

/// The chart of one or more queries' buckets (all over the same periods): counts, or
/// shares in percent with `relative`.
pub fn timeline_chart(series: &[(String, Vec<Bucket>)], period: Period, relative: bool) -> Chart {
    let what = if relative {
        "Share of articles matching"
    } else {
        "Articles matching"
    };
    let title = match series {
        [(query, _)] if query.trim().is_empty() => format!("All articles per {}", period.name()),
        [(query, _)] => format!("{what} \u{2018}{query}\u{2019} per {}", period.name()),
        _ => format!("{what} each query per {}", period.name()),
    };
    let buckets = series.first().map(|(_, b)| b.as_slice()).unwrap_or(&[]);
    let subtitle = match (buckets.first(), buckets.last()) {
        (Some(first), Some(last)) if first.period == last.period => first.period.clone(),
        (Some(first), Some(last)) => format!("{} to {}", first.period, last.period),
        _ => "no articles".to_owned(),
    };
    Chart {
        title,
        subtitle,
        x_label: period.name().to_owned(),
        y_label: if relative {
            format!("% of all articles in the {}", period.name())
        } else {
            "articles".to_owned()
        },
        relative,
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
                    .map(|b| {
                        let value = if relative {
                            b.share()
                        } else {
                            Some(b.count as f64)
                        };
                        (b.period.clone(), value)
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// `histogram` and `trend` with `--format svg`: a standalone SVG 1.1 file.
pub fn print_timeline_svg(
    out: &mut impl Write,
    series: &[(String, Vec<Bucket>)],
    period: Period,
    relative: bool,
) -> io::Result<()> {
    out.write_all(svg::document(&timeline_chart(series, period, relative)).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(period: &str, count: u64, total: u64) -> Bucket {
        Bucket {
            period: period.to_owned(),
            count,
            total,
        }
    }

    #[test]
    fn a_query_s_buckets_become_a_titled_series() {
        let buckets = vec![bucket("2017", 2, 4), bucket("2018", 0, 0)];
        let chart = timeline_chart(&[("mosul".to_owned(), buckets)], Period::Year, true);
        assert_eq!(chart.title, "Share of articles matching ‘mosul’ per year");
        assert_eq!(chart.subtitle, "2017 to 2018");
        assert_eq!(chart.y_label, "% of all articles in the year");
        assert_eq!(
            chart.series[0].points,
            [("2017".to_owned(), Some(50.0)), ("2018".to_owned(), None)]
        );
        let chart = timeline_chart(
            &[("".to_owned(), vec![bucket("2017-01", 3, 3)])],
            Period::Month,
            false,
        );
        assert_eq!(chart.title, "All articles per month");
        assert_eq!(chart.series[0].points, [("2017-01".to_owned(), Some(3.0))]);
    }
}
