//! Level of detail for the timeline plot, independent of any UI toolkit: which marks a
//! view shows, grouped into the on-screen clusters the plot draws, and the event density
//! of the overview strip.
//!
//! A frame must cost in proportion to what it draws, not to the events laid out (100,000
//! events pan and zoom like 1,000). [`Lod::new`] indexes the marks once per layout
//! (marks sorted by lane, then x, as [`super::Timeline`] lays them out): prefix
//! sums of x and of highlighted marks, and two segment trees over the marks' extents.
//! Then [`Lod::bins`] finds, per lane, where the view starts and ends with a binary
//! search on x, each cluster's ends with a galloping search from its first mark, and
//! each wide span reaching into the view from outside with a tree descent:
//! O(clusters · log n) per frame. [`Lod::density`] counts marks per pixel column with one
//! binary search per occupied column.
//!
//! A *bin* is every mark of a lane whose marker falls into one bucket (a screen column
//! of the plot's cluster width), kept when at least one of its marks overlaps the view
//! (its extent `[x_start, x_end]` meets `[lo, hi]`). A bin of one mark is drawn as
//! that marker, a bin of several as a cluster with a count.

use std::ops::Range;

use super::Mark;

/// Marks of one lane that share a bucket: one marker, or a cluster with a count.
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    /// The lane.
    pub lane: usize,
    /// The marks, a range of the indexed marks (one lane, in x order).
    pub marks: Range<usize>,
    /// Mean x of the marks (where a cluster is drawn).
    pub x: f64,
    /// Earliest start of the marks' intervals (days).
    pub x_start: f64,
    /// Latest end of the marks' intervals (days, exclusive).
    pub x_end: f64,
    /// How many of the marks are highlighted (see [`Lod::new`]).
    pub highlighted: usize,
}

impl Bin {
    /// Number of marks in the bin.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// Whether the bin holds no mark (never, for bins from [`Lod::bins`]).
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }
}

/// The level-of-detail index of a timeline's marks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lod {
    /// Per lane, its range of marks.
    lanes: Vec<Range<usize>>,
    /// Each mark's x.
    x: Vec<f64>,
    /// `x` relative to `origin`, summed: `sum_x[i]` = Σ over marks `..i`.
    sum_x: Vec<f64>,
    /// Subtracted from x before summing (keeps the sums' rounding small).
    origin: f64,
    /// Highlighted marks counted: `highlighted[i]` = how many of marks `..i`.
    highlighted: Vec<u32>,
    /// Each mark's extent end (at least its x): the latest ends of ranges.
    ends: MaxTree,
    /// Each mark's extent start (at most its x), negated: the earliest starts.
    starts: MaxTree,
    /// Every mark's x in ascending order (the overview's density).
    sorted_x: Vec<f64>,
}

impl Lod {
    /// Indexes `marks`, which must be sorted by lane, then x (lanes `>= lanes` are
    /// left out). `highlight` tells the marks whose bins are not dimmed when actors
    /// are selected.
    pub fn new(marks: &[Mark], lanes: usize, highlight: impl Fn(&Mark) -> bool) -> Self {
        debug_assert!(
            marks
                .windows(2)
                .all(|w| (w[0].lane, w[0].x) <= (w[1].lane, w[1].x)),
            "marks sorted by lane, then x"
        );
        let mut ranges = Vec::with_capacity(lanes);
        let mut at = 0;
        for lane in 0..lanes {
            let end = at + marks[at..].partition_point(|m| m.lane <= lane);
            ranges.push(at..end);
            at = end;
        }
        let origin = marks.first().map_or(0.0, |m| m.x);
        let mut sum_x = Vec::with_capacity(marks.len() + 1);
        let mut highlighted = Vec::with_capacity(marks.len() + 1);
        let (mut sum, mut count) = (0.0, 0u32);
        sum_x.push(sum);
        highlighted.push(count);
        for m in marks {
            sum += m.x - origin;
            count += u32::from(highlight(m));
            sum_x.push(sum);
            highlighted.push(count);
        }
        let mut sorted_x: Vec<f64> = marks.iter().map(|m| m.x).collect();
        sorted_x.sort_by(f64::total_cmp);
        Self {
            lanes: ranges,
            x: marks.iter().map(|m| m.x).collect(),
            sum_x,
            origin,
            highlighted,
            ends: MaxTree::new(marks.iter().map(|m| m.x_end.max(m.x))),
            starts: MaxTree::new(marks.iter().map(|m| -m.x_start.min(m.x))),
            sorted_x,
        }
    }

    /// Number of marks indexed.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether no mark is indexed.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The earliest start and latest end of all marks, or `None` when there are none.
    pub fn extent(&self) -> Option<(f64, f64)> {
        (!self.is_empty()).then(|| {
            (
                -self.starts.max(0..self.len()),
                self.ends.max(0..self.len()),
            )
        })
    }

