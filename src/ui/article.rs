//! The article pane: title, outlet, publication date and where it came from, and
//! the text paragraph by paragraph. Page furniture is dimmed; the selected event's
//! passage is highlighted and, more strongly, its date expression; mentions of the
//! selected actors are marked. Clicking an event sentence selects the event.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Rect, Sense, Stroke};

use crate::extract::Ranges;
use crate::model::{Dataset, Doc};
use crate::ui::app::{Command, Revision, Selection};
use crate::ui::memo::Memo;

/// How one byte range of the text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Marks {
    furniture: bool,
    event_sentence: bool,
    passage: bool,
    date: bool,
    actor: bool,
    focus: bool,
}

/// What the pane reports after drawing.
#[derive(Debug, Default)]
pub struct ArticleOutput {
    /// A command from a click.
    pub command: Option<Command>,
    /// Vertical scroll offset.
    pub scroll: f32,
    /// Screen position of each event's date expression drawn this frame.
    pub dates: Vec<(usize, egui::Pos2)>,
}

/// Draws the pane.
pub fn article_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    revision: Revision,
    selection: &Selection,
    scroll: Option<Range<usize>>,
    forms: &mut crate::ui::curate::Forms,
    memory: &mut PaneMemory,
) -> ArticleOutput {
    let mut command = None;
    let mut dates = Vec::new();
    let Some((d, doc)) = selection
        .doc
        .and_then(|d| dataset.docs.get(d).map(|doc| (d, doc)))
    else {
        ui.weak("No article");
        return ArticleOutput::default();
    };
    ui.horizontal(|ui| {
        let label = ui.label("Article");
        let choice = egui::ComboBox::from_id_salt("article-choice")
            .width(ui.available_width() - 8.0)
            .selected_text(doc.article.title.as_str())
            .show_ui(ui, |ui| {
                // Only the visible rows: a folder can hold thousands of articles.
                let row = ui.spacing().interact_size.y;
                egui::ScrollArea::vertical().max_height(400.0).show_rows(
                    ui,
                    row,
                    dataset.docs.len(),
                    |ui, rows| {
                        for i in rows {
                            let Some(other) = dataset.docs.get(i) else {
                                continue;
                            };
                            let text =
                                format!("{} — {}", other.article.label(), other.article.title);
                            if ui.selectable_label(i == d, text).clicked() {
                                command = Some(Command::ShowDoc(i));
                            }
                        }
                    },
                );
            });
        choice.response.labelled_by(label.id);
    });
    if let Some(event) = selection.event.and_then(|e| dataset.events.get(e)) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(c) = crate::ui::plot::event_details(ui, dataset, event, selection.event) {
                command = Some(c);
            }
            if let Some(c) = selection
                .event
                .and_then(|e| crate::ui::curate::event_editor(ui, dataset, revision, e, forms))
            {
                command = Some(c);
            }
        });
    } else if let Some((pd, span)) = selection.passage.as_ref().filter(|(pd, _)| *pd == d) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(c) =
                crate::ui::curate::add_event_form(ui, dataset, revision, *pd, span, forms)
            {
                command = Some(c);
            }
        });
    }
    ui.separator();
    let output = egui::ScrollArea::vertical()
        .id_salt("article-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            header(ui, doc, d);
            if let Some(c) = crate::ui::curate::published_form(ui, dataset, d, forms) {
                command = Some(c);
            }
            ui.add_space(6.0);
            if let Some(c) = body(
                ui, dataset, revision, d, selection, scroll, memory, &mut dates,
            ) {
                command = Some(c);
            }
            undated(
                ui,
                doc,
                memory.undated.get((revision, d), || undated_of(doc)),
            );
        });
    ArticleOutput {
        command,
        scroll: output.state.clamped_offset().y,
        dates,
    }
}

