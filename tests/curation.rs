//! Curation end to end on a copy of the bundled articles: edits survive a restart
//! and re-extraction, undo restores the exact prior model, orphaned edits are
//! reported, a crash while saving leaves a readable sidecar, an unwritable folder
//! keeps its edits in the data directory, and `dateline extract` applies them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use dateline::curation::{Anchor, Curation, Edit, Saved, Sidecar, text_hash};
use dateline::extract::actors::ActorKind;
use dateline::model::{Dataset, Event};
use dateline::pipeline::Pipeline;

mod common;

/// A copy of `articles/` in a temporary folder (a data directory for the sidecar
/// fallback goes beside the articles: the app skips hidden and unknown files).
fn setup() -> (tempfile::TempDir, PathBuf) {
    let tmp = common::bundled_copy().expect("a copy of the bundled articles");
    let folder = tmp.path().to_path_buf();
    (tmp, folder)
}

fn pipeline() -> Pipeline {
    Pipeline::new()
        .expect("bundled rules compile")
        .with_cache(None)
}

/// A sidecar of `folder` whose data-directory copy lives in `data` (not the
/// user's real data directory).
fn sidecar(folder: &Path, data: &Path) -> Sidecar {
    Sidecar {
        in_folder: folder.join(".dateline").join("edits.json"),
        in_data_dir: Some(data.join("edits.json")),
    }
}

/// Extracts `folder` and applies `curation` — what the app and the CLI do.
fn load(p: &Pipeline, folder: &Path, curation: Curation) -> Dataset {
    p.run(folder, &mut |_| {}, &AtomicBool::new(false))
        .expect("runs")
        .recurate(p, curation)
}

/// The anchor of mention `k` of event `e` (its date expression).
fn anchor(d: &Dataset, e: &Event, k: usize) -> Anchor {
    let m = &e.mentions[k];
    Anchor::of(&d.docs[m.doc], &m.timex.span).expect("on char boundaries")
}

/// A list of corrections that rejects event `e` of `d`.
fn rejecting(d: &Dataset, e: &Event) -> Curation {
    let mut c = Curation::default();
    c.push(Edit::RejectEvent {
        event: anchor(d, e, 0),
    });
    c
}

fn event_with<'a>(d: &'a Dataset, words: &str) -> &'a Event {
    d.events
        .iter()
        .find(|e| {
            e.mentions
                .iter()
                .any(|m| d.docs[m.doc].article.text[m.passage.clone()].contains(words))
        })
        .unwrap_or_else(|| panic!("an event reported with {words:?}"))
}

#[test]
fn a_date_edit_survives_restart_and_re_extraction() {
    let (tmp, folder) = setup();
    let p = pipeline();
    let d = load(&p, &folder, Curation::default());
    let e = &d.events[d.events.len() / 2];
    let (id, title) = (e.id.clone(), e.title.clone());
    let mut c = Curation::default();
    c.push(Edit::SetDate {
        event: anchor(&d, e, 0),
        value: "1999-03".into(),
    });
    let side = sidecar(&folder, &tmp.path().join(".data"));
    assert_eq!(
        side.save(&c),
        Ok(Saved::Folder(folder.join(".dateline/edits.json")))
    );

    // A new process: a fresh pipeline, the edits read back from the sidecar.
    let again = load(&pipeline(), &folder, side.load().expect("readable"));
    let moved = again
        .events
        .iter()
        .find(|e| e.id == id)
        .expect("still there");
    assert_eq!(moved.value, "1999-03");
    assert_eq!(moved.interval.start.to_string(), "1999-03-01");
    assert_eq!(moved.interval.end.to_string(), "1999-03-31");
    assert_eq!(moved.title, title);
    assert!(moved.curated(), "marked as curated");
    assert!(
        moved.curation[0].contains("machine:"),
        "{:?}",
        moved.curation
    );
    assert_eq!(again.events[0].id, id, "re-sorted by its new date");
    assert!(again.orphans.is_empty());
    // Everything else is as extracted.
    assert_eq!(again.events.iter().filter(|e| e.curated()).count(), 1);
    assert_eq!(again.events.len(), d.events.len());
}

