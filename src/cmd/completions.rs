//! `krant completions` and `krant man`: generated from the same clap definition as the
//! command line itself, so they never drift from it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the completion script for `shell`.
///
/// Generated into memory first: clap_complete panics when its writer fails (`| head -1`,
/// `> /dev/full`); the write to stdout then fails like any other.
pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "krant", &mut script);
    write_all(&script)
}

/// Prints the manual page in roff: one page, a section per command.
pub fn man() -> Result<ExitCode> {
    write_all(crate::output::manual_page(Cli::command()).as_bytes())
}

fn write_all(bytes: &[u8]) -> Result<ExitCode> {
    let mut out = super::stdout();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
