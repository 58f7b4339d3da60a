//! The timeline plot: one lane per article, a marker per event (spans drawn as
//! bars under their marker), a calendar time axis, hover tooltips and click to
//! select.

use std::collections::BTreeSet;

use egui::{Color32, Pos2};
use egui_plot::{AxisHints, GridMark, Line, MarkerShape, Plot, PlotPoints, Points};

use crate::model::{Dataset, Event};
use crate::timeline::{Mark, MarkStyle, Timeline, date_of, tick_unit, ticks};
use crate::ui::app::{Command, Selection};

/// Distance in points within which a click or hover hits a marker.
const HIT_RADIUS: f32 = 10.0;

/// A colour per article lane, repeated when there are more lanes.
pub fn lane_color(lane: usize) -> Color32 {
    const PALETTE: [Color32; 8] = [
        Color32::from_rgb(66, 146, 242),
        Color32::from_rgb(242, 142, 43),
        Color32::from_rgb(89, 178, 104),
        Color32::from_rgb(225, 87, 89),
        Color32::from_rgb(176, 122, 201),
        Color32::from_rgb(118, 183, 178),
        Color32::from_rgb(237, 201, 72),
        Color32::from_rgb(156, 117, 95),
    ];
    PALETTE[lane % PALETTE.len()]
}

fn lane_y(lane: usize) -> f64 {
    -(lane as f64)
}

/// Draws the plot; returns the command from a click and the markers' screen positions.
pub fn plot_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    timeline: &Timeline,
    selection: &Selection,
    highlighted: &BTreeSet<usize>,
    generation: u64,
) -> (Option<Command>, Vec<(usize, Pos2)>) {
    let lanes = timeline.lanes.clone();
    let n_lanes = lanes.len().max(1);
    let (lo, hi) = timeline.x_range().unwrap_or((0.0, 365.0));
    let x_axis = AxisHints::new_x().formatter(|mark: GridMark, _range| {
        let unit = tick_unit(mark.step_size * 0.99);
        unit.label(date_of(mark.value + 0.01))
    });
    let y_axis = AxisHints::new_y()
        .formatter(move |mark: GridMark, _range| {
            let lane = (-mark.value).round();
            if (mark.value + lane).abs() < 1e-6 && lane >= 0.0 {
                lanes.get(lane as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .min_thickness(150.0);
    let filtering = !selection.actors.is_empty();
    let plot = Plot::new(("timeline", generation))
        .custom_x_axes(vec![x_axis])
        .custom_y_axes(vec![y_axis])
        .x_grid_spacer(|input| {
            let (lo, hi) = input.bounds;
            let unit = tick_unit(input.base_step_size * 12.0);
            ticks(lo, hi, unit, 400)
                .into_iter()
                .map(|(x, _)| GridMark {
                    value: x,
                    step_size: unit.approx_days(),
                })
                .collect()
        })
        .y_grid_spacer(move |input| {
            let (lo, hi) = input.bounds;
            (0..n_lanes)
                .map(lane_y)
                .filter(|y| (lo..=hi).contains(y))
                .map(|y| GridMark {
                    value: y,
                    step_size: 1.0,
                })
                .collect()
        })
        .default_x_bounds(lo, hi)
        .default_y_bounds(lane_y(n_lanes - 1) - 0.7, 0.7)
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .allow_drag([true, false])
        .show_x(false)
        .show_y(false);

    let response = plot.show(ui, |plot_ui| {
        for mark in &timeline.marks {
            let dim = filtering && !highlighted.contains(&mark.event);
            draw_span(plot_ui, mark, marker_color(mark.lane, dim));
        }
        for lane in 0..n_lanes {
            for dim in [true, false] {
                let points: Vec<[f64; 2]> = timeline
                    .marks
                    .iter()
                    .filter(|m| {
                        m.lane == lane && (filtering && !highlighted.contains(&m.event)) == dim
                    })
                    .map(|m| [m.x, lane_y(m.lane)])
                    .collect();
                if !points.is_empty() {
                    plot_ui.points(
                        Points::new("", points)
                            .radius(if dim { 4.0 } else { 6.0 })
                            .shape(MarkerShape::Circle)
                            .filled(true)
                            .color(marker_color(lane, dim))
                            .allow_hover(false),
                    );
                }
            }
        }
        if let Some(m) = selection
            .event
            .and_then(|e| timeline.marks.iter().find(|m| m.event == e))
        {
            let at = vec![[m.x, lane_y(m.lane)]];
            plot_ui.points(
                Points::new("", at.clone())
                    .radius(11.0)
                    .filled(false)
                    .color(Color32::WHITE)
                    .allow_hover(false),
            );
            plot_ui.points(
                Points::new("", at)
                    .radius(8.0)
                    .filled(true)
                    .color(Color32::from_rgb(255, 80, 60))
                    .allow_hover(false),
            );
        }
    });

    let transform = response.transform;
    let frame = *transform.frame();
    let markers: Vec<(usize, Pos2)> = timeline
        .marks
        .iter()
        .map(|m| {
            (
                m.event,
                transform.position_from_point(&egui_plot::PlotPoint::new(m.x, lane_y(m.lane))),
            )
        })
        .filter(|(_, p)| frame.contains(*p))
        .collect();
    let nearest = |pos: Pos2| {
        markers
            .iter()
            .map(|(e, p)| (*e, p.distance(pos)))
            .filter(|(_, d)| *d <= HIT_RADIUS)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(e, _)| e)
    };
    let mut command = None;
    if response.response.clicked()
        && let Some(pos) = response.response.interact_pointer_pos()
    {
        command = nearest(pos).map(Command::SelectEvent);
    }
    if let Some(event) = response
        .response
        .hover_pos()
        .and_then(nearest)
        .and_then(|e| dataset.events.get(e))
    {
        response
            .response
            .on_hover_ui_at_pointer(|ui| event_tooltip(ui, dataset, event));
    }
    (command, markers)
}

/// Draws the interval under a mark: a bar for spans, a bar with faded ends for
/// modified dates, a dashed bar for durations back from publication.
fn draw_span(plot_ui: &mut egui_plot::PlotUi<'_>, mark: &Mark, color: Color32) {
    let y = lane_y(mark.lane) - 0.18;
    let bar = |from: f64, to: f64, color: Color32| {
        Line::new("", PlotPoints::from(vec![[from, y], [to, y]]))
            .color(color)
            .width(5.0)
            .allow_hover(false)
    };
    match mark.style {
        MarkStyle::Point => {}
        MarkStyle::Span => plot_ui.line(bar(mark.x_start, mark.x_end, color.gamma_multiply(0.7))),
        MarkStyle::SoftSpan => {
            let fade = (mark.x_end - mark.x_start) * 0.2;
            plot_ui.line(bar(
                mark.x_start,
                mark.x_start + fade,
                color.gamma_multiply(0.25),
            ));
            plot_ui.line(bar(
                mark.x_start + fade,
                mark.x_end - fade,
                color.gamma_multiply(0.7),
            ));
            plot_ui.line(bar(
                mark.x_end - fade,
                mark.x_end,
                color.gamma_multiply(0.25),
            ));
        }
        MarkStyle::Duration => plot_ui.line(
            bar(mark.x_start, mark.x_end, color.gamma_multiply(0.7))
                .style(egui_plot::LineStyle::dashed_loose()),
        ),
    }
}

/// The legend of the date encodings, drawn above the plot.
pub fn legend(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let color = ui.visuals().text_color().gamma_multiply(0.8);
        let sample = |ui: &mut egui::Ui, draw: &dyn Fn(&egui::Painter, egui::Rect)| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(28.0, 12.0), egui::Sense::hover());
            draw(ui.painter(), rect);
        };
        sample(ui, &|p, r| {
            p.circle_filled(r.center(), 4.0, color);
        });
        ui.weak("day or time");
        sample(ui, &|p, r| {
            p.line_segment(
                [r.left_center(), r.right_center()],
                egui::Stroke::new(4.0, color),
            );
        });
        ui.weak("week · month · quarter · year");
        sample(ui, &|p, r| {
            let (a, b) = (
                r.lerp_inside(egui::vec2(0.25, 0.5)),
                r.lerp_inside(egui::vec2(0.75, 0.5)),
            );
            p.line_segment(
                [r.left_center(), a],
                egui::Stroke::new(4.0, color.gamma_multiply(0.3)),
            );
            p.line_segment([a, b], egui::Stroke::new(4.0, color));
            p.line_segment(
                [b, r.right_center()],
                egui::Stroke::new(4.0, color.gamma_multiply(0.3)),
            );
        });
        ui.weak("early / mid / late … (soft ends)");
        sample(ui, &|p, r| {
            let y = r.center().y;
            for k in 0..4 {
                let x = r.left() + k as f32 * 7.0;
                p.line_segment(
                    [egui::pos2(x, y), egui::pos2(x + 4.0, y)],
                    egui::Stroke::new(4.0, color),
                );
            }
        });
        ui.weak("duration up to publication");
    });
}

