//! Issue 9: a folder full of bad input loads through the same code path as the GUI
//! (`Pipeline::run`), every bad file is reported with its reason, every good article
//! is present, the CLI reports problems and exits 0, and nothing in the folder is
//! ever written.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;

use common::bad_folder::{self, Options};
use dateline::pipeline::{Pipeline, Progress};

fn dateline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

fn problem_key(p: &dateline::corpus::Problem) -> String {
    match p.line {
        Some(l) => format!("{}:{l}", p.file),
        None => p.file.clone(),
    }
}

#[test]
fn bad_folder_loads_every_good_article_and_reports_every_problem()
-> Result<(), Box<dyn std::error::Error>> {
    let folder = bad_folder::build(Options::default())?;
    let pipeline = Pipeline::new()?;
    let vanishing = folder.vanishing.clone();
    // Listing is done when progress first reports 0 done: delete a file then.
    let mut progress = move |p: Progress| {
        if p.done == 0 {
            let _ = std::fs::remove_file(&vanishing);
        }
    };
    let dataset = pipeline.run(&folder.root, &mut progress, &AtomicBool::new(false))?;

    let mut loaded: Vec<&str> = dataset
        .docs
        .iter()
        .map(|d| d.article.file.as_str())
        .collect();
    loaded.sort_unstable();
    assert_eq!(loaded, folder.good, "exactly the good articles are loaded");

    for (file, reason) in &folder.problems {
        assert!(
            dataset
                .problems
                .iter()
                .any(|p| &problem_key(p) == file && p.message.contains(reason)),
            "missing problem {file}: {reason}\nproblems: {:#?}",
            dataset.problems
        );
    }
    for p in &dataset.problems {
        let key = problem_key(p);
        assert!(
            folder.problems.iter().any(|(f, _)| *f == key),
            "unexpected problem {key}: {}",
            p.message
        );
        assert!(!p.message.contains('\n'), "one-line reason: {}", p.message);
    }

    // Decoded texts, meta and formats.
    let doc = |file: &str| dataset.docs.iter().find(|d| d.article.file == file);
    let utf8 = doc("good_utf8.txt").ok_or("good_utf8")?;
    assert_eq!(utf8.article.published, Some(jiff::civil::date(2024, 2, 8)));
    assert_eq!(utf8.article.source.as_deref(), Some("Wire"));
    assert_eq!(
        doc("good_utf16le.txt").ok_or("le")?.article.title,
        "UTF-16 LE ü"
    );
    assert_eq!(
        doc("good_utf16be.txt").ok_or("be")?.article.title,
        "UTF-16 BE ü"
    );
    assert_eq!(
        doc("good_cp1252.txt").ok_or("1252")?.article.title,
        "Windows-1252 café “quoted”"
    );
    assert!(
        doc("good_crlf.txt")
            .ok_or("crlf")?
            .article
            .text
            .contains("\r\n")
    );
    assert_eq!(doc("good_cr.txt").ok_or("cr")?.article.title, "CR lines");
    assert!(
        doc("good_nul.txt")
            .ok_or("nul")?
            .article
            .text
            .contains('\u{FFFD}')
    );
    assert_eq!(doc("good_notes.md").ok_or("md")?.article.title, "Notes");
    assert_eq!(doc("good_page.html").ok_or("html")?.article.title, "A page");
    // Every good article with the shared body yields its event.
    assert!(!utf8.extraction.events.is_empty());
    Ok(())
}

/// A small version of the folder for the CLI checks (the CLI's own 20 MB cap).
fn small_folder() -> std::io::Result<bad_folder::BadFolder> {
    bad_folder::build(Options {
        huge_bytes: 21 * 1024 * 1024,
        tiny_files: 300,
        depth: 40,
    })
}

