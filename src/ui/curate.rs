//! Curation controls: the "Correct" sections under an event's and an actor's
//! details, the form that adds an event from a selected passage, the publication
//! date form, and the window listing rejected items and edits. Every control
//! returns a [`Command::Curate`] with an [`Edit`] keyed by anchors; the app applies
//! it, rebuilds the model and saves the sidecar.

use std::ops::Range;

use crate::curation::{Anchor, Edit, parse_value};
use crate::extract::actors::ActorKind;
use crate::model::{Dataset, Event};
use crate::ui::app::{Command, Revision};
use crate::ui::memo::Memo;

/// Text typed into the curation forms, kept between frames.
#[derive(Debug, Clone, Default)]
pub struct Forms {
    /// The event or actor the forms were filled for (reset when it changes).
    target: String,
    /// New date of the event, or of the added event.
    pub date: String,
    /// New title of the event, or of the added event.
    pub title: String,
    /// New name of the actor.
    pub name: String,
    /// The other event or actor picked for a merge.
    pub merge_with: Option<usize>,
    /// New publication date.
    pub published: String,
    /// Whether the publication date form is open.
    pub published_open: bool,
    /// The "merge with" choices of an event: (dataset revision, event) → events.
    events_near: Memo<(Revision, usize), Vec<usize>>,
    /// The "merge with" choices of an actor: (dataset revision, actor) → actors.
    other_actors: Memo<(Revision, usize), Vec<usize>>,
    /// The anchors the forms name their targets by.
    anchors: Anchors,
}

/// Anchors already made for one revision of the dataset, by doc and byte range.
/// An anchor hashes its article's whole text and counts its characters up to the
/// range: for a report of megabytes that takes milliseconds, too long to do again
/// every frame.
#[derive(Debug, Clone, Default)]
struct Anchors {
    revision: Option<Revision>,
    known: std::collections::HashMap<(usize, Range<usize>), Option<Anchor>>,
}

impl Anchors {
    /// [`Anchor::of`] the range `span` of doc `d` of the dataset at `revision`.
    fn of(
        &mut self,
        dataset: &Dataset,
        revision: Revision,
        d: usize,
        span: &Range<usize>,
    ) -> Option<Anchor> {
        if self.revision != Some(revision) {
            self.known.clear();
            self.revision = Some(revision);
        }
        self.known
            .entry((d, span.clone()))
            .or_insert_with(|| Anchor::of(dataset.docs.get(d)?, span))
            .clone()
    }

    /// The anchor of mention `k` of `event` (its date expression).
    fn event(
        &mut self,
        dataset: &Dataset,
        revision: Revision,
        event: &Event,
        k: usize,
    ) -> Option<Anchor> {
        let m = event.mentions.get(k)?;
        self.of(dataset, revision, m.doc, &m.timex.span)
    }

    /// The anchor of actor `a`'s first mention.
    fn actor(&mut self, dataset: &Dataset, revision: Revision, a: usize) -> Option<Anchor> {
        let r = dataset.actors.get(a)?.mentions.first()?;
        let span = dataset
            .docs
            .get(r.doc)?
            .extraction
            .mentions
            .get(r.mention)?
            .span
            .clone();
        self.of(dataset, revision, r.doc, &span)
    }
}

impl Forms {
    /// Empties the forms when they were filled for another target.
    fn for_target(&mut self, target: &str) {
        if self.target != target {
            *self = Self {
                target: target.to_string(),
                anchors: std::mem::take(&mut self.anchors),
                ..Self::default()
            };
        }
    }
}

/// Granularities offered for an event's date, with how to cut the date to them.
const GRANULARITIES: [(&str, usize); 3] = [("day", 10), ("month", 7), ("year", 4)];

/// The anchor of mention `k` of `event` (its date expression), made anew: for a
/// click (what is drawn every frame uses [`Anchors`]).
fn event_anchor(dataset: &Dataset, event: &Event, k: usize) -> Option<Anchor> {
    let m = event.mentions.get(k)?;
    Anchor::of(dataset.docs.get(m.doc)?, &m.timex.span)
}

