//! Curation: the user's corrections to the machine's timeline. They are kept as an
//! ordered list of [`Edit`]s keyed by stable identities — an [`Anchor`] is the hash
//! of an article's text plus a char span in it, never a run-time index — so that
//! they apply again to every new extraction of the folder (a new version of the app,
//! changed rules). An edit whose target is gone is reported as orphaned, not dropped.
//!
//! This module owns the edit vocabulary, applying edits to the model's actors and
//! events ([`crate::model::Dataset::build_curated`] calls in here), the undo/redo
//! log ([`Curation`]) and its sidecar file (`.dateline/edits.json` in the folder, or
//! the app's data directory when the folder cannot be written).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::extract::actors::ActorKind;
use crate::extract::timex::{Timex, TimexType};
use crate::model::{Actor, ActorRef, Doc, Event, EventMention, stable_hash};

/// Sidecar format name, checked on load.
pub const FORMAT: &str = "dateline-edits/1";

/// A place in an article that survives re-extraction: the hash of the article's
/// text ([`text_hash`]) and a char span (Unicode scalar values, end-exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Anchor {
    /// [`text_hash`] of the article.
    pub article: String,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl Anchor {
    /// The anchor of byte range `span` of `doc`'s text (`None` when the range is not
    /// on char boundaries of that text).
    pub fn of(doc: &Doc, span: &Range<usize>) -> Option<Self> {
        let text = &doc.article.text;
        let start = text.get(..span.start)?.chars().count();
        let len = text.get(span.clone())?.chars().count();
        Some(Self {
            article: text_hash(text),
            start,
            end: start + len,
        })
    }
}

/// The identity of an article's text: 64-bit FNV-1a, hex.
pub fn text_hash(text: &str) -> String {
    format!("{:016x}", stable_hash(&[text]))
}

/// One correction. Events are named by the anchor of the date expression of one
/// of their mentions; actors by the anchor of one of their mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Give the event a new date (a TIMEX3 value: `2024-02-07`, `2024-02`, `2024-Q1`).
    SetDate {
        /// The event.
        event: Anchor,
        /// The new value.
        value: String,
    },
    /// Give the event a new title.
    SetTitle {
        /// The event.
        event: Anchor,
        /// The new title.
        title: String,
    },
    /// Hide the event (restorable).
    RejectEvent {
        /// The event.
        event: Anchor,
    },
    /// Bring a rejected event back.
    RestoreEvent {
        /// The event.
        event: Anchor,
    },
    /// Make `other` part of `into` (its mentions and actors; `into`'s date and title).
    MergeEvents {
        /// The event that stays.
        into: Anchor,
        /// The event merged into it.
        other: Anchor,
    },
    /// Take one mention out of its event, as an event of its own.
    SplitEvent {
        /// The date expression of the mention.
        mention: Anchor,
    },
    /// Add an event for a passage the machine did not date.
    AddEvent {
        /// The passage (usually a sentence).
        passage: Anchor,
        /// Its date (TIMEX3 value).
        value: String,
        /// Its title.
        title: String,
    },
    /// Rename an actor (the old name becomes an alias).
    RenameActor {
        /// The actor.
        actor: Anchor,
        /// The new name.
        name: String,
    },
    /// Change an actor's kind.
    SetActorKind {
        /// The actor.
        actor: Anchor,
        /// The new kind.
        kind: ActorKind,
    },
    /// Make `other` part of `into` (mentions, aliases, roles).
    MergeActors {
        /// The actor that stays.
        into: Anchor,
        /// The actor merged into it.
        other: Anchor,
    },
    /// Move the mentions written as `alias` to an actor of their own.
    SplitAlias {
        /// The actor.
        actor: Anchor,
        /// The surface text of the mentions to move.
        alias: String,
    },
    /// Hide the actor (restorable); its events no longer list it.
    RejectActor {
        /// The actor.
        actor: Anchor,
    },
    /// Bring a rejected actor back.
    RestoreActor {
        /// The actor.
        actor: Anchor,
    },
    /// Set an article's publication date; its relative dates re-resolve against it.
    SetPublished {
        /// [`text_hash`] of the article.
        article: String,
        /// The date, `YYYY-MM-DD`.
        date: String,
    },
}

