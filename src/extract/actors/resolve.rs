//! Within-document coreference: gives every mention the canonical name of its actor.
//!
//! - a surname or given name alone → the full name mentioned nearest before it
//!   (after it when none precedes): "Austin" → "Lloyd Austin", "Mr Hussein" → "Fuad Hussein";
//! - an acronym defined in brackets → the name it abbreviates ("Counter-Terrorism
//!   Service (CTS)"), and a first word alone → the longer body ("Apple" → "Apple Inc.");
//! - a lone keyword → the last body named with it ("the Ministry" → "Ministry of Peshmerga");
//! - a capital used as a government ("Washington and Baghdad began talks") → the country.

use std::borrow::Cow;
use std::ops::Range;

use crate::hashing::Map;

use super::chunk::Doc;
use super::classify::{Cand, byte_range};
use super::lexicon::Lexicon;
use super::token::lower;
use super::{ActorKind, ActorMention};

/// Words before a capital that make it the city rather than its government.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "to",
    "from",
    "of",
    "near",
    "into",
    "outside",
    "around",
    "across",
    "via",
    "toward",
    "towards",
    "inside",
    "through",
    "visit",
    "visited",
    "visiting",
    "reach",
    "reached",
    "left",
    // Taking, striking or leaving the city itself.
    "seized",
    "seize",
    "seizing",
    "captured",
    "capture",
    "capturing",
    "recaptured",
    "retook",
    "took",
    "take",
    "taking",
    "fled",
    "flee",
    "fleeing",
    "attacked",
    "attack",
    "attacking",
    "shelled",
    "shelling",
    "bombed",
    "bombing",
    "bombarded",
    "struck",
    "strike",
    "striking",
    "hit",
    "entered",
    "enter",
    "entering",
    "besieged",
    "besieging",
    "encircled",
    "surrounded",
    "stormed",
    "storming",
    "toured",
    "touring",
    "control",
    "controls",
    "controlled",
    "controlling",
    "liberated",
    "invaded",
    "evacuated",
    "overran",
    "targeted",
    "rocked",
];

/// Parts of a city: after a capital's possessive they make it the city ("Beirut's
/// southern suburbs", "Kabul's airport"), not its government.
const CITY_PARTS: &[&str] = &[
    "suburb",
    "suburbs",
    "outskirts",
    "airport",
    "streets",
    "street",
    "centre",
    "center",
    "downtown",
    "district",
    "districts",
    "neighbourhood",
    "neighbourhoods",
    "neighborhood",
    "neighborhoods",
    "residents",
    "mayor",
    "hospitals",
    "hospital",
    "port",
    "old",
    "skyline",
    "university",
    "municipality",
    "metro",
    "population",
    "outskirt",
    "citizens",
];

/// A mention with its surface text and resolved actor.
#[derive(Debug)]
struct Resolved {
    cand: Cand,
    span: Range<usize>,
    surface: String,
    actor: Option<String>,
}

/// Resolves `cands` (in text order) into mentions.
pub(crate) fn resolve(doc: &Doc, lex: &Lexicon, cands: Vec<Cand>) -> Vec<ActorMention> {
    let mut items: Vec<Resolved> = cands.into_iter().filter_map(|c| resolved(doc, c)).collect();
    readings(doc, lex, &mut items);
    listed_with_persons(doc, lex, &mut items);
    listed_with_places(doc, lex, &mut items);
    named_as_persons(lex, &mut items);
    persons(doc, &mut items);
    acronyms(doc, &mut items);
    known_as(doc, &mut items);
    first_words(doc, lex, &mut items);
    heads(lex, &mut items);
    capitals(doc, &mut items);
    national_bodies(doc, lex, &mut items);
    let roles = Roles::new(items.iter().flat_map(|r| r.cand.role.clone()).collect());
    let in_role = |r: &Resolved| roles.contain(&r.span);
    items
        .into_iter()
        .filter(|r| !(r.cand.head && r.actor.is_none() || r.cand.demonym && in_role(r)))
        .filter(|r| r.cand.kind != ActorKind::Other)
        .map(|r| mention(doc, r))
        .collect()
}

/// Known names with another reading that the article calls for ("RSF" in a report
/// on Sudan is the Rapid Support Forces, not Reporters Without Borders). A name the
/// article spells out ("Reporters Without Borders (RSF)") still wins, later.
fn readings(doc: &Doc, lex: &Lexicon, items: &mut [Resolved]) {
    for r in items.iter_mut() {
        let Some(usual) = &r.actor else {
            continue;
        };
        if let Some(e) = lex.reading_in(&r.surface, usual, doc.text) {
            r.actor = Some(e.canonical.clone());
            r.cand.kind = e.kind;
        }
    }
}

/// The byte ranges of role phrases, sorted by start, each with the furthest end
/// of the ranges up to it: whether one holds a span is a binary search, not a look
/// at every role of the article.
struct Roles {
    ranges: Vec<Range<usize>>,
    furthest: Vec<usize>,
}

impl Roles {
    fn new(mut ranges: Vec<Range<usize>>) -> Self {
        ranges.sort_by_key(|r| r.start);
        let furthest = ranges
            .iter()
            .scan(0, |end, r| {
                *end = r.end.max(*end);
                Some(*end)
            })
            .collect();
        Self { ranges, furthest }
    }

    /// Whether a role range holds all of `span`.
    fn contain(&self, span: &Range<usize>) -> bool {
        let starting = self.ranges.partition_point(|r| r.start <= span.start);
        starting
            .checked_sub(1)
            .and_then(|i| self.furthest.get(i))
            .is_some_and(|&end| span.end <= end)
    }
}

