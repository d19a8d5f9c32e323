//! The archive's word forms: every folded, unstemmed word whose stem differs from it, for
//! prefix and fuzzy words (`vluchtelinge*`, `kalifat~1`). A form that matches is searched
//! through its stem, so the index only needs to know which forms exist, not where: kept
//! as one FST beside tantivy's files instead of a per-article field, which cost about a
//! sixth of a build's CPU time and 5% of the index.
//!
//! The vocabulary only grows (until `krant index --rebuild`): a form whose last article is
//! deleted stays, and searching its stem then finds only articles that really have it.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Context, Result};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use tantivy_fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};

use crate::error::failure;

/// The vocabulary file in the index folder.
pub const VOCABULARY_FILE: &str = "forms.fst";

/// Word forms, sorted, searchable by prefix and by edit distance.
#[derive(Default)]
pub struct Vocabulary {
    forms: Option<Map<Vec<u8>>>,
}

impl Vocabulary {
    /// Reads the vocabulary at `path`; empty if there is none yet.
    pub fn load(path: &Path) -> Result<Vocabulary> {
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vocabulary::default()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        // tantivy-fst's own message spans two lines and says nothing more.
        let forms = Map::from_bytes(bytes).map_err(|_| {
            failure(
                format!("the word forms file {} is damaged", path.display()),
                "run `krant index`, which reads the articles again to restore it",
            )
        })?;
        Ok(Vocabulary { forms: Some(forms) })
    }

    /// [`Vocabulary::load`], then every form read once: a damaged file can pass the
    /// load and fail (or panic) only where a search reads it, so a writer, which would
    /// copy every form into its next file, checks it whole (under `contain`).
    pub fn load_verified(path: &Path) -> Result<Vocabulary> {
        let vocabulary = Vocabulary::load(path)?;
        if let Some(forms) = &vocabulary.forms {
            let mut stream = forms.stream();
            let mut count = 0;
            while stream.next().is_some() {
                count += 1;
            }
            if count != forms.len() {
                return Err(failure(
                    format!("the word forms file {} is damaged", path.display()),
                    "run `krant index`, which reads the articles again to restore it",
                ));
            }
        }
        Ok(vocabulary)
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        self.forms.as_ref().map_or(0, Map::len)
    }

    /// The forms that start with `prefix`, in order.
    pub fn with_prefix(&self, prefix: &str) -> Vec<String> {
        let Some(forms) = &self.forms else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut stream = forms.range().ge(prefix).into_stream();
        while let Some((form, _)) = stream.next() {
            if !form.starts_with(prefix.as_bytes()) {
                break;
            }
            found.extend(std::str::from_utf8(form).ok().map(str::to_owned));
        }
        found
    }

    /// The forms within `distance` edits of `word` (a swap of two neighbouring letters is
    /// one edit), in order: the same measure as tantivy's fuzzy term query.
    pub fn within(&self, word: &str, distance: u8) -> Vec<String> {
        let Some(forms) = &self.forms else {
            return Vec::new();
        };
        let automaton = LevenshteinAutomaton(edit_automaton(word, distance));
        let mut found = Vec::new();
        let mut stream = forms.search(automaton).into_stream();
        while let Some((form, _)) = stream.next() {
            found.extend(std::str::from_utf8(form).ok().map(str::to_owned));
        }
        found
    }

