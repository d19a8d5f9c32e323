//! Separable verbs whose particle stands apart: `Hij belde de politie op.` is a form of
//! `opbellen`, `De trein kwam met vertraging aan in Maastricht` one of `aankomen`. Dutch
//! puts the finite verb early in a main clause and its particle at the clause's end; the
//! words between are free. The index side joins them: at a particle that ends its clause,
//! the first verb form of the clause whose particle and lemma make a word the lexicon
//! knows gives that word's term, at the particle's position, beside the words' own terms
//! (so `bellen` still finds `belde … op`). Written together (`opbellen`, `opgebeld`) the
//! lexicon knows the form already.

use rustc_hash::FxHashMap;

use super::fold::fold_into;
use super::lexicon::lookup as lexicon_lookup;
use super::stopwords::is_stop_word;
use super::term_cache::key_of;

/// Particles that a separable verb leaves at the end of its clause: the words [`particle`]
/// matches.
#[cfg(test)]
const PARTICLES: &[&str] = &[
    "aan", "achter", "achterna", "af", "bij", "binnen", "buiten", "dicht", "door", "in", "los",
    "mee", "na", "neer", "om", "onder", "op", "open", "over", "samen", "tegemoet", "tegen",
    "terecht", "terug", "thuis", "toe", "uit", "vast", "voor", "voorbij", "weg",
];

/// Words that may follow a particle that ends its clause: a preposition that often opens
/// what comes after (`kwam aan in Maastricht`, `schreef zich in voor de opleiding`, `keerde
/// terug naar`), `om` or `te` of an infinitive (`stelde voor om …`), a conjunction (`stond
/// op en liep weg`). Not every preposition: each one more is a clause looked through at
/// many a preposition that is no particle.
fn opens_next_clause(word: &str) -> bool {
    let mut buf = [0; LONGEST];
    matches!(
        lowered(word, &mut buf),
        Some(b"in" | b"met" | b"naar" | b"om" | b"te" | b"voor")
    ) || is_conjunction(word)
}

/// Conjunctions, which open a clause of their own.
fn is_conjunction(word: &str) -> bool {
    let mut buf = [0; LONGEST];
    matches!(
        lowered(word, &mut buf),
        Some(
            b"als"
                | b"dan"
                | b"dat"
                | b"en"
                | b"maar"
                | b"nadat"
                | b"of"
                | b"omdat"
                | b"sinds"
                | b"terwijl"
                | b"toen"
                | b"voordat"
                | b"want"
                | b"wanneer"
                | b"zodat"
        )
    )
}

/// The longest word the tests above take.
const LONGEST: usize = 9;

/// `word` in lower case in `buf`, if it is ASCII and fits.
fn lowered<'b>(word: &str, buf: &'b mut [u8; LONGEST]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.len() > LONGEST {
        return None;
    }
    for (l, b) in buf.iter_mut().zip(bytes) {
        *l = b.to_ascii_lowercase();
    }
    Some(&buf[..bytes.len()])
}

/// The longest clause (in words, from its start or its last conjunction to the particle)
/// whose verb is looked for; in a longer one the particle is seldom the verb's.
const CLAUSE_SPAN: usize = 12;

/// How many words of a clause (stop words aside) are looked up for its verb: the finite
/// verb comes second in a main clause, after a subject or an adverbial of a few words.
const CLAUSE_WORDS: usize = 6;

/// Words met in clauses before a particle, and joins tried, each with what the lexicon
/// said: a speed-up, so that a word is looked up once per analyzer rather than once per
/// clause it opens (`joins_are_what_a_fresh_analyzer_finds` checks it changes nothing).
/// Emptied when full.
#[derive(Clone, Default)]
pub(super) struct VerbForms {
    /// Folded word (its 128-bit hash, as the term cache keys words) → the lemma of the
    /// verb it is a form of (not a participle), if any.
    lemmas: FxHashMap<u128, Option<&'static str>>,
    /// Particle and lemma joined (hashed) → whether the lexicon knows the word.
    joins: FxHashMap<u128, bool>,
}

/// Words held by [`VerbForms`] before it is emptied (some 0.5 MB).
const VERB_FORMS_HELD: usize = 1 << 14;

