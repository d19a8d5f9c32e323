//! Dutch stop words, and the case rule that keeps acronyms: `is` (the verb) is dropped,
//! `IS` (Islamitische Staat) is a word.
//!
//! The list is Snowball's Dutch stop list (snowballstem.org), BSD licensed:
//! Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2004,2005, Richard Boulton;
//! Copyright (c) 2013, Yoshiki Shibukawa; Copyright (c) 2006-2019, Olly Betts.
//! All rights reserved. Redistribution and use in source and binary forms, with or without
//! modification, are permitted under the terms of the 3-clause BSD licence.

/// Snowball's Dutch stop words (lower case, sorted).
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
    is_listed(u64::from_le_bytes(lower))
}

/// Slots of [`TABLE`]: a power of two, some two and a half times the list's length, so
/// that a lookup probes one or two.
const SLOTS: usize = 256;

/// [`STOP_WORDS`], each packed into a `u64` ([`pack`]), in an open-addressed table built
/// by the compiler. This runs for every word indexed: one multiplication and a probe or
/// two, where a `match` on the list ran a chain of comparisons by length and bytes
/// (BENCHMARKS.md, "The stop-word test").
static TABLE: [u64; SLOTS] = table();

/// A word of at most 8 bytes as a number: its bytes, little-endian, padded with zeros. No
/// word holds a zero byte, so two words pack alike only if they are the same.
const fn pack(word: &[u8]) -> u64 {
    let mut packed = [0u8; 8];
    let mut i = 0;
    while i < word.len() {
        packed[i] = word[i];
        i += 1;
    }
    u64::from_le_bytes(packed)
}

/// The first slot to probe for a packed word (Fibonacci hashing: the top byte of its
/// product with 2⁶⁴/φ).
const fn slot_of(packed: u64) -> usize {
    (packed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize
}

const fn table() -> [u64; SLOTS] {
    let mut table = [0u64; SLOTS];
    let mut k = 0;
    while k < STOP_WORDS.len() {
        let word = STOP_WORDS[k].as_bytes();
        assert!(!word.is_empty() && word.len() <= 8);
        let packed = pack(word);
        let mut slot = slot_of(packed);
        while table[slot] != 0 {
            slot = (slot + 1) % SLOTS;
        }
        table[slot] = packed;
        k += 1;
    }
    table
}

/// Whether a lower-case word, packed by [`pack`], is on [`STOP_WORDS`].
fn is_listed(packed: u64) -> bool {
    let mut slot = slot_of(packed);
    loop {
        match TABLE[slot] {
            0 => return false,
            word if word == packed => return true,
            _ => slot = (slot + 1) % SLOTS,
        }
    }
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
    fn the_table_holds_exactly_the_list() {
        assert_eq!(STOP_WORDS.len(), 101);
        assert_eq!(TABLE.iter().filter(|&&w| w != 0).count(), STOP_WORDS.len());
        assert!(STOP_WORDS.iter().all(|w| is_listed(pack(w.as_bytes()))));
        for other in ["kalifaat", "d", "dee", "zouden", "ee", "aa", "alle", "zz"] {
            assert!(!is_listed(pack(other.as_bytes())), "{other}");
        }
    }

    #[test]
    fn every_short_word_of_the_lexicon_is_a_stop_word_exactly_if_listed() {
        // Every lower-case word of up to 8 letters the lexicon knows, against the list.
        let listed: std::collections::HashSet<&str> = STOP_WORDS.iter().copied().collect();
        let mut checked = 0;
        for (form, _) in crate::analysis::lexicon::entries() {
            if form.len() <= 8 && form.bytes().all(|b| b.is_ascii_lowercase()) {
                assert_eq!(
                    is_stop_word(&form),
                    listed.contains(form.as_str()),
                    "{form}"
                );
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
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
