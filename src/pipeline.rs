//! The extraction pipeline: corpus → sentences → temporal expressions → actors →
//! events → [`Dataset`]. Built once (rules compiled), then run on folders or single
//! articles, reporting progress and honouring cancellation.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::meta::Meta;
use crate::corpus::{Article, CorpusError, Problem, Reader, list_files};
use crate::extract::actors::{ActorError, Recognizer};
use crate::extract::timex::{RuleError, Tagger};
use crate::extract::{events, segment};
use crate::model::{ArticleExtraction, Dataset, Doc};

/// Why the pipeline could not run.
#[derive(Debug)]
pub enum PipelineError {
    /// The folder could not be read, or the corpus rules are broken.
    Corpus(CorpusError),
    /// The temporal rules are broken (a build defect).
    Timex(RuleError),
    /// The actor rules are broken (a build defect).
    Actors(ActorError),
    /// The user cancelled the run.
    Cancelled,
}

impl std::fmt::Display for PipelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Corpus(e) => e.fmt(f),
            Self::Timex(e) => e.fmt(f),
            Self::Actors(e) => e.fmt(f),
            Self::Cancelled => f.write_str("cancelled"),
        }
    }
}

impl std::error::Error for PipelineError {}

impl From<CorpusError> for PipelineError {
    fn from(e: CorpusError) -> Self {
        Self::Corpus(e)
    }
}

/// `passage` grown over the markup that touches its ends ("*Cranes* were …"
/// starts at the opening `*`, not inside the emphasis).
fn with_markup(
    markup: &[std::ops::Range<usize>],
    mut passage: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    while let Some(m) = markup
        .iter()
        .find(|m| m.end == passage.start && m.start < passage.start)
    {
        passage.start = m.start;
    }
    while let Some(m) = markup
        .iter()
        .find(|m| m.start == passage.end && m.end > passage.end)
    {
        passage.end = m.end;
    }
    passage
}

/// A folder's files, listed and stamped once ([`Pipeline::list`]).
#[derive(Debug)]
pub struct Listing {
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    /// The snapshot file and the files' fingerprint, with a cache folder.
    snapshot: Option<(PathBuf, u64)>,
}

impl Listing {
    /// How many files were listed.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was listed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The model of `root` from its snapshot, when no file changed since it was
    /// written: what a run would give, without compiling the rules.
    pub fn snapshot(&self, root: &Path) -> Option<Dataset> {
        let (path, print) = self.snapshot.as_ref()?;
        crate::snapshot::read(path, *print, root)
    }
}

/// The snapshot a folder run leaves to write ([`Pipeline::run_deferred`]).
#[derive(Debug, Default)]
#[must_use = "the snapshot is only written by `PendingSnapshot::write`"]
pub struct PendingSnapshot {
    /// The snapshot file and the folder's fingerprint, with a cache folder.
    snapshot: Option<(PathBuf, u64)>,
    /// Whether its articles' file is written already (while the model was built).
    docs_written: bool,
}

/// An extraction cache file to write for a model.
#[derive(Debug)]
struct ExtractionCache {
    path: PathBuf,
    /// The keys of the model's articles, in order.
    keys: Vec<u64>,
    /// The keys and extractions of the duplicates left out of the model.
    gone: Vec<(u64, ArticleExtraction)>,
}

impl ExtractionCache {
    /// Writes the extractions of `docs` (the model's articles, whose keys are
    /// `self.keys`) and of the duplicates. Failures are ignored, as in
    /// [`PendingSnapshot::write`].
    fn write(self, docs: &[Arc<Doc>]) {
        let Self { path, keys, gone } = self;
        let mut entries: Vec<(u64, &ArticleExtraction)> = keys
            .iter()
            .copied()
            .zip(docs.iter().map(|d| &d.extraction))
            .chain(gone.iter().map(|(key, extraction)| (*key, extraction)))
            .collect();
        entries.sort_unstable_by_key(|e| e.0);
        entries.dedup_by_key(|e| e.0);
        let _ = crate::cache::write(&path, &entries);
    }
}

impl PendingSnapshot {
    /// Writes the snapshot of `dataset`, the model the run gave (before any
    /// correction). A cache that cannot be written only costs time on the next
    /// run, so failures are ignored.
    pub fn write(self, dataset: &Dataset) {
        let Some((path, print)) = self.snapshot else {
            return;
        };
        let _ = if self.docs_written {
            crate::snapshot::write_model(&path, print, dataset)
        } else {
            crate::snapshot::write(&path, print, dataset)
        };
    }
}

