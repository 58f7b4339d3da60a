//! Decides what a candidate name is, in this order: a known name (known.tsv,
//! places, demonyms); a person introduced by a title ("US Army Col. Ryan Dillon");
//! a body named by a keyword ("Ministry of Peshmerga", "Peshmerga Forces"); a
//! demonym before another name ("Kurdish Peshmerga"); a person whose first word is a
//! given name ("Paul Nesbit"); otherwise a guess (an organization) that coreference may
//! still turn into a person ("Dillon" after "Ryan Dillon").

use std::borrow::Cow;
use std::ops::Range;

use super::ActorKind;
use super::chunk::{Chunk, Doc};
use super::lexicon::{Lexicon, Title};
use super::token::{key, lower};

/// Words that join the parts of a title or name ("Secretary of State").
const CONNECTORS: &[&str] = &[
    "of", "for", "the", "to", "and", "&", "’", "'", "–", "—", "-",
];

/// Words that show an apposition is a clause, not a role.
const CLAUSE_WORDS: &[&str] = &[
    "who", "which", "that", "is", "was", "has", "had", "said", "says",
];

/// A classified mention before coreference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cand {
    /// Tokens of the mention (the name only, without its title).
    pub toks: Range<usize>,
    pub kind: ActorKind,
    /// Canonical name from the word lists, if known.
    pub canonical: Option<String>,
    /// Byte ranges of the role stated with a person (before the name, apposition).
    pub role: Vec<Range<usize>>,
    /// Tokens of a nickname inside the name (without its quotes).
    pub nickname: Option<Range<usize>>,
    /// For a capital: the country it may stand for.
    pub capital_of: Option<String>,
    /// A demonym ("Iraqi").
    pub demonym: bool,
    /// A town or region of the word lists (no country, capital or demonym): a
    /// company may be named after it ("Piedmont" for "Piedmont Aviation Inc").
    pub town: bool,
    /// The kind is a default guess.
    pub guess: bool,
    /// A lone keyword ("the Ministry") that may refer back to a named body.
    pub head: bool,
}

impl Cand {
    fn new(toks: Range<usize>, kind: ActorKind) -> Self {
        Cand {
            toks,
            kind,
            canonical: None,
            role: Vec::new(),
            nickname: None,
            capital_of: None,
            demonym: false,
            town: false,
            guess: false,
            head: false,
        }
    }
}

/// One classification rule: the mentions of a chunk, or `None` to try the next rule.
type Rule = fn(&Doc, &Lexicon, &Chunk) -> Option<Vec<Cand>>;

/// The rules, in the order they are tried; the first that answers decides.
const RULES: &[(&str, Rule)] = &[
    ("known name", rule_known),
    ("state after a comma", rule_state),
    ("party and state tag", rule_party_tag),
    ("stock ticker", rule_ticker),
    ("single letter", rule_single_letter),
    ("title then name", rule_titled),
    ("titles only", rule_titles_only),
    ("title before a body", rule_leading_title),
    ("product model", rule_product),
    ("keyword", rule_keyword),
    ("lower-case role before", rule_role_before),
    ("leading demonym", rule_leading_demonym),
    ("country + acronym", rule_country_acronym),
    ("known parts", rule_all_known),
    ("apposition role", rule_apposition),
    ("settlement", rule_settlement),
    ("employer", rule_employer),
    ("given name", rule_given_name),
    ("armed men after", rule_group_context),
    ("place context", rule_place_context),
    ("guess", rule_guess),
];

/// Classifies one chunk, appending its mentions to `out`.
pub(crate) fn classify(doc: &Doc, lex: &Lexicon, chunk: &Chunk, out: &mut Vec<Cand>) {
    // Nothing, or a firm's legal form without its name ("Co Inc" of a name cut off).
    if chunk.toks.clone().all(|i| lex.is_suffix(doc.word(i))) {
        return;
    }
    if let Some(found) = RULES.iter().find_map(|(_, rule)| rule(doc, lex, chunk)) {
        let from = out.len();
        out.extend(found);
        // A quoted nickname between two names is a person's, whatever the words
        // ("Joaquín “El Chapo” Guzmán").
        if let Some(n) = &chunk.nickname {
            for c in out.iter_mut().skip(from) {
                if c.toks.start < n.start && n.end < c.toks.end && c.kind != ActorKind::Other {
                    c.kind = ActorKind::Person;
                    c.nickname = Some(n.clone());
                    c.guess = false;
                }
            }
        }
    }
}

/// Classifies tokens `r` as a chunk of their own.
fn classify_part(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> Vec<Cand> {
    let mut out = Vec::new();
    classify(
        doc,
        lex,
        &Chunk {
            toks: r,
            nickname: None,
        },
        &mut out,
    );
    out
}

fn rule_known(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let mut k = known(doc, lex, c.toks.clone())?;
    // A listed person keeps the role written around the name ("Eritrean leader
    // [Isaias Afwerki]").
    if k.kind == ActorKind::Person {
        return Some(person_with_role(
            doc,
            lex,
            c.toks.start,
            c.toks.clone(),
            c.nickname.clone(),
        ));
    }
    // A capital stands for its government ("Baghdad said"), but not in a dateline
    // ("BAGHDAD, Feb 8 -", "BAMAKO -") nor when a US state follows ("San Jose,
    // Calif.": another city of that name).
    let r = &c.toks;
    let after = doc.word(r.end);
    let line_start = r.start == 0 || !doc.same_line(r.start - 1);
    // "BAMAKO - Militants …", "KYIV (Reuters) -": a dateline too.
    if k.capital_of.is_some() && line_start && matches!(after, "-" | "–" | "—" | "(") {
        k.capital_of = None;
    }
    if k.capital_of.is_some() && after == "," {
        if let Some(state) = lex.state(doc.word(r.end + 1)) {
            k.capital_of = None;
            let city = k
                .canonical
                .take()
                .unwrap_or_else(|| text_of(doc, r).to_string());
            k.canonical = Some(format!("{city}, {state}"));
        } else if line_start {
            k.capital_of = None;
        }
    }
    Some(vec![k])
}

/// The text from the first to the last token of `r`.
fn text_of<'t>(doc: &Doc<'t>, r: &Range<usize>) -> &'t str {
    match (
        doc.toks.get(r.start),
        r.end.checked_sub(1).and_then(|e| doc.toks.get(e)),
    ) {
        (Some(a), Some(b)) => doc.text.get(a.span.start..b.span.end).unwrap_or(""),
        _ => "",
    }
}

/// The US state an abbreviation after a comma stands for: "Trenton, N.J.",
/// "SAN JOSE, Calif." (not "Mass" or "Miss" elsewhere).
fn rule_state(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    let after_comma = r.start > 0 && doc.word(r.start - 1) == ",";
    let state = lex.state(text_of(doc, &r)).filter(|_| after_comma)?;
    Some(vec![Cand {
        canonical: Some(state.to_string()),
        ..Cand::new(r, ActorKind::Place)
    }])
}

/// "D-Conn.", "R-Texas": a lawmaker's party and state, not an actor.
fn rule_party_tag(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let text = text_of(doc, &c.toks);
    let (party, state) = text.split_once('-')?;
    let is_state = lex.state(state).is_some()
        || lex
            .entry(state)
            .is_some_and(|e| e.kind == ActorKind::Place && !e.country && !e.demonym);
    (matches!(party, "D" | "R" | "I") && is_state).then(Vec::new)
}

/// "<IBM>", "<INMR.HE>", "(NOKIA.HE)": an exchange ticker, not a name: a code in
/// angle brackets, and the exchange suffix after a code in either kind of bracket.
fn rule_ticker(doc: &Doc, _: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    let code = |i: usize| {
        let w = doc.word(i);
        !w.is_empty()
            && w.len() <= 8
            && w.chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '.')
    };
    let suffix = |i: usize| {
        let w = doc.word(i);
        (1..=3).contains(&w.len()) && w.chars().all(|ch| ch.is_ascii_uppercase())
    };
    let attached = |a: usize, b: usize| (a..b).all(|k| doc.attached(k));
    let closes = |open: usize, i: usize| match doc.word(open) {
        "<" => doc.word(i) == ">",
        "(" => doc.word(i) == ")",
        _ => false,
    };
    // `<`/`(` at `open`, a code, `.` and an exchange suffix, `>`/`)`: "<INMR.HE>".
    let with_suffix = |open: usize| {
        code(open + 1)
            && doc.word(open + 2) == "."
            && suffix(open + 3)
            && closes(open, open + 4)
            && attached(open, open + 4)
    };
    // `<` at `open`, a code, `>` (or a dot ending the sentence): "<IBM>".
    let bare = |open: usize| {
        doc.word(open) == "<"
            && code(open + 1)
            && (closes(open, open + 2) || doc.word(open + 2) == "." && !suffix(open + 3))
            && attached(open, open + 1)
    };
    // The code in angle brackets, or the exchange suffix after a code. A code in
    // round brackets stays: after a company's name it is its short name ("British
    // Petroleum Co PLC (BP.L)" … "BP shares").
    let found = r.len() == 1
        && (r
            .start
            .checked_sub(1)
            .is_some_and(|o| doc.word(o) == "<" && (bare(o) || with_suffix(o)))
            || r.start.checked_sub(3).is_some_and(with_suffix));
    found.then(Vec::new)
}

/// "B", "T.": one letter names nobody (initials belong to a name next to them).
fn rule_single_letter(doc: &Doc, _: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let word = text_of(doc, &c.toks).trim_end_matches('.');
    (word.chars().count() == 1).then(Vec::new)
}

fn rule_titled(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let name = titled_name(doc, lex, c.toks.clone())?;
    Some(person_with_role(
        doc,
        lex,
        c.toks.start,
        name,
        c.nickname.clone(),
    ))
}

