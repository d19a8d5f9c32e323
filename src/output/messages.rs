//! Warnings and notes on stderr, with a cap so that a messy folder does not flood the
//! terminal (`-v` lifts the cap, `-q` silences them).

use std::io::Write;

use indicatif::ProgressBar;

use super::Style;
use super::escape::escape;

/// Warnings shown before the rest are only counted (without `-v`).
const DEFAULT_CAP: usize = 20;

/// Writes messages to stderr.
#[derive(Debug)]
pub struct Messages {
    style: Style,
    quiet: bool,
    cap: Option<usize>,
    verbose: bool,
    shown: usize,
    held_back: usize,
    progress: Option<ProgressBar>,
}

impl Messages {
    /// Messages styled for stderr, honouring `--quiet` and `--verbose`.
    pub fn new(color: bool, quiet: bool, verbose: bool) -> Messages {
        Messages {
            style: Style::new(color),
            quiet,
            cap: (!verbose).then_some(DEFAULT_CAP),
            verbose: verbose && !quiet,
            shown: 0,
            held_back: 0,
            progress: None,
        }
    }

    /// Routes messages above a progress bar (or back to plain stderr with `None`).
    pub fn set_progress(&mut self, progress: Option<ProgressBar>) {
        self.progress = progress;
    }

    /// Per-file detail, shown only with `-v`.
    pub fn detail(&mut self, text: &str) {
        if self.verbose {
            self.emit(&format!("krant: {}", escape(text)));
        }
    }

    fn emit(&self, line: &str) {
        match &self.progress {
            Some(bar) if !bar.is_hidden() => bar.println(line),
            _ => {
                let _ = writeln!(std::io::stderr(), "{line}");
            }
        }
    }

    /// Styles for stderr.
    pub fn style(&self) -> Style {
        self.style
    }

    /// A problem with one file or folder; the run goes on.
    pub fn warn(&mut self, subject: &str, text: &str) {
        self.capped(&format!(
            "krant: {}: {}: {}",
            self.style.warning("warning"),
            escape(subject),
            escape(text)
        ));
    }

    /// Something worth knowing about one file.
    pub fn note(&mut self, subject: &str, text: &str) {
        self.capped(&format!(
            "krant: note: {}: {}",
            escape(subject),
            escape(text)
        ));
    }

    /// A message about the run as a whole, never capped.
    pub fn info(&mut self, text: &str) {
        if !self.quiet {
            self.emit(&format!("krant: {}", escape(text)));
        }
    }

    fn capped(&mut self, line: &str) {
        if self.quiet {
            return;
        }
        if self.cap.is_some_and(|cap| self.shown >= cap) {
            self.held_back += 1;
            return;
        }
        self.shown += 1;
        self.emit(line);
    }

    /// Says how many messages the cap held back, if any.
    pub fn finish(&mut self) {
        if self.held_back > 0 && !self.quiet {
            self.emit(&format!(
                "krant: … and {} more warnings or notes (use -v to see them all)",
                self.held_back
            ));
            self.held_back = 0;
        }
    }
}
