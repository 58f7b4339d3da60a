//! Merging event mentions that report the same happening, within an article and
//! across articles, conservatively: the same date (a time of day counts as its day),
//! at least one shared actor that is not a place — or two shared places, across
//! articles not counting a report's dateline — no conflicting places, and similar
//! wording.

use std::cell::OnceCell;
use std::sync::{Arc, OnceLock};

use crate::extract::actors::ActorKind;
use crate::hashing::{Map, Set};
use crate::model::{Actor, Doc, Event};

/// Least word overlap (shared content words over the smaller set) for two mentions
/// in one article.
pub const SAME_ARTICLE_SIMILARITY: f64 = 0.3;
/// Least word overlap for mentions in different articles.
pub const CROSS_ARTICLE_SIMILARITY: f64 = 0.25;

/// Least word overlap for mentions in different articles that share no actor but
/// places, two of them at least, one named only where the report was filed.
pub const DATELINE_ONLY_SIMILARITY: f64 = 0.6;

/// How many later events sharing a key each event is compared with.
const WINDOW: usize = 64;

const SYNONYMS: &str = include_str!("../assets/events/synonyms.tsv");

/// Variant → canonical word, from `assets/events/synonyms.tsv`, built once. The
/// first line naming a variant wins.
fn synonyms() -> &'static Map<&'static str, &'static str> {
    static MAP: OnceLock<Map<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = Map::default();
        for line in SYNONYMS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((canon, variants)) = line.split_once('\t') {
                for v in variants.split_whitespace() {
                    map.entry(v).or_insert(canon);
                }
            }
        }
        map
    })
}

/// The canonical word of a stemmed word, from `assets/events/synonyms.tsv`.
fn canonical(word: &str) -> &str {
    synonyms().get(word).copied().unwrap_or(word)
}

/// Whether `word` is one of [`STOP_WORDS`] (a set built once: each passage word
/// is asked).
fn is_stop_word(word: &str) -> bool {
    static SET: OnceLock<Set<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(word)
}

/// Function words left out of the overlap.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "that", "this", "these", "those", "it", "its", "is", "was", "were", "are", "be",
    "been", "has", "have", "had", "will", "would", "said", "says", "say", "told", "which", "who",
    "their", "they", "he", "she", "his", "her", "we", "our", "not", "no", "also", "after",
    "before", "since", "about", "over", "into", "than", "more", "last", "month", "year", "week",
    "day", "some", "two",
];

/// The content words of a passage as a sorted set of 64-bit FNV-1a hashes of the
/// words (a tenth of the memory of the words themselves, for a whole folder's
/// events; two different words share a hash with odds of about 2⁻⁶⁴).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(Vec<u64>);

impl Words {
    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds the words of `other`.
    fn extend(&mut self, other: Words) {
        self.0.extend(other.0);
        self.0.sort_unstable();
        self.0.dedup();
    }

    /// Number of words in both.
    fn shared(&self, other: &Words) -> usize {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        let mut n = 0;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    n += 1;
                    a.next();
                    b.next();
                }
            }
        }
        n
    }
}

/// Content words of a passage, lower-cased and crudely stemmed ("talks" = "talk").
pub fn content_words(text: &str) -> Words {
    let mut hashes: Vec<u64> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let lowered = crate::extract::actors::lower(word);
        let w: &str = &lowered;
        if w.chars().count() > 2 && !is_stop_word(w) && !w.chars().all(|c| c.is_ascii_digit()) {
            let canon = canonical(stem(w));
            hashes.push(crate::binfile::fnv(
                crate::binfile::FNV_START,
                canon.as_bytes(),
            ));
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    Words(hashes)
}

fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            return base;
        }
    }
    w
}

/// Overlap coefficient of two word sets: shared words over the smaller set.
pub fn similarity(a: &Words, b: &Words) -> f64 {
    let shared = a.shared(b);
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        0.0
    } else {
        shared as f64 / smaller as f64
    }
}

/// The day part of a TIMEX3 value: "2024-02-07TEV" → "2024-02-07".
fn day_part(value: &str) -> &str {
    value.split('T').next().unwrap_or(value)
}

