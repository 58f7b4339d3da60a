//! The allocator's settings for this workload, and giving memory back to the
//! system between the phases of a large job.

/// Lets glibc make each worker thread's heap writable whole when it creates it.
///
/// glibc grows the heap of a thread's arena a page or so at a time, with an
/// `mprotect` call (and a split of the kernel's memory map) per step, unless a top
/// pad is set: reading a Reuters-sized snapshot made 35,000 such calls, an eighth
/// of the warm run. With a pad of a whole heap (64 MB of address space; pages
/// still take memory only when touched), a heap is made writable once. The pad
/// also keeps up to that much freed memory at the top of an arena instead of
/// returning it at once; [`release_free`] returns it between phases. Setting it
/// fixes glibc's threshold for serving a block by `mmap` at its default 128 KB
/// (instead of one that rises as large blocks are freed). Call once, before other
/// threads start. Does nothing on other platforms.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` takes no pointers; it only sets a field of glibc's malloc
    // parameters, under its lock.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

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
