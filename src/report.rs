//! What an indexing run did, as plain data for the printers.

use std::time::Duration;

use serde::Serialize;

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// Path relative to the corpus root.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// The outcome of `krant index`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndexReport {
    /// The corpus folder indexed (absolute).
    pub corpus: String,
    /// The index folder.
    pub index: String,
    /// Articles new to the index.
    pub added: usize,
    /// Articles whose file changed and were re-indexed.
    pub updated: usize,
    /// Articles whose file vanished (or stopped being an article) and were removed.
    pub removed: usize,
    /// Articles whose file did not change.
    pub unchanged: usize,
    /// Files that are not articles, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// Articles in the index afterwards.
    pub articles: usize,
    /// Wall time of the run, in seconds.
    pub seconds: f64,
    /// Nothing was written: the counts say what would change.
    pub dry_run: bool,
    /// The run was interrupted; the counts cover the work committed before it stopped.
    pub interrupted: bool,
    /// Groups of paths whose files have identical content (by content hash).
    pub duplicates: Vec<Vec<String>>,
    /// Months (`YYYY-MM`) without articles between the archive's first and last month.
    pub empty_months: Vec<String>,
}

impl IndexReport {
    /// Records the run's duration.
    pub fn set_duration(&mut self, elapsed: Duration) {
        self.seconds = elapsed.as_secs_f64();
    }
}
