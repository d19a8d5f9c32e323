//! Compiling a query expression into tantivy's queries: words, phrases and their readings,
//! prefix and fuzzy words through the word forms, month and folder filters, pair filters for
//! phrases of frequent words.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, InvertedIndexRangeQuery,
    Occur, PhraseQuery, Query as TantivyQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::phrase_pairs::pair_term;
use super::schema::Fields;
use super::vocabulary::{Vocabulary, accepts, edit_automaton};
use crate::analysis::{AnalyzedToken, DutchAnalyzer, Mode, fold, word_spans};
use crate::date::MonthRange;
use crate::query::{Expr, Scope};

/// A title match counts this much more than a text match.
pub(super) const TITLE_BOOST: f32 = 2.0;

/// A prefix or fuzzy match through another form's stem counts this much of a direct one.
pub(super) const VIA_FORMS_BOOST: f32 = 0.5;

/// The month range as a non-scoring query on the `yyyymmdd` date field, or `None` if
/// unbounded. On
/// the field's terms, not its column: the column path scans every article's date on each
/// search, while the terms of a year's days point at that year's articles only.
pub(super) fn month_filter(range: &MonthRange, date: Field) -> Option<Box<dyn TantivyQuery>> {
    if range.is_unbounded() {
        return None;
    }
    let lower = range.from.map_or(Bound::Unbounded, |m| {
        Bound::Included(Term::from_field_u64(date, m.as_number() * 100))
    });
    let upper = range.to.map_or(Bound::Unbounded, |m| {
        Bound::Included(Term::from_field_u64(date, m.as_number() * 100 + 99))
    });
    // A filter, not a match: it scores zero, so an article's score for the same words is
    // the same with or without a range (a bare range query scores 1.0 for every hit).
    Some(Box::new(ConstScoreQuery::new(
        Box::new(InvertedIndexRangeQuery::new(lower, upper)),
        0.0,
    )))
}

/// The articles in `folder` (at any depth) or with that path, as a non-scoring query on
/// the path's terms: the path itself, and the range from `folder/` up to `folder0` (`0`
/// follows `/`), which holds every path below it and no other (`nrc/` but not `nrc-next/`).
pub(super) fn folder_filter(folder: &str, path: Field) -> Box<dyn TantivyQuery> {
    if folder.is_empty() {
        return Box::new(AllQuery);
    }
    let below = InvertedIndexRangeQuery::new(
        Bound::Included(Term::from_field_text(path, &format!("{folder}/"))),
        Bound::Excluded(Term::from_field_text(path, &format!("{folder}0"))),
    );
    let itself = TermQuery::new(
        Term::from_field_text(path, folder),
        IndexRecordOption::Basic,
    );
    Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, Box::new(below) as Box<dyn TantivyQuery>),
            (Occur::Should, Box::new(itself)),
        ])),
        0.0,
    ))
}

pub(super) fn scoped_fields(scope: Scope, fields: Fields) -> Vec<(Field, f32)> {
    match scope {
        Scope::Anywhere => vec![(fields.title, TITLE_BOOST), (fields.text, 1.0)],
        Scope::Title => vec![(fields.title, 1.0)],
        Scope::Text => vec![(fields.text, 1.0)],
    }
}

/// Whether `expr` is a plain word of one term, or several joined by OR.
pub(super) fn is_term_union(expr: &Expr, analyzer: &mut DutchAnalyzer) -> bool {
    match expr {
        Expr::Word {
            text,
            prefix: false,
            fuzzy: None,
            ..
        } => analyzer.tokens(text, Mode::Query).len() == 1,
        Expr::Or(parts) => parts.iter().all(|p| is_term_union(p, analyzer)),
        _ => false,
    }
}

/// Whether a prefix or fuzzy word occurs in `expr`: only those need the vocabulary.
pub(super) fn has_forms_word(expr: &Expr) -> bool {
    match expr {
        Expr::Word { prefix, fuzzy, .. } => *prefix || fuzzy.is_some(),
        Expr::Phrase { .. } | Expr::Months(_) | Expr::Path(_) => false,
        Expr::Not(inner) => has_forms_word(inner),
        Expr::And(parts) | Expr::Or(parts) => parts.iter().any(has_forms_word),
    }
}