impl Edit {
    /// The edit in words, for lists of edits ("reject event", "rename actor to …").
    pub fn describe(&self) -> String {
        match self {
            Self::SetDate { value, .. } => format!("set an event's date to {value}"),
            Self::SetTitle { title, .. } => format!("retitle an event “{title}”"),
            Self::RejectEvent { .. } => "reject an event".into(),
            Self::RestoreEvent { .. } => "restore an event".into(),
            Self::MergeEvents { .. } => "merge two events".into(),
            Self::SplitEvent { .. } => "split a mention off an event".into(),
            Self::AddEvent { value, title, .. } => format!("add event “{title}” on {value}"),
            Self::RenameActor { name, .. } => format!("rename an actor to {name}"),
            Self::SetActorKind { kind, .. } => format!("make an actor a {}", kind.label()),
            Self::MergeActors { .. } => "merge two actors".into(),
            Self::SplitAlias { alias, .. } => format!("split “{alias}” off an actor"),
            Self::RejectActor { .. } => "reject an actor".into(),
            Self::RestoreActor { .. } => "restore an actor".into(),
            Self::SetPublished { date, .. } => {
                format!("set an article's publication date to {date}")
            }
        }
    }

    fn is_actor_edit(&self) -> bool {
        matches!(
            self,
            Self::RenameActor { .. }
                | Self::SetActorKind { .. }
                | Self::MergeActors { .. }
                | Self::SplitAlias { .. }
                | Self::RejectActor { .. }
                | Self::RestoreActor { .. }
        )
    }
}

/// An edit that found nothing to apply to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    /// Position of the edit in the log.
    pub index: usize,
    /// The edit in words.
    pub edit: String,
    /// Why it did not apply.
    pub reason: String,
}

/// The publication dates set by the user, by [`text_hash`] (the last edit wins).
pub fn published_overrides(edits: &[Edit]) -> HashMap<&str, &str> {
    edits
        .iter()
        .filter_map(|e| match e {
            Edit::SetPublished { article, date } => Some((article.as_str(), date.as_str())),
            _ => None,
        })
        .collect()
}

/// Resolves anchors to places in the docs of one dataset.
struct Locator<'a> {
    docs: &'a [Arc<Doc>],
    by_hash: HashMap<String, usize>,
}

impl<'a> Locator<'a> {
    fn new(docs: &'a [Arc<Doc>]) -> Self {
        let mut by_hash = HashMap::with_capacity(docs.len());
        for (d, doc) in docs.iter().enumerate() {
            by_hash.entry(text_hash(&doc.article.text)).or_insert(d);
        }
        Self { docs, by_hash }
    }

    /// The doc and byte range of `anchor`.
    fn locate(&self, anchor: &Anchor) -> Option<(usize, Range<usize>)> {
        let d = *self.by_hash.get(&anchor.article)?;
        let text = &self.docs.get(d)?.article.text;
        let mut bounds = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        let start = bounds.nth(anchor.start)?;
        // A hand-edited sidecar may hold an inverted span: it finds nothing.
        let end = match anchor.end.checked_sub(anchor.start)? {
            0 => start,
            len => bounds.nth(len - 1)?,
        };
        Some((d, start..end))
    }

    fn surface(&self, r: &ActorRef) -> Option<&'a str> {
        let doc = self.docs.get(r.doc)?;
        let span = &doc.extraction.mentions.get(r.mention)?.span;
        doc.article.text.get(span.clone())
    }
}

/// Applies edits in log order; collects what could not be applied.
pub(crate) struct Applier<'a> {
    edits: &'a [Edit],
    locator: Locator<'a>,
    /// Edits that found no target.
    pub orphans: Vec<Orphan>,
}

