//! Automata for many short anchored searches, as the extractors run them: at most
//! word starts of every text (the date tagger's start automaton and rule set) or on
//! every line (page furniture), where most searches end after a byte or two.
//!
//! The cost per call then matters more than the search, so a lazy DFA is walked
//! here with a cache taken once per text ([`Automaton::scanner`]) instead of from a
//! regex's pool at every call (a pool is lock-free only for the thread that used it
//! first), and it is built from an NFA without capture groups or a reverse NFA,
//! which a `Regex` or `RegexSet` also compiles. Where the DFA gives up (a non-ASCII
//! byte next to a Unicode `\b`, or a cache that keeps filling), the same NFA runs
//! as a PikeVM. A single pattern anchored at both ends (a whole line) that does
//! not start with known literals is searched backwards when its end rules out more
//! first bytes: "… – video" after any 200 characters is ruled out at the line's
//! last letter, not after reading it all.

use std::sync::{Arc, Mutex};

use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA, OverlappingState};
use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm};
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};

/// Parses `pattern` case-insensitively, as the extractors' patterns all are.
pub(crate) fn parse(pattern: &str) -> Result<Hir, String> {
    syntax::parse_with(pattern, &syntax::Config::new().case_insensitive(true))
        .map_err(|e| e.to_string())
}

/// Patterns compiled for many short searches: whether one matches at a position
/// or in a haystack, or which ones do.
#[derive(Debug)]
pub(crate) struct Automaton {
    dfa: Arc<DFA>,
    vm: Arc<pikevm::PikeVM>,
    /// Every pattern starts with `^`: a search need not go past the start.
    anchored: bool,
    /// For a pattern anchored at both ends whose last bytes rule out more
    /// haystacks than its first ones: the reverse DFA, walked from the end by
    /// [`Scanner::is_match`].
    reverse: Option<Arc<DFA>>,
    /// Caches not in use (a clone starts without any). Boxed: a scanner takes one
    /// out and puts it back for every text, which moved a kilobyte each time.
    #[allow(clippy::vec_box)]
    spare: Mutex<Vec<Box<AutomatonCache>>>,
}

#[derive(Debug)]
struct AutomatonCache {
    dfa: DfaCache,
    vm: pikevm::Cache,
    /// For the reverse DFA, when there is one.
    reverse: Option<DfaCache>,
    /// The patterns that matched, for [`Scanner::matching`].
    matched: PatternSet,
    /// The patterns that matched with the end of their longest match, in
    /// pattern order, for [`Scanner::matching`].
    ends: Vec<(usize, Option<usize>)>,
}

impl Clone for Automaton {
    fn clone(&self) -> Self {
        Self {
            dfa: Arc::clone(&self.dfa),
            vm: Arc::clone(&self.vm),
            anchored: self.anchored,
            reverse: self.reverse.clone(),
            spare: Mutex::new(Vec::new()),
        }
    }
}

impl Automaton {
    /// Compiles `patterns` (case-insensitive) once, for the DFA and the PikeVM;
    /// `kind` is [`MatchKind::All`] to tell every pattern that matches.
    #[cfg(test)]
    pub fn new<P: AsRef<str>>(patterns: &[P], kind: MatchKind) -> Result<Self, String> {
        let hirs = patterns
            .iter()
            .map(|p| parse(p.as_ref()))
            .collect::<Result<Vec<Hir>, String>>()?;
        Self::from_hirs(&hirs, kind)
    }

