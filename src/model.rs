//! The timeline model: articles with their extraction results, events merged
//! within each article, and actors merged across the folder. This is what the GUI
//! renders and the exports write; it holds no UI types.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::corpus::{Article, Problem};
use crate::extract::actors::{ActorKind, ActorMention};
use crate::extract::events::EventCandidate;
use crate::extract::timex::{Interval, Timex};
use crate::hashing::{Map, Set};

/// What extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleExtraction {
    /// Sentences (byte ranges).
    pub sentences: Vec<Range<usize>>,
    /// Temporal expressions outside page furniture and the title.
    pub timexes: Vec<Timex>,
    /// Actor mentions outside page furniture and the title.
    #[serde(with = "mentions_serde")]
    pub mentions: Vec<ActorMention>,
    /// Event candidates.
    pub events: Vec<EventCandidate>,
}

/// (De)serialises actor mentions field by field, every field always present:
/// `ActorMention` skips an empty nickname, which non-self-describing formats such
/// as the cache's bincode cannot read back.
mod mentions_serde {
    use std::ops::Range;

    use serde::{Deserialize, Deserializer, Serializer};

    use crate::extract::actors::{ActorKind, ActorMention};

    type Fields = (
        Range<usize>,
        ActorKind,
        Box<str>,
        Option<Box<str>>,
        Option<Box<str>>,
        bool,
    );

    pub fn serialize<S: Serializer>(mentions: &[ActorMention], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            mentions
                .iter()
                .map(|m| (&m.span, m.kind, &m.actor, &m.role, &m.nickname, m.guess)),
        )
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ActorMention>, D::Error> {
        let fields = Vec::<Fields>::deserialize(d)?;
        Ok(fields
            .into_iter()
            .map(|(span, kind, actor, role, nickname, guess)| ActorMention {
                span,
                kind,
                actor,
                role,
                nickname,
                guess,
            })
            .collect())
    }
}

/// An article with what was extracted from it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Doc {
    /// The article as read.
    pub article: Article,
    /// The extraction results.
    pub extraction: ArticleExtraction,
}

impl Doc {
    /// Temporal expressions that could not be resolved to a date (listed as
    /// undated), with their indices in the extraction's timexes.
    pub fn undated(&self) -> impl Iterator<Item = (usize, &Timex)> {
        self.extraction.timexes.iter().enumerate().filter(|(_, t)| {
            matches!(
                t.kind,
                crate::extract::timex::TimexType::Date | crate::extract::timex::TimexType::Time
            ) && crate::extract::timex::interval(&t.value, t.modifier.as_deref()).is_none()
        })
    }
}

/// Where an event is reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventMention {
    /// Index of the article in [`Dataset::docs`].
    pub doc: usize,
    /// The passage (byte range).
    pub passage: Range<usize>,
    /// The dating expression.
    pub timex: Timex,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// Stable id (`ev-…`), the same across runs on the same input.
    pub id: String,
    /// TIMEX3 value of the date.
    pub value: String,
    /// Day bounds and granularity of the date.
    pub interval: Interval,
    /// Short headline (shared with the article's event candidate).
    pub title: std::sync::Arc<str>,
    /// Indices into [`Dataset::actors`].
    pub actors: Vec<usize>,
    /// Passages that report the event.
    pub mentions: Vec<EventMention>,
    /// The date is a duration running back from the publication date.
    pub anchored_duration: bool,
    /// What the user changed, in words (empty: as extracted).
    pub curation: Vec<String>,
}

impl Event {
    /// Whether the user changed this event.
    pub fn curated(&self) -> bool {
        !self.curation.is_empty()
    }
}

/// One mention of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActorRef {
    /// Index of the article in [`Dataset::docs`].
    pub doc: usize,
    /// Index into that article's `extraction.mentions`.
    pub mention: usize,
}

/// An actor merged across the folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    /// Stable id (`act-…`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other names it appears under.
    pub aliases: Vec<String>,
    /// Titles and roles stated with it.
    pub roles: Vec<String>,
    /// Every mention.
    pub mentions: Vec<ActorRef>,
    /// Number of distinct articles it appears in.
    pub articles: usize,
    /// What the user changed, in words (empty: as extracted).
    pub curation: Vec<String>,
}

impl Actor {
    /// Whether the user changed this actor.
    pub fn curated(&self) -> bool {
        !self.curation.is_empty()
    }

