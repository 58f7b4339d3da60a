//! Tense of the clause around an expression, from the cue words of
//! `assets/timex/tense.tsv` (will, is set to, said, -ed verbs, …): the cue nearest
//! to the expression in its sentence decides. Cues of another clause do not count: after a
//! `boundary` word, across a quotation mark, or inside a comma-delimited relative clause with
//! a time of its own ("the envoy, who landed Monday, leaves Friday").

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use regex_automata::{meta, util::syntax};

use super::{CALENDAR_NAMES, RuleError};
use crate::extract::segment;

const TENSE: &str = include_str!("../../../assets/timex/tense.tsv");
/// Irregular simple-past forms (one a line), extra cues of the class `pastverb`.
const PAST_IRREGULAR: &str = include_str!("../../../assets/timex/past_irregular.txt");

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
    /// A past-tense lexical verb close to the expression ("withdrew", "went"): the past
    /// holds even for a month or day most of a year back.
    pub firm: bool,
    /// The cue is a present-perfect auxiliary ("has", "have"): past for a month, but no
    /// direction for a weekday or clock time, which the perfect does not take ("has given
    /// them until Tuesday").
    pub perfect: bool,
    /// The cue is a present progressive ("is traveling") or a modal of possibility
    /// ("may", "could"): an arrangement or a prospect ahead for a day, but no direction
    /// for a month ("is continuing … under a June agreement", "the February data may
    /// show …").
    pub progressive: bool,
    /// The expression dates the story's dateline ("NEW YORK, March 3 -"): the day of
    /// writing, nearest the publication date, whatever the tense.
    pub dateline: bool,
    /// The cue is the verb of which the expression's noun phrase is the subject
    /// ("Sunday's vote [is expected to] …"): it tells when that event is.
    pub subject: bool,
}

impl Tense {
    /// Present tense without a cue.
    pub(crate) fn none() -> Self {
        Self {
            kind: TenseKind::Present,
            cue: None,
            firm: false,
            perfect: false,
            progressive: false,
            dateline: false,
            subject: false,
        }
    }

    /// No direction: the expression dates the story's dateline.
    pub(crate) fn dateline() -> Self {
        Self {
            dateline: true,
            ..Self::none()
        }
    }

