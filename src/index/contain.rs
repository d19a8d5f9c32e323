//! Keeping tantivy's panics inside the index module.
//!
//! tantivy trusts its own files: bytes flipped in a term dictionary, a posting list or a
//! column make it index out of bounds or unwrap a failed decode, and a damaged index
//! then ended krant with a panic and exit 101. Its files carry checksums, but checking
//! them all on every search would read the whole index, so the index module runs every
//! call that reads tantivy's files through [`contain`] instead: a panic there becomes a
//! one-line error that says the index is damaged and how to rebuild it (`krant check`
//! verifies the checksums). The panic's own message is kept for that error instead of
//! being printed, as it is for panics on tantivy's indexing and merging threads, which
//! tantivy catches and reports as errors itself.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Mutex, Once};

use anyhow::Result;

use crate::error::failure;

thread_local! {
    /// How many [`contain`] calls this thread is inside.
    static CONTAINED: Cell<usize> = const { Cell::new(0) };
}

/// The message of the last panic kept quiet.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

static HOOK: Once = Once::new();

/// Threads tantivy starts and whose panics it catches (its indexing, merging and
/// segment-updating threads).
fn is_tantivy_thread(name: &str) -> bool {
    name.starts_with("thrd-tantivy")
        || name.starts_with("merge_thread")
        || name == "segment_updater"
}

/// Installs (once) a panic hook that keeps contained panics quiet and leaves every other
/// panic to the hook that was there before.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let contained = CONTAINED.with(Cell::get) > 0
                || std::thread::current().name().is_some_and(is_tantivy_thread);
            if !contained {
                previous(info);
                return;
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_owned());
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(message);
            }
        }));
    });
}

/// Runs `work`, which reads the index at `dir`; a panic inside it becomes an error saying
/// the index is damaged.
pub fn contain<T>(dir: &Path, work: impl FnOnce() -> Result<T>) -> Result<T> {
    install_hook();
    CONTAINED.with(|c| c.set(c.get() + 1));
    // Unwind safety: after a panic the caller gets an error and drops what `work` used;
    // nothing half-updated is read again.
    let outcome = panic::catch_unwind(AssertUnwindSafe(work));
    CONTAINED.with(|c| c.set(c.get() - 1));
    outcome.unwrap_or_else(|_| {
        let cause = LAST_PANIC
            .lock()
            .ok()
            .and_then(|mut last| last.take())
            .unwrap_or_else(|| "unknown cause".to_owned());
        Err(damaged(dir, &cause))
    })
}

/// The error for an index whose files cannot be read as tantivy wrote them.
pub fn damaged(dir: &Path, cause: &str) -> anyhow::Error {
    failure(
        format!(
            "the index at {} is damaged ({})",
            dir.display(),
            cause.lines().next().unwrap_or(cause)
        ),
        "rebuild it with `krant index --rebuild` (`krant check` lists what is wrong)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_index() {
        let dir = Path::new("/tmp/idx");
        let err = contain(dir, || -> Result<()> {
            let v: Vec<u8> = Vec::new();
            let i = v.len() + 3;
            let _ = v[i];
            Ok(())
        })
        .unwrap_err();
        let text = crate::error::one_line(&err);
        assert!(
            text.starts_with("the index at /tmp/idx is damaged (index out of bounds"),
            "{text}"
        );
        assert_eq!(contain(dir, || Ok(5)).unwrap(), 5);
    }
}
