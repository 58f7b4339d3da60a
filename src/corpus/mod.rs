//! The corpus: reading a folder (or one file) of articles into [`Article`]s.
//!
//! Owns the folder format of CONTRACTS.md §1: which files are articles, decoding,
//! title = line 1, `meta.jsonl`, the publication date and where it came from, and the
//! page-furniture lines (captions, credits, link lists, "Updated: …") that later
//! stages must ignore. A file that cannot be read is a [`Problem`], never an abort.

mod furniture;
pub mod meta;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use furniture::{Furniture, FurnitureKind};

/// Largest article file read; larger files are reported and skipped.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Where an article's publication date came from (CONTRACTS.md `published_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedSource {
    /// From `meta.jsonl`.
    Meta,
    /// Stated in the text ("Updated: February 08, 2024").
    Text,
    /// Inferred (e.g. from the file's dates).
    Inferred,
    /// Set by the user.
    User,
    /// Unknown.
    None,
}

impl PublishedSource {
    /// Words for the UI: where the date came from.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Meta => "from meta.jsonl",
            Self::Text => "stated in the text",
            Self::Inferred => "inferred",
            Self::User => "set by you",
            Self::None => "unknown",
        }
    }
}

/// One article, as read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable id: the file's path relative to the folder, without extension.
    pub id: String,
    /// The file's path relative to the folder, with `/` separators.
    pub file: String,
    /// Title: `meta.jsonl`'s, else line 1.
    pub title: String,
    /// The decoded text (UTF-8 BOM removed, nothing else altered), title line included.
    pub text: String,
    /// Byte range of the title line in `text`.
    pub title_line: Range<usize>,
    /// Publication date (document creation time), if known.
    pub published: Option<Date>,
    /// Where `published` came from.
    pub published_source: PublishedSource,
    /// Byte range of the text the date was read from, for `PublishedSource::Text`.
    pub published_span: Option<Range<usize>>,
    /// Outlet ("Reuters").
    pub source: Option<String>,
    /// Original address.
    pub url: Option<String>,
    /// Page-furniture lines (byte ranges): shown dimmed, never mined.
    pub furniture: Vec<Range<usize>>,
}

impl Article {
    /// Byte ranges that extraction must skip: the title line and page furniture.
    pub fn skipped(&self) -> Vec<Range<usize>> {
        let mut all = Vec::with_capacity(self.furniture.len() + 1);
        all.push(self.title_line.clone());
        all.extend(self.furniture.iter().cloned());
        all
    }

    /// Whether byte range `r` overlaps the title line or page furniture.
    pub fn in_skipped(&self, r: &Range<usize>) -> bool {
        let overlaps = |s: &Range<usize>| s.start < r.end && r.start < s.end;
        overlaps(&self.title_line) || self.furniture.iter().any(overlaps)
    }

    /// A short label: outlet and publication date.
    pub fn label(&self) -> String {
        let outlet = self.source.as_deref().unwrap_or(&self.id);
        match self.published {
            Some(d) => format!("{outlet} · {d}"),
            None => outlet.to_string(),
        }
    }
}

/// A file or line that could not be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file, relative to the folder.
    pub file: String,
    /// 1-based line number, where the problem is on one line (`meta.jsonl`).
    pub line: Option<usize>,
    /// One-line reason.
    pub message: String,
}

/// A loaded folder.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The folder (or file) that was opened.
    pub root: PathBuf,
    /// The articles, ordered by file path.
    pub articles: Vec<Article>,
    /// What could not be read.
    pub problems: Vec<Problem>,
}

/// Why a whole folder could not be opened.
#[derive(Debug)]
pub enum CorpusError {
    /// The path does not exist or cannot be read.
    Unreadable {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The bundled rule assets are malformed (a build defect).
    Assets(String),
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            Self::Assets(m) => write!(f, "corpus assets: {m}"),
        }
    }
}

impl std::error::Error for CorpusError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unreadable { source, .. } => Some(source),
            Self::Assets(_) => None,
        }
    }
}