fn header(ui: &mut egui::Ui, doc: &Doc, d: usize) {
    let a = &doc.article;
    ui.horizontal_wrapped(|ui| {
        // The article's colour, as its lane has on the plot.
        let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 18.0), Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, crate::ui::plot::lane_color(d));
        ui.heading(&a.title);
    });
    let published = match a.published {
        Some(date) => format!(
            "published {} {date} ({})",
            date.strftime("%a"),
            a.published_source.describe()
        ),
        None => "publication date unknown — relative dates are left undated".to_string(),
    };
    ui.label(format!(
        "{} · {published}",
        a.source.as_deref().unwrap_or("unknown outlet")
    ));
    if let Some(url) = &a.url {
        ui.hyperlink(url);
    }
    ui.weak(format!(
        "{} · {} events · {} actor mentions",
        a.file,
        doc.extraction.events.len(),
        doc.extraction.mentions.len()
    ));
}

/// What the pane keeps between frames (the app holds it): the shown article's
/// highlights, until the dataset or the selection changes (a long report's are tens
/// of thousands of ranges to sort), its paragraphs and the room each takes at the
/// pane's width (a long report has thousands of paragraphs), and its undated
/// expressions (each of its expressions' values parsed).
#[derive(Debug, Default)]
pub struct PaneMemory {
    shown: Memo<ShownKey, Shown>,
    layout: Layout,
    /// By dataset revision and article: indices into the article's timexes.
    undated: Memo<(Revision, usize), Vec<usize>>,
}

/// What the pane highlights in an article: the marks, and each event's date
/// expression (event index, byte range) in text order.
type Shown = (Highlights, Vec<(usize, Range<usize>)>);

/// What [`Shown`] is made from: the dataset's revision, the article and the
/// selection's parts that highlight.
type ShownKey = (
    Revision,
    usize,
    Option<usize>,
    usize,
    std::collections::BTreeSet<usize>,
    Option<(usize, Range<usize>)>,
    Option<(usize, Range<usize>)>,
);

#[allow(clippy::too_many_arguments)]
fn body(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    revision: Revision,
    d: usize,
    selection: &Selection,
    scroll: Option<Range<usize>>,
    memory: &mut PaneMemory,
    dates: &mut Vec<(usize, egui::Pos2)>,
) -> Option<Command> {
    let doc = dataset.docs.get(d)?;
    let key: ShownKey = (
        revision,
        d,
        selection.event,
        selection.event_mention,
        selection.actors.clone(),
        selection.mention.clone(),
        selection.passage.clone(),
    );
    let (marks, doc_dates) = memory
        .shown
        .get(key, || highlights(dataset, d, doc, selection));
    let paint = Paint {
        dataset,
        d,
        doc,
        marks,
        doc_dates,
        scroll: scroll.as_ref(),
    };
    let mut command = None;
    // Only the paragraphs in view are laid out, found by their tops (binary
    // search): a frame costs what it shows, not the length of the article. A
    // paragraph's room is measured when it is drawn and estimated from its length
    // until then, so that a long report opens, or the pane is resized, without
    // laying out the whole text. Highlights change colours, not sizes;
    // furniture's italics are the article's own.
    let laid = &mut memory.layout;
    laid.for_article(doc);
    laid.at_width((
        ui.available_width().to_bits(),
        ui.ctx().pixels_per_point().to_bits(),
    ));
    laid.place(&estimate(ui));
    let base = ui.cursor().min.y;
    let below = |ui: &egui::Ui| ui.cursor().min.y - base;
    let view = ui.clip_rect().expand(200.0);
    let mut previous = None;
    let mut changed = false;
    for i in laid.in_view(view.min.y - base..view.max.y - base, scroll.as_ref()) {
        let (Some(range), Some(&top)) = (laid.paragraphs.get(i), laid.tops.get(i)) else {
            continue;
        };
        // Right after the paragraph drawn before it, whatever the estimates said.
        let gap = top - below(ui);
        if previous.is_none_or(|p: usize| p + 1 != i) && gap > 0.0 {
            ui.add_space(gap);
        }
        let before = below(ui);
        command = paint.paragraph(ui, range, dates).or(command);
        changed |= laid.record(i, below(ui) - before);
        previous = Some(i);
    }
    let gap = laid.tops.last().copied().unwrap_or_default() - below(ui);
    if gap > 0.0 {
        ui.add_space(gap);
    }
    if changed {
        // The paragraphs below a measured one move: placed anew next frame.
        ui.ctx().request_repaint();
    }
    command
}

