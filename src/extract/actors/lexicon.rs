//! The recognizer's word lists, read once from `assets/actors/*` (compiled into the
//! binary with `include_str!`): stop-words, titles, organization keywords, known
//! actors and aliases, places, demonyms, given names and page furniture.

use crate::hashing::{Map, Set};

use super::token::{key, tokenize};
use super::{ActorError, ActorKind};

const STOPWORDS: &str = include_str!("../../../assets/actors/stopwords.txt");
const TITLES: &str = include_str!("../../../assets/actors/titles.txt");
const KEYWORDS: &str = include_str!("../../../assets/actors/org_keywords.tsv");
const KNOWN: &str = include_str!("../../../assets/actors/known.tsv");
const PLACES: &str = include_str!("../../../assets/actors/places.tsv");
const DEMONYMS: &str = include_str!("../../../assets/actors/demonyms.tsv");
const FIRST_NAMES: &str = include_str!("../../../assets/actors/firstnames.txt");
const SURNAMES: &str = include_str!("../../../assets/actors/surnames.txt");
const SYLLABLES: &str = include_str!("../../../assets/actors/syllables.tsv");
const FURNITURE: &str = include_str!("../../../assets/actors/furniture.txt");
const STATES: &str = include_str!("../../../assets/actors/state_abbreviations.tsv");
const COMMON_WORDS: &str = include_str!("../../../assets/actors/common_words.txt");
const PERSON_CUES: &str = include_str!("../../../assets/actors/person_cues.tsv");

/// The words of `person_cues.tsv` by class: words around an unknown name that say
/// it is a person's.
#[derive(Debug, Default)]
pub(crate) struct PersonCues {
    /// A verb right after the name ("died").
    pub life: Set<String>,
    /// A participle after "was" right after the name ("sworn").
    pub passive: Set<String>,
    /// Kin or a lawyer ("wife", "lawyer").
    pub relation: Set<String>,
    /// More kin, only before "of" ("widow").
    pub kin: Set<String>,
    /// What only a person has, after a possessive ("funeral").
    pub owned: Set<String>,
    /// Nouns for people that head an apposition ("doctor").
    pub person: Set<String>,
}

/// Why a capitalised word is not a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// A common word that opens sentences: not a name where capitalisation is uncertain.
    Starter,
    /// Weekday, month or a capitalised non-actor word: never a name.
    Never,
}

/// How a title word is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Title {
    /// Introduces a name ("Col.", "President") or ends an apposition ("spokesman").
    Lead,
    /// Only part of a longer title ("Secretary of State", "Chief of Staff").
    Part,
    /// A title that is also a common adjective or noun ("major", "general", "head"):
    /// a title when capitalised, never when lower case.
    Adjective,
    /// An occupation that is also a common surname ("singer", "painter", "boxer"):
    /// a role when lower case ("singer Ayra Starr"), a name when capitalised.
    Trade,
}

impl Title {
    /// The class of a listed title written with a capital (`cap`) or without one;
    /// `None` for a trade written with a capital (a surname: "Singer").
    pub fn as_written(self, cap: bool) -> Option<Title> {
        match self {
            Title::Adjective if cap => Some(Title::Lead),
            Title::Adjective => Some(Title::Part),
            Title::Trade if cap => None,
            Title::Trade => Some(Title::Lead),
            t => Some(t),
        }
    }
}

/// Multi-token names by their lower-cased first token: the lower-cased tokens and the
/// key of the known name (`None` for furniture).
pub(crate) type Phrases = Map<String, Vec<(Vec<String>, Option<String>)>>;

/// Another reading of an ambiguous known name, chosen when one of its cue words
/// occurs in the article (known.tsv lines ending in "if: word|word").
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    pub entry: Entry,
    pub cues: Vec<String>,
}

/// What a known name denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Actor kind.
    pub kind: ActorKind,
    /// Canonical actor name.
    pub canonical: String,
    /// For capitals: the country whose government the capital may stand for.
    pub capital_of: Option<String>,
    /// True for demonyms and adjectives ("Iraqi").
    pub demonym: bool,
    /// True for names of countries (and their short forms: "US", "UK").
    pub country: bool,
}

impl Entry {
    fn new(kind: ActorKind, canonical: &str) -> Self {
        Entry {
            kind,
            canonical: canonical.to_string(),
            capital_of: None,
            demonym: false,
            country: false,
        }
    }
}

