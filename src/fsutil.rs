//! File writing that never leaves a half-written file: temp file, (fsync,) rename.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A per-user folder of dateline's: `$<xdg_var>/dateline` when that variable holds an
/// absolute path, else `~/<home_relative>/dateline`; `None` when neither is known.
pub fn user_dir(xdg_var: &str, home_relative: &str) -> Option<PathBuf> {
    let xdg = std::env::var_os(xdg_var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|h| h.join(home_relative))
    })?;
    Some(base.join("dateline"))
}

/// Fault injection for tests: `DATELINE_FAULT=abort-before-rename` makes
/// [`replace_with`] (so [`write_atomic`]) abort the process between writing the temp
/// file and renaming it.
pub const FAULT_ENV: &str = "DATELINE_FAULT";

/// Writes `bytes` to `path` atomically: a temporary file beside it is written and
/// synced, then renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_with(path, true, |file| file.write_all(bytes))
}

/// Replaces `path` with the file `fill` writes, never leaving it half-written: a
/// temporary file beside it (named for this process and call, so that threads
/// writing the same path do not meet) is filled, then renamed over `path`. With
/// `durable`, the file is synced to disk before the rename (the user's data); without,
/// a crash may leave `path` unreadable (caches, which are then rebuilt). `fill`
/// gets the file itself, to buffer (and seek in) as it needs. A device or a pipe at
/// `path` ("-o /dev/stdout", "/dev/null", a FIFO) is written in place: renaming over
/// it would put a file where it was.
pub fn replace_with(
    path: &Path,
    durable: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
        return fill(&mut file);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{seq}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        fill(&mut file)?;
        if durable {
            file.sync_all()?;
        }
        if std::env::var_os(FAULT_ENV).is_some_and(|v| v == "abort-before-rename") {
            // A crash at the worst moment, for tests: the temp file is complete
            // (and synced), the target not yet replaced.
            std::process::abort();
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
