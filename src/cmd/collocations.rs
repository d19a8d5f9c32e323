//! `krant collocations`: the words that occur near the query's matches more often than
//! chance, ranked by Dunning's G² of their count near the matches against their count in
//! the rest of the archive.
//!
//! The matches are kwic's (`snippet::find_matches`); "near" is up to `--window` positions
//! on either side of a match, where a stop word keeps its position (so five words of text,
//! as a reader counts them) without counting as a collocate. A word near two matches
//! counts once; the matches' own words are not collocates.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use std::process::ExitCode;

use anyhow::Result;

use super::keywords::{Forms, is_word, query_terms, ranked};
use crate::analysis::Mode;
use crate::cli::CollocationsFormat;
use crate::config::CollocationsConfig;
use crate::output::{self, CollocationsReport, Style};
use crate::query::Selection;
use crate::snippet::find_matches;
use crate::stats::Contingency;

/// Runs `krant collocations`: exit 0 when anything matched, 1 when not.
pub fn run(config: &CollocationsConfig) -> Result<ExitCode> {
    let mut searcher = super::open_within(&config.global, &config.folders)?;
    let query = &config.query;
    let matcher = searcher.matcher(query.expr.as_ref());
    let excluded = query_terms(&mut searcher, query.expr.as_ref());
    let mut forms = Forms::default();
    let mut near: FxHashMap<String, u64> = FxHashMap::default();
    let (mut matches, mut articles, mut window_words) = (0u64, 0u64, 0u64);
    searcher.each_article(
        &config.query.within(config.range),
        &mut |article, analyzer| {
            let text = &article.text;
            let found = find_matches(text, &matcher, analyzer);
            if found.is_empty() {
                return Ok(());
            }
            articles += 1;
            matches += found.len() as u64;
            let mut words = Vec::new();
            analyzer.analyze(text, Mode::Index, |t| {
                if is_word(&t) {
                    words.push((t.position, t.start, t.end, t.term.to_owned()));
                }
            });
            for i in near_words(&words, &found, config.window) {
                let (_, start, end, term) = &words[i];
                window_words += 1;
                if !excluded.contains(term) {
                    forms.add(term, &text[*start..*end]);
                    match near.get_mut(term.as_str()) {
                        Some(n) => *n += 1,
                        None => {
                            near.insert(term.clone(), 1);
                        }
                    }
                }
            }
            Ok(())
        },
    )?;
    let archive = searcher.doc_sets(&Selection::all())?;
    let mut terms: Vec<String> = near
        .iter()
        .filter(|&(_, &n)| n >= config.min_count)
        .map(|(t, _)| t.clone())
        .collect();
    terms.sort_unstable();
    let counts = searcher.term_counts(&terms, &[&archive])?;
    let table = |i: usize| {
        let here = near.get(&terms[i]).copied().unwrap_or(0);
        Contingency {
            here,
            there: counts[0][i].saturating_sub(here),
            here_words: window_words,
            there_words: archive.words.saturating_sub(window_words),
        }
    };
    let collocates = ranked(&terms, table, &forms, config.min_count, config.limit);
    let report = CollocationsReport {
        query: &query.text,
        window: config.window,
        matches,
        articles,
        window_words,
        words: archive.words,
        collocates: &collocates,
    };
    let mut out = super::stdout();
    match config.format {
        CollocationsFormat::Json => output::print_collocations_json(&mut out, &report)?,
        CollocationsFormat::Csv => output::print_ranked_table(&mut out, &collocates, false)?,
        CollocationsFormat::Tsv => output::print_ranked_table(&mut out, &collocates, true)?,
        CollocationsFormat::Text => {
            let style = Style::new(config.global.stdout_color);
            output::print_collocations_text(&mut out, &report, style)?;
        }
    }
    std::io::Write::flush(&mut out)?;
    Ok(super::found(matches > 0))
}

/// The indexes into `words` (`(position, start, end, term)`, in text order) of the words
/// within `window` positions of a match (`found`: byte ranges) and not inside one.
fn near_words(
    words: &[(usize, usize, usize, String)],
    found: &[(usize, usize, String)],
    window: usize,
) -> Vec<usize> {
    let inside = |start: usize, end: usize| found.iter().any(|&(s, e, _)| start < e && end > s);
    // Each match's first and last position (a match without a word has none).
    let spans: Vec<(usize, usize)> = found
        .iter()
        .filter_map(|&(s, e, _)| {
            let mut positions = words.iter().filter(|w| w.1 < e && w.2 > s).map(|w| w.0);
            let first = positions.next()?;
            Some(positions.fold((first, first), |(lo, hi), p| (lo.min(p), hi.max(p))))
        })
        .collect();
    let mut positions = BTreeSet::new();
    for (first, last) in spans {
        positions.extend(first.saturating_sub(window)..first);
        positions.extend(last + 1..=last + window);
    }
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| positions.contains(&w.0) && !inside(w.1, w.2))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(position: usize, start: usize, end: usize) -> (usize, usize, usize, String) {
        (position, start, end, format!("w{position}"))
    }

    #[test]
    fn windows_take_positions_on_each_side_once() {
        // Words at positions 0..10, each 2 bytes wide with a space: word p at 3p..3p+2.
        let words: Vec<_> = (0..10).map(|p| word(p, 3 * p, 3 * p + 2)).collect();
        // Matches at positions 3 and 5: windows of 2 are 1–2, 4, 6–7 (4 once).
        let found = vec![(9, 11, "a".to_owned()), (15, 17, "a".to_owned())];
        assert_eq!(near_words(&words, &found, 2), vec![1, 2, 4, 6, 7]);
        // A match over positions 3–4 (a phrase): 1–2 and 5–6.
        let phrase = vec![(9, 14, "p".to_owned())];
        assert_eq!(near_words(&words, &phrase, 2), vec![1, 2, 5, 6]);
        // At the start of the text the window is cut.
        let first = vec![(0, 2, "a".to_owned())];
        assert_eq!(near_words(&words, &first, 3), vec![1, 2, 3]);
    }
}