/// The anchor of `actor`'s first mention, made anew: for a click.
fn actor_anchor_of(dataset: &Dataset, actor: &crate::model::Actor) -> Option<Anchor> {
    let r = actor.mentions.first()?;
    let doc = dataset.docs.get(r.doc)?;
    Anchor::of(doc, &doc.extraction.mentions.get(r.mention)?.span)
}

/// A one-line text field with a visible label (AccessKit needs the label).
fn field(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(ui.available_width() - 90.0),
        )
        .labelled_by(l.id)
    })
    .inner
}

/// The "Correct this event" section for event `e`; `revision` identifies the
/// dataset (its derived lists are kept while it stays the same).
pub fn event_editor(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    revision: Revision,
    e: usize,
    forms: &mut Forms,
) -> Option<Command> {
    let event = dataset.events.get(e)?;
    let anchor = forms.anchors.event(dataset, revision, event, 0)?;
    forms.for_target(&event.id);
    let mut command = None;
    let mut edit = |edit: Edit| command = Some(Command::Curate(edit));
    egui::CollapsingHeader::new("Correct this event")
        .id_salt(("correct-event", &event.id))
        .show(ui, |ui| {
            let response = field(ui, "Date", &mut forms.date, &event.value);
            let valid = parse_value(&forms.date).is_some();
            ui.horizontal(|ui| {
                let set = ui.add_enabled(valid, egui::Button::new("Set date"));
                let entered =
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (set.clicked() || (entered && valid)) && forms.date.trim() != event.value {
                    edit(Edit::SetDate {
                        event: anchor.clone(),
                        value: forms.date.trim().to_string(),
                    });
                }
                if !forms.date.trim().is_empty() && !valid {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "a date: 2024-02-07, 2024-02, 2024, 2024-Q1, 2024-W06",
                    );
                }
            });
            ui.horizontal(|ui| {
                ui.label("as a");
                let start = event.interval.start.to_string();
                for (name, len) in GRANULARITIES {
                    let value = start.get(..len).unwrap_or(&start).to_string();
                    if ui
                        .add_enabled(value != event.value, egui::Button::new(name))
                        .on_hover_text(format!("date the event {value}"))
                        .clicked()
                    {
                        edit(Edit::SetDate {
                            event: anchor.clone(),
                            value,
                        });
                    }
                }
            });
            let response = field(ui, "Title", &mut forms.title, &event.title);
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let title = forms.title.trim().to_string();
            if (ui
                .add_enabled(!title.is_empty(), egui::Button::new("Set title"))
                .clicked()
                || (entered && !title.is_empty()))
                && *title != *event.title
            {
                edit(Edit::SetTitle {
                    event: anchor.clone(),
                    title,
                });
            }
            ui.separator();
            merge_events(ui, dataset, (revision, e), event, forms, &anchor, &mut edit);
            if event.mentions.len() > 1 {
                for k in 0..event.mentions.len() {
                    let Some((m, doc)) = event
                        .mentions
                        .get(k)
                        .and_then(|m| Some((m, dataset.docs.get(m.doc)?)))
                    else {
                        continue;
                    };
                    let written = doc.article.text.get(m.timex.span.clone()).unwrap_or("");
                    if ui
                        .button(format!("Split “{written}” ({}) off", doc.article.label()))
                        .on_hover_text("make this passage an event of its own")
                        .clicked()
                        && let Some(mention) = event_anchor(dataset, event, k)
                    {
                        edit(Edit::SplitEvent { mention });
                    }
                }
            }
            ui.separator();
            if ui
                .button("Reject event")
                .on_hover_text("hide it from the timeline (Edit → Rejected… restores it)")
                .clicked()
            {
                edit(Edit::RejectEvent {
                    event: anchor.clone(),
                });
            }
        });
    command
}

/// The events within 60 days of event `e`, nearest first (at most 40): the "merge
/// with" choices.
fn events_near(dataset: &Dataset, e: usize) -> Vec<usize> {
    let Some(event) = dataset.events.get(e) else {
        return Vec::new();
    };
    let mut near: Vec<(i64, usize)> = dataset
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != e)
        .map(|(i, other)| {
            let days = (other.interval.start - event.interval.start)
                .get_days()
                .abs();
            (i64::from(days), i)
        })
        .filter(|(d, _)| *d <= 60)
        .collect();
    near.sort_unstable();
    near.truncate(40);
    near.into_iter().map(|(_, i)| i).collect()
}

