//! Ranges whose ends are named by two expressions ("between Monday and Wednesday",
//! "from March to May", "Monday through Friday"): each end is first resolved on its
//! own; when the two disagree (the second before the first, or a week of weekdays
//! more than a week long) the end that is anchored more firmly places the other.

use std::ops::Range;

use jiff::civil::Date;

use super::calendar::{Dir, days_between, weekday_from};
use super::tense::TenseKind;
use super::value::Value;

/// The year a range of months lies in by a season year named right before it: a
/// split year ("1987/88 (April-March)", "the current 1986/87 October-September
/// season") gives the first month's year; a year before a bracket, maybe with a
/// word or two ("the 1986 (May-December) crop year", "the 1987 quota year
/// (January-December)"), the year of a range that stays within it (`wraps` false).
pub(super) fn season_year(text: &str, start: usize, wraps: bool) -> Option<i16> {
    let mut from = start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..start)?.trim_end();
    let (before, bracket) = match before.strip_suffix('(') {
        Some(b) => (b.trim_end(), true),
        None => (before, false),
    };
    let mut words = before.rsplit(' ').filter(|w| !w.is_empty());
    let mut token = words.next()?;
    for _ in 0..2 {
        let lower = !token.is_empty() && token.bytes().all(|b| b.is_ascii_lowercase());
        if !(bracket && lower) {
            break;
        }
        token = words.next()?;
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let (first, second) = match token.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (token, None),
    };
    if first.len() != 4 || !digits(first) {
        return None;
    }
    let year: i16 = first.parse().ok()?;
    match second {
        // "1986/87", "1986/1987": the next year.
        Some(b) if digits(b) && (b.len() == 2 || b.len() == 4) => {
            let next: i16 = b.parse().ok()?;
            (next % 100 == (year + 1) % 100).then_some(year)
        }
        Some(_) => None,
        None => (bracket && !wraps).then_some(year),
    }
}

/// One end of a range as resolved on its own.
#[derive(Debug, Clone)]
pub(super) struct End {
    /// Its value.
    pub value: Value,
    /// Nothing but the tense placed it: a weekday or month without a relative word
    /// ("Monday", "May"; not "last Monday", "Wednesday last week", "March 3").
    pub bare: bool,
}

/// Words of the clause before a range that make its "from … to …" a change of date,
/// not a range ("postponed the vote from Monday to Wednesday").
const RESCHEDULE: [&str; 16] = [
    "postponed",
    "postpone",
    "delayed",
    "delay",
    "moved",
    "move",
    "rescheduled",
    "pushed",
    "brought",
    "shifted",
    "changed",
    "switched",
    "advanced",
    "put",
    "deferred",
    "adjourned",
];

/// Bytes before a range's first end within which [`RESCHEDULE`] words are looked for.
const RESCHEDULE_REACH: usize = 60;

/// Whether the expression at `second` closes a range opened by the one at `first`:
/// "between [first] and [second]", "from [first] to / through / until [second]",
/// "[first] through [second]", "[first]-[second]".
pub(super) fn linked(text: &str, first: &Range<usize>, second: &Range<usize>) -> bool {
    let Some(raw) = text.get(first.end..second.start) else {
        return false;
    };
    // A dash links the two only written tight ("April-June"; not "Oct 20 - Monday's").
    let gap = match raw.trim() {
        g @ ("-" | "–" | "—") if g.len() != raw.len() => "",
        g => g,
    };
    let opener = super::word_before(text, first.start);
    let is = |w: &str, list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    let linked = match opener {
        o if o.eq_ignore_ascii_case("between") => is(gap, &["and"]),
        o if o.eq_ignore_ascii_case("from") => is(
            gap,
            &["to", "through", "thru", "until", "till", "-", "–", "—"],
        ),
        _ => is(gap, &["through", "thru", "-", "–"]),
    };
    if !linked {
        return false;
    }
    let mut from = first.start.saturating_sub(RESCHEDULE_REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..first.start).unwrap_or_default();
    // Only the clause of the range: after the last sentence or clause break.
    let clause = before
        .rsplit(['.', ';', '!', '?'])
        .next()
        .unwrap_or_default();
    !clause
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| is(w, &RESCHEDULE))
}

/// The ends of a range made consistent, with the reason, when they were not (`None`
/// when nothing changes). Two weekdays placed by the tense alone (`tense`) become the
/// last such week for the past, the week from the first day otherwise; two months,
/// the range nearest publication (`dct`), or in the future the first not yet over
/// (a past verb often tells of a plan for months ahead: "bought corn for shipment
/// between May and October").
pub(super) fn fit(
    first: &End,
    second: &End,
    tense: TenseKind,
    dct: Option<Date>,
    season: impl Fn(bool) -> Option<i16>,
) -> Option<(Value, Value, String)> {
    if !(first.bare || second.bare) {
        return None;
    }
    match (&first.value, &second.value) {
        (Value::Month(ya, ma), Value::Month(_, mb)) => {
            let wraps = mb <= ma;
            if first.bare
                && second.bare
                && let Some(y) = season(wraps)
            {
                let (a, b) = (
                    Value::Month(y, *ma),
                    Value::Month(y + i16::from(wraps), *mb),
                );
                let why = format!("the season year named before the range ({y})");
                return (*ya != y || b != second.value).then_some((a, b, why));
            }
            fit_months(first, second, tense == TenseKind::Future, dct)
        }
        _ => fit_days(first, second, tense == TenseKind::Past),
    }
}

