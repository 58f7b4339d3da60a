//! Tests of the tagger: every rule's examples, the corpus of `tests/corpus/`,
//! the negative corpus, span shifting, `interval`, and a property test.

#![allow(clippy::unwrap_used)] // tests may unwrap

use super::*;

fn dct(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn every_rule_has_passing_examples() {
    let tagger = Tagger::new().unwrap();
    let mut failures = Vec::new();
    for rule in &tagger.rules.rules {
        for ex in &rule.examples {
            let found = tagger.tag(&ex.text, Some(ex.dct));
            let got: Vec<_> = found
                .iter()
                .map(|t| (t.span.clone(), t.value.clone(), t.modifier.clone()))
                .collect();
            let ok = match &ex.expect {
                Some(e) => got.contains(e),
                None => got.is_empty(),
            };
            if !ok {
                failures.push(format!(
                    "{}: {:?}\n   expected {:?}\n   found    {:?}",
                    rule.name,
                    ex.text,
                    ex.expect,
                    found
                        .iter()
                        .map(|t| (&ex.text[t.span.clone()], &t.value, &t.modifier, &t.rule))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

const CORPUS: &str = include_str!("../../../tests/corpus/timex_en.tsv");
const NEGATIVE: &str = include_str!("../../../tests/corpus/timex_negative.txt");
const DEFAULT_DCT: &str = "2024-01-10";

/// One corpus line: text without brackets, span, dct, value, modifier.
/// Text, expected span, publication date, value, modifier.
type Case = (String, Range<usize>, Date, String, Option<String>);

fn corpus_cases() -> Vec<Case> {
    CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let (marked, d, expected) = (cols[0], cols[1], cols[2]);
            let open = marked.find('[').unwrap();
            let close = marked.find(']').unwrap();
            let text = format!(
                "{}{}{}",
                &marked[..open],
                &marked[open + 1..close],
                &marked[close + 1..]
            );
            let d = dct(if d.is_empty() { DEFAULT_DCT } else { d });
            let mut e = expected.split_whitespace();
            let value = e.next().unwrap().to_string();
            (
                text,
                open..close - 1,
                d,
                value,
                e.next().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn corpus_lines_pass() {
    let tagger = Tagger::new().unwrap();
    let cases = corpus_cases();
    assert!(cases.len() >= 60);
    let mut failures = Vec::new();
    for (text, span, d, value, modifier) in &cases {
        let found = tagger.tag(text, Some(*d));
        let hit = found
            .iter()
            .any(|t| &t.span == span && &t.value == value && &t.modifier == modifier);
        if !hit {
            failures.push(format!(
                "{text:?} (dct {d})\n   expected {:?} {value} {modifier:?}\n   found    {:?}",
                &text[span.clone()],
                found
                    .iter()
                    .map(|t| (&text[t.span.clone()], &t.value, &t.modifier, &t.rule))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing corpus lines:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn negative_corpus_finds_nothing() {
    let tagger = Tagger::new().unwrap();
    for line in NEGATIVE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let found = tagger.tag(line, Some(dct(DEFAULT_DCT)));
        assert!(found.is_empty(), "{line:?} -> {found:?}");
    }
}

#[test]
fn prefix_shifts_spans() {
    let tagger = Tagger::new().unwrap();
    for (text, _, d, _, _) in corpus_cases() {
        let a = tagger.tag(&text, Some(d));
        // A prefix before a dateline's place makes it none.
        if a.iter().any(|t| t.derivation.contains("dateline")) {
            continue;
        }
        // A sentence before a headline makes it none.
        if headline_capitals(&text) && !text.trim_end().ends_with(['.', '?', '!']) {
            continue;
        }
        // A sentence of its own: a word glued to the sentence would change its
        // subject ("x The blockade ended on …").
        let prefix = "Yes. ";
        let b = tagger.tag(&format!("{prefix}{text}"), Some(d));
        let shifted: Vec<_> = b
            .iter()
            .map(|t| {
                (
                    t.span.start - prefix.len()..t.span.end - prefix.len(),
                    t.value.clone(),
                )
            })
            .collect();
        let plain: Vec<_> = a
            .iter()
            .map(|t| (t.span.clone(), t.value.clone()))
            .collect();
        assert_eq!(plain, shifted, "{text:?}");
    }
}

/// Counts past the calendar's range, as a strange text may hold them, drop the
/// expression's value instead of panicking in the date arithmetic.
#[test]
fn counts_past_the_calendar_do_not_panic() {
    let tagger = Tagger::new().unwrap();
    for text in [
        "Settlers arrived 30000 years ago today, experts say.",
        "The minister resigned 99999999 days before Saturday's election.",
        "He quit 9223372036854775807 weeks before Christmas.",
        "The ship sank on March 2, 2019. 9223372036854775807 days later crews came, that evening.",
    ] {
        let found = tagger.tag(text, Some(dct("2024-01-10")));
        assert!(
            found.iter().all(|t| text.get(t.span.clone()).is_some()),
            "{text}"
        );
    }
}

#[test]
fn without_dct_values_are_underspecified() {
    let tagger = Tagger::new().unwrap();
    let found = tagger.tag("The talks ended on Wednesday and resume in October.", None);
    let values: Vec<_> = found.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["XXXX-WXX-3", "XXXX-10"]);
}

#[test]
fn derivation_explains_weekday() {
    let tagger = Tagger::new().unwrap();
    let found = tagger.tag(
        "The mayor said he resigned on Wednesday.",
        Some(dct("2024-02-08")),
    );
    assert_eq!(found[0].value, "2024-02-07");
    let d = &found[0].derivation;
    assert!(
        d.contains("'Wednesday'") && d.contains("past tense") && d.contains("2024-02-08"),
        "{d}"
    );
}

#[test]
fn derivations_name_offsets_in_words() {
    let tagger = Tagger::new().unwrap();
    let cases = [
        (
            "The mill shut nearly a decade ago.",
            "1 decade before publication date 2024-02-08",
        ),
        (
            "He resigned yesterday.",
            "1 day before publication date 2024-02-08",
        ),
        (
            "The plant opened in 1990. Three years later it closed.",
            "3 years after the previous date in the text (1990)",
        ),
        (
            "The plant opened in 1990. The next year, it closed.",
            "1 year after the date under discussion (1990)",
        ),
    ];
    for (text, words) in cases {
        let found = tagger.tag(text, Some(dct("2024-02-08")));
        assert!(
            found.iter().any(|t| t.derivation.contains(words)),
            "{text}: {:?}",
            found.iter().map(|t| &t.derivation).collect::<Vec<_>>()
        );
    }
}

#[test]
fn datelines_are_a_day_after_a_place() {
    let at = |text: &str, said: &str| {
        let start = text.find(said).unwrap_or(0);
        in_dateline(text, &(start..start + said.len()))
    };
    assert!(at("OSLO, Nov 12 - Fares fell.", "Nov 12"));
    assert!(at(
        "Title\n\nLA PAZ, Bolivia, 3 May (AP) — Fares fell.",
        "3 May"
    ));
    assert!(at(
        "MIAMI, Jan. 5, 2024 /PRNewswire/ -- Fares fell.",
        "Jan. 5, 2024"
    ));
    // No place, a month alone (a table's row), a clause before the date.
    assert!(!at("Nov 12 - Fares fell.", "Nov 12"));
    assert!(!at("Barley, August - 23 over Sept bid.", "August"));
    assert!(!at("Fares fell on Nov 12 - a Tuesday.", "Nov 12"));
    assert!(!at("Officials said: Nov 12 - a Tuesday.", "Nov 12"));
    assert!(!at("OSLO, Nov 12 and later, fares fell.", "Nov 12"));
}

#[test]
fn tagger_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Tagger>();
}

fn iv(value: &str, m: Option<&str>) -> Option<(String, String, Granularity)> {
    interval(value, m).map(|i| (i.start.to_string(), i.end.to_string(), i.granularity))
}

#[test]
fn interval_of_values() {
    use Granularity::*;
    let s = |a: &str, b: &str, g| Some((a.to_string(), b.to_string(), g));
    assert_eq!(iv("2024", None), s("2024-01-01", "2024-12-31", Year));
    assert_eq!(iv("2024-01", None), s("2024-01-01", "2024-01-31", Month));
    assert_eq!(iv("2024-W05", None), s("2024-01-29", "2024-02-04", Week));
    assert_eq!(iv("2024-W05-WE", None), s("2024-02-03", "2024-02-04", Week));
    assert_eq!(iv("2024-Q1", None), s("2024-01-01", "2024-03-31", Quarter));
    assert_eq!(iv("2024-H2", None), s("2024-07-01", "2024-12-31", Half));
    assert_eq!(iv("2024-SU", None), s("2024-06-01", "2024-08-31", Season));
    assert_eq!(iv("2024-WI", None), s("2024-12-01", "2025-02-28", Season));
    assert_eq!(iv("2024-02-07", None), s("2024-02-07", "2024-02-07", Day));
    assert_eq!(
        iv("2024-02-07T19:04", None),
        s("2024-02-07", "2024-02-07", Time)
    );
    assert_eq!(
        iv("2024-02-11TAF", None),
        s("2024-02-11", "2024-02-11", Time)
    );
    assert_eq!(iv("201", None), s("2010-01-01", "2019-12-31", Decade));
    assert_eq!(iv("19", None), s("1900-01-01", "1999-12-31", Century));
    assert_eq!(
        iv("2020", Some("START")),
        s("2020-01-01", "2020-04-30", Year)
    );
    assert_eq!(iv("2020", Some("END")), s("2020-09-01", "2020-12-31", Year));
    assert_eq!(
        iv("2024-03", Some("MID")),
        s("2024-03-11", "2024-03-20", Month)
    );
    assert_eq!(
        iv("2024-Q2", Some("END")),
        s("2024-06-01", "2024-06-30", Quarter)
    );
    assert_eq!(
        iv("2020", Some("APPROX")),
        s("2020-01-01", "2020-12-31", Year)
    );
    for none in [
        "P3D",
        "PAST_REF",
        "XXXX-10",
        "XXXX-WXX-2",
        "2024-13",
        "2024-02-30",
        "",
        "T",
        "2024-W99",
        "x",
    ] {
        assert_eq!(iv(none, None), None, "{none}");
    }
}

/// The headline test for positions in text order, with the last line remembered,
/// answers as the test for each position alone.
#[test]
fn headlines_remembered_per_line_answer_as_alone() {
    let text = "Talks Resume Next Week in Geneva\nThe talks resume Next Week, officials said.\n\
                BORDER TALKS END\nRebels Seize Airport After Long Siege\nno capitals here at all\n";
    let alone = |at: usize| headline_capitals(&text[line_at(text, at)]);
    let mut memo = Headline::default();
    for (at, _) in text.match_indices(|c: char| c.is_alphabetic()) {
        assert_eq!(memo.holds(text, at), alone(at), "at {at}");
    }
    assert!(alone(0));
    assert!(!alone(text.find("officials").unwrap()));
    assert!(alone(text.find("Siege").unwrap()));
}

/// The bounded line look-up finds the same line as the whole one whenever that
/// line is short enough, and nothing otherwise, at every position, including the
/// first and last line and lines of exactly the bound.
#[test]
fn short_lines_are_found_as_whole_lines_are() {
    let text = "ab\n\nabcd\nabcde\nxy\nabcdefghij\nabcd";
    for max in 0..12 {
        for at in 0..text.len() {
            let whole = line_at(text, at);
            let expected = (whole.len() <= max).then_some(whole);
            assert_eq!(short_line_at(text, at, max), expected, "at {at}, max {max}");
        }
    }
}

/// Word offsets stay right after separators of several bytes.
#[test]
fn word_offsets_are_byte_offsets() {
    let text = "l’eve — of night";
    let words: Vec<(usize, &str)> = word_offsets(text).collect();
    for (at, w) in &words {
        assert_eq!(&text[*at..*at + w.len()], *w);
    }
    let found: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
    assert_eq!(found, ["l", "eve", "of", "night"]);
}

mod prop {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn tagger() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::new().unwrap())
    }

    fn check(text: &str) {
        let found = tagger().tag(text, Some(jiff::civil::date(2024, 1, 10)));
        let mut last_end = 0;
        for t in &found {
            assert!(t.span.start < t.span.end && t.span.end <= text.len());
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            assert!(t.span.start >= last_end, "overlap or unsorted: {found:?}");
            last_end = t.span.end;
            let _ = interval(&t.value, t.modifier.as_deref());
        }
    }

    proptest! {
        #[test]
        fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
            check(&text);
        }

        #[test]
        fn date_like_noise_never_panics(text in "[0-9A-Za-z ,.:/'’-]{0,80}(May|Monday|the|last|next|ago|[0-9]{1,4})[0-9A-Za-zé ,.:/-]{0,80}") {
            check(&text);
        }

        #[test]
        fn any_publication_date_never_panics(
            text in "(last|next|this|early|late|the|a|two|[0-9]{1,4}|May|Monday|week|year|quarter|ago|later|Christmas|summer|[ ,.])( (last|next|this|early|late|the|a|two|[0-9]{1,4}|May|Monday|week|year|quarter|ago|later|Christmas|summer|[,.])){0,12}",
            y in -9999i16..=9999,
            m in 1i8..=12,
            d in 1i8..=28,
            none in proptest::bool::ANY,
        ) {
            let dct = if none { None } else { jiff::civil::Date::new(y, m, d).ok() };
            for t in tagger().tag(&text, dct) {
                prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                let _ = interval(&t.value, t.modifier.as_deref());
            }
        }

        #[test]
        fn interval_never_panics(value in "[0-9WQHSUFAIXTE:-]{0,16}", m in proptest::option::of("START|MID|END|APPROX")) {
            let _ = interval(&value, m.as_deref());
        }
    }
}

/// Prints the timexes and derivations of `$TIMEX_TEXT` (with `$TIMEX_DCT`); run with
/// `cargo test --lib debug_tag -- --ignored --nocapture`.
#[test]
#[ignore]
fn debug_tag() {
    let text = std::env::var("TIMEX_TEXT").unwrap_or_default();
    let d = std::env::var("TIMEX_DCT").unwrap_or_else(|_| DEFAULT_DCT.into());
    for t in Tagger::new().unwrap().tag(&text, Some(dct(&d))) {
        eprintln!(
            "{:?} {} {:?} [{}] {}",
            t.kind, t.value, t.modifier, t.rule, t.derivation
        );
    }
}

/// Times the phases of tagging on `$TIMEX_PROFILE` (a JSON-lines file with "text").
#[test]
#[ignore]
fn profile_phases() {
    let path = std::env::var("TIMEX_PROFILE").unwrap_or_default();
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let texts: Vec<String> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| Some(v.get("text")?.as_str()?.to_string()))
        .collect();
    let tagger = Tagger::new().unwrap();
    let t = std::time::Instant::now();
    let mut starts = tagger.rules.starts.scanner();
    let hits: usize = texts
        .iter()
        .map(|x| word_starts(x).filter(|&s| starts.starts_at(x, s)).count())
        .sum();
    eprintln!("start scan: {:?} ({hits} hits)", t.elapsed());
    let t = std::time::Instant::now();
    let cands: usize = texts.iter().map(|x| tagger.candidates(x).len()).sum();
    eprintln!("candidates: {:?} ({cands})", t.elapsed());
    let t = std::time::Instant::now();
    let n: usize = texts
        .iter()
        .map(|x| tagger.tag(x, Some(dct(DEFAULT_DCT))).len())
        .sum();
    eprintln!("tag: {:?} ({n})", t.elapsed());
}

#[test]
fn a_fresh_tagger_tags_as_its_original() {
    let tagger = Tagger::new().unwrap();
    let text = "On Tuesday the delegation concluded a two-day meeting; talks resume \
                next month, three years after the 2021 accord, at 10 a.m. local time.";
    let before = tagger.tag(text, Some(dct("2024-02-08")));
    let fresh = tagger.fresh();
    assert!(!before.is_empty());
    assert_eq!(fresh.tag(text, Some(dct("2024-02-08"))), before);
    drop(tagger);
    assert_eq!(fresh.tag(text, Some(dct("2024-02-08"))), before);
}

#[test]
fn expressions_start_at_word_starts_and_signs_only() {
    let text = "On Tuesday, $5 (XR1999) é2020 ’90s “Monday";
    let starts: Vec<&str> = word_starts(text).map(|i| &text[i..]).collect();
    let firsts: Vec<char> = starts.iter().filter_map(|s| s.chars().next()).collect();
    assert_eq!(
        firsts,
        [
            'O', 'T', ',', '$', '5', '(', 'X', ')', 'é', '’', '9', '“', 'M'
        ]
    );
    let tagger = Tagger::new().unwrap();
    assert!(tagger.tag("Model XR1999 sold out.", None).is_empty());
    assert_eq!(tagger.tag("Model XR 1999 sold out.", None).len(), 1);
    assert_eq!(tagger.tag("He said: “Monday is fine.”", None).len(), 1);
}

#[test]
fn a_capitalised_time_word_opening_a_line_is_no_name() {
    let tagger = Tagger::new().unwrap();
    let day = Some(dct("2024-01-10"));
    for (text, value) in [
        (
            "Harbour reopens\n\nToday, the ferries ran again.",
            "2024-01-10",
        ),
        (
            "Harbour reopens\nYesterday the ferries ran again.",
            "2024-01-09",
        ),
    ] {
        let found = tagger.tag(text, day);
        let values: Vec<_> = found.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(values, [value], "{text:?}");
    }
    // Inside a line, after a word, it is still a name's ("the Harbour Today show").
    let found = tagger.tag("She hosts the Harbour Today show.", day);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_weekday_takes_the_date_in_brackets_after_it() {
    let tagger = Tagger::new().unwrap();
    // The tense says the coming Sunday; the brackets say the one just gone.
    let found = tagger.tag(
        "Crowds will remember that on Sunday night (March 3) the ferry sank.",
        Some(dct("2024-03-05")),
    );
    assert_eq!(found[0].value, "2024-03-03TNI", "{found:?}");
    assert!(found[0].derivation.contains("brackets"), "{found:?}");
    // A date of another weekday changes nothing.
    let found = tagger.tag(
        "The ferry sank on Sunday (March 4).",
        Some(dct("2024-03-05")),
    );
    assert_eq!(found[0].value, "2024-03-03", "{found:?}");
}

#[test]
fn may_in_capitals_before_a_word_is_the_verb() {
    let tagger = Tagger::new().unwrap();
    let day = Some(dct("2024-01-10"));
    for text in [
        "FERRY OPERATOR MAY RAISE FARES\n\nThe operator said so.",
        "PORT STRIKE MAY BE CALLED OFF",
    ] {
        assert!(tagger.tag(text, day).is_empty(), "{text}");
    }
    for (text, value) in [
        ("FARES ROSE IN MAY\n\nThe operator said so.", "2023-05"),
        ("FARES FOR APRIL AND MAY ROSE", "2023-05"),
    ] {
        let found = tagger.tag(text, day);
        assert_eq!(
            found.last().map(|t| t.value.as_str()),
            Some(value),
            "{text}"
        );
    }
}

#[test]
fn clock_times_stamping_a_live_report_are_on_the_day_of_publication() {
    let tagger = Tagger::new().unwrap();
    let text = "War live\n\n9:45 p.m. - A curfew starts in Kyiv tomorrow.\n\
                11:00 p.m. - Sirens sounded across the city.\n\n\
                Budget day\n\n10:15 GMT\nThe chancellor will speak tomorrow.\n\n\
                11:30 GMT\nMarkets rose sharply, traders said at 11:45 GMT.";
    let found = tagger.tag(text, Some(dct("2022-02-24")));
    let value = |s: &str| {
        found
            .iter()
            .find(|t| &text[t.span.clone()] == s)
            .map(|t| t.value.as_str())
    };
    assert_eq!(value("11:00 p.m."), Some("2022-02-24T23:00"));
    assert_eq!(value("11:30 GMT"), Some("2022-02-24T11:30"));
    assert_eq!(value("11:45 GMT"), Some("2022-02-24T11:45"));
    // A clock time inside a sentence stays on the day under discussion.
    assert_eq!(value("tomorrow"), Some("2022-02-25"));
}

/// Every country a national day names is a row of countries.tsv: one that is not
/// could never be chosen, and its days would be dead data.
#[test]
fn national_days_name_known_countries() {
    let tagger = Tagger::new().unwrap();
    let mut n = 0;
    for country in tagger.rules.lexicon.national_day_countries() {
        assert!(
            tagger.countries.knows(country),
            "{country} is not in countries.tsv"
        );
        n += 1;
    }
    assert!(n > 80, "{n} national days");
}
