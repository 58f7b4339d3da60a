//! The plotted timeline, independent of any UI toolkit: x positions (days since
//! 1970-01-01), one lane per article, and calendar tick marks for the time axis.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use crate::extract::timex::Granularity;
use crate::model::Dataset;

/// Days from 1970-01-01 to `d` (negative before).
pub fn days(d: Date) -> f64 {
    let epoch = jiff::civil::date(1970, 1, 1);
    epoch
        .until(d)
        .map_or(0.0, |s: Span| f64::from(s.get_days()))
}

/// The date `x` days after 1970-01-01 (clamped to jiff's range).
pub fn date_of(x: f64) -> Date {
    let epoch = jiff::civil::date(1970, 1, 1);
    let n = x.floor().clamp(-700_000.0, 2_900_000.0) as i64;
    epoch.checked_add(n.days()).unwrap_or(epoch)
}

/// One event drawn on the timeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Index into [`Dataset::events`].
    pub event: usize,
    /// Lane (0 = top).
    pub lane: usize,
    /// Where the marker sits: the middle of the interval.
    pub x: f64,
    /// Interval start (inclusive, days).
    pub x_start: f64,
    /// Interval end (exclusive, days): one past the last day.
    pub x_end: f64,
    /// Whether the event covers more than one day (drawn as a span).
    pub is_span: bool,
    /// How the date is drawn.
    pub style: MarkStyle,
}

/// How an event's date is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkStyle {
    /// A day or a time: a point.
    Point,
    /// A week, month, quarter, season, year…: a span over its interval.
    Span,
    /// A modified date ("early 2020", "the end of last month"): the part meant,
    /// with soft ends.
    SoftSpan,
    /// A duration back from the publication date ("over the past three years").
    Duration,
}

/// What the lanes of the timeline stand for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lanes {
    /// One lane per article, in file order.
    #[default]
    Articles,
    /// One lane per selected actor (articles when none is selected).
    Actors,
}

/// How the timeline is filtered and laned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct View {
    /// Selected actors (indices into `Dataset::actors`).
    pub actors: std::collections::BTreeSet<usize>,
    /// Show only the events of the selected actors (otherwise all, others dimmed).
    pub only_selected: bool,
    /// What a lane stands for.
    pub lanes: Lanes,
}

/// The timeline of a dataset: lanes and marks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// Lane labels: outlet and publication date of each article.
    pub lanes: Vec<String>,
    /// One mark per event (in the lane of its first mention).
    pub marks: Vec<Mark>,
}

impl Timeline {
    /// Lays out every event of `dataset`, one lane per article.
    pub fn new(dataset: &Dataset) -> Self {
        Self::with_view(dataset, &View::default())
    }

    /// Lays out `dataset` as `view` asks: events of the selected actors only (when
    /// `only_selected` and some are selected), lanes per article or per selected actor.
    pub fn with_view(dataset: &Dataset, view: &View) -> Self {
        let by_actor = view.lanes == Lanes::Actors && !view.actors.is_empty();
        let filter = view.only_selected && !view.actors.is_empty();
        let actor_lanes: Vec<usize> = view
            .actors
            .iter()
            .copied()
            .filter(|a| *a < dataset.actors.len())
            .collect();
        let lanes = if by_actor {
            actor_lanes
                .iter()
                .filter_map(|a| dataset.actors.get(*a))
                .map(|a| format!("{} ({})", a.name, a.kind.label()))
                .collect()
        } else {
            dataset.docs.iter().map(|d| d.article.label()).collect()
        };
        let mut marks = Vec::new();
        for (i, e) in dataset.events.iter().enumerate() {
            if filter && !e.actors.iter().any(|a| view.actors.contains(a)) {
                continue;
            }
            let x_start = days(e.interval.start);
            let x_end = days(e.interval.end) + 1.0;
            let is_span = e.interval.granularity > Granularity::Day;
            let x = if is_span {
                (x_start + x_end) / 2.0
            } else {
                x_start + 0.5
            };
            let modified = e
                .mentions
                .first()
                .is_some_and(|m| m.timex.modifier.is_some());
            let style = if e.anchored_duration {
                MarkStyle::Duration
            } else if is_span && modified {
                MarkStyle::SoftSpan
            } else if is_span {
                MarkStyle::Span
            } else {
                MarkStyle::Point
            };
            let mark = |lane| Mark {
                event: i,
                lane,
                x,
                x_start,
                x_end,
                is_span,
                style,
            };
            if by_actor {
                for (lane, a) in actor_lanes.iter().enumerate() {
                    if e.actors.contains(a) {
                        marks.push(mark(lane));
                    }
                }
            } else if let Some(m) = e.mentions.first() {
                marks.push(mark(m.doc));
            }
        }
        Self { lanes, marks }
    }

