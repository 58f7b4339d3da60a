//! Events: a sentence that reports something with a resolvable date becomes an
//! event candidate, dated by that expression, with the actors named in it and a
//! short title built from the sentence.

use std::ops::Range;

use crate::extract::actors::{ActorKind, ActorMention};
use crate::extract::timex::{Interval, Timex, TimexType, interval};

/// One event as found in one article, before merging across the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCandidate {
    /// The passage (sentence) that reports the event, as a byte range.
    pub passage: Range<usize>,
    /// Index into the article's timexes of the expression that dates the event.
    pub timex: usize,
    /// The resolved interval of that expression.
    pub interval: Interval,
    /// Short headline.
    pub title: String,
    /// Indices into the article's actor mentions that fall inside the passage.
    pub actors: Vec<usize>,
}

/// Finds the event candidates of one article: one per sentence and resolvable
/// DATE/TIME expression in it, outside the `skip` ranges (title, page furniture).
pub fn find(
    text: &str,
    sentences: &[Range<usize>],
    timexes: &[Timex],
    mentions: &[ActorMention],
    skip: &[Range<usize>],
) -> Vec<EventCandidate> {
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut out: Vec<EventCandidate> = Vec::new();
    for sentence in sentences {
        if skip.iter().any(|s| overlaps(s, sentence)) {
            continue;
        }
        for (ti, t) in timexes.iter().enumerate() {
            if !(sentence.start <= t.span.start && t.span.end <= sentence.end) {
                continue;
            }
            if !matches!(t.kind, TimexType::Date | TimexType::Time) {
                continue;
            }
            let Some(iv) = interval(&t.value, t.modifier.as_deref()) else {
                continue;
            };
            // A date that premodifies a name ("the Fiscal Year 2026 National Defense
            // Authorization Act") names the thing; it does not date an event.
            if premodifies_name(text, &t.span, mentions) {
                continue;
            }
            // The same date twice in one sentence is one event.
            if out.iter().any(|e| {
                e.passage == *sentence && timexes.get(e.timex).is_some_and(|o| o.value == t.value)
            }) {
                continue;
            }
            let actors = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| sentence.start <= m.span.start && m.span.end <= sentence.end)
                .map(|(i, _)| i)
                .collect();
            out.push(EventCandidate {
                passage: sentence.clone(),
                timex: ti,
                interval: iv,
                title: title(text, sentence.clone(), &t.span),
                actors,
            });
        }
    }
    out
}

/// Whether the expression at `span` is directly followed by an actor's name.
fn premodifies_name(text: &str, span: &Range<usize>, mentions: &[ActorMention]) -> bool {
    let rest = text.get(span.end..).unwrap_or_default();
    let gap = rest.len() - rest.trim_start_matches([' ', '-']).len();
    gap <= 1
        && mentions
            .iter()
            .any(|m| m.span.start == span.end + gap && m.kind != ActorKind::Place)
}

/// Words that introduce a date expression and go with it when it is cut out.
const DATE_PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "since", "by", "during", "until", "from", "of", "for", "earlier", "later",
    "as", "early",
];

/// Longest title, in chars.
pub const MAX_TITLE_CHARS: usize = 80;

/// A short headline from a sentence: the date expression (and its preposition)
/// removed, attribution quotes and leading connectors dropped, cut to
/// [`MAX_TITLE_CHARS`] at a word boundary.
pub fn title(text: &str, sentence: Range<usize>, date: &Range<usize>) -> String {
    let Some(s) = text.get(sentence.clone()) else {
        return String::new();
    };
    let mut before = text
        .get(sentence.start..date.start.max(sentence.start))
        .unwrap_or_default()
        .trim_end();
    // Drop the preposition that introduced the date.
    if let Some((head, last)) = before.rsplit_once(' ') {
        if DATE_PREPOSITIONS.contains(&last.to_lowercase().as_str()) {
            before = head;
        }
    } else if DATE_PREPOSITIONS.contains(&before.to_lowercase().as_str()) {
        before = "";
    }
    let after = text
        .get(date.end.min(sentence.end)..sentence.end)
        .unwrap_or(s);
    let before = strip_dateline(before);
    let joined = format!(
        "{} {}",
        before.trim_end_matches(','),
        after.trim_start_matches(',')
    );
    let cleaned: String = joined
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '"' | '“' | '”' | '.' | ';' | ':')
        })
        .to_string();
    let mut title = capitalise(&cleaned);
    if title.chars().count() > MAX_TITLE_CHARS {
        let cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        title = format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']));
    }
    title
}

/// Drops a leading dateline ("ERBIL, Kurdistan Region - "): an upper-case place
/// name, optionally followed by a region, then a dash.
fn strip_dateline(s: &str) -> &str {
    let head: String = s
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == ' ')
        .collect();
    let first_word = head.split_whitespace().next().unwrap_or_default();
    if first_word.chars().count() < 3 || first_word.chars().any(char::is_lowercase) {
        return s;
    }
    for dash in [" - ", " – ", " — "] {
        if let Some((lead, rest)) = s.split_once(dash)
            && lead.chars().count() <= 60
            && !lead.contains(['.', '"', '“'])
        {
            return rest;
        }
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_of(sentence: &str, date: &str) -> String {
        let start = sentence.find(date).unwrap_or(0);
        title(sentence, 0..sentence.len(), &(start..start + date.len()))
    }

    #[test]
    fn titles_drop_the_date_and_its_preposition() {
        assert_eq!(
            title_of(
                "The council voted on Monday to extend the mandate.",
                "Monday"
            ),
            "The council voted to extend the mandate"
        );
        assert_eq!(
            title_of("In March, rebels seized the airport.", "March"),
            "Rebels seized the airport"
        );
    }

    #[test]
    fn titles_drop_a_leading_dateline() {
        assert_eq!(
            title_of(
                "KABUL, Afghanistan - The council voted on Monday to dissolve.",
                "Monday"
            ),
            "The council voted to dissolve"
        );
        assert_eq!(
            title_of("NATO - the alliance - met on Monday.", "Monday"),
            "The alliance - met"
        );
    }

    #[test]
    fn dates_that_name_things_are_not_events() {
        let text = "Congress passed the 2024 Farm Bill on Monday.";
        let span = |w: &str| text.find(w).map(|s| s..s + w.len()).unwrap_or(0..0);
        let bill = ActorMention {
            span: span("Farm Bill"),
            kind: ActorKind::Other,
            actor: "Farm Bill".into(),
            role: None,
            nickname: None,
        };
        assert!(premodifies_name(
            text,
            &span("2024"),
            std::slice::from_ref(&bill)
        ));
        assert!(!premodifies_name(text, &span("Monday"), &[bill]));
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let s = "The minister said on Friday that the government would consider every option available to restore order in the provinces after weeks of unrest.";
        let t = title_of(s, "Friday");
        assert!(t.chars().count() <= MAX_TITLE_CHARS, "{t}");
        assert!(
            t.ends_with('…') && t.starts_with("The minister said that the government"),
            "{t}"
        );
    }
}
