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
//! - **Layout**: `<cache dir>/<hash of the folder path>.model.bin`, next to
//!   [`crate::cache::file_for`]'s file, never inside the folder.
//! - **Format**: an 8-byte magic, the model version, the fingerprint, a checksum of
//!   the payload, then the payload in bincode.
//! - **Safety**: a snapshot that is missing, old, truncated, corrupt or whose
//!   indices or byte ranges do not fit its articles is ignored and rewritten,
//!   never an error. It holds the machine's results only: the user's corrections
//!   are applied after loading, as after an extraction.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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

/// Feeds `bytes` into a 64-bit FNV-1a state (small inputs: names and numbers).
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// FNV-1a offset basis.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

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

/// A running checksum of a large payload, fed eight bytes at a time as they are
/// written or read (a corrupt or truncated file is told from a sound one; this is
/// not a cryptographic hash).
#[derive(Debug)]
struct Sum<T> {
    inner: T,
    h: u64,
    len: u64,
    carry: [u8; 8],
    carried: usize,
}

impl<T> Sum<T> {
    fn new(inner: T) -> Self {
        Self {
            inner,
            h: FNV_START,
            len: 0,
            carry: [0; 8],
            carried: 0,
        }
    }

    fn word(&mut self, w: [u8; 8]) {
        self.h = (self.h ^ u64::from_le_bytes(w)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.h ^= self.h >> 29;
    }

    fn feed(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        while !bytes.is_empty() {
            let take = (8 - self.carried).min(bytes.len());
            let (head, rest) = bytes.split_at(take);
            self.carry[self.carried..self.carried + take].copy_from_slice(head);
            self.carried += take;
            bytes = rest;
            if self.carried == 8 {
                self.word(self.carry);
                self.carried = 0;
            }
        }
    }

    fn finish(&self) -> u64 {
        let h = fnv(self.h, &self.carry[..self.carried]);
        fnv(h, &self.len.to_le_bytes())
    }
}

impl<W: Write> Write for Sum<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.feed(buf.get(..n).unwrap_or_default());
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Sum<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.feed(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
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
        h = fnv(h, path.as_os_str().as_encoded_bytes());
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

/// The stored part of a model, borrowed for writing.
#[derive(Serialize)]
struct Stored<'a> {
    docs: &'a [Doc],
    events: &'a [Event],
    actors: &'a [Actor],
    problems: &'a [Problem],
    mention_actors: &'a [Vec<Option<usize>>],
    actor_events: &'a [Vec<usize>],
}

/// The stored part of a model, as read.
#[derive(Deserialize)]
struct Loaded {
    docs: Vec<Doc>,
    events: Vec<Event>,
    actors: Vec<Actor>,
    problems: Vec<Problem>,
    mention_actors: Vec<Vec<Option<usize>>>,
    actor_events: Vec<Vec<usize>>,
}

impl Loaded {
    /// Whether every index points into the model and every byte range lies on char
    /// boundaries of its article.
    fn fits(&self) -> bool {
        let docs = self.docs.len();
        let actors = self.actors.len();
        let text = |d: usize| self.docs.get(d).map(|d| d.article.text.as_str());
        let on = |d: usize, r: &std::ops::Range<usize>| {
            text(d).is_some_and(|t| {
                r.start <= r.end && t.is_char_boundary(r.start) && t.is_char_boundary(r.end)
            })
        };
        self.mention_actors.len() == docs
            && self.actor_events.len() == actors
            && self
                .docs
                .iter()
                .all(|d| crate::cache::fits(&d.extraction, &d.article.text))
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
                .flatten()
                .all(|&e| e < self.events.len())
    }
}

/// Size of the header: magic, model version, fingerprint, checksum.
const HEADER: usize = 32;

/// Writes `dataset`'s machine results as a snapshot with `fingerprint` to `out`,
/// streaming (no copy of the payload in memory).
fn encode(
    dataset: &Dataset,
    fingerprint: u64,
    out: &mut (impl Write + Seek),
) -> std::io::Result<()> {
    let stored = Stored {
        docs: &dataset.docs,
        events: &dataset.events,
        actors: &dataset.actors,
        problems: &dataset.problems,
        mention_actors: &dataset.mention_actors,
        actor_events: &dataset.actor_events,
    };
    let mut header = [0u8; HEADER];
    header[..8].copy_from_slice(MAGIC);
    header[8..16].copy_from_slice(&model_version().to_le_bytes());
    header[16..24].copy_from_slice(&fingerprint.to_le_bytes());
    out.write_all(&header)?;
    let mut sum = Sum::new(std::io::BufWriter::with_capacity(1 << 16, &mut *out));
    bincode::serialize_into(&mut sum, &stored).map_err(std::io::Error::other)?;
    sum.flush()?;
    let total = sum.finish();
    drop(sum);
    out.seek(SeekFrom::Start(24))?;
    out.write_all(&total.to_le_bytes())?;
    out.flush()
}

/// Reads a snapshot of `root` with `fingerprint` from `input`; `None` when it is
/// not a sound snapshot of this version and fingerprint.
fn decode(input: impl Read, fingerprint: u64, root: &Path) -> Option<Dataset> {
    let mut input = std::io::BufReader::with_capacity(1 << 16, input);
    let mut header = [0u8; HEADER];
    input.read_exact(&mut header).ok()?;
    let field = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(header.get(i..i + 8)?);
        Some(u64::from_le_bytes(b))
    };
    if header.get(..8)? != MAGIC || field(8)? != model_version() || field(16)? != fingerprint {
        return None;
    }
    let mut sum = Sum::new(input);
    let loaded: Loaded = bincode::deserialize_from(&mut sum).ok()?;
    // Nothing may follow the payload, and the whole of it must sum up.
    let mut rest = [0u8; 1];
    if sum.read(&mut rest).ok()? != 0 || sum.finish() != field(24)? || !loaded.fits() {
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
        ..Dataset::default()
    })
}