fn rule_leading_title(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let rest = after_leading_title(doc, lex, c.toks.clone())?;
    Some(classify_part(doc, lex, rest))
}

/// "Prime Minister", "PM": titles name nobody.
fn rule_titles_only(doc: &Doc, _: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let all = c.toks.clone().all(|i| {
        (doc.title(i).is_some() && doc.keyword(i).is_none())
            || CONNECTORS.contains(&lower(doc.word(i)).as_ref())
    });
    let lead = c.toks.clone().any(|i| doc.title(i) == Some(Title::Lead));
    (all && lead).then(Vec::new)
}

/// "Airbus A380", "Boeing 787": a model name ends in a number; no actor. Nor is
/// a name joined by a hyphen to a number ("Tu-95 bombers", "Kh-101 missiles").
fn rule_product(doc: &Doc, _: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let end = c.toks.end;
    let last = doc.word(end - 1);
    let model = c.toks.len() > 1 && last.chars().any(|ch| ch.is_ascii_digit());
    let numbered = doc
        .toks
        .get(end - 1)
        .and_then(|t| doc.text.get(t.span.end..))
        .and_then(|rest| rest.strip_prefix(['-', '‑']))
        .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_ascii_digit()));
    (model || numbered).then(|| vec![Cand::new(c.toks.clone(), ActorKind::Other)])
}

fn rule_keyword(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    // "Doris Day", "Frank Church", "Margaret Court": a given name and a keyword that
    // is a surname too name a person, for the rules after this one to tell.
    if r.len() == 2
        && lex.is_first_name(doc.word(r.start))
        && lex.entry(doc.word(r.start)).is_none()
        && lex.is_surname(doc.word(r.start + 1))
    {
        return None;
    }
    // So do a given name and a keyword with a role in apposition ("Jim Press,
    // Chrysler's vice chairman, …"), and a surname before a romanised given name of
    // syllables ("Park Ji-hoon").
    let given_then_role = r.len() == 2
        && lex.is_first_name(doc.word(r.start))
        && lex.entry(doc.word(r.start)).is_none()
        && apposition(doc, lex, r.end).is_some();
    let syllables = |w: &str| w.split('-').all(|p| lex.is_syllable(&lower(p)));
    let east_asian = r.len() == 2
        && lex.is_surname(doc.word(r.start))
        && doc.word(r.end - 1).contains('-')
        && syllables(doc.word(r.end - 1));
    let keyword = r.clone().any(|i| doc.keyword(i).is_some());
    if keyword && given_then_role || east_asian {
        return Some(person_with_role(doc, lex, r.start, r, c.nickname.clone()));
    }
    if lex.opens.contains(lower(doc.word(r.start)).as_ref()) && r.len() > 1 {
        return Some(vec![Cand::new(r, ActorKind::Other)]);
    }
    let mut cand = by_keyword(doc, r.clone())?;
    // A branch of an armed group named for its region is the group's ("Islamic State
    // West Africa Province").
    let group_first = (r.start + 1..r.end)
        .any(|e| known(doc, lex, r.start..e).is_some_and(|k| k.kind == ActorKind::Group));
    // An army that is not a state's is an armed group ("Arakan Army", "Kachin
    // Independence Army"); "Sudanese Army", "Pakistan Army" are the state's.
    let first = match COMPASS.contains(&lower(doc.word(r.start)).as_ref()) {
        true => r.start + 1,
        false => r.start,
    };
    let state_army = r.end - first == 2
        && lex
            .entry(doc.word(first))
            .is_some_and(|e| e.country || e.demonym);
    let rebel_army = r.len() > 1
        && lower(doc.word(r.end - 1)) == "army"
        && cand.kind == ActorKind::Organization
        && !state_army;
    if (group_first && cand.kind == ActorKind::Place) || rebel_army {
        cand.kind = ActorKind::Group;
    }
    // A state's forces are the state's: "Sudanese Armed Forces", "Israel Defense
    // Forces", "Iraqi Security Forces" (but "Syrian Democratic Forces" is a group).
    let state_forces = r.end - first == 3
        && lex
            .entry(doc.word(first))
            .is_some_and(|e| e.country || e.demonym)
        && ["armed", "defense", "defence", "security"]
            .contains(&lower(doc.word(first + 1)).as_ref())
        && lower(doc.word(r.end - 1)) == "forces";
    if state_forces {
        cand.kind = ActorKind::Organization;
    }
    Some(vec![cand])
}

/// "Fano militia", "M23 rebels": an unknown name before a lower-case word for armed
/// men is that armed group; so is one an apposition calls armed ("…, an insurgent
/// group").
fn rule_group_context(doc: &Doc, _: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let next = doc.word(c.toks.end);
    // "Nicaraguan rebels", "Congolese militias": a people's, not a group's name.
    let demonym_like = c.toks.len() == 1
        && ["an", "ian", "ese", "ish"]
            .iter()
            .any(|suffix| doc.word(c.toks.start).ends_with(suffix));
    let before_men = next.starts_with(char::is_lowercase) && ARMED_MEN.contains(&next);
    // "Barisan Revolusi Nasional, an insurgent group": an apposition that says so.
    let said_armed = next == ","
        && matches!(lower(doc.word(c.toks.end + 1)).as_ref(), "a" | "an" | "the")
        && (c.toks.end + 2..c.toks.end + 5)
            .any(|i| ARMED_KINDS.contains(&lower(doc.word(i)).as_ref()));
    (doc.same_line(c.toks.end - 1) && (before_men || said_armed) && !demonym_like)
        .then(|| vec![Cand::new(c.toks.clone(), ActorKind::Group)])
}

/// Words of an apposition that makes a name an armed group ("…, a rebel militia").
const ARMED_KINDS: &[&str] = &[
    "insurgent",
    "rebel",
    "militant",
    "armed",
    "jihadist",
    "separatist",
    "paramilitary",
    "guerrilla",
    "militia",
    "insurgency",
];

/// Lower-case words for the members of an armed group.
const ARMED_MEN: &[&str] = &[
    "militia",
    "militias",
    "militiamen",
    "rebels",
    "rebel",
    "fighters",
    "insurgents",
    "militants",
    "guerrillas",
    "guerrilla",
    "jihadists",
    "paramilitaries",
    "paramilitary",
    "gunmen",
    "separatists",
];

/// "deputy spokesman Vedant Patel": a plain name after a lower-case title.
fn rule_role_before(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    // An acronym opens a body's name, not a person's ("state broadcaster ORTM",
    // "broadcaster BBC Sport"); initials have their dots ("J.R. Ewing").
    let acronym = doc.toks.get(r.start).is_some_and(|t| t.upper)
        && doc.word(r.start).chars().nth(1).is_some()
        && !doc.word(r.start).contains('.');
    (!acronym && plain_name(doc, lex, r.clone()) && role_start(doc, lex, r.start) < r.start)
        .then(|| person_with_role(doc, lex, r.start, r, c.nickname.clone()))
}

/// "Kurdish Peshmerga": the demonym, then the rest on its own. A demonym before
/// capitalised common words is one body's name: "Georgian Dream", "Nigerian
/// Breweries", "American Express" (the words would be in lower case otherwise).
fn rule_leading_demonym(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    let first = known(doc, lex, r.start..r.start + 1).filter(|k| k.demonym)?;
    let named = r.len() <= 4
        && (r.start + 1..r.end).all(|k| {
            let w = doc.word(k);
            doc.toks.get(k).is_some_and(|t| t.cap && !t.upper)
                && lex.is_common_word(w)
                && doc.title(k).is_none()
                && !lex.is_surname(w)
        });
    if named {
        return Some(vec![Cand {
            guess: true,
            ..Cand::new(r, ActorKind::Organization)
        }]);
    }
    let mut out = vec![first];
    out.extend(classify_part(doc, lex, r.start + 1..r.end));
    Some(out)
}

/// "UK RAF": a country, then an unknown acronym.
fn rule_country_acronym(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    let first = lex.entry(doc.word(r.start)).filter(|e| e.country)?;
    let country = known(doc, lex, r.start..r.start + 1).filter(|_| first.country)?;
    let acronym =
        r.len() == 2 && doc.toks[r.start + 1].upper && lex.entry(doc.word(r.start + 1)).is_none();
    acronym.then(|| {
        vec![
            country,
            Cand {
                guess: true,
                ..Cand::new(r.start + 1..r.end, ActorKind::Organization)
            },
        ]
    })
}

fn rule_all_known(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    // "George Bush" is a given name and a surname before two towns (George, South
    // Africa; Bush, Egypt).
    let r = c.toks.clone();
    let person = || {
        r.len() == 2
            && lex.is_first_name(doc.word(r.start))
            && town_surname(lex, doc.word(r.end - 1))
    };
    (all_known(doc, lex, r.clone()) && !person()).then(|| split_known(doc, lex, r.clone()))
}

/// A surname that the lists also know as a town or region only (no country, capital
/// or people): "Bush", "Jackson", "Lincoln". After a title or a given name it is the
/// person.
pub(crate) fn town_surname(lex: &Lexicon, word: &str) -> bool {
    lex.is_surname(word)
        && lex.entry(word).is_some_and(|e| {
            e.kind == ActorKind::Place && !e.country && !e.demonym && e.capital_of.is_none()
        })
}

fn rule_given_name(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    looks_like_person(doc, lex, c.toks.clone()).then(|| {
        vec![Cand {
            nickname: c.nickname.clone(),
            ..Cand::new(c.toks.clone(), ActorKind::Person)
        }]
    })
}

