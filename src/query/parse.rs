//! Building the expression from the lexemes: `OR` of `AND`s of unary parts, groups in
//! parentheses bounded in depth, negations folded.

use super::QueryError;
use super::expr::Expr;
use super::lex::{Kind, Lexeme};

/// Groups may nest this deep. The parser (and everything that walks the expression)
/// recurses once per level, and 15,000 nested parentheses overflowed the stack.
pub const MAX_DEPTH: usize = 100;

/// The expression of a query's lexemes (at least one).
pub(super) fn expression(lexemes: Vec<Lexeme>, query: &str) -> Result<Expr, QueryError> {
    let mut parser = Parser {
        tokens: lexemes,
        next: 0,
        query,
        depth: 0,
    };
    let expr = parser.or()?;
    if let Some(token) = parser.peek() {
        let message = match token.kind {
            Kind::Close => "unbalanced ')': no '(' before it",
            _ => "unexpected text",
        };
        return Err(parser.error(message, token.position));
    }
    Ok(expr)
}

/// The state of [`expression`]: the lexemes and the next one to read.
struct Parser<'q> {
    tokens: Vec<Lexeme>,
    next: usize,
    query: &'q str,
    /// Groups open at this point.
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Lexeme> {
        self.tokens.get(self.next)
    }

    fn error(&self, message: &str, position: usize) -> QueryError {
        QueryError::at(message, position, self.query)
    }

    fn end_position(&self) -> usize {
        self.query.chars().count()
    }

    fn or(&mut self) -> Result<Expr, QueryError> {
        let mut parts = vec![self.and()?];
        while let Some(Lexeme {
            kind: Kind::Or,
            position,
        }) = self.peek()
        {
            let position = *position;
            self.next += 1;
            if self.at_group_end() {
                return Err(self.error("OR needs a word after it", position));
            }
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            Expr::Or(parts)
        })
    }

    fn at_group_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(Lexeme {
                kind: Kind::Close | Kind::Or,
                ..
            })
        )
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut parts = Vec::new();
        loop {
            match self.peek() {
                None
                | Some(Lexeme {
                    kind: Kind::Close | Kind::Or,
                    ..
                }) => break,
                Some(Lexeme {
                    kind: Kind::And,
                    position,
                }) => {
                    let position = *position;
                    self.next += 1;
                    if parts.is_empty() || self.at_group_end() {
                        return Err(self.error("AND needs a word on both sides", position));
                    }
                }
                Some(_) => parts.push(self.unary()?),
            }
        }
        match parts.len() {
            0 => {
                let position = self.peek().map_or(self.end_position(), |t| t.position);
                let message = match self.peek().map(|t| &t.kind) {
                    Some(Kind::Or) => "OR needs a word before it",
                    Some(Kind::Close) => "empty parentheses or a misplaced ')'",
                    _ => "the query ends too early",
                };
                Err(self.error(message, position))
            }
            1 => Ok(parts.pop().expect("one part")),
            _ => Ok(Expr::And(parts)),
        }
    }

    /// Any run of NOT, `-` and `+` before a primary, read in a loop rather than by
    /// recursion (a thousand `-` overflowed the stack), negations folded in pairs.
    fn unary(&mut self) -> Result<Expr, QueryError> {
        let mut negated = false;
        while let Some(token) = self.peek().cloned() {
            let message = match token.kind {
                Kind::Not | Kind::Minus => {
                    negated = !negated;
                    "NOT/'-' needs a word after it"
                }
                Kind::Plus => "'+' needs a word after it",
                _ => break,
            };
            self.next += 1;
            if self.at_group_end() {
                return Err(self.error(message, token.position));
            }
        }
        let primary = self.primary()?;
        Ok(if negated { negate(primary) } else { primary })
    }

    fn primary(&mut self) -> Result<Expr, QueryError> {
        let token = self.peek().cloned().expect("caller checked");
        self.next += 1;
        match token.kind {
            Kind::Open => {
                if self.depth == MAX_DEPTH {
                    return Err(self.error(
                        &format!("groups nest more than {MAX_DEPTH} deep: simplify the query"),
                        token.position,
                    ));
                }
                self.depth += 1;
                let inner = self.or();
                self.depth -= 1;
                let inner = inner?;
                match self.peek() {
                    Some(Lexeme {
                        kind: Kind::Close, ..
                    }) => {
                        self.next += 1;
                        Ok(inner)
                    }
                    _ => Err(self.error("unclosed '(': add a ')'", token.position)),
                }
            }
            Kind::Word {
                text,
                scope,
                prefix,
                fuzzy,
            } => Ok(Expr::Word {
                text,
                scope,
                prefix,
                fuzzy,
            }),
            Kind::Phrase { text, scope, slop } => Ok(Expr::Phrase { text, scope, slop }),
            Kind::Months(range) => Ok(Expr::Months(range)),
            Kind::Path(folder) => Ok(Expr::Path(folder)),
            Kind::Close => Err(self.error("unbalanced ')': no '(' before it", token.position)),
            Kind::And | Kind::Or | Kind::Not | Kind::Minus | Kind::Plus => {
                Err(self.error("unexpected operator", token.position))
            }
        }
    }
}

/// `NOT expr`, with a double negation folded: `NOT (NOT a)` is `a`.
fn negate(expr: Expr) -> Expr {
    match expr {
        Expr::Not(inner) => *inner,
        other => Expr::Not(Box::new(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::testing::{err, p, word};

    #[test]
    fn words_are_anded_and_or_binds_looser() {
        assert_eq!(p("a b"), Expr::And(vec![word("a"), word("b")]));
        assert_eq!(p("a AND b"), Expr::And(vec![word("a"), word("b")]));
        assert_eq!(
            p("a b OR c"),
            Expr::Or(vec![Expr::And(vec![word("a"), word("b")]), word("c")])
        );
        assert_eq!(
            p("a (b OR c)"),
            Expr::And(vec![word("a"), Expr::Or(vec![word("b"), word("c")])])
        );
    }

    #[test]
    fn negations_fold_and_depth_is_bounded_without_recursion() {
        assert_eq!(p("NOT NOT a"), word("a"));
        assert_eq!(p("---a"), Expr::Not(Box::new(word("a"))));
        assert_eq!(p("-(-a) b"), Expr::And(vec![word("a"), word("b")]));
        let many = format!("{}a", "-".repeat(1_000));
        assert_eq!(p(&many), word("a"));
        let nots = format!("{}a", "NOT ".repeat(2_001));
        assert_eq!(p(&nots), Expr::Not(Box::new(word("a"))));
        let nested = |n: usize| format!("{}a{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(p(&nested(MAX_DEPTH)), word("a"));
        let e = err(&nested(15_000));
        assert_eq!(e.position, MAX_DEPTH);
        assert!(e.message.contains("nest more than 100 deep"), "{e}");
        assert!(
            err(&format!("{}a", "(-".repeat(5_000)))
                .message
                .contains("deep")
        );
    }
}
