//! What `krant analyze` prints: the analysis of each word, step by step, in words. The
//! analyzer records it while it runs ([`DutchAnalyzer::explain`]), word by word without
//! the look-ahead queue; the term shown is the one the analyzer gives, and the steps are
//! told from the same functions it asks ([`super::lemma::term`], the readings).

use super::lemma::{self, How};
use super::lexicon::{self, is_name_homograph};
use super::reading::Reading;
use super::stem::{DutchStemmer, StemOrigin};
use super::term_cache::{Cached, TermCache};
use super::{DutchAnalyzer, LexiconEntry, Mode, TokenKind};

/// One step of the analysis of a word, for `krant analyze`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The position the word takes.
    pub position: usize,
    /// The text as written.
    pub text: String,
    /// The term indexed or searched; `None` when the word is dropped.
    pub term: Option<String>,
    /// What the token stands for.
    pub kind: TokenKind,
    /// What each filter did, in order.
    pub steps: Vec<String>,
}

impl DutchAnalyzer {
    /// What happens to every word of `text`, step by step.
    pub fn explain(&mut self, text: &str, mode: Mode) -> Vec<Explained> {
        let mut explained = Vec::new();
        self.run(text, mode, &mut |_| {}, Some(&mut explained), None);
        explained
    }
}

/// A word the analyzer dropped, and why.
pub(super) fn dropped(text: &str, position: usize, kind: TokenKind, why: String) -> Explained {
    Explained {
        position,
        text: text.to_owned(),
        term: None,
        kind,
        steps: vec![why],
    }
}

/// What one word read one way gave: the word written as `surface` at `written` of the
/// text, folded to `folded`, read as `reading`, with its cache `entry`.
pub(super) struct Resolved<'a> {
    pub(super) written: &'a str,
    pub(super) surface: &'a str,
    pub(super) folded: &'a str,
    pub(super) position: usize,
    pub(super) kind: TokenKind,
    pub(super) reading: Reading,
    pub(super) split_compounds: bool,
    pub(super) entry: Cached,
}

/// Records a word's term with its steps, its compound parts and, on the index side, its
/// form.
pub(super) fn record(
    trace: &mut Vec<Explained>,
    word: Resolved<'_>,
    terms: &TermCache,
    stemmer: &DutchStemmer,
    mode: Mode,
) {
    let Resolved {
        written,
        surface,
        folded,
        position,
        kind,
        reading,
        split_compounds,
        entry,
    } = word;
    trace.push(Explained {
        position,
        text: written.to_owned(),
        term: Some(terms.stem_of(&entry).to_owned()),
        kind,
        steps: steps(stemmer, surface, folded, kind, reading),
    });
    if split_compounds {
        for part in terms.parts_of(&entry) {
            trace.push(Explained {
                position,
                text: written.to_owned(),
                term: Some(part.to_owned()),
                kind: TokenKind::CompoundPart,
                steps: vec![format!(
                    "a part of the compound '{folded}' (split as its lemma with the lexicon)"
                )],
            });
        }
    }
    if mode == Mode::Index && entry.has_form() {
        trace.push(Explained {
            position,
            text: written.to_owned(),
            term: Some(folded.to_owned()),
            kind: TokenKind::Form,
            steps: vec![
                "the unstemmed form, kept in the index's vocabulary for prefix and \
                 fuzzy search"
                    .to_owned(),
            ],
        });
    }
}

/// The steps from a written word to its term, in words, for `krant analyze`.
fn steps(
    stemmer: &DutchStemmer,
    surface: &str,
    folded: &str,
    kind: TokenKind,
    reading: Reading,
) -> Vec<String> {
    let mut steps = Vec::new();
    match kind {
        TokenKind::Joined => steps.push(format!("word group written as one word: {surface}")),
        TokenKind::Part => steps.push("one part of a word group".to_owned()),
        _ => {}
    }
    if surface != folded {
        steps.push(format!("lower-cased and folded: {surface} → {folded}"));
    }
    match reading {
        Reading::Acronym => {
            steps.push(format!(
                "in capitals, an acronym that spells a word: {surface} is its own term"
            ));
            return steps;
        }
        Reading::Name => {
            let what = if is_name_homograph(folded) {
                "the name {} (spelled like a word or its form)"
            } else if lexicon::lookup(folded).is_some() {
                "the name {}, by the words around it (a first name, a title or a name particle before it)"
            } else {
                "a word the lexicon does not know, read as the name {}"
            };
            steps.push(format!(
                "in Title case: {}: its own term",
                what.replace("{}", surface)
            ));
            return steps;
        }
        Reading::Word => {}
    }
    let term = lemma::term(stemmer, folded);
    match &term.how {
        How::Lexicon(entry) => {
            if entry.lemma != folded {
                let why = match lexicon::exception_reason(folded) {
                    Some(reason) => format!("{} ({reason})", entry.source.describe()),
                    None => entry.source.describe().to_owned(),
                };
                steps.push(format!("lexicon: {folded} → lemma {} ({why})", entry.lemma));
            } else {
                steps.push(format!("lexicon: {folded} is a lemma"));
            }
            if entry.key != entry.lemma {
                steps.push(key_step(entry));
            }
        }
        How::Inflection { base, entry } => {
            steps.push(format!(
                "not in the lexicon; a regular inflection of '{base}' → lemma {}",
                entry.lemma
            ));
            if entry.key != entry.lemma {
                steps.push(key_step(entry));
            }
        }
        How::Compound { parts } => {
            let head = parts.last().map_or("", |p| &folded[p.start..p.end]);
            steps.push(format!(
                "not in the lexicon; a compound whose head '{head}' is known: term {}",
                term.key
            ));
        }
        How::Stemmer(StemOrigin { raw, repair }) => {
            steps.push(format!(
                "not in the lexicon; Kraaij–Pohlmann stem: {folded} → {raw}"
            ));
            if let Some(repair) = repair {
                steps.push(format!(
                    "ending repaired -{} → -{}: {raw} → {} ({})",
                    repair.from, repair.to, term.key, repair.reason
                ));
            }
        }
    }
    steps
}

/// Why a lemma's key differs from it, in words.
fn key_step(entry: &LexiconEntry) -> String {
    if entry.is_verb() {
        format!(
            "the verb {} shares the term '{}' with the noun that is its stem",
            entry.lemma, entry.key
        )
    } else {
        format!(
            "{} is a participle of a verb: the verb's term '{}'",
            entry.lemma, entry.key
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{DutchAnalyzer, Mode};

    #[test]
    fn explain_names_each_filter() {
        let explained = DutchAnalyzer::new().explain("De leden IS", Mode::Query);
        assert_eq!(explained[0].term, None);
        assert!(explained[0].steps[0].contains("stop word"));
        assert_eq!(explained[1].term.as_deref(), Some("lid"));
        assert!(
            explained[1]
                .steps
                .iter()
                .any(|s| s.contains("lexicon: leden → lemma lid")),
            "{:?}",
            explained[1].steps
        );
        assert_eq!(explained[2].term.as_deref(), Some("IS"));
        assert!(explained[2].steps.iter().any(|s| s.contains("acronym")));
    }
}
