//! Giving memory back to the system between the phases of a large job.

/// Returns the allocator's free pages to the system (glibc's `malloc_trim`).
///
/// Extraction allocates on the worker threads, each with its own glibc arena;
/// without this, the matcher caches freed after extraction (tens of MB) stay
/// resident while the model is built. A few milliseconds; does nothing on other
/// platforms.
pub fn release_free() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes no pointers and only walks glibc's own arenas,
    // under their locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
