//! The plotted timeline, independent of any UI toolkit: x positions (days since
//! 1970-01-01), lanes (per article, outlet or actor, collapsed when there are many),
//! search and actor filters, and calendar tick marks for the time axis. Each layout
//! carries its level-of-detail index ([`lod`]), so that a frame of the plot costs the
//! clusters it draws rather than the events laid out.

pub mod lod;

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
    /// One lane per outlet.
    Outlets,
    /// One lane per selected actor, or per most active actor when none is selected.
    Actors,
}

impl Lanes {
    /// The selector's words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Articles => "article",
            Self::Outlets => "outlet",
            Self::Actors => "actor",
        }
    }
}

/// Most lanes drawn; the rest collapse into one "other" lane.
pub const MAX_LANES: usize = 24;
/// Lanes per actor when no actor is selected: the most active ones.
pub const TOP_ACTORS: usize = 12;

/// How the timeline is filtered and laned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct View {
    /// Selected actors (indices into `Dataset::actors`).
    pub actors: std::collections::BTreeSet<usize>,
    /// Show only the events of the selected actors (otherwise all, others dimmed).
    pub only_selected: bool,
    /// What a lane stands for.
    pub lanes: Lanes,
    /// The search box (see [`crate::search`]); only matching events are laid out.
    pub search: String,
}

/// The timeline of a dataset: lanes and marks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// Lane labels.
    pub lanes: Vec<String>,
    /// One mark per event and lane it belongs to, sorted by lane, then x.
    pub marks: Vec<Mark>,
    /// Events that match the search (empty when there is no search).
    pub matches: Vec<usize>,
    /// Per lane, the colour key of what it stands for: the article index, the
    /// outlet index or the actor index, so the same thing has the same colour in
    /// the plot, the article pane and the actor list.
    pub colors: Vec<usize>,
    /// The events laid out, ascending, each once.
    pub events: Vec<usize>,
    /// The level-of-detail index of `marks` (what a view of the plot draws);
    /// marks involving a selected actor are its highlighted ones.
    pub lod: lod::Lod,
    /// Per event, the index of its first mark (`usize::MAX`: not laid out).
    first_mark: Vec<usize>,
}

impl Timeline {
    /// Lays out every event of `dataset`, one lane per article.
    pub fn new(dataset: &Dataset) -> Self {
        Self::with_view(dataset, &View::default())
    }