#[test]
fn cli_extract_reports_problems_on_stderr_and_exits_0() -> Result<(), Box<dyn std::error::Error>> {
    let folder = small_folder()?;
    let out = dateline().arg("extract").arg(&folder.root).output()?;
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for file in [
        "empty.txt",
        "image.txt",
        "huge.txt",
        "link_outside.txt",
        "meta.jsonl:2",
        "report.pdf",
    ] {
        assert!(stderr.contains(file), "{file} not on stderr:\n{stderr}");
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let problems = json["problems"].as_array().ok_or("problems")?;
    assert!(problems.iter().any(|p| p["file"] == "huge.txt"));
    // The outside file was never read: its text appears nowhere in the export.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Secret outside"));
    Ok(())
}

#[test]
fn cli_missing_path_exits_2() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dateline()
        .arg("extract")
        .arg(dir.path().join("nope"))
        .output()?;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    Ok(())
}

#[test]
fn cli_closed_pipe_ends_quietly() -> Result<(), Box<dyn std::error::Error>> {
    let folder = small_folder()?;
    let mut child = dateline()
        .arg("extract")
        .arg(&folder.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut head = [0u8; 10];
    child.stdout.take().ok_or("stdout")?.read_exact(&mut head)?; // `| head -c 10`, then close
    let status = child.wait()?;
    assert_eq!(status.code(), Some(0), "ends quietly with success");
    // Same through a shell pipeline, checking stderr has no panic or error.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' extract '{}' 2>&1 >/dev/null | grep -ci 'panick\\|broken pipe'; '{}' extract '{}' 2>/dev/null | head -c 10",
            env!("CARGO_BIN_EXE_dateline"),
            folder.root.display(),
            env!("CARGO_BIN_EXE_dateline"),
            folder.root.display()
        ))
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("0\n{"), "{text}");
    Ok(())
}

#[test]
fn loading_correcting_and_exporting_never_write_articles_or_meta()
-> Result<(), Box<dyn std::error::Error>> {
    let folder = small_folder()?;
    let before = bad_folder::snapshot(&folder.root)?;
    let out_file = folder.dir.path().join("export.json");
    let export = || {
        dateline()
            .arg("extract")
            .arg(&folder.root)
            .arg("-o")
            .arg(&out_file)
            .stderr(Stdio::null())
            .status()
    };
    assert_eq!(export()?.code(), Some(0));
    assert!(out_file.is_file());
    let pipeline = Pipeline::new()?;
    let dataset = pipeline.run(&folder.root, &mut |_| {}, &AtomicBool::new(false))?;
    // A correction, saved as the app saves it, then an export that applies it.
    let event = dataset.events.first().ok_or("an event")?;
    let m = event.mentions.first().ok_or("a mention")?;
    let doc = dataset.docs.get(m.doc).ok_or("its article")?;
    let mut curation = dateline::curation::Curation::default();
    curation.push(dateline::curation::Edit::SetTitle {
        event: dateline::curation::Anchor::of(doc, &m.timex.span).ok_or("anchor")?,
        title: "Checked".into(),
    });
    curation.push(dateline::curation::Edit::SetPublished {
        article: dateline::curation::text_hash(&doc.article.text),
        date: "2001-02-03".into(),
    });
    let sidecar = dateline::curation::Sidecar::for_root(&folder.root);
    sidecar.save(&curation)?;
    let _ = dataset.recurate(&pipeline, curation);
    assert_eq!(export()?.code(), Some(0));
    assert!(std::fs::read_to_string(&out_file)?.contains("\"curated\": true"));
    // Everything but the app's own sidecar is byte for byte as it was.
    let sidecar_dir = folder.root.join(".dateline");
    assert!(sidecar_dir.join("edits.json").is_file());
    let after: Vec<_> = bad_folder::snapshot(&folder.root)?
        .into_iter()
        .filter(|(p, _)| !p.starts_with(&sidecar_dir))
        .collect();
    assert_eq!(before.len(), after.len(), "no file added or removed");
    for ((p1, c1), (p2, c2)) in before.iter().zip(&after) {
        assert_eq!(p1, p2);
        assert!(c1 == c2, "{} changed", p1.display());
    }
    Ok(())
}
