//! The extraction cache, end to end through the pipeline on a copy of the bundled
//! articles: cached results equal a fresh extraction, a changed file is re-extracted
//! while the others come from the cache, a corrupt cache file is rebuilt, and a
//! cancelled run leaves the cache as it was, with no partial file.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use dateline::cache;
use dateline::model::{ArticleExtraction, Dataset};
use dateline::pipeline::{Pipeline, PipelineError};

/// A copy of `articles/` in a temporary folder, and an empty cache folder.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let folder = tmp.path().join("articles");
    std::fs::create_dir(&folder).expect("folder");
    common::copy_bundled(&folder).expect("a copy of the bundled articles");
    let cache_dir = tmp.path().join("cache");
    (tmp, folder, cache_dir)
}

fn run(pipeline: &Pipeline, folder: &Path) -> Dataset {
    pipeline
        .run(folder, &mut |_| {}, &AtomicBool::new(false))
        .expect("runs")
}

fn extractions(d: &Dataset) -> Vec<&ArticleExtraction> {
    d.docs.iter().map(|doc| &doc.extraction).collect()
}

fn pipeline(cache_dir: &Path) -> Pipeline {
    Pipeline::new()
        .expect("bundled rules compile")
        .with_cache(Some(cache_dir.to_path_buf()))
}

/// Replaces the cache of `folder` with empty extractions for every article of
/// `d`, so that a result taken from the cache is recognisable.
fn plant_empty(cache_dir: &Path, folder: &Path, d: &Dataset) {
    let empty = ArticleExtraction::default();
    let entries: Vec<(u64, &ArticleExtraction)> = d
        .docs
        .iter()
        .map(|doc| (cache::article_key(&doc.article), &empty))
        .collect();
    cache::write(&cache::file_for(cache_dir, folder), &entries).expect("writes");
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn cached_results_equal_a_fresh_extraction() {
    let (_tmp, folder, cache_dir) = setup();
    let fresh = run(&Pipeline::new().expect("rules").with_cache(None), &folder);
    let p = pipeline(&cache_dir);
    let cold = run(&p, &folder);
    assert!(cache::file_for(&cache_dir, &folder).is_file());
    let warm = run(&p, &folder);
    assert!(!fresh.docs.is_empty());
    assert_eq!(extractions(&cold), extractions(&fresh));
    assert_eq!(extractions(&warm), extractions(&fresh));
    assert_eq!(warm.events, fresh.events);
    assert_eq!(warm.actors, fresh.actors);
    // The warm run really reads the cache: planted results come back.
    plant_empty(&cache_dir, &folder, &fresh);
    let planted = run(&p, &folder);
    assert!(planted.docs.iter().all(|d| d.extraction.events.is_empty()));
}

#[test]
fn a_changed_file_is_re_extracted() {
    let (_tmp, folder, cache_dir) = setup();
    let p = pipeline(&cache_dir);
    let before = run(&p, &folder);
    plant_empty(&cache_dir, &folder, &before);
    let changed = &before.docs[0].article.file;
    let path = folder.join(changed);
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str("\nOfficials met in Baghdad on March 5, 2021, to discuss the talks.\n");
    std::fs::write(&path, text).expect("write");
    let after = run(&p, &folder);
    for doc in &after.docs {
        if &doc.article.file == changed {
            assert_eq!(doc.extraction, p.extract(&doc.article), "{changed}");
            assert!(!doc.extraction.events.is_empty());
        } else {
            assert!(
                doc.extraction.events.is_empty(),
                "{} was re-extracted",
                doc.article.file
            );
        }
    }
    // The rewritten cache holds the new extraction and keeps the others.
    let again = run(&p, &folder);
    assert_eq!(extractions(&again), extractions(&after));
}

#[test]
fn a_corrupt_cache_file_is_rebuilt() {
    let (_tmp, folder, cache_dir) = setup();
    let fresh = run(&Pipeline::new().expect("rules").with_cache(None), &folder);
    let file = cache::file_for(&cache_dir, &folder);
    std::fs::create_dir_all(&cache_dir).expect("cache dir");
    let p = pipeline(&cache_dir);
    for garbage in [&b""[..], b"DLXCACH1 truncated", &[0xff; 4096]] {
        std::fs::write(&file, garbage).expect("write garbage");
        let d = run(&p, &folder);
        assert_eq!(extractions(&d), extractions(&fresh));
        let rebuilt = std::fs::read(&file).expect("cache rewritten");
        assert_ne!(rebuilt, garbage);
        assert_eq!(extractions(&run(&p, &folder)), extractions(&fresh));
    }
    // A valid file whose spans do not fit the text is not trusted either.
    let junk = ArticleExtraction {
        sentences: std::iter::once(0..usize::MAX).collect(),
        ..ArticleExtraction::default()
    };
    let entries: Vec<(u64, &ArticleExtraction)> = fresh
        .docs
        .iter()
        .map(|doc| (cache::article_key(&doc.article), &junk))
        .collect();
    cache::write(&file, &entries).expect("writes");
    assert_eq!(extractions(&run(&p, &folder)), extractions(&fresh));
    assert_eq!(extractions(&run(&p, &folder)), extractions(&fresh));
}

#[test]
fn cancelling_leaves_the_cache_consistent() {
    let (_tmp, folder, cache_dir) = setup();
    let p = pipeline(&cache_dir);
    let file = cache::file_for(&cache_dir, &folder);
    // Cancelled before anything is cached: no cache file, no temporary file.
    let cancel = AtomicBool::new(true);
    let r = p.run(&folder, &mut |_| {}, &cancel);
    assert!(matches!(r, Err(PipelineError::Cancelled)));
    assert!(!file.exists());
    assert!(temp_files(&cache_dir).is_empty());
    // Cancelled half-way after a change: the old cache file is untouched.
    let fresh = run(&p, &folder);
    let saved = std::fs::read(&file).expect("cache written");
    let first = folder.join(&fresh.docs[0].article.file);
    let mut text = std::fs::read_to_string(&first).expect("read");
    text.push_str("\nTalks resumed on Monday.\n");
    std::fs::write(&first, text).expect("write");
    let cancel = AtomicBool::new(false);
    let r = p.run(
        &folder,
        &mut |progress| {
            if progress.done >= 2 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(matches!(r, Err(PipelineError::Cancelled)));
    assert_eq!(std::fs::read(&file).expect("cache kept"), saved);
    assert!(temp_files(&cache_dir).is_empty());
    // The next run completes and matches a fresh extraction.
    let after = run(&p, &folder);
    let uncached = run(&Pipeline::new().expect("rules").with_cache(None), &folder);
    assert_eq!(extractions(&after), extractions(&uncached));
}

#[test]
fn real_extractions_survive_the_cache_file() {
    let (_tmp, folder, cache_dir) = setup();
    let p = pipeline(&cache_dir);
    let d = run(&p, &folder);
    assert!(d.docs.iter().any(|doc| !doc.extraction.mentions.is_empty()));
    let loaded = cache::Loaded::read(&cache::file_for(&cache_dir, &folder));
    assert_eq!(loaded.len(), d.docs.len(), "every article is cached");
    for doc in &d.docs {
        let key = cache::article_key(&doc.article);
        assert_eq!(
            loaded.take(key, &doc.article).as_ref(),
            Some(&doc.extraction)
        );
    }
}
