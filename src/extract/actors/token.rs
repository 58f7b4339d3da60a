//! Word tokens for actor recognition: byte ranges of words and punctuation, with the
//! few shape facts the rules need (capitalised, all caps, name particle).
//!
//! Words keep internal hyphens, apostrophes, `&` and the dots of abbreviations
//! ("U.S.", "Col.", "N.V."), so names such as "al-Sudani", "O'Leary" and "AT&T" are one
//! token. A possessive "'s" is split off, and hyphen compounds are split where a
//! lower-case part meets a capitalised one ("Iran-backed" → "Iran" + "-backed",
//! "anti-ISIS" → "anti-" + "ISIS"), except after Arabic name particles ("al-Sudani").

use std::ops::Range;

/// Name particles that may open a name token or stand between names ("al-Sudani",
/// "bin Salman", "van Gogh"). Lower case.
pub(crate) const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "bint", "abd", "abu",
    "van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "dos", "le", "la",
];

/// The length of the longest of [`PARTICLES`] (all ASCII), in bytes.
const LONGEST_PARTICLE: usize = 5;

/// One token: a word or a single punctuation character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// True for words (starting with a letter or digit).
    pub word: bool,
    /// The first letter is upper case ("Iraq", "US", "al-Sudani" is not).
    pub cap: bool,
    /// Two or more letters, all upper case ("ISIS", "U.S.").
    pub upper: bool,
    /// A particle joined to a capitalised name ("al-Sudani", "bin-Laden").
    pub particle: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.clone()).unwrap_or("")
    }
}

/// Lower-cased token text without a final dot ("Col." → "col"), the key of word lists.
/// Borrowed for ASCII words already in lower case, and held inline (no allocation)
/// for other short ASCII words.
pub(crate) fn key(word: &str) -> Lowered<'_> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.is_ascii() {
        lower_ascii(w)
    } else {
        Lowered::Owned(w.to_lowercase().replace('’', "'"))
    }
}

/// [`key`] of `word`: the word itself when that is its key, else the key written
/// into `buf`, which a loop over many words reuses (no [`Lowered`] to build and check
/// as UTF-8 for each look-up).
pub(crate) fn key_in<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return w;
        }
        buf.clear();
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        *buf = w.to_lowercase().replace('’', "'");
    }
    buf
}

/// `word` in lower case; borrowed when it is ASCII without capitals, as most words
/// are, and held inline (no allocation) when it is short ASCII.
pub(crate) fn lower(word: &str) -> Lowered<'_> {
    if word.is_ascii() {
        lower_ascii(word)
    } else {
        Lowered::Owned(word.to_lowercase())
    }
}

/// [`lower`] of an ASCII word.
fn lower_ascii(word: &str) -> Lowered<'_> {
    let bytes = word.as_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return Lowered::Borrowed(word);
    }
    let mut buf = [0; INLINE];
    match buf.get_mut(..bytes.len()) {
        Some(inline) => {
            inline.copy_from_slice(bytes);
            inline.make_ascii_lowercase();
            Lowered::Inline(buf, bytes.len())
        }
        None => Lowered::Owned(word.to_ascii_lowercase()),
    }
}

/// Longest word [`Lowered`] holds inline.
const INLINE: usize = 22;

/// A word in lower case ([`lower`], [`key`]): the word itself, a short ASCII copy
/// held inline, or an allocated string.
#[derive(Debug, Clone)]
pub(crate) enum Lowered<'a> {
    /// The word was already in lower case.
    Borrowed(&'a str),
    /// ASCII bytes and their length.
    Inline([u8; INLINE], usize),
    /// A long or non-ASCII word.
    Owned(String),
}

impl std::ops::Deref for Lowered<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Lowered::Borrowed(s) => s,
            // Only ASCII is held inline, so this never falls back.
            Lowered::Inline(buf, len) => {
                std::str::from_utf8(buf.get(..*len).unwrap_or_default()).unwrap_or_default()
            }
            Lowered::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Lowered<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl<'a> From<&'a str> for Lowered<'a> {
    fn from(s: &'a str) -> Self {
        Lowered::Borrowed(s)
    }
}

impl PartialEq<&str> for Lowered<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl PartialEq<str> for Lowered<'_> {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

