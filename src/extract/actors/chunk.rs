//! Finds candidate names: maximal runs of capitalised tokens, joined by the
//! connectors that occur inside names ("Ministry of Peshmerga", "AT & T", "Joel “JB”
//! Vowell", "Shia’ al-Sudani", "Task Force – Operation Inherent Resolve").
//!
//! Capitalisation is *uncertain* at a sentence start, after a colon or an opening
//! quote, and on title-case headline lines; a word there counts only when the word
//! lists know it, when it is capitalised elsewhere in the text, or when a name follows.

use std::ops::Range;

use super::ActorKind;
use super::classify::{BODY_ROLES, SIDES};
use super::lexicon::{Lexicon, Stop, Title};
use super::token::{Token, eq_lower, key, key_in, lower, tokenize};
use crate::hashing::{Map, Set};

/// Sentence starters that open names inside a sentence ("First Boston Corp",
/// "Second National Bank").
const ORDINAL_STARTERS: &[&str] = &["first", "second", "third"];

/// Words for a whole people or a class of people whose possessive "'s" opens names
/// ("People's Daily"); plurals in "s" need no list ("Workers' Party").
const COLLECTIVES: &[&str] = &["people", "women", "children", "men"];

/// Words after "and" that end a firm's name ("Merrill Lynch and Co", "Smith and
/// Sons", "Lazard and Partners").
const FIRM_PARTNERS: &[&str] = &["company", "sons", "partners", "associates"];

/// Whether `word` after "and" ends a firm's name: a company suffix ("Co", "Inc") or
/// one of [`FIRM_PARTNERS`].
fn is_firm_partner(lex: &Lexicon, word: &str) -> bool {
    lex.is_suffix(word) || FIRM_PARTNERS.contains(&lower(word).as_ref())
}

/// Particles that stand as words between the parts of a name ("bin Khalid", "van
/// Gogh", "Banco do Brasil", "Wijk aan Zee"); English look-alikes ("as", "at", "an")
/// only join with a hyphen ("as-Sadr").
const JOINING_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "van", "von", "de", "der", "den", "du", "da", "di", "del",
    "della", "dos", "das", "do", "aan", "le", "la",
];

/// Prefixes whose hyphenated compounds with a capitalised word are adjectives
/// ("Anti-American", "Mid-January", "Sino-Soviet"), not names.
const CAPITAL_PREFIXES: &[&str] = &[
    "anti", "pro", "non", "post", "pre", "mid", "ex", "neo", "pan", "trans", "inter", "intra",
    "ultra", "semi", "sub", "super", "pseudo", "sino", "indo", "afro", "anglo", "franco", "austro",
    "russo", "judeo", "greco", "euro", "end", "early", "late",
];

/// Whether `w` has capitals inside that only names have, so that it is a name even
/// where capitalisation says nothing ("Wal-Mart sells …", "McDonald's opened …",
/// "BlackRock said …"): a capital right after a lower-case letter, or capitalised
/// hyphenated parts none of which is a listed place or people, a prefix or a
/// stop-word ("Anti-American", "Israeli-Palestinian" are adjectives, "Oct-Sept" a
/// span of months).
fn inner_capitals(w: &str, lex: &Lexicon) -> bool {
    let mut chars = w.chars();
    let mut prev = chars.next();
    let camel = chars.any(|c| {
        let lower_before = prev.is_some_and(char::is_lowercase);
        prev = Some(c);
        lower_before && c.is_uppercase()
    });
    let mut parts = w.split('-');
    let hyphenated = w.contains('-')
        && parts.all(|p| {
            p.chars().next().is_some_and(char::is_uppercase)
                && p.chars().nth(1).is_some_and(char::is_lowercase)
                && lex.entry(p).is_none()
                && !CAPITAL_PREFIXES.contains(&lower(p).as_ref())
                && !lex.stop.contains_key(lower(p).as_ref())
        });
    camel || hyphenated
}

/// The longest name, in tokens ("Deputy Assistant Secretary of Defense for Middle
/// East Policy Daniel Shapiro" has 12).
const MAX_CHUNK: usize = 16;

/// A tokenised text with the facts chunking needs.
#[derive(Debug)]
pub(crate) struct Doc<'t> {
    pub text: &'t str,
    pub toks: Vec<Token>,
    /// The text of each token (sliced once: the rules ask for words many times).
    words: Vec<&'t str>,
    /// Whether only spaces (no line break) come between each token and the next.
    same_lines: Vec<bool>,
    /// Capitalisation says nothing here (sentence start, headline).
    pub uncertain: Vec<bool>,
    /// Inside skip ranges or page furniture.
    pub blocked: Vec<bool>,
    /// For a known multi-token name starting at a token: its end token and entry key.
    pub units: Vec<Option<(usize, String)>>,
    /// The stop class of each word token (looked up once).
    stops: Vec<Option<Stop>>,
    /// The title class of each word token as written ([`Lexicon::title`]).
    titles: Vec<Option<Title>>,
    /// The keyword kind of each word token ([`Lexicon::keyword`]).
    keywords: Vec<Option<ActorKind>>,
    /// Whether each token may open a credit phrase ("Reporting by"): its word-list
    /// key is the first word of one.
    credit_starts: Vec<bool>,
    /// Whether each token, in lower case, is the first word of a known phrase.
    phrase_starts: Vec<bool>,
    /// Capitalised words seen where capitalisation is certain.
    certain: Set<&'t str>,
    /// Words seen in lower case.
    lower: Set<&'t str>,
}

/// Lower-case roles in a company or body, besides [`BODY_ROLES`], that tell the
/// capitalised possessive before them is the body ("Zentrak's president").
const COMPANY_ROLES: &[&str] = &[
    "president",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "founder",
    "director",
    "ceo",
    "CEO",
];

/// A candidate name: a token range and the nickname found inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub toks: Range<usize>,
    pub nickname: Option<Range<usize>>,
}

