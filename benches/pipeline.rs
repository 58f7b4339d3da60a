//! End-to-end pipeline benchmark: reads and extracts whole corpora
//! (`../shared/corpora/reuters21578` and `../shared/corpora/wikinews` beside the
//! repository) and prints a table of articles, MB, cold and warm wall time,
//! throughput, time to the first events and peak resident memory, with
//! the machine it ran on. Run with `cargo bench --bench pipeline`; a missing corpus
//! is skipped with a message.
//!
//! "Cold" means an empty extraction cache (the OS page cache is not dropped: that
//! needs root and would disturb other work on the machine); "warm" means every
//! article's extraction comes from the cache filled by the cold run. A run is timed
//! as the app runs it: until the model is built (what the app shows then), and
//! apart from that until the model's snapshot is written as well (which the app
//! does while it shows the model).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use dateline::model::{Dataset, Doc};
use dateline::pipeline::{Observer, Pipeline, Progress};

/// Records when the first partial dataset with events was built.
struct FirstEvents {
    start: Instant,
    first: Option<Duration>,
}

impl Observer for FirstEvents {
    fn progress(&mut self, _progress: Progress) {}

    fn partial(&mut self, root: &Path, docs: &[Arc<Doc>]) {
        if self.first.is_none() {
            let dataset = Dataset::build(root.to_path_buf(), docs.to_vec(), Vec::new());
            if !dataset.events.is_empty() {
                self.first = Some(self.start.elapsed());
            }
        }
    }
}

/// One measured corpus.
struct Row {
    name: String,
    articles: usize,
    mb: f64,
    cold: Duration,
    /// The cold run until its snapshot is written.
    cold_written: Duration,
    warm: Duration,
    first: Duration,
    first_cold: Duration,
    events: usize,
    peak_mb: f64,
    stages: Stages,
}

/// A `/proc/self/status` field in kB, as MB.
fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// CPU count and model.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("{cores} cores (nproc), {model}")
}

/// One run of the pipeline on a folder.
struct Run {
    /// Until the model is built: what the app shows then.
    model: Duration,
    /// Until the snapshot of the model is written too (the app writes it while
    /// the model is shown; the command line, while it exports).
    written: Duration,
    /// Until the first events could be shown.
    first: Duration,
    dataset: Dataset,
}

/// Runs the pipeline on `root` as the app does (`cache`: the pipeline's cache
/// folder).
fn run_once(pipeline: &Pipeline, root: &Path, cache: &Path) -> Result<Run, String> {
    let cancel = AtomicBool::new(false);
    let mut observer = FirstEvents {
        start: Instant::now(),
        first: None,
    };
    let listing = Pipeline::list(root, Some(cache)).map_err(|e| e.to_string())?;
    let (dataset, snapshot) = pipeline
        .run_deferred(root, listing, &mut observer, &cancel)
        .map_err(|e| e.to_string())?;
    let model = observer.start.elapsed();
    snapshot.write(&dataset);
    Ok(Run {
        model,
        written: observer.start.elapsed(),
        first: observer.first.unwrap_or(model),
        dataset,
    })
}

/// Stages of a warm run, and an update after one file changed.
struct Stages {
    list: Duration,
    cache_read: Duration,
    build: Duration,
    update: Duration,
    /// Applying one correction (a retitled event): what the app does per edit.
    correct: Duration,
}

fn stages(
    root: &Path,
    cache: &Path,
    pipeline: &Pipeline,
    dataset: Dataset,
) -> Result<Stages, String> {
    let t = Instant::now();
    let _ = dateline::corpus::list_files(root).map_err(|e| e.to_string())?;
    let list = t.elapsed();
    let t = Instant::now();
    let loaded = dateline::cache::Loaded::read(&dateline::cache::file_for(cache, root));
    let cache_read = t.elapsed();
    drop(loaded);
    let Dataset {
        root: r,
        docs,
        problems,
        ..
    } = dataset;
    let t = Instant::now();
    let dataset = Dataset::build(r, docs, problems);
    let build = t.elapsed();
    let mut curation = dateline::curation::Curation::default();
    if let Some(anchor) = dataset.events.first().and_then(|e| {
        let m = e.mentions.first()?;
        dateline::curation::Anchor::of(dataset.docs.get(m.doc)?, &m.timex.span)
    }) {
        curation.push(dateline::curation::Edit::SetTitle {
            event: anchor,
            title: "Checked".into(),
        });
    }
    let t = Instant::now();
    let dataset = dataset.recurate(pipeline, curation);
    let correct = t.elapsed();
    // An update as the watcher would run it: one file reported as changed.
    let first = dataset
        .docs
        .first()
        .map(|d| root.join(&d.article.file))
        .unwrap_or_else(|| root.to_path_buf());
    let t = Instant::now();
    pipeline
        .update(root, dataset.docs, &[first], &AtomicBool::new(false))
        .map_err(|e| e.to_string())?;
    let update = t.elapsed();
    Ok(Stages {
        list,
        cache_read,
        build,
        update,
        correct,
    })
}

