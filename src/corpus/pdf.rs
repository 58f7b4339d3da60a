//! PDF articles: the text layer of each page (via `lopdf`), the document's Info
//! `Title` and `CreationDate`, and the page furniture that only a paged document
//! has — running headers and footers repeated at the top or bottom of the pages.
//!
//! Reading a PDF runs the parser on its own thread, with panics caught and a time
//! limit, and with bounded decompression and page counts, so a broken, hostile or
//! huge file is a one-line reason, never a crash or a hang. Encrypted PDFs and PDFs
//! without a text layer (scans) are refused with a reason.

use std::ops::Range;
use std::sync::mpsc;
use std::time::Duration;

use jiff::civil::Date;
use lopdf::content::Content;
use lopdf::{Document, Encoding, LoadOptions, Object};

/// Most bytes any one PDF stream may decompress to.
const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// Most pages read; later pages are ignored.
const MAX_PAGES: usize = 500;
/// Most bytes of text kept.
const MAX_TEXT_BYTES: usize = 4_000_000;
/// How long one PDF may take to read.
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// What was read from a PDF.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pdf {
    /// The text: pages in order, one paragraph (or header, footer) per line,
    /// pages separated by a blank line.
    pub text: String,
    /// Info `Title`, if set and not blank.
    pub title: Option<String>,
    /// Info `CreationDate` (the day, as written in the file's own time zone).
    pub created: Option<Date>,
    /// Running headers and footers (byte ranges of whole lines in `text`).
    pub furniture: Vec<Range<usize>>,
}

/// Reads a PDF from its bytes on a worker thread, with panics caught and a time
/// limit. The error is a one-line reason.
pub fn read(bytes: Vec<u8>) -> Result<Pdf, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("dateline-pdf".into())
        .spawn(move || {
            let result = std::panic::catch_unwind(|| extract(&bytes)).unwrap_or_else(|_| {
                Err("PDF could not be read (the PDF reader failed on it) — skipped".into())
            });
            let _ = tx.send(result);
        })
        .map_err(|e| format!("PDF not read: cannot start a reader thread: {e}"))?;
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(result) => result,
        // The thread is left to finish on its own; its answer is dropped.
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "PDF took longer than {} s to read — skipped",
            TIME_LIMIT.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("PDF could not be read (the PDF reader failed on it) — skipped".into())
        }
    }
}

/// Reads a PDF from its bytes (on the calling thread; see [`read`]).
pub fn extract(bytes: &[u8]) -> Result<Pdf, String> {
    if !bytes.starts_with(b"%PDF-") && !bytes.get(..1024).is_some_and(|h| contains(h, b"%PDF-")) {
        return Err("not a PDF file (no %PDF header) — skipped".into());
    }
    let meta = Document::load_metadata_mem(bytes).ok();
    if meta.as_ref().is_some_and(|m| m.encrypted) {
        return Err("encrypted PDF — skipped".into());
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| format!("broken PDF ({}) — skipped", one_line(&e.to_string())))?;
    if doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err("encrypted PDF — skipped".into());
    }
    let pages: Vec<Vec<String>> = doc
        .get_pages()
        .into_values()
        .take(MAX_PAGES)
        .map(|id| page_lines(&doc, id))
        .collect();
    if pages.is_empty() {
        return Err("PDF has no pages — skipped".into());
    }
    let (text, furniture) = assemble(&pages);
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 20 {
        return Err("PDF has no text layer (scanned or image-only?) — skipped".into());
    }
    let title = meta
        .as_ref()
        .and_then(|m| m.title.as_deref())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let created = meta
        .as_ref()
        .and_then(|m| m.creation_date.as_deref())
        .and_then(pdf_date);
    Ok(Pdf {
        text,
        title,
        created,
        furniture,
    })
}

/// Whether `hay` contains `needle`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The first line of `s`, shortened.
fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default();
    line.chars().take(120).collect()
}

