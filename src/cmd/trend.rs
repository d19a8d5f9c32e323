//! `krant trend`: several queries per month or year, side by side.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Result;

use crate::config::{OutputFormat, TrendConfig};
use crate::date::Month;
use crate::index::{GroupKey, Grouping, Tally};
use crate::output::{self, Style, TrendLayout};
use crate::periods::{self, Bucket, Measure, Period, series};
use crate::query::Selection;

/// Runs `krant trend`: exit 0 when any query matched, 1 when none did.
pub fn run(config: &TrendConfig) -> Result<ExitCode> {
    let mut searcher = super::open_within(&config.global, &config.folders)?;
    let occurrences = config.measure == Measure::Occurrences;
    let months = |map: BTreeMap<GroupKey, Tally>| -> BTreeMap<Month, Tally> {
        map.into_iter()
            .filter_map(|(key, tally)| match key {
                GroupKey::Month(month) => Some((month, tally)),
                GroupKey::Folder(_) => None,
            })
            .collect()
    };
    let totals = months(searcher.tally(&Selection::all(), Grouping::Month, false)?);
    let span = periods::span(&config.range, &totals);
    let mut counts = Vec::with_capacity(config.queries.len());
    let mut any = false;
    for query in &config.queries {
        let selection = query.within(config.range);
        let matching = months(searcher.tally(&selection, Grouping::Month, occurrences)?);
        any |= matching.values().any(|t| t.articles > 0);
        counts.push((query.text.clone(), matching));
    }
    let in_periods = |period: Period| -> Vec<(String, Vec<Bucket>)> {
        counts
            .iter()
            .map(|(query, matching)| {
                let buckets = match span {
                    Some((first, last)) => series(first, last, period, matching, &totals),
                    None => Vec::new(),
                };
                (query.clone(), buckets)
            })
            .collect()
    };
    let mut period = config.period;
    let mut all = in_periods(period);
    // On a terminal, without --by: the finest period whose sparklines fit its width.
    let mut note = None;
    if let (OutputFormat::Text, false, Some(columns)) = (
        config.format,
        config.period_given,
        config.global.stdout_columns,
    ) {
        let periods = all.first().map_or(0, |(_, buckets)| buckets.len());
        while output::sparkline_columns(&all, config.measure) > columns {
            let Some(coarser) = period.coarser() else {
                break;
            };
            period = coarser;
            all = in_periods(period);
        }
        if period != config.period {
            let text = format!(
                "by {}: {periods} {}s do not fit in {columns} columns (--by {} shows them, \
                 as does --format csv)",
                period.name(),
                config.period.name(),
                config.period.name()
            );
            note = Some(text);
        }
    }
    let layout = TrendLayout {
        period,
        measure: config.measure,
        relative: config.relative,
    };
    let mut out = super::stdout();
    match config.format {
        OutputFormat::Json => output::print_trend_json(&mut out, &all, &layout)?,
        OutputFormat::Csv => output::print_trend_csv(&mut out, &all, &layout)?,
        OutputFormat::Svg => output::print_timeline_svg(
            &mut out,
            &all,
            layout.period.name(),
            layout.measure,
            layout.relative,
        )?,
        OutputFormat::Text => output::print_trend_text(
            &mut out,
            &all,
            &layout,
            Style::new(config.global.stdout_color),
            note.as_deref(),
            config.global.stdout_columns,
        )?,
    }
    std::io::Write::flush(&mut out)?;
    Ok(super::found(any))
}