/// "Merge with": events near this one in time (computed once per dataset revision
/// and event, not every frame).
fn merge_events(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    (revision, e): (Revision, usize),
    event: &Event,
    forms: &mut Forms,
    anchor: &Anchor,
    edit: &mut impl FnMut(Edit),
) {
    let near = forms
        .events_near
        .get((revision, e), || events_near(dataset, e));
    if near.is_empty() {
        return;
    }
    let label = |i: usize| {
        dataset
            .events
            .get(i)
            .map(|o| format!("{} · {}", o.value, o.title))
            .unwrap_or_default()
    };
    ui.horizontal(|ui| {
        let l = ui.label("Merge with");
        egui::ComboBox::from_id_salt(("merge-event", &event.id))
            .width(ui.available_width() - 80.0)
            .selected_text(forms.merge_with.map(label).unwrap_or_default())
            .show_ui(ui, |ui| {
                for i in near {
                    ui.selectable_value(&mut forms.merge_with, Some(*i), label(*i));
                }
            })
            .response
            .labelled_by(l.id);
        let other = forms
            .merge_with
            .and_then(|i| dataset.events.get(i))
            .and_then(|o| forms.anchors.event(dataset, revision, o, 0));
        if ui
            .add_enabled(other.is_some(), egui::Button::new("Merge"))
            .on_hover_text("one event: this one's date and title, both passages")
            .clicked()
            && let Some(other) = other
        {
            edit(Edit::MergeEvents {
                into: anchor.clone(),
                other,
            });
            forms.merge_with = None;
        }
    });
}

/// The "Correct this actor" section for actor `a`; `revision` identifies the
/// dataset (its derived lists are kept while it stays the same).
pub fn actor_editor(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    revision: Revision,
    a: usize,
    forms: &mut Forms,
) -> Option<Command> {
    let actor = dataset.actors.get(a)?;
    let anchor = forms.anchors.actor(dataset, revision, a)?;
    forms.for_target(&actor.id);
    let mut command = None;
    let mut edit = |edit: Edit| command = Some(Command::Curate(edit));
    egui::CollapsingHeader::new("Correct this actor")
        .id_salt(("correct-actor", &actor.id))
        .show(ui, |ui| {
            let response = field(ui, "Name", &mut forms.name, &actor.name);
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = forms.name.trim().to_string();
            if (ui
                .add_enabled(!name.is_empty(), egui::Button::new("Rename"))
                .clicked()
                || (entered && !name.is_empty()))
                && name != actor.name
            {
                edit(Edit::RenameActor {
                    actor: anchor.clone(),
                    name,
                });
            }
            ui.horizontal(|ui| {
                ui.label("kind");
                for kind in [
                    ActorKind::Person,
                    ActorKind::Organization,
                    ActorKind::Group,
                    ActorKind::Place,
                    ActorKind::Other,
                ] {
                    if ui
                        .selectable_label(actor.kind == kind, kind.label())
                        .clicked()
                        && actor.kind != kind
                    {
                        edit(Edit::SetActorKind {
                            actor: anchor.clone(),
                            kind,
                        });
                    }
                }
            });
            merge_actors(ui, dataset, (revision, a), forms, &anchor, &mut edit);
            for alias in &actor.aliases {
                if ui
                    .button(format!("Split “{alias}” off"))
                    .on_hover_text("the mentions written this way become an actor of their own")
                    .clicked()
                {
                    edit(Edit::SplitAlias {
                        actor: anchor.clone(),
                        alias: alias.clone(),
                    });
                }
            }
            ui.separator();
            if ui
                .button("Reject actor")
                .on_hover_text("not an actor: hide it (Edit → Rejected… restores it)")
                .clicked()
            {
                edit(Edit::RejectActor {
                    actor: anchor.clone(),
                });
            }
        });
    command
}

