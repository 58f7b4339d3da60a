//! The extraction pipeline: corpus → sentences → temporal expressions → actors →
//! events → [`Dataset`]. Built once (rules compiled), then run on folders or single
//! articles, reporting progress and honouring cancellation.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::corpus::{Article, CorpusError, Reader, list_files};
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
        Ok(Self {
            reader: Reader::new()?,
            tagger: Tagger::new().map_err(PipelineError::Timex)?,
            recognizer: Recognizer::new().map_err(PipelineError::Actors)?,
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
        let seen = article.extraction_text();
        let text: &str = &seen;
        let skip = article.skipped();
        let sentences = segment::sentences(text);
        let timexes: Vec<_> = self
            .tagger
            .tag(text, article.published)
            .into_iter()
            .filter(|t| !article.in_skipped(&t.span))
            .collect();
        let mentions: Vec<_> = self
            .recognizer
            .recognize(text, &skip)
            .into_iter()
            .filter(|m| !events::is_row_label(text, &m.span))
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
                e.title = e.title.replace(" ,", ",");
            }
        }
        ArticleExtraction {
            sentences,
            timexes,
            mentions,
            events,
        }
    }

    /// Reads and extracts the folder (or file) at `root` on all cores. `progress` is
    /// called as articles finish (from the calling thread's point of view, in any
    /// order); when `cancel` becomes true the run stops with `Cancelled`.
    pub fn run(
        &self,
        root: &Path,
        progress: &mut (dyn FnMut(Progress) + Send),
        cancel: &AtomicBool,
    ) -> Result<Dataset, PipelineError> {
        let (files, mut problems) = list_files(root)?;
        let total = files.len();
        progress(Progress { done: 0, total });
        let folder = if root.is_dir() {
            root
        } else {
            root.parent().unwrap_or(Path::new("."))
        };
        let meta = crate::corpus::meta::read(folder, &mut problems);
        let cache_file = self
            .cache
            .as_deref()
            .map(|dir| crate::cache::file_for(dir, root));
        let cached = cache_file
            .as_deref()
            .map(crate::cache::Loaded::read)
            .unwrap_or_default();
        let done = AtomicUsize::new(0);
        let progress = Mutex::new(progress);
        let results: Vec<Result<(Doc, u64, bool), crate::corpus::Problem>> = files
            .par_iter()
            .map(|path| {
                if cancel.load(Ordering::Relaxed) {
                    return Err(crate::corpus::Problem {
                        file: String::new(),
                        line: None,
                        message: "cancelled".into(),
                    });
                }
                let file = crate::corpus::relative(folder, path);
                let article = self
                    .reader
                    .read_article(path, &file, meta.get(&file))
                    .map_err(|message| crate::corpus::Problem {
                        file,
                        line: None,
                        message,
                    })?;
                let key = crate::cache::article_key(&article);
                let hit = cached.contains(key);
                let extraction = cached
                    .take(key, &article)
                    .unwrap_or_else(|| self.extract(&article));
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if let Ok(mut report) = progress.lock() {
                    report(Progress { done: n, total });
                }
                Ok((
                    Doc {
                        article,
                        extraction,
                    },
                    key,
                    hit,
                ))
            })
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return Err(PipelineError::Cancelled);
        }
        let mut docs = Vec::with_capacity(results.len());
        let mut keys = Vec::with_capacity(results.len());
        let mut all_hit = true;
        for result in results {
            match result {
                Ok((doc, key, hit)) => {
                    docs.push(doc);
                    keys.push(key);
                    all_hit &= hit;
                }
                Err(problem) => problems.push(problem),
            }
        }
        if let Some(path) = cache_file {
            let mut entries: Vec<(u64, &ArticleExtraction)> = keys
                .iter()
                .copied()
                .zip(docs.iter().map(|d| &d.extraction))
                .collect();
            entries.sort_unstable_by_key(|e| e.0);
            entries.dedup_by_key(|e| e.0);
            // Rewrite the cache when an article is new or changed, or one went away.
            if !all_hit || cached.is_stale() || cached.len() != entries.len() {
                // A cache that cannot be written only costs time on the next run.
                let _ = crate::cache::write(&path, &entries);
            }
        }
        let pairs: Vec<(&str, &str)> = docs
            .iter()
            .map(|d| (d.article.file.as_str(), d.article.text.as_str()))
            .collect();
        let duplicates = crate::corpus::find_duplicates(&pairs, &mut problems);
        for i in duplicates.into_iter().rev() {
            docs.remove(i);
        }
        crate::corpus::unmatched_meta(
            &meta,
            &docs
                .iter()
                .map(|d| d.article.file.as_str())
                .collect::<Vec<_>>(),
            &mut problems,
        );
        Ok(Dataset::build(root.to_path_buf(), docs, problems))
    }
}
