//! Keeping the writing process's heap near what it holds (glibc's allocator only).
//!
//! A build's live heap goes up and down with tantivy's segment writers: each fills its
//! share of the writer budget, then frees it all when the segment is written. glibc's
//! malloc gives each thread that allocates an arena of its own (up to eight per core), and
//! memory freed into one arena serves only the threads that use it. A build runs some
//! fourteen threads (reading, indexing, merging, reading ahead), so the budget freed by the
//! indexing threads is not what the merge threads reuse: each arena keeps its own high
//! water mark, and the process's resident memory climbs through a long build although the
//! live heap does not (BENCHMARKS.md, "Memory of a build"). Two arenas for the whole process, and
//! handing free pages back to the system after each commit, keep the resident heap near the
//! live one.
//!
//! `MALLOC_ARENA_MAX`, when set, is the user's choice and is left alone.

/// Arenas for a process that writes an index.
const ARENAS: i32 = 2;

/// The arena cap to set, given the value of `MALLOC_ARENA_MAX` (`None` when unset).
fn arenas_wanted(env: Option<&std::ffi::OsStr>) -> Option<i32> {
    match env {
        Some(_) => None,
        None => Some(ARENAS),
    }
}

/// Caps the allocator's arenas for the rest of the process; call before the writer's
/// threads start.
pub fn cap_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if let Some(arenas) = arenas_wanted(std::env::var_os("MALLOC_ARENA_MAX").as_deref()) {
        // SAFETY: mallopt only sets an allocator parameter; any value is accepted or
        // refused (return value 0), neither of which affects memory already handed out.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = arenas_wanted;
}

/// Hands the allocator's free pages back to the system (after a commit, when the
/// segment writers' memory has just been freed).
pub fn release_free() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; it is thread-safe and
    // touches no allocation in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_arena_setting_wins() {
        assert_eq!(arenas_wanted(None), Some(ARENAS));
        assert_eq!(arenas_wanted(Some(std::ffi::OsStr::new("16"))), None);
        assert_eq!(arenas_wanted(Some(std::ffi::OsStr::new(""))), None);
    }

    #[test]
    fn capping_and_releasing_leave_allocation_working() {
        cap_arenas();
        let held: Vec<Vec<u8>> = (0..64).map(|i| vec![i as u8; 1 << 16]).collect();
        drop(held);
        release_free();
        let again = vec![7u8; 1 << 20];
        assert_eq!(again.iter().map(|&b| b as usize).sum::<usize>(), 7 << 20);
    }
}
