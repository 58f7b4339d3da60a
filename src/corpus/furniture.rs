//! Page furniture: recognises the lines of an article file that are not prose —
//! photo captions and credits, link lists, "Updated: …" lines — from the rules in
//! `assets/corpus/furniture.tsv`, and reads the publication date from dated lines.

use std::ops::Range;

use jiff::civil::Date;
use regex::{Regex, RegexBuilder};
use regex_automata::MatchKind;

use super::CorpusError;
use crate::extract::automaton::{Automaton, Scanner, starts_with_literal};
use crate::hashing::Map;

const RULES: &str = include_str!("../../assets/corpus/furniture.tsv");
const MONTHS: &str = include_str!("../../assets/months.tsv");

/// What a furniture rule marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FurnitureKind {
    /// The line itself.
    Line,
    /// A link-list header and the non-prose lines after it.
    List,
    /// A line stating the publication date.
    Dated,
    /// A line that is only a date (or a byline with one): furniture, and the
    /// publication date when it is among the body's first [`HEAD_LINES`] lines.
    HeadDated,
    /// Capture group 1 only: a picture credit after a caption.
    Credit,
    /// Not furniture: a line of prose that opens with a dateline stating the
    /// publication date ("LONDON, June 10, 2021 (Reuters) - …"), read only among
    /// the body's first [`HEAD_LINES`] lines.
    Stated,
}

/// The body's first lines, where a date-only line, a dated byline or a dateline
/// states the publication date (further down, such a date is a heading's or a
/// quote's, not the article's).
pub const HEAD_LINES: usize = 5;

/// Compiled furniture rules.
#[derive(Debug)]
pub struct Furniture {
    /// The rules in table order, each with its kind and, for a `credit` rule, the
    /// regex that gives its capture group.
    rules: Vec<(FurnitureKind, Option<Regex>)>,
    /// The rules as automata run with one cache per text (every line of every
    /// article is tried against them all, and most tries end at once), in table
    /// order. Consecutive rules that start with known literals share one
    /// automaton, which rules them all out within a byte or two; a rule that
    /// does not (`^.*?…$`) has its own, which may read the line backwards.
    groups: Vec<Group>,
    date: Regex,
    months: Vec<(String, i8)>,
}

/// Consecutive furniture rules matched by one automaton.
#[derive(Debug)]
struct Group {
    /// Index of the group's first rule in [`Furniture::rules`].
    first: usize,
    automaton: Automaton,
    /// All its rules are `stated` datelines, read only among the body's first
    /// [`HEAD_LINES`] lines.
    head_only: bool,
}

/// What a scan of one text found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Furniture lines, as byte ranges (trimmed).
    pub lines: Vec<Range<usize>>,
    /// The first date stated on a dated line, with the line's range.
    pub published: Option<(Date, Range<usize>)>,
}

impl Furniture {
    /// Compiles the bundled rules.
    pub fn bundled() -> Result<Self, CorpusError> {
        Self::parse(RULES, MONTHS)
    }

