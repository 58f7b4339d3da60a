//! The extraction pipeline: corpus → sentences → temporal expressions → actors →
//! events → [`Dataset`]. Built once (rules compiled), then run on folders or single
//! articles, reporting progress and honouring cancellation.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

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
}

impl Pipeline {
    /// Compiles all bundled rules.
    pub fn new() -> Result<Self, PipelineError> {
        Ok(Self {
            reader: Reader::new()?,
            tagger: Tagger::new().map_err(PipelineError::Timex)?,
            recognizer: Recognizer::new().map_err(PipelineError::Actors)?,
        })
    }

    /// The corpus reader.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// Extracts one article.
    pub fn extract(&self, article: &Article) -> ArticleExtraction {
        let text = &article.text;
        let skip = article.skipped();
        let sentences = segment::sentences(text);
        let timexes: Vec<_> = self
            .tagger
            .tag(text, article.published)
            .into_iter()
            .filter(|t| !article.in_skipped(&t.span))
            .collect();
        let mentions = self.recognizer.recognize(text, &skip);
        let events = events::find(text, &sentences, &timexes, &mentions, &skip);
        ArticleExtraction {
            sentences,
            timexes,
            mentions,
            events,
        }
    }

    /// Reads and extracts the folder (or file) at `root`. `progress` is called after
    /// each article; when `cancel` becomes true the run stops with `Cancelled`.
    pub fn run(
        &self,
        root: &Path,
        progress: &mut dyn FnMut(Progress),
        cancel: &AtomicBool,
    ) -> Result<Dataset, PipelineError> {
        let (files, _) = list_files(root)?;
        let total = files.len();
        progress(Progress { done: 0, total });
        let corpus = self.reader.load(root, &mut |_, _| {})?;
        let mut docs = Vec::with_capacity(corpus.articles.len());
        let n = corpus.articles.len();
        for (i, article) in corpus.articles.into_iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return Err(PipelineError::Cancelled);
            }
            let extraction = self.extract(&article);
            docs.push(Doc {
                article,
                extraction,
            });
            progress(Progress {
                done: i + 1,
                total: n,
            });
        }
        Ok(Dataset::build(corpus.root, docs, corpus.problems))
    }
}
