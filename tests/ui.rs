//! The real app, headless (egui_kittest): plot clicks, actor highlighting and the
//! open-folder flow.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod common;

use dateline::ui::App;
use dateline::ui::picker::FixedPicker;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

fn harness(folder: PathBuf, pick: Option<PathBuf>) -> Harness<'static, App> {
    harness_with(move |ctx| App::new(ctx, folder, Arc::new(FixedPicker(pick))))
}

/// The real app made by `make`, in a 1500×900 headless window with the bundled fonts.
fn harness_with(make: impl FnOnce(&egui::Context) -> App + 'static) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1500.0, 900.0])
        .build_eframe(move |cc| {
            dateline::ui::install_fonts(&cc.egui_ctx);
            make(&cc.egui_ctx)
        })
}

/// Steps frames until the background load is over (bounded wait).
fn wait_loaded(h: &mut Harness<'static, App>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        h.step();
        if !h.state().is_loading() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "loading did not finish within 60 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    for _ in 0..4 {
        h.step();
    }
}

fn click_at(h: &mut Harness<'static, App>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.step();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Default::default(),
    });
    h.step();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Default::default(),
    });
    for _ in 0..6 {
        h.step();
    }
}

#[test]
fn clicking_a_marker_selects_the_event_and_scrolls_to_its_passage() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    let app = h.state();
    assert_eq!(app.dataset().docs.len(), 5);
    assert_eq!(app.frame_info().article_scroll, 0.0);
    // The event whose passage is deepest in an article other than the one shown.
    let (event, _) = app
        .dataset()
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.mentions[0].doc != 0)
        .max_by_key(|(_, e)| e.mentions[0].passage.start)
        .expect("events outside the first article");
    let pos = app
        .frame_info()
        .markers
        .iter()
        .find(|(e, _)| *e == event)
        .map(|(_, p)| *p)
        .expect("marker drawn");
    click_at(&mut h, pos);
    let app = h.state();
    assert_eq!(app.selection().event, Some(event));
    assert_eq!(
        app.selection().doc,
        Some(app.dataset().events[event].mentions[0].doc)
    );
    assert!(
        app.frame_info().article_scroll > 0.0,
        "the article pane scrolled to the passage"
    );
}

#[test]
fn clicking_an_event_sentence_in_the_article_selects_it() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    // Show the article of the last event, then clear the selection.
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(4);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    let app = h.state();
    assert_eq!(app.selection().event, None);
    let (event, pos) = app
        .frame_info()
        .article_dates
        .iter()
        .copied()
        .find(|(_, p)| (100.0..850.0).contains(&p.y))
        .expect("a visible event sentence in the article pane");
    click_at(&mut h, pos);
    assert_eq!(h.state().selection().event, Some(event));
}

#[test]
fn arrow_keys_step_through_events_in_time() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    h.key_press(egui::Key::ArrowRight);
    h.step();
    assert_eq!(h.state().selection().event, Some(0));
    h.key_press(egui::Key::ArrowRight);
    h.step();
    assert_eq!(h.state().selection().event, Some(1));
    h.key_press(egui::Key::ArrowLeft);
    h.step();
    assert_eq!(h.state().selection().event, Some(0));
}

#[test]
fn clicking_an_actor_highlights_its_events() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    let app = h.state();
    let (actor, name) = app
        .dataset()
        .actors
        .iter()
        .enumerate()
        .find(|(i, _)| app.dataset().events_of(*i).next().is_some())
        .map(|(i, a)| (i, a.name.clone()))
        .expect("an actor with events");
    h.get_by_label(&name).click();
    for _ in 0..3 {
        h.step();
    }
    let app = h.state();
    assert!(app.selection().actors.contains(&actor));
    let highlighted = app.highlighted_events();
    assert!(!highlighted.is_empty());
    assert!(
        highlighted
            .iter()
            .all(|e| app.dataset().events[*e].actors.contains(&actor))
    );
    // Clicking again clears it.
    h.get_by_label(&name).click();
    for _ in 0..3 {
        h.step();
    }
    assert!(h.state().highlighted_events().is_empty());
}