    /// Compiles rules from the text of a rule table and a month table.
    pub fn parse(rules: &str, months: &str) -> Result<Self, CorpusError> {
        let mut compiled = Vec::new();
        // Each rule's parsed pattern.
        let mut patterns: Vec<regex_syntax::hir::Hir> = Vec::new();
        for (n, line) in rules.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |m: String| CorpusError::Assets(format!("furniture.tsv line {}: {m}", n + 1));
            let (kind, pattern) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected kind<TAB>regex".into()))?;
            let kind = match kind {
                "line" => FurnitureKind::Line,
                "list" => FurnitureKind::List,
                "dated" => FurnitureKind::Dated,
                "credit" => FurnitureKind::Credit,
                "stated" => FurnitureKind::Stated,
                "head-dated" => FurnitureKind::HeadDated,
                other => return Err(bad(format!("unknown kind {other:?}"))),
            };
            patterns.push(crate::extract::automaton::parse(pattern).map_err(bad)?);
            let captures = match kind {
                FurnitureKind::Credit => Some(
                    RegexBuilder::new(pattern)
                        .case_insensitive(true)
                        .build()
                        .map_err(|e| bad(e.to_string()))?,
                ),
                _ => None,
            };
            compiled.push((kind, captures));
        }
        let mut groups = Vec::new();
        let mut first = 0;
        // Rules that start with a literal share an automaton; the others, each their
        // own, and so do the datelines read only at the head of the body (kept apart
        // so that the lines below the head skip them; a date-only line is furniture
        // anywhere).
        let head: Vec<bool> = compiled
            .iter()
            .map(|(kind, _)| matches!(kind, FurnitureKind::Stated))
            .collect();
        let literal: Vec<(bool, bool)> = patterns
            .iter()
            .map(starts_with_literal)
            .zip(head.iter().copied())
            .collect();
        for run in literal.chunk_by(|a, b| a.0 && b.0 && a.1 == b.1) {
            let hirs = patterns.get(first..first + run.len()).unwrap_or_default();
            let kind = match hirs.len() {
                1 => MatchKind::LeftmostFirst,
                _ => MatchKind::All,
            };
            let automaton = Automaton::from_hirs(hirs, kind).map_err(|e| {
                CorpusError::Assets(format!(
                    "furniture.tsv: rules {}–{}: {e}",
                    first + 1,
                    first + hirs.len()
                ))
            })?;
            groups.push(Group {
                first,
                automaton,
                head_only: run.iter().all(|(_, h)| *h),
            });
            first += hirs.len();
        }
        let months: Vec<(String, i8)> = months
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (name, num) = l.split_once('\t')?;
                Some((name.to_string(), num.trim().parse().ok()?))
            })
            .collect();
        if months.len() < 12 {
            return Err(CorpusError::Assets(
                "months.tsv has fewer than 12 entries".into(),
            ));
        }
        let date = Regex::new(r"(?i)\b(?:([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|(\d{4})-(\d{2})-(\d{2}))\b")
            .map_err(|e| CorpusError::Assets(e.to_string()))?;
        Ok(Self {
            rules: compiled,
            groups,
            date,
            months,
        })
    }

    /// Scans `text` line by line, starting at byte `from` (after the title line).
    pub fn scan(&self, text: &str, from: usize) -> Scan {
        let mut scan = Scan::default();
        let mut groups: Vec<(usize, bool, Scanner<'_>)> = self
            .groups
            .iter()
            .map(|g| (g.first, g.head_only, g.automaton.scanner()))
            .collect();
        let mut in_list = false;
        let mut offset = 0;
        // Non-blank lines of the body so far (this one included).
        let mut line_no = 0;
        for raw in text.split_inclusive('\n') {
            let start = offset;
            offset += raw.len();
            if start < from {
                continue;
            }
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                continue;
            }
            line_no += 1;
            let head = line_no <= HEAD_LINES;
            let lead = raw.len() - raw.trim_start().len();
            let range = start + lead..start + lead + trimmed.len();
            let rule = groups
                .iter_mut()
                .filter(|(_, head_only, _)| head || !*head_only)
                .find_map(|(first, _, scanner)| first_match(scanner, trimmed).map(|i| *first + i))
                .and_then(|i| self.rules.get(i))
                .map(|(kind, captures)| (*kind, captures.as_ref()));
            // The first line that states a date is the publication date's: a "dated"
            // line anywhere, a date-only line or a dateline at the head of the body.
            let states = match rule.map(|(kind, _)| kind) {
                Some(FurnitureKind::Dated) => true,
                Some(FurnitureKind::HeadDated | FurnitureKind::Stated) => head,
                _ => false,
            };
            if states && scan.published.is_none() {
                scan.published = self.parse_date(trimmed).map(|d| (d, range.clone()));
            }
            match rule.map(|(kind, _)| kind) {
                Some(FurnitureKind::Credit) => {
                    let group = rule
                        .and_then(|(_, captures)| captures?.captures(trimmed))
                        .and_then(|c| c.get(1));
                    if let Some(g) = group {
                        scan.lines
                            .push(range.start + g.start()..range.start + g.end());
                    }
                    continue;
                }
                Some(FurnitureKind::List) => in_list = true,
                Some(FurnitureKind::Dated | FurnitureKind::HeadDated) => {}
                Some(FurnitureKind::Stated) => {
                    in_list = false;
                    continue;
                }
                Some(FurnitureKind::Line) => {}
                None if in_list && !is_prose(trimmed) => {}
                None => {
                    in_list = false;
                    continue;
                }
            }
            scan.lines.push(range);
        }
        mark_repeats(text, from, &mut scan.lines);
        scan
    }

    /// The first "February 08, 2024" / "8 February 2024" / "2024-02-08" date in `line`.
    fn parse_date(&self, line: &str) -> Option<Date> {
        let caps = self.date.captures(line)?;
        let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
        let month = |i: usize| {
            let name = caps.get(i)?.as_str().to_lowercase();
            self.months
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, m)| *m)
        };
        let (y, m, d) = if caps.get(1).is_some() {
            (num(3)?, month(1)?, num(2)?)
        } else if caps.get(4).is_some() {
            (num(6)?, month(5)?, num(4)?)
        } else {
            (num(7)?, i8::try_from(num(8)?).ok()?, num(9)?)
        };
        Date::new(y, m, i8::try_from(d).ok()?).ok()
    }
}

