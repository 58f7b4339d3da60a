//! HTML articles (saved web pages): the title (`og:title`, else `<title>`, else the
//! first `<h1>`), the publication date (`article:published_time` meta, else JSON-LD
//! `datePublished`) and the body text — the text of paragraph-like elements, with
//! scripts, styles, navigation, headers, footers, asides and forms dropped.
//!
//! The article text becomes the extracted plain text: title on line 1, then one
//! paragraph per line. A small tolerant scanner, not a full HTML5 parser: it never
//! fails, it only finds less on badly broken pages.

use jiff::civil::Date;

/// What was extracted from a page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Page {
    /// Title line + paragraphs, one per line.
    pub text: String,
    /// The page's title, if it names one.
    pub title: Option<String>,
    /// The stated publication date.
    pub published: Option<Date>,
}

/// Elements whose whole content is dropped.
const DROPPED: &[&str] = &[
    "script", "style", "nav", "footer", "header", "aside", "form", "noscript", "svg", "template",
    "button", "select", "iframe",
];

/// Elements whose text is a paragraph of the article.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "td",
];

/// Named character references understood besides numeric ones.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("hellip", "…"),
    ("eacute", "é"),
    ("copy", "©"),
];

/// One tag: its lower-case name, whether it closes, and its attribute text.
struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: &'a str,
}

fn parse_tag(inner: &str) -> Tag<'_> {
    let closing = inner.starts_with('/');
    let rest = inner.trim_start_matches('/');
    let name_len = rest
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    let name = rest
        .get(..name_len)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let attrs = rest.get(name_len..).unwrap_or_default();
    Tag {
        name,
        closing,
        self_closing: inner.trim_end().ends_with('/'),
        attrs,
    }
}

/// The value of attribute `key` (case-insensitive) in an attribute string.
fn attr(attrs: &str, key: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower.get(from..)?.find(key) {
        let at = from + pos;
        from = at + key.len();
        let before_ok = at == 0
            || lower
                .get(..at)
                .and_then(|s| s.chars().next_back())
                .is_some_and(char::is_whitespace);
        let rest = attrs.get(at + key.len()..)?.trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest.get(1..)?.split(q).next()?,
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
        };
        return Some(unescape(value));
    }
    None
}

