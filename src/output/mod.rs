//! Printers: one per output format, each writing hits or reports to a writer.
//! stdout carries data; messages and progress go to stderr.

use std::borrow::Cow;

mod analytics;
mod article;
mod chart;
mod check;
pub mod columns;
mod export;
mod figure;
mod hits;
mod html;
mod indexing;
mod json;
mod kwic;
mod manual;
mod messages;
mod text;
mod timeline;
mod trend;

pub use analytics::{
    CollocationsReport, KeywordsReport, Ranked, print_collocations_json, print_collocations_text,
    print_keywords_csv, print_keywords_json, print_keywords_text, print_ranked_table,
};
pub use article::{
    Stats, YearCount, print_article_json, print_article_text, print_stats_json, print_stats_text,
};
pub use check::{print_check_json, print_check_text};
pub use export::csv_field;
pub use figure::{print_timeline_svg, timeline_chart};
pub use hits::{HitPrinter, HitsFormat, HitsLayout, print_count};
pub use html::{Provenance, QuerySection, Report, ReportHit, print_report_html};
pub use indexing::IndexingMessages;
pub use json::{HitJson, SearchJson};
pub use kwic::{KwicExport, KwicLayout, print_kwic_text};
pub use manual::manual_page;
pub use messages::Messages;
pub use text::{plural, print_hit_text, print_index_summary, total_line};
pub use timeline::{
    HistogramLayout, print_histogram_csv, print_histogram_json, print_histogram_text,
};
pub use trend::{
    TrendLayout, print_trend_csv, print_trend_json, print_trend_text, sparkline_columns,
};

/// `text` with the byte ranges `highlights` (in order, not overlapping) styled as
/// matches, on one line for a terminal ([`escape`]).
fn mark(text: &str, highlights: &[(usize, usize)], style: Style) -> String {
    mark_with(text, highlights, style, escape)
}

/// [`mark`] for a text of several lines ([`escape_lines`]).
fn mark_lines(text: &str, highlights: &[(usize, usize)], style: Style) -> String {
    mark_with(text, highlights, style, escape_lines)
}

fn mark_with(
    text: &str,
    highlights: &[(usize, usize)],
    style: Style,
    escape: fn(&str) -> Cow<'_, str>,
) -> String {
    let mut out = String::with_capacity(text.len() + 16 * highlights.len());
    let mut last = 0;
    for &(start, end) in highlights {
        out.push_str(&escape(&text[last..start]));
        out.push_str(&style.highlight(&escape(&text[start..end])));
        last = end;
    }
    out.push_str(&escape(&text[last..]));
    out
}

/// Byte ranges of `text` as `[start, end)` character offsets, for JSON consumers.
fn char_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    let char_at = |byte: usize| text[..byte].chars().count();
    ranges
        .iter()
        .map(|&(s, e)| [char_at(s), char_at(e)])
        .collect()
}

/// ANSI styles, applied only when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    on: bool,
}

impl Style {
    /// Styles that print escape codes only if `on`.
    pub fn new(on: bool) -> Style {
        Style { on }
    }

    fn wrap(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// A matching word.
    pub fn highlight(self, text: &str) -> String {
        self.wrap("1;31", text)
    }

    /// A file path.
    pub fn path(self, text: &str) -> String {
        self.wrap("35", text)
    }

    /// A date.
    pub fn date(self, text: &str) -> String {
        self.wrap("32", text)
    }

    /// A title.
    pub fn title(self, text: &str) -> String {
        self.wrap("1", text)
    }

    /// Secondary information.
    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }

    /// The word "warning".
    pub fn warning(self, text: &str) -> String {
        self.wrap("1;33", text)
    }

    /// The word "error".
    pub fn error(self, text: &str) -> String {
        self.wrap("1;31", text)
    }
}

/// `text` for a terminal, on one line: control characters (which could move the cursor,
/// clear the screen or start a new line in a one-line message) shown as escapes (`\n`,
/// `\x1B`), and the bytes of a file name that are not UTF-8 (kept in a path's identity
/// as NUL and two hex digits, see `corpus::path_identity`) as `\xHH`. JSON output is
/// left as it is: its own encoding escapes controls.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_keeping(text, &[])
}

/// [`escape`] for a text of several lines: line breaks and tabs are kept.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_keeping(text, &['\n', '\t'])
}

fn escape_keeping<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let needs = |c: char| c.is_control() && !keep.contains(&c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !needs(c) {
            out.push(c);
            continue;
        }
        match c {
            '\0' => {
                // A raw byte of a file name: NUL and its two hex digits.
                let hex: String = chars.clone().take(2).collect();
                if hex.len() == 2 && hex.chars().all(|h| h.is_ascii_hexdigit()) {
                    chars.nth(1);
                    out.push_str("\\x");
                    out.push_str(&hex);
                } else {
                    out.push_str("\\x00");
                }
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_raw_bytes_are_escaped_for_the_terminal() {
        assert_eq!(escape("gewoon België"), "gewoon België");
        assert!(matches!(escape("gewoon"), Cow::Borrowed(_)));
        assert_eq!(escape("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(escape("\x1b[2Jweg"), "\\x1B[2Jweg");
        assert_eq!(escape("caf\0E9.txt"), "caf\\xE9.txt");
        assert_eq!(escape("\0"), "\\x00");
        assert_eq!(escape("x\u{9b}y\u{7f}"), "x\\u{009B}y\\x7F");
        assert_eq!(
            escape_lines("regel 1\n\tregel 2\x1b"),
            "regel 1\n\tregel 2\\x1B"
        );
    }
}