/// All word lists, built once.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub stop: Map<String, Stop>,
    pub titles: Map<String, Title>,
    /// Titles that only ever come before a person's name ("Mrs", "Lord"), by key.
    courtesy: Set<String>,
    /// Other readings of ambiguous known names ("RSF": Reporters Without Borders,
    /// or in Sudan's war the Rapid Support Forces), by name.
    readings: Map<String, Vec<Reading>>,
    pub keywords: Map<String, ActorKind>,
    /// Known names by their text, tokens joined by one space.
    pub entries: Map<String, Entry>,
    /// Multi-token known names and furniture by lower-cased first token: lower-cased
    /// token sequences, longest first; `None` entry = furniture.
    pub phrases: Phrases,
    pub first_names: Set<String>,
    pub surnames: Set<String>,
    /// Towns (places.tsv kind `town`), as written: no known place, but an unknown
    /// name that is one is guessed a place rather than a body ([`Lexicon::is_town`]).
    towns: Set<&'static str>,
    /// Common English words in lower case (common_words.txt), for
    /// [`Lexicon::is_common_word`].
    common: Set<&'static str>,
    /// Phrases after which names are credits, not actors ("Reporting by"), lower case.
    pub credits: Vec<Vec<String>>,
    /// The first words of `credits`.
    pub credit_firsts: Set<String>,
    /// Verbs of saying ("said", "told"): the capitalised word before one is a name.
    pub speech: Set<String>,
    /// Religions' adjectives ("Muslim", "Catholic"), lower case: no actor alone, but
    /// they open a body's name ("Muslim Brotherhood").
    pub religions: Set<String>,
    /// Keywords that end a company name ("Inc.", "Ltd.").
    pub suffixes: Set<String>,
    /// Keywords that name a body alone ("Congress", "Parliament"), lower case.
    pub alone: Set<String>,
    /// Words that say a name is a person's (person_cues.tsv).
    pub cues: PersonCues,
    /// Words that make a run no actor when they open it ("Hurricane", "Typhoon"),
    /// lower case.
    pub opens: Set<String>,
    /// Romanised Korean and Chinese syllables as initials, nuclei and finals
    /// (syllables.tsv), for [`Lexicon::is_syllable`].
    syllables: [Vec<String>; 3],
    /// US state abbreviations (AP style) by their lower-cased letters without
    /// periods ("calif", "nj") → the state's name.
    pub states: Map<String, String>,
    /// The most chars in a key of `states`.
    longest_state: usize,
    /// What the look-ups made for every token need of a word, by its [`key`]: one
    /// hash look-up per token instead of one per list.
    words: Map<String, WordInfo>,
}

/// The per-token facts of a word ([`Lexicon::word_info`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// Its stop class.
    pub stop: Option<Stop>,
    /// It is the first word of a credit phrase.
    pub credit_first: bool,
    /// In lower case, it is the first word of a known phrase (`phrases`).
    pub phrase_first: bool,
    /// Its title class as listed (before [`Title::as_written`]).
    pub title: Option<Title>,
    /// Its organization-keyword kind.
    pub keyword: Option<ActorKind>,
}

/// The words that end a company's name (marked `suffix` in org_keywords.tsv, as
/// written there: "inc", "n.v").
pub fn company_suffixes() -> impl Iterator<Item = &'static str> {
    lines(KEYWORDS)
        .filter_map(|l| l.strip_suffix("\tsuffix"))
        .filter_map(|l| l.split('\t').next())
}

/// Data lines of an asset: trimmed, without comments and blank lines.
pub(crate) fn lines(asset: &str) -> impl Iterator<Item = &str> {
    asset
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Splits a TSV line into exactly `n` fields.
fn fields<'a>(line: &'a str, n: usize, file: &str) -> Result<Vec<&'a str>, ActorError> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() == n {
        Ok(f)
    } else {
        Err(ActorError(format!(
            "{file}: expected {n} tab-separated fields: {line:?}"
        )))
    }
}

fn kind(label: &str, file: &str) -> Result<ActorKind, ActorError> {
    Ok(match label {
        "person" => ActorKind::Person,
        "organization" => ActorKind::Organization,
        "group" => ActorKind::Group,
        "place" | "country" | "capital" | "city" | "region" | "continent" => ActorKind::Place,
        "other" => ActorKind::Other,
        _ => return Err(ActorError(format!("{file}: unknown kind {label:?}"))),
    })
}

/// The lookup key of a state abbreviation: lower case, periods dropped.
fn state_key(word: &str) -> String {
    word.chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .collect()
}

