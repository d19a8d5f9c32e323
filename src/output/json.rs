//! JSON output. These types are the wire format documented in the README; change them
//! only together with it.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::index::{Hit, Hits};
use crate::query::Query;

/// `krant search --format json`: exactly one object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchJson {
    /// The query as typed; `null` when articles are listed without a query.
    pub query: Option<String>,
    /// `--from` as `YYYY-MM`, or `null`.
    pub from: Option<String>,
    /// `--to` as `YYYY-MM`, or `null`.
    pub to: Option<String>,
    /// All matching articles, not only those in `hits`.
    pub total: usize,
    /// At most `--limit` hits, best first.
    pub hits: Vec<HitJson>,
}

/// One hit in [`SearchJson`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitJson {
    /// Path relative to the corpus root, `/`-separated.
    pub path: String,
    /// `YYYY-MM`, or `YYYY-MM-DD` when the header has a day.
    pub date: String,
    /// The article's title.
    pub title: String,
    /// BM25 relevance; `null` when hits are ordered by date.
    pub score: Option<f32>,
    /// The best passage, plain text.
    pub snippet: String,
    /// `[start, end)` of each matching word in `snippet`, in characters (Unicode scalar
    /// values), so that scripts can mark them.
    pub highlights: Vec<[usize; 2]>,
}

impl HitJson {
    pub(crate) fn from_hit(hit: &Hit) -> HitJson {
        HitJson {
            path: crate::corpus::shown_path(&hit.path).into_owned(),
            date: hit.date.to_string(),
            title: hit.title.clone(),
            score: hit.score,
            snippet: hit.snippet.text.clone(),
            highlights: super::char_ranges(&hit.snippet.text, &hit.snippet.highlights),
        }
    }
}

/// Prints hits as one JSON object followed by a newline.
pub fn print_search_json(out: &mut impl Write, query: &Query, hits: &Hits) -> io::Result<()> {
    let json = SearchJson {
        query: (!query.text.trim().is_empty()).then(|| query.text.clone()),
        from: query.range.from.map(|m| m.to_string()),
        to: query.range.to.map(|m| m.to_string()),
        total: hits.total,
        hits: hits.hits.iter().map(HitJson::from_hit).collect(),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}
