//! Issue 9: an HTML and a Markdown article of our own (`tests/data/`) extract with
//! the right title, publication date and events.

use dateline::corpus::PublishedSource;
use dateline::pipeline::Pipeline;

fn load(file: &str) -> Result<dateline::model::Doc, Box<dyn std::error::Error>> {
    let pipeline = Pipeline::new()?;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let article = pipeline.reader().read_article(&path, file, None)?;
    let extraction = pipeline.extract(&article);
    Ok(dateline::model::Doc {
        article,
        extraction,
    })
}

#[test]
fn html_article_title_date_and_events() -> Result<(), Box<dyn std::error::Error>> {
    let doc = load("ceasefire.html")?;
    let a = &doc.article;
    assert_eq!(a.title, "Ceasefire talks resume in Doha");
    // article:published_time wins over JSON-LD datePublished.
    assert_eq!(a.published, Some(jiff::civil::date(2024, 2, 8)));
    assert_eq!(a.published_source, PublishedSource::Text);
    assert!(
        a.text
            .starts_with("Ceasefire talks resume in Doha\nNegotiators from both sides")
    );
    assert!(!a.text.contains("Home") && !a.text.contains("not text") && !a.text.contains("rights"));
    assert!(a.text.contains("Qatar’s foreign ministry"));
    let values: Vec<&str> = doc
        .extraction
        .events
        .iter()
        .filter_map(|e| doc.extraction.timexes.get(e.timex))
        .map(|t| t.value.as_str())
        .collect();
    assert!(
        values.contains(&"2024-02-07"),
        "Wednesday before 2024-02-08: {values:?}"
    );
    Ok(())
}

#[test]
fn markdown_article_title_date_and_events() -> Result<(), Box<dyn std::error::Error>> {
    let doc = load("floods.md")?;
    let a = &doc.article;
    assert_eq!(a.title, "Floods force thousands from their homes");
    assert_eq!(a.published, Some(jiff::civil::date(2023, 11, 30)));
    assert_eq!(a.published_source, PublishedSource::Text);
    assert_eq!(a.source.as_deref(), Some("Example Desk"));
    // The text is the file's text: offsets point into the file as written.
    let file = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/floods.md"),
    )?;
    assert_eq!(a.text, file);
    assert_eq!(
        &a.text[a.title_line.clone()],
        "Floods force *thousands* from their homes"
    );
    // The link target's date is markup, never a temporal expression.
    assert!(
        doc.extraction
            .timexes
            .iter()
            .all(|t| !a.text[t.span.clone()].contains("2023-11-28"))
    );
    let values: Vec<&str> = doc
        .extraction
        .events
        .iter()
        .filter_map(|e| doc.extraction.timexes.get(e.timex))
        .map(|t| t.value.as_str())
        .collect();
    assert!(
        values.contains(&"2023-11-28"),
        "Tuesday before 2023-11-30: {values:?}"
    );
    Ok(())
}
