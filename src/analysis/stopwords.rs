//! Dutch stop words, and the case rule that keeps acronyms: `is` (the verb) is dropped,
//! `IS` (Islamitische Staat) is a word.
//!
//! The list is Snowball's Dutch stop list (snowballstem.org), BSD licensed:
//! Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2004,2005, Richard Boulton;
//! Copyright (c) 2013, Yoshiki Shibukawa; Copyright (c) 2006-2019, Olly Betts.
//! All rights reserved. Redistribution and use in source and binary forms, with or without
//! modification, are permitted under the terms of the 3-clause BSD licence.

/// Snowball's Dutch stop words (lower case, sorted).
#[cfg(test)]
pub const STOP_WORDS: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
    "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge",
    "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe",
    "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen", "maar", "me",
    "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of",
    "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen",
    "wie", "wil", "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder",
    "zou",
];

/// Whether a word as written is a stop word: its lower-case form is on the list and it is
/// written in lower case or Title case. A word in capitals (two letters or more) is an
/// acronym or a shouted word and is kept.
pub fn is_stop_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    // No stop word is longer than 8 letters or has a non-ASCII letter.
    if bytes.is_empty() || bytes.len() > 8 || !word.is_ascii() {
        return false;
    }
    if bytes.len() >= 2 && bytes.iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    if !bytes[0].is_ascii_alphabetic() || !bytes[1..].iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let mut lower = [0u8; 8];
    for (slot, byte) in lower.iter_mut().zip(bytes) {
        *slot = byte.to_ascii_lowercase();
    }
    is_listed(&lower[..bytes.len()])
}

/// Whether a lower-case word is on [`STOP_WORDS`]; a `match`, which the compiler turns
/// into a dispatch on length and bytes (this runs for every word indexed).
fn is_listed(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"aan"
            | b"al"
            | b"alles"
            | b"als"
            | b"altijd"
            | b"andere"
            | b"ben"
            | b"bij"
            | b"daar"
            | b"dan"
            | b"dat"
            | b"de"
            | b"der"
            | b"deze"
            | b"die"
            | b"dit"
            | b"doch"
            | b"doen"
            | b"door"
            | b"dus"
            | b"een"
            | b"eens"
            | b"en"
            | b"er"
            | b"ge"
            | b"geen"
            | b"geweest"
            | b"haar"
            | b"had"
            | b"heb"
            | b"hebben"
            | b"heeft"
            | b"hem"
            | b"het"
            | b"hier"
            | b"hij"
            | b"hoe"
            | b"hun"
            | b"iemand"
            | b"iets"
            | b"ik"
            | b"in"
            | b"is"
            | b"ja"
            | b"je"
            | b"kan"
            | b"kon"
            | b"kunnen"
            | b"maar"
            | b"me"
            | b"meer"
            | b"men"
            | b"met"
            | b"mij"
            | b"mijn"
            | b"moet"
            | b"na"
            | b"naar"
            | b"niet"
            | b"niets"
            | b"nog"
            | b"nu"
            | b"of"
            | b"om"
            | b"omdat"
            | b"onder"
            | b"ons"
            | b"ook"
            | b"op"
            | b"over"
            | b"reeds"
            | b"te"
            | b"tegen"
            | b"toch"
            | b"toen"
            | b"tot"
            | b"u"
            | b"uit"
            | b"uw"
            | b"van"
            | b"veel"
            | b"voor"
            | b"want"
            | b"waren"
            | b"was"
            | b"wat"
            | b"werd"
            | b"wezen"
            | b"wie"
            | b"wil"
            | b"worden"
            | b"wordt"
            | b"zal"
            | b"ze"
            | b"zelf"
            | b"zich"
            | b"zij"
            | b"zijn"
            | b"zo"
            | b"zonder"
            | b"zou"
    )
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
    fn the_match_holds_exactly_the_list() {
        assert_eq!(STOP_WORDS.len(), 101);
        assert!(STOP_WORDS.iter().all(|w| is_listed(w.as_bytes())));
        assert!(!is_listed(b"kalifaat") && !is_listed(b"d") && !is_listed(b"dee"));
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