/// The actors other than `a`, those of its kind first, then by name: the "merge
/// with" choices.
fn other_actors(dataset: &Dataset, a: usize) -> Vec<usize> {
    let Some(actor) = dataset.actors.get(a) else {
        return Vec::new();
    };
    let mut others: Vec<usize> = (0..dataset.actors.len()).filter(|i| *i != a).collect();
    others.sort_by_cached_key(|i| {
        dataset
            .actors
            .get(*i)
            .map(|o| (o.kind != actor.kind, o.name.to_lowercase()))
    });
    others
}

/// "Merge with": other actors of any kind, same kind first, by name (sorted once
/// per dataset revision and actor, when the list is first opened).
fn merge_actors(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    (revision, a): (Revision, usize),
    forms: &mut Forms,
    anchor: &Anchor,
    edit: &mut impl FnMut(Edit),
) {
    let Some(actor) = dataset.actors.get(a) else {
        return;
    };
    let label = |i: usize| {
        dataset
            .actors
            .get(i)
            .map(|o| format!("{} ({})", o.name, o.kind.label()))
            .unwrap_or_default()
    };
    ui.horizontal(|ui| {
        let l = ui.label("Merge with");
        egui::ComboBox::from_id_salt(("merge-actor", &actor.id))
            .width(ui.available_width() - 80.0)
            .selected_text(forms.merge_with.map(label).unwrap_or_default())
            .show_ui(ui, |ui| {
                let others = forms
                    .other_actors
                    .get((revision, a), || other_actors(dataset, a));
                let row = ui.spacing().interact_size.y;
                egui::ScrollArea::vertical().max_height(300.0).show_rows(
                    ui,
                    row,
                    others.len(),
                    |ui, rows| {
                        for i in others.get(rows).unwrap_or(&[]) {
                            ui.selectable_value(&mut forms.merge_with, Some(*i), label(*i));
                        }
                    },
                );
            })
            .response
            .labelled_by(l.id);
        let other = forms
            .merge_with
            .filter(|i| *i != a)
            .and_then(|i| forms.anchors.actor(dataset, revision, i));
        if ui
            .add_enabled(other.is_some(), egui::Button::new("Merge"))
            .on_hover_text("one actor: this one's name and kind, both sets of mentions")
            .clicked()
            && let Some(other) = other
        {
            edit(Edit::MergeActors {
                into: anchor.clone(),
                other,
            });
            forms.merge_with = None;
        }
    });
}

/// The form that adds an event for the selected passage `span` of doc `d`.
pub fn add_event_form(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    revision: Revision,
    d: usize,
    span: &Range<usize>,
    forms: &mut Forms,
) -> Option<Command> {
    let passage = forms.anchors.of(dataset, revision, d, span)?;
    forms.for_target(&format!("passage {} {}", passage.article, passage.start));
    let mut command = None;
    ui.strong("Add an event from the selected sentence");
    let date = field(ui, "Date", &mut forms.date, "2024-02-07, 2024-02 or 2024");
    field(ui, "Title", &mut forms.title, "(the sentence's beginning)");
    let valid = parse_value(&forms.date).is_some();
    let entered = date.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(valid, egui::Button::new("Add event"))
            .clicked()
            || (entered && valid)
        {
            command = Some(Command::Curate(Edit::AddEvent {
                passage,
                value: forms.date.trim().to_string(),
                title: forms.title.trim().to_string(),
            }));
        }
        if ui.button("Cancel").clicked() {
            command = Some(Command::ClearPassage);
        }
    });
    command
}