    /// Takes in the mentions, names and roles of `other` (the folder's kind vote, a
    /// merge the user asked for): its name and aliases become aliases, mentions stay
    /// in article order and the article count follows them.
    pub(crate) fn absorb(&mut self, other: Actor) {
        for alias in std::iter::once(other.name).chain(other.aliases) {
            if alias != self.name && !self.aliases.contains(&alias) {
                self.aliases.push(alias);
            }
        }
        for role in other.roles {
            if !self.roles.contains(&role) {
                self.roles.push(role);
            }
        }
        self.mentions.extend(other.mentions);
        self.mentions.sort_unstable_by_key(|r| (r.doc, r.mention));
        self.articles = self
            .mentions
            .iter()
            .zip(self.mentions.iter().skip(1))
            .filter(|(a, b)| a.doc != b.doc)
            .count()
            + usize::from(!self.mentions.is_empty());
    }
}

/// Everything the app shows for one folder.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// The folder (or file) that was opened.
    pub root: PathBuf,
    /// Articles with their extractions, ordered by file; shared with the models
    /// made from this one (a correction, an update, a partial result copies no
    /// article).
    pub docs: Vec<Arc<Doc>>,
    /// Events, ordered by date.
    pub events: Vec<Event>,
    /// Actors, most mentioned first.
    pub actors: Vec<Actor>,
    /// Files and lines that could not be used.
    pub problems: Vec<Problem>,
    /// Index: for each doc, for each of its actor mentions, the actor (into
    /// `actors`). Filled by [`Dataset::build`]; empty in a hand-made dataset.
    pub mention_actors: Vec<Vec<Option<usize>>>,
    /// Index: for each actor, the events (into `events`) that involve it, in order.
    /// Filled by [`Dataset::build`]; empty in a hand-made dataset.
    pub actor_events: Vec<Vec<usize>>,
    /// Index: for each doc, the events (into `events`) with a mention in it, in
    /// order. Filled by [`Dataset::build`]; empty in a hand-made dataset.
    pub doc_events: Vec<Vec<usize>>,
    /// Events the user rejected (restorable).
    pub rejected_events: Vec<Event>,
    /// Actors the user rejected (restorable).
    pub rejected_actors: Vec<Actor>,
    /// The user's edits this model was built with (and those undone, for redo).
    pub curation: crate::curation::Curation,
    /// The user's edits that found nothing to apply to.
    pub orphans: Vec<crate::curation::Orphan>,
    /// The publication date, its source and span as read, of each doc (by index)
    /// whose date the user set.
    pub published_as_read: BTreeMap<usize, PublishedAsRead>,
}

/// An article's publication date as the reader found it.
pub type PublishedAsRead = (
    Option<jiff::civil::Date>,
    crate::corpus::PublishedSource,
    Option<Range<usize>>,
);

impl Dataset {
    /// Builds the model from extracted articles (owned or shared).
    pub fn build<D: Into<Arc<Doc>>>(root: PathBuf, docs: Vec<D>, problems: Vec<Problem>) -> Self {
        let docs = docs.into_iter().map(Into::into).collect();
        Self::build_curated(root, docs, problems, &[])
    }

    /// Builds the model from extracted articles and applies the user's `edits`
    /// (actor edits before events are formed, event edits after merging).
    /// Publication dates set by edits must already be in the docs
    /// ([`Dataset::recurate`] sees to it).
    pub fn build_curated(
        root: PathBuf,
        docs: Vec<Arc<Doc>>,
        problems: Vec<Problem>,
        edits: &[crate::curation::Edit],
    ) -> Self {
        let mut applier = crate::curation::Applier::new(&docs, edits);
        let mut actors = merge_actors(&docs);
        let rejected_actors = if edits.is_empty() {
            Vec::new()
        } else {
            applier.apply_actors(&mut actors)
        };
        let mut mention_actors: Vec<Vec<Option<usize>>> = docs
            .iter()
            .map(|d| vec![None; d.extraction.mentions.len()])
            .collect();
        for (ai, actor) in actors.iter().enumerate() {
            for r in &actor.mentions {
                if let Some(slot) = mention_actors
                    .get_mut(r.doc)
                    .and_then(|m| m.get_mut(r.mention))
                {
                    *slot = Some(ai);
                }
            }
        }
        let mut events = build_events(&docs, &actors, &mention_actors);
        let rejected_events = if edits.is_empty() {
            Vec::new()
        } else {
            applier.apply_events(&mut events, &mention_actors)
        };
        let orphans = applier.orphans;
        let mut actor_events = vec![Vec::new(); actors.len()];
        for (ei, event) in events.iter().enumerate() {
            for &a in &event.actors {
                if let Some(list) = actor_events.get_mut(a) {
                    list.push(ei);
                }
            }
        }
        let mut doc_events = vec![Vec::new(); docs.len()];
        for (ei, event) in events.iter().enumerate() {
            for m in &event.mentions {
                if let Some(list) = doc_events.get_mut(m.doc)
                    && list.last() != Some(&ei)
                {
                    list.push(ei);
                }
            }
        }
        Self {
            root,
            docs,
            events,
            actors,
            problems,
            mention_actors,
            actor_events,
            doc_events,
            rejected_events,
            rejected_actors,
            orphans,
            curation: crate::curation::Curation::default(),
            published_as_read: BTreeMap::new(),
        }
    }