impl<'a> Applier<'a> {
    pub(crate) fn new(docs: &'a [Arc<Doc>], edits: &'a [Edit]) -> Self {
        // Hashing every text costs time only worth spending when there are edits.
        let locator = if edits.is_empty() {
            Locator {
                docs,
                by_hash: HashMap::new(),
            }
        } else {
            Locator::new(docs)
        };
        Self {
            edits,
            locator,
            orphans: Vec::new(),
        }
    }

    fn orphan(&mut self, index: usize, reason: &str) {
        if let Some(edit) = self.edits.get(index) {
            self.orphans.push(Orphan {
                index,
                edit: edit.describe(),
                reason: reason.into(),
            });
        }
    }

    /// Applies the actor edits to `actors` (merged from the docs, not yet sorted);
    /// returns the rejected actors. Mention counts, article counts and order are
    /// brought up to date.
    pub(crate) fn apply_actors(&mut self, actors: &mut Vec<Actor>) -> Vec<Actor> {
        let mut rejected: Vec<Actor> = Vec::new();
        for (index, edit) in self.edits.iter().enumerate() {
            if !edit.is_actor_edit() {
                continue;
            }
            let find = |list: &[Actor], anchor: &Anchor| -> Option<usize> {
                let (d, span) = self.locator.locate(anchor)?;
                let doc = self.locator.docs.get(d)?;
                list.iter().position(|a| {
                    a.mentions.iter().any(|r| {
                        r.doc == d
                            && doc.extraction.mentions.get(r.mention).map(|m| &m.span)
                                == Some(&span)
                    })
                })
            };
            let outcome: Result<(), &str> = match edit {
                Edit::RenameActor { actor, name } => match find(actors, actor) {
                    Some(a) if !name.trim().is_empty() => {
                        let actor = &mut actors[a];
                        let old = std::mem::replace(&mut actor.name, name.trim().to_string());
                        actor.aliases.retain(|x| x != &actor.name);
                        if !actor.aliases.contains(&old) && old != actor.name {
                            actor.aliases.insert(0, old.clone());
                        }
                        actor.curation.push(format!("renamed by you (was {old})"));
                        Ok(())
                    }
                    Some(_) => Err("the new name is empty"),
                    None => Err("the actor is no longer found"),
                },
                Edit::SetActorKind { actor, kind } => match find(actors, actor) {
                    Some(a) => {
                        let actor = &mut actors[a];
                        let old = actor.kind;
                        actor.kind = *kind;
                        actor
                            .curation
                            .push(format!("kind set by you (was {})", old.label()));
                        Ok(())
                    }
                    None => Err("the actor is no longer found"),
                },
                Edit::MergeActors { into, other } => {
                    match (find(actors, into), find(actors, other)) {
                        (Some(a), Some(b)) if a != b => {
                            let other = actors.remove(b);
                            let a = if b < a { a - 1 } else { a };
                            let actor = &mut actors[a];
                            let merged = format!("merged by you with {}", other.name);
                            actor.absorb(other);
                            actor.curation.push(merged);
                            Ok(())
                        }
                        (Some(_), Some(_)) => Err("both are already one actor"),
                        _ => Err("one of the actors is no longer found"),
                    }
                }
                Edit::SplitAlias { actor, alias } => match find(actors, actor) {
                    Some(a) => {
                        let (moved, kept): (Vec<ActorRef>, Vec<ActorRef>) = actors[a]
                            .mentions
                            .iter()
                            .partition(|r| self.locator.surface(r) == Some(alias.as_str()));
                        if moved.is_empty() {
                            Err("no mention is written that way any more")
                        } else if kept.is_empty() {
                            Err("every mention is written that way: nothing would remain")
                        } else {
                            let kind = actors[a].kind;
                            let from = actors[a].name.clone();
                            actors[a].mentions = kept;
                            actors[a].aliases.retain(|x| x != alias);
                            actors[a]
                                .curation
                                .push(format!("“{alias}” split off by you"));
                            actors.push(Actor {
                                id: format!(
                                    "act-{:016x}",
                                    stable_hash(&[kind.label(), alias, "split"])
                                ),
                                name: alias.clone(),
                                kind,
                                aliases: Vec::new(),
                                roles: Vec::new(),
                                mentions: moved,
                                articles: 0,
                                curation: vec![format!("split off {from} by you")],
                            });
                            Ok(())
                        }
                    }
                    None => Err("the actor is no longer found"),
                },
                Edit::RejectActor { actor } => match find(actors, actor) {
                    Some(a) => {
                        let mut actor = actors.remove(a);
                        actor.curation.push("rejected by you".into());
                        rejected.push(actor);
                        Ok(())
                    }
                    None => Err("the actor is no longer found"),
                },
                Edit::RestoreActor { actor } => match find(&rejected, actor) {
                    Some(a) => {
                        let mut actor = rejected.remove(a);
                        actor.curation.retain(|n| n != "rejected by you");
                        actor.curation.push("restored by you".into());
                        actors.push(actor);
                        Ok(())
                    }
                    None => Err("the actor is not among the rejected ones"),
                },
                _ => Ok(()),
            };
            if let Err(reason) = outcome {
                self.orphan(index, reason);
            }
        }
        for actor in actors.iter_mut().chain(rejected.iter_mut()) {
            let mut docs: Vec<usize> = actor.mentions.iter().map(|r| r.doc).collect();
            docs.dedup();
            docs.sort_unstable();
            docs.dedup();
            actor.articles = docs.len();
        }
        crate::model::sort_actors(actors);
        rejected
    }

