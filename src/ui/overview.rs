//! The overview strip under the plot: every event of the whole period as a tick,
//! the plot's current view as a box. Dragging moves the view; dragging with Shift
//! held sets a date-range filter (`from:`/`to:` in the search).

use egui::{Color32, Rect, Sense, Stroke, pos2, vec2};

use crate::timeline::{Timeline, date_of};
use crate::ui::app::Command;
use crate::ui::memo::Memo;
use crate::ui::plot::PlotAction;

/// Height of the strip in points.
pub const HEIGHT: f32 = 34.0;

/// The strip's event density, per pixel column: kept for a timeline (identified
/// by the caller's key) and a strip width, since panning and zooming change neither.
pub type Density = Memo<(TimelineKey, u32), Vec<u32>>;

/// Identifies a timeline layout: (layouts, corrections laid out).
pub type TimelineKey = (u64, u64);

/// Draws the strip for the days `full` with the plot showing `view`. `key`
/// identifies `timeline`'s layout, on which `density` is kept.
pub fn overview_ui(
    ui: &mut egui::Ui,
    timeline: &Timeline,
    key: TimelineKey,
    density: &mut Density,
    full: (f64, f64),
    view: (f64, f64),
) -> Option<Command> {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), HEIGHT), Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 3.0, visuals.extreme_bg_color);
    let span = (full.1 - full.0).max(1.0);
    let to_x = |d: f64| rect.left() + ((d - full.0) / span) as f32 * rect.width();
    let to_day = |x: f32| full.0 + f64::from((x - rect.left()) / rect.width()) * span;
    // Event density: one column per pixel, counted per column (not per event), once
    // per layout and width.
    let columns = density.get((key, rect.width().to_bits()), || {
        timeline
            .lod
            .density(rect.width().max(1.0) as usize + 1, |x| {
                (to_x(x) - rect.left()).clamp(0.0, rect.width()) as usize
            })
    });
    let peak = columns.iter().copied().max().unwrap_or(1).max(1);
    for (c, n) in columns.iter().enumerate().filter(|(_, n)| **n > 0) {
        let h = 4.0 + (rect.height() - 8.0) * (*n as f32 / peak as f32).sqrt();
        let x = rect.left() + c as f32;
        painter.line_segment(
            [
                pos2(x, rect.bottom() - 2.0),
                pos2(x, rect.bottom() - 2.0 - h),
            ],
            Stroke::new(1.0, visuals.text_color().gamma_multiply(0.6)),
        );
    }
    let window = Rect::from_x_y_ranges(
        to_x(view.0).max(rect.left())..=to_x(view.1).min(rect.right()),
        rect.y_range(),
    );
    painter.rect_filled(
        window,
        2.0,
        Color32::from_rgba_unmultiplied(90, 150, 240, 40),
    );
    painter.rect_stroke(
        window,
        2.0,
        Stroke::new(1.5, Color32::from_rgb(90, 150, 240)),
        egui::StrokeKind::Inside,
    );
    let label = |d: f64| date_of(d).year().to_string();
    painter.text(
        rect.left_top() + vec2(4.0, 2.0),
        egui::Align2::LEFT_TOP,
        label(full.0),
        egui::FontId::proportional(10.0),
        visuals.weak_text_color(),
    );
    painter.text(
        rect.right_top() + vec2(-4.0, 2.0),
        egui::Align2::RIGHT_TOP,
        label(full.1),
        egui::FontId::proportional(10.0),
        visuals.weak_text_color(),
    );
    let response =
        response.on_hover_text("drag: move the view · Shift+drag: filter to a date range");
    let shift = ui.input(|i| i.modifiers.shift);
    if shift {
        if response.drag_stopped()
            && let (Some(a), Some(b)) = (
                response.interact_pointer_pos(),
                ui.input(|i| i.pointer.press_origin()),
            )
        {
            let (lo, hi) = (to_day(a.x.min(b.x)), to_day(a.x.max(b.x)));
            if hi - lo >= 1.0 {
                return Some(Command::DateRange(date_of(lo), date_of(hi)));
            }
        }
        if let (Some(a), Some(b)) = (
            response.interact_pointer_pos(),
            ui.input(|i| i.pointer.press_origin()),
        ) && response.dragged()
        {
            let r = Rect::from_x_y_ranges(a.x.min(b.x)..=a.x.max(b.x), rect.y_range());
            painter.rect_filled(r, 0.0, Color32::from_rgba_unmultiplied(240, 180, 60, 60));
        }
        return None;
    }
    if (response.dragged() || response.clicked())
        && let Some(p) = response.interact_pointer_pos()
    {
        let half = (view.1 - view.0) / 2.0;
        let c = to_day(p.x);
        return Some(Command::Plot(PlotAction::Show(c - half, c + half)));
    }
    None
}
