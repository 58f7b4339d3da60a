//! Where the pipeline's time goes: every stage of extraction timed on its own, on
//! one core, over a whole corpus read into memory first
//! (`../shared/corpora/reuters21578` and `../shared/corpora/wikinews` beside the
//! repository), then the model build and the JSON export. Prints one table per
//! corpus, in seconds and in MB/s of article text. Run with
//! `cargo bench --bench stages`; a missing corpus is skipped with a message.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use dateline::corpus::{Article, list_files};
use dateline::extract::actors::Recognizer;
use dateline::extract::timex::Tagger;
use dateline::extract::{events, segment};
use dateline::model::{Dataset, Doc};
use dateline::pipeline::Pipeline;

/// Runs `f` and adds its wall time to `total`.
fn timed<T>(total: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    *total += start.elapsed();
    out
}

fn run(name: &str, root: &Path, out: &mut impl Write) -> std::io::Result<()> {
    let start = Instant::now();
    let built = Pipeline::new();
    let compile = start.elapsed();
    let pipeline = match built {
        Ok(p) => p.with_cache(None),
        Err(e) => return writeln!(out, "{name}: pipeline failed to build: {e}"),
    };
    let tagger = Tagger::new().map_err(|e| std::io::Error::other(e.0))?;
    let recognizer = Recognizer::new().map_err(|e| std::io::Error::other(e.0))?;
    let mut read = Duration::ZERO;
    let files = timed(&mut read, || list_files(root))
        .map_err(|e| std::io::Error::other(e.to_string()))?
        .0;
    let meta = timed(&mut read, || {
        dateline::corpus::meta::read(root, &mut Vec::new())
    });
    let mut articles: Vec<Article> = Vec::with_capacity(files.len());
    for path in &files {
        let file = dateline::corpus::relative(root, path);
        if let Ok(a) = timed(&mut read, || {
            pipeline.reader().read_article(path, &file, meta.get(&file))
        }) {
            articles.push(a);
        }
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let (mut seg, mut tag, mut rec, mut find, mut all) = Default::default();
    for a in &articles {
        let text = a.extraction_text();
        let skip = a.skipped();
        let sentences = timed(&mut seg, || segment::sentences(&text));
        let timexes = timed(&mut tag, || tagger.tag(&text, a.published));
        let mentions = timed(&mut rec, || recognizer.recognize(&text, &skip));
        timed(&mut find, || {
            events::find(&text, &sentences, &timexes, &mentions, &skip, a.published)
        });
    }
    let docs: Vec<Doc> = articles
        .into_iter()
        .map(|article| {
            let extraction = timed(&mut all, || pipeline.extract(&article));
            Doc {
                article,
                extraction,
            }
        })
        .collect();
    let mut build = Duration::ZERO;
    let dataset = timed(&mut build, || {
        Dataset::build(root.to_path_buf(), docs, Vec::new())
    });
    let mut export = Duration::ZERO;
    let mut json = Vec::new();
    timed(&mut export, || {
        dateline::export::write(&dataset, dateline::cli::Format::Json, &mut json)
    })
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    writeln!(
        out,
        "\n{name}: {} articles, {mb:.1} MB, {} events, {} actors (one core)",
        dataset.docs.len(),
        dataset.events.len(),
        dataset.actors.len()
    )?;
    writeln!(out, "{:<28} {:>8} {:>9}", "stage", "s", "MB/s")?;
    let row = |out: &mut dyn Write, label: &str, d: Duration| {
        let s = d.as_secs_f64();
        writeln!(out, "{label:<28} {s:>8.3} {:>9.1}", mb / s.max(1e-9))
    };
    row(out, "Pipeline::new (compile)", compile)?;
    row(out, "read + decode", read)?;
    row(out, "segment", seg)?;
    row(out, "timex", tag)?;
    row(out, "actors", rec)?;
    row(out, "events", find)?;
    row(out, "extract (all of the above)", all)?;
    row(out, "Dataset::build", build)?;
    row(out, "JSON export", export)?;
    writeln!(out, "(JSON: {:.1} MB)", json.len() as f64 / 1e6)
}

fn main() -> std::io::Result<()> {
    // As the `dateline` binary does.
    dateline::memory::tune_allocator();
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut out = std::io::stdout().lock();
    for name in ["reuters21578", "wikinews"] {
        let root = shared.join(name);
        if root.is_dir() {
            run(name, &root, &mut out)?;
        } else {
            writeln!(out, "{name}: not found at {} — skipped", root.display())?;
        }
    }
    Ok(())
}
