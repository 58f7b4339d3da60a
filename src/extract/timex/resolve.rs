//! Resolvers: turn the captures of a matched rule into a TIMEX3 [`Value`] against
//! the publication date (DCT), the tense of the clause and the reference date of the
//! narrative, recording the derivation in words. One function per normaliser.

use jiff::civil::{Date, Weekday};

use super::calendar::{
    Dir, add_days, days_between, fixed_day, holiday_date, month_bounds, months_bounds, pick_period,
    pick_year, season_bounds, shift, weekday_from,
};
use super::rules::{Lexicon, Norm, RuleCaptures};
use super::tense::{Tense, TenseKind};
use super::value::Value;

/// The named groups of one match, with the tables to read them.
pub(crate) struct Slots<'a> {
    /// The captures of the rule's regex.
    pub caps: &'a RuleCaptures<'a>,
    /// Word lists and normalisations.
    pub lex: &'a Lexicon,
}

impl<'a> Slots<'a> {
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        self.caps.name(name).map(|m| m.as_str())
    }

    fn word(&self, group: &str, class: &str) -> Option<&'a str> {
        let lex: &'a Lexicon = self.lex;
        lex.word(class, self.get(group)?)
    }
}

/// What a resolver knows besides the match.
pub(crate) struct Ctx<'a> {
    /// Publication date.
    pub dct: Option<Date>,
    /// The last resolved date before the expression (starts as the DCT).
    pub reference: Option<&'a Value>,
    /// The reference was named with its year ("March 4, 2024") or right before this
    /// expression ("May 4 at [1000 EDT]"): the tense does not overrule it.
    pub reference_firm: bool,
    /// Tense of the clause (only computed for normalisers that need it).
    pub tense: Tense,
    /// A date with an explicit year, of another year than publication, named earlier in
    /// the same sentence: a date without a year continues its story ("broke out on
    /// Dec. 30, 2018 and was put out on Jan. 2").
    pub narrative: Option<&'a Value>,
    /// The narrative's date is a year set before its clause ("Last year, …", "In
    /// 1996, …"): enough of an anchor for a date without a year.
    pub narrative_fronted: bool,
    /// The order of day and month in the text's numeric dates, where one of them
    /// shows it ("25/12/2023": day first), or else in its dates written with the
    /// month's name ("2 July"), for the ambiguous ones ("11/06/2023"); with what
    /// showed it.
    pub day_first: Option<(bool, &'static str)>,
    /// No expression before this one has set the reference: it is still the DCT.
    pub from_publication: bool,
    /// The reference was set in this expression's sentence.
    pub reference_here: bool,
    /// The last day the text moved to ("late on Thursday"), when the reference has
    /// since become coarser ("… would stay until elections in September"): what
    /// "earlier in the day" or "the next day" count from.
    pub last_day: Option<Date>,
    /// A recurrence named in the expression's sentence ("nightly", "every two
    /// hours", "on Mondays"): a clock time there is the time of every occurrence
    /// ("closes nightly from [9 p.m.]"), on no day of its own.
    pub recurring: Option<&'a str>,
    /// For a national day whose date depends on the country: the country the text is
    /// about, when not the United States ([`super::country::Countries::of_text`]).
    pub country: Option<&'a str>,
    /// The expression follows a preposition of time ("on May Day", "three days before
    /// Christmas"): it times the event of its clause, whose tense then holds, where
    /// otherwise it may name something else ("changes to Good Friday services").
    pub timing: bool,
}

/// A resolved value with its derivation.
pub(crate) struct Resolved {
    /// TIMEX3 value.
    pub value: Value,
    /// TIMEX3 mod.
    pub modifier: Option<String>,
    /// Derivation in words (without the quoted expression).
    pub derivation: String,
    /// The expression names its year ("Dec. 30, 2018", "in 1993"): it may anchor a
    /// narrative ([`Ctx::narrative`]).
    pub names_year: bool,
    /// Whether the value may become the reference date of what follows (values
    /// derived from the quarter under discussion do not move it).
    pub moves_reference: bool,
    /// The day the story moves to without the expression being that day: "[three
    /// days] later" is a duration (TimeML), but what follows happened on the day it
    /// counts to.
    pub moved_to: Option<Value>,
}

/// A number read from figures or words.
#[derive(Debug, Clone, PartialEq)]
enum Num {
    Int(i64),
    /// n and a half.
    Half(i64),
    Dec(String),
    Vague,
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Num::Int(n) => write!(f, "{n}"),
            Num::Half(n) => write!(f, "{n}½"),
            Num::Dec(s) => f.write_str(s),
            Num::Vague => f.write_str("X"),
        }
    }
}

fn number(text: &str, lex: &Lexicon) -> Option<Num> {
    let t = text.trim();
    if let Some(whole) = t.strip_suffix("1/2").or_else(|| t.strip_suffix('½')) {
        let whole = whole.trim();
        return Some(Num::Half(if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        }));
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok().map(Num::Int);
    }
    // "1,000": thousands set apart by commas (the pattern allows only groups of three).
    if t.contains(',') && t.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return t.replace(',', "").parse().ok().map(Num::Int);
    }
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Some(Num::Dec(t.to_string()));
    }
    if let Some(v) = lex.word("vague", t) {
        return Some(v.parse().map(Num::Int).unwrap_or(Num::Vague));
    }
    if let Some(v) = lex.word("numword", t) {
        return v.parse().ok().map(Num::Int);
    }
    // Words add up ("twenty-five"); "hundred" scales the group before it ("two
    // hundred"), "thousand" everything before it ("two thousand three hundred").
    let (mut total, mut group) = (0i64, 0i64);
    for w in t
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        let v = lex.word("numword", w)?.parse::<i64>().ok()?;
        if w.eq_ignore_ascii_case("thousand") {
            total = total.saturating_add(group).max(1).saturating_mul(v);
            group = 0;
        } else if w.eq_ignore_ascii_case("hundred") {
            group = group.max(1).saturating_mul(v);
        } else {
            group = group.saturating_add(v);
        }
    }
    let total = total.saturating_add(group);
    Some(Num::Int(total))
}

fn dct_words(dct: Date) -> String {
    format!(
        "article published {} {}",
        weekday_abbr(dct.weekday()),
        Value::Day(dct)
    )
}

fn weekday_abbr(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

fn tense_dir(t: &Tense) -> Dir {
    match t.kind {
        TenseKind::Past => Dir::Past,
        TenseKind::Future => Dir::Future,
        TenseKind::Present => Dir::Nearest,
    }
}

type Out = Option<(Value, String)>;

fn raw(v: &str, why: &str) -> Out {
    Some((Value::Raw(v.to_string()), why.to_string()))
}

/// Resolves one match with normaliser `norm`; `None` drops the match.
pub(crate) fn resolve(norm: Norm, s: &Slots, cx: &Ctx) -> Option<Resolved> {
    let (value, derivation) = match norm {
        Norm::Date => date(s, cx),
        Norm::Numeric => numeric(s, cx),
        Norm::NthWeekday => nth_weekday(s, cx),
        Norm::Year => year(s, cx),
        Norm::Decade => decade(s),
        Norm::Century => century(s),
        Norm::Month => month(s, cx, None),
        Norm::MonthRel => month(s, cx, Some(s.word("rel", "rel")?.parse().ok()?)),
        Norm::UnitRel | Norm::UnitThe => unit_rel(s, cx),
        Norm::Ago => ago(s, cx),
        Norm::Later | Norm::Anaphor | Norm::That => anaphor(norm, s, cx),
        Norm::Weekday => weekday(s, cx),
        Norm::WeekdayAna => weekday_anaphor(s, cx),
        Norm::SeasonAna => season_anaphor(s, cx),
        Norm::PartDay => part_day(s, cx),
        Norm::Overnight => overnight(cx),
        Norm::QuarterEnded => quarter_ended(s, cx),
        Norm::DayWord => day_word(s, cx),
        Norm::Ref => raw(s.word("r", "ref")?, "fixed reference"),
        Norm::PastRef => raw("PAST_REF", "vague past"),
        Norm::FutureRef => raw("FUTURE_REF", "vague future"),
        Norm::Duration | Norm::Vague | Norm::Set => duration(norm, s),
        Norm::SetDay => set_day(s),
        Norm::SetWord => raw(s.word("sw", "setword")?, "frequency word"),
        Norm::Quarter | Norm::Half => quarter_half(s, cx),
        Norm::Season => season(s, cx),
        Norm::Holiday => holiday(s, cx).map(|(v, why)| with_part(s, v, why)),
        Norm::Time => time(s, cx),
        Norm::OrdDay => ord_day(s, cx),
        Norm::TimeDay => time_day(s, cx),
        Norm::MonthYear => month_year(s, cx),
        Norm::TheQuarter => the_quarter(s, cx),
        Norm::YearAgo => year_ago(s, cx),
        Norm::SetMonth => {
            let m = month_of(s).or_else(|| s.lex.month(s.get("m2")?))?;
            match s.get("d").or_else(|| s.get("dd")) {
                Some(d) => {
                    // A day the month has (in a leap year: "every February 29").
                    let d: i8 = d.parse().ok()?;
                    Date::new(2000, m, d).ok()?;
                    raw(&format!("XXXX-{m:02}-{d:02}"), "every year on that day")
                }
                None => raw(&format!("XXXX-{m:02}"), "every year in that month"),
            }
        }
        Norm::SetSeason => raw(
            &format!("XXXX-{}", s.word("s", "season")?),
            "every year in that season",
        ),
        Norm::SetHoliday => set_holiday(s, cx),
        Norm::SpokenYear => spoken_year(s),
        Norm::ThatYear => context_unit(cx, "Y"),
        Norm::MonthThat => month_that(s, cx),
        Norm::FromNow => from_now(s, cx),
        Norm::ThatWeek => context_unit(cx, "W"),
        Norm::Weekend => weekend(cx),
        Norm::YearEnd => year_end(s, cx),
        Norm::YearPeriod => year_period(s, cx),
        Norm::WeekOf => week_of(s, cx),
        Norm::Today => match cx.dct {
            Some(d) => Some((Value::Day(d), "the day of publication".into())),
            None => raw("XXXX-XX-XX", "no publication date"),
        },
    }?;
    let modifier = match s.get("orso") {
        Some(_) => Some("APPROX".to_string()),
        None => s
            .word("mod", "mod")
            .or_else(|| s.word("cmod", "outmod"))
            .or_else(|| s.word("imod", "outmod"))
            .or_else(|| s.word("pmod", "postmod"))
            .or_else(|| s.word("partmod", "partmod"))
            .map(str::to_string),
    };
    let quarter_talk = matches!(cx.reference, Some(Value::Quarter(..)))
        && matches!(
            norm,
            Norm::Ago | Norm::Later | Norm::YearAgo | Norm::TheQuarter
        );
    Some(Resolved {
        // "N units ago" counts from the publication date and is mostly a comparison
        // ("up from $4 million a year ago"): it does not anchor a following "a year
        // earlier". An anniversary ("fifty years ago today") opens a story and does.
        moves_reference: value.is_anchored()
            && !quarter_talk
            && !(matches!(norm, Norm::Ago | Norm::YearAgo) && s.get("today").is_none()),
        moved_to: (norm == Norm::Duration)
            .then(|| counted_day(s, cx))
            .flatten(),
        value,
        modifier,
        derivation,
        names_year: year_of(s).is_some(),
    })
}

/// The day "[three days] later" / "[a week] earlier" counts to from the day under
/// discussion, when one was named before it in the text.
fn counted_day(s: &Slots, cx: &Ctx) -> Option<Value> {
    let dir = s.get("dir")?;
    let sign = if dir.eq_ignore_ascii_case("later") {
        1
    } else if dir.eq_ignore_ascii_case("earlier") {
        -1
    } else {
        return None;
    };
    if cx.from_publication {
        return None;
    }
    let day = cx.reference?.day()?;
    let days = match unit_code(s)? {
        "D" => 1,
        "W" => 7,
        _ => return None,
    };
    let Num::Int(n) = number(s.get("n")?, s.lex)? else {
        return None;
    };
    shift(&Value::Day(day), "D", n.checked_mul(sign * days)?)
}

/// A count right before an expression that it counts from: "three days before
/// [Saturday's election]", "the day after [Christmas]", "two weeks before [May 20]".
pub(crate) struct CountedFrom<'t> {
    /// "before": the expression lies after the clause's event; "after": before it.
    pub before: bool,
    /// The count in days, at most (a month counts 31).
    pub days: i64,
    /// The words of the count ("three days before").
    pub words: &'t str,
}

