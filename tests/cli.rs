//! The `dateline` binary's command line: `extract` formats and exit codes, and the
//! `timex` / `entities` line protocols.

use std::path::Path;
use std::process::Command;

fn dateline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

/// `dateline extract` of the bundled articles in `format` into the file `out`.
fn extract_articles_to(format: &str, out: &Path) -> Command {
    let mut command = dateline();
    command
        .arg("extract")
        .arg(articles())
        .args(["--format", format, "-o"])
        .arg(out);
    command
}

fn articles() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

#[test]
fn extract_json_lists_the_bundled_articles_with_their_dates()
-> Result<(), Box<dyn std::error::Error>> {
    let out = dateline()
        .arg("extract")
        .arg(articles())
        .args(["--format", "json"])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["schema"], "dateline/1");
    let published: Vec<(&str, &str, &str)> = json["articles"]
        .as_array()
        .ok_or("articles")?
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap_or_default(),
                a["published"].as_str().unwrap_or_default(),
                a["published_source"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        published,
        [
            ("000_8e7fbcd98cf36e99", "2017-10-27", "meta"),
            ("001_b5feadb736ea55fb", "2024-07-23", "meta"),
            ("002_6bdb70063cfb5e31", "2024-01-24", "meta"),
            ("003_13fe6bb473124d00", "2025-11-07", "meta"),
            ("004_b33f97960e3bf917", "2024-02-08", "meta"),
        ]
    );
    // Every mention's offsets are char offsets that give back the date text.
    let texts: std::collections::HashMap<String, Vec<char>> = std::fs::read_dir(articles())?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let id = e
                .path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                id,
                std::fs::read_to_string(e.path())
                    .unwrap_or_default()
                    .chars()
                    .collect(),
            )
        })
        .collect();
    for event in json["events"].as_array().ok_or("events")? {
        for m in event["mentions"].as_array().ok_or("mentions")? {
            let text = &texts[m["article"].as_str().ok_or("article")?];
            let t = &m["timex"];
            let (s, e) = (
                t["start"].as_u64().ok_or("start")? as usize,
                t["end"].as_u64().ok_or("end")? as usize,
            );
            let slice: String = text[s..e].iter().collect();
            assert_eq!(slice, t["text"].as_str().ok_or("text")?);
            let (ps, pe) = (
                m["start"].as_u64().ok_or("start")? as usize,
                m["end"].as_u64().ok_or("end")? as usize,
            );
            assert!(ps <= s && e <= pe, "date inside its passage");
        }
    }
    Ok(())
}

#[test]
fn extract_writes_csv_and_timelinejs_files() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let csv = dir.path().join("out.csv");
    let status = extract_articles_to("csv", &csv).status()?;
    assert!(status.success());
    let text = std::fs::read_to_string(&csv)?;
    assert!(
        text.starts_with(
            "date,start,end,granularity,title,actors,article,outlet,passage,curated\r\n"
        )
    );
    let tl = dir.path().join("tl.json");
    let status = extract_articles_to("timelinejs", &tl).status()?;
    assert!(status.success());
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&tl)?)?;
    for event in json["events"].as_array().ok_or("events")? {
        assert!(event["start_date"]["year"].is_i64());
        assert!(event["text"]["headline"].is_string());
    }
    Ok(())
}

#[test]
fn exit_codes_follow_the_contract() -> std::io::Result<()> {
    let missing = dateline()
        .args(["extract", "/definitely/not/here"])
        .output()?;
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/definitely/not/here"));
    assert_eq!(
        dateline().args(["extract"]).output()?.status.code(),
        Some(2)
    );
    assert_eq!(
        dateline()
            .args(["extract", ".", "--format", "xml"])
            .output()?
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        dateline().args(["--version"]).output()?.status.code(),
        Some(0)
    );
    // A folder with a bad file still exits 0 and reports the file on stderr.
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("good.txt"), "Title\nTalks began in 2019.\n")?;
    std::fs::write(dir.path().join("empty.txt"), "")?;
    let out = dateline().arg("extract").arg(dir.path()).output()?;
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt"));
    Ok(())
}

#[test]
fn line_protocols_answer_one_line_per_input() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"dct\": \"2024-02-08\", \"text\": \"Talks began in 2019 in Baghdad, Iraq.\"}\n\
         {\"id\": \"b\", \"dct\": \"2024-02-08\", \"text\": \"é “quoted” 2020\"}\n",
    )?;
    for command in ["timex", "entities"] {
        let out = dateline().arg(command).arg(&input).output()?;
        assert!(out.status.success(), "{command}");
        let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)?
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        assert_eq!(lines.len(), 2, "{command}");
        assert_eq!(lines[0]["id"], "a");
    }
    let out = dateline().arg("timex").arg(&input).output()?;
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)?
            .lines()
            .nth(1)
            .ok_or("line")?,
    )?;
    let t = &first["timexes"][0];
    assert_eq!(
        (t["start"].as_u64(), t["end"].as_u64(), t["value"].as_str()),
        (Some(11), Some(15), Some("2020"))
    );
    Ok(())
}

/// `-o` naming a pipe (or a device, "/dev/null", "/dev/stdout") writes into it: the
/// atomic write's rename would have put a regular file in its place.
#[cfg(unix)]
#[test]
fn extract_writes_into_a_pipe_and_leaves_it_a_pipe() -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir()?;
    let fifo = dir.path().join("out.csv");
    let made = Command::new("mkfifo").arg(&fifo).status()?;
    assert!(made.success(), "mkfifo failed");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || -> std::io::Result<String> {
            let mut text = String::new();
            std::fs::File::open(&fifo)?.read_to_string(&mut text)?;
            Ok(text)
        })
    };
    let out = extract_articles_to("csv", &fifo).output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked first: had the pipe been replaced, the reader would wait for ever.
    assert!(std::fs::symlink_metadata(&fifo)?.file_type().is_fifo());
    let text = reader.join().map_err(|_| "reader panicked")??;
    assert!(
        text.lines().count() > 10,
        "the export went through the pipe: {text}"
    );
    Ok(())
}
