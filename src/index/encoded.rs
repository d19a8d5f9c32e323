//! The compact hand-over of analyzed tokens from the reading threads to tantivy.
//!
//! Articles are analyzed once, on the threads that read the files; tantivy's own
//! pre-tokenized values go through JSON, so instead each field's tokens travel as one
//! string: a space advances the position by one (so dropped stop words leave gaps), a
//! `\x01` keeps it (compound parts and joined forms share their word's position), and
//! the term follows. [`EncodedTokenizer`] reads it back without allocating.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The tokenizer name of the encoded fields.
pub const ENCODED_NAME: &str = "krant_encoded";

const NEXT: char = ' ';
const SAME: char = '\u{1}';

/// Builds the encoded string of one field.
#[derive(Debug, Default)]
pub struct Encoder {
    out: String,
    position: Option<usize>,
}

impl Encoder {
    /// Appends a term at `position` (positions never decrease).
    pub fn push(&mut self, term: &str, position: usize) {
        match self.position {
            Some(last) if last == position => self.out.push(SAME),
            Some(last) => (last..position).for_each(|_| self.out.push(NEXT)),
            None => (0..=position).for_each(|_| self.out.push(NEXT)),
        }
        self.out.push_str(term);
        self.position = Some(position);
    }

    /// The encoded field.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Decodes [`Encoder`] output into tantivy tokens, reusing them across documents.
#[derive(Clone, Default)]
pub struct EncodedTokenizer {
    tokens: Vec<Token>,
    len: usize,
}

/// The decoded tokens of one field.
pub struct EncodedStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl Tokenizer for EncodedTokenizer {
    type TokenStream<'a> = EncodedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EncodedStream<'a> {
        // Bytes, not chars: the separators are ASCII and no term contains them, so every
        // cut falls on a character boundary.
        self.len = 0;
        let bytes = text.as_bytes();
        let mut position: Option<usize> = None;
        let mut at = 0;
        while at < bytes.len() {
            let mut advance = 0;
            while at < bytes.len() && (bytes[at] == NEXT as u8 || bytes[at] == SAME as u8) {
                advance += usize::from(bytes[at] == NEXT as u8);
                at += 1;
            }
            position = Some(match position {
                None => advance.saturating_sub(1),
                Some(p) => p + advance,
            });
            let start = at;
            while at < bytes.len() && bytes[at] != NEXT as u8 && bytes[at] != SAME as u8 {
                at += 1;
            }
            if at > start {
                let term = &text[start..at];
                let position = position.unwrap_or(0);
                if let Some(token) = self.tokens.get_mut(self.len) {
                    token.text.clear();
                    token.text.push_str(term);
                    token.position = position;
                } else {
                    self.tokens.push(Token {
                        offset_from: 0,
                        offset_to: 0,
                        position,
                        text: term.to_owned(),
                        position_length: 1,
                    });
                }
                self.len += 1;
            }
        }
        EncodedStream {
            tokens: &mut self.tokens[..self.len],
            next: 0,
        }
    }
}

impl TokenStream for EncodedStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_gaps_and_shared_positions_survive_the_round_trip() {
        let terms = [
            ("zomer", 1),
            ("2014", 3),
            ("corona", 4),
            ("crisis", 5),
            ("coronacrisis", 5),
            ("niet", 7),
        ];
        let mut encoder = Encoder::default();
        for (term, position) in terms {
            encoder.push(term, position);
        }
        let encoded = encoder.finish();
        let mut tokenizer = EncodedTokenizer::default();
        let mut stream = tokenizer.token_stream(&encoded);
        let mut got = Vec::new();
        while let Some(token) = stream.next() {
            got.push((token.text.clone(), token.position));
        }
        let expected: Vec<(String, usize)> =
            terms.iter().map(|&(t, p)| (t.to_owned(), p)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_token_at_position_zero_and_an_empty_field() {
        let mut encoder = Encoder::default();
        encoder.push("irak", 0);
        encoder.push("syrie", 0);
        let encoded = encoder.finish();
        let mut tokenizer = EncodedTokenizer::default();
        let mut stream = tokenizer.token_stream(&encoded);
        assert_eq!(stream.next().map(|t| t.position), Some(0));
        assert_eq!(
            stream.next().map(|t| (t.text.clone(), t.position)),
            Some(("syrie".to_owned(), 0))
        );
        assert!(stream.next().is_none());
        assert!(tokenizer.token_stream("").next().is_none());
    }
}
