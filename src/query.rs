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

use std::fmt;

use crate::date::{Month, MonthRange, RangeEnd, parse_month_bound};

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

/// Everything a search needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The query text as the user typed it (empty: list articles).
    pub text: String,
    /// The parsed expression; `None` lists every article in the range.
    pub expr: Option<Expr>,
    /// Month range from `--from`/`--to`.
    pub range: MonthRange,
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
    let tokens = lex(text)?;
    if tokens.is_empty() {
        return Ok(None);
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        query: text,
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
    Ok(Some(expr))
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
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

#[derive(Debug, Clone, PartialEq)]
struct Lexeme {
    kind: Kind,
    /// Character index of the lexeme's start.
    position: usize,
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || c == '"'
}

fn lex(query: &str) -> Result<Vec<Lexeme>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let error = |message: &str, position: usize| QueryError {
        message: message.to_owned(),
        position,
        query: query.to_owned(),
    };
    let mut lexemes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                lexemes.push(Lexeme {
                    kind: Kind::Open,
                    position: start,
                });
                i += 1;
                continue;
            }
            ')' => {
                lexemes.push(Lexeme {
                    kind: Kind::Close,
                    position: start,
                });
                i += 1;
                continue;
            }
            '-' | '+'
                if i + 1 < chars.len() && !is_delimiter(chars[i + 1]) || {
                    i + 1 < chars.len() && matches!(chars[i + 1], '"' | '(')
                } =>
            {
                lexemes.push(Lexeme {
                    kind: if c == '-' { Kind::Minus } else { Kind::Plus },
                    position: start,
                });
                i += 1;
                continue;
            }
            _ => {}
        }
        // A word, perhaps with a field prefix, perhaps introducing a phrase.
        let mut scope = Scope::Anywhere;
        let mut field_is_date = false;
        let mut field_is_path = false;
        if c != '"' {
            let mut end = i;
            while end < chars.len() && !is_delimiter(chars[end]) {
                end += 1;
            }
            let word: String = chars[i..end].iter().collect();
            if let Some((field, rest)) = word.split_once(':')
                && !field.is_empty()
                && field.chars().all(|c| c.is_ascii_alphabetic())
            {
                match field.to_ascii_lowercase().as_str() {
                    "title" => scope = Scope::Title,
                    "text" => scope = Scope::Text,
                    "date" => field_is_date = true,
                    "path" => field_is_path = true,
                    _ => {
                        return Err(error(
                            &format!("unknown field '{field}' (fields: title, text, date, path)"),
                            start,
                        ));
                    }
                }
                let value_start = i + field.chars().count() + 1;
                if field_is_path {
                    let (folder, next) = path_value(&chars, value_start)
                        .map_err(|(message, at)| error(&message, at))?;
                    lexemes.push(Lexeme {
                        kind: Kind::Path(folder),
                        position: start,
                    });
                    i = next;
                    continue;
                }
                if field_is_date {
                    let range = parse_months(rest).map_err(|m| error(&m, value_start))?;
                    lexemes.push(Lexeme {
                        kind: Kind::Months(range),
                        position: start,
                    });
                    i = end;
                    continue;
                }
                i = value_start;
                if rest.is_empty() && !(i < chars.len() && chars[i] == '"') {
                    return Err(error(&format!("nothing after '{field}:'"), start));
                }
            } else if word == "AND" || word == "OR" || word == "NOT" {
                lexemes.push(Lexeme {
                    kind: match word.as_str() {
                        "AND" => Kind::And,
                        "OR" => Kind::Or,
                        _ => Kind::Not,
                    },
                    position: start,
                });
                i = end;
                continue;
            }
        }
        if i < chars.len() && chars[i] == '"' {
            let open = i;
            let close = chars[open + 1..]
                .iter()
                .position(|&c| c == '"')
                .map(|p| open + 1 + p)
                .ok_or_else(|| error("unclosed quote: add a closing '\"'", open))?;
            let text: String = chars[open + 1..close].iter().collect();
            i = close + 1;
            let mut slop = 0;
            if i < chars.len() && chars[i] == '~' {
                let (n, next) = number_after(&chars, i + 1);
                slop = n.ok_or_else(|| error("expected a number after '~'", i + 1))?;
                i = next;
            }
            if i < chars.len() && !is_delimiter(chars[i]) {
                return Err(error("unexpected text right after a closing quote", i));
            }
            lexemes.push(Lexeme {
                kind: Kind::Phrase { text, scope, slop },
                position: start,
            });
            continue;
        }
        let mut end = i;
        while end < chars.len() && !is_delimiter(chars[end]) {
            end += 1;
        }
        let mut word: String = chars[i..end].iter().collect();
        let mut prefix = false;
        let mut fuzzy = None;
        if let Some(tilde) = word.rfind('~') {
            let digits = &word[tilde + 1..];
            let distance = if digits.is_empty() {
                1
            } else {
                digits
                    .parse::<u8>()
                    .ok()
                    .filter(|d| *d <= 2)
                    .ok_or_else(|| {
                        error(
                            "fuzzy distance after '~' must be 0, 1 or 2",
                            i + word[..tilde].chars().count() + 1,
                        )
                    })?
            };
            fuzzy = Some(distance);
            word.truncate(tilde);
        } else if word.len() > 1 && word.ends_with('*') {
            prefix = true;
            word.pop();
        }
        if word.contains('*') {
            return Err(error(
                "'*' is only allowed at the end of a word",
                i + word.chars().position(|c| c == '*').unwrap_or(0),
            ));
        }
        lexemes.push(Lexeme {
            kind: Kind::Word {
                text: word,
                scope,
                prefix,
                fuzzy,
            },
            position: start,
        });
        i = end;
    }
    check_size(&lexemes, query)?;
    Ok(lexemes)
}