/// "Rahim Saleh, the ministry spokesman": a plain name with a role after it.
fn rule_apposition(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    (plain_name(doc, lex, r.clone()) && apposition(doc, lex, r.end).is_some())
        .then(|| person_with_role(doc, lex, r.start, r, c.nickname.clone()))
}

/// A name that a settlement word or its people govern ("the village of [Ed
/// Damazin]", "residents of [Umm Rawaba]"), or that people were moved out of
/// ([`removed_from`]): a place even when it starts like a person's name.
fn rule_settlement(doc: &Doc, _: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    let before = lower(doc.word(r.start.wrapping_sub(1)));
    let before2 = lower(doc.word(r.start.wrapping_sub(2)));
    let settled = before == "of" && PEOPLED.contains(&before2.as_ref());
    (settled || removed_from(doc, r.clone()) || named_as_place(doc, r.clone()))
        .then(|| vec![Cand::new(r, ActorKind::Place)])
}

/// Whether token `i` is a lower-case word for a kind of place (a place keyword,
/// also in the plural: "the Frankwell and Coleham neighbourhoods").
fn place_noun(doc: &Doc, i: usize) -> bool {
    let lower_word = doc.toks.get(i).is_some_and(|t| t.word && !t.cap);
    let w = doc.word(i);
    lower_word
        && (doc.keyword(i) == Some(ActorKind::Place)
            || PLACE_NOUNS.contains(&w)
            || w.strip_suffix('s').is_some_and(|one| {
                PEOPLED.contains(&one)
                    || AREAS.contains(&one)
                    || PLACE_NOUNS.contains(&one)
                    || PLURAL_PLACES.contains(&one)
            }))
}

/// Place keywords that name places also in the plural, after two names ("the Wollo
/// and Illubabor regions"); not those a firm or a kind of country has several of
/// ("Ford plants", "Southern states").
const PLURAL_PLACES: &[&str] = &[
    "region", "province", "river", "port", "basin", "valley", "lake", "county", "island", "camp",
];

/// Lower-case nouns for places besides the place keywords (those name places when
/// capitalised too: "Kruger Park"), singular (and "marshes", which dropping an "s"
/// does not make singular); the keywords ("village", "camp") are place nouns already.
const PLACE_NOUNS: &[&str] = &[
    "crossing",
    "volcano",
    "crater",
    "glacier",
    "plateau",
    "hills",
    "neighbourhood",
    "neighborhood",
    "settlement",
    "area",
    // Divisions named in news from Indonesia, the former Soviet Union, France and West
    // Africa, the Philippines, South Asia and Ethiopia ("in Yahukimo regency"), and
    // land ("near the Liguasan marsh"); lower case only, after the name: capitalised,
    // they name firms and hotels ("Regency Cruises").
    "regency",
    "raion",
    "commune",
    "barangay",
    "tehsil",
    "upazila",
    "woreda",
    "kebele",
    "marsh",
    "marshes",
    "cave",
    "meadow",
];

/// A name that a lower-case word for a kind of place follows after a determiner or
/// a preposition ("the Abu Shouk neighbourhood", "at the Adré border crossing", "at
/// Dadar station" is not: a station may be a broadcaster), or that an apposition
/// calls one ("Bunagana, a town the M23 has held", "Kutupalong, the world's largest
/// refugee settlement"): a place, even when it starts like a person's name.
fn named_as_place(doc: &Doc, r: Range<usize>) -> bool {
    let before = lower(doc.word(r.start.wrapping_sub(1)));
    let introduced = matches!(
        before.as_ref(),
        "the"
            | "in"
            | "at"
            | "near"
            | "from"
            | "to"
            | "toward"
            | "towards"
            | "around"
            | "and"
            | "or"
    );
    // "the Mae Sot and Moreh crossings": the noun after the last name of the two.
    let noun_at = match doc.word(r.end) {
        "and" | "or" => (r.end + 1..r.end + 4)
            .find(|&k| !doc.toks.get(k).is_some_and(|t| t.cap))
            .unwrap_or(r.end),
        _ => r.end,
    };
    // Right after the name, on its line; one modifier may come between ("border
    // crossing", "refugee camp"), not a preposition ("the Bundesbank at state level").
    let word_at = |k: usize| {
        doc.same_line(k.saturating_sub(1))
            && doc.toks.get(k).is_some_and(|t| t.word && !t.cap)
            && !APPOSITION_ENDS.contains(&doc.word(k))
    };
    // The noun ends its phrase ("the PPG area manager" is a firm's), and a modifier
    // is no verb ("Jenrette provided bridge financing").
    let ends = |k: usize| {
        let next = doc.word(k + 1);
        !doc.toks.get(k + 1).is_some_and(|t| t.word && !t.cap)
            || APPOSITION_ENDS.contains(&next)
            || AFTER_PLACE.contains(&next)
            || matches!(next, "a" | "an" | "the")
    };
    let modifier = |k: usize| {
        let w = doc.word(k);
        word_at(k) && !w.ends_with("ed") && !w.ends_with("ing") && !w.ends_with("ly")
    };
    let followed = word_at(noun_at)
        && !doc.attached(noun_at - 1)
        && (place_noun(doc, noun_at) && ends(noun_at)
            || modifier(noun_at)
                && word_at(noun_at + 1)
                && place_noun(doc, noun_at + 1)
                && ends(noun_at + 1));
    if introduced && followed {
        return true;
    }
    // The apposition: ", a" or ", the", then lower-case words up to the first that
    // ends the noun phrase; a possessor ("the world's") is passed over. A place
    // noun in it makes a place, unless a body's or a person's word is there too
    // ("Hydro Congo, the state oil company", "a lawyer from …").
    if doc.word(r.end) != "," || !matches!(doc.word(r.end + 1), "a" | "an" | "the") {
        return false;
    }
    let mut k = r.end + 2;
    let end = k + 6;
    let mut place = false;
    while k < end && word_at(k) {
        if doc.possessive_s(k) {
            k += 3;
            continue;
        }
        place |= place_noun(doc, k);
        if doc.keyword(k).is_some_and(|kind| kind != ActorKind::Place) || doc.title(k).is_some() {
            return false;
        }
        k += 1;
    }
    place
}

/// Words that end the noun phrase of an apposition.
const APPOSITION_ENDS: &[&str] = &[
    "that", "which", "who", "whose", "where", "of", "in", "on", "at", "for", "with", "from", "by",
    "to", "and", "or",
];

/// A body by the words around it, even when named like a person: the employer of a
/// lower-case role ("an analyst at [Morgan Stanley]", "economists with [Dean
/// Witter]"), a name after a lower-case word for a firm ("the brokerage firm
/// [Merrill Lynch]") or before a role only firms have ("[Morgan Stanley] analyst
/// Walter Loeb").
fn rule_employer(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    let lead = |w: &str| lex.title(w) == Some(Title::Lead);
    let lower_word = |i: usize| {
        let w = doc.word(i);
        (w.starts_with(char::is_lowercase) && doc.toks.get(i).is_some_and(|t| t.word))
            .then(|| lower(w))
    };
    let employed = || {
        r.start.checked_sub(2).is_some_and(|at| {
            matches!(lower(doc.word(at + 1)).as_ref(), "at" | "with")
                && doc.same_line(at)
                && lower_word(at)
                    .is_some_and(|role| lead(&role) || role.strip_suffix('s').is_some_and(lead))
        })
    };
    let firm_before = || {
        r.start.checked_sub(1).is_some_and(|at| {
            doc.same_line(at) && lower_word(at).is_some_and(|w| FIRMS.contains(&w.as_ref()))
        })
    };
    // Not a people's name ("West German analysts").
    let firm_role_after = || {
        doc.same_line(r.end - 1)
            && lower_word(r.end).is_some_and(|w| FIRM_ROLES.contains(&w.as_ref()))
            && !lex.entry(doc.word(r.end - 1)).is_some_and(|e| e.demonym)
    };
    (employed() || firm_before() || firm_role_after())
        .then(|| vec![Cand::new(r.clone(), ActorKind::Organization)])
}

/// Lower-case words for a firm that name it when they stand before its name ("the
/// brokerage firm Merrill Lynch", "the carmaker Proton"); a listed name keeps its
/// own kind (the known-name rule comes first). Not words a person can be too
/// ("publisher Robert Maxwell", "film maker …").
const FIRMS: &[&str] = &[
    "firm",
    "company",
    "brokerage",
    "bank",
    "carmaker",
    "automaker",
    "insurer",
    "lender",
    "airline",
    "retailer",
    "conglomerate",
    "manufacturer",
    "utility",
    "subsidiary",
];

/// Roles that only a firm has, after its name ("Morgan Stanley analyst Walter
/// Loeb"); a person has spokesmen and aides too ("Biden spokesman").
const FIRM_ROLES: &[&str] = &[
    "analyst",
    "analysts",
    "economist",
    "economists",
    "strategist",
    "strategists",
    "trader",
    "traders",
    "dealer",
    "dealers",
    "broker",
    "brokers",
    "banker",
    "bankers",
    "shareholders",
    "stockholders",
];

/// Words whose "of" names a settlement or another place and nothing else ("the village
/// of Umm Batna", "the outskirts of Raqqa", "residents of …", "the port of Balao",
/// "the island of Luzon"); [`AREAS`] add parts of places.
pub(super) const PEOPLED: &[&str] = &[
    "outskirts",
    "village",
    "villages",
    "town",
    "towns",
    "city",
    "hamlet",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "district",
    "province",
    "governorate",
    "municipality",
    "residents",
    "inhabitants",
    "villagers",
    "region",
    "island",
    "port",
    "exclave",
    "enclave",
    "resort",
    "forests",
    "hills",
    "valley",
    "coast",
];

