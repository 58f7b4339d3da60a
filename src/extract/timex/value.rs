//! TIMEX3 values: the typed [`Value`] produced by the resolvers, its TIMEX3 string
//! form, and the parser behind [`interval`](super::interval) that turns a value
//! string back into inclusive day bounds.

use std::fmt;

use jiff::civil::{Date, ISOWeekDate, Weekday};

use super::{Granularity, Interval};

/// A resolved (or deliberately unresolved) TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A calendar day.
    Day(Date),
    /// A day with a time of day (`T19:04`) or part of day (`TAF`).
    Time(Date, String),
    /// An ISO week (`2024-W06`), `we` = the weekend of that week.
    Week(i16, i8, bool),
    /// A calendar month.
    Month(i16, i8),
    /// A season (`SP`, `SU`, `FA`, `WI`).
    Season(i16, String),
    /// A quarter 1..=4.
    Quarter(i16, i8),
    /// A half year 1..=2.
    Half(i16, i8),
    /// A calendar year.
    Year(i16),
    /// A decade, by its first three digits (`199`).
    Decade(i16),
    /// A century, by its first two digits (`19` = 1900–1999).
    Century(i16),
    /// Anything else, already in TIMEX3 form: durations, sets, `PAST_REF`, `XXXX-10`.
    Raw(String),
}

impl Value {
    /// Whether this value is anchored on the calendar (usable as a reference date).
    pub(crate) fn is_anchored(&self) -> bool {
        !matches!(self, Value::Raw(_))
    }

    /// The day this value points at, if it has day precision.
    pub(crate) fn day(&self) -> Option<Date> {
        match self {
            Value::Day(d) | Value::Time(d, _) => Some(*d),
            _ => None,
        }
    }

    /// The month this value lies in, if it has month precision or finer.
    pub(crate) fn month(&self) -> Option<(i16, i8)> {
        match self {
            Value::Day(d) | Value::Time(d, _) => Some((d.year(), d.month())),
            Value::Month(y, m) => Some((*y, *m)),
            _ => None,
        }
    }

    /// The year this value lies in, if any.
    pub(crate) fn year(&self) -> Option<i16> {
        match self {
            Value::Day(d) | Value::Time(d, _) => Some(d.year()),
            Value::Week(y, ..)
            | Value::Month(y, _)
            | Value::Season(y, _)
            | Value::Quarter(y, _)
            | Value::Half(y, _)
            | Value::Year(y) => Some(*y),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Value::Time(d, t) => write!(f, "{}T{t}", Value::Day(*d)),
            Value::Week(y, w, false) => write!(f, "{y:04}-W{w:02}"),
            Value::Week(y, w, true) => write!(f, "{y:04}-W{w:02}-WE"),
            Value::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Value::Season(y, s) => write!(f, "{y:04}-{s}"),
            Value::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Value::Half(y, h) => write!(f, "{y:04}-H{h}"),
            Value::Year(y) => write!(f, "{y:04}"),
            Value::Decade(d) => write!(f, "{d:03}"),
            Value::Century(c) => write!(f, "{c:02}"),
            Value::Raw(s) => f.write_str(s),
        }
    }
}

