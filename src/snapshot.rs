//! The model snapshot: the whole model built for a folder (articles, extractions,
//! events, actors and their indices), kept beside the folder's extraction cache so
//! that reopening a folder in which no file changed skips reading the articles,
//! extracting them and building the model.
//!
//! - **Validity**: the snapshot records a [`fingerprint`] of the folder — every
//!   listed file's relative path, size, modification time (to the nanosecond) and,
//!   on Unix, inode and status-change time, and the same of `meta.jsonl` — and the
//!   [`model_version`] (the pipeline version plus the model-building code). Any
//!   difference and the snapshot is ignored; the per-article extraction cache
//!   ([`crate::cache`]) then still spares the unchanged articles.
//! - **Layout**: `<cache dir>/<hash of the folder path>.model.bin` (events, actors,
//!   indices) and `….model.docs.bin` (the articles and their extractions), read
//!   in parallel, next to [`crate::cache::file_for`]'s file, never inside the
//!   folder. A run writes the articles file while it builds the model
//!   ([`write_docs`]) and the model file after ([`write_model`]).
//! - **Format**: [`crate::binfile`]'s, with the model version and the fingerprint
//!   in the header.
//! - **Safety**: a snapshot that is missing, old, truncated, corrupt or whose
//!   indices or byte ranges do not fit its articles is ignored and rewritten,
//!   never an error. It holds the machine's results only: the user's corrections
//!   are applied after loading, as after an extraction.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::binfile::{FNV_START, fnv};
use crate::cache::on_boundaries;
use crate::corpus::Problem;
use crate::model::{Actor, Dataset, Doc, Event};

/// First bytes of every snapshot file.
const MAGIC: &[u8; 8] = b"DLXSNAP1";

/// The code that builds the model from extractions, beyond what
/// [`crate::cache::pipeline_version`] covers.
const BUILD_INPUTS: &[&str] = &[
    include_str!("merge.rs"),
    include_str!("curation.rs"),
    include_str!("snapshot.rs"),
    include_str!("../assets/events/synonyms.tsv"),
];

/// The model version: the pipeline version and the model-building code.
pub fn model_version() -> u64 {
    static VERSION: OnceLock<u64> = OnceLock::new();
    *VERSION.get_or_init(|| {
        let mut h = fnv(FNV_START, &crate::cache::pipeline_version().to_le_bytes());
        for input in BUILD_INPUTS {
            h = fnv(h, input.as_bytes());
            h = fnv(h, &[0xff]);
        }
        h
    })
}

/// The snapshot file for the folder (or file) `root` inside cache directory `dir`.
pub fn file_for(dir: &Path, root: &Path) -> PathBuf {
    crate::cache::file_for(dir, root).with_extension("model.bin")
}

/// What identifies one version of a file: size, modification time and (on Unix)
/// inode and status-change time.
fn stamp(meta: &std::fs::Metadata) -> [u64; 5] {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    #[cfg(unix)]
    let (ino, ctime) = {
        use std::os::unix::fs::MetadataExt;
        (
            meta.ino(),
            (meta.ctime() as u64) << 32 ^ meta.ctime_nsec() as u64,
        )
    };
    #[cfg(not(unix))]
    let (ino, ctime) = (0, 0);
    [
        meta.len(),
        modified.as_secs(),
        u64::from(modified.subsec_nanos()),
        ino,
        ctime,
    ]
}

/// The fingerprint of `files` (as listed in `folder`) and the folder's
/// `meta.jsonl`: `None` when a file's metadata cannot be read (then no snapshot
/// is used or written).
pub fn fingerprint(folder: &Path, files: &[PathBuf]) -> Option<u64> {
    let stamps: Vec<[u64; 5]> = files
        .par_iter()
        .map(|p| std::fs::metadata(p).ok().map(|m| stamp(&m)))
        .collect::<Option<_>>()?;
    let mut h = fnv(FNV_START, &(files.len() as u64).to_le_bytes());
    for (path, stamp) in files.iter().zip(&stamps) {
        // Relative: the same folder may be named by another path next time.
        let name = path.strip_prefix(folder).unwrap_or(path);
        h = fnv(h, name.as_os_str().as_encoded_bytes());
        h = fnv(h, &[0]);
        for n in stamp {
            h = fnv(h, &n.to_le_bytes());
        }
    }
    let meta = folder.join(crate::corpus::meta::FILE_NAME);
    if let Ok(m) = std::fs::symlink_metadata(&meta) {
        h = fnv(h, b"meta");
        for n in stamp(&m) {
            h = fnv(h, &n.to_le_bytes());
        }
        if let Ok(target) = std::fs::metadata(&meta) {
            for n in stamp(&target) {
                h = fnv(h, &n.to_le_bytes());
            }
        }
    }
    Some(h)
}

/// The stored part of a model besides the articles of the other file, borrowed
/// for writing.
#[derive(Serialize)]
struct Stored<'a> {
    /// The first articles (see [`split`]).
    head: &'a [Arc<Doc>],
    events: &'a [Event],
    actors: &'a [Actor],
    problems: &'a [Problem],
    mention_actors: &'a [Vec<Option<usize>>],
    actor_events: &'a [Vec<usize>],
    doc_events: &'a [Vec<usize>],
}