/// The count of days, weeks or months and the "before"/"after" that end `before`
/// (the text before an expression), if they do.
pub(crate) fn counted_from<'t>(before: &'t str, lex: &Lexicon) -> Option<CountedFrom<'t>> {
    let head = before.trim_end();
    let (rest, word) = head.rsplit_once(char::is_whitespace)?;
    let is_before = if word.eq_ignore_ascii_case("before") {
        true
    } else if word.eq_ignore_ascii_case("after") {
        false
    } else {
        return None;
    };
    let (rest, unit) = rest.trim_end().rsplit_once(char::is_whitespace)?;
    let per = match lex
        .word("unit", unit)
        .or_else(|| lex.word("unitpl", unit))?
    {
        "D" => 1,
        "W" => 7,
        "M" => 31,
        _ => return None,
    };
    let rest = rest.trim_end();
    let count = rest
        .rsplit_once(char::is_whitespace)
        .map_or(rest, |(_, count)| count);
    // `rest` starts where `head` does: the count's offset in both.
    let start = rest.len() - count.len();
    let n = if count.eq_ignore_ascii_case("the") && per == 1 {
        1
    } else {
        match number(count, lex)? {
            Num::Int(n) if n > 0 => n,
            _ => return None,
        }
    };
    Some(CountedFrom {
        before: is_before,
        days: n.checked_mul(per)?,
        words: head.get(start..)?,
    })
}

/// Whether a match is "midnight", which the tense places on one day or the next.
pub(crate) fn is_midnight(s: &Slots) -> bool {
    s.get("tw")
        .is_some_and(|w| w.eq_ignore_ascii_case("midnight"))
}

/// Whether a match of `norm` is a possessive weekday ("Sunday's vote").
pub(crate) fn possessive_weekday(norm: Norm, s: &Slots) -> bool {
    norm == Norm::Weekday && s.get("poss").is_some() && s.get("rel").is_none()
}

/// Whether a match of `norm` is placed by nothing but the tense: a weekday or a
/// month without a relative word ("Monday", "May"; not "last Monday", "Wednesday
/// last week", "ahead of Friday's vote").
pub(crate) fn bare_end(norm: Norm, s: &Slots) -> bool {
    match norm {
        Norm::Weekday => ["rel", "rw", "ahead"].iter().all(|g| s.get(g).is_none()),
        Norm::Month => true,
        _ => false,
    }
}

fn month_of(s: &Slots) -> Option<i8> {
    let m = s.get("m")?;
    m.parse()
        .ok()
        .or_else(|| s.lex.month(m))
        .filter(|m| (1..=12).contains(m))
}

fn day_of(s: &Slots) -> Option<i8> {
    match s.get("d") {
        Some(d) => d.parse().ok(),
        None => s.word("dw2", "dayord")?.parse().ok(),
    }
}

/// The year of the match: in figures (`y`, `y2`), else in words (`%spokenyear`).
fn year_of(s: &Slots) -> Option<i16> {
    match s.get("y").or_else(|| s.get("y2")) {
        Some(y) => y.parse().ok(),
        None => spoken_year_of(s),
    }
}

fn date(s: &Slots, cx: &Ctx) -> Out {
    let m = month_of(s)?;
    let has_day = s.get("d").or_else(|| s.get("dw2")).is_some();
    let d = if has_day { day_of(s) } else { None };
    if has_day && d.is_none() {
        return None;
    }
    if let Some(y) = year_of(s) {
        let v = match d {
            Some(d) => Value::Day(Date::new(y, m, d).ok()?),
            None => Value::Month(y, m),
        };
        return Some((v, "explicit date".into()));
    }
    let Some(d) = d else {
        return month(s, cx, None);
    };
    Date::new(2000, m, d).ok()?; // validates day-of-month (leap year)
    if let Some((y, why)) = narrative_year(cx, |y| Date::new(y, m, d).ok().map(|x| (x, x))) {
        return Some((Value::Day(Date::new(y, m, d).ok()?), why));
    }
    let Some(dct) = cx.dct else {
        return raw(
            &format!("XXXX-{m:02}-{d:02}"),
            "no publication date: year unknown",
        );
    };
    let dir = date_dir(dct, m, d, &cx.tense);
    let bounds = |y: i16| Date::new(y, m, d).ok().map(|x| (x, x));
    let y = pick_year(dct, dir, bounds)?;
    let why = format!(
        "no year · {} · {} → {} {m:02}-{d:02}",
        cx.tense.describe(),
        dct_words(dct),
        dir.describe()
    );
    Some((Value::Day(Date::new(y, m, d).ok()?), why))
}

/// "the last Sunday of October", "the second Tuesday in May 2019": that weekday of
/// the month, in the year named, else the one in the direction of the clause; "the
/// last weekend of September": the weekend of that Saturday.
fn nth_weekday(s: &Slots, cx: &Ctx) -> Out {
    let (v, why) = nth_weekday_day(s, cx)?;
    match (s.get("we"), v) {
        (Some(_), Value::Day(sat)) => Some((
            weekend_of(sat),
            format!("{why} · the weekend of Saturday {sat}"),
        )),
        (_, v) => Some((v, why)),
    }
}

/// The day of [`nth_weekday`]: for a weekend, its Saturday.
fn nth_weekday_day(s: &Slots, cx: &Ctx) -> Out {
    let m = month_of(s)?;
    let wd = match s.get("we") {
        Some(_) => Weekday::Saturday,
        None => Weekday::from_monday_one_offset(s.word("wd", "weekday")?.parse().ok()?).ok()?,
    };
    let nth: i8 = match s.get("nth") {
        Some(w) if w.eq_ignore_ascii_case("last") || w.eq_ignore_ascii_case("final") => -1,
        Some(w) => s.lex.word("ordinal", w)?.parse().ok()?,
        None => return None,
    };
    let day = |y: i16| Date::new(y, m, 1).ok()?.nth_weekday_of_month(nth, wd).ok();
    if let Some(y) = year_of(s) {
        return Some((
            Value::Day(day(y)?),
            "weekday of the month, explicit year".into(),
        ));
    }
    let Some(dct) = cx.dct else {
        return raw(&format!("XXXX-{m:02}-XX"), "no publication date");
    };
    let dir = tense_dir(&cx.tense);
    let y = pick_year(dct, dir, |y| day(y).map(|d| (d, d)))?;
    Some((
        Value::Day(day(y)?),
        format!(
            "weekday of the month · {} · {} → {}",
            cx.tense.describe(),
            dct_words(dct),
            dir.describe()
        ),
    ))
}

/// The two numbers of a numeric date before its year ("11/06/2023").
pub(crate) fn numeric_parts(s: &Slots) -> Option<(i8, i8)> {
    let b = s
        .get("nb")
        .or_else(|| s.get("nb2"))
        .or_else(|| s.get("nb3"))?;
    Some((s.get("na")?.parse().ok()?, b.parse().ok()?))
}

