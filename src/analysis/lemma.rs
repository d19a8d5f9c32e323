//! From a folded word to the term it is indexed and searched by: the lexeme rule.
//!
//! 1. A word the lexicon knows takes its lemma's key (`steden` → `stad`, `greep` →
//!    `grijpen`'s key, `geleden` stays `geleden`).
//! 2. An unknown word that is a regular inflection of a known one takes that word's key:
//!    a plural, diminutive, comparative, superlative or verb form, with Dutch spelling
//!    undone (`tassen` → `tas`, `bomen` → `boom`, `brieven` → `brief`).
//! 3. An unknown compound whose head the lexicon knows takes the head's key behind its
//!    modifiers (`buurtraden` → `buurt` + `raad`), so that its forms meet.
//! 4. Anything else (names, new words) is stemmed by Kraaij–Pohlmann ([`stem`]).
//!
//! [`stem`]: super::stem

use std::borrow::Cow;

use super::compound::{self, Part};
use super::lexicon::{self, Entry};
use super::stem::{DutchStemmer, StemOrigin};
use super::stopwords::is_stop_word;

/// How a word's term came about, for `krant analyze`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// The lexicon knows the word.
    Lexicon(Entry),
    /// An inflection of a word the lexicon knows.
    Inflection {
        /// The known word the inflection was undone to.
        base: String,
        /// What the lexicon knows of it.
        entry: Entry,
    },
    /// A compound whose head the lexicon knows.
    Compound {
        /// The parts found.
        parts: Vec<Part>,
    },
    /// Kraaij–Pohlmann, with krant's corrections.
    Stemmer(StemOrigin),
}

/// A word's term and how it came about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term.
    pub key: String,
    /// How.
    pub how: How,
}

/// The term of a folded word.
pub fn term(stemmer: &DutchStemmer, folded: &str) -> Term {
    if let Some(entry) = lexicon::lookup(folded) {
        return Term {
            key: entry.key.to_owned(),
            how: How::Lexicon(entry),
        };
    }
    if let Some((base, entry)) = inflection_base(folded) {
        return Term {
            key: entry.key.to_owned(),
            how: How::Inflection { base, entry },
        };
    }
    if let Some(parts) = compound::split_unknown(folded)
        && let Some(head) = parts.last()
    {
        let key = format!("{}{}", &folded[..head.start], head.entry.key);
        return Term {
            key,
            how: How::Compound { parts },
        };
    }
    let (key, origin) = stemmer.stem(folded);
    Term {
        key,
        how: How::Stemmer(origin),
    }
}

/// The keys of a word's compound parts, other than its own: a known word is split as its
/// lemma (`gemeenteraden` → `gemeente`, `raad`); an unknown one by the parts found.
pub fn part_keys(term: &Term) -> Vec<&'static str> {
    let parts = match &term.how {
        How::Lexicon(entry) | How::Inflection { entry, .. } => {
            // A verb is not a compound (`vergeten`, `ondernemen`): its first part is a
            // prefix or a particle, or it is a rare verb made of a noun (`stofzuigen`).
            if entry.is_verb() && !entry.is_noun() {
                return Vec::new();
            }
            compound::split(entry.lemma).unwrap_or_default()
        }
        How::Compound { parts } => parts.clone(),
        How::Stemmer(_) => return Vec::new(),
    };
    let mut keys: Vec<&'static str> = Vec::new();
    for part in parts {
        if part.entry.key != term.key && !keys.contains(&part.entry.key) {
            keys.push(part.entry.key);
        }
    }
    keys
}

/// Endings of regular inflection, longest first within each kind, and what the base must
/// be for the ending to be one: diminutives of nouns, comparatives and superlatives of
/// adjectives, plurals of nouns, forms of verbs.
const ENDINGS: &[(&str, Class)] = &[
    ("etjes", Class::Noun),
    ("etje", Class::Noun),
    ("tjes", Class::Noun),
    ("pjes", Class::Noun),
    ("kjes", Class::Noun),
    ("tje", Class::Noun),
    ("pje", Class::Noun),
    ("kje", Class::Noun),
    ("jes", Class::Noun),
    ("je", Class::Noun),
    ("sten", Class::Adjective),
    ("ste", Class::Adjective),
    ("st", Class::Adjective),
    ("dere", Class::Adjective),
    ("der", Class::Adjective),
    ("ere", Class::Adjective),
    ("er", Class::Adjective),
    ("den", Class::Verb),
    ("ten", Class::Verb),
    ("de", Class::Verb),
    ("te", Class::Verb),
    ("en", Class::Any),
    ("s", Class::Noun),
    ("e", Class::Any),
    ("n", Class::Noun),
    ("t", Class::Verb),
    ("d", Class::Verb),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Noun,
    Adjective,
    Verb,
    Any,
}

