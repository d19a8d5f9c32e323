//! How capitals and names are read: whether a written word is read as a word (its
//! lemma's term), as an acronym (`IS`, `DUO`: its capitals are its term) or as a name
//! (`Tienen`, `Hoogstraten`: the folded name with a capital), on the index side and in
//! the readings a query tries ([`DutchAnalyzer::query_variants`]).

use super::context::{
    after_first_name, after_title, may_be_first_name, named_by_context, previous_word,
};
use super::lexicon::{
    is_name_homograph, is_name_homograph_with, is_uncapitalised_form, lookup as lexicon_lookup,
};
use super::stopwords::is_stop_word;
use super::words::without_ignorables;
use super::{AnalyzedToken, DutchAnalyzer, MAX_QUERY_VARIANTS, Mode, word_spans};

/// A word form this frequent (Zipf × 10: a hundred times in a million words) typed in lower
/// case means the word, even when a place or a name is spelled like it (`best`, `Best`).
const COMMON_FORM_ZIPF10: u8 = 50;

/// How a written word is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// As a word: its lemma's term.
    Word,
    /// As an acronym that spells a word (`IS`, `DUO`): its capitals are its term.
    Acronym,
    /// As a name: a place spelled like a word (`Tienen`, `Weert`), or a word
    /// the lexicon does not know, in Title case inside a sentence (`Hoogstraten`): the
    /// folded name with a capital is its term, not looked up and not split.
    Name,
}

/// How the analyzer reads a word that the list of names spelled like words holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Names {
    /// As the word (it is not in Title case, or is part of a word group).
    Ignore,
    /// As the name.
    Name,
    /// Both ways (index side, at the start of a sentence).
    Both,
    /// As the name, whatever the lexicon says: the words around it make it one
    /// ([`named_by_context`]: `Jesse Klaver`, `Virgil van Dijk`, `bij Den Helder`).
    Context,
}

/// What the lexicon says of a folded word that decides whether, written in Title case,
/// it may be a name: whether it knows the word, and whether the word is a name spelled
/// like a word ([`is_name_homograph`]). A function of the folded word alone, so the
/// analyzer keeps it with the words met ([`super::term_cache`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NameFacts {
    /// The lexicon knows the word.
    pub(super) known: bool,
    /// The word is a name spelled like a word.
    pub(super) homograph: bool,
}

impl NameFacts {
    /// The facts of a folded word, from the lexicon.
    pub(super) fn of(folded: &str) -> NameFacts {
        let entry = lexicon_lookup(folded);
        NameFacts {
            known: entry.is_some(),
            homograph: is_name_homograph_with(folded, entry.as_ref()),
        }
    }

    /// Whether a word in Title case may be a name: a name spelled like a word (`tienen`,
    /// `wilders`), or a word the lexicon does not know (`hoogstraten`, `bamen`).
    fn may_be_name(self) -> bool {
        self.homograph || !self.known
    }
}

/// How a written word (not part of a word group) may be a name: a word in Title case
/// may be a name that is spelled like a word (`Tienen`, `Weert`, `Leiden`): in the
/// middle of a sentence it is the name; at the start of one, the index takes both
/// readings.
pub(super) fn names_of(surface: &str, text: &str, start: usize, mode: Mode) -> Names {
    if !is_title_case(surface) {
        return Names::Ignore;
    }
    let opens = starts_sentence(text, start);
    if !opens
        && (named_by_context(text, start) || after_title(text, start) && may_be_first_name(surface))
    {
        Names::Context
    } else if mode == Mode::Index && opens {
        Names::Both
    } else {
        Names::Name
    }
}

/// The readings of a word written as `surface` at `start..end` of `text`, folded to
/// `folded`, in order. `names` says how the word may be a name, with its [`NameFacts`]
/// where it may be one at all (not [`Names::Ignore`]).
pub(super) fn readings(
    surface: &str,
    folded: &str,
    text: &str,
    (start, end): (usize, usize),
    names: Option<(Names, NameFacts)>,
    mode: Mode,
) -> &'static [Reading] {
    if is_acronym(surface, folded) {
        // In a run of capitals (a headline: `BRAND IN LEIDEN`) a word may be either;
        // a stop word's word reading is dropped as ever.
        if !is_stop_word(folded) && in_capitals(text, start, end) {
            &[Reading::Word, Reading::Acronym]
        } else {
            &[Reading::Acronym]
        }
    } else if let Some((Names::Context, _)) = names {
        &[Reading::Name]
    } else if let Some((names, facts)) = names
        && facts.may_be_name()
    {
        // A word the lexicon does not know, in Title case, may be a name
        // (`Hoogstraten`) or a form the lexicon misses (`Vlamingen`, `Oekrainers`):
        // the index takes both readings, and the query tries both
        // ([`DutchAnalyzer::query_variants`]).
        if names == Names::Both || (mode == Mode::Index && !facts.homograph) {
            &[Reading::Word, Reading::Name]
        } else {
            &[Reading::Name]
        }
    } else {
        &[Reading::Word]
    }
}