    /// The x range covering every mark, with a margin, or `None` when empty.
    pub fn x_range(&self) -> Option<(f64, f64)> {
        let lo = self.marks.iter().map(|m| m.x_start).reduce(f64::min)?;
        let hi = self.marks.iter().map(|m| m.x_end).reduce(f64::max)?;
        let margin = ((hi - lo) * 0.04).max(15.0);
        Some((lo - margin, hi + margin))
    }
}

/// The unit of a row of calendar ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickUnit {
    /// Every `n` years.
    Years(i16),
    /// Every `n` months.
    Months(i8),
    /// Every `n` days.
    Days(i16),
}

impl TickUnit {
    /// Approximate length in days (used for ordering and line strength).
    pub fn approx_days(self) -> f64 {
        match self {
            Self::Years(n) => 365.25 * f64::from(n),
            Self::Months(n) => 30.44 * f64::from(n),
            Self::Days(n) => f64::from(n),
        }
    }

    /// Formats the tick at `d` for this unit: "2024", "Feb 2024", "7 Feb".
    pub fn label(self, d: Date) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS
            .get(usize::try_from(d.month() - 1).unwrap_or(0))
            .copied()
            .unwrap_or("");
        match self {
            Self::Years(_) => d.year().to_string(),
            Self::Months(_) if d.month() == 1 => d.year().to_string(),
            Self::Months(_) => format!("{month} {}", d.year()),
            Self::Days(_) if d.day() == 1 => format!("{month} {}", d.year()),
            Self::Days(_) => format!("{} {month}", d.day()),
        }
    }
}

const UNITS: &[TickUnit] = &[
    TickUnit::Days(1),
    TickUnit::Days(2),
    TickUnit::Days(7),
    TickUnit::Months(1),
    TickUnit::Months(3),
    TickUnit::Months(6),
    TickUnit::Years(1),
    TickUnit::Years(2),
    TickUnit::Years(5),
    TickUnit::Years(10),
    TickUnit::Years(20),
    TickUnit::Years(50),
    TickUnit::Years(100),
];

/// The smallest calendar unit at least `min_days` long.
pub fn tick_unit(min_days: f64) -> TickUnit {
    UNITS
        .iter()
        .copied()
        .find(|u| u.approx_days() >= min_days)
        .unwrap_or(TickUnit::Years(100))
}

/// Calendar-aligned ticks of `unit` in `[lo, hi]` (days), at most `limit` of them.
pub fn ticks(lo: f64, hi: f64, unit: TickUnit, limit: usize) -> Vec<(f64, Date)> {
    let mut out = Vec::new();
    let start = date_of(lo);
    let mut d = match unit {
        TickUnit::Years(n) => {
            let y = start.year() - start.year().rem_euclid(n);
            jiff::civil::date(y, 1, 1)
        }
        TickUnit::Months(n) => {
            let m = start.month() - (start.month() - 1).rem_euclid(n);
            jiff::civil::date(start.year(), m, 1)
        }
        TickUnit::Days(7) => start
            .checked_sub(i64::from(start.weekday().to_monday_zero_offset()).days())
            .unwrap_or(start),
        TickUnit::Days(_) => start,
    };
    let step = match unit {
        TickUnit::Years(n) => i64::from(n).years(),
        TickUnit::Months(n) => i64::from(n).months(),
        TickUnit::Days(n) => i64::from(n).days(),
    };
    while out.len() < limit {
        let x = days(d);
        if x > hi {
            break;
        }
        if x >= lo {
            out.push((x, d));
        }
        match d.checked_add(step) {
            Ok(next) if next > d => d = next,
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_round_trip() {
        for d in [
            date(1970, 1, 1),
            date(2003, 3, 20),
            date(2024, 2, 29),
            date(1899, 12, 31),
        ] {
            assert_eq!(date_of(days(d)), d);
        }
        assert_eq!(days(date(1970, 1, 2)), 1.0);
    }

    #[test]
    fn ticks_follow_the_zoom() {
        // Two decades: yearly or coarser ticks on 1 January.
        let (lo, hi) = (days(date(2003, 1, 1)), days(date(2025, 12, 31)));
        let unit = tick_unit((hi - lo) / 12.0);
        assert!(matches!(unit, TickUnit::Years(_)), "{unit:?}");
        let t = ticks(lo, hi, unit, 100);
        assert!(t.iter().all(|(_, d)| d.month() == 1 && d.day() == 1));
        assert_eq!(unit.label(date(2020, 1, 1)), "2020");
        // Two months: weekly or daily ticks, labelled by day.
        let (lo, hi) = (days(date(2024, 1, 1)), days(date(2024, 3, 1)));
        let unit = tick_unit((hi - lo) / 10.0);
        assert_eq!(unit, TickUnit::Days(7));
        let t = ticks(lo, hi, unit, 100);
        assert!(
            t.iter()
                .all(|(_, d)| d.weekday() == jiff::civil::Weekday::Monday)
        );
        assert_eq!(unit.label(date(2024, 2, 12)), "12 Feb");
        assert_eq!(TickUnit::Months(1).label(date(2024, 2, 1)), "Feb 2024");
    }
}