    /// Lays out `dataset` as `view` asks: only events matching the search and (when
    /// `only_selected`) involving a selected actor; lanes per article, outlet or
    /// actor, at most [`MAX_LANES`] of them (the least busy collapse into "other").
    pub fn with_view(dataset: &Dataset, view: &View) -> Self {
        let query = crate::search::Query::parse(&view.search);
        let filter = view.only_selected && !view.actors.is_empty();
        let shown: Vec<usize> = (0..dataset.events.len())
            .filter(|i| {
                dataset.events.get(*i).is_some_and(|e| {
                    (!filter || e.actors.iter().any(|a| view.actors.contains(a)))
                        && (query.is_empty() || query.matches(dataset, e))
                })
            })
            .collect();
        // Each event's lane keys, and the lane labels.
        let (labels, keys_of, color_keys) = lane_keys(dataset, view, &shown);
        // Collapse the least busy lanes.
        let mut counts = vec![0usize; labels.len()];
        for keys in &keys_of {
            for k in keys {
                if let Some(c) = counts.get_mut(*k) {
                    *c += 1;
                }
            }
        }
        let mut order: Vec<usize> = (0..labels.len()).collect();
        let collapse = labels.len() > MAX_LANES;
        if collapse {
            order.sort_by_key(|k| std::cmp::Reverse(counts.get(*k).copied().unwrap_or(0)));
            order.truncate(MAX_LANES - 1);
            order.sort_unstable();
        }
        let mut lane_of = vec![None; labels.len()];
        for (lane, k) in order.iter().enumerate() {
            if let Some(slot) = lane_of.get_mut(*k) {
                *slot = Some(lane);
            }
        }
        let mut lanes: Vec<String> = order
            .iter()
            .filter_map(|k| labels.get(*k).cloned())
            .collect();
        let mut colors: Vec<usize> = order
            .iter()
            .map(|k| color_keys.get(*k).copied().unwrap_or(*k))
            .collect();
        let other = lanes.len();
        if collapse {
            lanes.push(format!(
                "other {} {}s",
                labels.len() - other,
                view.lanes.label()
            ));
            colors.push(usize::MAX);
        }
        let mut marks = Vec::new();
        for (i, keys) in shown.iter().zip(&keys_of) {
            let Some(e) = dataset.events.get(*i) else {
                continue;
            };
            let mut placed = std::collections::BTreeSet::new();
            for k in keys {
                let lane = lane_of.get(*k).copied().flatten().unwrap_or(other);
                if placed.insert(lane) {
                    marks.push(mark_of(*i, e, lane));
                }
            }
        }
        // Sorted by lane, then position: the plot clusters them in one sweep.
        marks.sort_by(|a, b| {
            (a.lane, a.x)
                .partial_cmp(&(b.lane, b.x))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let selected = |m: &Mark| {
            !view.actors.is_empty()
                && dataset
                    .events
                    .get(m.event)
                    .is_some_and(|e| e.actors.iter().any(|a| view.actors.contains(a)))
        };
        let lod = lod::Lod::new(&marks, lanes.len(), selected);
        let mut first_mark = vec![usize::MAX; dataset.events.len()];
        for (i, m) in marks.iter().enumerate() {
            if let Some(slot) = first_mark.get_mut(m.event).filter(|s| **s == usize::MAX) {
                *slot = i;
            }
        }
        let mut events: Vec<usize> = marks.iter().map(|m| m.event).collect();
        events.sort_unstable();
        events.dedup();
        Self {
            lanes,
            marks,
            matches: if query.is_empty() { Vec::new() } else { shown },
            colors,
            events,
            lod,
            first_mark,
        }
    }

    /// The x range covering every mark, with a margin, or `None` when empty.
    pub fn x_range(&self) -> Option<(f64, f64)> {
        let (lo, hi) = if self.lod.len() == self.marks.len() {
            self.lod.extent()?
        } else {
            // Marks set by hand, not indexed.
            let lo = self.marks.iter().map(|m| m.x_start).reduce(f64::min)?;
            let hi = self.marks.iter().map(|m| m.x_end).reduce(f64::max)?;
            (lo, hi)
        };
        let margin = ((hi - lo) * 0.04).max(15.0);
        Some((lo - margin, hi + margin))
    }

    /// The first mark (in lane order) of event `e`, if it is laid out.
    pub fn first_mark_of(&self, e: usize) -> Option<&Mark> {
        match self.first_mark.get(e) {
            Some(&i) if i != usize::MAX => self.marks.get(i),
            Some(_) => None,
            // Marks set by hand, not indexed.
            None => self.marks.iter().find(|m| m.event == e),
        }
    }
}

/// The lane labels for `view` and, per shown event, the indices of its lanes.
fn lane_keys(
    dataset: &Dataset,
    view: &View,
    shown: &[usize],
) -> (Vec<String>, Vec<Vec<usize>>, Vec<usize>) {
    let events = || shown.iter().filter_map(|i| dataset.events.get(*i));
    match view.lanes {
        Lanes::Articles => {
            let labels = dataset.docs.iter().map(|d| d.article.label()).collect();
            let keys = events()
                .map(|e| e.mentions.first().map(|m| vec![m.doc]).unwrap_or_default())
                .collect();
            (labels, keys, (0..dataset.docs.len()).collect())
        }
        Lanes::Outlets => {
            let outlet = |d: usize| {
                dataset
                    .docs
                    .get(d)
                    .map(|d| {
                        d.article
                            .source
                            .clone()
                            .unwrap_or_else(|| "unknown outlet".into())
                    })
                    .unwrap_or_default()
            };
            let mut labels: Vec<String> = (0..dataset.docs.len()).map(outlet).collect();
            labels.sort();
            labels.dedup();
            let keys = events()
                .map(|e| {
                    e.mentions
                        .iter()
                        .filter_map(|m| labels.binary_search(&outlet(m.doc)).ok())
                        .collect()
                })
                .collect();
            let colors = (0..labels.len()).collect();
            (labels, keys, colors)
        }
        Lanes::Actors => {
            let actors: Vec<usize> = if view.actors.is_empty() {
                let mut by_events: Vec<(usize, usize)> =
                    (0..dataset.actors.len()).map(|a| (a, 0)).collect();
                for e in events() {
                    for a in &e.actors {
                        if let Some(c) = by_events.get_mut(*a) {
                            c.1 += 1;
                        }
                    }
                }
                by_events.sort_by_key(|(a, n)| (std::cmp::Reverse(*n), *a));
                by_events
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .take(TOP_ACTORS)
                    .map(|(a, _)| a)
                    .collect()
            } else {
                view.actors
                    .iter()
                    .copied()
                    .filter(|a| *a < dataset.actors.len())
                    .collect()
            };
            let labels = actors
                .iter()
                .filter_map(|a| dataset.actors.get(*a))
                .map(|a| format!("{} ({})", a.name, a.kind.label()))
                .collect();
            let keys = events()
                .map(|e| {
                    actors
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| e.actors.contains(a))
                        .map(|(k, _)| k)
                        .collect()
                })
                .collect();
            (labels, keys, actors)
        }
    }
}

/// The mark of event `i` in `lane`.
fn mark_of(i: usize, e: &crate::model::Event, lane: usize) -> Mark {
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
    Mark {
        event: i,
        lane,
        x,
        x_start,
        x_end,
        is_span,
        style,
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
    fn lanes_collapse_and_keep_their_colours() {
        use crate::corpus::Reader;
        use crate::model::{ArticleExtraction, Doc};
        let reader = Reader::new().expect("bundled rules");
        let docs: Vec<Doc> = (0..30)
            .map(|i| Doc {
                article: reader.article_from_text(
                    &format!("a{i}.txt"),
                    format!("T{i}\nbody"),
                    None,
                ),
                extraction: ArticleExtraction::default(),
            })
            .collect();
        let dataset = Dataset::build("x".into(), docs, Vec::new());
        let t = Timeline::new(&dataset);
        assert_eq!(t.lanes.len(), MAX_LANES);
        assert!(
            t.lanes
                .last()
                .is_some_and(|l| l.starts_with("other 7 article")),
            "{:?}",
            t.lanes.last()
        );
        assert_eq!(t.colors.len(), t.lanes.len());
        assert_eq!(t.colors.last(), Some(&usize::MAX));
    }

    /// Three short articles, extracted: events involving two actors.
    fn small_dataset() -> Dataset {
        use crate::model::Doc;
        let pipeline = crate::pipeline::Pipeline::new().expect("bundled rules");
        let texts = [
            "Talks\nMaria Lopez met Peter Novak in Lisbon on March 5, 2003. \
             Maria Lopez opened a bridge in Porto on June 9, 2004.",
            "Vote\nPeter Novak won the election in Krakow on May 2, 2005. \
             Peter Novak resigned on April 1, 2007.",
            "Floods\nThe river flooded Seville on October 12, 2010.",
        ];
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let article = pipeline.reader().article_from_text(
                    &format!("a{i}.txt"),
                    (*t).to_string(),
                    None,
                );
                Doc {
                    extraction: pipeline.extract(&article),
                    article,
                }
            })
            .collect();
        Dataset::build("x".into(), docs, Vec::new())
    }

