//! Finding words in text: runs of letters and digits, with the characters that join them
//! into one written word (`corona-crisis`, `foto's`, `30.000`) and the invisible ones that
//! must not split a word (soft hyphens and zero-width characters from copied web text).
//!
//! The scanner allocates nothing: it is on the indexing hot path.

use unicode_normalization::char::is_combining_mark;

/// A written word: one or more parts joined by hyphens, apostrophes or thousands dots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordGroup {
    /// Byte ranges of the parts, in order.
    pub parts: Vec<(usize, usize)>,
}

impl WordGroup {
    /// Byte offset of the group's first character.
    #[cfg(test)]
    pub fn start(&self) -> usize {
        self.parts[0].0
    }

    /// Byte offset just past the group's last character.
    #[cfg(test)]
    pub fn end(&self) -> usize {
        self.parts[self.parts.len() - 1].1
    }
}

/// Characters that are invisible in print and must not break a word: soft hyphen,
/// zero-width space/joiners, word joiner, and a stray byte-order mark.
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_word_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Whether an ASCII byte may join parts into one word: the ASCII hyphen and apostrophe,
/// the dot of a thousands group and the decimal comma. Every other ASCII byte after a
/// part ends its group.
pub fn is_ascii_joiner(byte: u8) -> bool {
    matches!(byte, b'-' | b'\'' | b'.' | b',')
}

/// Walks a text group by group, reusing the caller's buffer for the parts.
pub struct WordScanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> WordScanner<'a> {
    /// A scanner at the start of `text`.
    pub fn new(text: &'a str) -> WordScanner<'a> {
        WordScanner { text, pos: 0 }
    }

    /// The byte offset the next group is looked for from.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Looks for the next group from byte `offset` on, if that is further on; `offset`
    /// must be a character boundary.
    pub fn skip_to(&mut self, offset: usize) {
        self.pos = self.pos.max(offset);
    }

    /// Puts the byte ranges of the next group's parts in `parts`; `false` at the end.
    pub fn next_group(&mut self, parts: &mut Vec<(usize, usize)>) -> bool {
        parts.clear();
        let text = self.text;
        let Some(mut i) = next_word_start(text, self.pos) else {
            self.pos = text.len();
            return false;
        };
        loop {
            let (start, end, next) = read_part(text, i);
            parts.push((start, end));
            i = next;
            // Nearly every word ends at a space or a punctuation mark that joins nothing:
            // those end the group without decoding the characters around them.
            match text.as_bytes().get(i) {
                Some(&b) if b.is_ascii() && !is_ascii_joiner(b) => break,
                None => break,
                _ => {}
            }
            // A joiner continues the group only between the right kinds of characters.
            let mut ahead = text[i..].chars();
            let (Some(joiner), Some(after)) = (ahead.next(), ahead.next()) else {
                break;
            };
            let before = text[start..end].chars().next_back().unwrap_or(' ');
            let joins = (is_hyphen(joiner) && after.is_alphanumeric())
                || (is_apostrophe(joiner) && before.is_alphabetic() && after.is_alphabetic())
                || (joiner == '.'
                    && before.is_ascii_digit()
                    && thousands_group_follows(&text[i + 1..]))
                || (joiner == ',' && before.is_ascii_digit() && after.is_ascii_digit());
            if !joins {
                break;
            }
            i += joiner.len_utf8();
        }
        self.pos = i;
        true
    }
}

/// The word groups of `text`, in order (allocating; the indexer uses [`WordScanner`]).
pub fn word_groups(text: &str) -> impl Iterator<Item = WordGroup> + '_ {
    let mut scanner = WordScanner::new(text);
    std::iter::from_fn(move || {
        let mut parts = Vec::new();
        scanner
            .next_group(&mut parts)
            .then_some(WordGroup { parts })
    })
}

/// Reads one part starting at byte `i`: its byte range (without trailing invisible
/// characters) and the byte offset after it.
fn read_part(text: &str, i: usize) -> (usize, usize, usize) {
    // Bytes while the text is ASCII (nearly always), characters from the first that is not.
    let bytes = text.as_bytes();
    let mut end = i;
    while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == bytes.len() || bytes[end].is_ascii() {
        return (i, end, end);
    }
    let from = end;
    for (offset, c) in text[from..].char_indices() {
        if is_word_char(c) {
            end = from + offset + c.len_utf8();
        } else if !is_ignorable(c) {
            return (i, end, from + offset);
        }
    }
    (i, end, text.len())
}