/// Turns parsed expressions into tantivy queries.
pub(super) struct Compiler<'a> {
    pub(super) fields: Fields,
    pub(super) analyzer: &'a mut DutchAnalyzer,
    pub(super) vocabulary: &'a Vocabulary,
    /// The terms the index holds pairs of, sorted.
    pub(super) frequent_terms: &'a [String],
}

/// Queries that may match in any combination (`Should` clauses).
pub(super) type Alternatives = Vec<(Occur, Box<dyn TantivyQuery>)>;

/// One query of several alternatives.
pub(super) fn any_of(mut alternatives: Alternatives) -> Box<dyn TantivyQuery> {
    if alternatives.len() == 1 {
        alternatives.pop().expect("one alternative").1
    } else {
        Box::new(BooleanQuery::new(alternatives))
    }
}

/// One query per field, boosted, any of which may match.
pub(super) fn across_fields(
    scope: Scope,
    fields: Fields,
    mut make: impl FnMut(Field) -> Box<dyn TantivyQuery>,
) -> Alternatives {
    scoped_fields(scope, fields)
        .into_iter()
        .map(|(field, boost)| {
            let query = make(field);
            let query: Box<dyn TantivyQuery> = if boost == 1.0 {
                query
            } else {
                Box::new(BoostQuery::new(query, boost))
            };
            (Occur::Should, query)
        })
        .collect()
}

