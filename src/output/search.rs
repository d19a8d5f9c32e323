//! `krant search`'s printer: each hit is written as the searcher reads it, in one of the
//! five formats, so that an export of every hit holds one hit at a time; and the JSON's
//! wire types. These types are the wire format documented in the README; change them
//! only together with it.

use std::io::{self, Write};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::columns;
use super::csv::csv_field;
use super::escape::escape;
use super::json::{char_ranges, write_line};
use super::style::{Style, mark};
use crate::corpus::Locator;
use crate::index::{Hit, HitSink, TextState};
use crate::query::Query;

/// The formats of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitsFormat {
    /// Date, path, title and snippet per hit, for people.
    Text,
    /// One JSON object with a list of hits.
    Json,
    /// One JSON object per hit, one per line.
    Ndjson,
    /// A header row, then one row per hit.
    Csv,
    /// One usable path per hit.
    Paths,
}

/// How hits are shown.
#[derive(Debug, Clone, Copy)]
pub struct HitsLayout {
    /// The format.
    pub format: HitsFormat,
    /// Colour and bold.
    pub style: Style,
    /// Whether stdout is a terminal (names are escaped there, written raw to a pipe).
    pub terminal: bool,
    /// End each path with NUL instead of a line break (`-0`).
    pub null: bool,
    /// Wrap titles and snippets to this many columns (a terminal's width).
    pub columns: Option<usize>,
}

/// Writes hits as they come; [`HitPrinter::finish`] closes the output.
pub struct HitPrinter<'a, W: Write> {
    out: W,
    layout: HitsLayout,
    query: &'a Query,
    locator: &'a Locator,
    total: usize,
    shown: usize,
    /// Hits whose text is not the one indexed, for the warnings after the output.
    pub problems: Vec<(String, TextState)>,
}

/// The fields of `--format json` before its hits.
#[derive(Serialize)]
struct Head<'a> {
    query: Option<&'a str>,
    from: Option<String>,
    to: Option<String>,
    total: usize,
}

impl<'a> Head<'a> {
    fn of(query: &'a Query, total: usize) -> Head<'a> {
        Head {
            query: (!query.selection.text.trim().is_empty())
                .then_some(query.selection.text.as_str()),
            from: query.selection.range.from.map(|m| m.to_string()),
            to: query.selection.range.to.map(|m| m.to_string()),
            total,
        }
    }
}

impl<'a, W: Write> HitPrinter<'a, W> {
    /// A printer writing to `out`.
    pub fn new(out: W, layout: HitsLayout, query: &'a Query, locator: &'a Locator) -> Self {
        HitPrinter {
            out,
            layout,
            query,
            locator,
            total: 0,
            shown: 0,
            problems: Vec::new(),
        }
    }

    /// Ends the output (the JSON list, the text's total line) and flushes it.
    pub fn finish(mut self) -> Result<Vec<(String, TextState)>> {
        match self.layout.format {
            HitsFormat::Json => self.out.write_all(b"]}\n")?,
            HitsFormat::Text => {
                let line = total_line(self.query, self.total, self.shown);
                writeln!(self.out, "{}", self.layout.style.dim(&line))?;
            }
            HitsFormat::Ndjson | HitsFormat::Csv | HitsFormat::Paths => {}
        }
        self.out.flush()?;
        Ok(self.problems)
    }