/// Progress of a folder run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Articles done.
    pub done: usize,
    /// Articles in all.
    pub total: usize,
}

/// The compiled pipeline.
#[derive(Debug)]
pub struct Pipeline {
    reader: Reader,
    tagger: Tagger,
    recognizer: Recognizer,
    cache: Option<std::path::PathBuf>,
}

impl Pipeline {
    /// Compiles all bundled rules. The extraction cache is on, in the platform
    /// cache directory ([`crate::cache::default_dir`]), unless `DATELINE_NO_CACHE=1`.
    pub fn new() -> Result<Self, PipelineError> {
        // The rule sets are compiled side by side (the date rules are most of it).
        let (tagger, (reader, recognizer)) =
            rayon::join(Tagger::new, || rayon::join(Reader::new, Recognizer::new));
        Ok(Self {
            reader: reader?,
            tagger: tagger.map_err(PipelineError::Timex)?,
            recognizer: recognizer.map_err(PipelineError::Actors)?,
            cache: crate::cache::default_dir(),
        })
    }

    /// Uses an extraction cache in folder `dir` (`None`: no cache). Tests pass a
    /// temporary folder.
    #[must_use]
    pub fn with_cache(mut self, dir: Option<std::path::PathBuf>) -> Self {
        self.cache = dir;
        self
    }

    /// The corpus reader.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// Extracts one article.
    /// Inline markup is seen through: extraction reads [`Article::extraction_text`],
    /// whose ranges are those of the article's text.
    pub fn extract(&self, article: &Article) -> ArticleExtraction {
        self.extract_with(&self.tagger, article)
    }

    /// [`Pipeline::extract`] with `tagger` (the pipeline's own or a fresh one).
    fn extract_with(&self, tagger: &Tagger, article: &Article) -> ArticleExtraction {
        let seen = article.extraction_text();
        let text: &str = &seen;
        let skip = article.skipped();
        let sentences = segment::sentences(text);
        let skipped = crate::extract::Ranges::new(&skip);
        let timexes: Vec<_> = tagger
            .tag_in(text, &sentences, article.published)
            .into_iter()
            .filter(|t| !skipped.overlaps(&t.span))
            .collect();
        let mentions: Vec<_> = self
            .recognizer
            .recognize_in(text, &sentences, &skip)
            .into_iter()
            .filter({
                let mut labels = events::RowLabels::new(text);
                move |m| !labels.is_label(&m.span)
            })
            .collect();
        let mut events = events::find(
            text,
            &sentences,
            &timexes,
            &mentions,
            &skip,
            article.published,
        );
        if !article.markup.is_empty() {
            for e in &mut events {
                e.passage = with_markup(&article.markup, e.passage.clone());
                // Blanked markup before a comma leaves "word ,".
                e.title = e.title.replace(" ,", ",").into();
            }
        }
        let mut extraction = ArticleExtraction {
            sentences,
            timexes,
            mentions,
            events,
        };
        // A whole folder's extractions stay in memory: no spare capacity.
        extraction.sentences.shrink_to_fit();
        extraction.timexes.shrink_to_fit();
        extraction.mentions.shrink_to_fit();
        extraction.events.shrink_to_fit();
        extraction
    }

    /// Lists the folder (or file) at `root` and stamps its files for the snapshot
    /// in the cache folder `cache`: the first step of a run, which
    /// [`Listing::snapshot`] may already answer without compiling the rules.
    pub fn list(root: &Path, cache: Option<&Path>) -> Result<Listing, PipelineError> {
        let (files, problems) = list_files(root)?;
        // Files are stamped before they are read, so that a file changed during
        // the run makes the next run's fingerprint differ.
        let snapshot = snapshot_of(cache, root, &files);
        Ok(Listing {
            files,
            problems,
            snapshot,
        })
    }

    /// Reads and extracts the folder (or file) at `root` on all cores. `progress` is
    /// called as articles finish (from the calling thread's point of view, in any
    /// order); when `cancel` becomes true the run stops with `Cancelled`.
    pub fn run(
        &self,
        root: &Path,
        mut progress: &mut (dyn FnMut(Progress) + Send),
        cancel: &AtomicBool,
    ) -> Result<Dataset, PipelineError> {
        self.run_observed(root, &mut progress, cancel)
    }

