//! The timeline plot: lanes, a marker per event (spans drawn as bars under their
//! marker), a calendar time axis, hover tooltips and click to select. Markers that
//! would overlap on screen aggregate into clusters with counts, which split as
//! you zoom in (a click on a cluster zooms to it); only what is visible is drawn.
//! Every visible marker is also an interactive widget with an AccessKit label.

use std::ops::Range;

use egui::{Color32, Pos2};
use egui_plot::{AxisHints, GridMark, Line, MarkerShape, Plot, PlotPoints, Points};

use crate::model::{Dataset, Event};
use crate::timeline::{Mark, MarkStyle, Timeline, date_of, tick_unit, ticks};
use crate::ui::app::{Command, Selection};

/// Distance in points within which a click or hover hits a marker.
const HIT_RADIUS: f32 = 10.0;

/// The colour of colour key `key` (an article, outlet or actor index; see
/// `Timeline::colors`), the same in every pane; `usize::MAX` ("other") is grey.
pub fn lane_color(key: usize) -> Color32 {
    if key == usize::MAX {
        return Color32::from_gray(140);
    }
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
    PALETTE[key % PALETTE.len()]
}

fn lane_y(lane: usize) -> f64 {
    -(lane as f64)
}

/// A change of the plot's visible range, applied on the next frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlotAction {
    /// Show every event.
    FitAll,
    /// Show days `lo..hi`.
    Show(f64, f64),
    /// Zoom by a factor around the centre (> 1 zooms in).
    Zoom(f64),
}

/// A group of events drawn as one marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// How many events (marks) it groups.
    pub count: usize,
    /// Its marks: a range of [`Timeline::marks`] (one lane, in time order).
    pub marks: Range<usize>,
    /// Lane.
    pub lane: usize,
    /// Screen position of the marker.
    pub pos: Pos2,
    /// Day range the events cover.
    pub x_range: (f64, f64),
}

impl Cluster {
    /// The events (indices into `Dataset::events`), in time order.
    pub fn events<'t>(&self, timeline: &'t Timeline) -> impl Iterator<Item = usize> + 't {
        timeline
            .marks
            .get(self.marks.clone())
            .unwrap_or_default()
            .iter()
            .map(|m| m.event)
    }
}

/// What the plot reports after drawing.
#[derive(Debug, Default)]
pub struct PlotOutput {
    /// A command from a click.
    pub command: Option<Command>,
    /// Single markers drawn: (event, screen position).
    pub markers: Vec<(usize, Pos2)>,
    /// Clusters drawn.
    pub clusters: Vec<Cluster>,
    /// The visible day range.
    pub x_bounds: (f64, f64),
}

/// Width in points of the buckets that markers aggregate into.
const CLUSTER_PX: f32 = 14.0;

/// The bucket of a day under `transform`: its screen column of [`CLUSTER_PX`]
/// (`floor(screen x / CLUSTER_PX)`), as one multiply-add per call — the clustering
/// calls it a dozen times per cluster.
fn buckets(transform: &egui_plot::PlotTransform) -> impl Fn(f64) -> i64 {
    let (frame, bounds) = (transform.frame(), transform.bounds());
    let px = f64::from(CLUSTER_PX);
    let scale = f64::from(frame.width()) / bounds.width() / px;
    let (x0, offset) = (bounds.min()[0], f64::from(frame.left()) / px);
    move |x| floor_i64((x - x0) * scale + offset)
}

/// `v.floor() as i64` without a call into libm (no SSE4.1 `roundsd` in the
/// baseline target). Saturates like `as`, NaN gives 0.
fn floor_i64(v: f64) -> i64 {
    let t = v as i64;
    if (t as f64) > v {
        t.saturating_sub(1)
    } else {
        t
    }
}

/// Points of one colour, gathered per lane and dimming to draw as one item each.
struct Batches(Vec<[Vec<[f64; 2]>; 2]>);

impl Batches {
    fn new(lanes: usize) -> Self {
        Self((0..lanes).map(|_| [Vec::new(), Vec::new()]).collect())
    }

    fn push(&mut self, lane: usize, dim: bool, x: f64) {
        if let Some(lane_points) = self.0.get_mut(lane) {
            lane_points[usize::from(!dim)].push([x, lane_y(lane)]);
        }
    }