    /// Applies the user's edits again from the extraction results: articles whose
    /// publication date an edit sets (or no longer sets) are re-extracted with
    /// `pipeline`, then actors and events are rebuilt. Deterministic: the same
    /// edits give the same model.
    #[must_use]
    pub fn recurate(
        mut self,
        pipeline: &crate::pipeline::Pipeline,
        curation: crate::curation::Curation,
    ) -> Self {
        use crate::corpus::PublishedSource;
        let edits = curation.edits.as_slice();
        let overrides = crate::curation::published_overrides(edits);
        let mut as_read = std::mem::take(&mut self.published_as_read);
        for (d, shared) in self.docs.iter_mut().enumerate() {
            let wanted = if overrides.is_empty() {
                None
            } else {
                overrides
                    .get(crate::curation::text_hash(&shared.article.text).as_str())
                    .and_then(|v| v.parse::<jiff::civil::Date>().ok())
            };
            // The date, source and span the article gets, when they change.
            let change = match wanted {
                Some(date) => {
                    let article = &shared.article;
                    as_read.entry(d).or_insert_with(|| {
                        (
                            article.published,
                            article.published_source,
                            article.published_span.clone(),
                        )
                    });
                    (article.published != Some(date)
                        || article.published_source != PublishedSource::User)
                        .then_some((Some(date), PublishedSource::User, None))
                }
                None => as_read.remove(&d),
            };
            if let Some(published) = change {
                republish(shared, published, pipeline);
            }
        }
        let mut rebuilt = Self::build_curated(self.root, self.docs, self.problems, edits);
        rebuilt.published_as_read = as_read;
        rebuilt.curation = curation;
        rebuilt
    }

    /// [`recurate`](Self::recurate) from what a rebuild starts from (the articles
    /// with their extractions, shared; the problems and publication dates as read,
    /// copied), leaving this model as it is: for rebuilding off the thread that
    /// shows it. Gives the same model as `self.clone().recurate(…)`.
    #[must_use]
    pub fn recurated(
        &self,
        pipeline: &crate::pipeline::Pipeline,
        curation: crate::curation::Curation,
    ) -> Self {
        let base = Self {
            root: self.root.clone(),
            docs: self.docs.clone(),
            problems: self.problems.clone(),
            published_as_read: self.published_as_read.clone(),
            ..Self::default()
        };
        base.recurate(pipeline, curation)
    }

    /// The articles as read: each whose publication date the user set gets back
    /// the date, source and span it was read with, and is extracted again. A
    /// folder update starts from these (the corrections are applied after it).
    pub fn machine_docs(&self, pipeline: &crate::pipeline::Pipeline) -> Vec<Arc<Doc>> {
        let mut docs = self.docs.clone();
        for (&d, as_read) in &self.published_as_read {
            if let Some(shared) = docs.get_mut(d) {
                republish(shared, as_read.clone(), pipeline);
            }
        }
        docs
    }

