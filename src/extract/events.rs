//! Events: a clause that reports something with a resolvable date becomes an
//! event candidate, dated by that expression, with the actors named in it and a
//! short title built from the clause. A sentence with several dates gives one event
//! per date, each with its own clause ("X said on Monday that the talks, which began
//! in January, …"). Durations anchored to the publication date ("over the past three
//! years") are events spanning back from it; a count before "after"/"before" a
//! date moves the event from that date ("three days after the June 1 election",
//! "the day after Christmas"); other durations, sets and dates that name things
//! are not events.

use std::borrow::Cow;
use std::ops::Range;

use crate::extract::actors::{ActorKind, ActorMention};
use crate::extract::segment;
use crate::extract::timex::CALENDAR_NAMES;
use crate::hashing::Set;
use jiff::ToSpan;
use jiff::civil::Date;

use crate::extract::timex::{Granularity, Interval, Timex, TimexType, interval};

/// One event as found in one article, before merging across the folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventCandidate {
    /// The passage (sentence) that reports the event, as a byte range.
    pub passage: Range<usize>,
    /// Index into the article's timexes of the expression that dates the event.
    pub timex: usize,
    /// The resolved interval of that expression.
    #[serde(with = "interval_serde")]
    pub interval: Interval,
    /// Short headline.
    pub title: std::sync::Arc<str>,
    /// Indices into the article's actor mentions that fall inside the passage.
    pub actors: Vec<usize>,
    /// The date is a duration running back from the publication date.
    pub anchored_duration: bool,
    /// The event's TIMEX3 value when it is not the expression's own (a duration
    /// counted from an earlier date: "two days later" → `2020-03-05`).
    pub value: Option<String>,
    /// How that value was derived, in words.
    pub derivation: Option<String>,
}

/// A dating expression of a sentence: timex index, interval, anchored duration,
/// and the (value, derivation) when counted from an earlier date.
type Dated = (usize, Interval, bool, Option<(String, String)>);

/// (De)serialises an [`Interval`] (owned by the timex module, which has no serde
/// derives) as `(start, end, granularity)`.
mod interval_serde {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::extract::timex::{Granularity, Interval};

    pub fn serialize<S: Serializer>(iv: &Interval, s: S) -> Result<S::Ok, S::Error> {
        (iv.start, iv.end, iv.granularity).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Interval, D::Error> {
        let (start, end, granularity) = <(Date, Date, Granularity)>::deserialize(d)?;
        Ok(Interval {
            start,
            end,
            granularity,
        })
    }
}

/// Finds the event candidates of one article: one per resolvable DATE/TIME
/// expression (or duration anchored to `dct`) in a sentence outside the `skip`
/// ranges (title, page furniture). `timexes` and `mentions` are in text order
/// without overlaps, as the tagger and the recognizer give them; each sentence
/// looks only at its own, so that an article of many sentences costs no more per
/// sentence than a short one.
pub fn find(
    text: &str,
    sentences: &[Range<usize>],
    timexes: &[Timex],
    mentions: &[ActorMention],
    skip: &[Range<usize>],
    dct: Option<Date>,
) -> Vec<EventCandidate> {
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut out: Vec<EventCandidate> = Vec::new();
    let skipped = crate::extract::Ranges::new(skip);
    for sentence in sentences {
        if skipped.overlaps(sentence) {
            continue;
        }
        let first = timexes.partition_point(|t| t.span.start < sentence.start);
        let in_sentence = timexes
            .iter()
            .enumerate()
            .skip(first)
            .take_while(|(_, t)| t.span.start < sentence.end);
        // Whether the sentence reads as a row of figures, found once for all its years.
        let mut table = None;
        // "three days after the June 1 election": the count dates the event, and the
        // date it counts from is no event of its own.
        let offsets: Vec<Offset> = in_sentence
            .clone()
            .filter_map(|(i, _)| counted_from_named(text, timexes, i, sentence, dct))
            .collect();
        let dated: Vec<Dated> = in_sentence
            .filter(|(_, t)| t.span.end <= sentence.end)
            .filter(|(i, _)| !offsets.iter().any(|o| o.anchor == *i && o.dating != *i))
            .filter(|(_, t)| !premodifies_name(text, &t.span, mentions))
            .filter(|(_, t)| {
                !doubtful_bare_year(text, t, dct, || {
                    *table.get_or_insert_with(|| is_table(text.get(sentence.clone())))
                })
            })
            .filter_map(|(i, t)| {
                if let Some(o) = offsets.iter().find(|o| o.dating == i) {
                    return Some((i, o.interval, false, Some((o.value.clone(), o.why.clone()))));
                }
                match event_date(text, t, dct) {
                    Some((iv, anchored)) => Some((i, iv, anchored, None)),
                    None => counted_from_earlier(text, t, timexes.get(..i).unwrap_or_default())
                        .or_else(|| counted_from_publication(text, t, sentence, dct))
                        .map(|(iv, value, why)| (i, iv, false, Some((value, why)))),
                }
            })
            .collect();
        // "Two days later, on Thursday": a date named beside a counted duration dates
        // the event itself; the count would only repeat it, or contradict it.
        let own: Vec<Range<usize>> = dated
            .iter()
            .filter(|d| d.3.is_none())
            .filter_map(|d| timexes.get(d.0).map(|t| t.span.clone()))
            .collect();
        let dated: Vec<Dated> = dated
            .into_iter()
            .filter(|d| {
                d.3.is_none()
                    || timexes.get(d.0).is_none_or(|t| {
                        !own.iter().any(|o| {
                            o.start.saturating_sub(t.span.end) <= COUNT_BESIDE
                                && t.span.start.saturating_sub(o.end) <= COUNT_BESIDE
                        })
                    })
            })
            .collect();
        let several = dated.len() > 1;
        let breaks = if several {
            text.get(sentence.clone())
                .map(clause_breaks)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        // The dates of this sentence's events so far: the same date twice in one
        // sentence is one event.
        let mut dates: Set<&str> = Set::default();
        for (ti, iv, anchored, counted) in dated {
            let Some(t) = timexes.get(ti) else { continue };
            if dates.contains(t.value.as_str()) {
                continue;
            }
            // A passage is a clause, or the sentence, within PASSAGE_REACH of its
            // date (a run-on sentence is no one passage).
            let near = segment::around(text, sentence.clone(), &t.span, PASSAGE_REACH);
            let passage = match (several, near == *sentence) {
                (false, _) => near,
                (true, true) => clause_at(text, near, &breaks, &t.span),
                (true, false) => {
                    let breaks = text
                        .get(near.clone())
                        .map(clause_breaks)
                        .unwrap_or_default();
                    clause_at(text, near, &breaks, &t.span)
                }
            };
            if overlaps(&passage, sentence) {
                dates.insert(&t.value);
            }
            let first = mentions.partition_point(|m| m.span.start < passage.start);
            let actors = mentions
                .iter()
                .enumerate()
                .skip(first)
                .take_while(|(_, m)| m.span.start < passage.end)
                .filter(|(_, m)| m.span.end <= passage.end)
                .map(|(i, _)| i)
                .collect();
            let dated_by = offsets
                .iter()
                .find(|o| o.dating == ti)
                .map_or(&t.span, |o| &o.span);
            out.push(EventCandidate {
                title: title(text, passage.clone(), dated_by).into(),
                passage,
                timex: ti,
                interval: iv,
                actors,
                anchored_duration: anchored,
                value: counted.as_ref().map(|(v, _)| v.clone()),
                derivation: counted.map(|(_, why)| why),
            });
        }
    }
    out
}

/// Bytes between a counted duration ("two days later") and a date named beside it
/// ("…, on Thursday") within which the date alone dates the event.
const COUNT_BESIDE: usize = 24;

/// The interval an expression dates an event with, and whether it is a duration
/// anchored to the publication date. `None` for expressions that date nothing.
fn event_date(text: &str, t: &Timex, dct: Option<Date>) -> Option<(Interval, bool)> {
    match t.kind {
        TimexType::Date | TimexType::Time => {
            interval(&t.value, t.modifier.as_deref()).map(|iv| (iv, false))
        }
        TimexType::Duration => {
            let words = text.get(t.span.clone())?.to_lowercase();
            let back = [
                "the past ",
                "the last ",
                "over the past ",
                "in the past ",
                "the previous ",
            ];
            if !back.iter().any(|b| words.starts_with(b)) {
                return None;
            }
            anchored_duration(&t.value, dct?).map(|iv| (iv, true))
        }
        TimexType::Set => None,
    }
}

/// Whether the name at `span` labels a row of figures rather than naming an actor:
/// it opens its line, the line is not a sentence, and a number follows it ("Shr 34
/// cts vs 1.19 dlrs", "Net 3,881,000 vs 3,955,000") or the short line compares two
/// figures ("Oper shr loss two cts vs profit seven cts", "Avg shrs 51.7 mln vs 43.4 mln").
/// For the names of one text in order, [`RowLabels`] finds each line's end once.
pub fn is_row_label(text: &str, span: &Range<usize>) -> bool {
    RowLabels::new(text).is_label(span)
}

/// [`is_row_label`] for the names of one text, taken in text order: the end of a
/// line is searched for once for all the names on it, and a name is not searched
/// back to the start of a long line, so that a text of one long line costs no more
/// per name than one of short lines.
#[derive(Debug)]
pub struct RowLabels<'t> {
    text: &'t str,
    /// The last line end found, and the byte it was searched from.
    line_end: Option<(usize, usize)>,
}

impl<'t> RowLabels<'t> {
    /// Labels of `text`, nothing searched yet.
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            line_end: None,
        }
    }

    /// Whether the name at `span` labels a row of figures ([`is_row_label`]).
    pub fn is_label(&mut self, span: &Range<usize>) -> bool {
        let text = self.text;
        // Only a blank lead or a dateline (60 bytes at most) may come before the
        // label on its line.
        let mut near = span.start.saturating_sub(LEAD_REACH);
        while !text.is_char_boundary(near) {
            near += 1;
        }
        let window = text.get(near..span.start).unwrap_or_default();
        let line_start = match window.rfind('\n') {
            Some(i) => near + i + 1,
            None if near == 0 => 0,
            None if !window.trim().is_empty() => return false,
            None => text
                .get(..near)
                .and_then(|b| b.rfind('\n'))
                .map_or(0, |i| i + 1),
        };
        let lead = text.get(line_start..span.start).unwrap_or_default();
        // The line may open with a dateline: "LOUISVILLE, Ky., Feb 26 - Shr one dlr vs …".
        let dateline = lead.len() <= 60
            && lead.contains(',')
            && [" - ", " — ", " – ", " -- "]
                .iter()
                .any(|dash| lead.ends_with(dash));
        if !lead.trim().is_empty() && !dateline {
            return false;
        }
        let rest = text.get(span.end..).unwrap_or_default();
        let next = rest
            .trim_start_matches(|c: char| c.is_whitespace() && c != '\n')
            .trim_start_matches(['-', '+', '$']);
        let figure = next.starts_with(|c: char| c.is_ascii_digit());
        let short = at_most_words(rest, 12);
        if !figure && !short {
            return false;
        }
        let end = self.line_end(span.end);
        let line = text.get(span.end..end).unwrap_or_default().trim_end();
        let comparison = short && line.contains(" vs ");
        (figure || comparison) && !line.ends_with(['.', '!', '?'])
    }

    /// The end of the line holding byte `from`, found once per line for names in
    /// text order.
    fn line_end(&mut self, from: usize) -> usize {
        if let Some((searched, end)) = self.line_end
            && (searched..=end).contains(&from)
        {
            return end;
        }
        let rest = self.text.get(from..).unwrap_or_default();
        let end = from + memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        self.line_end = Some((from, end));
        end
    }
}

