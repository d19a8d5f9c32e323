//! `krant keywords`: the terms most over-represented in the matching articles against the
//! rest of the archive (or `--against` a second query), ranked by Dunning's G².
//!
//! The counts come from the index (`index::frequencies`: a term as a word of its own, so
//! compounds count once); the candidates and their surface forms from the matching
//! articles' texts, analyzed as the index analyzed them, one article at a time.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};
use std::process::ExitCode;

use anyhow::Result;

use crate::analysis::{DutchAnalyzer, Mode, TokenKind, TokenView};
use crate::config::{KeywordsConfig, ListFormat};
use crate::index::{DocSets, Searcher, TextState};
use crate::output::{self, KeywordsReport, Ranked, Style};
use crate::query::{Expr, Selection};
use crate::stats::Contingency;

/// Runs `krant keywords`: exit 0 when anything matched, 1 when not.
pub fn run(config: &KeywordsConfig) -> Result<ExitCode> {
    let mut searcher = super::open_within(&config.global, &config.folders)?;
    let query = &config.query;
    let target = searcher.doc_sets(&query.within(config.range))?;
    let reference = match &config.against {
        Some(against) => searcher.doc_sets(&against.within(config.range))?,
        None => searcher.doc_sets(&Selection::all())?,
    };
    let reference = reference.without(&target, &searcher)?;
    let excluded = query_terms(&mut searcher, query.expr.as_ref());
    // Against nothing (a query that matches every article), no word can stand out: the
    // texts are not read.
    let mut forms = Forms::default();
    if reference.words > 0 {
        let unreadable = read_forms(&mut searcher, config, &excluded, &mut forms)?;
        if unreadable > 0 && !config.global.quiet {
            eprintln!(
                "krant: {} could not be read from the archive: their words count, but only \
                 the words of the others are candidates",
                output::plural(unreadable, "matching article", "matching articles")
            );
        }
    }
    let keywords = rank(
        &searcher,
        forms,
        [&target, &reference],
        config.min_count,
        config.limit,
    )?;
    let report = KeywordsReport {
        query: &query.text,
        against: config.against.as_ref().map(|a| a.text.as_str()),
        articles: target.articles,
        words: target.words,
        reference_articles: reference.articles,
        reference_words: reference.words,
        keywords: &keywords,
    };
    let mut out = super::stdout();
    match config.format {
        ListFormat::Json => output::print_keywords_json(&mut out, &report)?,
        ListFormat::Csv => output::print_keywords_csv(&mut out, &report)?,
        ListFormat::Text => {
            output::print_keywords_text(&mut out, &report, Style::new(config.global.stdout_color))?;
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(super::found(target.articles > 0))
}

/// The written words of the matching articles (their texts analyzed as the index
/// analyzed them), except `excluded`, into `forms`; returns how many could not be read.
fn read_forms(
    searcher: &mut Searcher,
    config: &KeywordsConfig,
    excluded: &FxHashSet<String>,
    forms: &mut Forms,
) -> Result<usize> {
    let mut unreadable = 0;
    searcher.each_article(
        &config.query.within(config.range),
        &mut |article, analyzer| {
            if matches!(
                article.text_state,
                TextState::Unreadable(_) | TextState::NoArchive(_)
            ) {
                unreadable += 1;
            }
            analyzer.analyze(&article.text, Mode::Index, |t| {
                if is_word(&t) && !excluded.contains(t.term) {
                    forms.add(t.term, &article.text[t.start..t.end]);
                }
            });
            Ok(())
        },
    )?;
    Ok(unreadable)
}

/// Whether a token is a written word (or word group) of its own: what the index's word
/// counts count, and what can be a keyword.
pub(super) fn is_word(token: &TokenView<'_>) -> bool {
    matches!(token.kind, TokenKind::Word | TokenKind::Joined)
}

/// The terms of the query's own words and phrases (a compound's parts too), which are no
/// news in the articles that match it.
pub(super) fn query_terms(searcher: &mut Searcher, expr: Option<&Expr>) -> FxHashSet<String> {
    let mut terms = FxHashSet::default();
    let Some(expr) = searcher.prepare(expr) else {
        return terms;
    };
    let analyzer: &mut DutchAnalyzer = searcher.analyzer();
    for part in expr.positive_parts() {
        if let Expr::Word { text, .. } | Expr::Phrase { text, .. } = part {
            for mode in [Mode::Index, Mode::Query] {
                analyzer.analyze(text, mode, |t| {
                    terms.insert(t.term.to_owned());
                });
            }
        }
    }
    terms
}

/// The surface forms of each term, with counts, as met in the texts. Every written word
/// of the matching articles passes here: a term's few forms are kept in a list, and a
/// form already in lower case is not copied to be looked up.
#[derive(Default)]
pub(super) struct Forms {
    by_term: FxHashMap<Box<str>, Vec<(Box<str>, u64)>>,
}

impl Forms {
    /// One written word: lower case unless its term keeps capitals (a name, an acronym).
    pub(super) fn add(&mut self, term: &str, surface: &str) {
        let surface: Cow<'_, str> =
            if surface.chars().any(char::is_uppercase) && !term.chars().any(char::is_uppercase) {
                Cow::Owned(surface.to_lowercase())
            } else {
                Cow::Borrowed(surface)
            };
        let forms = match self.by_term.get_mut(term) {
            Some(forms) => forms,
            None => self.by_term.entry(term.into()).or_default(),
        };
        match forms.iter_mut().find(|(form, _)| **form == *surface) {
            Some((_, count)) => *count += 1,
            None => forms.push((surface.into(), 1)),
        }
    }

    /// The terms met at least `least` times in the texts.
    fn candidates(&self, least: u64) -> Vec<String> {
        let mut terms: Vec<String> = self
            .by_term
            .iter()
            .filter(|(_, forms)| forms.iter().map(|(_, n)| n).sum::<u64>() >= least)
            .map(|(term, _)| term.to_string())
            .collect();
        terms.sort_unstable();
        terms
    }

    /// A term's most frequent form (the first in sort order of those as frequent).
    fn shown(&self, term: &str) -> String {
        self.by_term
            .get(term)
            .and_then(|forms| {
                forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .map(|(form, _)| form.to_string())
            })
            .unwrap_or_else(|| term.to_owned())
    }
}

/// The candidates over-represented in `sets[0]` against `sets[1]`, at least `least`
/// times in the first, by G² (highest first, then by form), at most `limit` (0: all).
pub(super) fn rank(
    searcher: &Searcher,
    forms: Forms,
    sets: [&DocSets; 2],
    least: u64,
    limit: usize,
) -> Result<Vec<Ranked>> {
    let terms = forms.candidates(least);
    let counts = searcher.term_counts(&terms, &sets)?;
    let table = |i: usize| Contingency {
        here: counts[0][i],
        there: counts[1][i],
        here_words: sets[0].words,
        there_words: sets[1].words,
    };
    Ok(ranked(&terms, table, &forms, least, limit))
}

/// The terms whose tables say they are over-represented, at least `least` times, ranked.
pub(super) fn ranked(
    terms: &[String],
    table: impl Fn(usize) -> Contingency,
    forms: &Forms,
    least: u64,
    limit: usize,
) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = terms
        .iter()
        .enumerate()
        .filter_map(|(i, term)| {
            let table = table(i);
            (table.here >= least && table.over_represented()).then(|| Ranked {
                form: forms.shown(term),
                term: term.clone(),
                count: table.here,
                reference: table.there,
                g2: table.g2(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.g2.total_cmp(&a.g2).then_with(|| a.form.cmp(&b.form)));
    if limit > 0 {
        out.truncate(limit);
    }
    out
}