fn measure(name: &str, root: &Path, cache: &Path) -> Result<Row, String> {
    let _ = std::fs::remove_dir_all(cache);
    let pipeline = Pipeline::new()
        .map_err(|e| e.to_string())?
        .with_cache(Some(cache.to_path_buf()));
    let cold = run_once(&pipeline, root, cache)?;
    let (events, articles) = (cold.dataset.events.len(), cold.dataset.docs.len());
    drop(cold.dataset);
    let peak_mb = status_mb("VmHWM:");
    let warm = run_once(&pipeline, root, cache)?;
    let stages = stages(root, cache, &pipeline, warm.dataset)?;
    let bytes: u64 = dateline::corpus::list_files(root)
        .map_err(|e| e.to_string())?
        .0
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    Ok(Row {
        name: name.to_string(),
        articles,
        mb: bytes as f64 / 1e6,
        cold: cold.model,
        cold_written: cold.written,
        warm: warm.model,
        first: warm.first,
        first_cold: cold.first,
        events,
        peak_mb,
        stages,
    })
}

fn main() -> std::io::Result<()> {
    // As the `dateline` binary does.
    dateline::memory::tune_allocator();
    let mut out = std::io::stdout().lock();
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let cache_root = std::env::temp_dir().join(format!("dateline-bench-{}", std::process::id()));
    writeln!(out, "machine: {}", machine())?;
    writeln!(
        out,
        "{:<14} {:>8} {:>7} {:>8} {:>8} {:>10} {:>9} {:>9} {:>9} {:>8} {:>9}",
        "corpus",
        "articles",
        "MB",
        "cold s",
        "MB/s",
        "+written s",
        "warm s",
        "1st cold",
        "1st warm",
        "events",
        "peak MB"
    )?;
    let mut rows = Vec::new();
    for name in ["reuters21578", "wikinews"] {
        let root = base.join("shared/corpora").join(name);
        if !root.is_dir() {
            writeln!(out, "{name:<14} skipped: no corpus at {}", root.display())?;
            continue;
        }
        match measure(name, &root, &cache_root.join(name)) {
            Ok(row) => {
                writeln!(
                    out,
                    "{:<14} {:>8} {:>7.1} {:>8.3} {:>8.1} {:>10.3} {:>9.3} {:>8.3}s {:>8.3}s {:>8} {:>9.0}",
                    row.name,
                    row.articles,
                    row.mb,
                    row.cold.as_secs_f64(),
                    row.mb / row.cold.as_secs_f64(),
                    row.cold_written.as_secs_f64(),
                    row.warm.as_secs_f64(),
                    row.first_cold.as_secs_f64(),
                    row.first.as_secs_f64(),
                    row.events,
                    row.peak_mb,
                )?;
                rows.push(row);
            }
            Err(e) => writeln!(out, "{name:<14} failed: {e}")?,
        }
    }
    let _ = std::fs::remove_dir_all(&cache_root);
    writeln!(
        out,
        "{:<14} {:>8} {:>9} {:>9} {:>9} {:>9}",
        "warm stages", "list s", "cache s", "build s", "update s", "correct s"
    )?;
    for row in &rows {
        let s = &row.stages;
        writeln!(
            out,
            "{:<14} {:>8.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            row.name,
            s.list.as_secs_f64(),
            s.cache_read.as_secs_f64(),
            s.build.as_secs_f64(),
            s.update.as_secs_f64(),
            s.correct.as_secs_f64(),
        )?;
    }
    for row in rows.iter().filter(|r| r.name == "reuters21578") {
        let budget = 3.0 * row.mb + 150.0;
        writeln!(
            out,
            "targets (reuters): >= 20 MB/s: {:.1} ({:.1} with the snapshot written); cold <= 1.5 s: {:.2} ({:.2}); warm <= 0.3 s: {:.2}; first events <= 0.2 s: {:.2} cold, {:.2} warm; peak RSS <= {budget:.0} MB: {:.0}",
            row.mb / row.cold.as_secs_f64(),
            row.mb / row.cold_written.as_secs_f64(),
            row.cold.as_secs_f64(),
            row.cold_written.as_secs_f64(),
            row.warm.as_secs_f64(),
            row.first_cold.as_secs_f64(),
            row.first.as_secs_f64(),
            row.peak_mb,
        )?;
    }
    writeln!(
        out,
        "(cold/warm s: from the start of the run to the model, which the app shows then; \
         +written s: until the snapshot of the model is written too, which the app does while \
         showing it; peak RSS is the process high-water mark, VmHWM, after the cold run; \
         1st cold/warm: from the start of the run to the first partial dataset with events)"
    )?;
    Ok(())
}