/// Whether the line that `rest` starts has at most `n` words (white-space
/// separated), read no further than its word `n + 1`.
fn at_most_words(rest: &str, n: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for c in rest.chars() {
        if c == '\n' {
            break;
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > n {
                return false;
            }
        }
    }
    true
}

/// Bytes before a name searched for the start of its line by [`is_row_label`]: a
/// dateline lead is at most 60.
const LEAD_REACH: usize = 61;

/// Whether a bare four-digit number tagged as a year is more likely a figure or
/// no time of a happening: it stands in a table-like line (`table`, asked only for
/// a bare year: mostly numbers, "JUL7 1975B 1960"), lies more than 30 years after
/// the publication date, or is the baseline of a comparison ("40 percent below
/// 1990 levels", "in 2010 dollars": [`BASELINE_NOUNS`]). A date all in figures
/// ("04/09/87") is doubtful in a table-like line only. A wrong date is worse than
/// none.
fn doubtful_bare_year(
    text: &str,
    t: &Timex,
    dct: Option<Date>,
    table: impl FnOnce() -> bool,
) -> bool {
    let words = text.get(t.span.clone()).unwrap_or_default();
    // "04/09/87 03/09/87" over a table's columns heads figures, not happenings.
    if words.contains('/') && words.bytes().all(|b| b.is_ascii_digit() || b == b'/') {
        return table();
    }
    if !(words.len() == 4 && words.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let year: i32 = words.parse().unwrap_or(0);
    let far_future = dct.is_some_and(|d| year > i32::from(d.year()) + 30);
    far_future || baseline(text.get(t.span.end..).unwrap_or_default()) || table()
}

/// Nouns after which a year is the baseline of a comparison, not a time
/// something happened: "cut emissions 40 percent below 1990 levels", "worth $3
/// billion in 2010 dollars", "at 2015 prices", "in 1985 terms".
const BASELINE_NOUNS: &[&str] = &[
    "level", "levels", "price", "prices", "dollars", "terms", "values",
];

/// Whether `rest` (the text right after a year) starts with one space and one of
/// [`BASELINE_NOUNS`], as a whole word.
fn baseline(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    BASELINE_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(word))
}

/// Whether `line` reads as a row of figures: three words or more, at least half
/// of them with a digit.
fn is_table(line: Option<&str>) -> bool {
    let (mut words, mut numeric) = (0usize, 0usize);
    for w in line.unwrap_or_default().split_whitespace() {
        words += 1;
        numeric += usize::from(w.bytes().any(|b| b.is_ascii_digit()));
    }
    words >= 3 && numeric * 2 >= words
}

/// A duration followed by "later" or "earlier" ("Two days later, …") dates an
/// event counted from the last day-precise date before it in the text. Returns the
/// interval, its TIMEX3 value and the derivation in words.
fn counted_from_earlier(
    text: &str,
    t: &Timex,
    before: &[Timex],
) -> Option<(Interval, String, String)> {
    if t.kind != TimexType::Duration {
        return None;
    }
    // The words right after, lower-cased: enough characters for "before that".
    let next: String = text
        .get(t.span.end..)?
        .trim_start()
        .chars()
        .take(11)
        .flat_map(char::to_lowercase)
        .collect();
    let sign = if next.starts_with("later") || next.starts_with("after that") {
        1
    } else if next.starts_with("earlier") || next.starts_with("before that") {
        -1
    } else {
        return None;
    };
    let (anchor, anchor_text) = before.iter().rev().find_map(|p| {
        let iv = interval(&p.value, p.modifier.as_deref())?;
        (iv.granularity <= Granularity::Day)
            .then(|| (iv.start, text.get(p.span.clone()).unwrap_or_default()))
    })?;
    let (iv, value) = shifted(anchor, &t.value, sign, false)?;
    let words = text.get(t.span.clone()).unwrap_or_default();
    let direction = if sign > 0 { "after" } else { "before" };
    let why = format!(
        "'{words} {}' · {words} {direction} the previous date in the text ('{anchor_text}', {anchor}) → {value}",
        if sign > 0 { "later" } else { "earlier" }
    );
    Some((iv, value, why))
}

/// An event dated by a count from a date named after it: the timex that dates
/// the event (the count, or the named date for "the day after …"), the named
/// date's timex, and the moved date with its value and derivation.
#[derive(Debug)]
struct Offset {
    dating: usize,
    anchor: usize,
    /// From the count to the end of the named date: what the title leaves out.
    span: Range<usize>,
    interval: Interval,
    value: String,
    why: String,
}