    /// "past tense ("said")" for derivations.
    pub(crate) fn describe(&self) -> String {
        if self.dateline {
            return "dateline (the day of writing, whatever the tense)".into();
        }
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

/// Distance (bytes) within which a past-tense lexical verb makes the past firm.
const FIRM_REACH: usize = 40;

/// Bytes either side of an expression within which its tense is looked for: a
/// clause runs much shorter, and a run-on "sentence" (a table, a text without
/// punctuation) would otherwise be read whole for every expression in it.
const CUE_REACH: usize = 1000;

/// Bytes a headline runs to at most: a longer first line is a paragraph.
const HEADLINE_LEN: usize = 160;

/// The cue classes of `tense.tsv`, in the order they are tried at one position.
/// `ability` (a past ability of perceiving: "could hear", "could be heard") is read
/// as the past and comes first, before the future's "could be …".
const CLASSES: [&str; 10] = [
    "ability",
    "future",
    "progressive",
    "report",
    "past",
    "modal",
    "pastverb",
    "perfect",
    "present",
    "weak",
];

/// Index of the class `pastverb` in [`CLASSES`], which the irregular forms join.
const PASTVERB: usize = 6;

/// The compiled cue matcher. A clone shares the automata, with its own caches.
#[derive(Debug, Clone)]
pub(crate) struct TenseCues {
    /// All cues, one pattern per class of [`classes`](Self::classes).
    re: meta::Regex,
    /// The class of each pattern of `re`.
    classes: Vec<&'static str>,
    /// Words opening an embedded clause after the expression (class `boundary`): cues
    /// beyond them belong to that clause ("issued a statement Friday saying … will").
    boundary: Option<Regex>,
    /// Plans told in a headline (class `headline`, "Rebels to Hold Talks Monday"):
    /// read only on a headline line, before the expression.
    headline: Option<Regex>,
    /// Verbs after which "to" is a preposition in a headline ("Shares Rise to Record
    /// High Monday"; class `motion`), in lower case.
    motion: Vec<String>,
    /// Verbs of lasting (class `lasting`) after which "through" a day in the
    /// present reaches into the future ("runs through Sunday"), in lower case.
    lasting: Vec<String>,
}

impl TenseCues {
    /// Compiles the cue table.
    pub(crate) fn new() -> Result<Self, RuleError> {
        let mut cues: [Vec<&str>; 10] = Default::default();
        let mut boundaries: Vec<&str> = Vec::new();
        let mut headlines: Vec<&str> = Vec::new();
        let mut perception: Vec<&str> = Vec::new();
        let mut motion: Vec<String> = Vec::new();
        let mut lasting: Vec<String> = Vec::new();
        for (n, line) in TENSE.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(word) = line.strip_prefix("boundary\t") {
                boundaries.push(word.trim());
                continue;
            }
            if let Some(cue) = line.strip_prefix("headline\t") {
                headlines.push(cue.trim());
                continue;
            }
            if let Some(verb) = line.strip_prefix("motion\t") {
                motion.push(verb.trim().to_ascii_lowercase());
                continue;
            }
            if let Some(verb) = line.strip_prefix("lasting\t") {
                lasting.push(verb.trim().to_ascii_lowercase());
                continue;
            }
            if let Some(verb) = line.strip_prefix("perception\t") {
                perception.push(verb.trim());
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
        let irregular: Vec<String> = PAST_IRREGULAR
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .map(regex::escape)
            .collect();
        if let Some(past) = cues.get_mut(PASTVERB) {
            past.extend(irregular.iter().map(String::as_str));
        }
        // One pattern per class, searched together: a match says its class by its
        // pattern index, with no capture groups to resolve (several times faster).
        // Word characters (`\w`) are ASCII, like the word boundaries: the automaton
        // that finds where a cue starts, built lazily backwards from its end, was
        // six times the cost of the rest of the search with Unicode's letters.
        // `%perception` in a cue stands for the verbs of class `perception`.
        let perceive = format!("(?:{})", perception.join("|"));
        let (classes, patterns): (Vec<&'static str>, Vec<String>) = CLASSES
            .iter()
            .zip(&cues)
            .filter(|(_, list)| !list.is_empty())
            .map(|(class, list)| {
                let alternatives = list
                    .join("|")
                    .replace("%perception", &perceive)
                    .replace(r"\w", "[[:word:]]");
                (*class, format!(r"(?-u:\b)(?:{alternatives})(?-u:\b)"))
            })
            .unzip();
        let re = meta::Regex::builder()
            .syntax(syntax::Config::new().case_insensitive(true))
            .build_many(&patterns)
            .map_err(|e| RuleError(format!("tense.tsv: {e}")))?;
        let words = |list: &[&str]| -> Result<Option<Regex>, RuleError> {
            if list.is_empty() {
                return Ok(None);
            }
            RegexBuilder::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", list.join("|")))
                .case_insensitive(true)
                .build()
                .map(Some)
                .map_err(|e| RuleError(format!("tense.tsv: {e}")))
        };
        Ok(Self {
            re,
            classes,
            boundary: words(&boundaries)?,
            headline: words(&headlines)?,
            motion,
            lasting,
        })
    }

    /// The tense of `sentence` as seen from the expression at `span` (both byte ranges of `text`).
    pub(crate) fn at(&self, text: &str, sentence: Range<usize>, span: Range<usize>) -> Tense {
        // "since October", "(ever) since Monday", "since the August bank holiday": the
        // point a state is counted from lies behind the clause's time, whatever its verb.
        let (before, at) = word_and_start_before(text, span.start);
        let before = if before.eq_ignore_ascii_case("the") {
            word_before(text, at)
        } else {
            before
        };
        if before.eq_ignore_ascii_case("since") {
            return Tense {
                kind: TenseKind::Past,
                cue: Some("since".into()),
                firm: true,
                ..Tense::none()
            };
        }
        // "declared Tuesday a national holiday": a day named for what it will be
        // lies ahead of the naming.
        if let Some(verb) = designates(text, &span) {
            return Tense {
                kind: TenseKind::Future,
                cue: Some(verb.into()),
                ..Tense::none()
            };
        }
        // "The final is on Saturday evening": what is set for a day is yet to come.
        if let Some(copula) = scheduled(text, &span) {
            return Tense {
                kind: TenseKind::Future,
                cue: Some(copula.into()),
                ..Tense::none()
            };
        }
        let sentence = clause(
            text,
            segment::around(text, sentence, &span, CUE_REACH),
            &span,
        );
        let Some(s) = text.get(sentence.clone()) else {
            return Tense::none();
        };
        // Cues after the first clause boundary after the expression do not count
        // (searched with the expression's text before it, so that a boundary that
        // opens with a comma right after the expression is one: "[this weekend], and
        // officials have …").
        let mut limit = text
            .get(..sentence.end)
            .filter(|_| span.end <= sentence.end)
            .and_then(|upto| self.boundary.as_ref()?.find_at(upto, span.end))
            .map_or(sentence.end, |b| b.start());
        // An expression inside a relative clause between commas takes the tense of that
        // clause only ("the bill, which passed [Tuesday], goes to …").
        let own = parenthetical_around(text, sentence.clone(), &span);
        if let Some(p) = &own {
            limit = limit.min(p.end);
        }
        // An expression at the end of a relative clause with a verb of its own has
        // that verb's tense; the verb after it is the main clause's ("a centre that
        // opened in [August] will employ 400 people").
        if self.relative_before(text, sentence.start, &span) {
            limit = limit.min(span.end);
        }
        // "In a televised address at 20:30 GMT on [Monday], the prime minister said
        // …": a longer adverbial phrase before the clause, with no verb of its own.
        let fronted = fronted(text, sentence.clone(), &span)
            || text
                .get(sentence.start..span.start.max(sentence.start))
                .is_some_and(|before| {
                    adverbial(before, text.get(span.end..sentence.end).unwrap_or_default())
                        && self.re.find(before).is_none()
                });
        // (outside the own clause?, weak?, distance) orders the cues: any strong cue
        // beats every weak one.
        let mut best: Option<((bool, bool, usize), Tense)> = None;
        for m in self.re.find_iter(s) {
            let (start, end) = (sentence.start + m.start(), sentence.start + m.end());
            // Matches come in order: none from here on counts.
            if start >= limit {
                break;
            }
            if start < span.end && end > span.start {
                continue;
            }
            // A cue inside another relative clause is that clause's ("the minister, who
            // arrived Monday, leaves [Friday]"), a cue across a quotation mark the
            // speaker's ("'… is closing fast,' he said over [the weekend]").
            let cue = start..end;
            if own.as_ref().is_none_or(|p| !p.contains(&start))
                && parenthetical_around(text, sentence.clone(), &cue)
                    .is_some_and(|p| p.end <= span.start || p.start >= span.end)
            {
                continue;
            }
            let between = text
                .get(end.min(span.start)..start.max(span.end))
                .unwrap_or_default();
            if between.contains(['"', '“', '”']) || between.contains("``") || between.contains("''")
            {
                continue;
            }
            let class = self
                .classes
                .get(m.pattern().as_usize())
                .copied()
                .unwrap_or("weak");
            // Cues after the expression count a little less than cues before it. A
            // verb of the past right before it, a preposition between, is the verb the
            // expression dates, nearer than any cue after it ("the cuts announced in
            // [March] will take effect in July").
            let governs = end <= span.start
                && matches!(class, "weak" | "report" | "pastverb")
                && text
                    .get(end..span.start)
                    .is_some_and(|gap| GOVERNING_GAPS.contains(&gap.trim()))
                && !looks_ahead(cue_word(text, &cue))
                // Not a participle after "to" or "be" ("to be completed during …").
                && !["to", "be", "been", "being"]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(word_before(text, start)));
            let dist = if governs {
                0
            } else if end <= span.start {
                span.start - end
            } else {
                (start - span.end) * 3 / 2
            };
            // "starting" looks ahead to the date it opens ("starting Monday", "starting
            // in March"); after the date it opens a clause of its own ("rose in
            // February, starting a rally"). "coming" looks ahead only right before
            // its date ("this coming Monday"), not as a verb ("coming after a weak
            // January").
            let cue_is = |w: &str| {
                text.get(cue.clone())
                    .is_some_and(|c| c.eq_ignore_ascii_case(w))
            };
            let right_before = || {
                text.get(end..span.start)
                    .is_some_and(|gap| matches!(gap.trim(), "" | "the" | "The"))
            };
            // An obligation with its deadline ("must be in by [Friday]") dates only the
            // expression right after its preposition, not one further on ("must heed
            // a report issued by a panel in [December]"), and none across "have"
            // ("must surely have died by Saturday": a guess about the past, which the
            // past cue "must have" tells only right after "must").
            let must = cue_word(text, &cue).eq_ignore_ascii_case("must");
            if must
                && text.get(cue.clone()).is_some_and(|c| {
                    c.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("have") || w.ends_with("'ve"))
                })
            {
                continue;
            }
            if class == "future"
                && (start >= span.end && cue_is("starting")
                    || (cue_is("coming") || must) && !right_before())
            {
                continue;
            }
            // "the next morning" counts on from a date of the story, not from now;
            // "due diligence" and "due process" owe nothing to the future.
            if class == "future"
                && (anaphoric_next(text, &cue)
                    || idiom_due(text, &cue)
                    || after_superlative(text, &cue)
                    || as_expected(text, &cue)
                    || infinitive_timetable(text, &cue)
                    || past_intention(text, &cue, start >= span.end)
                    || (start >= span.end && noun_plan(text, &cue)))
            {
                continue;
            }
            // A modal after the expression more often belongs to a clause of its own
            // ("investors pondered [over the weekend] … the step could signal …", "as
            // forecast in [the Autumn] Statement, inflation may …"), unless the
            // expression is set before its clause ("In March, prices could …").
            if class == "modal" && start >= span.end && !fronted {
                continue;
            }
            // "will last", "is expected to last until Sunday": the verb, no past cue.
            if class == "past"
                && (verb_last(text, &cue) || compares(text, &cue) || determined_last(text, &cue))
            {
                continue;
            }
            // "a subdued Black Friday", "will remain closed Tuesday": a participle as
            // an adjective tells no past; the clause's own verb does.
            if matches!(class, "weak" | "pastverb") && adjectival(text, &cue) {
                continue;
            }
            // The second half of a hyphenated adjective ("the seventh-ranked Hawks",
            // "a state-owned bank", "Iran-backed militias") is no verb.
            if class == "weak" && text.get(..start).is_some_and(|b| b.ends_with('-')) {
                continue;
            }
            // ", compared with …", ", based in …": a preposition after a comma (but
            // "This compared with …" is the clause's verb).
            if class == "weak"
                && s.get(m.range()).is_some_and(is_preposition_ed)
                && text
                    .get(sentence.start..start)
                    .is_some_and(|b| b.trim_end().ends_with([',', '(']))
            {
                continue;
            }
            // A capitalised word in "-ed" is a name ("United States", "Mohammed"), not a
            // verb, unless it opens the sentence ("Asked about it, …").
            if class == "weak"
                && s.get(m.range())
                    .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
                && start > sentence.start
            {
                continue;
            }
            // A date set before its clause dates the act of that clause's verb: "On
            // Friday, the government planned …" planned on Friday, a past day.
            let after = start > span.end;
            let planned_then = fronted && after && class == "future" && {
                let verb = cue_word(text, &cue);
                verb.len() > 4 && verb.to_ascii_lowercase().ends_with("ed")
            };
            let kind = match class {
                _ if planned_then => TenseKind::Past,
                "future" | "progressive" | "modal" => TenseKind::Future,
                "present" => TenseKind::Present,
                _ => TenseKind::Past,
            };
            let weak = matches!(class, "weak" | "report") && dist > REPORT_REACH;
            // A regular -ed verb right before the expression is firm too ("ended Jan. 31").
            // A time set before its clause ("In January, a bomb killed …") is governed
            // by the clause's verb however far it comes.
            let cue_word = s.get(m.range()).unwrap_or_default();
            let firm = (class == "pastverb" && (dist <= FIRM_REACH || fronted && after))
                || (class == "weak"
                    && end <= span.start
                    && verb_object_only(text.get(end..span.start).unwrap_or("-")))
                || (class == "weak"
                    && !looks_ahead(cue_word)
                    && (fronted && after
                        || end <= span.start
                            && past_act(
                                text.get(sentence.start..start).unwrap_or_default(),
                                text.get(end..span.start).unwrap_or("-"),
                            )));
            // The first verb after a date set before its clause is the clause's. A cue
            // of the expression's own relative clause beats every cue outside it ("said
            // it would replace the spire, which collapsed on [Monday evening]").
            let outside = own.as_ref().is_some_and(|p| !p.contains(&start));
            let rank = (outside, weak && !(fronted && after), dist);
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((
                    rank,
                    Tense {
                        kind,
                        cue: s.get(m.range()).map(str::to_string),
                        firm,
                        perfect: class == "perfect",
                        progressive: matches!(class, "progressive" | "modal"),
                        dateline: false,
                        subject: false,
                    },
                ));
            }
        }
        let mut tense = best.map(|(_, t)| t).unwrap_or_else(Tense::none);
        // A headline tells its acts in the present and its plans with "to" ("Rebels to
        // Hold Talks Monday"): such a plan before the expression makes it the future.
        // With no cue at all, any verb with its object after "to" is a plan ("Farmers
        // to Block Roads Monday").
        let plan = self.headline_plan(text, &span).or_else(|| {
            tense
                .cue
                .is_none()
                .then(|| self.headline_infinitive(text, &span))
                .flatten()
        });
        if let Some(plan) = plan {
            tense = Tense {
                kind: TenseKind::Future,
                cue: Some(plan),
                firm: false,
                perfect: false,
                progressive: false,
                dateline: false,
                subject: false,
            };
        }
        // "The exhibition is open until Friday", "the festival runs through Sunday": a
        // present state that lasts until a day lasts into the future. "through" only
        // after a verb of lasting (class `lasting`): "the three business days through
        // Monday", "November through March" are stretches of the past as well.
        let (until, until_at) = word_and_start_before(text, span.start);
        let lasting = || {
            let verb = word_before(text, until_at);
            self.lasting.iter().any(|w| w.eq_ignore_ascii_case(verb))
        };
        if tense.kind == TenseKind::Present
            && (UNTIL.iter().any(|w| w.eq_ignore_ascii_case(until))
                || (until.eq_ignore_ascii_case("through") && lasting()))
        {
            tense = Tense {
                kind: TenseKind::Future,
                cue: Some(until.to_string()),
                ..Tense::none()
            };
        }
        if tense.firm && !governed(text, span.start) {
            tense.firm = false;
        }
        tense
    }
}

/// Prepositions after which a present state lasts into the future ("is open until
/// Friday").
const UNTIL: [&str; 2] = ["until", "till"];

/// Words a possessive weekday's noun phrase runs to at most before its verb
/// ("Sunday's vote on the new charter [is expected to] …").
const SUBJECT_WORDS: usize = 6;

/// Bytes after a possessive weekday within which its noun phrase's verb is looked for.
const SUBJECT_REACH: usize = 80;

impl TenseCues {
    /// The tense of the verb after a possessive weekday's noun phrase, of which the
    /// phrase is the subject: "[Sunday]'s vote is expected to …" (future), "[Sunday]'s
    /// vote was marred by …" (past). `end` is the end of the weekday, before its "'s";
    /// `None` unless the phrase opens its clause (not "in response to Tuesday's
    /// report that farmers intend to …") and a future or past cue follows the noun
    /// within it (a word right after the "'s" belongs to the noun phrase: "Sunday's
    /// delayed vote").
    pub(crate) fn of_subject(
        &self,
        text: &str,
        sentence: Range<usize>,
        span: &Range<usize>,
    ) -> Option<Tense> {
        if !opens_clause(text.get(sentence.start..span.start.max(sentence.start))?) {
            return None;
        }
        let end = span.end;
        let after = text.get(end..sentence.end.max(end))?;
        let rest = after
            .strip_prefix("'s")
            .or_else(|| after.strip_prefix("’s"))?;
        let mut stop = rest
            .find([',', ';', ':', '.', '!', '?', '"', '“', '”', '(', ')'])
            .unwrap_or(rest.len())
            .min(SUBJECT_REACH);
        while !rest.is_char_boundary(stop) {
            stop -= 1;
        }
        let window = rest.get(..stop)?;
        for m in self.re.find_iter(window) {
            let words = window.get(..m.start())?.split_whitespace().count();
            if words == 0 {
                continue;
            }
            if words > SUBJECT_WORDS {
                return None;
            }
            let class = self.classes.get(m.pattern().as_usize()).copied()?;
            let kind = match class {
                "future" | "modal" => TenseKind::Future,
                "past" | "pastverb" | "report" | "weak" => TenseKind::Past,
                _ => return None,
            };
            return Some(Tense {
                kind,
                cue: window.get(m.range()).map(str::to_string),
                subject: true,
                ..Tense::none()
            });
        }
        None
    }

