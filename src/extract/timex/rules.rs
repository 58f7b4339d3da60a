//! Rule assets → compiled rules. Reads the data of `assets/timex/` (word lists,
//! named patterns, rules with their examples, holidays) and the shared month table,
//! expands `%name` references, and compiles every rule once, plus a start automaton
//! (the union of the rules, tried anchored at each word start) that finds candidate
//! starts and a set that tells which rules match there.

use std::ops::Range;

use jiff::civil::Date;
use rayon::prelude::*;
use regex_automata::MatchKind;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, PatternID, meta};
use regex_syntax::hir::{Hir, Look};

use crate::extract::automaton::{Automaton, union_factored};

use super::{RuleError, TimexType};
use crate::hashing::Map;

const MONTHS: &str = include_str!("../../../assets/months.tsv");
const WORDS: &str = include_str!("../../../assets/timex/words.tsv");
const PATTERNS: &str = include_str!("../../../assets/timex/patterns.tsv");
const RULES: &str = include_str!("../../../assets/timex/rules.tsv");
const HOLIDAYS: &str = include_str!("../../../assets/timex/holidays.tsv");
const NATIONAL_DAYS: &str = include_str!("../../../assets/timex/national_days.tsv");
const HOLIDAY_DATES: &str = include_str!("../../../assets/timex/holiday_dates.tsv");

/// The resolver a rule hands its match to (column 4 of `rules.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Norm {
    Date,
    Numeric,
    NthWeekday,
    Year,
    Decade,
    Century,
    Month,
    MonthRel,
    UnitRel,
    UnitThe,
    Ago,
    Later,
    Anaphor,
    That,
    Weekday,
    WeekdayAna,
    SeasonAna,
    PartDay,
    QuarterEnded,
    DayWord,
    Ref,
    PastRef,
    FutureRef,
    Duration,
    Vague,
    Set,
    SetDay,
    SetWord,
    Quarter,
    Half,
    Season,
    Holiday,
    Time,
    TimeDay,
    OrdDay,
    MonthYear,
    TheQuarter,
    YearAgo,
    SetMonth,
    SetSeason,
    /// "every Christmas Eve": a holiday of every year.
    SetHoliday,
    SpokenYear,
    ThatYear,
    MonthThat,
    FromNow,
    Weekend,
    ThatWeek,
    YearEnd,
    YearPeriod,
    WeekOf,
    Today,
    /// "overnight": the night before publication, the coming night in a future clause,
    /// the night of the day under discussion in a story.
    Overnight,
}

impl Norm {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "date" => Self::Date,
            "numeric" => Self::Numeric,
            "nthweekday" => Self::NthWeekday,
            "year" => Self::Year,
            "decade" => Self::Decade,
            "century" => Self::Century,
            "month" => Self::Month,
            "monthrel" => Self::MonthRel,
            "unitrel" => Self::UnitRel,
            "unitthe" => Self::UnitThe,
            "ago" => Self::Ago,
            "later" => Self::Later,
            "anaphor" => Self::Anaphor,
            "that" => Self::That,
            "weekday" => Self::Weekday,
            "weekdayana" => Self::WeekdayAna,
            "seasonana" => Self::SeasonAna,
            "partday" => Self::PartDay,
            "quarterended" => Self::QuarterEnded,
            "dayword" => Self::DayWord,
            "ref" => Self::Ref,
            "past_ref" => Self::PastRef,
            "future_ref" => Self::FutureRef,
            "duration" => Self::Duration,
            "vague" => Self::Vague,
            "set" => Self::Set,
            "setday" => Self::SetDay,
            "setword" => Self::SetWord,
            "quarter" => Self::Quarter,
            "half" => Self::Half,
            "season" => Self::Season,
            "holiday" => Self::Holiday,
            "time" => Self::Time,
            "ordday" => Self::OrdDay,
            "timeday" => Self::TimeDay,
            "monthyear" => Self::MonthYear,
            "thequarter" => Self::TheQuarter,
            "yearago" => Self::YearAgo,
            "setmonth" => Self::SetMonth,
            "setseason" => Self::SetSeason,
            "setholiday" => Self::SetHoliday,
            "spokenyear" => Self::SpokenYear,
            "thatyear" => Self::ThatYear,
            "monththat" => Self::MonthThat,
            "fromnow" => Self::FromNow,
            "weekend" => Self::Weekend,
            "thatweek" => Self::ThatWeek,
            "yearend" => Self::YearEnd,
            "yearperiod" => Self::YearPeriod,
            "weekof" => Self::WeekOf,
            "today" => Self::Today,
            "overnight" => Self::Overnight,
            _ => return None,
        })
    }

    /// Whether the resolver looks at the tense of the clause.
    pub(crate) fn needs_tense(self) -> bool {
        matches!(
            self,
            Self::Date
                | Self::Numeric
                | Self::NthWeekday
                | Self::Month
                | Self::Weekday
                | Self::Quarter
                | Self::Half
                | Self::Season
                | Self::Holiday
                | Self::OrdDay
                | Self::TimeDay
                | Self::Weekend
                | Self::WeekOf
                | Self::QuarterEnded
                | Self::Overnight
        )
    }
}

