//! Calendar values krant works with: the date in an article header and the month bounds of a search.

use std::fmt;

/// The date in an article header: always a year and a month, sometimes a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleDate {
    /// The month the article belongs to; filters work on this.
    pub month: Month,
    /// The day of the month, when the header gives one.
    pub day: Option<u8>,
}

/// A calendar month (`YYYY-MM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year, 0–9999.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
}

/// Why a date or month string was refused; the message names what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text is not shaped like `YYYY-MM` or `YYYY-MM-DD`.
    Malformed,
    /// A month bound is not shaped like `YYYY` or `YYYY-MM`.
    MalformedBound,
    /// The month is outside 01–12.
    ImpossibleMonth(u32),
    /// The day does not exist in that month.
    ImpossibleDay(u32),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Malformed => write!(f, "expected YYYY-MM or YYYY-MM-DD"),
            DateError::MalformedBound => write!(f, "expected YYYY or YYYY-MM"),
            DateError::ImpossibleMonth(m) => write!(f, "month {m:02} does not exist (01–12)"),
            DateError::ImpossibleDay(d) => write!(f, "day {d:02} does not exist in that month"),
        }
    }
}

impl std::error::Error for DateError {}

impl Month {
    /// Builds a month, refusing months outside 1–12.
    pub fn new(year: u16, month: u8) -> Result<Month, DateError> {
        if (1..=12).contains(&month) {
            Ok(Month { year, month })
        } else {
            Err(DateError::ImpossibleMonth(month.into()))
        }
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month before this one (January of year 0 stays put).
    pub fn prev(self) -> Month {
        match (self.year, self.month) {
            (0, 1) => self,
            (year, 1) => Month {
                year: year - 1,
                month: 12,
            },
            (year, month) => Month {
                year,
                month: month - 1,
            },
        }
    }

    /// `yyyymm` as a number, the form month bounds take in the index.
    pub fn as_number(self) -> u64 {
        u64::from(self.year) * 100 + u64::from(self.month)
    }

    /// Parses exactly `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, DateError> {
        let bytes = text.as_bytes();
        if bytes.len() != 7 || bytes[4] != b'-' {
            return Err(DateError::Malformed);
        }
        let year = digits(&bytes[0..4])?;
        let month = digits(&bytes[5..7])?;
        Month::new(year as u16, month as u8).map_err(|_| DateError::ImpossibleMonth(month))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl ArticleDate {
    /// Parses `YYYY-MM` or `YYYY-MM-DD`, checking that the month and the day exist.
    pub fn parse(text: &str) -> Result<ArticleDate, DateError> {
        let bytes = text.as_bytes();
        match bytes.len() {
            7 => Ok(ArticleDate {
                month: Month::parse(text)?,
                day: None,
            }),
            10 if bytes[7] == b'-' => {
                let month = Month::parse(&text[..7])?;
                let day = digits(&bytes[8..10])?;
                if day == 0 || day > days_in_month(month) {
                    return Err(DateError::ImpossibleDay(day));
                }
                Ok(ArticleDate {
                    month,
                    day: Some(day as u8),
                })
            }
            _ => Err(DateError::Malformed),
        }
    }

    /// `yyyymmdd` as a number (day 00 when the header has none): sorts by date and
    /// filters by month with one fast field.
    pub fn sort_key(self) -> u64 {
        self.month.as_number() * 100 + u64::from(self.day.unwrap_or(0))
    }

    /// The inverse of [`ArticleDate::sort_key`].
    pub fn from_sort_key(key: u64) -> Option<ArticleDate> {
        let day = (key % 100) as u8;
        let month = ((key / 100) % 100) as u8;
        let year = u16::try_from(key / 10_000).ok()?;
        let month = Month::new(year, month).ok()?;
        Some(ArticleDate {
            month,
            day: (day != 0).then_some(day),
        })
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(day) => write!(f, "{}-{:02}", self.month, day),
            None => write!(f, "{}", self.month),
        }
    }
}

fn digits(bytes: &[u8]) -> Result<u32, DateError> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(DateError::Malformed);
    }
    Ok(bytes
        .iter()
        .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0')))
}

