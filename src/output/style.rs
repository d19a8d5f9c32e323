//! Colour and bold for a terminal (`Style`), and matches marked in a text.

use std::borrow::Cow;

use super::escape::{escape, escape_lines};

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
}

/// `text` with the byte ranges `highlights` (in order, not overlapping) styled as
/// matches, on one line for a terminal ([`escape`]).
pub(super) fn mark(text: &str, highlights: &[(usize, usize)], style: Style) -> String {
    mark_with(text, highlights, style, escape)
}

/// [`mark`] for a text of several lines ([`escape_lines`]).
pub(super) fn mark_lines(text: &str, highlights: &[(usize, usize)], style: Style) -> String {
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