    /// The folder's display name.
    pub fn name(&self) -> String {
        self.root.file_name().map_or_else(
            || self.root.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Index of the actor of mention `mention` in doc `doc`.
    pub fn actor_of(&self, doc: usize, mention: usize) -> Option<usize> {
        if let Some(mentions) = self.mention_actors.get(doc) {
            return mentions.get(mention).copied().flatten();
        }
        self.actors.iter().position(|a| {
            a.mentions
                .iter()
                .any(|r| r.doc == doc && r.mention == mention)
        })
    }

    /// Events that involve actor `actor`.
    pub fn events_of(&self, actor: usize) -> Box<dyn Iterator<Item = usize> + '_> {
        if self.actor_events.len() == self.actors.len() {
            let list = self.actor_events.get(actor).map_or(&[][..], Vec::as_slice);
            return Box::new(list.iter().copied());
        }
        Box::new(
            self.events
                .iter()
                .enumerate()
                .filter(move |(_, e)| e.actors.contains(&actor))
                .map(|(i, _)| i),
        )
    }

    /// Events with a mention in doc `doc`, in order.
    pub fn events_in(&self, doc: usize) -> Box<dyn Iterator<Item = usize> + '_> {
        if self.doc_events.len() == self.docs.len() {
            let list = self.doc_events.get(doc).map_or(&[][..], Vec::as_slice);
            return Box::new(list.iter().copied());
        }
        Box::new(
            self.events
                .iter()
                .enumerate()
                .filter(move |(_, e)| e.mentions.iter().any(|m| m.doc == doc))
                .map(|(i, _)| i),
        )
    }
}

/// Gives the article of `shared` the publication date, source and span
/// `published` and extracts it again; only this article is copied from the models
/// sharing it.
fn republish(
    shared: &mut Arc<Doc>,
    (published, source, span): PublishedAsRead,
    pipeline: &crate::pipeline::Pipeline,
) {
    let doc = Arc::make_mut(shared);
    doc.article.published = published;
    doc.article.published_source = source;
    doc.article.published_span = span;
    doc.extraction = pipeline.extract(&doc.article);
}

/// 64-bit FNV-1a: a stable hash for ids (std's hasher may change between releases).
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The folder-wide identity of an actor: its kind and its name folded to lower-case
/// letters and digits ("Mohammed Shia’ al-Sudani" = "Mohammed Shia al-Sudani"), an
/// organization's without its legal form ("Apple Inc." = "Apple",
/// "Royal Dutch Shell plc" = "Royal Dutch Shell").
fn actor_key(kind: ActorKind, name: &str) -> (ActorKind, String) {
    // One pass: drop apostrophes and dots, lower-case ASCII, turn everything else
    // that is not a letter or digit into a single space between words.
    let mut folded = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        if matches!(c, '’' | '\'' | '‘' | '.') {
            continue;
        }
        if c.is_alphanumeric() {
            if gap && !folded.is_empty() {
                folded.push(' ');
            }
            gap = false;
            folded.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    if kind == ActorKind::Organization {
        let mut stripped = false;
        while let Some((head, last)) = folded.rsplit_once(' ')
            && (legal_forms().contains(last) || (stripped && last == "and"))
        {
            let len = head.len();
            folded.truncate(len);
            stripped = true;
        }
    }
    (kind, folded)
}

/// The words that end a company's name ([`company_suffixes`]: "Inc", "N.V."),
/// folded as [`actor_key`] folds names.
///
/// [`company_suffixes`]: crate::extract::actors::company_suffixes
fn legal_forms() -> &'static Set<String> {
    static FORMS: std::sync::OnceLock<Set<String>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        crate::extract::actors::company_suffixes()
            .map(|w| w.replace('.', "").to_ascii_lowercase())
            .collect()
    })
}

/// The other of person and organization, the kinds a guess ([`ActorMention::guess`])
/// chooses between.
fn other_guess(kind: ActorKind) -> Option<ActorKind> {
    match kind {
        ActorKind::Person => Some(ActorKind::Organization),
        ActorKind::Organization => Some(ActorKind::Person),
        _ => None,
    }
}

/// Whether the folder says an actor that only guesses gave its kind is the other of
/// person and organization: `said_other` mentions of the same name say so, none says
/// the guessed kind. A surname alone is what guesses most ("Reagan said"): one
/// mention in four said is enough. A longer name needs most of its mentions said
/// ("lead manager Credit Suisse said" is a slip), and an acronym ("SEC") is no
/// person's name.
fn guessed_wrong(name: &str, other: ActorKind, guesses: usize, said_other: usize) -> bool {
    let acronym = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let enough = if name.contains(' ') {
        said_other >= guesses
    } else {
        said_other * 4 >= guesses
    };
    said_other > 0 && enough && !(other == ActorKind::Person && acronym)
}

