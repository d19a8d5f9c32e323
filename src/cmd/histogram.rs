//! `krant histogram`: matching articles (or occurrences) per month, quarter or year, zeros
//! included, or per folder.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Result;

use crate::config::{Breakdown, HistogramConfig, OutputFormat};
use crate::date::MonthRange;
use crate::index::{GroupKey, Grouping, Tally};
use crate::output::{self, HistogramLayout, Style};
use crate::periods::{self, Bucket, Measure, series};
use crate::query::Selection;

/// Runs `krant histogram`: exit 0 when anything matched, 1 when not.
pub fn run(config: &HistogramConfig) -> Result<ExitCode> {
    let mut searcher = super::open_within(&config.global, &config.folders)?;
    let query = &config.query;
    let occurrences = config.measure == Measure::Occurrences;
    let grouping = match config.by {
        Breakdown::Time(_) => Grouping::Month,
        Breakdown::Folder(depth) => Grouping::Folder { depth },
    };
    let matching = searcher.tally(&query.within(config.range), grouping, occurrences)?;
    // Every article of each group (of the folders of --in), for shares and rates.
    let all_range = match config.by {
        Breakdown::Time(_) => MonthRange::default(),
        Breakdown::Folder(_) => config.range,
    };
    let totals = searcher.tally(&Selection::in_months(all_range), grouping, false)?;
    let any = matching.values().any(|t| t.articles > 0);
    let (buckets, by) = match config.by {
        Breakdown::Time(period) => {
            let months = |map: BTreeMap<GroupKey, Tally>| {
                map.into_iter()
                    .filter_map(|(key, tally)| match key {
                        GroupKey::Month(month) => Some((month, tally)),
                        GroupKey::Folder(_) => None,
                    })
                    .collect::<BTreeMap<_, _>>()
            };
            let (matching, totals) = (months(matching), months(totals));
            let buckets = match periods::span(&config.range, &totals) {
                Some((first, last)) => series(first, last, period, &matching, &totals),
                None => Vec::new(),
            };
            (buckets, period.name())
        }
        Breakdown::Folder(_) => (by_folder(&matching, &totals), "folder"),
    };
    let layout = HistogramLayout {
        by,
        measure: config.measure,
        relative: config.relative,
        style: Style::new(config.global.stdout_color),
        columns: config.global.stdout_columns,
    };
    let mut out = super::stdout();
    match config.format {
        OutputFormat::Json => {
            output::print_histogram_json(&mut out, &query.text, &buckets, &layout)?
        }
        OutputFormat::Csv => output::print_histogram_csv(&mut out, &buckets, &layout)?,
        OutputFormat::Text => {
            output::print_histogram_text(&mut out, &query.text, &buckets, &layout)?;
        }
        OutputFormat::Svg => output::print_timeline_svg(
            &mut out,
            &[(query.text.clone(), buckets)],
            layout.by,
            layout.measure,
            layout.relative,
        )?,
    }
    std::io::Write::flush(&mut out)?;
    Ok(super::found(any))
}

/// One bucket per folder that holds articles (in the range), zeros included, in the
/// order of their paths.
fn by_folder(
    matching: &BTreeMap<GroupKey, Tally>,
    totals: &BTreeMap<GroupKey, Tally>,
) -> Vec<Bucket> {
    totals
        .iter()
        .filter_map(|(key, &all)| match key {
            GroupKey::Folder(folder) => Some(Bucket::new(
                crate::corpus::shown_path(folder).into_owned(),
                matching.get(key).copied().unwrap_or_default(),
                all,
            )),
            GroupKey::Month(_) => None,
        })
        .collect()
}
