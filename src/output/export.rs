//! `krant export --format jsonl`: one JSON object per article, and its wire type.

use std::io::{self, Write};

use serde::Serialize;

use super::json::write_line;
use crate::corpus::{Locator, shown_path};
use crate::index::StoredArticle;

/// One line of `krant export --format jsonl`.
#[derive(Serialize)]
struct ArticleJson<'a> {
    /// Path relative to the corpus root, `/`-separated (what `krant show` takes).
    path: &'a str,
    /// The article's file, absolute; `null` when the index records no corpus folder.
    file: Option<String>,
    /// `YYYY-MM`, or `YYYY-MM-DD` when the header has a day.
    date: String,
    /// `YYYY-MM`, always.
    month: String,
    /// The article's title.
    title: &'a str,
    /// The text as its file holds it now, without the date header.
    text: &'a str,
}

/// Writes one article as a line of JSON.
pub fn print_export_jsonl(
    out: &mut impl Write,
    article: &StoredArticle,
    locator: &Locator,
) -> io::Result<()> {
    let json = ArticleJson {
        path: &shown_path(&article.path),
        file: locator.absolute(&article.path),
        date: article.date.to_string(),
        month: article.date.month.to_string(),
        title: &article.title,
        text: &article.text,
    };
    write_line(out, &json)
}
