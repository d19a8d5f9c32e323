//! The `krant` binary: parse the command line, run it, turn errors into one line and an
//! exit code (0 success, 1 search found nothing, 2 error, 130 interrupted).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use krant::error::{Interrupted, hint_of, one_line};

fn main() -> ExitCode {
    let cli = match krant::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    match krant::run(cli) {
        Ok(code) => code,
        Err(err) => report(&err),
    }
}

fn report(err: &anyhow::Error) -> ExitCode {
    // `krant search … | head` closing the pipe early is not an error.
    if err
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    {
        return ExitCode::SUCCESS;
    }
    let mut stderr = std::io::stderr().lock();
    if let Some(interrupted) = err.downcast_ref::<Interrupted>() {
        let _ = writeln!(
            stderr,
            "krant: interrupted: {}",
            krant::output::escape(&interrupted.to_string())
        );
        return ExitCode::from(130);
    }
    let mut line = one_line(err);
    if let Some(hint) = hint_of(err) {
        line.push_str("; ");
        line.push_str(hint);
    }
    // One line whatever the error quotes (a query, a file name): controls escaped.
    let _ = writeln!(stderr, "krant: error: {}", krant::output::escape(&line));
    ExitCode::from(2)
}

/// clap's errors with krant's `krant: error:` prefix, like every other error (its tip and
/// usage lines follow); help and version go to stdout as clap prints them.
fn usage_error(err: &clap::Error) -> ExitCode {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) || err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    {
        // A closed pipe (`krant --help | head`) is not an error.
        let _ = err.print();
        return if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let rendered = err.render().to_string();
    let text = rendered.strip_prefix("error: ").unwrap_or(&rendered);
    let _ = write!(std::io::stderr().lock(), "krant: error: {text}");
    ExitCode::from(2)
}