    /// Applies the event edits to `events` (built and merged, sorted by date);
    /// returns the rejected events. `mention_actors` maps each doc's actor mentions
    /// to actors (for events added by hand). Events end sorted by date.
    pub(crate) fn apply_events(
        &mut self,
        events: &mut Vec<Event>,
        mention_actors: &[Vec<Option<usize>>],
    ) -> Vec<Event> {
        let mut rejected: Vec<Event> = Vec::new();
        let docs = self.locator.docs;
        for (index, edit) in self.edits.iter().enumerate() {
            let find = |list: &[Event], anchor: &Anchor| -> Option<(usize, usize)> {
                let (d, span) = self.locator.locate(anchor)?;
                list.iter().enumerate().find_map(|(e, ev)| {
                    ev.mentions
                        .iter()
                        .position(|m| m.doc == d && m.timex.span == span)
                        .map(|k| (e, k))
                })
            };
            let outcome: Result<(), &str> = match edit {
                Edit::SetDate { event, value } => match (find(events, event), parse_value(value)) {
                    (Some((e, _)), Some(interval)) => {
                        let ev = &mut events[e];
                        let old = std::mem::replace(&mut ev.value, value.trim().to_string());
                        ev.interval = interval;
                        ev.anchored_duration = false;
                        ev.curation
                            .push(format!("date set by you to {} (machine: {old})", ev.value));
                        Ok(())
                    }
                    (None, _) => Err("the event is no longer found"),
                    (_, None) => Err("not a date value"),
                },
                Edit::SetTitle { event, title } => match find(events, event) {
                    Some((e, _)) if !title.trim().is_empty() => {
                        let ev = &mut events[e];
                        let old = std::mem::replace(&mut ev.title, title.trim().into());
                        ev.curation.push(format!("title set by you (was “{old}”)"));
                        Ok(())
                    }
                    Some(_) => Err("the new title is empty"),
                    None => Err("the event is no longer found"),
                },
                Edit::RejectEvent { event } => match find(events, event) {
                    Some((e, _)) => {
                        let mut ev = events.remove(e);
                        ev.curation.push("rejected by you".into());
                        rejected.push(ev);
                        Ok(())
                    }
                    None => Err("the event is no longer found"),
                },
                Edit::RestoreEvent { event } => match find(&rejected, event) {
                    Some((e, _)) => {
                        let mut ev = rejected.remove(e);
                        ev.curation.retain(|n| n != "rejected by you");
                        ev.curation.push("restored by you".into());
                        events.push(ev);
                        Ok(())
                    }
                    None => Err("the event is not among the rejected ones"),
                },
                Edit::MergeEvents { into, other } => {
                    match (find(events, into), find(events, other)) {
                        (Some((a, _)), Some((b, _))) if a != b => {
                            let other = events.remove(b);
                            let a = if b < a { a - 1 } else { a };
                            let ev = &mut events[a];
                            ev.mentions.extend(other.mentions);
                            for actor in other.actors {
                                if !ev.actors.contains(&actor) {
                                    ev.actors.push(actor);
                                }
                            }
                            ev.actors.sort_unstable();
                            ev.curation
                                .push(format!("merged by you with “{}”", other.title));
                            Ok(())
                        }
                        (Some(_), Some(_)) => Err("both are already one event"),
                        _ => Err("one of the events is no longer found"),
                    }
                }
                Edit::SplitEvent { mention } => match find(events, mention) {
                    Some((e, k)) if events[e].mentions.len() > 1 => {
                        let m = events[e].mentions.remove(k);
                        let split = split_event(docs, &m, &events[e], mention_actors);
                        let rest = &mut events[e];
                        rest.curation.push("a mention split off by you".into());
                        // The id came from the mention split off: the rest takes
                        // the id of its own first mention (ids stay unique).
                        if rest.id == split.id
                            && let Some(first) = rest.mentions.first()
                        {
                            rest.id = mention_event_id(docs, first);
                        }
                        events.push(split);
                        Ok(())
                    }
                    Some(_) => Err("the event has a single mention"),
                    None => Err("the event is no longer found"),
                },
                Edit::AddEvent {
                    passage,
                    value,
                    title,
                } => match (self.locator.locate(passage), parse_value(value)) {
                    (Some((d, span)), Some(interval)) => {
                        let exists = events.iter().chain(&rejected).any(|e| {
                            e.mentions.iter().any(|m| {
                                m.doc == d && m.timex.span == span && &*m.timex.rule == USER_RULE
                            })
                        });
                        if exists {
                            Err("an event was already added on that passage")
                        } else {
                            events.push(added_event(
                                docs,
                                d,
                                span,
                                value,
                                title,
                                interval,
                                mention_actors,
                            ));
                            Ok(())
                        }
                    }
                    (None, _) => Err("the passage is no longer found"),
                    (_, None) => Err("not a date value"),
                },
                Edit::SetPublished { article, .. } => {
                    if self.locator.by_hash.contains_key(article) {
                        Ok(())
                    } else {
                        Err("the article is no longer in the folder")
                    }
                }
                _ => Ok(()),
            };
            if let Err(reason) = outcome {
                self.orphan(index, reason);
            }
        }
        events.sort_by(|a, b| {
            (a.interval.start, a.interval.end, &a.id).cmp(&(
                b.interval.start,
                b.interval.end,
                &b.id,
            ))
        });
        rejected
    }
}

