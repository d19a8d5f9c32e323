//! The compact hand-over of analyzed tokens from the reading threads to tantivy.
//!
//! Articles are analyzed once, on the threads that read the files; tantivy's own
//! pre-tokenized values go through JSON, so instead each field's tokens travel as one
//! string. Each token is two small numbers and the term: how far its position is past
//! the last token's (0: the same position, as compound parts and joined forms share their
//! word's; more than 1: dropped stop words left a gap; for the first token, its position),
//! then the term's length in bytes, then the term. The numbers take 6 bits a byte, the
//! seventh saying another byte follows, so every byte is ASCII and the string stays
//! UTF-8; below 64, a number is one byte. [`EncodedTokenizer`] reads it back without
//! allocating and without scanning the terms for separators (which cost it ~100
//! instructions a token).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The tokenizer name of the encoded fields.
pub const ENCODED_NAME: &str = "krant_encoded";

/// In a number's byte: the bits of the number it holds, and the bit saying more follow.
const DIGIT_BITS: u32 = 6;
const DIGIT_MASK: u8 = (1 << DIGIT_BITS) - 1;
const MORE: u8 = 1 << DIGIT_BITS;

/// Builds the encoded string of one field.
#[derive(Debug, Default)]
pub struct Encoder {
    out: String,
    position: Option<usize>,
}

impl Encoder {
    /// Appends a term at `position` (positions never decrease).
    pub fn push(&mut self, term: &str, position: usize) {
        let advance = match self.position {
            Some(last) => {
                debug_assert!(position >= last, "positions go back: {last} → {position}");
                // Were one to go back, its term would share the last position rather than
                // wrap round to a position beyond the field's end.
                position.saturating_sub(last)
            }
            None => position,
        };
        self.push_number(advance);
        self.push_number(term.len());
        self.out.push_str(term);
        self.position = Some(position);
    }

    #[inline(always)]
    fn push_number(&mut self, mut number: usize) {
        if number < usize::from(MORE) {
            self.out.push(char::from(number as u8));
            return;
        }
        loop {
            let digit = (number & usize::from(DIGIT_MASK)) as u8;
            number >>= DIGIT_BITS;
            if number == 0 {
                self.out.push(char::from(digit));
                return;
            }
            self.out.push(char::from(digit | MORE));
        }
    }

    /// The encoded field.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Decodes [`Encoder`] output into tantivy tokens, one at a time into one reused token.
#[derive(Clone, Default)]
pub struct EncodedTokenizer {
    token: Token,
}

/// The tokens of one field, decoded as tantivy asks for them: nothing is decoded ahead,
/// so a field's tokens never sit in memory as tantivy's 56-byte structs.
pub struct EncodedStream<'a> {
    text: &'a str,
    at: usize,
    position: Option<usize>,
    token: &'a mut Token,
}

impl Tokenizer for EncodedTokenizer {
    type TokenStream<'a> = EncodedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EncodedStream<'a> {
        self.token.position_length = 1;
        EncodedStream {
            text,
            at: 0,
            position: None,
            token: &mut self.token,
        }
    }
}

impl EncodedStream<'_> {
    /// The number at the current offset, or `None` at the end (or in anything the
    /// encoder did not write).
    #[inline(always)]
    fn number(&mut self) -> Option<usize> {
        let byte = *self.text.as_bytes().get(self.at)?;
        if byte & MORE == 0 {
            self.at += 1;
            return Some(usize::from(byte));
        }
        self.long_number()
    }

    fn long_number(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut number = 0usize;
        let mut shift = 0;
        loop {
            let byte = *bytes.get(self.at)?;
            self.at += 1;
            number |= usize::from(byte & DIGIT_MASK).checked_shl(shift)?;
            if byte & MORE == 0 {
                return Some(number);
            }
            shift += DIGIT_BITS;
        }
    }

    fn next_token(&mut self) -> Option<()> {
        let advance = self.number()?;
        let len = self.number()?;
        let term = self.text.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        let position = self
            .position
            .map_or(Some(advance), |p| p.checked_add(advance))?;
        self.position = Some(position);
        self.token.position = position;
        self.token.text.clear();
        self.token.text.push_str(term);
        Some(())
    }
}

impl TokenStream for EncodedStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next_token().is_some() {
            return true;
        }
        // Whatever follows a token that does not decode is not read.
        self.at = self.text.len();
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(terms: &[(String, usize)]) -> String {
        let mut encoder = Encoder::default();
        for (term, position) in terms {
            encoder.push(term, *position);
        }
        encoder.finish()
    }

    fn decoded(encoded: &str) -> Vec<(String, usize)> {
        let mut tokenizer = EncodedTokenizer::default();
        let mut stream = tokenizer.token_stream(encoded);
        let mut got = Vec::new();
        while let Some(token) = stream.next() {
            got.push((token.text.clone(), token.position));
        }
        got
    }

    fn owned(terms: &[(&str, usize)]) -> Vec<(String, usize)> {
        terms.iter().map(|&(t, p)| (t.to_owned(), p)).collect()
    }

    #[test]
    fn positions_gaps_and_shared_positions_survive_the_round_trip() {
        let terms = owned(&[
            ("zomer", 1),
            ("2014", 3),
            ("corona", 4),
            ("crisis", 5),
            ("coronacrisis", 5),
            ("niet", 7),
        ]);
        assert_eq!(decoded(&encoded(&terms)), terms);
    }

    #[test]
    fn a_token_at_position_zero_and_an_empty_field() {
        let terms = owned(&[("irak", 0), ("syrie", 0)]);
        assert_eq!(decoded(&encoded(&terms)), terms);
        assert!(decoded("").is_empty());
    }

    #[test]
    fn long_terms_far_positions_and_other_alphabets_take_more_bytes_and_come_back() {
        let terms: Vec<(String, usize)> = vec![
            ("ministerie".to_owned(), 63),
            ("ως".to_owned(), 64),
            ("a".repeat(64 * 64 + 5), 64),
            ("ŝtato".to_owned(), 64 + 4096 * 63),
            ("z".repeat(63), 64 + 4096 * 63 + 1),
        ];
        let encoded = encoded(&terms);
        assert_eq!(decoded(&encoded), terms);
        // Three bytes for the long term's length (4,101) and for the far advance
        // (258,048); one for every other number (63 and below).
        let numbers: usize = [1 + 1, 1 + 1, 1 + 3, 3 + 1, 1 + 1].iter().sum();
        let term_bytes: usize = terms.iter().map(|(t, _)| t.len()).sum();
        assert_eq!(encoded.len(), numbers + term_bytes);
    }

    #[test]
    fn what_the_encoder_did_not_write_ends_the_stream_without_a_panic() {
        let encoded = encoded(&owned(&[("kalifaat", 2), ("mosul", 3)]));
        // Cut inside the second term, after its length, and after its advance.
        for cut in [encoded.len() - 1, 11, 12] {
            assert_eq!(decoded(&encoded[..cut]), owned(&[("kalifaat", 2)]), "{cut}");
        }
        // A length past the end; a number that never ends; a cut inside a character.
        assert!(decoded("\u{0}\u{3f}abc").is_empty());
        assert!(decoded(&"\u{7f}".repeat(40)).is_empty());
        assert!(decoded("\u{0}\u{1}é").is_empty());
    }
}
