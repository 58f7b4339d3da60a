//! Throughput of the actor recognizer on the MEANTIME dev texts (news prose).
//!
//! Run: `cargo bench --bench actors_throughput` (release profile). Prints MB/s of text
//! recognised; skips with a message when `../shared/data/meantime/dev.jsonl` (beside
//! the repository) is missing.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dateline::extract::actors::Recognizer;

/// Minimum measuring time, after one warm-up pass.
const MEASURE: Duration = Duration::from_secs(2);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::io::stdout().lock();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/meantime/dev.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        writeln!(
            out,
            "actors_throughput: skipped, {} not found",
            path.display()
        )?;
        return Ok(());
    };
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let build = Instant::now();
    let rec = Recognizer::new()?;
    let build = build.elapsed();
    let mut mentions = texts
        .iter()
        .map(|t| rec.recognize(t, &[]).len())
        .sum::<usize>();
    let start = Instant::now();
    let mut passes = 0u32;
    while start.elapsed() < MEASURE {
        mentions = texts.iter().map(|t| rec.recognize(t, &[]).len()).sum();
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = bytes as f64 * f64::from(passes) / 1e6;
    writeln!(
        out,
        "actors_throughput: {} docs, {bytes} bytes, {mentions} mentions/pass, {passes} passes, \
         {:.2} MB/s (recognizer built in {:.0} ms)",
        texts.len(),
        mb / secs,
        build.as_secs_f64() * 1e3
    )?;
    Ok(())
}
