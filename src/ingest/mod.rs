//! `krant index`'s work, apart from its command: planning a run without holding the
//! archive, then applying the plan ([`sync`], in `run`).
//!
//! - Plan: the walk, the index's catalog and the stamps, each a stream sorted by path,
//!   are merged in one pass ([`plan()`], pure and unit-tested), while the kept index's
//!   checksums are verified (`survey`); the work it finds (files to read, articles gone)
//!   waits in files on disk ([`spill`]) until the run applies it. Memory then depends on
//!   the largest folder and the writer's budget, not on the number of articles
//!   (BENCHMARKS.md, "Scale"). `checks` decides whether the plan may go ahead (the
//!   removal guard).
//! - Apply (`apply`): removals, then the files read in parallel (`read`, whose batch
//!   loop is the only one) and handed to the writer in plan order, with the commit
//!   policy and the new stamps ([`restamp`]). A new index first chooses its frequent
//!   words from a sample (`sample`).
//! - Report: the run returns an [`IndexReport`](crate::report::IndexReport), and tells
//!   what happens on the way as [`Event`]s, which the command shows.

pub mod ahead;
mod apply;
mod checks;
pub mod plan;
mod read;
pub mod restamp;
mod run;
mod sample;
pub mod spill;
pub mod survey;

pub use ahead::{Ahead, ahead};
pub use plan::{Planned, Step, Totals, plan};
pub use restamp::{Kept, Restamp};
pub use run::{Change, Event, Stop, sync};
pub use spill::{SpillReader, SpillWriter};
pub use survey::{Batches, Plan, plan_and_verify, thread_failure};
