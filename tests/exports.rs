//! Issue 10: the CSV export reads back with a standard RFC 4180 reader (one row
//! per event mention, nine columns, quotes/commas/newlines intact) and the
//! TimelineJS export has what TimelineJS 3 requires of its slides.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use dateline::cli::Format;
use dateline::export::{self, CSV_COLUMNS, Options};
use dateline::model::Dataset;
use dateline::pipeline::Pipeline;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn run(folder: &Path) -> Result<Dataset> {
    let pipeline = Pipeline::new()?.with_cache(None);
    Ok(pipeline.run(folder, &mut |_| {}, &AtomicBool::new(false))?)
}

/// A folder whose passages, title and outlet hold quotes, commas and a newline.
fn awkward_folder() -> Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("quotes.txt"),
        "Talks, again\n\"We will stay, whatever happens,\" the general said on Monday.\nThe envoy, who arrived on Tuesday, called the plan \"a start\".\n",
    )?;
    std::fs::write(
        dir.path().join("meta.jsonl"),
        "{\"file\": \"quotes.txt\", \"published\": \"2024-02-08\", \"title\": \"Talks, \\\"again\\\"\", \"source\": \"The Daily,\\nWire\"}\n",
    )?;
    Ok(dir)
}

fn csv_records(dataset: &Dataset, options: &Options) -> Result<Vec<csv::StringRecord>> {
    let mut bytes = Vec::new();
    export::write_with(dataset, Format::Csv, options, &mut bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes.as_slice());
    assert_eq!(reader.headers()?.iter().collect::<Vec<_>>(), CSV_COLUMNS);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        assert_eq!(record.len(), CSV_COLUMNS.len(), "{record:?}");
        rows.push(record);
    }
    Ok(rows)
}

#[test]
fn csv_is_one_rfc4180_row_per_mention() -> Result<()> {
    let dir = awkward_folder()?;
    let dataset = run(dir.path())?;
    let rows = csv_records(&dataset, &Options::default())?;
    let mentions: usize = dataset.events.iter().map(|e| e.mentions.len()).sum();
    assert!(mentions >= 2, "{:?}", dataset.events);
    assert_eq!(rows.len(), mentions);
    let passages: Vec<&str> = rows.iter().filter_map(|r| r.get(8)).collect();
    assert!(
        passages.contains(&"\"We will stay, whatever happens,\" the general said on Monday."),
        "{passages:?}"
    );
    assert!(rows.iter().all(|r| r.get(7) == Some("The Daily,\nWire")));
    assert!(rows.iter().any(|r| r.get(0) == Some("2024-02-05")));
    // The bundled articles too: every row has nine fields.
    let bundled = run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("articles"))?;
    let rows = csv_records(&bundled, &Options::default())?;
    assert_eq!(
        rows.len(),
        bundled
            .events
            .iter()
            .map(|e| e.mentions.len())
            .sum::<usize>()
    );
    Ok(())
}

#[test]
fn csv_of_a_selection_has_only_its_events() -> Result<()> {
    let dataset = run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("articles"))?;
    let first = dataset.events.first().ok_or("no events")?;
    let options = Options {
        events: Some([0].into()),
        ..Options::default()
    };
    let rows = csv_records(&dataset, &options)?;
    assert_eq!(rows.len(), first.mentions.len());
    assert!(rows.iter().all(|r| r.get(0) == Some(first.value.as_str())));
    Ok(())
}

/// A TimelineJS date part: a JSON integer (TimelineJS also takes digit strings;
/// we write numbers).
fn part(date: &serde_json::Value, key: &str) -> Option<i64> {
    date.get(key).map(|v| v.as_i64().unwrap_or(i64::MIN))
}