    #[test]
    fn the_index_follows_the_view_it_was_laid_out_for() {
        let d = small_dataset();
        let all = Timeline::new(&d);
        assert!(all.marks.len() >= 5, "{:?}", all.marks);
        let (lo, hi) = all.x_range().expect("marks");
        let everything = |t: &Timeline| t.lod.bins(lo, hi, |x| x.floor() as i64);
        // No actor selected: nothing highlighted, every mark in one bin.
        let bins = everything(&all);
        assert_eq!(
            bins.iter().map(lod::Bin::len).sum::<usize>(),
            all.marks.len()
        );
        assert!(bins.iter().all(|b| b.highlighted == 0));
        let mut events: Vec<usize> = all.marks.iter().map(|m| m.event).collect();
        events.sort_unstable();
        events.dedup();
        assert_eq!(all.events, events);
        for m in &all.marks {
            assert_eq!(all.first_mark_of(m.event).map(|f| f.event), Some(m.event));
        }
        // Selecting an actor highlights exactly its events' marks.
        let novak = d
            .actors
            .iter()
            .position(|a| a.name.contains("Novak"))
            .expect("Peter Novak");
        let view = View {
            actors: [novak].into(),
            ..View::default()
        };
        let highlighted = Timeline::with_view(&d, &view);
        let involving = |t: &Timeline| {
            t.marks
                .iter()
                .filter(|m| d.events[m.event].actors.contains(&novak))
                .count()
        };
        let n = involving(&highlighted);
        assert!(n > 0 && n < highlighted.marks.len());
        let lit: usize = everything(&highlighted).iter().map(|b| b.highlighted).sum();
        assert_eq!(lit, n);
        // Only their events: fewer marks, the index rebuilt for them.
        let only = Timeline::with_view(
            &d,
            &View {
                only_selected: true,
                ..view
            },
        );
        assert_eq!(only.marks.len(), n);
        assert_eq!(only.lod.len(), n);
        assert_eq!(
            everything(&only)
                .iter()
                .map(|b| b.highlighted)
                .sum::<usize>(),
            n
        );
        assert!(
            all.events
                .iter()
                .filter(|e| !only.events.contains(e))
                .all(|e| only.first_mark_of(*e).is_none())
        );
    }

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
