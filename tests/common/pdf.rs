//! A small PDF writer for tests: text pages in Helvetica (WinAnsi), an Info
//! dictionary with `Title` and `CreationDate`, and optionally an `/Encrypt` entry.
//! The first and last line of each page are placed on their own (`Td`), the lines
//! between flow in one text block (`TL`/`T*`), and every other line is shown as a
//! `TJ` array with word gaps instead of spaces — the shapes real producers write.

/// What to put in the PDF.
#[derive(Debug, Default, Clone)]
pub struct Spec<'a> {
    /// Info `Title`.
    pub title: Option<&'a str>,
    /// Info `CreationDate` (`D:YYYYMMDD…`).
    pub created: Option<&'a str>,
    /// Pages, each a list of lines (ASCII).
    pub pages: Vec<Vec<&'a str>>,
    /// Declare the file encrypted (its strings are not actually encrypted).
    pub encrypted: bool,
}

/// A PDF literal string.
fn literal(s: &str) -> String {
    let mut out = String::from("(");
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c),
            _ => out.push('?'),
        }
    }
    out.push(')');
    out
}

/// One line shown: `Tj` with spaces, or (odd lines) `TJ` with word gaps.
fn show(line: &str, i: usize) -> String {
    if i % 2 == 1 {
        let words: Vec<String> = line.split(' ').map(literal).collect();
        format!("[{}] TJ", words.join(" -300 "))
    } else {
        format!("{} Tj", literal(line))
    }
}

/// The content stream of one page.
fn content(lines: &[&str]) -> String {
    let mut s = String::new();
    let n = lines.len();
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            s.push_str(&format!("BT /F1 9 Tf 72 770 Td {} ET\n", show(line, i)));
        } else if i + 1 == n && n > 1 {
            s.push_str(&format!("BT /F1 9 Tf 280 40 Td {} ET\n", show(line, i)));
        } else {
            if i == 1 {
                s.push_str("BT /F1 11 Tf 14 TL 72 730 Td\n");
            } else {
                s.push_str("T*\n");
            }
            s.push_str(&show(line, i));
            s.push('\n');
            if i + 2 == n {
                s.push_str("ET\n");
            }
        }
    }
    s
}

/// Writes the PDF.
pub fn build(spec: &Spec) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let page_count = spec.pages.len();
    // 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs, then encrypt.
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..page_count)
        .map(|p| format!("{} 0 R", 5 + 2 * p))
        .collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {page_count} >>",
        kids.join(" ")
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    );
    let mut info = String::from("<< /Producer (dateline tests)");
    if let Some(t) = spec.title {
        info.push_str(&format!(" /Title {}", literal(t)));
    }
    if let Some(d) = spec.created {
        info.push_str(&format!(" /CreationDate {}", literal(d)));
    }
    info.push_str(" >>");
    objects.push(info);
    for (p, lines) in spec.pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            6 + 2 * p
        ));
        let stream = content(lines);
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}endstream",
            stream.len()
        ));
    }
    if spec.encrypted {
        objects.push(
            "<< /Filter /Standard /V 1 /R 2 /O <0000000000000000000000000000000000000000000000000000000000000000> /U <0000000000000000000000000000000000000000000000000000000000000000> /P -4 >>".into(),
        );
    }
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    let encrypt = if spec.encrypted {
        format!(
            " /Encrypt {} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
            objects.len()
        )
    } else {
        String::new()
    };
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R{encrypt} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The test article of `tests/data/convoy.pdf`: two pages with a running header,
/// page numbers, a byline, a "Published:" line and relative dates.
pub fn convoy() -> Vec<u8> {
    build(&Spec {
        title: Some("Aid convoy reaches flooded valley towns"),
        // Made the day after publication: the text's date wins.
        created: Some("D:20240315091500+01'00'"),
        pages: vec![
            vec![
                "THE VALLEY COURIER",
                "Aid convoy reaches flooded valley towns",
                "By Maria Okafor",
                "Published: March 14, 2024",
                "A convoy of 40 trucks carrying food, clean water and medicine reached the",
                "flooded towns of the Sava valley on Wednesday, the regional Red Cross said.",
                "The river burst its banks last Friday after a week of heavy rain, cutting",
                "the main road into the valley and forcing about 12,000 people from their",
                "homes.",
                "Page 1 of 2",
            ],
            vec![
                "THE VALLEY COURIER",
                "Engineers from the transport ministry began clearing the road on Tuesday and",
                "expect to reopen it within two weeks, the ministry said.",
                "A second convoy will leave the capital on Monday.",
                "Page 2 of 2",
            ],
        ],
        encrypted: false,
    })
}
