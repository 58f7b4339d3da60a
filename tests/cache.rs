//! The extraction cache, end to end through the pipeline on a copy of the bundled
//! articles: cached results equal a fresh extraction, a changed file is re-extracted
//! while the others come from the cache, a corrupt cache file is rebuilt, and a
//! cancelled run leaves the cache as it was, with no partial file. And the model
//! snapshot: reopening an unchanged folder gives the model it had, and any change
//! to a file or to `meta.jsonl`, or a corrupt snapshot, falls back to extraction.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use dateline::cache;
use dateline::model::{ArticleExtraction, Dataset};
use dateline::pipeline::{Observer, Pipeline, PipelineError, Progress};
use dateline::snapshot;

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

/// Removes the model snapshot of `folder`, so that the next run goes through the
/// extraction cache (which the tests below then inspect).
fn drop_snapshot(cache_dir: &Path, folder: &Path) {
    let _ = std::fs::remove_file(snapshot::file_for(cache_dir, folder));
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
    drop_snapshot(&cache_dir, &folder);
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
        drop_snapshot(&cache_dir, &folder);
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
    drop_snapshot(&cache_dir, &folder);
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

#[test]
fn a_duplicate_articles_extraction_is_cached_too() {
    let (_tmp, folder, cache_dir) = setup();
    // The same text with a final blank line: a duplicate (dropped from the model)
    // whose cache key differs from the original's.
    let original = std::fs::read_dir(&folder)
        .expect("lists")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .expect("a bundled article");
    let text = std::fs::read_to_string(&original).expect("reads");
    std::fs::write(folder.join("zz-copy.txt"), format!("{text}\n\n")).expect("writes");
    let p = pipeline(&cache_dir);
    let d = run(&p, &folder);
    assert!(
        d.problems
            .iter()
            .any(|pr| pr.file == "zz-copy.txt" && pr.message.contains("same content")),
        "{:?}",
        d.problems
    );
    assert!(d.docs.iter().all(|doc| doc.article.file != "zz-copy.txt"));
    let copy = p
        .reader()
        .read_article(&folder.join("zz-copy.txt"), "zz-copy.txt", None)
        .expect("reads the copy");
    let key = cache::article_key(&copy);
    assert!(
        d.docs
            .iter()
            .all(|doc| cache::article_key(&doc.article) != key)
    );
    let loaded = cache::Loaded::read(&cache::file_for(&cache_dir, &folder));
    assert_eq!(loaded.len(), d.docs.len() + 1, "the copy is cached as well");
    assert_eq!(loaded.take(key, &copy), Some(p.extract(&copy)));
}

#[test]
fn a_deferred_run_leaves_the_snapshot_to_its_caller() {
    let (_tmp, folder, cache_dir) = setup();
    let p = pipeline(&cache_dir);
    let listing = Pipeline::list(&folder, Some(&cache_dir)).expect("lists");
    let (d, snapshot) = p
        .run_deferred(
            &folder,
            listing,
            &mut |_: Progress| {},
            &AtomicBool::new(false),
        )
        .expect("runs");
    let cache_file = cache::file_for(&cache_dir, &folder);
    let snapshot_file = snapshot::file_for(&cache_dir, &folder);
    // The files that need only the articles are written while the model is built.
    let articles_file = snapshot::docs_file(&snapshot_file);
    assert!(cache_file.is_file() && articles_file.is_file() && !snapshot_file.exists());
    snapshot.write(&d);
    assert!(snapshot_file.is_file());
    let (again, from_snapshot) = run_noting_snapshot(&p, &folder);
    assert!(from_snapshot);
    assert_same_model(&d, &again);
}

/// Runs `pipeline` on `folder`, saying whether the model came from the snapshot.
fn run_noting_snapshot(pipeline: &Pipeline, folder: &Path) -> (Dataset, bool) {
    struct Note(bool);
    impl Observer for Note {
        fn progress(&mut self, _: Progress) {}
        fn snapshot(&mut self) {
            self.0 = true;
        }
    }
    let mut note = Note(false);
    let d = pipeline
        .run_observed(folder, &mut note, &AtomicBool::new(false))
        .expect("runs");
    (d, note.0)
}

/// The parts of a model that a snapshot must give back.
fn assert_same_model(a: &Dataset, b: &Dataset) {
    assert_eq!(extractions(a), extractions(b));
    let articles = |d: &Dataset| d.docs.iter().map(|d| d.article.clone()).collect::<Vec<_>>();
    assert_eq!(articles(a), articles(b));
    assert_eq!(a.events, b.events);
    assert_eq!(a.actors, b.actors);
    assert_eq!(a.problems, b.problems);
    assert_eq!(a.mention_actors, b.mention_actors);
    assert_eq!(a.actor_events, b.actor_events);
    assert_eq!(a.doc_events, b.doc_events);
    assert_eq!(a.docs.len(), a.doc_events.len());
    assert_eq!(a.root, b.root);
}

#[test]
fn an_unchanged_folder_reopens_from_its_snapshot() {
    let (_tmp, folder, cache_dir) = setup();
    let fresh = run(&Pipeline::new().expect("rules").with_cache(None), &folder);
    let p = pipeline(&cache_dir);
    let (cold, used) = run_noting_snapshot(&p, &folder);
    assert!(!used, "no snapshot yet");
    assert!(snapshot::file_for(&cache_dir, &folder).is_file());
    let (warm, used) = run_noting_snapshot(&p, &folder);
    assert!(used, "nothing changed: the snapshot is used");
    assert!(!warm.events.is_empty());
    assert_same_model(&cold, &fresh);
    assert_same_model(&warm, &fresh);
    // The same folder named by another path is the same folder.
    let dotted = folder.join(".").join("..").join("articles");
    let (other, used) = run_noting_snapshot(&p, &dotted);
    assert!(used, "{}", dotted.display());
    assert_eq!(other.events, fresh.events);
}

#[test]
fn a_changed_article_or_meta_file_is_not_served_from_the_snapshot() {
    let (_tmp, folder, cache_dir) = setup();
    let p = pipeline(&cache_dir);
    let first = run(&p, &folder);
    // Same size, new content: the modification time (and change time) differ.
    let path = folder.join(&first.docs[0].article.file);
    let text = std::fs::read_to_string(&path).expect("read");
    let swapped = text.replacen("the", "THE", 1);
    assert_eq!(swapped.len(), text.len());
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, &swapped).expect("write");
    let (after, used) = run_noting_snapshot(&p, &folder);
    assert!(!used);
    let uncached = run(&Pipeline::new().expect("rules").with_cache(None), &folder);
    assert_same_model(&after, &uncached);
    assert!(
        run_noting_snapshot(&p, &folder).1,
        "rewritten for the new state"
    );
    // meta.jsonl changes publication dates: not from the snapshot either.
    let meta = folder.join("meta.jsonl");
    let lines = std::fs::read_to_string(&meta).expect("meta");
    std::fs::write(&meta, lines.replacen("20", "19", 1)).expect("write meta");
    let (after, used) = run_noting_snapshot(&p, &folder);
    assert!(!used);
    let uncached = run(&Pipeline::new().expect("rules").with_cache(None), &folder);
    assert_same_model(&after, &uncached);
    // A removed file too.
    std::fs::remove_file(&path).expect("remove");
    let (after, used) = run_noting_snapshot(&p, &folder);
    assert!(!used);
    assert_eq!(after.docs.len(), first.docs.len() - 1);
}

#[test]
fn a_corrupt_snapshot_is_ignored_and_rewritten() {
    let (_tmp, folder, cache_dir) = setup();
    let p = pipeline(&cache_dir);
    let fresh = run(&p, &folder);
    let model = snapshot::file_for(&cache_dir, &folder);
    for file in [snapshot::docs_file(&model), model] {
        let sound = std::fs::read(&file).expect("snapshot written");
        let mut flipped = sound.clone();
        if let Some(b) = flipped.get_mut(sound.len() / 2) {
            *b ^= 0x40;
        }
        for garbage in [
            &b""[..],
            b"DLXSNAP1 truncated",
            &sound[..sound.len() / 2],
            &flipped,
        ] {
            std::fs::write(&file, garbage).expect("write garbage");
            let (d, used) = run_noting_snapshot(&p, &folder);
            assert!(!used, "{}", file.display());
            assert_same_model(&d, &fresh);
            assert_eq!(std::fs::read(&file).expect("rewritten"), sound);
        }
    }
}
