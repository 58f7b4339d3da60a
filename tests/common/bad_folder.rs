//! The bad-folder generator: builds, in a temporary folder, every kind of messy
//! input of issue 9 next to good articles in every supported encoding and format,
//! and says what loading it must give (the good files, and each problem's file and
//! reason).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How big to make the generated folder.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Size of the single-line oversized file, in bytes.
    pub huge_bytes: u64,
    /// Number of tiny files in `many/`.
    pub tiny_files: usize,
    /// Nesting depth of `deep/`.
    pub depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            huge_bytes: 100 * 1024 * 1024,
            tiny_files: 10_000,
            depth: 200,
        }
    }
}

/// A generated folder and what loading it must give.
pub struct BadFolder {
    /// Holds the folder to open (`root`) and, beside it, a file outside it.
    pub dir: tempfile::TempDir,
    /// The folder to open.
    pub root: PathBuf,
    /// Article files (relative, `/`-separated) that must load.
    pub good: Vec<String>,
    /// Expected problems: (file, part of the reason).
    pub problems: Vec<(String, &'static str)>,
    /// A file to delete once listing is done ("deleted during loading").
    pub vanishing: PathBuf,
}

const BODY: &str =
    "Officials said on Monday that talks between the two sides would resume in Baghdad.\n";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// Builds the folder.
pub fn build(opts: Options) -> std::io::Result<BadFolder> {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("folder");
    fs::create_dir(&root)?;
    let w = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)
    };
    let mut good = Vec::new();
    let mut problems: Vec<(String, &'static str)> = Vec::new();

    // Good articles in every encoding and line ending.
    w(
        "good_utf8.txt",
        format!("Plain UTF-8 café\n{BODY}").as_bytes(),
    )?;
    w(
        "good_bom.txt",
        format!("\u{FEFF}With a BOM\n{BODY}").as_bytes(),
    )?;
    w(
        "good_utf16le.txt",
        &utf16(&format!("UTF-16 LE ü\r\n{BODY}"), false),
    )?;
    w(
        "good_utf16be.txt",
        &utf16(&format!("UTF-16 BE ü\r\n{BODY}"), true),
    )?;
    let mut cp1252 = b"Windows-1252 caf\xE9 \x93quoted\x94\r\n".to_vec();
    cp1252.extend_from_slice(BODY.replace('\n', "\r\n").as_bytes());
    w("good_cp1252.txt", &cp1252)?;
    w(
        "good_crlf.txt",
        format!("CRLF lines\r\n{}", BODY.replace('\n', "\r\n")).as_bytes(),
    )?;
    w(
        "good_cr.txt",
        format!("CR lines\r{}", BODY.replace('\n', "\r")).as_bytes(),
    )?;
    w(
        "good_nul.txt",
        format!("A stray NUL\n{}\0{BODY}", BODY.trim_end()).as_bytes(),
    )?;
    w(
        "good_notes.md",
        format!("---\ntitle: Notes\ndate: 2024-02-08\n---\n# Notes *today*\n\n{BODY}").as_bytes(),
    )?;
    w(
        "good_page.html",
        format!("<title>A page</title><p>{BODY}</p>").as_bytes(),
    )?;
    w(
        "dup_a.txt",
        b"Twice\nThe same text, word for word, filed twice on Tuesday.\n",
    )?;
    w(
        "dup_b.txt",
        b"Twice\nThe same text, word for word, filed twice on Tuesday.\n",
    )?;
    good.extend(
        [
            "good_utf8.txt",
            "good_bom.txt",
            "good_utf16le.txt",
            "good_utf16be.txt",
            "good_cp1252.txt",
            "good_crlf.txt",
            "good_cr.txt",
            "good_nul.txt",
            "good_notes.md",
            "good_page.html",
            "dup_a.txt",
        ]
        .map(String::from),
    );
    problems.push(("dup_b.txt".into(), "same content as dup_a.txt"));

    // Empty and binary files.
    w("empty.txt", b"")?;
    w("blank.txt", b"  \r\n\n ")?;
    w(
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\x08\x06",
    )?;
    w("archive.txt", b"PK\x03\x04\x14\0\0\0\x08\0\x21\x5a\x7bW")?;
    w(
        "program.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    )?;
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    w("noise.txt", &noise)?;
    w("report.pdf", b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n")?;
    // A PDF whose trailer declares encryption, a scan (a page without text), and
    // a good PDF article.
    w(
        "locked.pdf",
        &super::pdf::build(&super::pdf::Spec {
            pages: vec![vec!["Locked", "Officials met on Monday in Baghdad.", "1"]],
            encrypted: true,
            ..Default::default()
        }),
    )?;
    w(
        "scan.pdf",
        &super::pdf::build(&super::pdf::Spec {
            pages: vec![vec![], vec![]],
            ..Default::default()
        }),
    )?;
    w("convoy.pdf", &super::pdf::convoy())?;
    good.push("convoy.pdf".into());
    problems.extend([
        ("empty.txt".into(), "empty file"),
        ("blank.txt".into(), "empty file"),
        ("image.txt".into(), "binary content (PNG image)"),
        ("archive.txt".into(), "binary content (ZIP archive"),
        ("program.txt".into(), "binary content (ELF executable)"),
        ("noise.txt".into(), "binary content"),
        ("report.pdf".into(), "broken PDF"),
        ("locked.pdf".into(), "encrypted PDF"),
        ("scan.pdf".into(), "no text layer"),
    ]);

    // A huge single-line file, written in chunks (never held in memory).
    {
        let mut f = std::io::BufWriter::new(fs::File::create(root.join("huge.txt"))?);
        let chunk = vec![b'a'; 1 << 20];
        let mut left = opts.huge_bytes;
        while left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            f.write_all(chunk.get(..n).unwrap_or_default())?;
            left -= n as u64;
        }
        f.flush()?;
    }
    problems.push(("huge.txt".into(), "too large"));

    // Unreadable (permissions): only a problem where permissions bind (not as root).
    w("locked.txt", format!("Locked\n{BODY}").as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(root.join("locked.txt"), fs::Permissions::from_mode(0o000))?;
    }
    if fs::read(root.join("locked.txt")).is_ok() {
        good.push("locked.txt".into());
    } else {
        problems.push(("locked.txt".into(), "not readable"));
    }

    // Deleted during loading (the test deletes it after listing).
    w("vanish.txt", format!("Vanishing\n{BODY}").as_bytes())?;
    problems.push(("vanish.txt".into(), "vanished while loading"));

    // Symbolic links: broken, loop, outside the folder, to a folder, inside (followed).
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(
            root.join("does_not_exist.txt"),
            root.join("link_broken.txt"),
        )?;
        symlink(root.join("link_loop_b.txt"), root.join("link_loop_a.txt"))?;
        symlink(root.join("link_loop_a.txt"), root.join("link_loop_b.txt"))?;
        let secret = dir.path().join("outside_secret.txt");
        fs::write(&secret, format!("Secret outside\n{BODY}"))?;
        symlink(&secret, root.join("link_outside.txt"))?;
        fs::create_dir(root.join("real_dir"))?;
        w(
            "real_dir/inner.txt",
            b"Inner\nInner text, filed on Wednesday in Mosul.\n",
        )?;
        symlink(root.join("real_dir"), root.join("link_dir"))?;
        symlink(root.join("good_utf8.txt"), root.join("link_inside.txt"))?;
        good.push("real_dir/inner.txt".into());
        problems.extend([
            ("link_broken.txt".into(), "broken symbolic link"),
            ("link_loop_a.txt".into(), "symbolic link cannot be followed"),
            ("link_loop_b.txt".into(), "symbolic link cannot be followed"),
            (
                "link_outside.txt".into(),
                "outside the opened folder — not read",
            ),
            (
                "link_dir".into(),
                "symbolic link to a folder — not followed",
            ),
            ("link_inside.txt".into(), "same content as good_utf8.txt"),
        ]);
    }

    // Deep nesting.
    let mut deep = String::from("deep");
    for _ in 0..opts.depth {
        deep.push_str("/d");
    }
    deep.push_str("/bottom.txt");
    w(&deep, b"Bottom\nFound at the bottom on Thursday.\n")?;
    good.push(deep);

    // Many tiny files.
    for i in 0..opts.tiny_files {
        let name = format!("many/{i:05}.txt");
        w(&name, format!("Note {i}\nNote {i} was filed.\n").as_bytes())?;
        good.push(name);
    }

    // meta.jsonl with good and bad lines.
    w(
        "meta.jsonl",
        b"{\"file\": \"good_utf8.txt\", \"published\": \"2024-02-08\", \"source\": \"Wire\"}\n\
          not json at all\n\
          {\"file\": \"good_bom.txt\", \"published\": \"8 Feb\"}\n\
          {\"file\": \"../outside_secret.txt\", \"title\": \"x\"}\n\
          {\"file\": \"/etc/passwd\"}\n\
          {\"file\": \"missing.txt\", \"published\": \"2024-01-01\"}\n",
    )?;
    problems.extend([
        ("meta.jsonl:2".into(), "not a valid entry"),
        ("meta.jsonl:3".into(), "is not YYYY-MM-DD"),
        ("meta.jsonl:4".into(), "outside the folder"),
        ("meta.jsonl:5".into(), "outside the folder"),
        (
            "meta.jsonl".into(),
            "names missing.txt, which is not an article",
        ),
    ]);

    good.sort();
    let vanishing = root.join("vanish.txt");
    Ok(BadFolder {
        dir,
        root,
        good,
        problems,
        vanishing,
    })
}

/// Every entry under `root` (not following links) with its content: file bytes,
/// a link's target, or nothing for a folder; sorted by path.
pub fn snapshot(root: &Path) -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            let meta = fs::symlink_metadata(&path)?;
            let content = if meta.file_type().is_symlink() {
                fs::read_link(&path)?.into_os_string().into_encoded_bytes()
            } else if meta.is_dir() {
                stack.push(path.clone());
                Vec::new()
            } else {
                let mut bytes = fs::read(&path).unwrap_or_default();
                bytes.extend_from_slice(&meta.len().to_le_bytes());
                bytes
            };
            out.push((path, content));
        }
    }
    out.sort();
    Ok(out)
}
