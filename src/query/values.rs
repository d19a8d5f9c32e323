//! The values of the `date:` and `path:` filters: a month range, and a folder as the
//! identity the index keeps for paths.

use super::lex::is_delimiter;
use crate::date::{Month, MonthRange, RangeEnd, parse_month_bound};

/// The folder of `path:` at `chars[at..]` (quoted, or up to the next delimiter), as an
/// identity relative to the corpus root ([`folder_identity`]), and the index after it.
pub(super) fn path_value(chars: &[char], at: usize) -> Result<(String, usize), (String, usize)> {
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

/// Parses the value of `date:` into a month range.
pub(super) fn parse_months(value: &str) -> Result<MonthRange, String> {
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

#[cfg(test)]
mod tests {
    use crate::date::{Month, MonthRange};
    use crate::query::Expr;
    use crate::query::parse;
    use crate::query::testing::{err, month, p};

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
    fn a_range_before_the_first_month_is_an_error() {
        assert!(
            err("date:<0000-01")
                .message
                .contains("no month comes before 0000-01")
        );
        assert!(parse("date:<0000-02").is_ok());
    }
}
