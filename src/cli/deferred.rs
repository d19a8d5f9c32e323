//! Deferred arguments: a subcommand's arguments are declared to clap only when that
//! subcommand runs. Building every subcommand's arguments and help on each start took a
//! measurable part of a search process (BENCHMARKS.md, "Mechanisms"); `--help`,
//! completions and the manual page still see them all. clap's derive takes each
//! subcommand's arguments from its variant's type, so `cli::Command` names the wrapper;
//! the mechanism is all here.

use clap::{ArgMatches, Args, FromArgMatches};

/// A subcommand's arguments, declared to clap only when that subcommand runs
/// (`Command::defer`).
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

impl<T: Args> Args for Deferred<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keeping_about(cmd, T::augment_args))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keeping_about(cmd, T::augment_args_for_update))
    }

    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

/// Adds a subcommand's arguments without letting the `Args` struct's doc comment replace
/// the subcommand's description: deferred, they are added after the description is set.
fn keeping_about(cmd: clap::Command, augment: fn(clap::Command) -> clap::Command) -> clap::Command {
    use clap::builder::Resettable;
    let kept = |text: Option<&clap::builder::StyledStr>| {
        text.cloned().map_or(Resettable::Reset, Resettable::Value)
    };
    let (about, long_about) = (kept(cmd.get_about()), kept(cmd.get_long_about()));
    augment(cmd).about(about).long_about(long_about)
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use std::path::PathBuf;

    use super::*;
    use crate::cli::{Cli, Command};

    #[test]
    fn deferred_subcommands_keep_their_description_and_get_their_arguments() {
        let mut cli = Cli::command();
        cli.build();
        let about = |name: &str| {
            let sub = cli.find_subcommand(name).expect(name);
            sub.get_about().map(ToString::to_string).unwrap_or_default()
        };
        assert_eq!(about("search"), "Search the index");
        assert_eq!(
            about("index"),
            "Build or update the index of a corpus folder"
        );
        assert_eq!(
            about("completions"),
            "Print a shell completion script (bash, zsh, fish, …)"
        );
        let longs = |name: &str| -> Vec<String> {
            let sub = cli.find_subcommand(name).expect(name);
            sub.get_arguments()
                .filter_map(|a| a.get_long().map(str::to_owned))
                .collect()
        };
        let search = longs("search");
        for long in ["from", "to", "limit", "format", "index", "color"] {
            assert!(search.iter().any(|l| l == long), "--{long} in {search:?}");
        }
        assert!(longs("index").iter().any(|l| l == "rebuild"));
    }

    #[test]
    fn a_deferred_subcommand_parses_its_own_and_the_global_arguments() {
        let cli = Cli::try_parse_from([
            "krant", "search", "kalifaat", "--from", "2017", "--index", "/x",
        ])
        .unwrap();
        assert_eq!(cli.index, Some(PathBuf::from("/x")));
        let Command::Search(Deferred(args)) = cli.command else {
            panic!("not a search: {:?}", cli.command);
        };
        assert_eq!(args.query, ["kalifaat"]);
        assert_eq!(args.range.from.as_deref(), Some("2017"));
        let err = Cli::try_parse_from(["krant", "search", "--bogus"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument);
    }
}