impl Compiler<'_> {
    /// Turns a parsed expression into a tantivy query; `None` when nothing searchable is
    /// left (a word of punctuation only, say).
    pub(super) fn compile(&mut self, expr: &Expr) -> Option<Box<dyn TantivyQuery>> {
        let fields = self.fields;
        match expr {
            Expr::Word {
                text,
                scope,
                prefix: true,
                ..
            } => self.prefix_word(text, *scope),
            Expr::Word {
                text,
                scope,
                fuzzy: Some(distance),
                ..
            } => self.fuzzy_word(text, *scope, *distance),
            Expr::Word { text, scope, .. } => self.phrase(text, *scope, 0),
            Expr::Phrase { text, scope, slop } => self.phrase(text, *scope, *slop),
            Expr::Months(range) => month_filter(range, fields.date).or(Some(Box::new(AllQuery))),
            Expr::Path(folder) => Some(folder_filter(folder, fields.path)),
            Expr::Not(inner) => {
                let inner = self.compile(inner)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, inner),
                ])))
            }
            Expr::And(parts) => self.all_of(parts),
            Expr::Or(parts) => self.any_of(parts),
        }
    }

    /// A prefix word (`vluchtel*`, `al-bagh*`): every form that starts with it.
    fn prefix_word(&mut self, text: &str, scope: Scope) -> Option<Box<dyn TantivyQuery>> {
        let (last_start, last_end) = word_spans(text).last()?;
        let prefix = fold(&text[last_start..last_end]);
        let forms = self.vocabulary.with_prefix(&prefix);
        let matches = self.forms_query(
            scope,
            &prefix,
            &forms,
            |stem| stem.starts_with(prefix.as_str()),
            |t| Box::new(FuzzyTermQuery::new_prefix(t, 0, true)),
        );
        // `al-bagh*`: the whole words before the prefix must occur too.
        match self.phrase(&text[..last_start], scope, 0) {
            Some(before) => Some(Box::new(BooleanQuery::new(vec![
                (Occur::Must, before),
                (Occur::Must, matches),
            ]))),
            None => Some(matches),
        }
    }

    /// A fuzzy word (`kalifaat~1`): every form within `distance` edits.
    fn fuzzy_word(
        &mut self,
        text: &str,
        scope: Scope,
        distance: u8,
    ) -> Option<Box<dyn TantivyQuery>> {
        // A fuzzy compound like `al-bagdadi~1`: the joined letters are the best guess.
        let form: String = word_spans(text).map(|(s, e)| fold(&text[s..e])).collect();
        if form.is_empty() {
            return None;
        }
        let forms = self.vocabulary.within(&form, distance);
        let automaton = edit_automaton(&form, distance);
        Some(self.forms_query(
            scope,
            &form,
            &forms,
            |stem| accepts(&automaton, stem),
            |t| Box::new(FuzzyTermQuery::new(t, distance, true)),
        ))
    }

    /// Every part must match (a negated part must not); `None` if no part can be searched.
    fn all_of(&mut self, parts: &[Expr]) -> Option<Box<dyn TantivyQuery>> {
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for part in parts {
            match part {
                Expr::Not(inner) => {
                    if let Some(q) = self.compile(inner) {
                        clauses.push((Occur::MustNot, q));
                    }
                }
                _ => {
                    if let Some(q) = self.compile(part) {
                        clauses.push((Occur::Must, q));
                    }
                }
            }
        }
        if clauses.is_empty() {
            return None;
        }
        if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// At least one part must match; `None` if no part can be searched.
    fn any_of(&mut self, parts: &[Expr]) -> Option<Box<dyn TantivyQuery>> {
        // Flat: a union of term queries is what tantivy can rank without scoring
        // every match (block-max WAND), and the scores are the same sums.
        let mut clauses: Alternatives = Vec::new();
        for part in parts {
            let flat = match part {
                Expr::Word {
                    text,
                    scope,
                    prefix: false,
                    fuzzy: None,
                } => self.phrase_alternatives(text, *scope, 0),
                Expr::Phrase { text, scope, slop } => self.phrase_alternatives(text, *scope, *slop),
                _ => self.compile(part).map(|q| vec![(Occur::Should, q)]),
            };
            clauses.extend(flat.into_iter().flatten());
        }
        if clauses.is_empty() {
            None
        } else {
            Some(Box::new(BooleanQuery::new(clauses)))
        }
    }

    /// A prefix or fuzzy word: `direct` on the stems themselves (for words equal to their
    /// stem), plus the stems of the archive's word forms that match (`vluchtelinge*` →
    /// `vluchtelingen` → `vluchteling`), except those `direct` already finds. A title-only
    /// search looks in the title, any other in the text.
    pub(super) fn forms_query(
        &mut self,
        scope: Scope,
        word: &str,
        forms: &[String],
        found_directly: impl Fn(&str) -> bool,
        direct: impl Fn(Term) -> Box<dyn TantivyQuery>,
    ) -> Box<dyn TantivyQuery> {
        let field = match scope {
            Scope::Title => self.fields.title,
            Scope::Anywhere | Scope::Text => self.fields.text,
        };
        let direct = direct(Term::from_field_text(field, word));
        // Each form as a word, and as the name it may also be (`tienen`, `Tienen`).
        let stems: Vec<Term> = forms
            .iter()
            .flat_map(|form| {
                std::iter::once(self.analyzer.stem_folded(form))
                    .chain(self.analyzer.name_reading(form))
            })
            .filter(|stem| !found_directly(stem))
            .map(|stem| Term::from_field_text(field, &stem))
            .collect();
        if stems.is_empty() {
            return direct;
        }
        // Ranked below direct matches: a stem can be shared with unrelated words
        // (Kraaij–Pohlmann stems the French `ministère` to `mini`).
        let via_forms = BoostQuery::new(Box::new(TermSetQuery::new(stems)), VIA_FORMS_BOOST);
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, direct),
            (Occur::Should, Box::new(via_forms)),
        ]))
    }
}

