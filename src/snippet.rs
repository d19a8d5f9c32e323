//! Snippets: the best short passage of an article for a query, with the matching words
//! marked. Matching runs through the same analyzer as the index, so stemmed variants
//! (`vluchteling` → `vluchtelingen`) and folded forms (`belgie` → `België`) light up.

use std::collections::{HashMap, HashSet};

use crate::analysis::{AnalyzedToken, Candidate, DutchAnalyzer, Mode, Spots, TokenKind, TokenView};
use crate::query::{Expr, Scope};

/// Characters a snippet aims for.
pub const SNIPPET_CHARS: usize = 200;

/// A snippet is chosen from at most this many bytes of the start of a text, which bounds
/// the work per hit (the matcher analyzes every word it scans, and a fuzzy word matches
/// any word): a match past them is not shown, the article is still found.
pub const SNIPPET_SCAN_BYTES: usize = 1 << 20;

/// Characters of context kept before the first match of a window.
const LEAD_CHARS: usize = 40;

/// Decides which analyzed terms of a text count as matches of a query.
#[derive(Debug, Default, Clone)]
pub struct Matcher {
    terms: HashSet<String>,
    prefixes: Vec<String>,
    fuzzy: Vec<(String, u8)>,
    /// Multi-word phrases: (position offset, term) pairs that must appear together.
    phrases: Vec<Vec<(usize, String)>>,
    /// The first three letters of the query's words as written (folded): a word the
    /// lexicon does not know may have a stem that does not begin it (`bamen`: `baam`).
    written: Vec<String>,
}

impl Matcher {
    /// The matcher for the positive words and phrases of `expr` (none for `None`), taken
    /// as it is: synonyms are not expanded here. Commands get their matcher from
    /// `index::Searcher::matcher`, the one way that expands them, so that search, kwic and
    /// show mark the same words.
    pub(crate) fn new(expr: Option<&Expr>, analyzer: &mut DutchAnalyzer) -> Matcher {
        let mut matcher = Matcher::default();
        let Some(expr) = expr else {
            return matcher;
        };
        // Title-only words say nothing about the text the snippet comes from.
        let parts = expr.positive_parts().into_iter().filter(|part| {
            !matches!(
                part,
                Expr::Word {
                    scope: Scope::Title,
                    ..
                } | Expr::Phrase {
                    scope: Scope::Title,
                    ..
                }
            )
        });
        for part in parts {
            match part {
                Expr::Word { text, prefix, .. } if *prefix => {
                    let words: Vec<_> = crate::analysis::word_spans(text).collect();
                    if let Some((&(s, e), before)) = words.split_last() {
                        matcher.prefixes.push(analyzer.normalize(&text[s..e]));
                        for &(s, e) in before {
                            matcher.terms.extend(analyzer.terms(&text[s..e]));
                        }
                    }
                }
                Expr::Word {
                    text,
                    fuzzy: Some(distance),
                    ..
                } => {
                    let form: String = crate::analysis::word_spans(text)
                        .map(|(s, e)| analyzer.normalize(&text[s..e]))
                        .collect();
                    matcher.fuzzy.push((form, *distance));
                }
                Expr::Phrase { text, slop, .. } if *slop > 0 => {
                    matcher.terms.extend(analyzer.terms(text));
                }
                Expr::Word { text, .. } | Expr::Phrase { text, .. } => {
                    matcher.written.extend(
                        crate::analysis::word_spans(text).map(|(s, e)| {
                            analyzer.normalize(&text[s..e]).chars().take(3).collect()
                        }),
                    );
                    for tokens in analyzer.query_variants(text) {
                        match tokens.as_slice() {
                            [] => {}
                            [one] => {
                                matcher.terms.insert(one.term.clone());
                            }
                            many => matcher.phrases.push(
                                many.iter()
                                    .map(|t| (t.position - many[0].position, t.term.clone()))
                                    .collect(),
                            ),
                        }
                    }
                }
                _ => {}
            }
        }
        matcher
    }

