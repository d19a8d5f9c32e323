//! Turns the bytes of an article file into text: UTF-8 (with or without BOM), else Windows-1252.

use std::borrow::Cow;

/// The encoding a file's bytes were read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Valid UTF-8 (a leading BOM, if any, is dropped).
    Utf8,
    /// Not valid UTF-8, so read as Windows-1252, the usual legacy encoding of Dutch text.
    Windows1252,
}

/// Decodes a file's bytes. Never fails: every byte sequence is valid Windows-1252 once
/// the five undefined code points are mapped to the C1 controls, as WHATWG does.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => (
            Cow::Owned(bytes.iter().map(|&b| windows_1252_char(b)).collect()),
            Encoding::Windows1252,
        ),
    }
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

fn windows_1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_and_bom_is_dropped() {
        let (text, enc) = decode("date 2017-10 België".as_bytes());
        assert_eq!(text, "date 2017-10 België");
        assert_eq!(enc, Encoding::Utf8);
        let (text, enc) = decode(b"\xEF\xBB\xBFdate 2017-10 x");
        assert_eq!(text, "date 2017-10 x");
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        // "België – “IS”" in Windows-1252.
        let (text, enc) = decode(b"Belgi\xEB \x96 \x93IS\x94 \x80");
        assert_eq!(text, "België – “IS” €");
        assert_eq!(enc, Encoding::Windows1252);
    }
}