#[test]
fn merge_then_undo_restores_the_exact_prior_state() {
    let (_tmp, folder) = setup();
    let p = pipeline();
    let mut c = Curation::default();
    let base = load(&p, &folder, c.clone());
    c.push(Edit::SetTitle {
        event: anchor(&base, &base.events[0], 0),
        title: "First event, retitled".into(),
    });
    let before = base.clone().recurate(&p, c.clone());
    let (a, b) = (&before.events[1], &before.events[2]);
    let mentions = a.mentions.len() + b.mentions.len();
    c.push(Edit::MergeEvents {
        into: anchor(&before, a, 0),
        other: anchor(&before, b, 0),
    });
    let merged = before.clone().recurate(&p, c.clone());
    assert_eq!(merged.events.len(), before.events.len() - 1);
    let into = merged.events.iter().find(|e| e.id == a.id).expect("kept");
    assert_eq!(into.mentions.len(), mentions);
    assert!(merged.events.iter().all(|e| e.id != b.id));

    assert!(c.undo());
    let undone = merged.recurate(&p, c.clone());
    assert_eq!(undone.events, before.events);
    assert_eq!(undone.actors, before.actors);
    assert_eq!(undone.actor_events, before.actor_events);
    assert!(c.redo());
    let redone = undone.recurate(&p, c);
    assert_eq!(redone.events.len(), before.events.len() - 1);
}

#[test]
fn rejected_events_are_hidden_and_restorable() {
    let (_tmp, folder) = setup();
    let p = pipeline();
    let base = load(&p, &folder, Curation::default());
    let e = &base.events[3];
    let mut c = rejecting(&base, e);
    let d = base.clone().recurate(&p, c.clone());
    assert!(d.events.iter().all(|x| x.id != e.id));
    assert_eq!(d.rejected_events.len(), 1);
    assert_eq!(d.rejected_events[0].id, e.id);
    for list in &d.actor_events {
        assert!(list.iter().all(|&i| i < d.events.len()));
    }
    c.push(Edit::RestoreEvent {
        event: anchor(&base, e, 0),
    });
    let back = d.recurate(&p, c);
    assert!(back.rejected_events.is_empty());
    let restored = back.events.iter().find(|x| x.id == e.id).expect("back");
    assert_eq!(restored.mentions, e.mentions);
}

#[test]
fn split_and_add_events() {
    let (_tmp, folder) = setup();
    let p = pipeline();
    let base = load(&p, &folder, Curation::default());
    let multi = base
        .events
        .iter()
        .find(|e| e.mentions.len() > 1)
        .expect("a merged event in the bundled set");
    let mut c = Curation::default();
    c.push(Edit::SplitEvent {
        mention: anchor(&base, multi, 1),
    });
    let d = base.clone().recurate(&p, c.clone());
    assert_eq!(d.events.len(), base.events.len() + 1);
    let kept = d.events.iter().find(|e| e.id == multi.id).expect("kept");
    assert_eq!(kept.mentions.len(), multi.mentions.len() - 1);
    // Splitting off the first mention (whose id the event carries) keeps ids unique.
    let mut first = Curation::default();
    first.push(Edit::SplitEvent {
        mention: anchor(&base, multi, 0),
    });
    let f = base.clone().recurate(&p, first);
    let ids: std::collections::BTreeSet<&str> = f.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), f.events.len(), "unique ids");
    assert_eq!(f.events.len(), base.events.len() + 1);

    // A passage the machine did not date: the title line of the first article.
    let doc = &base.docs[0];
    let passage = doc.article.title_line.clone();
    c.push(Edit::AddEvent {
        passage: Anchor::of(doc, &passage).expect("anchor"),
        value: "2017-10-26".into(),
        title: String::new(),
    });
    let d = d.recurate(&p, c.clone());
    let added = d
        .events
        .iter()
        .find(|e| e.curation == ["added by you"])
        .expect("added");
    assert_eq!(added.interval.start.to_string(), "2017-10-26");
    assert_eq!(added.mentions[0].passage, passage);
    assert!(!added.title.is_empty(), "titled from the passage");
    // Adding the same passage twice is reported, not duplicated.
    c.push(c.edits.last().cloned().expect("edit"));
    let d = d.recurate(&p, c);
    assert_eq!(d.orphans.len(), 1);
}