/// Whether a numeric date's numbers show their order: `Some(true)` for day first
/// (the first is over 12), `Some(false)` for month first, `None` when both could be
/// months.
pub(crate) fn numeric_order(a: i8, b: i8) -> Option<bool> {
    match (a > 12, b > 12) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// A numeric date ("25/12/2023", "11/06/2023"). When both numbers could be the month,
/// the order of the text's other numeric dates decides; else a reading after
/// publication in a past clause gives way to the other; else month first (US).
/// An ambiguous reading says so, with the other.
fn numeric(s: &Slots, cx: &Ctx) -> Out {
    let (a, b) = numeric_parts(s)?;
    let y = match year_of(s) {
        Some(y) => y,
        None => century_of(s.get("yy")?.parse().ok()?, cx.dct),
    };
    let day = |day_first: bool| {
        let (m, d) = if day_first { (b, a) } else { (a, b) };
        Date::new(y, m, d).ok()
    };
    let order = |day_first: bool| if day_first { "day/month" } else { "month/day" };
    if a == b {
        return Some((Value::Day(day(false)?), "numeric date".into()));
    }
    if let Some(day_first) = numeric_order(a, b) {
        return Some((
            Value::Day(day(day_first)?),
            format!("numeric date, {} (a number over 12)", order(day_first)),
        ));
    }
    let (us, eu) = (day(false)?, day(true)?);
    // In the past, a reading after publication is impossible: it loses to the other
    // unless the article's other numeric dates show their order (the order of dates
    // written with the month's name is a weaker hint: Nigeria's "June 12" holiday).
    let impossible = |dct: Date| tense_dir(&cx.tense) == Dir::Past && (us > dct) != (eu > dct);
    let (day_first, why) = match (cx.day_first, cx.dct) {
        (Some((first, shown)), Some(dct))
            if shown != "other numeric dates"
                && impossible(dct)
                && (if first { eu } else { us }) > dct =>
        {
            (
                !first,
                format!(
                    "{} · the reading in the order of the article's {shown} is after publication",
                    cx.tense.describe()
                ),
            )
        }
        (Some((first, shown)), _) => (first, format!("as the article's {shown}")),
        (None, Some(dct)) if impossible(dct) => (
            us > dct,
            format!(
                "{} · the other reading is after publication",
                cx.tense.describe()
            ),
        ),
        _ => (
            false,
            "US order, nothing in the article says otherwise".to_string(),
        ),
    };
    let (chosen, other) = if day_first { (eu, us) } else { (us, eu) };
    Some((
        Value::Day(chosen),
        format!(
            "ambiguous numeric date · read {} {why}; {} would be {other}",
            order(day_first),
            order(!day_first)
        ),
    ))
}

/// The year of a date or month without one that continues the dated story of its
/// sentence ([`Ctx::narrative`]): the occurrence nearest the date named before, or the
/// year named before. Not in a future clause, which speaks from publication.
fn narrative_year(cx: &Ctx, bounds: impl Fn(i16) -> Option<(Date, Date)>) -> Option<(i16, String)> {
    let a = cx.narrative?;
    // A future clause continues a story set ahead of publication ("the first plane
    // arrives in April 1989, the others in May and June"), not one set before it.
    let ahead =
        matches!((a.year(), cx.dct), (Some(y), Some(d)) if (1..=2).contains(&(y - d.year())));
    if cx.tense.kind == TenseKind::Future && !ahead {
        return None;
    }
    // A bare year is too loose an anchor ("a program approved in 1987 … had bought shares
    // through Sept. 29"): the story needs a season, a month or a day.
    let at = match (a, a.month()) {
        (Value::Season(y, code), _) => add_days(season_bounds(*y, code)?.0, 45)?,
        (_, Some((y, m))) => a.day().or_else(|| Date::new(y, m, 15).ok())?,
        // A year set before its clause: the date in that year.
        (Value::Year(y), None) if cx.narrative_fronted => {
            bounds(*y)?;
            return Some((*y, format!("no year · in {a}, set before its clause")));
        }
        _ => return None,
    };
    let y = pick_year(at, Dir::Nearest, bounds)?;
    Some((
        y,
        format!("no year · nearest to {a}, named earlier in the sentence"),
    ))
}

/// Direction for a month-day without year: the nearest occurrence, unless the tense
/// points the other way and that occurrence is within [`HALF_YEAR`] days too, or a past-tense
/// verb next to the expression makes the past firm ("went to the polls on July 4").
fn date_dir(dct: Date, m: i8, d: i8, tense: &Tense) -> Dir {
    // A dateline's day of writing is the one nearest publication (a day ahead in
    // another time zone; months off when one of the two dates is mistyped).
    if tense.dateline {
        return Dir::Nearest;
    }
    let dir = tense_dir(tense);
    if tense.firm {
        return dir;
    }
    let close = pick_year(dct, dir, |y| Date::new(y, m, d).ok().map(|x| (x, x)))
        .and_then(|y| Date::new(y, m, d).ok())
        .is_some_and(|x| days_between(dct, x).abs() <= HALF_YEAR);
    if close { dir } else { Dir::Nearest }
}

/// Direction for a bare month: the tense; but a past or present reading more than
/// [`MONTH_REACH`] days away gives way to the nearest month, unless the past is firm.
fn month_dir(dct: Date, m: i8, tense: &Tense) -> Dir {
    let dir = match tense.progressive {
        true => Dir::Nearest,
        false => tense_dir(tense),
    };
    if dir == Dir::Future || tense.firm {
        return dir;
    }
    let mid = |y: i16| Date::new(y, m, 15).ok();
    let close = pick_year(dct, dir, |y| month_bounds(y, m))
        .and_then(mid)
        .is_some_and(|x| days_between(dct, x).abs() <= MONTH_REACH);
    if close { dir } else { Dir::Nearest }
}

/// Days (to the middle of the month) within which the tense may pick a bare month.
const MONTH_REACH: i64 = 250;

/// Days within which the tense may pick a month-day occurrence over the nearest one.
const HALF_YEAR: i64 = 240;

fn year(s: &Slots, cx: &Ctx) -> Out {
    if let Some(y) = year_of(s) {
        let why = match s.get("ynext") {
            Some(_) => format!(
                "a season or fiscal year from {y} into {} → its first year",
                y + 1
            ),
            None => "explicit year".into(),
        };
        return Some((Value::Year(y), why));
    }
    // A fiscal year looks ahead as often as back ("net zero by FY30"): the nearest.
    if let Some(fy) = s.get("fy") {
        let fy: i16 = fy.parse().ok()?;
        let now = cx.dct.map_or(2030, |d| d.year());
        let y = now - now.rem_euclid(100) + fy;
        let y = [y - 100, y, y + 100]
            .into_iter()
            .min_by_key(|c| ((c - now).abs(), *c > now))?;
        return Some((Value::Year(y), "two-digit fiscal year → the nearest".into()));
    }
    let yy: i16 = s.get("yy")?.parse().ok()?;
    Some((Value::Year(century_of(yy, cx.dct)), "two-digit year".into()))
}

/// The year a two-digit year `yy` names: in the century of publication up to a year
/// after it, else in the century before ("'87" is 1987 written in 1987, "'99" 1999
/// written in 2007).
fn century_of(yy: i16, dct: Option<Date>) -> i16 {
    let now = dct.map_or(2030, |d| d.year());
    let y = now - now.rem_euclid(100) + yy;
    if y > now + 1 { y - 100 } else { y }
}

fn decade(s: &Slots) -> Out {
    if let Some(d) = s.word("decw", "decadeword") {
        let d: i16 = d.parse().ok()?;
        return Some((Value::Decade(d), "decade in words".into()));
    }
    if let Some(d) = s.get("dec") {
        let d: i16 = d.parse().ok()?;
        // "the 1800s" is the century that year opens (not "the 2000s", the decade in
        // use).
        if d % 100 == 0 && d < 2000 {
            return Some((
                Value::Century(d / 100),
                format!("a century named by its first year → years {d}–{}", d + 99),
            ));
        }
        return Some((Value::Decade(d / 10), "explicit decade".into()));
    }
    let d: i16 = s.get("dec2")?.parse().ok()?;
    let full = if d <= 10 { 2000 + d } else { 1900 + d };
    Some((Value::Decade(full / 10), "two-digit decade".into()))
}

fn century(s: &Slots) -> Out {
    let c: i16 = match s.get("c") {
        Some(c) => c.parse().ok()?,
        None => s.word("cw", "centord")?.parse().ok()?,
    };
    (c >= 1).then_some(())?;
    Some((
        Value::Century(c - 1),
        format!("century {c} → years {}00–{}99", c - 1, c - 1),
    ))
}

fn month(s: &Slots, cx: &Ctx, rel: Option<i64>) -> Out {
    let m = month_of(s)?;
    let Some(dct) = cx.dct else {
        return raw(&format!("XXXX-{m:02}"), "no publication date: year unknown");
    };
    if rel == Some(0) {
        // "this September": that month of the publication year, before or after.
        return Some((
            Value::Month(dct.year(), m),
            format!("'this' · year of publication date {}", Value::Day(dct)),
        ));
    }
    // "for December delivery", "the spot May contract": a month a trade settles in,
    // the month of publication or one ahead, whatever the tense of the report.
    if let Some(what) = s.get("fwd") {
        let y = pick_year(dct, Dir::Future, |y| month_bounds(y, m))?;
        return Some((
            Value::Month(y, m),
            format!(
                "month a trade settles in (\"{what}\") · {} → this or a coming month {m:02}",
                dct_words(dct)
            ),
        ));
    }
    if rel.is_none()
        && let Some((y, why)) = narrative_year(cx, |y| month_bounds(y, m))
    {
        return Some((Value::Month(y, m), why));
    }
    let (dir, why) = match rel {
        Some(n) => (
            Dir::of_offset(n),
            format!("relative to publication date {}", Value::Day(dct)),
        ),
        None => (
            month_dir(dct, m, &cx.tense),
            format!("{} · {}", cx.tense.describe(), dct_words(dct)),
        ),
    };
    let mut y = pick_year(dct, dir, |y| month_bounds(y, m))?;
    // "last February" written in February or March is not the month just gone ("last
    // month" would name that) but the one of the year before. Across the new year
    // ("last December" in January) both readings are common: the nearest stays.
    let just_gone = (0..=1).contains(&(dct.month() - m));
    if rel == Some(-1) && just_gone && y == dct.year() {
        y -= 1;
        return Some((
            Value::Month(y, m),
            format!("{why} → month {m:02} a year before the month just gone"),
        ));
    }
    Some((
        Value::Month(y, m),
        format!("{why} → {} month {m:02}", dir.describe()),
    ))
}

fn unit_rel(s: &Slots, cx: &Ctx) -> Out {
    let unit = s.lex.word("relunit", s.get("u")?)?;
    let n: i64 = match s.get("rel") {
        Some(_) => s.word("rel", "rel")?.parse().ok()?,
        None => 0,
    };
    // "The next year, it reopened": in a past narrative "the next" and "the previous"
    // count from the date under discussion, not from publication.
    if anaphoric_unit(s)
        && cx.tense.kind == TenseKind::Past
        && let Some(r) = cx.reference
        && cx.dct.is_none_or(|d| *r != Value::Day(d))
        && let Some(v) = shift(r, unit, n)
    {
        return Some((
            v,
            format!("{} the date under discussion ({r})", offset_words(n, unit)),
        ));
    }
    let Some(dct) = cx.dct else {
        let v = match unit {
            "W" => "XXXX-WXX",
            "M" => "XXXX-XX",
            _ => "XXXX",
        };
        return raw(v, "no publication date");
    };
    // "took place this weekend", written on a weekday, is the weekend just gone.
    if this_weekend(s)
        && cx.tense.kind == TenseKind::Past
        && dct.weekday().to_monday_one_offset() < 6
        && let Some(v) = shift(&Value::Day(dct), unit, -1)
    {
        return Some((
            v,
            format!(
                "{} · {} → the weekend before",
                cx.tense.describe(),
                dct_words(dct)
            ),
        ));
    }
    // "set the goal in May 1961 of landing on the moon before the end of the decade":
    // "the year", "the decade" with no relative word belong to the story's date named
    // earlier in the sentence, not to publication (not in a future clause).
    if s.get("rel").is_none()
        && cx.tense.kind != TenseKind::Future
        && let Some(story) = cx.narrative
        && let Some(y) = story.year()
    {
        let v = match unit {
            "Y" => Some(Value::Year(y)),
            "DE" => Some(Value::Decade(y / 10)),
            _ => None,
        };
        if let Some(v) = v {
            return Some((v, format!("that of the story's date {story}, named before")));
        }
    }
    // "will be announced early this week", written on a weekend: the working week
    // ahead (the ISO week of a Saturday or Sunday is nearly over).
    if this_week_on_weekend(s, Some(dct))
        && cx.tense.kind == TenseKind::Future
        && let Some(v) = shift(&Value::Day(dct), unit, 1)
    {
        return Some((
            v,
            format!(
                "{} · {} → the week ahead",
                cx.tense.describe(),
                dct_words(dct)
            ),
        ));
    }
    // "the last decade" is the decade before the current one (199 → 198), not ten years back.
    let base = match unit {
        "DE" => Value::Decade(dct.year() / 10),
        "CE" => Value::Century(dct.year() / 100),
        _ => Value::Day(dct),
    };
    let v = shift(&base, unit, n)?;
    Some((
        v,
        format!("relative to publication date {}", Value::Day(dct)),
    ))
}

/// Whether the expression is "this weekend", whose weekend the tense chooses on a
/// weekday ([`unit_rel`]).
pub(crate) fn this_weekend(s: &Slots) -> bool {
    s.get("rel").is_some_and(|r| r.eq_ignore_ascii_case("this"))
        && s.word("u", "relunit") == Some("WE")
}

/// Whether the expression is "this week" written on a Saturday or Sunday, whose week
/// the tense chooses ([`unit_rel`]).
pub(crate) fn this_week_on_weekend(s: &Slots, dct: Option<Date>) -> bool {
    dct.is_some_and(|d| d.weekday().to_monday_one_offset() >= 6)
        && s.get("rel").is_some_and(|r| r.eq_ignore_ascii_case("this"))
        && s.word("u", "relunit") == Some("W")
}

/// Whether a relative unit may count from the date under discussion: "the next year",
/// "the previous month" (the tense decides; [`unit_rel`]).
pub(crate) fn anaphoric_unit(s: &Slots) -> bool {
    // "the" right before "next", also after a modifier ("early the next year").
    let the = s.caps.name("rel").is_some_and(|rel| {
        let hay = rel.hay_before();
        hay.trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"))
    });
    the && s.get("rel").is_some_and(|r| {
        ["next", "previous"]
            .iter()
            .any(|w| r.eq_ignore_ascii_case(w))
    })
}

fn ago(s: &Slots, cx: &Ctx) -> Out {
    let unit = s
        .lex
        .word("unit", s.get("u")?)
        .or_else(|| s.lex.word("unitpl", s.get("u")?))?;
    // "half a century ago", "a quarter of a century ago": so many of the next
    // smaller unit.
    let (n, unit) = match s.get("frac") {
        Some(frac) => fraction_count(unit, fraction_den(frac).0)?,
        // Without a count the unit is one: "6,000 [week ago]", a wire's "a week ago".
        None => match s.get("n") {
            Some(n) => (number(n, s.lex)?, unit),
            None => (Num::Int(1), unit),
        },
    };
    let (Num::Int(n), Some(dct)) = (n, cx.dct) else {
        return raw("PAST_REF", "vague amount or no publication date");
    };
    if let (Some(Value::Quarter(..)), "Y") = (cx.reference, unit) {
        let (q, _) = current_quarter(cx, true)?;
        let v = shift(&q, "Q", -4 * n)?;
        return Some((
            v,
            format!("{n} years before the quarter under discussion ({q})"),
        ));
    }
    // "fifty years ago today", "ten years ago this month": that day (week, month) of
    // the year so long back, an anniversary.
    if let Some(grain) = s.get("today") {
        let night = grain.eq_ignore_ascii_case("tonight");
        let grain = match grain.get(..5).map(str::to_ascii_lowercase).as_deref() {
            Some("today" | "tonig") => "D",
            _ if grain.to_ascii_lowercase().ends_with("week") => "W",
            _ => "M",
        };
        let back = shift_back(dct, unit, n)?;
        let v = match night {
            true => Value::Time(back, "NI".to_string()),
            false => shift(&Value::Day(back), grain, 0)?,
        };
        return Some((
            v,
            format!(
                "{} publication date {}, the same {}",
                offset_words(-n, unit),
                Value::Day(dct),
                match grain {
                    "D" if night => "night",
                    "D" => "day",
                    "W" => "week",
                    _ => "month",
                }
            ),
        ));
    }
    match shift(&Value::Day(dct), unit, -n) {
        Some(v) => Some((
            v,
            format!(
                "{} publication date {}",
                offset_words(-n, unit),
                Value::Day(dct)
            ),
        )),
        None => raw("PAST_REF", "unit too fine for a date"),
    }
}

/// The day `n` `unit`s (Y, M, W, D, DE) before `dct`; `None` past the calendar's
/// range ("30000 years ago today").
fn shift_back(dct: Date, unit: &str, n: i64) -> Option<Date> {
    let span = jiff::Span::new();
    let span = match unit {
        "Y" => span.try_years(n),
        "DE" => span.try_years(n.checked_mul(10)?),
        "M" => span.try_months(n),
        "W" => span.try_weeks(n),
        "D" => span.try_days(n),
        _ => return None,
    };
    dct.checked_sub(span.ok()?).ok()
}

fn anaphor(norm: Norm, s: &Slots, cx: &Ctx) -> Out {
    let (n, unit) = match norm {
        Norm::Later => {
            let unit = s
                .lex
                .word("unit", s.get("u")?)
                .or_else(|| s.lex.word("unitpl", s.get("u")?))?;
            let Num::Int(n) = number(s.get("n")?, s.lex)? else {
                return None;
            };
            let sign = if s.get("dir")?.eq_ignore_ascii_case("earlier") {
                -1
            } else {
                1
            };
            (sign * n, unit)
        }
        Norm::That => {
            let u = s.get("u")?;
            (
                0,
                s.lex.word("unit", u).or_else(|| s.lex.word("relunit", u))?,
            )
        }
        _ => {
            let n: i64 = s.word("rel", "anarel")?.parse().ok()?;
            (
                n,
                s.get("u")
                    .and_then(|u| s.lex.word("unit", u))
                    .unwrap_or("D"),
            )
        }
    };
    let under = match unit {
        "D" => "XXXX-XX-XX",
        "W" => "XXXX-WXX",
        "M" => "XXXX-XX",
        "Q" => "XXXX-QX",
        _ => "XXXX",
    };
    let Some(reference) = cx.reference else {
        return raw(under, "no reference date");
    };
    // "The next day, troops withdrew." with no date before it: the day it counts from
    // is not told, and publication would put a past act in the future.
    if cx.from_publication && n > 0 && cx.tense.kind == TenseKind::Past {
        return raw(
            under,
            &format!(
                "{} · no earlier date in the text to count from (publication would put it after {})",
                cx.tense.describe(),
                reference
            ),
        );
    }
    let (unit, n) = match (reference, unit) {
        (Value::Quarter(..), "Y") => ("Q", 4 * n),
        _ => (unit, n),
    };
    let day_before;
    let reference = match (unit, reference.day(), cx.last_day) {
        ("D", None, Some(day)) => {
            day_before = Value::Day(day);
            &day_before
        }
        _ => reference,
    };
    let Some(mut v) = shift(reference, unit, n) else {
        // "that same day" after "in October 1998": a day of that month.
        if let (0, "D", Value::Month(y, m)) = (n, unit, reference) {
            return raw(
                &format!("{y:04}-{m:02}-XX"),
                &format!("a day of the previous date in the text ({reference})"),
            );
        }
        return raw(under, &format!("reference date {reference} too coarse"));
    };
    if let (Some(part), Some(d)) = (s.word("part", "part"), v.day()) {
        v = Value::Time(d, part.to_string());
    }
    Some((
        v,
        format!(
            "{} the previous date in the text ({reference})",
            offset_words(n, unit)
        ),
    ))
}

fn weekday(s: &Slots, cx: &Ctx) -> Out {
    let n: i8 = s
        .word("wd", "weekday")
        .or_else(|| s.word("wd2", "weekday"))?
        .parse()
        .ok()?;
    let wd = Weekday::from_monday_one_offset(n).ok()?;
    let part = s.word("part", "part");
    let Some(dct) = cx.dct else {
        let t = part.map(|p| format!("T{p}")).unwrap_or_default();
        return raw(&format!("XXXX-WXX-{n}{t}"), "no publication date");
    };
    // "Monday last week": that day of the week named (weeks start on Monday).
    if let Some(off) = s.word("rw", "relyear") {
        let weeks: i64 = off.parse().ok()?;
        let monday = i64::from(dct.weekday().to_monday_zero_offset());
        let day = add_days(dct, 7 * weeks - monday + i64::from(n) - 1)?;
        let v = match part {
            Some(p) => Value::Time(day, p.to_string()),
            None => Value::Day(day),
        };
        let week = shift(&Value::Day(dct), "W", weeks)?;
        return Some((
            v,
            format!("{wd:?} of week {week} (publication week {weeks:+})"),
        ));
    }
    // "Sunday week", "on Monday fortnight" (British): a week (two) after the day of
    // that name still to come.
    if let Some(later) = s.get("wk").or_else(|| s.get("wk2")) {
        let weeks = if later.eq_ignore_ascii_case("fortnight") {
            2
        } else {
            1
        };
        let next = weekday_from(dct, wd, Dir::Future)?;
        let day = add_days(next, 7 * weeks)?;
        let v = match part {
            Some(p) => Value::Time(day, p.to_string()),
            None => Value::Day(day),
        };
        return Some((
            v,
            format!(
                "{} → {wd:?} still to come ({}) + {weeks} week(s)",
                dct_words(dct),
                Value::Day(next)
            ),
        ));
    }
    let (dir, why) = match s.get("rel") {
        // "this Friday": the one still to come, unless the clause tells the past
        // ("opens this Friday", written on a Sunday, is five days ahead; "were offered
        // at this Tuesday's auction" is behind) other than by a perfect ("the schedule
        // we've put together for this Sunday night") or a verb of looking ahead ("By
        // this Friday, sources estimated a further …").
        Some(_) if s.word("rel", "rel")? == "0" => {
            let ahead = cx
                .tense
                .cue
                .as_deref()
                .is_some_and(super::tense::looks_ahead);
            match cx.tense.kind {
                TenseKind::Past if !cx.tense.perfect && !ahead => {
                    (Dir::Past, format!("\"this\", {}", cx.tense.describe()))
                }
                _ => (Dir::Future, format!("\"this\", {}", cx.tense.describe())),
            }
        }
        Some(_) => {
            let off: i64 = s.word("rel", "rel")?.parse().ok()?;
            (Dir::of_offset(off), "relative word".to_string())
        }
        None if s.get("ahead").is_some() => (Dir::Future, "\"ahead of\"".to_string()),
        // "Monday's verdict" names an event: in a past clause one before the past event;
        // the future or present of the clause ("will appeal Monday's verdict", "await
        // Friday's report") belongs to another event, so the nearer day wins.
        // "Sunday's vote is expected to …", "Sunday's vote was marred by …": the
        // verb of which the day's event is the subject tells when it is.
        None if s.get("poss").is_some() && cx.tense.subject => (
            tense_dir(&cx.tense),
            format!("possessive, subject of {}", cx.tense.describe()),
        ),
        None if s.get("poss").is_some() => match tense_dir(&cx.tense) {
            Dir::Past => (Dir::Past, "possessive, past clause".to_string()),
            Dir::Future => (Dir::Nearest, "possessive, future clause".to_string()),
            _ => (Dir::Nearest, "possessive, present clause".to_string()),
        },
        None if cx.tense.perfect => (Dir::Nearest, cx.tense.describe()),
        None => (tense_dir(&cx.tense), cx.tense.describe()),
    };
    let day = match dir {
        // In a future clause the nearer of the two days, the past on a tie.
        Dir::Nearest if s.get("poss").is_some() && cx.tense.kind == TenseKind::Future => {
            weekday_from(dct, wd, Dir::Nearest)?
        }
        // News reports the days just past more than the days ahead: without a cue, a
        // weekday four days back beats one three days ahead.
        Dir::Nearest => {
            let prev = weekday_from(dct, wd, Dir::Past)?;
            let next = weekday_from(dct, wd, Dir::Future)?;
            if days_between(prev, dct) <= days_between(dct, next) + 1 {
                prev
            } else {
                next
            }
        }
        _ => weekday_from(dct, wd, dir)?,
    };
    let v = match part {
        Some(p) => Value::Time(day, p.to_string()),
        None => Value::Day(day),
    };
    let name = format!("{wd:?}");
    Some((
        v,
        format!("{why} · {} → {} {name}", dct_words(dct), dir.describe()),
    ))
}

/// "the previous Friday", "the following Monday": that weekday before or after the
/// date under discussion (the publication date when none was named).
fn weekday_anaphor(s: &Slots, cx: &Ctx) -> Out {
    let n: i8 = s.word("wd", "weekday")?.parse().ok()?;
    let wd = Weekday::from_monday_one_offset(n).ok()?;
    let off: i64 = s.word("rel", "anarel")?.parse().ok()?;
    let part = s.word("part", "part");
    let (anchor, what) = match (cx.reference.and_then(Value::day), cx.dct) {
        (Some(d), _) => (d, "the previous date in the text"),
        (None, Some(d)) => (d, "the publication date"),
        (None, None) => {
            let t = part.map(|p| format!("T{p}")).unwrap_or_default();
            return raw(&format!("XXXX-WXX-{n}{t}"), "no date known");
        }
    };
    let (dir, side) = if off < 0 {
        (Dir::Before, "before")
    } else {
        (Dir::After, "after")
    };
    let day = weekday_from(anchor, wd, dir)?;
    let v = match part {
        Some(p) => Value::Time(day, p.to_string()),
        None => Value::Day(day),
    };
    Some((
        v,
        format!("the {wd:?} {side} {what} ({})", Value::Day(anchor)),
    ))
}

/// "the following spring", "the previous winter": that season after (before) the date
/// under discussion (the publication date when none was named).
fn season_anaphor(s: &Slots, cx: &Ctx) -> Out {
    let code = s.lex.word("season", s.get("s")?)?.to_string();
    let Some(r) = cx.reference else {
        return raw(&format!("XXXX-{code}"), "no date known");
    };
    let iv = super::interval(&r.to_string(), None)?;
    let y0 = iv.start.year();
    // "that summer": the season of the year under discussion, once the text has
    // named one.
    if s.get("rel").is_none() {
        if cx.from_publication {
            return raw(&format!("XXXX-{code}"), "no earlier date in the text");
        }
        return Some((
            Value::Season(y0, code),
            format!("the season of the year under discussion ({r})"),
        ));
    }
    let off: i64 = s.word("rel", "anarel")?.parse().ok()?;
    let mut years = y0.checked_sub(1)?..=y0.checked_add(2)?;
    let y = if off < 0 {
        years
            .rev()
            .find(|y| season_bounds(*y, &code).is_some_and(|(_, end)| end < iv.start))?
    } else {
        years.find(|y| season_bounds(*y, &code).is_some_and(|(start, _)| start > iv.end))?
    };
    let side = if off < 0 { "before" } else { "after" };
    Some((
        Value::Season(y, code),
        format!("the season {side} the previous date in the text ({r})"),
    ))
}

/// Where the day of a clock time or a part of a day comes from.
enum DayFrom {
    /// The day under discussion (the last one the text named).
    Reference,
    /// The publication date: the text named no day yet.
    Publication,
    /// The publication date, for the reason given: the day under discussion lies
    /// on the other side of it from the clause's tense.
    Overruled(String),
}

/// Days at least between the day under discussion, when named in the same sentence,
/// and publication for the tense of a clock time's clause to overrule that day.
const OVERRULE_DAYS: i64 = 2;

/// The day under discussion for a clock time or a part of a day: the reference's
/// day, unless it lies days after publication and the clause tells the past
/// ("Walmart, which opened its stores at [6 a.m.]" after a line on next Monday's
/// sales), or days before it and the clause tells the future; then the publication
/// date. `None` when no day is known.
fn day_under_discussion(cx: &Ctx) -> Option<(Date, DayFrom)> {
    match (cx.reference.and_then(Value::day), cx.dct) {
        (Some(r), Some(dct)) => {
            // A day next to publication may well be the story's own (a dateline a
            // time zone ahead, "tomorrow"): only a day further off is overruled.
            // Set in an earlier sentence ("… before Thursday. The cabinet approved it at
            // 3 a.m."), any day on the other side of publication is.
            let days = if cx.reference_here { OVERRULE_DAYS } else { 1 };
            let far = |a: Date, b: Date| add_days(b, days).is_some_and(|f| a >= f);
            let against = !cx.reference_firm
                && match cx.tense.kind {
                    TenseKind::Past => far(r, dct),
                    TenseKind::Future => far(dct, r),
                    TenseKind::Present => false,
                };
            if !against {
                return Some((r, DayFrom::Reference));
            }
            let side = if r > dct { "after" } else { "before" };
            let why = format!(
                "the day under discussion ({}) lies {side} publication, against the {}",
                Value::Day(r),
                cx.tense.describe()
            );
            Some((dct, DayFrom::Overruled(why)))
        }
        (Some(r), None) => Some((r, DayFrom::Reference)),
        (None, Some(dct)) => Some((dct, DayFrom::Publication)),
        (None, None) => None,
    }
}

/// "by mid-afternoon", "in the morning": that part of the day under discussion (the
/// publication date when no day was named).
fn part_day(s: &Slots, cx: &Ctx) -> Out {
    let part = s.word("part", "part")?;
    let Some((d, from)) = day_under_discussion(cx) else {
        return raw(&format!("XXXX-XX-XXT{part}"), "day unknown");
    };
    let why = match from {
        DayFrom::Reference => format!("part of the day under discussion ({})", Value::Day(d)),
        DayFrom::Publication => format!("part of the publication date {}", Value::Day(d)),
        DayFrom::Overruled(why) => {
            format!("{why} · part of the publication date {}", Value::Day(d))
        }
    };
    Some((Value::Time(d, part.to_string()), why))
}

/// "overnight": the coming night in a future clause; in a story already dated, the
/// night of the day under discussion; otherwise the night before publication.
fn overnight(cx: &Ctx) -> Out {
    let night = |d: Date| Value::Time(d, "NI".to_string());
    let Some(dct) = cx.dct else {
        return raw("XXXX-XX-XXTNI", "no publication date");
    };
    if cx.tense.kind == TenseKind::Future {
        return Some((
            night(dct),
            format!(
                "future tense: the night of publication date {}",
                Value::Day(dct)
            ),
        ));
    }
    // Not a day after publication in a past clause ("will be sworn in on Jan. 5. Both
    // parties flew lawyers in overnight").
    if let Some(d) = cx
        .reference
        .and_then(Value::day)
        .filter(|d| !(cx.from_publication || (cx.tense.kind == TenseKind::Past && *d > dct)))
    {
        return Some((
            night(d),
            format!("the night of the day under discussion ({})", Value::Day(d)),
        ));
    }
    let before = add_days(dct, -1)?;
    Some((
        night(before),
        format!("the night before publication date {}", Value::Day(dct)),
    ))
}

fn day_word(s: &Slots, cx: &Ctx) -> Out {
    let spec = s.word("dw", "dayword")?;
    let mut it = spec.split_whitespace();
    let off: i64 = it.next()?.parse().ok()?;
    let part = it.next().or_else(|| s.word("part", "part"));
    let Some(dct) = cx.dct else {
        let t = part.map(|p| format!("T{p}")).unwrap_or_default();
        return raw(&format!("XXXX-XX-XX{t}"), "no publication date");
    };
    let day = add_days(dct, off)?;
    let v = match part {
        Some(p) => Value::Time(day, p.to_string()),
        None => Value::Day(day),
    };
    Some((
        v,
        format!(
            "{} publication date {}",
            offset_words(off, "D"),
            Value::Day(dct)
        ),
    ))
}

/// An offset of `n` units (TimeML unit codes: "D", "Y", "DE" …) in words, for a
/// derivation: "2 years before", "1 day after", "the same day as".
fn offset_words(n: i64, unit: &str) -> String {
    let (one, many) = match unit {
        "D" => ("day", "days"),
        "W" => ("week", "weeks"),
        "WE" => ("weekend", "weekends"),
        "FN" => ("fortnight", "fortnights"),
        "M" => ("month", "months"),
        "Q" => ("quarter", "quarters"),
        "Y" => ("year", "years"),
        "DE" => ("decade", "decades"),
        "CE" => ("century", "centuries"),
        "H" => ("hour", "hours"),
        "MIN" => ("minute", "minutes"),
        "S" => ("second", "seconds"),
        other => (other, other),
    };
    let k = n.unsigned_abs();
    let amount = format!("{k} {}", if k == 1 { one } else { many });
    match n {
        0 => format!("the same {one} as"),
        n if n < 0 => format!("{amount} before"),
        _ => format!("{amount} after"),
    }
}

/// Whether a SET match (normaliser `norm`) recurs at least weekly ("nightly", "every
/// two hours", "on Mondays", "weekends"): a clock time beside it is each occurrence's.
/// Not a monthly or yearly one ("held annually since 1990", "each July").
pub(crate) fn recurs_within_week(norm: Norm, s: &Slots) -> bool {
    match norm {
        Norm::SetDay => true,
        Norm::Set => {
            unit_code(s).is_some_and(|u| matches!(u, "D" | "H" | "MIN" | "S" | "W" | "WE"))
        }
        Norm::SetWord => s.word("sw", "setword").is_some_and(|v| {
            v.starts_with("PT") || v.starts_with("XXXX") || matches!(v, "P1D" | "P1W")
        }),
        _ => false,
    }
}

fn unit_code<'a>(s: &Slots<'a>) -> Option<&'a str> {
    let u = s.get("u").or_else(|| s.get("u2"))?;
    if u.eq_ignore_ascii_case("quarters") || u.eq_ignore_ascii_case("quarter") {
        return Some("Q");
    }
    // "a 20-second tremor": not a unit alone, where it is mostly the ordinal.
    if u.eq_ignore_ascii_case("second") {
        return Some("S");
    }
    s.lex.word("unit", u).or_else(|| s.lex.word("unitpl", u))
}