/// The first of a group's rules that matches the whole of `line`, by its index in
/// the group.
fn first_match(scanner: &mut Scanner<'_>, line: &str) -> Option<usize> {
    match scanner.patterns() {
        1 => scanner.is_match(line).then_some(0),
        _ => scanner.matching(line).first().map(|&(i, _)| i),
    }
}

/// Marks headline-like lines (not prose) that repeat another line or the start of a
/// furniture line: link teasers such as "US launches strikes – video" followed by
/// the same headline again.
fn mark_repeats(text: &str, from: usize, lines: &mut Vec<Range<usize>>) {
    let mut all: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let len = raw.trim().len();
        if offset >= from && len > 0 {
            all.push(offset + lead..offset + lead + len);
        }
        offset += raw.len();
    }
    let get = |r: &Range<usize>| text.get(r.clone()).unwrap_or_default().to_lowercase();
    // Sorted, so that the furniture lines a line begins are found by a binary
    // search: they follow one another from where the line would sort.
    let mut furniture_text: Vec<String> = lines.iter().map(get).collect();
    furniture_text.sort_unstable();
    let furniture: crate::hashing::Set<(usize, usize)> =
        lines.iter().map(|r| (r.start, r.end)).collect();
    let lower: Vec<String> = all.iter().map(get).collect();
    let mut count: Map<&str, usize> = Map::default();
    for line in &lower {
        *count.entry(line).or_default() += 1;
    }
    for (r, line) in all.iter().zip(&lower) {
        if is_prose(line) || line.chars().count() < 20 || furniture.contains(&(r.start, r.end)) {
            continue;
        }
        let repeated = count.get(line.as_str()).is_some_and(|&n| n > 1);
        let teaser = furniture_text
            .get(furniture_text.partition_point(|f| f.as_str() < line.as_str()))
            .is_some_and(|f| f.starts_with(line.as_str()));
        if repeated || teaser {
            lines.push(r.clone());
        }
    }
    lines.sort_by_key(|r| r.start);
}