/// `word` in lower case equals `lowered`, without allocating for ASCII words.
pub(crate) fn eq_lower(word: &str, lowered: &str) -> bool {
    if word.is_ascii() {
        word.len() == lowered.len()
            && word
                .bytes()
                .zip(lowered.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        word.to_lowercase() == lowered
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c.is_alphanumeric() {
            let (end, hyphen) = word_end(text, i);
            // At least the first char: the scan always moves on.
            let end = end.max(i + c.len_utf8());
            push_word(text, i..end, hyphen, &mut out);
            i = end;
        } else {
            let start = i;
            i += c.len_utf8();
            out.push(Token {
                span: start..i,
                word: false,
                cap: false,
                upper: false,
                particle: false,
            });
        }
    }
    out
}

/// The end of the word starting at `start`, and whether the word joined a hyphen
/// ('-': the only way one gets into a word).
fn word_end(text: &str, start: usize) -> (usize, bool) {
    let mut end = start;
    let mut hyphen = false;
    let mut i = start;
    loop {
        let rest = text.get(i..).unwrap_or_default();
        // Most of a word is ASCII letters and digits: those are skipped a byte at a time.
        let run = ascii_alphanumeric_len(rest);
        if run > 0 {
            i += run;
            end = i;
            continue;
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        let after = i + c.len_utf8();
        if c.is_alphanumeric() {
            end = after;
            i = after;
            continue;
        }
        let next = text.get(after..).and_then(|r| r.chars().next());
        let joins = match c {
            '-' | '‐' | '&' => next.is_some_and(char::is_alphanumeric),
            '\'' | '’' => next.is_some_and(char::is_alphabetic) && !is_possessive(text, after),
            '.' => {
                next.is_some_and(char::is_alphabetic)
                    && (dotted_letters(&text[start..i]) || web_domain(&text[i + 1..]))
            }
            _ => false,
        };
        if !joins {
            break;
        }
        hyphen |= c == '-';
        i = after;
    }
    if text[end..].starts_with('.') && takes_dot(&text[start..end]) {
        end += 1;
    }
    (end, hyphen)
}

/// The number of ASCII letters and digits `s` starts with.
fn ascii_alphanumeric_len(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_alphanumeric).count()
}

/// True when the text at `after` (just past an apostrophe) is a possessive "s".
fn is_possessive(text: &str, after: usize) -> bool {
    let rest = &text[after..];
    rest.starts_with('s') && !rest[1..].starts_with(|c: char| c.is_alphanumeric())
}

/// "com" in "Detik.com": a top-level domain ending the word.
fn web_domain(rest: &str) -> bool {
    ["com", "net", "org", "gov", "io"].iter().any(|d| {
        rest.strip_prefix(d)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// "U", "U.S", "N.V": single letters joined by dots.
fn dotted_letters(word: &str) -> bool {
    word.split('.').all(|p| p.chars().count() == 1)
}

/// Abbreviations that keep their final dot: initials, dotted letters, titles, "Inc.".
fn takes_dot(word: &str) -> bool {
    const ABBR: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "maj", "capt",
        "cpt", "sgt", "adm", "cmdr", "brig", "gov", "sen", "rep", "rev", "hon", "pres", "inc",
        "ltd", "co", "corp", "bros", "dept", "no", "messrs", "mt", "ft", "cpl", "pvt", "supt",
        "insp", "det",
    ];
    dotted_letters(word) || ABBR.contains(&lower(word).as_ref())
}

/// Pushes a word (`hyphen`: it has a '-'), splitting hyphen compounds where case
/// changes.
fn push_word(text: &str, span: Range<usize>, hyphen: bool, out: &mut Vec<Token>) {
    let word = &text[span.clone()];
    if !hyphen {
        out.push(word_token(text, span));
        return;
    }
    let parts: Vec<(usize, &str)> = split_hyphens(word);
    if parts.len() < 2 || starts_with_particle(word) || linked_name(&parts) {
        out.push(word_token(text, span));
        return;
    }
    let caps: Vec<bool> = parts.iter().map(|(_, p)| starts_upper(p)).collect();
    let mut run_start = 0;
    for k in 1..=parts.len() {
        if k == parts.len() || caps[k] != caps[run_start] {
            let from = span.start + parts[run_start].0;
            let to = if k == parts.len() {
                span.end
            } else {
                span.start + parts[k].0 - 1
            };
            out.push(word_token(text, from..to));
            run_start = k;
        }
    }
}

/// Parts of a hyphenated word with their byte offsets in the word.
fn split_hyphens(word: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if c == '-' {
            parts.push((start, &word[start..i]));
            start = i + 1;
        }
    }
    parts.push((start, &word[start..]));
    parts
}

/// Lower-case links inside hyphenated names from Urdu, Persian and Arabic
/// ("Lashkar-e-Taiba", "Hizb-ut-Tahrir", "Nusrat al-Islam wal-Muslimin").
const LINKS: &[&str] = &[
    "e", "i", "ul", "ud", "ut", "ur", "us", "al", "el", "wal", "wa",
];

/// True for a name whose capitalised parts are joined by [`LINKS`] only, first and
/// last capitalised: one word, not three ("Jaish-e-Mohammed").
fn linked_name(parts: &[(usize, &str)]) -> bool {
    let capital = |p: &str| starts_upper(p) && p.chars().nth(1).is_some_and(char::is_lowercase);
    parts.first().is_some_and(|(_, p)| capital(p))
        && parts.last().is_some_and(|(_, p)| capital(p))
        && parts.iter().all(|(_, p)| capital(p) || LINKS.contains(p))
        && parts.iter().any(|(_, p)| LINKS.contains(p))
}

/// True for "al-Sudani", "bin-Laden": a particle, a hyphen, a capitalised name.
fn starts_with_particle(word: &str) -> bool {
    // Only a hyphen right after a particle's length can end one (looking no further
    // keeps this cheap for the many words without a hyphen near their start).
    let hyphen = word
        .bytes()
        .take(LONGEST_PARTICLE + 1)
        .position(|b| b == b'-');
    let parts = hyphen.and_then(|at| Some((word.get(..at)?, word.get(at + 1..)?)));
    parts.is_some_and(|(head, tail)| {
        PARTICLES.iter().any(|p| eq_lower(head, p))
            && starts_upper(tail)
            && tail.chars().nth(1).is_some_and(char::is_lowercase)
    })
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Two or more letters, all upper case ("ISIS", "U.S."); most words are ruled out
/// by their first lower-case letter.
fn all_caps(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    letters.clone().nth(1).is_some() && letters.all(char::is_uppercase)
}

fn word_token(text: &str, span: Range<usize>) -> Token {
    let w = &text[span.clone()];
    Token {
        cap: starts_upper(w),
        upper: all_caps(w),
        word: true,
        particle: starts_with_particle(w),
        span,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn keys_and_lower_case_borrow_only_when_nothing_changes() {
        for (word, want) in [
            ("col.", "col"),
            ("Col.", "col"),
            ("ISIS", "isis"),
            ("Öcalan", "öcalan"),
            ("president’s", "president's"),
        ] {
            assert_eq!(key(word), want, "{word}");
            assert_eq!(key_in(word, &mut String::new()), want, "{word}");
        }
        assert!(matches!(key("gen."), Lowered::Borrowed("gen")));
        assert!(matches!(lower("said"), Lowered::Borrowed("said")));
        assert!(matches!(key("Gen."), Lowered::Inline(..)));
        assert_eq!(key("Gen."), "gen");
        assert_eq!(lower("Said"), "said");
        let long = "Internationalisation-Committee";
        assert!(matches!(lower(long), Lowered::Owned(_)));
        assert_eq!(lower(long), "internationalisation-committee");
        assert_eq!(lower("ABCDEFGHIJKLMNOPQRSTUV"), "abcdefghijklmnopqrstuv");
        assert_eq!(lower("ÉTAT"), "état");
    }

    #[test]
    fn lower_case_comparison_matches_to_lowercase() {
        for (word, lowered, same) in [
            ("Reporting", "reporting", true),
            ("REPORTING", "reporting", true),
            ("reportin", "reporting", false),
            ("Édition", "édition", true),
            ("Edition", "édition", false),
            ("By", "by", true),
        ] {
            assert_eq!(eq_lower(word, lowered), same, "{word} {lowered}");
            assert_eq!(word.to_lowercase() == lowered, same, "{word} {lowered}");
        }
    }

    #[test]
    fn longest_particle_is_the_longest() {
        let longest = PARTICLES.iter().map(|p| p.len()).max();
        assert_eq!(longest, Some(LONGEST_PARTICLE));
        assert!(PARTICLES.iter().all(|p| p.is_ascii()));
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        assert_eq!(
            words("the U.S. Col. Jo Bell of Acme Inc. left."),
            [
                "the", "U.S.", "Col.", "Jo", "Bell", "of", "Acme", "Inc.", "left", "."
            ]
        );
    }

    #[test]
    fn web_domains_are_one_word() {
        assert_eq!(
            words("Detik.com said. Then cometh"),
            ["Detik.com", "said", ".", "Then", "cometh"]
        );
    }

    #[test]
    fn linked_names_are_one_word() {
        assert_eq!(
            words("Lashkar-e-Taiba Hizb-ut-Tahrir Iran-backed e-Taiba"),
            [
                "Lashkar-e-Taiba",
                "Hizb-ut-Tahrir",
                "Iran",
                "backed",
                "e",
                "Taiba"
            ]
        );
    }

    #[test]
    fn possessive_is_split_but_names_with_apostrophes_are_not() {
        assert_eq!(
            words("Iran’s O'Hara's"),
            ["Iran", "’", "s", "O'Hara", "'", "s"]
        );
    }

    #[test]
    fn hyphen_compounds_split_at_case_changes() {
        assert_eq!(
            words("Iran-backed anti-ISIS al-Sudani Counter-Terrorism"),
            [
                "Iran",
                "backed",
                "anti",
                "ISIS",
                "al-Sudani",
                "Counter-Terrorism"
            ]
        );
    }

    #[test]
    fn shape_flags() {
        let t = tokenize("NATO Nato nato U.S.");
        assert!(t[0].upper && t[0].cap && !t[1].upper && !t[2].cap && t[3].upper);
    }
}
