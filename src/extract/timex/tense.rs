//! Tense of the clause around an expression, from the cue words of
//! `assets/timex/tense.tsv` (will, is set to, said, -ed verbs, …): the cue nearest
//! to the expression in its sentence decides.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use super::RuleError;

const TENSE: &str = include_str!("../../../assets/timex/tense.tsv");

/// The tense class of a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TenseKind {
    /// Reported or completed events: resolve backwards from the publication date.
    Past,
    /// No cue: the nearest candidate, preferring the past.
    Present,
    /// Plans and schedules: resolve forwards.
    Future,
}

/// A tense with the cue that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tense {
    /// The class.
    pub kind: TenseKind,
    /// The cue word, if any.
    pub cue: Option<String>,
}

impl Tense {
    /// Present tense without a cue.
    pub(crate) fn none() -> Self {
        Self {
            kind: TenseKind::Present,
            cue: None,
        }
    }

    /// "past tense ("said")" for derivations.
    pub(crate) fn describe(&self) -> String {
        let name = match self.kind {
            TenseKind::Past => "past tense",
            TenseKind::Present => "present tense",
            TenseKind::Future => "future tense",
        };
        match &self.cue {
            Some(c) => format!("{name} (\"{c}\")"),
            None => format!("{name} (no cue)"),
        }
    }
}

/// Distance (bytes) within which a reporting verb governs the expression ("said on").
const REPORT_REACH: usize = 5;
/// Penalty that makes distant reporting verbs lose against any other cue.
const WEAK: usize = 100_000;

/// The compiled cue matcher.
#[derive(Debug)]
pub(crate) struct TenseCues {
    re: Regex,
}

impl TenseCues {
    /// Compiles the cue table.
    pub(crate) fn new() -> Result<Self, RuleError> {
        let (mut future, mut past, mut report) = (Vec::new(), Vec::new(), Vec::new());
        for (n, line) in TENSE.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once('\t') {
                Some(("future", cue)) => future.push(cue.trim()),
                Some(("past", cue)) => past.push(cue.trim()),
                Some(("report", cue)) => report.push(cue.trim()),
                _ => {
                    return Err(RuleError(format!(
                        "tense.tsv:{}: expected future|past<TAB>cue",
                        n + 1
                    )));
                }
            }
        }
        let p = format!(
            r"(?-u:\b)(?:(?P<f>{})|(?P<r>{})|(?P<p>{}))(?-u:\b)",
            future.join("|"),
            report.join("|"),
            past.join("|")
        );
        let re = RegexBuilder::new(&p)
            .case_insensitive(true)
            .build()
            .map_err(|e| RuleError(format!("tense.tsv: {e}")))?;
        Ok(Self { re })
    }

    /// The tense of `sentence` as seen from the expression at `span` (both byte ranges of `text`).
    pub(crate) fn at(&self, text: &str, sentence: Range<usize>, span: Range<usize>) -> Tense {
        let Some(s) = text.get(sentence.clone()) else {
            return Tense::none();
        };
        let mut best: Option<(usize, Tense)> = None;
        for caps in self.re.captures_iter(s) {
            let Some(m) = caps.get(0) else { continue };
            let (start, end) = (sentence.start + m.start(), sentence.start + m.end());
            if start < span.end && end > span.start {
                continue;
            }
            // Cues after the expression count a little less than cues before it.
            let dist = if end <= span.start {
                span.start - end
            } else {
                (start - span.end) * 3 / 2
            };
            let kind = if caps.name("f").is_some() {
                TenseKind::Future
            } else {
                TenseKind::Past
            };
            // Reporting verbs away from the expression only count when nothing else does.
            let dist = if caps.name("r").is_some() && dist > REPORT_REACH {
                dist + WEAK
            } else {
                dist
            };
            if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                best = Some((
                    dist,
                    Tense {
                        kind,
                        cue: Some(m.as_str().to_string()),
                    },
                ));
            }
        }
        best.map(|(_, t)| t).unwrap_or_else(Tense::none)
    }
}
