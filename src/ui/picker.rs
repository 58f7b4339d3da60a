//! Choosing a folder: the native dialog (rfd) behind a trait so tests can inject a
//! path. The dialog always runs on a worker thread, never on the UI thread.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

/// Something that asks the user for a folder.
pub trait FolderPicker: Send + Sync {
    /// Blocks until the user picks a folder (`Some`) or cancels (`None`).
    fn pick_folder(&self) -> Option<PathBuf>;
}

/// The platform's folder dialog (XDG portal, zenity fallback).
#[derive(Debug, Clone, Copy, Default)]
pub struct NativePicker;

impl FolderPicker for NativePicker {
    fn pick_folder(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a folder of articles")
            .pick_folder()
    }
}

/// A picker that always answers with the same path (tests, scripted runs).
#[derive(Debug, Clone)]
pub struct FixedPicker(pub Option<PathBuf>);

impl FolderPicker for FixedPicker {
    fn pick_folder(&self) -> Option<PathBuf> {
        self.0.clone()
    }
}

/// Runs `picker` on a named worker thread; the answer arrives on the receiver, and
/// `ctx` is asked to repaint when it does.
pub fn spawn(
    picker: Arc<dyn FolderPicker>,
    ctx: egui::Context,
) -> std::io::Result<Receiver<Option<PathBuf>>> {
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("dateline-folder-dialog".into())
        .spawn(move || {
            let choice = picker.pick_folder();
            let _ = tx.send(choice);
            ctx.request_repaint();
        })?;
    Ok(rx)
}
