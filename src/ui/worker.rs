//! Background work for the UI: loading a folder and keeping it up to date.
//!
//! - [`Loading`]: a named thread runs the pipeline on a folder, sending progress,
//!   partial datasets (built on a second thread from the articles done so far, so
//!   events show while the folder is read) and the finished dataset over a channel,
//!   asking the UI to repaint, then writes the folder's snapshot. Dropping it
//!   cancels the run and joins the threads.
//! - [`Watching`]: forwards the library's folder watcher ([`crate::watch`]) and runs
//!   [`Pipeline::update`] on the touched files on a named thread.
//! - [`Correcting`]: rebuilds the shown model with a new list of corrections
//!   ([`Dataset::recurated`]) on a named thread, so that the window stays live
//!   while a large folder is rebuilt.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use crate::model::{Dataset, Doc};
use crate::pipeline::{Observer, PendingSnapshot, Pipeline, PipelineError, Progress, Update};
use crate::watch::{Change, Debounce, Watcher};

/// The pipeline, compiled once per process on first use (off the UI thread);
/// shared by loading, updates and re-resolution after corrections.
pub(crate) fn shared_pipeline() -> Result<&'static Pipeline, String> {
    static PIPELINE: OnceLock<Result<Pipeline, String>> = OnceLock::new();
    PIPELINE
        .get_or_init(|| Pipeline::new().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(Clone::clone)
}

/// A loaded folder: the model to show, and the machine's model (without the
/// user's corrections) with the snapshot still to write for it.
type Loaded = (Arc<Dataset>, Arc<Dataset>, PendingSnapshot);

/// Reads the folder at `path`: from its snapshot when no file changed (the rules
/// are then compiled only if corrections need them), else by a run of the shared
/// pipeline that `observer` follows.
fn load(path: &Path, observer: &mut Forward, cancel: &AtomicBool) -> Result<Loaded, String> {
    let error = |e: PipelineError| match e {
        PipelineError::Cancelled => "cancelled".to_string(),
        other => other.to_string(),
    };
    let listing = Pipeline::list(path, crate::cache::default_dir().as_deref()).map_err(error)?;
    let (machine, snapshot) = match listing.snapshot(path) {
        Some(dataset) => {
            let total = listing.len();
            observer.progress(Progress { done: total, total });
            (dataset, PendingSnapshot::default())
        }
        None => shared_pipeline()?
            .run_deferred(path, listing, observer, cancel)
            .map_err(error)?,
    };
    let machine = Arc::new(machine);
    let shown = with_corrections(&machine).map_or_else(|| Arc::clone(&machine), Arc::new);
    Ok((shown, machine, snapshot))
}

/// `machine` with the corrections kept in the folder's sidecar applied (`None`:
/// there are none); a sidecar that cannot be read is set aside (never
/// overwritten) and reported as a problem.
fn with_corrections(machine: &Dataset) -> Option<Dataset> {
    let sidecar = crate::curation::Sidecar::for_root(&machine.root);
    // Rare (a broken sidecar, or rules that do not compile): the model is copied.
    let dataset = || machine.clone();
    match sidecar.load() {
        Ok(curation) if curation.edits.is_empty() && curation.undone.is_empty() => None,
        Ok(curation) => Some(match shared_pipeline() {
            Ok(pipeline) => machine.recurated(pipeline, curation),
            Err(message) => not_applied(dataset(), message),
        }),
        Err(message) => {
            let aside = sidecar.set_aside_broken();
            let kept = aside
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            Some(not_applied(
                dataset(),
                format!("{message}; the file is kept as {kept}"),
            ))
        }
    }
}

/// `dataset` with the problem that its corrections were not applied, and why.
fn not_applied(mut dataset: Dataset, why: String) -> Dataset {
    dataset.problems.push(crate::corpus::Problem {
        file: ".dateline/edits.json".into(),
        line: None,
        message: format!("corrections not applied: {why}"),
    });
    dataset
}

/// A message from the worker.
#[derive(Debug)]
enum Msg {
    Progress(Progress),
    Partial(Box<Dataset>),
    Done(Result<Arc<Dataset>, String>),
}

/// Sends progress to the UI and hands partial results to the partial builder.
struct Forward {
    tx: Sender<Msg>,
    partials: Sender<Vec<Arc<Doc>>>,
    ctx: egui::Context,
}

impl Observer for Forward {
    fn progress(&mut self, progress: Progress) {
        let _ = self.tx.send(Msg::Progress(progress));
        self.ctx.request_repaint();
    }

    fn partial(&mut self, _root: &std::path::Path, docs: &[Arc<Doc>]) {
        // The articles are shared, not copied; the model is built on another thread.
        let _ = self.partials.send(docs.to_vec());
    }
}

/// Builds partial datasets from the docs sent on `rx` (the newest only, when
/// several are waiting) and sends them to the UI, until `rx` closes.
fn build_partials(
    root: &std::path::Path,
    rx: &Receiver<Vec<Arc<Doc>>>,
    tx: &Sender<Msg>,
    cancel: &AtomicBool,
    ctx: &egui::Context,
) {
    while let Ok(mut docs) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            docs = newer;
        }
        if cancel.load(Ordering::Relaxed) {
            continue;
        }
        let dataset = Dataset::build(root.to_path_buf(), docs, Vec::new());
        let _ = tx.send(Msg::Partial(Box::new(dataset)));
        ctx.request_repaint();
    }
}

