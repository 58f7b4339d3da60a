//! The extraction cache: what [`Pipeline::extract`](crate::pipeline::Pipeline::extract)
//! found in each article, kept between runs so that reopening a folder only
//! re-extracts the files that changed.
//!
//! - **Key**: a 64-bit FNV-1a hash of everything extraction reads from an article
//!   (its text, publication date, title line and page-furniture ranges).
//! - **Version**: [`pipeline_version`] hashes the crate version, the bundled rule
//!   assets and the extraction sources; a file written by another version is ignored.
//! - **Layout**: one file per opened folder, `<dir>/<hash of the folder path>.bin`,
//!   under the platform cache directory ([`default_dir`]), never inside the folder.
//! - **Format**: [`crate::binfile`]'s (magic, version, checksum, then the payload
//!   in bincode: `Vec<(key, ArticleExtraction)>`).
//! - **Safety**: files are replaced by a rename; a file that is missing, old,
//!   truncated, corrupt or whose spans do not fit the text is ignored and rebuilt,
//!   never an error.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::binfile::{FNV_START, fnv};
use crate::corpus::Article;
use crate::model::ArticleExtraction;

/// First bytes of every cache file.
const MAGIC: &[u8; 8] = b"DLXCACH2";

/// Environment variable that, set to `1`, turns the cache off.
pub const NO_CACHE_ENV: &str = "DATELINE_NO_CACHE";

/// Everything whose change must invalidate cached extractions: the bundled rules
/// and the code that interprets them.
const INPUTS: &[&str] = &[
    include_str!("../assets/corpus/furniture.tsv"),
    include_str!("../assets/months.tsv"),
    include_str!("../assets/timex/rules.tsv"),
    include_str!("../assets/timex/patterns.tsv"),
    include_str!("../assets/timex/words.tsv"),
    include_str!("../assets/timex/tense.tsv"),
    include_str!("../assets/timex/holidays.tsv"),
    include_str!("../assets/timex/national_days.tsv"),
    include_str!("../assets/timex/countries.tsv"),
    include_str!("../assets/timex/holiday_dates.tsv"),
    include_str!("../assets/timex/past_irregular.txt"),
    include_str!("../assets/corpus/binary_magic.tsv"),
    include_str!("../assets/actors/known.tsv"),
    include_str!("../assets/actors/firstnames.txt"),
    include_str!("../assets/actors/surnames.txt"),
    include_str!("../assets/actors/demonyms.tsv"),
    include_str!("../assets/actors/org_keywords.tsv"),
    include_str!("../assets/actors/titles.txt"),
    include_str!("../assets/actors/stopwords.txt"),
    include_str!("../assets/actors/places.tsv"),
    include_str!("../assets/actors/furniture.txt"),
    include_str!("../assets/actors/state_abbreviations.tsv"),
    include_str!("../assets/actors/syllables.tsv"),
    include_str!("../assets/actors/common_words.txt"),
    include_str!("../assets/actors/person_cues.tsv"),
    include_str!("corpus/mod.rs"),
    include_str!("corpus/furniture.rs"),
    include_str!("corpus/decode.rs"),
    include_str!("corpus/infer.rs"),
    include_str!("corpus/html.rs"),
    include_str!("corpus/markdown.rs"),
    include_str!("corpus/pdf.rs"),
    include_str!("corpus/meta.rs"),
    include_str!("pipeline.rs"),
    include_str!("extract/segment.rs"),
    include_str!("extract/mod.rs"),
    include_str!("extract/automaton.rs"),
    include_str!("extract/events.rs"),
    include_str!("extract/timex/mod.rs"),
    include_str!("extract/timex/rules.rs"),
    include_str!("extract/timex/resolve.rs"),
    include_str!("extract/timex/calendar.rs"),
    include_str!("extract/timex/person.rs"),
    include_str!("extract/timex/country.rs"),
    include_str!("extract/timex/range.rs"),
    include_str!("extract/timex/tense.rs"),
    include_str!("extract/timex/value.rs"),
    include_str!("extract/actors/mod.rs"),
    include_str!("extract/actors/chunk.rs"),
    include_str!("extract/actors/classify.rs"),
    include_str!("extract/actors/lexicon.rs"),
    include_str!("extract/actors/resolve.rs"),
    include_str!("extract/actors/token.rs"),
    include_str!("model.rs"),
];

/// The pipeline version: a hash of the crate version, the bundled assets and the
/// extraction sources, computed at first use.
pub fn pipeline_version() -> u64 {
    static VERSION: OnceLock<u64> = OnceLock::new();
    *VERSION.get_or_init(|| {
        let mut h = fnv(FNV_START, env!("CARGO_PKG_VERSION").as_bytes());
        for input in INPUTS {
            h = fnv(h, input.as_bytes());
            h = fnv(h, &[0xff]);
        }
        h
    })
}