/// A query may hold at most this many words and phrases…
pub const MAX_WORDS: usize = 1_000;

/// …and at most this many prefix and fuzzy words, each of which is matched against the
/// archive's word forms (20,000 `k~2` took minutes).
pub const MAX_PATTERN_WORDS: usize = 64;

fn check_size(lexemes: &[Lexeme], query: &str) -> Result<(), QueryError> {
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
        return Err(QueryError {
            message: format!("the query has {message}: search in parts"),
            position: lexeme.position,
            query: query.to_owned(),
        });
    }
    Ok(())
}

/// The folder of `path:` at `chars[at..]` (quoted, or up to the next delimiter), as an
/// identity relative to the corpus root ([`folder_identity`]), and the index after it.
fn path_value(chars: &[char], at: usize) -> Result<(String, usize), (String, usize)> {
    let (typed, next) = if chars.get(at) == Some(&'"') {
        let close = chars[at + 1..]
            .iter()
            .position(|&c| c == '"')
            .map(|p| at + 1 + p)
            .ok_or_else(|| ("unclosed quote: add a closing '\"'".to_owned(), at))?;
        (chars[at + 1..close].iter().collect::<String>(), close + 1)
    } else {
        let mut end = at;
        while end < chars.len() && !is_delimiter(chars[end]) {
            end += 1;
        }
        (chars[at..end].iter().collect::<String>(), end)
    };
    if typed.is_empty() {
        return Err((
            "nothing after 'path:' (e.g. path:nrc/2017)".to_owned(),
            at.saturating_sub(5),
        ));
    }
    Ok((folder_identity(typed.as_bytes()), next))
}

