//! `krant analyze`: what the Dutch analysis makes of a text, token by token, as a table
//! or as JSON, and the JSON's wire type.

use std::io::{self, Write};

use serde::Serialize;

use super::json::write_line;
use crate::analysis::Explained;

/// One token of `krant analyze --format json` (a list of them, in order).
#[derive(Serialize)]
struct TokenJson<'a> {
    /// The position the word takes (a dropped stop word keeps its own).
    position: usize,
    /// The text as written.
    text: &'a str,
    /// The term indexed or searched; `null` when the word is dropped.
    term: Option<&'a str>,
    /// What the token stands for: `word`, `part`, `joined`, `compound part` or `form`.
    kind: &'static str,
    /// What each filter did, in order.
    steps: &'a [String],
}

/// The tokens as one JSON list.
pub fn print_analyze_json(out: &mut impl Write, explained: &[Explained]) -> io::Result<()> {
    let tokens: Vec<TokenJson> = explained
        .iter()
        .map(|e| TokenJson {
            position: e.position,
            text: &e.text,
            term: e.term.as_deref(),
            kind: e.kind.name(),
            steps: &e.steps,
        })
        .collect();
    write_line(out, &tokens)
}

/// A line with the side and the number of tokens, then a table: position, term, text,
/// kind and steps.
pub fn print_analyze_text(
    out: &mut impl Write,
    explained: &[Explained],
    query_side: bool,
) -> io::Result<()> {
    let side = if query_side { "query" } else { "index" };
    writeln!(
        out,
        "{side} side: {} tokens",
        explained.iter().filter(|e| e.term.is_some()).count()
    )?;
    writeln!(
        out,
        "{:>4}  {:<20} {:<18} {:<14} steps",
        "pos", "term", "text", "kind"
    )?;
    for e in explained {
        writeln!(
            out,
            "{:>4}  {:<20} {:<18} {:<14} {}",
            e.position,
            e.term.as_deref().unwrap_or("(dropped)"),
            e.text,
            e.kind.name(),
            e.steps.join("; ")
        )?;
    }
    Ok(())
}