/// A PDF date string (`D:20240208103000+01'00'`) → its day.
pub fn pdf_date(s: &str) -> Option<Date> {
    let digits = s.trim().trim_start_matches("D:");
    let num = |r: Range<usize>| digits.get(r)?.parse::<i16>().ok();
    let year = num(0..4)?;
    let month = num(4..6).unwrap_or(1);
    let day = num(6..8).unwrap_or(1);
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The text lines of one page, in content-stream order. A line break is made
/// where the text moves to another line; a space where it jumps ahead on the same
/// line or a `TJ` gap is wide.
fn page_lines(doc: &Document, page: lopdf::ObjectId) -> Vec<String> {
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let encodings: std::collections::BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES)
                .ok()
                .map(|e| (name, e))
        })
        .collect();
    let Ok(data) = doc.get_page_content_with_limit(page, MAX_STREAM_BYTES) else {
        return Vec::new();
    };
    let Ok(content) = Content::decode(&data) else {
        return Vec::new();
    };
    let mut lines = vec![String::new()];
    let mut encoding: Option<&Encoding> = None;
    // The y of the current text line and the leading (for T*).
    let mut y = 0.0_f32;
    let mut leading = 0.0_f32;
    let newline = |lines: &mut Vec<String>| {
        if lines.last().is_some_and(|l| !l.trim().is_empty()) {
            lines.push(String::new());
        }
    };
    let space = |lines: &mut Vec<String>| {
        if let Some(l) = lines.last_mut()
            && !l.is_empty()
            && !l.ends_with(' ')
        {
            l.push(' ');
        }
    };
    let num = |o: Option<&Object>| o.and_then(|o| o.as_float().ok()).unwrap_or(0.0);
    for op in &content.operations {
        let args = &op.operands;
        match op.operator.as_str() {
            "Tf" => {
                encoding = args
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| encodings.get(n));
            }
            "BT" => {
                y = 0.0;
                newline(&mut lines);
            }
            "TL" => leading = num(args.first()),
            "Td" | "TD" => {
                let (tx, ty) = (num(args.first()), num(args.get(1)));
                if op.operator == "TD" {
                    leading = -ty;
                }
                if ty.abs() > 0.5 {
                    newline(&mut lines);
                } else if tx > 0.0 {
                    space(&mut lines);
                }
                y += ty;
            }
            "Tm" => {
                let new_y = num(args.get(5));
                if (new_y - y).abs() > 0.5 {
                    newline(&mut lines);
                } else {
                    space(&mut lines);
                }
                y = new_y;
            }
            "T*" => {
                y -= leading;
                newline(&mut lines);
            }
            "'" | "\"" => {
                newline(&mut lines);
                if let (Some(enc), Some(s)) = (encoding, args.last()) {
                    show(&mut lines, enc, s);
                }
            }
            "Tj" | "TJ" => {
                if let (Some(enc), Some(s)) = (encoding, args.first()) {
                    show(&mut lines, enc, s);
                }
            }
            _ => {}
        }
    }
    lines
        .into_iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Appends the text of a `Tj` string or `TJ` array to the current line.