/// TIMEX3 duration for `n` units.
fn duration_value(n: &Num, unit: &str) -> String {
    if let Num::Half(k) = n {
        return half_duration(*k, unit);
    }
    let scaled = |k: i64, letter: &str| match n {
        Num::Int(n) => format!("P{}{letter}", n * k),
        other => format!("P{other}{letter}"),
    };
    match unit {
        "H" => format!("PT{n}H"),
        "MIN" => format!("PT{n}M"),
        "S" => format!("PT{n}S"),
        "DE" => scaled(10, "Y"),
        "CE" => scaled(100, "Y"),
        "FN" => scaled(2, "W"),
        other => format!("P{n}{other}"),
    }
}

/// TIMEX3 duration for `k` and a half units.
fn half_duration(k: i64, unit: &str) -> String {
    match unit {
        "Y" => format!("P{k}Y6M"),
        "M" => format!("P{k}M15D"),
        "W" => format!("P{k}W3DT12H"),
        "D" => format!("P{k}DT12H"),
        "H" => format!("PT{k}H30M"),
        "MIN" => format!("PT{k}M30S"),
        "DE" => format!("P{}Y", 10 * k + 5),
        "CE" => format!("P{}Y", 100 * k + 50),
        other => format!("P{k}.5{other}"),
    }
}

