//! `krant trend`: several queries per month or year, side by side.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::{OutputFormat, TrendConfig};
use crate::date::MonthRange;
use crate::output::{self, Style};
use crate::timeline::{self, Bucket, series};

/// Runs `krant trend`: exit 0 when any query matched, 1 when none did.
pub fn run(config: &TrendConfig) -> Result<ExitCode> {
    let mut searcher = super::open_searcher(&config.global)?;
    let totals = searcher.count_by_month(None, &MonthRange::default(), "")?;
    let span = timeline::span(&config.range, &totals);
    let mut all: Vec<(String, Vec<Bucket>)> = Vec::with_capacity(config.queries.len());
    let mut any = false;
    for query in &config.queries {
        let matching = searcher.count_by_month(query.expr.as_ref(), &config.range, &query.text)?;
        any |= matching.values().any(|&c| c > 0);
        let buckets = match span {
            Some((first, last)) => series(first, last, config.period, &matching, &totals),
            None => Vec::new(),
        };
        all.push((query.text.clone(), buckets));
    }
    let mut out = super::stdout();
    match config.format {
        OutputFormat::Json => {
            output::print_trend_json(&mut out, &all, config.period, config.relative)?;
        }
        OutputFormat::Csv => output::print_trend_csv(&mut out, &all, config.relative)?,
        _ => output::print_trend_text(
            &mut out,
            &all,
            config.relative,
            Style::new(config.global.stdout_color),
        )?,
    }
    std::io::Write::flush(&mut out)?;
    Ok(super::found(any))
}
