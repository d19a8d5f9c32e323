//! Names read from the words before them: after a first name (`Jesse Klaver`, `Virgil van
//! Dijk`), a title or role (`minister Blok`, `dagblad Trouw`) or a name particle in Title
//! case (`bij Den Helder`). Looked up in the text around the word, so the term cache,
//! which keys a word alone, keeps no context ([`super::reading`] decides the readings).

use super::fold::fold_into;
use super::lexicon::lookup as lexicon_lookup;
use super::reading::{is_title_case, starts_sentence};

/// Whether the words before a word in Title case inside a sentence make it a name, even
/// one spelled like a common word (`klaver`, `dijk`, `helder`):
/// - a first name before it, perhaps with name particles and initials between: `Jesse
///   Klaver`, `Virgil van Dijk`, `Peter R. de Vries`. A first name is a word the lexicon
///   knows only as a name, or a word in Title case after a title that is no adjective
///   (`oud-premier Wim Kok`); first names that are words too (`Mark`, `Jan`) do not
///   count otherwise;
/// - a name particle in Title case before it that does not open the sentence: `bij Den
///   Helder`, `in De Haan`, `volgens De Telegraaf`. Inside a sentence Dutch writes `de`,
///   `den`, `van` with a capital only in names; at the start of one (or after a dash),
///   only `Den`, `Ter` and `Ten` say so (`De Nederlandse regering` is the word).
///
/// A name read so is only the name: `klaver` does not find `Jesse Klaver`, `Klaver` does.
/// The price is a word after a first name that names a place or body (`Erasmus
/// Universiteit`), read as a name too. [`super::reading::names_of`] adds a noun or an unknown word after a
/// title (`minister Blok`, `dagblad Trouw`).
pub(super) fn named_by_context(text: &str, start: usize) -> bool {
    if let Some((before, at)) = previous_word(text, start)
        && is_particle(before)
        && is_title_case(before)
        && (is_place_particle(before) || !starts_sentence(text, at) && !after_dash(text, at))
    {
        return true;
    }
    after_first_name(text, start, true)
}

/// Whether a dash comes right before `start` (blanks aside): `Kabinet valt – De
/// Nederlandse economie`, where `De` opens a sentence of its own.
fn after_dash(text: &str, start: usize) -> bool {
    text[..start].trim_end().ends_with(['-', '–', '—'])
}

/// Whether `word` may be a name after a title (`minister Blok`, `dagblad Trouw`, `Tamara`
/// of `minister Tamara van Ark`): the lexicon does not know it, or knows it as a noun or
/// a name; not an adjective or a numeral only (`voorzitter Tweede Kamer`, `partij Nieuw
/// Sociaal Contract`).
pub(super) fn may_be_first_name(word: &str) -> bool {
    let mut folded = String::new();
    fold_into(word, &mut folded);
    lexicon_lookup(&folded).is_none_or(|e| e.is_noun() || e.is_name())
}

/// Whether the lexicon knows `word` only as a name (`Stef`, `Virgil`).
fn is_name_lemma(word: &str) -> bool {
    let mut folded = String::new();
    fold_into(word, &mut folded);
    lexicon_lookup(&folded).is_some_and(|e| e.is_name())
}

/// Nouns of a role, an office or a kind of organisation that news writes right before a
/// name (`minister Blok`, `trainer Slot`, `dagblad Trouw`, `kledingketen Zeeman`), also
/// as the head of a compound (`oud-premier`, `GroenLinks-leider`, `supermarktketen`).
const TITLES: &[&str] = &[
    "aanvoerder",
    "advocaat",
    "baas",
    "bondscoach",
    "burgemeester",
    "ceo",
    "club",
    "coach",
    "columnist",
    "dagblad",
    "directeur",
    "doelman",
    "fractievoorzitter",
    "hoogleraar",
    "journalist",
    "kamerlid",
    "keeper",
    "keten",
    "koning",
    "koningin",
    "krant",
    "leider",
    "minister",
    "omroep",
    "partij",
    "paus",
    "ploeg",
    "premier",
    "presentator",
    "presentatrice",
    "president",
    "prins",
    "prinses",
    "rapper",
    "rechter",
    "renner",
    "schrijfster",
    "schrijver",
    "spits",
    "staatssecretaris",
    "team",
    "topman",
    "trainer",
    "verslaggever",
    "voorzitter",
    "warenhuis",
    "weekblad",
    "wethouder",
    "woordvoerder",
    "woordvoerster",
    "zanger",
    "zangeres",
];