    /// The plan ("to hold") before `span` on its line, if that line is a headline.
    fn headline_plan(&self, text: &str, span: &Range<usize>) -> Option<String> {
        let re = self.headline.as_ref()?;
        // Only a short line can be a headline: looking no further than that keeps a
        // text without line breaks from being read whole for every expression.
        let line = super::short_line_at(text, span.start, HEADLINE_LEN)?;
        if !headline_line(text, line.clone()) {
            return None;
        }
        let before = text.get(line.start..span.start)?;
        re.find_iter(before)
            .filter(|m| {
                // "Year to end-March" is no plan.
                !before.get(m.end()..).is_some_and(|r| r.starts_with('-'))
            })
            .last()
            .map(|m| m.as_str().to_string())
    }

    /// A plan told in a headline by "to" with a verb and its object before the
    /// expression ("Farmers to Block Roads Monday"): "to" + a word + another word,
    /// where the word before "to" is no verb of class `motion` (after which "to" is a
    /// preposition: "Prices Rise to Record High Monday"). A word right before the
    /// expression ("Shares Rise to Record Monday") may be a noun: no plan.
    fn headline_infinitive(&self, text: &str, span: &Range<usize>) -> Option<String> {
        let line = super::short_line_at(text, span.start, HEADLINE_LEN)?;
        if !headline_line(text, line.clone()) {
            return None;
        }
        let before = text.get(line.start..span.start)?;
        let words: Vec<&str> = before.split_whitespace().collect();
        let found = words.windows(4).rev().find(|w| {
            let [w0, to, w1, w2] = w else {
                return false;
            };
            let word = |s: &str| s.len() > 1 && s.bytes().all(|b| b.is_ascii_alphabetic());
            to.eq_ignore_ascii_case("to")
                && word(w1)
                && word(w2)
                && !w0.ends_with([',', ';', ':'])
                && !self.motion.iter().any(|m| {
                    m.eq_ignore_ascii_case(w0.trim_matches(|c: char| !c.is_alphanumeric()))
                })
        });
        found.and_then(|w| Some(format!("{} {}", w.get(1)?, w.get(2)?)))
    }
}

/// Words after which a noun phrase opens a clause ("said that Sunday's vote was …";
/// not "and", which joins noun phrases as often: "from Sunday's and Monday's voting").
const CLAUSE_OPENERS: [&str; 10] = [
    "but", "that", "while", "as", "although", "though", "when", "because", "if", "so",
];

/// Whether what comes before an expression in its sentence (`before`) leaves it
/// opening a clause: nothing, a punctuation mark, or a word of [`CLAUSE_OPENERS`].
fn opens_clause(before: &str) -> bool {
    let before = before.trim_end();
    let Some(last) = before.chars().next_back() else {
        return true;
    };
    if !last.is_alphanumeric() {
        return [',', ';', ':', '"', '“', '(', '-', '–', '—', '\''].contains(&last)
            || before.ends_with("``");
    }
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    CLAUSE_OPENERS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `line` (a line of `text`) is a headline: a short line, the first of the
/// text or set in headline capitals, with no sentence ending in it or at its end.
fn headline_line(text: &str, line: Range<usize>) -> bool {
    let Some(words) = text.get(line.clone()) else {
        return false;
    };
    let first = text.get(..line.start).is_some_and(|b| b.trim().is_empty());
    words.len() <= HEADLINE_LEN
        && !ends_sentence(words)
        && !words
            .trim_end()
            .ends_with(['.', '?', '!', ':', ';', '"', '”'])
        && (first || super::headline_capitals(words))
}

/// Whether a full stop followed by a space ends a sentence inside `words`; one after
/// an initialism ("U.K. Strike Talks to Resume Tuesday") does not.
fn ends_sentence(words: &str) -> bool {
    words.match_indices(". ").any(|(i, _)| {
        let token = words
            .get(..i)
            .and_then(|b| b.rsplit(char::is_whitespace).next())
            .unwrap_or_default();
        let initialism = token.contains('.')
            && token
                .split('.')
                .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
        !initialism
    })
}

/// Narrows `sentence` to the clause around `span`: between the nearest `.`, `!`, `?`
/// or `;` followed by white space on either side (the segmenter may join sentences
/// across quotes).
fn clause(text: &str, sentence: Range<usize>, span: &Range<usize>) -> Range<usize> {
    let Some(s) = text.get(sentence.clone()) else {
        return sentence;
    };
    let bytes = s.as_bytes();
    // A full stop before a lower-case word or a number ends an abbreviation ("Sept. 14"),
    // also in brackets ("10 a.m. (0700 GMT)").
    let next_word = |i: usize| {
        bytes
            .get(i + 1..)
            .and_then(|rest| {
                rest.iter()
                    .find(|b| !b.is_ascii_whitespace() && !matches!(b, b'(' | b'['))
            })
            .copied()
    };
    // A title or short form ("Roe vs. Wade", "Smith Corp. Chairman") keeps its period.
    let abbreviation_before = |i: usize| {
        let word = s.get(..i).map_or("", |b| {
            b.rsplit(|c: char| !(c.is_alphanumeric() || c == '.'))
                .next()
                .unwrap_or_default()
        });
        segment::is_abbreviation(word)
    };
    let is_break = |i: usize| {
        let Some(&c) = bytes.get(i) else { return false };
        matches!(c, b'.' | b'!' | b'?' | b';' | b':')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
            && !(c == b'.'
                && (next_word(i).is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    || abbreviation_before(i)))
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

/// Units after "the next" that make it a date counted from the story's own
/// ("the next morning", "the next day"), not a look ahead.
const STORY_UNITS: [&str; 9] = [
    "day",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "month",
    "year",
];

/// Whether the cue at `cue` is "next" + a unit of [`STORY_UNITS`] after "the".
fn anaphoric_next(text: &str, cue: &Range<usize>) -> bool {
    let Some(words) = text.get(cue.clone()) else {
        return false;
    };
    let mut words = words.split_whitespace();
    let next = words.next().is_some_and(|w| w.eq_ignore_ascii_case("next"));
    let unit = words.next().is_some_and(|w| {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        STORY_UNITS.iter().any(|u| u.eq_ignore_ascii_case(w))
    });
    let the = text
        .get(..cue.start)
        .and_then(|b| b.trim_end().rsplit(char::is_whitespace).next())
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    next && unit && the
}

/// The first word of the cue at `cue` ("" if none).
fn cue_word<'t>(text: &'t str, cue: &Range<usize>) -> &'t str {
    text.get(cue.clone())
        .and_then(|c| c.split_whitespace().next())
        .unwrap_or_default()
}

/// Whether the cue at `cue` is "expected" in a comparison with the expectation
/// ("prices rose more than expected", "as expected"), which tells no future.
fn as_expected(text: &str, cue: &Range<usize>) -> bool {
    let expected = text
        .get(cue.clone())
        .is_some_and(|c| c.eq_ignore_ascii_case("expected"));
    let before = word_before(text, cue.start);
    expected
        && ["than", "as"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(before))
}

/// Whether the cue at `cue` is an intention told in the past ("hoped to", "sought to")
/// that does not look ahead for the expression: one after it dates the intention
/// itself ("on Friday sought to dispel"), one after "had" was not carried out ("had
/// intended to file a plan in February").
fn past_intention(text: &str, cue: &Range<usize>, after: bool) -> bool {
    const INTENDED: &[&str] = &["hoped", "wanted", "sought", "intended", "aimed", "wished"];
    let first = cue_word(text, cue);
    INTENDED.iter().any(|w| w.eq_ignore_ascii_case(first))
        && (after || word_before(text, cue.start).eq_ignore_ascii_case("had"))
}

/// Whether the timetable cue at `cue` is a verb after "to" or an auxiliary ("fell 50
/// cents on Friday to open at $20", "the talks may resume on Sunday"): that word,
/// not a timetable, tells the clause's time.
fn infinitive_timetable(text: &str, cue: &Range<usize>) -> bool {
    const TIMETABLE: &[&str] = &["open", "reopen", "resume", "begin", "kick"];
    let first = cue_word(text, cue);
    // ([`BEFORE_VERB`] holds "to".)
    let before = word_before(text, cue.start);
    TIMETABLE.iter().any(|w| w.eq_ignore_ascii_case(first))
        && BEFORE_VERB.iter().any(|w| w.eq_ignore_ascii_case(before))
}

/// Whether the cue at `cue` is the noun "plan" after a determiner ("agreed on
/// Saturday on a plan to …"): after the expression it names the plan, not the
/// clause's time (before it, "announced a plan to vote on Sunday", the date is the
/// plan's).
fn noun_plan(text: &str, cue: &Range<usize>) -> bool {
    let plan = text.get(cue.clone()).is_some_and(|c| {
        c.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("plan"))
            && !c.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("plans"))
    });
    let before = word_before(text, cue.start);
    plan && [
        "a", "the", "its", "their", "his", "her", "our", "this", "that", "new",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(before))
}

