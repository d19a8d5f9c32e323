//! Texts made safe for a terminal: control characters and raw bytes of file names shown
//! as escapes.

use std::borrow::Cow;

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
