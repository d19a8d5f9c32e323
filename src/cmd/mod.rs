//! One file per subcommand: orchestration only.

pub mod index;
pub mod search;
