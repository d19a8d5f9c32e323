//! `krant histogram`: matching articles per month or year, zeros included.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::{HistogramConfig, OutputFormat};
use crate::date::MonthRange;
use crate::output::{self, Style};
use crate::timeline::{self, series};

/// Runs `krant histogram`: exit 0 when anything matched, 1 when not.
pub fn run(config: &HistogramConfig) -> Result<ExitCode> {
    let mut searcher = super::open_searcher(&config.global)?;
    let query = &config.query;
    let matching = searcher.count_by_month(query.expr.as_ref(), &config.range, &query.text)?;
    let totals = searcher.count_by_month(None, &MonthRange::default(), "")?;
    let buckets = match timeline::span(&config.range, &totals) {
        Some((first, last)) => series(first, last, config.period, &matching, &totals),
        None => Vec::new(),
    };
    let mut out = super::stdout();
    match config.format {
        OutputFormat::Json => output::print_histogram_json(
            &mut out,
            &query.text,
            &buckets,
            config.period,
            config.relative,
        )?,
        OutputFormat::Csv => output::print_histogram_csv(&mut out, &buckets)?,
        OutputFormat::Svg => output::print_timeline_svg(
            &mut out,
            &[(query.text.clone(), buckets)],
            config.period,
            config.relative,
        )?,
        OutputFormat::Text => output::print_histogram_text(
            &mut out,
            &query.text,
            &buckets,
            config.relative,
            Style::new(config.global.stdout_color),
            config.global.stdout_columns,
        )?,
    }
    std::io::Write::flush(&mut out)?;
    Ok(super::found(matching.values().any(|&c| c > 0)))
}