/// "near Tikrit", "in Jenin", "North Kivu", "Cupertino, California", "Heathrow
/// airport": a place.
fn rule_place_context(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    let r = c.toks.clone();
    // "Name, Country" locates a town; "Name, Country's largest union" is an
    // apposition about a body, unless it speaks of a place ("Java, Indonesia's most
    // populous island") or names the next of a list ("Wimborne, UK's Cobham").
    let about = r.end + 4..r.end + 8;
    let possessive = doc.possessive_s(r.end + 1)
        && doc.word(about.start).starts_with(char::is_lowercase)
        && !about
            .take_while(|&i| doc.word(i).starts_with(char::is_lowercase))
            .any(|i| doc.keyword(i) == Some(ActorKind::Place) || AREAS.contains(&doc.word(i)));
    let place = located(doc, r.clone())
        || (doc.word(r.end) == ","
            && !possessive
            && (known(doc, lex, r.end + 1..r.end + 2)
                .is_some_and(|k| k.kind == ActorKind::Place && !k.demonym)
                || lex.state(doc.word(r.end + 1)).is_some()))
        || (doc.word(r.end).starts_with(char::is_lowercase)
            && doc.keyword(r.end) == Some(ActorKind::Place))
        // "Durán Mayor Luis Chonillo", "the Kupiansk mayor": a town's, not a party's
        // ("Democratic Mayor Bill de Blasio").
        || (lower(doc.word(r.end)) == "mayor"
            && !(r.len() == 1 && PARTY_WORDS.contains(&lower(doc.word(r.start)).as_ref())))
        || (doc.word(r.end) == ","
            && doc.word(r.end + 1) == "where"
            && where_place(doc, r.clone()));
    place.then(|| vec![Cand::new(r, ActorKind::Place)])
}

/// "Kyaukphyu, where China is building a port": an unknown name before ", where" is a
/// place, but not a body one works at, with, for or under ("At Ford, where …", "a
/// position with IBM, where …", "moved to Halvorsen, where he ran the bond desk"), one
/// holding a stake ("a stake in Halvorsen, where …"), an acronym ("New York's COMEX,
/// where …"), nor the second of two names ("At CBS and ABC, where …"), whose first
/// tells.
fn where_place(doc: &Doc, r: Range<usize>) -> bool {
    let before = lower(doc.word(r.start.wrapping_sub(1)));
    let before2 = lower(doc.word(r.start.wrapping_sub(2)));
    let acronym = r.clone().any(|i| doc.toks.get(i).is_some_and(|t| t.upper));
    let body = matches!(
        before.as_ref(),
        "at" | "with" | "for" | "joined" | "by" | "and" | "or" | "to" | "left" | "under"
    );
    let holding = before == "in" && HOLDINGS.contains(&before2.as_ref());
    !(acronym || body || holding)
}

/// Anything else is guessed to be an organization, or a place when it is a town's
/// name ([`Lexicon::is_town`]); coreference may still make it a person ("Dillon"
/// after "Ryan Dillon").
fn rule_guess(doc: &Doc, lex: &Lexicon, c: &Chunk) -> Option<Vec<Cand>> {
    if explained_acronym(doc, c.toks.clone()) {
        return Some(Vec::new());
    }
    // Acronyms ("IRNA said he …" reports another's words) and common nouns
    // ("Exporters said …") are not a person's name.
    let name_like = c.toks.clone().all(|i| {
        let acronym = doc.toks.get(i).is_some_and(|t| t.upper) && doc.word(i).len() > 1;
        !acronym && !doc.seen_lower(doc.word(i))
    });
    let person = spoken_of_as_person(doc, lex, c.toks.end)
        || said_after_apposition(doc, lex, c.toks.clone())
        || of_a_body(doc, lex, c.toks.clone())
        || quoted_speaker(doc, lex, c.toks.clone())
        || kin_of(doc, lex, c.toks.start)
        || role_then_comma(doc, lex, c.toks.start);
    // A name that no cue makes a person's is a body's, unless it is a town's
    // ("patients were moved to Hinche") that does not speak ("Warburg said", "WARBURG
    // SAID"), trade ("Honda <HMC>") nor sell shares ("a stake in Pontiac", "shares of
    // Rio Tinto"). Not "at" a town, which is a place in most news ("the refinery at
    // Grangemouth") as well as a firm's ("analysts at Goodyear").
    let next = doc.word(c.toks.end);
    let before = lower(doc.word(c.toks.start.wrapping_sub(1)));
    let before2 = lower(doc.word(c.toks.start.wrapping_sub(2)));
    let acts = lex.speech.contains(lower(next).as_ref())
        || next == "<"
        || (matches!(before.as_ref(), "in" | "of") && HOLDINGS.contains(&before2.as_ref()))
        || (before == "of" && matches!(before2.as_ref(), "stock" | "unit"));
    let kind = if name_like && person {
        ActorKind::Person
    } else if name_like && !acts && lex.is_town(&joined(doc, c.toks.clone())) {
        ActorKind::Place
    } else {
        ActorKind::Organization
    };
    Some(vec![Cand {
        guess: true,
        ..Cand::new(c.toks.clone(), kind)
    }])
}

/// A lower-case role or noun for a person after a determiner or possessive, and a
/// comma, right before the name ("the central bank's governor, Chukwuma Soludo,
/// said", "their spokesman, …", "a 64-year-old woman, …", "their son, …"): a person.
/// Not a lawyer or an adviser, which may be a firm ("its financial adviser, Smith
/// Barney"), nor a role that is itself in apposition
/// ("Harold Bjarnason, assistant deputy minister, Agriculture Canada").
fn role_then_comma(doc: &Doc, lex: &Lexicon, start: usize) -> bool {
    // ("s": the tokenizer splits "the bank's" into "bank", "'", "s".)
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "its", "their", "his", "her", "our", "whose", "s",
    ];
    let Some(role) = start.checked_sub(2) else {
        return false;
    };
    let role_word = doc.word(role);
    // A title, a noun for a person or kin ("a 64-year-old woman,", "his son,"), or
    // two titles that end in a part ("its director general,").
    let titled = doc.title(role) == Some(Title::Lead)
        || lex.cues.person.contains(role_word)
        || persons_relation(lex, role_word)
        || (doc.title(role) == Some(Title::Part)
            && role
                .checked_sub(1)
                .is_some_and(|r| doc.title(r) == Some(Title::Lead)));
    let is_role = doc.word(role + 1) == ","
        && doc.same_line(role)
        && role_word.starts_with(char::is_lowercase)
        && titled
        && !role_word.starts_with("advis");
    // Back over the role's lower-case words ("deputy finance minister") to its
    // determiner, or to the name of the body it is a role in ("the Central Bank of
    // Nigeria governor, …").
    let determined = (1..=4).any(|k| {
        role.checked_sub(k).is_some_and(|i| {
            let named =
                doc.toks.get(i).is_some_and(|t| t.cap) && doc.uncertain.get(i) == Some(&false);
            (named || DETERMINERS.contains(&lower(doc.word(i)).as_ref()))
                && (i + 1..role).all(|j| {
                    // Lower-case words or ages ("64-year-old"), not punctuation.
                    doc.toks.get(j).is_some_and(|t| t.word)
                        && !doc.word(j).starts_with(char::is_uppercase)
                })
        })
    });
    is_role && determined
}

/// The words after a name speak of a person: a verb of saying and "he" or "she"
/// ("Trump said he would …", "told reporters she"), ", who" ("Sonko, who …"), or an
/// age or a role in apposition ("Tadesse Werede, 52, …", ", a 45-year-old
/// shopkeeper", ", the head of the interim administration,"). A body says "it".
fn spoken_of_as_person(doc: &Doc, lex: &Lexicon, end: usize) -> bool {
    let said_he = says_he(doc, lex, end);
    // "Imamoglu's lawyers", "Sonko's wife": what only a person has.
    let owned = doc.word(end + 2);
    let owns = end > 0
        && doc.possessive_s(end - 1)
        && (lex.cues.relation.contains(owned) || lex.cues.owned.contains(owned));
    said_he
        || doc.who_after(end)
        || described_as_person(doc, lex, end)
        || owns
        || lives(doc, lex, end)
}

/// A verb of saying at `verb` and "he" or "she" a few words on, on the line ("said
/// he", "told reporters he", "said on Monday she").
fn says_he(doc: &Doc, lex: &Lexicon, verb: usize) -> bool {
    doc.same_line(verb.wrapping_sub(1))
        && lex.speech.contains(doc.word(verb))
        && (verb + 1..verb + 5)
            .take_while(|&k| doc.same_line(k - 1) && doc.toks.get(k).is_some_and(|t| t.word))
            .any(|k| matches!(doc.word(k), "he" | "she"))
}