/// The rule name of date expressions that stand for passages added by the user.
pub const USER_RULE: &str = "user";

/// Parses a date typed by the user or a TIMEX3 value into its interval.
pub fn parse_value(value: &str) -> Option<crate::extract::timex::Interval> {
    crate::extract::timex::interval(value.trim(), None)
}

/// The event for mention `m` taken out of `from`: its own candidate's date, title
/// and actors when the article still has it, else `from`'s.
fn split_event(
    docs: &[Arc<Doc>],
    m: &EventMention,
    from: &Event,
    mention_actors: &[Vec<Option<usize>>],
) -> Event {
    let doc = docs.get(m.doc);
    let candidate = doc.and_then(|doc| {
        doc.extraction.events.iter().find(|c| {
            c.passage == m.passage
                && doc.extraction.timexes.get(c.timex).map(|t| &t.span) == Some(&m.timex.span)
        })
    });
    let of_doc = mention_actors.get(m.doc).map_or(&[][..], Vec::as_slice);
    let (value, interval, title, mut actors) = match candidate {
        Some(c) => (
            c.value.clone().unwrap_or_else(|| m.timex.value.clone()),
            c.interval,
            c.title.clone(),
            c.actors
                .iter()
                .filter_map(|a| of_doc.get(*a).copied().flatten())
                .collect::<Vec<_>>(),
        ),
        None => (
            from.value.clone(),
            from.interval,
            from.title.clone(),
            from.actors.clone(),
        ),
    };
    actors.sort_unstable();
    actors.dedup();
    Event {
        id: mention_event_id(docs, m),
        value,
        interval,
        title,
        actors,
        mentions: vec![m.clone()],
        anchored_duration: false,
        curation: vec![format!("split by you from “{}”", from.title)],
    }
}

