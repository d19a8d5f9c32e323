//! Keyword-in-context lines: aligned text, TSV and JSON.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::Style;
use super::export::tsv_field;
use crate::kwic::KwicLine;

/// Left context right-aligned, the match, right context padded, then date and path.
pub fn print_kwic_text(
    out: &mut impl Write,
    lines: &[KwicLine],
    total: usize,
    width: usize,
    style: Style,
) -> io::Result<()> {
    for line in lines {
        let left_pad = width.saturating_sub(line.left.chars().count());
        let right_pad = width.saturating_sub(line.right.chars().count());
        writeln!(
            out,
            "{}{}{}{}{}  {}  {}",
            " ".repeat(left_pad),
            super::escape(&line.left),
            style.highlight(&super::escape(&line.keyword)),
            super::escape(&line.right),
            " ".repeat(right_pad),
            style.date(&line.date.month.to_string()),
            style.path(&super::escape(&line.path))
        )?;
    }
    let noun = if total == 1 {
        "occurrence"
    } else {
        "occurrences"
    };
    let mut summary = format!("{total} {noun}");
    if lines.len() < total {
        summary.push_str(&format!(" (showing {}; more with --limit)", lines.len()));
    }
    writeln!(out, "{}", style.dim(&summary))
}

/// `left<TAB>match<TAB>right<TAB>date<TAB>path`, with a header row.
pub fn print_kwic_tsv(out: &mut impl Write, lines: &[KwicLine]) -> io::Result<()> {
    writeln!(out, "left\tmatch\tright\tdate\tpath")?;
    for line in lines {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            tsv_field(&super::escape(&line.left)),
            tsv_field(&super::escape(&line.keyword)),
            tsv_field(&super::escape(&line.right)),
            line.date,
            tsv_field(&super::escape(&line.path))
        )?;
    }
    Ok(())
}

/// `krant kwic --format json`.
#[derive(Debug, Serialize)]
struct KwicJson<'a> {
    query: &'a str,
    total: usize,
    lines: Vec<KwicLineJson<'a>>,
}

#[derive(Debug, Serialize)]
struct KwicLineJson<'a> {
    left: &'a str,
    #[serde(rename = "match")]
    keyword: &'a str,
    right: &'a str,
    date: String,
    path: Cow<'a, str>,
    offset: usize,
}

/// One JSON object: the query, the number of occurrences, and the lines shown.
pub fn print_kwic_json(
    out: &mut impl Write,
    query: &str,
    lines: &[KwicLine],
    total: usize,
) -> io::Result<()> {
    let json = KwicJson {
        query,
        total,
        lines: lines
            .iter()
            .map(|l| KwicLineJson {
                left: &l.left,
                keyword: &l.keyword,
                right: &l.right,
                date: l.date.to_string(),
                path: crate::corpus::shown_path(&l.path),
                offset: l.offset,
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}