/// The cache key of an article: a hash of everything extraction reads from it.
pub fn article_key(article: &Article) -> u64 {
    let mut h = fnv(FNV_START, article.text.as_bytes());
    let date = article.published.map(|d| d.to_string()).unwrap_or_default();
    h = fnv(h, &[0xff]);
    h = fnv(h, date.as_bytes());
    let range = |h: u64, r: &Range<usize>| {
        let h = fnv(h, &(r.start as u64).to_le_bytes());
        fnv(h, &(r.end as u64).to_le_bytes())
    };
    h = range(h, &article.title_line);
    for r in &article.furniture {
        h = range(h, r);
    }
    h = fnv(h, &[0xfe]);
    for r in &article.markup {
        h = range(h, r);
    }
    h
}

/// The platform cache directory for dateline: `$XDG_CACHE_HOME/dateline`, else
/// `~/.cache/dateline`; `None` when neither is known or `DATELINE_NO_CACHE=1`.
pub fn default_dir() -> Option<PathBuf> {
    if std::env::var(NO_CACHE_ENV).is_ok_and(|v| v == "1") {
        return None;
    }
    crate::fsutil::user_dir("XDG_CACHE_HOME", ".cache")
}

/// The cache file for the folder (or file) `root` inside cache directory `dir`.
pub fn file_for(dir: &Path, root: &Path) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let h = fnv(FNV_START, root.to_string_lossy().as_bytes());
    dir.join(format!("{h:016x}.bin"))
}

/// Cached extractions of one folder, loaded for a run. Each entry is handed out
/// once (so it is moved, not cloned, into the dataset).
#[derive(Debug, Default)]
pub struct Loaded {
    entries: HashMap<u64, Mutex<Option<ArticleExtraction>>>,
    /// An entry did not fit its article: the file must be rewritten.
    stale: AtomicBool,
}

impl Loaded {
    /// Reads the cache file at `path`; anything unreadable gives an empty cache.
    pub fn read(path: &Path) -> Self {
        let entries: Option<Vec<(u64, ArticleExtraction)>> = crate::binfile::read(path, header());
        entries.map_or_else(Self::default, |entries| Self {
            entries: entries
                .into_iter()
                .map(|(k, x)| (k, Mutex::new(Some(x))))
                .collect(),
            stale: AtomicBool::new(false),
        })
    }

    /// Number of entries read.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was read.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether an entry for `key` was read (taken or not).
    pub fn contains(&self, key: u64) -> bool {
        self.entries.contains_key(&key)
    }

    /// Takes the extraction cached for `article` under `key`, if it is there and
    /// its byte ranges fit the article's text.
    pub fn take(&self, key: u64, article: &Article) -> Option<ArticleExtraction> {
        let slot = self.entries.get(&key)?;
        let extraction = slot.lock().ok()?.take()?;
        if fits(&extraction, &article.text) {
            Some(extraction)
        } else {
            self.stale.store(true, Ordering::Relaxed);
            None
        }
    }

    /// Whether an entry was found not to fit its article.
    pub fn is_stale(&self) -> bool {
        self.stale.load(Ordering::Relaxed)
    }
}

/// Whether `r` is a forward range whose ends are char boundaries of `text` (so
/// inside it).
pub(crate) fn on_boundaries(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
}

/// Whether every byte range of `x` lies on char boundaries of `text`.
pub(crate) fn fits(x: &ArticleExtraction, text: &str) -> bool {
    let ok = |r: &Range<usize>| on_boundaries(text, r);
    x.sentences.iter().all(ok)
        && x.timexes.iter().all(|t| ok(&t.span))
        && x.mentions.iter().all(|m| ok(&m.span))
        && x.events.iter().all(|e| {
            ok(&e.passage)
                && e.timex < x.timexes.len()
                && e.actors.iter().all(|&a| a < x.mentions.len())
        })
}

/// The header of cache files of this version.
fn header() -> crate::binfile::Header {
    crate::binfile::Header {
        magic: MAGIC,
        version: pipeline_version(),
        key: 0,
    }
}

/// Writes `entries` as the cache file `path`, creating its folder.
pub fn write(path: &Path, entries: &[(u64, &ArticleExtraction)]) -> std::io::Result<()> {
    crate::binfile::write_seq(path, header(), entries)
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_rule_file_and_extraction_source_invalidates_the_cache() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        for dir in [
            "src/corpus",
            "src/extract",
            "src/extract/timex",
            "src/extract/actors",
            "assets/timex",
            "assets/actors",
            "assets/corpus",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let rules = name.ends_with(".tsv") || name.ends_with(".txt");
                let code = name.ends_with(".rs") && name != "tests.rs";
                if !(rules || code) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if !INPUTS.contains(&text.as_str()) {
                    missing.push(format!("{dir}/{name}"));
                }
            }
        }
        assert!(missing.is_empty(), "add to INPUTS: {missing:?}");
    }

    use super::*;

    #[test]
    fn ranges_must_fit_the_text() {
        let x = ArticleExtraction {
            sentences: std::iter::once(0..5).collect(),
            ..ArticleExtraction::default()
        };
        assert!(fits(&x, "hello world"));
        assert!(!fits(&x, "hey"));
        let split = ArticleExtraction {
            sentences: std::iter::once(0..2).collect(),
            ..ArticleExtraction::default()
        };
        assert!(!fits(&split, "aé"), "byte 2 is inside 'é'");
    }
}