/// One example of a rule: a sentence, the expected span and value (None = no timex).
#[derive(Debug, Clone)]
#[cfg_attr(not(test), allow(dead_code))] // read by the rule tests
pub(crate) struct Example {
    /// Publication date (default 2024-01-10).
    pub dct: Date,
    /// The sentence without brackets.
    pub text: String,
    /// Expected byte span, value and modifier; `None` for a negative example.
    pub expect: Option<(Range<usize>, String, Option<String>)>,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub name: std::sync::Arc<str>,
    pub kind: TimexType,
    /// The rule's pattern anchored at the start (built from the syntax tree the
    /// rule set shares).
    pub regex: meta::Regex,
    /// Indices of the groups every candidate is checked with (looked up by index,
    /// not by name, for each of the many candidates that lose).
    pub groups: Groups,
    pub norm: Norm,
    #[cfg_attr(not(test), allow(dead_code))] // read by the rule tests
    pub examples: Vec<Example>,
}

/// Capture-group indices of a rule's regex that [`Tagger`](super::Tagger) reads for
/// every candidate.
#[derive(Debug, Clone, Default)]
pub(crate) struct Groups {
    /// `veto…` groups: a match of one rejects the candidate.
    pub vetoes: Vec<usize>,
    /// Month and weekday names, which must be capitalised.
    pub names: Vec<usize>,
    /// Common time words (`u`, `u2` units, `dw` deictic days), which a capital inside a
    /// sentence makes part of a name ("ABC's \"This Week\"", "CBS's \"60 Minutes\"").
    pub common: Vec<usize>,
    /// `x`: the expression's extent when it differs from the whole match.
    pub extent: Option<usize>,
    /// `cmod`: an outside modifier before the extent.
    pub cmod: Option<usize>,
    /// `m`: a month name.
    pub month: Option<usize>,
    /// `hol`: a holiday name.
    pub holiday: Option<usize>,
}

impl Rule {
    /// The rule's match at the start of `hay`, with its groups; `end`, when given,
    /// is where its longest match there ends (from the rule set): the search then
    /// reads no further, and runs on the backtracker, without a lazy DFA of its own
    /// to find the match first.
    pub fn captures<'t>(&self, hay: &'t str, end: Option<usize>) -> Option<RuleCaptures<'t>> {
        let mut caps = self.regex.create_captures();
        let span = 0..end.unwrap_or(hay.len()).min(hay.len());
        let input = Input::new(hay).span(span).anchored(Anchored::Yes);
        self.regex.search_captures(&input, &mut caps);
        caps.is_match().then_some(RuleCaptures { hay, caps })
    }
}

/// The capture groups of a rule's match over the text it ran on.
#[derive(Debug, Clone)]
pub(crate) struct RuleCaptures<'t> {
    hay: &'t str,
    caps: Captures,
}

/// One capture group's match.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group<'t> {
    hay: &'t str,
    start: usize,
    end: usize,
}

impl<'t> RuleCaptures<'t> {
    /// Group `i` (0: the whole match), if it took part.
    pub fn get(&self, i: usize) -> Option<Group<'t>> {
        self.group(self.caps.get_group(i)?)
    }

    /// The group called `name`, if it took part.
    pub fn name(&self, name: &str) -> Option<Group<'t>> {
        self.group(self.caps.get_group_by_name(name)?)
    }

    fn group(&self, span: regex_automata::Span) -> Option<Group<'t>> {
        Some(Group {
            hay: self.hay,
            start: span.start,
            end: span.end,
        })
    }
}

impl<'t> Group<'t> {
    pub fn as_str(&self) -> &'t str {
        self.hay.get(self.start..self.end).unwrap_or_default()
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The haystack before the group.
    pub fn hay_before(&self) -> &'t str {
        self.hay.get(..self.start).unwrap_or_default()
    }
}

impl Groups {
    fn of(regex: &meta::Regex) -> Self {
        let capture_names = || regex.group_info().pattern_names(PatternID::ZERO);
        let index = |name: &str| capture_names().position(|n| n == Some(name));
        let names = capture_names().enumerate();
        Self {
            vetoes: names
                .filter(|(_, n)| n.is_some_and(|n| n.starts_with("veto")))
                .map(|(i, _)| i)
                .collect(),
            names: ["m", "m2", "wd"].into_iter().filter_map(index).collect(),
            common: ["u", "u2", "dw"].into_iter().filter_map(index).collect(),
            extent: index("x"),
            cmod: index("cmod"),
            month: index("m"),
            holiday: index("hol"),
        }
    }
}