/// Words before a count that make it a stretch of time ("for two days after the
/// vote", "within a week after the ruling"), not a moment counted from a date.
const STRETCH_WORDS: &[&str] = &[
    "in",
    "within",
    "for",
    "during",
    "over",
    "throughout",
    "until",
    "till",
    "by",
];

/// Words between "after"/"before" and the date it counts from ("after the June 1
/// election", "before the vote on May 20") at most.
const OFFSET_GAP_WORDS: usize = 5;

/// "three days after the June 1 election", "two weeks before the March 3
/// deadline", "the day after Christmas": the event the clause reports lies that
/// long after (or before) the date named, which is the timex `anchor`. The count is
/// the duration timex right before "after"/"before" (a number of days, weeks,
/// months, quarters or years, exact or "about"), or the words "the day"; the named
/// date must be precise enough for the count (a day for days and weeks, a month
/// for months). A moved date past publication in a clause with no word of the
/// future is left alone ("collapsed a week after they began on Monday": the
/// weekday was likely an earlier one).
fn counted_from_named(
    text: &str,
    timexes: &[Timex],
    anchor: usize,
    sentence: &Range<usize>,
    dct: Option<Date>,
) -> Option<Offset> {
    let a = timexes.get(anchor)?;
    if !matches!(a.kind, TimexType::Date | TimexType::Time) || a.span.start < sentence.start {
        return None;
    }
    let lead = text.get(sentence.start..a.span.start)?;
    // Most dates have no "after"/"before" before them: nothing more to read.
    if !(lead.contains("fter")
        || lead.contains("efore")
        || lead.contains("FTER")
        || lead.contains("EFORE"))
    {
        return None;
    }
    let lower = lead.to_ascii_lowercase();
    // The last "after"/"before" of the lead, with no more than a few plain words
    // between it and the date.
    let (at, sign) = ["after", "before"]
        .iter()
        .filter_map(|w| {
            let at = lower.rmatch_indices(w).find(|(i, _)| {
                let before = lower.get(..*i).and_then(|b| b.chars().next_back());
                let after = lower.get(i + w.len()..).and_then(|r| r.chars().next());
                before.is_some_and(char::is_whitespace) && after.is_some_and(char::is_whitespace)
            })?;
            Some((at.0, if *w == "after" { 1 } else { -1 }))
        })
        .max_by_key(|(i, _)| *i)?;
    let word = if sign > 0 { "after" } else { "before" };
    let gap = lead.get(at + word.len()..)?;
    if gap.split_whitespace().count() > OFFSET_GAP_WORDS
        || gap.contains(|c: char| c.is_ascii_punctuation() && c != '\'' && c != '-' && c != '.')
        || gap.contains(['“', '”', '‘'])
    {
        return None;
    }
    let iv = interval(&a.value, a.modifier.as_deref())?;
    let head = lead.get(..at)?.trim_end();
    // The count: the duration timex ending right before the connective, or "the day".
    let before = timexes.get(..anchor).unwrap_or_default();
    let count = before
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, t)| t.span.end > sentence.start)
        .find(|(_, t)| {
            t.span.end <= sentence.start + at
                && text
                    .get(t.span.end..sentence.start + at)
                    .is_some_and(|g| g.trim().is_empty())
        });
    let (dating, duration, count_span) = match count {
        Some((i, t)) if t.kind == TimexType::Duration => {
            // "in the two weeks before Christmas", "for two days after the vote":
            // a stretch of time, not a moment counted from the date.
            let stretch = text
                .get(t.span.clone())
                .is_some_and(|w| w.get(..4).is_some_and(|d| d.eq_ignore_ascii_case("the ")));
            let lead_word = text
                .get(sentence.start..t.span.start)
                .and_then(|l| l.split_whitespace().next_back())
                .map(str::to_ascii_lowercase);
            let spans = lead_word.is_some_and(|w| STRETCH_WORDS.contains(&w.as_str()));
            if stretch || spans || t.modifier.as_deref().is_some_and(|m| m != "APPROX") {
                return None;
            }
            (i, t.value.as_str(), t.span.clone())
        }
        Some(_) => return None,
        None => {
            let hl = head.to_ascii_lowercase();
            let day = ["the day", "a day", "one day"].iter().find(|d| {
                hl.strip_suffix(**d)
                    .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
            })?;
            let end = sentence.start + head.len();
            (anchor, "P1D", end - day.len()..end)
        }
    };
    let count_words = text.get(count_span.clone())?;
    let unit = duration.chars().last()?;
    let precise_enough = match unit {
        'D' | 'W' => iv.granularity <= Granularity::Day,
        'M' | 'Q' => iv.granularity <= Granularity::Month,
        'Y' => iv.granularity <= Granularity::Year,
        _ => false,
    };
    if !precise_enough {
        return None;
    }
    let (moved, value) = shifted(iv.start, duration, sign, false)?;
    if let Some(dct) = dct
        && moved.start > dct
        && iv.start <= dct
        && !FUTURE_CUES
            .iter()
            .any(|c| crate::extract::has_word(&lower, c))
    {
        return None;
    }
    let named = text.get(a.span.clone()).unwrap_or_default();
    let why = format!(
        "'{count_words} {word} … {named}' · {count_words} {word} '{named}' ({}) → {value}",
        a.value
    );
    // A date inside a noun phrase ("after the June 1 election", "before Sunday's
    // vote") takes the noun with it.
    let determiner = gap.split_whitespace().next_back().is_some_and(|w| {
        ["the", "a", "an", "this", "its", "their"].contains(&w.to_ascii_lowercase().as_str())
    });
    let rest = text.get(a.span.end..sentence.end).unwrap_or_default();
    let possessive = rest.starts_with("'s ") || rest.starts_with("’s ");
    let noun = if determiner || possessive {
        let after = rest.trim_start_matches("'s").trim_start_matches("’s");
        let word = after.trim_start();
        let len = word
            .find(|c: char| !c.is_alphabetic() && c != '-')
            .unwrap_or(word.len());
        let w = word.get(..len).unwrap_or_default();
        let lower_noun = w.chars().next().is_some_and(char::is_lowercase)
            && !["and", "or", "to", "in", "on", "at", "of", "for", "the", "a"].contains(&w);
        if lower_noun {
            rest.len() - word.len() + len
        } else {
            0
        }
    } else {
        0
    };
    Some(Offset {
        dating,
        anchor,
        span: count_span.start..a.span.end + noun,
        interval: moved,
        value,
        why,
    })
}

/// `anchor` moved by the duration `value` (`P2D`, `P3W`, `P6M`, `P1Y`) forwards
/// (`sign` > 0) or backwards, at the duration's unit: the day for days (and for weeks
/// unless `weeks_as_weeks`, then the ISO week), the month for months, the year for
/// years. Gives the interval and its TIMEX3 value.
fn shifted(
    anchor: Date,
    value: &str,
    sign: i64,
    weeks_as_weeks: bool,
) -> Option<(Interval, String)> {
    let body = value.strip_prefix('P')?;
    let unit = body.chars().last()?;
    let n: i64 = body.get(..body.len() - unit.len_utf8())?.parse().ok()?;
    // Fallible: a count past the calendar's range ("999999999999 days later") is no
    // date, not a panic.
    let span = jiff::Span::new();
    let span = match unit {
        'D' => span.try_days(n),
        'W' => span.try_weeks(n),
        'M' => span.try_months(n),
        // A quarter is three months ("P2Q").
        'Q' => span.try_months(n.checked_mul(3)?),
        'Y' => span.try_years(n),
        _ => return None,
    }
    .ok()?;
    let day = if sign > 0 {
        anchor.checked_add(span).ok()?
    } else {
        anchor.checked_sub(span).ok()?
    };
    let value = match unit {
        'Y' => day.year().to_string(),
        'M' | 'Q' => day.strftime("%Y-%m").to_string(),
        'W' if weeks_as_weeks => {
            let w = day.iso_week_date();
            format!("{}-W{:02}", w.year(), w.week())
        }
        _ => day.to_string(),
    };
    Some((interval(&value, None)?, value))
}