fn merge_actors(docs: &[Arc<Doc>]) -> Vec<Actor> {
    // Actors in order of first mention, found by key; a mention's actor name is
    // folded once per distinct (kind, name).
    let mut index: Map<(ActorKind, String), usize> = Map::default();
    let mut by_name: Map<(ActorKind, &str), usize> = Map::default();
    let mut actors: Vec<Actor> = Vec::new();
    let mut keys: Vec<(ActorKind, String)> = Vec::new();
    // The last doc each actor was counted in, and the aliases and roles it has.
    let mut last_doc: Vec<usize> = Vec::new();
    let mut seen: Set<(usize, bool, &str)> = Set::default();
    // Per actor: how many mentions say its kind, and how many guess it.
    let mut said: Vec<usize> = Vec::new();
    let mut guessed: Vec<usize> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (m, mention) in doc.extraction.mentions.iter().enumerate() {
            let kind = mention.kind;
            let ai = *by_name.entry((kind, &*mention.actor)).or_insert_with(|| {
                let key = actor_key(kind, &mention.actor);
                *index.entry(key.clone()).or_insert_with(|| {
                    actors.push(Actor {
                        id: format!("act-{:016x}", stable_hash(&[kind.label(), &key.1])),
                        name: mention.actor.to_string(),
                        kind,
                        aliases: Vec::new(),
                        roles: Vec::new(),
                        mentions: Vec::new(),
                        articles: 0,
                        curation: Vec::new(),
                    });
                    keys.push(key);
                    last_doc.push(usize::MAX);
                    said.push(0);
                    guessed.push(0);
                    actors.len() - 1
                })
            });
            let Some(actor) = actors.get_mut(ai) else {
                continue;
            };
            let surface = doc
                .article
                .text
                .get(mention.span.clone())
                .unwrap_or_default();
            if surface != actor.name && !surface.is_empty() && seen.insert((ai, false, surface)) {
                actor.aliases.push(surface.to_string());
            }
            if let Some(role) = &mention.role
                && seen.insert((ai, true, &**role))
            {
                actor.roles.push(role.to_string());
            }
            actor.mentions.push(ActorRef { doc: d, mention: m });
            if let Some(last) = last_doc.get_mut(ai)
                && *last != d
            {
                *last = d;
                actor.articles += 1;
            }
            let count = if mention.guess {
                &mut guessed
            } else {
                &mut said
            };
            if let Some(n) = count.get_mut(ai) {
                *n += 1;
            }
        }
    }
    // A kind only guessed yields to what other articles say of the same name
    // ("Reagan" alone, guessed a body, is the person "President Reagan" elsewhere).
    for ai in 0..actors.len() {
        let (Some(&0), Some(&guesses)) = (said.get(ai), guessed.get(ai)) else {
            continue;
        };
        let Some((name, other)) = actors
            .get(ai)
            .filter(|_| guesses > 0)
            .and_then(|a| Some((a.name.clone(), other_guess(a.kind)?)))
        else {
            continue;
        };
        let Some(&target) = index.get(&actor_key(other, &name)) else {
            continue;
        };
        let said_other = said.get(target).copied().unwrap_or(0);
        if !guessed_wrong(&name, other, guesses, said_other) {
            continue;
        }
        move_into(&mut actors, ai, target);
    }
    spelled_acronyms(&mut actors);
    // Most mentioned first, then by name, then by key (the order of the key map
    // this replaced).
    let mut order: Vec<usize> = (0..actors.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&actors[a], &actors[b]);
        y.mentions
            .len()
            .cmp(&x.mentions.len())
            .then_with(|| x.name.cmp(&y.name))
            .then_with(|| keys[a].cmp(&keys[b]))
    });
    let mut slots: Vec<Option<Actor>> = actors.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .filter(|a| !a.mentions.is_empty())
        .collect()
}