/// TIMEX3 duration for a half or a quarter (`den` 2 or 4) of one `unit`, in the next
/// smaller unit ("half a century" P50Y, "a quarter of an hour" PT15M).
fn fraction_duration(unit: &str, den: i64) -> Option<String> {
    let (n, to) = fraction_of(unit, den)?;
    Some(match to {
        // Whole years of months read as years ("half a decade" P5Y, not P60M).
        "M" if n % 12 == 0 => format!("P{}Y", n / 12),
        "M" if n > 12 => format!("P{}Y{}M", n / 12, n % 12),
        "H" if n >= 24 => format!("P{}DT{}H", n / 24, n % 24),
        "H" => format!("PT{n}H"),
        "MIN" => format!("PT{n}M"),
        "S" => format!("PT{n}S"),
        other => format!("P{n}{other}"),
    })
}

/// A half or a quarter (`den` 2 or 4) of one `unit` in the next smaller unit: the
/// count, rounded down ("a quarter of a month" 7 days), and that unit.
fn fraction_of(unit: &str, den: i64) -> Option<(i64, &'static str)> {
    let (size, to) = match unit {
        "CE" => (100, "Y"),
        "DE" => (120, "M"),
        "Y" => (12, "M"),
        "M" => (30, "D"),
        "W" => (168, "H"),
        "D" => (24, "H"),
        "H" => (60, "MIN"),
        "MIN" => (60, "S"),
        _ => return None,
    };
    Some((size / den, to))
}

/// The denominator a `frac` group names ("half" 2, "a quarter of" 4) and its words.
fn fraction_den(frac: &str) -> (i64, &'static str) {
    match frac.get(..1) {
        Some("h" | "H") => (2, "half"),
        _ => (4, "a quarter"),
    }
}

/// A half or a quarter (`den` 2 or 4) of a century, a decade or a year as a whole
/// count of a smaller unit ("half a century" 50 years, "a quarter of a year" 3
/// months), for a shift.
fn fraction_count(unit: &str, den: i64) -> Option<(Num, &'static str)> {
    if !matches!(unit, "CE" | "DE" | "Y") {
        return None;
    }
    let (n, to) = fraction_of(unit, den)?;
    Some(match to {
        "M" if n % 12 == 0 => (Num::Int(n / 12), "Y"),
        _ => (Num::Int(n), to),
    })
}

fn duration(norm: Norm, s: &Slots) -> Out {
    let unit = unit_code(s)?;
    if let Some(frac) = s.get("frac") {
        let (den, what) = fraction_den(frac);
        let v = fraction_duration(unit, den)?;
        return Some((Value::Raw(v), format!("{what} of unit {unit}")));
    }
    let n = match (norm, s.get("n").or_else(|| s.get("n2"))) {
        (Norm::Vague, _) => Num::Vague,
        // "every other week": every second one.
        (Norm::Set, _) if s.get("other").is_some() => Num::Int(2),
        (_, Some(t)) => number(t, s.lex)?,
        (_, None) => Num::Int(1),
    };
    let and_a_half = s
        .get("x")
        .or_else(|| s.caps.get(0).map(|m| m.as_str()))
        .is_some_and(|m| m.to_lowercase().contains("and a half"));
    let n = match n {
        Num::Int(k) if and_a_half => Num::Half(k),
        other => other,
    };
    // "every weekend", "at weekends": the weekend of every week.
    if norm == Norm::Set && unit == "WE" && n == Num::Int(1) {
        return raw("XXXX-WXX-WE", "every week's weekend");
    }
    // "3 minutes and 50 seconds", "six years and nine months": a second, finer part.
    if let (Num::Int(a), Some(more), Some(finer)) = (&n, s.get("n3"), s.get("u3")) {
        let finer = s
            .lex
            .word("unit", finer)
            .or_else(|| s.lex.word("unitpl", finer))?;
        let Num::Int(b) = number(more, s.lex)? else {
            return None;
        };
        // "28 years, two months and 27 days": a third part, in days.
        let days = match (s.get("n4"), s.get("u4")) {
            (Some(n4), Some(_)) => match number(n4, s.lex)? {
                Num::Int(c) => format!("{c}D"),
                _ => return None,
            },
            _ => String::new(),
        };
        let v = match (unit, finer) {
            ("Y", "M") => format!("P{a}Y{b}M{days}"),
            ("Y", "D") => format!("P{a}Y{b}D"),
            ("M", "D") => format!("P{a}M{b}D"),
            ("D", "H") => format!("P{a}DT{b}H"),
            ("H", "MIN") => format!("PT{a}H{b}M"),
            ("H", "S") => format!("PT{a}H{b}S"),
            ("MIN", "S") => format!("PT{a}M{b}S"),
            _ => return None,
        };
        let third = match days.strip_suffix('D') {
            Some(c) => format!(" and {c} × unit D"),
            None => String::new(),
        };
        return Some((
            Value::Raw(v),
            format!("{a} × unit {unit}, {b} × unit {finer}{third}"),
        ));
    }
    let v = duration_value(&n, unit);
    Some((Value::Raw(v), format!("{n} × unit {unit}")))
}