/// Words that open the noun phrase after "due to" meaning "because of" ("due to the
/// cold", "due to lower margins"); a verb there makes a plan ("due to expire").
const CAUSE_OPENERS: [&str; 31] = [
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "that",
    "these",
    "those",
    "lower",
    "higher",
    "low",
    "high",
    "weak",
    "weaker",
    "strong",
    "stronger",
    "poor",
    "bad",
    "heavy",
    "rising",
    "falling",
    "increased",
    "reduced",
    "continued",
    "lack",
    "concerns",
    "problems",
];

/// Whether the cue at `cue` is "due" in an idiom that is no deadline ("due
/// diligence", "due process", "with due respect") or "due to" meaning "because of".
fn idiom_due(text: &str, cue: &Range<usize>) -> bool {
    let is_due = text
        .get(cue.clone())
        .is_some_and(|c| c.eq_ignore_ascii_case("due"));
    let next = text
        .get(cue.end..)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    // "due to" before a noun phrase, not after a form of "be", is "because of"
    // ("sales slumped in March due to the cold", "fell due to lower margins"); "is due
    // to expire", "talks, due to resume on Monday, …" look ahead.
    let after_to = text
        .get(cue.end..)
        .and_then(|rest| rest.split_whitespace().nth(1))
        .unwrap_or_default();
    let noun_phrase = after_to.starts_with(|c: char| c.is_ascii_digit())
        || CAUSE_OPENERS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(after_to));
    let because = next.eq_ignore_ascii_case("to")
        && noun_phrase
        && ![
            "is", "are", "was", "were", "be", "been", "s", "now", "also", "still", "not",
        ]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word_before(text, cue.start)));
    is_due
        && (because
            || [
                "diligence",
                "process",
                "respect",
                "regard",
                "care",
                "consideration",
            ]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(next)))
}

/// Words after which "to" opens a relative infinitive, not a plan ("the first World
/// Cup to be played in November").
const SUPERLATIVES: [&str; 4] = ["first", "last", "only", "latest"];

/// Whether the cue at `cue` starts with "to" and "the" with one of [`SUPERLATIVES`]
/// stands at most four words before it ("was the first World Cup [to be] played in
/// November"; not "last week appeared to be").
fn after_superlative(text: &str, cue: &Range<usize>) -> bool {
    if !cue_word(text, cue).eq_ignore_ascii_case("to") {
        return false;
    }
    let words: Vec<&str> = text
        .get(..cue.start)
        .unwrap_or_default()
        .split_whitespace()
        .rev()
        .take(5)
        .collect();
    words.windows(2).any(|pair| {
        let [word, det] = pair else { return false };
        det.eq_ignore_ascii_case("the") && SUPERLATIVES.iter().any(|s| s.eq_ignore_ascii_case(word))
    })
}

/// Words that make "last" a verb right after them ("will last", "expected to last").
const BEFORE_VERB: [&str; 12] = [
    "will", "would", "could", "may", "might", "can", "must", "should", "shall", "to", "ll", "not",
];

/// Adverbs that may stand between a modal and its verb ("will probably last").
const MODAL_ADVERBS: [&str; 8] = [
    "only", "also", "still", "well", "even", "probably", "likely", "easily",
];

