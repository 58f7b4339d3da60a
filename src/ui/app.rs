//! The application: state, the frame loop and the commands that panels return.
//! Side panels are laid out before the central plot (egui requires that order).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::model::Dataset;
use crate::timeline::Timeline;
use crate::ui::picker::FolderPicker;
use crate::ui::plot::PlotAction;
use crate::ui::saver::Saver;
use crate::ui::state::{State, Theme};
use crate::ui::worker::{Correcting, Loading, Outcome, WatchOutcome, Watching};
use crate::ui::{actors, article, export, overview, picker, plot, toolbar};

/// The window title for a folder: "Dateline — articles".
pub fn window_title(folder: &Path) -> String {
    let name = folder.file_name().map_or_else(
        || folder.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("Dateline — {name}")
}

/// What the user asked for; panels return these, [`App::apply`] carries them out
/// after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select an event (index into `Dataset::events`) and show its passage.
    SelectEvent(usize),
    /// Clear the event selection.
    ClearEvent,
    /// Select or unselect an actor.
    ToggleActor(usize),
    /// Show an article in the article pane.
    ShowDoc(usize),
    /// Show mention `k` of event `e` (its passage, in its article).
    ShowEventMention(usize, usize),
    /// Show an actor mention (doc, byte range) in the article pane.
    ShowMention(usize, std::ops::Range<usize>),
    /// Change how the timeline is filtered and laned.
    SetView(crate::timeline::View),
    /// Change the actor list's order.
    SortActors(actors::Sort),
    /// Select the previous (-1) or next (+1) event in time.
    Step(i32),
    /// Open the native folder dialog.
    PickFolder,
    /// Open a folder.
    Open(PathBuf),
    /// Cancel the running load.
    CancelLoad,
    /// Change the plot's visible range.
    Plot(PlotAction),
    /// Select the next search match.
    NextMatch,
    /// Filter the timeline to a date range (sets `from:`/`to:` in the search).
    DateRange(jiff::civil::Date, jiff::civil::Date),
    /// Select the first (`false`) or last (`true`) event.
    Ends(bool),
    /// Clear the event and actor selection and the search.
    ClearAll,
    /// Show or hide the keyboard shortcuts.
    ToggleHelp,
    /// Change the colour theme.
    SetTheme(Theme),
    /// Focus the search box.
    FocusSearch,
    /// Apply a correction (and save it).
    Curate(crate::curation::Edit),
    /// Take back the last correction.
    Undo,
    /// Apply the last correction taken back again.
    Redo,
    /// Show or hide the window of rejected items and edits.
    ToggleCuration,
    /// Select a sentence without an event (doc, byte range), to add one.
    SelectPassage(usize, std::ops::Range<usize>),
    /// Clear the selected sentence.
    ClearPassage,
}

/// What is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The selected event.
    pub event: Option<usize>,
    /// The selected actors.
    pub actors: BTreeSet<usize>,
    /// The article shown in the pane.
    pub doc: Option<usize>,
    /// Which mention of the selected event is shown.
    pub event_mention: usize,
    /// An actor mention picked in the actor details (doc, byte range).
    pub mention: Option<(usize, std::ops::Range<usize>)>,
    /// A sentence without an event picked in the article pane (doc, byte range).
    pub passage: Option<(usize, std::ops::Range<usize>)>,
}

/// Identifies the dataset shown: (generation, corrections applied). It changes
/// whenever the dataset does, so lists derived from the dataset are kept on it.
pub type Revision = (u64, u64);

/// Values the panels report back about the last frame (read by tests).
#[derive(Debug, Clone, Default)]
pub struct FrameInfo {
    /// Screen position of every drawn single event marker.
    pub markers: Vec<(usize, egui::Pos2)>,
    /// Clusters of markers drawn.
    pub clusters: Vec<plot::Cluster>,
    /// The plot's visible day range.
    pub x_bounds: (f64, f64),
    /// Vertical scroll offset of the article pane.
    pub article_scroll: f32,
    /// Screen position of each event's date expression in the article pane.
    pub article_dates: Vec<(usize, egui::Pos2)>,
}

