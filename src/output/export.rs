//! Hits for other tools: NDJSON, CSV and bare paths.

use std::borrow::Cow;
use std::io::{self, Write};

use super::json::HitJson;
use crate::index::Hits;

/// One JSON object per hit, one per line (the objects of `--format json`'s `hits`).
pub fn print_search_ndjson(out: &mut impl Write, hits: &Hits) -> io::Result<()> {
    for hit in &hits.hits {
        serde_json::to_writer(&mut *out, &HitJson::from_hit(hit))?;
        writeln!(out)?;
    }
    Ok(())
}

/// A header row, then one row per hit: path, date, title, score, snippet.
pub fn print_search_csv(out: &mut impl Write, hits: &Hits) -> io::Result<()> {
    writeln!(out, "path,date,title,score,snippet")?;
    for hit in &hits.hits {
        let score = hit.score.map(|s| format!("{s:.4}")).unwrap_or_default();
        writeln!(
            out,
            "{},{},{},{},{}",
            csv_field(&super::escape(&hit.path)),
            hit.date,
            csv_field(&super::escape(&hit.title)),
            score,
            csv_field(&super::escape(&hit.snippet.text))
        )?;
    }
    Ok(())
}

/// One path per line.
///
/// For a terminal, each path is escaped like all text output; for a pipe (`| xargs`) it
/// is written as the file system spells it, bytes that are not UTF-8 included, as `ls`
/// does.
pub fn print_search_paths(out: &mut impl Write, hits: &Hits, terminal: bool) -> io::Result<()> {
    for hit in &hits.hits {
        if terminal {
            writeln!(out, "{}", super::escape(&hit.path))?;
        } else {
            out.write_all(&crate::corpus::path_bytes(&hit.path))?;
            writeln!(out)?;
        }
    }
    Ok(())
}

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
