//! Sentence segmentation: splits article text into sentences as byte ranges.
//!
//! Owns the rules for where a sentence ends: terminal punctuation followed by a
//! capitalised or quoted start, every line break (articles put one paragraph per
//! line, with or without blank lines between them), and the abbreviations that do
//! *not* end a sentence ("U.S.", "Col.", "Nov.", "Gen.", "Dr.").

use std::ops::Range;

/// Abbreviations (lower-case, without the final dot) after which a period does not
/// end a sentence. Single letters ("J. Smith", "U.S.") are handled separately.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "maj", "capt", "cpt",
    "sgt", "adm", "cmdr", "brig", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vs", "etc", "inc", "ltd",
    "co", "corp", "bros", "dept", "univ", "approx", "est", "fig", "vol", "ave", "blvd", "mt", "ft",
    "a.m", "p.m", "u.s", "u.k", "u.n", "e.g", "i.e",
];

/// The part of `range` (a sentence of `text`) within `reach` bytes either side of
/// `span`, cut at white space so that no word is cut in two. What is said about an
/// expression (its tense, its clause, its event's passage) is looked for there: a
/// run-on "sentence" (a table, a text without punctuation) is not read whole for
/// every expression in it.
pub fn around(text: &str, range: Range<usize>, span: &Range<usize>, reach: usize) -> Range<usize> {
    let mut start = range.start;
    if span.start > start + reach {
        let mut from = span.start - reach;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let after_space = text
            .get(from..span.start)
            .and_then(|w| w.find(char::is_whitespace))
            .map(|i| from + i);
        start = after_space.unwrap_or(span.start);
    }
    let mut end = range.end;
    if end > span.end + reach {
        let mut to = span.end + reach;
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let before_space = text
            .get(span.end..to)
            .and_then(|w| w.rfind(char::is_whitespace))
            .map(|i| span.end + i);
        end = before_space.unwrap_or(span.end);
    }
    start..end.max(start)
}

/// Returns the sentences of `text` as byte ranges, trimmed of surrounding white
/// space; empty lines yield nothing. Ranges are on char boundaries, in order and
/// non-overlapping.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Lines, each with its break (`split_inclusive` on '\n' and '\r').
    let mut line_start = 0;
    for brk in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()) {
        split_line(text, line_start..brk + 1, &mut out);
        line_start = brk + 1;
    }
    if line_start < text.len() {
        split_line(text, line_start..text.len(), &mut out);
    }
    out
}