    /// [`Automaton::new`] from parsed patterns.
    pub fn from_hirs(hirs: &[Hir], kind: MatchKind) -> Result<Self, String> {
        let err = |e: &dyn std::fmt::Display| e.to_string();
        let compile = |reverse: bool| {
            thompson::Compiler::new()
                .configure(
                    thompson::Config::new()
                        .nfa_size_limit(Some(1 << 26))
                        .which_captures(WhichCaptures::None)
                        .reverse(reverse),
                )
                .build_many_from_hir(hirs)
                .map_err(|e| err(&e))
        };
        let lazy = |nfa: thompson::NFA| {
            DFA::builder()
                .configure(
                    DFA::config()
                        .match_kind(kind)
                        .unicode_word_boundary(true)
                        .cache_capacity(1 << 26)
                        .minimum_cache_clear_count(Some(3)),
                )
                .build_from_nfa(nfa)
                .map_err(|e| err(&e))
        };
        let nfa = compile(false)?;
        let dfa = lazy(nfa.clone())?;
        let anchored = nfa.is_always_start_anchored();
        // A whole-line pattern that does not start with known literals may be
        // quicker to rule out from its end.
        let whole = match hirs {
            [hir] if anchored => {
                hir.properties().look_set_suffix().contains(Look::End) && !starts_with_literal(hir)
            }
            _ => false,
        };
        let reverse = if whole {
            let reverse = lazy(compile(true)?)?;
            (ascii_ruled_out(&reverse) > ascii_ruled_out(&dfa)).then(|| Arc::new(reverse))
        } else {
            None
        };
        let vm = pikevm::PikeVM::builder()
            .configure(pikevm::Config::new().match_kind(kind))
            .build_from_nfa(nfa)
            .map_err(|e| err(&e))?;
        Ok(Self {
            dfa: Arc::new(dfa),
            vm: Arc::new(vm),
            anchored,
            reverse,
            spare: Mutex::new(Vec::new()),
        })
    }

    /// [`Scanner::starts_at`] by the PikeVM alone, for tests.
    #[cfg(test)]
    pub fn pikevm_starts_at(&self, text: &str, at: usize) -> bool {
        let input = Input::new(text)
            .range(at..)
            .anchored(Anchored::Yes)
            .earliest(true);
        self.vm.is_match(&mut self.vm.create_cache(), input)
    }

    /// A scanner holding a match cache until it is dropped.
    pub fn scanner(&self) -> Scanner<'_> {
        let cache = self
            .spare
            .lock()
            .ok()
            .and_then(|mut spare| spare.pop())
            .unwrap_or_else(|| {
                Box::new(AutomatonCache {
                    dfa: self.dfa.create_cache(),
                    vm: self.vm.create_cache(),
                    reverse: self.reverse.as_ref().map(|r| r.create_cache()),
                    matched: PatternSet::new(self.dfa.pattern_len()),
                    ends: Vec::new(),
                })
            });
        Scanner {
            automaton: self,
            cache: Some(cache),
        }
    }
}

/// Every pattern matching `input` (an overlapping search), with the end of its
/// longest match, into `ends` in pattern order.
fn ends_of_matches(
    dfa: &DFA,
    cache: &mut DfaCache,
    input: &Input<'_>,
    ends: &mut Vec<(usize, Option<usize>)>,
) -> Result<(), regex_automata::MatchError> {
    let mut state = OverlappingState::start();
    loop {
        dfa.try_search_overlapping_fwd(cache, input, &mut state)?;
        let Some(m) = state.get_match() else {
            break;
        };
        let (pattern, end) = (m.pattern().as_usize(), m.offset());
        match ends.iter_mut().find(|(p, _)| *p == pattern) {
            Some((_, longest)) => *longest = (*longest).max(Some(end)),
            None => ends.push((pattern, Some(end))),
        }
    }
    ends.sort_unstable_by_key(|(p, _)| *p);
    Ok(())
}

/// One pattern that matches where any of `patterns` does, with their common
/// beginnings written once: patterns that begin with the same piece share it, and
/// so on into what follows (a trie over the pieces; capture groups do not tell
/// pieces apart). It matches the same strings, not with the same preference among
/// the patterns: for an automaton that tells whether some pattern matches, whose
/// NFA then holds a beginning that several patterns share once, and each of whose
/// lazily built DFA states tracks fewer NFA states. Pieces that differ only in
/// their groups are merged, which is sound because [`Automaton::from_hirs`]
/// compiles without capture groups.
pub(crate) fn union_factored(patterns: Vec<Hir>) -> Hir {
    factor(patterns.into_iter().map(pieces).collect())
}

