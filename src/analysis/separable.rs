//! Separable verbs whose particle stands apart: `Hij belde de politie op.` is a form of
//! `opbellen`, `De trein kwam met vertraging aan in Maastricht` one of `aankomen`. Dutch
//! puts the finite verb early in a main clause and its particle at the clause's end; the
//! words between are free. The index side joins them: at a particle that ends its clause,
//! the first verb form of the clause whose particle and lemma make a word the lexicon
//! knows gives that word's term, at the particle's position, beside the words' own terms
//! (so `bellen` still finds `belde … op`). Written together (`opbellen`, `opgebeld`) the
//! lexicon knows the form already.

use super::fold::fold_into;
use super::lexicon::lookup as lexicon_lookup;
use super::stopwords::is_stop_word;

/// Particles that a separable verb leaves at the end of its clause: the words [`particle`]
/// matches.
#[cfg(test)]
const PARTICLES: &[&str] = &[
    "aan", "achter", "achterna", "af", "bij", "binnen", "buiten", "dicht", "door", "in", "los",
    "mee", "na", "neer", "om", "onder", "op", "open", "over", "samen", "tegemoet", "tegen",
    "terecht", "terug", "thuis", "toe", "uit", "vast", "voor", "voorbij", "weg",
];

/// Words that may follow a particle that ends its clause: a preposition that opens what
/// comes after (`kwam aan in Maastricht`, `schreef zich in voor de opleiding`), `om` or
/// `te` of an infinitive (`stelde voor om …`), a conjunction (`stond op en liep weg`).
const AFTER_CLAUSE: &[&str] = &[
    "aan", "als", "bij", "dan", "dat", "door", "en", "in", "maar", "met", "na", "naar", "nadat",
    "of", "om", "omdat", "op", "over", "sinds", "te", "terwijl", "tijdens", "toen", "tot", "uit",
    "van", "voor", "voordat", "want", "wanneer", "zodat",
];

/// Conjunctions, which open a clause of their own.
const CONJUNCTIONS: &[&str] = &[
    "als", "dan", "dat", "en", "maar", "nadat", "of", "omdat", "sinds", "terwijl", "toen",
    "voordat", "want", "wanneer", "zodat",
];

/// How many words of a clause (stop words aside) are looked up for its verb: the finite
/// verb comes second in a main clause, after a subject or an adverbial of a few words.
const CLAUSE_WORDS: usize = 6;

/// The separable verb (folded lemma, `opbellen`) whose particle is the word `word` at
/// `start..end` of `text`, when that word is a particle that ends its clause and a verb
/// form before it in the clause makes such a verb with it.
pub(super) fn joined_verb(text: &str, word: &str, (start, end): (usize, usize)) -> Option<String> {
    // Most words are no particle, and most particles are prepositions inside their
    // clause: both are told without a lookup or an allocation.
    let particle = particle(word)?;
    if !ends_clause(text, end) {
        return None;
    }
    // `om te protesteren`: the `om` of an infinitive, no particle.
    if particle == "om" && next_word(text, end).eq_ignore_ascii_case("te") {
        return None;
    }
    // The clause runs from its start or its last conjunction, which opens a clause of its
    // own (`stond op en liep weg`), to the particle; its first verb form is the finite
    // verb, second in a main clause: after a subject of a word or two, which is often a
    // pronoun (a stop word, passed without a lookup).
    let clause = &text[clause_start(text, start)..start];
    let opens = clause
        .split_whitespace()
        .rfind(|w| CONJUNCTIONS.iter().any(|c| c.eq_ignore_ascii_case(w)))
        .map_or(0, |w| w.as_ptr() as usize - clause.as_ptr() as usize + w.len());
    let mut folded = String::new();
    let verb = clause[opens..]
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !is_stop_word(w))
        .take(CLAUSE_WORDS)
        .find_map(|written| {
            folded.clear();
            fold_into(written, &mut folded);
            // A participle (`gebeld`) has its particle inside (`opgebeld`): not this verb.
            lexicon_lookup(&folded).filter(|entry| {
                entry.is_verb() && (!folded.starts_with("ge") || entry.lemma.starts_with("ge"))
            })
        });
    // Known as a word, the join is the verb or the noun that shares its term
    // (`voorstellen`: the verb and the plural of `voorstel`).
    let joined = format!("{particle}{}", verb?.lemma);
    lexicon_lookup(&joined).is_some().then_some(joined)
}