/// A paragraph's room in the pane (its height and the space after it) before it
/// is measured: as many rows as its characters fill, at the pane's width, by a
/// sample paragraph laid out there (one layout, kept by egui between frames).
fn estimate(ui: &egui::Ui) -> impl Fn(usize) -> f32 + use<> {
    const SAMPLE: &str = "The delegation concluded a two-day meeting on Tuesday with a \
        statement on the withdrawal of combat forces, which officials said would be \
        completed by the end of next year, and both sides agreed to meet again in the \
        spring to review progress on the security agreement and on reconstruction.";
    let galley = ui.painter().layout(
        SAMPLE.to_string(),
        FontId::proportional(14.5),
        ui.visuals().text_color(),
        ui.available_width() - 14.0,
    );
    let rows = galley.rows.len().max(1) as f32;
    let per_row = SAMPLE.chars().count() as f32 / rows;
    let row_height = galley.size().y / rows;
    let gap = ui.spacing().item_spacing.y + 8.0;
    move |chars| (chars as f32 / per_row).ceil().max(1.0) * row_height + gap
}

/// The paragraphs of an article's `text` after its title line (which ends at
/// `title_end`): its non-blank lines, without their surrounding white space.
fn paragraphs(text: &str, title_end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if start < title_end || trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        out.push(start + lead..start + lead + trimmed.len());
    }
    out
}

/// The shown article's paragraphs and the room each takes at the pane's width:
/// measured once drawn there, estimated until then.
#[derive(Debug, Default)]
struct Layout {
    /// The article the paragraphs are of.
    doc: Option<std::sync::Arc<Doc>>,
    /// [`paragraphs`] of the article.
    paragraphs: Vec<Range<usize>>,
    /// How many characters each paragraph has.
    chars: Vec<usize>,
    /// The pane's width and the pixels per point that `advances` hold for.
    width: (u32, u32),
    /// Each paragraph's room (its height and the space after it), once drawn.
    advances: Vec<Option<f32>>,
    /// How far below the first paragraph's top each paragraph's top lies, and
    /// (one more) where the last one's room ends ([`Layout::place`]).
    tops: Vec<f32>,
}

impl Layout {
    /// Starts over for another article; keeps what is known when `doc` is the
    /// same (the same one in memory, or, after the model was rebuilt, the same
    /// file with the same text, compared once).
    fn for_article(&mut self, doc: &std::sync::Arc<Doc>) {
        let same = self.doc.as_ref().is_some_and(|old| {
            std::sync::Arc::ptr_eq(old, doc)
                || (old.article.id == doc.article.id && old.article.text == doc.article.text)
        });
        self.doc = Some(std::sync::Arc::clone(doc));
        if same {
            return;
        }
        let text = &doc.article.text;
        self.paragraphs = paragraphs(text, doc.article.title_line.end);
        self.chars = self
            .paragraphs
            .iter()
            .map(|r| text.get(r.clone()).map_or(0, |p| p.chars().count()))
            .collect();
        self.advances = vec![None; self.paragraphs.len()];
    }

    /// Forgets the measured rooms when the pane's width (or pixels per point)
    /// changed.
    fn at_width(&mut self, width: (u32, u32)) {
        if self.width != width {
            self.width = width;
            self.advances.iter_mut().for_each(|a| *a = None);
        }
    }

    /// Places the paragraphs one below the other: measured rooms where known,
    /// `estimate` of the characters elsewhere.
    fn place(&mut self, estimate: &impl Fn(usize) -> f32) {
        self.tops.clear();
        let mut top = 0.0;
        for (advance, &chars) in self.advances.iter().zip(&self.chars) {
            self.tops.push(top);
            top += advance.unwrap_or_else(|| estimate(chars));
        }
        self.tops.push(top);
    }