    /// Like [`run`](Self::run), also handing `observer` the articles finished so
    /// far now and then ([`Observer::partial`]), so that a viewer can show events
    /// before the whole folder is read.
    pub fn run_observed(
        &self,
        root: &Path,
        observer: &mut dyn Observer,
        cancel: &AtomicBool,
    ) -> Result<Dataset, PipelineError> {
        let listing = Self::list(root, self.cache.as_deref())?;
        self.run_listed(root, listing, observer, cancel)
    }

    /// [`run_observed`](Self::run_observed) from the folder's [`Listing`] (made
    /// with this pipeline's cache folder).
    pub fn run_listed(
        &self,
        root: &Path,
        listing: Listing,
        observer: &mut dyn Observer,
        cancel: &AtomicBool,
    ) -> Result<Dataset, PipelineError> {
        let (dataset, snapshot) = self.run_deferred(root, listing, observer, cancel)?;
        snapshot.write(&dataset);
        Ok(dataset)
    }

    /// [`run_listed`](Self::run_listed), leaving the snapshot's model file to
    /// write: the caller writes it with [`PendingSnapshot::write`] while it shows
    /// or exports the model. The files that need only the articles, the extraction
    /// cache and the snapshot's articles file, are written while the model is
    /// built (most of the build keeps to one core); together the cache files took a
    /// fifth of a cold run when written one after another.
    pub fn run_deferred(
        &self,
        root: &Path,
        listing: Listing,
        observer: &mut dyn Observer,
        cancel: &AtomicBool,
    ) -> Result<(Dataset, PendingSnapshot), PipelineError> {
        let Listing {
            files,
            mut problems,
            snapshot,
        } = listing;
        let total = files.len();
        observer.progress(Progress { done: 0, total });
        if let Some((path, print)) = &snapshot
            && let Some(dataset) = crate::snapshot::read(path, *print, root)
        {
            observer.progress(Progress { done: total, total });
            observer.snapshot();
            return Ok((dataset, PendingSnapshot::default()));
        }
        let folder = folder_of(root);
        let meta = crate::corpus::meta::read(folder, &mut problems);
        let cache_file = self
            .cache
            .as_deref()
            .map(|dir| crate::cache::file_for(dir, root));
        let done = AtomicUsize::new(0);
        let observer = Mutex::new(observer);
        // The matcher caches a whole folder fills (tens of MB per thread) go with
        // these taggers before the model is built, instead of staying with the
        // pipeline. One per worker thread: a regex's cache pool is quick only for the
        // thread that used it first (others take a lock for every search).
        let taggers: Vec<Tagger> = (0..rayon::current_num_threads().max(1))
            .map(|_| self.tagger.fresh())
            .collect();
        let no_cache = crate::cache::Loaded::default();
        // Reads and extracts `chunk`, taking extractions from `cached`.
        let process = |chunk: &[PathBuf], cached: &crate::cache::Loaded| -> Vec<Option<ReadDoc>> {
            chunk
                .par_iter()
                .map(|path| {
                    if cancel.load(Ordering::Relaxed) {
                        return None;
                    }
                    let result = self.read_doc(folder, path, &meta, |article, key| {
                        let hit = cached.contains(key);
                        let extraction = cached.take(key, article).unwrap_or_else(|| {
                            let tagger = rayon::current_thread_index()
                                .and_then(|i| taggers.get(i))
                                .unwrap_or(&self.tagger);
                            self.extract_with(tagger, article)
                        });
                        (extraction, hit)
                    });
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if let Ok(mut observer) = observer.lock() {
                        observer.progress(Progress { done: n, total });
                    }
                    Some(result)
                })
                .collect()
        };
        let mut stream = Stream::new();
        // The first chunk is extracted while the cache file is read, so that the
        // first events show without waiting for the whole cache; what the cache
        // has for its articles still wins (as for every other article).
        let first_size = stream.chunk_size().min(total);
        let first_chunk = files.get(..first_size).unwrap_or_default();
        let (cached, mut first_results) = rayon::join(
            || {
                cache_file
                    .as_deref()
                    .map(crate::cache::Loaded::read)
                    .unwrap_or_default()
            },
            || process(first_chunk, &no_cache),
        );
        for (doc, key, hit) in first_results.iter_mut().flatten().flatten() {
            *hit = cached.contains(*key);
            if let Some(extraction) = cached.take(*key, &doc.article) {
                doc.extraction = extraction;
            }
        }
        let mut first_results = Some(first_results);
        let mut docs = Vec::with_capacity(total);
        let mut keys = Vec::with_capacity(total);
        let mut all_hit = true;
        // Files are processed in chunks, in file order, so that the articles done so
        // far are always a prefix of the final list (for `Observer::partial`).
        let mut next = 0;
        while next < total {
            let results = match first_results.take() {
                Some(results) => {
                    next = first_size;
                    results
                }
                None => {
                    let size = stream.chunk_size();
                    let chunk = files
                        .get(next..(next + size).min(total))
                        .unwrap_or_default();
                    next += chunk.len();
                    process(chunk, &cached)
                }
            };
            if cancel.load(Ordering::Relaxed) {
                return Err(PipelineError::Cancelled);
            }
            for result in results.into_iter().flatten() {
                match result {
                    Ok((doc, key, hit)) => {
                        docs.push(Arc::new(doc));
                        keys.push(key);
                        all_hit &= hit;
                    }
                    Err(problem) => problems.push(problem),
                }
            }
            if next < total
                && stream.partial_due(docs.len())
                && let Ok(mut observer) = observer.lock()
            {
                observer.partial(root, &docs);
            }
        }
        drop(taggers);
        crate::memory::release_free();
        if cancel.load(Ordering::Relaxed) {
            return Err(PipelineError::Cancelled);
        }
        let dropped = take_duplicates(&mut docs, &mut problems);
        let extraction = cache_file.and_then(|path| {
            // Rewrite the cache when an article is new or changed, or one went away.
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let write = !all_hit || cached.is_stale() || cached.len() != distinct.len();
            write.then(|| {
                let mut kept = Vec::with_capacity(docs.len());
                let mut gone = Vec::with_capacity(dropped.len());
                let mut dropped = dropped.into_iter().peekable();
                for (i, key) in keys.into_iter().enumerate() {
                    match dropped.next_if(|(d, _)| *d == i) {
                        Some((_, doc)) => gone.push((key, Arc::unwrap_or_clone(doc).extraction)),
                        None => kept.push(key),
                    }
                }
                ExtractionCache {
                    path,
                    keys: kept,
                    gone,
                }
            })
        });
        // Built on a thread of the pool (`join` from outside the pool runs there):
        // its allocations then reuse the memory extraction freed in the pool
        // threads' allocator arenas instead of growing this thread's (8 MB less
        // resident at the peak on Reuters). The files that need only the articles
        // are written beside, on the core the build mostly leaves idle: the
        // extraction cache and the snapshot's articles.
        let shared = (extraction.is_some() || snapshot.is_some()).then(|| docs.clone());
        let docs_written = snapshot.is_some();
        let (dataset, ()) = rayon::join(
            || build(root, docs, problems, &meta),
            || {
                let Some(docs) = shared else { return };
                if let Some(cache) = extraction {
                    cache.write(&docs);
                }
                if let Some((path, print)) = &snapshot {
                    let _ = crate::snapshot::write_docs(path, *print, &docs);
                }
            },
        );
        Ok((
            dataset,
            PendingSnapshot {
                snapshot,
                docs_written,
            },
        ))
    }

