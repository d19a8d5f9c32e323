//! JSON output. These types are the wire format documented in the README; change them
//! only together with it.

use serde::{Deserialize, Serialize};

use crate::index::Hit;

/// `krant search --format json`: exactly one object (written field by field as the hits
/// are read, see `output::HitPrinter`; this type documents it and reads it back).
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
    /// Path relative to the corpus root, `/`-separated (what `krant show` takes).
    pub path: String,
    /// The article's file, absolute; `null` when the index records no corpus folder.
    pub file: Option<String>,
    /// `YYYY-MM`, or `YYYY-MM-DD` when the header has a day.
    pub date: String,
    /// `YYYY-MM`, always.
    pub month: String,
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
            file: None,
            date: hit.date.to_string(),
            month: hit.date.month.to_string(),
            title: hit.title.clone(),
            score: hit.score,
            snippet: hit.snippet.text.clone(),
            highlights: super::char_ranges(&hit.snippet.text, &hit.snippet.highlights),
        }
    }
}
