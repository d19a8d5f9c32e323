//! The snippets' speed-up, behind one seam: an index-side pass over only the words of a
//! text that may match a query ([`DutchAnalyzer::analyze_candidates`]). Words without a
//! spot are skipped unseen, and a judge says of the others, from the folded form, whether
//! they are skipped, stemmed, or also split as compounds. The tests below check that the
//! pass keeps exactly the tokens a full analysis gives those words.

use super::words::{WordScanner, is_ascii_joiner};
use super::{DutchAnalyzer, Mode, TokenView};

/// How much of the analysis a word needs, for [`DutchAnalyzer::analyze_candidates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidate {
    /// Cannot match: keep the position, nothing else.
    Skip,
    /// May match on its own: stem it.
    Word,
    /// May match as a compound's part too: stem it and split it.
    Compound,
}

/// Says from a word's folded form (its UTF-8 bytes) how much analysis it needs.
pub type Judge<'a> = dyn Fn(&[u8]) -> Candidate + 'a;

/// Where in a text a word may fold to something that holds one of a few heads (short
/// strings of folded letters), for [`DutchAnalyzer::analyze_candidates`]: the byte
/// offsets of the heads in the text's ASCII lower case, of every non-ASCII byte (a word
/// with one may fold to anything), and of every character that may join parts into one
/// word (the joined form may hold a head across the joint). A word without any of these
/// in its bytes is ASCII and its lower case, which is its folded form, holds no head.
#[derive(Debug)]
pub struct Spots {
    /// Sorted, without repeats.
    offsets: Vec<usize>,
}

impl Spots {
    /// The spots of `heads` in `text`.
    pub fn find(text: &str, heads: &[&[u8]]) -> Spots {
        let bytes = text.as_bytes();
        let lower = bytes.to_ascii_lowercase();
        let mut offsets = Vec::new();
        for head in heads {
            offsets.extend(memchr::memmem::find_iter(&lower, head));
        }
        for (i, &b) in bytes.iter().enumerate() {
            // A dot or comma joins only after a digit (`30.000`, `3,4`); sentences' dots
            // and commas would be spots for nothing (a ranged `kalifaat`: 3.45 M
            // instructions, 3.47 M with the dots).
            let joins = is_ascii_joiner(b)
                && (!matches!(b, b'.' | b',') || i > 0 && bytes[i - 1].is_ascii_digit());
            if !b.is_ascii() || joins {
                offsets.push(i);
            }
        }
        offsets.sort_unstable();
        offsets.dedup();
        Spots { offsets }
    }

    /// The first spot at or after `from`, moving `cursor` (an index into the spots that
    /// only moves forward) to it.
    fn next(&self, from: usize, cursor: &mut usize) -> Option<usize> {
        while self.offsets.get(*cursor).is_some_and(|&o| o < from) {
            *cursor += 1;
        }
        self.offsets.get(*cursor).copied()
    }

    /// Whether a spot lies in `start..end`; calls must come in the order of the text.
    pub(super) fn any_within(&self, (start, end): (usize, usize), cursor: &mut usize) -> bool {
        self.next(start, cursor).is_some_and(|o| o < end)
    }

    /// Moves `scanner` to the run of non-blanks of the next spot: no word spans a blank,
    /// so the scanner finds there the words it would have found walking up to it. False
    /// when no spot is left.
    pub(super) fn skip_to_next(
        &self,
        text: &str,
        scanner: &mut WordScanner<'_>,
        cursor: &mut usize,
    ) -> bool {
        let Some(spot) = self.next(scanner.position(), cursor) else {
            return false;
        };
        let from = scanner.position();
        if spot > from {
            let run_start = text.as_bytes()[from..spot]
                .iter()
                .rposition(u8::is_ascii_whitespace)
                .map_or(from, |blank| from + blank + 1);
            scanner.skip_to(run_start);
        }
        true
    }
}

/// What a candidates pass judges words by.
#[derive(Clone, Copy)]
pub(super) struct Candidates<'a> {
    pub(super) judge: &'a Judge<'a>,
    pub(super) spots: &'a Spots,
    /// Whether every word is walked, so that tokens keep the positions a full analysis
    /// gives them (phrases need them); if not, the pass goes from spot to spot and the
    /// positions mean nothing.
    pub(super) keep_positions: bool,
}