/// Word lists and normalisation tables.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    words: Map<(String, String), String>,
    classes: Map<String, Vec<String>>,
    months: Map<String, i8>,
    holidays: Map<String, String>,
    /// Occurrences (first and last day, in order) of the holidays of `table:` rules.
    holiday_dates: Map<String, Vec<(Date, Date)>>,
    /// National days by holiday key: each country's date rule, with the years it
    /// applied (first and last, inclusive), from national_days.tsv.
    national: Map<String, Vec<NationalDay>>,
}

/// One country's date of a national day (national_days.tsv).
#[derive(Debug, Clone, Default)]
pub(crate) struct NationalDay {
    pub country: String,
    /// A fixed-date holiday rule (`MM-DD`).
    pub rule: String,
    /// The years the date applied, inclusive.
    pub years: (i16, i16),
}

/// Lower-cases and collapses white space and curly apostrophes for table look-ups.
fn key(text: &str) -> String {
    let lower = text.to_lowercase().replace('’', "'");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Lexicon {
    /// The normalisation of `text` in word class `class`.
    pub(crate) fn word(&self, class: &str, text: &str) -> Option<&str> {
        let k = key(text);
        let hit = self.words.get(&(class.to_string(), k.clone()));
        hit.or_else(|| {
            self.words
                .get(&(class.to_string(), k.trim_end_matches('.').to_string()))
        })
        .map(String::as_str)
    }

    /// Month number of a month name or abbreviation.
    pub(crate) fn month(&self, text: &str) -> Option<i8> {
        self.months.get(key(text).trim_end_matches('.')).copied()
    }

    /// Date rule of a holiday name (`12-25`, `nth:11:4:4`, `easter-2`, `table:ramadan`).
    pub(crate) fn holiday(&self, text: &str) -> Option<&str> {
        self.holidays.get(&key(text)).map(String::as_str)
    }

    /// Whether `text` names a national day whose date depends on the country.
    pub(crate) fn is_national_day(&self, text: &str) -> bool {
        self.national.contains_key(&key(text))
    }

    /// Whether `country` keeps the national day `text` (in any year).
    pub(crate) fn keeps_national_day(&self, text: &str, country: &str) -> bool {
        self.national
            .get(&key(text))
            .is_some_and(|days| days.iter().any(|d| d.country == country))
    }

    /// Every country some national day names, for tests.
    #[cfg(test)]
    pub(crate) fn national_day_countries(&self) -> impl Iterator<Item = &str> {
        self.national.values().flatten().map(|d| d.country.as_str())
    }

    /// The date rule of the national day `text` in `country` in year `y`.
    pub(crate) fn national_day(&self, text: &str, country: &str, y: i16) -> Option<&str> {
        self.national
            .get(&key(text))?
            .iter()
            .find(|d| d.country == country && (d.years.0..=d.years.1).contains(&y))
            .map(|d| d.rule.as_str())
    }

    /// The occurrences of a `table:` holiday, in order, each its first and last day.
    pub(crate) fn holiday_dates(&self, name: &str) -> &[(Date, Date)] {
        self.holiday_dates.get(name).map_or(&[], Vec::as_slice)
    }
}

fn data_lines(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

fn load_lexicon() -> Result<Lexicon, RuleError> {
    let mut lex = Lexicon::default();
    for (n, cols) in data_lines(WORDS) {
        let [class, word, rest @ ..] = cols.as_slice() else {
            return Err(RuleError(format!(
                "words.tsv:{n}: expected class<TAB>word<TAB>value"
            )));
        };
        let value = rest.first().copied().unwrap_or("").trim();
        lex.words
            .insert((class.to_string(), key(word)), value.to_string());
        lex.classes
            .entry(class.to_string())
            .or_default()
            .push(word.trim().to_string());
    }
    for (n, cols) in data_lines(MONTHS) {
        let [name, num] = cols.as_slice() else {
            return Err(RuleError(format!(
                "months.tsv:{n}: expected name<TAB>number"
            )));
        };
        let m: i8 = num
            .trim()
            .parse()
            .map_err(|_| RuleError(format!("months.tsv:{n}: bad month")))?;
        lex.months.insert(key(name), m);
    }
    for (n, cols) in data_lines(HOLIDAY_DATES) {
        let bad = || {
            RuleError(format!(
                "holiday_dates.tsv:{n}: expected name<TAB>first[<TAB>last]"
            ))
        };
        let (name, first, last) = match cols.as_slice() {
            [name, first] => (name, first, first),
            [name, first, last] => (name, first, last),
            _ => return Err(bad()),
        };
        let first: Date = first.trim().parse().map_err(|_| bad())?;
        let last: Date = last.trim().parse().map_err(|_| bad())?;
        let dates = lex
            .holiday_dates
            .entry(name.trim().to_string())
            .or_default();
        if last < first || dates.last().is_some_and(|&(_, end)| end >= first) {
            return Err(RuleError(format!(
                "holiday_dates.tsv:{n}: dates out of order"
            )));
        }
        dates.push((first, last));
    }
    for (n, cols) in data_lines(HOLIDAYS) {
        let [name, rule] = cols.as_slice() else {
            return Err(RuleError(format!(
                "holidays.tsv:{n}: expected name<TAB>rule"
            )));
        };
        if let Some(table) = rule.trim().strip_prefix("table:")
            && !lex.holiday_dates.contains_key(table)
        {
            return Err(RuleError(format!(
                "holidays.tsv:{n}: no dates for {table} in holiday_dates.tsv"
            )));
        }
        lex.holidays.insert(key(name), rule.trim().to_string());
        lex.classes
            .entry("holiday".into())
            .or_default()
            .push(name.trim().to_string());
    }
    for (n, cols) in data_lines(NATIONAL_DAYS) {
        let bad = |why: &str| RuleError(format!("national_days.tsv:{n}: {why}"));
        let (name, country, rule, years) = match cols.as_slice() {
            [name, country, rule] => (name, country, rule, "-"),
            [name, country, rule, years] => (name, country, rule, *years),
            _ => return Err(bad("expected holiday<TAB>country<TAB>MM-DD[<TAB>years]")),
        };
        let rule = rule.trim();
        if super::calendar::fixed_day(rule).is_none() {
            return Err(bad("the date is no MM-DD"));
        }
        let (from, to) = years
            .split_once('-')
            .ok_or_else(|| bad("years are no FROM-TO"))?;
        let year = |y: &str, default: i16| match y.trim() {
            "" => Ok(default),
            y => y.parse::<i16>().map_err(|_| bad("years are no FROM-TO")),
        };
        let day = NationalDay {
            country: country.trim().to_string(),
            rule: rule.to_string(),
            years: (year(from, i16::MIN)?, year(to, i16::MAX)?),
        };
        let k = key(name);
        if !lex.national.contains_key(&k) && !lex.holidays.contains_key(&k) {
            lex.classes
                .entry("holiday".into())
                .or_default()
                .push(name.trim().to_string());
        }
        lex.national.entry(k).or_default().push(day);
    }
    Ok(lex)
}

/// A regex alternation of words (case-insensitive), each closed by a word boundary
/// (`abbrev_dot`: or a full stop), written as a trie of their letters:
/// "june|july" as "ju(?:ne|ly)". Of two words that both match, the longer is
/// preferred, as in a list sorted longest first. The shared beginnings are parsed
/// and compiled once: the rule patterns repeat the word lists, and the automata
/// over all rules track every copy (`%holiday` alone was 2,500 NFA states).
fn alternation<'a>(words: impl Iterator<Item = &'a str>, abbrev_dot: bool) -> String {
    // Either apostrophe matches both (see [`push_char`]): one spelling of each word.
    let mut words: Vec<Vec<char>> = words
        .map(|w| w.to_lowercase().replace('’', "'").chars().collect())
        .collect();
    words.sort();
    words.dedup();
    let mut out = String::from("(?:");
    trie(&words, 0, abbrev_dot, &mut out);
    out.push(')');
    out
}

/// Writes the alternation of the sorted, distinct `words`, which all share their
/// first `depth` characters, from character `depth` on.
fn trie(words: &[Vec<char>], depth: usize, abbrev_dot: bool, out: &mut String) {
    // A word that ends here comes first in the sorted list; it is tried last.
    let (ended, rest) = match words.split_first() {
        Some((first, rest)) if first.len() == depth => (Some(first), rest),
        _ => (None, words),
    };
    // The words that go on, grouped by their next character.
    let mut groups: Vec<&[Vec<char>]> = Vec::new();
    let mut i = 0;
    while let Some(c) = rest.get(i).and_then(|w| w.get(depth)) {
        let n = rest[i..]
            .iter()
            .take_while(|w| w.get(depth) == Some(c))
            .count();
        groups.push(&rest[i..i + n]);
        i += n;
    }
    let alternatives = groups.len() + usize::from(ended.is_some());
    let group = alternatives > 1;
    if group {
        out.push_str("(?:");
    }
    for (k, words) in groups.iter().enumerate() {
        if k > 0 {
            out.push('|');
        }
        // The characters all of them share, then what follows.
        let shared = words.first().map_or(depth, |w| {
            let last = words.last().unwrap_or(w);
            let common = w
                .iter()
                .zip(last)
                .skip(depth)
                .take_while(|(a, b)| a == b)
                .count();
            depth + common
        });
        let prefix = words.first().map_or(&[][..], |w| &w[depth..shared]);
        for &c in prefix {
            push_char(c, out);
        }
        trie(words, shared, abbrev_dot, out);
    }
    if let Some(word) = ended {
        if !groups.is_empty() {
            out.push('|');
        }
        if abbrev_dot {
            out.push_str(r"(?:\.|\b)");
        } else if word.last().is_some_and(|c| c.is_alphanumeric()) {
            out.push_str(r"\b");
        }
    }
    if group {
        out.push(')');
    }
}

/// One character of a listed word as a pattern: any white space for a space, either
/// apostrophe for one.
fn push_char(c: char, out: &mut String) {
    match c {
        ' ' => out.push_str(r"\s+"),
        '\'' => out.push_str("['’]"),
        c => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
    }
}

fn named_patterns(lex: &Lexicon) -> Result<Map<String, String>, RuleError> {
    let mut named: Map<String, String> = lex
        .classes
        .iter()
        .map(|(class, words)| {
            (
                class.clone(),
                alternation(words.iter().map(String::as_str), false),
            )
        })
        .collect();
    let mut full: Map<i8, &str> = Map::default();
    for (name, m) in &lex.months {
        let e = full.entry(*m).or_insert(name);
        if name.len() > e.len() {
            *e = name;
        }
    }
    let full_names: Vec<&str> = full.values().copied().collect();
    let abbrevs = lex
        .months
        .keys()
        .map(String::as_str)
        .filter(|n| !full_names.contains(n));
    let month = format!(
        "(?:{}|{})",
        alternation(full_names.iter().copied(), false),
        alternation(abbrevs, true)
    );
    named.insert("month".into(), month);
    named.insert(
        "monthname".into(),
        alternation(full_names.iter().copied(), false),
    );
    for (n, cols) in data_lines(PATTERNS) {
        let [name, pattern] = cols.as_slice() else {
            return Err(RuleError(format!(
                "patterns.tsv:{n}: expected name<TAB>regex"
            )));
        };
        named.insert(name.to_string(), pattern.to_string());
    }
    Ok(named)
}

/// Replaces `%name` references (recursively) and makes `\b` an ASCII boundary.
fn expand(pattern: &str, named: &Map<String, String>, depth: usize) -> Result<String, RuleError> {
    if depth > 8 {
        return Err(RuleError(format!("pattern nesting too deep in {pattern}")));
    }
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..len];
        if name.is_empty() {
            out.push('%');
        } else {
            let body = named
                .get(name)
                .ok_or_else(|| RuleError(format!("unknown pattern %{name}")))?;
            out.push_str(&expand(body, named, depth + 1)?);
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    Ok(if depth == 0 {
        out.replace(r"\b", r"(?-u:\b)")
    } else {
        out
    })
}

fn parse_example(src: &str) -> Result<Example, String> {
    let src = src.trim();
    let (dct, src) = match src.strip_prefix('@') {
        Some(rest) => {
            let (d, r) = rest.split_once(' ').ok_or("missing text after @date")?;
            (d.parse::<Date>().map_err(|e| e.to_string())?, r)
        }
        None => (jiff::civil::date(2024, 1, 10), src),
    };
    let Some((marked, expected)) = src.split_once(" => ") else {
        return Ok(Example {
            dct,
            text: src.to_string(),
            expect: None,
        });
    };
    let open = marked.find('[').ok_or("missing [")?;
    let close = marked.find(']').ok_or("missing ]")?;
    if close < open {
        return Err("] before [".into());
    }
    let text = format!(
        "{}{}{}",
        &marked[..open],
        &marked[open + 1..close],
        &marked[close + 1..]
    );
    let mut parts = expected.split_whitespace();
    let value = parts.next().ok_or("missing value")?.to_string();
    let modifier = parts.next().map(str::to_string);
    Ok(Example {
        dct,
        text,
        expect: Some((open..close - 1, value, modifier)),
    })
}

fn parse_kind(s: &str) -> Option<TimexType> {
    Some(match s {
        "DATE" => TimexType::Date,
        "TIME" => TimexType::Time,
        "DURATION" => TimexType::Duration,
        "SET" => TimexType::Set,
        _ => return None,
    })
}

/// The compiled rule set. A clone shares the compiled automata and the word
/// lists but has match caches of its own (a cloned `meta::Regex` starts an empty
/// pool, a cloned [`Automaton`] no spare caches).
#[derive(Debug, Clone)]
pub(crate) struct RuleSet {
    pub rules: Vec<Rule>,
    /// Where some rule may start, anchored (see [`Scanner::starts_at`]).
    pub starts: Automaton,
    /// Which rules match at a start (see [`Scanner::matching`]).
    pub set: Automaton,
    pub lexicon: std::sync::Arc<Lexicon>,
}

/// Parses `pattern` case-insensitively, as every rule pattern is.
fn parse(pattern: &str) -> Result<Hir, RuleError> {
    crate::extract::automaton::parse(pattern).map_err(RuleError)
}

/// A rule's regex from its parsed pattern, as `regex::Regex` would compile it
/// (leftmost-first, UTF-8).
fn compile_hir(hir: &Hir) -> Result<meta::Regex, RuleError> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .utf8_empty(true)
                .nfa_size_limit(Some(1 << 24))
                // Searched only within the end the rule set found: no DFA (nor the
                // reverse NFA it needs) to find the match bounds first.
                .hybrid(false)
                .dfa(false),
        )
        .build_from_hir(hir)
        .map_err(|e| RuleError(e.to_string()))
}