impl Lexicon {
    /// The US state that `word` abbreviates ("Calif.", "N.J", "MICH"), if any.
    pub fn state(&self, word: &str) -> Option<&str> {
        // Each char but a period gives the key at least one char: a longer word (most
        // names asked about are) is no abbreviation, and need not be lower-cased.
        let mut chars = word.chars().filter(|c| *c != '.');
        if chars.nth(self.longest_state).is_some() {
            return None;
        }
        self.states.get(&state_key(word)).map(String::as_str)
    }

    /// Parses every asset.
    pub fn load() -> Result<Self, ActorError> {
        let mut lex = Self {
            stop: Map::default(),
            titles: Map::default(),
            courtesy: Set::default(),
            readings: Map::default(),
            keywords: Map::default(),
            entries: Map::default(),
            phrases: Map::default(),
            first_names: lines(FIRST_NAMES).map(str::to_string).collect(),
            suffixes: Set::default(),
            alone: Set::default(),
            cues: PersonCues::default(),
            opens: Set::default(),
            syllables: Default::default(),
            credits: Vec::new(),
            credit_firsts: Set::default(),
            speech: Set::default(),
            religions: Set::default(),
            surnames: lines(SURNAMES).map(str::to_string).collect(),
            towns: Set::default(),
            common: lines(COMMON_WORDS).collect(),
            states: Map::default(),
            longest_state: 0,
            words: Map::default(),
        };
        for line in lines(STATES) {
            let f = fields(line, 2, "state_abbreviations.tsv")?;
            lex.states.insert(state_key(f[0]), f[1].to_string());
        }
        lex.longest_state = lex
            .states
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);
        lex.load_lists()?;
        lex.load_entries()?;
        for line in lines(FURNITURE) {
            match line.split_once('\t') {
                Some(("credit", phrase)) => lex.credits.push(
                    tokenize(phrase)
                        .iter()
                        .map(|t| t.text(phrase).to_lowercase())
                        .collect(),
                ),
                Some(_) => return Err(ActorError(format!("furniture.txt: bad line {line:?}"))),
                None => lex.add_phrase(line, None),
            }
        }
        lex.credit_firsts = lex
            .credits
            .iter()
            .filter_map(|p| p.first().cloned())
            .collect();
        for list in lex.phrases.values_mut() {
            list.sort_by_key(|(toks, _)| std::cmp::Reverse(toks.len()));
        }
        let mut words: Map<String, WordInfo> = Map::default();
        for (word, stop) in &lex.stop {
            words.entry(word.clone()).or_default().stop = Some(*stop);
        }
        for word in &lex.credit_firsts {
            words.entry(word.clone()).or_default().credit_first = true;
        }
        for word in lex.phrases.keys() {
            words.entry(word.clone()).or_default().phrase_first = true;
        }
        for (word, title) in &lex.titles {
            words.entry(word.clone()).or_default().title = Some(*title);
        }
        for (word, kind) in &lex.keywords {
            words.entry(word.clone()).or_default().keyword = Some(*kind);
        }
        lex.words = words;
        Ok(lex)
    }

    fn load_lists(&mut self) -> Result<(), ActorError> {
        for line in lines(STOPWORDS) {
            let f = fields(line, 2, "stopwords.txt")?;
            let class = match f[0] {
                "starter" => Stop::Starter,
                "speech" => {
                    self.speech.insert(f[1].to_lowercase());
                    Stop::Starter
                }
                "religion" => {
                    self.religions.insert(f[1].to_lowercase());
                    Stop::Never
                }
                _ => Stop::Never,
            };
            self.stop.insert(f[1].to_lowercase(), class);
        }
        for line in lines(PERSON_CUES) {
            let f = fields(line, 2, "person_cues.tsv")?;
            let set = match f[0] {
                "life" => &mut self.cues.life,
                "passive" => &mut self.cues.passive,
                "relation" => &mut self.cues.relation,
                "kin" => &mut self.cues.kin,
                "owned" => &mut self.cues.owned,
                "person" => &mut self.cues.person,
                other => {
                    return Err(ActorError(format!(
                        "person_cues.tsv: unknown class {other:?}: {line:?}"
                    )));
                }
            };
            set.insert(f[1].to_string());
        }
        for line in lines(TITLES) {
            let f = fields(line, 2, "titles.txt")?;
            let class = match f[0] {
                "part" => Title::Part,
                "adjective" => Title::Adjective,
                "trade" => Title::Trade,
                "courtesy" => {
                    self.courtesy.insert(f[1].to_string());
                    Title::Lead
                }
                _ => Title::Lead,
            };
            self.titles.entry(f[1].to_string()).or_insert(class);
        }
        for line in lines(KEYWORDS) {
            let (line, suffix) = match line.strip_suffix("\tsuffix") {
                Some(l) => (l, true),
                None => (line, false),
            };
            let (line, alone) = match line.strip_suffix("\talone") {
                Some(l) => (l, true),
                None => (line, false),
            };
            if let Some(l) = line.strip_suffix("\topens") {
                let f = fields(l, 2, "org_keywords.tsv")?;
                self.opens.insert(f[0].to_string());
                continue;
            }
            let f = fields(line, 2, "org_keywords.tsv")?;
            self.keywords
                .insert(f[0].to_string(), kind(f[1], "org_keywords.tsv")?);
            if suffix {
                self.suffixes.insert(f[0].to_string());
            }
            if alone {
                self.alone.insert(f[0].to_string());
            }
        }
        for line in lines(SYLLABLES) {
            let f = fields(line, 2, "syllables.tsv")?;
            let part = match f[0] {
                "initial" => 0,
                "nucleus" => 1,
                "final" => 2,
                other => return Err(ActorError(format!("syllables.tsv: unknown part {other:?}"))),
            };
            if let Some(list) = self.syllables.get_mut(part) {
                list.extend(f[1].split_whitespace().map(str::to_string));
            }
        }
        Ok(())
    }

    /// Loads known.tsv, then places and demonyms (the first file to name a name wins).
    fn load_entries(&mut self) -> Result<(), ActorError> {
        for line in lines(KNOWN) {
            // An ambiguous name's other readings carry the words that choose them.
            let (line, cues) = match line.split_once("\tif: ") {
                Some((l, cues)) => (l, Some(cues)),
                None => (line, None),
            };
            let f = fields(line, 3, "known.tsv")?;
            let kind = kind(f[1], "known.tsv")?;
            match cues {
                Some(cues) => {
                    let cues: Vec<String> = cues.split('|').map(|c| c.trim().to_string()).collect();
                    let reading = Reading {
                        entry: Entry::new(kind, f[2]),
                        cues,
                    };
                    // Found by the name as written in a mention (white space already
                    // single), looked up for every known name in every article.
                    self.readings
                        .entry(f[0].to_string())
                        .or_default()
                        .push(reading);
                }
                None => self.add_entry(f[0], Entry::new(kind, f[2])),
            }
        }
        for line in lines(PLACES) {
            let f = fields(line, 3, "places.tsv")?;
            if f[1] == "town" {
                self.towns.insert(f[0]);
                continue;
            }
            let canonical = if f[1] == "country" { f[2] } else { f[0] };
            let entry = Entry {
                capital_of: (f[1] == "capital").then(|| f[2].to_string()),
                country: f[1] == "country",
                ..Entry::new(ActorKind::Place, canonical)
            };
            self.add_entry(f[0], entry);
        }
        self.load_demonyms()?;
        self.mark_countries();
        Ok(())
    }

    fn load_demonyms(&mut self) -> Result<(), ActorError> {
        for line in lines(DEMONYMS) {
            let f = fields(line, 2, "demonyms.tsv")?;
            let entry = Entry {
                demonym: true,
                ..Entry::new(ActorKind::Place, f[1])
            };
            // Plural nouns: "Singaporeans", "Iraqis" (not "Swiss", "Chinese", "Dutch").
            if !f[0].ends_with(['s', 'h', 'e']) {
                self.add_entry(&format!("{}s", f[0]), entry.clone());
            }
            self.add_entry(f[0], entry);
        }
        Ok(())
    }

    /// Marks short forms of countries ("US", "UK" in known.tsv) as countries too.
    fn mark_countries(&mut self) {
        let countries: Set<String> = self
            .entries
            .values()
            .filter(|e| e.country)
            .map(|e| e.canonical.clone())
            .collect();
        for e in self.entries.values_mut() {
            if e.kind == ActorKind::Place && !e.demonym && countries.contains(&e.canonical) {
                e.country = true;
            }
        }
    }

    /// Adds a known name; the first file to name it wins (known.tsv before places).
    fn add_entry(&mut self, name: &str, entry: Entry) {
        let joined = normal_key(name);
        if self.entries.contains_key(&joined) {
            return;
        }
        if joined.contains(' ') {
            self.add_phrase(name, Some(joined.clone()));
        }
        // A name with lower-case words or inner capitals ("Rio de Janeiro",
        // "McDonald's") is found in capitals ("RIO DE JANEIRO, March 3 -") through its
        // title case, which [`Lexicon::entry`] tries for a word not in title case.
        let titled = title_case(&joined);
        if titled != joined && !self.entries.contains_key(&titled) {
            self.entries.insert(titled, entry.clone());
        }
        self.entries.insert(joined, entry);
    }

    fn add_phrase(&mut self, phrase: &str, entry_key: Option<String>) {
        let toks: Vec<String> = tokenize(phrase)
            .iter()
            .map(|t| t.text(phrase).to_lowercase())
            .collect();
        if let Some(first) = toks.first().cloned() {
            self.phrases
                .entry(first)
                .or_default()
                .push((toks, entry_key));
        }
    }

    /// Looks up a name given as its text (tokens joined by single spaces); all-caps
    /// words also match their title-case form ("ERBIL" → "Erbil").
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.get(name).or_else(|| {
            (name.len() > 3 && !is_title_case(name))
                .then(|| with_title_case(name, |t| self.entries.get(t)))
                .flatten()
        })
    }

    /// The per-token facts of a word by its [`key`] (all unset for other words).
    pub fn word_info(&self, key: &str) -> WordInfo {
        match self.words.get(key) {
            Some(info) => *info,
            None => WordInfo {
                title: self.compound_title(key),
                ..WordInfo::default()
            },
        }
    }

    /// Title class of a word, if any; capitalised adjective titles ("Major") count as
    /// titles, lower-case ones as parts.
    pub fn title(&self, word: &str) -> Option<Title> {
        let k = key(word);
        let t = match self.titles.get(k.as_ref()) {
            Some(t) => *t,
            None => self.compound_title(&k)?,
        };
        let cap = word.chars().next().is_some_and(char::is_uppercase);
        t.as_written(cap)
    }

    /// The title class of a hyphenated title made of listed ones ("secretary-general",
    /// "vice-president", "commander-in-chief", "ex-president"): the strongest class
    /// among its parts, the links "in", "of", "at", the prefixes "ex", "then" and the
    /// suffixes "elect", "designate" aside. `None` if a part is neither.
    fn compound_title(&self, key: &str) -> Option<Title> {
        if !key.as_bytes().contains(&b'-') {
            return None;
        }
        let mut class = None;
        for part in key.split('-') {
            match self.titles.get(part) {
                Some(Title::Lead | Title::Trade) => class = Some(Title::Lead),
                Some(Title::Adjective) if class != Some(Title::Lead) => {
                    class = Some(Title::Adjective);
                }
                Some(_) => class = class.or(Some(Title::Part)),
                None if matches!(
                    part,
                    "in" | "of" | "at" | "ex" | "then" | "elect" | "designate"
                ) => {}
                None => return None,
            }
        }
        class
    }

    /// Keyword kind of a word, if any.
    pub fn keyword(&self, word: &str) -> Option<ActorKind> {
        self.keywords.get(key(word).as_ref()).copied()
    }

    /// True for a listed surname (also when written in capitals).
    pub fn is_surname(&self, word: &str) -> bool {
        let listed = |w: &str| {
            self.surnames.contains(w)
                || (!is_title_case(w) && with_title_case(w, |t| self.surnames.contains(t)))
        };
        listed(word) || fold_accents(word).is_some_and(|w| listed(&w))
    }

    /// True for a romanised Korean or Chinese syllable in lower case ("jae", "moon",
    /// "hsiao"): an optional initial, a nucleus, an optional final.
    pub fn is_syllable(&self, word: &str) -> bool {
        let [initials, nuclei, finals] = &self.syllables;
        fn opt(list: &[String]) -> impl Iterator<Item = &str> {
            std::iter::once("").chain(list.iter().map(String::as_str))
        }
        opt(initials).any(|i| {
            word.strip_prefix(i).is_some_and(|rest| {
                opt(finals).any(|f| {
                    rest.strip_suffix(f)
                        .is_some_and(|n| nuclei.iter().any(|x| x == n))
                })
            })
        })
    }

    /// True for a company-name suffix ("Inc.").
    pub fn is_suffix(&self, word: &str) -> bool {
        self.suffixes.contains(key(word).as_ref())
    }

    /// Whether `name` (tokens joined by one space, as written) is a town of
    /// places.tsv: a place of 15,000 to 100,000 people, too many of which share
    /// their name with a firm or a family ("Goodyear", "Takahashi") to be known
    /// places, but which an unknown name more likely is than a body.
    pub fn is_town(&self, name: &str) -> bool {
        self.towns.contains(name)
    }

    /// True for a common English word ("Economists", "Record", "PARENT") that is no
    /// known name or given name: capitalised where capitalisation is uncertain, it
    /// is no name by itself. Surnames that are such words ("Parent") are too: a
    /// person introduced in full ("Ann Parent") makes the word a name in the rest of
    /// the text, and the word lists write the surnames of the famous capitalised
    /// ("Rice", "Bush"), which keeps them out of common_words.txt.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.common.contains(key(word).as_ref())
            && self.entry(word).is_none()
            && !self.is_first_name(word)
    }

    /// The reading of the known name `name` (usually the actor `usual`) that `text`
    /// calls for: the first other reading one of whose cue words occurs in it as a
    /// word ("Sudan", "Darfur" for the Rapid Support Forces); `None` keeps the usual
    /// reading, also when the text names that one in full ("Reporters Without
    /// Borders (RSF)" in a report on Darfur).
    pub fn reading_in(&self, name: &str, usual: &str, text: &str) -> Option<&Entry> {
        let readings = self.readings.get(name)?;
        if crate::extract::has_word(text, usual) {
            return None;
        }
        readings
            .iter()
            .find(|r| r.cues.iter().any(|c| crate::extract::has_word(text, c)))
            .map(|r| &r.entry)
    }

    /// Whether `word` is a courtesy title ("Mrs", "Lord", "Dr."): the name after it
    /// is a person's, whatever word it is. In capitals it is an abbreviation ("MS
    /// Net", "DR Congo").
    pub fn is_courtesy(&self, word: &str) -> bool {
        let capitals = word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        !capitals && self.courtesy.contains(key(word).as_ref())
    }

    /// True for a listed given name (also when written in capitals, and with its
    /// accents: "Néstor" is the listed "Nestor").
    pub fn is_first_name(&self, word: &str) -> bool {
        let listed = |w: &str| {
            self.first_names.contains(w)
                || (!is_title_case(w) && with_title_case(w, |t| self.first_names.contains(t)))
        };
        listed(word) || fold_accents(word).is_some_and(|w| listed(&w))
    }
}

