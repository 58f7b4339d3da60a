//! Exports of the model: `dateline/1` JSON (CONTRACTS.md §2), CSV (one row per
//! event mention, RFC 4180) and TimelineJS 3 JSON. Byte spans become char offsets
//! here, at the edge.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use serde_json::Value;

use crate::cli::{Format, require_readable};
use crate::corpus::{Article, PublishedSource};
use crate::extract::timex::{Granularity, TimexType};
use crate::model::{Actor, Dataset, Event, EventMention};
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
    let compile = || Pipeline::new().context("loading the extraction rules");
    // An unchanged folder comes whole from its snapshot, without compiling the
    // rules; otherwise the run goes on from the same listing. A folder without a
    // snapshot is extracted: its rules are compiled while it is listed.
    let cache_dir = crate::cache::default_dir();
    let fresh = cache_dir
        .as_deref()
        .is_none_or(|dir| !crate::snapshot::file_for(dir, path).exists());
    let extracting = || format!("extracting {}", path.display());
    let list = || Pipeline::list(path, cache_dir.as_deref()).with_context(extracting);
    let (listing, mut pipeline) = if fresh {
        let (listing, compiled) = rayon::join(list, compile);
        (listing?, Some(compiled?))
    } else {
        (list()?, None)
    };
    let (mut dataset, mut snapshot) = match listing.snapshot(path) {
        Some(dataset) => (dataset, None),
        None => {
            let p = match pipeline {
                Some(ref p) => p,
                None => pipeline.insert(compile()?),
            };
            let mut quiet = |_: crate::pipeline::Progress| {};
            let (dataset, snapshot) = p
                .run_deferred(path, listing, &mut quiet, &AtomicBool::new(false))
                .with_context(extracting)?;
            (dataset, Some(snapshot))
        }
    };
    if curated {
        let sidecar = crate::curation::Sidecar::for_root(path);
        match sidecar.load() {
            Ok(curation) if !curation.edits.is_empty() => {
                // The snapshot holds the machine's results, without corrections.
                if let Some(snapshot) = snapshot.take() {
                    snapshot.write(&dataset);
                }
                let p = match pipeline.take() {
                    Some(p) => p,
                    None => compile()?,
                };
                dataset = dataset.recurate(&p, curation);
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
    // A snapshot to write is written while the export is, which then keeps to one
    // core: rendered on both, the cold peak passed 200 MB. Both run on the pool's
    // threads, whose allocator arenas hold the memory that extraction freed (a
    // thread of their own grew the peak by up to 8 MB). Without one (a model read
    // from its snapshot), the export has all cores.
    let shown = &dataset;
    match snapshot {
        Some(snapshot) => {
            let ((), exported) = rayon::join(
                || snapshot.write(shown),
                || export_to(shown, format, output, false),
            );
            exported?;
        }
        None => export_to(shown, format, output, true)?,
    }
    // The process ends here: freeing a large model, or the compiled rules, piece
    // by piece would only delay the exit (the system takes the memory back at once).
    std::mem::forget(dataset);
    std::mem::forget(pipeline);
    Ok(())
}

/// Writes `dataset` in `format` to the file `output`, or to standard output
/// (rendered on all cores when `parallel`).
fn export_to(
    dataset: &Dataset,
    format: Format,
    output: Option<&Path>,
    parallel: bool,
) -> Result<()> {
    match output {
        Some(out) => crate::fsutil::replace_with(out, true, |file| {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            write_on(dataset, format, &Options::default(), parallel, &mut w)
                .map_err(std::io::Error::other)?;
            w.flush()
        })
        .with_context(|| format!("writing {}", out.display()))?,
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            write_on(dataset, format, &Options::default(), parallel, &mut stdout)?;
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
    write_on(dataset, format, options, true, out)
}

/// [`write_with`]; the JSON formats render their large arrays on all cores when
/// `parallel` (else on this thread, leaving the other cores to other work).
fn write_on(
    dataset: &Dataset,
    format: Format,
    options: &Options,
    parallel: bool,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Json => JsonDoc::new(dataset, options).write(parallel, out),
        Format::TimelineJs => TimelineJs { dataset, options }.write(parallel, out),
        Format::Csv => write_csv(dataset, options, out),
    }
}

/// A top-level field of a document written by [`write_document`].
enum Part<'a> {
    /// A small value, serialised by the function into the buffer it is given.
    Value(&'a dyn Fn(&mut Vec<u8>) -> serde_json::Result<()>),
    /// An array of this many items, each serialised by the function into the
    /// buffer it is given.
    Array(
        usize,
        &'a (dyn Fn(usize, &mut Vec<u8>) -> serde_json::Result<()> + Sync),
    ),
}

/// Items of an array rendered side by side before they are written: enough to
/// keep both cores busy, few enough to keep the buffers small.
const RENDER_CHUNK: usize = 1024;

/// Writes the object of `fields` as pretty-printed JSON and a final newline:
/// byte for byte what `serde_json::to_writer_pretty` writes for a struct with
/// these fields, with the items of the arrays rendered on all cores when
/// `parallel`.
fn write_document(fields: &[(&str, Part<'_>)], parallel: bool, out: &mut dyn Write) -> Result<()> {
    use rayon::prelude::*;
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let (top, field, item) = (Pretty::at(0), Pretty::at(1), Pretty::at(2));
    let render_item =
        |k: usize, render: &(dyn Fn(usize, &mut Vec<u8>) -> serde_json::Result<()> + Sync)| {
            let mut buf = Vec::with_capacity(1024);
            item.line(&mut buf, k == 0).map_err(serde_json::Error::io)?;
            render(k, &mut buf)?;
            Ok(buf)
        };
    out.write_all(b"{")?;
    for (i, (key, part)) in fields.iter().enumerate() {
        field.line(&mut out, i == 0)?;
        serde_json::to_writer(&mut out, key)?;
        out.write_all(b": ")?;
        match part {
            Part::Value(render) => {
                let mut buf = Vec::new();
                render(&mut buf)?;
                out.write_all(&buf)?;
            }
            Part::Array(0, _) => out.write_all(b"[]")?,
            Part::Array(n, render) => {
                out.write_all(b"[")?;
                if parallel {
                    for start in (0..*n).step_by(RENDER_CHUNK) {
                        let end = (start + RENDER_CHUNK).min(*n);
                        let rendered: Vec<Vec<u8>> = (start..end)
                            .into_par_iter()
                            .map(|k| render_item(k, *render))
                            .collect::<serde_json::Result<_>>()?;
                        for buf in &rendered {
                            out.write_all(buf)?;
                        }
                    }
                } else {
                    for k in 0..*n {
                        out.write_all(&render_item(k, *render)?)?;
                    }
                }
                field.line(&mut out, true)?;
                out.write_all(b"]")?;
            }
        }
    }
    top.line(&mut out, true)?;
    out.write_all(b"}\n")?;
    out.flush()?;
    Ok(())
}

/// Serialises `value` into `buf` as [`Pretty`] does inside `depth` open arrays
/// and objects.
fn render_at(depth: usize, value: &impl Serialize, buf: &mut Vec<u8>) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        buf,
        Pretty::at(depth),
    ))
}

/// The output of `serde_json::to_writer_pretty`, byte for byte, with each line
/// break and its indentation written at once (serde_json's `PrettyFormatter`
/// writes the two-space indent once per level).
#[derive(Default)]
struct Pretty {
    /// Open arrays and objects.
    depth: usize,
    /// Whether the innermost open array or object has a value yet.
    has_value: bool,
}

/// A comma, a line break and the indentation of 32 levels: every line start is
/// a slice of it.
const LINE_STARTS: &[u8; 66] =
    b",\n                                                                ";

impl Pretty {
    /// The formatter for a value inside `depth` open arrays and objects.
    fn at(depth: usize) -> Self {
        Self {
            depth,
            has_value: false,
        }
    }

    /// Starts a line at the current depth, after a comma unless `first`.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        let from = usize::from(first);
        match LINE_STARTS.get(from..2 + 2 * self.depth) {
            Some(bytes) => w.write_all(bytes),
            None => {
                w.write_all(LINE_STARTS.get(from..2).unwrap_or_default())?;
                (0..self.depth).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
/// actors are listed): what [`write_with`] writes, as a [`Value`].
pub fn to_json_with(dataset: &Dataset, options: &Options) -> Value {
    // The views hold only strings, numbers and string-keyed structs: the conversion
    // cannot fail.
    serde_json::to_value(JsonDoc::new(dataset, options)).unwrap_or(Value::Null)
}

/// Serialises the items of the iterator the closure makes as a JSON array, without
/// collecting them first.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// Serialises a value as the JSON string of its `Display` form (dates), without
/// building the string first.
struct Shown<T>(T);

impl<T: Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// The `dateline/1` document, serialised straight from the dataset: every part is
/// a view that borrows from it, fields in the order of CONTRACTS.md §2.
struct JsonDoc<'a> {
    dataset: &'a Dataset,
    options: &'a Options,
    /// Byte to char offsets, per doc.
    indexes: Vec<CharIndex>,
}

impl<'a> JsonDoc<'a> {
    fn new(dataset: &'a Dataset, options: &'a Options) -> Self {
        let indexes = dataset
            .docs
            .iter()
            .map(|d| CharIndex::new(&d.article.text))
            .collect();
        Self {
            dataset,
            options,
            indexes,
        }
    }

    /// The char offset of byte offset `byte` in doc `doc`'s text.
    fn char(&self, doc: usize, byte: usize) -> usize {
        self.indexes.get(doc).map_or(byte, |i| i.char_offset(byte))
    }

    fn article(&self, doc: usize, a: &'a Article) -> ArticleJson<'a> {
        ArticleJson {
            id: &a.id,
            file: &a.file,
            title: &a.title,
            published: a.published.map(Shown),
            published_source: a.published_source,
            source: a.source.as_deref(),
            url: a.url.as_deref(),
            chars: self.char(doc, a.text.len()),
        }
    }

    fn event(&self, e: &'a Event) -> EventJson<'a> {
        let d = self.dataset;
        EventJson {
            id: &e.id,
            date: &e.value,
            start: Shown(e.interval.start),
            end: Shown(e.interval.end),
            granularity: granularity_name(e.interval.granularity),
            title: &e.title,
            actors: e
                .actors
                .iter()
                .filter_map(|a| d.actors.get(*a))
                .map(|a| a.id.as_str())
                .collect(),
            mentions: e
                .mentions
                .iter()
                .filter_map(|m| {
                    let doc = d.docs.get(m.doc)?;
                    let c = |byte| self.char(m.doc, byte);
                    let t = &m.timex;
                    Some(EventMentionJson {
                        article: &doc.article.id,
                        start: c(m.passage.start),
                        end: c(m.passage.end),
                        timex: TimexJson {
                            start: c(t.span.start),
                            end: c(t.span.end),
                            text: doc.article.text.get(t.span.clone()).unwrap_or_default(),
                            value: &t.value,
                            kind: t.kind,
                            modifier: t.modifier.as_deref(),
                            derivation: &t.derivation,
                        },
                    })
                })
                .collect(),
            curated: e.curated(),
            curation: &e.curation,
        }
    }

    fn actor(&self, a: &'a Actor) -> ActorJson<'a> {
        let d = self.dataset;
        ActorJson {
            id: &a.id,
            name: &a.name,
            kind: a.kind.label(),
            aliases: &a.aliases,
            roles: &a.roles,
            mentions: a
                .mentions
                .iter()
                .filter_map(|r| {
                    let doc = d.docs.get(r.doc)?;
                    let m = doc.extraction.mentions.get(r.mention)?;
                    Some(ActorMentionJson {
                        article: &doc.article.id,
                        start: self.char(r.doc, m.span.start),
                        end: self.char(r.doc, m.span.end),
                    })
                })
                .collect(),
            curated: a.curated(),
            curation: &a.curation,
        }
    }
}

impl JsonDoc<'_> {
    /// The problems of the folder, then the edits that no longer apply.
    fn problems(&self) -> impl Iterator<Item = ProblemJson<'_>> {
        let d = self.dataset;
        let problems = d.problems.iter().map(|p| ProblemJson {
            file: &p.file,
            line: p.line,
            message: Cow::Borrowed(&p.message),
        });
        let orphans = d.orphans.iter().map(|o| ProblemJson {
            file: ORPHAN_FILE,
            line: None,
            message: Cow::Owned(format!(
                "edit {} ({}) no longer applies: {}",
                o.index + 1,
                o.edit,
                o.reason
            )),
        });
        problems.chain(orphans)
    }

    /// Writes the document as its [`Serialize`] form would ([`write_document`]).
    fn write(&self, parallel: bool, out: &mut dyn Write) -> Result<()> {
        let d = self.dataset;
        let events: Vec<&Event> = kept(d, self.options).collect();
        let folder = d.name();
        let schema = |b: &mut Vec<u8>| render_at(1, &"dateline/1", b);
        let folder = |b: &mut Vec<u8>| render_at(1, &folder, b);
        let article = |i: usize, b: &mut Vec<u8>| match d.docs.get(i) {
            Some(doc) => render_at(2, &self.article(i, &doc.article), b),
            None => Ok(()),
        };
        let event = |i: usize, b: &mut Vec<u8>| match events.get(i) {
            Some(e) => render_at(2, &self.event(e), b),
            None => Ok(()),
        };
        let actor = |i: usize, b: &mut Vec<u8>| match d.actors.get(i) {
            Some(a) => render_at(2, &self.actor(a), b),
            None => Ok(()),
        };
        let problems = |b: &mut Vec<u8>| render_at(1, &Seq(|| self.problems()), b);
        write_document(
            &[
                ("schema", Part::Value(&schema)),
                ("folder", Part::Value(&folder)),
                ("articles", Part::Array(d.docs.len(), &article)),
                ("events", Part::Array(events.len(), &event)),
                ("actors", Part::Array(d.actors.len(), &actor)),
                ("problems", Part::Value(&problems)),
            ],
            parallel,
            out,
        )
    }
}

impl Serialize for JsonDoc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.dataset;
        let mut doc = s.serialize_struct("Document", 6)?;
        doc.serialize_field("schema", "dateline/1")?;
        doc.serialize_field("folder", &d.name())?;
        doc.serialize_field(
            "articles",
            &Seq(|| {
                d.docs
                    .iter()
                    .enumerate()
                    .map(|(i, doc)| self.article(i, &doc.article))
            }),
        )?;
        doc.serialize_field(
            "events",
            &Seq(|| kept(d, self.options).map(|e| self.event(e))),
        )?;
        doc.serialize_field("actors", &Seq(|| d.actors.iter().map(|a| self.actor(a))))?;
        doc.serialize_field("problems", &Seq(|| self.problems()))?;
        doc.end()
    }
}

/// The events `options` keep, in order.
fn kept<'a>(dataset: &'a Dataset, options: &'a Options) -> impl Iterator<Item = &'a Event> {
    dataset
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| options.keeps(*i))
        .map(|(_, e)| e)
}

/// An article of the `dateline/1` document.
#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    file: &'a str,
    title: &'a str,
    published: Option<Shown<jiff::civil::Date>>,
    published_source: PublishedSource,
    source: Option<&'a str>,
    url: Option<&'a str>,
    chars: usize,
}

