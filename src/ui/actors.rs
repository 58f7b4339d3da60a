//! The actor list and actor details. The list shows every actor with its kind,
//! mentions and articles, filtered by a text box and sorted by count or name;
//! clicking selects or unselects an actor. The timeline controls here choose whether
//! selected actors only highlight or filter the timeline, and whether lanes are
//! articles or the selected actors. Details list every mention of a selected actor
//! as a line that jumps to its passage.

use crate::extract::actors::ActorKind;
use crate::model::{Actor, Dataset};
use crate::timeline::{Lanes, View};
use crate::ui::app::{Command, Revision, Selection};
use crate::ui::memo::Memo;

/// Order of the actor list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most mentioned first.
    #[default]
    Mentions,
    /// Alphabetical.
    Name,
}

/// A short symbol for an actor kind (glyphs the bundled DejaVu Sans has).
pub fn kind_symbol(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "☻",
        ActorKind::Organization => "⌂",
        ActorKind::Group => "⚔",
        ActorKind::Place => "⚑",
        ActorKind::Other => "•",
    }
}

/// The actor list's rows (indices into `Dataset::actors`), filtered and sorted,
/// kept until the dataset (its revision), the filter text or the order changes.
pub type Rows = Memo<(Revision, String, Sort), Vec<usize>>;

/// The rows of the actor list: actors matching `needle` (lower case), in `sort` order.
fn rows(dataset: &Dataset, needle: &str, sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..dataset.actors.len())
        .filter(|i| dataset.actors.get(*i).is_some_and(|a| matches(a, needle)))
        .collect();
    if sort == Sort::Name {
        order.sort_by_cached_key(|i| dataset.actors.get(*i).map(|a| a.name.to_lowercase()));
    }
    order
}

/// Draws the list, the timeline controls and the details of selected actors.
/// `revision` identifies the dataset (see [`crate::ui::app::App::revision`]): the
/// list's rows are computed again only when it, the filter or the order changes.
#[allow(clippy::too_many_arguments)]
pub fn actors_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    revision: Revision,
    selection: &Selection,
    filter: &mut String,
    sort: Sort,
    view: &View,
    forms: &mut crate::ui::curate::Forms,
    list: &mut Rows,
) -> Option<Command> {
    let mut command = None;
    ui.heading("Actors");
    ui.add(
        egui::TextEdit::singleline(filter)
            .hint_text("filter actors")
            .desired_width(f32::INFINITY),
    );
    ui.horizontal(|ui| {
        ui.weak("sort:");
        if ui
            .selectable_label(sort == Sort::Mentions, "by count")
            .clicked()
        {
            command = Some(Command::SortActors(Sort::Mentions));
        }
        if ui.selectable_label(sort == Sort::Name, "by name").clicked() {
            command = Some(Command::SortActors(Sort::Name));
        }
    });
    if !selection.actors.is_empty()
        && let Some(c) = timeline_controls(ui, dataset, selection, view)
    {
        command = Some(c);
    }
    ui.separator();
    let needle = filter.trim().to_lowercase();
    let order = list.get((revision, needle.clone(), sort), || {
        rows(dataset, &needle, sort)
    });
    let list_height = if selection.actors.is_empty() {
        ui.available_height()
    } else {
        ui.available_height() * 0.5
    };
    egui::ScrollArea::vertical()
        .id_salt("actor-list")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height(ui), order.len(), |ui, rows| {
            // Only the visible rows are laid out: folders can name tens of thousands.
            for i in order.get(rows).unwrap_or_default() {
                let Some(actor) = dataset.actors.get(*i) else {
                    continue;
                };
                if let Some(c) = actor_row(ui, *i, actor, selection.actors.contains(i)) {
                    command = Some(c);
                }
            }
        });
    problems(ui, dataset);
    if !selection.actors.is_empty() {
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("actor-details")
            .auto_shrink(false)
            .show(ui, |ui| {
                for a in &selection.actors {
                    if let Some(c) = details(ui, dataset, *a, selection) {
                        command = Some(c);
                    }
                }
                // Corrections for one actor at a time (the forms hold one target).
                if let [a] = selection.actors.iter().copied().collect::<Vec<_>>()[..]
                    && let Some(c) =
                        crate::ui::curate::actor_editor(ui, dataset, revision, a, forms)
                {
                    command = Some(c);
                }
            });
    }
    command
}

/// Height of one actor row.
fn row_height(ui: &egui::Ui) -> f32 {
    ui.spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body))
        + ui.spacing().item_spacing.y
}