/// Splits one line (a paragraph) into sentences, appending them to `out`.
fn split_line(text: &str, line: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut start = line.start;
    let mut i = line.start;
    // The next terminal mark at or after `i`.
    let next_mark = |i: usize| {
        bytes
            .get(i..line.end)
            .and_then(|rest| memchr::memchr3(b'.', b'!', b'?', rest))
            .map(|at| i + at)
    };
    while let Some(at) = next_mark(i) {
        i = at;
        if ends_sentence(text, line.clone(), i) {
            // Take closing quotes and brackets with the sentence.
            let mut end = i + 1;
            while end < line.end {
                let rest = &text[end..line.end];
                match rest.chars().next() {
                    Some(c) if is_closer(c) || matches!(c, '.' | '!' | '?') => end += c.len_utf8(),
                    _ => break,
                }
            }
            push_trimmed(text, start..end, out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..line.end, out);
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// Decides whether the terminal mark at byte `i` ends a sentence.
fn ends_sentence(text: &str, line: Range<usize>, i: usize) -> bool {
    // What follows: skip closers and further marks, then require white space and an
    // upper-case letter, digit or opening quote — or the end of the line.
    let after = &text[i + 1..line.end];
    let mut rest = after.trim_start_matches(|c: char| is_closer(c) || matches!(c, '.' | '!' | '?'));
    if rest.trim().is_empty() {
        return true;
    }
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    rest = rest.trim_start();
    let next = rest.chars().find(|c| !is_opener(*c));
    let starts_upper = next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let starts_quote = rest.starts_with(is_opener);
    if !(starts_upper || starts_quote) {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    // The word before the period.
    let before = &text[line.start..i];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || is_opener(c))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let lower = word.to_lowercase();
    let bare = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if letters_and_dots(bare) {
        // "in the U.S. The next…" is ambiguous; treat a following common sentence
        // opener as a new sentence only when the abbreviation is lower-case (a.m.).
        return bare.chars().next().is_some_and(char::is_lowercase)
            && bare.contains('.')
            && next_is_sentence_opener(rest);
    }
    !ABBREVIATIONS.contains(&bare)
}

/// Whether `word`, the word right before a period, is an abbreviation the period
/// belongs to ("vs", "Corp", "U.S", "J"), so that the period need not end a clause.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    let bare = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    let initials = letters_and_dots(bare);
    // "p.m." often closes a sentence ("… at 5 p.m. The talks …"): not taken.
    let lower_initials = initials
        && word
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase);
    !lower_initials && (initials || ABBREVIATIONS.contains(&bare))
}

/// "U.S" / "J" / "a.m" (the word before its last period): single letters
/// separated by dots.
fn letters_and_dots(bare: &str) -> bool {
    !bare.is_empty()
        && bare
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// A short list of words that almost always start a sentence.
fn next_is_sentence_opener(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        word.as_str(),
        "The" | "He" | "She" | "They" | "It" | "We" | "I" | "But" | "In" | "A"
    )
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Within reach the sentence is kept whole; beyond it, the part kept starts and
    /// ends at white space, on character boundaries, and holds the expression.
    #[test]
    fn around_keeps_the_reach_of_an_expression() {
        let short = "Talks resume on Monday in Geneva.";
        let at = short.find("Monday").unwrap_or(0);
        let monday = at..at + 6;
        assert_eq!(around(short, 0..short.len(), &monday, 100), 0..short.len());
        let long = format!(
            "{}on Monday{}",
            "näive words ".repeat(40),
            " more words".repeat(40)
        );
        let at = long.find("Monday").unwrap_or(0);
        let monday = at..at + 6;
        let near = around(&long, 0..long.len(), &monday, 100);
        let kept = long.get(near.clone()).unwrap_or_default();
        assert!(kept.contains("Monday"));
        assert!(
            near.start >= at - 100 && near.end <= at + 6 + 100,
            "{near:?}"
        );
        // No word is cut: white space on either side of the cut.
        assert!(
            kept.starts_with(' ') && long[near.end..].starts_with(' '),
            "{kept:?}"
        );
        // Reach 0 keeps the expression alone.
        let bare = around(&long, 0..long.len(), &monday, 0);
        assert_eq!(&long[bare], "Monday");
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text =
            "U.S. Army Col. Ryan Dillon spoke on Nov. 6, 2025. Gen. Smith and Dr. Jones agreed.";
        assert_eq!(
            split(text),
            [
                "U.S. Army Col. Ryan Dillon spoke on Nov. 6, 2025.",
                "Gen. Smith and Dr. Jones agreed."
            ]
        );
    }

    #[test]
    fn lines_are_paragraphs_even_without_blank_lines() {
        let text =
            "Title line\nFirst paragraph ends here.\nSecond one \"quoted.\" Third!\r\n\r\nLast";
        assert_eq!(
            split(text),
            [
                "Title line",
                "First paragraph ends here.",
                "Second one \"quoted.\"",
                "Third!",
                "Last"
            ]
        );
    }

    #[test]
    fn lowercase_after_period_continues() {
        assert_eq!(
            split("He paid 3.5 mln dlrs. and left."),
            ["He paid 3.5 mln dlrs. and left."]
        );
    }

    #[test]
    fn ranges_are_on_char_boundaries() {
        let text = "Iraq’s “talks.” Next… é. Ünïcode? Yes!";
        for r in sentences(text) {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert_eq!(
            split(text),
            ["Iraq’s “talks.”", "Next… é. Ünïcode?", "Yes!"]
        );
    }
}