fn set_day(s: &Slots) -> Out {
    let part = s
        .word("part", "part")
        .or_else(|| s.word("partpl", "partpl"));
    let t = part.map(|p| format!("T{p}")).unwrap_or_default();
    match s.word("wd", "weekday") {
        Some(n) => raw(&format!("XXXX-WXX-{n}{t}"), "every week on that day"),
        // "every evening": that part of every day.
        None if part.is_some() => raw(&format!("XXXX-XX-XX{t}"), "every day at that time"),
        None => None,
    }
}

/// The quarter or half named by its first and last months (`m`, `m2`: "the
/// April-June quarter", "the January-June period") as its number and length in
/// months; `None` when the months bound no quarter or half ("the November-January
/// period").
pub(crate) fn months_spanned(s: &Slots) -> Option<(i8, i64)> {
    let first = month_of(s)?;
    let last = s.lex.month(s.get("m2")?)?;
    let len = i64::from(last) - i64::from(first) + 1;
    let k = match len {
        3 | 6 if (i64::from(first) - 1) % len == 0 => (i64::from(first) - 1) / len + 1,
        _ => return None,
    };
    Some((i8::try_from(k).ok()?, len))
}

fn quarter_half(s: &Slots, cx: &Ctx) -> Out {
    let named = match (s.get("m2"), s.get("mq")) {
        (Some(_), _) => Some(months_spanned(s)?),
        // "the June quarter": the quarter that month closes; other months close none.
        (None, Some(mq)) => {
            let m = s.lex.month(mq)?;
            if m % 3 != 0 {
                return None;
            }
            Some((m / 3, 3))
        }
        (None, None) => None,
    };
    let (k, len) = match named {
        Some(named) => named,
        None => match (s.get("q").or_else(|| s.get("q2")), s.get("h")) {
            (Some(q), _) => (
                q.parse()
                    .ok()
                    .or_else(|| s.lex.word("ordinal", q)?.parse().ok())?,
                3,
            ),
            // "the last half of 1989" is its second half.
            (None, Some(h)) if h.eq_ignore_ascii_case("last") => (2, 6),
            // "H2 2018": the half's number.
            (None, Some(h)) if h.bytes().all(|b| b.is_ascii_digit()) => (h.parse().ok()?, 6),
            (None, Some(_)) => (s.word("h", "ordinal")?.parse::<i8>().ok()?, 6),
            (None, None) => match (cx.reference, cx.dct) {
                (Some(Value::Quarter(_, q)), _) => (*q, 3),
                // "last year's quarter": the quarter latest reported at publication.
                (_, Some(d)) => match shift(&Value::Day(d), "Q", -1)? {
                    Value::Quarter(_, q) => (q, 3),
                    _ => return raw("XXXX-QX", "quarter not named"),
                },
                _ => return raw("XXXX-QX", "quarter not named"),
            },
        },
    };
    let make = |y: i16| {
        if len == 3 {
            Value::Quarter(y, k)
        } else {
            Value::Half(y, k)
        }
    };
    let first = i8::try_from((i64::from(k) - 1) * len + 1).ok()?;
    if !(1..=12).contains(&first) || k < 1 {
        return None;
    }
    if let Some(y) = year_of(s) {
        return Some((make(y), "explicit year".into()));
    }
    if let Some(dct) = cx.dct
        && let Some((y, off)) = relative_year(s, "rel", dct)
    {
        return Some((
            make(y),
            format!(
                "{} publication date {}",
                offset_words(off, "Y"),
                Value::Day(dct)
            ),
        ));
    }
    let Some(dct) = cx.dct else {
        let p = if len == 3 { "Q" } else { "H" };
        return raw(&format!("XXXX-{p}{k}"), "no publication date");
    };
    // A quarter is most often the one latest reported; in a future clause the one
    // nearest publication ("expects to close the deal in the second quarter", written
    // in March; but "will report fourth-quarter results", written in January, the one
    // just over).
    let dir = match (len, cx.tense.kind) {
        (3, TenseKind::Future | TenseKind::Present) => Dir::Nearest,
        (3, _) => Dir::Past,
        _ => tense_dir(&cx.tense),
    };
    let y = pick_year(dct, dir, |y| months_bounds(y, first, len))?;
    Some((
        make(y),
        format!(
            "{} · {} → {}",
            cx.tense.describe(),
            dct_words(dct),
            dir.describe()
        ),
    ))
}

fn season(s: &Slots, cx: &Ctx) -> Out {
    let code = s.lex.word("season", s.get("s")?)?.to_string();
    if let Some(y) = year_of(s) {
        return Some((Value::Season(y, code), "explicit year".into()));
    }
    let Some(dct) = cx.dct else {
        return raw(&format!("XXXX-{code}"), "no publication date");
    };
    // "the spring of next year": the season of the publication year plus the offset.
    if let Some((y, off)) = relative_year(s, "ry", dct) {
        return Some((
            Value::Season(y, code),
            format!(
                "{} publication date {}",
                offset_words(off, "Y"),
                Value::Day(dct)
            ),
        ));
    }
    if s.get("rel").is_none()
        && let Some((y, why)) = narrative_year(cx, |y| season_bounds(y, &code))
    {
        return Some((Value::Season(y, code), why));
    }
    let dir = match s.get("rel") {
        Some(_) => Dir::of_offset(s.word("rel", "rel")?.parse().ok()?),
        None => tense_dir(&cx.tense),
    };
    // "this summer" is the publication year's, behind or ahead; "this winter" is
    // the one under way or just over until April ("this winter" in March began in
    // December), later the coming one.
    if s.get("rel").is_some() && dir == Dir::Nearest {
        let y0 = dct.year();
        let under_way = [y0.checked_sub(1), Some(y0)]
            .into_iter()
            .flatten()
            .find(|&y| {
                season_bounds(y, &code).is_some_and(|(a, b)| {
                    let spring_after = add_days(b, 62).unwrap_or(b);
                    a <= dct && dct <= if code == "WI" { spring_after } else { b }
                })
            });
        let why = match under_way {
            Some(_) => "the season under way or just over",
            None => "the season of the publication year",
        };
        return Some((
            Value::Season(under_way.unwrap_or(y0), code),
            format!("'this' · {} → {why}", dct_words(dct)),
        ));
    }
    let y = pick_year(dct, dir, |y| season_bounds(y, &code))?;
    Some((
        Value::Season(y, code),
        format!(
            "{} · {} → {}",
            cx.tense.describe(),
            dct_words(dct),
            dir.describe()
        ),
    ))
}

/// The year of a holiday named with one: in figures or words ("Easter 2019"), or
/// relative to the publication year ("Christmas last year").
fn holiday_year(s: &Slots, cx: &Ctx) -> Option<i16> {
    year_of(s).or_else(|| Some(relative_year(s, "ry", cx.dct?)?.0))
}

/// The publication year of `dct` moved by the `relyear` word in group `group` ("last
/// year" → −1): the year and the offset.
fn relative_year(s: &Slots, group: &str, dct: Date) -> Option<(i16, i64)> {
    let off: i64 = s.word(group, "relyear")?.parse().ok()?;
    Some((i16::try_from(i64::from(dct.year()) + off).ok()?, off))
}

/// A day with the part of the day named after it ("Christmas morning"): that part
/// of that day.
fn with_part(s: &Slots, v: Value, why: String) -> (Value, String) {
    match (s.word("part", "part"), v.day()) {
        (Some(part), Some(d)) if matches!(v, Value::Day(_)) => {
            (Value::Time(d, part.to_string()), why)
        }
        _ => (v, why),
    }
}

/// What an expression names of a holiday: the day itself, the day before it ("the
/// eve of Anzac Day") or the weekend it belongs to ("the Labor Day weekend").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HolidayPart {
    Day,
    Eve,
    Weekend,
}

impl HolidayPart {
    /// The part a holiday rule's match names, by its `eve` and `wkend` groups.
    fn of(s: &Slots) -> Self {
        if s.get("eve").is_some() {
            Self::Eve
        } else if s.get("wkend").is_some() {
            Self::Weekend
        } else {
            Self::Day
        }
    }

    /// The first and last day named, of the holiday on `d`: the year of an
    /// occurrence is chosen by them ("the eve of Christmas" written on Christmas Eve
    /// in the past tense is that day, not a year back).
    fn bounds(self, d: Date) -> Option<(Date, Date)> {
        match self {
            Self::Day => Some((d, d)),
            Self::Eve => add_days(d, -1).map(|e| (e, e)),
            Self::Weekend => {
                let saturday = weekend_saturday(d)?;
                Some((saturday, add_days(saturday, 1)?))
            }
        }
    }

    /// The value named, of the holiday on `d`, with the step it adds to the derivation.
    fn value(self, d: Date) -> Option<(Value, String)> {
        match self {
            Self::Day => Some((Value::Day(d), String::new())),
            Self::Eve => Some((Value::Day(add_days(d, -1)?), " · its eve".into())),
            Self::Weekend => Some((
                weekend_of(weekend_saturday(d)?),
                format!(" · a {} → its weekend", weekday_abbr(d.weekday())),
            )),
        }
    }

    /// The value named of a holiday whose date is known to less than a day: of a
    /// week ("the eve of Holy Week"), the day before it or its weekend; of a year or
    /// of nothing, as much as is known.
    fn of_value(self, v: Value, why: String) -> (Value, String) {
        match (self, v) {
            (Self::Day, v) => (v, why),
            (_, Value::Day(d)) => match self.value(d) {
                Some((v, step)) => (v, format!("{why}{step}")),
                None => (Value::Day(d), why),
            },
            (Self::Eve, Value::Week(y, w, false)) => {
                let eve = jiff::civil::ISOWeekDate::new(y, w, Weekday::Monday)
                    .ok()
                    .and_then(|monday| add_days(monday.date(), -1));
                match eve {
                    Some(eve) => (Value::Day(eve), format!("{why} · the day before it")),
                    None => (Value::Week(y, w, false), why),
                }
            }
            (Self::Weekend, Value::Week(y, w, false)) => {
                (Value::Week(y, w, true), format!("{why} · its weekend"))
            }
            (_, v) => (v, why),
        }
    }
}

/// The Saturday of the weekend a holiday on `d` belongs to: the one before a holiday
/// early in the week (Monday, Tuesday), the one after it later in the week, its own
/// on a Saturday or Sunday.
fn weekend_saturday(d: Date) -> Option<Date> {
    let to_saturday = match d.weekday() {
        Weekday::Monday => -2,
        Weekday::Tuesday => -3,
        Weekday::Wednesday => 3,
        Weekday::Thursday => 2,
        Weekday::Friday => 1,
        Weekday::Saturday => 0,
        Weekday::Sunday => -1,
    };
    add_days(d, to_saturday)
}

/// "every Christmas Eve": a holiday on a fixed day recurs on it; a movable one
/// ("every Easter") once a year.
fn set_holiday(s: &Slots, cx: &Ctx) -> Out {
    let hol = s.get("hol")?;
    // A national day of the country the text is about ("every Independence Day" in a
    // Nigerian story), in the publication's year where its date changed.
    let year = cx.dct.map_or(i16::MAX, |d| d.year());
    let national = cx
        .country
        .and_then(|country| s.lex.national_day(hol, country, year));
    let rule = match national {
        Some(rule) => rule,
        None => s.lex.holiday(hol)?,
    };
    match fixed_day(rule) {
        Some((m, d)) => raw(&format!("XXXX-{m:02}-{d:02}"), "every year on that day"),
        None => raw("P1Y", &format!("every year (holiday rule {rule})")),
    }
}

