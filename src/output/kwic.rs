//! `krant kwic`: keyword-in-context lines as aligned text, TSV and JSON, and the JSON's
//! wire type.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::columns::{self, padding, width};
use super::csv::tsv_field;
use super::escape::escape;
use crate::concordance::KwicLine;

/// Context columns a side keeps at least when a line is fitted to the terminal.
const MIN_CONTEXT: usize = 10;

/// How aligned KWIC lines are laid out.
#[derive(Debug, Clone, Copy)]
pub struct KwicLayout {
    /// Columns of context per side, as asked for with `--width`.
    pub context: Option<usize>,
    /// The terminal's width, when writing to one.
    pub columns: Option<usize>,
    /// Colour and bold.
    pub style: Style,
}

/// Left context right-aligned, the match in a column as wide as the widest match, the
/// right context padded, then month and path; widths in display columns. On a terminal
/// (and without `--width`) the context fits the line to its width; elsewhere each side
/// has 40 columns.
pub fn print_kwic_text(
    out: &mut impl Write,
    lines: &[KwicLine],
    total: usize,
    layout: KwicLayout,
) -> io::Result<()> {
    let keyword_width = lines.iter().map(|l| width(&l.keyword)).max().unwrap_or(0);
    let path_width = lines.iter().map(|l| width(&l.path)).max().unwrap_or(0);
    // month (7) and two gaps of two spaces
    let fixed = keyword_width + 7 + 4;
    let (context, path_room) = match (layout.context, layout.columns) {
        (Some(context), _) => (context, path_width),
        (None, None) => (40, path_width),
        (None, Some(columns)) => {
            let room = columns.saturating_sub(fixed + path_width) / 2;
            if room >= MIN_CONTEXT {
                (room, path_width)
            } else {
                let path_room = columns.saturating_sub(fixed + 2 * MIN_CONTEXT);
                (MIN_CONTEXT, path_room.max(12))
            }
        }
    };
    let style = layout.style;
    for line in lines {
        let left = columns::tail(&line.left, context);
        let right = columns::head(&line.right, context);
        let path = columns::shorten_start(&escape(&line.path), path_room);
        writeln!(
            out,
            "{}{}{}{}{}{}  {}  {}",
            padding(left, context),
            escape(left),
            style.highlight(&escape(&line.keyword)),
            padding(&line.keyword, keyword_width),
            escape(right),
            padding(right, context),
            style.date(&line.date.month.to_string()),
            style.path(&path)
        )?;
    }
    let noun = if total == 1 {
        "occurrence"
    } else {
        "occurrences"
    };
    let mut summary = format!("{total} {noun}");
    if lines.len() < total {
        summary.push_str(&format!(
            " (showing {}; more with --limit, all with --all)",
            lines.len()
        ));
    }
    writeln!(out, "{}", style.dim(&summary))
}

/// The formats [`KwicExport`] writes as the lines come (aligned text needs them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KwicExportFormat {
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object.
    Json,
}

/// TSV or JSON lines, written as they come.
pub struct KwicExport<W: Write> {
    out: W,
    format: KwicExportFormat,
    shown: usize,
}

impl<W: Write> KwicExport<W> {
    /// Starts the output: TSV's header row, or JSON's opening.
    pub fn start(mut out: W, format: KwicExportFormat, query: &str) -> io::Result<Self> {
        match format {
            KwicExportFormat::Json => {
                out.write_all(b"{\"query\":")?;
                serde_json::to_writer(&mut out, query)?;
                out.write_all(b",\"lines\":[")?;
            }
            KwicExportFormat::Tsv => writeln!(out, "left\tmatch\tright\tdate\tmonth\tpath")?,
        }
        Ok(KwicExport {
            out,
            format,
            shown: 0,
        })
    }

    /// One line: `left<TAB>match<TAB>right<TAB>date<TAB>month<TAB>path` (the date only
    /// when the header gives a day), or a JSON object.
    pub fn line(&mut self, line: &KwicLine) -> io::Result<()> {
        match self.format {
            KwicExportFormat::Json => {
                if self.shown > 0 {
                    self.out.write_all(b",")?;
                }
                serde_json::to_writer(&mut self.out, &KwicLineJson::of(line))?;
            }
            KwicExportFormat::Tsv => {
                let day = line.date.day.map(|_| line.date.to_string());
                writeln!(
                    self.out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    tsv_field(&escape(&line.left)),
                    tsv_field(&escape(&line.keyword)),
                    tsv_field(&escape(&line.right)),
                    day.unwrap_or_default(),
                    line.date.month,
                    tsv_field(&escape(&line.path))
                )?;
            }
        }
        self.shown += 1;
        Ok(())
    }

    /// Ends the output; JSON gets the number of occurrences last, once all are counted.
    pub fn finish(mut self, total: usize) -> io::Result<()> {
        match self.format {
            KwicExportFormat::Json => {
                write!(self.out, "],\"total\":{total}}}")?;
                writeln!(self.out)?;
            }
            KwicExportFormat::Tsv => {}
        }
        self.out.flush()
    }
}

/// One line of `krant kwic --format json`, in the object's `lines`: `{"query", "lines":
/// [...], "total"}` (`total`, the number of occurrences, comes last, once every line is
/// written).
#[derive(Debug, Serialize)]
struct KwicLineJson<'a> {
    /// The words before the match, as far as the context reaches.
    left: &'a str,
    /// The match as written in the article.
    #[serde(rename = "match")]
    keyword: &'a str,
    /// The words after the match.
    right: &'a str,
    /// `YYYY-MM`, or `YYYY-MM-DD` when the header has a day.
    date: String,
    /// `YYYY-MM`, always.
    month: String,
    /// Path relative to the corpus root, `/`-separated.
    path: Cow<'a, str>,
    /// Byte offset of the match in the article's text.
    offset: usize,
}

impl<'a> KwicLineJson<'a> {
    fn of(l: &'a KwicLine) -> Self {
        KwicLineJson {
            left: &l.left,
            keyword: &l.keyword,
            right: &l.right,
            date: l.date.to_string(),
            month: l.date.month.to_string(),
            path: crate::corpus::shown_path(&l.path),
            offset: l.offset,
        }
    }
}