/// Words after "last" that make it the adjective of a time ("to last year's level",
/// "will last week's rally hold"), besides the [`CALENDAR_NAMES`] but "may" ("the
/// last may be …").
const LAST_OF: [&str; 26] = [
    "week", "weeks", "weekend", "month", "months", "year", "years", "night", "day", "days", "time",
    "quarter", "season", "decade", "century", "hour", "hours", "minute", "minutes", "summer",
    "winter", "spring", "fall", "autumn", "term", "session",
];

/// Whether the one-word cue at `cue` is a participle used as an adjective: after an
/// article or a possessive ("a subdued Black Friday"), opening the object of a verb
/// in the present or of a preposition ([`PARTICIPLE_OBJECT`]), after a verb of state
/// that is no past itself ("will remain closed Tuesday") or a present "is" ("the
/// courthouse is closed on Thursday", "after the budget is released March 17"), or a
/// passive that looks ahead ("is to be completed in October", "will be closed"; not
/// "could not be reached").
fn adjectival(text: &str, cue: &Range<usize>) -> bool {
    const BEFORE: &[&str] = &[
        "a", "an", "the", "its", "their", "his", "her", "our", "remain", "remains", "stay",
        "stays", "become", "becomes", "seem", "seems", "appear", "appears", "is", "are", "am",
    ];
    let one_word = text
        .get(cue.clone())
        .is_some_and(|c| !c.contains(char::is_whitespace));
    let before = word_before(text, cue.start);
    // A passive that looks ahead: "is to be completed by", "will be closed Tuesday".
    let ahead = before.eq_ignore_ascii_case("be")
        && text.get(..cue.start).is_some_and(|head| {
            let head = head.trim_end();
            let aux = word_before(head, head.len().saturating_sub(2));
            [
                "to", "will", "would", "ll", "shall", "should", "must", "may", "might",
            ]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(aux))
        });
    one_word
        && (ahead
            || BEFORE
                .iter()
                .chain(PARTICIPLE_OBJECT)
                .any(|w| w.eq_ignore_ascii_case(before)))
}

/// Verbs in the present and prepositions after which a participle opens their object
/// as an adjective ("expect scattered showers late Sunday", "with increased security
/// on Friday"). Not "many" or "some", after which it opens a clause of the past ("many
/// arrested on Friday remain in custody").
const PARTICIPLE_OBJECT: &[&str] = &[
    "expect",
    "expects",
    "forecast",
    "forecasts",
    "predict",
    "predicts",
    "see",
    "sees",
    "want",
    "wants",
    "need",
    "needs",
    "with",
    "of",
];

/// Whether the cue at `cue` is a comparative before "than" ("will open at 5 p.m. on
/// Thanksgiving Day, an hour earlier than last year"): a comparison of times, not a
/// tense.
fn compares(text: &str, cue: &Range<usize>) -> bool {
    text.get(cue.end..)
        .and_then(|rest| rest.split_whitespace().next())
        .is_some_and(|w| w.eq_ignore_ascii_case("than"))
}

/// Whether the past cue at `cue` is the verb "last" after a modal or "to" ("the curfew
/// will last from Friday to Sunday", "is expected to last until Sunday"), not the
/// adjective ("to last year's level").
fn verb_last(text: &str, cue: &Range<usize>) -> bool {
    if !text
        .get(cue.clone())
        .is_some_and(|c| c.eq_ignore_ascii_case("last"))
    {
        return false;
    }
    let next = text
        .get(cue.end..)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default();
    let next = next
        .split(['\'', '’'])
        .next()
        .unwrap_or_default()
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let named = |w: &&str| w.eq_ignore_ascii_case(next);
    let calendar = CALENDAR_NAMES.iter().filter(|w| **w != "may").any(named);
    if LAST_OF.iter().any(named) || calendar {
        return false;
    }
    let mut at = cue.start;
    for _ in 0..3 {
        let word = word_before(text, at);
        if BEFORE_VERB.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            return true;
        }
        if !MODAL_ADVERBS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            return false;
        }
        at = text
            .get(..at)
            .map_or(0, |b| b.trim_end().len() - word.len());
    }
    false
}

/// Relative pronouns that open a clause of their own.
const RELATIVES: [&str; 3] = ["that", "which", "who"];

/// Words at most between a relative pronoun and an expression of its clause.
const RELATIVE_WORDS: usize = 6;

impl TenseCues {
    /// Whether the expression at `span` ends a relative clause opened after
    /// `sentence_start` ("that opened in", "which was signed on"): a relative pronoun
    /// at most [`RELATIVE_WORDS`] words before it, a tense cue and no comma between.
    /// The cues after the expression are then the main clause's.
    fn relative_before(&self, text: &str, sentence_start: usize, span: &Range<usize>) -> bool {
        let Some(before) = text.get(sentence_start..span.start) else {
            return false;
        };
        let Some(pronoun) = before
            .split_whitespace()
            .rev()
            .take(RELATIVE_WORDS + 1)
            .skip(1)
            .find(|w| RELATIVES.iter().any(|r| r.eq_ignore_ascii_case(w)))
        else {
            return false;
        };
        // The clause: from after the pronoun (a slice of `before`) to the expression.
        let after_pronoun = pronoun.as_ptr() as usize - before.as_ptr() as usize + pronoun.len();
        before.get(after_pronoun..).is_some_and(|clause| {
            !clause.contains([',', ';', '"', '“']) && self.re.find(clause).is_some()
        })
    }
}

/// Whether the past cue at `cue` is the adjective "last" after a determiner ("will
/// play his last warm-up match this weekend", "the last time"), which tells no tense;
/// "his last visit" dates nothing by itself either.
fn determined_last(text: &str, cue: &Range<usize>) -> bool {
    const DETERMINERS: [&str; 9] = [
        "the", "a", "his", "her", "its", "their", "our", "my", "your",
    ];
    text.get(cue.clone())
        .is_some_and(|c| c.eq_ignore_ascii_case("last"))
        && DETERMINERS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(word_before(text, cue.start)))
}

/// Prepositions that may open a time adverbial set before its clause ("In January, …").
const FRONTING: [&str; 4] = ["in", "on", "during", "by"];

/// Whether the expression at `span` is a time adverbial set before the rest of its
/// clause (`clause`): nothing but one of [`FRONTING`] before it, a comma after it
/// ("In January, a bombing killed …", "On Friday, the army said …").
fn fronted(text: &str, clause: Range<usize>, span: &Range<usize>) -> bool {
    let before = text
        .get(clause.start..span.start.max(clause.start))
        .unwrap_or("-")
        .trim();
    let after = text.get(span.end..clause.end).unwrap_or_default();
    (before.is_empty() || FRONTING.iter().any(|p| p.eq_ignore_ascii_case(before)))
        && after.starts_with(',')
}

/// Words of a fronted adverbial phrase at most ([`adverbial`]).
const ADVERBIAL_WORDS: usize = 10;

/// Whether `before` (a clause's text before an expression) and `after` (its text
/// after) make the expression the end of a prepositional phrase set before its
/// clause: `before` opens with one of [`FRONTING`] or a capitalised participle,
/// holds no comma and at most [`ADVERBIAL_WORDS`] words, and a comma follows the
/// expression. Whether it holds a verb is the caller's to check.
fn adverbial(before: &str, after: &str) -> bool {
    let mut words = before.split_whitespace();
    // Or a participle ("Speaking at a media preview on Monday, the minister said …").
    let opens = words.next().is_some_and(|w| {
        FRONTING.iter().any(|p| p.eq_ignore_ascii_case(w))
            || w.len() > 5 && w.ends_with("ing") && w.starts_with(|c: char| c.is_ascii_uppercase())
    });
    opens
        && words.count() < ADVERBIAL_WORDS
        && !before.contains([',', ';', ':', '"', '“'])
        && after.starts_with(',')
}

/// Verbs that name a day for what it will be ("declared Tuesday a national
/// holiday", "proclaimed Friday a day of mourning").
const DESIGNATING: [&str; 5] = ["declared", "declares", "proclaimed", "designated", "named"];

