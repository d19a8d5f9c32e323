//! Printers: one per output format, each writing hits or reports to a writer.
//! stdout carries data; messages and progress go to stderr.

mod article;
mod chart;
mod export;
mod json;
mod kwic;
mod messages;
mod text;
mod timeline;

pub use article::{
    Stats, YearCount, print_article_json, print_article_text, print_stats_json, print_stats_text,
};
pub use export::{csv_field, print_search_csv, print_search_ndjson, print_search_paths};
pub use json::{HitJson, SearchJson, print_search_json};
pub use kwic::{print_kwic_json, print_kwic_text, print_kwic_tsv};
pub use messages::Messages;
pub use text::{print_index_summary, print_search_text};
pub use timeline::{
    print_histogram_csv, print_histogram_json, print_histogram_text, print_trend_csv,
    print_trend_json, print_trend_text,
};

/// `text` with the byte ranges `highlights` (in order, not overlapping) styled as matches.
fn mark(text: &str, highlights: &[(usize, usize)], style: Style) -> String {
    let mut out = String::with_capacity(text.len() + 16 * highlights.len());
    let mut last = 0;
    for &(start, end) in highlights {
        out.push_str(&text[last..start]);
        out.push_str(&style.highlight(&text[start..end]));
        last = end;
    }
    out.push_str(&text[last..]);
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