    /// Letters a matching word must contain: the first three of some term, part or
    /// prefix (a word shares them with its stem: `gewerkt` → `werk`, `vluchtelingen` →
    /// `vluchteel`); and, for a compound that has a term as its part, the first five, in
    /// a word at least three letters longer than the term (the shortest modifier):
    /// `vluchtelingenproblemen` holds `probl` of `probleem`. `None` when anything may
    /// match (fuzzy words).
    fn hints(&self) -> Option<Hints> {
        if !self.fuzzy.is_empty() {
            return None;
        }
        let head = |t: &str, n: usize| {
            t.chars()
                .take(n)
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        let mut hints = Hints {
            word: Vec::new(),
            compound: Vec::new(),
        };
        // A term need not begin its words (`grijp` for `greep`): its pieces are what its
        // words hold.
        let terms = self
            .terms
            .iter()
            .chain(self.phrases.iter().flatten().map(|(_, t)| t));
        for term in terms {
            let pieces = crate::analysis::term_pieces(term);
            hints.compound.push((head(term, 5), term.len()));
            for piece in &pieces[1..] {
                hints.compound.push((piece.clone(), piece.len()));
            }
            hints.word.extend(pieces);
        }
        hints.word.extend(self.written.iter().cloned());
        for prefix in &self.prefixes {
            hints.word.push(head(prefix, 3));
            hints.compound.push((head(prefix, 5), prefix.len()));
        }
        Some(hints)
    }

    /// Whether the matcher matches nothing at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.prefixes.is_empty()
            && self.fuzzy.is_empty()
            && self.phrases.is_empty()
    }

    /// Whether a word of the text matches on its own (phrases aside), given its
    /// analyzed term and its surface form. Prefixes and fuzzy words match the folded,
    /// unstemmed form, as they do in the index.
    pub fn matches(&self, term: &str, surface: &str) -> bool {
        if self.terms.contains(term) {
            return true;
        }
        if self.prefixes.is_empty() && self.fuzzy.is_empty() {
            return false;
        }
        let form = crate::analysis::fold(surface);
        self.prefixes.iter().any(|p| form.starts_with(p.as_str()))
            || self
                .fuzzy
                .iter()
                .any(|(q, d)| edit_distance_at_most(&form, q, usize::from(*d)))
    }
}

/// What a word must contain to be worth analyzing for a snippet (see `Matcher::hints`).
struct Hints {
    /// Three-letter heads of the terms.
    word: Vec<String>,
    /// Five-letter heads, with the length of their term.
    compound: Vec<(String, usize)>,
}

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