#[test]
fn open_folder_loads_a_second_folder_and_an_empty_one_says_so() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("a.txt"),
        "Floods in the valley\nHeavy rain flooded the valley on Monday, officials said.\n",
    )?;
    std::fs::write(
        dir.path().join("b.txt"),
        "Bridge reopens\nThe bridge reopened in March 2023 after repairs.\n",
    )?;
    let mut h = harness(bundled(), Some(dir.path().to_path_buf()));
    wait_loaded(&mut h);
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Open folder…").click();
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.state().dataset().root != dir.path() {
        h.step();
        assert!(
            Instant::now() < deadline,
            "the picked folder was not loaded"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    wait_loaded(&mut h);
    let titles: Vec<_> = h
        .state()
        .dataset()
        .docs
        .iter()
        .map(|d| d.article.title.clone())
        .collect();
    assert_eq!(titles, ["Floods in the valley", "Bridge reopens"]);

    let empty = tempfile::tempdir()?;
    let mut h = harness(empty.path().to_path_buf(), None);
    wait_loaded(&mut h);
    assert!(h.state().dataset().docs.is_empty());
    assert!(
        h.query_by_label_contains("No articles in").is_some(),
        "empty state is shown"
    );
    Ok(())
}

/// Selects the actor named `name` in the actor list.
fn select_actor(h: &mut Harness<'static, App>, name: &str) {
    h.get_by_label(name).click();
    h.run_steps(3);
}

#[test]
fn selecting_an_actor_filters_the_plot_and_can_give_it_a_lane() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    let total = h.state().timeline().marks.len();
    let (actor, name) = {
        let d = h.state().dataset();
        d.actors
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                let n = d.events_of(*i).count();
                n > 0 && n < d.events.len()
            })
            .map(|(i, a)| (i, a.name.clone()))
            .next()
            .expect("an actor with some events")
    };
    select_actor(&mut h, &name);
    h.get_by_label("only their events").click();
    h.run_steps(3);
    let app = h.state();
    let marks = &app.timeline().marks;
    assert!(
        !marks.is_empty() && marks.len() < total,
        "{} of {total}",
        marks.len()
    );
    assert!(
        marks
            .iter()
            .all(|m| app.dataset().events[m.event].actors.contains(&actor))
    );
    let drawn = app.frame_info().markers.len()
        + app
            .frame_info()
            .clusters
            .iter()
            .map(|c| c.count)
            .sum::<usize>();
    assert_eq!(
        drawn,
        marks.len(),
        "the plot draws only the filtered events"
    );
    h.get_by_label("a lane per actor").click();
    h.run_steps(3);
    let lanes = &h.state().timeline().lanes;
    assert_eq!(lanes.len(), 1);
    assert!(lanes[0].starts_with(&name));
}

#[test]
fn clicking_a_mention_in_actor_details_scrolls_the_article_to_it() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    // The actor mention deepest in an article other than the one shown.
    let (name, doc, span, line) = {
        let d = h.state().dataset();
        d.actors
            .iter()
            .flat_map(|a| a.mentions.iter().map(move |r| (a, r)))
            .filter(|(_, r)| r.doc != 0)
            .filter_map(|(a, r)| {
                let doc = &d.docs[r.doc];
                let m = doc.extraction.mentions.get(r.mention)?;
                let line = format!(
                    "{} — {}",
                    doc.article.label(),
                    dateline::ui::actors::context(&doc.article.text, &m.span)
                );
                Some((a.name.clone(), r.doc, m.span.clone(), line))
            })
            .filter(|(name, ..)| name.len() > 3)
            .max_by_key(|(_, _, span, _)| span.start)
            .expect("actor mentions")
    };
    select_actor(&mut h, &name);
    assert_eq!(h.state().frame_info().article_scroll, 0.0);
    h.get_by_label(&line).scroll_to_me();
    h.run_steps(4);
    h.get_by_label(&line).click();
    for _ in 0..60 {
        h.step();
        if h.state().frame_info().article_scroll > 0.0 {
            break;
        }
    }
    let app = h.state();
    assert_eq!(app.selection().doc, Some(doc));
    assert_eq!(app.selection().mention, Some((doc, span)));
    assert!(
        app.frame_info().article_scroll > 0.0,
        "the article pane scrolled to the mention"
    );
}

#[test]
fn a_span_event_is_drawn_and_clickable() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    let app = h.state();
    let markers = &app.frame_info().markers;
    let (event, pos) = app
        .timeline()
        .marks
        .iter()
        .filter(|m| m.style == dateline::timeline::MarkStyle::Span)
        .filter_map(|m| markers.iter().find(|(e, _)| *e == m.event).copied())
        .find(|(e, p)| markers.iter().all(|(o, q)| o == e || q.distance(*p) > 12.0))
        .expect("a span event with a marker of its own");
    click_at(&mut h, pos);
    assert_eq!(h.state().selection().event, Some(event));
}

#[test]
fn every_mention_of_a_merged_event_jumps_to_its_passage() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    let merged = h
        .state()
        .dataset()
        .events
        .iter()
        .position(|e| e.mentions.len() >= 3)
        .expect("an event reported three times");
    // Step through events in time up to the merged one.
    for _ in 0..=merged {
        h.key_press(egui::Key::ArrowRight);
        h.step();
    }
    h.run_steps(3);
    assert_eq!(h.state().selection().event, Some(merged));
    let mentions = h.state().dataset().events[merged].mentions.clone();
    for (k, m) in mentions.iter().enumerate() {
        let app = h.state();
        let doc = &app.dataset().docs[m.doc].article;
        let written = &doc.text[m.timex.span.clone()];
        let line = format!("“{written}” — {} — {}", doc.label(), doc.title);
        h.get_by_label(&line).click();
        h.run_steps(4);
        let app = h.state();
        assert_eq!(app.selection().doc, Some(m.doc), "mention {k}");
        assert_eq!(app.selection().event_mention, k);
        assert!(
            app.frame_info()
                .article_dates
                .iter()
                .any(|(e, _)| *e == merged),
            "mention {k}: its date is drawn in the article pane"
        );
    }
}