    /// The bins of the view `lo..=hi` (days), lane by lane, each lane's in x order.
    /// `bucket` maps an x to its screen bucket and must not decrease as x grows.
    pub fn bins(&self, lo: f64, hi: f64, bucket: impl Fn(f64) -> i64) -> Vec<Bin> {
        let mut out = Vec::new();
        for (lane, range) in self.lanes.iter().enumerate() {
            self.lane_bins(lane, range.clone(), lo, hi, &bucket, &mut out);
        }
        out
    }

    fn lane_bins(
        &self,
        lane: usize,
        Range { start: s, end: e }: Range<usize>,
        lo: f64,
        hi: f64,
        bucket: &impl Fn(f64) -> i64,
        out: &mut Vec<Bin>,
    ) {
        let Some(xs) = self.x.get(s..e) else {
            return;
        };
        // Marks `a..b` have their marker in view, so they overlap it; those before
        // `a` overlap it when they end at `lo` or later, those from `b` when they
        // start at `hi` or earlier.
        let a = s + xs.partition_point(|x| *x < lo);
        let b = s + xs.partition_point(|x| *x <= hi);
        let x_at = |i: usize| self.x.get(i).copied().unwrap_or(f64::NAN);
        let mut cur = s;
        loop {
            let first = (cur < a)
                .then(|| self.ends.first_at_least(cur..a, lo))
                .flatten()
                .or_else(|| (cur.max(a) < b).then_some(cur.max(a)))
                .or_else(|| self.starts.first_at_least(cur.max(b)..e, -hi));
            let Some(j) = first else {
                break;
            };
            let k = bucket(x_at(j));
            // The bucket's marks lie around `j`: galloping searches stay near it
            // (and in cache) where binary searches of the lane would not.
            // Everything before `cur` lies in earlier buckets.
            let before = self.x.get(cur..j).unwrap_or_default();
            let start = j - gallop_back(before, |x| bucket(x) >= k);
            let after = self.x.get(j + 1..e).unwrap_or_default();
            let end = j + 1 + gallop(after, |x| bucket(x) <= k);
            out.push(self.bin(lane, start..end));
            cur = end;
        }
    }

    /// The bin of marks `range` in `lane`.
    fn bin(&self, lane: usize, range: Range<usize>) -> Bin {
        let n = range.len().max(1) as f64;
        let sum = |v: &[f64]| {
            v.get(range.end).copied().unwrap_or(0.0) - v.get(range.start).copied().unwrap_or(0.0)
        };
        let count = |v: &[u32]| {
            v.get(range.end).copied().unwrap_or(0) - v.get(range.start).copied().unwrap_or(0)
        };
        Bin {
            lane,
            x: self.origin + sum(&self.sum_x) / n,
            x_start: -self.starts.max(range.clone()),
            x_end: self.ends.max(range.clone()),
            highlighted: count(&self.highlighted) as usize,
            marks: range,
        }
    }

    /// How many marks fall into each of `columns` columns; `column` maps an x to its
    /// column (clamped to the last) and must not decrease as x grows. One binary
    /// search per occupied column.
    pub fn density(&self, columns: usize, column: impl Fn(f64) -> usize) -> Vec<u32> {
        let mut out = vec![0u32; columns];
        let xs = &self.sorted_x;
        let mut i = 0;
        while let Some(x) = xs.get(i) {
            let c = column(*x);
            let j = i
                + 1
                + xs.get(i + 1..)
                    .map_or(0, |r| r.partition_point(|x| column(*x) <= c));
            if let Some(n) = out.get_mut(c.min(columns.saturating_sub(1))) {
                *n += u32::try_from(j - i).unwrap_or(u32::MAX);
            }
            i = j;
        }
        out
    }
}

/// How many of the first values of `xs` satisfy `pred`, which holds for a prefix
/// of `xs` and not after it: an exponential search from the front, O(log answer).
fn gallop(xs: &[f64], pred: impl Fn(f64) -> bool) -> usize {
    let holds = |i: usize| xs.get(i).is_some_and(|x| pred(*x));
    let mut bound = 1;
    while bound <= xs.len() && holds(bound - 1) {
        bound *= 2;
    }
    let (lo, hi) = (bound / 2, bound.min(xs.len()));
    lo + xs
        .get(lo..hi)
        .map_or(0, |r| r.partition_point(|x| pred(*x)))
}

/// How many of the last values of `xs` satisfy `pred`, which holds for a suffix of
/// `xs` and not before it: an exponential search from the back, O(log answer).
fn gallop_back(xs: &[f64], pred: impl Fn(f64) -> bool) -> usize {
    let n = xs.len();
    let holds = |i: usize| xs.get(n - i).is_some_and(|x| pred(*x));
    let mut bound = 1;
    while bound <= n && holds(bound) {
        bound *= 2;
    }
    let (lo, hi) = (bound / 2, bound.min(n));
    // Values `n - hi .. n - lo` turn from failing to satisfying `pred`.
    let middle = xs.get(n - hi..n - lo).unwrap_or_default();
    lo + middle.len() - middle.partition_point(|x| !pred(*x))
}

