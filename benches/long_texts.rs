//! Whether one long article costs what its size says: builds single articles of 1,
//! 2 and 4 MB from the Reuters corpus (`../shared/corpora/reuters21578` beside the
//! repository; the bundled `articles/` repeated when it is missing) in four shapes
//! — as written, run into one line, run into one sentence (no full stops, as a
//! table or an unpunctuated transcript reads), and with page furniture (a picture
//! credit) on every other line — and prints the time and MB/s of
//! reading and extracting each on one thread. The rate should hold as the size
//! doubles. Run with `cargo bench --bench long_texts`.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use dateline::pipeline::Pipeline;

/// Article bodies (without their title lines) of `dir`'s text files, in file order.
fn bodies(dir: &Path) -> Vec<String> {
    let Ok((files, _)) = dateline::corpus::list_files(dir) else {
        return Vec::new();
    };
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .filter_map(|t| t.split_once('\n').map(|(_, body)| body.to_string()))
        .collect()
}

/// `text` with every run of white space made one space (one line).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` as one line without sentence ends (one sentence).
fn one_sentence(text: &str) -> String {
    one_line(&text.replace(['.', '!', '?', ';', ':'], " "))
}

/// `text` with a picture credit (page furniture) before every line.
fn credited(text: &str) -> String {
    text.lines()
        .map(|l| format!("Photo: Reuters\n{l}\n"))
        .collect()
}

fn main() -> std::io::Result<()> {
    dateline::memory::tune_allocator();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let reuters = root.join("../shared/corpora/reuters21578");
    let mut out = std::io::stdout().lock();
    let (source, mut parts) = match bodies(&reuters) {
        b if !b.is_empty() => ("Reuters-21578", b),
        _ => {
            writeln!(
                out,
                "../shared/corpora/reuters21578 not found: using articles/"
            )?;
            ("articles/", bodies(&root.join("articles")))
        }
    };
    if parts.is_empty() {
        return writeln!(out, "no article text found — skipped");
    }
    // Enough text for the largest size, repeating the articles when they are few.
    let mut all = String::new();
    while all.len() < 4 << 20 {
        for p in &parts {
            all.push_str(p);
            all.push('\n');
        }
    }
    parts.clear();
    let pipeline = Pipeline::new()
        .map_err(|e| std::io::Error::other(e.to_string()))?
        .with_cache(None);
    writeln!(out, "one article built from {source}, one thread")?;
    writeln!(
        out,
        "{:<14} {:>6} {:>8} {:>8} {:>8}",
        "shape", "MB", "s", "MB/s", "events"
    )?;
    for (shape, make) in [
        (
            "as written",
            (|t: &str| t.to_string()) as fn(&str) -> String,
        ),
        ("one line", one_line),
        ("one sentence", one_sentence),
        ("credited", credited),
    ] {
        for mb in [1usize, 2, 4] {
            let mut cut = (mb << 20).min(all.len());
            while !all.is_char_boundary(cut) {
                cut -= 1;
            }
            let body = make(all.get(..cut).unwrap_or_default());
            let text = format!("A long article\n{body}");
            let size = text.len() as f64 / 1e6;
            let start = Instant::now();
            let article = pipeline.reader().article_from_text("long.txt", text, None);
            let extraction = pipeline.extract(&article);
            let s = start.elapsed().as_secs_f64();
            writeln!(
                out,
                "{shape:<14} {size:>6.1} {s:>8.3} {:>8.1} {:>8}",
                size / s.max(1e-9),
                extraction.events.len()
            )?;
        }
    }
    Ok(())
}
