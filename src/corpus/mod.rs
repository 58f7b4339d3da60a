//! The corpus: reading a folder (or one file) of articles into [`Article`]s.
//!
//! Owns the folder format of CONTRACTS.md §1: which files are articles, decoding,
//! title = line 1, `meta.jsonl`, the publication date and where it came from, and the
//! page-furniture lines (captions, credits, link lists, "Updated: …") that later
//! stages must ignore. A file that cannot be read is a [`Problem`], never an abort.

mod decode;
mod furniture;
mod html;
pub mod infer;
mod markdown;
pub mod meta;
mod pdf;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use decode::decode;
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
            Self::Inferred => "inferred, not stated — check it",
            Self::User => "set by you",
            Self::None => "unknown",
        }
    }
}

/// One article, as read from its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Inline markup (byte ranges: Markdown emphasis markers, link targets,
    /// images): shown dimmed, and blanked out for extraction, so the prose around
    /// it is mined as if the markup were not there.
    pub markup: Vec<Range<usize>>,
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

    /// The text extraction reads: `text` with the [`Article::markup`] ranges
    /// replaced by spaces, byte for byte, so every range into it is the same range
    /// of `text`.
    pub fn extraction_text(&self) -> std::borrow::Cow<'_, str> {
        blank_out(&self.text, &self.markup)
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
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "pdf"];

/// Lists the article files under `root` (a folder, searched recursively, or one
/// file), sorted by relative path, with problems for what could not be listed.
///
/// Symbolic links to files are followed only when their target lies inside the
/// folder (canonical paths are compared); links to folders are never followed, so
/// link loops cannot recurse. Broken links and loops are reported.
pub fn list_files(root: &Path) -> Result<(Vec<PathBuf>, Vec<Problem>), CorpusError> {
    let unreadable = |source| CorpusError::Unreadable {
        path: root.into(),
        source,
    };
    let meta = std::fs::metadata(root).map_err(unreadable)?;
    let mut problems = Vec::new();
    if meta.is_file() {
        return Ok((vec![root.to_path_buf()], problems));
    }
    std::fs::read_dir(root).map_err(unreadable)?;
    let canonical_root = std::fs::canonicalize(root).map_err(unreadable)?;
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
            let problem = |message: String| Problem {
                file: relative(root, &path),
                line: None,
                message,
            };
            let kind = entry.file_type().ok();
            let is_link = kind.is_some_and(|t| t.is_symlink());
            // A plain file or folder is known from its folder entry; anything else is
            // looked at through `metadata`, which follows symlinks (a broken link or
            // a loop fails here).
            let meta = match kind {
                Some(t) if t.is_file() || t.is_dir() => Ok(t.is_dir()),
                _ => std::fs::metadata(&path).map(|m| m.is_dir()),
            };
            match meta {
                Ok(true) => {
                    if is_link {
                        problems.push(problem("symbolic link to a folder — not followed".into()));
                    } else {
                        stack.push(path);
                    }
                }
                Ok(false) => {
                    if !is_article_name(&path) {
                        continue;
                    }
                    if is_documentation(&path) {
                        problems.push(problem(
                            "the folder's documentation (README, LICENSE, …), not an article \
                             — skipped"
                                .into(),
                        ));
                        continue;
                    }
                    if is_link && !inside(&canonical_root, &path) {
                        problems.push(problem(
                            "symbolic link to a file outside the opened folder — not read".into(),
                        ));
                    } else {
                        files.push(path);
                    }
                }
                Err(e) if is_link && e.kind() == std::io::ErrorKind::NotFound => {
                    problems.push(problem(
                        "broken symbolic link (target missing) — skipped".into(),
                    ));
                }
                Err(e) if is_link => problems.push(problem(format!(
                    "symbolic link cannot be followed (loop?): {e} — skipped"
                ))),
                Err(e) => problems.push(problem(format!("not readable: {e}"))),
            }
        }
    }
    // Path order (component by component), with each path's components taken out
    // once instead of at every comparison.
    files.sort_by_cached_key(|p| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .components()
            .map(|c| c.as_os_str().to_os_string())
            .collect::<Vec<_>>()
    });
    Ok((files, problems))
}

