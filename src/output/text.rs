//! Readable text output.

use std::io::{self, Write};

use super::Style;
use crate::index::Hits;
use crate::query::Query;
use crate::report::IndexReport;

/// Prints hits for people: date, path, title, snippet with matches marked, then a total.
pub fn print_search_text(
    out: &mut impl Write,
    query: &Query,
    hits: &Hits,
    style: Style,
) -> io::Result<()> {
    for hit in &hits.hits {
        writeln!(
            out,
            "{}  {}",
            style.date(&hit.date.to_string()),
            style.path(&super::escape(&hit.path))
        )?;
        writeln!(out, "    {}", style.title(&super::escape(&hit.title)))?;
        if !hit.snippet.text.is_empty() {
            writeln!(
                out,
                "    {}",
                super::mark(&hit.snippet.text, &hit.snippet.highlights, style)
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", style.dim(&total_line(query, hits)))
}

fn total_line(query: &Query, hits: &Hits) -> String {
    let noun = if hits.total == 1 {
        "article"
    } else {
        "articles"
    };
    let mut line = if query.expr.is_some() {
        format!("{} matching {noun}", hits.total)
    } else {
        format!("{} {noun}", hits.total)
    };
    match (query.range.from, query.range.to) {
        (Some(from), Some(to)) => line.push_str(&format!(" from {from} to {to}")),
        (Some(from), None) => line.push_str(&format!(" from {from} on")),
        (None, Some(to)) => line.push_str(&format!(" up to {to}")),
        (None, None) => {}
    }
    if hits.total > hits.hits.len() && !hits.hits.is_empty() {
        let first = query.offset + 1;
        let last = query.offset + hits.hits.len();
        line.push_str(&format!(
            " (showing {first}–{last}; more with --offset {last})"
        ));
    } else if hits.hits.is_empty() && hits.total > 0 {
        line.push_str(&format!(" (none left after --offset {})", query.offset));
    }
    line
}

/// Prints the summary of an indexing run (to stderr, by the caller's choice): one line of
/// counts, then short notes on duplicates and empty months when there are any.
pub fn print_index_summary(
    out: &mut impl Write,
    report: &IndexReport,
    style: Style,
) -> io::Result<()> {
    let articles = if report.articles == 1 {
        "article"
    } else {
        "articles"
    };
    let (lead, tail) = if report.dry_run {
        ("dry run: would index", "; nothing written")
    } else {
        ("indexed", "")
    };
    writeln!(
        out,
        "{lead} {} {articles} ({} added, {} updated, {} removed, {} unchanged), {} skipped, in {:.2} s{tail}",
        report.articles,
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.skipped.len(),
        report.seconds
    )?;
    if !report.skipped.is_empty() {
        // Reasons grouped by their kind: the text before any detail (a quote or a colon).
        let mut kinds: Vec<(&str, usize)> = Vec::new();
        for skipped in &report.skipped {
            let kind = skipped
                .reason
                .split([':', '\''])
                .next()
                .unwrap_or("")
                .trim();
            match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((kind, 1)),
            }
        }
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{n} {}", super::escape(k)))
            .collect();
        writeln!(
            out,
            "{}",
            style.dim(&format!("skipped: {}", listed.join(", ")))
        )?;
    }
    if !report.duplicates.is_empty() {
        let example = report.duplicates[0].join(" = ");
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "duplicates: {} groups of files with identical content (e.g. {})",
                report.duplicates.len(),
                super::escape(&example)
            ))
        )?;
    }
    if !report.empty_months.is_empty() {
        let shown: Vec<&str> = report
            .empty_months
            .iter()
            .take(6)
            .map(String::as_str)
            .collect();
        let more = report.empty_months.len() - shown.len();
        let suffix = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "months without articles: {}{suffix}",
                shown.join(", ")
            ))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::{ArticleDate, Month, MonthRange};
    use crate::index::Hit;
    use crate::query::Sort;
    use crate::snippet::Snippet;

    fn query(range: MonthRange, offset: usize) -> Query {
        Query {
            text: "kalifaat".into(),
            expr: crate::query::parse("kalifaat").unwrap(),
            range,
            sort: Sort::Relevance,
            limit: 1,
            offset,
        }
    }

    #[test]
    fn prints_hits_and_total_without_escape_codes_when_plain() {
        let hits = Hits {
            total: 2,
            hits: vec![Hit {
                path: "a/b.txt".into(),
                date: ArticleDate::parse("2017-12").unwrap(),
                title: "Titel".into(),
                score: Some(1.5),
                snippet: Snippet {
                    text: "het kalifaat viel".into(),
                    highlights: vec![(4, 12)],
                },
                text_state: crate::index::TextState::AsIndexed,
            }],
        };
        let range = MonthRange {
            from: Some(Month::new(2017, 1).unwrap()),
            to: Some(Month::new(2017, 12).unwrap()),
        };
        let mut out = Vec::new();
        print_search_text(&mut out, &query(range, 0), &hits, Style::new(false)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2017-12  a/b.txt\n    Titel\n    het kalifaat viel\n\n\
             2 matching articles from 2017-01 to 2017-12 (showing 1–1; more with --offset 1)\n"
        );
        let mut out = Vec::new();
        print_search_text(&mut out, &query(range, 0), &hits, Style::new(true)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("het \x1b[1;31mkalifaat\x1b[0m viel"),
            "{text}"
        );
    }
}
