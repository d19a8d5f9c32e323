//! The index schema: which fields an article becomes, and how each is indexed.

use tantivy::IndexSettings;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::Compressor;

use super::token_handover::ENCODED_NAME;

/// Bumped whenever the fields or their options change, or how tantivy writes them: 5 keeps
/// the path column's dictionary uncompressed (schema 4's is zstd, which krant no longer
/// builds tantivy with) and stores only the title; 6 adds the pair terms; 7 hashes them into
/// 2¹⁴ buckets instead of 2¹⁶; 8 adds the words per article and the compound parts.
pub const SCHEMA_VERSION: u32 = 8;

/// The store holds only the titles (path and date are columns; the text is read from the
/// archive), and a search reads it only for a hit whose file changed since it was
/// indexed. lz4: with path, date and title it took 9.6 MB where zstd took 6.9 MB (100,000
/// articles), and it spares a fetched hit a zstd context (see BENCHMARKS.md).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Lz4,
        docstore_blocksize: 16 * 1024,
        ..IndexSettings::default()
    }
}

/// Field names, shared by the schema and the fast-field readers.
pub mod names {
    /// Relative path: identity, sort tie-breaker.
    pub const PATH: &str = "path";
    /// `yyyymmdd` (day 00 when unknown): month filters, date sorting, counts per month.
    pub const DATE: &str = "date";
    /// Analyzed title.
    pub const TITLE: &str = "title";
    /// Analyzed text (stems, with positions).
    pub const TEXT: &str = "text";
    /// The title as written, stored so that a result list stays readable when the
    /// archive is out of reach. The text itself is not stored: snippets, `show` and
    /// `kwic` read it from the article's file (see `reader::Archive`).
    pub const HEADLINE: &str = "headline";
    /// Content hash of the file, to tell a touched file from an edited one.
    pub const HASH: &str = "hash";
    /// Pairs of adjacent frequent terms of the text, documents only: a filter that spares
    /// a phrase of frequent words its position checks (see `phrase_pairs`).
    pub const PAIRS: &str = "pairs";
    /// The number of written words of the text (title line included) that are not stop
    /// words, a word group (`corona-crisis`) counting once: the words a per-million
    /// figure divides by, and the sum of a text's word counts (see `counts`).
    pub const WORDS: &str = "words";
    /// The terms of the text that stand for a part of a word (a compound's parts, a
    /// word group's parts), with frequencies and no positions: a term's count as a
    /// word of its own is its count in the text less its count here (see `counts`).
    pub const PARTS: &str = "parts";
}

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// See [`names::PATH`].
    pub path: Field,
    /// See [`names::DATE`].
    pub date: Field,
    /// See [`names::TITLE`].
    pub title: Field,
    /// See [`names::TEXT`].
    pub text: Field,
    /// See [`names::HASH`].
    pub hash: Field,
    /// See [`names::HEADLINE`].
    pub headline: Field,
    /// See [`names::PAIRS`].
    pub pairs: Field,
    /// See [`names::WORDS`].
    pub words: Field,
    /// See [`names::PARTS`].
    pub parts: Field,
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let analyzed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ENCODED_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        path: builder.add_text_field(names::PATH, STRING | FAST),
        date: builder.add_u64_field(names::DATE, INDEXED | FAST),
        title: builder.add_text_field(names::TITLE, analyzed.clone()),
        text: builder.add_text_field(names::TEXT, analyzed),
        hash: builder.add_u64_field(names::HASH, FAST),
        headline: builder.add_text_field(names::HEADLINE, STORED),
        pairs: builder.add_text_field(
            names::PAIRS,
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ENCODED_NAME)
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false),
            ),
        ),
        words: builder.add_u64_field(names::WORDS, FAST),
        parts: builder.add_text_field(
            names::PARTS,
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ENCODED_NAME)
                    .set_index_option(IndexRecordOption::WithFreqs)
                    .set_fieldnorms(false),
            ),
        ),
    };
    (builder.build(), fields)
}

/// Looks the fields up in an opened index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    Ok(Fields {
        path: schema.get_field(names::PATH)?,
        date: schema.get_field(names::DATE)?,
        title: schema.get_field(names::TITLE)?,
        text: schema.get_field(names::TEXT)?,
        hash: schema.get_field(names::HASH)?,
        headline: schema.get_field(names::HEADLINE)?,
        pairs: schema.get_field(names::PAIRS)?,
        words: schema.get_field(names::WORDS)?,
        parts: schema.get_field(names::PARTS)?,
    })
}