    /// Reads the article at `path` and extracts it with `extract` (which also says
    /// whether the result came from the cache), giving the doc and its cache key.
    fn read_doc(
        &self,
        folder: &Path,
        path: &Path,
        meta: &BTreeMap<String, Meta>,
        extract: impl FnOnce(&Article, u64) -> (ArticleExtraction, bool),
    ) -> ReadDoc {
        let file = crate::corpus::relative(folder, path);
        let article = self
            .reader
            .read_article(path, &file, meta.get(&file))
            .map_err(|message| Problem {
                file,
                line: None,
                message,
            })?;
        let key = crate::cache::article_key(&article);
        let (extraction, hit) = extract(&article, key);
        Ok((
            Doc {
                article,
                extraction,
            },
            key,
            hit,
        ))
    }

    /// Brings the articles `docs` of the folder (or file) `root` up to date after
    /// the files or folders `changed` were added, changed or removed: only those
    /// paths are read again (an article whose content is unchanged keeps its
    /// extraction), the rest is reused, and the model is rebuilt. The result equals
    /// a full [`run`](Self::run) on the folder as it is now. A change of
    /// `meta.jsonl`, or `root` itself in `changed`, re-reads every file (still
    /// keeping the extraction of each whose content is unchanged).
    pub fn update(
        &self,
        root: &Path,
        docs: Vec<Arc<Doc>>,
        changed: &[PathBuf],
        cancel: &AtomicBool,
    ) -> Result<Update, PipelineError> {
        let folder = folder_of(root);
        let meta_file = folder.join(crate::corpus::meta::FILE_NAME);
        let everything = changed.iter().any(|c| c == root || *c == meta_file);
        let (files, mut problems) = list_files(root)?;
        let meta = crate::corpus::meta::read(folder, &mut problems);
        let before: HashSet<String> = docs.iter().map(|d| d.article.file.clone()).collect();
        let changed_count = AtomicUsize::new(0);
        let mut old: HashMap<String, Arc<Doc>> = docs
            .into_iter()
            .map(|d| (d.article.file.clone(), d))
            .collect();
        // Each listed file: its untouched doc, or the path to read again with the
        // doc it had (whose extraction is kept if its content did not change).
        let plan: Vec<Planned<'_>> = files
            .iter()
            .map(|path| {
                let touched = everything || changed.iter().any(|c| path.starts_with(c));
                let file = crate::corpus::relative(folder, path);
                match old.remove(&file) {
                    Some(doc) if !touched => Planned::Keep(doc),
                    previous => Planned::Read(path, previous),
                }
            })
            .collect();
        let results: Vec<Option<Result<Arc<Doc>, Problem>>> = plan
            .into_par_iter()
            .map(|item| match item {
                Planned::Keep(doc) => Some(Ok(doc)),
                Planned::Read(..) if cancel.load(Ordering::Relaxed) => None,
                Planned::Read(path, previous) => Some(
                    self.read_doc(folder, path, &meta, |article, key| {
                        let was = previous.map(|p| (crate::cache::article_key(&p.article), p));
                        if was.as_ref().is_some_and(|(k, _)| *k != key) {
                            changed_count.fetch_add(1, Ordering::Relaxed);
                        }
                        let kept = was
                            .filter(|(k, _)| *k == key)
                            .map(|(_, p)| Arc::unwrap_or_clone(p).extraction);
                        (kept.unwrap_or_else(|| self.extract(article)), true)
                    })
                    .map(|(doc, _, _)| Arc::new(doc)),
                ),
            })
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return Err(PipelineError::Cancelled);
        }
        let mut docs = Vec::with_capacity(results.len());
        for result in results.into_iter().flatten() {
            match result {
                Ok(doc) => docs.push(doc),
                Err(problem) => problems.push(problem),
            }
        }
        let after: HashSet<&str> = docs.iter().map(|d| d.article.file.as_str()).collect();
        let mut summary = Update {
            added: after.iter().filter(|f| !before.contains(**f)).count(),
            changed: changed_count.into_inner(),
            removed: before
                .iter()
                .filter(|f| !after.contains(f.as_str()))
                .count(),
            ..Update::default()
        };
        summary.dataset = finish(root, docs, problems, &meta);
        Ok(summary)
    }
}

