//! Readable text output.

use std::io::{self, Write};

use super::{Style, columns};
use crate::index::Hit;
use crate::query::Query;
use crate::report::IndexReport;

/// Prints one hit for people: date and path, then the title and the snippet (matches
/// marked) indented, wrapped at spaces to `columns` when given (a terminal's width),
/// then a blank line.
pub fn print_hit_text(
    out: &mut impl Write,
    hit: &Hit,
    style: Style,
    columns: Option<usize>,
) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}",
        style.date(&hit.date.to_string()),
        style.path(&super::escape(&hit.path))
    )?;
    let indented = |out: &mut dyn Write, text: &str, marks: &[(usize, usize)], title: bool| {
        let lines = match columns {
            Some(columns) => columns::wrap(text, columns.saturating_sub(INDENT.len()).max(20)),
            None => vec![(0, text.len())],
        };
        for line in lines {
            let marked = super::mark(&text[line.0..line.1], &columns::within(marks, line), style);
            let shown = if title { style.title(&marked) } else { marked };
            writeln!(out, "{INDENT}{shown}")?;
        }
        Ok::<(), io::Error>(())
    };
    indented(out, &hit.title, &[], true)?;
    if !hit.snippet.text.is_empty() {
        indented(out, &hit.snippet.text, &hit.snippet.highlights, false)?;
    }
    writeln!(out)
}

/// `n` and the noun for it: "1 group", "2 groups".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Titles and snippets are indented this much under their hit's date.
const INDENT: &str = "    ";

/// The line after the hits: how many match, in which months, and how to see more.
pub fn total_line(query: &Query, total: usize, shown: usize) -> String {
    let noun = if total == 1 { "article" } else { "articles" };
    let mut line = if query.selection.expr.is_some() {
        format!("{total} matching {noun}")
    } else {
        format!("{total} {noun}")
    };
    match (query.selection.range.from, query.selection.range.to) {
        (Some(from), Some(to)) => line.push_str(&format!(" from {from} to {to}")),
        (Some(from), None) => line.push_str(&format!(" from {from} on")),
        (None, Some(to)) => line.push_str(&format!(" up to {to}")),
        (None, None) => {}
    }
    if total > shown && shown > 0 {
        let first = query.offset + 1;
        let last = query.offset + shown;
        let more = if last < total {
            format!("; more with --offset {last}, all with --all")
        } else {
            String::new()
        };
        line.push_str(&format!(" (showing {first}–{last}{more})"));
    } else if shown == 0 && total > 0 {
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
                "duplicates: {} of files with identical content (e.g. {})",
                plural(report.duplicates.len(), "group", "groups"),
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
    use crate::query::{Selection, Sort};
    use crate::snippet::Snippet;

    fn query(range: MonthRange, offset: usize) -> Query {
        Query {
            selection: Selection {
                text: "kalifaat".into(),
                expr: crate::query::parse("kalifaat").unwrap(),
                range,
            },
            sort: Sort::Relevance,
            limit: 1,
            offset,
        }
    }

    fn hit() -> Hit {
        Hit {
            path: "a/b.txt".into(),
            date: ArticleDate::parse("2017-12").unwrap(),
            title: "Titel".into(),
            score: Some(1.5),
            snippet: Snippet {
                text: "het kalifaat viel in de zomer van 2014 na een lange strijd".into(),
                highlights: vec![(4, 12), (24, 38)],
            },
            text_state: crate::index::TextState::AsIndexed,
        }
    }

    #[test]
    fn prints_hits_and_total_without_escape_codes_when_plain() {
        let range = MonthRange {
            from: Some(Month::new(2017, 1).unwrap()),
            to: Some(Month::new(2017, 12).unwrap()),
        };
        let mut out = Vec::new();
        print_hit_text(&mut out, &hit(), Style::new(false), None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2017-12  a/b.txt\n    Titel\n    \
             het kalifaat viel in de zomer van 2014 na een lange strijd\n\n"
        );
        assert_eq!(
            total_line(&query(range, 0), 2, 1),
            "2 matching articles from 2017-01 to 2017-12 (showing 1–1; more with --offset 1, \
             all with --all)"
        );
        assert_eq!(
            total_line(&query(range, 1), 2, 1),
            "2 matching articles from 2017-01 to 2017-12 (showing 2–2)"
        );
        let mut out = Vec::new();
        print_hit_text(&mut out, &hit(), Style::new(true), None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("het \x1b[1;31mkalifaat\x1b[0m viel"),
            "{text}"
        );
    }

    #[test]
    fn on_a_terminal_snippets_wrap_at_spaces_and_keep_their_marks() {
        let mut out = Vec::new();
        print_hit_text(&mut out, &hit(), Style::new(true), Some(30)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[2..5],
            [
                "    het \x1b[1;31mkalifaat\x1b[0m viel in de",
                "    \x1b[1;31mzomer van 2014\x1b[0m na een",
                "    lange strijd",
            ]
        );
    }
}