#[test]
fn actor_edits_rename_retype_merge_split_and_reject() {
    let (_tmp, folder) = setup();
    let p = pipeline();
    let base = load(&p, &folder, Curation::default());
    let of = |d: &Dataset, name: &str| {
        d.actors
            .iter()
            .find(|a| a.name == name)
            .cloned()
            .unwrap_or_else(|| panic!("actor {name}"))
    };
    let first = |d: &Dataset, a: &dateline::model::Actor| {
        let r = a.mentions[0];
        let span = d.docs[r.doc].extraction.mentions[r.mention].span.clone();
        Anchor::of(&d.docs[r.doc], &span).expect("anchor")
    };
    let top = base.actors[0].clone();
    let second = base.actors[1].clone();
    let mut c = Curation::default();
    c.push(Edit::RenameActor {
        actor: first(&base, &top),
        name: "Renamed Actor".into(),
    });
    c.push(Edit::SetActorKind {
        actor: first(&base, &top),
        kind: ActorKind::Group,
    });
    let d = base.clone().recurate(&p, c.clone());
    let renamed = of(&d, "Renamed Actor");
    assert_eq!(renamed.kind, ActorKind::Group);
    assert!(renamed.aliases.contains(&top.name));
    assert_eq!(renamed.mentions, top.mentions);
    assert!(renamed.curated());

    c.push(Edit::MergeActors {
        into: first(&base, &top),
        other: first(&base, &second),
    });
    let d = d.recurate(&p, c.clone());
    assert_eq!(d.actors.len(), base.actors.len() - 1);
    let merged = of(&d, "Renamed Actor");
    assert_eq!(
        merged.mentions.len(),
        top.mentions.len() + second.mentions.len()
    );
    assert!(merged.aliases.contains(&second.name));
    // Events of the merged-away actor now name the merged actor.
    let m = d
        .actors
        .iter()
        .position(|a| a.name == "Renamed Actor")
        .expect("index");
    assert!(d.events_of(m).count() >= base.events_of(1).count());

    // Split the other actor's name off again: its mentions form their own actor.
    let surface = {
        let r = second.mentions[0];
        let doc = &base.docs[r.doc];
        doc.article.text[doc.extraction.mentions[r.mention].span.clone()].to_string()
    };
    c.push(Edit::SplitAlias {
        actor: first(&base, &top),
        alias: surface.clone(),
    });
    let d = d.recurate(&p, c.clone());
    let split = of(&d, &surface);
    assert!(!split.mentions.is_empty() && split.curated());

    c.push(Edit::RejectActor {
        actor: first(&base, &top),
    });
    let d = d.recurate(&p, c.clone());
    assert!(d.actors.iter().all(|a| a.name != "Renamed Actor"));
    assert_eq!(d.rejected_actors.len(), 1);
    for e in &d.events {
        assert!(e.actors.iter().all(|&a| a < d.actors.len()));
    }
    assert!(d.orphans.is_empty(), "{:?}", d.orphans);
}

