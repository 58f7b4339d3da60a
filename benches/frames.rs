//! UI frame time (CPU) of the real app, headless: loads a folder, then drives 100
//! frames of panning and zooming over the plot and prints the mean and worst frame.
//! Folders: ../shared/corpora/wikinews and ../shared/corpora/reuters21578 (skipped
//! with a message when missing). Run: `cargo bench --bench frames`.

#![allow(clippy::print_stdout)] // a bench binary reports on stdout

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dateline::ui::App;
use dateline::ui::picker::FixedPicker;
use egui_kittest::Harness;

fn measure(folder: &Path) {
    let path: PathBuf = folder.to_path_buf();
    let mut h: Harness<'static, App> = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(10_000)
        .build_eframe(move |cc| {
            dateline::ui::install_fonts(&cc.egui_ctx);
            App::new(&cc.egui_ctx, path, Arc::new(FixedPicker(None)))
        });
    let t0 = Instant::now();
    while h.state().is_loading() {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
        if t0.elapsed() > Duration::from_secs(600) {
            println!("{}: not loaded after 10 minutes", folder.display());
            return;
        }
    }
    let loaded = t0.elapsed();
    h.run_steps(3);
    let events = h.state().dataset().events.len();
    let center = egui::pos2(700.0, 500.0);
    let mut times = Vec::with_capacity(100);
    for frame in 0..100 {
        // Alternate: zoom in (wheel), pan (drag), zoom out.
        let event = match frame % 4 {
            0 => egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: egui::vec2(0.0, 2.0),
                modifiers: egui::Modifiers::CTRL,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            },
            1 | 2 => egui::Event::PointerMoved(
                center + egui::vec2(if frame % 8 < 4 { 40.0 } else { -40.0 }, 0.0),
            ),
            _ => egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: egui::vec2(0.0, -2.0),
                modifiers: egui::Modifiers::CTRL,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            },
        };
        h.hover_at(center);
        h.event(event);
        let t = Instant::now();
        h.step();
        times.push(t.elapsed());
    }
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    let worst = times.iter().max().copied().unwrap_or_default();
    let drawn = h.state().frame_info().markers.len() + h.state().frame_info().clusters.len();
    println!(
        "{:<14} {:>7} events  load {:>6.2} s  frame mean {:>6.2} ms  worst {:>6.2} ms  (markers+clusters on screen: {drawn})",
        folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        events,
        loaded.as_secs_f64(),
        mean.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
    );
}

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    println!(
        "UI frame time (CPU, headless egui_kittest, no GPU rendering), 100 frames of pan/zoom"
    );
    for corpus in ["wikinews", "reuters21578"] {
        let dir = shared.join(corpus);
        if dir.is_dir() {
            measure(&dir);
        } else {
            println!(
                "{corpus}: {} not found — skipped (the corpora live in ../shared)",
                dir.display()
            );
        }
    }
}