fn drawn_events(app: &App) -> usize {
    app.frame_info().markers.len()
        + app
            .frame_info()
            .clusters
            .iter()
            .map(|c| c.count)
            .sum::<usize>()
}

#[test]
fn search_with_a_field_filter_narrows_the_plot() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    let total = h.state().timeline().marks.len();
    // A real keyboard sends the key and its text in the same frame.
    h.key_press(egui::Key::Slash);
    h.event(egui::Event::Text("/".into()));
    h.run_steps(2);
    h.get_by_label("Search")
        .type_text("article:rudaw from:2024");
    h.run_steps(4);
    let app = h.state();
    let marks = &app.timeline().marks;
    assert!(
        !marks.is_empty() && marks.len() < total,
        "{} of {total} for {:?}",
        marks.len(),
        app.view_search()
    );
    for m in marks {
        let e = &app.dataset().events[m.event];
        assert!(
            e.interval.end >= jiff::civil::date(2024, 1, 1),
            "{}",
            e.value
        );
        assert!(
            e.mentions
                .iter()
                .any(|x| app.dataset().docs[x.doc].article.source.as_deref() == Some("Rudaw"))
        );
    }
    assert_eq!(drawn_events(app), marks.len());
    // The chips can be removed one by one; Esc clears everything.
    h.get_by_label("from:2024 ✖").click();
    h.run_steps(3);
    assert!(h.state().timeline().marks.len() > marks_len_after(&h));
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().timeline().marks.len(), total);
}

fn marks_len_after(h: &Harness<'static, App>) -> usize {
    // Events of Rudaw articles before 2024: removing `from:` must bring them back.
    let app = h.state();
    app.timeline()
        .marks
        .iter()
        .filter(|m| app.dataset().events[m.event].interval.end >= jiff::civil::date(2024, 1, 1))
        .count()
}

#[test]
fn keyboard_moves_the_selection_and_scrolls_the_article() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    h.key_press(egui::Key::End);
    h.run_steps(3);
    let last = h
        .state()
        .selection()
        .event
        .expect("End selects the last event");
    h.key_press(egui::Key::Home);
    h.run_steps(3);
    let first = h
        .state()
        .selection()
        .event
        .expect("Home selects the first event");
    assert!(first < last);
    // Step until an event deep in its article is selected: the pane scrolls to it.
    let mut scrolled = false;
    for _ in 0..h.state().dataset().events.len() {
        h.key_press(egui::Key::ArrowRight);
        h.run_steps(20);
        if h.state().frame_info().article_scroll > 0.0 {
            scrolled = true;
            break;
        }
    }
    assert!(scrolled, "the article pane followed the keyboard selection");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        Err("a folder".into())
    }
}

#[test]
fn dropping_a_folder_opens_it() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("a.txt"),
        "Dropped\nThe port reopened on 4 May 2021.\n",
    )?;
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dir.path().to_path_buf())));
    h.step();
    wait_loaded(&mut h);
    assert_eq!(h.state().dataset().root, dir.path());
    assert_eq!(h.state().dataset().docs.len(), 1);
    Ok(())
}

/// A folder with many events close together in time.
fn crowded_folder() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let mut meta = String::new();
    for i in 0..30 {
        let name = format!("a{i:02}.txt");
        let day = 1 + i % 28;
        std::fs::write(
            dir.path().join(&name),
            format!(
                "Report {i}\nThe council met on March {day}, 2023, to discuss the budget. Officials said in 1990 the plan began.\n"
            ),
        )?;
        meta.push_str(&format!(
            "{{\"file\": \"{name}\", \"published\": \"2023-04-01\", \"source\": \"Daily {}\"}}\n",
            i % 3
        ));
    }
    std::fs::write(dir.path().join("meta.jsonl"), meta)?;
    Ok(dir)
}

#[test]
fn clusters_expand_when_zooming_in() -> std::io::Result<()> {
    let dir = crowded_folder()?;
    let mut h = harness(dir.path().to_path_buf(), None);
    wait_loaded(&mut h);
    // Lanes grouped by outlet: three lanes.
    h.get_by_label("lanes").click();
    h.run_steps(2);
    h.get_by_label("outlet").click();
    h.run_steps(4);
    assert_eq!(h.state().timeline().lanes.len(), 3);
    let before = h.state().frame_info().clusters.len();
    let singles_before = h.state().frame_info().markers.len();
    assert!(
        before > 0,
        "events three decades apart: the March 2023 ones cluster"
    );
    // Click a cluster: the plot zooms to it and the cluster splits.
    // The rightmost cluster: the March 2023 meetings, on different days.
    let c = h
        .state()
        .frame_info()
        .clusters
        .iter()
        .max_by(|a, b| a.x_range.0.total_cmp(&b.x_range.0))
        .cloned()
        .expect("a cluster");
    click_at(&mut h, c.pos);
    h.run_steps(4);
    let after = &h.state().frame_info();
    assert!(
        after.markers.len() > singles_before,
        "{} singles after zoom, {} before",
        after.markers.len(),
        singles_before
    );
    assert!(
        after.x_bounds.1 - after.x_bounds.0 < 400.0,
        "zoomed to the cluster: {:?}",
        after.x_bounds
    );
    Ok(())
}

