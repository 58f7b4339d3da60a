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
