//! The integration tests, in one test binary (linking one instead of twelve keeps `cargo
//! test` quick): each module tries one part of krant through the real executable, on
//! archives built in the test (`common`).
//!
//!     cargo test --test krant              # all of them
//!     cargo test --test krant dutch::      # one module

mod common;

mod analytics;
mod dutch;
mod fuzz;
mod hostile;
mod index;
mod pictures;
mod recovery;
mod relevance;
mod research;
mod search;
mod sync;
mod workflow;
