/*!
Watching an opened folder for added, changed and removed article files.

This module owns the file-system watcher (the `notify` crate) and its debouncing:
raw events are filtered (the app's own `.dateline/` sidecar folder, hidden files and
editors' temporary files are ignored), collected until the folder has been quiet
for a moment, and handed on as one [`Change::Paths`] batch. What to do with a batch
is the caller's business: [`Pipeline::update`](crate::pipeline::Pipeline::update)
re-reads just those paths. A watcher that fails reports [`Change::Failed`]; it never
panics.
*/

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

/// The app's own folder inside an opened folder (never watched).
pub const SIDECAR_DIR: &str = ".dateline";

/// What the watcher reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// These paths (files or folders, sorted, without duplicates) were added,
    /// changed or removed. The opened folder itself in the list means "anything
    /// may have changed" (the system dropped events).
    Paths(Vec<PathBuf>),
    /// The watcher reported an error; watching may have stopped.
    Failed(String),
}

/// How long to wait before reporting a batch of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Debounce {
    /// A batch is reported once no event arrived for this long…
    pub quiet: Duration,
    /// …or once its first event is this old, whichever comes first.
    pub max_wait: Duration,
}

impl Default for Debounce {
    /// 150 ms of quiet, at most 500 ms: a change shows within a second even
    /// while a program keeps writing.
    fn default() -> Self {
        Self {
            quiet: Duration::from_millis(150),
            max_wait: Duration::from_millis(500),
        }
    }
}

/// Why a folder cannot be watched.
#[derive(Debug)]
pub struct WatchError {
    /// The folder (or file).
    pub path: PathBuf,
    /// What the system said.
    pub message: String,
}

impl std::fmt::Display for WatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot watch {}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for WatchError {}

/// A running watch. Dropping it stops watching and joins its thread.
pub struct Watcher {
    inner: Option<notify::RecommendedWatcher>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher").finish_non_exhaustive()
    }
}

impl Watcher {
    /// Watches `root` (a folder, recursively, or a single file) and calls
    /// `on_change` from a named background thread with each debounced batch.
    pub fn start(
        root: &Path,
        timing: Debounce,
        mut on_change: impl FnMut(Change) + Send + 'static,
    ) -> Result<Self, WatchError> {
        let error = |e: &dyn std::fmt::Display| WatchError {
            path: root.to_path_buf(),
            message: e.to_string(),
        };
        if !root.exists() {
            return Err(error(&"no such file or folder"));
        }
        let (tx, rx) = channel::<notify::Result<notify::Event>>();
        let mut inner = notify::recommended_watcher(tx).map_err(|e| error(&e))?;
        // A single file is watched through its folder, so that editors that save
        // by replacing the file are still seen.
        let (target, mode) = if root.is_dir() {
            (root.to_path_buf(), RecursiveMode::Recursive)
        } else {
            let parent = root
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            (parent.to_path_buf(), RecursiveMode::NonRecursive)
        };
        inner.watch(&target, mode).map_err(|e| error(&e))?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let root = root.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("dateline-watch".into())
            .spawn(move || {
                let mut pending: Vec<PathBuf> = Vec::new();
                let mut first: Option<Instant> = None;
                let mut last = Instant::now();
                // Wakes up at least this often to notice `stop`.
                let tick = Duration::from_millis(100);
                while !flag.load(Ordering::Relaxed) {
                    let wait = match first {
                        None => tick,
                        Some(t0) => timing
                            .quiet
                            .saturating_sub(last.elapsed())
                            .min(timing.max_wait.saturating_sub(t0.elapsed()))
                            .min(tick),
                    };
                    match rx.recv_timeout(wait) {
                        Ok(Ok(event)) => {
                            let before = pending.len();
                            collect(&root, &event, &mut pending);
                            if pending.len() > before {
                                last = Instant::now();
                                first.get_or_insert(last);
                            }
                        }
                        Ok(Err(e)) => on_change(Change::Failed(format!(
                            "watching {} failed: {e}",
                            root.display()
                        ))),
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                    let due = first.is_some_and(|t0| {
                        last.elapsed() >= timing.quiet || t0.elapsed() >= timing.max_wait
                    });
                    if due {
                        pending.sort();
                        pending.dedup();
                        on_change(Change::Paths(std::mem::take(&mut pending)));
                        first = None;
                    }
                }
            })
            .map_err(|e| error(&e))?;
        Ok(Self {
            inner: Some(inner),
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.inner = None;
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Adds the paths of `event` that matter for the folder `root` to `pending`.
fn collect(root: &Path, event: &notify::Event, pending: &mut Vec<PathBuf>) {
    if event.need_rescan() {
        pending.push(root.to_path_buf());
        return;
    }
    // Opening and reading a file changes nothing; closing it after writing does.
    let reads = matches!(
        event.kind,
        EventKind::Access(
            AccessKind::Read
                | AccessKind::Open(_)
                | AccessKind::Close(AccessMode::Read | AccessMode::Execute)
        )
    );
    if reads {
        return;
    }
    pending.extend(event.paths.iter().filter(|p| is_relevant(root, p)).cloned());
}

/// Whether a change at `path` can matter for the opened `root`: it is `root` or
/// lies inside it, and neither it nor a folder on the way is hidden (which covers
/// the [`SIDECAR_DIR`]) or an editor's temporary or backup file.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    if path == root {
        return true;
    }
    if root.is_file() || !path.starts_with(root) {
        return false;
    }
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = inside
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let temporary = name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".tmp", ".swp", ".swx", ".part", ".crdownload", ".partial"]
            .iter()
            .any(|ext| name.ends_with(ext));
    !temporary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_hidden_and_temporary_files_are_ignored() {
        let root = std::env::temp_dir();
        let rel = |p: &str| is_relevant(&root, &root.join(p));
        assert!(rel("a.txt"));
        assert!(rel("sub/b.md"));
        assert!(rel("sub"));
        assert!(is_relevant(&root, &root));
        assert!(!rel(".dateline/edits.json"));
        assert!(!rel(".hidden.txt"));
        assert!(!rel("sub/.git/index"));
        assert!(!rel("a.txt~"));
        assert!(!rel("#a.txt#"));
        assert!(!rel("a.txt.swp"));
        assert!(!rel("a.txt.tmp"));
        assert!(!is_relevant(&root, Path::new("/elsewhere/a.txt")));
    }
}