/// A folder with one article, `talks.txt` (its text is returned), published
/// 2021-06-10 by `meta.jsonl`, that reports a meeting "on Tuesday".
fn talks_folder() -> (tempfile::TempDir, &'static str) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let text = "Talks resume\nThe two delegations met on Tuesday in Geneva, officials said.\n";
    std::fs::write(tmp.path().join("talks.txt"), text).expect("write");
    std::fs::write(
        tmp.path().join("meta.jsonl"),
        "{\"file\": \"talks.txt\", \"published\": \"2021-06-10\"}\n",
    )
    .expect("write");
    (tmp, text)
}

#[test]
fn setting_the_publication_date_re_resolves_relative_dates() {
    let (tmp, text) = talks_folder();
    let p = pipeline();
    let base = load(&p, tmp.path(), Curation::default());
    let date = |d: &Dataset| d.events.first().map(|e| e.interval.start.to_string());
    assert_eq!(date(&base).as_deref(), Some("2021-06-08"));
    let mut c = Curation::default();
    c.push(Edit::SetPublished {
        article: text_hash(text),
        date: "2021-06-18".into(),
    });
    let d = base.recurate(&p, c.clone());
    assert_eq!(
        date(&d).as_deref(),
        Some("2021-06-15"),
        "the Tuesday before"
    );
    assert_eq!(
        d.docs[0].article.published_source,
        dateline::corpus::PublishedSource::User
    );
    assert!(c.undo());
    let d = d.recurate(&p, c);
    assert_eq!(
        date(&d).as_deref(),
        Some("2021-06-08"),
        "back to meta.jsonl's"
    );
    assert_eq!(
        d.docs[0].article.published_source,
        dateline::corpus::PublishedSource::Meta
    );
}

#[test]
fn rebuilding_from_a_copy_gives_the_same_model_and_keeps_the_original() {
    let (_tmp, folder) = setup();
    let p = pipeline();
    let base = load(&p, &folder, Curation::default());
    let e = &base.events[3];
    let mut c = rejecting(&base, e);
    c.push(Edit::SetPublished {
        article: text_hash(&base.docs[1].article.text),
        date: "2020-01-15".into(),
    });
    let by_value = base.clone().recurate(&p, c.clone());
    let copied = base.recurated(&p, c.clone());
    assert_eq!(copied.events, by_value.events);
    assert_eq!(copied.actors, by_value.actors);
    assert_eq!(copied.rejected_events, by_value.rejected_events);
    assert_eq!(copied.problems, by_value.problems);
    assert_eq!(copied.published_as_read, by_value.published_as_read);
    assert_eq!(copied.curation, c);
    let docs = |d: &Dataset| d.docs.iter().map(|d| d.article.clone()).collect::<Vec<_>>();
    assert_eq!(docs(&copied), docs(&by_value));
    assert_eq!(
        copied.docs[1].article.published_source,
        dateline::corpus::PublishedSource::User
    );
    // The articles are shared with the model it started from, except the one
    // whose publication date changed.
    assert!(std::sync::Arc::ptr_eq(&copied.docs[0], &base.docs[0]));
    assert!(!std::sync::Arc::ptr_eq(&copied.docs[1], &base.docs[1]));
    // The model it started from is untouched; undoing from the copy goes back.
    assert!(base.events.iter().any(|x| x.id == e.id));
    assert!(c.undo() && c.undo());
    let back = copied.recurated(&p, c);
    assert_eq!(back.events, base.events);
    assert_eq!(docs(&back), docs(&base));
}

