//! What `histogram` and `trend` share: a measure's name, a period's figure, a folder's
//! label and the room for bars.

use super::numbers::{figure, percent};
use crate::periods::{Bucket, Measure};

/// Cells of the widest bar.
const BAR_WIDTH: usize = 40;

/// The name of a measure in JSON.
pub fn measure_name(measure: Measure) -> &'static str {
    match measure {
        Measure::Articles => "articles",
        Measure::Occurrences => "occurrences",
    }
}

/// A bucket's relative value for people: `12.5%`, or `431.2` (per million words).
pub fn relative_figure(bucket: &Bucket, measure: Measure) -> Option<String> {
    match measure {
        Measure::Articles => bucket.share().map(percent),
        Measure::Occurrences => bucket.per_million().map(figure),
    }
}

/// A folder as a label: `.` for the corpus root.
pub fn folder_label(folder: &str) -> &str {
    if folder.is_empty() { "." } else { folder }
}

/// The cells of the longest bar: what fits `columns` beside the labels on a terminal
/// (at least 10), else [`BAR_WIDTH`].
pub fn bar_cells(columns: Option<usize>, labels: usize) -> usize {
    columns.map_or(BAR_WIDTH, |c| c.saturating_sub(labels).clamp(10, 200))
}