/// Whether `path` has an article extension.
fn is_article_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.as_str()))
}

/// The names (before the first dot, any case) of the files that document a folder
/// rather than report news: a dataset's `README.md` or `LICENSE.md` is no article,
/// and its dates ("released 2023", "CC BY 2.5 since 2005") no events.
const DOCUMENTATION_NAMES: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "changelog",
    "contributing",
    "authors",
    "notice",
];

/// Whether the file at `path` is one of [`DOCUMENTATION_NAMES`].
fn is_documentation(path: &Path) -> bool {
    let stem = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').next())
        .unwrap_or_default();
    DOCUMENTATION_NAMES
        .iter()
        .any(|d| d.eq_ignore_ascii_case(stem))
}

/// Whether `path`, with every link resolved, lies under `canonical_root`.
fn inside(canonical_root: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(canonical_root))
}

/// Reports, for each article whose text equals an earlier one's, a problem naming
/// the earlier file; returns the indices of those duplicates (to be dropped, so the
/// content is counted once). `files_and_texts` must be in folder order.
pub fn find_duplicates(
    files_and_texts: &[(&str, &str)],
    problems: &mut Vec<Problem>,
) -> Vec<usize> {
    // Whole texts are hashed: foldhash reads them several times faster than SipHash.
    let mut first: crate::hashing::Map<&str, &str> = crate::hashing::Map::default();
    let mut duplicates = Vec::new();
    for (i, (file, text)) in files_and_texts.iter().enumerate() {
        match first.get(text.trim()) {
            Some(original) => {
                problems.push(Problem {
                    file: (*file).to_string(),
                    line: None,
                    message: format!("same content as {original} — counted once"),
                });
                duplicates.push(i);
            }
            None => {
                first.insert(text.trim(), file);
            }
        }
    }
    duplicates
}

/// The corpus reader: furniture rules and month names, compiled once.
#[derive(Debug)]
pub struct Reader {
    furniture: Furniture,
    max_file_bytes: u64,
}

impl Reader {
    /// Compiles the bundled furniture rules.
    pub fn new() -> Result<Self, CorpusError> {
        Ok(Self {
            furniture: Furniture::bundled()?,
            max_file_bytes: MAX_FILE_BYTES,
        })
    }