#[test]
fn remembered_state_round_trips() {
    let mut h = harness(bundled(), None);
    wait_loaded(&mut h);
    h.get_by_label("lanes").click();
    h.run_steps(2);
    h.get_by_label("outlet").click();
    h.run_steps(2);
    let state = h.state().state().clone();
    assert_eq!(state.lanes, dateline::timeline::Lanes::Outlets);
    assert_eq!(state.last_folder.as_deref(), Some(bundled().as_path()));
    // Save as eframe would, restart with it.
    let saved = serde_json::to_string(&state).expect("state serialises");
    let restored: dateline::ui::state::State =
        serde_json::from_str(&saved).expect("state deserialises");
    let mut h =
        harness_with(move |ctx| App::with_state(ctx, None, restored, Arc::new(FixedPicker(None))));
    wait_loaded(&mut h);
    assert_eq!(h.state().state(), &state);
    assert_eq!(h.state().dataset().root, bundled());
    assert_eq!(
        h.state().timeline().lanes.len(),
        4,
        "lanes per outlet came back"
    );
    // A remembered folder that is gone falls back to the bundled articles, with a notice.
    let gone = dateline::ui::state::State {
        last_folder: Some("/no/such/folder".into()),
        ..Default::default()
    };
    let mut h =
        harness_with(move |ctx| App::with_state(ctx, None, gone, Arc::new(FixedPicker(None))));
    wait_loaded(&mut h);
    assert_eq!(h.state().dataset().docs.len(), 5);
    assert!(
        h.state()
            .notice()
            .is_some_and(|n| n.contains("no longer exists"))
    );
}

/// The screen position of the marker of the event with id `id`, if drawn.
fn marker_of(app: &App, id: &str) -> Option<egui::Pos2> {
    let e = app.dataset().events.iter().position(|e| e.id == id)?;
    app.frame_info()
        .markers
        .iter()
        .find(|(i, _)| *i == e)
        .map(|(_, p)| *p)
}

#[test]
fn correcting_a_date_moves_the_marker_and_rejecting_is_undoable() -> std::io::Result<()> {
    let dir = common::bundled_copy()?;
    let mut h = harness(dir.path().to_path_buf(), None);
    wait_loaded(&mut h);
    // An event drawn as a single marker, and a free spot in its lane (the day
    // there read off two markers: x is linear in days).
    let (id, pos, target) = {
        let app = h.state();
        let day = |e: usize| {
            let v = &app.dataset().events[e].interval.start;
            (*v - jiff::civil::date(1970, 1, 1)).get_days() as f32
        };
        let singles: Vec<(usize, egui::Pos2)> = app
            .frame_info()
            .markers
            .iter()
            .copied()
            .filter(|(e, _)| !app.dataset().events[*e].anchored_duration)
            .collect();
        let (e, pos) = singles[0];
        let (f, other) = *singles
            .iter()
            .find(|(f, p)| (p.x - pos.x).abs() > 50.0 && day(*f) != day(e))
            .expect("two markers apart");
        let per_px = (day(f) - day(e)) / (other.x - pos.x);
        let lane: Vec<f32> = app
            .frame_info()
            .markers
            .iter()
            .filter(|(_, p)| (p.y - pos.y).abs() < 1.0)
            .map(|(_, p)| p.x)
            .collect();
        let lo = app
            .frame_info()
            .markers
            .iter()
            .map(|m| m.1.x)
            .fold(f32::MAX, f32::min);
        let hi = app
            .frame_info()
            .markers
            .iter()
            .map(|m| m.1.x)
            .fold(f32::MIN, f32::max);
        let x = (0..=40)
            .map(|k| lo + (hi - lo) * k as f32 / 40.0)
            .max_by(|a, b| {
                let gap = |x: &f32| lane.iter().map(|m| (m - x).abs()).fold(f32::MAX, f32::min);
                gap(a).total_cmp(&gap(b))
            })
            .expect("a spot");
        let days = (day(e) + (x - pos.x) * per_px).round() as i64;
        let target = jiff::civil::date(1970, 1, 1)
            .checked_add(jiff::Span::new().days(days))
            .expect("a date");
        (app.dataset().events[e].id.clone(), pos, target)
    };
    click_at(&mut h, pos);
    let app = h.state();
    assert_eq!(
        app.selection()
            .event
            .map(|e| app.dataset().events[e].id.clone()),
        Some(id.clone())
    );
    h.get_by_label("Correct this event").click();
    h.run_steps(3);
    h.get_by_label("Date").click();
    h.run_steps(2);
    h.get_by_label("Date").type_text(&target.to_string());
    h.run_steps(2);
    h.get_by_label("Set date").click();
    h.run_steps(4);
    wait_corrected(&mut h);
    let app = h.state();
    let event = app
        .dataset()
        .events
        .iter()
        .find(|e| e.id == id)
        .expect("still there");
    assert_eq!(event.value, target.to_string());
    assert!(event.curated());
    let moved = marker_of(app, &id).expect("drawn");
    assert!((moved.x - pos.x).abs() > 5.0, "{pos:?} → {moved:?}");
    assert!((moved.y - pos.y).abs() < 1.0, "same lane");
    assert_eq!(
        app.selection()
            .event
            .map(|e| app.dataset().events[e].id.clone()),
        Some(id.clone()),
        "the selection follows the event"
    );

    h.get_by_label("Reject event").click();
    h.run_steps(4);
    wait_corrected(&mut h);
    let app = h.state();
    assert!(app.dataset().events.iter().all(|e| e.id != id));
    assert!(marker_of(app, &id).is_none(), "not drawn");
    assert_eq!(app.dataset().rejected_events.len(), 1);

    // Restorable from the list of rejected items…
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get_by_label_contains("Rejected and edits…").click();
    h.run_steps(3);
    h.get_by_label("Restore").click();
    h.run_steps(4);
    wait_corrected(&mut h);
    let app = h.state();
    let back = app.dataset().events.iter().find(|e| e.id == id);
    assert_eq!(back.map(|e| e.value.clone()), Some(target.to_string()));
    assert!(marker_of(app, &id).is_some(), "drawn again");

    // …and every step undoes with Ctrl+Z: restore, reject, date.
    for _ in 0..3 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run_steps(2);
    }
    wait_corrected(&mut h);
    let app = h.state();
    let original = app
        .dataset()
        .events
        .iter()
        .find(|e| e.id == id)
        .expect("back");
    assert_ne!(original.value, target.to_string());
    assert!(!original.curated());
    assert_eq!(app.dataset().curation.undone.len(), 3);

    // The corrections were saved beside the articles (bounded wait for the saver).
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.state().is_saving() {
        h.step();
        assert!(Instant::now() < deadline, "the save did not finish");
        std::thread::sleep(Duration::from_millis(5));
    }
    let saved = std::fs::read_to_string(dir.path().join(".dateline/edits.json"))?;
    assert!(saved.contains("\"undone\""), "{saved}");
    Ok(())
}