/// Which end places the other: the anchored one, or with both bare the second in
/// the past (a past range ends before publication) and the first otherwise.
fn second_places(first: &End, second: &End, past: bool) -> bool {
    match (first.bare, second.bare) {
        (true, false) => true,
        (false, true) => false,
        _ => past,
    }
}

fn with_day(v: &Value, d: Date) -> Value {
    match v {
        Value::Time(_, t) => Value::Time(d, t.clone()),
        _ => Value::Day(d),
    }
}

fn fit_days(first: &End, second: &End, past: bool) -> Option<(Value, Value, String)> {
    let (a, b) = (first.value.day()?, second.value.day()?);
    let diff = days_between(a, b);
    // Two weekdays span at most a week; an anchored end only has to come in order.
    let fine = match first.bare && second.bare {
        true => (1..=7).contains(&diff),
        false => diff >= 1,
    };
    if fine {
        return None;
    }
    if second_places(first, second, past) {
        let a = weekday_from(b, a.weekday(), Dir::Before)?;
        Some((
            with_day(&first.value, a),
            with_day(&second.value, b),
            format!(
                "the range's start: the {:?} before its end ({})",
                a.weekday(),
                Value::Day(b)
            ),
        ))
    } else {
        let b = weekday_from(a, b.weekday(), Dir::After)?;
        Some((
            first.value.clone(),
            with_day(&second.value, b),
            format!(
                "the range's end: the {:?} after its start ({})",
                b.weekday(),
                Value::Day(a)
            ),
        ))
    }
}

fn fit_months(
    first: &End,
    second: &End,
    future: bool,
    dct: Option<Date>,
) -> Option<(Value, Value, String)> {
    let (Value::Month(ya, ma), Value::Month(yb, mb)) = (&first.value, &second.value) else {
        return None;
    };
    let (ya, ma, yb, mb) = (*ya, *ma, *yb, *mb);
    let index = |y: i16, m: i8| i32::from(y) * 12 + i32::from(m);
    let diff = index(yb, mb) - index(ya, ma);
    let both = first.bare && second.bare;
    let fine = if both {
        (1..=12).contains(&diff)
    } else {
        diff >= 1
    };
    if fine {
        return None;
    }
    // The end that runs into the next year ("October-September"), if the other's month
    // comes first.
    let wraps = i16::from(mb <= ma);
    let (ya, yb, why) = match (first.bare, second.bare) {
        (true, false) => (
            yb - wraps,
            yb,
            format!(
                "the range's start: month {ma:02} before its end ({})",
                Value::Month(yb, mb)
            ),
        ),
        (false, true) => (
            ya,
            ya + wraps,
            format!(
                "the range's end: month {mb:02} after its start ({})",
                Value::Month(ya, ma)
            ),
        ),
        _ => {
            let dct = dct?;
            let ya = nearest_months(ma, mb, future, dct)?;
            let how = if future { "coming" } else { "nearest" };
            (
                ya,
                ya + wraps,
                format!(
                    "the months {ma:02} to {mb:02} as one range, the {how} to {}",
                    Value::Day(dct)
                ),
            )
        }
    };
    Some((Value::Month(ya, ma), Value::Month(yb, mb), why))
}

/// The year of the first month of the range from month `ma` to the next month `mb`
/// that lies nearest `dct`: the one holding it, else the one nearer in days (the past
/// on a tie); with `future`, the first one that has not ended.
fn nearest_months(ma: i8, mb: i8, future: bool, dct: Date) -> Option<i16> {
    let wraps = i16::from(mb <= ma);
    let cands: Vec<(i16, Date, Date)> = (dct.year() - 1..=dct.year() + 1)
        .filter_map(|y| {
            let start = Date::new(y, ma, 1).ok()?;
            let end = Date::new(y + wraps, mb, 1).ok()?.last_of_month();
            Some((y, start, end))
        })
        .collect();
    if future {
        return cands.iter().find(|c| c.2 >= dct).map(|c| c.0);
    }
    cands
        .iter()
        .min_by_key(|c| {
            if c.1 <= dct && dct <= c.2 {
                (0, 0)
            } else if c.2 < dct {
                (days_between(c.2, dct), 0)
            } else {
                (days_between(dct, c.1), 1)
            }
        })
        .map(|c| c.0)
}
