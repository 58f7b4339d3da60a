//! Watching an opened folder (issue 8): an added, a changed and a removed file each
//! reach the watcher within a bounded wait (a channel polled against a deadline,
//! never a fixed sleep), the app's `.dateline/` sidecar folder, hidden and
//! temporary files are not reported, and `Pipeline::update` on the reported paths
//! gives the same model as reading the whole folder again.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use dateline::model::Dataset;
use dateline::pipeline::Pipeline;
use dateline::watch::{Change, Debounce, Watcher};

/// How long a change may take to be reported before the test fails.
const DEADLINE: Duration = Duration::from_secs(10);

/// A copy of `articles/` in a temporary folder.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let folder = tmp.path().join("articles");
    std::fs::create_dir(&folder).expect("folder");
    common::copy_bundled(&folder).expect("a copy of the bundled articles");
    (tmp, folder)
}

/// Collects reported paths until `done` holds for them; fails after [`DEADLINE`].
fn wait_for(rx: &Receiver<Change>, done: impl Fn(&[PathBuf]) -> bool) -> Vec<PathBuf> {
    let start = Instant::now();
    let mut seen = Vec::new();
    while !done(&seen) {
        let left = DEADLINE
            .checked_sub(start.elapsed())
            .unwrap_or_else(|| panic!("no matching change within {DEADLINE:?}; got {seen:?}"));
        match rx.recv_timeout(left) {
            Ok(Change::Paths(paths)) => seen.extend(paths),
            Ok(Change::Failed(message)) => panic!("watcher failed: {message}"),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => panic!("watcher stopped"),
        }
    }
    seen.sort();
    seen.dedup();
    seen
}

fn run(p: &Pipeline, folder: &Path) -> Dataset {
    p.run(folder, &mut |_| {}, &AtomicBool::new(false))
        .expect("runs")
}

/// The update equals a fresh read of the folder.
fn assert_same(updated: &Dataset, fresh: &Dataset) {
    let files = |d: &Dataset| -> Vec<String> {
        d.docs.iter().map(|doc| doc.article.file.clone()).collect()
    };
    assert_eq!(files(updated), files(fresh));
    for (a, b) in updated.docs.iter().zip(&fresh.docs) {
        assert_eq!(a.article, b.article);
        assert_eq!(a.extraction, b.extraction, "{}", a.article.file);
    }
    assert_eq!(updated.events, fresh.events);
    assert_eq!(updated.actors, fresh.actors);
    assert_eq!(updated.problems, fresh.problems);
    assert_eq!(updated.mention_actors, fresh.mention_actors);
}

const NEW_ARTICLE: &str = "Ministers meet in Baghdad\n\nForeign ministers met in Baghdad on \
                           March 5, 2021, to discuss the withdrawal talks with Fuad Hussein.\n";

#[test]
fn watching_picks_up_added_changed_and_removed_files() {
    let (_tmp, folder) = setup();
    let p = Pipeline::new().expect("rules").with_cache(None);
    let mut shown = run(&p, &folder);
    let (tx, rx) = channel();
    let timing = Debounce {
        quiet: Duration::from_millis(100),
        max_wait: Duration::from_millis(400),
    };
    let _watcher = Watcher::start(&folder, timing, move |change| {
        let _ = tx.send(change);
    })
    .expect("the folder can be watched");
    let no_cancel = AtomicBool::new(false);

    // Noise first: the sidecar folder, a hidden file, an editor's swap file.
    let sidecar = folder.join(".dateline");
    std::fs::create_dir(&sidecar).expect("sidecar");
    std::fs::write(sidecar.join("edits.json"), "{}").expect("sidecar file");
    std::fs::write(folder.join(".notes.txt"), "hidden").expect("hidden");
    std::fs::write(folder.join("draft.txt.swp"), "swap").expect("swap");

    // Added.
    let added = folder.join("zz-added.txt");
    std::fs::write(&added, NEW_ARTICLE).expect("add");
    let paths = wait_for(&rx, |seen| seen.contains(&added));
    assert_eq!(paths, vec![added.clone()], "only the article is reported");
    let update = p
        .update(&folder, shown.docs, &paths, &no_cancel)
        .expect("update");
    assert_eq!((update.added, update.changed, update.removed), (1, 0, 0));
    assert!(
        update
            .dataset
            .events
            .iter()
            .any(|e| e.value == "2021-03-05"),
        "the new article's event is on the timeline"
    );
    assert_same(&update.dataset, &run(&p, &folder));
    shown = update.dataset;

    // Changed.
    let changed = folder.join(&shown.docs[0].article.file);
    let mut text = std::fs::read_to_string(&changed).expect("read");
    text.push_str("\nThe envoys met again in Amman on April 9, 2021.\n");
    std::fs::write(&changed, text).expect("change");
    let paths = wait_for(&rx, |seen| seen.contains(&changed));
    let update = p
        .update(&folder, shown.docs, &paths, &no_cancel)
        .expect("update");
    assert_eq!((update.added, update.changed, update.removed), (0, 1, 0));
    assert_same(&update.dataset, &run(&p, &folder));
    shown = update.dataset;

    // Removed.
    std::fs::remove_file(&added).expect("remove");
    let paths = wait_for(&rx, |seen| seen.contains(&added));
    let update = p
        .update(&folder, shown.docs, &paths, &no_cancel)
        .expect("update");
    assert_eq!((update.added, update.changed, update.removed), (0, 0, 1));
    assert!(
        update
            .dataset
            .events
            .iter()
            .all(|e| e.value != "2021-03-05")
    );
    assert_same(&update.dataset, &run(&p, &folder));
}

#[test]
fn an_update_of_untouched_paths_changes_nothing_and_meta_changes_reread_all() {
    let (_tmp, folder) = setup();
    let p = Pipeline::new().expect("rules").with_cache(None);
    let shown = run(&p, &folder);
    let no_cancel = AtomicBool::new(false);
    // A touched but unchanged file, and a path that is no article.
    let first = folder.join(&shown.docs[0].article.file);
    let paths = vec![first, folder.join("notes.docx")];
    let update = p
        .update(&folder, shown.docs.clone(), &paths, &no_cancel)
        .expect("update");
    assert_eq!(update.touched(), 0);
    // Untouched articles are shared with the model shown, not copied.
    let shared = |a: &Dataset, b: &Dataset| {
        a.docs
            .iter()
            .zip(&b.docs)
            .filter(|(x, y)| std::sync::Arc::ptr_eq(x, y))
            .count()
    };
    assert_eq!(shared(&update.dataset, &shown), shown.docs.len() - 1);
    assert_same(&update.dataset, &run(&p, &folder));
    // The whole folder reported (the system dropped events): everything re-read.
    let update = p
        .update(
            &folder,
            update.dataset.docs,
            std::slice::from_ref(&folder),
            &no_cancel,
        )
        .expect("update");
    assert_eq!(update.touched(), 0);
    assert_same(&update.dataset, &run(&p, &folder));
}

#[test]
fn a_folder_that_cannot_be_watched_is_an_error_not_a_panic() {
    let missing = std::env::temp_dir().join("dateline-no-such-folder-for-watching");
    let r = Watcher::start(&missing, Debounce::default(), |_| {});
    assert!(r.is_err());
}