/// A candidate with its byte span and surface text; the actor is the canonical name
/// from the word lists, if any.
fn resolved(doc: &Doc, cand: Cand) -> Option<Resolved> {
    let span = byte_range(doc, cand.toks.clone())?;
    let cut = cand.nickname.as_ref().and_then(|n| nick_quotes(doc, n));
    let surface = surface(doc.text, &span, cut);
    Some(Resolved {
        actor: cand.canonical.clone(),
        cand,
        span,
        surface,
    })
}

/// The public mention of a resolved candidate.
fn mention(doc: &Doc, r: Resolved) -> ActorMention {
    let nickname = r
        .cand
        .nickname
        .as_ref()
        .and_then(|n| byte_range(doc, n.clone()));
    ActorMention {
        // A guess that no later step resolved to a name the text explains.
        guess: r.cand.guess && r.actor.is_none(),
        role: role_text(doc.text, &r.cand.role).map(String::into_boxed_str),
        nickname: nickname.and_then(|b| doc.text.get(b)).map(Box::from),
        actor: r.actor.unwrap_or(r.surface).into_boxed_str(),
        kind: r.cand.kind,
        span: r.span,
    }
}

/// The role texts of a mention joined by ", " ("Major General, Pentagon spokesman").
fn role_text(text: &str, role: &[Range<usize>]) -> Option<String> {
    let parts: Vec<&str> = role.iter().filter_map(|r| text.get(r.clone())).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Byte range of a nickname with its quotes and one following space.
fn nick_quotes(doc: &Doc, n: &Range<usize>) -> Option<Range<usize>> {
    let open = doc.toks.get(n.start.checked_sub(1)?)?.span.start;
    let next = doc.toks.get(n.end + 1)?.span.start;
    Some(open..next)
}

/// The text of `span` without the nickname part, white space collapsed, without
/// apostrophes that end a word.
fn surface(text: &str, span: &Range<usize>, cut: Option<Range<usize>>) -> String {
    let raw: Cow<str> = match cut {
        Some(c) if span.start <= c.start && c.end <= span.end => Cow::Owned(format!(
            "{}{}",
            text.get(span.start..c.start).unwrap_or(""),
            text.get(c.end..span.end).unwrap_or("")
        )),
        _ => Cow::Borrowed(text.get(span.clone()).unwrap_or("")),
    };
    // "Shia’ al-Sudani" and "Shia al-Sudani" are one name.
    let mut out = String::with_capacity(raw.len());
    for w in raw
        .split_whitespace()
        .map(|w| w.trim_end_matches(['’', '\'']))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Lower-cased name part without an Arabic article ("al-Sudani" → "sudani").
fn name_key(word: &str) -> String {
    let w = word.to_lowercase();
    for p in [
        "al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-",
    ] {
        if let Some(rest) = w.strip_prefix(p) {
            return rest.to_string();
        }
    }
    w
}

/// The words of a name: split at spaces and apostrophes.
fn word_iter(s: &str) -> impl Iterator<Item = &str> {
    s.split([' ', '’', '\'']).filter(|w| !w.is_empty())
}

/// Whether a name has exactly one word ([`word_iter`]).
fn one_word(s: &str) -> bool {
    let mut w = word_iter(s);
    w.next().is_some() && w.next().is_none()
}

/// Whether a name has two words or more ([`word_iter`]).
fn several_words(s: &str) -> bool {
    word_iter(s).nth(1).is_some()
}

/// A person's full name with the keys short forms are matched on.
struct FullName {
    /// Index of the mention.
    at: usize,
    /// The name as written.
    name: String,
    /// Its actor: the canonical name when the word lists know it ("Antonio Guterres"
    /// is "António Guterres"), else the name as written.
    actor: String,
    first: String,
    last: String,
    words: usize,
}

/// A guessed body whose whole name the text also gives a person is that person
/// ("In the 69th minute, [Romelu Lukaku] doubled the lead" after "with Romelu
/// Lukaku, Yannick Carrasco and …").
/// So is a town named like a surname that the text gives a titled person ("Later
/// [Bush] met …" after "President Bush"), and a guessed name of several words that
/// ends in a one-word person's name ("Ousmane Sonko" before "Sonko said he …").
fn named_as_persons(lex: &Lexicon, items: &mut [Resolved]) {
    let persons: Vec<String> = items
        .iter()
        .filter(|r| r.cand.kind == ActorKind::Person && several_words(&r.surface))
        .map(|r| r.surface.clone())
        .collect();
    let titled: Vec<String> = items
        .iter()
        .filter(|r| r.cand.kind == ActorKind::Person && !r.cand.role.is_empty())
        .filter(|r| !several_words(&r.surface))
        .map(|r| r.surface.clone())
        .collect();
    // One-word persons ("Sonko said he …"): a guessed body of several words that
    // ends in that word, earlier, is the person's full name ("Ousmane Sonko").
    let surnames: Vec<String> = items
        .iter()
        .filter(|r| r.cand.kind == ActorKind::Person && one_word(&r.surface))
        .filter(|r| !lex.is_common_word(&r.surface) && lex.keyword(&r.surface).is_none())
        .map(|r| r.surface.clone())
        .collect();
    if persons.is_empty() && titled.is_empty() && surnames.is_empty() {
        return;
    }
    for r in items.iter_mut() {
        let guessed = r.cand.guess && r.cand.kind == ActorKind::Organization && r.actor.is_none();
        let ends_in_surname = several_words(&r.surface)
            && word_iter(&r.surface)
                .last()
                .is_some_and(|last| surnames.iter().any(|s| s == last));
        let guessed_body = guessed && (persons.contains(&r.surface) || ends_in_surname);
        let town = r.cand.kind == ActorKind::Place
            && titled.contains(&r.surface)
            && crate::extract::actors::classify::town_surname(lex, &r.surface);
        if guessed_body || town {
            r.cand.kind = ActorKind::Person;
            r.actor = None;
        }
    }
}

/// Persons: full names register; short forms resolve to the nearest full name.
fn persons(doc: &Doc, items: &mut [Resolved]) {
    // The first words of the bodies named in full: a word alone that opens one of
    // them and ends a person's name is the company where the words around it say so.
    let bodies: Vec<&str> = items
        .iter()
        .filter(|r| !r.cand.guess && r.cand.kind == ActorKind::Organization)
        .filter(|r| several_words(&r.surface))
        .filter_map(|r| word_iter(&r.surface).next())
        .collect();
    let firm_meant: Vec<bool> = items
        .iter()
        .map(|r| {
            one_word(&r.surface)
                && r.cand.guess
                && bodies.contains(&r.surface.as_str())
                && company_context(doc, &r.cand.toks)
        })
        .collect();
    let full: Vec<FullName> = items
        .iter()
        .enumerate()
        .filter(|(_, r)| r.cand.kind == ActorKind::Person)
        .filter_map(|(at, r)| {
            let words = word_iter(&r.surface).count();
            if words < 2 {
                return None;
            }
            Some(FullName {
                at,
                name: r.surface.clone(),
                actor: r.actor.clone().unwrap_or_else(|| r.surface.clone()),
                first: name_key(word_iter(&r.surface).next()?),
                last: name_key(word_iter(&r.surface).last()?),
                words,
            })
        })
        .collect();
    let index = FullIndex::new(&full);
    for (i, r) in items.iter_mut().enumerate() {
        let single = one_word(&r.surface);
        let eligible = r.cand.kind == ActorKind::Person
            || (single && r.cand.guess)
            || (single && r.cand.kind == ActorKind::Place && !r.cand.demonym);
        if !eligible || firm_meant.get(i) == Some(&true) {
            continue;
        }
        // A country or a capital stands for a person by the surname only ("Jordan"
        // after "Michael Jordan"), not by a given name ("Israel" after "Israel
        // Katz"); a town may ("his brother Preston", "Yao" after "Yao Yilin").
        let by_first = r.cand.kind != ActorKind::Place || r.cand.town;
        if let Some(name) = nearest_full(&full, &index, i, &r.surface, by_first) {
            r.actor = Some(name);
            r.cand.kind = ActorKind::Person;
        }
    }
    // A guessed name of several words that ends a person's full name named before
    // it is that person ("Febres Cordero, quoted …" after "President Leon Febres
    // Cordero").
    for (i, r) in items.iter_mut().enumerate() {
        if !(r.cand.guess && r.actor.is_none() && !one_word(&r.surface)) {
            continue;
        }
        let tail = format!(" {}", r.surface);
        let owner = full
            .iter()
            .take_while(|f| f.at < i)
            .filter(|f| f.name.ends_with(&tail))
            .last();
        if let Some(f) = owner {
            r.actor = Some(f.actor.clone());
            r.cand.kind = ActorKind::Person;
        }
    }
}

/// Words right after a name (or its possessive) that say a company is meant
/// ("Shares of Ford rose", "Tata chairman Ratan Tata", "Dell's profit").
const FIRM_AFTER: &[&str] = &[
    "shares",
    "stock",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "ceo",
    "executives",
    "board",
    "dealers",
    "dealerships",
    "plant",
    "plants",
    "factory",
    "factories",
    "brand",
    "brands",
    "sales",
    "profit",
    "profits",
    "earnings",
    "revenue",
    "subsidiary",
    "unit",
];

/// Words before "of" or "in" and a name that say a company is meant ("shares of
/// Ford", "20 pct of Taft", "a stake in Tata").
const FIRM_BEFORE: &[&str] = &["shares", "stake", "pct", "percent", "stock"];

/// Whether the words around `toks` say a company is meant: one of [`FIRM_AFTER`]
/// after it or its possessive, or one of [`FIRM_BEFORE`] and "of" or "in" before it.
fn company_context(doc: &Doc, toks: &Range<usize>) -> bool {
    let after = |k: usize| doc.word(toks.end + k);
    let possessive = toks.end > 0 && doc.possessive_s(toks.end - 1);
    let next = if possessive { after(2) } else { after(0) };
    let before = |k: usize| toks.start.checked_sub(k).map_or("", |i| doc.word(i));
    FIRM_AFTER.contains(&lower(next).as_ref())
        || matches!(before(1), "of" | "in") && FIRM_BEFORE.contains(&lower(before(2)).as_ref())
}

/// The full names by their keys, each list in text order (indices into the full
/// names): a short form is looked up, not compared with every full name.
#[derive(Default)]
struct FullIndex<'a> {
    by_first: Map<&'a str, Vec<usize>>,
    by_last: Map<&'a str, Vec<usize>>,
    by_both: Map<(&'a str, &'a str), Vec<usize>>,
}

impl<'a> FullIndex<'a> {
    fn new(full: &'a [FullName]) -> Self {
        let mut index = Self::default();
        for (k, f) in full.iter().enumerate() {
            index.by_first.entry(&f.first).or_default().push(k);
            index.by_last.entry(&f.last).or_default().push(k);
            index
                .by_both
                .entry((&f.first, &f.last))
                .or_default()
                .push(k);
        }
        index
    }
}

/// The list of `key` in `map`, empty if none.
fn keyed<'m>(map: &'m Map<&str, Vec<usize>>, key: &str) -> &'m [usize] {
    map.get(key).map_or(&[], Vec::as_slice)
}

