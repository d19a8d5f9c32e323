//! `krant search`: run a query and print the hits.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::SearchConfig;
use crate::corpus::Locator;
use crate::output::{self, HitPrinter, HitsFormat, HitsLayout, Style};

/// Runs `krant search`: exit 0 with hits, 1 without.
pub fn run(config: &SearchConfig) -> Result<ExitCode> {
    let mut searcher = super::open_within(&config.global, &config.folders)?;
    let mut out = super::stdout();
    if config.count_only {
        let total = searcher.count(&config.query.selection)?;
        output::print_count(&mut out, config.format, &config.query, total)?;
        std::io::Write::flush(&mut out)?;
        return Ok(super::found(total > 0));
    }
    let locator = Locator::new(searcher.corpus_root());
    let layout = HitsLayout {
        format: config.format,
        style: Style::new(config.global.stdout_color),
        terminal: config.global.stdout_is_terminal,
        null: config.null,
        columns: config.global.stdout_columns,
    };
    // Hits are printed as they are read: an export of every hit holds one at a time.
    let mut printer = HitPrinter::new(out, layout, &config.query, &locator);
    // A list of paths shows no title or snippet: no article file is read for it.
    let texts = config.format != HitsFormat::Paths;
    let total = searcher.search_into(&config.query, texts, &mut printer)?;
    let problems = printer.finish()?;
    super::warn_about_texts(
        &config.global,
        problems.iter().map(|(path, state)| (path.as_str(), state)),
    );
    Ok(super::found(total > 0))
}
