//! Issue 9: an HTML, a Markdown and a PDF article of our own (`tests/data/`) extract
//! with the right title, publication date and events.

mod common;

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
    let values = values(&doc);
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
    let values = values(&doc);
    assert!(
        values.contains(&"2023-11-28"),
        "Tuesday before 2023-11-30: {values:?}"
    );
    Ok(())
}

/// The event values of a document.
fn values(doc: &dateline::model::Doc) -> Vec<&str> {
    doc.extraction
        .events
        .iter()
        .filter_map(|e| doc.extraction.timexes.get(e.timex))
        .map(|t| t.value.as_str())
        .collect()
}

#[test]
fn pdf_test_article_is_the_generators() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/convoy.pdf");
    let made = common::pdf::convoy();
    if std::env::var_os("DATELINE_WRITE_TEST_PDF").is_some() {
        std::fs::write(&path, &made)?;
    }
    assert!(
        std::fs::read(&path)? == made,
        "tests/data/convoy.pdf differs from tests/common/pdf.rs: rerun with DATELINE_WRITE_TEST_PDF=1"
    );
    Ok(())
}

#[test]
fn pdf_article_title_date_furniture_and_events() -> Result<(), Box<dyn std::error::Error>> {
    let doc = load("convoy.pdf")?;
    let a = &doc.article;
    assert_eq!(a.title, "Aid convoy reaches flooded valley towns");
    // "Published: March 14, 2024" in the text wins over the Info CreationDate.
    assert_eq!(a.published, Some(jiff::civil::date(2024, 3, 14)));
    assert_eq!(a.published_source, PublishedSource::Text);
    assert_eq!(
        &a.text[a.title_line.clone()],
        "Aid convoy reaches flooded valley towns"
    );
    // Wrapped lines are joined into paragraphs; TJ word gaps are spaces.
    assert!(
        a.text.contains(
            "A convoy of 40 trucks carrying food, clean water and medicine reached the flooded towns of the Sava valley on Wednesday, the regional Red Cross said.\n"
        ),
        "{}",
        a.text
    );
    assert!(
        a.text
            .contains("forcing about 12,000 people from their homes.\n")
    );
    // Running headers, page numbers and the byline are furniture.
    let furniture: Vec<&str> = a.furniture.iter().map(|r| &a.text[r.clone()]).collect();
    for line in [
        "THE VALLEY COURIER",
        "Page 1 of 2",
        "Page 2 of 2",
        "By Maria Okafor",
    ] {
        assert!(furniture.contains(&line), "{line} not in {furniture:?}");
    }
    let values = values(&doc);
    for v in ["2024-03-13", "2024-03-08", "2024-03-12"] {
        assert!(values.contains(&v), "{v} missing from {values:?}");
    }
    for e in &doc.extraction.events {
        let passage = &a.text[e.passage.clone()];
        assert!(
            !passage.contains("COURIER") && !passage.contains("Page "),
            "{passage}"
        );
    }
    Ok(())
}

#[test]
fn pdf_without_title_or_stated_date_uses_first_line_and_creation_date()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let bytes = common::pdf::build(&common::pdf::Spec {
        title: None,
        created: Some("D:20231105120000Z"),
        pages: vec![vec![
            "Council approves new bridge",
            "The city council approved the new bridge on Thursday after a long debate.",
            "Work will start next spring.",
        ]],
        encrypted: false,
    });
    let path = dir.path().join("bridge.pdf");
    std::fs::write(&path, bytes)?;
    let pipeline = Pipeline::new()?;
    let a = pipeline.reader().read_article(&path, "bridge.pdf", None)?;
    assert_eq!(a.title, "Council approves new bridge");
    assert_eq!(a.published, Some(jiff::civil::date(2023, 11, 5)));
    assert_eq!(a.published_source, PublishedSource::Inferred);
    let doc = dateline::model::Doc {
        extraction: pipeline.extract(&a),
        article: a,
    };
    assert!(values(&doc).contains(&"2023-11-02"), "{:?}", values(&doc));
    Ok(())
}

