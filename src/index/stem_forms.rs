//! The word forms of one stem in the archive, for `krant terms`: which written words the
//! articles holding the stem spell it with, and the compounds that have it as a part.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use tantivy::Term;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use super::articles::ArticleReader;
use super::contain::contain;
use super::reader::Searcher;
use crate::analysis::word_spans;

/// Word forms with the number of articles each occurs in.
pub type FormCounts = Vec<(String, u64)>;

impl Searcher {
    /// The word forms of the archive whose stem is `stem`, with the number of articles
    /// each occurs in, most frequent first; and, separately, the compounds that have it as
    /// a part. Exact: reads the text of the articles that match the stem (at most
    /// `max_articles` of them; the second value says how many were read of how many).
    pub fn forms_with_stem(
        &mut self,
        stem: &str,
        max_articles: usize,
    ) -> Result<(FormCounts, FormCounts, (usize, usize))> {
        let dir = self.index.dir.clone();
        contain(&dir, || self.forms_with_stem_unguarded(stem, max_articles))
    }

    fn forms_with_stem_unguarded(
        &mut self,
        stem: &str,
        max_articles: usize,
    ) -> Result<(FormCounts, FormCounts, (usize, usize))> {
        let searcher = self.reader.searcher();
        let fields = self.index.fields;
        let query = TermQuery::new(
            Term::from_field_text(fields.text, stem),
            IndexRecordOption::Basic,
        );
        let total = searcher.search(&query, &Count)?;
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(max_articles.clamp(1, total.max(1))).order_by_score(),
        )?;
        let mut forms: HashMap<String, u64> = HashMap::new();
        let mut compounds: HashMap<String, u64> = HashMap::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut articles = ArticleReader::new(&searcher, fields, &self.archive);
        for (_, address) in &top {
            let article = articles.read(*address)?;
            let text = &article.text;
            seen.clear();
            for (start, end) in word_spans(text) {
                seen.insert(self.analyzer.normalize(&text[start..end]));
            }
            for form in &seen {
                if self.analyzer.stem_folded(form) == stem
                    || self.analyzer.name_reading(form).as_deref() == Some(stem)
                {
                    *forms.entry(form.clone()).or_insert(0) += 1;
                } else if form.len() > stem.len()
                    && self
                        .analyzer
                        .compound_part_terms(form)
                        .iter()
                        .any(|p| *p == stem)
                {
                    *compounds.entry(form.clone()).or_insert(0) += 1;
                }
            }
        }
        let sorted = |map: HashMap<String, u64>| -> FormCounts {
            let mut list: FormCounts = map.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list
        };
        Ok((sorted(forms), sorted(compounds), (top.len(), total)))
    }
}