/// Whether a title or role noun ([`TITLES`], or a compound ending in one) comes right
/// before `start`.
pub(super) fn after_title(text: &str, start: usize) -> bool {
    // The titles are ASCII: their ends are compared as bytes, with no lower-cased copy of
    // every word before a word in Title case.
    previous_token(text, start).is_some_and(|(token, _)| {
        let bytes = token.as_bytes();
        token.chars().all(|c| c.is_alphanumeric() || c == '-')
            && TITLES.iter().any(|title| {
                bytes.len() >= title.len()
                    && bytes[bytes.len() - title.len()..].eq_ignore_ascii_case(title.as_bytes())
            })
    })
}

/// Whether a first name comes right before `start`, perhaps with name particles between
/// (`Virgil van Dijk`). `title`: the first name is written in Title case (text), rather
/// than in any case (a query typed in lower case: `virgil van dijk`).
pub(super) fn after_first_name(text: &str, start: usize, title: bool) -> bool {
    let mut at = start;
    // `van der`, `van de`, `ten`: a name has at most a few particles.
    for _ in 0..4 {
        let Some((word, word_at)) = previous_token(text, at) else {
            return false;
        };
        // An initial (`Peter R. de Vries`).
        let initial =
            word.len() == 2 && word.ends_with('.') && word.starts_with(char::is_uppercase);
        if initial {
            at = word_at;
            continue;
        }
        if !is_plain_word(word) {
            return false;
        }
        // A first name after a title (`minister Tamara van Ark`, `oud-premier Wim Kok`):
        // a word in Title case there that is no adjective (`voorzitter Tweede Kamer`).
        if title && is_title_case(word) && after_title(text, word_at) && may_be_first_name(word) {
            return true;
        }
        if !is_particle(word) {
            return (!title || is_title_case(word)) && is_name_lemma(word);
        }
        at = word_at;
    }
    false
}

/// `Den`, `Ter`, `Ten`: particles that open only names (`Den Haag`, `Ter Apel`), even at
/// the start of a sentence.
fn is_place_particle(word: &str) -> bool {
    ["den", "ter", "ten"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word))
}

/// The particles of Dutch and Belgian family and place names (`van`, `de`, `der`, `den`,
/// `ter`, `ten`, `'t`), in any case.
fn is_particle(word: &str) -> bool {
    [
        "van", "de", "der", "den", "ter", "ten", "te", "'t", "’t", "het", "von",
    ]
    .iter()
    .any(|p| p.eq_ignore_ascii_case(word))
}

/// The word that ends right before `start` (blanks between, nothing else), with where it
/// starts: `None` after punctuation, which ends a name (`Jesse, Klaver`).
pub(super) fn previous_word(text: &str, start: usize) -> Option<(&str, usize)> {
    previous_token(text, start).filter(|(word, _)| is_plain_word(word))
}

/// What ends right before `start`, blanks between, back to the blank before it (`Oud-premier`,
/// `R.`, `Jesse,`), with where it starts.
fn previous_token(text: &str, start: usize) -> Option<(&str, usize)> {
    let before = &text[..start];
    let end = before.trim_end().len();
    if end == start || end == 0 {
        return None;
    }
    let token_start = before[..end].rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    Some((&before[token_start..end], token_start))
}

/// Letters and apostrophes only (`Klaver`, `'t`), so that a word with punctuation (`Jesse,`)
/// is no neighbour in a name.
fn is_plain_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}