    /// (lane, dim, points), dimmed ones of a lane first.
    fn into_items(self) -> impl Iterator<Item = (usize, bool, Vec<[f64; 2]>)> {
        self.0
            .into_iter()
            .enumerate()
            .flat_map(|(lane, [dim, bright])| {
                [(lane, true, dim), (lane, false, bright)]
                    .into_iter()
                    .filter(|(_, _, points)| !points.is_empty())
            })
    }
}

/// Draws the plot. Only the bins of the visible range are visited (see
/// [`crate::timeline::lod`]): a frame costs what it draws, not the events laid out.
pub fn plot_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    timeline: &Timeline,
    selection: &Selection,
    generation: u64,
    action: Option<PlotAction>,
) -> PlotOutput {
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
    // The timeline's highlighted marks are those of the selected actors.
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

    let color_of = |lane: usize| timeline.colors.get(lane).copied().unwrap_or(lane);
    let response = plot.show(ui, |plot_ui| {
        match action {
            Some(PlotAction::FitAll) => plot_ui.set_plot_bounds_x(lo..=hi),
            Some(PlotAction::Show(a, b)) if b > a => plot_ui.set_plot_bounds_x(a..=b),
            Some(PlotAction::Zoom(f)) if f > 0.0 => {
                let b = plot_ui.plot_bounds();
                let (c, half) = (
                    (b.min()[0] + b.max()[0]) / 2.0,
                    (b.max()[0] - b.min()[0]) / 2.0 / f,
                );
                plot_ui.set_plot_bounds_x((c - half)..=(c + half));
            }
            _ => {}
        }
        let transform = *plot_ui.transform();
        let b = transform.bounds();
        let bins = timeline
            .lod
            .bins(b.min()[0], b.max()[0], buckets(&transform));
        let mut singles = Batches::new(n_lanes);
        let mut clusters = Batches::new(n_lanes);
        for bin in &bins {
            let dim = filtering && bin.highlighted == 0;
            match timeline.marks.get(bin.marks.start) {
                Some(mark) if bin.len() == 1 => {
                    draw_span(plot_ui, mark, marker_color(color_of(mark.lane), dim));
                    singles.push(bin.lane, dim, mark.x);
                }
                _ => clusters.push(bin.lane, dim, bin.x),
            }
        }
        for (lane, dim, points) in singles.into_items() {
            plot_ui.points(
                Points::new("", points)
                    .radius(if dim { 4.0 } else { 6.0 })
                    .shape(MarkerShape::Circle)
                    .filled(true)
                    .color(marker_color(color_of(lane), dim))
                    .allow_hover(false),
            );
        }
        for (lane, dim, points) in clusters.into_items() {
            plot_ui.points(
                Points::new("", points)
                    .radius(10.0)
                    .shape(MarkerShape::Circle)
                    .filled(true)
                    .color(marker_color(color_of(lane), dim).gamma_multiply(0.85))
                    .allow_hover(false),
            );
        }
        for bin in bins.iter().filter(|b| b.len() > 1) {
            plot_ui.text(
                egui_plot::Text::new(
                    "",
                    egui_plot::PlotPoint::new(bin.x, lane_y(bin.lane)),
                    egui::RichText::new(bin.len().to_string())
                        .strong()
                        .color(Color32::WHITE),
                )
                .allow_hover(false),
            );
        }
        if let Some(m) = selection.event.and_then(|e| timeline.first_mark_of(e)) {
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
        bins
    });
    let bins = response.inner;
    let transform = response.transform;
    let frame = *transform.frame();
    let screen = |x: f64, lane: usize| {
        transform.position_from_point(&egui_plot::PlotPoint::new(x, lane_y(lane)))
    };
    let mut markers: Vec<(usize, Pos2)> = Vec::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    for bin in bins {
        match timeline.marks.get(bin.marks.start) {
            Some(m) if bin.len() == 1 => markers.push((m.event, screen(m.x, m.lane))),
            _ => clusters.push(Cluster {
                count: bin.len(),
                pos: screen(bin.x, bin.lane),
                lane: bin.lane,
                x_range: (bin.x_start, bin.x_end),
                marks: bin.marks,
            }),
        }
    }
    markers.retain(|(_, p)| frame.contains(*p));
    clusters.retain(|c| frame.contains(c.pos));
    let mut command = None;
    // Each visible marker is a widget: clickable, hoverable, labelled for AccessKit.
    for (event, pos) in &markers {
        let Some(e) = dataset.events.get(*event) else {
            continue;
        };
        let id = ui.scope_id().with(("event-marker", *event, pos.y as i32));
        let rect =
            egui::Rect::from_center_size(*pos, egui::vec2(2.0 * HIT_RADIUS, 2.0 * HIT_RADIUS));
        let r = ui.interact(rect, id, egui::Sense::click());
        r.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                true,
                format!(
                    "event {}: {}{}",
                    e.value,
                    e.title,
                    if e.curated() { " (corrected)" } else { "" }
                ),
            )
        });
        if e.curated() {
            // Corrected by the user: a ring around the marker.
            ui.painter().circle_stroke(
                *pos,
                7.5,
                egui::Stroke::new(1.5, ui.visuals().strong_text_color()),
            );
        }
        if r.clicked() {
            command = Some(Command::SelectEvent(*event));
        }
        r.on_hover_ui_at_pointer(|ui| event_tooltip(ui, dataset, e));
    }
    for c in &clusters {
        let id = ui.scope_id().with((
            "event-cluster",
            c.lane,
            c.events(timeline).next().unwrap_or(0),
        ));
        let rect = egui::Rect::from_center_size(c.pos, egui::vec2(22.0, 22.0));
        let r = ui.interact(rect, id, egui::Sense::click());
        // Formatted only when asked for (AccessKit on, or hovered).
        let label = || {
            format!(
                "{} events from {} to {}",
                c.count,
                date_of(c.x_range.0),
                date_of(c.x_range.1 - 1.0)
            )
        };
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label()));
        if r.clicked() {
            let pad = ((c.x_range.1 - c.x_range.0) * 0.15).max(3.0);
            command = Some(Command::Plot(PlotAction::Show(
                c.x_range.0 - pad,
                c.x_range.1 + pad,
            )));
        }
        r.on_hover_ui_at_pointer(|ui| {
            ui.strong(label());
            for e in c
                .events(timeline)
                .take(8)
                .filter_map(|e| dataset.events.get(e))
            {
                ui.label(format!("{} · {}", e.value, e.title));
            }
            if c.count > 8 {
                ui.weak(format!("… and {} more — click to zoom in", c.count - 8));
            }
        });
    }
    let b = transform.bounds();
    PlotOutput {
        command,
        markers,
        clusters,
        x_bounds: (b.min()[0], b.max()[0]),
    }
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