    /// The same reader with another size cap (tests lower it).
    pub fn with_max_file_bytes(mut self, max: u64) -> Self {
        self.max_file_bytes = max;
        self
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
        let pairs: Vec<(&str, &str)> = articles
            .iter()
            .map(|a| (a.file.as_str(), a.text.as_str()))
            .collect();
        let duplicates = find_duplicates(&pairs, &mut problems);
        for i in duplicates.into_iter().rev() {
            articles.remove(i);
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
        let bytes = read_capped(path, self.max_file_bytes)?;
        if has_extension(file, &["pdf"]) {
            let pdf = pdf::read(bytes)?;
            return Ok(self.article_from_pdf(file, pdf, meta));
        }
        let text = decode(&bytes)?;
        Ok(self.article_from_text(file, text, meta))
    }

    /// Builds an article from a PDF's text. The title is the Info `Title`, else
    /// the first line that is not a running header; the publication date is one
    /// stated in the text, else the Info `CreationDate` (as inferred); running
    /// headers, footers and page numbers are page furniture.
    fn article_from_pdf(&self, file: &str, pdf: pdf::Pdf, meta: Option<&meta::Meta>) -> Article {
        let mut title_line = 0..0;
        let mut offset = 0;
        for line in pdf.text.split_inclusive('\n') {
            let range = offset..offset + line.trim_end().len();
            offset += line.len();
            let blank = line.trim().is_empty();
            let furniture = pdf
                .furniture
                .iter()
                .any(|f| f.start < range.end && range.start < f.end);
            if !blank && !furniture && self.furniture.scan(line, 0).lines.is_empty() {
                title_line = range;
                break;
            }
        }
        self.assemble(
            file,
            pdf.text,
            Hints {
                title_line,
                title: pdf.title,
                date: None,
                inferred_date: pdf.created,
                source: None,
                markup: pdf.furniture,
                see_through: Vec::new(),
            },
            meta,
        )
    }

    /// Builds an article from decoded text and its `meta.jsonl` entry. The format
    /// follows `file`'s extension: HTML is reduced to its plain text (title line +
    /// paragraphs); Markdown keeps its text and marks its markup as furniture.
    pub fn article_from_text(
        &self,
        file: &str,
        text: String,
        meta: Option<&meta::Meta>,
    ) -> Article {
        let mut hints = Hints::default();
        let text = if has_extension(file, &["html", "htm"]) {
            let page = html::extract(&text);
            hints.title = page.title;
            hints.date = page.published.map(|d| (d, None));
            hints.title_line = first_line(&page.text);
            page.text
        } else if has_extension(file, &["md", "markdown"]) {
            let md = markdown::scan(&text);
            hints.title = md.title;
            hints.date = md.date.map(|(d, r)| (d, Some(r)));
            hints.source = md.source;
            hints.markup = md.front_matter.into_iter().collect();
            hints.see_through = md.markup;
            hints.title_line = md.title_line;
            text
        } else {
            hints.title_line = first_line(&text);
            text
        };
        self.assemble(file, text, hints, meta)
    }

    /// The steps common to every format: title, furniture scan, publication date.
    fn assemble(
        &self,
        file: &str,
        text: String,
        hints: Hints,
        meta: Option<&meta::Meta>,
    ) -> Article {
        let Hints {
            title_line,
            title: hint_title,
            date: hint_date,
            inferred_date,
            source: hint_source,
            markup,
            see_through,
        } = hints;
        let mut hidden = markup.clone();
        hidden.extend(see_through.iter().cloned());
        hidden.sort_by_key(|r| (r.start, r.end));
        let line_title = without(&text, &title_line, &hidden).trim().to_string();
        let title = meta
            .and_then(|m| m.title.clone())
            .or(hint_title)
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(line_title);
        let scan = self
            .furniture
            .scan(&blank_out(&text, &see_through), title_line.end);
        let (published, published_source, published_span) =
            match (meta.and_then(|m| m.published), hint_date, scan.published) {
                (Some(d), _, _) => (Some(d), PublishedSource::Meta, None),
                (None, Some((d, span)), _) => (Some(d), PublishedSource::Text, span),
                (None, None, Some((d, span))) => (Some(d), PublishedSource::Text, Some(span)),
                // A date in the file's path, else one the format carries (a PDF's
                // creation date): both only inferred.
                (None, None, None) => match infer::date_in_path(file).or(inferred_date) {
                    Some(d) => (Some(d), PublishedSource::Inferred, None),
                    None => (None, PublishedSource::None, None),
                },
            };
        let id = file
            .rsplit_once('.')
            .map_or(file, |(stem, _)| stem)
            .to_string();
        let mut furniture = scan.lines;
        furniture.extend(markup);
        furniture.sort_by_key(|r| (r.start, r.end));
        furniture.dedup();
        Article {
            id,
            file: file.to_string(),
            title,
            text,
            title_line,
            published,
            published_source,
            published_span,
            source: meta.and_then(|m| m.source.clone()).or(hint_source),
            url: meta.and_then(|m| m.url.clone()),
            furniture,
            markup: see_through,
        }
    }
}

/// What a format reader found besides the text.
#[derive(Debug, Default)]
struct Hints {
    /// Byte range of the title line.
    title_line: Range<usize>,
    /// A title the format states (front matter, `og:title`, PDF Info).
    title: Option<String>,
    /// A publication date the format states, with the range it was read from.
    date: Option<(Date, Option<Range<usize>>)>,
    /// A date that only suggests publication (a PDF's creation date).
    inferred_date: Option<Date>,
    /// An outlet the format states.
    source: Option<String>,
    /// Ranges that are furniture particular to the format (front matter, running
    /// headers).
    markup: Vec<Range<usize>>,
    /// Inline markup that extraction sees through.
    see_through: Vec<Range<usize>>,
}

/// `text` with the bytes of `ranges` replaced by spaces (ranges must lie on char
/// boundaries; one that does not is left as it is).
fn blank_out<'t>(text: &'t str, ranges: &[Range<usize>]) -> std::borrow::Cow<'t, str> {
    if ranges.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        if text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
            && let Some(span) = bytes.get_mut(r.clone())
        {
            span.fill(b' ');
        }
    }
    match String::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Owned(s),
        Err(_) => std::borrow::Cow::Borrowed(text),
    }
}