/// An event of the `dateline/1` document; `curated` and `curation` only when the
/// user changed it.
#[derive(Serialize)]
struct EventJson<'a> {
    id: &'a str,
    date: &'a str,
    start: Shown<jiff::civil::Date>,
    end: Shown<jiff::civil::Date>,
    granularity: &'static str,
    title: &'a str,
    actors: Vec<&'a str>,
    mentions: Vec<EventMentionJson<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    curated: bool,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    curation: &'a [String],
}

/// Where an event is reported, in char offsets.
#[derive(Serialize)]
struct EventMentionJson<'a> {
    article: &'a str,
    start: usize,
    end: usize,
    timex: TimexJson<'a>,
}

/// The date expression of an event mention, in char offsets.
#[derive(Serialize)]
struct TimexJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    value: &'a str,
    #[serde(rename = "type")]
    kind: TimexType,
    #[serde(rename = "mod")]
    modifier: Option<&'a str>,
    derivation: &'a str,
}

/// An actor of the `dateline/1` document; `curated` and `curation` only when the
/// user changed it.
#[derive(Serialize)]
struct ActorJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    roles: &'a [String],
    mentions: Vec<ActorMentionJson<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    curated: bool,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    curation: &'a [String],
}

/// An actor mention, in char offsets.
#[derive(Serialize)]
struct ActorMentionJson<'a> {
    article: &'a str,
    start: usize,
    end: usize,
}