/// The present copula before "on" right before the expression, which sets an
/// event for its day ("the final is on Saturday", "redemption at par is on
/// September 7"), unless its subject is a day or a placeholder ("today is on …",
/// "it is on Monday that …") or the day is told by a clause of its own ("the
/// closest comparison is on Monday, when shares fell"). Not the copula alone: "the
/// deadliest day so far is Monday" sums up the past.
fn scheduled<'t>(text: &'t str, span: &Range<usize>) -> Option<&'t str> {
    let (on, at) = word_and_start_before(text, span.start);
    if !on.eq_ignore_ascii_case("on") {
        return None;
    }
    let (word, at) = word_and_start_before(text, at);
    let copula = ["is", "are"].iter().any(|c| c.eq_ignore_ascii_case(word));
    let subject = word_before(text, at);
    let placeholder = [
        "today",
        "tonight",
        "tomorrow",
        "yesterday",
        "it",
        "this",
        "that",
        "what",
        "there",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(subject));
    let after = text.get(span.end..).unwrap_or_default();
    let after = after.trim_start_matches([',', ' ']);
    let told = after
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("when "));
    (copula && !placeholder && !told).then_some(word)
}

/// The designating verb right before the expression at `span` (or before the day
/// named with it) when "a", "an", "as", "public", "national" or "official" follows
/// it (or the day named with it): "declared [Saturday] a national day of mourning",
/// "declared Monday and [Tuesday] public holidays".
fn designates<'t>(text: &'t str, span: &Range<usize>) -> Option<&'t str> {
    let linked = |w: &str| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or");
    let (mut verb, at) = word_and_start_before(text, span.start);
    // The second of two days named together ("declared Monday and [Tuesday] public
    // holidays"): the verb before the first.
    if linked(verb) {
        let (_, first_at) = word_and_start_before(text, at);
        verb = word_before(text, first_at);
    }
    let mut after = text.get(span.end..).unwrap_or_default().trim_start();
    // The first of two ("declared [Monday] and Tuesday public holidays").
    if let Some((link, rest)) = after.split_once(' ')
        && linked(link)
    {
        after = rest.split_once(' ').map_or("", |(_, r)| r);
    }
    let object = ["a ", "an ", "as ", "public ", "national ", "official "]
        .iter()
        .any(|w| {
            after
                .get(..w.len())
                .is_some_and(|a| a.eq_ignore_ascii_case(w))
        });
    (object && DESIGNATING.iter().any(|d| d.eq_ignore_ascii_case(verb))).then_some(verb)
}

/// Words opening a relative clause after a comma ("the minister, who arrived Monday, …").
const RELATIVE: [&str; 5] = ["who", "which", "whose", "whom", "where"];

/// The comma-delimited relative clause of `sentence` holding `span`, if any: from a comma
/// followed by a relative pronoun or a participle in -ed ("the suspect, arrested Sunday,
/// …") to the next comma or the end of the sentence.
fn parenthetical_around(
    text: &str,
    sentence: Range<usize>,
    span: &Range<usize>,
) -> Option<Range<usize>> {
    let before = text.get(sentence.start..span.start.max(sentence.start))?;
    let open = sentence.start + before.rfind(',')?;
    let after = text.get(open + 1..span.end.max(open + 1))?;
    let word: &str = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())?;
    // The participle must open the clause right after the comma (", arrested Sunday,").
    let opens_with_word = after.trim_start().starts_with(word);
    let ends_with = |w: &str, suffix: &str| {
        w.len() > suffix.len()
            && w.get(w.len() - suffix.len()..)
                .is_some_and(|e| e.eq_ignore_ascii_case(suffix))
    };
    let relative = RELATIVE.iter().any(|r| r.eq_ignore_ascii_case(word))
        || (word.len() > 4
            && ends_with(word, "ed")
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && !is_preposition_ed(word));
    if !(relative && opens_with_word) {
        return None;
    }
    let rest = text.get(span.end.min(sentence.end)..sentence.end)?;
    let close = rest.find(',').map_or(sentence.end, |i| span.end + i);
    // Only a clause with a time of its own ("who arrived Monday", "which meets every
    // six weeks") is set apart: a comma in a list ("who stepped down as chairman,
    // president and …") closes nothing.
    let inner = text.get(open..close)?;
    let dated = inner.bytes().any(|b| b.is_ascii_digit())
        || inner.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
            w.len() > 3 && ends_with(w, "day")
                || ["week", "weeks", "month", "months", "year", "years"]
                    .iter()
                    .any(|u| u.eq_ignore_ascii_case(w))
                || is_month_name(w)
        });
    dated.then_some(open..close)
}

/// Whether `w` is a month's name as written in prose ("May", not "may" or "MAY"),
/// which dates a relative clause as a weekday does ("which held hearings in May").
fn is_month_name(w: &str) -> bool {
    let written = w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.bytes().skip(1).all(|b| b.is_ascii_lowercase());
    // The months follow the seven weekdays in CALENDAR_NAMES.
    written
        && CALENDAR_NAMES
            .iter()
            .skip(7)
            .any(|m| m.eq_ignore_ascii_case(w))
}

/// Forms in -ed that are prepositions rather than verbs in news ("compared with 60
/// pct by the end of the second quarter", "based in Paris"): no tense cue, and no
/// participle clause.
const PREPOSITION_ED: [&str; 2] = ["compared", "based"];

/// Whether `word` is one of [`PREPOSITION_ED`].
fn is_preposition_ed(word: &str) -> bool {
    PREPOSITION_ED.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Verbs in -ed whose object may lie ahead ("scheduled for [May 2]", "postponed
/// the vote to [June]"): never a firm past.
const LOOKING_AHEAD: [&str; 18] = [
    "scheduled",
    "planned",
    "slated",
    "expected",
    "proposed",
    "projected",
    "forecasted",
    "predicted",
    "targeted",
    "estimated",
    "postponed",
    "delayed",
    "deferred",
    "adjourned",
    "rescheduled",
    "extended",
    "earmarked",
    "budgeted",
];

/// Whether the -ed `verb` is one of [`LOOKING_AHEAD`].
pub(crate) fn looks_ahead(verb: &str) -> bool {
    LOOKING_AHEAD.iter().any(|w| w.eq_ignore_ascii_case(verb))
}

/// Determiners and possessives opening a short object ("seized [the city] in …").
const OBJECT_OPENERS: [&str; 8] = ["the", "a", "an", "its", "their", "his", "her", "our"];

/// Whether a verb in -ed, with `before` the text of its clause before it and
/// `between` the text from it to a date, tells an act done in the past on that date:
/// "in", alone or after a short object ("protests erupted in [March]", "rebels seized
/// the city in [January]"), or a passive past and "in" or "on" ("the treaty was
/// signed on [July 4]"). Not a participle after "be" or
/// "to" ("is expected to be completed in [June]"), nor an object running on ("declared
/// a dividend payable [April 24]").
fn past_act(before: &str, between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    let is = |w: &str, list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    let prep = |w: &&str| is(w, &["in", "on"]);
    // "on" after an object often dates the object ("authorized the redemption on
    // [April 20]"), "in" the act ("seized the city in [January]").
    let into = |w: &&str| is(w, &["in"]);
    let previous: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    let passive = previous.first().is_some_and(|w| is(w, &["was", "were"]))
        || previous.first().is_some_and(|w| w.ends_with("ly"))
            && previous.get(1).is_some_and(|w| is(w, &["was", "were"]));
    let auxiliary = previous.first().is_some_and(|w| {
        is(
            w,
            &["be", "been", "being", "to", "will", "would", "is", "are"],
        )
    });
    if auxiliary {
        return false;
    }
    // A noun, not a word that dates the object ("a dividend payable in …").
    let plain = |w: &&str| {
        w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && !(w.ends_with("able") || w.ends_with("ible") || is(w, &["due", "effective"]))
    };
    // The verb right after its clause's subject, a name or a determiner and one or
    // two words, four with "of" ("The summit ended on [Nov. 12]"), is the
    // clause's own: a finite past, not a participle after another verb ("Banks
    // repaid securities pledged on …").
    let subject_only = || {
        let subject: Vec<&str> = before.split_whitespace().collect();
        let cap = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
        let noun = |w: &&str| plain(w) && !w.to_ascii_lowercase().ends_with("ed");
        match subject.as_slice() {
            // "The blockade of the port": a noun phrase joined by "of" runs longer.
            [det, rest @ ..] if is(det, &OBJECT_OPENERS) => {
                let of = rest.iter().any(|w| is(w, &["of"]));
                (1..=if of { 4 } else { 2 }).contains(&rest.len()) && rest.iter().all(noun)
            }
            names => (1..=4).contains(&names.len()) && names.iter().all(|w| cap(w) && noun(w)),
        }
    };
    match words.as_slice() {
        [p] => passive && prep(p) || into(p) || is(p, &["on"]) && subject_only(),
        [det, rest @ .., p] if rest.len() <= 2 && is(det, &OBJECT_OPENERS) => {
            rest.iter().all(plain) && !rest.is_empty() && into(p)
        }
        // A named object is no event the date could be of ("The minister visited
        // Kyiv on [May 2]"), unlike "authorized the redemption on [April 20]".
        [object @ .., p] if (1..=3).contains(&object.len()) && prep(p) => {
            object
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()) && plain(w))
                && subject_only()
        }
        _ => false,
    }
}

