//! Markdown articles: the text stays exactly as in the file (so offsets and
//! highlighted passages are those of the file), and this module finds the YAML-ish
//! front matter (page furniture, skipped) and the inline markup — `#` heading
//! markers, `*`/`_` emphasis markers, link brackets and targets `](…)`, images —
//! which extraction sees through (it is blanked out, so a sentence with a
//! **bold** date still yields its event), plus the front matter's `title`, `date`
//! and `source`, and the first heading (the title line).

use std::ops::Range;
use std::sync::OnceLock;

use jiff::civil::Date;
use regex::Regex;

/// What a scan of a Markdown text found. Ranges are byte ranges on char boundaries.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Markdown {
    /// The front matter block, `---` lines included: page furniture.
    pub front_matter: Option<Range<usize>>,
    /// Inline markup ranges (markers, link targets, images): seen through.
    pub markup: Vec<Range<usize>>,
    /// The title line: the first heading's text, else the first line after the
    /// front matter.
    pub title_line: Range<usize>,
    /// Front matter `title`.
    pub title: Option<String>,
    /// Front matter `date`, with the range of its value.
    pub date: Option<(Date, Range<usize>)>,
    /// Front matter `source`.
    pub source: Option<String>,
}

/// Lines of `text` with their byte start, line terminators (`\n`, `\r\n`, `\r`)
/// excluded.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'\n') => {
                out.push((start, text.get(start..i).unwrap_or_default()));
                start = i + 1;
            }
            Some(b'\r') => {
                out.push((start, text.get(start..i).unwrap_or_default()));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        out.push((start, text.get(start..).unwrap_or_default()));
    }
    out
}

fn inline_patterns() -> Option<&'static (Regex, Regex, Regex)> {
    static RES: OnceLock<Option<(Regex, Regex, Regex)>> = OnceLock::new();
    RES.get_or_init(|| {
        Some((
            // Images: the whole `![alt](src)` is markup.
            Regex::new(r"!\[[^\]\n]*\]\([^)\n]*\)").ok()?,
            // Links: `[` and `](target)` are markup, the link text is prose.
            Regex::new(r"(\[)[^\]\n]*(\]\([^)\n]*\))").ok()?,
            // Emphasis runs: `*`/`_` touching a word on exactly one side, or list bullets.
            Regex::new(r"\*{1,3}|_{1,3}").ok()?,
        ))
    })
    .as_ref()
}

/// Scans a Markdown text.
pub fn scan(text: &str) -> Markdown {
    let mut md = Markdown::default();
    let all = lines(text);
    let mut body_from = 0; // index into `all` of the first line after front matter
    if all.first().is_some_and(|(_, l)| l.trim_end() == "---")
        && let Some(close) = all
            .iter()
            .skip(1)
            .position(|(_, l)| matches!(l.trim_end(), "---" | "..."))
    {
        let close = close + 1;
        for &(start, line) in all.get(1..close).unwrap_or_default() {
            front_matter_line(&mut md, start, line);
        }
        let end = all.get(close).map_or(text.len(), |(s, l)| s + l.len());
        md.front_matter = Some(0..end);
        body_from = close + 1;
    }
    let body = all.get(body_from..).unwrap_or_default();
    let mut title_line = None;
    let mut first_line = None;
    for &(start, line) in body {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if first_line.is_none() {
            first_line = Some(start + lead..start + lead + trimmed.len());
        }
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        let after = trimmed.get(hashes..).unwrap_or_default();
        if (1..=6).contains(&hashes) && lead <= 3 && (after.is_empty() || after.starts_with(' ')) {
            let marker_end = start + lead + hashes + (after.len() - after.trim_start().len());
            md.markup.push(start + lead..marker_end);
            if title_line.is_none() {
                title_line = Some(marker_end..start + lead + trimmed.len());
            }
        }
        inline_markup(&mut md.markup, text, start, line);
    }
    md.title_line = title_line.or(first_line).unwrap_or(0..0);
    md.markup.sort_by_key(|r| (r.start, r.end));
    md.markup.dedup();
    md
}