/// The byte range of the first line (leading whitespace excluded), ending at the
/// first `\n` or `\r`.
fn first_line(text: &str) -> Range<usize> {
    let first_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let line = text.get(..first_end).unwrap_or_default();
    let lead = line.len() - line.trim_start().len();
    lead..first_end
}

/// The text of `range` without the parts inside `markup` ranges.
fn without(text: &str, range: &Range<usize>, markup: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = range.start;
    for m in markup
        .iter()
        .filter(|m| m.start < range.end && range.start < m.end)
    {
        if m.start > at {
            out.push_str(text.get(at..m.start).unwrap_or_default());
        }
        at = at.max(m.end);
    }
    if at < range.end {
        out.push_str(text.get(at..range.end).unwrap_or_default());
    }
    out
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

/// Whether `file`'s extension is one of `exts` (lower case), ignoring case.
fn has_extension(file: &str, exts: &[&str]) -> bool {
    file.rsplit_once('.')
        .is_some_and(|(_, e)| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads at most `max` bytes of `path`: a larger file is refused from its size
/// before anything is read, and a file that grows past `max` while being read is
/// refused too, so memory stays bounded.
fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let open_error = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "vanished while loading (deleted or moved) — skipped".to_string()
        }
        _ => format!("not readable: {e}"),
    };
    let file = std::fs::File::open(path).map_err(open_error)?;
    let size = file.metadata().map_err(open_error)?.len();
    let too_large =
        |size: u64| format!("too large ({} bytes, limit {} bytes) — skipped", size, max);
    if size > max {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("not readable: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
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
    #[test]
    fn files_are_listed_in_path_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let names = [
            "a/x.txt",
            "a-b.txt",
            "a.txt",
            "a b/y.txt",
            "B.txt",
            "a/b/z.txt",
            "ab.txt",
            "a/b.txt",
            "é.txt",
            "Z/a.txt",
        ];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
            std::fs::write(&path, "Title\n").expect("write");
        }
        let (files, _) = super::list_files(dir.path()).expect("lists");
        let mut want = files.clone();
        want.sort();
        assert_eq!(files, want);
        assert_eq!(files.len(), names.len());
    }

    use super::*;

    #[test]
    fn a_folders_documentation_is_skipped_and_said_so() {
        for (name, doc) in [
            ("README.md", true),
            ("readme.txt", true),
            ("LICENSE.md", true),
            ("Licence.txt", true),
            ("notes/CHANGELOG.markdown", true),
            ("license-plates-stolen.txt", false),
            ("readme-for-voters.txt", false),
            ("2021-06-18-authors-protest.txt", false),
        ] {
            assert_eq!(is_documentation(Path::new(name)), doc, "{name}");
        }
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["LICENSE.md", "talks.txt", "README"] {
            std::fs::write(dir.path().join(name), "Title\nText.\n").expect("write");
        }
        let (files, problems) = list_files(dir.path()).expect("lists");
        assert_eq!(files, [dir.path().join("talks.txt")]);
        let skipped: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(skipped, ["LICENSE.md"], "README has no article extension");
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
    fn a_date_in_the_file_name_is_inferred_when_nothing_states_one() -> Result<(), CorpusError> {
        let reader = Reader::new()?;
        let text = || "A title\nSomething happened on Monday.\n".to_string();
        let a = reader.article_from_text("2021/2021-06-18-talks.txt", text(), None);
        assert_eq!(a.published, Some(jiff::civil::date(2021, 6, 18)));
        assert_eq!(a.published_source, PublishedSource::Inferred);
        let stated = "A title\nUpdated: February 08, 2024\nSomething happened.\n".to_string();
        let b = reader.article_from_text("2021-06-18-talks.txt", stated, None);
        assert_eq!(b.published_source, PublishedSource::Text, "stated wins");
        let c = reader.article_from_text("talks.txt", text(), None);
        assert_eq!(c.published_source, PublishedSource::None);
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