    /// Keeps the room paragraph `i` took when drawn; whether it differs from
    /// what was known.
    fn record(&mut self, i: usize, advance: f32) -> bool {
        match self.advances.get_mut(i) {
            Some(known) if *known != Some(advance) => {
                *known = Some(advance);
                true
            }
            _ => false,
        }
    }

    /// The paragraphs that reach into `view` (heights below the first paragraph's
    /// top), and the one holding `scroll`'s start, in order.
    fn in_view(&self, view: Range<f32>, scroll: Option<&Range<usize>>) -> Vec<usize> {
        let n = self.paragraphs.len();
        // Paragraph i spans tops[i]..tops[i + 1].
        let ends = self.tops.get(1..).unwrap_or_default();
        let first = ends.partition_point(|&end| end <= view.start);
        let last = self
            .tops
            .get(..n)
            .unwrap_or_default()
            .partition_point(|&top| top < view.end);
        let mut shown: Vec<usize> = (first..last.max(first)).collect();
        let target = scroll.and_then(|p| {
            let i = self.paragraphs.partition_point(|r| r.end <= p.start);
            self.paragraphs
                .get(i)
                .is_some_and(|r| r.start <= p.start)
                .then_some(i)
        });
        if let Some(t) = target.filter(|t| !(first..last).contains(t)) {
            let at = shown.partition_point(|&i| i < t);
            shown.insert(at, t);
        }
        shown
    }
}

/// What a paragraph of the shown article is drawn with.
struct Paint<'a> {
    dataset: &'a Dataset,
    d: usize,
    doc: &'a Doc,
    marks: &'a Highlights,
    /// Each event's date expression in the article, in text order.
    doc_dates: &'a [(usize, Range<usize>)],
    /// The passage to scroll to.
    scroll: Option<&'a Range<usize>>,
}

impl Paint<'_> {
    /// Lays out and draws the paragraph at `range` with the space after it,
    /// scrolls to the passage if it starts there, adds where its events' dates
    /// are drawn to `dates`, and answers a click on it.
    fn paragraph(
        &self,
        ui: &mut egui::Ui,
        range: &Range<usize>,
        dates: &mut Vec<(usize, egui::Pos2)>,
    ) -> Option<Command> {
        let (dataset, d, doc) = (self.dataset, self.d, self.doc);
        let text = &doc.article.text;
        let job = layout(ui, text, range.clone(), self.marks);
        let galley = ui.painter().layout_job(job);
        let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::click());
        ui.painter()
            .galley(rect.min, galley.clone(), ui.visuals().text_color());
        let char_of = |b: usize| {
            text.get(range.start..b.clamp(range.start, range.end))
                .map_or(0, |s| s.chars().count())
        };
        if let Some(p) = self
            .scroll
            .filter(|p| range.start <= p.start && p.start < range.end)
        {
            let a = galley.pos_from_cursor(CCursor::new(char_of(p.start)));
            let b = galley.pos_from_cursor(CCursor::new(char_of(p.end)));
            let target = Rect::from_min_max(a.min, b.max)
                .union(a)
                .translate(rect.min.to_vec2());
            ui.scroll_to_rect(target, Some(Align::Center));
        }
        let first = self
            .doc_dates
            .partition_point(|(_, t)| t.start < range.start);
        for (i, span) in self
            .doc_dates
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|(_, t)| t.start < range.end)
            .filter(|(_, t)| t.end <= range.end)
        {
            let at = galley.pos_from_cursor(CCursor::new(char_of(span.start)));
            dates.push((*i, rect.min + at.center().to_vec2() + egui::vec2(2.0, 0.0)));
        }
        let mut command = None;
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let cursor = galley.cursor_from_pos(pos - rect.min);
            let byte = text
                .get(range.clone())
                .and_then(|s| {
                    s.char_indices()
                        .nth(cursor.index.0)
                        .map(|(i, _)| range.start + i)
                })
                .unwrap_or(range.end);
            command = event_at(dataset, d, byte)
                .map(Command::SelectEvent)
                .or_else(|| {
                    // A sentence without an event: select it, to add one by hand.
                    doc.extraction
                        .sentences
                        .iter()
                        .find(|s| s.start <= byte && byte < s.end)
                        .map(|s| Command::SelectPassage(d, s.clone()))
                });
        }
        if response.hovered()
            && doc
                .extraction
                .events
                .iter()
                .any(|e| e.passage.start < range.end && range.start < e.passage.end)
        {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
        ui.add_space(8.0);
        command
    }
}

