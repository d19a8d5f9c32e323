//! The index schema: which fields an article becomes, and how each is indexed.

use tantivy::IndexSettings;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};

use super::encoded::ENCODED_NAME;

/// Bumped whenever the fields or their options change.
pub const SCHEMA_VERSION: u32 = 3;

/// Stored text is compressed with zstd (level 3) in 16 KB blocks. On the benchmark
/// archive zstd stores the text in 16.3 MB where lz4 took 26.7 MB (10,000 articles,
/// 35.5 MB); 16 KB blocks cost 1.1 MB more than 64 KB ones but halve the time to fetch
/// ten hits for their snippets (see BENCHMARKS.md).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        }),
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
    /// The text as written, stored for snippets and `show`.
    pub const BODY: &str = "body";
    /// Content hash of the file, to tell a touched file from an edited one.
    pub const HASH: &str = "hash";
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
    /// See [`names::BODY`].
    pub body: Field,
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
        path: builder.add_text_field(names::PATH, STRING | STORED | FAST),
        date: builder.add_u64_field(names::DATE, INDEXED | STORED | FAST),
        // Not stored: the title is the first line of the stored body.
        title: builder.add_text_field(names::TITLE, analyzed.clone()),
        text: builder.add_text_field(names::TEXT, analyzed),
        hash: builder.add_u64_field(names::HASH, FAST),
        body: builder.add_text_field(names::BODY, STORED),
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
        body: schema.get_field(names::BODY)?,
    })
}