#[test]
fn broken_encrypted_and_textless_pdfs_are_reasons() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let pipeline = Pipeline::new()?;
    let textless = common::pdf::build(&common::pdf::Spec {
        pages: vec![vec![]],
        ..Default::default()
    });
    let encrypted = common::pdf::build(&common::pdf::Spec {
        pages: vec![vec!["Secret", "Nothing to see here on Monday.", "1"]],
        encrypted: true,
        ..Default::default()
    });
    let mut truncated = common::pdf::convoy();
    truncated.truncate(truncated.len() / 3);
    for (name, bytes, reason) in [
        ("scan.pdf", textless, "no text layer"),
        ("locked.pdf", encrypted, "encrypted PDF"),
        ("cut.pdf", truncated, "PDF"),
        ("fake.pdf", b"just text".to_vec(), "not a PDF"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes)?;
        match pipeline.reader().read_article(&path, name, None) {
            Ok(a) => panic!("{name} read as {:?}", a.text),
            Err(message) => {
                assert!(message.contains(reason), "{name}: {message}");
                assert!(!message.contains('\n'), "{name}: {message}");
            }
        }
    }
    Ok(())
}

/// Issue 9 leftover: a Markdown sentence with inline markup (bold, a link, emphasis)
/// yields its event; its passage and date are ranges of the file's own text.
#[test]
fn markdown_sentences_with_inline_markup_keep_their_events()
-> Result<(), Box<dyn std::error::Error>> {
    let text = "---\ndate: 2024-05-09\n---\n# Port *reopens* after the storm\n\n\
                The port reopened on **Tuesday**, officials said.\n\n\
                According to [the harbour master](https://example.org/news/2024-05-01), ships _began_ docking on Wednesday.\n\n\
                *Cranes* were repaired last Friday by **Harbour Works**.\n";
    let pipeline = Pipeline::new()?;
    let a = pipeline
        .reader()
        .article_from_text("port.md", text.to_string(), None);
    assert_eq!(a.text, text);
    assert_eq!(a.title, "Port reopens after the storm");
    assert_eq!(a.published, Some(jiff::civil::date(2024, 5, 9)));
    let ex = pipeline.extract(&a);
    let found: Vec<(&str, &str, &str, &str)> = ex
        .events
        .iter()
        .filter_map(|e| {
            let t = ex.timexes.get(e.timex)?;
            Some((
                t.value.as_str(),
                &text[t.span.clone()],
                &text[e.passage.clone()],
                &*e.title,
            ))
        })
        .collect();
    let expect = [
        (
            "2024-05-07",
            "Tuesday",
            "The port reopened on **Tuesday**, officials said.",
        ),
        (
            "2024-05-08",
            "Wednesday",
            "According to [the harbour master](https://example.org/news/2024-05-01), ships _began_ docking on Wednesday.",
        ),
        (
            "2024-05-03",
            "last Friday",
            "*Cranes* were repaired last Friday by **Harbour Works**.",
        ),
    ];
    for (value, date, passage) in expect {
        assert!(
            found
                .iter()
                .any(|f| f.0 == value && f.1 == date && f.2 == passage),
            "{value} {date:?} {passage:?} not in {found:?}"
        );
    }
    assert_eq!(found.len(), 3, "{found:?}");
    for f in &found {
        assert!(
            !f.3.contains('*') && !f.3.contains("](") && !f.3.contains('_'),
            "{f:?}"
        );
    }
    // The link target's date is never an expression; the markup is shown dimmed.
    assert!(
        ex.timexes
            .iter()
            .all(|t| !text[t.span.clone()].contains("2024-05-01"))
    );
    let marked: Vec<&str> = a.markup.iter().map(|r| &text[r.clone()]).collect();
    assert!(marked.contains(&"**") && marked.contains(&"](https://example.org/news/2024-05-01)"));
    Ok(())
}