/// The id an event found at mention `m` gets (as [`crate::model`] builds it).
fn mention_event_id(docs: &[Arc<Doc>], m: &EventMention) -> String {
    let article = docs.get(m.doc).map_or("", |d| d.article.id.as_str());
    format!(
        "ev-{:016x}",
        stable_hash(&[
            article,
            &m.passage.start.to_string(),
            &m.timex.span.start.to_string()
        ])
    )
}

/// The event the user added for passage `span` of doc `d`.
fn added_event(
    docs: &[Arc<Doc>],
    d: usize,
    span: Range<usize>,
    value: &str,
    title: &str,
    interval: crate::extract::timex::Interval,
    mention_actors: &[Vec<Option<usize>>],
) -> Event {
    let doc = docs.get(d);
    let of_doc = mention_actors.get(d).map_or(&[][..], Vec::as_slice);
    let mut actors: Vec<usize> = doc
        .map(|doc| {
            doc.extraction
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| span.start <= m.span.start && m.span.end <= span.end)
                .filter_map(|(i, _)| of_doc.get(i).copied().flatten())
                .collect()
        })
        .unwrap_or_default();
    actors.sort_unstable();
    actors.dedup();
    let article = doc.map_or("", |d| d.article.id.as_str());
    let title = if title.trim().is_empty() {
        doc.and_then(|d| d.article.text.get(span.clone()))
            .map(|t| t.chars().take(80).collect::<String>())
            .unwrap_or_default()
    } else {
        title.trim().to_string()
    };
    Event {
        id: format!(
            "ev-{:016x}",
            stable_hash(&[article, &span.start.to_string(), USER_RULE])
        ),
        value: value.trim().to_string(),
        interval,
        title: title.into(),
        actors,
        mentions: vec![EventMention {
            doc: d,
            passage: span.clone(),
            timex: Timex {
                span,
                kind: TimexType::Date,
                value: value.trim().to_string(),
                modifier: None,
                derivation: format!("added by you, dated {}", value.trim()).into(),
                rule: USER_RULE.into(),
            },
        }],
        anchored_duration: false,
        curation: vec!["added by you".into()],
    }
}

/// The undo/redo log of one folder's edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Curation {
    /// Edits in force, oldest first.
    pub edits: Vec<Edit>,
    /// Edits undone, most recently undone last (redo takes from the end).
    #[serde(default)]
    pub undone: Vec<Edit>,
}

impl Curation {
    /// Records a new edit (clears the redo list).
    pub fn push(&mut self, edit: Edit) {
        self.edits.push(edit);
        self.undone.clear();
    }

    /// Takes back the last edit; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        match self.edits.pop() {
            Some(edit) => {
                self.undone.push(edit);
                true
            }
            None => false,
        }
    }

    /// Applies the last undone edit again; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        match self.undone.pop() {
            Some(edit) => {
                self.edits.push(edit);
                true
            }
            None => false,
        }
    }
}

/// The sidecar file as stored.
#[derive(Debug, Serialize, Deserialize)]
struct SidecarFile {
    format: String,
    /// Save counter: of two copies (folder and data directory) the higher wins.
    revision: u64,
    /// The folder the edits belong to, for people reading the file.
    #[serde(default)]
    folder: String,
    #[serde(flatten)]
    curation: Curation,
}