/// Whether two single-mention events may report the same happening, before their
/// wording is compared: the least word overlap they then need, or `None`.
fn overlap_needed(a: &Event, b: &Event, actors: &[Actor], docs: &[Arc<Doc>]) -> Option<f64> {
    fn modifier(e: &Event) -> Option<&str> {
        e.mentions.first().and_then(|m| m.timex.modifier.as_deref())
    }
    if day_part(&a.value) != day_part(&b.value) || modifier(a) != modifier(b) {
        return None;
    }
    let kind = |i: &usize| actors.get(*i).map(|x| x.kind);
    let is_place = |i: &usize| kind(i) == Some(ActorKind::Place);
    let names_place = |e: &Event| e.actors.iter().any(is_place);
    let shares_place = || a.actors.iter().any(|i| is_place(i) && b.actors.contains(i));
    // Two reports naming places, none in common: different happenings.
    if names_place(a) && names_place(b) && !shares_place() {
        return None;
    }
    let shared: Vec<usize> = a
        .actors
        .iter()
        .copied()
        .filter(|x| b.actors.contains(x))
        .collect();
    let shared_non_place = shared.iter().any(|i| kind(i) != Some(ActorKind::Place));
    let same_article = a
        .mentions
        .iter()
        .any(|m| b.mentions.iter().any(|n| n.doc == m.doc));
    // Across articles, a place named only in a passage's dateline ("MANILA, April 5 -
    // …") is where the report was filed, shared by every report filed there: it does
    // not count towards two shared places, and reports sharing no more than that
    // must read nearly alike.
    let places_in_common = || {
        if same_article {
            return shared.len();
        }
        let (pa, pb) = (passage_parts(a, docs), passage_parts(b, docs));
        shared
            .iter()
            .filter(|&&i| {
                actors
                    .get(i)
                    .is_none_or(|actor| !filed_from(actor, &pa) && !filed_from(actor, &pb))
            })
            .count()
    };
    if !shared_non_place {
        if shared.len() < 2 {
            return None;
        }
        if places_in_common() < 2 {
            return Some(DATELINE_ONLY_SIMILARITY);
        }
    }
    Some(if same_article {
        SAME_ARTICLE_SIMILARITY
    } else {
        CROSS_ARTICLE_SIMILARITY
    })
}

/// The first passage of `e`, lower-cased, split into its leading dateline ("manila,
/// april 5") and the rest.
fn passage_parts(e: &Event, docs: &[Arc<Doc>]) -> (String, String) {
    let Some(m) = e.mentions.first() else {
        return Default::default();
    };
    let passage = docs
        .get(m.doc)
        .and_then(|d| d.article.text.get(m.passage.clone()))
        .unwrap_or_default();
    let rest = crate::extract::events::strip_dateline(passage);
    let dateline = passage
        .get(..passage.len() - rest.len())
        .unwrap_or_default();
    (dateline.to_lowercase(), rest.to_lowercase())
}

/// Whether `place` is named in the dateline of a passage (`parts`, from
/// [`passage_parts`]) and nowhere else in it.
fn filed_from(place: &Actor, (dateline, rest): &(String, String)) -> bool {
    let names = || {
        std::iter::once(&place.name)
            .chain(&place.aliases)
            .map(|n| n.to_lowercase())
            .filter(|n| !n.is_empty())
    };
    !dateline.is_empty()
        && names().any(|n| dateline.contains(&n))
        && !names().any(|n| rest.contains(&n))
}

/// The content words of an event's passages, without its date expressions.
fn event_words(e: &Event, docs: &[Arc<Doc>]) -> Words {
    let mut words = Words::default();
    for m in &e.mentions {
        let Some(t) = docs.get(m.doc).map(|d| d.article.text.as_str()) else {
            continue;
        };
        for part in [
            t.get(m.passage.start..m.timex.span.start),
            t.get(m.timex.span.end..m.passage.end),
        ]
        .into_iter()
        .flatten()
        {
            words.extend(content_words(part));
        }
    }
    words
}