/// Object pronouns: after a verb in -ed they make it an active simple past
/// ("police arrested him on [Friday]"), where a bare -ed form may be a participle
/// ("the bonds will be delivered on [April 1]", "securities pledged on [April 22]").
const OBJECT_PRONOUNS: [&str; 6] = ["him", "her", "them", "it", "us", "me"];

/// Whether `between`, the text from a verb in -ed to a date after it, leaves the verb
/// governing the date: nothing but a space ("ended [Jan. 31]"), or an object pronoun,
/// alone or with a preposition ("arrested him on [March 4]").
fn verb_object_only(between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    let pronoun = |w: &&str| OBJECT_PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(w));
    match words.as_slice() {
        [] => between.len() <= 1,
        [object] => pronoun(object),
        [object, prep] => {
            pronoun(object)
                && ["on", "in", "at"]
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(prep))
        }
        _ => false,
    }
}

/// Words right before an expression that keep it from being the time of the clause's verb:
/// a determiner or possessive makes it a modifier ("gave no reason for the [Jan. 14]
/// deadline"), a deadline preposition often looks ahead of the verb ("gave him until [May]",
/// "extended to [Nov. 6]").
const UNGOVERNED: [&str; 12] = [
    "the", "a", "an", "its", "their", "his", "her", "until", "till", "by", "through", "to",
];

/// Whether the expression starting at `start` is governed by the clause's verb (see
/// [`UNGOVERNED`]).
fn governed(text: &str, start: usize) -> bool {
    let word = word_before(text, start);
    !UNGOVERNED.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// What may stand between a past verb and the date it governs ("announced in March",
/// "worked late into Wednesday night", "dragged on into Thursday"). Not "until" or
/// "through", which may end a state still holding ("kept the border closed until
/// Friday and will reopen it then").
const GOVERNING_GAPS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "into",
    "late into",
    "late on",
    "late in",
    "early on",
    "early in",
    "on into",
];

/// The word (letters and digits) right before byte `start`, across white space only
/// ("" after punctuation).
pub(crate) fn word_before(text: &str, start: usize) -> &str {
    word_and_start_before(text, start).0
}