/// The full name, nearest to item `i` (before it first), that `short` abbreviates:
/// a one-word short form shares the last word (or the first, with `by_first`), a
/// longer one both, with fewer words.
fn nearest_full(
    full: &[FullName],
    index: &FullIndex<'_>,
    i: usize,
    short: &str,
    by_first: bool,
) -> Option<String> {
    if full.is_empty() {
        return None;
    }
    let count = word_iter(short).count();
    let first = name_key(word_iter(short).next()?);
    let last = name_key(word_iter(short).last()?);
    // Of a list of full names in text order, the ones at or before item `i`.
    let upto = |list: &[usize]| list.partition_point(|&k| full.get(k).is_some_and(|f| f.at <= i));
    let found = if count == 1 {
        let b = match by_first {
            true => keyed(&index.by_first, &first),
            false => &[],
        };
        let a = keyed(&index.by_last, &last);
        let before = |l: &[usize]| upto(l).checked_sub(1).and_then(|p| l.get(p).copied());
        match (before(a), before(b)) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y).or_else(|| match (a.first(), b.first()) {
                (Some(&x), Some(&y)) => Some(x.min(y)),
                (x, y) => x.or(y).copied(),
            }),
        }
    } else {
        let both = index
            .by_both
            .get(&(first.as_str(), last.as_str()))
            .map_or(&[][..], Vec::as_slice);
        let longer = |&&k: &&usize| full.get(k).is_some_and(|f| f.words > count);
        let (head, _) = both.split_at(upto(both));
        head.iter()
            .rev()
            .find(longer)
            .or_else(|| both.iter().find(longer))
            .copied()
    };
    found.and_then(|k| full.get(k)).map(|f| f.actor.clone())
}

