//! Reads one file's bytes into an [`Article`]: header, title and text, or a reason to skip it.

use std::fmt;

use super::decode::{Encoding, decode};
use crate::date::{ArticleDate, DateError};

/// Titles longer than this many characters are shortened at a word boundary.
pub const MAX_TITLE_CHARS: usize = 120;

/// One dated news article, as read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The path relative to the corpus root, with `/` separators: the article's identity.
    pub path: String,
    /// The date from the header.
    pub date: ArticleDate,
    /// The first line of the text, shortened to at most [`MAX_TITLE_CHARS`] characters.
    pub title: String,
    /// The whole text after the header (title line included), with `\n` line endings.
    pub text: String,
    /// How the file's bytes were decoded.
    pub encoding: Encoding,
}

/// Why a file is not an article. Each becomes a warning naming the file; none stops a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The file has no bytes, or only whitespace.
    Empty,
    /// The file contains NUL bytes, so it is not text.
    Binary,
    /// The file starts with a UTF-16 byte order mark.
    Utf16,
    /// The file does not start with `date YYYY-MM`.
    NoHeader,
    /// The header's date is malformed or impossible.
    BadDate {
        /// The date as written in the file.
        found: String,
        /// What is wrong with it.
        error: DateError,
    },
    /// The header is all there is.
    OnlyHeader,
    /// The file could not be read (permissions, vanished, …).
    Unreadable(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Empty => write!(f, "empty file"),
            SkipReason::Binary => write!(f, "binary file (contains NUL bytes)"),
            SkipReason::Utf16 => write!(f, "UTF-16 text is not supported; save it as UTF-8"),
            SkipReason::NoHeader => {
                write!(f, "no header: the file must start with 'date YYYY-MM'")
            }
            SkipReason::BadDate { found, error } => {
                write!(f, "bad date '{found}' in header: {error}")
            }
            SkipReason::OnlyHeader => write!(f, "only a header, no text"),
            SkipReason::Unreadable(why) => write!(f, "cannot read: {why}"),
        }
    }
}

/// Parses the bytes of the file at `path` (relative to the corpus root) into an article.
pub fn parse_article(path: &str, bytes: &[u8]) -> Result<Article, SkipReason> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(SkipReason::Utf16);
    }
    if bytes.contains(&0) {
        return Err(SkipReason::Binary);
    }
    let (decoded, encoding) = decode(bytes);
    let start = decoded.trim_start();
    if start.is_empty() {
        return Err(SkipReason::Empty);
    }
    let (date, rest) = parse_header(start)?;
    let text = normalize_line_endings(rest.trim());
    if text.trim().is_empty() {
        return Err(SkipReason::OnlyHeader);
    }
    let title = title_of(&text);
    Ok(Article {
        path: path.to_owned(),
        date,
        title,
        text,
        encoding,
    })
}

/// Splits `date YYYY-MM[-DD]` off the start of `text`, returning the date and what follows.
fn parse_header(text: &str) -> Result<(ArticleDate, &str), SkipReason> {
    let keyword = text.get(..4).ok_or(SkipReason::NoHeader)?;
    if !keyword.eq_ignore_ascii_case("date") {
        return Err(SkipReason::NoHeader);
    }
    let after_keyword = &text[4..];
    let value = after_keyword.trim_start_matches([' ', '\t']);
    if value.len() == after_keyword.len() {
        return Err(SkipReason::NoHeader);
    }
    let end = value.find(char::is_whitespace).unwrap_or(value.len());
    let (token, rest) = value.split_at(end);
    if token.is_empty() {
        return Err(SkipReason::NoHeader);
    }
    let date = ArticleDate::parse(token).map_err(|error| SkipReason::BadDate {
        found: token.chars().take(40).collect(),
        error,
    })?;
    Ok((date, rest))
}

fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The title of an article's text: its first non-empty line, shortened.
pub fn title_of(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(shorten_title)
        .unwrap_or_default()
}