/// How a load ended.
#[derive(Debug)]
pub enum Outcome {
    /// The dataset is ready.
    Loaded(Arc<Dataset>),
    /// The load failed; the message says why.
    Failed(String),
    /// The user cancelled.
    Cancelled,
}

/// A load in progress.
#[derive(Debug)]
pub struct Loading {
    /// The folder being read.
    pub folder: PathBuf,
    /// Latest progress.
    pub progress: Progress,
    partial: Option<Box<Dataset>>,
    /// A partial dataset was taken (and so is shown).
    partial_taken: bool,
    rx: Receiver<Msg>,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Loading {
    /// Starts extracting `folder` on a worker thread.
    pub fn start(folder: PathBuf, ctx: egui::Context) -> std::io::Result<Self> {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let path = folder.clone();
        let handle = std::thread::Builder::new()
            .name("dateline-extract".into())
            .spawn(move || {
                let (partials, partial_rx) = channel();
                let builder = {
                    let (tx, flag, ctx, root) =
                        (tx.clone(), Arc::clone(&flag), ctx.clone(), path.clone());
                    std::thread::Builder::new()
                        .name("dateline-partial".into())
                        .spawn(move || build_partials(&root, &partial_rx, &tx, &flag, &ctx))
                };
                let mut forward = Forward {
                    tx: tx.clone(),
                    partials,
                    ctx: ctx.clone(),
                };
                let result = load(&path, &mut forward, &flag);
                // Every partial result reaches the UI before the final one.
                drop(forward);
                if let Ok(builder) = builder {
                    let _ = builder.join();
                }
                match result {
                    Ok((shown, machine, snapshot)) => {
                        let _ = tx.send(Msg::Done(Ok(shown)));
                        ctx.request_repaint();
                        // The model is shown meanwhile.
                        snapshot.write(&machine);
                    }
                    Err(message) => {
                        let _ = tx.send(Msg::Done(Err(message)));
                        ctx.request_repaint();
                    }
                }
            })?;
        Ok(Self {
            folder,
            progress: Progress { done: 0, total: 0 },
            partial: None,
            partial_taken: false,
            rx,
            cancel,
            handle: Some(handle),
        })
    }

    /// Whether the worker is done, including writing the snapshot after the
    /// outcome (dropping a load before that waits for it).
    pub fn is_finished(&self) -> bool {
        self.handle.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Asks the worker to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The newest partial dataset received by [`poll`](Self::poll) and not taken
    /// yet: the articles read so far, for showing while the load goes on.
    pub fn take_partial(&mut self) -> Option<Dataset> {
        let partial = self.partial.take()?;
        self.partial_taken = true;
        Some(*partial)
    }

    /// Whether a partial dataset was taken.
    pub fn showed_partial(&self) -> bool {
        self.partial_taken
    }

    /// Drains pending messages; returns the outcome once the worker is done.
    pub fn poll(&mut self) -> Option<Outcome> {
        loop {
            match self.rx.try_recv() {
                Ok(Msg::Progress(p)) => self.progress = p,
                Ok(Msg::Partial(dataset)) => self.partial = Some(dataset),
                Ok(Msg::Done(result)) => {
                    return Some(match result {
                        Ok(dataset) => Outcome::Loaded(dataset),
                        Err(_) if self.cancel.load(Ordering::Relaxed) => Outcome::Cancelled,
                        Err(message) => Outcome::Failed(message),
                    });
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    return Some(Outcome::Failed("the extraction worker stopped".into()));
                }
            }
        }
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.cancel();
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

/// A correction being applied: the shown model rebuilt with a list of edits on a
/// thread of its own. Dropping it lets the thread finish alone (it only
/// computes); its result is then dropped.
#[derive(Debug)]
pub struct Correcting {
    curation: crate::curation::Curation,
    /// Whether an event that appears should be selected (a new edit, not undo).
    select_new: bool,
    rx: Receiver<Result<Box<Dataset>, String>>,
}

impl Correcting {
    /// Starts rebuilding `shown` with `curation`.
    pub fn start(
        shown: Arc<Dataset>,
        curation: crate::curation::Curation,
        select_new: bool,
        ctx: egui::Context,
    ) -> std::io::Result<Self> {
        let (tx, rx) = channel();
        let edits = curation.clone();
        std::thread::Builder::new()
            .name("dateline-correct".into())
            .spawn(move || {
                let result = shared_pipeline().map(|p| Box::new(shown.recurated(p, edits)));
                drop(shown);
                let _ = tx.send(result);
                ctx.request_repaint();
            })?;
        Ok(Self {
            curation,
            select_new,
            rx,
        })
    }

    /// The corrections being applied.
    pub fn curation(&self) -> &crate::curation::Curation {
        &self.curation
    }

    /// Whether an event that appears should be selected.
    pub fn select_new(&self) -> bool {
        self.select_new
    }

    /// The rebuilt model, once it is ready.
    pub fn poll(&self) -> Option<Result<Box<Dataset>, String>> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the correction worker stopped".into())),
        }
    }
}

/// A message from the watcher or the updater thread.
#[derive(Debug)]
enum WatchMsg {
    Changed(Vec<PathBuf>),
    Failed(String),
    Updated(Result<Box<Update>, String>),
}

/// What [`Watching::poll`] has for the UI.
#[derive(Debug)]
pub enum WatchOutcome {
    /// The folder changed and the model was rebuilt.
    Updated(Box<Update>),
    /// Watching or updating failed; the message says why.
    Failed(String),
}

/// An update to run: the shown model (whose articles the update shares), the
/// touched paths and the corrections in force (applied to the rebuilt model).
type Job = (Arc<Dataset>, Vec<PathBuf>, crate::curation::Curation);

/// Watches the open folder and rebuilds its model from the touched files.
#[derive(Debug)]
pub struct Watching {
    root: PathBuf,
    rx: Receiver<WatchMsg>,
    /// Changed paths not handed to the updater yet.
    pending: Vec<PathBuf>,
    /// An update is running (its result has not come back).
    busy: bool,
    jobs: Option<Sender<Job>>,
    cancel: Arc<AtomicBool>,
    watcher: Option<Watcher>,
    handle: Option<JoinHandle<()>>,
}

impl Watching {
    /// Starts watching `root` (the folder of the dataset shown).
    pub fn start(root: PathBuf, ctx: egui::Context) -> Result<Self, String> {
        let (tx, rx) = channel();
        let (jobs, job_rx) = channel::<Job>();
        let cancel = Arc::new(AtomicBool::new(false));
        let handle = {
            let (tx, ctx, flag, root) =
                (tx.clone(), ctx.clone(), Arc::clone(&cancel), root.clone());
            std::thread::Builder::new()
                .name("dateline-update".into())
                .spawn(move || {
                    while let Ok((shown, changed, curation)) = job_rx.recv() {
                        let result = shared_pipeline().and_then(|p| {
                            // The corrections are applied again after the update.
                            let docs = shown.machine_docs(p);
                            p.update(&root, docs, &changed, &flag)
                                .map(|mut update| {
                                    if !curation.edits.is_empty() || !curation.undone.is_empty() {
                                        let dataset = std::mem::take(&mut update.dataset);
                                        update.dataset = dataset.recurate(p, curation);
                                    }
                                    Box::new(update)
                                })
                                .map_err(|e| e.to_string())
                        });
                        drop(shown);
                        let _ = tx.send(WatchMsg::Updated(result));
                        ctx.request_repaint();
                    }
                })
                .map_err(|e| format!("cannot start the update thread: {e}"))?
        };
        let watcher = Watcher::start(&root, Debounce::default(), move |change| {
            let _ = tx.send(match change {
                Change::Paths(paths) => WatchMsg::Changed(paths),
                Change::Failed(message) => WatchMsg::Failed(message),
            });
            ctx.request_repaint();
        })
        .map_err(|e| e.to_string())?;
        Ok(Self {
            root,
            rx,
            pending: Vec::new(),
            busy: false,
            jobs: Some(jobs),
            cancel,
            watcher: Some(watcher),
            handle: Some(handle),
        })
    }

    /// The folder watched.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }

    /// Drains messages. When files changed, no update is running and `may_start`,
    /// starts one from `shown`'s articles on the updater thread (the shown dataset
    /// stays usable meanwhile).
    pub fn poll(&mut self, shown: &Arc<Dataset>, may_start: bool) -> Option<WatchOutcome> {
        let mut outcome = None;
        loop {
            match self.rx.try_recv() {
                Ok(WatchMsg::Changed(paths)) => self.pending.extend(paths),
                Ok(WatchMsg::Failed(message)) => outcome = Some(WatchOutcome::Failed(message)),
                Ok(WatchMsg::Updated(result)) => {
                    self.busy = false;
                    outcome = Some(match result {
                        Ok(update) => WatchOutcome::Updated(update),
                        Err(message) => WatchOutcome::Failed(format!(
                            "could not update {}: {message}",
                            self.root.display()
                        )),
                    });
                    // The next job must start from the dataset just produced.
                    break;
                }
                Err(_) => break,
            }
        }
        if may_start
            && !self.busy
            && outcome.is_none()
            && !self.pending.is_empty()
            && shown.root == self.root
        {
            self.pending.sort();
            self.pending.dedup();
            let changed = std::mem::take(&mut self.pending);
            if let Some(jobs) = &self.jobs {
                self.busy = jobs
                    .send((Arc::clone(shown), changed, shown.curation.clone()))
                    .is_ok();
            }
        }
        outcome
    }

    /// Whether changes are waiting or being applied.
    pub fn is_busy(&self) -> bool {
        self.busy || !self.pending.is_empty()
    }

    /// Whether an update is being applied (its result has not come back).
    pub fn is_updating(&self) -> bool {
        self.busy
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.watcher = None;
        self.cancel.store(true, Ordering::Relaxed);
        self.jobs = None;
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}