/// The words from the end of `a` to the start of `b`, if there are at most `most`
/// (names further apart are not joined by a connector, and their words are not read).
fn words_between<'t>(
    doc: &Doc<'t>,
    a: &Resolved,
    b: &Resolved,
    most: usize,
) -> Option<Vec<&'t str>> {
    let gap = a.cand.toks.end..b.cand.toks.start;
    (gap.len() <= most).then(|| gap.map(|i| doc.word(i)).collect())
}

/// "Romelu Lukaku, Yannick Carrasco and Dries Mertens": in a list of three or more
/// names that holds a person's and otherwise only guessed names of two plain words,
/// those are persons' names too, unless they open with a surname: firms named for
/// their founders are listed with names like persons' ("Keefe Bruyette, Goldman
/// Sachs and Merrill Lynch").
fn listed_with_persons(doc: &Doc, lex: &Lexicon, items: &mut [Resolved]) {
    let guessed_name = |r: &Resolved| {
        r.cand.guess
            && r.cand.toks.len() == 2
            && !lex.is_surname(doc.word(r.cand.toks.start))
            && r.cand.toks.clone().all(|i| {
                doc.keyword(i).is_none()
                    && !doc.seen_lower(doc.word(i))
                    && doc.toks.get(i).is_some_and(|t| t.word && t.cap && !t.upper)
            })
    };
    let person = |r: &Resolved| r.cand.kind == ActorKind::Person && !r.cand.guess;
    for list in lists(doc, items) {
        let Some(list) = items.get_mut(list) else {
            continue;
        };
        let persons = list.iter().filter(|r| person(r)).count();
        let names = list.iter().filter(|r| guessed_name(r)).count();
        if list.len() >= 3 && persons >= 1 && persons + names == list.len() {
            for r in list.iter_mut().filter(|r| r.cand.guess) {
                r.cand.kind = ActorKind::Person;
                r.cand.guess = false;
            }
        }
    }
}

/// "sites in Sanaa, Saada and Hodeidah": in a list of names that holds a known
/// place and otherwise only guessed names, those are places too. A list of two
/// needs "and" or "or" and a preposition of place before it ("in Goma and Sake").
fn listed_with_places(doc: &Doc, lex: &Lexicon, items: &mut [Resolved]) {
    let place = |r: &Resolved| r.cand.kind == ActorKind::Place && !r.cand.guess && !r.cand.demonym;
    // Not a surname alone: partners' names make a firm's ("Woodhouse, Drake and
    // Carey said").
    let guessed = |r: &Resolved| {
        r.cand.guess
            && r.actor.is_none()
            && r.cand
                .toks
                .clone()
                .all(|i| doc.toks.get(i).is_some_and(|t| !t.upper))
            && !(r.cand.toks.len() == 1 && lex.is_surname(doc.word(r.cand.toks.start)))
    };
    for list in lists(doc, items) {
        let Some(list) = items.get_mut(list) else {
            continue;
        };
        let before = list
            .first()
            .and_then(|r| r.cand.toks.start.checked_sub(1))
            .map(|i| doc.word(i).to_ascii_lowercase())
            .unwrap_or_default();
        // Two names joined by a comma may be two clauses' ("in San Francisco, Apple
        // CEO Steve Jobs …").
        let joined = match list {
            [a, b] => words_between(doc, a, b, 1)
                .is_some_and(|w| matches!(w.as_slice(), ["and"] | ["or"])),
            _ => true,
        };
        // "residents of Minova and Kalehe", "the villages of …".
        let of_settlement = before == "of"
            && list
                .first()
                .and_then(|r| r.cand.toks.start.checked_sub(2))
                .is_some_and(|i| {
                    super::classify::PEOPLED.contains(&doc.word(i).to_ascii_lowercase().as_str())
                });
        // "seized Mbelo and Kasandu": the context that makes the first a place is the
        // whole list's.
        let context = list
            .first()
            .is_some_and(|r| super::classify::placed_by_context(doc, r.cand.toks.clone()));
        let located =
            joined && (PLACE_PREPOSITIONS.contains(&before.as_str()) || of_settlement || context);
        let places = list.iter().filter(|r| place(r)).count();
        let names = list.iter().filter(|r| guessed(r)).count();
        if (list.len() >= 3 || located && list.len() == 2)
            && places >= 1
            && names >= 1
            && places + names == list.len()
        {
            for r in list.iter_mut().filter(|r| r.cand.guess) {
                r.cand.kind = ActorKind::Place;
                r.cand.guess = false;
            }
        }
    }
}