/// The model of `root` kept at `path`, if it is there and was written for this
/// version and `fingerprint`.
pub fn read(path: &Path, fingerprint: u64, root: &Path) -> Option<Dataset> {
    decode(std::fs::File::open(path).ok()?, fingerprint, root)
}

/// Writes `dataset`'s machine results as the snapshot `path` with `fingerprint`,
/// creating its folder. The file is replaced by a rename, without waiting for the
/// disk: after a crash it is at worst unreadable, and then ignored.
pub fn write(path: &Path, fingerprint: u64, dataset: &Dataset) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "model.bin".into());
    // Unique per process and call: two threads may write the same snapshot.
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{seq}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut file| encode(dataset, fingerprint, &mut file))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn checksum(bytes: &[u8]) -> u64 {
        let mut sum = Sum::new(());
        sum.feed(bytes);
        sum.finish()
    }

    #[test]
    fn checksum_tells_every_byte_and_does_not_depend_on_chunking() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1001).collect();
        let whole = checksum(&data);
        for i in [0, 7, 8, 500, 999, 1000] {
            let mut d = data.clone();
            d[i] ^= 1;
            assert_ne!(checksum(&d), whole, "byte {i}");
        }
        assert_ne!(checksum(&data[..1000]), whole, "truncated");
        let mut pieces = Sum::new(());
        for chunk in data.chunks(3) {
            pieces.feed(chunk);
        }
        assert_eq!(pieces.finish(), whole);
    }

    fn encoded(dataset: &Dataset, fingerprint: u64) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        encode(dataset, fingerprint, &mut out).unwrap();
        out.into_inner()
    }

    #[test]
    fn decode_rejects_garbage_other_versions_and_other_fingerprints() {
        let dataset = Dataset::default();
        let root = Path::new("/x");
        let bytes = encoded(&dataset, 42);
        assert!(decode(&bytes[..], 42, root).is_some());
        assert!(
            decode(&bytes[..], 43, root).is_none(),
            "another fingerprint"
        );
        assert!(decode(&b"nonsense"[..], 42, root).is_none());
        assert!(decode(&bytes[..bytes.len() - 1], 42, root).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer[..], 42, root).is_none(), "trailing bytes");
        let mut old = bytes.clone();
        old[8] ^= 1;
        assert!(decode(&old[..], 42, root).is_none(), "another version");
        let mut flipped = bytes;
        if let Some(b) = flipped.last_mut() {
            *b ^= 1;
        }
        assert!(decode(&flipped[..], 42, root).is_none());
    }
}