impl<'t> Doc<'t> {
    /// Tokenises `text` (whose sentences are `sentences`) and marks uncertain,
    /// blocked (inside `skipped`) and known-phrase tokens.
    pub fn new(
        text: &'t str,
        sentences: &[Range<usize>],
        skipped: &crate::extract::Ranges,
        lex: &Lexicon,
    ) -> Self {
        let toks = split_compounds(text, tokenize(text), lex);
        let n = toks.len();
        let same_lines = toks
            .iter()
            .zip(toks.iter().skip(1))
            .map(|(x, y)| {
                text.get(x.span.end..y.span.start)
                    .is_some_and(|g| !g.contains(['\n', '\r']))
            })
            .collect();
        let mut doc = Doc {
            text,
            words: toks.iter().map(|t| t.text(text)).collect(),
            same_lines,
            uncertain: vec![false; n],
            blocked: toks.iter().map(|t| skipped.overlaps(&t.span)).collect(),
            units: vec![None; n],
            stops: Vec::with_capacity(n),
            titles: Vec::with_capacity(n),
            keywords: Vec::with_capacity(n),
            credit_starts: Vec::with_capacity(n),
            phrase_starts: Vec::with_capacity(n),
            certain: Set::default(),
            lower: Set::default(),
            toks,
        };
        // Each word's key is made once, and looked up once, for the word lists
        // consulted at every token.
        let no_key = lex.word_info("");
        let mut buf = String::new();
        for (t, &w) in doc.toks.iter().zip(&doc.words) {
            let (info, phrase_first) = if t.word {
                let info = lex.word_info(key_in(w, &mut buf));
                // Phrases go by the lower-cased word: its key, unless the key
                // dropped a final dot or changed a non-ASCII word.
                let phrase_first = if w.ends_with('.') || !w.is_ascii() {
                    lex.phrases.contains_key(lower(w).as_ref())
                } else {
                    info.phrase_first
                };
                (info, phrase_first)
            } else {
                // Punctuation has no case: it is its own lower-case form.
                (no_key, lex.word_info(w).phrase_first)
            };
            doc.stops.push(info.stop);
            doc.titles
                .push(info.title.and_then(|c| c.as_written(t.cap)));
            doc.keywords.push(info.keyword);
            doc.credit_starts.push(info.credit_first);
            doc.phrase_starts.push(phrase_first);
        }
        doc.unstop_defined_acronyms();
        doc.mark_uncertain(sentences);
        doc.mark_phrases(lex);
        doc.mark_credits(lex);
        doc.collect_certain(lex);
        doc
    }

    /// An acronym that a word list stops ("AA", a credit rating) but that the text
    /// defines in brackets after a body's name with its initials ("the Arakan Army
    /// (AA)": a name with a keyword of a body, not "Greenwich Mean Time (GMT)")
    /// names that body in the whole text: no token spelled so is stopped.
    fn unstop_defined_acronyms(&mut self) {
        let mut defined: Set<&'t str> = Set::default();
        for i in 1..self.toks.len() {
            let acronym = self.word(i);
            let is_acronym = self.toks.get(i).is_some_and(|t| t.word && t.upper)
                && acronym.len() >= 2
                && self.stop(i).is_some();
            if !is_acronym || self.word(i - 1) != "(" || self.word(i + 1) != ")" {
                continue;
            }
            // The initials of the capitalised words before the bracket, skipping
            // joining words ("Bank for International Settlements").
            let mut initials: Vec<char> = Vec::new();
            let mut body = false;
            let mut k = i - 1;
            while k > 0 && initials.len() < acronym.len() {
                k -= 1;
                let w = self.word(k);
                if matches!(w, "of" | "for" | "the" | "and" | "de" | "-") {
                    continue;
                }
                match w.chars().next() {
                    Some(c) if c.is_uppercase() && self.toks.get(k).is_some_and(|t| t.word) => {
                        initials.push(c);
                        body |= matches!(
                            self.keyword(k),
                            Some(ActorKind::Organization | ActorKind::Group)
                        );
                    }
                    _ => break,
                }
            }
            if body && initials.iter().rev().copied().eq(acronym.chars()) {
                defined.insert(acronym);
            }
        }
        if defined.is_empty() {
            return;
        }
        for (i, &w) in self.words.iter().enumerate() {
            if defined.contains(w)
                && let Some(stop) = self.stops.get_mut(i)
            {
                *stop = None;
            }
        }
    }

    /// The stop class of token `i` (`None` for other tokens).
    fn stop(&self, i: usize) -> Option<Stop> {
        self.stops.get(i).copied().flatten()
    }

    /// [`Lexicon::title`] of token `i`, looked up once.
    pub fn title(&self, i: usize) -> Option<Title> {
        self.titles.get(i).copied().flatten()
    }

    /// [`Lexicon::keyword`] of token `i`, looked up once.
    pub fn keyword(&self, i: usize) -> Option<ActorKind> {
        self.keywords.get(i).copied().flatten()
    }

