//! Exports from the window: File → Export… (JSON, CSV or TimelineJS, all events or
//! only what the timeline shows) and File → Export image (a PNG of the plot).
//!
//! Owns the export dialog's state, the save-path picker (the native dialog behind
//! a trait, so tests inject a path, like [`crate::ui::picker`]), the worker thread
//! that asks for the path, serialises the model (shared with the window, not
//! copied) and writes the file atomically, and the screenshot
//! round trip for the image. Errors come back as a notice line, never a panic.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::cli::Format;
use crate::export::{Group, Options};
use crate::model::Dataset;

/// Something that asks the user where to save a file.
pub trait SavePicker: Send + Sync {
    /// Blocks until the user picks a path (`Some`) or cancels (`None`).
    /// `name` is the suggested file name, `extension` its extension.
    fn save_path(&self, name: &str, extension: &str) -> Option<PathBuf>;
}

/// The platform's save dialog (XDG portal, zenity fallback).
#[derive(Debug, Clone, Copy, Default)]
pub struct NativeSaver;

impl SavePicker for NativeSaver {
    fn save_path(&self, name: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export")
            .set_file_name(name)
            .add_filter(extension, &[extension])
            .save_file()
    }
}

/// A save picker that always answers with the same path (tests, scripted runs).
#[derive(Debug, Clone)]
pub struct FixedSaver(pub Option<PathBuf>);

impl SavePicker for FixedSaver {
    fn save_path(&self, _name: &str, _extension: &str) -> Option<PathBuf> {
        self.0.clone()
    }
}

/// The file extension of a format.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::Csv => "csv",
        Format::TimelineJs => "json",
    }
}

/// The export dialog and the exports under way.
pub struct Exporter {
    picker: Arc<dyn SavePicker>,
    /// Whether the Export… window is open.
    pub open: bool,
    /// The chosen format.
    pub format: Format,
    /// Export only the events the timeline shows.
    pub only_shown: bool,
    /// A write under way: its answer (a notice) arrives here.
    writing: Option<Receiver<String>>,
    /// A screenshot was asked for; the window's image arrives here.
    shooting: Option<Receiver<Arc<egui::ColorImage>>>,
    /// Where the plot was drawn last frame (points), to crop the screenshot.
    pub plot_rect: Option<egui::Rect>,
}

impl std::fmt::Debug for Exporter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exporter")
            .field("open", &self.open)
            .field("format", &self.format)
            .field("only_shown", &self.only_shown)
            .finish_non_exhaustive()
    }
}

impl Exporter {
    /// An exporter asking `picker` for paths.
    pub fn new(picker: Arc<dyn SavePicker>) -> Self {
        Self {
            picker,
            open: false,
            format: Format::Json,
            only_shown: true,
            writing: None,
            shooting: None,
            plot_rect: None,
        }
    }

    /// Whether a dialog, write or screenshot is under way (the app keeps
    /// repainting while it is).
    pub fn busy(&self) -> bool {
        self.writing.is_some() || self.shooting.is_some()
    }

    /// The File menu's entries.
    pub fn menu_items(&mut self, ui: &mut egui::Ui) {
        if ui.button("Export…").clicked() {
            self.open = true;
        }
        if ui.button("Export image").clicked() && self.shooting.is_none() {
            let (tx, rx) = channel();
            let repaint = ui.ctx().clone();
            ui.ctx().request_screenshot(move |image| {
                let _ = tx.send(image);
                repaint.request_repaint();
            });
            self.shooting = Some(rx);
        }
    }