/// Checks one TimelineJS date object and returns it as (y, m, d), month and day
/// defaulting to 1 as TimelineJS does.
fn tl_date(date: &serde_json::Value, what: &str) -> (i64, i64, i64) {
    let year = part(date, "year");
    assert!(
        year.is_some_and(|y| y != i64::MIN),
        "{what}: year must be an integer: {date}"
    );
    let month = part(date, "month");
    let day = part(date, "day");
    if let Some(m) = month {
        assert!((1..=12).contains(&m), "{what}: month 1-12: {date}");
    }
    if day.is_some() {
        assert!(month.is_some(), "{what}: day without month: {date}");
    }
    let (y, m, d) = (year.unwrap_or(0), month.unwrap_or(1), day.unwrap_or(1));
    assert!(
        jiff::civil::Date::new(y as i16, m as i8, d as i8).is_ok(),
        "{what}: not a calendar date: {date}"
    );
    for key in date.as_object().map(|o| o.keys()).into_iter().flatten() {
        assert!(
            [
                "year",
                "month",
                "day",
                "hour",
                "minute",
                "second",
                "millisecond",
                "display_date"
            ]
            .contains(&key.as_str()),
            "{what}: unknown date field {key}"
        );
    }
    (y, m, d)
}

#[test]
fn timelinejs_slides_have_what_timelinejs_requires() -> Result<()> {
    let dataset = run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("articles"))?;
    for group in [export::Group::Article, export::Group::Actor] {
        let options = Options {
            group,
            ..Options::default()
        };
        let json = export::to_timelinejs_with(&dataset, &options);
        let title = &json["title"]["text"]["headline"];
        assert!(title.is_string(), "title slide headline");
        let events = json["events"].as_array().ok_or("events must be an array")?;
        assert_eq!(events.len(), dataset.events.len());
        let mut ids = HashSet::new();
        for (i, slide) in events.iter().enumerate() {
            let what = format!("slide {i}");
            let start = tl_date(&slide["start_date"], &what);
            if let Some(end) = slide.get("end_date") {
                let end = tl_date(end, &what);
                assert!(end >= start, "{what}: end_date before start_date");
            }
            let headline = slide["text"]["headline"].as_str().ok_or("headline")?;
            assert!(!headline.trim().is_empty(), "{what}: empty headline");
            let text = slide["text"]["text"].as_str().ok_or("text.text")?;
            assert!(text.contains("<p>"), "{what}: {text}");
            assert!(slide["group"].is_string(), "{what}: group");
            if let Some(d) = slide.get("display_date") {
                assert!(d.is_string(), "{what}: display_date");
            }
            let id = slide["unique_id"].as_str().ok_or("unique_id")?;
            assert!(
                ids.insert(id.to_string()),
                "{what}: duplicate unique_id {id}"
            );
        }
    }
    // Precision: a day event has year, month and day; a year event only a year.
    let json = export::to_timelinejs(&dataset);
    for (e, slide) in dataset
        .events
        .iter()
        .zip(json["events"].as_array().ok_or("events")?)
    {
        let has = |k: &str| slide["start_date"].get(k).is_some();
        match export::granularity_name(e.interval.granularity) {
            "day" | "time" => assert!(has("day") && has("month")),
            "month" => assert!(has("month") && !has("day")),
            "year" => assert!(!has("month") && !has("day")),
            _ => {}
        }
    }
    Ok(())
}