impl DutchAnalyzer {
    /// The query-side tokens of `text` in each reading it may have: one list, or more where
    /// a word in lower case may also be a name (`gemeente tienen`: `tien`, and the place
    /// `Tienen`). At most [`MAX_QUERY_VARIANTS`] lists.
    pub fn query_variants(&mut self, text: &str) -> Vec<Vec<AnalyzedToken>> {
        let tokens = self.tokens(text, Mode::Query);
        let mut variants = vec![tokens.clone()];
        for (i, token) in tokens.iter().enumerate() {
            let word = &text[token.start..token.end];
            let Some(name) = self
                .name_reading(word)
                .or_else(|| self.word_reading(word))
                .or_else(|| self.context_reading(text, (token.start, token.end)))
                .filter(|name| *name != token.term)
            else {
                continue;
            };
            let mut more = Vec::new();
            for variant in &variants {
                if variants.len() + more.len() >= MAX_QUERY_VARIANTS {
                    break;
                }
                let mut other = variant.clone();
                other[i].term = name.clone();
                more.push(other);
            }
            variants.extend(more);
        }
        if tokens.is_empty() {
            variants.clear();
        }
        variants
    }

    /// The term of the name a query word may be, written in lower case (`tienen` →
    /// `Tienen`, `curacao` → `Curacao`, an unknown `bamen` → `Bamen`): the query looks for
    /// the word and the name. In Title case the word is the name already.
    pub fn name_reading(&self, text: &str) -> Option<String> {
        let mut spans = word_spans(text);
        let (start, end) = spans.next()?;
        if spans.next().is_some() || is_title_case(&text[start..end]) {
            return None;
        }
        let folded = self.normalize(&text[start..end]);
        // A place's name spelled like a word's dictionary form, typed in lower case, is
        // the word (`geel`, `leiden`: the places are written `Geel`, `Leiden`); so is one
        // spelled like a form in common use (`best`, `dieren`: a hundred times in a
        // million words or more). A name spelled like a rarer form (`tienen`) or like a
        // verb's form or an adjective's `-s` form that no one searches for as the word
        // (`delft`, `wilders`, `verenigde staten`) may be the name, as may a word the
        // lexicon does not know.
        let entry = lexicon_lookup(&folded);
        let name = match entry {
            None => true,
            Some(e) if is_uncapitalised_form(&folded, &e) => true,
            Some(e) => {
                is_name_homograph_with(&folded, Some(&e))
                    && e.lemma != folded
                    && e.form_zipf10 < COMMON_FORM_ZIPF10
            }
        };
        name.then(|| title_case(&folded))
    }

    /// The name's term of a query word that its neighbours in the query make a name
    /// (`Jesse Klaver`, `virgil van dijk`, `den helder`: see [`named_by_context`]), and of
    /// a word in Title case that is a known word (`Klaver`): the query looks for the
    /// name and the word.
    fn context_reading(&self, text: &str, (start, end): (usize, usize)) -> Option<String> {
        let surface = without_ignorables(&text[start..end]);
        if is_stop_word(&surface.to_lowercase()) {
            return None;
        }
        let after_den =
            previous_word(text, start).is_some_and(|(w, _)| w.eq_ignore_ascii_case("den"));
        let named = is_title_case(&surface)
            || after_den
            || after_title(text, start)
            || after_first_name(text, start, false);
        named.then(|| title_case(&self.normalize(&surface)))
    }

    /// The word's term of a query word in Title case that the lexicon does not know, and
    /// so may be a name or a form the lexicon misses (`Oekrainers` → `oekrainer`): the
    /// query looks for both. A known word in Title case is the name or the word already.
    fn word_reading(&mut self, text: &str) -> Option<String> {
        let surface = without_ignorables(text);
        if !is_title_case(&surface) {
            return None;
        }
        let folded = self.normalize(&surface);
        if is_name_homograph(&folded) || lexicon_lookup(&folded).is_some() {
            return None;
        }
        match self.tokens(&folded, Mode::Query).as_slice() {
            [one] => Some(one.term.clone()),
            _ => None,
        }
    }
}

