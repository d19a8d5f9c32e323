//! `krant show`: one article, for people or as one JSON object.

use std::io::{self, Write};

use serde::Serialize;

use super::escape::escape;
use super::json::{char_ranges, write_line};
use super::style::{Style, mark_lines};
use crate::index::StoredArticle;

/// Prints an article: date, path and title, then the text with matches marked.
pub fn print_article_text(
    out: &mut impl Write,
    article: &StoredArticle,
    highlights: &[(usize, usize)],
    style: Style,
) -> io::Result<()> {
    writeln!(out, "date:  {}", style.date(&article.date.to_string()))?;
    writeln!(out, "path:  {}", style.path(&escape(&article.path)))?;
    writeln!(out, "title: {}", style.title(&escape(&article.title)))?;
    writeln!(out)?;
    writeln!(out, "{}", mark_lines(&article.text, highlights, style))
}

/// `krant show --format json`: one object.
#[derive(Debug, Serialize)]
struct ArticleJson<'a> {
    /// Path relative to the corpus root, `/`-separated (a byte of a file name that is not
    /// UTF-8 as `\xHH`).
    path: std::borrow::Cow<'a, str>,
    /// `YYYY-MM`, or `YYYY-MM-DD` when the header has a day.
    date: String,
    /// The article's title.
    title: &'a str,
    /// The article's text as its file holds it now, without the date header.
    text: &'a str,
    /// `[start, end)` of each match of `--highlight` in `text`, in characters (Unicode
    /// scalar values).
    highlights: Vec<[usize; 2]>,
}

/// Prints an article as one JSON object; highlights in characters of `text`.
pub fn print_article_json(
    out: &mut impl Write,
    article: &StoredArticle,
    highlights: &[(usize, usize)],
) -> io::Result<()> {
    let json = ArticleJson {
        path: crate::corpus::shown_path(&article.path),
        date: article.date.to_string(),
        title: &article.title,
        text: &article.text,
        highlights: char_ranges(&article.text, highlights),
    };
    write_line(out, &json)
}
