//! Background extraction: a named thread runs the pipeline on a folder, sending
//! progress and the finished dataset over a channel and asking the UI to repaint.
//! Dropping a [`Loading`] cancels the run and joins the thread.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use crate::model::Dataset;
use crate::pipeline::{Pipeline, PipelineError, Progress};

/// The pipeline, compiled once per process on first use (off the UI thread).
fn shared_pipeline() -> Result<&'static Pipeline, String> {
    static PIPELINE: OnceLock<Result<Pipeline, String>> = OnceLock::new();
    PIPELINE
        .get_or_init(|| Pipeline::new().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(Clone::clone)
}

/// Applies the corrections kept in the folder's sidecar; a sidecar that cannot
/// be read is set aside (never overwritten) and reported as a problem.
fn with_corrections(pipeline: &Pipeline, mut dataset: Dataset) -> Dataset {
    let sidecar = crate::curation::Sidecar::for_root(&dataset.root);
    match sidecar.load() {
        Ok(curation) if curation.edits.is_empty() && curation.undone.is_empty() => dataset,
        Ok(curation) => dataset.recurate(pipeline, curation),
        Err(message) => {
            let aside = sidecar.set_aside_broken();
            let kept = aside
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            dataset.problems.push(crate::corpus::Problem {
                file: ".dateline/edits.json".into(),
                line: None,
                message: format!("corrections not applied: {message}; the file is kept as {kept}"),
            });
            dataset
        }
    }
}

/// The pipeline shared by the app's workers (extraction and re-resolution).
pub(crate) fn pipeline() -> Result<&'static Pipeline, String> {
    shared_pipeline()
}

/// A message from the worker.
#[derive(Debug)]
enum Msg {
    Progress(Progress),
    Done(Result<Box<Dataset>, String>),
}

/// How a load ended.
#[derive(Debug)]
pub enum Outcome {
    /// The dataset is ready.
    Loaded(Box<Dataset>),
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
                let result = shared_pipeline().and_then(|p| {
                    let mut report = |progress| {
                        let _ = tx.send(Msg::Progress(progress));
                        ctx.request_repaint();
                    };
                    p.run(&path, &mut report, &flag)
                        .map(|dataset| Box::new(with_corrections(p, dataset)))
                        .map_err(|e| match e {
                            PipelineError::Cancelled => "cancelled".to_string(),
                            other => other.to_string(),
                        })
                });
                let _ = tx.send(Msg::Done(result));
                ctx.request_repaint();
            })?;
        Ok(Self {
            folder,
            progress: Progress { done: 0, total: 0 },
            rx,
            cancel,
            handle: Some(handle),
        })
    }

    /// Asks the worker to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Drains pending messages; returns the outcome once the worker is done.
    pub fn poll(&mut self) -> Option<Outcome> {
        loop {
            match self.rx.try_recv() {
                Ok(Msg::Progress(p)) => self.progress = p,
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
