//! Arbitrary text through the whole pipeline never panics, and every span it
//! returns lies on char boundaries inside the text.

use dateline::corpus::meta::Meta;
use dateline::model::{Dataset, Doc};
use dateline::pipeline::Pipeline;
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new().expect("bundled rules compile"))
}

fn check(pipeline: &Pipeline, text: String) {
    let meta = Meta {
        published: "2024-02-08".parse().ok(),
        ..Meta::default()
    };
    let article = pipeline
        .reader()
        .article_from_text("p.txt", text, Some(&meta));
    let extraction = pipeline.extract(&article);
    let text = &article.text;
    let ok = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    assert!(extraction.sentences.iter().all(ok));
    assert!(extraction.timexes.iter().all(|t| ok(&t.span)));
    assert!(extraction.mentions.iter().all(|m| ok(&m.span)));
    assert!(extraction.events.iter().all(|e| ok(&e.passage)));
    assert!(article.furniture.iter().all(ok));
    let dataset = Dataset::build(
        "p".into(),
        vec![Doc {
            article,
            extraction,
        }],
        Vec::new(),
    );
    let _ = dateline::export::to_json(&dataset);
    let _ = dateline::timeline::Timeline::new(&dataset);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        check(pipeline(), text);
    }

    #[test]
    fn news_like_text_never_panics(
        words in proptest::collection::vec(
            prop_oneof![
                Just("on"), Just("Tuesday"), Just("last"), Just("month"), Just("2024"), Just("Nov."),
                Just("6,"), Just("the"), Just("U.S."), Just("Gen."), Just("said"), Just("will"),
                Just("al-Sudani"), Just("Ministry"), Just("of"), Just("ISIS"), Just("(PMF)"), Just("."),
                Just("\n"), Just("“"), Just("”"), Just("–"), Just("early"), Just("two-day"), Just("ago"),
                Just("Getty Images"), Just("Check Also"), Just("Updated:"), Just("é"), Just("بغداد"),
            ],
            0..80,
        )
    ) {
        check(pipeline(), words.join(" "));
    }
}