/// Where a folder's edits are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sidecar {
    /// `.dateline/edits.json` inside the folder.
    pub in_folder: PathBuf,
    /// The fallback in the app's data directory (`None` when there is no home).
    pub in_data_dir: Option<PathBuf>,
}

/// Where a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Into the folder's `.dateline/`.
    Folder(PathBuf),
    /// Into the app's data directory, because the folder could not be written.
    DataDir(PathBuf, String),
}

/// The app's data directory: `$XDG_DATA_HOME/dateline`, else `~/.local/share/dateline`.
pub fn data_dir() -> Option<PathBuf> {
    crate::fsutil::user_dir("XDG_DATA_HOME", ".local/share")
}

impl Sidecar {
    /// The sidecar of the folder (or the folder of the file) `root`.
    pub fn for_root(root: &Path) -> Self {
        let folder = if root.is_file() {
            root.parent().unwrap_or(Path::new(".")).to_path_buf()
        } else {
            root.to_path_buf()
        };
        let canonical = folder.canonicalize().unwrap_or_else(|_| folder.clone());
        let key = stable_hash(&[&canonical.to_string_lossy()]);
        Self {
            in_folder: folder.join(".dateline").join("edits.json"),
            in_data_dir: data_dir().map(|d| d.join("curation").join(format!("{key:016x}.json"))),
        }
    }

    /// Reads the edits: the newer of the folder's copy and the data directory's.
    /// No file is an empty log; an unreadable or malformed one is an error that
    /// names the file (the caller reports it and must not overwrite it blindly).
    pub fn load(&self) -> Result<Curation, String> {
        Ok(self.read_newest()?.map(|b| b.curation).unwrap_or_default())
    }

