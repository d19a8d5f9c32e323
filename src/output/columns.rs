//! Display columns: how wide a text is on a terminal (emoji take two columns, combining
//! accents none), cut and padded to a width, and wrapped at word boundaries.

use unicode_width::UnicodeWidthStr;

/// Columns `text` takes on a terminal, as printed (escaped: see [`super::escape`]).
pub fn width(text: &str) -> usize {
    super::escape(text).width()
}

/// Spaces that pad `text` to `columns`.
pub fn padding(text: &str, columns: usize) -> String {
    " ".repeat(columns.saturating_sub(width(text)))
}

/// The longest end of `text` that fits in `columns`, not starting with an accent that
/// belonged to the letter cut off.
pub fn tail(text: &str, columns: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices().rev() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > columns {
            let rest = &text[at + c.len_utf8()..];
            return rest.trim_start_matches(|c: char| width(c.encode_utf8(&mut [0; 4])) == 0);
        }
    }
    text
}

/// The longest start of `text` that fits in `columns`.
pub fn head(text: &str, columns: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > columns {
            return &text[..at];
        }
    }
    text
}

/// `text` shortened to `columns` by cutting its start, marked with `…`.
pub fn shorten_start(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_owned();
    }
    format!("…{}", tail(text, columns.saturating_sub(1)))
}

/// Byte ranges of the lines of `text` (one line, words separated by spaces) wrapped at
/// spaces to `columns`; the spaces at the breaks belong to no line. A word wider than
/// the line stands alone on one.
pub fn wrap(text: &str, columns: usize) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut line: Option<(usize, usize, usize)> = None; // start, end, width
    let mut at = 0;
    for word in text.split(' ') {
        let (start, end) = (at, at + word.len());
        at = end + 1;
        let word_width = width(word);
        line = match line {
            None => Some((start, end, word_width)),
            Some((s, _, w)) if w + 1 + word_width <= columns => Some((s, end, w + 1 + word_width)),
            Some((s, e, _)) => {
                lines.push((s, e));
                Some((start, end, word_width))
            }
        };
    }
    if let Some((s, e, _)) = line {
        lines.push((s, e));
    }
    lines
}

/// The parts of `highlights` (byte ranges of the whole text) that fall in `line`, as
/// byte ranges of the line.
pub fn within(highlights: &[(usize, usize)], line: (usize, usize)) -> Vec<(usize, usize)> {
    highlights
        .iter()
        .filter(|&&(s, e)| s < line.1 && e > line.0)
        .map(|&(s, e)| (s.max(line.0) - line.0, e.min(line.1) - line.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_columns_not_characters() {
        assert_eq!(width("België"), 6);
        assert_eq!(width("Belgie\u{308}"), 6);
        assert_eq!(width("🇳🇱 vlag"), 7);
        assert_eq!(width("日本"), 4);
        assert_eq!(width("a\u{1b}b"), 6);
        assert_eq!(padding("日本", 6), "  ");
    }

    #[test]
    fn heads_and_tails_fit_their_columns() {
        assert_eq!(head("日本語", 5), "日本");
        assert_eq!(tail("日本語", 5), "本語");
        assert_eq!(tail("cafe\u{301} x", 4), "fe\u{301} x");
        assert_eq!(tail("cafe\u{301} x", 2), " x");
        assert_eq!(head("abc", 10), "abc");
        assert_eq!(shorten_start("2017/10/kalifaat.txt", 10), "…ifaat.txt");
        assert_eq!(shorten_start("kort.txt", 10), "kort.txt");
    }

    #[test]
    fn wrapping_breaks_at_spaces_within_the_columns() {
        let text = "het kalifaat van IS viel in Raqqa";
        let lines: Vec<&str> = wrap(text, 12).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(lines, ["het kalifaat", "van IS viel", "in Raqqa"]);
        let lines: Vec<&str> = wrap("eenheelerglangwoord kort", 6)
            .iter()
            .map(|&(s, e)| &"eenheelerglangwoord kort"[s..e])
            .collect();
        assert_eq!(lines, ["eenheelerglangwoord", "kort"]);
        assert_eq!(within(&[(4, 12), (13, 19)], (13, 24)), [(0, 6)]);
        assert_eq!(within(&[(10, 20)], (13, 24)), [(0, 7)]);
    }
}