/// `word` with the accents of Latin letters taken off ("Néstor" → "Nestor",
/// "Gonçalves" → "Goncalves"), as the census name lists write names; `None` when it
/// has none (ASCII words, other scripts).
pub(crate) fn fold_accents(word: &str) -> Option<String> {
    if word.is_ascii() {
        return None;
    }
    let mut changed = false;
    let folded: String = word
        .chars()
        .map(|c| {
            let base = base_letter(c);
            changed |= base != c;
            base
        })
        .collect();
    changed.then_some(folded)
}

/// The unaccented letter of an accented Latin letter of Latin-1 and Latin
/// Extended-A, and of the horned o and u of Vietnamese, else `c` (Vietnamese's tone
/// marks, of Latin Extended Additional, are left as written).
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => 'C',
        'ď' | 'đ' => 'd',
        'Ď' | 'Đ' => 'D',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => 'G',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => 'I',
        'ľ' | 'ł' | 'ĺ' | 'ļ' => 'l',
        'Ľ' | 'Ł' | 'Ĺ' | 'Ļ' => 'L',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' | 'Ơ' => 'O',
        'ŕ' | 'ř' | 'ŗ' => 'r',
        'Ŕ' | 'Ř' | 'Ŗ' => 'R',
        'ś' | 'ş' | 'š' | 'ș' => 's',
        'Ś' | 'Ş' | 'Š' | 'Ș' => 'S',
        'ţ' | 'ť' | 'ț' => 't',
        'Ţ' | 'Ť' | 'Ț' => 'T',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' | 'Ư' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' | 'Ÿ' => 'Y',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        other => other,
    }
}

