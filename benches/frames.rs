//! UI frame time (CPU) of the real app, headless: loads a folder into the real `App`
//! under `egui_kittest`, then drives 100 frames of panning and zooming over the plot
//! and prints the mean and worst frame.
//!
//! Folders: ../shared/corpora/wikinews and ../shared/corpora/reuters21578 (skipped
//! with a message when missing), and two generated folders of short articles with
//! dated sentences, ~10,000 and ~100,000 events, and a long article of ~3,900 and
//! one of ~39,000 dated sentences shown in the article pane (written once under
//! `target/bench-corpora/`, read and extracted like any folder, so the extraction
//! cache makes later runs load faster). Run: `cargo bench --bench frames`; a name
//! argument runs only the folders whose name contains it
//! (`cargo bench --bench frames -- synthetic-100k`). `DATELINE_BENCH_FRAMES=2000`
//! drives more frames (to profile them, e.g. under `perf record`, past the load).

#![allow(clippy::print_stdout)] // a bench binary reports on stdout

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dateline::ui::App;
use dateline::ui::app::Command;
use dateline::ui::picker::FixedPicker;
use egui_kittest::Harness;

/// Frames of pan/zoom measured per folder, unless `DATELINE_BENCH_FRAMES` says.
const FRAMES: usize = 100;

fn frames() -> usize {
    std::env::var("DATELINE_BENCH_FRAMES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(FRAMES)
}

/// One folder's result.
struct Row {
    name: String,
    events: usize,
    load: Duration,
    mean: Duration,
    worst: Duration,
    /// The same with an actor and an event selected.
    selected_mean: Duration,
    selected_worst: Duration,
    drawn: usize,
}

fn measure(folder: &Path) -> Option<Row> {
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
        if t0.elapsed() > Duration::from_secs(900) {
            println!("{}: not loaded after 15 minutes", folder.display());
            return None;
        }
    }
    let loaded = t0.elapsed();
    h.run_steps(3);
    let events = h.state().dataset().events.len();
    let (mean, worst) = pan_and_zoom(&mut h);
    let drawn = {
        let info = h.state().frame_info();
        info.markers.len() + info.clusters.len()
    };
    // Again with the most mentioned actor and its first event selected: highlights,
    // actor details, the event's details and editor.
    let ctx = h.ctx.clone();
    let event = h.state().dataset().events_of(0).next();
    if !h.state().dataset().actors.is_empty() {
        h.state_mut().apply(&ctx, Command::ToggleActor(0));
    }
    if let Some(e) = event {
        h.state_mut().apply(&ctx, Command::SelectEvent(e));
    }
    h.run_steps(3);
    let (selected_mean, selected_worst) = pan_and_zoom(&mut h);
    Some(Row {
        name: folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        events,
        load: loaded,
        mean,
        worst,
        selected_mean,
        selected_worst,
        drawn,
    })
}

/// Drives the frames of pan and zoom; the mean and worst frame.
fn pan_and_zoom(h: &mut Harness<'static, App>) -> (Duration, Duration) {
    let center = egui::pos2(700.0, 500.0);
    let mut times = Vec::with_capacity(frames());
    for frame in 0..frames() {
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
    let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
    let worst = times.iter().max().copied().unwrap_or_default();
    (mean, worst)
}

/// A small deterministic generator (xorshift64*), so every run writes the same
/// folder.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items
            .get((self.next() % items.len() as u64) as usize)
            .copied()
            .unwrap_or("")
    }
}