/// Prepositions before a list of two names that make it a list of places.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "near", "around", "across", "outside", "toward", "towards", "from", "to", "via",
    "through", "into",
];

/// The runs of items named one after the other as a list ("A, B and C", "A or
/// B"), as ranges of `items`, each of two items or more.
fn lists(doc: &Doc, items: &[Resolved]) -> Vec<std::ops::Range<usize>> {
    let listed = |a: &Resolved, b: &Resolved| {
        words_between(doc, a, b, 2).is_some_and(|between| {
            matches!(
                between.as_slice(),
                [","] | ["and"] | [",", "and"] | ["or"] | [",", "or"]
            )
        })
    };
    let mut out = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let mut end = start + 1;
        while let (Some(a), Some(b)) = (items.get(end - 1), items.get(end)) {
            if !listed(a, b) {
                break;
            }
            end += 1;
        }
        if end - start >= 2 {
            out.push(start..end);
        }
        start = end;
    }
    out
}

/// "Counter-Terrorism Service (CTS)": the acronym and its later uses resolve to the name,
/// even an acronym the word lists know for another name when it spells all the name.
fn acronyms(doc: &Doc, items: &mut [Resolved]) {
    let mut defs: Map<String, (String, ActorKind, bool)> = Map::default();
    for k in 1..items.len() {
        let (a, b) = (&items[k - 1], &items[k]);
        let open = doc.word(b.cand.toks.start.wrapping_sub(1));
        let bracketed = matches!(open, "(" | "[") && b.cand.toks.start == a.cand.toks.end + 1;
        let upper = doc.toks[b.cand.toks.start].upper;
        if bracketed && upper && initials_match(&b.surface, &a.surface) {
            let name = a.actor.clone().unwrap_or_else(|| a.surface.clone());
            let whole = initials_are(&b.surface, &name);
            defs.insert(b.surface.clone(), (name, a.cand.kind, whole));
        } else if bracketed
            && upper
            && b.cand.canonical.is_none()
            && b.surface.len() <= 6
            && matches!(a.cand.kind, ActorKind::Organization | ActorKind::Group)
            && a.surface.contains(' ')
            // Not the tail of a name cut at a joining word ("Train and [Equip Fund]").
            && !(matches!(
                doc.word(a.cand.toks.start.wrapping_sub(1)),
                "and" | "of" | "for" | "&" | "-" | "–"
            ) && {
                let k = a.cand.toks.start.wrapping_sub(2);
                doc.toks.get(k).is_some_and(|t| t.cap) && doc.uncertain.get(k) == Some(&false)
            })
        {
            // "Justice and Development Party (AKP)": an acronym of the name in its
            // own language, which no list knows for anything else.
            let name = a.actor.clone().unwrap_or_else(|| a.surface.clone());
            defs.entry(b.surface.clone())
                .or_insert((name, a.cand.kind, false));
        }
    }
    // "The ANC" in an article that names the "African National Congress" without
    // bracketing its acronym: an unknown acronym whose letters are all the capitals
    // of a body's name of several words there (one such name only).
    for r in items.iter() {
        let acronym = r.surface.len() >= 2
            && r.surface.len() <= 6
            && r.surface.chars().all(|c| c.is_ascii_uppercase())
            && (r.cand.canonical.is_none() || r.cand.guess);
        if !acronym || defs.contains_key(&r.surface) {
            continue;
        }
        let mut names = items.iter().filter(|b| {
            matches!(b.cand.kind, ActorKind::Organization | ActorKind::Group)
                && b.surface.contains(' ')
                && initials_are(&r.surface, &b.surface)
        });
        if let (Some(b), None) = (names.next(), names.next()) {
            let name = b.actor.clone().unwrap_or_else(|| b.surface.clone());
            defs.insert(r.surface.clone(), (name, b.cand.kind, false));
        }
    }
    for r in items.iter_mut() {
        let Some((name, kind, whole)) = defs.get(&r.surface) else {
            continue;
        };
        // The article's own definition wins over the word lists when the acronym
        // spells the whole name: "Rapid Support Forces (RSF)" is not the "RSF" of
        // press freedom, but "… of the United Arab Emirates (UAE)" is still the UAE.
        if r.cand.canonical.is_none() || r.cand.guess || *whole {
            r.actor = Some(name.clone());
            r.cand.kind = *kind;
            r.cand.guess = false;
        }
    }
}