/// A holiday named ("Christmas", "Easter 2019", "last Thanksgiving", "the eve of
/// Anzac Day", "the Labor Day weekend"): the occurrence in the year named, else the
/// one in the direction of the relative word or of the clause.
fn holiday(s: &Slots, cx: &Ctx) -> Out {
    let hol = s.get("hol")?;
    let fallback = s.lex.holiday(hol);
    let part = HolidayPart::of(s);
    // A national day whose date depends on the country: the date of the country the
    // text is about; else the holiday's own rule (Independence Day: July 4); else
    // none, and the expression is left untagged. A name without a rule of its own
    // counts only capitalised ("National Day", not "a national day of mourning").
    if s.lex.is_national_day(hol) {
        let named = hol
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase));
        if let Some(country) = cx.country.filter(|_| named || fallback.is_some()) {
            let dates = |y: i16| s.lex.national_day(hol, country, y);
            let whose = format!(" · the day of {country}, the country the text is about");
            if let Some(out) = holiday_on(s, cx, part, &dates, &whose) {
                return Some(out);
            }
        }
    }
    let rule = fallback?;
    if let Some(week_rule) = rule.strip_prefix("week:") {
        return holiday_week(week_rule, s, cx).map(|(v, why)| part.of_value(v, why));
    }
    if let Some(name) = rule.strip_prefix("table:") {
        return holiday_table(name, s, cx).map(|(v, why)| part.of_value(v, why));
    }
    holiday_on(s, cx, part, &|_| Some(rule), "")
}

/// A holiday (or its `part`) whose date rule in year `y` is `rule_for(y)` (`None`:
/// it was not kept that year); `whose` adds to the derivation.
fn holiday_on<'r>(
    s: &Slots,
    cx: &Ctx,
    part: HolidayPart,
    rule_for: &dyn Fn(i16) -> Option<&'r str>,
    whose: &str,
) -> Out {
    let date = |y: i16| rule_for(y).and_then(|rule| holiday_date(rule, y));
    if let Some(y) = holiday_year(s, cx) {
        let rule = rule_for(y)?;
        let (v, step) = part.value(date(y)?)?;
        return Some((v, format!("holiday rule {rule}{whose}{step}")));
    }
    let Some(dct) = cx.dct else {
        return match (part, rule_for(2000).and_then(fixed_day)) {
            (HolidayPart::Weekend, _) => raw("XXXX-WXX-WE", "no publication date"),
            (_, Some((m, d))) => {
                // The month and day named, in a leap year (the eve of 1 March).
                let (day, _) = part.bounds(Date::new(2000, m, d).ok()?)?;
                raw(
                    &format!("XXXX-{:02}-{:02}", day.month(), day.day()),
                    "no publication date",
                )
            }
            (_, None) => raw("XXXX-XX-XX", "movable holiday, no publication date"),
        };
    };
    let occurrence = |y: i16| date(y).and_then(|d| part.bounds(d));
    let dir = match s.word("rel", "rel").and_then(|r| r.parse::<i64>().ok()) {
        // "last Christmas" is the one before publication, "next Easter" the one after.
        Some(n) => Dir::of_offset(n),
        // Else the tense; but a past clause in which the holiday times no event (no
        // preposition of time before it, no firm past, no story of another year
        // named in the sentence) speaks of the coming one when it is a few weeks
        // off ("stock for Easter was still on the water" a month before it).
        None => {
            let dir = tense_dir(&cx.tense);
            let story = cx.tense.firm || cx.timing || cx.narrative.is_some();
            let soon = pick_year(dct, Dir::Future, occurrence)
                .and_then(occurrence)
                .is_some_and(|(first, _)| days_between(dct, first) <= HOLIDAY_AHEAD);
            if dir == Dir::Past && !story && soon {
                Dir::Future
            } else {
                dir
            }
        }
    };
    let y = pick_year(dct, dir, occurrence)?;
    let rule = rule_for(y)?;
    let (v, step) = part.value(date(y)?)?;
    Some((
        v,
        format!(
            "holiday rule {rule}{whose} · {} → {}{step}",
            cx.tense.describe(),
            dir.describe()
        ),
    ))
}

/// Days ahead within which a holiday that a past clause names without timing its
/// event is the coming one (see [`holiday`]).
const HOLIDAY_AHEAD: i64 = 42;

/// A holiday of another calendar (`table:NAME`), from its table of dates: the occurrence
/// in the year named, else the one in the direction of the clause; of a holiday lasting
/// more than a day (Ramadan) the first day, the last with `mod` END, the middle with MID.
fn holiday_table(name: &str, s: &Slots, cx: &Ctx) -> Out {
    let dates = s.lex.holiday_dates(name);
    let (first, last, why) = match (holiday_year(s, cx), cx.dct) {
        (Some(y), _) => {
            // A year the table does not cover: the year is all that is known.
            let Some(&(first, last)) = dates.iter().find(|(d, _)| d.year() == y) else {
                return Some((
                    Value::Year(y),
                    format!("{name} {y} is outside the holiday table: the year only"),
                ));
            };
            (first, last, format!("{name} {y} in the holiday table"))
        }
        (None, Some(dct)) => {
            let cands: Vec<(usize, Date, Date)> = dates
                .iter()
                .enumerate()
                .map(|(i, &(a, b))| (i, a, b))
                .collect();
            let dir = match s.word("rel", "rel").and_then(|r| r.parse::<i64>().ok()) {
                Some(n) => Dir::of_offset(n),
                // The tense, unless its occurrence is far off: then the nearest
                // ("licences were issued to avert a shortage during Ramadan").
                None => {
                    let dir = tense_dir(&cx.tense);
                    let far = |&(a, b): &(Date, Date)| {
                        days_between(b, dct) > MONTH_REACH || days_between(dct, a) > MONTH_REACH
                    };
                    match pick_period(dct, dir, &cands).and_then(|i| dates.get(i)) {
                        Some(p) if far(p) => Dir::Nearest,
                        _ => dir,
                    }
                }
            };
            // Beyond the table's years the nearest listed one is years away: undated.
            let Some(&(first, last)) = pick_period(dct, dir, &cands)
                .and_then(|i| dates.get(i))
                .filter(|(a, b)| days_between(*b, dct) <= 400 && days_between(dct, *a) <= 400)
            else {
                return raw(
                    "XXXX-XX-XX",
                    &format!("{name}: publication date outside the holiday table"),
                );
            };
            let why = format!(
                "{name} in the holiday table · {} · {} → {}",
                cx.tense.describe(),
                dct_words(dct),
                dir.describe()
            );
            (first, last, why)
        }
        (None, None) => {
            return raw(
                "XXXX-XX-XX",
                "holiday of another calendar, no publication date",
            );
        }
    };
    if first == last {
        return Some((Value::Day(first), why));
    }
    let span = format!("{why} · {name} ran {first} to {last}");
    let (day, which) = match s.get("mod").and_then(|m| s.lex.word("mod", m)) {
        Some("END") => (last, "its last day"),
        Some("MID") => (
            add_days(first, days_between(first, last) / 2)?,
            "its middle day",
        ),
        _ => (first, "its first day"),
    };
    Some((Value::Day(day), format!("{span} → {which}")))
}

/// "Easter week", "Holy Week": the ISO week (Monday to Sunday) holding the holiday of
/// `rule`; the one under way at publication counts as neither past nor future.
fn holiday_week(rule: &str, s: &Slots, cx: &Ctx) -> Out {
    let week_of = |y: i16| {
        let d = holiday_date(rule, y)?;
        let monday = add_days(d, -i64::from(d.weekday().to_monday_zero_offset()))?;
        Some((monday, add_days(monday, 6)?))
    };
    let (y, why) = match (year_of(s), cx.dct) {
        (Some(y), _) => (y, format!("week of holiday rule {rule}")),
        (None, Some(dct)) => {
            let dir = tense_dir(&cx.tense);
            let y = pick_year(dct, dir, week_of)?;
            (
                y,
                format!(
                    "week of holiday rule {rule} · {} → {}",
                    cx.tense.describe(),
                    dir.describe()
                ),
            )
        }
        (None, None) => return raw("XXXX-WXX", "holiday week, no publication date"),
    };
    let w = week_of(y)?.0.iso_week_date();
    Some((Value::Week(w.year(), w.week(), false), why))
}

/// The clock time of a match as `HH:MM`.
fn clock(s: &Slots) -> Option<String> {
    if let Some(w) = s.get("tw") {
        return s.lex.word("timeword", w).map(str::to_string);
    }
    let mut h: i8 = s.get("hh")?.parse().ok()?;
    // "0600 GMT": a wire's 24-hour clock, hours and minutes run together.
    let m: i8 = s
        .get("mm")
        .or_else(|| s.get("mil"))
        .map(str::parse)
        .transpose()
        .ok()?
        .unwrap_or(0);
    // "6 in the morning" is a.m., "9 in the evening" p.m., and so are "6:30 this
    // evening" and "5:30 tonight" (but "2:30 last night" may be after midnight);
    // not a wire's four-digit clock ("0600 GMT this evening"), which is 24-hour.
    let day_part = s.get("dw").unwrap_or_default().to_ascii_lowercase();
    let later_part = s.get("mil").is_none()
        && (day_part.ends_with("afternoon")
            || day_part.ends_with("evening")
            || day_part == "tonight"
            || (day_part.ends_with("night") && h >= 6));
    let ampm = match (s.get("ampm"), s.get("dp")) {
        (Some(a), _) => a.to_ascii_lowercase(),
        (None, Some(p)) if p.eq_ignore_ascii_case("morning") => "am".to_string(),
        (None, Some(_)) => "pm".to_string(),
        (None, None) if later_part => "pm".to_string(),
        (None, None) => String::new(),
    };
    if ampm.starts_with('p') && h < 12 {
        h += 12;
    } else if ampm.starts_with('a') && h == 12 {
        h = 0;
    }
    let valid = if ampm.is_empty() {
        h <= 24
    } else {
        (0..=23).contains(&h)
    };
    (valid && m <= 59).then(|| format!("{h:02}:{m:02}"))
}

fn time(s: &Slots, cx: &Ctx) -> Out {
    let hm = clock(s)?;
    if let Some(set) = cx.recurring {
        return raw(
            &format!("XXXX-XX-XXT{hm}"),
            &format!("recurring ('{set}' in its sentence) → the clock time of no one day"),
        );
    }
    let Some((d, from)) = day_under_discussion(cx) else {
        return raw(&format!("XXXX-XX-XXT{hm}"), "clock time, day unknown");
    };
    // "Hong Kong reverted to China at midnight": in the past, before any day was
    // named (not "today at midnight"), the midnight that opened the day of publication.
    if hm == "24:00"
        && cx.from_publication
        && !cx.reference_firm
        && cx.tense.kind == TenseKind::Past
    {
        let before = add_days(d, -1)?;
        return Some((
            Value::Time(before, hm),
            format!(
                "{} · the midnight that began publication date {} → the end of {}",
                cx.tense.describe(),
                Value::Day(d),
                Value::Day(before)
            ),
        ));
    }
    let why = match from {
        DayFrom::Reference | DayFrom::Publication => format!("clock time on {}", Value::Day(d)),
        DayFrom::Overruled(why) => {
            format!("{why} · clock time on publication date {}", Value::Day(d))
        }
    };
    Some((Value::Time(d, hm), why))
}

fn time_day(s: &Slots, cx: &Ctx) -> Out {
    let hm = clock(s)?;
    let (day, why) = if s.get("m").is_some() {
        date(s, cx)?
    } else if s.get("wd").is_some() {
        weekday(s, cx)?
    } else {
        day_word(s, cx)?
    };
    match day.day() {
        Some(d) => Some((Value::Time(d, hm), why)),
        None => raw(&format!("{day}T{hm}"), &why),
    }
}

fn month_year(s: &Slots, cx: &Ctx) -> Out {
    let m = month_of(s)?;
    let d = match s.get("d") {
        Some(_) => Some(day_of(s)?),
        None => None,
    };
    let Some(dct) = cx.dct else {
        return match d {
            Some(d) => raw(&format!("XXXX-{m:02}-{d:02}"), "no publication date"),
            None => raw(&format!("XXXX-{m:02}"), "no publication date"),
        };
    };
    let (y, off) = relative_year(s, "rel", dct)?;
    let v = match d {
        Some(d) => Value::Day(Date::new(y, m, d).ok()?),
        None => Value::Month(y, m),
    };
    Some((
        v,
        format!(
            "{} publication date {}",
            offset_words(off, "Y"),
            Value::Day(dct)
        ),
    ))
}