impl Class {
    fn admits(self, entry: &Entry) -> bool {
        match self {
            Class::Noun => entry.is_noun(),
            Class::Adjective => entry.is_adjective(),
            // A participle used as an adjective counts as its verb: its key is the verb's.
            Class::Verb => {
                entry.is_verb() || lexicon::lookup(entry.key).is_some_and(|e| e.is_verb())
            }
            Class::Any => entry.is_noun() || entry.is_adjective() || entry.is_verb(),
        }
    }
}

/// The shortest base an inflection is undone to.
const MIN_BASE_LEN: usize = 3;

/// A known word of which `word` is a regular inflection, with what the lexicon knows of
/// it: the first ending, longest first, whose removal (with Dutch spelling undone) leaves
/// a known word of the class the ending belongs to. A participle (`ge-…-d`) is undone to
/// its verb's stem.
fn inflection_base(word: &str) -> Option<(String, Entry)> {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // ge-…-d/-t/-en: a participle of a verb whose infinitive or stem is known
    // (`geliket` → `liken`, `getweet` → `tweet`, `gelockdownd` → `lockdown`); a verb
    // first, then any content word.
    if let Some(rest) = word.strip_prefix("ge") {
        // A verb's infinitive first; then the stem as a word of any class. A stem that
        // ends in -d or -t takes no second one (`getweet`: the stem is `tweet`).
        let (mut verbs, mut words): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        if let Some(stem) = rest.strip_suffix(['d', 't']) {
            verbs.extend(spellings(stem).iter().map(|s| format!("{s}en")));
            verbs.push(format!("{stem}n"));
            verbs.push(format!("{rest}en"));
            words.push(rest.to_owned());
            words.push(stem.to_owned());
        } else if rest.ends_with("en") {
            verbs.push(rest.to_owned());
        }
        for (class, candidates) in [(Class::Verb, &verbs), (Class::Any, &words)] {
            for candidate in candidates.iter().filter(|c| c.len() >= MIN_BASE_LEN) {
                if let Some(entry) = lexicon::lookup(candidate)
                    && class.admits(&entry)
                {
                    return Some((candidate.clone(), entry));
                }
            }
        }
    }
    for &(ending, class) in ENDINGS {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.len() < MIN_BASE_LEN {
            continue;
        }
        // Before an ending that opens with a vowel, a single vowel before one consonant is
        // long in Dutch spelling (`bomen`: `boom`), so the stem as it is cannot be the
        // base (`lamen` is not `lam`).
        let open_syllable = ending.starts_with(['e', 'a', 'o', 'u', 'i']) && ends_short(stem);
        for candidate in spellings(stem) {
            if open_syllable && candidate == stem {
                continue;
            }
            if let Some(entry) = lexicon::lookup(&candidate)
                && class.admits(&entry)
                && !is_stop_word(&candidate)
            {
                return Some((candidate.into_owned(), entry));
            }
        }
    }
    None
}

/// Whether a stem ends in a consonant, one of the vowels a, e, o, u, and a consonant
/// (`lam`, `bom`): a short vowel in a closed syllable.
fn ends_short(stem: &str) -> bool {
    let vowel = |c: u8| b"aeiouy".contains(&c);
    match stem.as_bytes() {
        [.., c1, v, c2] => !vowel(*c1) && b"aeou".contains(v) && !vowel(*c2),
        _ => false,
    }
}