/// A problem of the `dateline/1` document: a file that could not be used or an
/// edit that no longer applies.
#[derive(Serialize)]
struct ProblemJson<'a> {
    file: &'a str,
    line: Option<usize>,
    message: Cow<'a, str>,
}

/// The file named by problems about the user's edits.
const ORPHAN_FILE: &str = ".dateline/edits.json";

/// Appends one CSV field to `row`, quoted when it holds a comma, quote or line
/// break (RFC 4180).
fn push_csv_field(row: &mut Vec<u8>, s: &str) {
    // Bytes, not chars: the four are ASCII, which never occurs inside a multi-byte
    // character (a char pattern decodes every character of every passage).
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        row.push(b'"');
        for (i, part) in s.split('"').enumerate() {
            if i > 0 {
                row.extend_from_slice(b"\"\"");
            }
            row.extend_from_slice(part.as_bytes());
        }
        row.push(b'"');
    } else {
        row.extend_from_slice(s.as_bytes());
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

/// Writes the CSV export: the fields of an event (up to its actors) are formatted
/// once and start each of its rows; one write per row.
fn write_csv(dataset: &Dataset, options: &Options, out: &mut dyn Write) -> Result<()> {
    use std::fmt::Write as _;

    out.write_all(CSV_COLUMNS.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    let (mut head, mut row, mut scratch) = (Vec::new(), Vec::new(), String::new());
    for e in kept(dataset, options) {
        head.clear();
        push_csv_field(&mut head, &e.value);
        for date in [e.interval.start, e.interval.end] {
            scratch.clear();
            write!(scratch, "{date}")?;
            head.push(b',');
            push_csv_field(&mut head, &scratch);
        }
        head.push(b',');
        push_csv_field(&mut head, granularity_name(e.interval.granularity));
        head.push(b',');
        push_csv_field(&mut head, &e.title);
        scratch.clear();
        for (i, a) in e
            .actors
            .iter()
            .filter_map(|a| dataset.actors.get(*a))
            .enumerate()
        {
            if i > 0 {
                scratch.push_str("; ");
            }
            scratch.push_str(&a.name);
        }
        head.push(b',');
        push_csv_field(&mut head, &scratch);
        for m in &e.mentions {
            let Some(doc) = dataset.docs.get(m.doc) else {
                continue;
            };
            let a = &doc.article;
            row.clear();
            row.extend_from_slice(&head);
            for field in [
                a.id.as_str(),
                a.source.as_deref().unwrap_or_default(),
                a.text.get(m.passage.clone()).unwrap_or_default(),
                if e.curated() { "true" } else { "" },
            ] {
                row.push(b',');
                push_csv_field(&mut row, field);
            }
            row.extend_from_slice(b"\r\n");
            out.write_all(&row)?;
        }
    }
    Ok(())
}

/// A TimelineJS 3 document: one slide per event, grouped by article.
pub fn to_timelinejs(dataset: &Dataset) -> Value {
    to_timelinejs_with(dataset, &Options::default())
}

/// A TimelineJS 3 document of the events `options` keep: one slide per event, at
/// its precision (`year`, `month`, `day` numbers; `display_date` for weeks,
/// quarters, seasons…), the passage and its source as text, grouped as asked.
/// What [`write_with`] writes, as a [`Value`].
pub fn to_timelinejs_with(dataset: &Dataset, options: &Options) -> Value {
    // As in `to_json_with`: the conversion cannot fail.
    serde_json::to_value(TimelineJs { dataset, options }).unwrap_or(Value::Null)
}

/// The TimelineJS 3 document, serialised straight from the dataset.
struct TimelineJs<'a> {
    dataset: &'a Dataset,
    options: &'a Options,
}

impl<'a> TimelineJs<'a> {
    /// The events that get a slide, with the first mention's article (the slide's
    /// source).
    fn sourced(
        &self,
    ) -> impl Iterator<Item = (&'a Event, &'a EventMention, &'a Article)> + use<'a> {
        let docs = &self.dataset.docs;
        kept(self.dataset, self.options).filter_map(move |e| {
            let m = e.mentions.first()?;
            Some((e, m, &docs.get(m.doc)?.article))
        })
    }

    fn slide(&self, e: &'a Event, m: &'a EventMention, a: &'a Article) -> Slide<'a> {
        let g = e.interval.granularity;
        let group = match self.options.group {
            Group::Article => a.title.as_str(),
            Group::Actor => e
                .actors
                .first()
                .and_then(|x| self.dataset.actors.get(*x))
                .map_or("no actor", |x| x.name.as_str()),
        };
        Slide {
            start_date: TlDate::new(e.interval.start, g),
            text: SlideText {
                headline: Shown(Html(&e.title)),
                text: Shown(SlideBody {
                    passage: a.text.get(m.passage.clone()).unwrap_or_default(),
                    article: a,
                }),
            },
            group,
            unique_id: &e.id,
            end_date: (e.interval.end != e.interval.start && g != Granularity::Day)
                .then(|| TlDate::new(e.interval.end, g)),
            display_date: (!matches!(g, Granularity::Day | Granularity::Month | Granularity::Year))
                .then_some(e.value.as_str()),
        }
    }
}

impl TimelineJs<'_> {
    /// The title slide, for the folder called `name`.
    fn title<'n>(&self, name: &'n str) -> TitleSlide<'n> {
        TitleSlide {
            text: TitleText {
                headline: Shown(Html(name)),
                text: format!(
                    "{} events from {} articles",
                    self.sourced().count(),
                    self.dataset.docs.len()
                ),
            },
        }
    }

    /// Writes the document as its [`Serialize`] form would ([`write_document`]).
    fn write(&self, parallel: bool, out: &mut dyn Write) -> Result<()> {
        let slides: Vec<_> = self.sourced().collect();
        let name = self.dataset.name();
        let title = |b: &mut Vec<u8>| render_at(1, &self.title(&name), b);
        let slide = |i: usize, b: &mut Vec<u8>| match slides.get(i) {
            Some(&(e, m, a)) => render_at(2, &self.slide(e, m, a), b),
            None => Ok(()),
        };
        write_document(
            &[
                ("title", Part::Value(&title)),
                ("events", Part::Array(slides.len(), &slide)),
            ],
            parallel,
            out,
        )
    }
}

