//! Exports of the model: `dateline/1` JSON (CONTRACTS.md §2), CSV (one row per
//! event mention, RFC 4180) and TimelineJS 3 JSON. Byte spans become char offsets
//! here, at the edge.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};
use serde_json::{Value, json};

use crate::cli::{Format, require_readable};
use crate::extract::timex::Granularity;
use crate::model::{Dataset, Event};
use crate::offsets::CharIndex;
use crate::pipeline::Pipeline;

/// Runs `dateline extract`: reads `path`, applies the user's corrections from its
/// sidecar unless `curated` is false, reports problems on stderr, writes the
/// export to `output` (stdout when `None`).
pub fn run_extract(
    path: &Path,
    format: Format,
    output: Option<&Path>,
    curated: bool,
) -> Result<()> {
    require_readable(path)?;
    let pipeline = Pipeline::new().context("loading the extraction rules")?;
    let mut dataset = pipeline
        .run(path, &mut |_| {}, &AtomicBool::new(false))
        .with_context(|| format!("extracting {}", path.display()))?;
    if curated {
        let sidecar = crate::curation::Sidecar::for_root(path);
        match sidecar.load() {
            Ok(curation) if !curation.edits.is_empty() => {
                dataset = dataset.recurate(&pipeline, curation);
            }
            Ok(_) => {}
            Err(e) => eprintln!("dateline: corrections not applied: {e}"),
        }
    }
    for p in &dataset.problems {
        let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!("dateline: {}{line}: {}", p.file, p.message);
    }
    for o in &dataset.orphans {
        eprintln!(
            "dateline: {ORPHAN_FILE}: edit {} ({}) no longer applies: {}",
            o.index + 1,
            o.edit,
            o.reason
        );
    }
    let mut bytes = Vec::new();
    write(&dataset, format, &mut bytes)?;
    match output {
        Some(out) => crate::fsutil::write_atomic(out, &bytes)
            .with_context(|| format!("writing {}", out.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
        }
    }
    Ok(())
}

/// Writes `dataset` in `format` to `out`.
pub fn write(dataset: &Dataset, format: Format, out: &mut dyn Write) -> Result<()> {
    write_with(dataset, format, &Options::default(), out)
}

/// What an export contains and how TimelineJS slides are grouped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Only these events (indices into `Dataset::events`); `None`: all.
    pub events: Option<std::collections::BTreeSet<usize>>,
    /// TimelineJS `group`: per article (default) or per actor.
    pub group: Group,
}

impl Options {
    fn keeps(&self, event: usize) -> bool {
        self.events.as_ref().is_none_or(|s| s.contains(&event))
    }
}

/// How TimelineJS slides are grouped (one row per group in its navigator).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Group {
    /// By the article that reports the event (its title).
    #[default]
    Article,
    /// By the event's first actor ("no actor" when it has none).
    Actor,
}

/// Writes `dataset` in `format` to `out`, as `options` say.
pub fn write_with(
    dataset: &Dataset,
    format: Format,
    options: &Options,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json_with(dataset, options))?;
            out.write_all(b"\n")?;
        }
        Format::TimelineJs => {
            serde_json::to_writer_pretty(&mut *out, &to_timelinejs_with(dataset, options))?;
            out.write_all(b"\n")?;
        }
        Format::Csv => write_csv(dataset, options, out)?,
    }
    Ok(())
}

/// The lower-case granularity name of CONTRACTS.md.
pub fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Time => "time",
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
        Granularity::Season => "season",
        Granularity::Quarter => "quarter",
        Granularity::Half => "half",
        Granularity::Year => "year",
        Granularity::Decade => "decade",
        Granularity::Century => "century",
    }
}

/// The `dateline/1` JSON document.
pub fn to_json(dataset: &Dataset) -> Value {
    to_json_with(dataset, &Options::default())
}