/// A word of two or more capitals that spells a stop word or a common word (`IS`, `OM`,
/// `DUO`, `PAS`): an acronym, not the word. Capitals that spell no word (`NAVO`, `GGD`)
/// are read as usual, so that `navo` finds them.
fn is_acronym(surface: &str, folded: &str) -> bool {
    surface.len() >= 2
        && surface.bytes().all(|b| b.is_ascii_uppercase())
        && (is_stop_word(folded) || lexicon_lookup(folded).is_some_and(|e| !e.is_name()))
}

/// Whether the word at `start..end` stands beside another word of two or more capitals:
/// a headline or a line in capitals, where a capitalised word may be a plain word.
fn in_capitals(text: &str, start: usize, end: usize) -> bool {
    let capitals = |word: &str| {
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word.chars().all(|c| !c.is_lowercase())
    };
    let before = text[..start]
        .split(|c: char| c.is_whitespace())
        .rfind(|w| w.chars().any(char::is_alphabetic));
    let after = text[end..]
        .split(|c: char| c.is_whitespace())
        .find(|w| w.chars().any(char::is_alphabetic));
    before.is_some_and(capitals) || after.is_some_and(capitals)
}

/// The folded word with a capital: a name's term, apart from the word's (`Geel`, `geel`).
pub(super) fn title_case(folded: &str) -> String {
    let mut chars = folded.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A capital and then no capital (`Tienen`, not `TIENEN` or `tienen`).
pub(super) fn is_title_case(surface: &str) -> bool {
    let mut chars = surface.chars();
    chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
}

/// Whether the word at byte `start` opens a sentence: only blanks and opening quotes or
/// brackets lie between it and the start of the text, a line break, or the end of the
/// last sentence.
pub(super) fn starts_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' | ':' => return true,
            c if c.is_whitespace() => {}
            '"' | '\'' | '‘' | '“' | '„' | '«' | '(' | '[' | '-' | '–' | '—' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::analysis::{DutchAnalyzer, Mode, TokenKind};

    fn terms(text: &str, mode: Mode) -> Vec<(usize, String)> {
        DutchAnalyzer::new()
            .tokens(text, mode)
            .into_iter()
            .map(|t| (t.position, t.term))
            .collect()
    }

    /// The index-side terms of `text` of one kind of token.
    fn index_terms(text: &str, kind: TokenKind) -> Vec<String> {
        DutchAnalyzer::new()
            .tokens(text, Mode::Index)
            .into_iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.term)
            .collect()
    }

    fn query_terms(text: &str) -> Vec<String> {
        DutchAnalyzer::new().terms(text)
    }

    #[test]
    fn stop_words_drop_but_acronyms_stay() {
        assert_eq!(query_terms("is"), Vec::<String>::new());
        assert_eq!(query_terms("Is"), Vec::<String>::new());
        assert_eq!(query_terms("IS"), ["IS"]);
        assert_eq!(
            terms("Het weer is mooi", Mode::Index),
            [(1, "weer".to_owned()), (3, "mooi".to_owned())]
        );
    }

    #[test]
    fn capitals_that_spell_a_word_are_an_acronym() {
        // `DUO` (the agency) and `duo` (a pair) stay apart.
        assert_eq!(query_terms("DUO"), ["DUO"]);
        assert_eq!(query_terms("duo"), ["duo"]);
        let words = |text: &str| index_terms(text, TokenKind::Word);
        assert_eq!(words("het DUO"), ["DUO"]);
        // In a headline in capitals, a capitalised word may be the word too.
        assert_eq!(
            words("BRAND IN LEIDEN"),
            ["brand", "BRAND", "IN", "leiden", "LEIDEN"]
        );
        // Capitals that spell no word are read as usual: `navo` finds `NAVO`.
        assert_eq!(query_terms("NAVO"), query_terms("navo"));
    }

    #[test]
    fn a_place_spelled_like_a_word_is_the_place_inside_a_sentence() {
        let index = |text: &str| index_terms(text, TokenKind::Word);
        assert_eq!(query_terms("Tienen"), ["Tienen"]);
        assert_eq!(query_terms("tienen"), query_terms("tien"));
        // In lower case, a query looks for the word and the place.
        let analyzer = DutchAnalyzer::new();
        assert_eq!(analyzer.name_reading("tienen").as_deref(), Some("Tienen"));
        assert_eq!(analyzer.name_reading("Tienen"), None);
        assert_eq!(analyzer.name_reading("tien"), None);
        // A word's dictionary form in lower case is the word: `geel` is not `Geel`.
        assert_eq!(analyzer.name_reading("geel"), None);
        assert_eq!(analyzer.name_reading("delft").as_deref(), Some("Delft"));
        // A common form is the word too (`best`: goed); a verb's form is looked for as the
        // name as well, however common (`verenigde staten`).
        assert_eq!(analyzer.name_reading("best"), None);
        assert_eq!(analyzer.name_reading("dieren"), None);
        assert_eq!(
            analyzer.name_reading("verenigde").as_deref(),
            Some("Verenigde")
        );
        // Towns from GeoNames are places too.
        assert_eq!(index("carnaval in Echt"), ["carnaval", "Echt"]);
        assert_eq!(index("In Tienen staat"), ["Tienen", "staat"]);
        // A place whose name is a word's lemma (`Geel`, `geel`) stays apart too.
        assert_eq!(index("in Geel"), ["Geel"]);
        assert_ne!(query_terms("Geel"), query_terms("gele"));
        // At the start of a sentence, both readings.
        let start = index("Tienen kreeg");
        assert!(start.contains(&"Tienen".to_owned()) && start.contains(&query_terms("tien")[0]));
        // An unknown word in Title case inside a sentence is a name: not cut into parts.
        let parts = |text: &str| index_terms(text, TokenKind::CompoundPart);
        assert!(parts("in Hoogstraten").is_empty());
        assert!(!parts("de hoogstraten").is_empty());
    }

    #[test]
    fn a_word_after_a_first_name_or_a_name_particle_is_the_name() {
        let words = |text: &str| index_terms(text, TokenKind::Word);
        // After a first name (which keeps its own term), with or without particles and
        // initials, and behind a Title-case particle: the name only.
        assert_eq!(words("zei Stef Blok"), ["zeg", "stef", "Blok"]);
        assert_eq!(words("met Virgil van Dijk"), ["virgil", "Dijk"]);
        assert_eq!(words("zei Bart De Wever"), ["zeg", "bart", "Wever"]);
        assert_eq!(
            words("zei misdaadverslaggever Peter R. de Vries"),
            ["zeg", "misdaadverslaggever", "Peter", "R", "Vries"]
        );
        assert_eq!(words("in São Paulo"), ["sao", "Paulo"]);
        assert_eq!(words("vast bij Den Helder."), ["vast", "den", "Helder"]);
        assert_eq!(words("de dijk in De Haan"), ["dijk", "Haan"]);
        // After a title, a noun or an unknown word is a name, and so is the word after it;
        // an adjective or a numeral is not.
        assert_eq!(words("zei trainer Slot"), ["zeg", "trainer", "Slot"]);
        assert_eq!(words("zei oud-premier Wim Kok"), ["zeg", "Wim", "Kok"]);
        assert_eq!(
            words("zei voorzitter Tweede Kamer"),
            ["zeg", "voorzitter", "tweede", "kamer"]
        );
        // Not after punctuation or a dash, nor after a first name that is a word too
        // (`Mark`), nor behind a particle that merely opens the sentence or is a
        // preposition.
        assert_eq!(words("zei Jesse, Klaver"), ["zeg", "jesse", "klaver"]);
        assert_eq!(words("Mark Blok"), ["mark", "blok"]);
        assert_eq!(words("De Nederlandse regering"), ["nederlands", "regering"]);
        assert_eq!(
            words("Kabinet valt – De Nederlandse economie"),
            ["kabinet", "val", "nederlands", "economie"]
        );
        assert_eq!(
            words("minister van Buitenlandse Zaken"),
            ["minister", "buitenlands", "zaak"]
        );
        assert_eq!(
            words("Stef Blok van Buitenlandse Zaken"),
            ["stef", "Blok", "buitenlands", "zaak"]
        );
    }

    #[test]
    fn a_query_looks_for_names_its_words_make() {
        let variants = |query: &str| -> Vec<Vec<String>> {
            DutchAnalyzer::new()
                .query_variants(query)
                .into_iter()
                .map(|v| v.into_iter().map(|t| t.term).collect())
                .collect()
        };
        // In Title case the word and the name; in lower case the word alone.
        assert_eq!(variants("Klaver"), [["klaver"], ["Klaver"]]);
        assert_eq!(variants("klaver"), [["klaver"]]);
        // A first name or `den` before it, in any case, makes a name of it.
        assert!(variants("virgil van dijk").contains(&vec!["virgil".into(), "Dijk".into()]));
        assert!(variants("Jesse Klaver").contains(&vec!["jesse".into(), "Klaver".into()]));
        assert!(variants("den helder").contains(&vec!["den".into(), "Helder".into()]));
        assert!(variants("trainer slot").contains(&vec!["trainer".into(), "Slot".into()]));
        assert!(!variants("de haan").concat().contains(&"Haan".to_owned()));
    }
}