/// Decodes character references (`&amp;`, `&#8217;`, `&#x2019;`).
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = after.get(..i)?;
            let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                char::from_u32(u32::from_str_radix(num, 16).ok()?)?.to_string()
            } else if let Some(num) = name.strip_prefix('#') {
                char::from_u32(num.parse().ok()?)?.to_string()
            } else {
                ENTITIES.iter().find(|(n, _)| *n == name)?.1.to_string()
            };
            Some((c, i + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push_str(&c);
                rest = after.get(used..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Ends the block being collected (tag name, raw text): its text, unescaped and
/// collapsed, becomes a paragraph; the first `h1`'s text is kept as a title.
fn end_block(
    block: Option<(String, String)>,
    paragraphs: &mut Vec<String>,
    first_h1: &mut Option<String>,
) {
    let Some((name, buf)) = block else {
        return;
    };
    let text = collapse(&unescape(&buf));
    if !text.is_empty() {
        if name == "h1" && first_h1.is_none() {
            *first_h1 = Some(text.clone());
        }
        paragraphs.push(text);
    }
}

/// Collapses whitespace runs (including line breaks) to single spaces.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds `needle` (ASCII, lower case) in `hay` from byte `from`, ignoring ASCII case.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes().get(from..)?;
    let n = needle.as_bytes();
    h.windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|p| p + from)
}

/// The first `datePublished` anywhere in a JSON-LD value.
fn json_ld_date(v: &serde_json::Value) -> Option<Date> {
    match v {
        serde_json::Value::Object(map) => map
            .get("datePublished")
            .and_then(|d| d.as_str())
            .and_then(parse_date)
            .or_else(|| map.values().find_map(json_ld_date)),
        serde_json::Value::Array(items) => items.iter().find_map(json_ld_date),
        _ => None,
    }
}

/// The date part of an ISO date-time.
fn parse_date(s: &str) -> Option<Date> {
    s.trim().get(..10)?.parse().ok()
}

/// Extracts title, date and body text from a page.
pub fn extract(html: &str) -> Page {
    let mut og_title = None;
    let mut title_tag = None;
    let mut meta_date = None;
    let mut ld_date = None;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut first_h1 = None;
    let mut block: Option<(String, String)> = None; // (element, text so far)
    let mut dropped: Vec<String> = Vec::new();
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html.get(i..).and_then(|s| s.find('<')).map(|p| p + i) else {
            if dropped.is_empty()
                && let Some((_, buf)) = block.as_mut()
            {
                buf.push_str(html.get(i..).unwrap_or_default());
            }
            break;
        };
        if dropped.is_empty()
            && let Some((_, buf)) = block.as_mut()
        {
            buf.push_str(html.get(i..lt).unwrap_or_default());
        }
        let rest = html.get(lt..).unwrap_or_default();
        if rest.starts_with("<!--") {
            i = find_ci(html, lt + 4, "-->").map_or(html.len(), |e| e + 3);
            continue;
        }
        let Some(gt) = rest.find('>').map(|p| p + lt) else {
            break;
        };
        let tag = parse_tag(html.get(lt + 1..gt).unwrap_or_default());
        i = gt + 1;
        if tag.name.is_empty() || tag.name.starts_with('!') || tag.name.starts_with('?') {
            continue;
        }
        // Raw-text elements: their content is read (title, JSON-LD) or skipped at once.
        if !tag.closing && matches!(tag.name.as_str(), "script" | "style" | "title") {
            let close = format!("</{}", tag.name);
            let end = find_ci(html, i, &close).unwrap_or(html.len());
            let content = html.get(i..end).unwrap_or_default();
            match tag.name.as_str() {
                "title" if title_tag.is_none() => title_tag = Some(collapse(&unescape(content))),
                "script"
                    if ld_date.is_none()
                        && attr(tag.attrs, "type")
                            .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
                {
                    ld_date = serde_json::from_str::<serde_json::Value>(content)
                        .ok()
                        .as_ref()
                        .and_then(json_ld_date);
                }
                _ => {}
            }
            i = html
                .get(end..)
                .and_then(|s| s.find('>'))
                .map_or(html.len(), |p| end + p + 1);
            continue;
        }
        if tag.name == "meta" {
            let key = attr(tag.attrs, "property").or_else(|| attr(tag.attrs, "name"));
            let content = attr(tag.attrs, "content");
            match (key.as_deref(), content) {
                (Some("og:title"), Some(c)) if og_title.is_none() => og_title = Some(collapse(&c)),
                (Some("article:published_time"), Some(c)) if meta_date.is_none() => {
                    meta_date = parse_date(&c);
                }
                _ => {}
            }
            continue;
        }
        if DROPPED.contains(&tag.name.as_str()) && !tag.self_closing {
            if tag.closing {
                if let Some(pos) = dropped.iter().rposition(|d| *d == tag.name) {
                    dropped.truncate(pos);
                }
            } else {
                dropped.push(tag.name.clone());
            }
            continue;
        }
        if !dropped.is_empty() {
            continue;
        }
        if tag.name == "br" {
            if let Some((_, buf)) = block.as_mut() {
                buf.push(' ');
            }
            continue;
        }
        if BLOCKS.contains(&tag.name.as_str()) {
            // A block tag (opening or closing) ends the paragraph being collected.
            end_block(block.take(), &mut paragraphs, &mut first_h1);
            if !tag.closing {
                block = Some((tag.name.clone(), String::new()));
            }
        }
    }
    end_block(block.take(), &mut paragraphs, &mut first_h1);
    let title = og_title
        .filter(|t| !t.is_empty())
        .or(title_tag.filter(|t| !t.is_empty()))
        .or(first_h1);
    let mut lines: Vec<&str> = Vec::with_capacity(paragraphs.len() + 1);
    if let Some(t) = &title {
        lines.push(t);
    }
    lines.extend(
        paragraphs
            .iter()
            .map(String::as_str)
            .filter(|p| Some(*p) != title.as_deref()),
    );
    let mut text = lines.join("\n");
    text.push('\n');
    Page {
        text,
        title,
        published: meta_date.or(ld_date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_date_and_paragraphs() {
        let html = r#"<!DOCTYPE html><html><head><title>Talks resume | Wire</title>
<meta property="og:title" content="Talks resume in Baghdad">
<meta property="article:published_time" content="2024-02-08T10:00:00Z">
<style>p { color: red }</style><script>var x = "<p>no</p>";</script>
</head><body><nav><ul><li>Home</li><li>World</li></ul></nav>
<h1>Talks resume in Baghdad</h1>
<p>Officials met on Monday &amp; agreed<br>to talk &#8220;again&#x201D;.</p>
<!-- <p>hidden</p> -->
<div><p>The talks ended in 2019.</div>
<footer><p>© Wire</p></footer></body></html>"#;
        let page = extract(html);
        assert_eq!(page.title.as_deref(), Some("Talks resume in Baghdad"));
        assert_eq!(page.published, Some(jiff::civil::date(2024, 2, 8)));
        assert_eq!(
            page.text,
            "Talks resume in Baghdad\nOfficials met on Monday & agreed to talk “again”.\nThe talks ended in 2019.\n"
        );
    }

    #[test]
    fn json_ld_date_and_title_tag() {
        let html = r#"<title>Floods &amp; storms</title><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2023-11-30T08:00:00+01:00"}]}
</script><p>Rain fell.</p>"#;
        let page = extract(html);
        assert_eq!(page.title.as_deref(), Some("Floods & storms"));
        assert_eq!(page.published, Some(jiff::civil::date(2023, 11, 30)));
        assert_eq!(page.text, "Floods & storms\nRain fell.\n");
    }

    #[test]
    fn broken_markup_never_fails() {
        for html in [
            "<",
            "<p",
            "<p>text",
            "&#xFFFFFFFF; &bogus; <script>",
            "<!--",
            "<>< />",
        ] {
            let _ = extract(html);
        }
    }
}