/// The spellings a stem may have as a word of its own once an ending is removed: as it
/// is, with a doubled consonant undone (`tass` → `tas`), with a long vowel written double
/// again (`bom` → `boom`), and with v and z voiceless again (`briev` → `brief`).
fn spellings(stem: &str) -> Vec<Cow<'_, str>> {
    let mut out = vec![Cow::Borrowed(stem)];
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return out;
    }
    let vowel = |c: u8| b"aeiouy".contains(&c);
    if n >= 3 && b[n - 1] == b[n - 2] && !vowel(b[n - 1]) {
        out.push(Cow::Borrowed(&stem[..n - 1]));
    }
    let devoiced = match b[n - 1] {
        b'v' => Some(format!("{}f", &stem[..n - 1])),
        b'z' => Some(format!("{}s", &stem[..n - 1])),
        _ => None,
    };
    for s in [Some(stem.to_owned()), devoiced.clone()]
        .into_iter()
        .flatten()
    {
        let sb = s.as_bytes();
        let m = sb.len();
        if m >= 3 && !vowel(sb[m - 1]) && b"aeou".contains(&sb[m - 2]) && !vowel(sb[m - 3]) {
            out.push(Cow::Owned(format!(
                "{}{}{}",
                &s[..m - 1],
                sb[m - 2] as char,
                sb[m - 1] as char
            )));
        }
    }
    if let Some(d) = devoiced {
        out.push(Cow::Owned(d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(word: &str) -> String {
        term(&DutchStemmer::default(), word).key
    }

    #[test]
    fn known_words_take_their_lemmas_key() {
        assert_eq!(key("steden"), key("stad"));
        assert_eq!(key("gegrepen"), key("grijpen"));
        assert_eq!(key("greep"), key("grijpen"));
        assert_eq!(key("breedst"), key("brede"));
        assert_ne!(key("geleden"), key("leden"));
        assert_ne!(key("gevel"), key("vellen"));
    }

    #[test]
    fn regular_inflections_of_known_words_meet_them() {
        let stemmer = DutchStemmer::default();
        for (unknown, known) in [("getweet", "tweet"), ("gelockdownd", "lockdown")] {
            assert_eq!(
                lexicon::lookup(unknown),
                None,
                "{unknown} is in the lexicon"
            );
            let t = term(&stemmer, unknown);
            assert!(matches!(t.how, How::Inflection { .. }), "{t:?}");
            assert_eq!(t.key, key(known), "{unknown}");
        }
        // `lamen` and `jasen` are no Dutch plurals of `lam` and `jas` (lammeren, jassen).
        assert!(inflection_base("lamen").is_none_or(|(base, _)| base != "lam"));
        assert!(inflection_base("jasen").is_none_or(|(base, _)| base != "jas"));
        assert_eq!(spellings("tass")[1], "tas");
        assert!(spellings("bom").iter().any(|s| s == "boom"));
        assert!(spellings("briev").iter().any(|s| s == "brief"));
        assert!(spellings("huiz").iter().any(|s| s == "huis"));
    }

    #[test]
    fn every_short_word_has_a_term() {
        // Every string of up to three letters of a small alphabet, and each with the
        // prefix and endings the rules look for: no rule may fail on what is left.
        let stemmer = DutchStemmer::default();
        let letters = ["", "a", "d", "e", "g", "n", "s", "t", "j"];
        for a in letters {
            for b in letters {
                for c in letters {
                    for affix in ["", "ge", "ge-en", "ge-t", "-tje", "-st", "-'s"] {
                        let core = format!("{a}{b}{c}");
                        let word = match affix.split_once('-') {
                            Some((before, after)) => format!("{before}{core}{after}"),
                            None => format!("{affix}{core}"),
                        };
                        let _ = term(&stemmer, &word);
                    }
                }
            }
        }
    }

    #[test]
    fn unknown_compounds_meet_through_their_head() {
        assert_eq!(key("buurtraden"), key("buurtraad"));
        let t = term(&DutchStemmer::default(), "buurtraden");
        assert!(matches!(t.how, How::Compound { .. }), "{t:?}");
        assert_eq!(part_keys(&t), ["buurt", "raad"]);
    }

    #[test]
    fn known_compounds_are_split_as_their_lemma() {
        let t = term(&DutchStemmer::default(), "gemeenteraden");
        assert_eq!(t.key, "gemeenteraad");
        assert_eq!(part_keys(&t), ["gemeente", "raad"]);
    }
}
