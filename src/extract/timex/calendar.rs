//! Calendar helpers for the resolvers: day and month arithmetic, period bounds,
//! choosing the year of a period by direction, weekdays and holiday rules.

use jiff::civil::{Date, Weekday};

use super::value::Value;

/// The names of the weekdays and the months, in full and lower case (for the checks
/// that ask whether a word is one: `tense.rs`, `events.rs`).
pub(crate) const CALENDAR_NAMES: [&str; 19] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Which occurrence of a recurring period to choose relative to an anchor date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// The latest one that has begun by the anchor ("said in January").
    Past,
    /// The latest one that ended before the anchor ("last October").
    Before,
    /// The earliest one that has not ended ("will … in October").
    Future,
    /// The earliest one that begins after the anchor ("next March").
    After,
    /// The one containing the anchor, else the nearest, preferring the past.
    Nearest,
}

impl Dir {
    /// Words for derivations.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Dir::Past => "most recent",
            Dir::Before => "previous",
            Dir::Future => "coming",
            Dir::After => "next",
            Dir::Nearest => "nearest",
        }
    }

    /// The direction of a relative word's offset (-1 last, 0 this, +1 next).
    pub(crate) fn of_offset(n: i64) -> Dir {
        match n {
            i64::MIN..=-1 => Dir::Before,
            0 => Dir::Nearest,
            _ => Dir::After,
        }
    }
}

/// `d` plus `n` days.
pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    a.until(b)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(i64::MAX / 4)
}

/// Month `m` of year `y` plus `n` months.
pub(crate) fn add_months(y: i16, m: i8, n: i64) -> Option<(i16, i8)> {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + n;
    Some((
        i16::try_from(idx.div_euclid(12)).ok()?,
        i8::try_from(idx.rem_euclid(12) + 1).ok()?,
    ))
}

/// First and last day of month `m` of `y`.
pub(crate) fn month_bounds(y: i16, m: i8) -> Option<(Date, Date)> {
    let first = Date::new(y, m, 1).ok()?;
    Some((first, first.last_of_month()))
}

/// First and last day of `count` months starting at month `m` of `y`.
pub(crate) fn months_bounds(y: i16, m: i8, count: i64) -> Option<(Date, Date)> {
    let (ey, em) = add_months(y, m, count - 1)?;
    Some((Date::new(y, m, 1).ok()?, month_bounds(ey, em)?.1))
}

/// The first month of TIMEX3 season `code` (`SP`, `SU`, `FA`, `WI`).
pub(crate) fn season_first_month(code: &str) -> Option<i8> {
    match code {
        "SP" => Some(3),
        "SU" => Some(6),
        "FA" => Some(9),
        "WI" => Some(12),
        _ => None,
    }
}

/// Bounds of season `code` of year `y` (winter runs into the next year).
pub(crate) fn season_bounds(y: i16, code: &str) -> Option<(Date, Date)> {
    months_bounds(y, season_first_month(code)?, 3)
}

/// The year (anchor year −1 … +1) whose period, given by `bounds`, lies in direction `dir`.
pub(crate) fn pick_year(
    anchor: Date,
    dir: Dir,
    bounds: impl Fn(i16) -> Option<(Date, Date)>,
) -> Option<i16> {
    let y0 = anchor.year();
    let cands: Vec<(i16, Date, Date)> = [y0.checked_sub(1), Some(y0), y0.checked_add(1)]
        .into_iter()
        .flatten()
        .filter_map(|y| bounds(y).map(|(s, e)| (y, s, e)))
        .collect();
    pick_period(anchor, dir, &cands)
}

/// The first field of the period of `cands` (in order of time, each with its first and
/// last day) that lies in direction `dir` from `anchor`.
pub(crate) fn pick_period<T: Copy>(anchor: Date, dir: Dir, cands: &[(T, Date, Date)]) -> Option<T> {
    let found = match dir {
        Dir::Past => cands.iter().rev().find(|c| c.1 <= anchor),
        Dir::Before => cands.iter().rev().find(|c| c.2 < anchor),
        Dir::Future => cands.iter().find(|c| c.2 >= anchor),
        Dir::After => cands.iter().find(|c| c.1 > anchor),
        Dir::Nearest => cands.iter().min_by_key(|c| {
            if c.1 <= anchor && anchor <= c.2 {
                (0, 0)
            } else if c.2 < anchor {
                (days_between(c.2, anchor), 0)
            } else {
                (days_between(anchor, c.1), 1)
            }
        }),
    };
    found.map(|c| c.0)
}

