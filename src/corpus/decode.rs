//! Decoding article files: bytes → text, or a one-line reason why the file is not
//! text. UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and legacy single- and
//! multi-byte encodings guessed by `chardetng` and decoded by `encoding_rs`.
//!
//! Line endings (CRLF, CR) are kept exactly as in the file, so CONTRACTS.md offsets
//! ("as decoded, BOM removed") stay valid. Binary files are refused: known magic
//! numbers (`assets/corpus/binary_magic.tsv`) or too many control bytes.

use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

const MAGIC: &str = include_str!("../../assets/corpus/binary_magic.tsv");

/// Share of control characters (NUL and C0 controls other than tab, line feed,
/// vertical tab, form feed, carriage return and escape) above which a file is binary,
/// in per cent.
const MAX_CONTROL_PERCENT: usize = 5;

/// Binary file signatures: (file type, leading bytes).
fn magic_numbers() -> &'static [(String, Vec<u8>)] {
    static TABLE: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    TABLE.get_or_init(|| parse_magic(MAGIC))
}

/// Parses a `name<TAB>hex bytes` table; malformed lines are skipped (a unit test
/// checks that the bundled table has none).
fn parse_magic(table: &str) -> Vec<(String, Vec<u8>)> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (name, hex) = l.split_once('\t')?;
            let bytes = hex
                .split_whitespace()
                .map(|h| u8::from_str_radix(h, 16).ok())
                .collect::<Option<Vec<u8>>>()?;
            (!bytes.is_empty()).then(|| (name.to_string(), bytes))
        })
        .collect()
}

/// Whether `c` is a control character that does not occur in text files.
fn is_binary_control(c: u32) -> bool {
    c < 0x20 && !matches!(c, 0x09..=0x0D | 0x1B)
}

/// Decodes file bytes to text; the error is a one-line reason ("… — skipped").
///
/// NUL bytes in otherwise textual files are replaced by U+FFFD (one char for one
/// byte), so export offsets refer to the decoded text, not to the raw bytes.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file — skipped".into());
    }
    let text = if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        check_binary(body)?;
        decode_unmarked(body)
    } else if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        UTF_16LE.decode_without_bom_handling(body).0.into_owned()
    } else if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        UTF_16BE.decode_without_bom_handling(body).0.into_owned()
    } else {
        check_binary(bytes)?;
        decode_unmarked(bytes)
    };
    if text.chars().all(char::is_whitespace) {
        return Err("empty file — skipped".into());
    }
    let controls = text
        .chars()
        .filter(|&c| is_binary_control(u32::from(c)))
        .count();
    if controls * 100 > text.chars().count() * MAX_CONTROL_PERCENT {
        return Err("binary content (many control characters), not text — skipped".into());
    }
    // Offsets refer to this decoded text: each NUL becomes one U+FFFD.
    Ok(if text.contains('\0') {
        text.replace('\0', "\u{FFFD}")
    } else {
        text
    })
}

/// Refuses bytes that start with a known binary signature or are mostly controls.
fn check_binary(bytes: &[u8]) -> Result<(), String> {
    if let Some((name, _)) = magic_numbers()
        .iter()
        .find(|(_, magic)| bytes.starts_with(magic))
    {
        return Err(format!("binary content ({name}), not text — skipped"));
    }
    let controls = bytes
        .iter()
        .filter(|&&b| is_binary_control(u32::from(b)))
        .count();
    if controls * 100 > bytes.len() * MAX_CONTROL_PERCENT {
        return Err("binary content (many control characters), not text — skipped".into());
    }
    Ok(())
}

/// Decodes bytes without a byte-order mark: UTF-8 if valid, else the legacy
/// encoding `chardetng` guesses (Windows-1252 for Western text).
fn decode_unmarked(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding: &'static Encoding = detector.guess(None, false);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn bundled_magic_table_has_no_malformed_lines() {
        let lines = MAGIC
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(magic_numbers().len(), lines);
    }

    #[test]
    fn ok_utf8_with_and_without_bom() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFTitle\nBody").as_deref(),
            Ok("Title\nBody")
        );
        assert_eq!(
            decode("Caf\u{e9} “au” lait".as_bytes()).as_deref(),
            Ok("Café “au” lait")
        );
    }

    #[test]
    fn ok_utf16_le_and_be_with_bom() {
        let text = "Title é 𝄞\r\nBody in Baghdad.\r\n";
        assert_eq!(decode(&utf16(text, false)).as_deref(), Ok(text));
        assert_eq!(decode(&utf16(text, true)).as_deref(), Ok(text));
    }

    #[test]
    fn ok_legacy_encodings_are_detected() {
        // Windows-1252: é = E9, curly quotes = 93/94, euro = 80.
        let cp1252 = b"Caf\xE9 opens\nThe owner said \x93it costs 5 \x80 \x97 not more\x94.\n";
        assert_eq!(
            decode(cp1252).as_deref(),
            Ok("Café opens\nThe owner said “it costs 5 € — not more”.\n")
        );
        // Windows-1251 Russian.
        let (cyr, _, _) = encoding_rs::WINDOWS_1251
            .encode("Москва и Санкт-Петербург: переговоры начались в понедельник.\n");
        assert_eq!(
            decode(&cyr).as_deref(),
            Ok("Москва и Санкт-Петербург: переговоры начались в понедельник.\n")
        );
        // Shift_JIS Japanese.
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("東京で会談が行われた。政府は月曜日に発表した。\n");
        assert_eq!(
            decode(&sjis).as_deref(),
            Ok("東京で会談が行われた。政府は月曜日に発表した。\n")
        );
    }

    #[test]
    fn ok_line_endings_are_kept() {
        assert_eq!(decode(b"T\r\nA\rB\n").as_deref(), Ok("T\r\nA\rB\n"));
    }

    #[test]
    fn ok_stray_nuls_become_replacement_chars() {
        let mut bytes = b"Title\nTalks began on Monday in Baghdad, officials said. ".repeat(4);
        bytes.insert(20, 0);
        bytes.push(0);
        let text = decode(&bytes).unwrap_or_default();
        assert_eq!(text.matches('\u{FFFD}').count(), 2);
        assert_eq!(text.chars().count(), bytes.len());
    }

    #[test]
    fn err_empty_and_binary() {
        for (bytes, reason) in [
            (&b""[..], "empty"),
            (b"  \n \r\n", "empty"),
            (b"\xEF\xBB\xBF \n", "empty"),
            (b"\xFF\xFE", "empty"),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01", "PNG"),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF", "JPEG"),
            (b"PK\x03\x04\x14\0\0\0\x08\0", "ZIP"),
            (b"\x7FELF\x02\x01\x01\0\0\0\0", "ELF"),
            (b"MZ\x90\0\x03\0\0\0\x04\0", "Windows executable"),
            (b"\x01\x02\x03\x04abc\x05\x06\x07\x08", "control characters"),
        ] {
            let err = decode(bytes).err().unwrap_or_default();
            assert!(err.contains(reason), "{bytes:?}: {err}");
        }
    }
}
