//! Values a short-lived process keeps until it exits, never dropped: the exit unmaps an
//! index's files at once, where dropping a searcher unmaps them one by one (about 5% of
//! a search process's samples; BENCHMARKS.md, "Mechanisms"). Only for values that hold
//! no buffered output and no lock to release.

use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};

/// A value left for the process's exit to free.
#[derive(Debug)]
pub struct UntilExit<T>(ManuallyDrop<T>);

impl<T> UntilExit<T> {
    /// Keeps `value` until the process exits.
    pub fn new(value: T) -> UntilExit<T> {
        UntilExit(ManuallyDrop::new(value))
    }
}

impl<T> Deref for UntilExit<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for UntilExit<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}