fn days_in_month(month: Month) -> u32 {
    match month.month {
        2 => {
            let y = u32::from(month.year);
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An inclusive range of months; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthRange {
    /// First month included, if bounded.
    pub from: Option<Month>,
    /// Last month included, if bounded.
    pub to: Option<Month>,
}

impl MonthRange {
    /// Whether a month lies inside the range.
    pub fn contains(&self, month: Month) -> bool {
        self.from.is_none_or(|from| month >= from) && self.to.is_none_or(|to| month <= to)
    }

    /// Whether both ends are open.
    pub fn is_unbounded(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// Which end of a range a user-written bound is for: `2017` means January as a start
/// and December as an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    /// The first month of the range.
    Start,
    /// The last month of the range.
    End,
}

/// Parses a month bound as users write it: `YYYY` or `YYYY-MM`.
pub fn parse_month_bound(text: &str, end: RangeEnd) -> Result<Month, DateError> {
    let text = text.trim();
    let shape = |e: DateError| match e {
        DateError::Malformed => DateError::MalformedBound,
        other => other,
    };
    if text.len() == 4 {
        let year = digits(text.as_bytes()).map_err(shape)? as u16;
        let month = match end {
            RangeEnd::Start => 1,
            RangeEnd::End => 12,
        };
        return Month::new(year, month);
    }
    Month::parse(text).map_err(shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_month_and_full_date() {
        let d = ArticleDate::parse("2017-12").unwrap();
        assert_eq!(d.to_string(), "2017-12");
        assert_eq!(d.sort_key(), 20_171_200);
        let d = ArticleDate::parse("2016-02-29").unwrap();
        assert_eq!(d.day, Some(29));
        assert_eq!(d.to_string(), "2016-02-29");
        assert_eq!(ArticleDate::from_sort_key(d.sort_key()), Some(d));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            ArticleDate::parse("2017-13"),
            Err(DateError::ImpossibleMonth(13))
        );
        assert_eq!(
            ArticleDate::parse("2017-00"),
            Err(DateError::ImpossibleMonth(0))
        );
        assert_eq!(
            ArticleDate::parse("2017-02-29"),
            Err(DateError::ImpossibleDay(29))
        );
        assert_eq!(
            ArticleDate::parse("2017-04-31"),
            Err(DateError::ImpossibleDay(31))
        );
        assert_eq!(ArticleDate::parse("2017-1"), Err(DateError::Malformed));
        assert_eq!(ArticleDate::parse("17-12"), Err(DateError::Malformed));
        assert_eq!(ArticleDate::parse("2017/12"), Err(DateError::Malformed));
        assert_eq!(ArticleDate::parse("２０１７-12"), Err(DateError::Malformed));
    }

    #[test]
    fn month_bounds_expand_years_by_end() {
        assert_eq!(
            parse_month_bound("2017", RangeEnd::Start)
                .unwrap()
                .to_string(),
            "2017-01"
        );
        assert_eq!(
            parse_month_bound("2017", RangeEnd::End)
                .unwrap()
                .to_string(),
            "2017-12"
        );
        assert_eq!(
            parse_month_bound("2017-06", RangeEnd::End)
                .unwrap()
                .to_string(),
            "2017-06"
        );
        assert_eq!(
            parse_month_bound("2017-13", RangeEnd::Start),
            Err(DateError::ImpossibleMonth(13))
        );
        assert_eq!(
            parse_month_bound("201", RangeEnd::Start),
            Err(DateError::MalformedBound)
        );
    }

    #[test]
    fn range_contains_is_inclusive_and_open_ended() {
        let range = MonthRange {
            from: Some(Month::new(2017, 1).unwrap()),
            to: Some(Month::new(2017, 12).unwrap()),
        };
        assert!(range.contains(Month::new(2017, 1).unwrap()));
        assert!(range.contains(Month::new(2017, 12).unwrap()));
        assert!(!range.contains(Month::new(2016, 12).unwrap()));
        assert!(!range.contains(Month::new(2018, 1).unwrap()));
        let open = MonthRange {
            from: None,
            to: Some(Month::new(2015, 6).unwrap()),
        };
        assert!(open.contains(Month::new(1990, 1).unwrap()));
        assert!(!open.contains(Month::new(2015, 7).unwrap()));
    }

    #[test]
    fn next_and_previous_months_roll_over_the_year() {
        assert_eq!(Month::new(2017, 12).unwrap().next().to_string(), "2018-01");
        assert_eq!(Month::new(2017, 3).unwrap().next().to_string(), "2017-04");
        assert_eq!(Month::new(2018, 1).unwrap().prev().to_string(), "2017-12");
        assert_eq!(Month::new(2017, 4).unwrap().prev().to_string(), "2017-03");
    }
}