/// The pieces of a concatenation, or `hir` itself.
fn pieces(hir: Hir) -> Vec<Hir> {
    match hir.kind() {
        HirKind::Empty => Vec::new(),
        HirKind::Concat(_) => match hir.into_kind() {
            HirKind::Concat(subs) => subs,
            _ => Vec::new(),
        },
        _ => vec![hir],
    }
}

/// Whether two pieces match the same strings by the same means, capture groups
/// aside.
fn same(a: &Hir, b: &Hir) -> bool {
    match (a.kind(), b.kind()) {
        (HirKind::Capture(a), _) => same(&a.sub, b),
        (_, HirKind::Capture(b)) => same(a, &b.sub),
        (HirKind::Repetition(a), HirKind::Repetition(b)) => {
            (a.min, a.max, a.greedy) == (b.min, b.max, b.greedy) && same(&a.sub, &b.sub)
        }
        (HirKind::Concat(a), HirKind::Concat(b))
        | (HirKind::Alternation(a), HirKind::Alternation(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (a, b) => a == b,
    }
}

/// The alternation of the concatenations `seqs`, factored by their first pieces.
fn factor(seqs: Vec<Vec<Hir>>) -> Hir {
    // Groups by first piece, in order of first appearance.
    let mut empty = false;
    let mut groups: Vec<(Hir, Vec<Vec<Hir>>)> = Vec::new();
    for seq in seqs {
        let mut seq = seq.into_iter();
        let Some(first) = seq.next() else {
            empty = true;
            continue;
        };
        let rest: Vec<Hir> = seq.collect();
        match groups.iter_mut().find(|(f, _)| same(f, &first)) {
            Some((_, rests)) => rests.push(rest),
            None => groups.push((first, vec![rest])),
        }
    }
    let mut alternatives: Vec<Hir> = Vec::with_capacity(groups.len() + 1);
    if empty {
        alternatives.push(Hir::empty());
    }
    for (first, rests) in groups {
        let rest = match <[Vec<Hir>; 1]>::try_from(rests) {
            Ok([rest]) => Hir::concat(rest),
            Err(rests) => factor(rests),
        };
        alternatives.push(Hir::concat(vec![first, rest]));
    }
    Hir::alternation(alternatives)
}

/// Whether every match of `hir` starts with one of a known set of literals, none
/// empty: a search from the start then rules out most haystacks within a few bytes.
pub(crate) fn starts_with_literal(hir: &Hir) -> bool {
    let literals = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    literals.min_literal_len().is_some_and(|n| n > 0)
}

/// How many of the 128 ASCII bytes lead `dfa` from its anchored start at the edge
/// of a haystack straight to the dead state: how soon a search in that direction
/// rules out a haystack.
fn ascii_ruled_out(dfa: &DFA) -> usize {
    let mut cache = dfa.create_cache();
    let config = start::Config::new().anchored(Anchored::Yes);
    let Ok(start) = dfa.start_state(&mut cache, &config) else {
        return 0;
    };
    (0..0x80u8)
        .filter(|&b| {
            dfa.next_state(&mut cache, start, b)
                .is_ok_and(|next| next.is_dead())
        })
        .count()
}

/// Runs an [`Automaton`] on texts with one match cache ([`Automaton::scanner`]).
#[derive(Debug)]
pub(crate) struct Scanner<'a> {
    automaton: &'a Automaton,
    /// Always `Some` until dropped.
    cache: Option<Box<AutomatonCache>>,
}

impl Scanner<'_> {
    /// How many patterns the automaton has.
    pub fn patterns(&self) -> usize {
        self.automaton.dfa.pattern_len()
    }

    /// Whether a pattern matches at byte `at` of `text` (look-behind such as a
    /// leading `\b` sees the text before `at`).
    pub fn starts_at(&mut self, text: &str, at: usize) -> bool {
        let Some(cache) = self.cache.as_mut() else {
            return false;
        };
        let dfa = &self.automaton.dfa;
        let walk = |cache: &mut DfaCache| -> Option<bool> {
            let bytes = text.as_bytes();
            let config = start::Config::new()
                .anchored(Anchored::Yes)
                .look_behind(at.checked_sub(1).and_then(|i| bytes.get(i).copied()));
            let mut sid = dfa.start_state(cache, &config).ok()?;
            for &b in bytes.get(at..)? {
                sid = dfa.next_state(cache, sid, b).ok()?;
                if sid.is_tagged() {
                    if sid.is_match() {
                        return Some(true);
                    }
                    if sid.is_dead() {
                        return Some(false);
                    }
                    if sid.is_quit() {
                        return None;
                    }
                }
            }
            Some(dfa.next_eoi_state(cache, sid).ok()?.is_match())
        };
        walk(&mut cache.dfa).unwrap_or_else(|| {
            let input = Input::new(text)
                .range(at..)
                .anchored(Anchored::Yes)
                .earliest(true);
            self.automaton.vm.is_match(&mut cache.vm, input)
        })
    }

    /// Whether a pattern matches somewhere in `hay`, as `Regex::is_match(hay)`.
    pub fn is_match(&mut self, hay: &str) -> bool {
        let Some(cache) = self.cache.as_mut() else {
            return false;
        };
        let anchored = if self.automaton.anchored {
            Anchored::Yes
        } else {
            Anchored::No
        };
        let input = Input::new(hay).anchored(anchored).earliest(true);
        if let (Some(reverse), Some(rev_cache)) = (&self.automaton.reverse, &mut cache.reverse) {
            // Anchored at both ends: a match backwards from the end spans the whole
            // haystack, as one forwards from the start does.
            if let Ok(found) = reverse.try_search_rev(rev_cache, &input) {
                return found.is_some();
            }
        }
        match self.automaton.dfa.try_search_fwd(&mut cache.dfa, &input) {
            Ok(found) => found.is_some(),
            Err(_) => self.automaton.vm.is_match(&mut cache.vm, input),
        }
    }

    /// The patterns that match at the start of `hay` (which the search sees as a
    /// whole haystack, as `RegexSet::matches(hay)` does), in pattern order, each
    /// with the end of its longest match there: a search for the pattern's own
    /// match need not look further (`None` when the automaton could not tell).
    pub fn matching(&mut self, hay: &str) -> &[(usize, Option<usize>)] {
        let Some(cache) = self.cache.as_mut() else {
            return &[];
        };
        let input = Input::new(hay).anchored(Anchored::Yes);
        cache.ends.clear();
        if ends_of_matches(&self.automaton.dfa, &mut cache.dfa, &input, &mut cache.ends).is_err() {
            cache.ends.clear();
            cache.matched.clear();
            self.automaton
                .vm
                .which_overlapping_matches(&mut cache.vm, &input, &mut cache.matched);
            cache
                .ends
                .extend(cache.matched.iter().map(|p| (p.as_usize(), None)));
        }
        &cache.ends
    }
}