/// The publication date line's "change" form for doc `d`.
pub fn published_form(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    d: usize,
    forms: &mut Forms,
) -> Option<Command> {
    let doc = dataset.docs.get(d)?;
    let mut command = None;
    ui.horizontal(|ui| {
        let label = if forms.published_open {
            "close"
        } else {
            "correct the publication date"
        };
        if ui.small_button(label).clicked() {
            forms.published_open = !forms.published_open;
        }
    });
    if !forms.published_open {
        return None;
    }
    let response = field(
        ui,
        "Published",
        &mut forms.published,
        &doc.article
            .published
            .map_or_else(|| "YYYY-MM-DD".to_string(), |p| p.to_string()),
    );
    let date = forms.published.trim().parse::<jiff::civil::Date>().ok();
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(date.is_some(), egui::Button::new("Set publication date"))
            .on_hover_text("every relative date of the article is resolved again against it")
            .clicked()
            || (entered && date.is_some())
        {
            if let Some(date) = date {
                // Hashed only on a click: the form is drawn every frame.
                command = Some(Command::Curate(Edit::SetPublished {
                    article: crate::curation::text_hash(&doc.article.text),
                    date: date.to_string(),
                }));
            }
            forms.published_open = false;
        }
        if !forms.published.trim().is_empty() && date.is_none() {
            ui.colored_label(ui.visuals().warn_fg_color, "a day: YYYY-MM-DD");
        }
    });
    command
}

/// The "Rejected and edits" window: rejected events and actors with Restore, the
/// edits in force (newest first) and those that no longer apply.
pub fn curation_window(ui: &mut egui::Ui, dataset: &Dataset) -> Option<Command> {
    let mut command = None;
    ui.heading(format!(
        "Rejected events ({})",
        dataset.rejected_events.len()
    ));
    if dataset.rejected_events.is_empty() {
        ui.weak("none");
    }
    for event in &dataset.rejected_events {
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked()
                && let Some(anchor) = event_anchor(dataset, event, 0)
            {
                command = Some(Command::Curate(Edit::RestoreEvent { event: anchor }));
            }
            ui.label(format!("{} · {}", event.value, event.title));
        });
    }
    ui.separator();
    ui.heading(format!(
        "Rejected actors ({})",
        dataset.rejected_actors.len()
    ));
    if dataset.rejected_actors.is_empty() {
        ui.weak("none");
    }
    for actor in &dataset.rejected_actors {
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked()
                && let Some(anchor) = actor_anchor_of(dataset, actor)
            {
                command = Some(Command::Curate(Edit::RestoreActor { actor: anchor }));
            }
            ui.label(format!("{} ({})", actor.name, actor.kind.label()));
        });
    }
    ui.separator();
    let edits = &dataset.curation.edits;
    ui.heading(format!("Your edits ({})", edits.len()));
    if !dataset.orphans.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} edit(s) no longer apply — their article changed or the item is gone:",
                dataset.orphans.len()
            ),
        );
        for o in &dataset.orphans {
            ui.label(format!("#{} {}: {}", o.index + 1, o.edit, o.reason));
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("edit-list")
        .max_height(240.0)
        .show(ui, |ui| {
            for (i, edit) in edits.iter().enumerate().rev() {
                ui.label(format!("#{} {}", i + 1, edit.describe()));
            }
        });
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleExtraction, Doc};

    /// A dataset of one article with `text` (no extraction).
    fn one_article(text: &str) -> Dataset {
        let reader = crate::corpus::Reader::new().expect("bundled rules");
        let doc = Doc {
            article: reader.article_from_text("a.txt", text.to_string(), None),
            extraction: ArticleExtraction::default(),
        };
        Dataset::build("x".into(), vec![doc], Vec::new())
    }

    #[test]
    fn anchors_are_kept_for_their_revision_only() {
        let before = one_article("Talks\nThe talks ended on Friday.");
        let after = one_article("Talks\nThe talks ended on Friday, late.");
        let span = 25..31;
        let made = |dataset: &Dataset| {
            let doc = dataset.docs.first().expect("one doc");
            Anchor::of(doc, &span)
        };
        assert!(made(&before).is_some());
        assert_ne!(made(&before), made(&after), "another text, another anchor");
        let mut anchors = Anchors::default();
        assert_eq!(anchors.of(&before, (1, 0), 0, &span), made(&before));
        // Kept: asked again with another dataset but the same revision, the
        // anchor made for the first one comes back.
        assert_eq!(anchors.of(&after, (1, 0), 0, &span), made(&before));
        assert_eq!(anchors.of(&after, (2, 0), 0, &span), made(&after));
        assert_eq!(anchors.of(&after, (2, 0), 1, &span), None, "no such doc");
    }
}