impl Serialize for TimelineJs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut doc = s.serialize_struct("TimelineJs", 2)?;
        doc.serialize_field("title", &self.title(&self.dataset.name()))?;
        doc.serialize_field(
            "events",
            &Seq(|| self.sourced().map(|(e, m, a)| self.slide(e, m, a))),
        )?;
        doc.end()
    }
}

/// The title slide.
#[derive(Serialize)]
struct TitleSlide<'a> {
    text: TitleText<'a>,
}

/// The title slide's text: the folder and what the timeline holds.
#[derive(Serialize)]
struct TitleText<'a> {
    headline: Shown<Html<'a>>,
    text: String,
}

/// A TimelineJS slide; `end_date` only for a period longer than a day,
/// `display_date` for dates TimelineJS cannot show at their precision.
#[derive(Serialize)]
struct Slide<'a> {
    start_date: TlDate,
    text: SlideText<'a>,
    group: &'a str,
    unique_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<&'a str>,
}

/// A slide's headline (the event's title) and text (passage and source), as HTML.
#[derive(Serialize)]
struct SlideText<'a> {
    headline: Shown<Html<'a>>,
    text: Shown<SlideBody<'a>>,
}

/// A slide's HTML text: the passage, then the article's title and label in italics.
struct SlideBody<'a> {
    passage: &'a str,
    article: &'a Article,
}