    pub fn word(&self, i: usize) -> &'t str {
        self.words.get(i).copied().unwrap_or("")
    }

    /// Only spaces (no line break) between tokens `a` and `a + 1`.
    pub fn same_line(&self, a: usize) -> bool {
        self.same_lines.get(a).copied().unwrap_or(false)
    }

    /// The text between tokens `a` and `a + 1`.
    pub fn gap_after(&self, a: usize) -> Option<&'t str> {
        let (x, y) = (self.toks.get(a)?, self.toks.get(a + 1)?);
        self.text.get(x.span.end..y.span.start)
    }

    /// Nothing at all between tokens `a` and `a + 1`.
    pub fn attached(&self, a: usize) -> bool {
        match (self.toks.get(a), self.toks.get(a + 1)) {
            (Some(x), Some(y)) => x.span.end == y.span.start,
            _ => false,
        }
    }

    fn mark_uncertain(&mut self, sentences: &[Range<usize>]) {
        let mut k = 0;
        for s in sentences {
            while k < self.toks.len() && self.toks[k].span.start < s.start {
                k += 1;
            }
            let mut j = k;
            while j < self.toks.len() && !self.toks[j].word && self.toks[j].span.start < s.end {
                j += 1;
            }
            if let Some(u) = self.uncertain.get_mut(j) {
                *u = true;
            }
        }
        for i in 1..self.toks.len() {
            // Only a word after punctuation can be made uncertain here.
            if !self.toks[i].word || self.toks[i - 1].word {
                continue;
            }
            let prev = self.word(i - 1);
            // A dash or straight quote opens only after a space ("he said" Detik.com …).
            let spaced = i < 2 || !self.attached(i - 2);
            let dash = prev == "-" && !self.attached(i - 1);
            let straight = prev == "\"" && spaced;
            if dash || straight || matches!(prev, ":" | "“" | "‘" | "(" | "[" | "—" | "–") {
                self.uncertain[i] = true;
            }
        }
        self.mark_headlines();
    }

    /// Title-case lines without a final full stop ("Peshmerga Participate in U.S.-Iraq
    /// Strategic Talks"): every word is uncertain.
    fn mark_headlines(&mut self) {
        let mut start = 0;
        while start < self.toks.len() {
            let mut end = start + 1;
            while end < self.toks.len() && self.same_line(end - 1) {
                end += 1;
            }
            let (mut long, mut caps) = (0, 0);
            for (t, w) in self.toks[start..end].iter().zip(&self.words[start..end]) {
                if t.word && w.chars().nth(3).is_some() {
                    long += 1;
                    caps += usize::from(t.cap);
                }
            }
            // A full stop ends prose, also one kept with an abbreviation ("… Inc.").
            let last = self.word(end - 1);
            let prose = last.ends_with('.') || matches!(last, "!" | "?" | "”" | "\"" | "’" | "'");
            if !prose && long >= 3 && caps * 10 >= long * 7 {
                self.uncertain[start..end]
                    .iter_mut()
                    .for_each(|u| *u = true);
            }
            start = end;
        }
    }

    /// Blocks the names credited after "Reporting by" … up to ";", ")" or the line end,
    /// and byline lines ("By Jane Doe and John Roe").
    fn mark_credits(&mut self, lex: &Lexicon) {
        let mut i = 0;
        while i < self.toks.len() {
            // Credits and bylines open with a word.
            if !self.toks[i].word {
                i += 1;
                continue;
            }
            let may_credit = self.credit_starts.get(i) == Some(&true);
            let credit = lex.credits.iter().filter(|_| may_credit).find(|p| {
                p.iter()
                    .enumerate()
                    .all(|(k, w)| eq_lower(self.word(i + k), w))
                    && (i + 1..i + p.len()).all(|k| self.same_line(k - 1))
            });
            let line_start = i == 0 || !self.same_line(i - 1);
            let byline = line_start && self.word(i) == "By" && self.byline_from(i + 1);
            let Some(from) = credit.map(|p| i + p.len()).or(byline.then_some(i + 1)) else {
                i += 1;
                continue;
            };
            let mut end = from;
            while end < self.toks.len() && !matches!(self.word(end), ";" | ")") {
                self.blocked[end] = true;
                end += 1;
                if !self.same_line(end - 1) {
                    break;
                }
            }
            i = end.max(i + 1);
        }
    }

    /// The rest of the line from token `i` is only names, commas and "and".
    fn byline_from(&self, i: usize) -> bool {
        let mut k = i;
        while k < self.toks.len() {
            let w = self.word(k);
            let t = &self.toks[k];
            if !(t.cap || matches!(w, "," | "and" | "." | "’" | "'" | "-")) || k - i > 12 {
                return false;
            }
            if !self.same_line(k) {
                break;
            }
            k += 1;
        }
        k > i
    }

    /// Marks known multi-token names (known.tsv, places) and furniture phrases.
    fn mark_phrases(&mut self, lex: &Lexicon) {
        let mut i = 0;
        while i < self.toks.len() {
            match self.phrase_at(i, lex) {
                Some((end, Some(entry))) if self.toks[i].cap => {
                    self.units[i] = Some((end, entry));
                    i = end;
                }
                Some((end, None)) => {
                    self.blocked[i..end].iter_mut().for_each(|b| *b = true);
                    i = end;
                }
                _ => i += 1,
            }
        }
    }

    fn phrase_at(&self, i: usize, lex: &Lexicon) -> Option<(usize, Option<String>)> {
        if self.phrase_starts.get(i) != Some(&true) {
            return None;
        }
        let list = lex.phrases.get(lower(self.word(i)).as_ref())?;
        list.iter().find_map(|(toks, entry)| {
            let end = i + toks.len();
            // The first word is the list's key; most phrases differ in the next one.
            let fits = end <= self.toks.len()
                && toks.iter().enumerate().skip(1).all(|(k, w)| {
                    let word = self.word(i + k);
                    // A curly apostrophe is the straight one ("Hawke’s Bay").
                    eq_lower(word, w) || word == "’" && w == "'"
                })
                && (i + 1..end).all(|k| self.same_line(k - 1));
            fits.then(|| (end, entry.clone()))
        })
    }

    /// Collects the capitalised words that are names: those seen where capitalisation
    /// is certain, and those that open two or more sentences but never appear in lower
    /// case ("Reuters reports …" / "Reuters has learned …"), unless they are common
    /// English words ("Economists said …" / "Economists expect …").
    fn collect_certain(&mut self, lex: &Lexicon) {
        let mut seen_lower = std::mem::take(&mut self.lower);
        // Sized once: about half the tokens are words in lower case.
        seen_lower.reserve(self.toks.len() / 2);
        let mut openers: Map<&'t str, usize> = Map::default();
        for (i, (t, &w)) in self.toks.iter().zip(&self.words).enumerate() {
            if !t.word || self.stop(i).is_some() {
                continue;
            }
            if !t.cap {
                seen_lower.insert(w);
            } else if self.uncertain[i] {
                *openers.entry(w).or_default() += 1;
            } else {
                self.certain.insert(w);
            }
        }
        for (w, n) in openers {
            if n >= 2 && !seen_lower.contains(lower(w).as_ref()) && !lex.is_common_word(w) {
                self.certain.insert(w);
            }
        }
        self.lower = seen_lower;
    }

    /// True when token `i` can be part of a name.
    pub fn is_name(&self, i: usize, lex: &Lexicon) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if !t.word || self.blocked[i] || !(t.cap || t.particle) {
            return false;
        }
        let w = self.word(i);
        if self
            .text
            .get(t.span.end..)
            .is_some_and(|r| r.starts_with('$'))
        {
            return false; // "US$40"
        }
        let stop = match self.stop(i) {
            Some(Stop::Starter) if t.upper && w.len() <= 3 => None,
            stop => stop,
        };
        match stop {
            Some(Stop::Never) => self.name_among_stops(i, lex),
            // "Theresa May": a capitalised starter inside a sentence after a given name
            // is a surname.
            Some(Stop::Starter) => {
                let after_given_name = i > 0
                    && self.same_line(i - 1)
                    && self.gap_after(i - 1) == Some(" ")
                    && lex.is_first_name(self.word(i - 1));
                // "First Boston Corp", "Credit Suisse First Boston": inside a sentence
                // a capitalised ordinal before a capitalised word opens or continues
                // a name (other starters do not: "The Globe", "Ottawa New Democrat").
                let before_name = ORDINAL_STARTERS.contains(&lower(w).as_ref())
                    && self.same_line(i)
                    && self.toks.get(i + 1).is_some_and(|n| n.word && n.cap)
                    && self.stop(i + 1).is_none()
                    && !self.blocked.get(i + 1).copied().unwrap_or(true);
                !self.uncertain[i] && (after_given_name || before_name)
            }
            None if !self.uncertain[i] => true,
            None => {
                self.known(w, lex)
                    || self.certain.contains(w)
                    || lex.alone.contains(lower(w).as_ref())
                    || t.upper
                    || inner_capitals(w, lex)
                    || self.says(i, lex)
                    || self.leads(i, lex)
                    || self.who_after(i + 1)
                    || self.firm_after(i, lex)
                    || (self.collective_possessive(i) && self.is_name(i + 3, lex))
                    || self.plural_possessive(i, lex)
                    || self.rare_possessive(i, lex)
                    || self.listed_before_name(i, lex)
            }
        }
    }

    /// Token `i` is a word that names no actor alone but is also a given name or a
    /// name's syllable ("Jan", "Jun", "Christian"), written next to another name and
    /// no number: "Jan Hatzius", "Dong Jun", "Christian Lindner" ("in Jan 1987",
    /// "Jan. 14" stay months).
    fn name_among_stops(&self, i: usize, lex: &Lexicon) -> bool {
        let w = self.word(i);
        let spaced = |a: usize| self.same_line(a) && self.gap_after(a) == Some(" ");
        if lex.religions.contains(lower(w).as_ref()) && spaced(i) && self.body_after(i + 1) {
            return true;
        }
        if !matches!(w, "Jan" | "Jun" | "Christian") {
            return false;
        }
        let plain_name = |k: usize| {
            self.toks
                .get(k)
                .is_some_and(|t| t.word && t.cap && !t.upper)
                && self.stop(k).is_none()
                && self.title(k).is_none()
                && !self.blocked[k]
                && !lex
                    .entry(self.word(k))
                    .is_some_and(|e| e.kind == ActorKind::Place || e.demonym)
                && self.is_name(k, lex)
        };
        // "Jan. 8", "Jan 8": the month.
        let dot = self.word(i + 1) == "." && self.attached(i);
        let number_after = self.word(i + 1).starts_with(|c: char| c.is_ascii_digit());
        // "Christian" after a name is part of it only after a given name ("Hanns
        // Christian Schroeder", not "Maronite Christian"), and opens no compass name
        // ("Christian East Beirut").
        let religion = w == "Christian";
        let after_name = i > 0
            && spaced(i - 1)
            && plain_name(i - 1)
            && (!religion || lex.is_first_name(self.word(i - 1)));
        let before_name = spaced(i)
            && plain_name(i + 1)
            && !(religion && matches!(self.word(i + 1), "East" | "West" | "North" | "South"));
        !dot && !number_after && (after_name || before_name)
    }

    /// The capitalised words from token `i` on include a body's keyword before any
    /// other word: "[Muslim] Brotherhood", "[Catholic] Church", "[Christian]
    /// Democratic Union" ("Muslim Americans", "Jewish settlers" have none).
    fn body_after(&self, i: usize) -> bool {
        (i..i + 4)
            .take_while(|&k| {
                self.toks.get(k).is_some_and(|t| t.word && t.cap)
                    && self.stop(k).is_none()
                    && !self.blocked[k]
                    && (k == i || self.same_line(k - 1))
            })
            .any(|k| self.keyword(k) == Some(ActorKind::Organization))
    }

    /// Token `i` names the body of the role after it: a role and a name follow
    /// ("Rosatom head Alexei Likhachev", "OpenAI chief executive Sam Altman"), or a
    /// possessive and a role ("Boeing's chief executive, …"); not a side ("Opposition
    /// leader …") or a word the text also writes in lower case.
    fn leads(&self, i: usize, lex: &Lexicon) -> bool {
        let lw = lower(self.word(i));
        if !self.same_line(i) || SIDES.contains(&lw.as_ref()) || self.lower.contains(lw.as_ref()) {
            return false;
        }
        let possessive = self.possessive_s(i);
        let role = if possessive { i + 3 } else { i + 1 };
        // After a possessive, any role of a body ("Zentrak's president"); without one,
        // only a body's head ("Budget director", "Presidential spokesman" are no bodies).
        let is_role = |w: &str| BODY_ROLES.contains(&w) || possessive && COMPANY_ROLES.contains(&w);
        if !self.same_line(role - 1) || !is_role(self.word(role)) {
            return false;
        }
        // "chief executive (officer)", "chief operating officer" run on.
        let mut next = role + 1;
        while matches!(
            self.word(next),
            "executive" | "operating" | "financial" | "officer"
        ) {
            next += 1;
        }
        possessive
            || self.same_line(next - 1)
                && self.uncertain.get(next) == Some(&false)
                && self.is_name(next, lex)
    }

    /// Token `i` is no common English word and a possessive and a lower-case word
    /// follow ("Imamoglu's lawyers said …" opening a sentence): a name's possessive.
    fn rare_possessive(&self, i: usize, lex: &Lexicon) -> bool {
        let w = self.word(i);
        self.possessive_s(i)
            && self.attached(i)
            && self.same_line(i + 2)
            && self
                .word(i + 3)
                .starts_with(|c: char| c.is_ascii_lowercase())
            && w.chars().all(char::is_alphabetic)
            && w.chars().count() >= 3
            && !lex.is_common_word(w)
    }

    /// Whether ", who" starts at token `i`: what comes before is a person's name.
    pub fn who_after(&self, i: usize) -> bool {
        self.word(i) == "," && self.word(i + 1) == "who"
    }

    /// Whether the text also writes `word` in lower case ("exporters" for "Exporters").
    pub fn seen_lower(&self, word: &str) -> bool {
        self.lower.contains(lower(word).as_ref())
    }

    /// Token `i` is a word for a whole people or class of people followed by a
    /// possessive "'s" ("People's", "Women's"), as in the names of parties, papers
    /// and armies ("People's Daily", "Women's Union").
    fn collective_possessive(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
            && COLLECTIVES.contains(&lower(self.word(i)).as_ref())
            && self.possessive_s(i)
            && self.attached(i)
            && self.attached(i + 1)
            && self.same_line(i + 2)
    }

    /// Tokens after `i` are an apostrophe and "s" (the tokenizer splits "Boeing's"
    /// into "Boeing", "'", "s").
    pub fn possessive_s(&self, i: usize) -> bool {
        matches!(self.word(i + 1), "'" | "’") && self.word(i + 2) == "s"
    }

    /// Token `i` is a plural with its possessive apostrophe before a name: a body's
    /// name ("Workers' Party", "Farmers' Union"), not a possessive before a common
    /// noun ("Analysts' forecasts").
    fn plural_possessive(&self, i: usize, lex: &Lexicon) -> bool {
        self.word(i).ends_with('s')
            && matches!(self.word(i + 1), "'" | "’")
            && self.attached(i)
            && !self.attached(i + 1)
            && self.same_line(i + 1)
            && self.is_name(i + 2, lex)
    }

    /// Token `i` opens a firm's name with its partners ("Jefferies and Co Inc said",
    /// "Lazard & Partners").
    fn firm_after(&self, i: usize, lex: &Lexicon) -> bool {
        self.same_line(i)
            && self.same_line(i + 1)
            && matches!(self.word(i + 1), "and" | "&")
            && self.toks.get(i + 2).is_some_and(|t| t.cap)
            && is_firm_partner(lex, self.word(i + 2))
    }

    /// Token `i` is followed by a verb of saying ("Rudaw reported …"), and is no
    /// common word ("Economists said …").
    fn says(&self, i: usize, lex: &Lexicon) -> bool {
        self.same_line(i)
            && lex.speech.contains(self.word(i + 1))
            && !self.lower.contains(lower(self.word(i)).as_ref())
            && !lex.is_common_word(self.word(i))
    }

    /// An uncertain word that is no common English word and is never written in lower
    /// case, listed right before a name ("Barclays and Lloyds Banking Group fell",
    /// "Nissan, Porsche and Mitsubishi Motors …"): a name like the one it is listed
    /// with. After a comma only in a list that goes on (", Porsche and"): a word
    /// and a comma open many sentences ("Seperately, USX said").
    fn listed_before_name(&self, i: usize, lex: &Lexicon) -> bool {
        let w = self.word(i);
        let list_goes_on = || {
            (i + 3..i + 8)
                .take_while(|&k| self.same_line(k - 1))
                .find(|&k| !self.is_name(k, lex))
                .is_some_and(|k| matches!(self.word(k), "," | "and"))
        };
        (self.word(i + 1) == "and" || self.word(i + 1) == "," && list_goes_on())
            && self.same_line(i)
            && self.same_line(i + 1)
            && self.uncertain.get(i + 2) == Some(&false)
            && self.toks.get(i + 2).is_some_and(|t| t.word && t.cap)
            && self.stop(i + 2).is_none()
            && !lex.is_common_word(w)
            && !self.seen_lower(w)
            && self.stop(i).is_none()
    }

    fn known(&self, w: &str, lex: &Lexicon) -> bool {
        lex.entry(w).is_some() || lex.is_first_name(w)
    }

    /// An uncertain word that is not a stop-word, followed by a name on the same line,
    /// or a word for a body or a title followed by "of" and a name ("Ministry of
    /// Defence said …", "Bank of Japan Governor …" opening a sentence).
    fn opens_name(&self, i: usize, lex: &Lexicon) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let followed_by_name =
            |k: usize| self.uncertain.get(k) == Some(&false) && self.is_name(k, lex);
        // A plural is people of a body more often than its name ("Partners of …",
        // "Associates of Volcker said …").
        // So is a leading title ("Secretary of State Antony Blinken arrived …",
        // "Governor of the Bank of England …").
        let body_of = || {
            (self.keyword(i).is_some() || self.title(i) == Some(Title::Lead))
                && !self.word(i).ends_with('s')
                && self.word(i + 1) == "of"
                && self.same_line(i + 1)
                && (followed_by_name(i + 2)
                    || self.word(i + 2) == "the"
                        && self.same_line(i + 2)
                        && followed_by_name(i + 3))
        };
        t.word
            && t.cap
            && !self.blocked[i]
            && self.stop(i).is_none()
            && self.same_line(i)
            && (followed_by_name(i + 1) || body_of())
    }

    /// The candidate names of the text, in order. A first pass learns the words that
    /// open multi-word names ("Apple" of "Apple Computer"); the second then accepts
    /// them where capitalisation is uncertain ("Apple launches …").
    pub fn chunks(&mut self, lex: &Lexicon) -> Vec<Chunk> {
        let first = self.chunks_once(lex);
        let before = self.certain.len();
        for c in first.iter().filter(|c| c.toks.len() >= 2) {
            let w = self.word(c.toks.start);
            if self.stop(c.toks.start).is_none() && !w.chars().any(|ch| ch.is_ascii_digit()) {
                self.certain.insert(w);
            }
        }
        if self.certain.len() == before {
            return first;
        }
        self.chunks_once(lex)
    }

    fn chunks_once(&self, lex: &Lexicon) -> Vec<Chunk> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let start_end = match &self.units[i] {
                Some((end, _)) => Some(*end),
                None if self.is_name(i, lex) || self.opens_name(i, lex) => Some(i + 1),
                None => None,
            };
            let Some(mut j) = start_end else {
                i += 1;
                continue;
            };
            let mut nickname = None;
            while let Some((next, nick)) = self.extend(i, j, lex) {
                if next - i > MAX_CHUNK {
                    break; // all-caps text or lists of names: bound the work
                }
                j = next;
                nickname = nickname.or(nick);
            }
            out.push(Chunk {
                toks: i..j,
                nickname,
            });
            i = j;
        }
        out
    }

    /// Where the chunk `start..j` continues, if it does.
    fn extend(
        &self,
        start: usize,
        j: usize,
        lex: &Lexicon,
    ) -> Option<(usize, Option<Range<usize>>)> {
        if j == 0 || !self.same_line(j - 1) {
            return None;
        }
        if self.toks[j].cap && lex.is_suffix(self.word(j - 1)) && !lex.is_suffix(self.word(j)) {
            return None; // "Apple Inc. Steve Jobs", not "Smith and Co Inc"
        }
        if let Some((end, _)) = &self.units[j] {
            return Some((*end, None));
        }
        if self.is_name(j, lex) {
            return Some((j + 1, None));
        }
        let w = self.word(j);
        let lw = lower(w);
        let name_at = |k: usize| self.same_line(k - 1) && self.is_name(k, lex);
        // Only asked for "of" and "for".
        let head = || {
            self.keyword(j - 1).is_some()
                || self.title(j - 1).is_some()
                || self.title_without_name(start..j, lex)
        };
        // A body's name joined at "of"/"for" goes on through the next "of" or "for"
        // ("Office for the Coordination of Humanitarian Affairs", "Institute for the
        // Study of War"); not through "in", which mostly adds where the body is ("Court
        // of Appeals in Chicago").
        let body_name = || {
            (start + 1..j).any(|k| {
                matches!(lower(self.word(k)).as_ref(), "of" | "for")
                    && self.keyword(k - 1) == Some(ActorKind::Organization)
            })
        };
        match lw.as_ref() {
            "of" | "for" if head() && self.word(j + 1) == "the" && name_at(j + 2) => {
                Some((j + 3, None))
            }
            "of" | "for" if head() && name_at(j + 1) => Some((j + 2, None)),
            "of" | "for" if name_at(j + 1) && body_name() => Some((j + 2, None)),
            // "UN Mission in South Sudan", "EU Training Mission in Mali": a named
            // mission goes on through "in" to the place it serves ("the Mission in
            // Kabul" is a mission, named by its place).
            "in" if w == "in"
                && j > start + 1
                && lower(self.word(j - 1)) == "mission"
                && name_at(j + 1) =>
            {
                Some((j + 2, None))
            }
            // "Department of Health and Human Services", "Ministry of Tourism and
            // Antiquities": in a body's name after its "of", "and" goes on to common
            // words, not to another name ("Ministry of Defence and Hezbollah") or body
            // named by a singular keyword ("… and Interior Ministry"; a plural one is
            // the body's field: "Human Services") or a firm ("… and Acme & Sons").
            "and"
                if w == "and"
                    && name_at(j + 1)
                    && lex.is_common_word(self.word(j + 1))
                    && self.keyword(j + 1).is_none()
                    && !(j + 2..j + 4)
                        .take_while(|&k| {
                            self.same_line(k - 1) && (self.is_name(k, lex) || self.word(k) == "&")
                        })
                        .any(|k| {
                            self.keyword(k) == Some(ActorKind::Organization)
                                && !self.word(k).ends_with('s')
                                || self.word(k) == "&"
                                || is_firm_partner(lex, self.word(k))
                        })
                    && body_name() =>
            {
                Some((j + 2, None))
            }
            "to" if self.title(j - 1) == Some(Title::Lead) && name_at(j + 1) => Some((j + 2, None)),
            "&" if name_at(j + 1) => Some((j + 2, None)),
            // "Merrill Lynch and Co", "Lazard and Partners": a firm's partners, not a
            // second actor.
            "and" if w == "and" && name_at(j + 1) && is_firm_partner(lex, self.word(j + 1)) => {
                Some((j + 2, None))
            }
            // "Cable and Wireless Plc", "Train and Equip Fund": one word, "and",
            // one word and a company suffix is one name (two bodies are rarely
            // listed that tersely: "Apple and Samsung Electronics"), and so with a
            // body keyword as [`Doc::one_firm_by_and`] tells ("Sony and Honda Motor"
            // are two),
            // unless the first is a country or its people ("Japanese and European
            // Community"; "Gulf and Western Corp" stays one). Up to three words
            // before "and" with a suffix after the word ("Nippon Telegraph and
            // Telephone Corp", "American Telephone and Telegraph Co"), none of them
            // a country or its people but the first ("Royal Dutch Shell and Exxon
            // Corp" are two).
            "and"
                if j - start <= 3
                    && (start..j).all(|k| {
                        // A country or its people may open a longer name ("American
                        // Telephone", "China International Trust").
                        self.toks[k].cap
                            && !lex.entry(self.word(k)).is_some_and(|e| {
                                (e.country || e.demonym) && (k > start || j - start == 1)
                            })
                    })
                    && name_at(j + 1)
                    && self.same_line(j + 1)
                    && self.is_name(j + 2, lex)
                    && (lex.is_suffix(self.word(j + 2))
                        || ((j - start == 1 && self.one_firm_by_and(start, lex))
                            || self.party_after_and(start, j))
                            && self.keyword(j + 2) == Some(ActorKind::Organization)
                        || (j - start == 1
                            && lex.is_common_word(self.word(start))
                            && self.body_keyword_within(j + 2, lex))) =>
            {
                Some((j + 3, None))
            }
            // "Law and Justice party", "the ruling Justice and Development party": a
            // party's name joined by "and" before a lower-case "party".
            "and"
                if j - start <= 3
                    && self.word(j + 2) == "party"
                    && self.party_after_and(start, j)
                    && (start..j).all(|k| {
                        self.toks[k].cap
                            && !lex
                                .entry(self.word(k))
                                .is_some_and(|e| e.country || e.demonym)
                    })
                    && self
                        .text
                        .get(self.toks[start].span.start..self.toks[j - 1].span.end)
                        .is_some_and(|name| lex.entry(name).is_none())
                    && name_at(j + 1)
                    && self.same_line(j + 1) =>
            {
                Some((j + 2, None))
            }
            _ if JOINING_PARTICLES.contains(&lw.as_ref())
                && self.toks[j].word
                && name_at(j + 1) =>
            {
                Some((j + 2, None))
            }
            // Two particles: "van der Heijden", "de la Cruz".
            _ if JOINING_PARTICLES.contains(&lw.as_ref())
                && self.toks[j].word
                && JOINING_PARTICLES.contains(&self.word(j + 1))
                && self.same_line(j)
                && name_at(j + 2) =>
            {
                Some((j + 3, None))
            }
            "’" | "'" if self.attached(j - 1) && !self.attached(j) && name_at(j + 1) => {
                Some((j + 2, None))
            }
            // "People's Daily", "Women's Union": a people's possessive inside a name.
            "’" | "'" if self.collective_possessive(j - 1) && name_at(j + 2) => {
                Some((j + 3, None))
            }
            "“" | "\"" | "‘" => self
                .nickname_at(j)
                .map(|n| (j + n + 3, Some(j + 1..j + n + 1))),
            "–" | "—" | "-"
                if self.keyword(j - 1).is_some()
                    && self.cap_word(j + 1)
                    && self.cap_word(j + 2) =>
            {
                Some((j + 2, None))
            }
            _ => None,
        }
    }

    /// A body's keyword one or two names after token `i` (a name), on its line:
    /// "Economic and Financial [Crimes Commission]", "Science and Technology
    /// [Development Agency]". Only after a common word: a name before "and" is
    /// another body ("Citibank and Chase Manhattan Bank").
    fn body_keyword_within(&self, i: usize, lex: &Lexicon) -> bool {
        (i + 1..i + 3)
            .take_while(|&k| self.same_line(k - 1) && self.is_name(k, lex))
            .any(|k| self.keyword(k) == Some(ActorKind::Organization))
    }

    /// Whether "X and Y Keyword" from token `start` (one word on either side of
    /// "and") is one firm's name: a common word on either side ("Train and Equip
    /// Fund"), an initial ("G and R Partners"), two surnames ("Hambrecht and Quist
    /// Group"), or a company suffix after the keyword ("Lomas and Nettleton
    /// Financial Corp"). Two names otherwise ("Sony and Honda Motor", "Safaricom and
    /// Kenya Airways").
    fn one_firm_by_and(&self, start: usize, lex: &Lexicon) -> bool {
        let (x, y) = (self.word(start), self.word(start + 2));
        let initial = |w: &str| w.chars().nth(1).is_none();
        lex.is_common_word(x)
            || lex.is_common_word(y)
            || initial(x)
            || initial(y)
            || lex.is_surname(x) && lex.is_surname(y)
            || lex.is_suffix(self.word(start + 4))
    }

    /// "and" at `j` joins the halves of one party's name ("Union Solidarity and
    /// Development Party"): "Party" or "party" after the next word, no body's
    /// keyword before "and" ("Democratic Renewal Party and Communist Party" are two)
    /// and no list before the name that starts at `start` ("Christian Democrats,
    /// Social Democrats and People Party").
    fn party_after_and(&self, start: usize, j: usize) -> bool {
        matches!(self.word(j + 2), "Party" | "party")
            && self.keyword(j - 1).is_none()
            && (start == 0 || self.word(start - 1) != ",")
    }

    /// The run has a title and no person's name after it yet ("Secretary of Commerce"
    /// may go on "for Trade Policy …"; "Inspector Claire Hughes" stops before "of").
    fn title_without_name(&self, run: Range<usize>, lex: &Lexicon) -> bool {
        let Some(t) = run
            .clone()
            .rev()
            .find(|&k| self.title(k) == Some(Title::Lead))
        else {
            return false;
        };
        (t + 1..run.end).all(|k| {
            let w = self.word(k);
            !lex.is_first_name(w) && !lex.is_surname(w)
        })
    }

    /// A capitalised word that is no stop-word, wherever it stands.
    fn cap_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.word && t.cap && !self.blocked[i] && self.stop(i).is_none())
            && self.same_line(i - 1)
    }

    /// `“JB” Vowell` at token `j`: quote, name, closing quote, name; how many words
    /// the nickname has, up to three ("Ismael “El Mayo” Zambada").
    fn nickname_at(&self, j: usize) -> Option<usize> {
        let inner = |k: usize| {
            self.toks
                .get(k)
                .is_some_and(|t| t.word && (t.cap || t.particle) && !self.blocked[k])
        };
        (1..=3).find(|&n| {
            self.cap_word(j + 1)
                && (j + 2..j + n + 1).all(inner)
                && matches!(self.word(j + n + 1), "”" | "\"" | "’")
                && self.cap_word(j + n + 2)
                && (j..j + n + 2).all(|k| self.same_line(k))
        })
    }
}