#[cfg(test)]
fn compile(pattern: &str) -> Result<meta::Regex, RuleError> {
    compile_hir(&parse(pattern)?)
}

/// The rule on line `n` of `rules.tsv` (columns `cols`), whose pattern, anchored
/// at the start, parses to `anchored`.
fn parse_rule(n: usize, cols: &[&str], anchored: &Hir) -> Result<Rule, RuleError> {
    let err = |m: &str| RuleError(format!("rules.tsv:{n}: {m}"));
    let [name, kind, _, norm, examples] = cols else {
        return Err(err("expected 5 tab-separated columns"));
    };
    // Rules run anchored at the candidate starts found by the start automaton.
    let regex = compile_hir(anchored).map_err(|e| err(&e.0))?;
    let examples = examples
        .split(" ;; ")
        .filter(|e| !e.trim().is_empty())
        .map(|e| parse_example(e).map_err(|m| err(&format!("example {e:?}: {m}"))))
        .collect::<Result<Vec<_>, _>>()?;
    if examples.iter().all(|e| e.expect.is_none()) {
        return Err(err("a rule needs at least one positive example"));
    }
    let rule = Rule {
        name: (*name).into(),
        kind: parse_kind(kind).ok_or_else(|| err("unknown type"))?,
        groups: Groups::of(&regex),
        regex,
        norm: Norm::parse(norm).ok_or_else(|| err("unknown normaliser"))?,
        examples,
    };
    Ok(rule)
}

