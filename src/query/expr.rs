//! The parsed query: what an expression is, and what the searcher asks of it (its
//! synonyms expanded, the words and phrases to highlight).

use crate::date::MonthRange;

/// Which part of an article a word must appear in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title or text (the default).
    Anywhere,
    /// Only the title.
    Title,
    /// Only the text.
    Text,
}

/// A parsed query expression. Words are kept as typed; the index analyzes them.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A single word, perhaps a prefix (`vluchtel*`) or fuzzy (`kalifaat~1`).
    Word {
        /// The word as typed.
        text: String,
        /// Where it must occur.
        scope: Scope,
        /// Match every term that starts with this word.
        prefix: bool,
        /// Match terms within this many edits.
        fuzzy: Option<u8>,
    },
    /// Words that must occur in this order, at most `slop` extra words apart.
    Phrase {
        /// The phrase as typed, without quotes.
        text: String,
        /// Where it must occur.
        scope: Scope,
        /// How many positions the words may be displaced.
        slop: u32,
    },
    /// Articles from these months.
    Months(MonthRange),
    /// Articles in this folder (a path relative to the corpus root, without `./` or a
    /// trailing `/`), at any depth, or the article with this path; `""` is every article.
    Path(String),
    /// All parts must match.
    And(Vec<Expr>),
    /// At least one part must match.
    Or(Vec<Expr>),
    /// The part must not match.
    Not(Box<Expr>),
}

impl Expr {
    /// Replaces every word or exact phrase that belongs to a synonym group by the group:
    /// any member may match, each searched as a phrase in the same scope. `key` gives the
    /// analyzed form of a text, so `Daesh`, `daesh` and `DAESH` find the same group.
    pub fn expand_synonyms(
        self,
        groups: &[Vec<String>],
        key: &mut impl FnMut(&str) -> Vec<String>,
    ) -> Expr {
        if groups.is_empty() {
            return self;
        }
        // A text's keys are its readings (`daesh` may be the word or the name `Daesh`):
        // it belongs to a group when one of them is a member's.
        let expand = |text: &str, scope: Scope, key: &mut dyn FnMut(&str) -> Vec<String>| {
            let own = key(text);
            if own.is_empty() {
                return None;
            }
            let group = groups.iter().find(|g| {
                g.iter()
                    .any(|member| key(member).iter().any(|k| own.contains(k)))
            })?;
            Some(Expr::Or(
                group
                    .iter()
                    .map(|member| Expr::Phrase {
                        text: member.clone(),
                        scope,
                        slop: 0,
                    })
                    .collect(),
            ))
        };
        match self {
            Expr::Word {
                ref text,
                scope,
                prefix: false,
                fuzzy: None,
            }
            | Expr::Phrase {
                ref text,
                scope,
                slop: 0,
            } => expand(text, scope, key).unwrap_or(self),
            Expr::And(parts) => Expr::And(
                parts
                    .into_iter()
                    .map(|p| p.expand_synonyms(groups, key))
                    .collect(),
            ),
            Expr::Or(parts) => Expr::Or(
                parts
                    .into_iter()
                    .map(|p| p.expand_synonyms(groups, key))
                    .collect(),
            ),
            Expr::Not(inner) => Expr::Not(Box::new(inner.expand_synonyms(groups, key))),
            other => other,
        }
    }

    /// Every word and phrase that must or may match (not those under a NOT), for
    /// highlighting.
    pub fn positive_parts(&self) -> Vec<&Expr> {
        let mut out = Vec::new();
        self.collect_positive(&mut out);
        out
    }

    fn collect_positive<'a>(&'a self, out: &mut Vec<&'a Expr>) {
        match self {
            Expr::Word { .. } | Expr::Phrase { .. } => out.push(self),
            Expr::And(parts) | Expr::Or(parts) => {
                parts.iter().for_each(|p| p.collect_positive(out));
            }
            Expr::Not(_) | Expr::Months(_) | Expr::Path(_) => {}
        }
    }

    /// Whether any word or phrase must or may match: else the expression only filters
    /// (months, folders), and hits are listed newest first as without a query.
    pub fn has_words(&self) -> bool {
        !self.positive_parts().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::testing::{p, word};

    #[test]
    fn synonyms_replace_members_by_their_group() {
        let groups = vec![vec![
            "IS".to_owned(),
            "Daesh".to_owned(),
            "Islamitische Staat".to_owned(),
        ]];
        let mut key = |t: &str| vec![t.to_lowercase()];
        let expanded = p("daesh -mosul").expand_synonyms(&groups, &mut key);
        let phrase = |t: &str| Expr::Phrase {
            text: t.into(),
            scope: Scope::Anywhere,
            slop: 0,
        };
        assert_eq!(
            expanded,
            Expr::And(vec![
                Expr::Or(vec![
                    phrase("IS"),
                    phrase("Daesh"),
                    phrase("Islamitische Staat")
                ]),
                Expr::Not(Box::new(word("mosul")))
            ])
        );
        // Prefixes and unrelated words stay as they are.
        assert_eq!(p("dae*").expand_synonyms(&groups, &mut key), p("dae*"));
    }

    #[test]
    fn positive_parts_skip_negations() {
        let expr = p("a (b OR \"c d\") -e");
        let texts: Vec<_> = expr
            .positive_parts()
            .into_iter()
            .map(|e| match e {
                Expr::Word { text, .. } | Expr::Phrase { text, .. } => text.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(texts, ["a", "b", "c d"]);
    }
}
