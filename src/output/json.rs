//! Pieces every JSON printer shares: one value on a line, and byte ranges as character
//! offsets.

use std::io::{self, Write};

use serde::Serialize;

/// Writes `value` as one line of JSON.
pub(super) fn write_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// Byte ranges of `text` as `[start, end)` character offsets, for JSON consumers.
pub(super) fn char_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    let char_at = |byte: usize| text[..byte].chars().count();
    ranges
        .iter()
        .map(|&(s, e)| [char_at(s), char_at(e)])
        .collect()
}