/// The weekday `wd` in direction `dir` from `anchor`.
pub(crate) fn weekday_from(anchor: Date, wd: Weekday, dir: Dir) -> Option<Date> {
    let same = anchor.weekday() == wd;
    let prev = anchor.nth_weekday(-1, wd).ok();
    let next = anchor.nth_weekday(1, wd).ok();
    match dir {
        Dir::Past | Dir::Future | Dir::Nearest if same => Some(anchor),
        Dir::Past | Dir::Before => prev,
        Dir::Future | Dir::After => next,
        Dir::Nearest => {
            let (p, n) = (prev?, next?);
            Some(if days_between(p, anchor) <= days_between(anchor, n) {
                p
            } else {
                n
            })
        }
    }
}

/// Western Easter Sunday of `y` (anonymous Gregorian algorithm).
pub(crate) fn easter(y: i16) -> Option<Date> {
    let y = i32::from(y);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// The date of a holiday rule (`12-25`, `nth:11:4:4`, `last:5:1`, `easter-2`) in year `y`.
/// A weekday rule may end in a day offset: `nth:11:1:1+1` is the Tuesday after the first
/// Monday of November.
pub(crate) fn holiday_date(rule: &str, y: i16) -> Option<Date> {
    if let Some(off) = rule.strip_prefix("easter") {
        let n: i64 = off.trim_start_matches('+').parse().ok()?;
        return add_days(easter(y)?, n);
    }
    if let Some((base, off)) = rule.split_once('+').filter(|_| !rule.contains('-')) {
        return add_days(holiday_date(base, y)?, off.parse().ok()?);
    }
    let parts: Vec<&str> = rule.split(':').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<i8>().ok());
    match parts.first().copied() {
        Some("nth") => {
            let wd = Weekday::from_monday_one_offset(num(2)?).ok()?;
            Date::new(y, num(1)?, 1)
                .ok()?
                .nth_weekday_of_month(num(3)?, wd)
                .ok()
        }
        Some("last") => {
            let wd = Weekday::from_monday_one_offset(num(2)?).ok()?;
            Date::new(y, num(1)?, 1)
                .ok()?
                .nth_weekday_of_month(-1, wd)
                .ok()
        }
        _ => {
            let (m, d) = fixed_day(rule)?;
            Date::new(y, m, d).ok()
        }
    }
}

/// The month and day of a holiday rule on a fixed day ("12-25"); `None` for the
/// others ("easter-2", "nth:11:4:4").
pub(crate) fn fixed_day(rule: &str) -> Option<(i8, i8)> {
    let (m, d) = rule.split_once('-')?;
    let two_digits = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !(two_digits(m) && two_digits(d)) {
        return None;
    }
    Some((m.parse().ok()?, d.parse().ok()?))
}

/// `base` shifted by `n` units (D, W, M, Y, DE, CE, Q, WE), at the unit's granularity.
pub(crate) fn shift(base: &Value, unit: &str, n: i64) -> Option<Value> {
    match unit {
        "D" => Some(Value::Day(add_days(base.day()?, n)?)),
        "W" | "WE" | "FN" => {
            let k = if unit == "FN" { 14 } else { 7 };
            let w = add_days(base.day()?, k * n)?.iso_week_date();
            Some(Value::Week(w.year(), w.week(), unit == "WE"))
        }
        "M" => {
            let (y, m) = base.month()?;
            let (y, m) = add_months(y, m, n)?;
            Some(Value::Month(y, m))
        }
        "Q" => shift_quarter(base, n),
        "Y" => Some(Value::Year(year_plus(base.year()?, n)?)),
        "DE" => match base {
            Value::Decade(d) => Some(Value::Decade(year_plus(*d, n)?)),
            _ if n == 0 => Some(Value::Decade(base.year()? / 10)),
            _ => Some(Value::Year(year_plus(base.year()?, 10 * n)?)),
        },
        "CE" => match base {
            Value::Century(c) => Some(Value::Century(year_plus(*c, n)?)),
            _ if n == 0 => Some(Value::Century(base.year()? / 100)),
            _ => Some(Value::Year(year_plus(base.year()?, 100 * n)?)),
        },
        _ => None,
    }
}

fn year_plus(y: i16, n: i64) -> Option<i16> {
    i16::try_from(i64::from(y) + n)
        .ok()
        .filter(|y| (0..=9999).contains(y))
}

fn shift_quarter(base: &Value, n: i64) -> Option<Value> {
    let (y, q) = match base {
        Value::Quarter(y, q) => (*y, *q),
        _ => {
            let (y, m) = base.month()?;
            (y, (m - 1) / 3 + 1)
        }
    };
    let (y, m) = add_months(y, (q - 1) * 3 + 1, 3 * n)?;
    Some(Value::Quarter(y, (m - 1) / 3 + 1))
}