impl VerbForms {
    /// The separable verb (folded, `opbellen`) whose particle is the word `word` at
    /// `start..end` of `text`, when that word is a particle that ends its clause and the
    /// clause's verb makes a word the lexicon knows with it.
    pub(super) fn joined_verb(
        &mut self,
        text: &str,
        word: &str,
        (start, end): (usize, usize),
    ) -> Option<String> {
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
        // The clause runs from its start or its last conjunction, which opens a clause of
        // its own (`stond op en liep weg`), to the particle; its first verb form is the
        // finite verb, second in a main clause: after a subject of a word or two, often a
        // pronoun (a stop word, passed without a lookup).
        let clause = &text[clause_start(text, start)..start];
        let mut content = [""; CLAUSE_SPAN];
        let mut found = 0;
        // Back over the clause's words, split at ASCII blanks (byte by byte: this runs at
        // every particle that ends a clause).
        let bytes = clause.as_bytes();
        let mut end = bytes.len();
        for seen in 0..=CLAUSE_SPAN {
            while end > 0 && bytes[end - 1].is_ascii_whitespace() {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            if seen == CLAUSE_SPAN {
                return None;
            }
            let begin = bytes[..end]
                .iter()
                .rposition(u8::is_ascii_whitespace)
                .map_or(0, |i| i + 1);
            let written = &clause[begin..end];
            end = begin;
            if is_conjunction(written) {
                break;
            }
            let written = written.trim_matches(|c: char| !c.is_alphanumeric());
            if !written.is_empty() && !is_stop_word(written) {
                content[found] = written;
                found += 1;
            }
        }
        let mut folded = String::new();
        let lemma = content[..found]
            .iter()
            .rev()
            .take(CLAUSE_WORDS)
            .find_map(|written| {
                folded.clear();
                fold_into(written, &mut folded);
                self.verb_lemma(&folded)
            })?;
        // Known as a word, the join is the verb or the noun that shares its term
        // (`voorstellen`: the verb and the plural of `voorstel`).
        let joined = format!("{particle}{lemma}");
        self.is_word(&joined).then_some(joined)
    }

    /// The lemma of the verb `folded` is a form of, not as a participle (`gebeld` has its
    /// particle inside: `opgebeld`).
    fn verb_lemma(&mut self, folded: &str) -> Option<&'static str> {
        let key = key_of(folded);
        if let Some(&lemma) = self.lemmas.get(&key) {
            return lemma;
        }
        if self.lemmas.len() >= VERB_FORMS_HELD {
            self.lemmas.clear();
        }
        let lemma = lexicon_lookup(folded)
            .filter(|e| e.is_verb() && (!folded.starts_with("ge") || e.lemma.starts_with("ge")))
            .map(|e| e.lemma);
        self.lemmas.insert(key, lemma);
        lemma
    }

    /// Whether the lexicon knows `word`.
    fn is_word(&mut self, word: &str) -> bool {
        let key = key_of(word);
        if let Some(&known) = self.joins.get(&key) {
            return known;
        }
        if self.joins.len() >= VERB_FORMS_HELD {
            self.joins.clear();
        }
        let known = lexicon_lookup(word).is_some();
        self.joins.insert(key, known);
        known
    }
}

/// The particle `word` is, in lower case. Every word of a text goes through this, so it
/// is a length test and a `match` on bytes (which the compiler turns into a few integer
/// comparisons), with no allocation.
fn particle(word: &str) -> Option<&'static str> {
    // The first letters particles of each length begin with (a bit per letter): most
    // words are told apart here.
    const FIRST: [u32; LONGEST + 1] = {
        const fn letters(of: &[u8]) -> u32 {
            let mut bits = 0;
            let mut i = 0;
            while i < of.len() {
                bits |= 1 << (of[i] - b'a');
                i += 1;
            }
            bits
        }
        [
            0,
            0,
            letters(b"aino"),
            letters(b"ablmtuw"),
            letters(b"dnov"),
            letters(b"dost"),
            letters(b"ab"),
            letters(b"tv"),
            letters(b"at"),
            0,
        ]
    };
    let bytes = word.as_bytes();
    if bytes.len() < 2 || bytes.len() > LONGEST {
        return None;
    }
    let first = bytes[0].to_ascii_lowercase().wrapping_sub(b'a');
    if first >= 26 || FIRST[bytes.len()] & (1 << first) == 0 {
        return None;
    }
    let mut buf = [0; LONGEST];
    let lower = lowered(word, &mut buf)?;
    let particle = match lower {
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
    opens_next_clause(next)
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
    // Bytes: every mark is ASCII, and a byte after one starts a character. Only so far
    // back: a text without marks would otherwise be searched again at every particle.
    let from = start.saturating_sub(CLAUSE_BYTES);
    text.as_bytes()[from..start]
        .iter()
        .rposition(|b| {
            matches!(
                b,
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\n' | b'(' | b')'
            )
        })
        .map_or_else(|| next_char_boundary(text, from), |i| from + i + 1)
}

/// The first character boundary of `text` at or after byte `at`.
fn next_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// How far back (in bytes) a clause's start is looked for: [`CLAUSE_SPAN`] words and
/// more.
const CLAUSE_BYTES: usize = 256;

#[cfg(test)]
mod tests {
    use super::VerbForms;

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
        VerbForms::default().joined_verb(text, particle, (start, start + particle.len()))
    }

    #[test]
    fn joins_are_what_a_fresh_analyzer_finds() {
        // The same words met again, in other clauses and after the lists were emptied.
        let texts = [
            "Hij belde de politie op.",
            "Zij belde haar moeder niet op, maar stond op en liep weg.",
            "Het huis waar hij in woonde.",
            "De trein kwam met twee uur vertraging aan in Maastricht",
        ];
        let mut held = VerbForms::default();
        for round in 0..3 {
            for text in texts {
                // Every word, with its span.
                let mut start = 0;
                for word in text.split(|c: char| !c.is_alphabetic()) {
                    let span = (start, start + word.len());
                    start += word.len() + 1;
                    let fresh = VerbForms::default().joined_verb(text, word, span);
                    assert_eq!(held.joined_verb(text, word, span), fresh, "{text}: {word}");
                }
            }
            if round == 1 {
                held.lemmas.clear();
            }
        }
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
        assert!(
            super::PARTICLES
                .iter()
                .all(|p| super::particle(p) == Some(*p))
        );
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
        assert_eq!(
            joined("Het kabinet voerde in 2023 een belasting", "in"),
            None
        );
        // The `om` of an infinitive.
        assert_eq!(
            joined("Boeren reden naar Den Haag om te protesteren", "om"),
            None
        );
    }
}
