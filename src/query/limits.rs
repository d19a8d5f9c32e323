//! How big a query may be: it is refused with a hint before anything is searched.

use super::QueryError;
use super::lex::{Kind, Lexeme};

/// A query may hold at most this many words and phrases…
pub const MAX_WORDS: usize = 1_000;

/// …and at most this many prefix and fuzzy words, each of which is matched against the
/// archive's word forms (20,000 `k~2` took minutes).
pub const MAX_PATTERN_WORDS: usize = 64;

/// Refuses a query with more words or pattern words than allowed, pointing at the first
/// one too many.
pub(super) fn check_size(lexemes: &[Lexeme], query: &str) -> Result<(), QueryError> {
    let mut words = 0;
    let mut patterns = 0;
    for lexeme in lexemes {
        let message = match &lexeme.kind {
            Kind::Word { prefix, fuzzy, .. } => {
                words += 1;
                patterns += usize::from(*prefix || fuzzy.is_some());
                if patterns > MAX_PATTERN_WORDS {
                    format!("more than {MAX_PATTERN_WORDS} prefix or fuzzy words")
                } else if words > MAX_WORDS {
                    format!("more than {MAX_WORDS} words")
                } else {
                    continue;
                }
            }
            Kind::Phrase { .. } => {
                words += 1;
                if words > MAX_WORDS {
                    format!("more than {MAX_WORDS} words")
                } else {
                    continue;
                }
            }
            _ => continue,
        };
        return Err(QueryError::at(
            &format!("the query has {message}: search in parts"),
            lexeme.position,
            query,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;
    use crate::query::testing::err;

    #[test]
    fn queries_too_big_are_an_error() {
        let words = |n: usize, word: &str| vec![word; n].join(" ");
        assert!(parse(&words(MAX_WORDS, "a")).is_ok());
        assert!(
            err(&words(MAX_WORDS + 1, "a"))
                .message
                .contains("more than 1000 words")
        );
        assert!(parse(&words(MAX_PATTERN_WORDS, "a~2")).is_ok());
        let e = err(&words(MAX_PATTERN_WORDS + 1, "a*"));
        assert!(e.message.contains("more than 64 prefix or fuzzy"), "{e}");
        assert_eq!(e.position, MAX_PATTERN_WORDS * 3);
    }
}