/// [`word_before`] and the byte where that word starts, from which the word before
/// it is read in turn.
fn word_and_start_before(text: &str, start: usize) -> (&str, usize) {
    let before = text.get(..start).unwrap_or_default().trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    (word, before.len().saturating_sub(word.len()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn tense(text: &str, expression: &str) -> Tense {
        let at = text.find(expression).unwrap();
        TenseCues::new()
            .unwrap()
            .at(text, 0..text.len(), at..at + expression.len())
    }

    /// On a headline with no other cue, "to" with a verb and its object is a plan;
    /// after every verb of class `motion`, "to" is a preposition.
    #[test]
    fn headline_to_with_an_object_is_a_plan() {
        let plan = tense("Farmers to Block Roads Monday", "Monday");
        assert_eq!(plan.kind, TenseKind::Future);
        assert_eq!(plan.cue.as_deref(), Some("to Block"));
        assert_ne!(
            tense("Shares Rise to Record Monday", "Monday").kind,
            TenseKind::Future
        );
        let motion: Vec<&str> = TENSE
            .lines()
            .filter_map(|l| l.strip_prefix("motion\t"))
            .map(str::trim)
            .collect();
        assert!(motion.len() >= 20, "motion verbs read: {motion:?}");
        for verb in motion {
            let text = format!("Copper Prices {verb} to Record High Monday");
            assert_ne!(
                tense(&text, "Monday").cue.as_deref(),
                Some("to Record"),
                "{text}"
            );
        }
        // A full stop after an initialism ends no sentence of a headline.
        assert!(!ends_sentence("U.K. Rail Talks to Resume Tuesday"));
        assert!(ends_sentence("Talks failed. Strike Goes On"));
    }

    /// Every verb of class `perception` makes "could" a past ability ("could hear the
    /// blasts on Sunday"), active or passive; another verb leaves "could" a prospect.
    #[test]
    fn could_perceive_is_past() {
        let verbs: Vec<String> = TENSE
            .lines()
            .filter_map(|l| l.strip_prefix("perception\t"))
            .map(|v| v.trim().replace(r"\s+", " "))
            .collect();
        assert!(verbs.len() >= 4, "perception verbs read: {verbs:?}");
        for verb in &verbs {
            for text in [
                format!("Crowds could {verb} the blasts on Sunday"),
                format!("Blasts could be {verb} on Sunday"),
            ] {
                assert_eq!(tense(&text, "Sunday").kind, TenseKind::Past, "{text}");
            }
        }
        let ahead = tense("The unions could resume talks on Sunday", "Sunday");
        assert_eq!(ahead.kind, TenseKind::Future);
    }

    /// A run-on sentence is read only within `CUE_REACH` of the expression: a cue
    /// further away says nothing, a nearer one still decides.
    #[test]
    fn cues_are_read_near_the_expression_only() {
        let filler = "apples and pears and ".repeat(60);
        assert!(filler.len() > CUE_REACH);
        let far = format!("The talks will continue {filler}on Friday");
        assert_eq!(tense(&far, "Friday").cue, None);
        let near = format!("{filler}the talks will continue on Friday");
        assert_eq!(tense(&near, "Friday").cue.as_deref(), Some("will"));
        assert_eq!(tense(&near, "Friday").kind, TenseKind::Future);
    }

    /// The window starts and ends at white space: a word it would cut is left out
    /// whole, not read as a shorter cue ("swill" as "will").
    #[test]
    fn the_reach_cuts_no_word() {
        let text = format!("the swill{} on Friday", " x".repeat(CUE_REACH / 2 - 4));
        let at = text.find("Friday").unwrap();
        let span = at..at + 6;
        let window = segment::around(&text, 0..text.len(), &span, CUE_REACH);
        assert!(text[window.clone()].starts_with(char::is_whitespace));
        assert!(!text[window].contains("will"));
        assert_eq!(tense(&text, "Friday").cue, None);
        // Multi-byte characters at the cut: the window still starts on a boundary.
        let wide = format!("{}é on Friday", "é".repeat(CUE_REACH));
        let at = wide.find("Friday").unwrap();
        let window = segment::around(&wide, 0..wide.len(), &(at..at + 6), CUE_REACH);
        assert!(wide.get(window).is_some());
    }

    /// A verb in -ed is firm past right before the date, or across an object pronoun
    /// ("seized them on"); across a bare preposition it may be a participle ("will be
    /// delivered on", "shares pledged on"), and across a noun phrase it says nothing firm.
    #[test]
    fn an_ed_verb_is_firm_only_when_it_governs_the_date() {
        let firm = |text: &str| tense(text, "May 2").firm;
        assert!(firm("Troops seized them on May 2."));
        assert!(firm("Guards detained him May 2."));
        assert!(firm("The strike ended May 2."));
        assert!(!firm("The bonds will be delivered on May 2."));
        assert!(!firm("Banks repaid securities pledged on May 2."));
        // Right after its subject, a verb in -ed is the clause's own.
        assert!(firm("The blockade ended on May 2."));
        assert!(firm("The ceasefire talks collapsed on May 2."));
        assert!(firm("Kenyan Airways resumed on May 2."));
        assert!(firm("The envoy visited Port Sudan on May 2."));
        assert!(!firm("The envoy visited the port on May 2."));
        assert!(!firm("The board scheduled on May 2 a vote."));
        assert!(!firm(
            "Shares of the firm rallied and will be listed on May 2."
        ));
        assert!(!firm("Rebels shelled the old market on May 2."));
        assert!(!firm("Troops seized them and will return on May 2."));
    }

    /// A regular verb in -ed is a firm past for a date after a short object and
    /// "in", or after a passive past; not after "be" or "to", not for a verb that
    /// looks ahead, not across an object that runs on.
    #[test]
    fn an_act_in_a_month_is_firmly_past() {
        let firm = |text: &str| tense(text, "September").firm;
        assert!(firm("The militia captured the airport in September."));
        assert!(firm("The accord was signed in September."));
        assert!(firm("The accord was quietly signed in September."));
        assert!(firm("Riots erupted in September."));
        assert!(!firm("The deal is expected to be completed in September."));
        assert!(!firm("The board scheduled the vote in September."));
        assert!(!firm(
            "The board authorized the redemption of notes in September."
        ));
        assert!(!firm("It declared a dividend payable in September."));
        // A date set before its clause: the first verb after it, -ed or not.
        assert!(firm("In September, militiamen stormed the airport."));
        let kind = |text: &str| tense(text, "Tuesday").kind;
        assert_eq!(
            kind("On Tuesday, the minister said talks would continue."),
            TenseKind::Past
        );
        assert_eq!(
            kind("On Tuesday, talks will continue in Doha."),
            TenseKind::Future
        );
    }

    /// "Last" after a modal or "to" is the verb, no past cue; "to last year's" is not.
    #[test]
    fn the_verb_last_is_no_past_cue() {
        let tense = |text: &str| tense(text, "Sunday");
        let t = tense("The curfew will last until Sunday.");
        assert_eq!(
            (t.kind, t.cue.as_deref()),
            (TenseKind::Future, Some("will"))
        );
        let t = tense("The fair is expected to last until Sunday.");
        assert_eq!(t.kind, TenseKind::Future);
        let t = tense("The strike may well last until Sunday.");
        assert_eq!(t.kind, TenseKind::Future);
        let t = tense("Sales returned to last year's level on Sunday.");
        assert_eq!(t.kind, TenseKind::Past);
    }

    /// "could", "may", "might" look ahead for a day, with no direction for a month;
    /// "could not", "may have" look back.
    #[test]
    fn modals_of_possibility_look_ahead() {
        let t = tense("The talks may resume on Sunday.", "Sunday");
        assert_eq!((t.kind, t.progressive), (TenseKind::Future, true));
        let t = tense("The vote could come on Sunday.", "Sunday");
        assert_eq!(t.kind, TenseKind::Future);
        let t = tense("He could not be reached on Sunday.", "Sunday");
        assert_eq!(t.kind, TenseKind::Past);
        let t = tense("They may have died on Sunday.", "Sunday");
        assert_eq!(t.kind, TenseKind::Past);
        let t = tense("Sales in May have risen since Sunday.", "Sunday");
        assert_ne!(t.cue.as_deref(), Some("May"));
    }

    /// "Due" in "due diligence" is no deadline.
    #[test]
    fn due_diligence_is_no_future() {
        let kind = |text: &str| tense(text, "January").kind;
        assert_ne!(
            kind("In January the fund signed a letter of intent, subject to due diligence."),
            TenseKind::Future
        );
        assert_eq!(kind("The payment is due in January."), TenseKind::Future);
    }

    /// "The next morning" is a later date of the story, not a cue for the future;
    /// "next week" still is.
    #[test]
    fn the_next_morning_is_no_future_cue() {
        let kind = |text: &str| tense(text, "Monday").kind;
        assert_eq!(
            kind("Rebels seized the depot on Monday and looted it the next morning."),
            TenseKind::Past
        );
        assert_eq!(
            kind("Rebels seized the depot on Monday, the next day it burned."),
            TenseKind::Past
        );
        assert_eq!(
            kind("The envoy arrives on Monday next week."),
            TenseKind::Future
        );
    }

    /// A date set before its clause and cut off by a comma is governed by the
    /// clause's verb, however far along it comes; elsewhere a distant verb is not firm.
    #[test]
    fn a_fronted_date_takes_its_clauses_verb() {
        let firm = |text: &str| tense(text, "May 2").firm;
        assert!(firm(
            "On May 2, a convoy carrying aid to the northern towns came under fire."
        ));
        assert!(firm(
            "May 2, a convoy carrying aid to the northern towns came under fire."
        ));
        assert!(!firm(
            "Aid on May 2 for the towns of the north and the villages came."
        ));
        assert!(!firm(
            "After talks on May 2, a convoy carrying aid to the towns came under fire."
        ));
    }

    /// A relative clause that holds the expression has the tense of its own verb,
    /// however near a cue outside it is.
    #[test]
    fn a_relative_clause_has_its_own_tense() {
        let kind = |text: &str, e: &str| tense(text, e).kind;
        assert_eq!(
            kind(
                "The board said it would sell the plant, which flooded in heavy rain on Friday.",
                "Friday"
            ),
            TenseKind::Past
        );
        assert_eq!(
            kind(
                "Engineers will inspect the bridge, which cracked after a quake on Tuesday.",
                "Tuesday"
            ),
            TenseKind::Past
        );
        assert_eq!(
            kind(
                "Ministers said they would meet the envoys, who arrived on Sunday.",
                "Sunday"
            ),
            TenseKind::Past
        );
        // Control: outside a relative clause the nearest cue still decides.
        assert_eq!(
            kind(
                "The board said it would sell the plant on Friday.",
                "Friday"
            ),
            TenseKind::Future
        );
    }

    /// ", and" before a new subject and its verb opens another clause, whose cues do
    /// not count, even right after the expression.
    #[test]
    fn a_comma_and_a_new_subject_open_another_clause() {
        let kind = |text: &str| tense(text, "Friday").kind;
        assert_eq!(
            kind("Rain is forecast to reach the city on Friday, and farmers have moved herds."),
            TenseKind::Future
        );
        assert_eq!(
            kind("Rain is forecast to reach the city Friday, and the farmers had moved herds."),
            TenseKind::Future
        );
        // Control: a list's ", and" has no verb after its noun.
        assert_eq!(
            kind("They met on Monday, Friday, and Sunday."),
            TenseKind::Past
        );
    }

    /// A day declared to be something lies ahead of the declaring.
    #[test]
    fn a_day_declared_a_holiday_lies_ahead() {
        let kind = |text: &str| tense(text, "Friday").kind;
        assert_eq!(
            kind("The president declared Friday a public holiday."),
            TenseKind::Future
        );
        assert_eq!(
            kind("The governor proclaimed Friday as a day of prayer."),
            TenseKind::Future
        );
        // Control: declared on the day.
        assert_eq!(
            kind("The president declared on Friday that the war was over."),
            TenseKind::Past
        );
    }

    /// ", compared with …" is a preposition, no past; "This compared with …" is a verb.
    #[test]
    fn compared_with_after_a_comma_is_no_verb() {
        let t = tense(
            "Output will reach 90 pct, compared with 60 pct by the end of June.",
            "June",
        );
        assert_eq!(t.kind, TenseKind::Future, "{t:?}");
        let t = tense("This compared with 24 mln tonnes in August.", "August");
        assert_eq!(t.kind, TenseKind::Past, "{t:?}");
    }

    /// "to" + a verb is a plan in a headline ("Bank to Cut Rates Thursday"), not in
    /// the body, where a past verb governs it ("a delegation arrived to hold talks").
    #[test]
    fn a_headline_tells_its_plans_with_to() {
        let head = tense("Union to Stage Strike at Car Plant on Thursday", "Thursday");
        assert_eq!(head.kind, TenseKind::Future);
        let sentence = tense("Bank to cut rates on Thursday", "Thursday");
        assert_eq!(sentence.kind, TenseKind::Future);
        let body = "Car Plant Strike\n\nWorkers gathered to protest on Thursday.";
        assert_ne!(
            tense(body, "Thursday").kind,
            TenseKind::Future,
            "{:?}",
            tense(body, "Thursday")
        );
        let stop =
            "Car Plant Strike\n\nThe union went on to protest.\nIt hopes to meet on Thursday.";
        assert_ne!(tense(stop, "Thursday").cue.as_deref(), Some("to meet"));
    }

    /// A date set before its clause dates the planning itself: "On Friday, the
    /// council planned a vote" is a past Friday; a plan with the date after it is ahead.
    #[test]
    fn a_fronted_date_dates_the_plan() {
        let fronted = tense(
            "On Friday, the council planned a vote on tariffs.",
            "Friday",
        );
        assert_eq!(fronted.kind, TenseKind::Past);
        let after = tense("The council planned a vote on Friday.", "Friday");
        assert_eq!(after.kind, TenseKind::Future);
        let will = tense("On Friday, the council is expected to vote.", "Friday");
        assert_eq!(will.kind, TenseKind::Future);
    }
}
