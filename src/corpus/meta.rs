//! `meta.jsonl`: per-article title, publication date, outlet and address.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use super::Problem;

/// The metadata file's name.
pub const FILE_NAME: &str = "meta.jsonl";

/// One `meta.jsonl` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Title overriding line 1.
    pub title: Option<String>,
    /// Publication date (the date part of `published`).
    pub published: Option<Date>,
    /// Outlet.
    pub source: Option<String>,
    /// Address.
    pub url: Option<String>,
}

#[derive(Deserialize)]
struct Line {
    file: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Reads `folder/meta.jsonl` if present: entries by file name; bad lines become
/// problems with their line number and do not discard the others.
pub fn read(folder: &Path, problems: &mut Vec<Problem>) -> BTreeMap<String, Meta> {
    let mut out = BTreeMap::new();
    let path = folder.join(FILE_NAME);
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        let inside = std::fs::canonicalize(folder)
            .and_then(|root| Ok(std::fs::canonicalize(&path)?.starts_with(root)));
        if !inside.unwrap_or(false) {
            problems.push(Problem {
                file: FILE_NAME.into(),
                line: None,
                message: "symbolic link to a file outside the opened folder (or broken) — not read"
                    .into(),
            });
            return out;
        }
    }
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return out,
        Err(e) => {
            problems.push(Problem {
                file: FILE_NAME.into(),
                line: None,
                message: format!("not readable: {e}"),
            });
            return out;
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let problem = |message: String| Problem {
            file: FILE_NAME.into(),
            line: Some(n + 1),
            message,
        };
        let parsed: Line = match serde_json::from_str(line) {
            Ok(l) => l,
            Err(e) => {
                problems.push(problem(format!("not a valid entry: {e}")));
                continue;
            }
        };
        let published = match parsed
            .published
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            None => None,
            Some(p) => match p.get(..10).and_then(|d| d.parse::<Date>().ok()) {
                Some(d) => Some(d),
                None => {
                    problems.push(problem(format!(
                        "publication date {p:?} is not YYYY-MM-DD — ignored"
                    )));
                    None
                }
            },
        };
        let file = parsed.file.replace('\\', "/");
        if file.split('/').any(|part| part == "..") || file.starts_with('/') {
            problems.push(problem(format!(
                "names {file}, outside the folder — ignored"
            )));
            continue;
        }
        out.insert(
            file,
            Meta {
                title: parsed.title,
                published,
                source: parsed.source,
                url: parsed.url,
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_and_good_lines_kept() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(
            dir.path().join(FILE_NAME),
            "{\"file\": \"a.txt\", \"published\": \"2024-02-08T19:04\", \"source\": \"X\"}\n\
             not json\n\
             {\"file\": \"b.txt\", \"published\": \"Feb 8\"}\n\
             {\"file\": \"../etc/passwd\"}\n",
        )?;
        let mut problems = Vec::new();
        let meta = read(dir.path(), &mut problems);
        assert_eq!(
            meta.get("a.txt").and_then(|m| m.published),
            Some(jiff::civil::date(2024, 2, 8))
        );
        assert!(meta.contains_key("b.txt"));
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn meta_link_to_outside_the_folder_is_not_read() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("folder");
        std::fs::create_dir(&root)?;
        let outside = dir.path().join(FILE_NAME);
        std::fs::write(&outside, "{\"file\": \"a.txt\", \"title\": \"stolen\"}\n")?;
        std::os::unix::fs::symlink(&outside, root.join(FILE_NAME))?;
        let mut problems = Vec::new();
        assert!(read(&root, &mut problems).is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("outside the opened folder"));
        Ok(())
    }
}