    /// Writes this vocabulary plus `added` (sorted, without duplicates) to `path`
    /// atomically (a temporary file renamed over the old one), and becomes that. The
    /// new map is built straight into the file, so the old and the new are not both
    /// held while it is built.
    pub fn save_with(&mut self, path: &Path, added: &[&str]) -> Result<()> {
        debug_assert!(added.windows(2).all(|w| w[0] < w[1]));
        let tmp = path.with_extension("fst.tmp");
        let file =
            fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
        let mut builder = MapBuilder::new(std::io::BufWriter::with_capacity(1 << 16, file))?;
        let mut insert = |form: &[u8]| builder.insert(form, 0);
        let mut added = added.iter().map(|f| f.as_bytes()).peekable();
        if let Some(forms) = &self.forms {
            let mut old = forms.stream();
            while let Some((form, _)) = old.next() {
                while let Some(new) = added.next_if(|new| *new < form) {
                    insert(new)?;
                }
                added.next_if(|new| *new == form);
                insert(form)?;
            }
        }
        for new in added {
            insert(new)?;
        }
        builder
            .into_inner()?
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        // Read back before it takes the old one's place, and the old map dropped first.
        self.forms = None;
        let bytes = fs::read(&tmp).with_context(|| format!("cannot read {}", tmp.display()))?;
        let forms = Map::from_bytes(bytes)?;
        fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
        self.forms = Some(forms);
        Ok(())
    }
}

/// A Levenshtein automaton for `word` (transpositions cost one edit).
pub fn edit_automaton(word: &str, distance: u8) -> DFA {
    LevenshteinAutomatonBuilder::new(distance, true).build_dfa(word)
}

/// Whether `form` is within the automaton's distance of its word.
pub fn accepts(automaton: &DFA, form: &str) -> bool {
    matches!(automaton.eval(form), Distance::Exact(_))
}

/// [`edit_automaton`] as an automaton over an FST's keys (the vocabulary's, or a term
/// dictionary's).
pub struct LevenshteinAutomaton(pub DFA);

impl Automaton for LevenshteinAutomaton {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(dir: &Path, batches: &[&[&str]]) -> Vocabulary {
        let path = dir.join(VOCABULARY_FILE);
        let mut vocabulary = Vocabulary::load(&path).unwrap();
        for batch in batches {
            vocabulary.save_with(&path, batch).unwrap();
        }
        vocabulary
    }

    #[test]
    fn merges_batches_without_duplicates_and_reloads() {
        let dir = tempfile::tempdir().unwrap();
        let built = saved(
            dir.path(),
            &[
                &["gewonden", "vluchtelingen"],
                &["belgische", "gewonden", "vluchtelingenkamp", "zwaarste"],
                &[],
            ],
        );
        let expected = [
            "belgische",
            "gewonden",
            "vluchtelingen",
            "vluchtelingenkamp",
            "zwaarste",
        ];
        assert_eq!(built.len(), expected.len());
        let reloaded = Vocabulary::load(&dir.path().join(VOCABULARY_FILE)).unwrap();
        assert_eq!(reloaded.with_prefix(""), expected);
        assert!(!dir.path().join("forms.fst.tmp").exists());
    }

    #[test]
    fn finds_by_prefix_and_by_edit_distance() {
        let dir = tempfile::tempdir().unwrap();
        let vocabulary = saved(
            dir.path(),
            &[&[
                "kalifaat",
                "kalifaten",
                "vluchtelingen",
                "vluchtelingenkamp",
                "vluchten",
            ]],
        );
        assert_eq!(
            vocabulary.with_prefix("vluchtelinge"),
            ["vluchtelingen", "vluchtelingenkamp"]
        );
        assert!(vocabulary.with_prefix("vluchtelingenkampen").is_empty());
        assert_eq!(vocabulary.within("kalifat", 1), ["kalifaat"]);
        assert_eq!(vocabulary.within("kailfaat", 1), ["kalifaat"]);
        assert_eq!(vocabulary.within("kalifate", 2), ["kalifaat", "kalifaten"]);
        assert!(vocabulary.within("kalfat", 1).is_empty());
    }

    #[test]
    fn a_missing_file_is_empty_and_a_damaged_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(VOCABULARY_FILE);
        assert_eq!(Vocabulary::load(&path).unwrap().len(), 0);
        assert!(Vocabulary::default().with_prefix("a").is_empty());
        fs::write(&path, b"not an fst").unwrap();
        let err = Vocabulary::load(&path).err().unwrap();
        assert!(format!("{err:#}").contains("is damaged"), "{err:#}");
        assert!(crate::error::hint_of(&err).unwrap().contains("krant index"));
    }
}