/// A read article with its cache key and whether its extraction came from the
/// cache, or why it could not be read.
type ReadDoc = Result<(Doc, u64, bool), Problem>;

/// What [`Pipeline::update`] does with a listed file.
enum Planned<'a> {
    /// Keep its doc: the file was not touched.
    Keep(Arc<Doc>),
    /// Read it again; the doc it had, if any.
    Read(&'a PathBuf, Option<Arc<Doc>>),
}

/// The result of [`Pipeline::update`].
#[derive(Debug, Default)]
pub struct Update {
    /// The rebuilt model.
    pub dataset: Dataset,
    /// Articles that are new.
    pub added: usize,
    /// Articles whose extraction inputs changed.
    pub changed: usize,
    /// Articles that are gone (deleted, or now unreadable or duplicates).
    pub removed: usize,
}

impl Update {
    /// Articles added, changed or removed.
    pub fn touched(&self) -> usize {
        self.added + self.changed + self.removed
    }
}

/// Receives a folder run's progress and, now and then, the articles done so far.
pub trait Observer: Send {
    /// Articles done (called from any of the pipeline's threads, in any order).
    fn progress(&mut self, progress: Progress);

    /// The articles read so far, in file order: a prefix of the final list (before
    /// duplicates are dropped). Called first once a few articles are done, then
    /// each time their number has doubled and [`STREAM_INTERVAL`] has passed; not
    /// for the last chunk (the finished dataset follows).
    fn partial(&mut self, _root: &Path, _docs: &[Arc<Doc>]) {}