/// The byte offset of the first word character at or after `from`: bytes while they are
/// ASCII, a character's test only where one is not.
fn next_word_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                return Some(i);
            }
            i += 1;
        } else {
            let c = text[i..].chars().next()?;
            if is_word_start(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// Whether `rest` starts with exactly three digits (then a non-digit or the end):
/// `30.000` is a number, `3.14` and `1.2.3` are not joined.
fn thousands_group_follows(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    bytes.len() >= 3
        && bytes[..3].iter().all(u8::is_ascii_digit)
        && !rest[3..].chars().next().is_some_and(char::is_alphanumeric)
}

/// `text` without invisible characters (borrowed when there are none).
pub fn without_ignorables(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(is_ignorable) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_ignorable(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(text: &str) -> Vec<Vec<&str>> {
        word_groups(text)
            .map(|g| g.parts.iter().map(|&(s, e)| &text[s..e]).collect())
            .collect()
    }

    #[test]
    fn the_ascii_joiners_are_the_hyphen_apostrophe_thousands_dot_and_decimal_comma_of_the_rules() {
        for byte in 0..=127u8 {
            let c = char::from(byte);
            assert_eq!(
                is_ascii_joiner(byte),
                is_hyphen(c) || is_apostrophe(c) || c == '.' || c == ',',
                "{c:?}"
            );
        }
    }

    #[test]
    fn plain_words() {
        assert_eq!(
            groups("De stad, Mosul!"),
            [vec!["De"], vec!["stad"], vec!["Mosul"]]
        );
        assert!(groups(" ... ").is_empty());
    }

    #[test]
    fn hyphens_and_apostrophes_join_parts() {
        assert_eq!(
            groups("IS-strijders en al‑Baghdadi"),
            [vec!["IS", "strijders"], vec!["en"], vec!["al", "Baghdadi"]]
        );
        assert_eq!(
            groups("foto's en auto’s"),
            [vec!["foto", "s"], vec!["en"], vec!["auto", "s"]]
        );
        // A dash between spaced words, or a trailing hyphen, joins nothing.
        assert_eq!(groups("Irak - Syrië"), [vec!["Irak"], vec!["Syrië"]]);
        assert_eq!(
            groups("land- en tuinbouw"),
            [vec!["land"], vec!["en"], vec!["tuinbouw"]]
        );
        assert_eq!(groups("'t Hooft"), [vec!["t"], vec!["Hooft"]]);
        assert_eq!(groups("eind-"), [vec!["eind"]]);
    }

    #[test]
    fn thousands_dots_and_decimal_commas_join_numbers_only() {
        assert_eq!(groups("30.000 man"), [vec!["30", "000"], vec!["man"]]);
        assert_eq!(groups("1.250.000"), [vec!["1", "250", "000"]]);
        assert_eq!(groups("3.14"), [vec!["3"], vec!["14"]]);
        assert_eq!(groups("3,4 procent"), [vec!["3", "4"], vec!["procent"]]);
        assert_eq!(groups("1.200,50"), [vec!["1", "200", "50"]]);
        assert_eq!(
            groups("1, 2 en 3,a"),
            [vec!["1"], vec!["2"], vec!["en"], vec!["3"], vec!["a"]]
        );
        assert_eq!(groups("stad.Daarna"), [vec!["stad"], vec!["Daarna"]]);
        assert_eq!(groups("10.000a"), [vec!["10"], vec!["000a"]]);
    }

    #[test]
    fn invisible_characters_stay_inside_words() {
        let text = "vluch\u{00AD}telingen zero\u{200B}width";
        let g: Vec<_> = word_groups(text).collect();
        assert_eq!(g.len(), 2);
        assert_eq!(
            without_ignorables(&text[g[0].start()..g[0].end()]),
            "vluchtelingen"
        );
        assert_eq!(
            without_ignorables(&text[g[1].start()..g[1].end()]),
            "zerowidth"
        );
        assert_eq!(
            groups("eind\u{00AD} volgende"),
            [vec!["eind"], vec!["volgende"]]
        );
    }

    #[test]
    fn combining_marks_stay_inside_words() {
        assert_eq!(
            groups("Belgie\u{0308} en"),
            [vec!["Belgie\u{0308}"], vec!["en"]]
        );
    }

    /// The character-by-character rules the byte paths of [`read_part`] and
    /// [`next_word_start`] must agree with.
    fn reference_part(text: &str, i: usize) -> (usize, usize, usize) {
        let mut end = i;
        for (offset, c) in text[i..].char_indices() {
            if is_word_char(c) {
                end = i + offset + c.len_utf8();
            } else if !is_ignorable(c) {
                return (i, end, i + offset);
            }
        }
        (i, end, text.len())
    }

    #[test]
    fn byte_paths_agree_with_the_character_rules() {
        let alphabet: Vec<char> = "ab Z9-'.,\u{00AD}\u{200B}éËĳß\u{0308}\u{2019}!\n€3"
            .chars()
            .collect();
        // A fixed linear congruential sequence: many mixed texts, the same on every run.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..(state % 24) {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            for (i, _) in text.char_indices() {
                if is_word_start(text[i..].chars().next().unwrap()) {
                    assert_eq!(
                        read_part(&text, i),
                        reference_part(&text, i),
                        "{text:?} at {i}"
                    );
                }
                let expected = text[i..].find(is_word_start).map(|o| i + o);
                assert_eq!(next_word_start(&text, i), expected, "{text:?} from {i}");
            }
            state = state.wrapping_add(text.len() as u64);
        }
    }
}