/// The text of a name with its tokens joined by single spaces.
pub(crate) fn normal_key(name: &str) -> String {
    tokenize(name)
        .iter()
        .map(|t| t.text(name))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `s` is its own [`title_case`] (then looking that up again is no use).
fn is_title_case(s: &str) -> bool {
    let mut start = true;
    s.chars().all(|c| {
        let ok = if c.is_ascii() {
            // An ASCII char maps to itself or to the other ASCII case.
            if start {
                !c.is_ascii_lowercase()
            } else {
                !c.is_ascii_uppercase()
            }
        } else if start {
            c.to_uppercase().eq(std::iter::once(c))
        } else {
            c.to_lowercase().eq(std::iter::once(c))
        };
        start = !c.is_alphanumeric();
        ok
    })
}

/// Calls `f` with [`title_case`] of `s`, made on the stack for a short ASCII `s`
/// (the look-ups of every capitalised word need no allocation).
fn with_title_case<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const INLINE: usize = 32;
    let mut buf = [0u8; INLINE];
    match buf.get_mut(..s.len()).filter(|_| s.is_ascii()) {
        Some(out) => {
            for (o, b) in out.iter_mut().zip(ascii_title_case(s)) {
                *o = b;
            }
            // ASCII in, ASCII out: always UTF-8.
            f(std::str::from_utf8(out).unwrap_or_default())
        }
        None => f(&title_case(s)),
    }
}