/// The `dateline/1` JSON document of the events `options` keep (all articles and
/// actors are listed).
pub fn to_json_with(dataset: &Dataset, options: &Options) -> Value {
    let indexes: Vec<CharIndex> = dataset
        .docs
        .iter()
        .map(|d| CharIndex::new(&d.article.text))
        .collect();
    let c = |doc: usize, byte: usize| indexes.get(doc).map_or(byte, |i| i.char_offset(byte));
    let articles: Vec<Value> = dataset
        .docs
        .iter()
        .map(|d| {
            let a = &d.article;
            json!({
                "id": a.id, "file": a.file, "title": a.title,
                "published": a.published.map(|p| p.to_string()),
                "published_source": a.published_source,
                "source": a.source, "url": a.url,
                "chars": a.text.chars().count(),
            })
        })
        .collect();
    let events: Vec<Value> = dataset
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| options.keeps(*i))
        .map(|(_, e)| {
            let mentions: Vec<Value> = e
                .mentions
                .iter()
                .filter_map(|m| {
                    let doc = dataset.docs.get(m.doc)?;
                    Some(json!({
                        "article": doc.article.id,
                        "start": c(m.doc, m.passage.start), "end": c(m.doc, m.passage.end),
                        "timex": {
                            "start": c(m.doc, m.timex.span.start), "end": c(m.doc, m.timex.span.end),
                            "text": doc.article.text.get(m.timex.span.clone()).unwrap_or_default(),
                            "value": m.timex.value, "type": m.timex.kind,
                            "mod": m.timex.modifier, "derivation": m.timex.derivation,
                        },
                    }))
                })
                .collect();
            let mut event = json!({
                "id": e.id, "date": e.value,
                "start": e.interval.start.to_string(), "end": e.interval.end.to_string(),
                "granularity": granularity_name(e.interval.granularity),
                "title": e.title,
                "actors": e.actors.iter().filter_map(|a| dataset.actors.get(*a)).map(|a| &a.id).collect::<Vec<_>>(),
                "mentions": mentions,
            });
            mark_curated(&mut event, &e.curation);
            event
        })
        .collect();
    let actors: Vec<Value> = dataset
        .actors
        .iter()
        .map(|a| {
            let mentions: Vec<Value> = a
                .mentions
                .iter()
                .filter_map(|r| {
                    let doc = dataset.docs.get(r.doc)?;
                    let m = doc.extraction.mentions.get(r.mention)?;
                    Some(json!({"article": doc.article.id, "start": c(r.doc, m.span.start), "end": c(r.doc, m.span.end)}))
                })
                .collect();
            let mut actor = json!({
                "id": a.id, "name": a.name, "kind": a.kind.label(),
                "aliases": a.aliases, "roles": a.roles, "mentions": mentions,
            });
            mark_curated(&mut actor, &a.curation);
            actor
        })
        .collect();
    let mut problems = serde_json::to_value(&dataset.problems).unwrap_or_else(|_| json!([]));
    if let Some(list) = problems.as_array_mut() {
        list.extend(dataset.orphans.iter().map(|o| {
            json!({"file": ORPHAN_FILE, "line": null,
                   "message": format!("edit {} ({}) no longer applies: {}", o.index + 1, o.edit, o.reason)})
        }));
    }
    json!({
        "schema": "dateline/1",
        "folder": dataset.name(),
        "articles": articles,
        "events": events,
        "actors": actors,
        "problems": problems,
    })
}

/// The file named by problems about the user's edits.
const ORPHAN_FILE: &str = ".dateline/edits.json";

/// Adds `"curated": true` and the changes in words to an exported item the user changed.
fn mark_curated(item: &mut Value, curation: &[String]) {
    if let (false, Some(map)) = (curation.is_empty(), item.as_object_mut()) {
        map.insert("curated".into(), Value::Bool(true));
        map.insert("curation".into(), json!(curation));
    }
}

fn event_actor_names(dataset: &Dataset, e: &Event) -> Vec<String> {
    e.actors
        .iter()
        .filter_map(|a| dataset.actors.get(*a))
        .map(|a| a.name.clone())
        .collect()
}

