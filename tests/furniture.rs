//! Page furniture in the bundled articles is recognised, and nothing else is.

use std::path::Path;

use dateline::corpus::Reader;

#[test]
fn bundled_furniture_is_exactly_the_page_junk() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let corpus = Reader::new()?.load(&root, &mut |_, _| {})?;
    let mut found: Vec<(String, String)> = Vec::new();
    for a in &corpus.articles {
        for r in &a.furniture {
            found.push((a.id[..3].to_string(), a.text[r.clone()].to_string()));
        }
    }
    let expected: Vec<(String, String)> = [
        ("002", "Check Also"),
        ("002", "Israel’s Next War"),
        ("002", "The Mounting Pressure to Fight Hezbollah in Lebanon—and Why That Is So Dangerous More than …"),
        ("004", "Getty Images"),
        ("004", "Powered by automated translation"),
        ("004", "US launches retaliatory strikes on Iran-backed targets in Iraq and Syria – video"),
        ("004", "US launches retaliatory strikes on Iran-backed targets in Iraq and Syria"),
        ("004", "US launches retaliatory strikes on Iran-backed targets in Iraq and Syria"),
        ("004", "Updated: February 08, 2024, 7:04 PM"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(found, expected);
    Ok(())
}