    fn json_hit(&self, hit: &Hit) -> HitJson {
        let mut json = HitJson::from_hit(hit);
        json.file = self
            .locator
            .absolute(&hit.path)
            .map(|f| crate::corpus::shown_path(&f).into_owned());
        json
    }
}

impl<W: Write> HitSink for HitPrinter<'_, W> {
    fn total(&mut self, total: usize) -> Result<()> {
        self.total = total;
        match self.layout.format {
            HitsFormat::Json => {
                let mut head = serde_json::to_vec(&Head::of(self.query, total))?;
                head.pop(); // the closing brace: the hits follow
                self.out.write_all(&head)?;
                self.out.write_all(br#","hits":["#)?;
            }
            HitsFormat::Csv => {
                writeln!(self.out, "path,date,month,title,score,snippet,file")?;
            }
            HitsFormat::Text | HitsFormat::Ndjson | HitsFormat::Paths => {}
        }
        Ok(())
    }

    fn hit(&mut self, hit: Hit) -> Result<()> {
        let json = matches!(self.layout.format, HitsFormat::Json | HitsFormat::Ndjson)
            .then(|| self.json_hit(&hit));
        let out = &mut self.out;
        match self.layout.format {
            HitsFormat::Json => {
                if self.shown > 0 {
                    out.write_all(b",")?;
                }
                serde_json::to_writer(&mut *out, &json)?;
            }
            HitsFormat::Ndjson => write_line(out, &json)?,
            HitsFormat::Csv => {
                let score = hit.score.map(|s| format!("{s:.4}")).unwrap_or_default();
                let day = hit
                    .date
                    .day
                    .map(|_| hit.date.to_string())
                    .unwrap_or_default();
                let file = self.locator.absolute(&hit.path).unwrap_or_default();
                writeln!(
                    out,
                    "{},{day},{},{},{score},{},{}",
                    csv_field(&escape(&hit.path)),
                    hit.date.month,
                    csv_field(&escape(&hit.title)),
                    csv_field(&escape(&hit.snippet.text)),
                    csv_field(&escape(&file)),
                )?;
            }
            HitsFormat::Paths => {
                let path = self.locator.usable(&hit.path);
                if self.layout.terminal {
                    out.write_all(escape(&path).as_bytes())?;
                } else {
                    out.write_all(&crate::corpus::path_bytes(&path))?;
                }
                out.write_all(if self.layout.null { b"\0" } else { b"\n" })?;
            }
            HitsFormat::Text => {
                print_hit_text(out, &hit, self.layout.style, self.layout.columns)?;
            }
        }
        self.shown += 1;
        if hit.text_state != TextState::AsIndexed {
            self.problems.push((hit.path, hit.text_state));
        }
        Ok(())
    }
}

/// `krant search --count`: the number alone, or with the query in JSON and CSV.
pub fn print_count(
    out: &mut impl Write,
    format: HitsFormat,
    query: &Query,
    total: usize,
) -> Result<()> {
    match format {
        HitsFormat::Json | HitsFormat::Ndjson => write_line(out, &Head::of(query, total))?,
        HitsFormat::Csv => writeln!(out, "total\n{total}")?,
        HitsFormat::Text | HitsFormat::Paths => writeln!(out, "{total}")?,
    }
    Ok(())
}

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
        style.path(&escape(&hit.path))
    )?;
    let indented = |out: &mut dyn Write, text: &str, marks: &[(usize, usize)], title: bool| {
        let lines = match columns {
            Some(columns) => columns::wrap(text, columns.saturating_sub(INDENT.len()).max(20)),
            None => vec![(0, text.len())],
        };
        for line in lines {
            let marked = mark(&text[line.0..line.1], &columns::within(marks, line), style);
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

/// `krant search --format json`: exactly one object (written field by field as the hits
/// are read, see `output::HitPrinter`; this type documents it and reads it back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(
    dead_code,
    reason = "the wire format's documentation; the printer writes it field by field"
)]
pub struct SearchJson {
    /// The query as typed; `null` when articles are listed without a query.
    pub query: Option<String>,
    /// `--from` as `YYYY-MM`, or `null`.
    pub from: Option<String>,
    /// `--to` as `YYYY-MM`, or `null`.
    pub to: Option<String>,
    /// All matching articles, not only those in `hits`.
    pub total: usize,
    /// At most `--limit` hits, best first.
    pub hits: Vec<HitJson>,
}

/// One hit in [`SearchJson`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitJson {
    /// Path relative to the corpus root, `/`-separated (what `krant show` takes).
    pub path: String,
    /// The article's file, absolute; `null` when the index records no corpus folder.
    pub file: Option<String>,
    /// `YYYY-MM`, or `YYYY-MM-DD` when the header has a day.
    pub date: String,
    /// `YYYY-MM`, always.
    pub month: String,
    /// The article's title.
    pub title: String,
    /// BM25 relevance; `null` when hits are ordered by date.
    pub score: Option<f32>,
    /// The best passage, plain text.
    pub snippet: String,
    /// `[start, end)` of each matching word in `snippet`, in characters (Unicode scalar
    /// values), so that scripts can mark them.
    pub highlights: Vec<[usize; 2]>,
}

impl HitJson {
    pub(crate) fn from_hit(hit: &Hit) -> HitJson {
        HitJson {
            path: crate::corpus::shown_path(&hit.path).into_owned(),
            file: None,
            date: hit.date.to_string(),
            month: hit.date.month.to_string(),
            title: hit.title.clone(),
            score: hit.score,
            snippet: hit.snippet.text.clone(),
            highlights: char_ranges(&hit.snippet.text, &hit.snippet.highlights),
        }
    }
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
