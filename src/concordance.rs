//! Keyword in context: every occurrence of a query's words in a set of articles, with the
//! text on either side, ready to align in a centre column.

use crate::analysis::DutchAnalyzer;
use crate::date::ArticleDate;
use crate::index::StoredArticle;
use crate::output::columns;
use crate::snippet::{Matcher, advance_chars, find_matches, retreat_chars};

/// How KWIC lines are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KwicSort {
    /// By the words before the match, nearest first (the classic concordance order).
    Left,
    /// By the words after the match.
    Right,
    /// By article date, then path, then position.
    Date,
}

/// One occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    /// Up to `width` columns of text before the match, whitespace collapsed.
    pub left: String,
    /// The matching text as it stands in the article.
    pub keyword: String,
    /// Up to `width` columns of text after the match, whitespace collapsed.
    pub right: String,
    /// The article's date.
    pub date: ArticleDate,
    /// The article's path.
    pub path: String,
    /// Byte offset of the match in the article text.
    pub offset: usize,
}

/// All occurrences in `articles`, sorted (the unit tests' view of `occurrences`).
#[cfg(test)]
fn concordance(
    articles: &[StoredArticle],
    matcher: &Matcher,
    analyzer: &mut DutchAnalyzer,
    width: usize,
    sort: KwicSort,
) -> Vec<KwicLine> {
    let mut lines: Vec<KwicLine> = articles
        .iter()
        .flat_map(|article| occurrences(article, matcher, analyzer, width))
        .collect();
    sort_lines(&mut lines, sort);
    lines
}

/// The occurrences in one article, in the order of the text (the order of `--sort date`
/// for articles taken oldest first, then by path), with `width` columns of context.
pub fn occurrences(
    article: &StoredArticle,
    matcher: &Matcher,
    analyzer: &mut DutchAnalyzer,
    width: usize,
) -> Vec<KwicLine> {
    let text = &article.text;
    find_matches(text, matcher, analyzer)
        .into_iter()
        .map(|(start, end, _)| {
            // Only a window around the match is collapsed: long articles with many
            // matches would otherwise cost quadratic time.
            let before = &text[retreat_chars(text, start, width * 4)..start];
            let after = &text[end..advance_chars(text, end, width * 4)];
            KwicLine {
                left: columns::tail(&collapse(before), width).to_owned(),
                keyword: collapse(&text[start..end]),
                right: columns::head(&collapse(after), width).to_owned(),
                date: article.date,
                path: article.path.clone(),
                offset: start,
            }
        })
        .collect()
}

/// Puts lines in `sort` order.
pub fn sort_lines(lines: &mut [KwicLine], sort: KwicSort) {
    match sort {
        KwicSort::Date => {
            lines.sort_by(|a, b| (a.date, &a.path, a.offset).cmp(&(b.date, &b.path, b.offset)))
        }
        // Keys are folded once per line, not once per comparison.
        KwicSort::Left => lines.sort_by_cached_key(|l| {
            (
                word_key(l.left.split_whitespace().rev()),
                l.date,
                l.path.clone(),
                l.offset,
            )
        }),
        KwicSort::Right => lines.sort_by_cached_key(|l| {
            (
                word_key(l.right.split_whitespace()),
                l.date,
                l.path.clone(),
                l.offset,
            )
        }),
    }
}

/// A sort key for a word sequence: case- and diacritic-insensitive, punctuation ignored.
fn word_key<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    words
        .map(|w| crate::analysis::fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect()
}

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    // Keep boundary spaces: "het kalifaat" must not become "hetkalifaat" when aligned.
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query;

    fn article(path: &str, date: &str, text: &str) -> StoredArticle {
        StoredArticle {
            path: path.into(),
            date: ArticleDate::parse(date).unwrap(),
            title: String::new(),
            text: text.into(),
            text_state: crate::index::TextState::AsIndexed,
        }
    }

    fn lines(articles: &[StoredArticle], q: &str, width: usize, sort: KwicSort) -> Vec<KwicLine> {
        let mut analyzer = DutchAnalyzer::new();
        let expr = query::parse(q).unwrap();
        let matcher = Matcher::new(expr.as_ref(), &mut analyzer);
        concordance(articles, &matcher, &mut analyzer, width, sort)
    }

    #[test]
    fn every_occurrence_with_context_including_stemmed_variants() {
        let articles = [
            article(
                "b.txt",
                "2017-02",
                "De vluchtelingen kwamen.\nEen vluchteling bleef.",
            ),
            article("a.txt", "2016-01", "Geen enkele vluchteling hier"),
        ];
        let got = lines(&articles, "vluchteling", 12, KwicSort::Date);
        let summary: Vec<_> = got
            .iter()
            .map(|l| {
                (
                    l.left.as_str(),
                    l.keyword.as_str(),
                    l.right.as_str(),
                    l.path.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("Geen enkele ", "vluchteling", " hier", "a.txt"),
                ("De ", "vluchtelingen", " kwamen. Een", "b.txt"),
                ("kwamen. Een ", "vluchteling", " bleef.", "b.txt"),
            ]
        );
    }

    #[test]
    fn sorts_by_left_or_right_context() {
        let articles = [article(
            "a.txt",
            "2017-01",
            "zware strijd in Mosul. lange strijd om Raqqa. alle strijd voorbij.",
        )];
        let left: Vec<_> = lines(&articles, "strijd", 20, KwicSort::Left)
            .into_iter()
            .map(|l| l.left.trim().rsplit(' ').next().unwrap().to_owned())
            .collect();
        assert_eq!(left, ["alle", "lange", "zware"]);
        let right: Vec<_> = lines(&articles, "strijd", 20, KwicSort::Right)
            .into_iter()
            .map(|l| l.right.trim().split(' ').next().unwrap().to_owned())
            .collect();
        assert_eq!(right, ["in", "om", "voorbij."]);
    }

    #[test]
    fn phrases_are_one_keyword() {
        let articles = [article(
            "a.txt",
            "2017-01",
            "In de zomer van 2014 viel Mosul.",
        )];
        let got = lines(&articles, "\"zomer van 2014\"", 6, KwicSort::Date);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].keyword, "zomer van 2014");
        assert_eq!(got[0].left, "In de ");
        assert_eq!(got[0].right, " viel ");
    }
}