fn matches(actor: &Actor, needle: &str) -> bool {
    needle.is_empty()
        || actor.name.to_lowercase().contains(needle)
        || actor.kind.label().contains(needle)
        || actor
            .aliases
            .iter()
            .any(|a| a.to_lowercase().contains(needle))
}

fn actor_row(ui: &mut egui::Ui, i: usize, actor: &Actor, selected: bool) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        ui.label(kind_symbol(actor.kind))
            .on_hover_text(actor.kind.label());
        let name = if actor.curated() {
            format!("{} ✎", actor.name)
        } else {
            actor.name.clone()
        };
        let response = ui
            .selectable_label(selected, name)
            .on_hover_ui(|ui| summary(ui, actor));
        if response.clicked() {
            command = Some(Command::ToggleActor(i));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(format!(
                "{} · {}× · {} art.",
                actor.kind.label(),
                actor.mentions.len(),
                actor.articles
            ));
        });
    });
    command
}

/// Kind, counts, roles and other names of an actor.
fn summary(ui: &mut egui::Ui, actor: &Actor) {
    ui.label(format!(
        "{} · {} mentions in {} articles",
        actor.kind.label(),
        actor.mentions.len(),
        actor.articles
    ));
    if !actor.roles.is_empty() {
        ui.label(format!("roles: {}", actor.roles.join("; ")));
    }
    if !actor.aliases.is_empty() {
        ui.label(format!("also named: {}", actor.aliases.join(", ")));
    }
    for note in &actor.curation {
        ui.label(egui::RichText::new(format!("✎ {note}")).italics());
    }
}

fn timeline_controls(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    selection: &Selection,
    view: &View,
) -> Option<Command> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        ui.weak("selected:");
        for a in &selection.actors {
            if let Some(actor) = dataset.actors.get(*a)
                && ui
                    .small_button(format!("{} ✖", actor.name))
                    .on_hover_text("unselect")
                    .clicked()
            {
                command = Some(Command::ToggleActor(*a));
            }
        }
    });
    ui.horizontal(|ui| {
        let mut only = view.only_selected;
        if ui
            .checkbox(&mut only, "only their events")
            .on_hover_text("hide the events of other actors (otherwise they are dimmed)")
            .changed()
        {
            command = Some(Command::SetView(View {
                only_selected: only,
                ..view.clone()
            }));
        }
        let mut by_actor = view.lanes == Lanes::Actors;
        if ui.checkbox(&mut by_actor, "a lane per actor").changed() {
            let lanes = if by_actor {
                Lanes::Actors
            } else {
                Lanes::Articles
            };
            command = Some(Command::SetView(View {
                lanes,
                ..view.clone()
            }));
        }
    });
    command
}

/// Name, kind, roles, aliases and every mention (clickable) of actor `a`.
fn details(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    a: usize,
    selection: &Selection,
) -> Option<Command> {
    let actor = dataset.actors.get(a)?;
    let mut command = None;
    ui.strong(format!("{} {}", kind_symbol(actor.kind), actor.name));
    summary(ui, actor);
    for r in &actor.mentions {
        let Some(doc) = dataset.docs.get(r.doc) else {
            continue;
        };
        let Some(m) = doc.extraction.mentions.get(r.mention) else {
            continue;
        };
        let line = format!(
            "{} — {}",
            doc.article.label(),
            context(&doc.article.text, &m.span)
        );
        let current = selection.mention.as_ref() == Some(&(r.doc, m.span.clone()));
        if ui.selectable_label(current, line).clicked() {
            command = Some(Command::ShowMention(r.doc, m.span.clone()));
        }
    }
    ui.add_space(8.0);
    command
}

/// A few words around a span, on one line: "…the talks, said Austin on Monday…".
pub fn context(text: &str, span: &std::ops::Range<usize>) -> String {
    let before = text.get(..span.start).unwrap_or_default();
    let after = text.get(span.end..).unwrap_or_default();
    let before: String = before
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = after.chars().take(40).collect();
    let name = text.get(span.clone()).unwrap_or_default();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("…{} {} {}…", squash(&before), name, squash(&after))
}

fn problems(ui: &mut egui::Ui, dataset: &Dataset) {
    let count = dataset.problems.len() + dataset.orphans.len();
    if count == 0 {
        return;
    }
    ui.separator();
    egui::CollapsingHeader::new(format!("Problems ({count})")).show(ui, |ui| {
        for p in &dataset.problems {
            let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
            ui.label(format!("{}{line}: {}", p.file, p.message));
        }
        for o in &dataset.orphans {
            ui.label(format!(
                "your edit #{} ({}) no longer applies: {}",
                o.index + 1,
                o.edit,
                o.reason
            ));
        }
    });
}