/// A folder of `n` distinct short articles, each with a dated event.
fn many_articles(n: usize) -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    for i in 0..n {
        let day = 1 + i % 28;
        std::fs::write(
            dir.path().join(format!("a{i:05}.txt")),
            format!(
                "Council {i} meets\nThe council of district {i} met on March {day}, 2023, \
                 to discuss budget item {i}. Mayor Anna Berg said on Monday the plan would pass.\n"
            ),
        )?;
    }
    Ok(dir)
}

/// Steps frames until `done` holds for the app (bounded wait).
fn step_until(h: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done(h.state()) {
        h.step();
        assert!(Instant::now() < deadline, "not within 60 s: {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Every index in the dataset points at something that exists.
fn assert_consistent(app: &App) {
    let d = app.dataset();
    assert_eq!(d.mention_actors.len(), d.docs.len());
    assert_eq!(d.actor_events.len(), d.actors.len());
    for e in &d.events {
        assert!(e.mentions.iter().all(|m| m.doc < d.docs.len()));
        assert!(e.actors.iter().all(|a| *a < d.actors.len()));
    }
    assert!(app.selection().doc.is_none_or(|doc| doc < d.docs.len()));
    assert!(app.selection().event.is_none_or(|e| e < d.events.len()));
    assert!(
        app.timeline()
            .marks
            .iter()
            .all(|m| m.event < d.events.len())
    );
}

#[test]
fn events_stream_in_and_cancelling_a_load_leaves_a_consistent_state() -> std::io::Result<()> {
    let n = 3000;
    let dir = many_articles(n)?;
    let mut h = harness(dir.path().to_path_buf(), None);
    // Events are shown while the folder is still being read.
    step_until(&mut h, "a partial result is shown", |app| {
        app.is_loading() && !app.dataset().events.is_empty()
    });
    assert!(h.state().dataset().docs.len() < n);
    assert!(
        !h.state().timeline().marks.is_empty(),
        "events are on the plot"
    );
    assert_consistent(h.state());
    h.get_by_label("Cancel").click();
    step_until(&mut h, "the load stops", |app| !app.is_loading());
    h.run_steps(3);
    let notice = h.state().notice().unwrap_or_default().to_string();
    assert!(notice.contains("stopped reading"), "{notice}");
    let shown = h.state().dataset().docs.len();
    assert!(shown > 0 && shown < n, "{shown} of {n} articles shown");
    assert!(
        notice.contains(&format!("the first {shown} of {n}")),
        "{notice}"
    );
    assert_consistent(h.state());
    Ok(())
}

/// A folder of one article, `talks.txt` with `text`, published on Thursday
/// 2021-06-10 by its `meta.jsonl`.
fn talks_folder(text: &str) -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("talks.txt"), text)?;
    std::fs::write(
        dir.path().join("meta.jsonl"),
        "{\"file\": \"talks.txt\", \"published\": \"2021-06-10\"}\n",
    )?;
    Ok(dir)
}

#[test]
fn correcting_the_publication_date_re_resolves_and_a_sentence_can_become_an_event()
-> std::io::Result<()> {
    let text = "Talks resume\nThe delegations met on Tuesday in Geneva, officials said.\n\
                Farmers planted the northern fields again.\n";
    let dir = talks_folder(text)?;
    let mut h = harness(dir.path().to_path_buf(), None);
    wait_loaded(&mut h);
    let first = |h: &Harness<'static, App>| {
        h.state()
            .dataset()
            .events
            .first()
            .map(|e| e.interval.start.to_string())
    };
    assert_eq!(first(&h).as_deref(), Some("2021-06-08"));
    h.get_by_label("correct the publication date").click();
    h.run_steps(2);
    h.get_by_label("Published").click();
    h.run_steps(2);
    h.get_by_label("Published").type_text("2021-06-18");
    h.run_steps(2);
    h.get_by_label("Set publication date").click();
    h.run_steps(4);
    wait_corrected(&mut h);
    assert_eq!(
        first(&h).as_deref(),
        Some("2021-06-15"),
        "the Tuesday before"
    );
    assert_eq!(
        h.state().dataset().docs[0].article.published_source,
        dateline::corpus::PublishedSource::User
    );

    // The undated sentence, selected in the article pane, becomes an event.
    let start = text.find("Farmers").expect("sentence");
    let end = text.find("again.").expect("end") + "again.".len();
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        dateline::ui::app::Command::SelectPassage(0, start..end),
    );
    h.run_steps(2);
    h.get_by_label("Date").click();
    h.run_steps(2);
    h.get_by_label("Date").type_text("2021-05");
    h.run_steps(2);
    h.get_by_label("Add event").click();
    h.run_steps(4);
    wait_corrected(&mut h);
    let app = h.state();
    let added = app
        .dataset()
        .events
        .iter()
        .find(|e| e.value == "2021-05")
        .expect("added");
    assert_eq!(added.mentions[0].passage, start..end);
    assert!(added.title.starts_with("Farmers planted"));
    assert!(marker_of(app, &added.id).is_some(), "on the plot");
    Ok(())
}