/// Reads one `key: value` front matter line.
fn front_matter_line(md: &mut Markdown, start: usize, line: &str) {
    let Some((key, value)) = line.split_once(':') else {
        return;
    };
    let raw_lead = value.len() - value.trim_start().len();
    let v = value.trim();
    let unquoted = v
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(v);
    if unquoted.is_empty() {
        return;
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "title" => md.title = Some(unquoted.to_string()),
        "source" => md.source = Some(unquoted.to_string()),
        "date" | "published" => {
            let date = unquoted.get(..10).and_then(|d| d.parse::<Date>().ok());
            let value_start = start + key.len() + 1 + raw_lead;
            if let Some(d) = date {
                md.date = Some((d, value_start..value_start + v.len()));
            }
        }
        _ => {}
    }
}

/// Adds the inline markup ranges of one body line.
fn inline_markup(out: &mut Vec<Range<usize>>, text: &str, start: usize, line: &str) {
    let Some((image, link, emphasis)) = inline_patterns() else {
        return;
    };
    let mut taken: Vec<Range<usize>> = Vec::new();
    for m in image.find_iter(line) {
        taken.push(m.range());
    }
    for c in link.captures_iter(line) {
        if taken
            .iter()
            .any(|t| c.get(0).is_some_and(|m| t.contains(&m.start())))
        {
            continue;
        }
        for g in [c.get(1), c.get(2)].into_iter().flatten() {
            taken.push(g.range());
        }
    }
    for m in emphasis.find_iter(line) {
        if taken.iter().any(|t| t.contains(&m.start())) {
            continue;
        }
        let before = line.get(..m.start()).and_then(|s| s.chars().next_back());
        let after = line.get(m.end()..).and_then(|s| s.chars().next());
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let bullet = m.as_str() == "*"
            && before.is_none_or(char::is_whitespace)
            && line.get(..m.start()).is_some_and(|s| s.trim().is_empty())
            && after == Some(' ');
        // snake_case and 2*3 are not emphasis: markup touches a word on one side only.
        let opens = !word(before) && !space(after);
        let closes = !space(before) && !word(after);
        if bullet || (opens != closes) || (opens && closes && !(word(before) && word(after))) {
            taken.push(m.range());
        }
    }
    out.extend(
        taken
            .into_iter()
            .map(|r| start + r.start..start + r.end)
            .filter(|r| text.get(r.clone()).is_some()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<&str> {
        scan(text)
            .markup
            .into_iter()
            .map(|r| text.get(r).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn front_matter_heading_and_inline_markup() {
        let text = "---\ntitle: \"Talks resume\"\ndate: 2024-02-08\nsource: Wire\n---\n\n# Talks *resume* in Baghdad\n\nOfficials met on **Monday**, [Reuters](https://x.org/a_b) said.\n![map](map.png)\nThe snake_case stays.\n";
        let md = scan(text);
        assert_eq!(md.title.as_deref(), Some("Talks resume"));
        assert_eq!(md.source.as_deref(), Some("Wire"));
        let (date, span) = md
            .date
            .clone()
            .unwrap_or((jiff::civil::date(1, 1, 1), 0..0));
        assert_eq!(date, jiff::civil::date(2024, 2, 8));
        assert_eq!(&text[span], "2024-02-08");
        assert_eq!(&text[md.title_line.clone()], "Talks *resume* in Baghdad");
        assert_eq!(
            &text[md.front_matter.clone().unwrap_or(0..0)],
            "---\ntitle: \"Talks resume\"\ndate: 2024-02-08\nsource: Wire\n---"
        );
        assert_eq!(
            marked(text),
            [
                "# ",
                "*",
                "*",
                "**",
                "**",
                "[",
                "](https://x.org/a_b)",
                "![map](map.png)",
            ]
        );
    }

    #[test]
    fn no_front_matter_no_heading_and_crlf() {
        let text = "Plain title\r\nBody line.\r\n";
        let md = scan(text);
        assert_eq!(&text[md.title_line.clone()], "Plain title");
        assert!(md.markup.is_empty());
    }
}