/// Quotes one CSV field (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV header: one row per event mention; `curated` is `true` for events the
/// user corrected (empty otherwise).
pub const CSV_COLUMNS: [&str; 10] = [
    "date",
    "start",
    "end",
    "granularity",
    "title",
    "actors",
    "article",
    "outlet",
    "passage",
    "curated",
];

fn write_csv(dataset: &Dataset, options: &Options, out: &mut dyn Write) -> Result<()> {
    out.write_all(CSV_COLUMNS.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    for (i, e) in dataset.events.iter().enumerate() {
        if !options.keeps(i) {
            continue;
        }
        for m in &e.mentions {
            let Some(doc) = dataset.docs.get(m.doc) else {
                continue;
            };
            let a = &doc.article;
            let row = [
                e.value.clone(),
                e.interval.start.to_string(),
                e.interval.end.to_string(),
                granularity_name(e.interval.granularity).to_string(),
                e.title.clone(),
                event_actor_names(dataset, e).join("; "),
                a.id.clone(),
                a.source.clone().unwrap_or_default(),
                a.text
                    .get(m.passage.clone())
                    .unwrap_or_default()
                    .to_string(),
                if e.curated() { "true" } else { "" }.to_string(),
            ];
            let line: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
            out.write_all(line.join(",").as_bytes())?;
            out.write_all(b"\r\n")?;
        }
    }
    Ok(())
}

/// A TimelineJS date object at the event's precision.
fn tl_date(d: jiff::civil::Date, g: Granularity) -> Value {
    match g {
        Granularity::Year | Granularity::Decade | Granularity::Century => json!({"year": d.year()}),
        Granularity::Month | Granularity::Quarter | Granularity::Half | Granularity::Season => {
            json!({"year": d.year(), "month": d.month()})
        }
        _ => json!({"year": d.year(), "month": d.month(), "day": d.day()}),
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A TimelineJS 3 document: one slide per event, grouped by article.
pub fn to_timelinejs(dataset: &Dataset) -> Value {
    to_timelinejs_with(dataset, &Options::default())
}

/// A TimelineJS 3 document of the events `options` keep: one slide per event, at
/// its precision (`year`, `month`, `day` numbers; `display_date` for weeks,
/// quarters, seasons…), the passage and its source as text, grouped as asked.
pub fn to_timelinejs_with(dataset: &Dataset, options: &Options) -> Value {
    let events: Vec<Value> = dataset
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| options.keeps(*i))
        .filter_map(|(_, e)| {
            let m = e.mentions.first()?;
            let a = &dataset.docs.get(m.doc)?.article;
            let passage = a.text.get(m.passage.clone()).unwrap_or_default();
            let g = e.interval.granularity;
            let mut slide = json!({
                "start_date": tl_date(e.interval.start, g),
                "text": {
                    "headline": html_escape(&e.title),
                    "text": format!("<p>{}</p><p><i>{} — {}</i></p>", html_escape(passage), html_escape(&a.title), html_escape(&a.label())),
                },
                "group": match options.group {
                    Group::Article => a.title.clone(),
                    Group::Actor => e.actors.first().and_then(|x| dataset.actors.get(*x))
                        .map_or_else(|| "no actor".to_string(), |x| x.name.clone()),
                },
                "unique_id": e.id,
            });
            if e.interval.end != e.interval.start && g != Granularity::Day {
                slide["end_date"] = tl_date(e.interval.end, g);
            }
            if !matches!(g, Granularity::Day | Granularity::Month | Granularity::Year) {
                slide["display_date"] = json!(e.value);
            }
            Some(slide)
        })
        .collect();
    json!({
        "title": {"text": {"headline": html_escape(&dataset.name()), "text": format!("{} events from {} articles", events.len(), dataset.docs.len())}},
        "events": events,
    })
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\"\nc"), "\"a, \"\"b\"\"\nc\"");
    }
}
