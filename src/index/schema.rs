//! The index schema: which fields an article becomes, and how each is indexed.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{ANALYZER_NAME, FORMS_NAME};

/// Bumped whenever the fields or their options change.
pub const SCHEMA_VERSION: u32 = 1;

/// Field names, shared by the schema and the fast-field readers.
pub mod names {
    /// Relative path: identity, sort tie-breaker.
    pub const PATH: &str = "path";
    /// `yyyymmdd` (day 00 when unknown): month filters, date sorting, counts per month.
    pub const DATE: &str = "date";
    /// Analyzed title.
    pub const TITLE: &str = "title";
    /// Analyzed text.
    pub const TEXT: &str = "text";
    /// Content hash of the file, to tell a touched file from an edited one.
    pub const HASH: &str = "hash";
    /// Folded, unstemmed word forms of the text: prefix and fuzzy matching.
    pub const FORMS: &str = "forms";
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
    /// See [`names::FORMS`].
    pub forms: Field,
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let analyzed = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        path: builder.add_text_field(names::PATH, STRING | STORED | FAST),
        date: builder.add_u64_field(names::DATE, INDEXED | STORED | FAST),
        title: builder.add_text_field(names::TITLE, analyzed.clone()),
        text: builder.add_text_field(names::TEXT, analyzed),
        hash: builder.add_u64_field(names::HASH, STORED | FAST),
        // Which articles hold a form is all prefix and fuzzy queries need.
        forms: builder.add_text_field(
            names::FORMS,
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(FORMS_NAME)
                    .set_index_option(IndexRecordOption::Basic),
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
        forms: schema.get_field(names::FORMS)?,
    })
}
