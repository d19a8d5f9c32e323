//! `krant report`: the queries' trend, totals, best articles and a KWIC sample, with
//! the index's provenance, as one self-contained HTML page.

use std::process::ExitCode;

use anyhow::Result;

use crate::analysis::ANALYZER_VERSION;
use crate::concordance::{KwicSort, occurrences, sort_lines};
use crate::config::ReportConfig;
use crate::index::{SCHEMA_VERSION, TextState};
use crate::output::{self, Provenance, QuerySection, Report, ReportHit};
use crate::periods::{self, Bucket, Period, series};
use crate::query::{Query, Selection, Sort};

/// Columns of context on each side of a KWIC line.
const KWIC_CONTEXT: usize = 50;

/// Runs `krant report`: exit 0 when any query matched, 1 when none did.
pub fn run(config: &ReportConfig) -> Result<ExitCode> {
    if config.global.stdout_is_terminal {
        return Err(crate::error::failure(
            "krant report writes an HTML page, not text for a terminal",
            "send it to a file: krant report QUERY… > report.html",
        ));
    }
    let mut searcher = super::open_within(&config.global, &config.folders)?;
    let totals = searcher.count_by_month(&Selection::all())?;
    let span = periods::span(&config.range, &totals);
    let mut all: Vec<(String, Vec<Bucket>)> = Vec::new();
    let mut sections = Vec::new();
    let mut problems: Vec<(String, TextState)> = Vec::new();
    for parsed in &config.queries {
        let selection = parsed.within(config.range);
        let matching = searcher.count_by_month(&selection)?;
        let buckets = match span {
            Some((first, last)) => series(first, last, config.period, &matching, &totals),
            None => Vec::new(),
        };
        let query = Query {
            selection,
            sort: Sort::Relevance,
            limit: config.hits,
            offset: 0,
        };
        let hits = searcher.search(&query, true)?;
        // The sample comes from the best articles: reading every match would cost a
        // whole export for a frequent word.
        let matcher = searcher.matcher(parsed.expr.as_ref());
        let mut kwic = Vec::new();
        for hit in &hits.hits {
            if kwic.len() >= config.kwic {
                break;
            }
            if let Some(article) = searcher.article(&hit.path)? {
                kwic.extend(occurrences(
                    &article,
                    &matcher,
                    searcher.analyzer(),
                    KWIC_CONTEXT,
                ));
            }
        }
        kwic.truncate(config.kwic);
        sort_lines(&mut kwic, KwicSort::Date);
        problems.extend(
            hits.hits
                .iter()
                .filter(|h| h.text_state != TextState::AsIndexed)
                .map(|h| (h.path.clone(), h.text_state.clone())),
        );
        sections.push(QuerySection {
            query: parsed.text.clone(),
            total: buckets.iter().map(|b| b.count).sum(),
            hits: hits
                .hits
                .into_iter()
                .map(|h| ReportHit {
                    date: h.date.to_string(),
                    title: h.title,
                    path: h.path,
                    snippet: h.snippet,
                })
                .collect(),
            kwic,
        });
        all.push((parsed.text.clone(), buckets));
    }
    let first = all.first().map(|(_, b)| b.as_slice()).unwrap_or(&[]);
    let range = match (first.first(), first.last()) {
        (Some(a), Some(b)) => format!("{} to {}", a.period, b.period),
        _ => "no articles".to_owned(),
    };
    let state = searcher.index().state()?;
    let report = Report {
        provenance: Provenance {
            corpus: state.as_ref().map(|s| s.corpus_root.display().to_string()),
            index: config.global.index_dir.display().to_string(),
            articles: totals.values().sum(),
            range,
            articles_in_range: first.iter().map(|b| b.total).sum(),
            analyzer_version: ANALYZER_VERSION,
            schema_version: SCHEMA_VERSION,
            indexed_at: state.map(|s| s.indexed_at),
            krant_version: env!("CARGO_PKG_VERSION"),
            command: command_line(config),
        },
        chart: output::timeline_chart(
            &all,
            config.period.name(),
            crate::periods::Measure::Articles,
            config.relative,
        ),
        queries: sections,
    };
    let mut out = super::stdout();
    output::print_report_html(&mut out, &report)?;
    std::io::Write::flush(&mut out)?;
    super::warn_about_texts(
        &config.global,
        problems.iter().map(|(path, state)| (path.as_str(), state)),
    );
    Ok(super::found(report.queries.iter().any(|q| q.total > 0)))
}

/// A command line that makes the same report, for its provenance.
fn command_line(config: &ReportConfig) -> String {
    let mut command = String::from("krant report");
    for query in &config.queries {
        command.push(' ');
        command.push_str(&shell_quoted(&query.text));
    }
    if let Some(from) = config.range.from {
        command.push_str(&format!(" --from {from}"));
    }
    if let Some(to) = config.range.to {
        command.push_str(&format!(" --to {to}"));
    }
    for folder in &config.folders {
        command.push_str(" --in ");
        command.push_str(&shell_quoted(&folder.to_string_lossy()));
    }
    if config.period != Period::Month {
        command.push_str(&format!(" --by {}", config.period.name()));
    }
    if config.relative {
        command.push_str(" --relative");
    }
    if config.global.synonyms.is_some() {
        command.push_str(" --synonyms FILE");
    }
    command
}

/// `text` as one word for a POSIX shell: as it is when plainly safe, else in single
/// quotes.
fn shell_quoted(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_.,:/@%+=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_for_the_shell() {
        assert_eq!(shell_quoted("kalifaat"), "kalifaat");
        assert_eq!(shell_quoted("IS-strijders"), "IS-strijders");
        assert_eq!(shell_quoted("\"de zomer\""), "'\"de zomer\"'");
        assert_eq!(shell_quoted("it's"), "'it'\\''s'");
        assert_eq!(shell_quoted(""), "''");
        assert_eq!(shell_quoted("$(rm -rf)"), "'$(rm -rf)'");
    }
}