/// The highlights of article `d` (`doc`) under `selection`.
fn highlights(dataset: &Dataset, d: usize, doc: &Doc, selection: &Selection) -> Shown {
    let selected = selection
        .event
        .and_then(|e| dataset.events.get(e))
        .and_then(|e| {
            e.mentions
                .get(selection.event_mention)
                .filter(|m| m.doc == d)
                .or_else(|| e.mentions.iter().find(|m| m.doc == d))
        });
    let passage = selected.map(|m| m.passage.clone()).or_else(|| {
        selection
            .passage
            .as_ref()
            .filter(|(pd, _)| *pd == d)
            .map(|(_, r)| r.clone())
    });
    let date = selected.map(|m| m.timex.span.clone());
    let actor_spans: Vec<Range<usize>> = selection
        .actors
        .iter()
        .filter_map(|a| dataset.actors.get(*a))
        .flat_map(|a| a.mentions.iter().filter(|r| r.doc == d))
        .filter_map(|r| {
            doc.extraction
                .mentions
                .get(r.mention)
                .map(|m| m.span.clone())
        })
        .collect();
    // The date expressions of this article's events (from the doc → events index:
    // not a scan of every event, every frame).
    let doc_dates: Vec<(usize, Range<usize>)> = dataset
        .events_in(d)
        .filter_map(|i| Some((i, dataset.events.get(i)?)))
        .flat_map(|(i, e)| {
            e.mentions
                .iter()
                .filter(|m| m.doc == d)
                .map(move |m| (i, m.timex.span.clone()))
        })
        .collect();
    let mut doc_dates = doc_dates;
    doc_dates.sort_by_key(|(_, t)| t.start);
    let focus = selection
        .mention
        .as_ref()
        .filter(|(md, _)| *md == d)
        .map(|(_, r)| r.clone());
    let furniture: Vec<Range<usize>> = doc
        .article
        .furniture
        .iter()
        .chain(&doc.article.markup)
        .cloned()
        .collect();
    let passages: Vec<Range<usize>> = doc
        .extraction
        .events
        .iter()
        .map(|e| e.passage.clone())
        .collect();
    let marks = Highlights {
        furniture: Ranges::new(&furniture),
        event_sentence: Ranges::new(&passages),
        passage: Ranges::new(passage.as_slice()),
        date: Ranges::new(date.as_slice()),
        actor: Ranges::new(&actor_spans),
        focus: Ranges::new(focus.as_slice()),
    };
    (marks, doc_dates)
}

/// The event (index into `Dataset::events`) whose passage in doc `d` contains `byte`;
/// of several, the one whose date expression is nearest.
fn event_at(dataset: &Dataset, d: usize, byte: usize) -> Option<usize> {
    dataset
        .events_in(d)
        .filter_map(|i| Some((i, dataset.events.get(i)?)))
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (i, m)))
        .filter(|(_, m)| m.doc == d && m.passage.start <= byte && byte <= m.passage.end)
        .min_by_key(|(_, m)| m.timex.span.start.abs_diff(byte))
        .map(|(i, _)| i)
}