impl Display for SlideBody<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = self.article;
        write!(
            f,
            "<p>{}</p><p><i>{} — {}</i></p>",
            Html(self.passage),
            Html(&a.title),
            Html(&a.label())
        )
    }
}

/// A TimelineJS date object at the event's precision: `month` and `day` only
/// when the granularity has them.
#[derive(Serialize)]
struct TlDate {
    year: i16,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<i8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<i8>,
}

impl TlDate {
    fn new(d: jiff::civil::Date, g: Granularity) -> Self {
        let (month, day) = match g {
            Granularity::Year | Granularity::Decade | Granularity::Century => (None, None),
            Granularity::Month | Granularity::Quarter | Granularity::Half | Granularity::Season => {
                (Some(d.month()), None)
            }
            _ => (Some(d.month()), Some(d.day())),
        };
        Self {
            year: d.year(),
            month,
            day,
        }
    }
}

/// Text with `&`, `<` and `>` escaped for HTML.
struct Html<'a>(&'a str);

impl Display for Html<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        // A byte search: the three are ASCII, so where they are is a char boundary.
        while let Some(i) = rest.bytes().position(|b| matches!(b, b'&' | b'<' | b'>')) {
            let (plain, tail) = rest.split_at(i);
            f.write_str(plain)?;
            f.write_str(match tail.as_bytes().first() {
                Some(b'&') => "&amp;",
                Some(b'<') => "&lt;",
                _ => "&gt;",
            })?;
            rest = tail.get(1..).unwrap_or_default();
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::atomic::AtomicBool;

    use serde::Serialize;

    use super::{
        BufWriter, Format, Html, JsonDoc, Options, Pretty, Result, TimelineJs, push_csv_field,
        write_on,
    };

    /// Writes `doc` as pretty-printed JSON and a final newline, through a buffer (the
    /// serializer makes many small writes).
    fn write_pretty(doc: &impl Serialize, out: &mut dyn Write) -> Result<()> {
        let mut out = BufWriter::with_capacity(1 << 16, out);
        doc.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out,
            Pretty::default(),
        ))?;
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(())
    }

    #[test]
    fn documents_are_written_as_serde_writes_them() -> Result<()> {
        let pipeline = crate::pipeline::Pipeline::new()?.with_cache(None);
        // No article (empty arrays), and more events than a render chunk.
        for n in [0, super::RENDER_CHUNK + 50] {
            let dir = tempfile::tempdir()?;
            let months = ["January", "April", "June", "September"];
            for i in 0..n {
                // A day of its own for each article: no two events merge.
                let month = months.get(i % 4).copied().unwrap_or_default();
                let (day, year) = (i / 4 % 28 + 1, 1950 + i / 112);
                std::fs::write(
                    dir.path().join(format!("a{i:05}.txt")),
                    format!(
                        "Council {i} meets\nThe council of district {i} met on {month} {day}, \
                         {year}, where Mayor Anna Berg said the plan would pass.\n"
                    ),
                )?;
            }
            let d = pipeline.run(dir.path(), &mut |_| {}, &AtomicBool::new(false))?;
            assert!(d.events.len() >= n, "{} events", d.events.len());
            let options = Options::default();
            for format in [Format::Json, Format::TimelineJs] {
                let mut theirs = Vec::new();
                match format {
                    Format::Json => write_pretty(&JsonDoc::new(&d, &options), &mut theirs)?,
                    _ => write_pretty(
                        &TimelineJs {
                            dataset: &d,
                            options: &options,
                        },
                        &mut theirs,
                    )?,
                }
                for parallel in [true, false] {
                    let mut ours = Vec::new();
                    write_on(&d, format, &options, parallel, &mut ours)?;
                    assert!(ours == theirs, "{format:?} of {n} articles differs");
                }
            }
        }
        Ok(())
    }

    #[test]
    fn pretty_writes_what_serde_json_writes() {
        let mut deep = serde_json::json!([{"k": [1, {}, []]}]);
        for depth in 0..40 {
            deep = serde_json::json!({"depth": depth, "in": [deep, "x", null, []], "e": {}});
        }
        let mut ours = Vec::new();
        let done = deep.serialize(&mut serde_json::Serializer::with_formatter(
            &mut ours,
            Pretty::default(),
        ));
        assert!(done.is_ok());
        let theirs = serde_json::to_string_pretty(&deep).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&ours), theirs);
    }

    #[test]
    fn html_escaping() {
        assert_eq!(Html("plain").to_string(), "plain");
        assert_eq!(
            Html("<b>Ça & “ça”</b>>").to_string(),
            "&lt;b&gt;Ça &amp; “ça”&lt;/b&gt;&gt;"
        );
    }

    #[test]
    fn csv_quoting() {
        let field = |s: &str| {
            let mut row = Vec::new();
            push_csv_field(&mut row, s);
            String::from_utf8(row).unwrap_or_default()
        };
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, \"b\"\nc"), "\"a, \"\"b\"\"\nc\"");
        assert_eq!(field("\"\""), "\"\"\"\"\"\"");
        assert_eq!(field("cr\r"), "\"cr\r\"");
    }
}