/// The explorer.
pub struct App {
    /// Shared with an export under way, which serialises it on its own thread.
    dataset: Arc<Dataset>,
    timeline: Timeline,
    selection: Selection,
    /// Incremented when a new dataset replaces the old one (resets plot and caches).
    generation: u64,
    loading: Option<Loading>,
    /// A finished load whose worker still writes the folder's snapshot, kept until
    /// it is done (dropping it would wait for it on the UI thread).
    lingering: Option<Loading>,
    /// Watches the shown folder and applies its changes.
    watching: Option<Watching>,
    picker: Arc<dyn FolderPicker>,
    picking: Option<Receiver<Option<PathBuf>>>,
    actor_filter: String,
    /// A byte range of the shown article to bring into view on the next frame.
    scroll_to: Option<std::ops::Range<usize>>,
    /// How the timeline is filtered and laned.
    view: crate::timeline::View,
    /// The generation and view the timeline was last laid out for.
    /// (`None` before the first layout.)
    laid_out: Option<(u64, crate::timeline::View)>,
    /// Counts timeline layouts (a new layout resets the plot's view to fit it).
    layouts: u64,
    /// Actor list order.
    actor_sort: actors::Sort,
    notice: Option<String>,
    title: String,
    frame_info: FrameInfo,
    /// What is remembered between runs.
    state: State,
    /// The search box's text.
    search: String,
    /// A change of the plot's range for the next frame.
    pending_plot: Option<PlotAction>,
    /// Whether the shortcuts overlay is shown.
    help: bool,
    /// A notice from start-up, kept until the first folder is shown.
    startup_notice: Option<String>,
    /// The frame in which `/` focused the search box.
    slash_frame: Option<u64>,
    /// Text typed into the curation forms.
    forms: crate::ui::curate::Forms,
    /// What the article pane keeps between frames.
    article_memory: article::PaneMemory,
    /// Writes the sidecar of edits off the UI thread.
    saver: Option<Saver>,
    /// The model being rebuilt with new corrections, off the UI thread.
    correcting: Option<Correcting>,
    /// Corrections asked for while another rebuild runs (the newest list; whether
    /// an event that appears is to be selected): rebuilt next.
    requested: Option<(crate::curation::Curation, bool)>,
    /// Counts corrections applied (the timeline is laid out again, the view kept).
    edit_rev: u64,
    /// The correction count the timeline was last laid out for.
    edits_laid_out: u64,
    /// Whether the window of rejected items and edits is shown.
    curation_open: bool,
    /// The actor list's rows, kept while the dataset, filter and order stay.
    actor_rows: actors::Rows,
    /// The overview strip's event density, kept while the layout and width stay.
    density: overview::Density,
    /// File → Export… and Export image.
    export: export::Exporter,
}

impl App {
    /// Creates the app and starts loading `folder` in the background.
    pub fn new(ctx: &egui::Context, folder: PathBuf, picker: Arc<dyn FolderPicker>) -> Self {
        Self::with_state(ctx, Some(folder), State::default(), picker)
    }

    /// Creates the app from remembered `state`. Opens `folder` if given, else the
    /// last folder, else the bundled articles — with a notice when the last folder
    /// no longer exists.
    pub fn with_state(
        ctx: &egui::Context,
        folder: Option<PathBuf>,
        state: State,
        picker: Arc<dyn FolderPicker>,
    ) -> Self {
        let mut notice = None;
        let folder = match (folder, &state.last_folder) {
            (Some(f), _) => f,
            (None, Some(last)) if last.exists() => last.clone(),
            (None, Some(last)) => {
                notice = Some(format!(
                    "{} no longer exists — showing the bundled articles",
                    last.display()
                ));
                crate::ui::bundled_folder()
            }
            (None, None) => crate::ui::bundled_folder(),
        };
        ctx.set_theme(state.theme.preference());
        let view = crate::timeline::View {
            lanes: state.lanes,
            ..Default::default()
        };
        let actor_sort = if state.actors_by_name {
            actors::Sort::Name
        } else {
            actors::Sort::Mentions
        };
        let mut app = Self {
            dataset: Arc::new(Dataset {
                root: folder.clone(),
                ..Dataset::default()
            }),
            timeline: Timeline::default(),
            selection: Selection::default(),
            generation: 0,
            loading: None,
            watching: None,
            picker,
            picking: None,
            actor_filter: String::new(),
            scroll_to: None,
            view,
            laid_out: None,
            actor_sort,
            layouts: 0,
            notice: None,
            title: String::new(),
            frame_info: FrameInfo::default(),
            state,
            search: String::new(),
            pending_plot: None,
            help: false,
            startup_notice: None,
            slash_frame: None,
            forms: crate::ui::curate::Forms::default(),
            article_memory: article::PaneMemory::default(),
            saver: None,
            lingering: None,
            correcting: None,
            requested: None,
            edit_rev: 0,
            edits_laid_out: 0,
            curation_open: false,
            actor_rows: actors::Rows::default(),
            density: overview::Density::default(),
            export: export::Exporter::new(Arc::new(export::NativeSaver)),
        };
        app.open(ctx, folder);
        app.notice.clone_from(&notice);
        app.startup_notice = notice;
        app
    }

    /// The same app asking `saver` where to save exports (tests inject a path).
    #[must_use]
    pub fn with_save_picker(mut self, saver: Arc<dyn export::SavePicker>) -> Self {
        self.export = export::Exporter::new(saver);
        self
    }

    /// The exporter (File → Export…, Export image).
    pub fn exporter_mut(&mut self) -> &mut export::Exporter {
        &mut self.export
    }

    /// The search the timeline is filtered by.
    pub fn view_search(&self) -> &str {
        &self.view.search
    }

    /// What would be remembered if the app closed now.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The event indices laid out on the timeline, in time order (events are
    /// ordered by date).
    fn visible_events(&self) -> &[usize] {
        &self.timeline.events
    }