/// Loads and compiles all rule assets.
pub(crate) fn load() -> Result<RuleSet, RuleError> {
    let lexicon = load_lexicon()?;
    let named = named_patterns(&lexicon)?;
    // The start automaton only finds where some rule may start. A rule's leading
    // optional modifier ("about", "the end of": `%premod`, or `%qpremod`, whose words
    // `%premod` has too) is left out of it, and
    // the modifiers themselves are one alternative of their own: the same starts,
    // from an automaton a fraction of the size (its states are built anew on every
    // thread).
    let premod = expand("%premod", &named, 0)?;
    let modifiers = premod
        .strip_suffix('?')
        .ok_or_else(|| RuleError("patterns.tsv: premod must be optional (end in ?)".into()))?
        .to_string();
    let lines: Vec<(usize, Vec<&str>)> = data_lines(RULES).collect();
    // Each rule's pattern, and its start without the modifier when it has one.
    let mut expanded: Vec<(String, Option<String>)> = Vec::with_capacity(lines.len());
    for (n, cols) in &lines {
        let pattern = cols
            .get(2)
            .ok_or_else(|| RuleError(format!("rules.tsv:{n}: expected 5 tab-separated columns")))?;
        let start = match pattern
            .strip_prefix("%premod")
            .or_else(|| pattern.strip_prefix("%qpremod"))
        {
            Some(rest) => Some(expand(rest, &named, 0)?),
            None => None,
        };
        expanded.push((expand(pattern, &named, 0)?, start));
    }
    // Every pattern is parsed once (parsing is most of compiling: the word lists
    // fold case letter by letter), on all cores, errors in line order; the rule's
    // regex and the rule set are built from the same syntax tree.
    let parsed: Vec<Result<(Hir, Option<Hir>), RuleError>> = lines
        .par_iter()
        .zip(&expanded)
        .map(|((n, _), (pattern, start))| {
            let err = |e: RuleError| RuleError(format!("rules.tsv:{n}: {}", e.0));
            let hir = parse(pattern).map_err(err)?;
            let start = start.as_deref().map(parse).transpose().map_err(err)?;
            Ok((hir, start))
        })
        .collect();
    let mut anchored = Vec::with_capacity(parsed.len());
    let mut starts = vec![parse(&modifiers)?];
    for p in parsed {
        let (hir, start) = p?;
        starts.push(start.unwrap_or_else(|| hir.clone()));
        // Rules run anchored at the candidate starts found by the start automaton.
        anchored.push(Hir::concat(vec![Hir::look(Look::Start), hir]));
    }
    // The start automaton is tried anchored at each word start: its lazily built
    // states are those of the rules' prefixes only, a fraction of an unanchored
    // search's, which had to track every partial match in flight (each thread
    // built 0.2 s and 16 MB of them on Reuters).
    // The rules' own regexes and the two automata over all rules are compiled on
    // all cores at once (the automata are the two largest pieces, so they go first);
    // errors are reported in line order.
    let ((starts, set), rules) = rayon::join(
        || {
            rayon::join(
                // One pattern, the rules' shared beginnings written once.
                || {
                    Automaton::from_hirs(&[union_factored(starts)], MatchKind::LeftmostFirst)
                        .map_err(RuleError)
                },
                || Automaton::from_hirs(&anchored, MatchKind::All).map_err(RuleError),
            )
        },
        || {
            lines
                .par_iter()
                .zip(&anchored)
                .map(|((n, cols), hir)| parse_rule(*n, cols, hir))
                .collect::<Vec<_>>()
        },
    );
    let rules = rules
        .into_iter()
        .collect::<Result<Vec<Rule>, RuleError>>()?;
    let (starts, set) = (starts?, set?);
    Ok(RuleSet {
        rules,
        starts,
        set,
        lexicon: std::sync::Arc::new(lexicon),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated holiday table agrees with dates published for 2024 (by the
    /// observing communities), and every `table:` rule has dates.
    #[test]
    fn the_holiday_table_holds_known_dates() -> Result<(), RuleError> {
        let lex = load_lexicon()?;
        let first = |name: &str, year: i16| {
            lex.holiday_dates(name)
                .iter()
                .find(|(d, _)| d.year() == year)
                .map(|(a, b)| (a.to_string(), b.to_string()))
        };
        let day = |d: &str| Some((d.to_string(), d.to_string()));
        assert_eq!(
            first("ramadan", 2024),
            Some(("2024-03-11".into(), "2024-04-09".into()))
        );
        assert_eq!(first("eid al-fitr", 2024), day("2024-04-10"));
        assert_eq!(first("eid al-adha", 2024), day("2024-06-16"));
        assert_eq!(first("nowruz", 2024), day("2024-03-20"));
        assert_eq!(first("passover", 2024), day("2024-04-23"));
        assert_eq!(first("yom kippur", 2023), day("2023-09-25"));
        assert_eq!(first("chinese new year", 2024), day("2024-02-10"));
        assert_eq!(first("orthodox easter", 2024), day("2024-05-05"));
        assert_eq!(first("diwali", 2023), day("2023-11-12"));
        assert_eq!(first("holi", 2024), day("2024-03-25"));
        assert_eq!(first("dussehra", 2024), day("2024-10-12"));
        // The Indian festivals are listed for 2001-2035 only (Holi without 2002, 2011).
        for rule in lex.holidays.values() {
            if let Some(name) = rule.strip_prefix("table:") {
                let years = lex.holiday_dates(name).len();
                match name {
                    "diwali" | "dussehra" => assert_eq!(years, 35, "{name}"),
                    "holi" => assert_eq!(years, 33, "{name}"),
                    _ => assert!(years > 100, "{name}"),
                }
            }
        }
        Ok(())
    }

    /// Patterns write digits as `[0-9]`: Unicode `\d` also matches the digits of other
    /// scripts, which the resolvers do not read, and makes every automaton larger.
    #[test]
    fn patterns_match_ascii_digits_only() {
        for (n, cols) in data_lines(PATTERNS) {
            let pattern = cols.get(1).copied().unwrap_or_default();
            assert!(!pattern.contains(r"\d"), "patterns.tsv line {n}: {pattern}");
        }
        for (n, cols) in data_lines(RULES) {
            let pattern = cols.get(2).copied().unwrap_or_default();
            assert!(!pattern.contains(r"\d"), "rules.tsv line {n}: {pattern}");
        }
    }

    /// A word list written as a trie finds, in any text, what the list sorted
    /// longest first finds: the longer of two words that both match, phrases over
    /// any white space, either apostrophe, abbreviations with or without a full stop.
    #[test]
    fn a_word_trie_matches_as_the_sorted_list() -> Result<(), RuleError> {
        let words = [
            "may",
            "mayday",
            "march",
            "mar",
            "labor day",
            "labor day weekend",
            "new year's eve",
            "new year",
            "new year's day",
            "Eid",
            "eid al-adha",
            "eid al-fitr",
            "sept",
            "sep",
            "septa",
            "o'clock",
            "a.m.",
            "am",
        ];
        let texts = [
            "Mayday in May, the Labor Day weekend and labor  day; New Year’s Eve, new year's",
            "Eid al-Adha, EID, eid al-fitr; Sept. 3, sep 4, Septa; 10 o’clock, 9 a.m. am",
            "mayor marched; laborday; new years; eids",
        ];
        for abbrev_dot in [false, true] {
            let sorted = {
                let mut words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                words.sort_by_key(|w| std::cmp::Reverse(w.len()));
                let alternatives: Vec<String> = words
                    .iter()
                    .map(|w| {
                        let mut p = regex::escape(w).replace(' ', r"\s+").replace('\'', "['’]");
                        if abbrev_dot {
                            p.push_str(r"(?:\.|\b)");
                        } else if w.ends_with(|c: char| c.is_alphanumeric()) {
                            p.push_str(r"\b");
                        }
                        p
                    })
                    .collect();
                compile(&format!(r"\b(?:{})", alternatives.join("|")))?
            };
            let trie = compile(&format!(
                r"\b{}",
                alternation(words.iter().copied(), abbrev_dot)
            ))?;
            let mut found = 0;
            for text in texts {
                let a: Vec<_> = sorted.find_iter(text).map(|m| m.range()).collect();
                let b: Vec<_> = trie.find_iter(text).map(|m| m.range()).collect();
                assert_eq!(b, a, "abbrev_dot {abbrev_dot} in {text:?}");
                found += a.len();
            }
            assert!(found >= 12, "the texts have the words ({found})");
        }
        assert_eq!(
            alternation(["june", "july", "jul"].into_iter(), false),
            r"(?:ju(?:l(?:y\b|\b)|ne\b))"
        );
        Ok(())
    }

    #[test]
    fn groups_are_found_by_name_once() -> Result<(), RuleError> {
        let re = compile(
            r"^(?:(?P<veto1>\$)?(?P<cmod>about )?(?P<x>(?P<m>may) (?P<d>\d+))(?P<veto_y>!)?)",
        )?;
        let g = Groups::of(&re);
        let name = |i: usize| {
            re.group_info()
                .pattern_names(PatternID::ZERO)
                .nth(i)
                .flatten()
        };
        let vetoes: Vec<_> = g.vetoes.iter().map(|&i| name(i)).collect();
        assert_eq!(vetoes, [Some("veto1"), Some("veto_y")]);
        let names: Vec<_> = g.names.iter().map(|&i| name(i)).collect();
        assert_eq!(names, [Some("m")], "no weekday group here");
        assert_eq!(g.extent.and_then(name), Some("x"));
        assert_eq!(g.cmod.and_then(name), Some("cmod"));
        assert!(Groups::of(&compile("^may")?).extent.is_none());
        Ok(())
    }

    /// The rule set tells, at every position of the rules' own examples and of
    /// non-ASCII text, exactly the rules whose own regex matches there, and an end
    /// within which each rule finds the match (and groups) it finds unbounded.
    #[test]
    fn the_rule_set_tells_the_rules_that_match() -> Result<(), RuleError> {
        let rules = load()?;
        let mut set = rules.set.scanner();
        let mut texts: Vec<String> = rules
            .rules
            .iter()
            .flat_map(|r| r.examples.iter().map(|e| e.text.clone()))
            .collect();
        texts
            .push("“Last week” — l’année 2019: Zürich and 東京 met in mid-2020, at 10 a.m.".into());
        let mut matched = 0;
        for text in &texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let hay = text.get(at..).unwrap_or_default();
                let found = set.matching(hay).to_vec();
                let got: Vec<usize> = found.iter().map(|(p, _)| *p).collect();
                let expected: Vec<usize> = (0..rules.rules.len())
                    .filter(|&i| rules.rules[i].regex.is_match(hay))
                    .collect();
                assert_eq!(got, expected, "at {at} of {text:?}");
                for (p, end) in found {
                    let rule = &rules.rules[p];
                    assert!(end.is_some(), "the DFA tells where {} ends", rule.name);
                    let groups = |c: Option<RuleCaptures>| {
                        let c = c.expect("a match");
                        (0..rule.regex.group_info().group_len(PatternID::ZERO))
                            .map(|i| c.get(i).map(|g| g.range()))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(
                        groups(rule.captures(hay, end)),
                        groups(rule.captures(hay, None)),
                        "{} at {at} of {text:?}",
                        rule.name
                    );
                }
                matched += got.len();
            }
        }
        assert!(
            matched > rules.rules.len(),
            "every rule matches its examples"
        );
        Ok(())
    }

    /// The byte-by-byte DFA walk answers as the PikeVM over the same automaton, at
    /// every position: ASCII text, where the DFA decides, and text around non-ASCII
    /// letters and punctuation, where it gives up to the PikeVM.
    #[test]
    fn the_start_walk_agrees_with_the_pikevm() -> Result<(), RuleError> {
        let starts = load()?.starts;
        let mut scanner = starts.scanner();
        let texts = [
            "On Tuesday, 3 March 1987, the talks ended; two weeks later (on the 25th) they resumed.",
            "“Last week” — l’année 2019: Zürich, São Paulo and 東京 met in mid-2020, about 10 a.m.",
            "Ende März 2024 kam es zu Gesprächen; été 1998 — the 1990s, 2000-W07, Q3 1998.",
            "",
            "9",
            "late",
        ];
        let mut hits = 0;
        for text in texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let expected = starts.pikevm_starts_at(text, at);
                assert_eq!(scanner.starts_at(text, at), expected, "at {at} of {text:?}");
                hits += usize::from(expected);
            }
        }
        assert!(hits >= 15, "the texts have date starts ({hits})");
        Ok(())
    }
}