fn marker_color(key: usize, dim: bool) -> Color32 {
    let c = lane_color(key);
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
    ui.strong(&*event.title);
    for note in &event.curation {
        ui.label(egui::RichText::new(format!("✎ {note}")).italics());
    }
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
        ui.weak(&*m.timex.derivation);
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_without_libm_agrees_with_floor() {
        for v in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            -1.5,
            123_456.75,
            -98_765.25,
            1e300,
            -1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ] {
            assert_eq!(floor_i64(v), v.floor() as i64, "{v}");
        }
    }

    #[test]
    fn buckets_are_screen_columns_of_the_cluster_width() {
        let frame = egui::Rect::from_min_size(egui::pos2(100.0, 0.0), egui::vec2(700.0, 300.0));
        let bounds = egui_plot::PlotBounds::from_min_max([0.0, -1.0], [350.0, 1.0]);
        let transform = egui_plot::PlotTransform::new(frame, bounds, [false, false]);
        let bucket = buckets(&transform);
        // 2 px per day: the frame's left edge (x = 100 px) is column 7.
        assert_eq!(bucket(0.0), 7);
        assert_eq!(bucket(350.0), 800 / 14);
        for d in 0..350 {
            let x = f64::from(d) + 0.25;
            let screen = transform.position_from_point_x(x);
            assert_eq!(bucket(x), (screen / CLUSTER_PX).floor() as i64, "day {x}");
        }
    }
}