#[test]
fn a_publication_date_edit_undoes_cleanly_after_the_folder_changed() {
    let (tmp, text) = talks_folder();
    let p = pipeline();
    let date = |d: &Dataset| {
        d.docs
            .iter()
            .zip(&d.doc_events)
            .find(|(doc, _)| doc.article.file == "talks.txt")
            .and_then(|(_, events)| d.events.get(*events.first()?))
            .map(|e| e.interval.start.to_string())
    };
    let mut c = Curation::default();
    c.push(Edit::SetPublished {
        article: text_hash(text),
        date: "2021-06-18".into(),
    });
    let corrected = load(&p, tmp.path(), c.clone());
    assert_eq!(date(&corrected).as_deref(), Some("2021-06-15"));
    // Another article arrives (sorted first, so the indices of the others move);
    // the folder watcher updates the model shown, then applies the edits again.
    let added = tmp.path().join("a-new.txt");
    std::fs::write(
        &added,
        "Port reopens\nThe port reopened on Monday, officials said.\n",
    )
    .expect("write");
    let update = p
        .update(
            tmp.path(),
            corrected.machine_docs(&p),
            &[added],
            &AtomicBool::new(false),
        )
        .expect("updates");
    assert_eq!(update.added, 1);
    assert_eq!(
        update.changed, 0,
        "the corrected article is not a changed file"
    );
    let updated = update.dataset.recurate(&p, c.clone());
    assert_eq!(date(&updated).as_deref(), Some("2021-06-15"));
    // Undoing the edit gives the date as read again, not the corrected one.
    assert!(c.undo());
    let undone = updated.recurate(&p, c);
    assert_eq!(date(&undone).as_deref(), Some("2021-06-08"));
    let talks = undone
        .docs
        .iter()
        .find(|d| d.article.file == "talks.txt")
        .expect("talks");
    assert_eq!(
        talks.article.published_source,
        dateline::corpus::PublishedSource::Meta
    );
}

#[test]
fn an_edit_whose_target_is_gone_is_reported_as_orphaned() {
    let (tmp, folder) = setup();
    let p = pipeline();
    let base = load(&p, &folder, Curation::default());
    let e = event_with(&base, "");
    let doc_file = base.docs[e.mentions[0].doc].article.file.clone();
    let c = rejecting(&base, e);
    let side = sidecar(&folder, &tmp.path().join(".data"));
    side.save(&c).expect("saved");
    // The article changes: its text hash no longer matches the edit.
    let path = folder.join(&doc_file);
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str("\nA line added later.\n");
    std::fs::write(&path, text).expect("write");
    let d = load(&p, &folder, side.load().expect("readable"));
    assert_eq!(d.orphans.len(), 1, "{:?}", d.orphans);
    assert_eq!(d.orphans[0].index, 0);
    assert!(d.orphans[0].reason.contains("no longer found"));
    assert!(
        d.events.iter().any(|x| x.id == e.id),
        "not rejected any more"
    );
}

/// The child half of the crash test: saves with the fault hook set, which aborts
/// between writing the temp file and renaming it. Does nothing in a normal run.
#[test]
fn crash_child() {
    let Some(folder) = std::env::var_os("DATELINE_TEST_CRASH_FOLDER") else {
        return;
    };
    let folder = PathBuf::from(folder);
    let side = sidecar(&folder, &folder.join("data"));
    let mut c = side.load().expect("readable");
    c.push(Edit::RejectEvent {
        event: Anchor {
            article: "second".into(),
            start: 0,
            end: 1,
        },
    });
    let _ = side.save(&c);
    unreachable!("the fault hook aborts before this");
}

