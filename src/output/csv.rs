//! Fields of CSV and TSV exports.

use std::borrow::Cow;

/// Quotes a CSV field when it needs it (RFC 4180: commas, quotes, line breaks).
pub fn csv_field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// A TSV field: tabs and line breaks become spaces, since TSV has no quoting.
pub fn tsv_field(text: &str) -> Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("zei \"ja\""), "\"zei \"\"ja\"\"\"");
        assert_eq!(csv_field("regel\nregel"), "\"regel\nregel\"");
        assert_eq!(csv_field(" rand"), "\" rand\"");
    }

    #[test]
    fn tsv_flattens_separators() {
        assert_eq!(tsv_field("a\tb\nc"), "a b c");
        assert_eq!(tsv_field("ok"), "ok");
    }
}
