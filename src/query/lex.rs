//! Cutting a query's text into lexemes: parentheses, operators, words (perhaps prefix or
//! fuzzy), phrases (perhaps sloppy), each perhaps after a field (`title:`, `text:`), and
//! the `date:` and `path:` filters (their values read in `values.rs`).

use super::QueryError;
use super::expr::Scope;
use super::values::{parse_months, path_value};
use crate::date::MonthRange;

/// What a lexeme is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Open,
    Close,
    And,
    Or,
    Not,
    Minus,
    Plus,
    Word {
        text: String,
        scope: Scope,
        prefix: bool,
        fuzzy: Option<u8>,
    },
    Phrase {
        text: String,
        scope: Scope,
        slop: u32,
    },
    Months(MonthRange),
    Path(String),
}

/// One piece of a query and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Lexeme {
    pub(super) kind: Kind,
    /// Character index of the lexeme's start.
    pub(super) position: usize,
}

/// Whether `c` ends a word: white space, a parenthesis or a quote.
pub(super) fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || c == '"'
}

/// The lexemes of `query`, in order.
pub(super) fn lex(query: &str) -> Result<Vec<Lexeme>, QueryError> {
    let mut lexer = Lexer {
        chars: query.chars().collect(),
        query,
        at: 0,
        lexemes: Vec::new(),
    };
    while let Some(&c) = lexer.chars.get(lexer.at) {
        lexer.step(c)?;
    }
    Ok(lexer.lexemes)
}

/// How a word that may be an operator or start with a field was read.
enum Lead {
    /// It was an operator or a `date:` or `path:` filter, now a lexeme.
    Taken,
    /// A word or phrase follows at `Lexer::at`, to be searched in this scope.
    Scope(Scope),
}

/// The state of [`lex`]: the query's characters and the lexemes read so far.
struct Lexer<'q> {
    chars: Vec<char>,
    query: &'q str,
    /// The character read next.
    at: usize,
    lexemes: Vec<Lexeme>,
}

impl Lexer<'_> {
    fn error(&self, message: &str, position: usize) -> QueryError {
        QueryError::at(message, position, self.query)
    }

    fn push(&mut self, kind: Kind, position: usize) {
        self.lexemes.push(Lexeme { kind, position });
    }

    /// The index after the run of characters from `from` up to a delimiter.
    fn run_end(&self, from: usize) -> usize {
        let mut end = from;
        while end < self.chars.len() && !is_delimiter(self.chars[end]) {
            end += 1;
        }
        end
    }

    /// Reads one lexeme (or white space) starting with `c`.
    fn step(&mut self, c: char) -> Result<(), QueryError> {
        let start = self.at;
        let single = match c {
            _ if c.is_whitespace() => None,
            '(' => Some(Kind::Open),
            ')' => Some(Kind::Close),
            // A sign before a word, a phrase or a group; alone, it is a word.
            '-' | '+'
                if self
                    .chars
                    .get(start + 1)
                    .is_some_and(|&next| !is_delimiter(next) || matches!(next, '"' | '(')) =>
            {
                Some(if c == '-' { Kind::Minus } else { Kind::Plus })
            }
            _ => return self.term(start),
        };
        if let Some(kind) = single {
            self.push(kind, start);
        }
        self.at += 1;
        Ok(())
    }

    /// A word, perhaps with a field prefix, perhaps introducing a phrase.
    fn term(&mut self, start: usize) -> Result<(), QueryError> {
        let mut scope = Scope::Anywhere;
        if self.chars[start] != '"' {
            match self.lead(start)? {
                Lead::Taken => return Ok(()),
                Lead::Scope(field) => scope = field,
            }
        }
        if self.chars.get(self.at) == Some(&'"') {
            self.phrase(start, scope)
        } else {
            self.word(start, scope)
        }
    }

    /// An operator (`AND`, `OR`, `NOT`) or a field before a value, or neither.
    fn lead(&mut self, start: usize) -> Result<Lead, QueryError> {
        let end = self.run_end(start);
        let word: String = self.chars[start..end].iter().collect();
        if let Some((field, rest)) = word.split_once(':')
            && !field.is_empty()
            && field.chars().all(|c| c.is_ascii_alphabetic())
        {
            return self.field(start, end, field, rest);
        }
        let kind = match word.as_str() {
            "AND" => Kind::And,
            "OR" => Kind::Or,
            "NOT" => Kind::Not,
            _ => return Ok(Lead::Scope(Scope::Anywhere)),
        };
        self.push(kind, start);
        self.at = end;
        Ok(Lead::Taken)
    }

    /// `field:rest` at `start..end`: a filter read whole, or the scope of what follows.
    fn field(
        &mut self,
        start: usize,
        end: usize,
        field: &str,
        rest: &str,
    ) -> Result<Lead, QueryError> {
        let value_start = start + field.chars().count() + 1;
        let scope = match field.to_ascii_lowercase().as_str() {
            "title" => Scope::Title,
            "text" => Scope::Text,
            "date" => {
                let range = parse_months(rest).map_err(|m| self.error(&m, value_start))?;
                self.push(Kind::Months(range), start);
                self.at = end;
                return Ok(Lead::Taken);
            }
            "path" => {
                let (folder, next) = path_value(&self.chars, value_start)
                    .map_err(|(message, at)| self.error(&message, at))?;
                self.push(Kind::Path(folder), start);
                self.at = next;
                return Ok(Lead::Taken);
            }
            _ => {
                return Err(self.error(
                    &format!("unknown field '{field}' (fields: title, text, date, path)"),
                    start,
                ));
            }
        };
        self.at = value_start;
        if rest.is_empty() && self.chars.get(self.at) != Some(&'"') {
            return Err(self.error(&format!("nothing after '{field}:'"), start));
        }
        Ok(Lead::Scope(scope))
    }

    /// A quoted phrase at `self.at`, perhaps with `~N` after it.
    fn phrase(&mut self, start: usize, scope: Scope) -> Result<(), QueryError> {
        let open = self.at;
        let close = self.chars[open + 1..]
            .iter()
            .position(|&c| c == '"')
            .map(|p| open + 1 + p)
            .ok_or_else(|| self.error("unclosed quote: add a closing '\"'", open))?;
        let text: String = self.chars[open + 1..close].iter().collect();
        self.at = close + 1;
        let mut slop = 0;
        if self.chars.get(self.at) == Some(&'~') {
            let (n, next) = number_after(&self.chars, self.at + 1);
            slop = n.ok_or_else(|| self.error("expected a number after '~'", self.at + 1))?;
            self.at = next;
        }
        if self.at < self.chars.len() && !is_delimiter(self.chars[self.at]) {
            return Err(self.error("unexpected text right after a closing quote", self.at));
        }
        self.push(Kind::Phrase { text, scope, slop }, start);
        Ok(())
    }

    /// A word at `self.at`, perhaps ending in `*` (a prefix) or `~N` (fuzzy).
    fn word(&mut self, start: usize, scope: Scope) -> Result<(), QueryError> {
        let from = self.at;
        let end = self.run_end(from);
        let mut word: String = self.chars[from..end].iter().collect();
        let mut prefix = false;
        let mut fuzzy = None;
        if let Some(tilde) = word.rfind('~') {
            let at = from + word[..tilde].chars().count() + 1;
            fuzzy = Some(
                fuzzy_distance(&word[tilde + 1..])
                    .ok_or_else(|| self.error("fuzzy distance after '~' must be 0, 1 or 2", at))?,
            );
            word.truncate(tilde);
        } else if word.len() > 1 && word.ends_with('*') {
            prefix = true;
            word.pop();
        }
        if word.contains('*') {
            return Err(self.error(
                "'*' is only allowed at the end of a word",
                from + word.chars().position(|c| c == '*').unwrap_or(0),
            ));
        }
        let kind = Kind::Word {
            text: word,
            scope,
            prefix,
            fuzzy,
        };
        self.push(kind, start);
        self.at = end;
        Ok(())
    }
}

