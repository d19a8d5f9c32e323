//! Planning an indexing run without holding the archive: the walk, the index's catalog
//! and the stamps, each a stream sorted by path, are merged in one pass ([`plan`]), and
//! the work it finds (files to read, articles gone) waits in files on disk ([`spill`])
//! until the run applies it. Memory then depends on the largest folder and the writer's
//! budget, not on the number of articles (BENCHMARKS.md, "Scale").

pub mod ahead;
pub mod plan;
pub mod restamp;
pub mod spill;
pub mod survey;

pub use ahead::{Ahead, ahead};
pub use plan::{Planned, Step, ToRead, Totals, is_within, plan};
pub use restamp::{Kept, Restamp};
pub use spill::{SpillReader, SpillWriter};
pub use survey::{Batches, Plan, plan_and_verify, sample_of, thread_failure};