/// File extensions read as articles.
const ARTICLE_EXTENSIONS: &[&str] = &["txt"];

/// Lists the article files under `root` (a folder, searched recursively, or one
/// file), sorted by relative path, with problems for what could not be listed.
pub fn list_files(root: &Path) -> Result<(Vec<PathBuf>, Vec<Problem>), CorpusError> {
    let meta = std::fs::metadata(root).map_err(|source| CorpusError::Unreadable {
        path: root.into(),
        source,
    })?;
    let mut problems = Vec::new();
    if meta.is_file() {
        return Ok((vec![root.to_path_buf()], problems));
    }
    std::fs::read_dir(root).map_err(|source| CorpusError::Unreadable {
        path: root.into(),
        source,
    })?;
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem {
                    file: relative(root, &dir),
                    line: None,
                    message: format!("folder not readable: {e}"),
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            // `metadata` follows symlinks; a broken link is reported.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                        problems.push(Problem {
                            file: relative(root, &path),
                            line: None,
                            message: "symbolic link to a folder — not followed".into(),
                        });
                    } else {
                        stack.push(path);
                    }
                }
                Ok(_) => {
                    let ext = path
                        .extension()
                        .and_then(|e| e.to_str())
                        .map(str::to_ascii_lowercase);
                    if ext
                        .as_deref()
                        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e))
                    {
                        files.push(path);
                    }
                }
                Err(e) => problems.push(Problem {
                    file: relative(root, &path),
                    line: None,
                    message: format!("not readable: {e}"),
                }),
            }
        }
    }
    files.sort();
    Ok((files, problems))
}

/// The corpus reader: furniture rules and month names, compiled once.
#[derive(Debug)]
pub struct Reader {
    furniture: Furniture,
}

impl Reader {
    /// Compiles the bundled furniture rules.
    pub fn new() -> Result<Self, CorpusError> {
        Ok(Self {
            furniture: Furniture::bundled()?,
        })
    }

    /// Reads the whole folder (or file) at `root`; `progress(done, total)` is called
    /// after each file.
    pub fn load(
        &self,
        root: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Corpus, CorpusError> {
        let (files, mut problems) = list_files(root)?;
        let folder = if root.is_dir() {
            root
        } else {
            root.parent().unwrap_or(Path::new("."))
        };
        let meta = meta::read(folder, &mut problems);
        let mut articles = Vec::with_capacity(files.len());
        for (i, path) in files.iter().enumerate() {
            let file = relative(folder, path);
            match self.read_article(path, &file, meta.get(&file)) {
                Ok(a) => articles.push(a),
                Err(message) => problems.push(Problem {
                    file,
                    line: None,
                    message,
                }),
            }
            progress(i + 1, files.len());
        }
        for name in meta.keys() {
            if !articles.iter().any(|a| &a.file == name)
                && !problems.iter().any(|p| &p.file == name)
            {
                problems.push(Problem {
                    file: meta::FILE_NAME.into(),
                    line: None,
                    message: format!("names {name}, which is not an article in this folder"),
                });
            }
        }
        Ok(Corpus {
            root: root.to_path_buf(),
            articles,
            problems,
        })
    }

    /// Reads one article file; the error is a one-line reason.
    pub fn read_article(
        &self,
        path: &Path,
        file: &str,
        meta: Option<&meta::Meta>,
    ) -> Result<Article, String> {
        let size = std::fs::metadata(path)
            .map_err(|e| format!("not readable: {e}"))?
            .len();
        if size > MAX_FILE_BYTES {
            return Err(format!(
                "too large ({} MB, limit {} MB) — skipped",
                size >> 20,
                MAX_FILE_BYTES >> 20
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("not readable: {e}"))?;
        let text = decode(&bytes)?;
        Ok(self.article_from_text(file, text, meta))
    }

    /// Builds an article from decoded text and its `meta.jsonl` entry.
    pub fn article_from_text(
        &self,
        file: &str,
        text: String,
        meta: Option<&meta::Meta>,
    ) -> Article {
        let first_end = text.find(['\n', '\r']).unwrap_or(text.len());
        let lead = text[..first_end].len() - text[..first_end].trim_start().len();
        let title_line = lead..first_end;
        let line_title = text[title_line.clone()].trim().to_string();
        let title = meta
            .and_then(|m| m.title.clone())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(line_title);
        let scan = self.furniture.scan(&text, first_end);
        let (published, published_source, published_span) =
            match (meta.and_then(|m| m.published), scan.published) {
                (Some(d), _) => (Some(d), PublishedSource::Meta, None),
                (None, Some((d, span))) => (Some(d), PublishedSource::Text, Some(span)),
                (None, None) => (None, PublishedSource::None, None),
            };
        let id = file
            .rsplit_once('.')
            .map_or(file, |(stem, _)| stem)
            .to_string();
        Article {
            id,
            file: file.to_string(),
            title,
            text,
            title_line,
            published,
            published_source,
            published_span,
            source: meta.and_then(|m| m.source.clone()),
            url: meta.and_then(|m| m.url.clone()),
            furniture: scan.lines,
        }
    }
}

/// Decodes file bytes: UTF-8 (BOM removed) or, failing that, Latin-1 text; binary
/// content is refused with a reason.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file — skipped".into());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let controls = body
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b))
        .count();
    if controls * 100 > body.len().max(1) || body.contains(&0) && controls * 1000 > body.len() {
        return Err("binary content, not text — skipped".into());
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(body.iter().map(|&b| char::from(b)).collect()),
    }
}

