//! The actor list: every actor with its kind and number of mentions, most
//! mentioned first, with a filter box. Clicking an actor selects or unselects it.

use crate::extract::actors::ActorKind;
use crate::model::Dataset;
use crate::ui::app::{Command, Selection};

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

/// Draws the list; returns a command from a click.
pub fn actors_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    selection: &Selection,
    filter: &mut String,
) -> Option<Command> {
    let mut command = None;
    ui.heading("Actors");
    ui.add(
        egui::TextEdit::singleline(filter)
            .hint_text("filter actors")
            .desired_width(f32::INFINITY),
    );
    let needle = filter.trim().to_lowercase();
    if !selection.actors.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak("highlighting:");
            for a in &selection.actors {
                if let Some(actor) = dataset.actors.get(*a)
                    && ui
                        .small_button(format!("{} ✖", actor.name))
                        .on_hover_text("stop highlighting")
                        .clicked()
                {
                    command = Some(Command::ToggleActor(*a));
                }
            }
        });
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("actor-list")
        .auto_shrink(false)
        .show(ui, |ui| {
            for (i, actor) in dataset.actors.iter().enumerate() {
                let matches = needle.is_empty()
                    || actor.name.to_lowercase().contains(&needle)
                    || actor.kind.label().contains(&needle)
                    || actor
                        .aliases
                        .iter()
                        .any(|a| a.to_lowercase().contains(&needle));
                if !matches {
                    continue;
                }
                ui.horizontal(|ui| {
                    ui.label(kind_symbol(actor.kind))
                        .on_hover_text(actor.kind.label());
                    let selected = selection.actors.contains(&i);
                    let response = ui
                        .selectable_label(selected, &actor.name)
                        .on_hover_ui(|ui| {
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
                                ui.label(format!("also: {}", actor.aliases.join(", ")));
                            }
                        });
                    if response.clicked() {
                        command = Some(Command::ToggleActor(i));
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.weak(format!("{} · {}", actor.kind.label(), actor.mentions.len()));
                    });
                });
            }
            if !dataset.problems.is_empty() {
                ui.separator();
                egui::CollapsingHeader::new(format!("Problems ({})", dataset.problems.len())).show(
                    ui,
                    |ui| {
                        for p in &dataset.problems {
                            let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
                            ui.label(format!("{}{line}: {}", p.file, p.message));
                        }
                    },
                );
            }
        });
    command
}