/// Amounts in words before a unit ("in two weeks").
const AMOUNT_WORDS: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty",
];

/// Words of a clause that put what it reports ahead of its publication ("will meet
/// in two weeks", "is expected to close in six months").
const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "would",
    "expected",
    "due",
    "scheduled",
    "set",
    "plans",
    "planned",
    "intends",
    "aims",
    "hopes",
    "is to",
    "are to",
];

/// Words after which "in <amount>" is the stretch of time looked back over, not a
/// wait: "the first time in 36 years", "its lowest level in two years".
const LOOKBACK_WORDS: &[&str] = &[
    "first",
    "highest",
    "lowest",
    "biggest",
    "largest",
    "smallest",
    "worst",
    "best",
    "strongest",
    "weakest",
    "sharpest",
    "steepest",
    "fastest",
    "slowest",
    "deepest",
    "longest",
    "greatest",
    "heaviest",
    "hottest",
    "coldest",
    "wettest",
    "driest",
    "busiest",
    "most",
    "least",
    "record",
];

/// "in two weeks" in a clause about the future ("the council will meet in two
/// weeks") dates an event that long after publication. Returns the interval, its
/// TIMEX3 value and the derivation in words.
fn counted_from_publication(
    text: &str,
    t: &Timex,
    sentence: &Range<usize>,
    dct: Option<Date>,
) -> Option<(Interval, String, String)> {
    if t.kind != TimexType::Duration {
        return None;
    }
    let dct = dct?;
    // A bare amount of days, weeks, months or years: "the next two weeks" and "more
    // than 20 years" are stretches of time, "a five-year plan" is a length.
    let words = text.get(t.span.clone())?;
    let mut parts = words.split_whitespace();
    let (Some(amount), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let amount_ok = amount.bytes().all(|b| b.is_ascii_digit())
        || AMOUNT_WORDS.iter().any(|w| w.eq_ignore_ascii_case(amount));
    let unit_ok = [
        "day", "days", "week", "weeks", "month", "months", "year", "years",
    ]
    .iter()
    .any(|u| u.eq_ignore_ascii_case(unit));
    if !(amount_ok && unit_ok) {
        return None;
    }
    let before = text.get(sentence.start.min(t.span.start)..t.span.start)?;
    let lead = before.trim_end();
    if !(lead.ends_with(" in") || lead == "in" || lead == "In") {
        return None;
    }
    let clause = lead
        .rsplit([',', ';', ':', '"', '“', '”'])
        .next()
        .unwrap_or(lead)
        .to_lowercase();
    let cue = FUTURE_CUES
        .iter()
        .find(|c| crate::extract::has_word(&clause, c))?;
    // After a first or a superlative a few words before, the stretch looks back:
    // "will revise the tax for the first time in 36 years", "expects the lowest rate
    // in two years" (not "the first payment will fall due in 30 months").
    let mut near = clause.split_whitespace().rev().skip(1).take(4);
    if near.any(|w| LOOKBACK_WORDS.contains(&w)) {
        return None;
    }
    let (iv, value) = shifted(dct, &t.value, 1, true)?;
    let why =
        format!("'in {words}' · future (\"{cue}\") · {words} after publication ({dct}) → {value}");
    Some((iv, value, why))
}

/// The interval of a duration value (`P3Y`, `P2Q`, `P6M`, `P2W`, `P10D`) that ends on `end`.
pub fn anchored_duration(value: &str, end: Date) -> Option<Interval> {
    let body = value.strip_prefix('P')?;
    let unit = body.chars().last()?;
    let n: i64 = body.get(..body.len() - unit.len_utf8())?.parse().ok()?;
    if !(1..=200).contains(&n) {
        return None;
    }
    let (span, granularity) = match unit {
        'Y' => (n.years(), Granularity::Year),
        'M' => (n.months(), Granularity::Month),
        'Q' => ((3 * n).months(), Granularity::Month),
        'W' => (n.weeks(), Granularity::Week),
        'D' => (n.days(), Granularity::Day),
        _ => return None,
    };
    let start = end.checked_sub(span).ok()?.checked_add(1.day()).ok()?;
    Some(Interval {
        start,
        end,
        granularity,
    })
}

/// Words after which a new clause starts inside a sentence.
const CLAUSE_BREAKS: &[&str] = &[
    ", which ", ", who ", ", when ", ", where ", "; ", " but ", " while ", " after ", " before ",
    " that ",
];

/// The clause of `sentence` around the date at `date`: the stretch between the
/// nearest clause breaks; a relative clause keeps the noun it describes
/// ("the talks, which began in January"). Falls back to the sentence when the
/// clause would be too short to say anything.
pub fn clause(text: &str, sentence: Range<usize>, date: &Range<usize>) -> Range<usize> {
    let breaks = text
        .get(sentence.clone())
        .map(clause_breaks)
        .unwrap_or_default();
    clause_at(text, sentence, &breaks, date)
}

/// Where the [`CLAUSE_BREAKS`] of a sentence `s` start (byte offsets in `s`), each with
/// its break; found once for all the dates of the sentence.
fn clause_breaks(s: &str) -> Vec<(usize, &'static str)> {
    let lower = s.to_ascii_lowercase();
    let mut breaks = Vec::new();
    for b in CLAUSE_BREAKS {
        for (i, _) in lower.match_indices(b) {
            if *b == " that " && !after_reporting_verb(&lower, i) {
                continue;
            }
            breaks.push((i, *b));
        }
    }
    breaks
}

/// [`clause`] with the sentence's [`clause_breaks`] already found.
fn clause_at(
    text: &str,
    sentence: Range<usize>,
    breaks: &[(usize, &str)],
    date: &Range<usize>,
) -> Range<usize> {
    let Some(s) = text.get(sentence.clone()) else {
        return sentence;
    };
    let rel_date = date.start.saturating_sub(sentence.start);
    let mut start = 0;
    let mut end = s.len();
    for &(i, b) in breaks {
        if i + b.len() <= rel_date {
            let relative = b.starts_with(", wh");
            // Keep the two words before a relative pronoun: "the talks, which …".
            let at = if relative {
                head_start(s, i)
            } else {
                i + b.len()
            };
            start = start.max(at);
        } else if i >= rel_date + (date.end - date.start) {
            end = end.min(i);
        }
    }
    // A relative clause closed by a comma ends there: "which began in January, …".
    if let Some(comma) = s.get(rel_date..end).and_then(|r| r.find(','))
        && start > 0
        && s.get(start..rel_date).is_some_and(|r| r.contains(", wh"))
    {
        end = end.min(rel_date + comma);
    }
    let piece = s.get(start..end).unwrap_or(s);
    if piece.split_whitespace().count() < 4
        || !s.is_char_boundary(start)
        || !s.is_char_boundary(end)
    {
        return sentence;
    }
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    sentence.start + start + lead..sentence.start + end - trail
}

/// Whether a reporting verb ("said", "told Reuters") comes shortly before byte `i`:
/// then "that" opens the reported clause, not a relative one.
fn after_reporting_verb(lower: &str, i: usize) -> bool {
    const VERBS: &[&str] = &[
        "said",
        "says",
        "told",
        "announced",
        "reported",
        "stated",
        "confirmed",
        "added",
        "noted",
        "warned",
        "claimed",
        "believes",
    ];
    let start = i.saturating_sub(40);
    let window = (start..=i)
        .find(|k| lower.is_char_boundary(*k))
        .and_then(|k| lower.get(k..i))
        .unwrap_or_default();
    window
        .split(|c: char| !c.is_alphabetic())
        .any(|w| VERBS.contains(&w))
}

/// Byte offset (in `s`) where the two words before position `i` begin.
fn head_start(s: &str, i: usize) -> usize {
    let before = s.get(..i).unwrap_or_default();
    let mut words = before.rsplitn(3, ' ');
    let _ = words.next();
    let _ = words.next();
    match words.next() {
        Some(rest) => rest.len() + 1,
        None => 0,
    }
}

/// Whether the expression at `span` is directly followed by an actor's name.
fn premodifies_name(text: &str, span: &Range<usize>, mentions: &[ActorMention]) -> bool {
    let rest = text.get(span.end..).unwrap_or_default();
    let gap = rest.len() - rest.trim_start_matches([' ', '-']).len();
    if gap > 1 {
        return false;
    }
    let at = span.end + gap;
    let names_actor = mentions
        .get(mentions.partition_point(|m| m.span.start < at)..)
        .unwrap_or_default()
        .iter()
        .take_while(|m| m.span.start == at)
        .any(|m| m.kind != ActorKind::Place);
    // "In 1984 Toyota severed …": a date after a preposition is the time of the
    // clause, whatever name follows it.
    let word_before = text
        .get(..span.start)
        .unwrap_or_default()
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let after_preposition = [
        "in", "on", "since", "during", "by", "until", "from", "after", "before",
    ]
    .iter()
    .any(|p| p.eq_ignore_ascii_case(word_before));
    !after_preposition
        && (names_actor || (title_case_run(rest.trim_start()) && in_name_position(text, span)))
}

/// Whether `s` starts with two capitalised words ("National Defense …").
fn title_case_run(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let cap = |w: Option<&str>| {
        w.and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    cap(words.next()) && cap(words.next())
}

/// Whether the date at `span` sits where a name's modifier does: after a
/// determiner ("the 2024 Farm Bill"), or itself starting with a capitalised word
/// that is not a month or weekday ("Fiscal Year 2026 …").
fn in_name_position(text: &str, span: &Range<usize>) -> bool {
    // Besides the full names ([`CALENDAR_NAMES`]), the months' abbreviations.
    const CALENDAR: &[&str] = &[
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    let before = text.get(..span.start).unwrap_or_default();
    // From the end: the word before, not every word of the text before it.
    let previous = before
        .split_whitespace()
        .next_back()
        .unwrap_or_default()
        .to_lowercase();
    if matches!(
        previous.as_str(),
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our"
    ) {
        return true;
    }
    let first = text
        .get(span.clone())
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .unwrap_or_default();
    let sentence_start =
        before.trim_end().is_empty() || before.trim_end().ends_with(['.', '!', '?', '\n']);
    let calendar = || {
        let word = first.trim_end_matches(['.', ',']).to_lowercase();
        CALENDAR_NAMES.contains(&word.as_str()) || CALENDAR.contains(&word.as_str())
    };
    first.chars().next().is_some_and(char::is_uppercase) && !calendar() && !sentence_start
}

/// Words that introduce a date expression and go with it when it is cut out.
const DATE_PREPOSITIONS: &[&str] = &[
    "on",
    "in",
    "at",
    "since",
    "by",
    "during",
    "until",
    "from",
    "of",
    "for",
    "earlier",
    "later",
    "as",
    "early",
    "over",
    "within",
    "throughout",
    "through",
    "past",
];

/// Verbs that, right after a date opening its sentence, make the date the
/// subject ("1986 was a record year"), lower case.
const SUBJECT_VERBS: &[&str] = &[
    "was", "is", "were", "are", "will", "has", "had", "have", "saw", "sees", "marked", "marks",
];

/// Bytes either side of its date within which an event's passage lies.
const PASSAGE_REACH: usize = 1000;

/// Longest title, in chars.
pub const MAX_TITLE_CHARS: usize = 80;

/// A short headline from a sentence: the date expression (and its preposition)
/// removed, attribution quotes and leading connectors dropped, cut to
/// [`MAX_TITLE_CHARS`] at a word boundary.
pub fn title(text: &str, sentence: Range<usize>, date: &Range<usize>) -> String {
    // When the date sits in a trailing "after …" / "as …" clause, that clause is
    // the happening it dates: "talks resumed after the Wednesday drone strike".
    let rel_date = date.start.saturating_sub(sentence.start);
    let head = text
        .get(sentence.clone())
        .and_then(|s| s.get(..rel_date))
        .unwrap_or_default();
    let tail = first_ends(head, TAIL_STOPS)
        .into_iter()
        .flatten()
        .filter(|i| {
            head.get(..*i)
                .is_some_and(|h| h.split_whitespace().nth(2).is_some())
        })
        .min();
    let from = tail.map_or(sentence.start, |i| sentence.start + i);
    let Some(mut before) = text.get(from..date.start.max(from)).map(str::trim_end) else {
        return String::new();
    };
    // Drop the preposition that introduced the date.
    let written_before = before;
    let mut introduced = true;
    match before.rsplit_once(' ') {
        Some((head, last)) if is_date_preposition(last) => before = head,
        None if is_date_preposition(before) => before = "",
        _ => introduced = false,
    }
    // A date that completes its clause stays, with its preposition, where leaving
    // it out would end the clause on a word that needs it ("The last eruption was
    // in 1911", "a claim dating back to the 1850s").
    let rest = text
        .get(date.end.min(sentence.end)..sentence.end)
        .map(str::trim_start)
        .unwrap_or_default();
    let connective = CONNECTIVES.contains(&last_word(before));
    let clause_ends =
        rest.is_empty() || rest.starts_with(CLAUSE_END) && !(connective && rest.starts_with(','));
    // A date joined to another by "and" / "or" ("in 1989 and 1990") stays too.
    let coordinated = !introduced && matches!(last_word(before), "and" | "or");
    let kept;
    if (clause_ends || coordinated) && dangles(before) {
        kept = format!(
            "{written_before} {}",
            text.get(date.clone()).unwrap_or_default()
        );
        before = &kept;
    }
    // The headline comes from the first words on either side of the date: the
    // rest of a long sentence (a table run together) cannot reach it, and is not
    // copied for every date in it.
    let before = first_words(before, TITLE_WORDS);
    let after = first_words(
        text.get(date.end.min(sentence.end)..sentence.end)
            .unwrap_or_default(),
        TITLE_WORDS,
    );
    let before = replace_first(strip_dateline(before), ", which ", " ");
    let before = replace_first(&before, ", who ", " ");
    let collapsed = if before.trim().is_empty() {
        // The date is the sentence's subject, its verb right after it ("1986 was a
        // record year", "Next year will be difficult"): without the date the
        // headline would open on the verb.
        let verb = after
            .strip_prefix(' ')
            .and_then(|a| a.split_whitespace().next())
            .unwrap_or_default();
        // Only for a date opening the sentence itself, with no preposition before
        // it ("On Friday was held …"), not a trailing clause cut off at "as" or
        // "when" ("debt as of December 31 was …"), and without a comma inside,
        // where the headline's main clause would end.
        match text.get(date.clone()) {
            Some(written)
                if tail.is_none()
                    && !introduced
                    && !written.contains(',')
                    && SUBJECT_VERBS.iter().any(|v| v.eq_ignore_ascii_case(verb)) =>
            {
                collapse_whitespace(&format!("{written}{after}"))
            }
            _ => collapse_whitespace(after.trim_start_matches([',', ' '])),
        }
    } else {
        // A reported clause opened before a date set off by commas goes on after it:
        // "predicted that by 1990, prices would …" → "predicted that prices would …".
        let after = match after.trim_start().strip_prefix(',') {
            Some(rest) if last_word(&before) == "that" => rest,
            _ => after,
        };
        let joined = format!("{} {}", before.trim_end_matches(','), after);
        collapse_whitespace(&replace_all(&joined, " ,", ","))
    };
    let cleaned = collapsed.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '"' | '“' | '”' | '.' | ';' | ':')
    });
    let min_words = if tail.is_some() { 2 } else { 5 };
    let title = capitalise(without_dangling_end(main_clause(cleaned, min_words)));
    if title.chars().nth(MAX_TITLE_CHARS).is_none() {
        return title;
    }
    // The first MAX_TITLE_CHARS - 1 chars, cut back to a word boundary.
    let cut = match title.char_indices().nth(MAX_TITLE_CHARS - 1) {
        Some((end, _)) => title.get(..end).unwrap_or_default(),
        None => &title,
    };
    let cut = cut.rsplit_once(' ').map_or(cut, |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Words a clause cannot end on: articles, prepositions, copulas and auxiliaries,
/// which need what follows them, and the [`CONNECTIVES`] (as written: "May" the
/// month is no modal).
const DANGLING: &[&str] = &[
    "a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "from", "with", "into", "onto",
    "since", "until", "during", "than", "back", "was", "were", "is", "are", "be", "been", "will",
    "would", "shall", "should", "can", "could", "may", "might", "must",
];

/// Words that join clauses: before a date set off by a comma ("predicted that by
/// 1990, prices …") they open the clause after it, which the date does not end.
const CONNECTIVES: &[&str] = &["and", "or", "but", "nor", "that", "which", "who", "whose"];

/// What ends a clause right after a date (the date then completes it).
const CLAUSE_END: &[char] = &['.', ',', ';', ':', '!', '?', ')', '"', '”', '—', '–'];

/// The last word of `s`.
fn last_word(s: &str) -> &str {
    s.split_whitespace().next_back().unwrap_or_default()
}

/// Whether `s` ends on one of [`DANGLING`] or [`CONNECTIVES`].
fn dangles(s: &str) -> bool {
    let w = last_word(s);
    DANGLING.contains(&w) || CONNECTIVES.contains(&w)
}

/// `s` without the [`DANGLING`] words it ends on (keeping at least two words): a
/// headline cut short ends on what it says, not on "and".
fn without_dangling_end(s: &str) -> &str {
    let mut s = s;
    while dangles(s) && s.split_whitespace().nth(2).is_some() {
        let Some((head, _)) = s.trim_end().rsplit_once(char::is_whitespace) else {
            break;
        };
        s = head.trim_end_matches([',', ';', ':', ' ']);
    }
    s
}

/// Whether `word` in lower case is one of [`DATE_PREPOSITIONS`] (all ASCII, and
/// no other char lower-cases to their letters, so ASCII case folding is enough).
fn is_date_preposition(word: &str) -> bool {
    DATE_PREPOSITIONS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word))
}