/// Steps until the status notice contains `what` (bounded wait).
fn wait_notice(h: &mut Harness<'static, App>, what: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        h.step();
        if let Some(n) = h.state().notice().filter(|n| n.contains(what)) {
            return n.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "no notice {what:?}; last: {:?}",
            h.state().notice()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Issue 10: File → Export… with an injected save path writes the CSV of what
/// the timeline shows (the search filter applies) or, unticked, of everything.
#[test]
fn export_writes_the_shown_events_or_all() -> Result<(), Box<dyn std::error::Error>> {
    use dateline::ui::export::FixedSaver;
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("shown.csv");
    let saved = out.clone();
    let mut h = harness_with(move |ctx| {
        App::new(ctx, bundled(), Arc::new(FixedPicker(None)))
            .with_save_picker(Arc::new(FixedSaver(Some(saved))))
    });
    wait_loaded(&mut h);
    // Filter the timeline to one date value through the search box's view.
    let value = h.state().dataset().events[0].value.clone();
    let view = dateline::timeline::View {
        search: format!("from:{value} to:{value}"),
        ..Default::default()
    };
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, dateline::ui::app::Command::SetView(view));
    h.run_steps(3);
    let shown: std::collections::BTreeSet<String> = h
        .state()
        .timeline()
        .marks
        .iter()
        .map(|m| h.state().dataset().events[m.event].value.clone())
        .collect();
    assert!(!shown.is_empty());
    let total_mentions: usize = h
        .state()
        .dataset()
        .events
        .iter()
        .map(|e| e.mentions.len())
        .sum();

    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Export…").click();
    h.run_steps(3);
    h.get_by_label("CSV (one row per mention)").click();
    h.run_steps(2);
    h.get_by_label("Save…").click();
    let notice = wait_notice(&mut h, "exported to");
    assert!(notice.contains("shown.csv"), "{notice}");
    let mut reader = csv::Reader::from_path(&out)?;
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    assert!(!rows.is_empty());
    assert!(rows.len() < total_mentions, "only the shown events");
    for r in &rows {
        assert!(
            shown.contains(r.get(0).unwrap_or_default()),
            "{r:?} not shown"
        );
    }

    // Untick "only what is shown": every mention.
    std::fs::remove_file(&out)?;
    h.get_by_label("only what is shown").click();
    h.run_steps(2);
    h.get_by_label("Save…").click();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !out.exists() {
        h.step();
        assert!(Instant::now() < deadline, "second export not written");
        std::thread::sleep(Duration::from_millis(5));
    }
    let rows = csv::Reader::from_path(&out)?.records().count();
    assert_eq!(rows, total_mentions);
    Ok(())
}

/// Issue 10: File → Export image saves a PNG of the plot area from the
/// screenshot the window hands back (handed in here: no renderer in tests).
#[test]
fn export_image_saves_a_png_of_the_plot() -> Result<(), Box<dyn std::error::Error>> {
    use dateline::ui::export::FixedSaver;
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("plot.png");
    let saved = out.clone();
    let mut h = harness_with(move |ctx| {
        App::new(ctx, bundled(), Arc::new(FixedPicker(None)))
            .with_save_picker(Arc::new(FixedSaver(Some(saved))))
    });
    wait_loaded(&mut h);
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Export image").click();
    // Headless there is no renderer: the window answers with no image, which is
    // a notice, not a crash.
    wait_notice(&mut h, "no screenshot");
    let ppp = h.ctx.pixels_per_point();
    let size = [(1500.0 * ppp) as usize, (900.0 * ppp) as usize];
    let image = egui::ColorImage::filled(size, egui::Color32::from_rgb(10, 20, 30));
    let ctx = h.ctx.clone();
    h.state_mut().exporter_mut().save_screenshot(&ctx, &image);
    wait_notice(&mut h, "exported to");
    let bytes = std::fs::read(&out)?;
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let img = image::load_from_memory(&bytes)?.to_rgba8();
    // Cropped to the central panel: narrower than the window, not empty.
    assert!(
        img.width() > 100 && (img.width() as usize) < size[0],
        "{}",
        img.width()
    );
    assert!(img.height() > 100 && (img.height() as usize) <= size[1]);
    assert_eq!(img.get_pixel(5, 5).0, [10, 20, 30, 255]);
    Ok(())
}

#[test]
fn a_file_added_to_the_open_folder_appears_without_reloading() -> std::io::Result<()> {
    let dir = common::bundled_copy()?;
    let mut h = harness(dir.path().to_path_buf(), None);
    wait_loaded(&mut h);
    let before = h.state().dataset().docs.len();
    std::fs::write(
        dir.path().join("zz-new.txt"),
        "Ministers meet\nForeign ministers met in Baghdad on March 5, 2021, to discuss the talks.\n",
    )?;
    step_until(&mut h, "the new article is shown", |app| {
        app.dataset().docs.len() == before + 1
    });
    assert!(!h.state().is_loading(), "no full reload");
    assert_eq!(h.state().notice(), Some("1 file changed — updated"));
    assert!(
        h.state()
            .dataset()
            .events
            .iter()
            .any(|e| e.value == "2021-03-05")
    );
    assert_consistent(h.state());
    Ok(())
}

/// Steps frames until the corrections asked for are in the model shown (bounded).
fn wait_corrected(h: &mut Harness<'static, App>) {
    step_until(h, "the corrected model is shown", |app| {
        !app.is_correcting()
    });
    h.step();
}

#[test]
fn corrections_are_rebuilt_off_the_ui_thread_then_shown_and_saved() -> std::io::Result<()> {
    use dateline::curation::{Anchor, Edit, Sidecar};
    use dateline::ui::app::Command;
    let tmp = tempfile::tempdir()?;
    let folder = tmp.path().join("articles");
    std::fs::create_dir(&folder)?;
    common::copy_bundled(&folder)?;
    let mut h = harness(folder.clone(), None);
    wait_loaded(&mut h);
    let (id, title, anchor) = {
        let d = h.state().dataset();
        let e = d.events.first().expect("an event");
        let m = e.mentions.first().expect("a mention");
        let anchor = Anchor::of(&d.docs[m.doc], &m.timex.span).expect("an anchor");
        (e.id.clone(), e.title.clone(), anchor)
    };
    let title_of = |h: &Harness<'static, App>| {
        let d = h.state().dataset();
        d.events
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.title.clone())
    };
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::SelectEvent(0));
    h.state_mut().apply(
        &ctx,
        Command::Curate(Edit::SetTitle {
            event: anchor,
            title: "Retitled by hand".into(),
        }),
    );
    // Asked for, not shown yet: the window goes on with the model it had.
    assert!(h.state().is_correcting());
    assert_eq!(title_of(&h), Some(title.clone()));
    // An undo asked for before the first rebuild is in goes on from it.
    h.state_mut().apply(&ctx, Command::Undo);
    h.state_mut().apply(&ctx, Command::Redo);
    wait_corrected(&mut h);
    assert_eq!(title_of(&h).as_deref(), Some("Retitled by hand"));
    let selected = h
        .state()
        .selection()
        .event
        .expect("the event stays selected");
    assert_eq!(h.state().dataset().events[selected].id, id);
    h.state_mut().apply(&ctx, Command::Undo);
    wait_corrected(&mut h);
    assert_eq!(title_of(&h), Some(title));
    // The sidecar holds the newest list: the edit, undone.
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.state().is_saving() {
        assert!(
            Instant::now() < deadline,
            "corrections not saved within 30 s"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    let saved = Sidecar::for_root(&folder)
        .load()
        .expect("a readable sidecar");
    assert!(saved.edits.is_empty());
    assert_eq!(saved.undone.len(), 1);
    Ok(())
}

#[test]
fn a_folder_read_in_the_window_is_cached_for_the_next_time() -> std::io::Result<()> {
    let Some(cache_dir) = dateline::cache::default_dir() else {
        return Ok(()); // caching is off here (DATELINE_NO_CACHE=1)
    };
    let tmp = tempfile::tempdir()?;
    let folder = tmp.path().join("articles");
    std::fs::create_dir(&folder)?;
    common::copy_bundled(&folder)?;
    let snapshot = dateline::snapshot::file_for(&cache_dir, &folder);
    let files = [
        dateline::snapshot::docs_file(&snapshot),
        dateline::cache::file_for(&cache_dir, &folder),
        snapshot,
    ];
    let mut h = harness(folder.clone(), None);
    wait_loaded(&mut h);
    assert_eq!(h.state().dataset().docs.len(), 5);
    // The caches are written after the model is shown (bounded wait).
    let deadline = Instant::now() + Duration::from_secs(30);
    while !files.iter().all(|f| f.is_file()) {
        assert!(Instant::now() < deadline, "no caches within 30 s");
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    let listing = dateline::pipeline::Pipeline::list(&folder, Some(&cache_dir))
        .map_err(std::io::Error::other)?;
    let reopened = listing
        .snapshot(&folder)
        .expect("the snapshot serves the folder");
    assert_eq!(reopened.events, h.state().dataset().events);
    for f in files {
        let _ = std::fs::remove_file(f);
    }
    Ok(())
}

/// A long article (1,500 paragraphs, each with its own date): the pane lays out
/// only the paragraphs in view once it knows their heights, yet an event chosen
/// at either end of the timeline is scrolled to, drawn and clickable.
#[test]
fn a_long_article_is_drawn_where_it_is_seen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("A long report\n\n");
    for i in 0..1_500 {
        let (year, day) = (1990 + i / 300, 1 + i % 28);
        text.push_str(&format!(
            "The council of district {i} approved a new budget on March {day}, {year}, \
             after a long debate about schools, roads and the harbour.\n\n"
        ));
    }
    std::fs::write(dir.path().join("report.txt"), text).expect("write the article");
    let mut h = harness(dir.path().to_path_buf(), None);
    wait_loaded(&mut h);
    h.run_steps(4);
    for key in [egui::Key::ArrowLeft, egui::Key::ArrowRight] {
        h.key_press(key);
        h.run_steps(6);
        let app = h.state();
        let chosen = app.selection().event.expect("an event is chosen");
        let drawn = &app.frame_info().article_dates;
        assert!(
            drawn.len() < 300,
            "only the paragraphs in view are laid out ({} dates drawn)",
            drawn.len()
        );
        let (_, pos) = drawn
            .iter()
            .copied()
            .find(|(e, p)| *e == chosen && (0.0..900.0).contains(&p.y))
            .expect("the chosen event's date is scrolled into view");
        click_at(&mut h, pos);
        assert_eq!(h.state().selection().event, Some(chosen));
    }
}

/// Issue 4: an expression the tagger cannot place in time is listed under the
/// article as undated, with its value, and is not on the plot.
#[test]
fn an_undated_expression_is_listed_under_the_article_not_plotted() -> std::io::Result<()> {
    let dir = talks_folder(
        "Talks resume\n\nThe ministers met recently in Geneva, officials said.\n\n\
         They met again on Tuesday in Bern.\n",
    )?;
    let mut h = harness(dir.path().to_path_buf(), None);
    wait_loaded(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, dateline::ui::app::Command::ShowDoc(0));
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Undated expressions (1)")
            .is_some(),
        "the undated list's heading"
    );
    assert!(
        h.query_by_label_contains("“recently” · Date · PAST_REF")
            .is_some(),
        "the undated expression, its type and value"
    );
    let dataset = h.state().dataset();
    assert_eq!(dataset.events.len(), 1, "only Tuesday is on the timeline");
    assert!(
        dataset
            .events
            .iter()
            .all(|e| e.interval.start.to_string() == "2021-06-08"),
        "{:?}",
        dataset.events.iter().map(|e| &e.value).collect::<Vec<_>>()
    );
    Ok(())
}

/// Issue 4: the selected event's details say how its date was worked out, from the
/// words to the value.
#[test]
fn an_events_details_show_how_its_date_was_resolved() -> std::io::Result<()> {
    let dir = talks_folder(
        "Talks resume\n\nThe delegations met on Tuesday in Geneva, officials said.\n",
    )?;
    let mut h = harness(dir.path().to_path_buf(), None);
    wait_loaded(&mut h);
    let derivation = h
        .state()
        .dataset()
        .events
        .first()
        .and_then(|e| e.mentions.first())
        .map(|m| m.timex.derivation.to_string())
        .expect("one event");
    assert!(
        derivation.starts_with("'Tuesday'")
            && derivation.contains("2021-06-10")
            && derivation.ends_with("2021-06-08"),
        "the words, the publication date, the value: {derivation}"
    );
    assert!(h.query_by_label(&derivation).is_none(), "not shown before");
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, dateline::ui::app::Command::SelectEvent(0));
    h.run_steps(3);
    assert!(
        h.query_by_label(&derivation).is_some(),
        "the details show {derivation}"
    );
    Ok(())
}