/// The particle `word` is, in lower case. Every word of a text goes through this, so it
/// is a length test and a `match` on bytes (which the compiler turns into a few integer
/// comparisons), with no allocation.
fn particle(word: &str) -> Option<&'static str> {
    const LONGEST: usize = 9;
    let bytes = word.as_bytes();
    if bytes.len() < 2 || bytes.len() > LONGEST {
        return None;
    }
    let mut lower = [0u8; LONGEST];
    for (l, b) in lower.iter_mut().zip(bytes) {
        *l = b.to_ascii_lowercase();
    }
    let particle = match &lower[..bytes.len()] {
        b"aan" => "aan",
        b"achter" => "achter",
        b"achterna" => "achterna",
        b"af" => "af",
        b"bij" => "bij",
        b"binnen" => "binnen",
        b"buiten" => "buiten",
        b"dicht" => "dicht",
        b"door" => "door",
        b"in" => "in",
        b"los" => "los",
        b"mee" => "mee",
        b"na" => "na",
        b"neer" => "neer",
        b"om" => "om",
        b"onder" => "onder",
        b"op" => "op",
        b"open" => "open",
        b"over" => "over",
        b"samen" => "samen",
        b"tegemoet" => "tegemoet",
        b"tegen" => "tegen",
        b"terecht" => "terecht",
        b"terug" => "terug",
        b"thuis" => "thuis",
        b"toe" => "toe",
        b"uit" => "uit",
        b"vast" => "vast",
        b"voor" => "voor",
        b"voorbij" => "voorbij",
        b"weg" => "weg",
        _ => return None,
    };
    Some(particle)
}

/// Whether the clause ends after byte `end`: a punctuation mark, a line break or the end of
/// the text follows (blanks aside), or one of [`AFTER_CLAUSE`].
fn ends_clause(text: &str, end: usize) -> bool {
    let next = next_word(text, end);
    if next.is_empty() {
        // Punctuation or a line break ends it; a number (`in 2023`) or a word joined by a
        // hyphen or an apostrophe does not.
        let rest = text[end..].trim_start_matches([' ', '\t', '\u{a0}']);
        return rest
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')));
    }
    AFTER_CLAUSE.iter().any(|w| w.eq_ignore_ascii_case(next))
}

/// The letters that follow byte `end`, blanks aside (empty if something else comes first).
fn next_word(text: &str, end: usize) -> &str {
    let rest = text[end..].trim_start_matches([' ', '\t', '\u{a0}']);
    let letters = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    &rest[..letters]
}

/// Where the clause of the word at byte `start` begins: after the last punctuation mark
/// or line break before it.
fn clause_start(text: &str, start: usize) -> usize {
    text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\n' | '(' | ')'))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::joined_verb;

    /// The verb joined at the last word `particle` of `text`.
    fn joined(text: &str, particle: &str) -> Option<String> {
        let start = text
            .match_indices(particle)
            .map(|(i, _)| i)
            .filter(|&i| {
                let after = text[i + particle.len()..].chars().next();
                text[..i].ends_with(' ') && !after.is_some_and(char::is_alphabetic)
            })
            .last()
            .expect("the particle is a word of the text");
        joined_verb(text, particle, (start, start + particle.len()))
    }

    #[test]
    fn a_particle_at_the_end_of_its_clause_joins_the_verb_before_it() {
        let cases = [
            ("Hij belde de politie op.", "op", "opbellen"),
            (
                "De trein kwam met twee uur vertraging aan in Maastricht",
                "aan",
                "aankomen",
            ),
            (
                "De minister stelde voor om de accijns te verlagen",
                "voor",
                "voorstellen",
            ),
            (
                "Het festival trok dit jaar ruim honderdduizend bezoekers aan",
                "aan",
                "aantrekken",
            ),
            ("Hij stond op en liep weg", "weg", "weglopen"),
        ];
        for (text, particle, verb) in cases {
            assert_eq!(joined(text, particle).as_deref(), Some(verb), "{text}");
        }
    }

    #[test]
    fn the_particle_test_knows_every_listed_particle() {
        assert!(super::PARTICLES.iter().all(|p| super::particle(p) == Some(*p)));
        assert_eq!(super::particle("Op"), Some("op"));
        assert_eq!(super::particle("tegemoet"), Some("tegemoet"));
        assert_eq!(super::particle("opa"), None);
    }

    #[test]
    fn a_preposition_inside_its_clause_joins_nothing() {
        // The particle does not end the clause, no verb form precedes it, or the two make
        // no verb.
        assert_eq!(joined("Hij wacht op de bus.", "op"), None);
        assert_eq!(joined("Het huis waar hij in woonde.", "in"), None);
        assert_eq!(joined("om de politie op te bellen", "op"), None);
        assert_eq!(joined("Het vliegtuig landde in", "in"), None);
        // A participle carries its own particle.
        assert_eq!(joined("Hij werd gebeld op.", "op"), None);
        assert_eq!(joined("Het kabinet voerde in 2023 een belasting", "in"), None);
        // The `om` of an infinitive.
        assert_eq!(
            joined("Boeren reden naar Den Haag om te protesteren", "om"),
            None
        );
    }
}
