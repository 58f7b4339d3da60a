//! The extraction pipeline's stages, none of which knows about the UI:
//! sentence segmentation, temporal expressions, actors and events.

pub mod actors;
pub(crate) mod automaton;
pub mod events;
pub mod segment;
pub mod timex;

use std::ops::Range;

/// Whether `word` occurs in `text` as a whole word (not inside a longer one).
pub(crate) fn has_word(text: &str, word: &str) -> bool {
    !word.is_empty()
        && text.match_indices(word).any(|(at, w)| {
            let before = text.get(..at).and_then(|b| b.chars().next_back());
            let after = text.get(at + w.len()..).and_then(|a| a.chars().next());
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Byte ranges (the title line and page furniture a stage must leave alone, the
/// highlights of the article pane), kept sorted so that whether a range overlaps
/// one of them, or a byte is in one, is a binary search: an article of thousands of
/// furniture lines or events costs no more per word than one of a few.
#[derive(Debug, Clone, Default)]
pub struct Ranges {
    /// Sorted by start; ranges that overlap are merged.
    ranges: Vec<Range<usize>>,
}

impl Ranges {
    /// The ranges of `ranges`, in any order.
    pub fn new(ranges: &[Range<usize>]) -> Self {
        let mut sorted = ranges.to_vec();
        sorted.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
        for r in sorted {
            match merged.last_mut() {
                // Merged only when they overlap: ranges that only touch stay apart,
                // as an empty range at their meeting point overlaps neither.
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Self { ranges: merged }
    }

    /// Whether `r` overlaps one of the ranges (`s.start < r.end && r.start < s.end`).
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        let first = self.ranges.partition_point(|s| s.end <= r.start);
        self.ranges.get(first).is_some_and(|s| s.start < r.end)
    }

    /// Whether byte `b` is in one of the ranges.
    pub fn contains(&self, b: usize) -> bool {
        self.overlaps(&(b..b + 1))
    }

    /// Appends the starts and ends of the ranges that lie strictly inside `within`.
    pub fn edges_in(&self, within: &Range<usize>, out: &mut Vec<usize>) {
        let first = self.ranges.partition_point(|r| r.end <= within.start);
        for r in self.ranges.get(first..).unwrap_or_default() {
            if r.start >= within.end {
                break;
            }
            out.extend(
                [r.start, r.end]
                    .into_iter()
                    .filter(|&b| within.start < b && b < within.end),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn touching_ranges_stay_apart() {
        let skipped = Ranges::new(&[5..9, 0..5, 12..14, 13..20]);
        assert!(
            !skipped.overlaps(&(5..5)),
            "the point where two ranges meet"
        );
        assert!(skipped.overlaps(&(4..6)));
        assert!(skipped.overlaps(&(14..14)), "inside two overlapping ranges");
        assert!(!skipped.overlaps(&(9..12)));
        assert!(!skipped.overlaps(&(20..30)));
    }

    proptest! {
        /// The binary searches answer as a look at every range does.
        #[test]
        fn ranges_answer_as_every_range_says(
            ranges in proptest::collection::vec((0usize..60, 0usize..8), 0..12),
            probes in proptest::collection::vec((0usize..70, 0usize..8), 1..20),
        ) {
            let ranges: Vec<Range<usize>> = ranges.iter().map(|&(s, l)| s..s + l).collect();
            let skipped = Ranges::new(&ranges);
            for (s, l) in probes {
                let r = s..s + l;
                let naive = ranges.iter().any(|x| x.start < r.end && r.start < x.end);
                prop_assert_eq!(skipped.overlaps(&r), naive, "{:?} in {:?}", r, ranges);
                let inside = ranges.iter().any(|x| x.contains(&s));
                prop_assert_eq!(skipped.contains(s), inside, "{} in {:?}", s, ranges);
            }
        }
    }
}