#[test]
fn a_crash_during_save_leaves_a_readable_sidecar() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let folder = tmp.path().to_path_buf();
    let side = sidecar(&folder, &folder.join("data"));
    let mut c = Curation::default();
    c.push(Edit::RejectEvent {
        event: Anchor {
            article: "first".into(),
            start: 0,
            end: 1,
        },
    });
    side.save(&c).expect("saved");
    let status = Command::new(std::env::current_exe().expect("test binary"))
        .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
        .env("DATELINE_TEST_CRASH_FOLDER", &folder)
        .env(dateline::fsutil::FAULT_ENV, "abort-before-rename")
        .status()
        .expect("runs the child");
    assert!(!status.success(), "the child was killed mid-save");
    let tmp_files: Vec<_> = std::fs::read_dir(folder.join(".dateline"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert_eq!(tmp_files.len(), 1, "the complete temp file was left behind");
    assert_eq!(side.load(), Ok(c.clone()), "the old version, intact");
    // And the next save works over the leftover.
    c.push(Edit::RestoreEvent {
        event: Anchor {
            article: "first".into(),
            start: 0,
            end: 1,
        },
    });
    side.save(&c).expect("saved");
    assert_eq!(side.load(), Ok(c));
}

#[test]
fn an_unwritable_folder_keeps_edits_in_the_data_directory() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // `.dateline` is a file here, so nothing can be written inside the folder
    // (tests may run as root, for whom permission bits do not stop writes).
    std::fs::write(tmp.path().join(".dateline"), "not a folder").expect("write");
    let data = tmp.path().join("data");
    let side = sidecar(tmp.path(), &data);
    let mut c = Curation::default();
    c.push(Edit::SetPublished {
        article: "abc".into(),
        date: "2020-01-01".into(),
    });
    match side.save(&c) {
        Ok(Saved::DataDir(path, why)) => {
            assert_eq!(path, data.join("edits.json"));
            assert!(!why.is_empty());
        }
        other => panic!("expected the data directory, got {other:?}"),
    }
    assert_eq!(side.load(), Ok(c));
}

#[test]
fn a_malformed_sidecar_is_an_error_and_is_set_aside_not_overwritten() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let side = sidecar(tmp.path(), &tmp.path().join("data"));
    std::fs::create_dir_all(tmp.path().join(".dateline")).expect("dir");
    std::fs::write(&side.in_folder, "{ half a file").expect("write");
    let err = side.load().expect_err("malformed");
    assert!(err.contains("edits.json"), "{err}");
    let aside = side.set_aside_broken();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&aside[0]).expect("kept"),
        "{ half a file"
    );
    assert_eq!(side.load(), Ok(Curation::default()));
}

#[test]
fn dateline_extract_applies_the_edits_unless_raw() {
    let (tmp, folder) = setup();
    let p = pipeline();
    let base = load(&p, &folder, Curation::default());
    let e = &base.events[0];
    let mut c = Curation::default();
    c.push(Edit::SetTitle {
        event: anchor(&base, e, 0),
        title: "Checked by hand".into(),
    });
    c.push(Edit::RejectEvent {
        event: Anchor {
            article: "0000000000000000".into(),
            start: 0,
            end: 4,
        },
    });
    sidecar(&folder, &tmp.path().join(".data"))
        .save(&c)
        .expect("saved");
    let run = |raw: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
        cmd.arg("extract")
            .arg(&folder)
            .env("DATELINE_NO_CACHE", "1");
        if raw {
            cmd.arg("--raw");
        }
        let out = cmd.output().expect("runs");
        assert!(out.status.success());
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        (json, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (json, stderr) = run(false);
    let event = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|x| x["id"] == e.id.as_str())
        .expect("the event");
    assert_eq!(event["title"], "Checked by hand");
    assert_eq!(event["curated"], true);
    let orphan = json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .find(|p| p["file"] == ".dateline/edits.json")
        .expect("the orphaned edit is a problem");
    assert!(orphan["message"].as_str().expect("text").contains("edit 2"));
    assert!(stderr.contains("no longer applies"), "{stderr}");

    // The CSV marks the corrected event's rows.
    let csv = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("extract")
        .arg(&folder)
        .args(["--format", "csv"])
        .env("DATELINE_NO_CACHE", "1")
        .output()
        .expect("runs");
    let csv = String::from_utf8_lossy(&csv.stdout);
    let marked: Vec<&str> = csv.lines().filter(|l| l.ends_with(",true")).collect();
    assert_eq!(marked.len(), e.mentions.len(), "{marked:?}");
    assert!(marked.iter().all(|l| l.contains("Checked by hand")));

    let (raw, _) = run(true);
    let event = raw["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|x| x["id"] == e.id.as_str())
        .expect("the event");
    assert_eq!(event["title"], &*e.title);
    assert!(event.get("curated").is_none());
}