/// The quarter the text is about: the last quarter mentioned, else the last one completed.
fn current_quarter(cx: &Ctx, latest: bool) -> Option<(Value, String)> {
    if let Some(q @ Value::Quarter(y, k)) = cx.reference {
        // The quarter of publication or a later one (a forecast) is not "the latest quarter".
        let ahead = cx
            .dct
            .is_some_and(|d| (*y, *k) >= (d.year(), quarter_of(d)));
        if !(latest && ahead) {
            return Some((q.clone(), format!("the quarter under discussion ({q})")));
        }
    }
    let dct = cx.dct?;
    let now = Value::Day(dct);
    let v = if latest {
        shift(&now, "Q", -1)?
    } else {
        shift(&now, "Q", 0)?
    };
    Some((v, format!("quarter of publication date {now}")))
}

/// The quarter that ended last before `dct`: the one results news reports.
pub(crate) fn reported_quarter(dct: Date) -> Option<Value> {
    shift(&Value::Day(dct), "Q", -1)
}

fn the_quarter(s: &Slots, cx: &Ctx) -> Out {
    let current = s
        .get("rel")
        .is_some_and(|r| r.eq_ignore_ascii_case("current"));
    if let (true, Some(dct)) = (current, cx.dct) {
        let v = shift(&Value::Day(dct), "Q", 0)?;
        return Some((v, "quarter of publication".into()));
    }
    current_quarter(cx, !current).or_else(|| raw("XXXX-QX", "no publication date"))
}

fn year_ago(s: &Slots, cx: &Ctx) -> Out {
    // "the same period of 2022": the quarter under discussion (a forecast's too), or
    // for "the same month" the month, in that year; else the year alone.
    if let Some(y) = s.get("y") {
        let y: i16 = y.parse().ok()?;
        let under = match cx.reference {
            Some(q @ Value::Quarter(..)) => {
                Some((q.clone(), format!("the quarter under discussion ({q})")))
            }
            Some(m @ Value::Month(..)) if s.get("pmonth").is_some() => {
                Some((m.clone(), format!("the month under discussion ({m})")))
            }
            _ if says_quarter(s) => current_quarter(cx, true),
            _ => None,
        };
        return Some(match under {
            Some((Value::Quarter(_, q), why)) => (Value::Quarter(y, q), format!("{why}, in {y}")),
            Some((Value::Month(_, m), why)) => (Value::Month(y, m), format!("{why}, in {y}")),
            _ => (
                Value::Year(y),
                "no quarter or month under discussion: the year".into(),
            ),
        });
    }
    if let Some(q) = s.get("q") {
        let q: i8 = s.lex.word("ordinal", q)?.parse().ok()?;
        let dct = cx.dct?;
        return Some((
            Value::Quarter(dct.year() - 1, q),
            "same quarter a year before publication".into(),
        ));
    }
    // A quarter under discussion not yet over at publication (a forecast) is not what
    // "a year ago" compares with: then the latest reported quarter is.
    let ahead = match (cx.reference, cx.dct) {
        (Some(Value::Quarter(y, q)), Some(d)) => (*y, *q) >= (d.year(), quarter_of(d)),
        _ => false,
    };
    let (base, why) = match cx.reference {
        Some(Value::Quarter(..)) if ahead => {
            let latest = shift(&Value::Day(cx.dct?), "Q", -1)?;
            (latest, "latest reported quarter".to_string())
        }
        Some(Value::Quarter(..)) => current_quarter(cx, true)?,
        // "the year-ago quarter": the latest reported quarter, a year back.
        _ if says_quarter(s) => current_quarter(cx, true)?,
        _ => (Value::Day(cx.dct?), "publication date".to_string()),
    };
    let v = match &base {
        Value::Quarter(..) => shift(&base, "Q", -4)?,
        _ => shift(&base, "Y", -1)?,
    };
    Some((v, format!("a year before {why}")))
}

/// The unit (year, week) of the date under discussion, else of the publication date.
/// "a week from today", "five years from now": that long after publication, a day
/// for days and weeks counted from today, else in the unit's grain.
fn from_now(s: &Slots, cx: &Ctx) -> Out {
    let unit = unit_code(s)?;
    let Num::Int(n) = number(s.get("n")?, s.lex)? else {
        return raw("FUTURE_REF", "vague amount from now");
    };
    let Some(dct) = cx.dct else {
        return raw("FUTURE_REF", "no publication date");
    };
    let v = match unit {
        "D" => Value::Day(add_days(dct, n)?),
        "W" => Value::Day(add_days(dct, n.checked_mul(7)?)?),
        _ => shift(&Value::Day(dct), unit, n)?,
    };
    Some((
        v,
        format!(
            "{} publication date {}",
            offset_words(n, unit),
            Value::Day(dct)
        ),
    ))
}

/// "in September of that year": that month of the year under discussion.
fn month_that(s: &Slots, cx: &Ctx) -> Out {
    let m = month_of(s)?;
    match cx.reference.and_then(Value::year) {
        Some(y) => Some((
            Value::Month(y, m),
            format!("month {m:02} of the year under discussion ({y})"),
        )),
        None => raw(&format!("XXXX-{m:02}"), "no year under discussion"),
    }
}

fn context_unit(cx: &Ctx, unit: &str) -> Out {
    // News uses "the year" for the current one; "the week" for the week under discussion.
    let from_ref = match unit {
        "W" => cx.reference.and_then(|r| shift(r, unit, 0)),
        _ => None,
    };
    match (from_ref, cx.dct) {
        (Some(v), _) => Some((v, "the week under discussion".into())),
        (None, Some(d)) => Some((
            shift(&Value::Day(d), unit, 0)?,
            "period of publication".into(),
        )),
        (None, None) => raw(
            if unit == "W" { "XXXX-WXX" } else { "XXXX" },
            "no date known",
        ),
    }
}

fn weekend(cx: &Ctx) -> Out {
    let Some(dct) = cx.dct else {
        return raw("XXXX-WXX-WE", "no publication date");
    };
    let dir = tense_dir(&cx.tense);
    let sat = weekday_from(dct, Weekday::Saturday, dir)?;
    let why = format!(
        "{} · {} → {} weekend",
        cx.tense.describe(),
        dct_words(dct),
        dir.describe()
    );
    Some((weekend_of(sat), why))
}

/// The weekend (YYYY-Www-WE) whose Saturday is `saturday`, in that Saturday's ISO week.
fn weekend_of(saturday: Date) -> Value {
    let w = saturday.iso_week_date();
    Value::Week(w.year(), w.week(), true)
}

fn year_end(s: &Slots, cx: &Ctx) -> Out {
    let Some(y) = cx.dct.map(|d| d.year()) else {
        return raw("XXXX-12-31", "year unknown");
    };
    if s.get("since").is_some() {
        // "since year-end": the last year-end before publication.
        return Some((
            Value::Day(Date::new(y - 1, 12, 31).ok()?),
            "'since' · last day of the year before publication".into(),
        ));
    }
    Some((
        Value::Day(Date::new(y, 12, 31).ok()?),
        "last day of the year of publication".into(),
    ))
}

fn year_period(s: &Slots, cx: &Ctx) -> Out {
    let y = year_of(s)?;
    match cx.reference {
        Some(Value::Quarter(_, q)) => Some((
            Value::Quarter(y, *q),
            "same quarter as the one under discussion".into(),
        )),
        // "the 1988 quarter": the quarter latest reported at publication, in that year.
        _ if says_quarter(s) => match current_quarter(cx, true)? {
            (Value::Quarter(_, q), _) => Some((
                Value::Quarter(y, q),
                "latest reported quarter, in that year".into(),
            )),
            _ => Some((Value::Year(y), "explicit year".into())),
        },
        _ => Some((Value::Year(y), "explicit year".into())),
    }
}

/// Whether the match names a quarter ("the year-ago quarter", "the 1988 quarter").
fn says_quarter(s: &Slots) -> bool {
    s.caps
        .get(0)
        .is_some_and(|m| m.as_str().to_ascii_lowercase().contains("quarter"))
}

fn spoken_year(s: &Slots) -> Out {
    Some((Value::Year(spoken_year_of(s)?), "year in words".into()))
}

/// A year said in words ("nineteen ninety-six", "two thousand and one"): the groups of
/// the named pattern `%spokenyear`.
fn spoken_year_of(s: &Slots) -> Option<i16> {
    let words = |g: &str| -> Option<i64> {
        let t = s.get(g)?.to_lowercase();
        let t = t
            .trim_start_matches("oh")
            .trim_start_matches('o')
            .trim_start_matches(['-', ' ']);
        match number(t, s.lex) {
            Some(Num::Int(n)) => Some(n),
            _ => s.lex.word("teenword", t)?.parse().ok(),
        }
    };
    let y = match s.get("k2") {
        Some(_) => 2000 + s.get("c3").map(|_| words("c3")).unwrap_or(Some(0))?,
        None => words("c1")? * 100 + words("c2")?,
    };
    i16::try_from(y).ok()
}

fn ord_day(s: &Slots, cx: &Ctx) -> Out {
    let d = day_of(s)?;
    let month = cx
        .reference
        .and_then(Value::month)
        .or(cx.dct.map(|d| (d.year(), d.month())));
    let Some((y, m)) = month else {
        return raw(&format!("XXXX-XX-{d:02}"), "month unknown");
    };
    // Counted from publication, the tense may point to the next or the last month:
    // "will meet on the 5th" written on the 30th, "met on the 28th" written on the 3rd
    // (a past verb next to the day: "was thinking of firing those who do not comply
    // after the 25th" looks ahead).
    if cx.from_publication
        && let Some(dct) = cx.dct
        && !cx.tense.dateline
    {
        let step = match tense_dir(&cx.tense) {
            Dir::Future if d < dct.day() => 1,
            Dir::Past if d > dct.day() && cx.tense.firm => -1,
            _ => 0,
        };
        let other = (step != 0)
            .then(|| shift(&Value::Month(y, m), "M", step))
            .flatten()
            .and_then(|v| v.month())
            .and_then(|(y2, m2)| Some((Date::new(y2, m2, d).ok()?, y2, m2)));
        if let Some((day, y2, m2)) = other {
            let which = if step > 0 { "next" } else { "last" };
            return Some((
                Value::Day(day),
                format!(
                    "day {d} · {} · {} → the {which} month's ({}) day {d}",
                    cx.tense.describe(),
                    dct_words(dct),
                    Value::Month(y2, m2)
                ),
            ));
        }
    }
    let v = Value::Day(Date::new(y, m, d).ok()?);
    Some((
        v,
        format!("day {d} of the current month ({})", Value::Month(y, m)),
    ))
}

/// Quarter (1–4) of a date.
fn quarter_of(d: Date) -> i8 {
    (d.month() - 1) / 3 + 1
}

/// "the quarter ended July 31": the calendar quarter holding most of the three months
/// before that date (the quarter of the day 45 days before it).
fn quarter_ended(s: &Slots, cx: &Ctx) -> Out {
    let (mut end, mut why) = match date(s, cx)? {
        (Value::Day(d), why) => (d, why),
        _ => return raw("XXXX-QX", "end date without a year"),
    };
    // "ended Oct. 31" without a year: a quarter already over at publication.
    let ended = s
        .caps
        .get(0)
        .is_some_and(|m| m.as_str().to_ascii_lowercase().contains(" ended "));
    if let (true, Some(dct), None) = (ended, cx.dct, year_of(s))
        && end > dct
    {
        end = Date::new(end.year() - 1, end.month(), end.day()).ok()?;
        why = format!("'ended': the year before ({why})");
    }
    let mid = add_days(end, -45)?;
    // "the second quarter ended Oct. 31": a fiscal quarter, named by the company, of
    // the year in which it ends (mostly).
    if let Some(q) = s.word("q", "ordinal") {
        let q: i8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        return Some((
            Value::Quarter(mid.year(), q),
            format!("quarter {q} ending {} ({why})", Value::Day(end)),
        ));
    }
    Some((
        Value::Quarter(mid.year(), quarter_of(mid)),
        format!(
            "three months ending {} ({why}) · mostly in that quarter",
            Value::Day(end)
        ),
    ))
}

/// "the week of March 6": the week that contains the date.
fn week_of(s: &Slots, cx: &Ctx) -> Out {
    match date(s, cx)? {
        (Value::Day(d), why) => Some((shift(&Value::Day(d), "W", 0)?, format!("week of {why}"))),
        _ => None,
    }
}