/// Highlight colours of the article text, as (light theme, dark theme) pairs.
const PASSAGE_BACKGROUND: (Color32, Color32) = (
    Color32::from_rgb(255, 243, 176),
    Color32::from_rgb(70, 62, 20),
);
const DATE_BACKGROUND: (Color32, Color32) = (
    Color32::from_rgb(255, 196, 60),
    Color32::from_rgb(150, 95, 0),
);
const DATE_TEXT: (Color32, Color32) = (Color32::BLACK, Color32::WHITE);
const ACTOR_TEXT: (Color32, Color32) = (
    Color32::from_rgb(20, 80, 170),
    Color32::from_rgb(140, 190, 255),
);
const FOCUS_BACKGROUND: (Color32, Color32) = (
    Color32::from_rgb(190, 215, 255),
    Color32::from_rgb(30, 70, 130),
);
/// The underline of actor mentions (both themes).
const ACTOR_UNDERLINE: Color32 = Color32::from_rgb(66, 146, 242);

/// Every highlight of the article pane, by kind: the byte ranges of each, so
/// that whether a byte is highlighted, and where highlights begin and end inside a
/// paragraph, are binary searches (an article of thousands of events is not looked
/// through for every character of every paragraph).
#[derive(Debug, Default)]
struct Highlights {
    furniture: Ranges,
    event_sentence: Ranges,
    passage: Ranges,
    date: Ranges,
    actor: Ranges,
    focus: Ranges,
}

impl Highlights {
    fn kinds(&self) -> [&Ranges; 6] {
        [
            &self.furniture,
            &self.event_sentence,
            &self.passage,
            &self.date,
            &self.actor,
            &self.focus,
        ]
    }

    /// The highlights of byte `b`.
    fn at(&self, b: usize) -> Marks {
        Marks {
            furniture: self.furniture.contains(b),
            event_sentence: self.event_sentence.contains(b),
            passage: self.passage.contains(b),
            date: self.date.contains(b),
            actor: self.actor.contains(b),
            focus: self.focus.contains(b),
        }
    }

    /// `range` of `text` cut into runs of equal highlights, in order: cut only where
    /// a highlight begins or ends (moved to the next character boundary), so a
    /// paragraph costs its highlights, not its characters.
    fn runs(&self, text: &str, range: &Range<usize>) -> Vec<(Range<usize>, Marks)> {
        let mut cuts = vec![range.start];
        for kind in self.kinds() {
            kind.edges_in(range, &mut cuts);
        }
        for c in &mut cuts {
            while *c < range.end && !text.is_char_boundary(*c) {
                *c += 1;
            }
        }
        cuts.push(range.end);
        cuts.sort_unstable();
        cuts.dedup();
        let mut runs: Vec<(Range<usize>, Marks)> = Vec::with_capacity(cuts.len());
        for pair in cuts.windows(2) {
            let [a, b] = [pair[0], pair[1]];
            let m = self.at(a);
            match runs.last_mut() {
                Some((r, last)) if *last == m => r.end = b,
                _ => runs.push((a..b, m)),
            }
        }
        runs
    }
}

/// Builds the layout of one paragraph, with a section per run of equal marks.
fn layout(ui: &egui::Ui, text: &str, range: Range<usize>, marks: &Highlights) -> LayoutJob {
    let visuals = ui.visuals();
    let font = FontId::proportional(14.5);
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: ui.available_width() - 14.0,
            ..Default::default()
        },
        ..Default::default()
    };
    let Some(slice) = text.get(range.clone()) else {
        return job;
    };
    if slice.is_empty() {
        return job;
    }
    let runs = marks.runs(text, &range);
    let dark = visuals.dark_mode;
    for (r, m) in runs {
        let mut format = TextFormat {
            font_id: font.clone(),
            color: visuals.text_color(),
            ..Default::default()
        };
        if m.furniture {
            format.color = visuals.weak_text_color().gamma_multiply(0.8);
            format.italics = true;
        }
        if m.event_sentence && !m.passage {
            format.underline = Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(0.3));
        }
        let pick =
            |(light, dark_colour): (Color32, Color32)| if dark { dark_colour } else { light };
        if m.passage {
            format.background = pick(PASSAGE_BACKGROUND);
        }
        if m.date {
            format.background = pick(DATE_BACKGROUND);
            format.color = pick(DATE_TEXT);
        }
        if m.actor {
            format.underline = Stroke::new(2.0, ACTOR_UNDERLINE);
            format.color = pick(ACTOR_TEXT);
        }
        if m.focus {
            format.background = pick(FOCUS_BACKGROUND);
        }
        job.append(text.get(r).unwrap_or_default(), 0.0, format);
    }
    job
}

