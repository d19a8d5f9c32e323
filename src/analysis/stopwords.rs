//! Dutch stop words, and the case rule that keeps acronyms: `is` (the verb) is dropped,
//! `IS` (Islamitische Staat) is a word.
//!
//! The list is Snowball's Dutch stop list (snowballstem.org), BSD licensed:
//! Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2004,2005, Richard Boulton;
//! Copyright (c) 2013, Yoshiki Shibukawa; Copyright (c) 2006-2019, Olly Betts.
//! All rights reserved. Redistribution and use in source and binary forms, with or without
//! modification, are permitted under the terms of the 3-clause BSD licence.

/// Snowball's Dutch stop words (lower case).
pub const STOP_WORDS: &[&str] = &[
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is",
    "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of",
    "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je",
    "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze", "u",
    "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden", "toch", "al",
    "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles",
    "onder", "ja", "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen",
    "ons", "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest",
    "andere",
];

/// Whether a word as written is a stop word: its lower-case form is on the list and it is
/// written in lower case or Title case. A word in capitals (two letters or more) is an
/// acronym or a shouted word and is kept.
pub fn is_stop_word(word: &str) -> bool {
    if word.len() > 8 || !word.is_ascii() {
        // No stop word is longer, and none has a non-ASCII letter.
        return false;
    }
    let mut letters = word.chars();
    let Some(first) = letters.next() else {
        return false;
    };
    let rest_lower = letters.clone().all(|c| c.is_ascii_lowercase());
    let all_caps = word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase());
    if all_caps || !(rest_lower && first.is_ascii_alphabetic()) {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    STOP_WORDS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_and_title_case_stop_words_are_dropped() {
        for word in ["is", "Is", "de", "De", "het", "Het", "u", "U", "al"] {
            assert!(is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn acronyms_and_other_words_are_kept() {
        for word in [
            "IS", "DE", "HET", "kalifaat", "Mosul", "iS", "wel", "", "België",
        ] {
            assert!(!is_stop_word(word), "{word}");
        }
    }
}