/// Reports `meta.jsonl` entries that name no article that was read.
pub fn unmatched_meta(
    meta: &std::collections::BTreeMap<String, meta::Meta>,
    read: &[&str],
    problems: &mut Vec<Problem>,
) {
    let read: std::collections::HashSet<&str> = read.iter().copied().collect();
    let failed: std::collections::HashSet<&str> =
        problems.iter().map(|p| p.file.as_str()).collect();
    let mut unmatched = Vec::new();
    for name in meta.keys() {
        if !read.contains(name.as_str()) && !failed.contains(name.as_str()) {
            unmatched.push(Problem {
                file: meta::FILE_NAME.into(),
                line: None,
                message: format!("names {name}, which is not an article in this folder"),
            });
        }
    }
    problems.extend(unmatched);
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_handles_bom_latin1_and_binary() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFTitle\nBody").as_deref(),
            Ok("Title\nBody")
        );
        assert_eq!(decode(b"Caf\xE9 au lait").as_deref(), Ok("Café au lait"));
        assert!(decode(b"").is_err());
        assert!(decode(b"  \n ").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01").is_err());
    }

    #[test]
    fn bundled_articles_load_with_meta_dates() -> Result<(), CorpusError> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
        let corpus = Reader::new()?.load(&root, &mut |_, _| {})?;
        assert_eq!(corpus.articles.len(), 5);
        assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
        let first = &corpus.articles[0];
        assert_eq!(first.id, "000_8e7fbcd98cf36e99");
        assert_eq!(first.published, Some(jiff::civil::date(2017, 10, 27)));
        assert_eq!(first.published_source, PublishedSource::Meta);
        assert_eq!(first.source.as_deref(), Some("Rudaw"));
        assert!(first.title.starts_with("Iraqi, Kurdish military talks"));
        Ok(())
    }

    #[test]
    fn text_date_is_used_without_meta() -> Result<(), CorpusError> {
        let reader = Reader::new()?;
        let text = "A title\nSomething happened on Monday.\nUpdated: February 08, 2024, 7:04 PM\n"
            .to_string();
        let a = reader.article_from_text("x.txt", text, None);
        assert_eq!(a.published, Some(jiff::civil::date(2024, 2, 8)));
        assert_eq!(a.published_source, PublishedSource::Text);
        assert_eq!(a.furniture.len(), 1);
        assert_eq!(a.id, "x");
        Ok(())
    }
}
