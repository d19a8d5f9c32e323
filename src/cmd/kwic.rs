//! `krant kwic`: every occurrence of a query in context.

use std::process::ExitCode;

use anyhow::Result;

use crate::concordance::{KwicLine, KwicSort, occurrences, sort_lines};
use crate::config::{KwicConfig, KwicOutput};
use crate::index::TextState;
use crate::output::{self, KwicExport, KwicLayout, Style};

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
    let text = config.format == KwicOutput::Text;
    // On a terminal the text is cut to fit when printed.
    let context = match (config.width, config.global.stdout_columns) {
        (Some(width), _) => width,
        (None, Some(columns)) if text => columns,
        (None, _) => 40,
    };
    let json = config.format == KwicOutput::Json;
    // Started at the first line (or the end): an error in the query prints nothing.
    let start = || KwicExport::start(super::stdout(), json, &query.text);
    let mut export = None;
    let streams = !text && config.sort == KwicSort::Date;
    let mut held: Vec<KwicLine> = Vec::new();
    let mut problems: Vec<(String, TextState)> = Vec::new();
    let mut total = 0usize;
    searcher.each_article(
        &config.query.within(config.range),
        &mut |article, analyzer| {
            for line in occurrences(&article, &matcher, analyzer, context) {
                total += 1;
                if streams {
                    if total <= config.limit {
                        let export = match &mut export {
                            Some(export) => export,
                            None => export.insert(start()?),
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
    if text {
        let mut out = super::stdout();
        let layout = KwicLayout {
            context: config.width,
            columns: config.global.stdout_columns,
            style: Style::new(config.global.stdout_color),
        };
        output::print_kwic_text(&mut out, &held, total, layout)?;
        std::io::Write::flush(&mut out)?;
    } else {
        let mut export = match export {
            Some(export) => export,
            None => start()?,
        };
        for line in &held {
            export.line(line)?;
        }
        export.finish(total)?;
    }
    super::warn_about_texts(
        &config.global,
        problems.iter().map(|(path, state)| (path.as_str(), state)),
    );
    Ok(super::found(total > 0))
}