/// The indices of `doc`'s undated expressions ([`Doc::undated`]).
fn undated_of(doc: &Doc) -> Vec<usize> {
    doc.undated().map(|(i, _)| i).collect()
}

/// Lists the expressions `undated` (indices into `doc`'s timexes).
fn undated(ui: &mut egui::Ui, doc: &Doc, undated: &[usize]) {
    let undated: Vec<_> = undated
        .iter()
        .filter_map(|&i| doc.extraction.timexes.get(i))
        .collect();
    if undated.is_empty() {
        return;
    }
    ui.separator();
    ui.strong(format!(
        "Undated expressions ({}) — not on the timeline",
        undated.len()
    ));
    // Below the view (the pane scrolled to the article's top): the room of one
    // row each, not the labels.
    if ui.cursor().min.y > ui.clip_rect().max.y + 200.0 {
        let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        ui.add_space(row * undated.len() as f32);
        return;
    }
    for t in undated {
        let written = doc.article.text.get(t.span.clone()).unwrap_or_default();
        ui.label(format!("“{written}” · {:?} · {}", t.kind, t.value))
            .on_hover_text(&*t.derivation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The runs as the pane made them before: every character's highlights, each
    /// looked up in every range.
    fn naive(
        text: &str,
        range: &Range<usize>,
        kinds: &[Vec<Range<usize>>; 6],
    ) -> Vec<(Range<usize>, Marks)> {
        let at = |b: usize| {
            let on = |k: usize| kinds[k].iter().any(|r| r.contains(&b));
            Marks {
                furniture: on(0),
                event_sentence: on(1),
                passage: on(2),
                date: on(3),
                actor: on(4),
                focus: on(5),
            }
        };
        let mut runs: Vec<(Range<usize>, Marks)> = Vec::new();
        for (i, c) in text[range.clone()].char_indices() {
            let b = range.start + i;
            let m = at(b);
            match runs.last_mut() {
                Some((r, last)) if *last == m => r.end = b + c.len_utf8(),
                _ => runs.push((b..b + c.len_utf8(), m)),
            }
        }
        runs
    }

    proptest! {
        /// Cutting a paragraph where highlights begin and end gives the runs that
        /// looking at every character gives, with ranges that overlap, touch, are
        /// empty or end inside a character.
        #[test]
        fn runs_are_those_of_every_character(
            kinds in proptest::array::uniform6(
                proptest::collection::vec((0usize..40, 0usize..12), 0..5)
            ),
            from in 0usize..10,
            len in 1usize..30,
        ) {
            let text = "Talks in Genève on Monday — the UN’s envoy said ✓ fine.";
            let mut start = from.min(text.len() - 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let range = start..end;
            let kinds: [Vec<Range<usize>>; 6] =
                kinds.map(|k| k.iter().map(|&(s, l)| s..s + l).collect());
            let marks = Highlights {
                furniture: Ranges::new(&kinds[0]),
                event_sentence: Ranges::new(&kinds[1]),
                passage: Ranges::new(&kinds[2]),
                date: Ranges::new(&kinds[3]),
                actor: Ranges::new(&kinds[4]),
                focus: Ranges::new(&kinds[5]),
            };
            prop_assert_eq!(marks.runs(text, &range), naive(text, &range, &kinds));
        }
    }

    #[test]
    fn paragraphs_are_the_non_blank_lines_after_the_title() {
        let text = "Title\n\n  First line. \n\t\nSecond\r\nlast";
        let got: Vec<&str> = paragraphs(text, 5).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["First line.", "Second", "last"]);
    }

    /// Ten paragraphs, each 50 high, the last ending at 500.
    fn ten() -> Layout {
        Layout {
            paragraphs: (0..10).map(|i| i * 100..i * 100 + 90).collect(),
            tops: (0..=10).map(|i| i as f32 * 50.0).collect(),
            ..Layout::default()
        }
    }

    #[test]
    fn only_the_paragraphs_reaching_into_the_view_are_drawn() {
        let m = ten();
        assert_eq!(m.in_view(0.0..120.0, None), [0, 1, 2]);
        // A paragraph that ends where the view starts, or starts where it ends,
        // is not in it.
        assert_eq!(m.in_view(100.0..200.0, None), [2, 3]);
        assert_eq!(m.in_view(475.0..900.0, None), [9]);
        assert_eq!(m.in_view(-300.0..-10.0, None), Vec::<usize>::new());
        assert_eq!(m.in_view(600.0..700.0, None), Vec::<usize>::new());
    }

    #[test]
    fn the_paragraph_scrolled_to_is_drawn_in_order_with_the_view() {
        let m = ten();
        // Byte 720 is in paragraph 7 (700..790): drawn after the view's.
        assert_eq!(m.in_view(0.0..90.0, Some(&(720..730))), [0, 1, 7]);
        // Paragraph 0, before the view.
        assert_eq!(m.in_view(260.0..340.0, Some(&(5..9))), [0, 5, 6]);
        // Already in view: once.
        assert_eq!(m.in_view(260.0..340.0, Some(&(610..620))), [5, 6]);
        // Between paragraphs (a blank line): nothing more.
        assert_eq!(m.in_view(260.0..340.0, Some(&(95..96))), [5, 6]);
    }

    /// An article read from `text` (title on its first line), not extracted.
    fn doc(file: &str, text: &str) -> std::sync::Arc<Doc> {
        let reader = crate::corpus::Reader::new().expect("bundled rules");
        std::sync::Arc::new(Doc {
            article: reader.article_from_text(file, text.to_string(), None),
            extraction: crate::model::ArticleExtraction::default(),
        })
    }

    #[test]
    fn rooms_are_estimated_until_measured_and_forgotten_at_another_width() {
        let text = "Title\nab\ncdef\n\nghi\n";
        let a = doc("a.txt", text);
        let mut laid = Layout::default();
        laid.for_article(&a);
        assert_eq!(laid.chars, [2, 4, 3]);
        // One unit of room per character until measured.
        let by_length = |chars: usize| chars as f32;
        laid.at_width((500, 1));
        laid.place(&by_length);
        assert_eq!(laid.tops, [0.0, 2.0, 6.0, 9.0]);
        assert!(laid.record(1, 30.0), "a new measure");
        assert!(!laid.record(1, 30.0), "the same measure");
        assert!(!laid.record(7, 1.0), "no such paragraph");
        laid.place(&by_length);
        assert_eq!(laid.tops, [0.0, 2.0, 32.0, 35.0]);
        // The same article, also when read again (a rebuilt model), keeps its
        // measures; another width forgets them.
        laid.for_article(&a);
        laid.for_article(&doc("a.txt", text));
        laid.at_width((500, 1));
        laid.place(&by_length);
        assert_eq!(laid.tops, [0.0, 2.0, 32.0, 35.0]);
        laid.at_width((400, 1));
        laid.place(&by_length);
        assert_eq!(laid.tops, [0.0, 2.0, 6.0, 9.0]);
        // The file changed (to a text as long), or another article: start over.
        laid.record(1, 30.0);
        let changed = "Title\nabcdefg\nhij\n\n";
        assert_eq!(changed.len(), text.len());
        laid.for_article(&doc("a.txt", changed));
        laid.place(&by_length);
        assert_eq!(laid.tops, [0.0, 7.0, 10.0]);
        laid.record(0, 10.0);
        laid.for_article(&doc("b.txt", "T\nxyz\n"));
        laid.place(&by_length);
        assert_eq!(laid.tops, [0.0, 3.0]);
    }
}