/// Parses a TIMEX3 date or time value into its bounds, then narrows by `modifier`.
pub(crate) fn parse_interval(value: &str, modifier: Option<&str>) -> Option<Interval> {
    let whole = parse_bounds(value.trim())?;
    Some(narrow(whole, modifier))
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn iv(start: Date, end: Date, granularity: Granularity) -> Option<Interval> {
    (start <= end).then_some(Interval {
        start,
        end,
        granularity,
    })
}

fn year_bounds(y0: i16, y1: i16, g: Granularity) -> Option<Interval> {
    iv(Date::new(y0, 1, 1).ok()?, Date::new(y1, 12, 31).ok()?, g)
}

fn parse_bounds(value: &str) -> Option<Interval> {
    let (date_part, time_part) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    if let Some(t) = time_part {
        if t.is_empty() || t.contains('X') {
            return None;
        }
        let d = parse_bounds(date_part)?;
        return (d.granularity == Granularity::Day).then_some(Interval {
            granularity: Granularity::Time,
            ..d
        });
    }
    match date_part.len() {
        2 => {
            let c: i16 = num(date_part)?;
            year_bounds(
                c.checked_mul(100)?,
                c.checked_mul(100)?.checked_add(99)?,
                Granularity::Century,
            )
        }
        3 => {
            let d: i16 = num(date_part)?;
            year_bounds(
                d.checked_mul(10)?,
                d.checked_mul(10)?.checked_add(9)?,
                Granularity::Decade,
            )
        }
        4 => {
            let y: i16 = num(date_part)?;
            year_bounds(y, y, Granularity::Year)
        }
        _ => parse_sub_year(date_part),
    }
}

fn parse_sub_year(value: &str) -> Option<Interval> {
    let y: i16 = num(value.get(0..4)?)?;
    if value.get(4..5)? != "-" {
        return None;
    }
    let rest = value.get(5..)?;
    let mut parts = rest.split('-');
    let first = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    if matches!(first, "SP" | "SU" | "FA" | "WI") {
        return second.is_none().then(|| season(y, first))?;
    }
    let tail = first.get(1..)?;
    match (first.as_bytes().first()?, second) {
        (b'W', None) => week(y, num(tail)?, false),
        (b'W', Some("WE")) => week(y, num(tail)?, true),
        (b'Q', None) => quarter(y, num(tail)?),
        (b'H', None) => half(y, num(tail)?),
        (b'0'..=b'9', None) => month(y, num(first)?),
        (b'0'..=b'9', Some(d)) => {
            let day = Date::new(y, num(first)?, num(d)?).ok()?;
            iv(day, day, Granularity::Day)
        }
        _ => None,
    }
}

fn week(y: i16, w: i8, weekend: bool) -> Option<Interval> {
    let first = if weekend {
        Weekday::Saturday
    } else {
        Weekday::Monday
    };
    let start = ISOWeekDate::new(y, w, first).ok()?.date();
    let end = ISOWeekDate::new(y, w, Weekday::Sunday).ok()?.date();
    iv(start, end, Granularity::Week)
}

fn month(y: i16, m: i8) -> Option<Interval> {
    let start = Date::new(y, m, 1).ok()?;
    iv(start, start.last_of_month(), Granularity::Month)
}

fn span_months(y: i16, first: i8, count: i8, g: Granularity) -> Option<Interval> {
    let start = Date::new(y, first, 1).ok()?;
    let last_index = i32::from(first) - 1 + i32::from(count) - 1;
    let ey = i16::try_from(i32::from(y) + last_index / 12).ok()?;
    let em = i8::try_from(last_index % 12 + 1).ok()?;
    let end = Date::new(ey, em, 1).ok()?.last_of_month();
    iv(start, end, g)
}

fn quarter(y: i16, q: i8) -> Option<Interval> {
    (1..=4).contains(&q).then_some(())?;
    span_months(y, (q - 1) * 3 + 1, 3, Granularity::Quarter)
}

fn half(y: i16, h: i8) -> Option<Interval> {
    (1..=2).contains(&h).then_some(())?;
    span_months(y, (h - 1) * 6 + 1, 6, Granularity::Half)
}

fn season(y: i16, code: &str) -> Option<Interval> {
    let first = super::calendar::season_first_month(code)?;
    span_months(y, first, 3, Granularity::Season)
}

/// Narrows an interval to its first, middle or last third for START / MID / END:
/// by whole months when the interval is a multiple of three months, else by days.
fn narrow(whole: Interval, modifier: Option<&str>) -> Interval {
    let (start, end) = match modifier {
        Some("START") => (0, 1),
        Some("MID") => (1, 2),
        Some("END") => (2, 3),
        _ => return whole,
    };
    let by_months = whole.start.day() == 1
        && whole.end == whole.end.last_of_month()
        && months_in(&whole) % 3 == 0;
    let bounds = if by_months {
        month_thirds(&whole, start, end)
    } else {
        day_thirds(&whole, start, end)
    };
    match bounds {
        Some((s, e)) if s <= e => Interval {
            start: s,
            end: e,
            ..whole
        },
        _ => whole,
    }
}

fn months_in(iv: &Interval) -> i64 {
    let m = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month());
    m(iv.end) - m(iv.start) + 1
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_months(n).ok()?).ok()
}

fn month_thirds(iv: &Interval, from: i64, to: i64) -> Option<(Date, Date)> {
    let third = months_in(iv) / 3;
    let s = add_months(iv.start, third * from)?;
    let e = add_months(iv.start, third * to - 1)?.last_of_month();
    Some((s, e))
}

fn day_thirds(iv: &Interval, from: i64, to: i64) -> Option<(Date, Date)> {
    let len = i64::from(iv.start.until(iv.end).ok()?.get_days()) + 1;
    let third = len / 3;
    if third < 1 {
        return None;
    }
    let add = |d: Date, n: i64| d.checked_add(jiff::Span::new().try_days(n).ok()?).ok();
    let s = add(iv.start, third * from)?;
    let e = if to == 3 {
        iv.end
    } else {
        add(iv.start, third * to - 1)?
    };
    Some((s, e))
}