/// "The Islamic Resistance Movement, known as Hamas": the two names are one actor,
/// under the one the word lists know (else the first), and so are later uses of
/// either.
fn known_as(doc: &Doc, items: &mut [Resolved]) {
    let mut same: Map<String, (String, ActorKind)> = Map::default();
    for k in 1..items.len() {
        let (Some(a), Some(b)) = (items.get(k - 1), items.get(k)) else {
            continue;
        };
        let Some(mut between) = words_between(doc, a, b, 5) else {
            continue;
        };
        // "Joaquín Guzmán, known as “El Chapo”": the alias in quotes.
        let quoted = between.last().is_some_and(|w| QUOTES.contains(w));
        if quoted {
            between.pop();
        }
        let linked = match between.as_slice() {
            [",", rest @ ..] | rest => matches!(
                rest,
                ["known", "as"]
                    | [
                        "also" | "better" | "commonly" | "locally" | "widely",
                        "known",
                        "as"
                    ]
                    | ["a.k.a." | "aka" | "alias" | "nicknamed" | "dubbed"]
            ),
        };
        // A person's alias is the person's only when quoted or a person's name too.
        let person_alias = b.cand.kind == ActorKind::Person || quoted && b.cand.guess;
        if !linked || a.cand.kind == ActorKind::Person && !person_alias {
            continue;
        }
        let listed = |r: &Resolved| r.cand.canonical.is_some() && !r.cand.guess;
        let (from, to) = match (listed(a), listed(b)) {
            (false, true) => (a, b),
            _ => (b, a),
        };
        let name = to.actor.clone().unwrap_or_else(|| to.surface.clone());
        same.insert(from.surface.clone(), (name, to.cand.kind));
    }
    for r in items.iter_mut() {
        if let Some((name, kind)) = same.get(&r.surface) {
            r.actor = Some(name.clone());
            r.cand.kind = *kind;
            r.cand.guess = false;
        }
    }
}

/// Opening quotation marks.
const QUOTES: &[&str] = &["“", "\"", "‘", "'"];

/// The acronym's letters are the capitals of the name, all of them and no others.
fn initials_are(acronym: &str, name: &str) -> bool {
    acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .eq(name.chars().filter(|c| c.is_uppercase()))
}

/// The acronym's letters are, in order, capitals of the name (leading words may be
/// left out: "US-Iraq Higher Military Commission (HMC)"), or letters of its words from
/// a word's first letter to the last word's ("Worldwide Developers Conference (WWDC)").
fn initials_match(acronym: &str, name: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    let caps: Vec<char> = name.chars().filter(|c| c.is_uppercase()).collect();
    if letters.len() < 2 {
        return false;
    }
    let by_caps = (0..caps.len()).any(|from| {
        let mut it = caps[from..].iter();
        caps.get(from) == letters.first() && letters.iter().all(|l| it.any(|c| c == l))
    });
    by_caps || by_letters(&letters, name)
}

/// `letters` is a subsequence of `name`'s letters that starts on a word's first letter
/// and ends on the last word's first letter.
fn by_letters(letters: &[char], name: &str) -> bool {
    let lower: Vec<char> = letters.iter().flat_map(|c| c.to_lowercase()).collect();
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(last) = words.last().and_then(|w| w.chars().next()) else {
        return false;
    };
    if lower.last() != last.to_lowercase().next().as_ref() {
        return false;
    }
    let head: Vec<char> = lower[..lower.len() - 1].to_vec();
    let body: String = words[..words.len() - 1].join(" ").to_lowercase();
    body.char_indices().any(|(k, c)| {
        let starts_word = k == 0 || body[..k].ends_with(' ');
        let mut it = body[k..].chars().filter(|c| c.is_alphabetic());
        starts_word && Some(&c) == head.first() && head.iter().all(|l| it.any(|c| c == *l))
    })
}

