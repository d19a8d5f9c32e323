//! `krant search`'s printer: each hit is written as the searcher reads it, in one of the
//! five formats, so that an export of every hit holds one hit at a time.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::Style;
use super::export::csv_field;
use super::json::HitJson;
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
                let line = super::text::total_line(self.query, self.total, self.shown);
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
            HitsFormat::Ndjson => {
                serde_json::to_writer(&mut *out, &json)?;
                writeln!(out)?;
            }
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
                    csv_field(&super::escape(&hit.path)),
                    hit.date.month,
                    csv_field(&super::escape(&hit.title)),
                    csv_field(&super::escape(&hit.snippet.text)),
                    csv_field(&super::escape(&file)),
                )?;
            }
            HitsFormat::Paths => {
                let path = self.locator.usable(&hit.path);
                if self.layout.terminal {
                    out.write_all(super::escape(&path).as_bytes())?;
                } else {
                    out.write_all(&crate::corpus::path_bytes(&path))?;
                }
                out.write_all(if self.layout.null { b"\0" } else { b"\n" })?;
            }
            HitsFormat::Text => {
                super::text::print_hit_text(out, &hit, self.layout.style, self.layout.columns)?;
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
        HitsFormat::Json | HitsFormat::Ndjson => {
            serde_json::to_writer(&mut *out, &Head::of(query, total))?;
            writeln!(out)?;
        }
        HitsFormat::Csv => writeln!(out, "total\n{total}")?,
        HitsFormat::Text | HitsFormat::Paths => writeln!(out, "{total}")?,
    }
    Ok(())
}