/// Splits hyphen compounds of known names ("US-Iraqi", "Iraq-Kurdistan") into their
/// parts and hyphens; other compounds ("Counter-Terrorism", "CJTF-OIR") stay whole.
fn split_compounds(text: &str, toks: Vec<Token>, lex: &Lexicon) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks {
        if let Some(given) = syllable_tail(text, &mut out, &t, lex) {
            given.span.end = t.span.end;
            continue;
        }
        // "Al-Quds" is one name, though "Al" and "Quds" open known ones.
        if !t.cap || t.particle {
            out.push(t);
            continue;
        }
        let w = t.text(text);
        if !w.contains('-') {
            out.push(t);
            continue;
        }
        let parts: Vec<&str> = w.split('-').collect();
        // Known as a place or body, or opening the name of one; a person's given name
        // does not split a compound ("Petro-Canada", "Abdul-Rahim").
        let not_person = |e: &super::lexicon::Entry| e.kind != ActorKind::Person;
        let known = |p: &&str| {
            lex.entry(p).is_some_and(not_person)
                || lex.phrases.get(lower(p).as_ref()).is_some_and(|list| {
                    list.iter().any(|(_, key)| match key {
                        Some(k) => lex.entry(k).is_some_and(not_person),
                        None => true,
                    })
                })
        };
        if parts.len() < 2 || !t.cap || !parts.iter().all(known) {
            out.push(t);
            continue;
        }
        let mut at = t.span.start;
        for (k, p) in parts.iter().enumerate() {
            if k > 0 {
                out.push(Token {
                    span: at..at + 1,
                    word: false,
                    cap: false,
                    upper: false,
                    particle: false,
                });
                at += 1;
            }
            let span = at..at + p.len();
            out.extend(tokenize(p).into_iter().take(1).map(|x| Token {
                span: span.clone(),
                ..x
            }));
            at = span.end;
        }
    }
    out
}

