//! Issue 9: arbitrary bytes as an article file — decoded, built into an article as
//! `.txt`, `.md` and `.html`, and extracted — never panic, and every span lies on
//! char boundaries inside the article text.
//!
//! Longer run: `PROPTEST_CASES=100000 cargo test --release --test decode_fuzz`.

use dateline::corpus::decode;
use dateline::pipeline::Pipeline;
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new().expect("bundled rules compile"))
}

fn check(bytes: &[u8]) {
    let Ok(text) = decode(bytes) else {
        return;
    };
    for file in ["f.txt", "f.md", "f.html"] {
        let article = pipeline()
            .reader()
            .article_from_text(file, text.clone(), None);
        let extraction = pipeline().extract(&article);
        let t = &article.text;
        let ok = |r: &std::ops::Range<usize>| {
            r.start <= r.end
                && r.end <= t.len()
                && t.is_char_boundary(r.start)
                && t.is_char_boundary(r.end)
        };
        assert!(ok(&article.title_line), "{file}");
        assert!(article.furniture.iter().all(ok), "{file}");
        assert!(article.published_span.iter().all(ok), "{file}");
        assert!(extraction.sentences.iter().all(ok));
        assert!(extraction.timexes.iter().all(|x| ok(&x.span)));
        assert!(extraction.mentions.iter().all(|m| ok(&m.span)));
        assert!(extraction.events.iter().all(|e| ok(&e.passage)));
    }
}

/// Byte soup biased towards text: markup, BOMs, NULs, CR, UTF-8 and legacy bytes.
fn texty_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            Just(b"---\ntitle: T\ndate: 2024-02-08\n---\n".to_vec()),
            Just(b"# ".to_vec()),
            Just(b"*".to_vec()),
            Just(b"_".to_vec()),
            Just(b"[a](http://x/2024-01-01)".to_vec()),
            Just(b"<p>".to_vec()),
            Just(b"</p>".to_vec()),
            Just(
                b"<script type=\"application/ld+json\">{\"datePublished\":\"2024-02-08\"}</script>"
                    .to_vec()
            ),
            Just(b"<meta property=\"article:published_time\" content=\"2024-02-08\">".to_vec()),
            Just(b"&amp;&#x1F600;&#99999999;&".to_vec()),
            Just(b"\xEF\xBB\xBF".to_vec()),
            Just(b"\xFF\xFE".to_vec()),
            Just(b"\0".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b" on Monday, 8 February 2024, officials said. ".to_vec()),
            Just("é “q” بغداد 𝄞".as_bytes().to_vec()),
            Just(b"caf\xE9 \x93x\x94".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..8),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    // Default config, so PROPTEST_CASES sets the number of cases.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes);
    }

    #[test]
    fn texty_bytes_never_panic(bytes in texty_bytes()) {
        check(&bytes);
    }
}