/// The grouping keys of an event with actors `event_actors`: each actor that is
/// not a place as `(actor, usize::MAX)`, each pair of places as `(p, q)`, `p < q`.
/// Two events that can merge share at least one key.
fn pair_keys(event_actors: &[usize], is_place: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut places: Vec<usize> = event_actors
        .iter()
        .copied()
        .filter(|&a| is_place(a))
        .collect();
    places.sort_unstable();
    places.dedup();
    let mut keys: Vec<(usize, usize)> = event_actors
        .iter()
        .copied()
        .filter(|&a| !is_place(a))
        .map(|a| (a, usize::MAX))
        .collect();
    for (x, &p) in places.iter().enumerate() {
        for &q in &places[x + 1..] {
            keys.push((p, q));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    let mut j = i;
    while parent[j] != root {
        let next = parent[j];
        parent[j] = root;
        j = next;
    }
    root
}

/// For each event of one day (`events`, in order), the index of the first event
/// of its group of events that report the same happening.
fn day_roots(events: &[Event], docs: &[Arc<Doc>], actors: &[Actor]) -> Vec<usize> {
    // Word sets are made only for events that get as far as a wording comparison
    // (most events share no day and actor with another).
    let words: Vec<OnceCell<Words>> = (0..events.len()).map(|_| OnceCell::new()).collect();
    let words_of = |i: usize| -> &Words {
        static EMPTY: Words = Words(Vec::new());
        match (words.get(i), events.get(i)) {
            (Some(cell), Some(e)) => cell.get_or_init(|| event_words(e, docs)),
            _ => &EMPTY,
        }
    };
    let mut parent: Vec<usize> = (0..events.len()).collect();
    // Only events that share an actor that is not a place, or two places, can
    // merge. So the events are grouped by such keys and only events in one group
    // are compared (near-linear instead of quadratic in the events of a day).
    let is_place = |a: usize| actors.get(a).map(|x| x.kind) == Some(ActorKind::Place);
    let keys: Vec<Vec<(usize, usize)>> = events
        .iter()
        .map(|e| pair_keys(&e.actors, is_place))
        .collect();
    let mut groups: Map<(usize, usize), Vec<usize>> = Map::default();
    for (i, event_keys) in keys.iter().enumerate() {
        for key in event_keys {
            groups.entry(*key).or_default().push(i);
        }
    }
    // `checked[j] == i`: the pair (i, j) was compared already.
    let mut checked = vec![usize::MAX; events.len()];
    for (i, event_keys) in keys.iter().enumerate() {
        for key in event_keys {
            let Some(members) = groups.get(key) else {
                continue;
            };
            let after = members.partition_point(|&j| j <= i);
            // A very common key compares each event with its next WINDOW members
            // only, which keeps the work linear.
            for &j in members[after..].iter().take(WINDOW) {
                if checked[j] == i {
                    continue;
                }
                checked[j] = i;
                let same = overlap_needed(&events[i], &events[j], actors, docs)
                    .is_some_and(|needed| similarity(words_of(i), words_of(j)) >= needed);
                if same {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    parent[rj.max(ri)] = ri.min(rj);
                }
            }
        }
    }
    (0..events.len()).map(|i| find(&mut parent, i)).collect()
}

/// Merges events (each with one mention) that report the same happening. The
/// merged event keeps the first event's id, value and title, and the union of
/// actors and mentions.
pub fn merge(events: Vec<Event>, docs: &[Arc<Doc>], actors: &[Actor]) -> Vec<Event> {
    use rayon::prelude::*;
    // Events are sorted by date: only events starting on the same day can merge,
    // so the days are merged on their own, in parallel.
    let mut days = Vec::new();
    let mut start = 0;
    while start < events.len() {
        let day = events[start].interval.start;
        let end = start
            + events[start..]
                .iter()
                .take_while(|e| e.interval.start == day)
                .count();
        days.push(start..end);
        start = end;
    }
    let per_day: Vec<Vec<usize>> = days
        .par_iter()
        .map(|day| {
            let roots = day_roots(events.get(day.clone()).unwrap_or_default(), docs, actors);
            roots.into_iter().map(|r| day.start + r).collect()
        })
        .collect();
    let roots: Vec<usize> = per_day.into_iter().flatten().collect();
    // Each group's first event (its root: the smallest index) takes the mentions
    // and actors of the others, in order; done in place.
    let mut events = events;
    for (i, &root) in roots.iter().enumerate() {
        if root == i {
            continue;
        }
        let (head, tail) = events.split_at_mut(i);
        if let (Some(target), Some(event)) = (head.get_mut(root), tail.first_mut()) {
            target.mentions.append(&mut event.mentions);
            target.actors.append(&mut event.actors);
            target.actors.sort_unstable();
            target.actors.dedup();
        }
    }
    let mut index = 0;
    events.retain(|_| {
        let keep = roots.get(index) == Some(&index);
        index += 1;
        keep
    });
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_overlap() {
        let a = content_words("Washington and Baghdad began formal talks on ending the coalition");
        let b = content_words(
            "Washington and Baghdad announced the start of formal talks to end the coalition",
        );
        let c = content_words("A drone strike killed two commanders in Baghdad");
        assert!(
            similarity(&a, &b) >= CROSS_ARTICLE_SIMILARITY,
            "{}",
            similarity(&a, &b)
        );
        assert!(similarity(&a, &c) < CROSS_ARTICLE_SIMILARITY);
        assert_eq!(stem("talks"), "talk");
        // Synonyms: a meeting and talks are the same kind of happening.
        assert_eq!(
            content_words("the first meeting"),
            content_words("the first talks")
        );
        assert!(
            similarity(
                &content_words("rebels attacked the base"),
                &content_words("a rebel raid on the base")
            ) >= 0.5
        );
        assert_eq!(day_part("2024-02-07TEV"), "2024-02-07");
    }
}