/// `s` with its first `from` replaced by `to` (`str::replacen(from, to, 1)`),
/// borrowed when there is none.
fn replace_first<'a>(s: &'a str, from: &str, to: &str) -> Cow<'a, str> {
    if s.contains(from) {
        Cow::Owned(s.replacen(from, to, 1))
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` with every `from` replaced by `to` (`str::replace`), borrowed when there
/// is none.
fn replace_all<'a>(s: &'a str, from: &str, to: &str) -> Cow<'a, str> {
    if s.contains(from) {
        Cow::Owned(s.replace(from, to))
    } else {
        Cow::Borrowed(s)
    }
}

/// The words of `s` joined by single spaces (`split_whitespace` then `join(" ")`),
/// built in one string.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How many words on either side of the date a headline is made from: more than a
/// dateline (60 chars), a leading phrase (8 words) and [`MAX_TITLE_CHARS`] can use
/// together, so the headline is the same as from the whole sentence.
const TITLE_WORDS: usize = 100;

/// `s` up to the end of its `n`-th whitespace-separated word (all of it when it
/// has fewer).
fn first_words(s: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if !c.is_whitespace() {
            in_word = true;
        } else if in_word {
            in_word = false;
            words += 1;
            if words == n {
                return s.get(..i).unwrap_or(s);
            }
        }
    }
    s
}

/// Where the first occurrence of each of `stops` (ASCII lower case, each starting
/// with a space) ends in `s`, matched ignoring ASCII case: one pass over the
/// spaces of `s`, without a lower-cased copy.
fn first_ends<const N: usize>(s: &str, stops: &[&str; N]) -> [Option<usize>; N] {
    let mut ends = [None; N];
    let bytes = s.as_bytes();
    for (i, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b' ') {
        for (end, stop) in ends.iter_mut().zip(stops) {
            if end.is_none()
                && bytes
                    .get(i..i + stop.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(stop.as_bytes()))
            {
                *end = Some(i + stop.len());
            }
        }
        if ends.iter().all(Option::is_some) {
            break;
        }
    }
    ends
}

/// Words that open a trailing clause naming its own happening (lower case, each
/// between spaces).
const TAIL_STOPS: &[&str; 6] = &[
    " after the ",
    " after a ",
    " following the ",
    " following a ",
    " as ",
    " when ",
];

/// Words that open a leading adverbial phrase ("Despite the rounds of meetings, …").
const LEADING_ADVERBIALS: &[&str] = &[
    "despite",
    "although",
    "though",
    "while",
    "after",
    "before",
    "as",
    "in",
    "within",
    "with",
    "without",
    "during",
    "following",
    "amid",
    "since",
    "according",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "but",
    "and",
    "so",
    "still",
    "yet",
    "also",
];

/// Words where the main clause of a headline can stop once it has a subject and an
/// action (at least five words).
/// (Each starts with a space, a comma or a semicolon.)
const TITLE_STOPS: [&str; 12] = [
    ", ",
    " after ",
    " as ",
    " while ",
    " because ",
    " which ",
    " following ",
    " but ",
    " - ",
    " – ",
    " — ",
    "; ",
];

/// The main clause of a cleaned sentence: a short leading adverbial phrase is
/// dropped, and trailing subordinate material cut once `min_words` (at least one)
/// words are in.
fn main_clause(s: &str, min_words: usize) -> &str {
    let mut s = s;
    if let Some((lead, rest)) = s.split_once(", ") {
        let first = lead
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_lowercase();
        if lead.split_whitespace().nth(8).is_none()
            && LEADING_ADVERBIALS.contains(&first.as_str())
            && rest.split_whitespace().nth(3).is_some()
        {
            s = rest;
        }
    }
    // A stop at `i` counts once `s[..i]` has `min_words` words, that is once `i` is
    // past the start of the `min_words`-th word.
    let Some(nth_start) = s
        .split_whitespace()
        .nth(min_words.saturating_sub(1))
        .map(|w| w.as_ptr() as usize - s.as_ptr() as usize)
    else {
        return s.trim_end_matches([',', ';', ':', ' ']);
    };
    // One pass for all stops, each matched as `match_indices` would (leftmost,
    // not overlapping its own previous match): the first that counts ends it.
    let bytes = s.as_bytes();
    let mut free_from = [0; TITLE_STOPS.len()];
    let mut end = s.len();
    'scan: for (i, _) in bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b' ' | b',' | b';'))
    {
        for (stop, free) in TITLE_STOPS.iter().zip(free_from.iter_mut()) {
            if i >= *free
                && bytes.get(i..i + stop.len()) == Some(stop.as_bytes())
                && !adverb_of_time(s.get(..i).unwrap_or_default(), stop)
            {
                if i > nth_start {
                    end = i;
                    break 'scan;
                }
                *free = i + stop.len();
            }
        }
    }
    s.get(..end)
        .unwrap_or(s)
        .trim_end_matches([',', ';', ':', ' '])
}

/// Whether the title stop `stop` ends an adverb of time with the word before it
/// ("and soon after reassumed the role"), which is no subordinate clause.
fn adverb_of_time(before: &str, stop: &str) -> bool {
    const ADVERBS: &[&str] = &["soon", "shortly", "immediately", "just", "right", "long"];
    matches!(stop, " after " | " before ")
        && before
            .rsplit(' ')
            .next()
            .is_some_and(|w| ADVERBS.iter().any(|a| a.eq_ignore_ascii_case(w)))
}

/// Drops a leading dateline ("ERBIL, Kurdistan Region - "): an upper-case place
/// name, optionally followed by a region, then a dash.
pub(crate) fn strip_dateline(s: &str) -> &str {
    // The first word of the leading run of letters and spaces.
    let lead_word = s.trim_start_matches(' ');
    let first_word = lead_word
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    if first_word.chars().nth(2).is_none() || first_word.chars().any(char::is_lowercase) {
        return s;
    }
    for dash in [" - ", " – ", " — "] {
        if let Some((lead, rest)) = s.split_once(dash)
            && lead.chars().nth(60).is_none()
            && !lead.contains(['.', '"', '“'])
        {
            return rest;
        }
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    let mut out = String::with_capacity(s.len() + 2);
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    out
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
    fn a_date_that_is_the_subject_stays_in_the_title() {
        assert_eq!(
            title_of("Last year was a bumper year for the growers.", "Last year"),
            "Last year was a bumper year for the growers"
        );
        assert_eq!(
            title_of("Saturday will be windy along the coast.", "Saturday"),
            "Saturday will be windy along the coast"
        );
        // Not the subject: the date and its preposition go.
        assert_eq!(
            title_of("On Friday was held the first vote.", "Friday"),
            "Was held the first vote"
        );
        assert_eq!(
            title_of("In April, was the harvest late?", "April"),
            "Was the harvest late?"
        );
        // A date after a trailing-clause cut, or with a comma inside, is left out.
        let cut = title_of(
            "The new debt as of May 1, 1986 was put at 7.9 billion dlrs.",
            "May 1, 1986",
        );
        assert!(!cut.starts_with("May 1"), "{cut}");
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
            guess: false,
        };
        assert!(premodifies_name(
            text,
            &span("2024"),
            std::slice::from_ref(&bill)
        ));
        assert!(!premodifies_name(text, &span("Monday"), &[bill]));
        // Without a recognised actor: a title-case name after the date.
        let s = "It is part of the Fiscal Year 2026 National Defense Authorization Act.";
        let fy = s
            .find("Fiscal")
            .map(|i| i..i + "Fiscal Year 2026".len())
            .unwrap_or(0..0);
        assert!(premodifies_name(s, &fy, &[]));
        let s = "In 2019 President Smith resigned, and on Monday Prime Minister Jones spoke.";
        for date in ["2019", "Monday"] {
            let d = s.find(date).map(|i| i..i + date.len()).unwrap_or(0..0);
            assert!(!premodifies_name(s, &d, &[]), "{date}");
        }
        // A recognised company right after a date in a preposition's phrase: the
        // clause's time, not a model year ("a 1984 Toyota").
        let s = "In 1984 Toyota severed its ties, and he drove a 1984 Toyota.";
        let company = |at: usize| ActorMention {
            span: at..at + "Toyota".len(),
            kind: ActorKind::Organization,
            actor: "Toyota".into(),
            role: None,
            nickname: None,
            guess: false,
        };
        let first = s.find("Toyota").unwrap_or(0);
        let second = s.rfind("Toyota").unwrap_or(0);
        let mentions = [company(first), company(second)];
        assert!(!premodifies_name(s, &(3..7), &mentions));
        let model = s.rfind("1984").map(|i| i..i + 4).unwrap_or(0..0);
        assert!(premodifies_name(s, &model, &mentions));
    }

    /// `main_clause` as it was written first: one `match_indices` scan per stop.
    fn main_clause_by_stop(s: &str, min_words: usize) -> String {
        let mut end = s.len();
        for stop in TITLE_STOPS {
            for (i, _) in s.match_indices(stop) {
                if s.get(..i)
                    .is_some_and(|h| h.split_whitespace().count() >= min_words)
                {
                    end = end.min(i);
                    break;
                }
            }
        }
        s.get(..end)
            .unwrap_or(s)
            .trim_end_matches([',', ';', ':', ' '])
            .to_string()
    }

    #[test]
    fn main_clause_scans_all_stops_at_once() {
        // Every sentence of up to six pieces drawn from words and stops, some of
        // them overlapping ("as as", "- -").
        let pieces = ["a", "as", "-", "—", ",", ";", "word", "while", "x,"];
        let mut seed = 7_u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let n = 1 + (seed >> 60) as usize % 6;
            let words: Vec<&str> = (0..n)
                .map(|k| pieces[(seed >> (8 * k)) as usize % pieces.len()])
                .collect();
            let s = format!("The {}", words.join(" "));
            for min_words in [1, 2, 5] {
                assert_eq!(
                    main_clause(&s, min_words),
                    main_clause_by_stop(&s, min_words),
                    "{s:?} {min_words}"
                );
            }
        }
    }

    #[test]
    fn headlines_come_from_the_first_words_around_the_date() {
        assert_eq!(first_words("one two  three four", 2), "one two");
        assert_eq!(first_words(" one two ", 5), " one two ");
        assert_eq!(
            first_ends("Prices rose AFTER THE vote as expected", TAIL_STOPS),
            [Some(22), None, None, None, Some(30), None]
        );
        // A dateline, a leading phrase and a long sentence run together: the
        // headline is cut at its length, and what comes after its words does not
        // change it.
        let lead = "BAGHDAD, Iraq - Despite a week of talks, the council said on Monday that ";
        let long = format!(
            "{lead}{}",
            "the ministry would review the plan and ".repeat(60)
        );
        let monday = long.find("Monday").map_or(0..0, |i| i..i + 6);
        let headline = title(&long, 0..long.len(), &monday);
        assert!(
            headline.starts_with("The council said that the ministry would review"),
            "{headline}"
        );
        assert!(
            headline.ends_with('…') && headline.chars().count() > 70,
            "{headline}"
        );
        let cut = monday.end + 600;
        let other = format!("{}{}", &long[..cut], " and so on".repeat(300));
        assert_eq!(title(&other, 0..other.len(), &monday), headline);
    }

    #[test]
    fn several_dates_get_their_own_clauses() {
        let s = "The spokesman said on Monday that the talks, which began in January, would go on.";
        let span = |w: &str| s.find(w).map(|i| i..i + w.len()).unwrap_or(0..0);
        let monday = clause(s, 0..s.len(), &span("Monday"));
        let january = clause(s, 0..s.len(), &span("January"));
        assert_eq!(&s[monday], "The spokesman said on Monday");
        assert_eq!(&s[january], "the talks, which began in January");
        assert_eq!(
            title(
                s,
                span("the talks, which began in January"),
                &span("January")
            ),
            "The talks began"
        );
    }

    /// In a run-on sentence (no full stop for thousands of bytes), an event's
    /// passage is the text near its date, with the actors named there only.
    #[test]
    fn a_run_on_sentence_gives_passages_near_their_dates() {
        let filler = "and the committee reviewed the figures ".repeat(60);
        let text = format!(
            "Talks\nThe Red Cross spoke first {filler}while on 12 March 2021 the \
             United Nations opened talks {filler}and the World Bank agreed"
        );
        let dct = Some(jiff::civil::date(2021, 3, 20));
        let sentences = crate::extract::segment::sentences(&text);
        assert!(sentences.iter().any(|s| s.len() > 4 * PASSAGE_REACH));
        let timexes = crate::extract::timex::Tagger::new()
            .map(|t| t.tag_in(&text, &sentences, dct))
            .unwrap_or_default();
        // The title line is skipped, as the pipeline skips it.
        let title = [Range { start: 0, end: 5 }];
        let mentions = crate::extract::actors::Recognizer::new()
            .map(|r| r.recognize_in(&text, &sentences, &title))
            .unwrap_or_default();
        let events = find(&text, &sentences, &timexes, &mentions, &title, dct);
        let [event] = events.as_slice() else {
            panic!("one event: {events:?}");
        };
        assert!(
            event.passage.len() <= 2 * PASSAGE_REACH + 20,
            "{:?}",
            event.passage
        );
        assert!(text[event.passage.clone()].contains("12 March 2021"));
        let names: Vec<&str> = event
            .actors
            .iter()
            .map(|&m| mentions[m].actor.as_ref())
            .collect();
        assert_eq!(names, ["United Nations"]);
    }

    #[test]
    fn row_labels_are_not_actors() {
        let text = "Earnings\nShr 34 cts vs 1.19 dlrs\nNet 3,881,000 vs 3,955,000\n\
                    Oper shr loss two cts vs profit seven cts\nAvg shrs 51.7 mln vs 43.4 mln\n\
                    Acme 3 percent up, it said.\nBrazil vs Argentina ends in a draw.\n\
                    DAYTON, Ohio, May 4 - Revs 12 mln vs 11 mln\n\
                    DAYTON, Ohio, May 4 - Mead Corp said sales rose 3 pct vs 1990.\n";
        let span = |w: &str| text.find(w).map(|i| i..i + w.len()).unwrap_or(0..0);
        assert!(is_row_label(text, &span("Shr")));
        assert!(is_row_label(text, &span("Net")));
        assert!(is_row_label(text, &span("Oper")), "figures in words");
        assert!(is_row_label(text, &span("Avg")));
        assert!(!is_row_label(text, &span("Brazil")), "a sentence with vs");
        assert!(is_row_label(text, &span("Revs")), "after a dateline");
        assert!(
            !is_row_label(text, &span("Mead")),
            "a sentence after a dateline"
        );
        assert!(!is_row_label(text, &span("Acme")), "a sentence");
        assert!(!is_row_label(text, &span("Earnings")), "no figure follows");
    }

    /// Names taken in text order by one [`RowLabels`] get the answers each gets
    /// alone, on short lines and on long ones; a lead of more than 60 blanks is still
    /// blank, one of more than 60 other bytes is no label's.
    #[test]
    fn row_labels_in_order_answer_as_alone() {
        let long = "Prices were mixed and Gold 400 dlrs vs 390 dlrs. ".repeat(40);
        let text = format!(
            "Earnings\nShr 34 cts vs 1.19 dlrs\nSales 5 pct higher, it said.\n{long}\n\
             {}Net 3 mln vs 2 mln\nTrade 12 vs 14\n\
             {}Loss 5 cts vs 3 cts\nEnd of report, Shr 2 cts\n",
            " ".repeat(70),
            "x".repeat(70),
        );
        let names: Vec<Range<usize>> = text
            .match_indices(|c: char| c.is_ascii_uppercase())
            .map(|(i, _)| {
                let len = text[i..].find(|c: char| !c.is_alphanumeric()).unwrap_or(1);
                i..i + len
            })
            .collect();
        let mut labels = RowLabels::new(&text);
        let in_order: Vec<bool> = names.iter().map(|n| labels.is_label(n)).collect();
        let alone: Vec<bool> = names.iter().map(|n| is_row_label(&text, n)).collect();
        assert_eq!(in_order, alone);
        let label = |w: &str| {
            let i = text.find(w).unwrap_or(0);
            is_row_label(&text, &(i..i + w.len()))
        };
        assert!(label("Shr"));
        assert!(label("Net"), "a blank lead of 70 bytes");
        assert!(label("Trade"));
        assert!(!label("Sales"), "a sentence");
        assert!(!label("Loss"), "70 bytes before it on its line");
        assert!(!label("Gold"), "inside a long line");
        assert!(!label("End"));
    }

    #[test]
    fn figures_in_tables_are_not_years() {
        let dct = Some(jiff::civil::date(1987, 4, 7));
        let year = |s: &str, w: &str| {
            let at = s.find(w).unwrap_or(0);
            Timex {
                span: at..at + w.len(),
                kind: TimexType::Date,
                value: w.to_string(),
                modifier: None,
                derivation: "".into(),
                rule: "".into(),
            }
        };
        let row = "DEC7 2089H 2089L 2080";
        assert!(doubtful_bare_year(row, &year(row, "2080"), dct, || {
            is_table(Some(row))
        }));
        let far = "Reserves should last until 2090, the ministry said.";
        assert!(doubtful_bare_year(far, &year(far, "2090"), dct, || {
            is_table(Some(far))
        }));
        let prose = "The company was founded in 1920 by two brothers.";
        assert!(!doubtful_bare_year(
            prose,
            &year(prose, "1920"),
            dct,
            || is_table(Some(prose))
        ));
        // A year as the baseline of a comparison is no time of a happening.
        for (sentence, y) in [
            ("Rents are back to 1979 levels in the old town.", "1979"),
            ("The dam cost $40 million in 1962 dollars.", "1962"),
            ("Output, measured at 1975 Prices, rose 3 pct.", "1975"),
            ("Wages fell below the 1983 level of 900 crowns.", "1983"),
        ] {
            assert!(
                doubtful_bare_year(sentence, &year(sentence, y), dct, || false),
                "{sentence}"
            );
        }
        for (sentence, y) in [
            ("Rents rose in 1979 after the levy.", "1979"),
            ("The 1962 levelling of the square ended the market.", "1962"),
            ("In 1975, prices rose 3 pct.", "1975"),
        ] {
            assert!(
                !doubtful_bare_year(sentence, &year(sentence, y), dct, || false),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_baseline_noun_follows_the_year_as_a_whole_word() {
        assert!(baseline(" levels."));
        assert!(baseline(" Dollars, adjusted"));
        assert!(!baseline("levels"), "no space: not a word after the year");
        assert!(!baseline("  levels"), "more than one space");
        assert!(!baseline(" levelled"));
        assert!(!baseline(" termsheet"));
        assert!(!baseline(""));
    }

    #[test]
    fn durations_back_from_publication() {
        let dct = jiff::civil::date(2017, 10, 27);
        let iv = anchored_duration("P3Y", dct).expect("P3Y");
        assert_eq!(
            (iv.start, iv.end, iv.granularity),
            (jiff::civil::date(2014, 10, 28), dct, Granularity::Year)
        );
        assert_eq!(
            anchored_duration("P2W", dct).map(|i| i.start),
            Some(jiff::civil::date(2017, 10, 14))
        );
        assert_eq!(anchored_duration("PXY", dct), None);
        assert_eq!(anchored_duration("PT24H", dct), None);
    }

    #[test]
    fn titles_keep_the_main_clause() {
        assert_eq!(
            title_of(
                "Despite the protests, the council approved the plan on Monday, officials said.",
                "Monday"
            ),
            "The council approved the plan"
        );
        assert_eq!(
            title_of(
                "The army shelled the port on Friday after rebels fired rockets at the city.",
                "Friday"
            ),
            "The army shelled the port"
        );
        assert_eq!(
            title_of("Rebels took the town in 2019.", "2019"),
            "Rebels took the town"
        );
        // A date in a trailing clause titles that clause's happening.
        assert_eq!(
            title_of(
                "Talks resumed after the Friday bombing of the embassy, the envoy said.",
                "Friday"
            ),
            "Bombing of the embassy"
        );
    }

    #[test]
    fn titles_do_not_end_on_a_word_that_needs_more() {
        // The date completes its clause: it stays, with its preposition.
        assert_eq!(
            title_of("The last eruption of the volcano was in 1911.", "1911"),
            "The last eruption of the volcano was in 1911"
        );
        assert_eq!(
            title_of(
                "The family's claim to the valley dates back to the 1850s, records show.",
                "the 1850s"
            ),
            "The family's claim to the valley dates back to the 1850s"
        );
        assert_eq!(
            title_of("The runoff will be on Sunday.", "Sunday"),
            "The runoff will be on Sunday"
        );
        // Not when the clause goes on, or ends on a word of its own.
        assert_eq!(
            title_of("The runoff was set for Sunday by the commission.", "Sunday"),
            "The runoff was set by the commission"
        );
        assert_eq!(
            title_of("The ferry sank off the coast in 1911.", "1911"),
            "The ferry sank off the coast"
        );
        // A date joined to another stays with it.
        assert_eq!(
            title_of(
                "Coupons are paid on June 1 and December 1 each year.",
                "December 1"
            ),
            "Coupons are paid on June 1 and December 1 each year"
        );
        assert_eq!(
            title_of(
                "Guards withdrew and on Monday the rebels advanced.",
                "Monday"
            ),
            "Guards withdrew and the rebels advanced"
        );
        // A connective before a date set off by commas: the clause goes on.
        assert_eq!(
            title_of(
                "The minister warned that by 2030, the reservoirs would run dry.",
                "2030"
            ),
            "The minister warned that the reservoirs would run dry"
        );
        // The month is no modal.
        assert_eq!(
            title_of(
                "Output was 410 tonnes in May, 380 in June and 455 in July.",
                "July"
            ),
            "Output was 410 tonnes in May"
        );
        // "soon after" is an adverb, not a clause to cut off.
        assert_eq!(
            title_of(
                "In 2015 the striker left the club and shortly after joined a rival in Spain.",
                "2015"
            ),
            "The striker left the club and shortly after joined a rival in Spain"
        );
        // A headline cut at a stop sheds the conjunction it would end on.
        assert_eq!(
            without_dangling_end("Troops left the base and"),
            "Troops left the base"
        );
        assert_eq!(without_dangling_end("It was"), "It was");
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
