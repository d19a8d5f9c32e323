//! Snippets: the best short passage of an article for a query, with the matching words
//! marked. Which words match is the [`matcher`]'s job: it runs through the same analyzer
//! as the index, so other forms of a query's word (`vluchteling` finds `vluchtelingen`)
//! and folded forms (`belgie` finds `België`) light up. This module picks the window and
//! renders it.

mod matcher;

use std::collections::HashSet;

use crate::analysis::DutchAnalyzer;

pub use matcher::{Matcher, find_matches};

/// Characters a snippet aims for.
pub const SNIPPET_CHARS: usize = 200;

/// A snippet is chosen from at most this many bytes of the start of a text, which bounds
/// the work per hit (the matcher analyzes every word it scans, and a fuzzy word matches
/// any word): a match past them is not shown, the article is still found.
pub const SNIPPET_SCAN_BYTES: usize = 1 << 20;

/// Characters of context kept before the first match of a window.
const LEAD_CHARS: usize = 40;

/// A passage of an article with the byte ranges of its matching words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage: one line, whitespace collapsed, `…` where it was cut.
    pub text: String,
    /// Byte ranges of `text` that matched, in order, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

/// Picks the passage of `text` with the most distinct matches (then the most matches),
/// about [`SNIPPET_CHARS`] long and cut at word boundaries. Without matches, the opening
/// of the text after its title line.
pub fn make_snippet(text: &str, matcher: &Matcher, analyzer: &mut DutchAnalyzer) -> Snippet {
    let matches = if matcher.is_empty() {
        Vec::new()
    } else {
        find_matches(text, matcher, analyzer)
    };
    let start = if matches.is_empty() {
        opening_after_title(text)
    } else {
        best_window_start(text, &matches)
    };
    let end = window_end(text, start);
    let highlights: Vec<(usize, usize)> = matches
        .iter()
        .filter(|(s, e, _)| *s >= start && *e <= end)
        .map(|(s, e, _)| (*s, *e))
        .collect();
    let cut_before = !matches.is_empty() && start > 0;
    render(text, start, end, cut_before, &highlights)
}

/// Where the text after the first line starts, if there is more text.
fn opening_after_title(text: &str) -> usize {
    match text.find('\n') {
        Some(nl) if !text[nl..].trim().is_empty() => {
            nl + text[nl..].len() - text[nl..].trim_start().len()
        }
        _ => 0,
    }
}

/// Chooses where the best window starts: a little before the first match of the
/// window that covers the most distinct terms, then the most matches.
fn best_window_start(text: &str, matches: &[(usize, usize, String)]) -> usize {
    let mut best = (0usize, 0usize, 0usize);
    for (i, &(first, _, _)) in matches.iter().enumerate() {
        let limit = advance_chars(text, first, SNIPPET_CHARS - LEAD_CHARS);
        let in_window = matches[i..].iter().take_while(|(_, e, _)| *e <= limit);
        let mut distinct = HashSet::new();
        let mut count = 0;
        for (_, _, term) in in_window {
            distinct.insert(term.as_str());
            count += 1;
        }
        if (distinct.len(), count) > (best.0, best.1) {
            best = (distinct.len(), count, first);
        }
    }
    let first = best.2;
    let lead = retreat_chars(text, first, LEAD_CHARS);
    if lead == 0 {
        return 0;
    }
    // Start at a word: after the whitespace at or after `lead`, unless that passes the match.
    match text[lead..first].find(char::is_whitespace) {
        Some(ws) => lead + ws + text[lead + ws..].len() - text[lead + ws..].trim_start().len(),
        None => first,
    }
}

fn window_end(text: &str, start: usize) -> usize {
    let limit = advance_chars(text, start, SNIPPET_CHARS);
    if limit >= text.len() {
        return text.len();
    }
    // Cut at the last whitespace before the limit, so no word is split.
    match text[start..limit].rfind(char::is_whitespace) {
        Some(ws) if ws > 0 => start + ws,
        _ => limit,
    }
}