/// The token before `t` when `t` is the lower-case second syllable of a romanised
/// Korean or Chinese given name after a surname ("Moon Jae-[in]", "Ban Ki-[moon]",
/// "Lee Teng-[hui]"), which the tokenizer split off at the change of case: the given
/// name is one word. Not after a word that is not a name ("the Sit-in").
fn syllable_tail<'o>(
    text: &str,
    out: &'o mut [Token],
    t: &Token,
    lex: &Lexicon,
) -> Option<&'o mut Token> {
    let bytes = text.as_bytes();
    if !t.word || t.cap || bytes.get(t.span.start.checked_sub(1)?) != Some(&b'-') {
        return None;
    }
    let [.., surname, given] = out else {
        return None;
    };
    let surname_word = surname.text(text);
    let joined = given.word
        && given.cap
        && given.span.end + 1 == t.span.start
        && surname.word
        && surname.cap
        && surname.span.end + 1 == given.span.start
        && bytes.get(surname.span.end) == Some(&b' ')
        && lex.word_info(&key(surname_word)).stop.is_none()
        && lex.title(surname_word).is_none()
        && lex.is_syllable(&lower(given.text(text)))
        && lex.is_syllable(t.text(text));
    joined.then_some(given)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn chunk_texts(text: &str) -> Vec<String> {
        let lex = Lexicon::load().unwrap();
        let mut doc = Doc::new(
            text,
            &crate::extract::segment::sentences(text),
            &crate::extract::Ranges::default(),
            &lex,
        );
        doc.chunks(&lex)
            .iter()
            .map(|c| {
                let a = doc.toks[c.toks.start].span.start;
                let b = doc.toks[c.toks.end - 1].span.end;
                text[a..b].to_string()
            })
            .collect()
    }

    #[test]
    fn connectors_join_names() {
        assert_eq!(
            chunk_texts("He joined the Ministry of Fisheries and Acme & Sons on Monday."),
            ["Ministry of Fisheries", "Acme & Sons"]
        );
    }

    #[test]
    fn nickname_and_particles_stay_inside() {
        assert_eq!(
            chunk_texts("Talks with Gen. Bob “Ace” Marsh and Karim Abd al-Hadi."),
            ["Gen. Bob “Ace” Marsh", "Karim Abd al-Hadi"]
        );
    }

    #[test]
    fn sentence_starters_are_not_names() {
        assert_eq!(
            chunk_texts("Despite the rain, Farid Ozal won. Earlier, Tanzil lost."),
            ["Farid Ozal", "Tanzil"]
        );
    }

    #[test]
    fn uncertain_word_followed_by_name_opens_a_chunk() {
        assert_eq!(
            chunk_texts("Zorblat Industries said so."),
            ["Zorblat Industries"]
        );
    }

    #[test]
    fn furniture_is_blocked() {
        assert!(
            chunk_texts("Kofi Mensah smiled. Getty Images")
                .iter()
                .all(|c| !c.contains("Getty"))
        );
    }
}
