//! Temporal expression tagger: finds TIMEX3 expressions (DATE, TIME, DURATION, SET)
//! in text and normalises them against the document creation time (DCT) and the
//! narrative reference time, recording how each value was derived.
//!
//! The rules are data (`assets/timex/`): word lists, named patterns, one rule per
//! line with its examples. [`Tagger::new`] compiles them once; [`Tagger::tag`] finds
//! candidate matches, keeps the longest non-overlapping ones, and resolves them in
//! text order so that anaphoric expressions ("the next day") see the previous date.
//!
//! INTERFACE (owned by the timex work; other modules rely on exactly this surface):
//! `Tagger::new()`, `Tagger::tag(text, dct)`, `Timex`, `TimexType`, `interval()`,
//! `Interval`, `Granularity`.

mod calendar;
mod country;

/// The weekday and month names, for the event rules too.
pub(crate) use calendar::CALENDAR_NAMES;
mod person;
mod range;
mod resolve;
mod rules;
mod tense;
mod value;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use self::resolve::{Ctx, Slots};
use self::rules::{Norm, RuleCaptures, RuleSet};
use self::tense::{Tense, TenseCues};
use self::value::Value;
use super::segment;

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2024-02-07`, `2024-W05`, `PAST_REF`.
    Date,
    /// A time of day: `2024-02-07T19:04`, `2024-02-11TAF`.
    Time,
    /// A length of time: `P3D`, `PT24H`.
    Duration,
    /// A recurrence: `P1W`, `XXXX-WXX-1`.
    Set,
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Byte range of the expression in the tagged text (on char boundaries).
    pub span: Range<usize>,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value; may be underspecified (`XXXX-10-XX`) when it could not be resolved.
    pub value: String,
    /// TIMEX3 `mod` (START, MID, END, APPROX, …), if any.
    pub modifier: Option<String>,
    /// How the value was derived, in words ("'Wednesday' · past tense · …").
    /// Shared, not copied, by the events this expression dates.
    pub derivation: Arc<str>,
    /// Identifier of the rule that matched (shared with the rule).
    pub rule: Arc<str>,
}

/// Granularity of a resolved date value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A time of day.
    Time,
    /// A calendar day.
    Day,
    /// An ISO week.
    Week,
    /// A calendar month.
    Month,
    /// A season.
    Season,
    /// A quarter.
    Quarter,
    /// A half year.
    Half,
    /// A calendar year.
    Year,
    /// A decade.
    Decade,
    /// A century (`19` = 1900–1999).
    Century,
}

/// The inclusive day bounds of a resolved TIMEX3 value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// First day covered.
    pub start: Date,
    /// Last day covered (inclusive).
    pub end: Date,
    /// Granularity of the value.
    pub granularity: Granularity,
}

/// Error building the tagger from its rule assets.
#[derive(Debug)]
pub struct RuleError(pub String);

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "timex rules: {}", self.0)
    }
}

impl std::error::Error for RuleError {}

/// The compiled tagger. Build once, share across threads (`Send + Sync`).
///
/// Matching fills per-thread caches of automaton states, tens of MB per thread on
/// a large folder, which live as long as the tagger. [`Tagger::fresh`] gives a
/// tagger for one large job whose caches go when it is dropped.
#[derive(Debug)]
pub struct Tagger {
    rules: RuleSet,
    tense: TenseCues,
    /// Given names, for month names that name people.
    persons: std::sync::Arc<person::PersonNames>,
    /// Which country a text is about, for national days.
    countries: std::sync::Arc<country::Countries>,
}

/// A rule match before selection.
struct Candidate<'t> {
    span: Range<usize>,
    rule: usize,
    caps: RuleCaptures<'t>,
}

impl Tagger {
    /// Compiles the rules from the bundled assets.
    pub fn new() -> Result<Self, RuleError> {
        // Compiled side by side.
        let ((rules, tense), persons) = rayon::join(
            || rayon::join(rules::load, TenseCues::new),
            person::PersonNames::new,
        );
        Ok(Self {
            rules: rules?,
            tense: tense?,
            persons: std::sync::Arc::new(persons),
            countries: std::sync::Arc::new(country::Countries::bundled()?),
        })
    }

    /// A tagger with the same compiled rules (shared, not recompiled) and empty
    /// match caches of its own, freed when it is dropped.
    pub fn fresh(&self) -> Self {
        Self {
            rules: self.rules.clone(),
            tense: self.tense.clone(),
            persons: std::sync::Arc::clone(&self.persons),
            countries: std::sync::Arc::clone(&self.countries),
        }
    }

    /// For the national day `hol` at byte `at` of `text`, the country whose date it
    /// takes when not the default one's: the country named right before it, the
    /// default one ("American Independence Day") too, else the one the text names
    /// most among those that keep it (`counts`: the text's counts, made once).
    fn national_day_country<'s>(
        &'s self,
        text: &str,
        at: usize,
        hol: &str,
        counts: &std::cell::OnceCell<Vec<usize>>,
    ) -> Option<&'s str> {
        let lex = &self.rules.lexicon;
        if !lex.is_national_day(hol) {
            return None;
        }
        let keeps = |c: &str| lex.keeps_national_day(hol, c);
        match self.countries.named_before(text, at) {
            Some(c) if self.countries.is_default(c) => None,
            Some(c) if keeps(c) => Some(c),
            _ => {
                let counts = counts.get_or_init(|| self.countries.counts(text));
                self.countries.choose(counts, &keeps)
            }
        }
    }

    /// Finds and normalises the temporal expressions of `text`, resolving deictic
    /// ones against `dct` (the publication date) when given. Spans are sorted and
    /// non-overlapping.
    pub fn tag(&self, text: &str, dct: Option<Date>) -> Vec<Timex> {
        self.tag_in(text, &segment::sentences(text), dct)
    }

    /// [`Tagger::tag`] with the sentences of `text` ([`segment::sentences`])
    /// already found.
    pub fn tag_in(&self, text: &str, sentences: &[Range<usize>], dct: Option<Date>) -> Vec<Timex> {
        let chosen = select(self.candidates(text));
        // The order of day and month in the text's numeric dates, shown by one whose
        // first or second number is over 12, else by its dates written with the
        // month's name; asked only when it has a numeric date.
        let mut numeric = chosen
            .iter()
            .filter(|c| {
                self.rules
                    .rules
                    .get(c.rule)
                    .is_some_and(|r| r.norm == Norm::Numeric)
            })
            .peekable();
        let day_first = match numeric.peek() {
            None => None,
            Some(_) => numeric
                .find_map(|c| {
                    let slots = Slots {
                        caps: &c.caps,
                        lex: self.rules.lexicon.as_ref(),
                    };
                    let (a, b) = resolve::numeric_parts(&slots)?;
                    resolve::numeric_order(a, b)
                })
                .map(|first| (first, "other numeric dates"))
                .or_else(|| {
                    written_order(&chosen)
                        .map(|first| (first, "dates written with the month's name"))
                }),
        };
        let mut reference: Option<Value> = dct.map(Value::Day);
        // Where the expression that set the reference ends, and whether it named its
        // year.
        let mut reference_end: Option<usize> = None;
        let mut reference_names_year = false;
        let reported = dct.and_then(resolve::reported_quarter);
        // The last expression naming its year, with the start of its sentence.
        let mut named: Option<(Value, usize, bool)> = None;
        // The last clock times dated by the reference, waiting for a day named after
        // them in their clause (one, or one and its equivalent in another zone): their
        // indices in `out` and clocks, the end of the last and their sentence's start.
        let mut clocks: Vec<(usize, String)> = Vec::new();
        let mut clocks_at = (0, 0);
        let mut out: Vec<Timex> = Vec::with_capacity(chosen.len());
        // The last expression resolved, as the possible first end of a range.
        let mut last_end: Option<range::End> = None;
        // The last day the text moved to (see [`Ctx::last_day`]) and the start of its
        // sentence; the start of the sentence that set the reference.
        let mut last_day: Option<(Date, usize)> = None;
        let mut reference_at: Option<usize> = None;
        // The recurrences of a week or less ("nightly", "every Monday") with their
        // sentence and, when they sit between commas ("The clinic, which opens every
        // Monday, closed at 2 p.m."), that aside.
        let recurrences: Vec<Recurrence<'_>> = chosen
            .iter()
            .filter(|c| {
                self.rules.rules.get(c.rule).is_some_and(|r| {
                    r.kind == TimexType::Set
                        && resolve::recurs_within_week(
                            r.norm,
                            &Slots {
                                caps: &c.caps,
                                lex: self.rules.lexicon.as_ref(),
                            },
                        )
                })
            })
            .map(|c| {
                let sentence = sentence_of(sentences, &c.span);
                let aside = between_commas(text, &sentence, &c.span);
                let said = text.get(c.span.clone()).unwrap_or_default();
                Recurrence {
                    sentence,
                    aside,
                    said,
                }
            })
            .collect();
        // How often the text names each country, counted when it names a national day.
        let country_counts = std::cell::OnceCell::new();
        let mut chosen = chosen.into_iter().peekable();
        while let Some(c) = chosen.next() {
            let Some(rule) = self.rules.rules.get(c.rule) else {
                continue;
            };
            let sentence = sentence_of(sentences, &c.span);
            let span_start = c.span.start;
            let span_end = c.span.end;
            let slots = Slots {
                caps: &c.caps,
                lex: self.rules.lexicon.as_ref(),
            };
            // "the second half" of a match is no half year.
            if rule.norm == Norm::Half
                && slots.get("y").is_none()
                && slots.get("rel").is_none()
                && self.in_game(text, &c.span)
            {
                continue;
            }
            // "the next year" needs the tense only to tell a narrative from a forecast.
            let from_publication = reference.as_ref() == dct.map(Value::Day).as_ref();
            let needs_tense = rule.norm.needs_tense()
                || (matches!(rule.norm, Norm::UnitRel | Norm::UnitThe)
                    && (resolve::anaphoric_unit(&slots)
                        || resolve::this_weekend(&slots)
                        || resolve::this_week_on_weekend(&slots, dct)))
                || (from_publication
                    && matches!(rule.norm, Norm::Later | Norm::Anaphor | Norm::That))
                // A clock time or part of a day on the day under discussion: unless
                // that day lies on the other side of publication from the clause.
                || (!from_publication && matches!(rule.norm, Norm::Time | Norm::PartDay))
                || (rule.norm == Norm::Time && resolve::is_midnight(&slots));
            let tense = if needs_tense && in_dateline(text, &c.span) {
                Tense::dateline()
            } else if needs_tense {
                let framed = self.frame_start(text, sentence.start, span_start)..c.span.end;
                let subject = resolve::possessive_weekday(rule.norm, &slots)
                    .then(|| self.tense.of_subject(text, sentence.clone(), &c.span))
                    .flatten();
                subject.unwrap_or_else(|| self.tense.at(text, sentence.clone(), framed))
            } else {
                Tense::none()
            };
            let narrative = named
                .as_ref()
                .filter(|(v, at, _)| *at == sentence.start && v.year() != dct.map(|d| d.year()));
            let narrative_fronted = narrative.is_some_and(|(_, _, fronted)| *fronted);
            let narrative = narrative.map(|(v, _, _)| v);
            // "May 4 at 1000 EDT", "on Friday, at 9 a.m.": the reference was named
            // right before; "March 4, 2024": with its year.
            let reference_beside = reference_end.is_some_and(|end| {
                text.get(end..span_start).is_some_and(|gap| {
                    gap.len() <= REFERENCE_BESIDE && !gap.contains(['.', ';', '!', '?', '\n'])
                })
            });
            let reference_firm = reference_names_year || reference_beside;
            let cx = Ctx {
                dct,
                reference: reference.as_ref(),
                reference_firm,
                tense,
                narrative,
                narrative_fronted,
                day_first,
                from_publication,
                reference_here: reference_at == Some(sentence.start),
                // Only when the coarser date came up in the sentence that named the
                // day: a mention in passing, not a new chapter ("In March 2019, …").
                last_day: last_day
                    .filter(|(_, at)| Some(*at) == reference_at)
                    .map(|(day, _)| day),
                timing: times_event(text, span_start),
                // Only for a clock time (what `time` reads), and not one on the day
                // named right before it ("on Wednesday night at 1700 EDT", in a
                // sentence on a weekly report), nor one outside the aside that names
                // the recurrence, nor a live report's time stamp.
                recurring: recurrences
                    .iter()
                    .filter(|_| rule.norm == Norm::Time && !reference_beside)
                    .find(|r| {
                        r.sentence.start == sentence.start
                            && r.aside
                                .as_ref()
                                .is_none_or(|a| a.start <= span_start && span_end <= a.end)
                    })
                    .filter(|_| !stamps_line(text, &c.span))
                    .map(|r| r.said),
                country: slots
                    .get("hol")
                    .filter(|_| matches!(rule.norm, Norm::Holiday | Norm::SetHoliday))
                    .and_then(|h| self.national_day_country(text, span_start, h, &country_counts)),
            };
            let Some(mut r) = resolve::resolve(rule.norm, &slots, &cx) else {
                continue;
            };
            if needs_tense {
                let before = text.get(sentence.start..span_start).unwrap_or_default();
                counted_to(
                    &mut r,
                    &cx,
                    resolve::counted_from(before, &self.rules.lexicon),
                    |cx| resolve::resolve(rule.norm, &slots, cx),
                );
            }
            if rule.norm == Norm::Date
                && !r.names_year
                && let (Value::Day(day), Some(dct)) = (r.value.clone(), dct)
                && self.names_event(text, &c.span)
            {
                named_event(&mut r, day, dct);
            }
            let mut stamp = false;
            if rule.norm == Norm::Time
                && let Value::Time(day, hm) = &r.value
            {
                if let Some(dct) = dct
                    && stamps_line(text, &c.span)
                {
                    // A live report's entry: the story of the day of publication.
                    stamp = true;
                    r.derivation = format!(
                        "a time stamp heading its line · on the publication date {}",
                        Value::Day(dct)
                    );
                    r.value = Value::Time(dct, hm.clone());
                } else if let Some((after, next)) = past_midnight(&out, *day, hm)
                    // "at 2:30 the next day": the day named after it places it.
                    && !chosen
                        .peek()
                        .is_some_and(|n| on_the_day_after(text, span_end, n.span.start))
                {
                    r.derivation = format!(
                        "{} · after {after} that night: past midnight → {}",
                        r.derivation,
                        Value::Day(next)
                    );
                    r.value = Value::Time(next, hm.clone());
                }
            }
            // "between Monday and [Wednesday]": the ends of a range agree.
            let bare = resolve::bare_end(rule.norm, &slots);
            if let (Some(first), Some(prev)) = (last_end.take(), out.last_mut())
                && range::linked(text, &prev.span, &c.span)
                && let Some((a, b, why)) = range::fit(
                    &first,
                    &range::End {
                        value: r.value.clone(),
                        bare,
                    },
                    cx.tense.kind,
                    dct,
                    |wraps| range::season_year(text, prev.span.start, wraps),
                )
            {
                let a = a.to_string();
                if a != prev.value {
                    prev.derivation = format!("{} · {why} → {a}", prev.derivation).into();
                    prev.value = a;
                }
                if b != r.value {
                    r.derivation = format!("{} · {why}", r.derivation);
                    r.value = b;
                }
            }
            let said = text.get(c.span.clone()).unwrap_or_default();
            let kind = match (&r.value, rule.kind) {
                (Value::Time(..), TimexType::Date) => TimexType::Time,
                (_, k) => k,
            };
            // "at 9 a.m. in Hanoi on Thursday": the clock time is on the day named
            // after it in its clause, not on the day under discussion.
            let (clocks_end, clocks_sentence) = clocks_at;
            let waiting = std::mem::take(&mut clocks);
            let same_clause = clocks_sentence == sentence.start && !waiting.is_empty();
            if let Value::Day(day) = &r.value
                && same_clause
                && on_the_day_after(text, clocks_end, span_start)
            {
                for (at, hm) in waiting {
                    let Some(earlier) = out.get_mut(at) else {
                        continue;
                    };
                    let v = Value::Time(*day, hm);
                    earlier.derivation = format!(
                        "{} · on the day named after it: {} → {v}",
                        earlier.derivation,
                        Value::Day(*day)
                    )
                    .into();
                    earlier.value = v.to_string();
                }
            } else if rule.norm == Norm::Time
                && let Value::Time(_, hm) = &r.value
            {
                // "10 a.m. (0700 GMT)": the same time in another zone waits too.
                let beside = same_clause
                    && text.get(clocks_end..span_start).is_some_and(|gap| {
                        gap.len() <= 3 && gap.trim_matches([' ', '(']).is_empty()
                    });
                if beside {
                    clocks = waiting;
                }
                clocks.push((out.len(), hm.clone()));
                clocks_at = (c.span.end, sentence.start);
            }
            let value = r.value.to_string();
            last_end = Some(range::End {
                value: r.value.clone(),
                bare,
            });
            out.push(Timex {
                span: c.span,
                kind,
                derivation: format!("'{said}' · {} → {value}", r.derivation).into(),
                value,
                modifier: r.modifier,
                rule: rule.name.clone(),
            });
            // "since (the floods of) Sept. 11, 2001" measures from a date; it tells no
            // story to continue.
            let mut from = span_start.saturating_sub(40).max(sentence.start);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let since = text
                .get(from..span_start)
                .and_then(|before| before.rsplit(',').next())
                .is_some_and(|clause| {
                    clause
                        .split(|ch: char| !ch.is_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case("since"))
                });
            // "Last year, a blizzard on Dec. 24 …", "In 1996, …": a year set before its
            // clause tells the sentence's story, named or counted from publication.
            let fronted_year = matches!(r.value, Value::Year(_))
                && text.get(sentence.start..span_start).is_some_and(|b| {
                    let b = b.trim();
                    b.is_empty() || ["in", "during"].iter().any(|p| p.eq_ignore_ascii_case(b))
                })
                && text.get(span_end..).is_some_and(|a| a.starts_with(','));
            // "notes due August 1, 1997", "a bond maturing in 2002": a term, no story.
            // (Read only for a date that would set the story.)
            let term = || {
                let before = word_before(text, span_start);
                [
                    "due", "maturing", "matures", "mature", "expiring", "expires",
                ]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(before))
                    || text
                        .get(span_start.saturating_sub(12)..span_start)
                        .is_some_and(|b| b.to_ascii_lowercase().contains("maturing on"))
            };
            if (r.names_year || fronted_year) && r.value.is_anchored() && !since && !term() {
                named = Some((r.value.clone(), sentence.start, fronted_year));
            }
            // Results news reports the quarter that ended last before publication: once
            // it is under discussion, another quarter named in passing ("after a flat
            // second quarter") is a comparison and does not replace it.
            let keeps_reported = matches!(
                (&reference, &r.value),
                (Some(q @ Value::Quarter(..)), Value::Quarter(..)) if Some(q) == reported.as_ref()
            );
            if stamp {
                // Each entry starts again from the day of publication.
                last_day = None;
                reference_at = Some(sentence.start);
                reference_end = None;
                reference_names_year = false;
                reference = dct.map(Value::Day);
            } else if r.moves_reference && !keeps_reported {
                if let Some(day) = r.value.day() {
                    last_day = Some((day, sentence.start));
                }
                reference_at = Some(sentence.start);
                reference_end = Some(span_end);
                reference_names_year = r.names_year;
                reference = Some(r.value);
            } else if let Some(day) = r.moved_to {
                last_day = day.day().map(|d| (d, sentence.start));
                reference_at = Some(sentence.start);
                reference_end = Some(span_end);
                reference_names_year = false;
                reference = Some(day);
            }
        }
        bracketed_dates(text, &mut out);
        out
    }

    /// All rule matches that start where the start automaton matches.
    fn candidates<'t>(&self, text: &'t str) -> Vec<Candidate<'t>> {
        let mut out = Vec::new();
        // Vetoed spans, with the rule they veto (`None`: every rule).
        let mut vetoes: Vec<(Option<usize>, Range<usize>)> = Vec::new();
        let mut starts = self.rules.starts.scanner();
        let mut set = self.rules.set.scanner();
        let mut headline = Headline::default();
        for s in word_starts(text) {
            if !starts.starts_at(text, s) {
                continue;
            }
            let hay = text.get(s..).unwrap_or_default();
            for &(idx, end) in set.matching(hay) {
                match self.candidate(text, s, idx, end, &mut headline) {
                    Some(Ok(c)) => out.push(c),
                    Some(Err((vetoed, any_rule))) => {
                        vetoes.push((if any_rule { None } else { Some(idx) }, vetoed));
                    }
                    None => {}
                }
            }
        }
        // A vetoed match ("$1999") also vetoes the same rule's matches inside it
        // ("1999"); one inside a name ("March 23 Movement"), every rule's.
        out.retain(|c| {
            !vetoes.iter().any(|(r, v)| {
                r.is_none_or(|r| r == c.rule) && v.start < c.span.end && c.span.start < v.end
            })
        });
        out
    }

    /// The match of rule `idx` starting exactly at `s`: `Ok` if it passes its checks,
    /// `Err((range, false))` if a `veto` group matched (vetoing the rule's matches
    /// inside it), `Err((range, true))` if it is part of a name (vetoing every rule's).
    fn candidate<'t>(
        &self,
        text: &'t str,
        s: usize,
        idx: usize,
        end: Option<usize>,
        headline: &mut Headline,
    ) -> Option<Result<Candidate<'t>, (Range<usize>, bool)>> {
        let hay = text.get(s..)?;
        let rule = self.rules.rules.get(idx)?;
        let caps = rule.captures(hay, end)?;
        let whole = caps.get(0)?;
        if whole.is_empty() {
            return None;
        }
        let shift = |r: Range<usize>| r.start + s..r.end + s;
        let groups = &rule.groups;
        let vetoed = groups.vetoes.iter().any(|&i| caps.get(i).is_some());
        let lower_name = groups.names.iter().any(|&i| {
            caps.get(i)
                .and_then(|m| m.as_str().chars().next())
                .is_some_and(char::is_lowercase)
        });
        // A capitalised time word inside a sentence belongs to a name: after another
        // word of the expression ("This Week", "60 Minutes") or of the sentence ("VOA
        // Today"). All capitals ("LAST WEEK") and headline capitals ("Talks Resume
        // Next Week") say nothing, nor does a word that opens a line ("Today, …" under
        // the title).
        let named = groups.common.iter().any(|&i| {
            caps.get(i).is_some_and(|m| {
                let w = m.as_str();
                let title = w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
                let after_word = || {
                    let before = text.get(..s).unwrap_or_default();
                    let word = before.trim_end();
                    let gap = before.get(word.len()..).unwrap_or_default();
                    !gap.contains('\n')
                        && word.chars().next_back().is_some_and(char::is_alphanumeric)
                };
                title && (m.start() > 0 || after_word()) && !headline.holds(text, s + m.start())
            })
        });
        if vetoed || named {
            return Some(Err((shift(whole.range()), false)));
        }
        if lower_name {
            return None;
        }
        let group = |i: Option<usize>| caps.get(i?);
        // "Theresa May", "May said": a bare month that names a person.
        if rule.norm == Norm::Month
            && let Some(m) = group(groups.month)
            && self.persons.names_person(text, &shift(m.range()))
        {
            return None;
        }
        // "BANK MAY RAISE RATES": in capitals, "may" before a word is the verb, unless
        // a preposition or "last", "next" … comes before it ("PROFITS ROSE IN MAY").
        if rule.norm == Norm::Month
            && let Some(m) = group(groups.month)
            && modal_may(text, &shift(m.range()))
        {
            return None;
        }
        // A holiday's name is written with capitals: "it may day by day get worse" names
        // no May Day. One that says it is a holiday need not be ("the spring bank
        // holiday").
        if matches!(rule.norm, Norm::Holiday | Norm::SetHoliday)
            && let Some(h) = group(groups.holiday)
            && !h.as_str().chars().any(char::is_uppercase)
            && !h.as_str().ends_with("holiday")
        {
            return None;
        }
        // "Taha Yassin Ramadan": a one-word holiday name that names a person.
        if matches!(rule.norm, Norm::Holiday | Norm::SetHoliday)
            && let Some(h) = group(groups.holiday)
            && !h.as_str().contains(char::is_whitespace)
            && self.persons.names_person_loosely(text, &shift(h.range()))
        {
            return None;
        }
        // "the November-January period": two months that bound no quarter or half are
        // left to the rules of each month.
        if rule.norm == Norm::Quarter
            && caps.name("m2").is_some()
            && resolve::months_spanned(&Slots {
                caps: &caps,
                lex: self.rules.lexicon.as_ref(),
            })
            .is_none()
        {
            return None;
        }
        // "2005-06", "1986/87": a season or fiscal year across two years; two years
        // further apart ("1985-87") are a range, of which the year rule tags the first.
        if let Some(next) = caps.name("ynext") {
            let first = caps.name("y").and_then(|y| y.as_str().parse::<u16>().ok());
            let next = next.as_str().parse::<u16>().ok();
            if first.zip(next).is_none_or(|(a, b)| (a + 1) % 100 != b) {
                return None;
            }
        }
        let mut span = group(groups.extent).unwrap_or(whole).range();
        if let Some(c) = group(groups.cmod).filter(|c| c.start() == span.start) {
            // Skip the outside modifier and the white space or hyphen after it.
            let rest = hay.get(c.end()..span.end).unwrap_or_default();
            span.start = span.end - rest.trim_start_matches([' ', '\t', '\n', '\r', '-']).len();
        }
        let span = shift(span);
        // A year keeps its date in a name ("the 1957 Treaty of Rome").
        let year = text
            .get(span.clone())
            .is_some_and(|t| t.bytes().filter(u8::is_ascii_digit).count() >= 4);
        if !year && self.name_head_after(text, span.end) && !adverbial(text, &span) {
            return Some(Err((span, true)));
        }
        Some(Ok(Candidate {
            span,
            rule: idx,
            caps,
        }))
    }
}

impl Tagger {
    /// "the <date> <event noun>" ("the Sept. 11 attacks"): the date names an event
    /// (words.tsv class `event`).
    fn names_event(&self, text: &str, span: &Range<usize>) -> bool {
        let after = text.get(span.end..).unwrap_or_default();
        let next = after
            .trim_start_matches([' ', '\t'])
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default();
        word_before(text, span.start).eq_ignore_ascii_case("the")
            && !next.is_empty()
            && after.starts_with([' ', '\t'])
            && self.rules.lexicon.word("event", next).is_some()
    }

    /// Whether the text around `span` (within [`GAME_REACH`] bytes) tells of a game
    /// (a word of words.tsv class `game`: "scored", "half-time", "penalty"): a half
    /// there is the game's.
    fn in_game(&self, text: &str, span: &Range<usize>) -> bool {
        let near = segment::around(text, 0..text.len(), span, GAME_REACH);
        text.get(near).is_some_and(|s| {
            s.split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| w.len() > 3)
                .any(|w| self.rules.lexicon.word("game", w).is_some())
        })
    }

    /// Where the frame phrase before an expression starting at `start` begins ("the
    /// night of" 14 April, "the early hours of" Oct. 7: words.tsv class `frame`), so
    /// that the tense is read as for the whole phrase: "was arrested on the night of
    /// 14 April" is as firm a past as "was arrested on 14 April". `start` itself when
    /// no frame comes before (within the sentence from `from`).
    fn frame_start(&self, text: &str, from: usize, start: usize) -> usize {
        let mut at = start.saturating_sub(FRAME_REACH).max(from);
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let before = text.get(at..start).unwrap_or_default();
        // Most expressions have no "of" before them: nothing more to read.
        let trimmed = before.trim_end();
        let cut = trimmed.len().saturating_sub(2);
        let ends_of = trimmed
            .get(cut..)
            .is_some_and(|w| w.eq_ignore_ascii_case("of"))
            && trimmed
                .get(..cut)
                .is_some_and(|head| head.ends_with(char::is_whitespace));
        if !ends_of {
            return start;
        }
        // The words before the expression, last first, with their offsets in `before`.
        let mut words = word_offsets(before).rev();
        let Some((_, "of" | "Of" | "OF")) = words.next() else {
            return start;
        };
        let lex = self.rules.lexicon.as_ref();
        let mut frame: Vec<&str> = Vec::with_capacity(2);
        for (offset, word) in words.take(3) {
            if word.eq_ignore_ascii_case("the") {
                let phrase = frame.iter().rev().copied().collect::<Vec<_>>().join(" ");
                return match lex.word("frame", &phrase) {
                    Some(_) => at + offset,
                    None => start,
                };
            }
            frame.push(word);
        }
        start
    }

    /// Whether the text from `end` goes on with up to two capitalised words and a
    /// `namehead` word ("… War", "… Youth Movement"): the expression before is part
    /// of a name.
    fn name_head_after(&self, text: &str, end: usize) -> bool {
        let rest = text.get(end..).unwrap_or_default();
        let Some(rest) = rest.strip_prefix(' ') else {
            return false;
        };
        rest.split(' ')
            .take(3)
            .take_while(|w| w.starts_with(char::is_uppercase))
            .any(|w| {
                let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                self.rules.lexicon.word("namehead", w).is_some()
            })
    }
}

/// Keeps the longest candidates that do not overlap (earlier rule first on ties), in text order.
fn select(mut cands: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    cands.sort_by_key(|c| (std::cmp::Reverse(c.span.len()), c.rule, c.span.start));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut keep = Vec::new();
    for c in cands {
        let before = taken.range(..c.span.end).next_back();
        if before.is_some_and(|(_, &end)| end > c.span.start) {
            continue;
        }
        taken.insert(c.span.start, c.span.end);
        keep.push(c);
    }
    keep.sort_by_key(|c| c.span.start);
    keep
}

/// A recurrence of a week or less named in a sentence ("nightly", "on Mondays"): a
/// clock time there is each occurrence's ([`Ctx::recurring`]).
struct Recurrence<'t> {
    sentence: Range<usize>,
    /// The stretch between commas it sits in, if any (an aside: ", which opens every
    /// Monday,"): only clock times inside it recur.
    aside: Option<Range<usize>>,
    said: &'t str,
}

/// The aside around `span` in `sentence`: a stretch between two commas that opens
/// with a relative pronoun or a participle (", which opens every Monday,", ", held
/// annually since 1990,"; not a clause of its own: "To save money, the libraries will
/// close on Mondays, and …").
fn between_commas(
    text: &str,
    sentence: &Range<usize>,
    span: &Range<usize>,
) -> Option<Range<usize>> {
    const RELATIVE: &[&str] = &["which", "who", "whom", "whose", "where", "when"];
    let before = text.get(sentence.start..span.start)?.rfind(',')? + sentence.start;
    let after = text.get(span.end..sentence.end)?.find(',')? + span.end;
    let first = text
        .get(before + 1..after)?
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let opens_aside = RELATIVE.contains(&first.as_str())
        || (first.len() > 4 && (first.ends_with("ed") || first.ends_with("ing")));
    opens_aside.then_some(before..after)
}

/// Where an expression may start: the first character of every word and every
/// character that is neither part of a word nor white space ("$", "(", "’").
/// Expressions never start inside a word.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev_word = false;
    text.char_indices().filter_map(move |(i, c)| {
        let word = c.is_alphanumeric();
        let start = !(c.is_whitespace() || word && prev_word);
        prev_word = word;
        start.then_some(i)
    })
}

/// Whether the clock time at `span` stamps its line, as a live report's entries are:
/// alone on it ("09:40 GMT" above the entry) or opening it before a dash or a colon
/// ("1:15 p.m. - Ukraine has severed …").
fn stamps_line(text: &str, span: &Range<usize>) -> bool {
    let before = text.get(..span.start).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // Not the headline, which is no entry.
    if line_start == 0
        || !before
            .get(line_start..)
            .is_some_and(|b| b.trim().is_empty())
    {
        return false;
    }
    let after = text.get(span.end..).unwrap_or_default();
    let line = after.split('\n').next().unwrap_or_default().trim_end();
    line.is_empty()
        || [" - ", " – ", " — ", " -- ", ": "]
            .iter()
            .any(|d| line.starts_with(d))
}

/// A clock time of the small hours ("04:40") that comes after an evening clock time
/// or a night of the same day in the text ("polls closed at 22:00 … conceded at
/// [04:40]"): the last such expression and the next day, which the story has
/// reached past midnight.
fn past_midnight(before: &[Timex], day: Date, hm: &str) -> Option<(String, Date)> {
    let minutes = |hm: &str| -> Option<u32> {
        let (h, m) = hm.split_once(':')?;
        Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
    };
    let now = minutes(hm)?;
    if now >= 12 * 60 {
        return None;
    }
    let last = before.iter().rev().find(|t| t.kind == TimexType::Time)?;
    let (last_day, last_hm) = last.value.split_once('T')?;
    let then = match last_hm {
        "NI" => 22 * 60,
        clock => minutes(clock)?,
    };
    let same_day = last_day == Value::Day(day).to_string();
    (same_day && then >= 18 * 60 && now < then)
        .then(|| Some((last.value.clone(), calendar::add_days(day, 1)?)))
        .flatten()
}

/// Whether the text between a clock time ending at `end` and a day starting at
/// `start` only places the time and then names its day: a space ("2:30 the next
/// day"), a place ("10:30 in New York" tomorrow), "9 a.m. in Hanoi on"
/// Thursday, "10 a.m. (0700 GMT) on" Monday; not a clause ("3 a.m. and lasted until"
/// Friday) nor a long way.
fn on_the_day_after(text: &str, end: usize, start: usize) -> bool {
    const LINKS: &[&str] = &[
        "and", "or", "but", "until", "till", "before", "after", "by", "from", "to", "since",
        "than", "then", "when", "while",
    ];
    let Some(between) = text.get(end..start) else {
        return false;
    };
    // "at 2:30 the next day".
    if between.len() <= 2 && between.trim_matches(' ').is_empty() {
        return true;
    }
    let mut words = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    // "in New York tomorrow": a place between them.
    let placed = words.clone().next().is_some_and(|w| w == "in")
        && words
            .clone()
            .skip(1)
            .all(|w| w.starts_with(char::is_uppercase))
        && words.clone().nth(1).is_some();
    between.len() <= 40
        && !between.contains(['.', ';', ',', '!', '?', '\n'])
        && (words.clone().next_back() == Some("on") || placed)
        && !words.any(|w| LINKS.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

/// Bytes before an expression within which [`Tagger::frame_start`] looks for a frame
/// phrase ("the small hours of " is 18).
const FRAME_REACH: usize = 32;

/// The words of `text` (runs of letters) with their byte offsets, in order.
fn word_offsets(text: &str) -> impl DoubleEndedIterator<Item = (usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.extend(text.get(s..i).map(|w| (s, w)));
                start = None;
            }
            _ => {}
        }
    }
    words.into_iter()
}

/// The sentence containing `span` (or the span itself when none does).
fn sentence_of(sentences: &[Range<usize>], span: &Range<usize>) -> Range<usize> {
    let i = sentences.partition_point(|s| s.end <= span.start);
    sentences
        .get(i)
        .filter(|s| s.start <= span.start)
        .cloned()
        .unwrap_or_else(|| span.clone())
}

/// Parses a TIMEX3 date/time value into its inclusive day bounds; `None` for
/// durations, sets, references (`PAST_REF`) and underspecified values. With a
/// modifier, START / MID / END narrow the interval to its first, middle or last third.
pub fn interval(value: &str, modifier: Option<&str>) -> Option<Interval> {
    value::parse_interval(value, modifier)
}

/// A weekday with its date in brackets right after it ("on Sunday night (March 4)",
/// "on Tuesday (Jan. 30)", as some agencies write) is that date when the weekdays
/// agree: the brackets say which week, not the tense.
fn bracketed_dates(text: &str, out: &mut [Timex]) {
    for i in 1..out.len() {
        let (head, tail) = out.split_at_mut(i);
        let (Some(day), Some(date)) = (head.last_mut(), tail.first()) else {
            continue;
        };
        if &*day.rule != "weekday" || date.value.len() != 10 {
            continue;
        }
        let between = text.get(day.span.end..date.span.start).unwrap_or_default();
        let closes = text
            .get(date.span.end..)
            .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(')'));
        if between.trim_matches(' ') != "(" || !closes {
            continue;
        }
        let (Some(named), Ok(bracketed)) = (
            day.value.get(..10).and_then(|d| d.parse::<Date>().ok()),
            date.value.parse::<Date>(),
        ) else {
            continue;
        };
        if named.weekday() != bracketed.weekday() || named == bracketed {
            continue;
        }
        let part = day.value.get(10..).unwrap_or_default();
        let value = format!("{}{part}", date.value);
        let said = text.get(day.span.clone()).unwrap_or_default();
        let written = text.get(date.span.clone()).unwrap_or_default();
        day.derivation = format!(
            "'{said}' · the date in brackets after it ('{written}', {}) → {value}",
            date.value
        )
        .into();
        day.value = value;
    }
}

/// Whether the expression at `span` dates its clause rather than modifying a name
/// after it: a preposition of time ([`TIME_PREPOSITIONS`]) comes before it, or it
/// opens with a word that relates it to now ("In October Lucky Stores cut prices",
/// "Last October Lucky Stores …"; but "the October Revolution").
fn adverbial(text: &str, span: &Range<usize>) -> bool {
    const OPENING: &[&str] = &[
        "last", "next", "this", "early", "late", "mid", "earlier", "later",
    ];
    let before = word_before(text, span.start);
    let first = text
        .get(span.clone())
        .unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    TIME_PREPOSITIONS
        .iter()
        .chain(OPENING)
        .any(|w| w.eq_ignore_ascii_case(before))
        || OPENING.iter().any(|w| w.eq_ignore_ascii_case(first))
}

/// Words before a month that make "MAY" in capitals the month ("IN MAY", "LAST MAY").
const BEFORE_MONTH: &[&str] = &[
    "IN", "OF", "SINCE", "BY", "FOR", "UNTIL", "TILL", "THROUGH", "FROM", "TO", "BEFORE", "AFTER",
    "DURING", "EARLY", "LATE", "MID", "LAST", "NEXT", "THIS", "END", "AND", "OR", "ON", "THAN",
    "APRIL", "JUNE",
];

/// Whether `span` is "MAY" in capitals used as the verb: a capitalised word (no
/// number) follows, and no word that takes a month ([`BEFORE_MONTH`]) comes before.
fn modal_may(text: &str, span: &Range<usize>) -> bool {
    if text.get(span.clone()) != Some("MAY") {
        return false;
    }
    let next = text
        .get(span.end..)
        .unwrap_or_default()
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
        .unwrap_or_default();
    let verb_after = next.len() > 1 && next.chars().all(|c| c.is_ascii_uppercase());
    verb_after && !BEFORE_MONTH.contains(&word_before(text, span.start))
}

/// Bytes either side of "the first half" within which a word of a match report
/// makes it the game's half.
const GAME_REACH: usize = 250;

/// Bytes at most between the expression that named the day under discussion and a
/// clock time that belongs to it ("May 4 at 1000 EDT", "Friday, at 9 a.m.").
const REFERENCE_BESIDE: usize = 8;

/// Whether the expression at `span` dates a dateline, the place and day of writing
/// that open a wire story: a day after a place and a comma at a line's start ("NEW
/// YORK, March 3 -", "LONDON, Dec 31 (Reuters) -", "MIAMI, Jan. 5 /PRNewswire/
/// --"), a dash after it, maybe after the agency's name. It is the day the story was
/// written, whatever the tense of the story's first sentence.
fn in_dateline(text: &str, span: &Range<usize>) -> bool {
    /// Bytes a dateline's place runs to at most ("WASHINGTON, D.C.,").
    const PLACE_LEN: usize = 60;
    // A day, not a month alone ("August - 23 over Sept" is a table's row).
    let day = text
        .get(span.clone())
        .is_some_and(|t| t.contains(|c: char| c.is_ascii_digit()));
    if !day {
        return false;
    }
    // The line before the expression, looked at no further back than a place runs
    // (a text without line breaks is not read whole for every date in it).
    let mut from = span.start.saturating_sub(PLACE_LEN + 2);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let (Some(before), Some(after)) = (text.get(from..span.start), text.get(span.end..)) else {
        return false;
    };
    let place = match before.rfind(['\n', '\r']) {
        Some(i) => before.get(i + 1..).unwrap_or_default(),
        None if from == 0 => before,
        None => return false,
    }
    .trim();
    let place_ok = place.strip_suffix(',').is_some_and(|p| {
        !p.is_empty()
            && p.len() <= PLACE_LEN
            && p.starts_with(|c: char| c.is_uppercase())
            && !p.contains(['!', '?', ';', ':', '"', '“', '”'])
    });
    if !place_ok {
        return false;
    }
    let mut rest = after.trim_start_matches([' ', '\t']);
    // The agency, in brackets or slashes: "(Reuters)", "/PRNewswire/", closed within
    // 40 bytes.
    for (open, close) in [('(', ')'), ('/', '/')] {
        if let Some(inner) = rest.strip_prefix(open)
            && let Some((end, _)) = inner
                .char_indices()
                .take_while(|&(i, _)| i <= 40)
                .find(|&(_, c)| c == close)
        {
            rest = inner
                .get(end + 1..)
                .unwrap_or_default()
                .trim_start_matches([' ', '\t']);
        }
    }
    rest.starts_with(['-', '–', '—'])
}

/// Days before publication within which "the <month day> <event>" is taken for the
/// last such day: a story about "the Jan. 6 riot" written on Jan. 20.
const EVENT_RECENT_DAYS: i64 = 120;

/// A day without a year that names an event ("the Sept. 11 attacks", "the Oct. 7
/// massacre"): the last such day, when it falls within [`EVENT_RECENT_DAYS`] before
/// `dct`; else the year is unknown (the event may be years back), not guessed.
fn named_event(r: &mut resolve::Resolved, day: Date, dct: Date) {
    let last = [dct.year(), dct.year() - 1]
        .into_iter()
        .filter_map(|y| Date::new(y, day.month(), day.day()).ok())
        .find(|d| *d <= dct);
    let recent = last.filter(|d| {
        d.until(dct)
            .is_ok_and(|gap| i64::from(gap.get_days()) <= EVENT_RECENT_DAYS)
    });
    let (value, why) = match recent {
        Some(d) => (
            Value::Day(d),
            format!(
                "no year · the day names an event, done by publication · the last {:02}-{:02} within {EVENT_RECENT_DAYS} days",
                day.month(),
                day.day()
            ),
        ),
        None => (
            Value::Raw(format!("XXXX-{:02}-{:02}", day.month(), day.day())),
            format!(
                "no year · the day names an event, not within {EVENT_RECENT_DAYS} days before publication: year unknown"
            ),
        ),
    };
    r.moves_reference = matches!(value, Value::Day(_));
    r.value = value;
    r.derivation = why;
}

/// Whether the expression at `start` follows a preposition of time ("on May Day",
/// "three days ahead of Christmas"): it times the event of its clause, where after
/// "for" or "to" it may name a purpose ("stock for Easter").
fn times_event(text: &str, start: usize) -> bool {
    let before = tense::word_before(text, start).to_lowercase();
    if before == "of" {
        // "of" at the end of what comes before: the word before it.
        let head = text.get(..start).unwrap_or_default().trim_end();
        let of_at = head.len().saturating_sub(2);
        return tense::word_before(head, of_at).eq_ignore_ascii_case("ahead");
    }
    TIME_PREPOSITIONS.contains(&before.as_str())
}

/// Prepositions before an expression that times the event of its clause.
const TIME_PREPOSITIONS: &[&str] = &[
    "on",
    "at",
    "in",
    "over",
    "during",
    "before",
    "after",
    "since",
    "until",
    "till",
    "by",
    "around",
    "through",
    "throughout",
    "from",
];

/// The last word of `text` before byte `at` (letters and digits), "" if none.
fn word_before(text: &str, at: usize) -> &str {
    text.get(..at)
        .unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or_default()
}

/// Whether the line holding a position is set in headline capitals
/// ([`headline_capitals`]), for positions of one text taken in text order: the last
/// line looked at, with its answer, so that a long line is read once and not once
/// for every capitalised word in it.
#[derive(Debug, Default)]
struct Headline {
    line: Option<(Range<usize>, bool)>,
}

impl Headline {
    /// Whether the line holding byte `at` of `text` is set in headline capitals.
    fn holds(&mut self, text: &str, at: usize) -> bool {
        if let Some((line, headline)) = &self.line
            && line.contains(&at)
        {
            return *headline;
        }
        let line = line_at(text, at);
        let headline = headline_capitals(text.get(line.clone()).unwrap_or_default());
        self.line = Some((line, headline));
        headline
    }
}

/// The line of `text` holding byte `at`, without its line break.
pub(super) fn line_at(text: &str, at: usize) -> Range<usize> {
    let start = text
        .get(..at)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|a| a.find('\n'))
        .map_or(text.len(), |i| at + i);
    start..end
}

/// [`line_at`] for a line of at most `max` bytes: `None` when the line holding
/// byte `at` is longer, found without reading further than `max` bytes either way.
pub(super) fn short_line_at(text: &str, at: usize, max: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let before = bytes.get(at.saturating_sub(max + 1)..at)?;
    let start = match before.iter().rposition(|&b| b == b'\n') {
        Some(i) => at - before.len() + i + 1,
        None if at <= max => 0,
        None => return None,
    };
    let limit = (start + max + 1).min(bytes.len());
    let after = bytes.get(at..limit.max(at))?;
    let end = match after.iter().position(|&b| b == b'\n') {
        Some(i) => at + i,
        None if limit == bytes.len() => bytes.len(),
        None => return None,
    };
    (end - start <= max).then_some(start..end)
}

/// Whether `line` is set in headline capitals: most of its words of four letters
/// or more start with a capital ("Talks Resume Next Week in Geneva"), so a capital
/// there does not mark a name.
pub(super) fn headline_capitals(line: &str) -> bool {
    let (mut long, mut capital) = (0usize, 0usize);
    for word in line.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() >= 4 && word.chars().all(char::is_alphabetic) {
            long += 1;
            capital += usize::from(word.starts_with(char::is_uppercase));
        }
    }
    long >= 3 && capital * 4 >= long * 3
}

/// "went into the final stretch on Wednesday, three days before [Saturday]'s
/// election": a day counted to from the clause's event lies after it when the count
/// is "before" (before it for "after"). In a past clause the event is no later than
/// publication, so the day is no later than publication plus the count: the tense
/// alone would take the past Saturday, the count allows the coming one. Likewise in
/// a future clause with "after" ("will reopen a week after [Christmas]", written on
/// Dec. 27). `again` resolves the match with the other direction.
fn counted_to(
    r: &mut resolve::Resolved,
    cx: &Ctx,
    count: Option<resolve::CountedFrom>,
    again: impl Fn(&Ctx) -> Option<resolve::Resolved>,
) {
    use self::tense::TenseKind;
    let (Some(count), Some(dct), Some(was)) = (count, cx.dct, r.value.day()) else {
        return;
    };
    let flipped = match (count.before, cx.tense.kind) {
        (true, TenseKind::Past) => TenseKind::Future,
        (false, TenseKind::Future) => TenseKind::Past,
        _ => return,
    };
    let sign = if count.before { 1 } else { -1 };
    let Some(limit) = calendar::add_days(dct, sign * count.days) else {
        return;
    };
    let other = Ctx {
        tense: Tense {
            kind: flipped,
            ..cx.tense.clone()
        },
        ..*cx
    };
    let Some(alt) = again(&other) else {
        return;
    };
    let Some(day) = alt.value.day() else {
        return;
    };
    let fits = if count.before {
        day <= limit
    } else {
        day >= limit
    };
    if !fits || day == was {
        return;
    }
    let (clause, bound, side, pick) = if count.before {
        ("past", "no later", "after", "the coming one")
    } else {
        ("future", "no earlier", "before", "the earlier one")
    };
    r.derivation = format!(
        "{} → {} · \"{}\" it, in a {clause} clause: it falls {bound} than {} days {side} publication ({limit}) → {pick}",
        r.derivation, r.value, count.words, count.days,
    );
    r.value = alt.value;
}

/// The order of day and month in the dates a text writes with the month's name, when
/// they agree: `Some(true)` for "2 July" (a British outlet's "09/03/2000" is then 9
/// March), `Some(false)` for "July 2", `None` when there are none or both.
fn written_order(chosen: &[Candidate]) -> Option<bool> {
    let (mut day_first, mut month_first) = (0, 0);
    for c in chosen {
        if let (Some(d), Some(m)) = (c.caps.name("d"), c.caps.name("m"))
            && !m.as_str().bytes().all(|b| b.is_ascii_digit())
        {
            if d.start() < m.start() {
                day_first += 1;
            } else {
                month_first += 1;
            }
        }
    }
    match (day_first, month_first) {
        (0, 0) => None,
        (_, 0) => Some(true),
        (0, _) => Some(false),
        _ => None,
    }
}