/// A name that opens its clause, an apposition that describes it without naming a
/// body, and a verb of saying with "he" or "she" ("Sinner, the world number one from
/// Italy, said he …"). Not a name after a preposition: "an official with [Amtorg], a
/// Soviet trading organization, told Reuters he" speaks of the official.
fn said_after_apposition(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> bool {
    let opens = r
        .start
        .checked_sub(1)
        .is_none_or(|p| !doc.word(p).starts_with(char::is_lowercase));
    if !opens || doc.word(r.end) != "," || !matches!(doc.word(r.end + 1), "the" | "a" | "an") {
        return false;
    }
    // The apposition closes with a comma within a dozen words on the line.
    let Some(close) = (r.end + 2..r.end + 14)
        .take_while(|&k| doc.same_line(k - 1) && !matches!(doc.word(k), "." | ";" | "(" | ")"))
        .find(|&k| doc.word(k) == ",")
    else {
        return false;
    };
    (r.end + 2..close).all(|k| doc.keyword(k).is_none()) && says_he(doc, lex, close + 1)
}

/// A name of two or three words, none a common word or keyword, then "of" and a
/// body named with an organization keyword: the body's member or employee ("Nkechi
/// Obi of the Lagos Chamber of Commerce said"). A firm "of" something is mostly of a
/// place ("Kleinwort Benson of London", "Barnett Banks of Florida Inc"), and a unit
/// of a firm has a keyword of its own ("Chevron Chemical of Chevron Corp"). Not a
/// name with a known word ("Toronto Argonauts of the Canadian Football League").
fn of_a_body(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> bool {
    let plain = |k: usize| {
        doc.toks.get(k).is_some_and(|t| t.word && t.cap && !t.upper) && unknown_word(doc, lex, k)
    };
    if !(2..=3).contains(&r.len()) || !r.clone().all(plain) || doc.word(r.end) != "of" {
        return false;
    }
    let the = doc.word(r.end + 1) == "the";
    let first = r.end + 1 + usize::from(the);
    // "Barnett Banks of Florida Inc": a place right after "of" goes on the firm's own
    // name ("of the Lagos Chamber of Commerce" names another body).
    if !the && lex.entry(doc.word(first)).is_some() {
        return false;
    }
    // The body's name: capitalised words and the links inside one, on the line.
    (first..first + 8)
        .take_while(|&k| {
            doc.same_line(k - 1)
                && (doc.toks.get(k).is_some_and(|t| t.cap)
                    || matches!(doc.word(k), "of" | "for" | "and" | "de" | "&"))
        })
        .any(|k| {
            doc.toks.get(k).is_some_and(|t| t.cap)
                && matches!(
                    doc.keyword(k),
                    Some(ActorKind::Organization | ActorKind::Group)
                )
        })
}

/// Whether a verb of a life (person_cues.tsv `life`: "died") or "was" and a
/// participle of one (`passive`: "sworn") follows the name that ends at `end`, on
/// its line.
fn lives(doc: &Doc, lex: &Lexicon, end: usize) -> bool {
    if !doc.same_line(end.wrapping_sub(1)) {
        return false;
    }
    let next = doc.word(end);
    lex.cues.life.contains(next)
        || (next == "was" && doc.same_line(end) && lex.cues.passive.contains(doc.word(end + 1)))
        || (next == "told" && matches!(doc.word(end + 1), "reporters" | "journalists"))
}

/// A name of several words, none a common word or known name, right after a
/// quotation and before a verb of saying (`"We will not stop," Olusegun Bankole
/// said`) or right after the quotation and the verb (`"…," said Ruqayya Bichi of
/// …`). Bodies are quoted so too, but mostly by names with a keyword, a common or a
/// known word ("Amnesty International said", "Showa Shell said").
fn quoted_speaker(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> bool {
    let closes = |k: usize| matches!(doc.word(k), "”" | "\"") && doc.word(k.wrapping_sub(1)) == ",";
    // The speaker before the verb ("…," Amina Yusuf said) or after it ("…," said
    // Ruqayya Bichi of …).
    let before = closes(r.start.wrapping_sub(1)) && lex.speech.contains(doc.word(r.end));
    // After the verb, the name ends its clause or names its body ("of", "from",
    // "at"), and holds no title: not "said Berliner Handels- und Frankfurter Bank
    // economist …", nor "said Airbus President and Chief Executive Officer, …".
    let after = lex.speech.contains(doc.word(r.start.wrapping_sub(1)))
        && closes(r.start.wrapping_sub(2))
        && matches!(doc.word(r.end), "," | "." | ";" | "of" | "from" | "at")
        && r.clone().all(|k| doc.title(k).is_none());
    (before || after)
        && r.len() >= 2
        && r.clone()
            .all(|k| doc.toks.get(k).is_some_and(|t| t.word && !t.upper))
        && r.clone().all(|k| unknown_word(doc, lex, k))
}

/// Token `k` is no common word, known name or keyword: a word only a name explains.
fn unknown_word(doc: &Doc, lex: &Lexicon, k: usize) -> bool {
    let w = doc.word(k);
    !lex.is_common_word(w) && lex.entry(w).is_none() && doc.keyword(k).is_none()
}

/// A word for kin or a relation (person_cues.tsv `relation`) that only a person has:
/// not "lawyer", which may be a firm ("its lawyer, Skadden Arps").
fn persons_relation(lex: &Lexicon, w: &str) -> bool {
    lex.cues.relation.contains(w) && w != "lawyer"
}

/// A name after "the daughter of", "the widow of", "a son of": only a person has
/// kin ("Paetongtarn Shinawatra, the daughter of [Thaksin Shinawatra]").
fn kin_of(doc: &Doc, lex: &Lexicon, start: usize) -> bool {
    let kin = doc.word(start.wrapping_sub(2));
    doc.word(start.wrapping_sub(1)) == "of"
        && (persons_relation(lex, kin) || lex.cues.kin.contains(kin))
}

/// An apposition after the name at `end` that describes a person: an age
/// (", 52,"), "-year-old", or a determiner and a role or a person noun that heads
/// it (", the head of the interim administration,", ", a former lawyer,", ", the
/// ministry's spokesman,"), or a body's head or leader without a determiner (",
/// head of the Socialist Party"; not ", head of the syndicate", a firm's place);
/// not a role that another name follows (", association chief executive Peter Pex").
fn described_as_person(doc: &Doc, lex: &Lexicon, end: usize) -> bool {
    if doc.word(end) != "," || !doc.same_line(end) {
        return false;
    }
    // Not a number with thousands ("Fearless, 31,841 tonnes").
    let age = doc
        .word(end + 1)
        .parse::<u8>()
        .is_ok_and(|n| (1..=120).contains(&n))
        && doc.word(end + 2) == ","
        && !doc.attached(end + 2);
    let year_old = doc
        .toks
        .get(end + 1)
        .and_then(|t| doc.text.get(t.span.start..))
        .and_then(|rest| rest.split([',', '.', ';', '\n']).next())
        .is_some_and(|clause| clause.len() < 40 && clause.contains("year-old"));
    if age || year_old {
        return true;
    }
    // ", head of the Socialist Party", ", leader of the opposition": a role of a body
    // that only a person holds, without a determiner.
    if BODY_ROLES.contains(&doc.word(end + 1)) && doc.word(end + 2) == "of" {
        // Not a firm at the head of others ("Kleinwort Benson, head of the syndicate").
        let body = match doc.word(end + 3) {
            "the" | "a" | "an" => doc.word(end + 4),
            w => w,
        };
        return !FIRMS_LED.contains(&body);
    }
    if !matches!(doc.word(end + 1), "the" | "a" | "an") {
        return false;
    }
    let role = |k: usize| {
        let w = doc.word(k);
        BODY_ROLES.contains(&w)
            || lex.cues.relation.contains(w)
            || lex.cues.person.contains(w)
            || doc.title(k) == Some(Title::Lead)
    };
    let in_phrase = |k: &usize| {
        doc.same_line(k - 1)
            && doc
                .toks
                .get(*k)
                .is_some_and(|t| t.word || matches!(doc.word(*k), "'" | "’"))
    };
    // ", a spokeswoman for Abbott said" reports someone else's words.
    let reported = (end + 2..end + 16)
        .take_while(|k| doc.same_line(k - 1) && !matches!(doc.word(*k), "," | "."))
        .any(|k| lex.speech.contains(doc.word(k)));
    !reported
        && (end + 2..end + 6)
            .take_while(in_phrase)
            .find(|&k| role(k))
            .is_some_and(|k| matches!(doc.word(k + 1), "of" | "for" | "at" | "in" | "," | "who"))
}

/// What a firm heads or leads, after ", head of the" or ", leader of the".
const FIRMS_LED: &[&str] = &[
    "syndicate",
    "consortium",
    "group",
    "banks",
    "lenders",
    "underwriters",
    "market",
    "industry",
    "sector",
    "pack",
    "field",
];

/// No title, keyword or known word: a name that may be a person's.
fn plain_name(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> bool {
    r.clone().all(|i| {
        doc.title(i).is_none()
            && doc.keyword(i).is_none()
            && (lex.entry(doc.word(i)).is_none()
                || i == r.start && r.len() > 1 && town_named_like_a_person(lex, doc.word(i)))
    })
}

/// A given name that is also a town's ("Hassan", "Ali"): after a role, before another
/// name, it opens a person's name ("Hezbollah leader Hassan Nasrallah"). Countries
/// and capitals do not.
fn town_named_like_a_person(lex: &Lexicon, word: &str) -> bool {
    lex.is_first_name(word)
        && lex.entry(word).is_some_and(|e| {
            e.kind == ActorKind::Place && !e.country && !e.demonym && e.capital_of.is_none()
        })
}

/// The text of tokens `r` joined by single spaces (the key of known names).
/// Borrowed from the text when single spaces already separate the tokens.
fn joined<'t>(doc: &Doc<'t>, r: Range<usize>) -> Cow<'t, str> {
    let spaced = (r.start..r.end.saturating_sub(1)).all(|i| doc.gap_after(i) == Some(" "));
    if spaced {
        Cow::Borrowed(text_of(doc, &r))
    } else {
        Cow::Owned(r.map(|i| doc.word(i)).collect::<Vec<_>>().join(" "))
    }
}

/// A known name covering exactly `r`.
fn known(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> Option<Cand> {
    let e = lex.entry(&joined(doc, r.clone()))?;
    Some(Cand {
        canonical: Some(e.canonical.clone()),
        capital_of: e.capital_of.clone(),
        demonym: e.demonym,
        town: e.kind == ActorKind::Place && !e.country && !e.demonym && e.capital_of.is_none(),
        ..Cand::new(r, e.kind)
    })
}

/// The name after the last title word of `r`, when it looks like a person's.
fn titled_name(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> Option<Range<usize>> {
    let t = (r.start..r.end.saturating_sub(1))
        .rev()
        .find(|&i| doc.title(i) == Some(Title::Lead))?;
    let name = strip_name(doc, lex, t + 1..r.end);
    // "General Electric", "Major League": a title that is also a common word, then
    // one word that is no one's name, is a body's name.
    let adjective = lex.titles.get(key(doc.word(t)).as_ref()) == Some(&Title::Adjective);
    let nobody = name.len() == 1
        && !lex.is_first_name(doc.word(name.start))
        && !lex.is_surname(doc.word(name.start));
    // "King World": a title, then one common English word (common_words.txt keeps
    // out the words that famous people's surnames are, "Bush", "Carter", "Young").
    // A courtesy title says a person follows ("Lord Plumb", "Mr Steel").
    let common = name.len() == 1
        && lex.is_common_word(doc.word(name.start))
        && !lex.is_courtesy(doc.word(t));
    if t == r.start && (adjective && nobody || common) {
        return None;
    }
    let ok = !name.is_empty()
        && name
            .clone()
            .all(|i| doc.keyword(i).is_none() && doc.title(i).is_none())
        && known(doc, lex, name.clone()).is_none_or(|c| {
            c.kind == ActorKind::Person
                || (name.len() == 1
                    && name.start == t + 1
                    && town_surname(lex, doc.word(name.start)))
        });
    ok.then_some(name)
}

/// Drops title parts, connectors and known names before a person's name, keeping at
/// least two tokens ("of Defense for Middle East Policy Daniel Shapiro" → "Daniel Shapiro").
fn strip_name(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> Range<usize> {
    let joins = |i: &usize| matches!(doc.word(*i), "of" | "for" | "to" | "the" | "and");
    let mut s = r.clone().rev().find(joins).map_or(r.start, |i| i + 1);
    let first = doc.word(s);
    let body = s > r.start
        && doc.title(s).is_none()
        && doc.keyword(s).is_none()
        && lex.entry(first).is_none()
        && doc.units.get(s).is_some_and(Option::is_none)
        && !lex.is_first_name(first);
    if body {
        // "Secretary … for Acquisition Marvin Sambur": a given name with a surname
        // after it opens the name; "CEO of Boeing Commercial Airplanes" has none.
        let given = (s + 1..r.end.saturating_sub(1)).find(|&k| {
            lex.is_first_name(doc.word(k))
                && (k + 1..r.end).all(|j| doc.keyword(j).is_none() && doc.title(j).is_none())
        });
        return given.map_or(r.end..r.end, |k| k..r.end);
    }
    while s < r.end {
        let w = doc.word(s);
        let unit_end = doc.units.get(s).and_then(|u| u.as_ref()).map(|(e, _)| *e);
        // A town named like a person opens the name ("President George W. Bush": George
        // is a South African city too).
        let known = doc.title(s).is_some()
            || doc.keyword(s).is_some()
            || lex.entry(w).is_some() && !town_named_like_a_person(lex, w);
        let last_title = r.end - s == 2 && doc.title(s).is_some() && !lex.is_first_name(w);
        if let Some(e) = unit_end.filter(|&e| e + 2 <= r.end) {
            s = e;
        } else if CONNECTORS.contains(&lower(w).as_ref()) || (r.end - s > 2 && known) || last_title
        {
            s += 1;
        } else {
            break;
        }
    }
    s..r.end
}

/// Pushes the person `name` with the role in front of it (and in an apposition after
/// it), plus the known bodies named inside the role.
fn person_with_role(
    doc: &Doc,
    lex: &Lexicon,
    chunk_start: usize,
    name: Range<usize>,
    nickname: Option<Range<usize>>,
) -> Vec<Cand> {
    let mut out = Vec::new();
    role_bodies(doc, lex, chunk_start..name.start, &mut out);
    let start = role_start(doc, lex, chunk_start);
    let before = byte_range(doc, start..name.start).filter(|r| !r.is_empty());
    let role = before
        .into_iter()
        .chain(apposition(doc, lex, name.end))
        .collect();
    // A listed person keeps the listed name ("President Felix Tshisekedi").
    let canonical = known(doc, lex, name.clone())
        .filter(|k| k.kind == ActorKind::Person)
        .and_then(|k| k.canonical);
    out.push(Cand {
        role,
        nickname,
        canonical,
        ..Cand::new(name, ActorKind::Person)
    });
    out
}

/// Byte range from the start of token `r.start` to the end of token `r.end - 1`.
pub(crate) fn byte_range(doc: &Doc, r: Range<usize>) -> Option<Range<usize>> {
    if r.is_empty() {
        return Some(0..0);
    }
    Some(doc.toks.get(r.start)?.span.start..doc.toks.get(r.end - 1)?.span.end)
}

/// Extends a role backwards over lower-case title words ("deputy spokesman"), a
/// possessive and the names before them ("State Department deputy spokesman").
fn role_start(doc: &Doc, lex: &Lexicon, start: usize) -> usize {
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let before = doc.word(start.wrapping_sub(1));
    if start == 0
        || !doc.same_line(start - 1)
        || !lower(before)
        || !(doc.title(start - 1) == Some(Title::Lead) || led_by(doc, lex, start - 1))
    {
        return start;
    }
    let mut s = start - 1;
    while s > 0 && doc.same_line(s - 1) {
        let w = doc.word(s - 1);
        let role_word =
            lower(w) && w != "s" && (doc.title(s - 1).is_some() || doc.keyword(s - 1).is_some());
        let possessive = (w == "s" || w == "’" || w == "'") && doc.attached(s - 2);
        if role_word || possessive || doc.is_name(s - 1, lex) {
            s -= 1;
        } else {
            break;
        }
    }
    s
}

/// Role nouns that are common words alone ("the leader said") but a title between
/// a body and a name ("Hezbollah leader Hassan Nasrallah", "police chief Ali Musa").
pub(crate) const BODY_ROLES: &[&str] = &["leader", "chief", "head", "official", "officer"];

/// Lower-case words that name a side before [`BODY_ROLES`] ("opposition leader").
pub(crate) const SIDES: &[&str] = &[
    "opposition",
    "rebel",
    "rebels",
    "militia",
    "party",
    "police",
    "army",
    "military",
    "movement",
    "separatist",
    "insurgent",
    "tribal",
    "community",
    "union",
    "faction",
    "group",
    "gang",
    "cartel",
    "clan",
    "junta",
    "jihadist",
    "resistance",
];

/// Whether token `i` is one of [`BODY_ROLES`] after a name, a keyword, a title or a
/// side of [`SIDES`]: a title then ("Hamas leader [Yahya Sinwar]").
fn led_by(doc: &Doc, lex: &Lexicon, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    BODY_ROLES.contains(&doc.word(i))
        && doc.same_line(prev)
        && (doc.is_name(prev, lex)
            || doc.keyword(prev).is_some()
            || doc.title(prev).is_some()
            || SIDES.contains(&lower(doc.word(prev)).as_ref()))
}

/// Known bodies (and keyword-named ones) inside a role: "US Army" in "US Army Col.".
fn role_bodies(doc: &Doc, lex: &Lexicon, r: Range<usize>, out: &mut Vec<Cand>) {
    let body =
        |e: usize| doc.is_name(e, lex) && (doc.title(e).is_none() || doc.keyword(e).is_some());
    let mut i = r.start;
    while i < r.end {
        let unit = doc.units.get(i).and_then(|u| u.as_ref()).map(|(e, _)| *e);
        let run_end = |from: usize| (from..r.end).find(|&e| !body(e)).unwrap_or(r.end);
        let mut end = match unit {
            Some(e) if e <= r.end => e,
            _ if body(i) => run_end(i),
            _ => {
                i += 1;
                continue;
            }
        };
        // A body named by a keyword goes on through "of" ("Bank of Japan Governor",
        // "Ministry of Defence spokesman"), as a chunk does; not through "for", which
        // opens the title's brief ("Air Force for Acquisition").
        while end > i
            && doc.keyword(end - 1) == Some(ActorKind::Organization)
            && doc.word(end) == "of"
        {
            let next = if doc.word(end + 1) == "the" {
                end + 2
            } else {
                end + 1
            };
            if next >= r.end || !body(next) {
                break;
            }
            // The name after "of" must end where the role's title begins or the
            // role ends: "Institute of International Finance Managing Director"
            // stops inside the name, at a title's part.
            let after = run_end(next);
            if after < r.end && doc.title(after) != Some(Title::Lead) {
                break;
            }
            end = after;
        }
        // "Apple" in "Apple CEO" counts; "Commerce" in "Secretary of Commerce" does not,
        // nor common words guessed a name ("Social" in "Social Democrat Olaf Scholz").
        let after_of = matches!(doc.word(i.wrapping_sub(1)), "of" | "for" | "to");
        // "Argentine Economy Minister …": a portfolio, not a body of its own.
        let common = |c: &Cand| {
            c.toks.clone().all(|k| {
                let w = doc.word(k);
                lex.is_common_word(w)
                    || k == c.toks.start && lex.entry(w).is_some_and(|e| e.demonym)
            })
        };
        let found = classify_part(doc, lex, i..end);
        out.extend(found.into_iter().filter(|c| {
            !(c.demonym
                || c.kind == ActorKind::Person
                || c.head
                || c.guess && (after_of || common(c)))
        }));
        i = end;
    }
}

/// ", the coalition spokesperson," after a name: the byte range of the role.
fn apposition(doc: &Doc, lex: &Lexicon, after: usize) -> Option<Range<usize>> {
    if doc.word(after) != "," {
        return None;
    }
    let start = after + 1;
    let mut end = start;
    while end < doc.toks.len() && end - start < 10 && doc.same_line(end - 1) {
        if matches!(
            doc.word(end),
            "," | "." | ";" | ")" | ":" | "“" | "”" | "\""
        ) {
            break;
        }
        end += 1;
    }
    let words: Vec<&str> = (start..end).map(|i| doc.word(i)).collect();
    let last = words.last()?;
    let is_title = |w: &str| lex.title(w) == Some(Title::Lead);
    let clause = words
        .iter()
        .any(|w| CLAUSE_WORDS.contains(&lower(w).as_ref()));
    // ", President Obama and …" names another person: no role.
    let other_person = words.windows(2).any(|w| {
        is_title(w[0])
            && w[1].starts_with(char::is_uppercase)
            && lex.title(w[1]).is_none()
            && lex.keyword(w[1]).is_none()
            && lex.entry(w[1]).is_none()
    });
    let titled = is_title(last) || words.iter().take(3).any(|w| is_title(w));
    let ok = !clause && !other_person && titled;
    if ok {
        byte_range(doc, start..end)
    } else {
        None
    }
}

/// A keyword-named body: the last keyword decides the kind. In a name joined at "of"
/// or "for", an organization keyword on either side makes an organization ("Institute
/// for the Study of War", "Bank of Iron County", "Port of Singapore Authority"), and
/// otherwise the keyword before the joint, the head, decides ("Kurdistan Region of
/// Iraq", "Battle of Mosul"). A lone keyword is a `head` that may refer back to a
/// named body.
fn by_keyword(doc: &Doc, r: Range<usize>) -> Option<Cand> {
    let last = r.clone().rev().find_map(|i| doc.keyword(i))?;
    let joint = r
        .clone()
        .skip(1)
        .find(|&i| matches!(lower(doc.word(i)).as_ref(), "of" | "for"));
    let head = joint.and_then(|j| (r.start..j).rev().find_map(|i| doc.keyword(i)));
    let kind = match head {
        Some(h) if h == ActorKind::Organization || last == ActorKind::Organization => {
            ActorKind::Organization
        }
        Some(h) => h,
        None => last,
    };
    let head = r.len() == 1;
    Some(Cand {
        head,
        ..Cand::new(r, kind)
    })
}

/// `r` without leading title words, when a name of two or more tokens remains
/// ("Chief of Staff of the Ministry of Peshmerga" → "Ministry of Peshmerga").
fn after_leading_title(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> Option<Range<usize>> {
    if doc.title(r.start) != Some(Title::Lead) {
        return None;
    }
    // "General Motors Corp", "Premier Industries Inc": a company's legal form at
    // the end makes the title the first word of the company's name.
    if r.len() >= 3
        && r.end
            .checked_sub(1)
            .is_some_and(|l| lex.is_suffix(doc.word(l)))
    {
        return None;
    }
    let mut s = r.start;
    while s < r.end && (doc.title(s).is_some() || CONNECTORS.contains(&lower(doc.word(s)).as_ref()))
    {
        s += 1;
    }
    // "Republican People's Party", "Democrat Party of Albania": a title right before
    // a body's name (no "of" between) is the first word of that name.
    let body_named = s > r.start
        && (r.start..s).all(|k| doc.title(k).is_some())
        && !lex.is_first_name(doc.word(s))
        && (s..r.end).any(|k| doc.keyword(k) == Some(ActorKind::Organization));
    if body_named && known(doc, lex, s..r.end).is_none_or(|k| k.kind == ActorKind::Person) {
        return None;
    }
    let rest_known = s < r.end && known(doc, lex, s..r.end).is_some();
    // "Chairman of the FCA", "Speaker of the Majlis": one word after "of" that is
    // no common word is the body the title is of ("Secretary of Agriculture",
    // "Comptroller of the Currency" stay whole).
    let of_body = r.end - s == 1
        && matches!(doc.word(s.wrapping_sub(1)), "of" | "the")
        && !lex.is_common_word(doc.word(s));
    (s > r.start && (r.end - s >= 2 || rest_known || of_body)).then_some(s..r.end)
}

/// Every token belongs to a known name ("US Iraq" from a split compound).
fn all_known(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> bool {
    r.len() > 1
        && r.clone()
            .all(|i| lex.entry(doc.word(i)).is_some() || doc.units[i].is_some())
}

fn split_known(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = r.start;
    while i < r.end {
        let end = doc.units[i]
            .as_ref()
            .map_or(i + 1, |(e, _)| (*e).min(r.end));
        if let Some(c) = known(doc, lex, i..end) {
            out.push(c);
        }
        i = end;
    }
    out
}

/// An unknown name after "near", "outside", "north of" …, or a compass word and a
/// name ("North Kivu"): a place.
fn located(doc: &Doc, r: Range<usize>) -> bool {
    placed_by_context(doc, r.clone()) || compass_name(doc, r)
}

/// Whether the words before the name `r` make it a place: a preposition of place
/// ("near", "outside", "in" before a word that ends the phrase), a word of a place
/// before "of" ("north of", "the port of", "the Malaysian state of") or "at" ("the
/// airport at [Lalibela]"), a verb of movement and its preposition ("withdrew
/// from", "fled to", "crossed at"), a way or a heading and "to" ("the road to",
/// "west to"), people who left ("refugees from"), a verb that moved people out
/// ([`removed_from`]), or a verb of taking or leaving ("seized", "fled").
pub(super) fn placed_by_context(doc: &Doc, r: Range<usize>) -> bool {
    let before = lower(doc.word(r.start.wrapping_sub(1)));
    let before2 = lower(doc.word(r.start.wrapping_sub(2)));
    LOCATIVE_BEFORE.contains(&before.as_ref())
        || (before == "in"
            && !HOLDINGS.contains(&before2.as_ref())
            && ends_locative(doc, r.clone()))
        || (before == "of"
            && (PEOPLED.contains(&before2.as_ref()) || AREAS.contains(&before2.as_ref())))
        // "the Malaysian state of Sabah", "the semi-autonomous state of Puntland"; not
        // "the state of EC finances", nor "the state of Halvorsen" (a firm's health).
        || (before == "of"
            && before2 == "state"
            && !matches!(lower(doc.word(r.start.wrapping_sub(3))).as_ref(), "the" | "a" | "an")
            && ends_locative(doc, r.clone()))
        || (MOTION_TO.contains(&before.as_ref()) && MOTION.contains(&before2.as_ref()))
        || (before == "to"
            && (GONE_TO.contains(&before2.as_ref())
                || ROUTE_TO.contains(&before2.as_ref())
                || HEADING.contains(&before2.as_ref()))
            && ends_locative(doc, r.clone()))
        || (before == "at"
            && (ARRIVED_AT.contains(&before2.as_ref())
                || r.start.checked_sub(2).is_some_and(|i| place_noun(doc, i)))
            && ends_locative(doc, r.clone()))
        || removed_from(doc, r.clone())
        || (TAKEN.contains(&before.as_ref()) && ends_locative(doc, r))
}

/// A name after "from" or "into" that ends its phrase, where a verb of [`REMOVAL`] and
/// its object come before ("evacuated 40 patients from [Khan Younis]", "withdrew its
/// troops from [Kherson]"): the object is lower-case words and numbers. Not "to",
/// which reaches people as often ("smuggled cash to Viktor Petrov").
fn removed_from(doc: &Doc, r: Range<usize>) -> bool {
    let Some(prep) = r.start.checked_sub(1) else {
        return false;
    };
    if !matches!(lower(doc.word(prep)).as_ref(), "from" | "into") || !ends_locative(doc, r) {
        return false;
    }
    let object = |k: usize| doc.toks.get(k).is_some_and(|t| t.word && !t.cap) && doc.same_line(k);
    (2..=5)
        .filter_map(|back| prep.checked_sub(back))
        .take_while(|&k| object(k))
        .any(|k| REMOVAL.contains(&lower(doc.word(k)).as_ref()))
}

/// Verbs that move people out of or into a place with an object between: see
/// [`removed_from`]. Not "pulled", "launched" or "fired", which take things from
/// bodies as often ("pulled funding from Harvard").
const REMOVAL: &[&str] = &[
    "evacuated",
    "evacuating",
    "evacuate",
    "withdrew",
    "withdrawn",
    "withdrawing",
    "expelled",
    "deported",
    "displaced",
    "relocated",
    "redeployed",
    "drove",
    "driven",
    "rescued",
    "smuggled",
    "airlifted",
];

/// Words for a party or a side that come before a title as a name would
/// ("Democratic Mayor Bill de Blasio", "Labour MP …").
const PARTY_WORDS: &[&str] = &[
    "democratic",
    "republican",
    "labour",
    "labor",
    "conservative",
    "liberal",
    "socialist",
    "communist",
    "green",
    "independent",
    "tory",
];

/// Directions after which "to" reaches a place ("safe passage west to [Mellit]").
const HEADING: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northward",
    "southward",
    "eastward",
    "westward",
];

/// Verbs of coming somewhere after which "at" names the place ("crossed at
/// [Gatumba]", "landed at [Mitiga]"); not "arrived", which also joins a firm
/// ("arrived at Halvorsen in 1985").
const ARRIVED_AT: &[&str] = &[
    "crossed", "crossing", "landed", "landing", "docked", "stranded",
];

/// Verbs whose object is a place taken, struck or left ("insurgents occupied
/// [Macomia]", "civilians fled [Nasir]"), before a name that ends the phrase.
const TAKEN: &[&str] = &[
    "occupied",
    "occupy",
    "occupying",
    "captured",
    "capture",
    "capturing",
    "recaptured",
    "retook",
    "retaken",
    "retake",
    "retaking",
    "blockaded",
    "blockading",
    "seized",
    "seize",
    "seizing",
    "stormed",
    "storming",
    "shelled",
    "shelling",
    "besieged",
    "besieging",
    "encircled",
    "overran",
    "overrun",
    "liberated",
    "entered",
    "entering",
    "fled",
    "fleeing",
    "evacuated",
    "bombarded",
    "bombed",
];

/// Verbs of going somewhere after which "to" is followed by a place ("fled to
/// [Tawila]", "flights were rerouted to [Misrata]"), before a name that ends the
/// phrase. Not the verbs whose "to" reaches a body or a person as often ("moved to
/// Goldman", "returned to Congress", "transferred to Chelsea", "the profits go to
/// Wagner", "funds were diverted to Okafor", "the spread to Treasuries").
const GONE_TO: &[&str] = &[
    "fled",
    "flee",
    "fleeing",
    "flees",
    "travelled",
    "traveled",
    "travelling",
    "traveling",
    "travels",
    "flew",
    "flown",
    "sailed",
    "marched",
    "headed",
    "heading",
    "escaped",
    "evacuated",
    "deported",
    "airlifted",
    "relocated",
    "deployed",
    "redeployed",
    "sail",
    "sails",
    "sailing",
    "fly",
    "flies",
    "flying",
    "retreated",
    "retreating",
    "rerouted",
];

/// Nouns of a way somewhere, after which "to" is followed by a place ("the road to
/// [Bafut]", "flights to [Misrata]").
const ROUTE_TO: &[&str] = &[
    "road", "roads", "route", "routes", "highway", "flights", "flight", "trains", "ferries",
    "ferry", "corridor", "pipeline",
];

/// Prepositions of a movement's origin or aim, a place after a verb of [`MOTION`]
/// ("withdrew from [Avdiivka]", "advanced toward [Pokrovsk]").
const MOTION_TO: &[&str] = &["from", "toward", "towards", "into"];

/// Verbs of movement, as news writes them, and people who moved ("refugees").
const MOTION: &[&str] = &[
    "withdrew",
    "withdrawn",
    "withdrawing",
    "withdraw",
    "withdraws",
    "fled",
    "flee",
    "fleeing",
    "flees",
    "retreated",
    "retreating",
    "advanced",
    "advancing",
    "advance",
    "advances",
    "push",
    "pushes",
    "pushed",
    "pushing",
    "moved",
    "moving",
    "marched",
    "marching",
    "headed",
    "heading",
    "evacuated",
    "evacuating",
    "returned",
    "returning",
    "expelled",
    // People who left a place ("refugees from [Geneina]").
    "refugee",
    "refugees",
    "evacuees",
    "driven",
    "deported",
    "escaped",
    "escaping",
    "travelled",
    "traveled",
    "travelling",
    "traveling",
    "flew",
    "arrived",
    "sailed",
    "crossed",
    "pulled",
    "launched",
    "fired",
    "relocated",
    "redeployed",
    "deployed",
    "transferred",
];

/// Prepositions after which a name is a place ("fighting near [Djibo]", "across
/// [Darfur]"); "in" too, unless it follows a holding or a text ([`HOLDINGS`]).
/// Not "toward", which takes a side as often as a place ("skewed towards Northrop").
const LOCATIVE_BEFORE: &[&str] = &["near", "outside", "across", "throughout", "around"];

/// Words that may follow a place named after "in" ("in Jenin on Monday", "in Jenin,
/// …", "its plant in Zwickau by 2025", "the junta in Naypyitaw did not"), where a
/// company or a record comes before a noun or a number ("in Texaco shares", "in
/// Chapter 11", "in Reagan's budget").
const AFTER_PLACE: &[&str] = &[
    ",",
    ".",
    ";",
    ":",
    ")",
    "-",
    "–",
    "—",
    "and",
    "or",
    "on",
    "in",
    "at",
    "last",
    "this",
    "earlier",
    "after",
    "before",
    "since",
    "during",
    "where",
    "when",
    "as",
    "with",
    "to",
    "for",
    "from",
    "near",
    "until",
    "while",
    "amid",
    "over",
    "under",
    "who",
    "which",
    "but",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "said",
    "says",
    "late",
    "early",
    "by",
    "did",
    "does",
    "do",
    "will",
    "would",
    "could",
    "can",
    "should",
    "might",
    "must",
    "because",
    "following",
    "ahead",
    "next",
    "yesterday",
    "today",
    "tomorrow",
    "overnight",
    "twice",
    "again",
];

/// Whether the name at `r` ends a place phrase: followed by the end of the text or
/// a word of [`AFTER_PLACE`], and not written in capitals (an acronym, or a
/// headline that says nothing: "in OPEC", "in EC").
fn ends_locative(doc: &Doc, r: Range<usize>) -> bool {
    let next = doc.word(r.end);
    let capitals = r.clone().any(|i| {
        let w = doc.word(i);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    });
    !capitals && (next.is_empty() || AFTER_PLACE.contains(&lower(next).as_ref()))
}

/// Words after which "in" names a company or a publication, not a place ("a stake
/// in [Xerox]", "a report in [Haaretz]").
const HOLDINGS: &[&str] = &[
    "stake",
    "stakes",
    "interest",
    "interests",
    "share",
    "shares",
    "holding",
    "holdings",
    "investment",
    "investments",
    "position",
    "positions",
    "ownership",
    "equity",
    "job",
    "jobs",
    "work",
    "worked",
    "working",
    "role",
    "report",
    "reported",
    "article",
    "interview",
    "column",
    "story",
    "editorial",
    "piece",
    "published",
    "wrote",
    "writing",
    "appeared",
    "quoted",
];

/// Compass words that open a region's name ("North Kivu", "Southern Kordofan").
const COMPASS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
];

/// A compass word and one more word, neither a keyword ("North Kivu", "Western
/// Bahr"): a region, where "North Atlantic Treaty …" has its keyword.
fn compass_name(doc: &Doc, r: Range<usize>) -> bool {
    r.len() == 2
        && COMPASS.contains(&lower(doc.word(r.start)).as_ref())
        && r.clone().all(|i| doc.keyword(i).is_none())
}

/// Words besides [`PEOPLED`] after which "of" introduces a place ("north of Mosul",
/// "the streets of Goma").
const AREAS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "countryside",
    "streets",
    "centre",
    "center",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// An acronym followed by its lower-case expansion: "ISR (intelligence, …)" names
/// no actor.
fn explained_acronym(doc: &Doc, r: Range<usize>) -> bool {
    r.len() == 1
        && doc.toks[r.start].upper
        && doc.word(r.end) == "("
        && doc
            .word(r.end + 1)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// Determiners that a person's name seldom follows ("the Georgia Democrat", "the
/// Sydney Treasury bond", "an Asia Pacific fund"), lower case.
const ARTICLES: &[&str] = &["the", "a", "an", "its", "their", "our"];

/// Two to four name tokens opened by a given name ("Paul Nesbit").
fn looks_like_person(doc: &Doc, lex: &Lexicon, r: Range<usize>) -> bool {
    let particle = r.clone().any(|i| {
        doc.toks[i].particle || matches!(doc.word(i), "Abu" | "Abd" | "bin" | "ibn" | "Bin" | "Ibn")
    });
    let surname_shaped = r.clone().skip(1).all(|i| {
        let w = doc.word(i);
        !doc.toks[i].word
            || doc.toks[i].particle
            || (!doc.toks[i].upper && !w.chars().any(|c| c.is_ascii_digit()))
    });
    // "Paris Saint-Germain" is no person, "Paris Hilton" is.
    let first = doc.word(r.start);
    let place_first = lex.entry(first).is_some_and(|e| e.kind == ActorKind::Place);
    let last = doc.word(r.end - 1);
    let surname_last = lex.is_surname(last);
    // "Royal Dutch": a last word that is a people's name and no surname ("Dawn
    // French" is a person). Places are not ruled out: many surnames are the names
    // of towns ("Nobuyuki Ueda", "Hiroshi Ishikawa").
    let people_last = !surname_last && lex.entry(last).is_some_and(|e| e.demonym);
    // A given name that is also a place, before one word that English does not
    // have and no list knows, not where a place is named: a person ("Santiago
    // Bausili", "Jordan Bardella"), where a common word makes a body or a place
    // ("Georgia Tech", "Jordan Valley", "Orlando Magic").
    let foreign_surname = || {
        r.len() == 2
            && last.chars().nth(2).is_some()
            && last.chars().all(char::is_alphabetic)
            && last.chars().skip(1).all(char::is_lowercase)
            && !lex.is_common_word(last)
            && lex.entry(last).is_none()
            && lex.title(last).is_none()
            && !located(doc, r.clone())
            && !ARTICLES.contains(&lower(doc.word(r.start.wrapping_sub(1))).as_ref())
    };
    (2..=5).contains(&r.len())
        && surname_shaped
        && (!place_first || surname_last || foreign_surname())
        && !people_last
        // A name with a particle but no given name, where a place is named ("in Tel
        // al-Sultan", "near Abu Kamal"), is the place's.
        && (lex.is_first_name(first) || particle && !located(doc, r.clone()))
        // "Meta Platforms", "Apex Holdings": a last word that is an English plural and
        // no surname ends a body's name ("Madison Brooks" is a person), unless the
        // words after it speak of a person. (Singular words are surnames too often:
        // "Gerry Breach", "Mario Malt".)
        && !(r.len() == 2
            && !surname_last
            && lex.is_common_word(last)
            && last.strip_suffix('s').is_some_and(|one| lex.is_common_word(one))
            && !spoken_of_as_person(doc, lex, r.end))
        // A keyword only as the surname after a given name ("Doris Day").
        && r.clone().all(|i| doc.keyword(i).is_none() || r.len() == 2 && i == r.end - 1 && surname_last)
}