    fn read_newest(&self) -> Result<Option<SidecarFile>, String> {
        let mut best: Option<SidecarFile> = None;
        for path in std::iter::once(&self.in_folder).chain(self.in_data_dir.as_ref()) {
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                    ) =>
                {
                    continue;
                }
                Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
            };
            let file: SidecarFile = serde_json::from_slice(&bytes)
                .map_err(|e| format!("{}: not a dateline edits file: {e}", path.display()))?;
            if file.format != FORMAT {
                return Err(format!(
                    "{}: format {} is not {FORMAT} (made by another version?)",
                    path.display(),
                    file.format
                ));
            }
            if best.as_ref().is_none_or(|b| file.revision > b.revision) {
                best = Some(file);
            }
        }
        Ok(best)
    }

    /// Writes the edits atomically: into the folder when it can be written, else
    /// into the data directory (the returned value says which, and why).
    pub fn save(&self, curation: &Curation) -> Result<Saved, String> {
        // One past the newest copy, so that the copy written now wins on load.
        let revision = self.read_newest().ok().flatten().map_or(0, |f| f.revision) + 1;
        let file = SidecarFile {
            format: FORMAT.into(),
            revision,
            folder: self
                .in_folder
                .parent()
                .and_then(Path::parent)
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            curation: curation.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&file).map_err(|e| e.to_string())?;
        let write = |path: &Path| -> std::io::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            crate::fsutil::write_atomic(path, &bytes)
        };
        match write(&self.in_folder) {
            Ok(()) => Ok(Saved::Folder(self.in_folder.clone())),
            Err(folder_error) => {
                let Some(fallback) = &self.in_data_dir else {
                    return Err(format!(
                        "cannot save corrections in {}: {folder_error}",
                        self.in_folder.display()
                    ));
                };
                write(fallback).map_err(|e| {
                    format!("cannot save corrections in {}: {e}", fallback.display())
                })?;
                Ok(Saved::DataDir(fallback.clone(), folder_error.to_string()))
            }
        }
    }

    /// Moves an unreadable sidecar aside (`edits.json.broken-N`) so that saving
    /// does not destroy what it held; returns where it went.
    pub fn set_aside_broken(&self) -> Vec<PathBuf> {
        let mut moved = Vec::new();
        for path in std::iter::once(&self.in_folder).chain(self.in_data_dir.as_ref()) {
            let readable = std::fs::read(path).ok().is_some_and(|b| {
                serde_json::from_slice::<SidecarFile>(&b).is_ok_and(|f| f.format == FORMAT)
            });
            if path.exists() && !readable {
                let aside = (1..1000)
                    .map(|n| path.with_extension(format!("json.broken-{n}")))
                    .find(|p| !p.exists());
                if let Some(aside) = aside
                    && std::fs::rename(path, &aside).is_ok()
                {
                    moved.push(aside);
                }
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_round_trip_as_tagged_json() {
        let edit = Edit::SetDate {
            event: Anchor {
                article: "00ff".into(),
                start: 3,
                end: 10,
            },
            value: "2024-02-07".into(),
        };
        let json = serde_json::to_string(&edit).unwrap_or_default();
        assert!(json.contains("\"op\":\"set_date\""), "{json}");
        let back: Edit = serde_json::from_str(&json)
            .ok()
            .unwrap_or(Edit::RejectEvent {
                event: Anchor {
                    article: String::new(),
                    start: 0,
                    end: 0,
                },
            });
        assert_eq!(back, edit);
    }

    #[test]
    fn anchors_locate_char_spans_and_reject_bad_ones() {
        let text = "Titre\nLe 7 février, à Bagdad.\n";
        let Ok(reader) = crate::corpus::Reader::new() else {
            panic!("the corpus rules compile");
        };
        let doc = Doc {
            article: reader.article_from_text("x.txt", text.into(), None),
            extraction: crate::model::ArticleExtraction::default(),
        };
        let bytes = text.find("février").unwrap_or(0)..text.find(',').unwrap_or(0);
        let anchor = Anchor::of(&doc, &bytes);
        assert_eq!(
            anchor.as_ref().map(|a| (a.start, a.end)),
            Some((11, 18)),
            "char offsets"
        );
        let docs = [Arc::new(doc)];
        let locator = Locator::new(&docs);
        let located = anchor.as_ref().and_then(|a| locator.locate(a));
        assert_eq!(located, Some((0, bytes)));
        let hash = text_hash(text);
        for (start, end) in [(18, 11), (0, 99), (99, 100)] {
            let bad = Anchor {
                article: hash.clone(),
                start,
                end,
            };
            assert_eq!(locator.locate(&bad), None, "{start}..{end}");
        }
        let empty = Anchor {
            article: hash,
            start: 3,
            end: 3,
        };
        assert_eq!(locator.locate(&empty), Some((0, 3..3)));
    }

    #[test]
    fn undo_and_redo_walk_the_log() {
        let reject = |n| Edit::RejectActor {
            actor: Anchor {
                article: "a".into(),
                start: n,
                end: n + 1,
            },
        };
        let mut c = Curation::default();
        c.push(reject(1));
        c.push(reject(2));
        assert!(c.undo());
        assert_eq!(c.edits, vec![reject(1)]);
        assert!(c.redo());
        assert_eq!(c.edits, vec![reject(1), reject(2)]);
        assert!(!c.redo());
        assert!(c.undo() && c.undo() && !c.undo());
        c.push(reject(3));
        assert!(c.undone.is_empty(), "a new edit clears the redo list");
    }

    #[test]
    fn values_typed_by_the_user_parse() {
        for (value, start, end) in [
            ("2024-02-07", "2024-02-07", "2024-02-07"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            (" 2023 ", "2023-01-01", "2023-12-31"),
            ("2024-Q2", "2024-04-01", "2024-06-30"),
        ] {
            let i = parse_value(value);
            assert_eq!(
                i.map(|i| (i.start.to_string(), i.end.to_string())),
                Some((start.to_string(), end.to_string())),
                "{value}"
            );
        }
        assert!(parse_value("next Tuesday").is_none());
        assert!(parse_value("").is_none());
    }
}