/// A segment tree of maxima over a fixed array.
#[derive(Debug, Clone, Default, PartialEq)]
struct MaxTree {
    /// Number of leaves (a power of two).
    size: usize,
    /// Node `i` holds the maximum of its children `2i` and `2i + 1`; leaves start at
    /// `size`.
    node: Vec<f64>,
}

impl MaxTree {
    fn new(values: impl ExactSizeIterator<Item = f64>) -> Self {
        let size = values.len().next_power_of_two().max(1);
        let mut node = vec![f64::NEG_INFINITY; 2 * size];
        for (slot, v) in node[size..].iter_mut().zip(values) {
            *slot = v;
        }
        for i in (1..size).rev() {
            node[i] = node[2 * i].max(node[2 * i + 1]);
        }
        Self { size, node }
    }

    fn at(&self, i: usize) -> f64 {
        self.node.get(i).copied().unwrap_or(f64::NEG_INFINITY)
    }

    /// The maximum of `range` (−∞ when empty).
    fn max(&self, range: Range<usize>) -> f64 {
        let (mut l, mut r) = (
            range.start + self.size,
            range.end.min(self.size) + self.size,
        );
        if r.saturating_sub(l) <= 64 {
            // A short range: its leaves side by side beat a walk up the tree.
            return self
                .node
                .get(l..r)
                .unwrap_or_default()
                .iter()
                .fold(f64::NEG_INFINITY, |a, b| a.max(*b));
        }
        let mut acc = f64::NEG_INFINITY;
        while l < r {
            if l & 1 == 1 {
                acc = acc.max(self.at(l));
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                acc = acc.max(self.at(r));
            }
            l /= 2;
            r /= 2;
        }
        acc
    }

    /// The first index of `range` whose value is at least `v`.
    fn first_at_least(&self, range: Range<usize>, v: f64) -> Option<usize> {
        self.descend(1, 0..self.size, &range, v)
    }