/// A folder as typed (its bytes), relative to the corpus root, as the identity the index
/// keeps for paths: `\xHH` read as that byte, without a leading `./` or trailing `/`;
/// `""` for the corpus root itself (`.`).
pub fn folder_identity(typed: &[u8]) -> String {
    let mut folder = typed;
    while let Some(rest) = folder.strip_prefix(b"./") {
        folder = rest;
        while let Some(rest) = folder.strip_prefix(b"/") {
            folder = rest;
        }
    }
    while let Some(rest) = folder.strip_suffix(b"/") {
        folder = rest;
    }
    if folder == b"." {
        folder = b"";
    }
    crate::corpus::identity_of_typed(folder)
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

/// Parses the value of `date:` into a month range.
fn parse_months(value: &str) -> Result<MonthRange, String> {
    let bound = |text: &str, end: RangeEnd| -> Result<Month, String> {
        parse_month_bound(text, end).map_err(|e| format!("bad month '{text}' in date: ({e})"))
    };
    if value.is_empty() {
        return Err("nothing after 'date:' (e.g. date:2017-10..2017-12)".to_owned());
    }
    let range = if let Some(rest) = value.strip_prefix(">=") {
        MonthRange {
            from: Some(bound(rest, RangeEnd::Start)?),
            to: None,
        }
    } else if let Some(rest) = value.strip_prefix("<=") {
        MonthRange {
            from: None,
            to: Some(bound(rest, RangeEnd::End)?),
        }
    } else if let Some(rest) = value.strip_prefix('>') {
        MonthRange {
            from: Some(bound(rest, RangeEnd::End)?.next()),
            to: None,
        }
    } else if let Some(rest) = value.strip_prefix('<') {
        let before = bound(rest, RangeEnd::Start)?;
        if before.prev() == before {
            return Err(format!("no month comes before {before}"));
        }
        MonthRange {
            from: None,
            to: Some(before.prev()),
        }
    } else if let Some((a, b)) = value.split_once("..") {
        MonthRange {
            from: (!a.is_empty())
                .then(|| bound(a, RangeEnd::Start))
                .transpose()?,
            to: (!b.is_empty())
                .then(|| bound(b, RangeEnd::End))
                .transpose()?,
        }
    } else {
        MonthRange {
            from: Some(bound(value, RangeEnd::Start)?),
            to: Some(bound(value, RangeEnd::End)?),
        }
    };
    if let (Some(from), Some(to)) = (range.from, range.to)
        && from > to
    {
        return Err(format!("date range starts ({from}) after it ends ({to})"));
    }
    Ok(range)
}

/// Groups may nest this deep. The parser (and everything that walks the expression)
/// recurses once per level, and 15,000 nested parentheses overflowed the stack.
pub const MAX_DEPTH: usize = 100;

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
        QueryError {
            message: message.to_owned(),
            position,
            query: self.query.to_owned(),
        }
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

/// `expr` restricted to the articles `filter` selects (either may be absent).
pub fn restricted(expr: Option<Expr>, filter: Option<Expr>) -> Option<Expr> {
    match (expr, filter) {
        (Some(Expr::And(mut parts)), Some(filter)) => {
            parts.push(filter);
            Some(Expr::And(parts))
        }
        (Some(expr), Some(filter)) => Some(Expr::And(vec![expr, filter])),
        (expr, None) => expr,
        (None, filter) => filter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Expr {
        Expr::Word {
            text: text.into(),
            scope: Scope::Anywhere,
            prefix: false,
            fuzzy: None,
        }
    }

    fn month(y: u16, m: u8) -> Month {
        Month::new(y, m).unwrap()
    }

    fn p(text: &str) -> Expr {
        parse(text).unwrap().unwrap()
    }

    fn err(text: &str) -> QueryError {
        parse(text).unwrap_err()
    }

    #[test]
    fn blank_query_is_none() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("   ").unwrap(), None);
    }

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

    #[test]
    fn date_ranges_in_the_query() {
        let range = |from: Option<Month>, to: Option<Month>| Expr::Months(MonthRange { from, to });
        assert_eq!(
            p("date:2017-10..2017-12"),
            range(Some(month(2017, 10)), Some(month(2017, 12)))
        );
        assert_eq!(p("date:>=2019-06"), range(Some(month(2019, 6)), None));
        assert_eq!(p("date:>2019-06"), range(Some(month(2019, 7)), None));
        assert_eq!(p("date:<=2017"), range(None, Some(month(2017, 12))));
        assert_eq!(p("date:<2017"), range(None, Some(month(2016, 12))));
        assert_eq!(
            p("date:2017"),
            range(Some(month(2017, 1)), Some(month(2017, 12)))
        );
        assert_eq!(p("date:2017.."), range(Some(month(2017, 1)), None));
        assert!(err("date:2017-13").message.contains("2017-13"));
        assert!(err("date:2018..2017").message.contains("after it ends"));
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

    #[test]
    fn a_range_before_the_first_month_is_an_error() {
        assert!(
            err("date:<0000-01")
                .message
                .contains("no month comes before 0000-01")
        );
        assert!(parse("date:<0000-02").is_ok());
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        assert_eq!(err("België \"x").position, 7);
    }

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
