//! `krant completions` and `krant man`: generated from the same clap definition as the
//! command line itself, so they never drift from it.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "krant", &mut std::io::stdout().lock());
    Ok(ExitCode::SUCCESS)
}

/// Prints the manual page in roff.
pub fn man() -> Result<ExitCode> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render(&mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}
