//! `krant kwic`: every occurrence of a query in context.

use std::process::ExitCode;

use anyhow::Result;

use crate::concordance::{KwicLine, KwicSort, occurrences, sort_lines};
use crate::config::{KwicConfig, KwicOutput};
use crate::index::TextState;
use crate::output::{self, KwicExport, KwicExportFormat, KwicLayout, Style};

/// Runs `krant kwic`: exit 0 when anything matched, 1 when not.
///
/// Articles are read one at a time. TSV and JSON in date order are written as they come;
/// other orders and the aligned text hold the lines (not the articles) until all are
/// found.
pub fn run(config: &KwicConfig) -> Result<ExitCode> {
    let mut searcher = super::open_within(&config.global, &config.folders)?;
    let query = &config.query;
    // The same matcher as search's snippets, synonyms included.
    let matcher = searcher.matcher(query.expr.as_ref());
    // Aligned text needs every line before it prints; TSV and JSON are written as they come.
    let export_format = match config.format {
        KwicOutput::Text => None,
        KwicOutput::Tsv => Some(KwicExportFormat::Tsv),
        KwicOutput::Json => Some(KwicExportFormat::Json),
    };
    let text = export_format.is_none();
    // On a terminal the text is cut to fit when printed.
    let context = match (config.width, config.global.stdout_columns) {
        (Some(width), _) => width,
        (None, Some(columns)) if text => columns,
        (None, _) => 40,
    };
    // Started at the first line (or the end): an error in the query prints nothing.
    let start = |format| KwicExport::start(super::stdout(), format, &query.text);
    let mut export = None;
    let streams = export_format.filter(|_| config.sort == KwicSort::Date);
    let mut held: Vec<KwicLine> = Vec::new();
    let mut problems: Vec<(String, TextState)> = Vec::new();
    let mut total = 0usize;
    searcher.each_article(
        &config.query.within(config.range),
        &mut |article, analyzer| {
            for line in occurrences(&article, &matcher, analyzer, context) {
                total += 1;
                if let Some(format) = streams {
                    if total <= config.limit {
                        let export = match &mut export {
                            Some(export) => export,
                            None => export.insert(start(format)?),
                        };
                        export.line(&line)?;
                    }
                } else if config.sort != KwicSort::Date || held.len() < config.limit {
                    // In date order only the lines shown are kept.
                    held.push(line);
                }
            }
            if article.text_state != TextState::AsIndexed {
                problems.push((article.path, article.text_state));
            }
            Ok(())
        },
    )?;
    sort_lines(&mut held, config.sort);
    held.truncate(config.limit);
    match export_format {
        None => {
            let mut out = super::stdout();
            let layout = KwicLayout {
                context: config.width,
                columns: config.global.stdout_columns,
                style: Style::new(config.global.stdout_color),
            };
            output::print_kwic_text(&mut out, &held, total, layout)?;
            std::io::Write::flush(&mut out)?;
        }
        Some(format) => {
            let mut export = match export {
                Some(export) => export,
                None => start(format)?,
            };
            for line in &held {
                export.line(line)?;
            }
            export.finish(total)?;
        }
    }
    super::warn_about_texts(
        &config.global,
        problems.iter().map(|(path, state)| (path.as_str(), state)),
    );
    Ok(super::found(total > 0))
}