/// A single-word guess that opens a longer body's name ("Apple" → "Apple Inc."), and
/// a person's name that opens a company's ("Dean Witter" → "Dean Witter Reynolds Inc").
fn first_words(doc: &Doc, lex: &Lexicon, items: &mut [Resolved]) {
    let (long_at, long): (Vec<usize>, Vec<(String, String, ActorKind)>) = items
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            !r.cand.guess && matches!(r.cand.kind, ActorKind::Organization | ActorKind::Group)
        })
        .filter(|(_, r)| several_words(&r.surface))
        .filter_map(|(j, r)| {
            let first = word_iter(&r.surface).next()?.to_string();
            Some((
                j,
                (
                    first,
                    r.actor.clone().unwrap_or_else(|| r.surface.clone()),
                    r.cand.kind,
                ),
            ))
        })
        .unzip();
    // The first long name with each first word.
    let mut by_first: Map<&str, usize> = Map::default();
    for (k, (first, _, _)) in long.iter().enumerate() {
        by_first.entry(first).or_insert(k);
    }
    // A town's name alone after a body named for it is the body ("Piedmont" after
    // "Piedmont Aviation Inc"), and so is a word listed as no actor ("CPI" after "CPI
    // Corp"); countries and capitals are left as they are.
    for (j, r) in items.iter_mut().enumerate() {
        let open = r.cand.guess && r.actor.is_none();
        let prev = lower(doc.word(r.cand.toks.start.wrapping_sub(1)));
        let town = r.cand.town
            && !several_words(&r.surface)
            && !(prev == "the" || LOCATIVE.contains(&prev.as_ref()));
        let other = r.cand.kind == ActorKind::Other && !several_words(&r.surface);
        if !(open || town || other) {
            continue;
        }
        let Some(&k) = by_first.get(r.surface.as_str()) else {
            continue;
        };
        // Companies go by their first word, courts and exchanges do not ("Texas" after
        // "Texas Court of Appeals" is the state).
        let company = long
            .get(k)
            .is_some_and(|(_, name, _)| company_name(lex, name));
        let before = company && long_at.get(k).is_some_and(|&at| at < j);
        if let Some((_, name, kind)) = long.get(k).filter(|_| open || before) {
            r.actor = Some(name.clone());
            r.cand.kind = *kind;
        }
    }
    // A firm named for its founders goes by their names: a person's name (or a
    // guessed one) that opens a company's named before it ("Dean Witter" after
    // "Dean Witter Reynolds Inc") is the company, and so are the mentions resolved to
    // that name ("Witter"). Named first, it is the person ("trader Ivan Boesky"
    // before "Ivan Boesky and Co").
    let mut firms: Vec<(String, String)> = Vec::new();
    let mut people: Vec<&str> = Vec::new();
    let named_like_firm = |r: &Resolved| {
        r.cand.kind == ActorKind::Person || (r.cand.guess && r.cand.kind == ActorKind::Organization)
    };
    for (j, r) in items.iter().enumerate() {
        if !named_like_firm(r)
            || r.actor.is_some()
            || !r.cand.role.is_empty()
            || !several_words(&r.surface)
            || people.contains(&r.surface.as_str())
            || firms.iter().any(|(person, _)| *person == r.surface)
        {
            continue;
        }
        let company = long.iter().zip(&long_at).find(|&((_, name, kind), &at)| {
            at < j
                && *kind == ActorKind::Organization
                && name
                    .strip_prefix(r.surface.as_str())
                    .is_some_and(|rest| rest.starts_with(' '))
                && company_name(lex, name)
        });
        match company {
            Some(((_, name, _), _)) => firms.push((r.surface.clone(), name.clone())),
            None => people.push(&r.surface),
        }
    }
    for r in items.iter_mut().filter(|r| named_like_firm(r)) {
        let name = r.actor.as_deref().unwrap_or(&r.surface);
        if let Some((_, firm)) = firms.iter().find(|(person, _)| person == name) {
            r.actor = Some(firm.clone());
            r.cand.kind = ActorKind::Organization;
        }
    }
}

/// Whether `name` is a company's: its last word is a company suffix ("Apple Inc.").
fn company_name(lex: &Lexicon, name: &str) -> bool {
    name.split_whitespace()
        .next_back()
        .is_some_and(|w| lex.is_suffix(w))
}

/// "the Ministry" → the last body before it whose name has that word. A word that
/// names a body alone ("Congress", "Parliament") is that body without one.
fn heads(lex: &Lexicon, items: &mut [Resolved]) {
    // The bodies a head may stand for, by kind and lower-cased word of their name, in
    // text order. Heads are not among them, so setting a head's actor below leaves
    // the index as it is.
    let mut bodies: Map<(ActorKind, String), Vec<usize>> = Map::default();
    for (j, r) in items.iter().enumerate() {
        let name = r.actor.as_ref().unwrap_or(&r.surface);
        if r.cand.head || !several_words(name) {
            continue;
        }
        for w in word_iter(name) {
            let list = bodies.entry((r.cand.kind, w.to_lowercase())).or_default();
            if list.last() != Some(&j) {
                list.push(j);
            }
        }
    }
    for i in 0..items.len() {
        if !items[i].cand.head {
            continue;
        }
        let key = (items[i].cand.kind, items[i].surface.to_lowercase());
        let found = bodies.get(&key).and_then(|list| {
            let j = *list.get(list.partition_point(|&j| j < i).checked_sub(1)?)?;
            let r = items.get(j)?;
            Some(r.actor.as_ref().unwrap_or(&r.surface).clone())
        });
        let alone = || {
            let r = &items[i];
            r.surface.starts_with(char::is_uppercase)
                && lex.alone.contains(&r.surface.to_lowercase())
        };
        items[i].actor = found.or_else(|| alone().then(|| items[i].surface.clone()));
    }
}

