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

/// Distance (bytes) within which a weak cue governs the expression ("said on", "ruled Wednesday").
const REPORT_REACH: usize = 5;

/// The cue classes of `tense.tsv`, in the order they are tried at one position.
const CLASSES: [&str; 5] = ["future", "report", "past", "present", "weak"];

/// The compiled cue matcher.
#[derive(Debug)]
pub(crate) struct TenseCues {
    re: Regex,
}

impl TenseCues {
    /// Compiles the cue table.
    pub(crate) fn new() -> Result<Self, RuleError> {
        let mut cues: [Vec<&str>; 5] = Default::default();
        for (n, line) in TENSE.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let slot = line.split_once('\t').and_then(|(class, cue)| {
                Some((CLASSES.iter().position(|c| *c == class)?, cue.trim()))
            });
            match slot.and_then(|(i, cue)| Some((cues.get_mut(i)?, cue))) {
                Some((list, cue)) => list.push(cue),
                None => {
                    return Err(RuleError(format!(
                        "tense.tsv:{}: expected class<TAB>cue",
                        n + 1
                    )));
                }
            }
        }
        let groups: Vec<String> = CLASSES
            .iter()
            .zip(&cues)
            .filter(|(_, list)| !list.is_empty())
            .map(|(class, list)| format!("(?P<{class}>{})", list.join("|")))
            .collect();
        let p = format!(r"(?-u:\b)(?:{})(?-u:\b)", groups.join("|"));
        let re = RegexBuilder::new(&p)
            .case_insensitive(true)
            .build()
            .map_err(|e| RuleError(format!("tense.tsv: {e}")))?;
        Ok(Self { re })
    }

    /// The tense of `sentence` as seen from the expression at `span` (both byte ranges of `text`).
    pub(crate) fn at(&self, text: &str, sentence: Range<usize>, span: Range<usize>) -> Tense {
        let sentence = clause(text, sentence, &span);
        let Some(s) = text.get(sentence.clone()) else {
            return Tense::none();
        };
        // (weak?, distance) orders the cues: any strong cue beats every weak one.
        let mut best: Option<((bool, usize), Tense)> = None;
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
            let class = CLASSES
                .iter()
                .find(|c| caps.name(c).is_some())
                .copied()
                .unwrap_or("weak");
            let kind = match class {
                "future" => TenseKind::Future,
                "present" => TenseKind::Present,
                _ => TenseKind::Past,
            };
            let weak = matches!(class, "weak" | "report") && dist > REPORT_REACH;
            let rank = (weak, dist);
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((
                    rank,
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

/// Narrows `sentence` to the clause around `span`: between the nearest `.`, `!`, `?`
/// or `;` followed by white space on either side (the segmenter may join sentences
/// across quotes).
fn clause(text: &str, sentence: Range<usize>, span: &Range<usize>) -> Range<usize> {
    let Some(s) = text.get(sentence.clone()) else {
        return sentence;
    };
    let bytes = s.as_bytes();
    let is_break = |i: usize| {
        matches!(bytes.get(i), Some(b'.' | b'!' | b'?' | b';'))
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
    };
    let rel_start = span.start.saturating_sub(sentence.start).min(bytes.len());
    let rel_end = span.end.saturating_sub(sentence.start).min(bytes.len());
    let start = (0..rel_start)
        .rev()
        .find(|&i| is_break(i))
        .map_or(0, |i| i + 1);
    let end = (rel_end..bytes.len())
        .find(|&i| is_break(i))
        .map_or(bytes.len(), |i| i + 1);
    sentence.start + start..sentence.start + end
}
