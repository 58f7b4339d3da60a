//! The explorer window (eframe/egui). Renders the model and turns user input into
//! [`app::Command`]s; all extraction runs on worker threads ([`worker`]).
//! This is the only module that names egui, eframe or egui_plot.

pub mod actors;
pub mod app;
pub mod article;
pub mod curate;
pub mod export;
pub mod memo;
pub mod overview;
pub mod picker;
pub mod plot;
pub mod saver;
pub mod state;
pub mod toolbar;
pub mod worker;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::App;

/// The folder opened when no path is given: `./articles` if it exists (running from
/// the repository), else the bundled folder next to the sources.
pub fn bundled_folder() -> PathBuf {
    let local = PathBuf::from("articles");
    if local.is_dir() {
        local
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("articles")
    }
}

/// Adds the bundled fallback fonts (DejaVu Sans for wide Latin/Greek/Cyrillic and
/// symbol coverage, Noto Sans Arabic) after egui's defaults.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let extra: [(&str, &'static [u8]); 2] = [
        (
            "dejavu-sans",
            include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
        ),
        (
            "noto-sans-arabic",
            include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
        ),
    ];
    for (name, bytes) in extra {
        fonts.font_data.insert(
            name.to_owned(),
            Arc::new(egui::FontData::from_static(bytes)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    ctx.set_fonts(fonts);
}

/// Opens the explorer window on `folder` (else the last folder, else the bundled
/// articles).
pub fn run(folder: Option<PathBuf>) -> Result<(), eframe::Error> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Dateline")
        .with_inner_size([1500.0, 920.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Dateline",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            let state: state::State = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            Ok(Box::new(App::with_state(
                &cc.egui_ctx,
                folder,
                state,
                Arc::new(picker::NativePicker),
            )))
        }),
    )
}