/// A body named only by common words and keywords ("Constitutional Council",
/// "National Assembly", "Foreign Ministry", "Congress"), after a country's
/// possessive ("Senegal's Constitutional Council"), is that country's:
/// "Constitutional Council (Senegal)", so that the assemblies of two countries in
/// one folder stay two actors. The same
/// name later in the article without the possessive is the same body, when the
/// article qualifies it with one country only.
fn national_bodies(doc: &Doc, lex: &Lexicon, items: &mut [Resolved]) {
    // A word that names a body alone ("Peru's Congress") is generic too.
    let alone = |r: &Resolved| {
        r.cand.head
            && r.actor.as_deref() == Some(r.surface.as_str())
            && lex.alone.contains(&r.surface.to_lowercase())
    };
    let generic = |r: &Resolved| {
        (r.actor.is_none() && r.cand.toks.len() >= 2 || alone(r))
            && r.cand.kind == ActorKind::Organization
            && r.cand.toks.clone().all(|k| {
                let w = doc.word(k);
                // A company's legal form makes a firm, no national body.
                !lex.is_suffix(w)
                    && (doc.keyword(k).is_some()
                        || lex.is_common_word(w)
                        || matches!(w, "of" | "for" | "and" | "the"))
            })
    };
    // Read before any is qualified (which gives it an actor).
    let generic: Vec<bool> = items.iter().map(generic).collect();
    let mut qualified: Map<String, Option<String>> = Map::default();
    // Bodies after any possessive ("Gazprom's Supervisory Board") keep their own.
    let mut owned = vec![false; items.len()];
    for i in 0..items.len() {
        if !generic[i] {
            continue;
        }
        let start = items[i].cand.toks.start;
        let possessive = start >= 3
            && doc.word(start - 1) == "s"
            && matches!(doc.word(start - 2), "'" | "’")
            && doc.attached(start - 3);
        if !possessive {
            continue;
        }
        owned[i] = true;
        // The owner is the mention that ends at the apostrophe ("South Korea's").
        let apostrophe = doc.toks.get(start - 2).map(|t| t.span.start);
        let country = i
            .checked_sub(1)
            .and_then(|p| items.get(p))
            .filter(|p| Some(p.span.end) == apostrophe && p.cand.kind == ActorKind::Place)
            .and_then(|p| lex.entry(&p.surface).filter(|e| e.country))
            .map(|e| e.canonical.clone());
        let Some(country) = country else {
            continue;
        };
        let name = format!("{} ({country})", items[i].surface);
        let slot = qualified
            .entry(items[i].surface.to_lowercase())
            .or_insert(Some(name.clone()));
        if slot.as_deref() != Some(name.as_str()) {
            *slot = None; // two countries' bodies of that name: no bare one is either
        }
        items[i].actor = Some(name);
    }
    for ((r, owned), generic) in items.iter_mut().zip(owned).zip(generic) {
        if !owned
            && generic
            && let Some(Some(name)) = qualified.get(&r.surface.to_lowercase())
        {
            r.actor = Some(name.clone());
        }
    }
}

/// Capitals not preceded by a locative word stand for their country's government.
fn capitals(doc: &Doc, items: &mut [Resolved]) {
    for r in items.iter_mut() {
        // Only a place ("Douglas" may have become a person's surname).
        let Some(country) = r
            .cand
            .capital_of
            .clone()
            .filter(|_| r.cand.kind == ActorKind::Place)
        else {
            continue;
        };
        let start = r.cand.toks.start;
        let mut prev = lower(doc.word(start.wrapping_sub(1)));
        // "into central Khartoum": a part of the city after the locative word.
        if CITY_AREAS.contains(&prev.as_ref()) {
            prev = lower(doc.word(start.wrapping_sub(2)));
        }
        if !LOCATIVE.contains(&prev.as_ref())
            && !city_part_after(doc, r.cand.toks.end)
            && !modifies_a_local_noun(doc, r.cand.toks.end)
        {
            r.actor = Some(country);
        }
    }
}

/// Adjectives for a part of a city between a locative word and its name ("into
/// central Khartoum", "in downtown Nairobi").
const CITY_AREAS: &[&str] = &[
    "central", "downtown", "northern", "southern", "eastern", "western", "greater", "old",
];

/// Nouns that a city's name before them places in the city, not in its country's
/// government ("a Paris court", "the Pretoria agreement", "Kabul residents").
const LOCAL_NOUNS: &[&str] = &[
    "court",
    "courts",
    "agreement",
    "accord",
    "accords",
    "talks",
    "summit",
    "conference",
    "process",
    "declaration",
    "protocol",
    "treaty",
    "meeting",
    "mayor",
    "police",
    "residents",
    "correspondent",
    "bureau",
    "office",
    "prosecutor",
    "prosecutors",
    "airport",
    "university",
    "hospital",
    "neighbourhood",
    "neighborhood",
    "district",
];

/// Whether the tokens from `at` make the city before them a place: "-based"
/// ("the Tripoli-based government") or one of [`LOCAL_NOUNS`].
fn modifies_a_local_noun(doc: &Doc, at: usize) -> bool {
    let Some(last) = at.checked_sub(1) else {
        return false;
    };
    let based = doc
        .toks
        .get(last)
        .and_then(|t| doc.text.get(t.span.end..))
        .is_some_and(|rest| rest.starts_with("-based"));
    based || (doc.same_line(last) && LOCAL_NOUNS.contains(&doc.word(at)))
}

/// Whether tokens from `at` are a possessive and a part of a city, perhaps after
/// one adjective ("'s southern suburbs").
fn city_part_after(doc: &Doc, at: usize) -> bool {
    // The tokenizer splits "Beirut's" into "Beirut", "'", "s".
    let quote = matches!(doc.word(at), "'" | "’");
    let (first, second) = match (quote, doc.word(at + 1)) {
        (true, "s") => (at + 2, at + 3),
        (true, _) => (at + 1, at + 2),
        (false, _) => return false,
    };
    [first, second]
        .iter()
        .any(|&i| CITY_PARTS.contains(&lower(doc.word(i)).as_ref()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn initials() {
        assert!(initials_match("CTS", "Counter-Terrorism Service"));
        assert!(initials_match(
            "EADS",
            "European Aeronautic Defence and Space Company"
        ));
        assert!(!initials_match("ISR", "Counter-Terrorism Service"));
        assert!(initials_match("WWDC", "Worldwide Developers Conference"));
        assert!(initials_match("HMC", "US-Iraq Higher Military Commission"));
        assert!(!initials_match("WDX", "Worldwide Developers Conference"));
    }

    #[test]
    fn name_keys_drop_articles() {
        assert_eq!(name_key("al-Sudani"), "sudani");
        assert_eq!(name_key("Sudani"), "sudani");
    }
}
