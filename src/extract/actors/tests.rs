//! Recognizer tests: the sentence corpus `tests/corpus/actors_en.tsv` (each line: a
//! sentence — `\n` stands for a line break —, a tab, and every expected mention as
//! `surface=kind:actor[@role]`, separated by `; `, in text order; `-` for none) and
//! property tests.

use super::*;

const CORPUS: &str = include_str!("../../../tests/corpus/actors_en.tsv");

/// Renders mentions the way the corpus writes them.
fn render(text: &str, mentions: &[ActorMention]) -> String {
    if mentions.is_empty() {
        return "-".to_string();
    }
    mentions
        .iter()
        .map(|m| {
            let role = m.role.as_ref().map(|r| format!("@{r}")).unwrap_or_default();
            format!(
                "{}={}:{}{role}",
                &text[m.span.clone()],
                m.kind.label(),
                m.actor
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn corpus_sentences_give_expected_mentions() {
    let rec = Recognizer::new().unwrap();
    let mut failures = Vec::new();
    for (n, line) in CORPUS.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (input, expected) = line.split_once('\t').expect("corpus line needs a tab");
        let input = input.replace("\\n", "\n");
        let found = render(&input, &rec.recognize(&input, &[]));
        if found != expected.trim() {
            failures.push(format!(
                "line {}: {input}\n  expected {expected}\n  found    {found}",
                n + 1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} corpus failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn recognizer_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<Recognizer>();
}

#[test]
fn long_capitalised_text_is_fast_and_bounded() {
    let rec = Recognizer::new().unwrap();
    let text = "IRAQI KURDISH MINISTRY OF THE ARMY ".repeat(3000);
    let start = std::time::Instant::now();
    let found = rec.recognize(&text, &[]);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    assert!(found.iter().all(|m| m.span.len() < 200));
}

#[test]
fn skip_ranges_are_respected() {
    let rec = Recognizer::new().unwrap();
    let text = "Wanda Okafor met Henrik Dahl in Oslo.";
    let found = rec.recognize(text, &[0..12]);
    assert!(found.iter().all(|m| m.span.start >= 12), "{found:?}");
    assert_eq!(found.len(), 2);
}

#[test]
fn shifted_input_shifts_spans() {
    let rec = Recognizer::new().unwrap();
    let text = "The Zandor Party won in Lagos, said Mrs Ada Eze.";
    let base = rec.recognize(text, &[]);
    let shifted = rec.recognize(&format!("x {text}"), &[]);
    let moved: Vec<_> = shifted
        .iter()
        .map(|m| m.span.start - 2..m.span.end - 2)
        .collect();
    assert_eq!(
        base.iter().map(|m| m.span.clone()).collect::<Vec<_>>(),
        moved
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn rec() -> &'static Recognizer {
        static REC: OnceLock<Recognizer> = OnceLock::new();
        REC.get_or_init(|| Recognizer::new().unwrap())
    }

    proptest! {
        #[test]
        fn arbitrary_text_gives_valid_sorted_spans(text in "\\PC{0,200}", a in 0usize..50, b in 0usize..50) {
            let skip = [a.min(b)..a.max(b)];
            let found = rec().recognize(&text, &skip);
            for w in found.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start);
            }
            for m in &found {
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                prop_assert!(m.span.start < m.span.end && m.span.end <= text.len());
                prop_assert!(m.span.end <= skip[0].start || m.span.start >= skip[0].end);
            }
        }

        #[test]
        fn name_like_text_never_panics(text in "([A-Z][a-z]{0,6}|al-[A-Z][a-z]{1,5}|[A-Z]{2,4}|of|the|[(),.“”’'&–-]| ){0,40}") {
            let found = rec().recognize(&text, &[]);
            for w in found.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start);
            }
        }
    }
}

#[test]
fn a_kind_nothing_in_the_text_explains_is_marked_a_guess() {
    let rec = Recognizer::new().unwrap();
    let guesses = |text: &str| -> Vec<(String, bool)> {
        rec.recognize(text, &[])
            .iter()
            .map(|m| (m.actor.to_string(), m.guess))
            .collect()
    };
    assert_eq!(
        guesses("Later Halloran vetoed the bill."),
        [("Halloran".to_string(), true)]
    );
    assert_eq!(
        guesses("Later President Halloran vetoed the bill."),
        [("Halloran".to_string(), false)]
    );
    // A short form of a name the text gives in full is no guess.
    assert_eq!(
        guesses("Ruth Halloran spoke. Later Halloran vetoed the bill."),
        [
            ("Ruth Halloran".to_string(), false),
            ("Ruth Halloran".to_string(), false)
        ]
    );
}