/// A body's acronym that one article spells out ("African National Congress (ANC)")
/// names that body also in the articles that use the acronym alone ("the ANC"),
/// when exactly one body of the folder has the acronym among its aliases.
fn spelled_acronyms(actors: &mut [Actor]) {
    let body = |a: &Actor| matches!(a.kind, ActorKind::Organization | ActorKind::Group);
    let acronym =
        |name: &str| (2..=6).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase());
    // Acronym → the one body that has it as an alias (`None`: several have).
    let mut spelled: Map<String, Option<usize>> = Map::default();
    for (i, a) in actors.iter().enumerate() {
        if !body(a) || acronym(&a.name) || a.mentions.is_empty() {
            continue;
        }
        for alias in a.aliases.iter().filter(|n| acronym(n)) {
            spelled
                .entry(alias.clone())
                .and_modify(|t| *t = t.filter(|&t| t == i))
                .or_insert(Some(i));
        }
    }
    for ai in 0..actors.len() {
        let Some(from) = actors.get(ai).filter(|a| body(a) && acronym(&a.name)) else {
            continue;
        };
        let Some(&Some(target)) = spelled.get(&from.name) else {
            continue;
        };
        move_into(actors, ai, target);
    }
}

/// Moves the mentions, aliases and roles of actor `from` into actor `target`
/// ([`Actor::absorb`]), leaving `from` without mentions (dropped later).
fn move_into(actors: &mut [Actor], from: usize, target: usize) {
    let Some(from) = actors.get_mut(from) else {
        return;
    };
    let taken = Actor {
        mentions: std::mem::take(&mut from.mentions),
        aliases: std::mem::take(&mut from.aliases),
        roles: std::mem::take(&mut from.roles),
        ..from.clone()
    };
    if let Some(into) = actors.get_mut(target) {
        into.absorb(taken);
    }
}

/// Most mentioned first, then by name (a stable sort: ties keep their order).
pub(crate) fn sort_actors(actors: &mut [Actor]) {
    actors.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// The event of candidate `cand` of article `d`; `of_doc` gives the actor (into
/// the folder's actors) of each of the article's mentions.
fn candidate_event(
    d: usize,
    doc: &Doc,
    of_doc: &[Option<usize>],
    cand: &EventCandidate,
) -> Option<Event> {
    let timex = doc.extraction.timexes.get(cand.timex)?;
    let mut event_actors: Vec<usize> = cand
        .actors
        .iter()
        .filter_map(|m| of_doc.get(*m).copied().flatten())
        .collect();
    event_actors.sort_unstable();
    event_actors.dedup();
    let id = format!(
        "ev-{:016x}",
        stable_hash(&[
            &doc.article.id,
            &cand.passage.start.to_string(),
            &timex.span.start.to_string()
        ])
    );
    let mut timex = timex.clone();
    if let Some(why) = &cand.derivation {
        timex.derivation = why.as_str().into();
    }
    Some(Event {
        id,
        value: cand.value.clone().unwrap_or_else(|| timex.value.clone()),
        interval: cand.interval,
        title: cand.title.clone(),
        actors: event_actors,
        anchored_duration: cand.anchored_duration,
        curation: Vec::new(),
        mentions: vec![EventMention {
            doc: d,
            passage: cand.passage.clone(),
            timex,
        }],
    })
}

/// Reorders `items` so that `items[i]` is the item that was at `order[i]`, by
/// swaps (no second copy); `order` is used up.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for i in 0..order.len() {
        let mut cur = i;
        while let Some(&next) = order.get(cur) {
            if next == usize::MAX {
                break;
            }
            if let Some(slot) = order.get_mut(cur) {
                *slot = usize::MAX;
            }
            if next == i {
                break;
            }
            items.swap(cur, next);
            cur = next;
        }
    }
}

fn build_events(
    docs: &[Arc<Doc>],
    actors: &[Actor],
    mention_actors: &[Vec<Option<usize>>],
) -> Vec<Event> {
    use rayon::prelude::*;
    // Every candidate's event, in parallel, straight into one vector.
    let pairs: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| (0..doc.extraction.events.len()).map(move |c| (d, c)))
        .collect();
    let mut made: Vec<Option<Event>> = Vec::new();
    pairs
        .par_iter()
        .map(|&(d, c)| {
            let doc = docs.get(d)?;
            let of_doc = mention_actors.get(d).map_or(&[][..], Vec::as_slice);
            candidate_event(d, doc, of_doc, doc.extraction.events.get(c)?)
        })
        .collect_into_vec(&mut made);
    drop(pairs);
    // `filter_map` (unlike `flatten`) collects in place, into `made`'s buffer.
    #[allow(clippy::filter_map_identity)]
    let mut events: Vec<Event> = made.into_iter().filter_map(|e| e).collect();
    // By date, then id: the order is sorted (stably), then applied by swaps, so
    // that the events are not copied a second time.
    // The dates and the first bytes of the ids are sorted side by side with the
    // indices: an event is only visited when those tie (many events share a day).
    let mut keys: Vec<(jiff::civil::Date, jiff::civil::Date, [u8; 16], usize)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.interval.start, e.interval.end, id_prefix(&e.id), i))
        .collect();
    keys.par_sort_by(|a, b| {
        (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)).then_with(|| {
            match (events.get(a.3), events.get(b.3)) {
                (Some(x), Some(y)) => x.id.cmp(&y.id),
                _ => a.3.cmp(&b.3),
            }
        })
    });
    let mut order: Vec<usize> = keys.into_iter().map(|k| k.3).collect();
    permute(&mut events, &mut order);
    crate::merge::merge(events, docs, actors)
}