    fn descend(
        &self,
        node: usize,
        span: Range<usize>,
        range: &Range<usize>,
        v: f64,
    ) -> Option<usize> {
        if span.end <= range.start || range.end <= span.start || self.at(node) < v {
            return None;
        }
        if span.len() == 1 {
            return Some(span.start);
        }
        let mid = (span.start + span.end) / 2;
        self.descend(2 * node, span.start..mid, range, v)
            .or_else(|| self.descend(2 * node + 1, mid..span.end, range, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::MarkStyle;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn mark(event: usize, lane: usize, x_start: f64, len: f64) -> Mark {
        Mark {
            event,
            lane,
            x: x_start + len / 2.0,
            x_start,
            x_end: x_start + len,
            is_span: len > 1.0,
            style: if len > 1.0 {
                MarkStyle::Span
            } else {
                MarkStyle::Point
            },
        }
    }

    fn sorted(mut marks: Vec<Mark>) -> Vec<Mark> {
        marks.sort_by(|a, b| {
            (a.lane, a.x)
                .partial_cmp(&(b.lane, b.x))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        marks
    }

    /// The definition, by brute force: group every mark by (lane, bucket), keep the
    /// groups with a mark overlapping the view.
    fn brute_bins(
        marks: &[Mark],
        lo: f64,
        hi: f64,
        bucket: impl Fn(f64) -> i64,
    ) -> Vec<(usize, Vec<usize>)> {
        let mut groups: BTreeMap<(usize, i64), Vec<usize>> = BTreeMap::new();
        for (i, m) in marks.iter().enumerate() {
            groups.entry((m.lane, bucket(m.x))).or_default().push(i);
        }
        groups
            .into_iter()
            .filter(|(_, g)| {
                g.iter()
                    .any(|i| marks[*i].x_end >= lo && marks[*i].x_start <= hi)
            })
            .map(|((lane, _), g)| (lane, g))
            .collect()
    }

    fn check(marks: &[Mark], lanes: usize, lo: f64, hi: f64, width: f64) {
        let bucket = |x: f64| ((x - lo) / width).floor() as i64;
        let highlight = |m: &Mark| m.event.is_multiple_of(3);
        let lod = Lod::new(marks, lanes, highlight);
        let got = lod.bins(lo, hi, bucket);
        let want = brute_bins(marks, lo, hi, bucket);
        let got_sets: Vec<(usize, Vec<usize>)> = got
            .iter()
            .map(|b| (b.lane, b.marks.clone().collect()))
            .collect();
        assert_eq!(got_sets, want, "view {lo}..{hi}, bucket width {width}");
        for b in &got {
            let ms = &marks[b.marks.clone()];
            let mean = ms.iter().map(|m| m.x).sum::<f64>() / ms.len() as f64;
            assert!((b.x - mean).abs() < 1e-6, "{} vs {mean}", b.x);
            let start = ms.iter().map(|m| m.x_start).fold(f64::INFINITY, f64::min);
            let end = ms.iter().map(|m| m.x_end).fold(f64::NEG_INFINITY, f64::max);
            assert_eq!((b.x_start, b.x_end), (start, end));
            assert_eq!(b.highlighted, ms.iter().filter(|m| highlight(m)).count());
        }
    }

    #[test]
    fn a_wide_span_reaching_into_the_view_is_found_from_far_outside() {
        // Lane 0: points every day of 2000 days and one 3000-day span centred far
        // left; the view is days 1500..1510.
        let mut marks: Vec<Mark> = (0..2000).map(|d| mark(d, 0, d as f64, 1.0)).collect();
        marks.push(mark(9999, 0, -2000.0, 3600.0));
        marks.push(mark(9998, 0, -200.4, 1.0));
        let marks = sorted(marks);
        let lod = Lod::new(&marks, 1, |_| false);
        let bins = lod.bins(1500.0, 1510.0, |x| (x * 2.0).floor() as i64);
        let span = bins
            .iter()
            .find(|b| b.marks.clone().any(|i| marks[i].event == 9999))
            .expect("the span reaching into the view");
        assert_eq!(
            span.len(),
            2,
            "the span and the point of day -200 share a bucket"
        );
        assert_eq!(bins.iter().filter(|b| b.len() == 1).count(), 12, "{bins:?}");
        check(&marks, 1, 1500.0, 1510.0, 0.5);
    }

    #[test]
    fn empty_lanes_and_views_beyond_the_marks_give_no_bins() {
        let marks = sorted(vec![mark(0, 1, 10.0, 1.0), mark(1, 1, 20.0, 1.0)]);
        let lod = Lod::new(&marks, 3, |_| true);
        assert!(lod.bins(100.0, 200.0, |x| x as i64).is_empty());
        assert_eq!(lod.bins(0.0, 30.0, |x| (x / 100.0) as i64).len(), 1);
        assert_eq!(lod.extent(), Some((10.0, 21.0)));
        assert_eq!(Lod::new(&[], 0, |_| true).extent(), None);
        assert!(Lod::default().bins(0.0, 1.0, |x| x as i64).is_empty());
    }

    #[test]
    fn density_counts_marks_per_column() {
        let marks = sorted((0..100).map(|d| mark(d, d % 4, d as f64, 1.0)).collect());
        let lod = Lod::new(&marks, 4, |_| false);
        let columns = lod.density(11, |x| ((x / 10.0) as usize).min(10));
        let mut want = vec![0u32; 11];
        for m in &marks {
            want[((m.x / 10.0) as usize).min(10)] += 1;
        }
        assert_eq!(columns, want);
    }

    proptest! {
        #[test]
        fn galloping_finds_the_ends_of_a_run(
            mut xs in prop::collection::vec(-100.0f64..100.0, 0..300),
            t in -120.0f64..120.0,
        ) {
            xs.sort_by(f64::total_cmp);
            let below = xs.iter().filter(|x| **x < t).count();
            prop_assert_eq!(gallop(&xs, |x| x < t), below);
            prop_assert_eq!(gallop_back(&xs, |x| x >= t), xs.len() - below);
        }

        #[test]
        fn tree_queries_match_a_scan(
            values in prop::collection::vec(-1000.0f64..1000.0, 0..700),
            a in 0usize..800,
            b in 0usize..800,
            v in -1000.0f64..1000.0,
        ) {
            let tree = MaxTree::new(values.iter().copied());
            let (a, b) = (a.min(b).min(values.len()), a.max(b).min(values.len()));
            let scan = values[a..b].iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert_eq!(tree.max(a..b), scan);
            let first = (a..b).find(|i| values[*i] >= v);
            prop_assert_eq!(tree.first_at_least(a..b, v), first);
        }

        #[test]
        fn bins_match_the_brute_force_definition(
            raw in prop::collection::vec((0usize..4, -50.0f64..250.0, prop_oneof![Just(1.0f64), 0.0f64..120.0]), 0..300),
            lo in -100.0f64..250.0,
            len in 0.5f64..300.0,
            width in 0.25f64..40.0,
        ) {
            let marks = sorted(
                raw.iter()
                    .enumerate()
                    .map(|(i, (lane, start, l))| mark(i, *lane, start.round(), l.round().max(1.0)))
                    .collect(),
            );
            check(&marks, 4, lo, lo + len, width);
        }
    }
}
