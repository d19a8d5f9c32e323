//! Which words of a text match a query, for snippets, `kwic` and `show`: the
//! [`Matcher`] built from a query's positive words and phrases, and [`find_matches`],
//! which runs the analyzer over only the words that may match (the candidates pass of
//! [`crate::analysis::DutchAnalyzer::analyze_candidates`]) and marks the matches.

use std::collections::{HashMap, HashSet};

use crate::analysis::{AnalyzedToken, Candidate, DutchAnalyzer, Mode, Spots, TokenKind, TokenView};
use crate::query::{Expr, Scope};

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
    /// `vluchteling`); and, for a compound that has a term as its part, the first five, in
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

/// Optimal-string-alignment distance (a swap of neighbours counts as one edit) of `a`
/// and `b` is at most `max`; mirrors the fuzzy queries of the index.
fn edit_distance_at_most(a: &str, b: &str, max: usize) -> bool {
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
