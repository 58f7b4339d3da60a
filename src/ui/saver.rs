//! Saving the user's edits off the UI thread: one thread writes the sidecar, in
//! the order the edits were made, always the latest version (older requests still
//! queued are skipped), and reports where each save went.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::curation::{Curation, Saved, Sidecar};

/// The saver thread and its channels.
#[derive(Debug)]
pub struct Saver {
    tx: Option<Sender<(Sidecar, Curation)>>,
    rx: Receiver<Result<Saved, String>>,
    handle: Option<JoinHandle<()>>,
    pending: usize,
}

impl Saver {
    /// Starts the thread; `ctx` is asked to repaint when a save is done.
    pub fn start(ctx: egui::Context) -> std::io::Result<Self> {
        let (tx, requests) = channel::<(Sidecar, Curation)>();
        let (done, rx) = channel();
        let handle = std::thread::Builder::new()
            .name("dateline-save".into())
            .spawn(move || {
                while let Ok(mut request) = requests.recv() {
                    let mut skipped = 0;
                    while let Ok(newer) = requests.try_recv() {
                        request = newer;
                        skipped += 1;
                    }
                    let (sidecar, curation) = request;
                    let result = sidecar.save(&curation);
                    for _ in 0..=skipped {
                        let _ = done.send(result.clone());
                    }
                    ctx.request_repaint();
                }
            })?;
        Ok(Self {
            tx: Some(tx),
            rx,
            handle: Some(handle),
            pending: 0,
        })
    }

    /// Queues a save of `curation` into `sidecar`.
    pub fn save(&mut self, sidecar: Sidecar, curation: Curation) -> Result<(), String> {
        let tx = self.tx.as_ref().ok_or("the save thread has stopped")?;
        tx.send((sidecar, curation))
            .map_err(|_| "the save thread has stopped".to_string())?;
        self.pending += 1;
        Ok(())
    }

    /// Whether saves are queued or running.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    /// Results of finished saves, oldest first.
    pub fn poll(&mut self) -> Vec<Result<Saved, String>> {
        let mut out = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(result) => {
                    self.pending = self.pending.saturating_sub(1);
                    out.push(result);
                }
                Err(TryRecvError::Empty) => return out,
                Err(TryRecvError::Disconnected) => {
                    if self.pending > 0 {
                        self.pending = 0;
                        out.push(Err("the save thread stopped".into()));
                    }
                    return out;
                }
            }
        }
    }
}

impl Drop for Saver {
    /// Finishes the queued saves before the app closes: edits are never lost.
    fn drop(&mut self) {
        self.tx = None;
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}