/// The bytes of [`title_case`] of an ASCII `s`: an ASCII letter's case mapping is
/// ASCII, and byte by byte it costs a tenth of the Unicode mapping (most look-ups
/// are of ASCII words).
fn ascii_title_case(s: &str) -> impl Iterator<Item = u8> + '_ {
    let mut start = true;
    s.bytes().map(move |b| {
        let c = match start {
            true => b.to_ascii_uppercase(),
            false => b.to_ascii_lowercase(),
        };
        start = !b.is_ascii_alphanumeric();
        c
    })
}

/// "ERBIL" → "Erbil", word by word (hyphen parts too).
fn title_case(s: &str) -> String {
    if s.is_ascii() {
        return ascii_title_case(s).map(char::from).collect();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn assets_load_and_classify() {
        let lex = Lexicon::load().unwrap();
        assert_eq!(lex.entry("Daesh").unwrap().canonical, "Islamic State");
        assert_eq!(
            lex.entry("Pentagon").unwrap().canonical,
            "U.S. Department of Defense"
        );
        assert_eq!(
            lex.entry("BAGHDAD").unwrap().capital_of.as_deref(),
            Some("Iraq")
        );
        assert!(lex.entry("Iraqi").unwrap().demonym);
        assert_eq!(lex.word_info(&key("Wednesday")).stop, Some(Stop::Never));
        assert_eq!(lex.word_info(&key("Despite")).stop, Some(Stop::Starter));
        // A religion's adjective is no name alone; a legislature's word is one.
        assert_eq!(lex.word_info(&key("Catholic")).stop, Some(Stop::Never));
        assert!(lex.religions.contains("catholic") && !lex.religions.contains("senate"));
        assert!(lex.alone.contains("parliament") && !lex.alone.contains("ministry"));
        assert_eq!(lex.keyword("Francs"), Some(ActorKind::Other));
        assert!(lex.opens.contains("hurricane") && lex.keyword("Hurricane").is_none());
        // Every class of person_cues.tsv is read.
        let c = &lex.cues;
        assert!(c.life.contains("died") && c.passive.contains("sworn"));
        assert!(c.relation.contains("wife") && c.kin.contains("widow"));
        assert!(c.owned.contains("funeral") && c.person.contains("doctor"));
        assert!(!c.person.contains("died") && !c.life.contains("doctor"));
        assert!(lex.word_info("getty").phrase_first);
        assert_eq!(lex.word_info("zebrafish"), WordInfo::default());
        assert_eq!(lex.word_info("well-known"), WordInfo::default());
        assert_eq!(lex.title("Col."), Some(Title::Lead));
        assert_eq!(lex.keyword("Inc."), Some(ActorKind::Organization));
        assert!(lex.is_first_name("Lloyd"));
        assert!(lex.phrases.contains_key("getty"));
    }

    #[test]
    fn towns_are_no_known_places_and_no_names_or_words() {
        let lex = Lexicon::load().unwrap();
        for town in ["Hinche", "Tulkarm", "Ramallah", "Jesús María", "Duluth"] {
            assert!(lex.is_town(town), "{town}");
            assert!(lex.entry(town).is_none(), "{town} is a known place");
        }
        // Towns named like a word, a given name or a surname, and the bigger
        // cities (known places), are no towns.
        for name in ["Police", "Nelson", "Reda", "Adams", "Kyiv", "hinche"] {
            assert!(!lex.is_town(name), "{name}");
        }
        assert!(lex.entry("Kyiv").is_some());
    }

    #[test]
    fn common_words_are_lower_case_words_that_name_nothing_known() {
        let lex = Lexicon::load().unwrap();
        for w in ["Economists", "RECORD", "payment", "Dealers", "YIELD"] {
            assert!(lex.is_common_word(w), "{w}");
        }
        // Proper nouns in the word lists ("Apple", "Shell", the surname "Baker"), known
        // names ("Labour") and given names ("Grace") are no common words here.
        for w in [
            "Apple", "Shell", "Labour", "Grace", "Baker", "Zentrak", "Iraq",
        ] {
            assert!(!lex.is_common_word(w), "{w}");
        }
        assert!(
            lines(COMMON_WORDS).all(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
        );
    }

    #[test]
    fn hand_written_lists_name_countries_as_places_tsv_does() {
        // A country's name in places.tsv → its canonical name there.
        let canonical: Map<&str, &str> = lines(PLACES)
            .filter_map(|l| {
                let mut f = l.split('\t');
                let (name, kind, country) = (f.next()?, f.next()?, f.next()?);
                (kind == "country").then_some((name, country))
            })
            .collect();
        let known = lines(KNOWN).filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.get(1) == Some(&"place"))
                .then(|| f.get(2).copied())
                .flatten()
        });
        let demonyms = lines(DEMONYMS).filter_map(|l| l.split('\t').nth(1));
        for place in known.chain(demonyms) {
            if let Some(&c) = canonical.get(place) {
                assert_eq!(c, place, "{place} is named {c} in places.tsv");
            }
        }
    }

    #[test]
    fn hyphenated_titles_take_their_parts_class() {
        let lex = Lexicon::load().unwrap();
        for lead in [
            "Director-General",
            "Vice-President",
            "Commander-in-Chief",
            "ex-Governor",
            "President-elect",
        ] {
            assert_eq!(lex.title(lead), Some(Title::Lead), "{lead}");
            assert_eq!(lex.word_info(&key(lead)).title, Some(Title::Lead), "{lead}");
        }
        // Adjective titles alone are titles only when capitalised.
        assert_eq!(lex.title("Major-General"), Some(Title::Lead));
        assert_eq!(lex.title("major-general"), Some(Title::Part));
        for none in ["Abu-Dhabi", "Coca-Cola", "in-of", "President-elected"] {
            assert_eq!(lex.title(none), None, "{none}");
        }
    }

    #[test]
    fn trades_are_roles_only_in_lower_case() {
        let lex = Lexicon::load().unwrap();
        for trade in ["singer", "driver", "boxer"] {
            assert_eq!(lex.title(trade), Some(Title::Lead), "{trade}");
            let cap = format!("{}{}", trade[..1].to_uppercase(), &trade[1..]);
            assert_eq!(lex.title(&cap), None, "{cap}");
        }
        // An ordinary role is one either way.
        assert_eq!(lex.title("Comedian"), Some(Title::Lead));
    }

    #[test]
    fn syllables_are_romanised_korean_and_chinese() {
        let lex = Lexicon::load().unwrap();
        for s in [
            "jae", "in", "ki", "moon", "jong", "un", "geun", "hye", "myung", "bak", "yeol", "teng",
            "hui", "ching", "kuo", "hsiao", "ping", "doo", "hwan", "young", "eun",
        ] {
            assert!(lex.is_syllable(s), "{s}");
        }
        for s in [
            "led", "era", "backed", "based", "run-", "trump", "", "strong",
        ] {
            assert!(!lex.is_syllable(s), "{s}");
        }
    }

    #[test]
    fn titles_and_keywords_have_letters() {
        // A Doc gives punctuation tokens no title and no keyword without looking.
        let lex = Lexicon::load().unwrap();
        let has_letters = |w: &String| w.chars().any(char::is_alphanumeric);
        assert!(lex.titles.keys().all(has_letters));
        assert!(lex.keywords.keys().all(has_letters));
    }

    #[test]
    fn title_case_handles_hyphens() {
        assert_eq!(title_case("ABU-DHABI CITY"), "Abu-Dhabi City");
        for s in [
            "Abu-Dhabi City",
            "ABU-DHABI",
            "erbil",
            "Erbil",
            "O'Neil",
            "İzmir",
            "ß",
            "Ǆemal",
            "3M",
        ] {
            assert_eq!(is_title_case(s), title_case(s) == s, "{s}");
            assert_eq!(with_title_case(s, str::to_string), title_case(s), "{s}");
        }
    }
}