/// The first 16 bytes of `id`, zero-padded: ordering these orders the ids, up to
/// ties between ids that share them (or differ only by trailing zero bytes).
fn id_prefix(id: &str) -> [u8; 16] {
    let mut prefix = [0; 16];
    for (to, from) in prefix.iter_mut().zip(id.bytes()) {
        *to = from;
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_prefixes_order_as_the_ids_do() {
        let ids = [
            "",
            "a",
            "ab",
            "ab\0",
            "abc",
            "ev-0123456789abcdef",
            "ev-0123456789abcdeg",
            "ev-0123456789abcd",
            "ev-1",
            "é",
        ];
        for a in ids {
            for b in ids {
                let by_prefix = id_prefix(a).cmp(&id_prefix(b));
                assert!(
                    by_prefix == a.cmp(b) || by_prefix == std::cmp::Ordering::Equal,
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        let mut order = vec![3, 0, 4, 1, 2];
        permute(&mut items, &mut order);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c']);
        let mut items: Vec<usize> = (0..100).collect();
        let mut order: Vec<usize> = (0..100).map(|i| (i * 37) % 100).collect();
        let want = order.clone();
        permute(&mut items, &mut order);
        assert_eq!(items, want);
    }

    #[test]
    fn actor_keys_fold_punctuation_and_case() {
        let k = |n| actor_key(ActorKind::Person, n).1;
        assert_eq!(k("Mohammed Shia’ al-Sudani"), k("Mohammed Shia al-Sudani"));
        assert_eq!(
            k("U.S. Department of Defense"),
            k("US Department of Defense")
        );
        assert_ne!(k("Fuad Hussein"), k("Saddam Hussein"));
        assert_ne!(
            actor_key(ActorKind::Place, "Jordan"),
            actor_key(ActorKind::Person, "Jordan")
        );
        // An organization's legal form is no part of who it is.
        let org = |n| actor_key(ActorKind::Organization, n).1;
        assert_eq!(org("Nordwind Shipping Ltd."), org("Nordwind Shipping"));
        assert_eq!(org("Halvorsen Foods Co. Ltd"), org("Halvorsen Foods"));
        assert_eq!(org("Vantage Optics N.V."), org("Vantage Optics"));
        assert_eq!(org("Delta Inc"), "delta");
        // A firm's partners are its legal form too ("Merrill Lynch & Co.").
        assert_eq!(org("Brandt Lowe and Co"), org("Brandt Lowe"));
        assert_eq!(org("Brandt Lowe & Co. Inc"), org("Brandt Lowe"));
        assert_eq!(org("Brandt and Lowe"), "brandt and lowe");
        assert_eq!(org("Inc"), "inc", "a name is never folded away");
        assert_ne!(org("Limited Brands Group"), org("Brands Group"));
        assert_ne!(k("Jordan Corp"), k("Jordan"), "only organizations");
    }

    /// An article's text and its mentions (kind, name, guess), each of the text's
    /// start up to the name's length: a text shorter than the name is its alias.
    type Said<'a> = (&'a str, &'a [(ActorKind, &'a str, bool)]);

    /// A folder of one-line articles with the mentions of [`Said`].
    fn folder(articles: &[Said]) -> Dataset {
        let docs: Vec<Doc> = articles
            .iter()
            .enumerate()
            .map(|(i, (text, mentions))| Doc {
                article: Article {
                    id: format!("a{i}"),
                    file: format!("a{i}.txt"),
                    title: (*text).into(),
                    text: (*text).into(),
                    title_line: 0..0,
                    published: None,
                    published_source: crate::corpus::PublishedSource::None,
                    published_span: None,
                    source: None,
                    url: None,
                    furniture: Vec::new(),
                    markup: Vec::new(),
                },
                extraction: ArticleExtraction {
                    mentions: mentions
                        .iter()
                        .map(|&(kind, actor, guess)| ActorMention {
                            span: 0..actor.len().min(text.len()),
                            kind,
                            actor: actor.into(),
                            role: None,
                            nickname: None,
                            guess,
                        })
                        .collect(),
                    ..ArticleExtraction::default()
                },
            })
            .collect();
        Dataset::build(PathBuf::from("f"), docs, Vec::new())
    }

    fn kinds(data: &Dataset) -> Vec<(String, ActorKind, usize)> {
        let mut out: Vec<_> = data
            .actors
            .iter()
            .map(|a| (a.name.clone(), a.kind, a.mentions.len()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_guessed_kind_yields_to_what_other_articles_say() {
        use ActorKind::{Organization as O, Person as P};
        // "President Halloran" in one article, "Halloran said" guessed a body in two.
        let data = folder(&[
            ("Halloran", &[(P, "Halloran", false)]),
            ("Halloran", &[(O, "Halloran", true)]),
            ("Halloran", &[(O, "Halloran", true), (O, "Halloran", true)]),
        ]);
        assert_eq!(kinds(&data), [("Halloran".into(), P, 4)]);
        // One slip ("Treasury said he") among many guesses does not.
        let mut many: Vec<Said> = vec![("Exchequer", &[(P, "Exchequer", false)])];
        many.extend([("Exchequer", &[(O, "Exchequer", true)][..]); 5]);
        assert_eq!(
            kinds(&folder(&many)),
            [("Exchequer".into(), P, 1), ("Exchequer".into(), O, 5)]
        );
        // Nor when an article says the guessed kind too, nor for an acronym.
        let data = folder(&[
            ("Halloran", &[(P, "Halloran", false)]),
            ("Halloran", &[(O, "Halloran", false), (O, "Halloran", true)]),
            ("MTB", &[(P, "MTB", false)]),
            ("MTB", &[(O, "MTB", true)]),
        ]);
        assert_eq!(
            kinds(&data),
            [
                ("Halloran".into(), P, 1),
                ("Halloran".into(), O, 2),
                ("MTB".into(), P, 1),
                ("MTB".into(), O, 1)
            ]
        );
        // A longer name needs most of its mentions said.
        let data = folder(&[
            ("Vance Bank", &[(P, "Vance Bank", false)]),
            (
                "Vance Bank",
                &[(O, "Vance Bank", true), (O, "Vance Bank", true)],
            ),
            (
                "Ida Marsh",
                &[(P, "Ida Marsh", false), (P, "Ida Marsh", false)],
            ),
            ("Ida Marsh", &[(O, "Ida Marsh", true)]),
        ]);
        assert_eq!(
            kinds(&data),
            [
                ("Ida Marsh".into(), P, 3),
                ("Vance Bank".into(), P, 1),
                ("Vance Bank".into(), O, 2)
            ]
        );
    }

    #[test]
    fn an_acronym_one_article_spells_out_is_that_body_elsewhere() {
        use ActorKind::{Group as G, Organization as O};
        let board = "Ghana Cocoa Board";
        // "Ghana Cocoa Board (GCB)" in one article, "the GCB" alone in another.
        let data = folder(&[
            ("GCB", &[(O, board, false)]),
            ("GCB", &[(O, "GCB", true)]),
            ("KLA", &[(G, "Kosovo Liberation Army", false)]),
            ("KLA", &[(O, "KLA", true), (O, "KLA", true)]),
        ]);
        assert_eq!(
            kinds(&data),
            [
                (board.into(), O, 2),
                ("Kosovo Liberation Army".into(), G, 3)
            ]
        );
        // Not when two bodies of the folder have the acronym, nor for a name that is
        // no acronym.
        let data = folder(&[
            ("GCB", &[(O, board, false)]),
            ("GCB", &[(O, "Gulf Cooperation Bank", false)]),
            ("GCB", &[(O, "GCB", true)]),
            ("Ghana", &[(O, board, false)]),
            ("Ghana", &[(O, "Ghana", true)]),
        ]);
        assert_eq!(
            kinds(&data),
            [
                ("GCB".into(), O, 1),
                ("Ghana".into(), O, 1),
                (board.into(), O, 2),
                ("Gulf Cooperation Bank".into(), O, 1)
            ]
        );
    }
}