/// A small hand-made dataset (no extraction, so rule changes leave it alone) with
/// what the exports must get right: multi-byte text, missing and odd metadata,
/// every TimelineJS precision, a curated event and actor, dangling indices, an
/// event without mentions, problems and an orphaned edit.
fn handmade() -> Result<Dataset> {
    use dateline::corpus::{Article, Problem, PublishedSource};
    use dateline::curation::Orphan;
    use dateline::extract::actors::{ActorKind, ActorMention};
    use dateline::extract::timex::{Granularity, Interval, Timex, TimexType};
    use dateline::model::{Actor, ActorRef, ArticleExtraction, Doc, Event, EventMention};
    use jiff::civil::date;

    let text0 = "Talks — “again”\nThe général said on Monday: we stay.\nIn March <2024> & later, Ana Lúcia left.\n";
    let text1 = "Plain title\nIn the first quarter the UN met. In the 1990s it did not.\n";
    let span = |text: &str, part: &str| -> Result<std::ops::Range<usize>> {
        let start = text.find(part).ok_or(format!("{part:?} not in text"))?;
        Ok(start..start + part.len())
    };
    let article = |id: &str, text: &str| Article {
        id: id.into(),
        file: format!("{id}.txt"),
        title: text.lines().next().unwrap_or_default().into(),
        text: text.into(),
        title_line: 0..text.find('\n').unwrap_or_default(),
        published: None,
        published_source: PublishedSource::None,
        published_span: None,
        source: None,
        url: None,
        furniture: Vec::new(),
        markup: Vec::new(),
    };
    let mut a0 = article("café/one", text0);
    a0.published = Some(date(2024, 2, 8));
    a0.published_source = PublishedSource::Meta;
    a0.source = Some("The Daily,\nWire \"quoted\"".into());
    let mut a1 = article("two", text1);
    a1.url = Some("https://example.org/a?b=<c>&d".into());
    let mention = |kind, actor: &str, span| ActorMention {
        span,
        kind,
        actor: actor.into(),
        role: None,
        nickname: None,
        guess: false,
    };
    let extraction0 = ArticleExtraction {
        mentions: vec![
            mention(ActorKind::Person, "Ana Lúcia", span(text0, "Ana Lúcia")?),
            mention(ActorKind::Person, "général", span(text0, "général")?),
        ],
        ..ArticleExtraction::default()
    };
    let extraction1 = ArticleExtraction {
        mentions: vec![mention(ActorKind::Organization, "UN", span(text1, "UN")?)],
        ..ArticleExtraction::default()
    };
    let timex = |span, value: &str, modifier: Option<&str>| Timex {
        span,
        kind: TimexType::Date,
        value: value.into(),
        modifier: modifier.map(Into::into),
        derivation: format!("'{value}' · \"as said\"").into(),
        rule: "handmade".into(),
    };
    let event = |id: &str, value: &str, (start, end, granularity), title: &str| Event {
        id: id.into(),
        value: value.into(),
        interval: Interval {
            start,
            end,
            granularity,
        },
        title: title.into(),
        actors: Vec::new(),
        mentions: Vec::new(),
        anchored_duration: false,
        curation: Vec::new(),
    };
    let day = date(2024, 2, 5);
    let mut monday = event(
        "ev-monday",
        "2024-02-05",
        (day, day, Granularity::Day),
        "The général stays",
    );
    monday.actors = vec![1, 7];
    monday.mentions = vec![EventMention {
        doc: 0,
        passage: span(text0, "The général said on Monday: we stay.")?,
        timex: timex(span(text0, "on Monday")?, "2024-02-05", None),
    }];
    let mut march = event(
        "ev-march",
        "2024-03",
        (date(2024, 3, 1), date(2024, 3, 31), Granularity::Month),
        "Ana <Lúcia> & co leave",
    );
    march.actors = vec![0, 1];
    march.mentions = vec![
        EventMention {
            doc: 0,
            passage: span(text0, "In March <2024> & later, Ana Lúcia left.")?,
            timex: timex(span(text0, "March <2024>")?, "2024-03", Some("START")),
        },
        EventMention {
            doc: 5,
            passage: 0..1,
            timex: timex(0..1, "2024-03", None),
        },
    ];
    march.curation = vec!["title: \"was\" → \"is\"".into(), "date".into()];
    let mut quarter = event(
        "ev-quarter",
        "2024-Q1",
        (date(2024, 1, 1), date(2024, 3, 31), Granularity::Quarter),
        "The UN met",
    );
    quarter.actors = vec![2];
    quarter.mentions = vec![EventMention {
        doc: 1,
        passage: span(text1, "In the first quarter the UN met.")?,
        timex: timex(span(text1, "the first quarter")?, "2024-Q1", None),
    }];
    let nowhere = event(
        "ev-nowhere",
        "2023",
        (date(2023, 1, 1), date(2023, 12, 31), Granularity::Year),
        "Reported nowhere",
    );
    let mut decade = event(
        "ev-decade",
        "199",
        (date(1990, 1, 1), date(1999, 12, 31), Granularity::Decade),
        "Nothing in the 1990s",
    );
    decade.mentions = vec![EventMention {
        doc: 1,
        passage: span(text1, "In the 1990s it did not.")?,
        timex: timex(span(text1, "the 1990s")?, "199", Some("APPROX")),
    }];
    let actor = |id: &str, name: &str, kind, mentions| Actor {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: Vec::new(),
        roles: Vec::new(),
        mentions,
        articles: 1,
        curation: Vec::new(),
    };
    let mut ana = actor(
        "act-ana",
        "Ana Lúcia",
        ActorKind::Person,
        vec![
            ActorRef { doc: 0, mention: 0 },
            ActorRef { doc: 0, mention: 9 },
        ],
    );
    ana.aliases = vec!["Ana".into(), "A. \"L\"".into()];
    ana.roles = vec!["envoy".into()];
    ana.curation = vec!["renamed".into()];
    let general = actor(
        "act-general",
        "The général",
        ActorKind::Other,
        vec![ActorRef { doc: 0, mention: 1 }],
    );
    let un = actor(
        "act-un",
        "UN",
        ActorKind::Organization,
        vec![ActorRef { doc: 1, mention: 0 }],
    );
    Ok(Dataset {
        root: "/somewhere/handmade".into(),
        docs: vec![
            Doc {
                article: a0,
                extraction: extraction0,
            }
            .into(),
            Doc {
                article: a1,
                extraction: extraction1,
            }
            .into(),
        ],
        events: vec![decade, quarter, nowhere, monday, march],
        actors: vec![ana, general, un],
        problems: vec![
            Problem {
                file: "meta.jsonl".into(),
                line: Some(2),
                message: "not a valid entry: \"x\"".into(),
            },
            Problem {
                file: "bin.txt".into(),
                line: None,
                message: "binary — skipped".into(),
            },
        ],
        orphans: vec![Orphan {
            index: 3,
            edit: "reject an event".into(),
            reason: "the event is no longer found".into(),
        }],
        ..Dataset::default()
    })
}

