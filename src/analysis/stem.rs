//! The Kraaij–Pohlmann stem of a folded word that the lexicon does not know (names, new
//! words): Snowball's stemmer, with repairs of stem endings that folding diacritics away
//! would otherwise split.

/// A repair of a stem ending, with the reason it is needed.
#[derive(Debug, PartialEq, Eq)]
pub struct Repair {
    /// The ending to replace.
    pub from: &'static str,
    /// Its replacement.
    pub to: &'static str,
    /// Applies only to stems at least this long.
    pub min_len: usize,
    /// Why.
    pub reason: &'static str,
}

/// Repairs, tried in order; the first that applies wins.
pub const REPAIRS: &[Repair] = &[
    Repair {
        from: "ieer",
        to: "ier",
        min_len: 5,
        reason: "folded -iëren/-iëerd (gefinancieerd) keeps -ieer, the infinitive stem ends in -ier",
    },
    Repair {
        from: "eeer",
        to: "eer",
        min_len: 5,
        reason: "folded -ëerd (gecreëerd) stems to -eeer, the infinitive (creëren) to -eer",
    },
    Repair {
        from: "ieel",
        to: "iel",
        min_len: 5,
        reason: "folded -iële (financiële) stems to -iel, the base form (financieel) keeps -ieel",
    },
    Repair {
        from: "eer",
        to: "er",
        min_len: 7,
        reason: "participles in -eerd (geactiveerd) keep -eer, infinitives in -eren (activeren) \
                 lose one e; short stems (meer, weer, beheer) are left alone",
    },
];

/// How a stem came about, for `krant analyze`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StemOrigin {
    /// The stemmer's own output.
    pub raw: String,
    /// The repair applied, if any.
    pub repair: Option<&'static Repair>,
}

/// Stems folded words.
#[derive(Clone, Copy)]
pub struct DutchStemmer {
    stemmer: frostem::Stemmer,
}

impl Default for DutchStemmer {
    fn default() -> Self {
        DutchStemmer {
            stemmer: frostem::Stemmer::new(frostem::Algorithm::Dutch),
        }
    }
}

impl DutchStemmer {
    /// The bare Kraaij–Pohlmann stem, as Snowball's reference computes it.
    #[cfg(test)]
    pub fn bare(&self, folded: &str) -> String {
        self.stemmer.stem(folded).into_owned()
    }

    /// The corrected stem of a folded word, and how it came about.
    pub fn stem(&self, folded: &str) -> (String, StemOrigin) {
        let raw = self.stemmer.stem(folded);
        let repair = REPAIRS
            .iter()
            .find(|r| raw.len() >= r.min_len && raw.ends_with(r.from));
        let stem = match repair {
            Some(r) => format!("{}{}", &raw[..raw.len() - r.from.len()], r.to),
            None => raw.clone().into_owned(),
        };
        (
            stem,
            StemOrigin {
                raw: raw.into_owned(),
                repair,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        DutchStemmer::default().stem(word).0
    }

    #[test]
    fn folding_pairs_meet_after_repair() {
        assert_eq!(stem("financieel"), stem("financiele"));
        assert_eq!(stem("activeren"), stem("geactiveerd"));
        assert_eq!(stem("creeren"), stem("gecreeerd"));
        assert_eq!(stem("financieren"), stem("gefinancieerd"));
        assert_eq!(stem("proberen"), stem("geprobeerd"));
    }

    #[test]
    fn short_eer_stems_are_left_alone() {
        assert_eq!(stem("meer"), "meer");
        assert_eq!(stem("weer"), "weer");
        assert_ne!(stem("meer"), stem("mer"));
    }

    /// frostem (the stemmer behind tantivy) publishes often and is pinned exactly; this
    /// notices any release that changes a stem of Snowball's reference vocabulary.
    #[test]
    fn bare_stemmer_matches_snowball_reference_output() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/snowball-kp");
        let words = std::fs::read_to_string(dir.join("voc.txt")).unwrap();
        let stems = std::fs::read_to_string(dir.join("output.txt")).unwrap();
        let stemmer = DutchStemmer::default();
        let mut checked = 0;
        let mut wrong = Vec::new();
        for (word, expected) in words.lines().zip(stems.lines()) {
            checked += 1;
            let got = stemmer.bare(word);
            if got != expected {
                wrong.push(format!("{word}: {got} (expected {expected})"));
            }
        }
        assert_eq!(checked, 45_670);
        assert!(
            wrong.is_empty(),
            "{} differ, e.g. {:?}",
            wrong.len(),
            &wrong[..wrong.len().min(10)]
        );
    }
}