    /// The dataset shown.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The revision of the dataset shown: a new one for every load, update or
    /// correction. Lists derived from the dataset are kept while it stays the same.
    pub fn revision(&self) -> Revision {
        (self.generation, self.edit_rev)
    }

    /// The current selection.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Whether a folder is being loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// What the last frame drew (marker positions, article scroll offset).
    pub fn frame_info(&self) -> &FrameInfo {
        &self.frame_info
    }

    /// The notice shown in the status bar (errors, cancelled loads).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Events highlighted because they involve a selected actor.
    pub fn highlighted_events(&self) -> BTreeSet<usize> {
        self.selection
            .actors
            .iter()
            .flat_map(|a| self.dataset.events_of(*a))
            .collect()
    }

    fn open(&mut self, ctx: &egui::Context, folder: PathBuf) {
        self.loading = None; // cancels and joins a running load
        self.watching = None;
        // Corrections under way are saved already; their rebuild is not needed.
        self.correcting = None;
        self.requested = None;
        match Loading::start(folder.clone(), ctx.clone()) {
            Ok(loading) => self.loading = Some(loading),
            Err(e) => self.notice = Some(format!("cannot start reading {}: {e}", folder.display())),
        }
    }

    fn install(&mut self, dataset: Arc<Dataset>) {
        self.dataset = dataset;
        self.view.actors.clear();
        self.selection = Selection {
            doc: (!self.dataset.docs.is_empty()).then_some(0),
            ..Selection::default()
        };
        self.generation += 1;
        self.state.opened(self.dataset.root.clone());
        self.relayout();
        let problems = (!self.dataset.problems.is_empty()).then(|| {
            format!(
                "{} file(s) or line(s) could not be used — see Problems",
                self.dataset.problems.len()
            )
        });
        let orphans = (!self.dataset.orphans.is_empty()).then(|| {
            format!(
                "{} of your corrections no longer apply — see Edit → Rejected and edits",
                self.dataset.orphans.len()
            )
        });
        let problems = match (problems, orphans) {
            (Some(p), Some(o)) => Some(format!("{p}; {o}")),
            (p, o) => p.or(o),
        };
        self.notice = problems.or_else(|| self.startup_notice.take());
    }

    /// Shows the articles read so far while a load goes on. Document indices stay
    /// valid (partial results grow in file order); event and actor indices do not.
    fn show_partial(&mut self, dataset: Dataset) {
        self.dataset = Arc::new(dataset);
        self.view.actors.clear();
        self.selection = Selection {
            doc: self
                .selection
                .doc
                .filter(|d| *d < self.dataset.docs.len())
                .or((!self.dataset.docs.is_empty()).then_some(0)),
            ..Selection::default()
        };
        self.generation += 1;
        self.relayout();
    }

    /// Replaces the dataset with the one updated after files changed, keeping the
    /// shown article, selected event and actors when they still exist.
    fn install_update(&mut self, update: crate::pipeline::Update) {
        let n = update.touched();
        let old = std::mem::replace(&mut self.dataset, Arc::new(update.dataset));
        let new = &self.dataset;
        let doc = |d: usize| {
            let file = &old.docs.get(d)?.article.file;
            new.docs.iter().position(|x| &x.article.file == file)
        };
        let event = |e: usize| {
            let id = &old.events.get(e)?.id;
            new.events.iter().position(|x| &x.id == id)
        };
        let actor = |a: usize| {
            let id = &old.actors.get(a)?.id;
            new.actors.iter().position(|x| &x.id == id)
        };
        let actors: BTreeSet<usize> = self
            .selection
            .actors
            .iter()
            .filter_map(|&a| actor(a))
            .collect();
        self.selection = Selection {
            event: self.selection.event.and_then(event),
            doc: self
                .selection
                .doc
                .and_then(doc)
                .or((!new.docs.is_empty()).then_some(0)),
            actors: actors.clone(),
            ..Selection::default()
        };
        self.view.actors = actors;
        self.generation += 1;
        self.relayout();
        if n > 0 {
            self.notice = Some(format!(
                "{n} file{} changed — updated",
                if n == 1 { "" } else { "s" }
            ));
        }
    }

    /// Lays the timeline out again when the data or the view changed (a new plot
    /// view that fits all), or after a correction (the plot view is kept).
    fn relayout(&mut self) {
        let current = self
            .laid_out
            .as_ref()
            .is_some_and(|(g, v)| *g == self.generation && *v == self.view);
        if !current {
            self.timeline = Timeline::with_view(&self.dataset, &self.view);
            self.laid_out = Some((self.generation, self.view.clone()));
            self.layouts += 1;
            self.edits_laid_out = self.edit_rev;
        } else if self.edits_laid_out != self.edit_rev {
            self.timeline = Timeline::with_view(&self.dataset, &self.view);
            self.edits_laid_out = self.edit_rev;
        }
    }

    /// The newest list of corrections: asked for, being applied, or shown.
    fn newest_curation(&self) -> crate::curation::Curation {
        self.requested
            .as_ref()
            .map(|(c, _)| c)
            .or(self.correcting.as_ref().map(Correcting::curation))
            .unwrap_or(&self.dataset.curation)
            .clone()
    }