impl Compiler<'_> {
    /// A word or phrase: one term is a term query; several (as in `IS-strijders` or a
    /// quoted phrase) must occur in order, keeping the gaps of words the analyzer dropped.
    pub(super) fn phrase(
        &mut self,
        text: &str,
        scope: Scope,
        slop: u32,
    ) -> Option<Box<dyn TantivyQuery>> {
        self.phrase_alternatives(text, scope, slop).map(any_of)
    }

    /// [`Compiler::phrase`] as one alternative per field.
    pub(super) fn phrase_alternatives(
        &mut self,
        text: &str,
        scope: Scope,
        slop: u32,
    ) -> Option<Alternatives> {
        // Each reading of the words (a lower-case word may also be a place: `tienen`) is
        // one alternative.
        let variants = self.analyzer.query_variants(text);
        if variants.is_empty() {
            return None;
        }
        let mut alternatives = Alternatives::new();
        for tokens in &variants {
            alternatives.extend(self.reading_alternatives(tokens, scope, slop));
        }
        Some(alternatives)
    }

    /// One reading of a word or phrase, one alternative per field: a term, or the terms in
    /// order, keeping the gaps of words the analyzer dropped.
    pub(super) fn reading_alternatives(
        &self,
        tokens: &[AnalyzedToken],
        scope: Scope,
        slop: u32,
    ) -> Alternatives {
        let fields = self.fields;
        if let [one] = tokens {
            return across_fields(scope, fields, |field| {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &one.term),
                    IndexRecordOption::WithFreqs,
                ))
            });
        }
        let pairs = if slop == 0 {
            self.pair_filters(tokens)
        } else {
            Vec::new()
        };
        across_fields(scope, fields, |field| {
            let terms = tokens
                .iter()
                .map(|t| (t.position, Term::from_field_text(field, &t.term)))
                .collect();
            let phrase = Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop));
            if field != fields.text || pairs.is_empty() {
                return phrase;
            }
            // The pairs lead the intersection (tantivy drives it by the cheapest
            // clause) and score nothing, so the phrase's score stays as it was.
            let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = pairs
                .iter()
                .map(|pair| {
                    let filter: Box<dyn TantivyQuery> = Box::new(ConstScoreQuery::new(
                        Box::new(TermQuery::new(
                            Term::from_field_text(fields.pairs, pair),
                            IndexRecordOption::Basic,
                        )),
                        0.0,
                    ));
                    (Occur::Must, filter)
                })
                .collect();
            clauses.push((Occur::Must, phrase));
            Box::new(BooleanQuery::new(clauses))
        })
    }

    /// The pair terms an exact phrase's text match must hold: one per two frequent terms
    /// at adjacent positions.
    pub(super) fn pair_filters(&self, tokens: &[AnalyzedToken]) -> Vec<String> {
        if self.frequent_terms.is_empty() {
            return Vec::new();
        }
        let frequent = |term: &str| {
            self.frequent_terms
                .binary_search_by(|f| f.as_str().cmp(term))
                .is_ok()
        };
        tokens
            .windows(2)
            .filter(|w| {
                w[0].position + 1 == w[1].position && frequent(&w[0].term) && frequent(&w[1].term)
            })
            .map(|w| pair_term(&w[0].term, &w[1].term))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Searcher;
    use crate::index::fixture::index_of;
    use crate::index::phrase_pairs::pair_term;

    #[test]
    fn only_adjacent_frequent_terms_of_an_exact_phrase_make_filters() {
        let (_dir, index) = index_of(&["Leeg.".to_owned()], "jaar geleden politie");
        let searcher = Searcher::new(index).unwrap();
        let mut analyzer = DutchAnalyzer::new();
        let none = Vocabulary::default();
        let compiler = Compiler {
            fields: searcher.index.fields,
            analyzer: &mut analyzer,
            vocabulary: &none,
            frequent_terms: &searcher.frequent_terms,
        };
        let mut filters = |text: &str| {
            let tokens = compiler.analyzer.tokens(text, Mode::Query);
            compiler.pair_filters(&tokens)
        };
        assert_eq!(
            filters("jaar geleden politie"),
            [
                pair_term("jaar", "geleden"),
                pair_term("geleden", "politie")
            ]
        );
        // A stop word's gap, a word not frequent, a single word: nothing to pair.
        assert!(filters("jaar van geleden").is_empty());
        assert!(filters("twee jaar").is_empty());
        assert!(filters("jaar").is_empty());
    }
}