impl DutchAnalyzer {
    /// Index-side analysis of only the words that may matter: words without a spot are
    /// skipped unseen, and `judge` says of the others, from the folded form (its UTF-8
    /// bytes), whether they are skipped (their positions kept), stemmed, or also split as
    /// compounds. Snippets use it, so that a search neither stems every word of ten
    /// articles nor loads the compound dictionary for words that cannot match. `judge`
    /// must skip every word whose folded form holds none of the heads of `spots`. For
    /// `keep_positions`, see [`Candidates`].
    pub fn analyze_candidates(
        &mut self,
        text: &str,
        judge: &Judge<'_>,
        spots: &Spots,
        keep_positions: bool,
        mut sink: impl FnMut(TokenView<'_>),
    ) {
        let candidates = Candidates {
            judge,
            spots,
            keep_positions,
        };
        self.run(text, Mode::Index, &mut sink, None, Some(candidates));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalyzedToken, TokenKind, fold};

    /// The tokens of a candidates pass over `text` (heads `vlu` and `bel`), and those of
    /// the full analysis of the words the pass's judge keeps.
    fn candidates_and_expected(
        text: &str,
        keep_positions: bool,
    ) -> (Vec<AnalyzedToken>, Vec<AnalyzedToken>) {
        let judge = |folded: &[u8]| {
            let folded = std::str::from_utf8(folded).unwrap();
            if folded.contains("vluchteling") || folded.contains("belg") {
                Candidate::Compound
            } else if folded.contains("vlucht") {
                Candidate::Word
            } else {
                Candidate::Skip
            }
        };
        let heads: [&[u8]; 2] = [b"vlu", b"bel"];
        let mut kept = Vec::new();
        let spots = Spots::find(text, &heads);
        DutchAnalyzer::new().analyze_candidates(text, &judge, &spots, keep_positions, |t| {
            kept.push(t.to_owned())
        });
        let judged = |t: &AnalyzedToken| {
            let joined: String = text[t.start..t.end]
                .chars()
                .filter(|c| !matches!(c, '-' | '\'' | '.'))
                .collect();
            judge(fold(&joined).as_bytes())
        };
        // Words judged `Word` are stemmed but not split: their compound parts are absent.
        let expected = DutchAnalyzer::new()
            .tokens(text, Mode::Index)
            .into_iter()
            .filter(|t| match judged(t) {
                Candidate::Skip => false,
                Candidate::Word => t.kind != TokenKind::CompoundPart,
                Candidate::Compound => true,
            })
            .collect();
        (kept, expected)
    }

    /// Upper case, stop words, hyphenated groups (one with a head across the hyphen), an
    /// apostrophe-s, a compound, non-ASCII words, curly quotes, a word in brackets, a
    /// thousands dot and an over-long word: every path of a candidates pass.
    fn candidates_text() -> String {
        let long = "vlucht".repeat(12);
        format!(
            "De Vluchtelingen kwamen uit BELGIË en Belgie, het VLUCHTELINGENPROBLEEM \
             groeit. Een vluchteling-kamp, de vluchteling's tent en de Vluchtroute {long} \
             zonder meer; “Vluchten” (vluchtelingen) 30.000 keer vl-uchtelingen.\n\
             Daarna vluchtten ze verder naar het noorden van België, zei Vlüchteling Bélgica."
        )
    }

    #[test]
    fn a_candidates_pass_keeps_exactly_the_full_analysis_of_the_words_it_judges_worth_it() {
        let text = candidates_text();
        let (kept, expected) = candidates_and_expected(&text, true);
        assert_eq!(kept, expected);
        let positions: Vec<usize> = kept.iter().map(|t| t.position).collect();
        assert!(positions.contains(&1) && positions.iter().any(|&p| p > 20));
        assert!(kept.iter().any(|t| t.term == "belgie"));
        // Heads that only folding reveals.
        assert!(kept.iter().any(|t| &text[t.start..t.end] == "Vlüchteling"));
        assert!(kept.iter().any(|t| &text[t.start..t.end] == "Bélgica"));
        assert!(
            kept.iter()
                .any(|t| t.kind == TokenKind::Joined && t.term.starts_with("vlucht"))
        );
    }

    #[test]
    fn a_candidates_pass_without_positions_finds_the_same_words_going_from_spot_to_spot() {
        let text = candidates_text();
        let (kept, expected) = candidates_and_expected(&text, false);
        let unplaced = |tokens: &[AnalyzedToken]| -> Vec<(usize, usize, String, TokenKind)> {
            tokens
                .iter()
                .map(|t| (t.start, t.end, t.term.clone(), t.kind))
                .collect()
        };
        assert_eq!(unplaced(&kept), unplaced(&expected));
        assert!(expected.len() > 15, "{expected:?}");
        // Nothing to look for: nothing is even scanned.
        let spots = Spots::find("Geen enkel woord hier.", &[b"vlu"]);
        assert!(spots.offsets.is_empty());
    }
}