/// Byte ranges of the matches in `text`, in order and not overlapping, each with a key
/// telling which query part it matched (a phrase counts as one).
pub fn find_matches(
    text: &str,
    matcher: &Matcher,
    analyzer: &mut DutchAnalyzer,
) -> Vec<(usize, usize, String)> {
    // Index-side tokens (compound parts and joined forms match as in the index), but only
    // for words that may match: stemming every word of every hit would dominate a search.
    let mut tokens: Vec<AnalyzedToken> = Vec::new();
    let keep = |t: TokenView<'_>| {
        if t.kind != TokenKind::Form {
            tokens.push(t.to_owned());
        }
    };
    match matcher.hints() {
        // Fuzzy words: any word may match.
        None => analyzer.analyze(text, Mode::Index, keep),
        Some(Hints { word, compound }) => {
            // Most words hold no head at all, so that is asked first; a five-letter head
            // holds its term's three-letter one.
            let judge = |folded: &[u8]| {
                if !word.iter().any(|p| contains(folded, p.as_bytes())) {
                    Candidate::Skip
                } else if compound
                    .iter()
                    .any(|(p, len)| folded.len() >= len + 3 && contains(folded, p.as_bytes()))
                {
                    Candidate::Compound
                } else {
                    Candidate::Word
                }
            };
            let heads: Vec<&[u8]> = word.iter().map(String::as_bytes).collect();
            let spots = Spots::find(text, &heads);
            // Only phrases look at positions; other queries go from spot to spot.
            let keep_positions = !matcher.phrases.is_empty();
            analyzer.analyze_candidates(text, &judge, &spots, keep_positions, keep);
        }
    }
    let mut at_position: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, token) in tokens.iter().enumerate() {
        at_position.entry(token.position).or_default().push(i);
    }
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for token in &tokens {
        for phrase in &matcher.phrases {
            let Some(((first_offset, first_term), rest)) = phrase.split_first() else {
                continue;
            };
            if token.term != *first_term {
                continue;
            }
            let mut end = token.end;
            let fits = rest.iter().all(|(offset, term)| {
                let position = token.position + offset - first_offset;
                at_position.get(&position).is_some_and(|ids| {
                    ids.iter().any(|&i| {
                        let hit = tokens[i].term == *term;
                        if hit {
                            end = end.max(tokens[i].end);
                        }
                        hit
                    })
                })
            });
            if fits {
                let key = phrase.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>();
                found.push((token.start, end, key.join(" ")));
            }
        }
        if matcher.matches(&token.term, &text[token.start..token.end]) {
            found.push((token.start, token.end, token.term.clone()));
        }
    }
    found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut merged: Vec<(usize, usize, String)> = Vec::with_capacity(found.len());
    for m in found {
        match merged.last_mut() {
            Some(last) if m.0 < last.1 => last.1 = last.1.max(m.1),
            _ => merged.push(m),
        }
    }
    merged
}

/// Whether `needle` occurs in `haystack`. For a word and a head of a few letters:
/// `str::contains` prepares a general substring search on every call, which cost more
/// than the rest of a snippet's scan of a word together.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return false;
    };
    haystack[..=last_start]
        .iter()
        .enumerate()
        .any(|(i, &b)| b == first && haystack[i + 1..i + needle.len()] == *rest)
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

/// Optimal-string-alignment distance (a swap of neighbours counts as one edit) of `a`
/// and `b` is at most `max`; mirrors the fuzzy queries of the index.
pub fn edit_distance_at_most(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (prev2, rest) = rows.split_at_mut(1);
        let (prev, cur) = rest.split_at_mut(1);
        let (prev2, prev, cur) = (&prev2[0], &prev[0], &mut cur[0]);
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(prev2[j - 2] + 1);
            }
            cur[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max {
            return false;
        }
        rows.rotate_left(1);
    }
    // After the last rotation the newest row sits in the middle.
    rows[1][b.len()] <= max
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
    fn contains_finds_a_needle_anywhere_and_only_whole() {
        let cases = [
            ("vluchteling", "vlu", true),
            ("vluchteling", "ing", true),
            ("vluchteling", "lin", true),
            ("vluchteling", "ingx", false),
            ("vluchteling", "xvl", false),
            ("aaab", "aab", true),
            ("ab", "abc", false),
            ("", "a", false),
            ("abc", "", true),
        ];
        for (haystack, needle, expected) in cases {
            assert_eq!(
                contains(haystack.as_bytes(), needle.as_bytes()),
                expected,
                "{needle} in {haystack}"
            );
            assert_eq!(
                haystack.contains(needle),
                expected,
                "{needle} in {haystack}"
            );
        }
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

    #[test]
    fn edit_distance() {
        assert!(edit_distance_at_most("kalifaat", "kalifaat", 0));
        assert!(edit_distance_at_most("kalifat", "kalifaat", 1));
        assert!(edit_distance_at_most("kailfaat", "kalifaat", 1));
        assert!(!edit_distance_at_most("kalfat", "kalifaat", 1));
        assert!(edit_distance_at_most("kalfat", "kalifaat", 2));
        assert!(!edit_distance_at_most("mosul", "kalifaat", 2));
        assert!(edit_distance_at_most("", "ab", 2));
    }
}