    /// Applies a new list of corrections: it is saved at once, and the model is
    /// rebuilt from the extraction results off the UI thread (deterministic, so
    /// undo gives back the exact prior model); `select_new`: an event that appears
    /// is selected.
    fn request_correction(
        &mut self,
        ctx: &egui::Context,
        curation: crate::curation::Curation,
        select_new: bool,
    ) {
        self.save_edits(ctx, curation.clone());
        let select_new = select_new || self.requested.as_ref().is_some_and(|r| r.1);
        self.requested = Some((curation, select_new));
        self.start_correction(ctx);
    }

    /// Starts rebuilding the model with the requested corrections, unless a
    /// rebuild or an update for changed files is running (they start from the
    /// model shown, so they go one at a time).
    fn start_correction(&mut self, ctx: &egui::Context) {
        if self.correcting.is_some() || self.watching.as_ref().is_some_and(Watching::is_updating) {
            return;
        }
        let Some((curation, select_new)) = self.requested.take() else {
            return;
        };
        match Correcting::start(Arc::clone(&self.dataset), curation, select_new, ctx.clone()) {
            Ok(correcting) => self.correcting = Some(correcting),
            Err(e) => self.notice = Some(format!("cannot apply the correction: {e}")),
        }
    }

    /// Shows the model rebuilt with corrections: the selection follows its event
    /// and actors, and (`select_new`) an event that appeared is selected.
    fn install_corrected(&mut self, new: Dataset, select_new: bool) {
        let d = &self.dataset;
        // What was selected, by identity: the event's id and its shown mention.
        let event = self.selection.event.and_then(|e| d.events.get(e)).map(|e| {
            let m = e
                .mentions
                .get(self.selection.event_mention)
                .or(e.mentions.first());
            (e.id.clone(), m.map(|m| (m.doc, m.timex.span.clone())))
        });
        let actors: Vec<String> = self
            .selection
            .actors
            .iter()
            .filter_map(|a| d.actors.get(*a).map(|x| x.id.clone()))
            .collect();
        let before: BTreeSet<String> = d.events.iter().map(|e| e.id.clone()).collect();
        // An export under way keeps the model it serialises.
        self.dataset = Arc::new(new);
        let d = &self.dataset;
        self.selection.event = event.and_then(|(id, mention)| {
            d.events.iter().position(|e| e.id == id).or_else(|| {
                let (doc, span) = mention?;
                d.events.iter().position(|e| {
                    e.mentions
                        .iter()
                        .any(|m| m.doc == doc && m.timex.span == span)
                })
            })
        });
        self.selection.event_mention = 0;
        self.selection.actors = actors
            .iter()
            .filter_map(|id| d.actors.iter().position(|a| &a.id == id))
            .collect();
        self.view.actors = self.selection.actors.clone();
        self.edit_rev += 1;
        if select_new {
            let appeared: Vec<usize> = (0..d.events.len())
                .filter(|&i| d.events.get(i).is_some_and(|e| !before.contains(&e.id)))
                .collect();
            if let [e] = appeared[..] {
                self.select_event(e);
            }
            self.keep_selected_in_view();
        }
    }

    /// Widens the plot's view when the selected event now lies outside it (its
    /// date was changed, or it was just added).
    fn keep_selected_in_view(&mut self) {
        let Some(e) = self
            .selection
            .event
            .and_then(|e| self.dataset.events.get(e))
        else {
            return;
        };
        let (lo, hi) = self.frame_info.x_bounds;
        let start = crate::timeline::days(e.interval.start);
        let end = crate::timeline::days(e.interval.end) + 1.0;
        if hi > lo && (start < lo || end > hi) {
            let (lo, hi) = (lo.min(start), hi.max(end));
            let pad = (hi - lo) * 0.05;
            self.pending_plot = Some(PlotAction::Show(lo - pad, hi + pad));
        }
    }

    /// Queues a save of `curation` into the folder's sidecar.
    fn save_edits(&mut self, ctx: &egui::Context, curation: crate::curation::Curation) {
        if self.saver.is_none() {
            match Saver::start(ctx.clone()) {
                Ok(saver) => self.saver = Some(saver),
                Err(e) => {
                    self.notice = Some(format!("cannot save corrections: {e}"));
                    return;
                }
            }
        }
        let sidecar = crate::curation::Sidecar::for_root(&self.dataset.root);
        if let Some(Err(e)) = self.saver.as_mut().map(|s| s.save(sidecar, curation)) {
            self.notice = Some(format!("cannot save corrections: {e}"));
        }
    }

    /// Whether corrections are being applied to the model (rebuilt off the UI
    /// thread; the model shown is the one before them until then).
    pub fn is_correcting(&self) -> bool {
        self.correcting.is_some() || self.requested.is_some()
    }

    /// Whether corrections are still being written.
    pub fn is_saving(&self) -> bool {
        self.saver.as_ref().is_some_and(Saver::busy)
    }

