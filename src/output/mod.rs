//! Printers: a module per command (`search`, `histogram`, `kwic`, …), each with its text,
//! JSON and CSV printers and the documented wire types of its JSON; the pieces they share
//! in modules of their own (`style`: colour and marks, `escape`, `columns`: display
//! widths and wrapping, `json`, `csv`, `numbers`, `bars`, `series`, `figure`, `time`).
//! stdout carries data; messages and progress go to stderr (`messages`).

// Shared pieces.
mod bars;
pub(crate) mod columns;
mod csv;
mod escape;
mod figure;
mod indexing;
mod json;
mod messages;
mod numbers;
mod ranked;
mod series;
mod style;
mod time;

// One module per command.
mod analyze;
mod check;
mod collocations;
mod export;
mod histogram;
mod index;
mod keywords;
mod kwic;
mod man;
mod report;
mod search;
mod show;
mod stats;
mod terms;
mod trend;

pub(crate) use analyze::{print_analyze_json, print_analyze_text};
pub(crate) use check::{print_check_json, print_check_text};
pub(crate) use collocations::{
    CollocationsReport, print_collocations_json, print_collocations_text,
};
pub use escape::escape;
pub(crate) use export::print_export_jsonl;
pub(crate) use figure::{print_timeline_svg, timeline_chart};
pub(crate) use histogram::{
    HistogramLayout, print_histogram_csv, print_histogram_json, print_histogram_text,
};
pub(crate) use index::{print_index_json, print_index_summary};
pub(crate) use indexing::IndexingMessages;
pub(crate) use keywords::{
    KeywordsReport, print_keywords_csv, print_keywords_json, print_keywords_text,
};
pub(crate) use kwic::{KwicExport, KwicExportFormat, KwicLayout, print_kwic_text};
pub(crate) use man::manual_page;
pub(crate) use messages::Messages;
pub(crate) use numbers::plural;
pub(crate) use ranked::{Ranked, print_ranked_table};
pub(crate) use report::{Provenance, QuerySection, Report, ReportHit, print_report_html};
pub(crate) use search::{HitPrinter, HitsFormat, HitsLayout, print_count};
pub(crate) use show::{print_article_json, print_article_text};
pub(crate) use stats::{Stats, YearCount, print_stats_json, print_stats_text};
pub(crate) use style::Style;
pub(crate) use terms::{TermsReport, print_terms_json, print_terms_text};
pub(crate) use trend::{
    TrendLayout, print_trend_csv, print_trend_json, print_trend_text, sparkline_columns,
};