impl Drop for Scanner<'_> {
    fn drop(&mut self) {
        if let (Some(cache), Ok(mut spare)) = (self.cache.take(), self.automaton.spare.lock()) {
            spare.push(cache);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One automaton over the factored union of patterns (with capture groups,
    /// shared and nested beginnings, an optional start and an empty pattern
    /// aside) starts a match exactly where one over the patterns does.
    #[test]
    fn the_factored_union_starts_where_its_patterns_do() -> Result<(), String> {
        let patterns = [
            r"(?-u:\b)(?P<a>the)\s+(?P<b>next)\s+day(?-u:\b)",
            r"(?-u:\b)(?P<x>the)\s+past\s+(?:year|week)s?(?-u:\b)",
            r"(?-u:\b)the\s+(?P<b>next)\s+(?:week|month)(?-u:\b)",
            r"(?-u:\b)(?:about\s+)?(?P<n>[0-9]+)\s+days?(?-u:\b)",
            r"(?-u:\b)(?:about\s+)?(?P<n>[0-9]+)\s+(?:years?|decades?)\s+ago(?-u:\b)",
            r"(?-u:\b)may(?-u:\b)",
            r"(?-u:\b)mayday(?-u:\b)",
        ];
        let hirs = patterns
            .iter()
            .map(|p| parse(p))
            .collect::<Result<Vec<Hir>, String>>()?;
        let each = Automaton::from_hirs(&hirs, MatchKind::LeftmostFirst)?;
        let union = Automaton::from_hirs(&[union_factored(hirs)], MatchKind::LeftmostFirst)?;
        let texts = [
            "The next day, the past years and the next month; about 30 days, 3 decades ago.",
            "the next week the nextday Mayday May mayor thepast 12 days 12 dayss",
            "About 2 years ago — the past week’s, “the next day”",
        ];
        let (mut a, mut b) = (each.scanner(), union.scanner());
        let mut starts = 0;
        for text in texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let expected = a.starts_at(text, at);
                assert_eq!(b.starts_at(text, at), expected, "at {at} of {text:?}");
                starts += usize::from(expected);
            }
        }
        assert!(starts >= 12, "the texts have matches ({starts})");
        let with_empty = union_factored(vec![parse("ab")?, Hir::empty()]);
        let empty = Automaton::from_hirs(&[with_empty], MatchKind::LeftmostFirst)?;
        assert!(
            empty.scanner().starts_at("xyz", 0),
            "the empty pattern matches"
        );
        Ok(())
    }

    /// `is_match` answers as a case-insensitive `Regex` would, for patterns anchored
    /// at the start (searched anchored), at both ends (searched backwards) and not
    /// at all, on ASCII and non-ASCII text (where the DFA gives up to the PikeVM at
    /// a Unicode `\b`).
    #[test]
    fn is_match_answers_as_a_regex() {
        let patterns = [
            r"^(?:getty images|reuters)\.?$",
            r"^.*?[.!?]\s*(\(?afp\)?)$",
            r"^.{1,20}\s[–—-]\s*(?:video|live)$",
            r"\bweek\b",
            r"^by\s+[\p{Lu}][\p{L}.'’-]+$",
            r"(?-u:\b)\d{4}(?-u:\b)",
        ];
        let hays = [
            "Getty Images",
            "REUTERS.",
            "He told Reuters.",
            "The talks ended. (AFP)",
            "last week",
            "weekly",
            "by Émile Zola",
            "By émile",
            "Zürich, 2024",
            "",
            "“week”",
            "Talks in Geneva – VIDEO",
            "Talks in Geneva and in the rest of Europe – live",
            "Talks – lively",
        ];
        for pattern in patterns {
            let automaton = Automaton::new(&[pattern], MatchKind::LeftmostFirst)
                .unwrap_or_else(|e| panic!("{pattern}: {e}"));
            let regex = regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .unwrap_or_else(|e| panic!("{pattern}: {e}"));
            // Whole-line patterns without a literal start are searched backwards.
            assert_eq!(
                automaton.reverse.is_some(),
                pattern.starts_with("^.") && pattern.ends_with('$'),
                "{pattern}"
            );
            let mut scanner = automaton.scanner();
            for hay in hays {
                assert_eq!(
                    scanner.is_match(hay),
                    regex.is_match(hay),
                    "{pattern} on {hay:?}"
                );
            }
        }
    }
}