fn show(lines: &mut [String], encoding: &Encoding, operand: &Object) {
    let Some(line) = lines.last_mut() else {
        return;
    };
    match operand {
        Object::String(bytes, _) => {
            if let Ok(s) = encoding.bytes_to_string(bytes) {
                line.push_str(&s.replace(['\r', '\n'], " "));
            }
        }
        Object::Array(items) => {
            for item in items {
                match item {
                    Object::String(..) => show(lines, encoding, item),
                    // A gap wider than about a third of an em is a word space.
                    Object::Integer(_) | Object::Real(_)
                        if item.as_float().is_ok_and(|g| g < -250.0) =>
                    {
                        if let Some(l) = lines.last_mut()
                            && !l.ends_with(' ')
                        {
                            l.push(' ');
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// A line with its digits folded, so "Page 2" and "Page 3" compare equal.
fn shape(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Lines within this many of a page's top or bottom may be running headers or
/// footers.
const EDGE_LINES: usize = 2;

/// Joins the pages into one text and finds the running headers and footers: edge
/// lines whose shape recurs at an edge of at least two pages (and of at least half
/// of them), unless they end a sentence. Lines wrapped inside a paragraph are
/// joined again (a line break ends a sentence for the segmenter), so the text has
/// one paragraph per line, like the other formats.
fn assemble(pages: &[Vec<String>]) -> (String, Vec<Range<usize>>) {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages {
        let mut seen = std::collections::HashSet::new();
        for line in edges(page) {
            if seen.insert(shape(line)) {
                *counts.entry(shape(line)).or_default() += 1;
            }
        }
    }
    let needed = (pages.len().div_ceil(2)).max(2);
    let mut text = String::new();
    let mut furniture = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        if p > 0 {
            text.push('\n');
        }
        let edge: Vec<&String> = edges(page).collect();
        let widest = page.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        // The line being built, if it is a paragraph that may go on.
        let mut open: Option<&str> = None;
        for line in page {
            if text.len() + line.len() > MAX_TEXT_BYTES {
                return (text, furniture);
            }
            let running = edge.iter().any(|e| std::ptr::eq(*e, line))
                && !ends_sentence(line)
                && counts.get(&shape(line)).copied().unwrap_or(0) >= needed;
            if running {
                if open.take().is_some() {
                    text.push('\n');
                }
                let start = text.len();
                text.push_str(line);
                furniture.push(start..text.len());
                text.push('\n');
                continue;
            }
            match open {
                Some(prev) if continues(prev, line, widest) && prev.ends_with('-') => {}
                Some(prev) if continues(prev, line, widest) => text.push(' '),
                Some(_) => text.push('\n'),
                None => {}
            }
            text.push_str(line);
            open = Some(line.as_str());
        }
        if open.is_some() {
            text.push('\n');
        }
    }
    (text, furniture)
}

/// Whether a line ends a sentence (or a quotation, or a heading with a colon).
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', ':', ';', '"', '”', '’'])
}

/// Whether `next` continues the paragraph whose last line is `prev`: `prev` does
/// not end a sentence and either is nearly as wide as the page's widest line
/// (wrapped) or `next` starts in lower case.
fn continues(prev: &str, next: &str, widest: usize) -> bool {
    if ends_sentence(prev) {
        return false;
    }
    let wide = prev.chars().count() * 10 >= widest * 6;
    let lower = next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    wide || lower
}

/// The first and last [`EDGE_LINES`] lines of a page.
fn edges(page: &[String]) -> impl Iterator<Item = &String> {
    let n = page.len();
    page.iter()
        .enumerate()
        .filter(move |(i, _)| *i < EDGE_LINES || *i + EDGE_LINES >= n)
        .map(|(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates() {
        assert_eq!(
            pdf_date("D:20240208103000+01'00'"),
            Some(jiff::civil::date(2024, 2, 8))
        );
        assert_eq!(pdf_date("D:2023"), Some(jiff::civil::date(2023, 1, 1)));
        assert_eq!(pdf_date("yesterday"), None);
        assert_eq!(pdf_date("D:20231340"), None);
    }

    #[test]
    fn running_headers_and_footers_are_furniture() {
        let page = |n: u32, body: &str| {
            vec![
                "THE EXAMPLE GAZETTE".to_string(),
                body.to_string(),
                "More prose here.".to_string(),
                format!("Page {n} of 2"),
            ]
        };
        let pages = vec![page(1, "First page prose."), page(2, "Second page prose.")];
        let (text, furniture) = assemble(&pages);
        assert!(
            text.contains("\nFirst page prose.\nMore prose here.\n"),
            "{text}"
        );
        let marked: Vec<&str> = furniture.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            marked,
            [
                "THE EXAMPLE GAZETTE",
                "Page 1 of 2",
                "THE EXAMPLE GAZETTE",
                "Page 2 of 2"
            ]
        );
    }

    #[test]
    fn wrapped_lines_are_joined_into_paragraphs() {
        let page = [
            "A short headline",
            "By A Writer",
            "The river burst its banks last Friday after a week of heavy",
            "rain, cutting the main road to the valley and forcing about",
            "12,000 people from their homes. Officials said the water was",
            "Rising again.",
            "A new paragraph starts here.",
        ]
        .map(String::from)
        .to_vec();
        let (text, _) = assemble(&[page]);
        assert_eq!(
            text,
            "A short headline\nBy A Writer\nThe river burst its banks last Friday after a week of heavy rain, cutting the main road to the valley and forcing about 12,000 people from their homes. Officials said the water was Rising again.\nA new paragraph starts here.\n"
        );
    }

    #[test]
    fn garbage_is_a_reason_not_a_panic() {
        for bytes in [
            &b""[..],
            b"%PDF-1.4\n",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            b"hello",
        ] {
            assert!(read(bytes.to_vec()).is_err());
        }
    }
}