/// Whether a line reads as prose: it ends a sentence and not with an ellipsis.
fn is_prose(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '”', '’', '\'', ')']);
    (end.ends_with('.') || end.ends_with('!') || end.ends_with('?'))
        && !end.ends_with("...")
        && !end.ends_with('…')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture(text: &str) -> Vec<&str> {
        let f = Furniture::bundled().expect("bundled rules compile");
        f.scan(text, 0)
            .lines
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn captions_credits_and_banners() {
        let text = "Troops arrived in 2019 to help. AFP\n\
                    \"We will stay,\" the general told Reuters.\n\
                    A convoy near Mosul on Monday. (Photo: Ahmed Saad)\n\
                    Powered by automated translation\n\
                    Advertisement\n\
                    By Jane Doe and John Smith\n\
                    Fighting resumed in the north – video\n\
                    Fighting resumed in the north\n";
        assert_eq!(
            furniture(text),
            [
                "AFP",
                "(Photo: Ahmed Saad)",
                "Powered by automated translation",
                "Advertisement",
                "By Jane Doe and John Smith",
                "Fighting resumed in the north – video",
                "Fighting resumed in the north",
            ]
        );
    }

    #[test]
    fn link_lists_end_at_prose() {
        let text = "Read more:\nFloods hit the north\nWhy the talks failed …\nThe minister spoke on Monday.\n";
        assert_eq!(
            furniture(text),
            [
                "Read more:",
                "Floods hit the north",
                "Why the talks failed …"
            ]
        );
    }

    #[test]
    fn dated_lines_give_the_publication_date() {
        let f = Furniture::bundled().expect("bundled rules compile");
        for (line, expected) in [
            ("Updated: February 08, 2024, 7:04 PM", (2024, 2, 8)),
            ("Published 3 March 2021", (2021, 3, 3)),
            ("Last updated: 2023-11-30 10:00", (2023, 11, 30)),
            ("Posted on Sept. 9, 2019", (2019, 9, 9)),
        ] {
            let scan = f.scan(line, 0);
            let (y, m, d) = expected;
            assert_eq!(
                scan.published.map(|(d, _)| d),
                Some(jiff::civil::date(y, m, d)),
                "{line}"
            );
        }
    }

    /// A year, month and day.
    type Ymd = (i16, i8, i8);

    /// (body, publication date or None, furniture lines)
    #[rustfmt::skip]
    const HEAD_DATES: &[(&str, Option<Ymd>, &[&str])] = &[
        ("June 10, 2021\nThe minister resigned.\n", Some((2021, 6, 10)), &["June 10, 2021"]),
        ("Thursday, June 10, 2021 7:04 PM EDT\nThe minister resigned.\n", Some((2021, 6, 10)), &["Thursday, June 10, 2021 7:04 PM EDT"]),
        ("Thu 10 Jun 2021 08.15 BST\nThe minister resigned.\n", Some((2021, 6, 10)), &["Thu 10 Jun 2021 08.15 BST"]),
        ("Jun 3rd, 2021 | 7:04 PM\nThe minister resigned.\n", Some((2021, 6, 3)), &["Jun 3rd, 2021 | 7:04 PM"]),
        ("2021-06-10\nThe minister resigned.\n", Some((2021, 6, 10)), &["2021-06-10"]),
        ("By Jane Smith | June 10, 2021\nThe minister resigned.\n", Some((2021, 6, 10)), &["By Jane Smith | June 10, 2021"]),
        ("By JANE SMITH on Thursday, June 10, 2021 at 7:04 PM\nThe minister resigned.\n", Some((2021, 6, 10)), &["By JANE SMITH on Thursday, June 10, 2021 at 7:04 PM"]),
        // A dateline with the year states the date; the line stays prose.
        ("LONDON, June 10, 2021 (Reuters) - The minister resigned.\n", Some((2021, 6, 10)), &[]),
        ("KYIV, Ukraine, Thursday, 10 June 2021 — The minister resigned.\n", Some((2021, 6, 10)), &[]),
        // Not stated: a wire dateline without the year, a date in prose, a year alone.
        ("NEW YORK, March 3 - The minister resigned.\n", None, &[]),
        ("Smith said on June 10, 2021 that he would resign.\n", None, &[]),
        ("2021\nThe minister resigned.\n", None, &[]),
        // A date-only line far down is a heading: furniture, but not the article's date.
        ("One.\nTwo.\nThree.\nFour.\nFive.\nMarch 3, 2020\nThe virus spread.\n", None, &["March 3, 2020"]),
        ("One.\nTwo.\nThree.\nFour.\nFive.\nPARIS, March 3, 2020 - The virus spread.\n", None, &[]),
    ];

    #[test]
    fn the_head_of_the_body_states_the_publication_date() {
        let f = Furniture::bundled().expect("bundled rules compile");
        for (body, expected, lines) in HEAD_DATES {
            let scan = f.scan(body, 0);
            let expected = expected.map(|(y, m, d)| jiff::civil::date(y, m, d));
            assert_eq!(scan.published.map(|(d, _)| d), expected, "{body:?}");
            let found: Vec<&str> = scan.lines.iter().map(|r| &body[r.clone()]).collect();
            assert_eq!(found, *lines, "{body:?}");
        }
    }

    #[test]
    fn prose_is_not_furniture() {
        let text =
            "Officials said on Tuesday that talks would resume.\nThe group was defeated in 2019.\n";
        assert!(furniture(text).is_empty());
    }

    /// Rules are tried in table order, whether an automaton of their own or one
    /// shared with their neighbours decides them: the first rule that matches a
    /// line says what it is.
    #[test]
    fn the_first_matching_rule_decides() {
        let months = include_str!("../../assets/months.tsv");
        // "list" before "dated": both match "Posted: March 3, 2024".
        let list_first = "line\t^advertisement$\nlist\t^posted.*$\ndated\t^posted.*\\d{4}.*$\n";
        let dated_first = "line\t^advertisement$\ndated\t^posted.*\\d{4}.*$\nlist\t^posted.*$\n";
        // The same, with a rule of its own (no literal start) between them.
        let split =
            "dated\t^posted.*\\d{4}.*$\nline\t^.{1,200}\\s[–—-]\\s*video$\nlist\t^posted.*$\n";
        let text = "Posted: March 3, 2024\nFloods hit the north\nThe talks ended on Monday.\n";
        let kinds = |rules: &str| {
            let f = Furniture::parse(rules, months).expect("rules compile");
            let scan = f.scan(text, 0);
            (scan.lines.len(), scan.published.map(|(d, _)| d.year()))
        };
        // A list header takes the next non-prose line with it; a dated line gives the date.
        assert_eq!(kinds(list_first), (2, None));
        assert_eq!(kinds(dated_first), (1, Some(2024)));
        assert_eq!(kinds(split), (1, Some(2024)));
        let f = Furniture::parse(list_first, months).expect("rules compile");
        assert_eq!(f.groups.len(), 1, "literal-led rules share an automaton");
        let f = Furniture::parse(split, months).expect("rules compile");
        assert_eq!(f.groups.len(), 3);
    }
}