    /// The timeline as laid out for the current view.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Selects event `i` and brings its first mention into view.
    fn select_event(&mut self, i: usize) {
        if let Some(event) = self.dataset.events.get(i) {
            self.selection.event = Some(i);
            self.selection.event_mention = 0;
            self.selection.doc = event.mentions.first().map(|m| m.doc);
            self.scroll_to = event.mentions.first().map(|m| m.passage.clone());
        }
    }

    /// Applies a command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::SelectEvent(i) => self.select_event(i),
            Command::ClearEvent => self.selection.event = None,
            Command::ToggleActor(a) => {
                if !self.selection.actors.remove(&a) && a < self.dataset.actors.len() {
                    self.selection.actors.insert(a);
                }
                self.selection.mention = None;
                self.view.actors = self.selection.actors.clone();
            }
            Command::ShowEventMention(e, k) => {
                if let Some(m) = self.dataset.events.get(e).and_then(|ev| ev.mentions.get(k)) {
                    self.selection.event = Some(e);
                    self.selection.event_mention = k;
                    self.selection.doc = Some(m.doc);
                    self.scroll_to = Some(m.passage.clone());
                }
            }
            Command::ShowMention(d, span) => {
                if d < self.dataset.docs.len() {
                    self.selection.doc = Some(d);
                    self.selection.mention = Some((d, span.clone()));
                    self.scroll_to = Some(span);
                }
            }
            Command::SetView(view) => {
                self.state.lanes = view.lanes;
                self.search = view.search.clone();
                self.view = view;
            }
            Command::SortActors(sort) => {
                self.actor_sort = sort;
                self.state.actors_by_name = sort == actors::Sort::Name;
            }
            Command::ShowDoc(d) => {
                if d < self.dataset.docs.len() {
                    self.selection.doc = Some(d);
                }
            }
            Command::Step(delta) => {
                let visible = self.visible_events();
                // Ascending: found by binary search, not copied or scanned.
                let at = self
                    .selection
                    .event
                    .and_then(|e| visible.binary_search(&e).ok());
                let next = match at {
                    None if delta < 0 => visible.last(),
                    None => visible.first(),
                    Some(i) => visible.get(
                        i.saturating_add_signed(delta as isize)
                            .min(visible.len().saturating_sub(1)),
                    ),
                };
                if let Some(e) = next.copied() {
                    self.apply(ctx, Command::SelectEvent(e));
                }
            }
            Command::Ends(last) => {
                let visible = self.visible_events();
                let end = if last {
                    visible.last()
                } else {
                    visible.first()
                };
                if let Some(e) = end.copied() {
                    self.apply(ctx, Command::SelectEvent(e));
                }
            }
            Command::Plot(action) => self.pending_plot = Some(action),
            Command::NextMatch => {
                let matches = &self.timeline.matches;
                let at = self
                    .selection
                    .event
                    .and_then(|e| matches.iter().position(|m| *m == e));
                let next = at.map_or(0, |i| (i + 1) % matches.len().max(1));
                if let Some(e) = matches.get(next).copied() {
                    self.apply(ctx, Command::SelectEvent(e));
                }
            }
            Command::DateRange(from, to) => {
                let kept: Vec<String> = crate::search::chips(&self.search)
                    .into_iter()
                    .map(|c| c.text)
                    .filter(|t| !t.starts_with("from:") && !t.starts_with("to:"))
                    .map(|t| {
                        if t.contains(' ') {
                            format!("\"{t}\"")
                        } else {
                            t
                        }
                    })
                    .collect();
                self.search = format!("{} from:{from} to:{to}", kept.join(" "))
                    .trim()
                    .to_string();
                self.view.search = self.search.clone();
            }
            Command::ClearAll => {
                self.selection.event = None;
                self.selection.actors.clear();
                self.selection.mention = None;
                self.search.clear();
                self.view = crate::timeline::View {
                    lanes: self.view.lanes,
                    ..Default::default()
                };
            }
            Command::ToggleHelp => self.help = !self.help,
            Command::SetTheme(theme) => {
                self.state.theme = theme;
                ctx.set_theme(theme.preference());
            }
            Command::FocusSearch => ctx.memory_mut(|m| m.request_focus(toolbar::search_id())),
            Command::PickFolder => {
                if self.picking.is_none() {
                    match picker::spawn(Arc::clone(&self.picker), ctx.clone()) {
                        Ok(rx) => self.picking = Some(rx),
                        Err(e) => self.notice = Some(format!("cannot open the folder dialog: {e}")),
                    }
                }
            }
            Command::Open(folder) => self.open(ctx, folder),
            Command::Curate(_) | Command::Undo | Command::Redo if self.loading.is_some() => {
                // A partial model carries no corrections: saving from it would
                // lose those in the sidecar.
                self.notice = Some("corrections can be made once the folder is read".into());
            }
            Command::Curate(edit) => {
                let mut curation = self.newest_curation();
                curation.push(edit);
                self.selection.passage = None;
                // An event that appears (added, split off) is selected.
                self.request_correction(ctx, curation, true);
            }
            Command::Undo | Command::Redo => {
                let mut curation = self.newest_curation();
                let changed = if command == Command::Undo {
                    curation.undo()
                } else {
                    curation.redo()
                };
                if changed {
                    self.request_correction(ctx, curation, false);
                }
            }
            Command::ToggleCuration => self.curation_open = !self.curation_open,
            Command::SelectPassage(d, span) => {
                if d < self.dataset.docs.len() {
                    self.selection.event = None;
                    self.selection.passage = Some((d, span));
                }
            }
            Command::ClearPassage => self.selection.passage = None,
            Command::CancelLoad => {
                if let Some(loading) = &self.loading {
                    loading.cancel();
                }
            }
        }
    }

    /// Drains worker channels (folder dialog, extraction).
    fn poll_workers(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.picking {
            match rx.try_recv() {
                Ok(Some(folder)) => {
                    self.picking = None;
                    self.open(ctx, folder);
                }
                Ok(None) | Err(std::sync::mpsc::TryRecvError::Disconnected) => self.picking = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        for result in self.saver.as_mut().map(Saver::poll).unwrap_or_default() {
            match result {
                Ok(crate::curation::Saved::Folder(_)) => {}
                Ok(crate::curation::Saved::DataDir(path, why)) => {
                    self.notice = Some(format!(
                        "the folder cannot be written ({why}): corrections are kept in {}",
                        path.display()
                    ));
                }
                Err(e) => self.notice = Some(e),
            }
        }
        if self.lingering.as_ref().is_some_and(Loading::is_finished) {
            self.lingering = None;
        }
        let outcome = self.loading.as_mut().and_then(Loading::poll);
        if outcome.is_none()
            && let Some(partial) = self.loading.as_mut().and_then(Loading::take_partial)
        {
            self.show_partial(partial);
        }
        if let Some(outcome) = outcome {
            let loading = self.loading.take();
            let (folder, total, partial) = loading
                .as_ref()
                .map(|l| (l.folder.clone(), l.progress.total, l.showed_partial()))
                .unwrap_or_default();
            self.lingering = loading;
            match outcome {
                Outcome::Loaded(dataset) => {
                    self.install(dataset);
                    match Watching::start(self.dataset.root.clone(), ctx.clone()) {
                        Ok(watching) => self.watching = Some(watching),
                        Err(e) => self.notice = Some(format!("not watching for changes: {e}")),
                    }
                }
                Outcome::Failed(message) => {
                    self.notice = Some(format!("could not open {}: {message}", folder.display()))
                }
                Outcome::Cancelled if partial => {
                    self.notice = Some(format!(
                        "stopped reading {} — showing the first {} of {total} articles",
                        folder.display(),
                        self.dataset.docs.len()
                    ))
                }
                Outcome::Cancelled => {
                    self.notice = Some(format!("stopped reading {}", folder.display()))
                }
            }
        }
        if let Some(result) = self.correcting.as_ref().and_then(Correcting::poll) {
            let select_new = self.correcting.take().is_some_and(|c| c.select_new());
            match result {
                Ok(dataset) => self.install_corrected(*dataset, select_new),
                Err(e) => self.notice = Some(format!("cannot apply the correction: {e}")),
            }
        }
        // Updates for changed files start once no correction is waiting or being
        // rebuilt (each starts from the model shown).
        let idle = self.correcting.is_none() && self.requested.is_none();
        let watched = self
            .watching
            .as_mut()
            .and_then(|w| w.poll(&self.dataset, idle));
        match watched {
            Some(WatchOutcome::Updated(update)) => self.install_update(*update),
            Some(WatchOutcome::Failed(message)) => self.notice = Some(message),
            None => {}
        }
        // Corrections asked for meanwhile are rebuilt from the model now shown.
        self.start_correction(ctx);
        let title = window_title(
            &self
                .loading
                .as_ref()
                .map_or(self.dataset.root.clone(), |l| l.folder.clone()),
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn keyboard(&self, ctx: &egui::Context) -> Option<Command> {
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            return Some(Command::Open(path));
        }
        if ctx.egui_wants_keyboard_input() {
            return None;
        }
        ctx.input(|i| {
            let key = |k| i.key_pressed(k);
            if i.modifiers.command && key(egui::Key::O) {
                Some(Command::PickFolder)
            } else if i.modifiers.command && i.modifiers.shift && key(egui::Key::Z)
                || i.modifiers.command && key(egui::Key::Y)
            {
                Some(Command::Redo)
            } else if i.modifiers.command && key(egui::Key::Z) {
                Some(Command::Undo)
            } else if key(egui::Key::ArrowRight) {
                Some(Command::Step(1))
            } else if key(egui::Key::ArrowLeft) {
                Some(Command::Step(-1))
            } else if key(egui::Key::Home) {
                Some(Command::Ends(false))
            } else if key(egui::Key::End) {
                Some(Command::Ends(true))
            } else if key(egui::Key::Escape) {
                Some(if self.help {
                    Command::ToggleHelp
                } else {
                    Command::ClearAll
                })
            } else if key(egui::Key::Plus) || key(egui::Key::Equals) {
                Some(Command::Plot(PlotAction::Zoom(1.5)))
            } else if key(egui::Key::Minus) {
                Some(Command::Plot(PlotAction::Zoom(1.0 / 1.5)))
            } else if key(egui::Key::Questionmark) {
                Some(Command::ToggleHelp)
            } else {
                None
            }
        })
    }

    fn help_overlay(&mut self, ctx: &egui::Context) {
        let mut open = self.help;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in [
                        ("← / →", "previous / next event in time"),
                        ("Home / End", "first / last event"),
                        ("/", "search (actor: article: from: to: kind:)"),
                        ("Enter / ↓ in search", "next match"),
                        ("Esc", "clear selection, actors and search"),
                        ("+ / −", "zoom in / out"),
                        ("double-click plot", "fit all"),
                        ("Ctrl+O", "open a folder"),
                        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo a correction"),
                        ("drop a folder", "open it"),
                        ("?", "this help"),
                    ] {
                        ui.strong(keys);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        self.help = open;
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        let mut command = None;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open folder…").clicked() {
                    command = Some(Command::PickFolder);
                }
                if ui.button("Open bundled articles").clicked() {
                    command = Some(Command::Open(crate::ui::bundled_folder()));
                }
                ui.menu_button("Open recent", |ui| {
                    if self.state.recent.is_empty() {
                        ui.weak("nothing yet");
                    }
                    for folder in &self.state.recent {
                        if ui.button(folder.display().to_string()).clicked() {
                            command = Some(Command::Open(folder.clone()));
                        }
                    }
                });
                ui.separator();
                self.export.menu_items(ui);
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let curation = &self.dataset.curation;
                let undo = curation
                    .edits
                    .last()
                    .map_or("Undo".to_string(), |e| format!("Undo: {}", e.describe()));
                if ui
                    .add_enabled(!curation.edits.is_empty(), egui::Button::new(undo))
                    .clicked()
                {
                    command = Some(Command::Undo);
                }
                let redo = curation
                    .undone
                    .last()
                    .map_or("Redo".to_string(), |e| format!("Redo: {}", e.describe()));
                if ui
                    .add_enabled(!curation.undone.is_empty(), egui::Button::new(redo))
                    .clicked()
                {
                    command = Some(Command::Redo);
                }
                ui.separator();
                let d = &self.dataset;
                let label = format!(
                    "Rejected and edits… ({} rejected, {} edits)",
                    d.rejected_events.len() + d.rejected_actors.len(),
                    curation.edits.len()
                );
                if ui.button(label).clicked() {
                    command = Some(Command::ToggleCuration);
                }
            });
            ui.menu_button("View", |ui| {
                for (theme, label) in [
                    (Theme::System, "Follow system theme"),
                    (Theme::Light, "Light"),
                    (Theme::Dark, "Dark"),
                ] {
                    if ui.radio(self.state.theme == theme, label).clicked() {
                        command = Some(Command::SetTheme(theme));
                    }
                }
                ui.separator();
                if ui.button("Keyboard shortcuts  ?").clicked() {
                    command = Some(Command::ToggleHelp);
                }
            });
            ui.separator();
            let d = &self.dataset;
            ui.label(format!(
                "{} — {} articles · {} events · {} actors",
                d.name(),
                d.docs.len(),
                d.events.len(),
                d.actors.len()
            ));
            if let Some(loading) = &self.loading {
                ui.separator();
                let p = loading.progress;
                let fraction = if p.total == 0 {
                    0.0
                } else {
                    p.done as f32 / p.total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(220.0)
                        .text(format!(
                            "reading {}: {}/{}",
                            window_title(&loading.folder).trim_start_matches("Dateline — "),
                            p.done,
                            p.total
                        )),
                );
                if ui.button("Cancel").clicked() {
                    command = Some(Command::CancelLoad);
                }
            }
            if self.picking.is_some() {
                ui.label("choosing a folder…");
            }
            if self.is_correcting() {
                ui.separator();
                ui.spinner();
                ui.label("applying the correction…");
            }
            if let Some(notice) = &self.notice {
                ui.separator();
                ui.colored_label(ui.visuals().warn_fg_color, notice);
            }
        });
        command
    }

    fn empty_state(&self, ui: &mut egui::Ui) -> Option<Command> {
        let mut command = None;
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.3);
            if self.loading.is_some() {
                ui.spinner();
                ui.label("Reading articles…");
            } else if self.dataset.docs.is_empty() {
                ui.heading(format!("No articles in {}", self.dataset.root.display()));
                ui.label("A folder of .txt files is expected: one article per file, the title on line 1,");
                ui.label("optionally with a meta.jsonl giving publication dates and outlets.");
                for p in self.dataset.problems.iter().take(8) {
                    ui.weak(format!("{}: {}", p.file, p.message));
                }
                if ui.button("Open another folder…").clicked() {
                    command = Some(Command::PickFolder);
                }
            } else if !self.view.search.trim().is_empty() {
                ui.heading("No events match the search");
                ui.label("Remove a filter chip above, or press Esc to clear the search.");
            } else if !self.selection.actors.is_empty() {
                ui.heading("No dated events for the selected actors");
                ui.label("Unselect them, or untick “only their events”, to see the whole timeline.");
            } else {
                ui.heading("No dated events found");
                ui.label("The articles are listed in the article pane; none of their dates could be resolved.");
            }
        });
        command
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_workers(ctx);
        if let Some(notice) = self.export.poll(ctx) {
            self.notice = Some(notice);
        }
        if let Some(command) = self.keyboard(ctx) {
            self.apply(ctx, command);
        }
        if self.loading.is_some() || self.picking.is_some() || self.export.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Commands applied in `logic` (keys) are drawn laid out.
        self.relayout();
        let mut commands = Vec::new();
        // `/` focuses the search box — handled here, in the pass that draws the box,
        // so that the "/" it types can be taken out before the box sees it.
        // The text "/" of that key may arrive in the same frame or a little later
        // (backends and egui's passes differ): it is dropped for a few frames.
        let frame = ctx.cumulative_frame_nr();
        if !ctx.egui_wants_keyboard_input() && ctx.input(|i| i.key_pressed(egui::Key::Slash)) {
            self.slash_frame = Some(frame);
            self.apply(&ctx, Command::FocusSearch);
        }
        if self.slash_frame.is_some_and(|f| frame <= f + 3) {
            let mut dropped = false;
            ctx.input_mut(|i| {
                i.events.retain(|e| {
                    let slash = matches!(e, egui::Event::Text(t) if t == "/");
                    dropped |= slash;
                    !slash
                })
            });
            if dropped {
                self.slash_frame = None;
            }
        }
        egui::Panel::top("menu").show(ui, |ui| commands.extend(self.menu_bar(ui)));
        egui::Panel::left("actors")
            .resizable(true)
            .min_size(180.0)
            .default_size(260.0)
            .show(ui, |ui| {
                let revision = self.revision();
                commands.extend(actors::actors_ui(
                    ui,
                    &self.dataset,
                    revision,
                    &self.selection,
                    &mut self.actor_filter,
                    self.actor_sort,
                    &self.view,
                    &mut self.forms,
                    &mut self.actor_rows,
                ));
            });
        egui::Panel::right("article")
            .resizable(true)
            .min_size(320.0)
            .default_size(540.0)
            .show(ui, |ui| {
                let scroll = self.scroll_to.take();
                let out = article::article_ui(
                    ui,
                    &self.dataset,
                    self.revision(),
                    &self.selection,
                    scroll,
                    &mut self.forms,
                    &mut self.article_memory,
                );
                self.frame_info.article_scroll = out.scroll;
                self.frame_info.article_dates = out.dates;
                commands.extend(out.command);
            });
        let central = egui::CentralPanel::default().show(ui, |ui| {
            if !self.dataset.docs.is_empty() {
                commands.extend(toolbar::toolbar_ui(
                    ui,
                    &self.dataset,
                    &self.timeline,
                    &self.view,
                    &self.selection,
                    &mut self.search,
                ));
            }
            if self.timeline.marks.is_empty() {
                self.frame_info.markers.clear();
                self.frame_info.clusters.clear();
                commands.extend(self.empty_state(ui));
            } else {
                plot::legend(ui);
                let full = self.timeline.x_range().unwrap_or((0.0, 365.0));
                let strip = overview::HEIGHT + 8.0;
                let out = ui
                    .allocate_ui(
                        egui::vec2(
                            ui.available_width(),
                            (ui.available_height() - strip).max(120.0),
                        ),
                        |ui| {
                            plot::plot_ui(
                                ui,
                                &self.dataset,
                                &self.timeline,
                                &self.selection,
                                self.layouts,
                                self.pending_plot.take(),
                            )
                        },
                    )
                    .inner;
                self.frame_info.markers = out.markers;
                self.frame_info.clusters = out.clusters;
                self.frame_info.x_bounds = out.x_bounds;
                commands.extend(out.command);
                commands.extend(overview::overview_ui(
                    ui,
                    &self.timeline,
                    (self.layouts, self.edits_laid_out),
                    &mut self.density,
                    full,
                    out.x_bounds,
                ));
            }
        });
        self.export.plot_rect = Some(central.response.rect);
        let by_actor = self.view.lanes == crate::timeline::Lanes::Actors;
        self.export
            .window(&ctx, &self.dataset, &self.timeline.events, by_actor);
        if self.help {
            self.help_overlay(&ctx);
        }
        if self.curation_open {
            let mut open = true;
            egui::Window::new("Rejected and edits")
                .open(&mut open)
                .default_width(420.0)
                .show(&ctx, |ui| {
                    commands.extend(crate::ui::curate::curation_window(ui, &self.dataset));
                });
            self.curation_open = open;
        }
        for command in commands {
            self.apply(&ctx, command);
        }
        self.relayout();
    }
}