    /// Draws the Export… window. `shown` are the events the timeline lays out
    /// (ascending); `by_actor` groups TimelineJS slides by actor (the lanes are
    /// actors).
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        dataset: &Arc<Dataset>,
        shown: &[usize],
        by_actor: bool,
    ) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        let mut go = false;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                for (format, label) in [
                    (Format::Json, "JSON (dateline/1)"),
                    (Format::Csv, "CSV (one row per mention)"),
                    (Format::TimelineJs, "TimelineJS 3"),
                ] {
                    ui.radio_value(&mut self.format, format, label);
                }
                ui.checkbox(&mut self.only_shown, "only what is shown");
                let n = if self.only_shown {
                    shown.len()
                } else {
                    dataset.events.len()
                };
                ui.weak(format!("{n} events"));
                let label = if self.writing.is_some() {
                    "saving…"
                } else {
                    "Save…"
                };
                go = ui
                    .add_enabled(self.writing.is_none(), egui::Button::new(label))
                    .clicked();
            });
        self.open = open;
        if go {
            let options = Options {
                events: self
                    .only_shown
                    .then(|| shown.iter().copied().collect::<BTreeSet<usize>>()),
                group: if by_actor {
                    Group::Actor
                } else {
                    Group::Article
                },
            };
            self.start_export(ctx, Arc::clone(dataset), options);
        }
    }

    /// Asks for the path, then serialises and writes, on a worker thread: the
    /// window goes on drawing while a large model is written.
    fn start_export(&mut self, ctx: &egui::Context, dataset: Arc<Dataset>, options: Options) {
        let ext = extension(self.format);
        let name = format!("{}.{ext}", dataset.name());
        let format = self.format;
        self.writing = Some(self.spawn_save(ctx, name, ext, move || {
            let mut bytes = Vec::new();
            crate::export::write_with(&dataset, format, &options, &mut bytes)
                .map_err(|e| format!("export failed: {e:#}"))?;
            Ok(bytes)
        }));
    }

    /// Asks for a path, then makes the file's bytes with `contents` and writes them
    /// there, on a named thread; the notice arrives on the receiver.
    fn spawn_save(
        &self,
        ctx: &egui::Context,
        name: String,
        ext: &'static str,
        contents: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) -> Receiver<String> {
        let (tx, rx) = channel();
        let picker = Arc::clone(&self.picker);
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("dateline-export".into())
            .spawn(move || {
                let notice = match picker.save_path(&name, ext) {
                    None => "export cancelled".to_string(),
                    Some(path) => match contents() {
                        Err(notice) => notice,
                        Ok(bytes) => match crate::fsutil::write_atomic(&path, &bytes) {
                            Ok(()) => format!("exported to {}", path.display()),
                            Err(e) => format!("could not write {}: {e}", path.display()),
                        },
                    },
                };
                let _ = tx.send(notice);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => rx,
            Err(e) => answered(format!("cannot start the export: {e}")),
        }
    }

    /// Takes a finished write's notice, and turns an arrived screenshot into a PNG
    /// to save. Call once per frame.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<String> {
        if let Some(rx) = &self.shooting {
            match rx.try_recv() {
                Ok(image) => {
                    self.shooting = None;
                    self.save_screenshot(ctx, &image);
                }
                // The window dropped the request without an image (no renderer).
                Err(TryRecvError::Disconnected) => {
                    self.shooting = None;
                    return Some("the window gave no screenshot — image not exported".into());
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        let rx = self.writing.as_ref()?;
        match rx.try_recv() {
            Ok(notice) => {
                self.writing = None;
                Some(notice)
            }
            Err(TryRecvError::Disconnected) => {
                self.writing = None;
                Some("export stopped unexpectedly".into())
            }
            Err(TryRecvError::Empty) => None,
        }
    }
}

impl Exporter {
    /// Crops a screenshot of the window to the plot area, encodes it as PNG and
    /// saves it where the save picker says (on a worker thread).
    pub fn save_screenshot(&mut self, ctx: &egui::Context, image: &egui::ColorImage) {
        self.writing = Some(
            match png_of(image, self.plot_rect, ctx.pixels_per_point()) {
                Ok(bytes) => self.spawn_save(ctx, "timeline.png".into(), "png", move || Ok(bytes)),
                Err(e) => answered(format!("could not make the image: {e}")),
            },
        );
    }
}

/// A receiver that already holds `notice`.
fn answered(notice: String) -> Receiver<String> {
    let (tx, rx) = channel();
    let _ = tx.send(notice);
    rx
}

/// Encodes `image` (cropped to `crop`, in points, when given) as PNG.
pub fn png_of(
    image: &egui::ColorImage,
    crop: Option<egui::Rect>,
    pixels_per_point: f32,
) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let (x0, y0, x1, y1) = match crop {
        Some(r) => {
            let px =
                |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
            (
                px(r.min.x, w),
                px(r.min.y, h),
                px(r.max.x, w),
                px(r.max.y, h),
            )
        }
        None => (0, 0, w, h),
    };
    if x1 <= x0 || y1 <= y0 {
        return Err("the plot is not on screen".into());
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        let row = image
            .pixels
            .get(y * w + x0..y * w + x1)
            .ok_or("screenshot smaller than its size")?;
        for p in row {
            rgba.extend_from_slice(&p.to_srgba_unmultiplied());
        }
    }
    let buffer = image::RgbaImage::from_raw((x1 - x0) as u32, (y1 - y0) as u32, rgba)
        .ok_or("screenshot size mismatch")?;
    let mut out = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