/// The stored part of a model, as read (the articles: `head` here, the rest from
/// the other file).
#[derive(Deserialize)]
struct Loaded {
    #[serde(rename = "head")]
    docs: Vec<Arc<Doc>>,
    events: Vec<Event>,
    actors: Vec<Actor>,
    problems: Vec<Problem>,
    mention_actors: Vec<Vec<Option<usize>>>,
    actor_events: Vec<Vec<usize>>,
    doc_events: Vec<Vec<usize>>,
}

impl Loaded {
    /// Whether every index points into the model and every byte range lies on char
    /// boundaries of its article.
    fn fits(&self) -> bool {
        let docs = self.docs.len();
        let actors = self.actors.len();
        let on = |d: usize, r: &std::ops::Range<usize>| {
            self.docs
                .get(d)
                .is_some_and(|d| on_boundaries(&d.article.text, r))
        };
        self.mention_actors.len() == docs
            && self.actor_events.len() == actors
            && self.doc_events.len() == docs
            && self.docs.iter().all(|d| {
                let a = &d.article;
                let ok = |r: &std::ops::Range<usize>| on_boundaries(&a.text, r);
                crate::cache::fits(&d.extraction, &a.text)
                    && ok(&a.title_line)
                    && a.furniture.iter().chain(&a.markup).all(ok)
                    && a.published_span.as_ref().is_none_or(ok)
            })
            && self.events.iter().all(|e| {
                e.actors.iter().all(|&a| a < actors)
                    && e.mentions
                        .iter()
                        .all(|m| on(m.doc, &m.passage) && on(m.doc, &m.timex.span))
            })
            && self.actors.iter().all(|a| {
                a.mentions.iter().all(|r| {
                    self.docs
                        .get(r.doc)
                        .is_some_and(|d| r.mention < d.extraction.mentions.len())
                })
            })
            && self.mention_actors.iter().zip(&self.docs).all(|(m, d)| {
                m.len() == d.extraction.mentions.len() && m.iter().flatten().all(|&a| a < actors)
            })
            && self
                .actor_events
                .iter()
                .chain(&self.doc_events)
                .flatten()
                .all(|&e| e < self.events.len())
    }
}

/// The header of the snapshot written with `fingerprint`.
fn header(fingerprint: u64) -> crate::binfile::Header {
    crate::binfile::Header {
        magic: MAGIC,
        version: model_version(),
        key: fingerprint,
    }
}

/// The file beside the snapshot `path` that holds most of its articles: the two
/// files are read (and written) in parallel.
pub fn docs_file(path: &Path) -> PathBuf {
    path.with_extension("docs.bin")
}

/// How many of `docs` go in the model file with the events and actors, so that the
/// two files are about the same size (read in the same time): the events and
/// actors weigh about half as much as the articles.
fn split(docs: &[Arc<Doc>]) -> usize {
    docs.len() / 5
}

/// The model of `root` kept at `path` (and [`docs_file`]), if it is there, sound
/// and was written for this version and `fingerprint`.
pub fn read(path: &Path, fingerprint: u64, root: &Path) -> Option<Dataset> {
    let (docs, loaded) = rayon::join(
        || crate::binfile::read::<Vec<Arc<Doc>>>(&docs_file(path), header(fingerprint)),
        || crate::binfile::read::<Loaded>(path, header(fingerprint)),
    );
    let mut loaded = loaded?;
    loaded.docs.extend(docs?);
    if !loaded.fits() {
        return None;
    }
    Some(Dataset {
        root: root.to_path_buf(),
        docs: loaded.docs,
        events: loaded.events,
        actors: loaded.actors,
        problems: loaded.problems,
        mention_actors: loaded.mention_actors,
        actor_events: loaded.actor_events,
        doc_events: loaded.doc_events,
        ..Dataset::default()
    })
}

/// Writes `dataset`'s machine results as the snapshot `path` (and [`docs_file`])
/// with `fingerprint`.
pub fn write(path: &Path, fingerprint: u64, dataset: &Dataset) -> std::io::Result<()> {
    let (docs, model) = rayon::join(
        || write_docs(path, fingerprint, &dataset.docs),
        || write_model(path, fingerprint, dataset),
    );
    docs.and(model)
}

/// The [`docs_file`] part of [`write`], which needs only the model's articles
/// (`docs`): it can be written while the model is built.
pub fn write_docs(path: &Path, fingerprint: u64, docs: &[Arc<Doc>]) -> std::io::Result<()> {
    let rest = docs.get(split(docs)..).unwrap_or_default();
    crate::binfile::write(&docs_file(path), header(fingerprint), &rest)
}

/// The model file part of [`write`]: the events, actors and indices of `dataset`,
/// with the articles [`write_docs`] leaves out.
pub fn write_model(path: &Path, fingerprint: u64, dataset: &Dataset) -> std::io::Result<()> {
    let head = dataset.docs.get(..split(&dataset.docs)).unwrap_or_default();
    let stored = Stored {
        head,
        events: &dataset.events,
        actors: &dataset.actors,
        problems: &dataset.problems,
        mention_actors: &dataset.mention_actors,
        actor_events: &dataset.actor_events,
        doc_events: &dataset.doc_events,
    };
    crate::binfile::write(path, header(fingerprint), &stored)
}