/// The exports' bytes, pinned: `tests/golden/handmade.*` hold the output of the
/// hand-made dataset. Set `DATELINE_BLESS=1` to rewrite them after an intended
/// change of format.
#[test]
fn exports_are_byte_for_byte_as_pinned() -> Result<()> {
    let dataset = handmade()?;
    let some = Options {
        events: Some([1, 2, 4].into()),
        ..Options::default()
    };
    let by_actor = Options {
        group: export::Group::Actor,
        ..Options::default()
    };
    let cases = [
        ("handmade.json", Format::Json, Options::default()),
        ("handmade.some.json", Format::Json, some.clone()),
        (
            "handmade.timeline.json",
            Format::TimelineJs,
            Options::default(),
        ),
        ("handmade.timeline.actor.json", Format::TimelineJs, by_actor),
        (
            "handmade.timeline.some.json",
            Format::TimelineJs,
            some.clone(),
        ),
        ("handmade.csv", Format::Csv, Options::default()),
        ("handmade.some.csv", Format::Csv, some),
    ];
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    for (name, format, options) in cases {
        let mut bytes = Vec::new();
        export::write_with(&dataset, format, &options, &mut bytes)?;
        let path = golden.join(name);
        if std::env::var_os("DATELINE_BLESS").is_some() {
            std::fs::create_dir_all(&golden)?;
            std::fs::write(&path, &bytes)?;
        }
        let expected = std::fs::read(&path)?;
        assert!(
            bytes == expected,
            "{name} differs from {}:\n{}",
            path.display(),
            String::from_utf8_lossy(&bytes)
        );
    }
    // The Value documents are the same documents.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(golden.join("handmade.json"))?)?;
    assert_eq!(export::to_json(&dataset), json);
    let tl: serde_json::Value =
        serde_json::from_slice(&std::fs::read(golden.join("handmade.timeline.json"))?)?;
    assert_eq!(export::to_timelinejs(&dataset), tl);
    Ok(())
}