fn marker_color(lane: usize, dim: bool) -> Color32 {
    let c = lane_color(lane);
    if dim { c.gamma_multiply(0.25) } else { c }
}

/// The hover card of an event: date as written and as resolved, how it was
/// resolved, title, article.
pub fn event_tooltip(ui: &mut egui::Ui, dataset: &Dataset, event: &Event) {
    ui.set_max_width(420.0);
    let _ = event_details(ui, dataset, event, None);
}

/// Title, date with interval and granularity, how it was resolved, actors, and
/// every mention with its article. With `selected` (the event's index) the
/// mentions are buttons that show their passage.
pub fn event_details(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    event: &Event,
    selected: Option<usize>,
) -> Option<Command> {
    let mut command = None;
    ui.strong(&event.title);
    let modifier = event
        .mentions
        .first()
        .and_then(|m| m.timex.modifier.as_deref());
    ui.label(format!(
        "{}{} · {} · {} – {}",
        event.value,
        modifier.map(|m| format!(" ({m})")).unwrap_or_default(),
        crate::export::granularity_name(event.interval.granularity),
        event.interval.start,
        event.interval.end
    ));
    let actors: Vec<&str> = event
        .actors
        .iter()
        .filter_map(|a| dataset.actors.get(*a))
        .map(|a| a.name.as_str())
        .collect();
    if !actors.is_empty() {
        ui.label(format!("actors: {}", actors.join(", ")));
    }
    if event.mentions.len() > 1 {
        ui.label(format!(
            "reported by {} passages in {} articles",
            event.mentions.len(),
            {
                let docs: std::collections::BTreeSet<usize> =
                    event.mentions.iter().map(|m| m.doc).collect();
                docs.len()
            }
        ));
    }
    for (k, m) in event.mentions.iter().enumerate() {
        let Some(doc) = dataset.docs.get(m.doc) else {
            continue;
        };
        let written = doc
            .article
            .text
            .get(m.timex.span.clone())
            .unwrap_or_default();
        let line = format!(
            "“{written}” — {} — {}",
            doc.article.label(),
            doc.article.title
        );
        match selected {
            Some(e) => {
                if ui
                    .selectable_label(false, line)
                    .on_hover_text("show this passage")
                    .clicked()
                {
                    command = Some(Command::ShowEventMention(e, k));
                }
            }
            None => {
                ui.label(line);
            }
        }
        ui.weak(&m.timex.derivation);
    }
    command
}
