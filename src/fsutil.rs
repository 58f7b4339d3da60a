//! File writing that never leaves a half-written file: temp file, fsync, rename.

use std::io::Write;
use std::path::{Path, PathBuf};

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
/// [`write_atomic`] abort the process between writing the temp file and renaming it.
pub const FAULT_ENV: &str = "DATELINE_FAULT";

/// Writes `bytes` to `path` atomically: a temporary file beside it is written and
/// synced, then renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], with the content streamed by `fill` (buffered), so that a
/// large file is never held in memory whole.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&tmp)?);
        fill(&mut out)?;
        let file = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        if std::env::var_os(FAULT_ENV).is_some_and(|v| v == "abort-before-rename") {
            // A crash at the worst moment, for tests: the temp file is complete
            // and synced, the target not yet replaced.
            std::process::abort();
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
