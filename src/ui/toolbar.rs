//! The bar above the plot: the search box with its field filters shown as
//! removable chips and the list of matches, the lane grouping selector, and the
//! "fit all" / "fit selection" buttons.

use crate::model::Dataset;
use crate::search::{Query, chips, remove_chip};
use crate::timeline::{Lanes, Timeline, View};
use crate::ui::app::{Command, Selection};
use crate::ui::plot::PlotAction;

/// The id of the search box, so `/` can focus it.
pub fn search_id() -> egui::Id {
    egui::Id::unique("event-search")
}

/// Most matches listed under the search box.
const LISTED: usize = 12;

/// Draws the bar; `search` is edited in place. `step` is the index of the match
/// the Enter/↓ keys are on.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    timeline: &Timeline,
    view: &View,
    selection: &Selection,
    search: &mut String,
) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let edit = egui::TextEdit::singleline(search)
            .id(search_id())
            .hint_text("search events — actor: article: from: to: kind:   (press /)")
            .desired_width((ui.available_width() - 330.0).max(160.0));
        let response = ui.add(edit).labelled_by(label.id);
        if response.changed() {
            command = Some(Command::SetView(View {
                search: search.clone(),
                ..view.clone()
            }));
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let down = response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::ArrowDown));
        if (enter || down) && !timeline.matches.is_empty() {
            command = Some(Command::NextMatch);
        }
        egui::ComboBox::from_label("lanes")
            .selected_text(view.lanes.label())
            .width(80.0)
            .show_ui(ui, |ui| {
                for lanes in [Lanes::Articles, Lanes::Outlets, Lanes::Actors] {
                    if ui
                        .selectable_label(view.lanes == lanes, lanes.label())
                        .clicked()
                    {
                        command = Some(Command::SetView(View {
                            lanes,
                            ..view.clone()
                        }));
                    }
                }
            });
        if ui
            .button("Fit all")
            .on_hover_text("show every event (double-click the plot)")
            .clicked()
        {
            command = Some(Command::Plot(PlotAction::FitAll));
        }
        let selected = selection.event.and_then(|e| dataset.events.get(e));
        if ui
            .add_enabled(selected.is_some(), egui::Button::new("Fit selection"))
            .on_hover_text("zoom to the selected event")
            .clicked()
            && let Some(e) = selected
        {
            let (a, b) = (
                crate::timeline::days(e.interval.start),
                crate::timeline::days(e.interval.end) + 1.0,
            );
            let pad = ((b - a) * 0.5).max(10.0);
            command = Some(Command::Plot(PlotAction::Show(a - pad, b + pad)));
        }
    });
    let query = Query::parse(search);
    let parts = chips(search);
    if !parts.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for (i, chip) in parts.iter().enumerate() {
                let bad = query.errors.contains(&chip.text);
                let text = if bad {
                    format!("{} ⚠ ✖", chip.text)
                } else {
                    format!("{} ✖", chip.text)
                };
                let hover = if bad {
                    "not understood — remove"
                } else {
                    "remove this filter"
                };
                if ui.small_button(text).on_hover_text(hover).clicked() {
                    let rest = remove_chip(search, i);
                    *search = rest.clone();
                    command = Some(Command::SetView(View {
                        search: rest,
                        ..view.clone()
                    }));
                }
            }
            ui.weak(format!("{} matching events", timeline.matches.len()));
        });
        egui::CollapsingHeader::new("matches")
            .default_open(true)
            .show(ui, |ui| {
                for e in timeline.matches.iter().take(LISTED) {
                    let Some(event) = dataset.events.get(*e) else {
                        continue;
                    };
                    let current = selection.event == Some(*e);
                    if ui
                        .selectable_label(current, format!("{} · {}", event.value, event.title))
                        .clicked()
                    {
                        command = Some(Command::SelectEvent(*e));
                    }
                }
                if timeline.matches.len() > LISTED {
                    ui.weak(format!(
                        "… {} more (Enter / ↓ steps through all)",
                        timeline.matches.len() - LISTED
                    ));
                }
            });
    }
    command
}