    /// The whole model came from the folder's snapshot ([`crate::snapshot`]): no
    /// file changed since it was built.
    fn snapshot(&mut self) {}
}

impl<F: FnMut(Progress) + Send> Observer for F {
    fn progress(&mut self, progress: Progress) {
        self(progress);
    }
}

/// Least time between two partial results.
pub const STREAM_INTERVAL: Duration = Duration::from_millis(150);

/// When to hand out partial results and how many files to do at once.
struct Stream {
    last: Option<Instant>,
    sent: usize,
    chunks: usize,
}

impl Stream {
    fn new() -> Self {
        Self {
            last: None,
            sent: 0,
            chunks: 0,
        }
    }

    /// Small chunks first (the first events show soon), then larger ones (less
    /// waiting for the slowest file of a chunk).
    fn chunk_size(&mut self) -> usize {
        let size = 32usize << self.chunks.min(4);
        self.chunks += 1;
        size
    }

    /// Whether a partial result of `done` articles should go out now. Doubling
    /// keeps the copying and model building for partial results linear overall.
    fn partial_due(&mut self, done: usize) -> bool {
        let due = done > 0
            && done >= 2 * self.sent
            && self.last.is_none_or(|t| t.elapsed() >= STREAM_INTERVAL);
        if due {
            self.last = Some(Instant::now());
            self.sent = done;
        }
        due
    }
}

/// The snapshot file of `root` in the cache folder `cache` and the fingerprint of
/// its `files` as they are now; `None` without a cache or when a file cannot be
/// stamped.
fn snapshot_of(cache: Option<&Path>, root: &Path, files: &[PathBuf]) -> Option<(PathBuf, u64)> {
    let dir = cache?;
    let print = crate::snapshot::fingerprint(folder_of(root), files)?;
    Some((crate::snapshot::file_for(dir, root), print))
}

/// The folder holding `root` (itself, or a file's parent).
fn folder_of(root: &Path) -> &Path {
    if root.is_dir() {
        root
    } else {
        root.parent().unwrap_or(Path::new("."))
    }
}

/// Drops duplicate articles, reports `meta.jsonl` lines naming no article, and
/// builds the model.
fn finish(
    root: &Path,
    mut docs: Vec<Arc<Doc>>,
    mut problems: Vec<Problem>,
    meta: &BTreeMap<String, Meta>,
) -> Dataset {
    take_duplicates(&mut docs, &mut problems);
    build(root, docs, problems, meta)
}

/// Takes the articles whose text repeats an earlier one's out of `docs` (and
/// reports them in `problems`), with their indices in `docs` as it was.
fn take_duplicates(
    docs: &mut Vec<Arc<Doc>>,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, Arc<Doc>)> {
    let pairs: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d.article.file.as_str(), d.article.text.as_str()))
        .collect();
    let duplicates = crate::corpus::find_duplicates(&pairs, problems);
    if duplicates.is_empty() {
        return Vec::new();
    }
    let mut index = 0;
    let mut next = duplicates.iter().copied().peekable();
    let taken: Vec<Arc<Doc>> = docs
        .extract_if(.., |_| {
            let hit = next.next_if_eq(&index).is_some();
            index += 1;
            hit
        })
        .collect();
    duplicates.into_iter().zip(taken).collect()
}

/// Reports `meta.jsonl` lines naming none of `docs` and builds the model.
fn build(
    root: &Path,
    docs: Vec<Arc<Doc>>,
    mut problems: Vec<Problem>,
    meta: &BTreeMap<String, Meta>,
) -> Dataset {
    crate::corpus::unmatched_meta(
        meta,
        &docs
            .iter()
            .map(|d| d.article.file.as_str())
            .collect::<Vec<_>>(),
        &mut problems,
    );
    Dataset::build(root.to_path_buf(), docs, problems)
}