/// The edits allowed by the digits after a word's `~` (none: one), if 0, 1 or 2.
fn fuzzy_distance(digits: &str) -> Option<u8> {
    if digits.is_empty() {
        return Some(1);
    }
    digits.parse::<u8>().ok().filter(|d| *d <= 2)
}

/// Reads the digits at `chars[at..]`, returning the number (if any) and the index after it.
fn number_after(chars: &[char], at: usize) -> (Option<u32>, usize) {
    let mut end = at;
    while end < chars.len() && chars[end].is_ascii_digit() {
        end += 1;
    }
    let digits: String = chars[at..end].iter().collect();
    (digits.parse().ok(), end)
}

#[cfg(test)]
mod tests {
    use crate::query::testing::{err, p, word};
    use crate::query::{Expr, Scope};

    #[test]
    fn lowercase_or_is_a_word() {
        assert_eq!(
            p("a or b"),
            Expr::And(vec![word("a"), word("or"), word("b")])
        );
    }

    #[test]
    fn negation_by_not_and_minus_but_not_inside_words() {
        assert_eq!(
            p("a -b NOT c"),
            Expr::And(vec![
                word("a"),
                Expr::Not(Box::new(word("b"))),
                Expr::Not(Box::new(word("c")))
            ])
        );
        assert_eq!(p("IS-strijders"), word("IS-strijders"));
        assert_eq!(
            p("-\"de zomer\""),
            Expr::Not(Box::new(Expr::Phrase {
                text: "de zomer".into(),
                scope: Scope::Anywhere,
                slop: 0
            }))
        );
        assert_eq!(p("+a"), word("a"));
    }

    #[test]
    fn phrases_prefixes_fuzzy_and_slop() {
        assert_eq!(
            p("\"de zomer van 2014\""),
            Expr::Phrase {
                text: "de zomer van 2014".into(),
                scope: Scope::Anywhere,
                slop: 0
            }
        );
        assert_eq!(
            p("\"kalifaat uitgeroepen\"~3"),
            Expr::Phrase {
                text: "kalifaat uitgeroepen".into(),
                scope: Scope::Anywhere,
                slop: 3
            }
        );
        assert_eq!(
            p("vluchtel*"),
            Expr::Word {
                text: "vluchtel".into(),
                scope: Scope::Anywhere,
                prefix: true,
                fuzzy: None
            }
        );
        assert_eq!(
            p("kalifaat~1"),
            Expr::Word {
                text: "kalifaat".into(),
                scope: Scope::Anywhere,
                prefix: false,
                fuzzy: Some(1)
            }
        );
        assert_eq!(
            p("kalifaat~"),
            Expr::Word {
                text: "kalifaat".into(),
                scope: Scope::Anywhere,
                prefix: false,
                fuzzy: Some(1)
            }
        );
    }

    #[test]
    fn field_scoping() {
        assert_eq!(
            p("title:kalifaat"),
            Expr::Word {
                text: "kalifaat".into(),
                scope: Scope::Title,
                prefix: false,
                fuzzy: None
            }
        );
        assert_eq!(
            p("title:\"de zomer\""),
            Expr::Phrase {
                text: "de zomer".into(),
                scope: Scope::Title,
                slop: 0
            }
        );
        assert_eq!(p("10:30"), word("10:30"));
        assert_eq!(err("auteur:jan").position, 0);
        assert!(err("auteur:jan").message.contains("unknown field 'auteur'"));
    }
}
