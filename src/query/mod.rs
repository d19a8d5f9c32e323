//! The user's query as a value: a parsed expression plus month range, order and paging.
//!
//! Grammar (words are ANDed; `OR` binds looser than the implicit AND):
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*
//! unary   := ("NOT" | "-") unary | "+"? primary
//! primary := "(" or ")" | [field ":"] phrase | [field ":"] word | "date:" months
//!          | "path:" folder
//! phrase  := '"' text '"' ["~" N]          N = words allowed in between
//! word    := text ["*"] | text "~" [N]     trailing * = prefix, ~N = up to N typos
//! field   := "title" | "text"
//! months  := YYYY[-MM] | A..B | A.. | ..B | >=A | >A | <=B | <B
//! folder  := a path relative to the corpus root, or '"' path '"' (the articles in it,
//!            at any depth, or the article with that path)
//! ```
//!
//! Text becomes an expression in steps, one file each, as tantivy's query grammar keeps
//! its lexer apart from its parser: `lex.rs` cuts the text into lexemes (words, phrases,
//! operators, fields), `values.rs` reads the values of `date:` and `path:`, `limits.rs`
//! refuses a query too big to search, and `parse.rs` builds the [`Expr`] from the
//! lexemes. `expr.rs` holds the expression and what the searcher asks of it (synonyms,
//! the words to highlight).

mod expr;
mod lex;
mod limits;
mod parse;
mod values;

use std::fmt;

use crate::date::MonthRange;

pub(crate) use expr::{Expr, Scope};
pub(crate) use values::folder_identity;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best BM25 score first (newest first when there is no query text).
    #[default]
    Relevance,
    /// Newest article first.
    Newest,
    /// Oldest article first.
    Oldest,
}

/// Which articles a query selects: its expression within a month range. Everything that
/// reads matching articles takes one (counting, tallying, exporting, `kwic`); a search
/// takes it inside a [`Query`], with an order and a page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// The query text as the user typed it (empty: list articles), for messages.
    pub text: String,
    /// The parsed expression; `None` selects every article in the range.
    pub expr: Option<Expr>,
    /// Month range from `--from`/`--to`.
    pub range: MonthRange,
}

impl Selection {
    /// Every article (of the folders the searcher keeps to).
    pub fn all() -> Selection {
        Selection::default()
    }

    /// Every article of these months.
    pub fn in_months(range: MonthRange) -> Selection {
        Selection {
            range,
            ..Selection::default()
        }
    }
}

/// Everything a search needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The articles searched.
    pub selection: Selection,
    /// Hit order.
    pub sort: Sort,
    /// Maximum number of hits to return.
    pub limit: usize,
    /// Number of hits to skip (paging).
    pub offset: usize,
}

/// A query that could not be parsed, with the character position of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong.
    pub message: String,
    /// 0-based character index into the query where the problem is.
    pub position: usize,
    /// The query text.
    pub query: String,
}

impl QueryError {
    /// The error `message` at character `position` of `query`.
    fn at(message: &str, position: usize, query: &str) -> QueryError {
        QueryError {
            message: message.to_owned(),
            position,
            query: query.to_owned(),
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = self.query.chars().skip(self.position).take(20).collect();
        write!(
            f,
            "{} at character {} of the query",
            self.message,
            self.position + 1
        )?;
        if !shown.is_empty() {
            write!(f, " (at '{shown}')")?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

/// Parses a query text. An empty or blank text gives `Ok(None)`.
pub fn parse(text: &str) -> Result<Option<Expr>, QueryError> {
    let lexemes = lex::lex(text)?;
    limits::check_size(&lexemes, text)?;
    if lexemes.is_empty() {
        return Ok(None);
    }
    parse::expression(lexemes, text).map(Some)
}

/// Shorthands for the tests of every step.
#[cfg(test)]
mod testing {
    use super::*;
    use crate::date::Month;

    pub(super) fn word(text: &str) -> Expr {
        Expr::Word {
            text: text.into(),
            scope: Scope::Anywhere,
            prefix: false,
            fuzzy: None,
        }
    }

    pub(super) fn month(y: u16, m: u8) -> Month {
        Month::new(y, m).unwrap()
    }

    pub(super) fn p(text: &str) -> Expr {
        parse(text).unwrap().unwrap()
    }

    pub(super) fn err(text: &str) -> QueryError {
        parse(text).unwrap_err()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::err;
    use super::*;

    #[test]
    fn blank_query_is_none() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("   ").unwrap(), None);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = err("kalifaat \"de zomer");
        assert_eq!(e.position, 9);
        assert!(e.message.contains("unclosed quote"));
        let e = err("(a OR b");
        assert_eq!(e.position, 0);
        assert!(e.message.contains("unclosed '('"));
        let e = err("a OR b)");
        assert_eq!(e.position, 6);
        assert!(e.message.contains("unbalanced ')'"));
        assert_eq!(err("OR a").position, 0);
        assert_eq!(err("a OR").position, 2);
        assert_eq!(err("a AND").position, 2);
        assert_eq!(err("()").position, 1);
        assert_eq!(err("a NOT").position, 2);
        assert_eq!(err("vl*cht").position, 2);
        assert_eq!(err("a~9").position, 2);
        assert_eq!(
            err("\"ab\"c").to_string(),
            "unexpected text right after a closing quote at character 5 of the query (at 'c')"
        );
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        assert_eq!(err("België \"x").position, 7);
    }
}