const FIRST: &[&str] = &[
    "Maria", "James", "Linda", "Robert", "Susan", "Michael", "Karen", "David", "Nancy", "Thomas",
    "Helen", "Daniel", "Laura", "Edward", "Sarah", "George", "Anna", "Kevin", "Julia", "Brian",
    "Carol", "Steven", "Diane", "Peter", "Ruth", "Walter", "Alice", "Henry", "Joyce", "Arthur",
];
const LAST: &[&str] = &[
    "Lopez", "Nguyen", "Schmidt", "Okafor", "Johnson", "Petrov", "Tanaka", "Moreau", "Costa",
    "Fischer", "Kowalski", "Haddad", "Larsen", "Bianchi", "Murphy", "Silva", "Novak", "Weber",
    "Jansen", "Dubois", "Romero", "Ivanova", "Keller", "Sato", "Andersen", "Rossi", "Horvat",
    "Berg", "Navarro", "Kim",
];
const CITY: &[&str] = &[
    "Lisbon", "Nairobi", "Osaka", "Lyon", "Denver", "Krakow", "Porto", "Lagos", "Seville",
    "Hamburg", "Quito", "Perth", "Dakar", "Leeds", "Turin", "Busan", "Tampere", "Gdansk", "Accra",
    "Bergen",
];
const DEED: &[&str] = &[
    "opened a new harbour bridge",
    "signed a trade agreement with fishing cooperatives",
    "announced a rail expansion plan",
    "resigned from the city council",
    "won the regional election",
    "launched an inquiry into hospital waiting lists",
    "cut the budget for road repairs",
    "inaugurated a solar power station",
    "pardoned three jailed journalists",
    "closed the coal mine after protests",
    "raised interest rates by half a point",
    "unveiled a museum of maritime history",
    "banned night flights over the suburbs",
    "approved funding for flood defences",
    "met striking dock workers",
    "criticised the water company over leaks",
    "visited the earthquake survivors",
    "appointed a new police commissioner",
    "vetoed the housing bill",
    "reopened the border crossing to trucks",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Makes `dir` an empty folder to generate into, unless a complete one is there
/// already (marked by the file this returns): `None` then.
fn fresh_folder(dir: &Path) -> std::io::Result<Option<PathBuf>> {
    let done = dir.join(".complete-v1");
    if done.exists() {
        return Ok(None);
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    Ok(Some(done))
}

/// Appends one dated sentence ("Maria Lopez opened … in Lisbon on May 4, 2003. ").
fn dated_sentence(rng: &mut Rng, text: &mut String) {
    let year = 1990 + rng.next() % 35;
    let month = rng.pick(MONTHS);
    let day = 1 + rng.next() % 28;
    let _ = write!(
        text,
        "{} {} {} in {} on {month} {day}, {year}. ",
        rng.pick(FIRST),
        rng.pick(LAST),
        rng.pick(DEED),
        rng.pick(CITY),
    );
}

/// Writes `articles` articles of `per_article` dated sentences each into `dir`
/// (once: a complete folder is marked and kept).
fn synthetic(dir: &Path, articles: usize, per_article: usize) -> std::io::Result<()> {
    let Some(done) = fresh_folder(dir)? else {
        return Ok(());
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ articles as u64);
    for a in 0..articles {
        let mut text = String::new();
        let who = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let _ = writeln!(text, "{who} in the news, part {a}\n");
        for _ in 0..per_article {
            dated_sentence(&mut rng, &mut text);
        }
        text.push('\n');
        std::fs::write(dir.join(format!("a{a:06}.txt")), text)?;
    }
    std::fs::write(done, "")
}

/// Writes one article of `paragraphs` paragraphs of three dated sentences each into
/// `dir` (a long report: its pane lays out every paragraph), once.
fn long_article(dir: &Path, paragraphs: usize) -> std::io::Result<()> {
    let Some(done) = fresh_folder(dir)? else {
        return Ok(());
    };
    let mut rng = Rng(0x2545_f491_4f6c_dd1d ^ paragraphs as u64);
    let mut text = String::from("A long report\n\n");
    for _ in 0..paragraphs {
        for _ in 0..3 {
            dated_sentence(&mut rng, &mut text);
        }
        text.push_str("\n\n");
    }
    std::fs::write(dir.join("report.txt"), text)?;
    std::fs::write(done, "")
}

fn main() {
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpora");
    let generated = root.join("target/bench-corpora");
    let mut folders: Vec<PathBuf> = Vec::new();
    for corpus in ["wikinews", "reuters21578"] {
        let dir = shared.join(corpus);
        if dir.is_dir() {
            folders.push(dir);
        } else {
            println!(
                "{corpus}: {} not found — skipped (the corpora live in ../shared)",
                dir.display()
            );
        }
    }
    // Five dated sentences per article; a few merge into one event.
    for (name, articles) in [("synthetic-10k", 2_000), ("synthetic-100k", 20_000)] {
        let dir = generated.join(name);
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        match synthetic(&dir, articles, 5) {
            Ok(()) => folders.push(dir),
            Err(e) => println!("{name}: cannot write {}: {e}", dir.display()),
        }
    }
    // One long article shown in the pane: about 400 KB (3,900 dated sentences) and
    // 4 MB (39,000).
    for (name, paragraphs) in [("long-article", 1_300), ("long-report", 13_000)] {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let dir = generated.join(name);
        match long_article(&dir, paragraphs) {
            Ok(()) => folders.push(dir),
            Err(e) => println!("{name}: cannot write {}: {e}", dir.display()),
        }
    }
    folders.retain(|f| {
        only.as_deref()
            .is_none_or(|o| f.to_string_lossy().contains(o))
    });
    folders.sort_by_key(|f| {
        // Smallest first: the order of the table.
        let n = f.to_string_lossy();
        [
            "wikinews",
            "long-article",
            "synthetic-10k",
            "long-report",
            "reuters21578",
            "synthetic-100k",
        ]
        .iter()
        .position(|k| n.ends_with(k))
    });
    println!(
        "UI frame time (CPU, headless egui_kittest, no GPU rendering), {} frames of pan/zoom",
        frames()
    );
    println!(
        "{:<16} {:>8} {:>8} {:>10} {:>10} {:>12} {:>12} {:>8}",
        "folder", "events", "load s", "mean ms", "worst ms", "sel mean ms", "sel worst ms", "drawn"
    );
    for folder in folders {
        if let Some(r) = measure(&folder) {
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            println!(
                "{:<16} {:>8} {:>8.2} {:>10.2} {:>10.2} {:>12.2} {:>12.2} {:>8}",
                r.name,
                r.events,
                r.load.as_secs_f64(),
                ms(r.mean),
                ms(r.worst),
                ms(r.selected_mean),
                ms(r.selected_worst),
                r.drawn,
            );
        }
    }
    println!(
        "(sel: the same frames with the most mentioned actor and its first event selected; \
         drawn: markers and clusters on screen after the last frame without selection)"
    );
}
