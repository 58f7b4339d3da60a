//! Throughput of the temporal tagger: tags every TempEval-3 text (TimeBank and
//! AQUAINT, from `../shared/data/tempeval3` beside the repository) `N` times on one
//! thread and prints MB/s. Run with `cargo bench --bench timex_throughput`; set
//! `TIMEX_BENCH_ROUNDS` to change `N` (default 20). Skips with a message when the data
//! is missing.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use dateline::extract::timex::Tagger;

/// One document: text and publication date.
struct Doc {
    text: String,
    dct: Option<jiff::civil::Date>,
}

fn load(dir: &std::path::Path) -> Option<Vec<Doc>> {
    let mut docs = Vec::new();
    for name in ["timebank.jsonl", "aquaint.jsonl"] {
        let src = std::fs::read_to_string(dir.join(name)).ok()?;
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            let text = v.get("text")?.as_str()?.to_string();
            let dct = v
                .get("dct")
                .and_then(|d| d.as_str())
                .and_then(|d| d.get(..10))
                .and_then(|d| d.parse().ok());
            docs.push(Doc { text, dct });
        }
    }
    Some(docs)
}

fn main() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/tempeval3");
    let Some(docs) = load(&dir) else {
        writeln!(
            out,
            "timex_throughput: skipped, no data at {}",
            dir.display()
        )?;
        return Ok(());
    };
    let rounds: usize = std::env::var("TIMEX_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let Ok(tagger) = Tagger::new() else {
        writeln!(out, "timex_throughput: the rules failed to load")?;
        return Ok(());
    };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for d in &docs {
            found += std::hint::black_box(tagger.tag(&d.text, d.dct)).len();
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let mb = (bytes * rounds) as f64 / 1e6;
    writeln!(
        out,
        "timex_throughput: {} docs, {:.2} MB × {rounds} rounds in {secs:.2} s = {:.1} MB/s ({} timexes per round)",
        docs.len(),
        bytes as f64 / 1e6,
        mb / secs,
        found / rounds.max(1)
    )?;
    Ok(())
}
