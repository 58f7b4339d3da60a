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
    // One line per mention, only those in view laid out (an actor can have tens of
    // thousands); the rest is blank space of the same height.
    let n = actor.mentions.len();
    let row = ui.spacing().interact_size.y;
    let step = row + ui.spacing().item_spacing.y;
    let shown = visible_rows(ui.cursor().top(), ui.clip_rect().y_range(), step, n);
    ui.add_space(shown.start as f32 * step);
    ui.skip_ahead_auto_ids(shown.start);
    let width = ui.available_width();
    for r in actor.mentions.get(shown.clone()).unwrap_or_default() {
        let mention = dataset
            .docs
            .get(r.doc)
            .and_then(|doc| Some((doc, doc.extraction.mentions.get(r.mention)?)));
        let Some((doc, m)) = mention else {
            ui.add_space(step);
            continue;
        };
        let line = format!(
            "{} — {}",
            doc.article.label(),
            context(&doc.article.text, &m.span)
        );
        let current = selection.mention.as_ref() == Some(&(r.doc, m.span.clone()));
        let button = egui::Button::selectable(current, line.as_str()).truncate();
        if ui
            .add_sized([width, row], button)
            .on_hover_text(line)
            .clicked()
        {
            command = Some(Command::ShowMention(r.doc, m.span.clone()));
        }
    }
    ui.add_space(n.saturating_sub(shown.end) as f32 * step);
    ui.add_space(8.0);
    command
}

/// The rows of a list of `n` rows, each `step` high from `top`, that meet `clip`
/// (screen y ranges), with one row more on each side.
fn visible_rows(top: f32, clip: egui::Rangef, step: f32, n: usize) -> std::ops::Range<usize> {
    if step <= 0.0 || n == 0 {
        return 0..0;
    }
    let first = ((clip.min - top) / step).floor() - 1.0;
    let last = ((clip.max - top) / step).ceil() + 1.0;
    let clamp = |r: f32| (r.max(0.0) as usize).min(n);
    clamp(first)..clamp(last).max(clamp(first))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_rows_in_view_are_laid_out() {
        let clip = |a: f32, b: f32| egui::Rangef::new(a, b);
        // 10,000 rows of 20 from y = 100; the view shows y 300..500.
        assert_eq!(visible_rows(100.0, clip(300.0, 500.0), 20.0, 10_000), 9..21);
        // Scrolled: the list starts far above the view.
        assert_eq!(
            visible_rows(-100_000.0, clip(300.0, 500.0), 20.0, 10_000),
            5014..5026
        );
        // The list lies below or above the view, or is short.
        assert_eq!(visible_rows(900.0, clip(300.0, 500.0), 20.0, 10_000), 0..0);
        assert_eq!(
            visible_rows(-1e9, clip(300.0, 500.0), 20.0, 10_000),
            10_000..10_000
        );
        assert_eq!(visible_rows(290.0, clip(300.0, 500.0), 20.0, 3), 0..3);
        assert_eq!(visible_rows(0.0, clip(0.0, 10.0), 0.0, 3), 0..0);
    }
}