/// The byte offset `chars` characters after `from` (or the end).
pub(crate) fn advance_chars(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The byte offset `chars` characters before `from` (or the start).
pub(crate) fn retreat_chars(text: &str, from: usize, chars: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// Builds the snippet string: collapses whitespace, adds `…` at cut ends, and maps the
/// highlight ranges into the new string.
fn render(
    text: &str,
    start: usize,
    end: usize,
    cut_before: bool,
    highlights: &[(usize, usize)],
) -> Snippet {
    let mut out = String::with_capacity(end - start + 8);
    let mut ranges = Vec::with_capacity(highlights.len());
    if cut_before {
        out.push('…');
    }
    let mut next_highlight = highlights.iter().peekable();
    let mut open: Option<(usize, usize)> = None;
    let mut pending_space = false;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if let Some(&&(s, e)) = next_highlight.peek()
            && at == s
        {
            if pending_space && !out.is_empty() && !out.ends_with('…') {
                out.push(' ');
            }
            pending_space = false;
            open = Some((out.len(), e));
            next_highlight.next();
        }
        if c.is_whitespace() {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() && !out.ends_with('…') {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
        if let Some((from, e)) = open
            && at + c.len_utf8() == e
        {
            ranges.push((from, out.len()));
            open = None;
        }
    }
    if end < text.len() {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights: ranges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query;

    fn snippet(text: &str, q: &str) -> Snippet {
        let mut analyzer = DutchAnalyzer::new();
        let expr = query::parse(q).unwrap();
        let matcher = Matcher::new(expr.as_ref(), &mut analyzer);
        make_snippet(text, &matcher, &mut analyzer)
    }

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        let mut last = 0;
        for &(a, b) in &s.highlights {
            out.push_str(&s.text[last..a]);
            out.push('[');
            out.push_str(&s.text[a..b]);
            out.push(']');
            last = b;
        }
        out.push_str(&s.text[last..]);
        out
    }

    #[test]
    fn highlights_stemmed_and_folded_variants() {
        let s = snippet(
            "Veel vluchtelingen kwamen uit Syrië.\nDe vluchteling sprak.",
            "vluchteling syrie",
        );
        assert_eq!(
            marked(&s),
            "Veel [vluchtelingen] kwamen uit [Syrië]. De [vluchteling] sprak."
        );
    }

    #[test]
    fn phrases_are_highlighted_only_where_they_occur() {
        let s = snippet(
            "In de zomer van 2014 viel de stad. De zomer was heet.",
            "\"de zomer van 2014\"",
        );
        assert_eq!(
            marked(&s),
            // `de` is a stop word: the phrase matches from `zomer` on.
            "In de [zomer van 2014] viel de stad. De zomer was heet."
        );
        let s = snippet("IS-strijders en IS en strijders", "IS-strijders");
        assert_eq!(marked(&s), "[IS-strijders] en IS en strijders");
    }

    #[test]
    fn negated_words_are_not_highlighted() {
        let s = snippet("Mosul en Raqqa vielen.", "Mosul -Raqqa");
        assert_eq!(marked(&s), "[Mosul] en Raqqa vielen.");
    }

    #[test]
    fn prefix_and_fuzzy_words_are_highlighted() {
        let s = snippet(
            "De vluchtelingenstroom en het kalifaat.",
            "vluchtel* kalifat~1",
        );
        assert_eq!(marked(&s), "De [vluchtelingenstroom] en het [kalifaat].");
    }

    #[test]
    fn picks_the_window_with_most_distinct_matches_and_cuts_at_words() {
        let filler = "woord ".repeat(80);
        let text = format!("Irak werd genoemd. {filler}Irak en Mosul samen hier. {filler}einde");
        let s = snippet(&text, "Irak Mosul");
        assert!(s.text.starts_with('…'), "{}", s.text);
        assert!(s.text.ends_with('…'), "{}", s.text);
        assert!(
            marked(&s).contains("[Irak] en [Mosul] samen"),
            "{}",
            marked(&s)
        );
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 2);
        // Cut at word boundaries: every word between the ellipses is whole.
        let inner = s.text.trim_matches('…');
        assert!(
            inner
                .split(' ')
                .all(|w| w == "woord" || ["Irak", "en", "Mosul", "samen", "hier."].contains(&w))
        );
    }

    #[test]
    fn without_matches_shows_the_opening_after_the_title() {
        let s = snippet("De titel\n\nEerste zin van de tekst.", "");
        assert_eq!(s.text, "Eerste zin van de tekst.");
        assert!(s.highlights.is_empty());
        let s = snippet("Alleen een regel.", "");
        assert_eq!(s.text, "Alleen een regel.");
    }

    #[test]
    fn newlines_and_runs_of_spaces_collapse() {
        let s = snippet("Een\n\n  twee   drie", "twee");
        assert_eq!(marked(&s), "Een [twee] drie");
    }
}