/// Collapses runs of whitespace and shortens to at most [`MAX_TITLE_CHARS`] characters,
/// cutting at a word boundary and marking the cut with `…`.
pub fn shorten_title(line: &str) -> String {
    let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_TITLE_CHARS {
        return collapsed;
    }
    // Room for the ellipsis.
    let budget = MAX_TITLE_CHARS - 1;
    let hard_cut = collapsed
        .char_indices()
        .nth(budget)
        .map_or(collapsed.len(), |(i, _)| i);
    // The character at `hard_cut` being a space means the cut already falls between words.
    let cut = if collapsed[hard_cut..].starts_with(' ') {
        hard_cut
    } else {
        collapsed[..hard_cut].rfind(' ').unwrap_or(hard_cut)
    };
    let kept = collapsed[..cut].trim_end_matches([' ', ',', ';', ':', '-', '–']);
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Result<Article, SkipReason> {
        parse_article("a/b.txt", bytes)
    }

    #[test]
    fn seed_format_leading_space_and_text_on_header_line() {
        let a = parse(b" date 2017-12 IS-strijders namen de stad in.\n\nTweede alinea.").unwrap();
        assert_eq!(a.date.to_string(), "2017-12");
        assert_eq!(a.title, "IS-strijders namen de stad in.");
        assert_eq!(a.text, "IS-strijders namen de stad in.\n\nTweede alinea.");
        assert_eq!(a.path, "a/b.txt");
        assert_eq!(a.encoding, Encoding::Utf8);
    }

    #[test]
    fn header_variants_are_accepted() {
        for input in [
            "date 2017-12 Titel\nTekst".as_bytes(),
            b"DATE 2017-12 Titel\nTekst",
            b"Date\t2017-12\tTitel\nTekst",
            b"date  \t 2017-12 Titel\nTekst",
            b"\n\n  date 2017-12 Titel\nTekst",
            b"\xEF\xBB\xBFdate 2017-12 Titel\nTekst",
            b"date 2017-12 Titel\r\nTekst",
        ] {
            let a = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(a.date.to_string(), "2017-12", "{input:?}");
            assert_eq!(a.title, "Titel", "{input:?}");
            assert_eq!(a.text, "Titel\nTekst", "{input:?}");
        }
    }

    #[test]
    fn full_date_keeps_the_day() {
        let a = parse(b"date 2019-03-23 Baghuz gevallen").unwrap();
        assert_eq!(a.date.to_string(), "2019-03-23");
        assert_eq!(a.date.month.to_string(), "2019-03");
    }

    #[test]
    fn header_alone_on_first_line_takes_title_from_next_line() {
        let a = parse(b"date 2016-03\n\nAanslagen in Brussel\nTekst.").unwrap();
        assert_eq!(a.title, "Aanslagen in Brussel");
        assert_eq!(a.text, "Aanslagen in Brussel\nTekst.");
    }

    #[test]
    fn crlf_and_lone_cr_never_leak() {
        let a = parse(b"date 2016-03 Titel\r\n\r\nTekst\rmeer\r\n").unwrap();
        assert_eq!(a.title, "Titel");
        assert!(!a.text.contains('\r'));
        assert_eq!(a.text, "Titel\n\nTekst\nmeer");
    }

    #[test]
    fn windows_1252_is_decoded_and_flagged() {
        let a = parse(b"date 2016-03 Belgi\xEB rouwt").unwrap();
        assert_eq!(a.title, "België rouwt");
        assert_eq!(a.encoding, Encoding::Windows1252);
    }

    #[test]
    fn rejections_have_precise_reasons() {
        assert_eq!(parse(b""), Err(SkipReason::Empty));
        assert_eq!(parse(b" \n\t\r\n"), Err(SkipReason::Empty));
        assert_eq!(parse(b"date 2017-12 a\0b"), Err(SkipReason::Binary));
        assert_eq!(parse(b"\xFF\xFEd\0a\0"), Err(SkipReason::Utf16));
        assert_eq!(parse(b"Gewoon een tekst"), Err(SkipReason::NoHeader));
        assert_eq!(parse(b"datum 2017-12 Tekst"), Err(SkipReason::NoHeader));
        assert_eq!(parse(b"date2017-12 Tekst"), Err(SkipReason::NoHeader));
        assert_eq!(parse(b"date\n2017-12 Tekst"), Err(SkipReason::NoHeader));
        assert_eq!(parse(b"dat"), Err(SkipReason::NoHeader));
        assert_eq!(
            parse(b"date 2017-13 Tekst"),
            Err(SkipReason::BadDate {
                found: "2017-13".into(),
                error: DateError::ImpossibleMonth(13)
            })
        );
        assert_eq!(
            parse(b"date 2017-12x Tekst"),
            Err(SkipReason::BadDate {
                found: "2017-12x".into(),
                error: DateError::Malformed
            })
        );
        assert_eq!(
            parse(b"date 2018-02-30 Tekst"),
            Err(SkipReason::BadDate {
                found: "2018-02-30".into(),
                error: DateError::ImpossibleDay(30)
            })
        );
        assert_eq!(parse(b"date 2017-12"), Err(SkipReason::OnlyHeader));
        assert_eq!(parse(b" date 2017-12 \r\n \n"), Err(SkipReason::OnlyHeader));
    }

    #[test]
    fn short_titles_are_kept_whole() {
        assert_eq!(shorten_title("  Een  korte\ttitel "), "Een korte titel");
        let exact = "a".repeat(MAX_TITLE_CHARS);
        assert_eq!(shorten_title(&exact), exact);
    }

    #[test]
    fn long_titles_are_cut_at_a_word_boundary() {
        let words = "vluchtelingen ".repeat(20);
        let title = shorten_title(&words);
        assert!(title.ends_with("vluchtelingen…"), "{title}");
        assert!(title.chars().count() <= MAX_TITLE_CHARS);
        // 8 words of 13 letters plus 7 spaces = 111 characters; a 9th would pass 119.
        assert_eq!(title.chars().count(), 8 * 13 + 7 + 1);
    }

    #[test]
    fn long_titles_count_characters_not_bytes() {
        let words = "België ".repeat(30);
        let title = shorten_title(&words);
        assert!(title.chars().count() <= MAX_TITLE_CHARS);
        assert!(title.ends_with("België…"), "{title}");
    }

    #[test]
    fn one_giant_word_is_hard_cut() {
        let word = "x".repeat(300);
        let title = shorten_title(&word);
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS);
        assert!(title.ends_with('…'));
    }
}
