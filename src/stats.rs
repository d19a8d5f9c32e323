//! The statistics of corpus comparison: Dunning's log-likelihood (G²) of a word's count in
//! a part of the archive against its count in the rest, as `keywords` and `collocations`
//! rank by it.
//!
//! Dunning (1993), "Accurate methods for the statistics of surprise and coincidence":
//! a 2×2 table of the word's count and the other words' count in each part, G² =
//! 2 Σ O ln(O/E) over its four cells, E from the margins. Unlike χ² it stays sound for the
//! rare words that most keywords are.

/// A word's counts in two parts of a corpus, and the parts' sizes (all their words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contingency {
    /// The word's count in the part studied (the matching articles, the windows).
    pub here: u64,
    /// The word's count in the rest.
    pub there: u64,
    /// All words of the part studied.
    pub here_words: u64,
    /// All words of the rest.
    pub there_words: u64,
}

impl Contingency {
    /// Dunning's G² of the table: 0 when the word is as frequent in both parts (or a
    /// part is empty). Counts larger than their part's size are taken as the size.
    pub fn g2(&self) -> f64 {
        let a = self.here.min(self.here_words) as f64;
        let b = self.there.min(self.there_words) as f64;
        let c = self.here_words as f64 - a;
        let d = self.there_words as f64 - b;
        let n = a + b + c + d;
        if n == 0.0 {
            return 0.0;
        }
        let cell = |observed: f64, row: f64, column: f64| {
            let expected = row * column / n;
            if observed > 0.0 && expected > 0.0 {
                observed * (observed / expected).ln()
            } else {
                0.0
            }
        };
        let sum = cell(a, a + b, a + c)
            + cell(b, a + b, b + d)
            + cell(c, c + d, a + c)
            + cell(d, c + d, b + d);
        // Rounding can leave a tiny negative for equal rates.
        (2.0 * sum).max(0.0)
    }

    /// Whether the word is more frequent in the part studied than in the rest (per word
    /// of each); a rest without words counts as less frequent.
    pub fn over_represented(&self) -> bool {
        // a/A > b/B without division: a·B > b·A.
        u128::from(self.here) * u128::from(self.there_words)
            > u128::from(self.there) * u128::from(self.here_words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g2(here: u64, there: u64, here_words: u64, there_words: u64) -> f64 {
        Contingency {
            here,
            there,
            here_words,
            there_words,
        }
        .g2()
    }

    #[test]
    fn g2_is_dunnings_four_cell_sum() {
        // The two-cell form of corpus linguistics (Rayson and Garside 2000) for 10 in 1,000
        // words against 5 in 10,000: 2·(10·ln(10/1.364) + 5·ln(5/13.64)) = 29.81; the four
        // cells add the other words' cells, hardly different here.
        let value = g2(10, 5, 1000, 10_000);
        assert!((value - 29.81).abs() < 0.2, "{value}");
        // Computed by hand from the four cells: a=10 b=5 c=990 d=9995, n=11000.
        let n: f64 = 11_000.0;
        let cell = |o: f64, r: f64, c: f64| o * (o / (r * c / n)).ln();
        let by_hand = 2.0
            * (cell(10.0, 15.0, 1000.0)
                + cell(5.0, 15.0, 10_000.0)
                + cell(990.0, 10_985.0, 1000.0)
                + cell(9995.0, 10_985.0, 10_000.0));
        assert!((g2(10, 5, 1000, 10_000) - by_hand).abs() < 1e-9);
    }

    #[test]
    fn equal_rates_score_nothing_and_empty_parts_are_safe() {
        assert!(g2(10, 100, 1000, 10_000).abs() < 1e-9);
        assert_eq!(g2(0, 0, 0, 0), 0.0);
        assert_eq!(g2(3, 0, 10, 0), 0.0);
        assert!(g2(3, 0, 10, 100) > 0.0);
        // A count over its part's size is capped, not a NaN.
        assert!(g2(50, 0, 10, 100).is_finite());
    }

    #[test]
    fn over_representation_compares_rates() {
        let c = |here, there, here_words, there_words| Contingency {
            here,
            there,
            here_words,
            there_words,
        };
        assert!(c(10, 5, 1000, 10_000).over_represented());
        assert!(!c(1, 50, 1000, 10_000).over_represented());
        assert!(!c(1, 10, 1000, 10_000).over_represented());
        assert!(!c(1, 0, 10, 0).over_represented());
    }
}
