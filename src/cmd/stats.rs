//! `krant stats`: what the index holds.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Result;

use crate::analysis::ANALYZER_VERSION;
use crate::config::{StatsConfig, SummaryFormat};
use crate::date::MonthRange;
use crate::index::SCHEMA_VERSION;
use crate::output::{self, Stats, Style, YearCount};
use crate::periods::{self, Period, series};
use crate::query::Selection;

/// Runs `krant stats`.
pub fn run(config: &StatsConfig) -> Result<ExitCode> {
    let mut searcher = super::open_searcher(&config.global)?;
    let months = searcher.count_by_month(&Selection::all())?;
    let state = searcher.index().state()?;
    let span = periods::span(&MonthRange::default(), &months);
    let per_year = match span {
        Some((first, last)) => series(first, last, Period::Year, &months, &BTreeMap::new())
            .into_iter()
            .map(|b| YearCount {
                year: b.period.parse().unwrap_or(0),
                articles: b.count,
            })
            .collect(),
        None => Vec::new(),
    };
    let empty_months = match span {
        Some((first, last)) => series(first, last, Period::Month, &months, &BTreeMap::new())
            .iter()
            .filter(|b| b.count == 0)
            .count(),
        None => 0,
    };
    let stats = Stats {
        articles: months.values().sum(),
        first_month: span.map(|(first, _)| first.to_string()),
        last_month: span.map(|(_, last)| last.to_string()),
        empty_months,
        per_year,
        index: config.global.index_dir.display().to_string(),
        index_bytes: searcher.index().size_on_disk(),
        word_forms: searcher.word_forms()?,
        frequent_terms: searcher.frequent_terms(),
        corpus: state.as_ref().map(|s| s.corpus_root.display().to_string()),
        schema_version: SCHEMA_VERSION,
        analyzer_version: ANALYZER_VERSION,
        indexed_at: state.map(|s| s.indexed_at),
    };
    let mut out = super::stdout();
    match config.format {
        SummaryFormat::Json => output::print_stats_json(&mut out, &stats)?,
        SummaryFormat::Text => output::print_stats_text(
            &mut out,
            &stats,
            Style::new(config.global.stdout_color),
            config.global.stdout_columns,
        )?,
    }
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}
