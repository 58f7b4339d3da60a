//! Dated events, end to end through the pipeline: a table of events in the bundled
//! articles (article, words of the passage, expected TIMEX3 value) and a table of
//! sentences written for these tests (not from the articles) with their publication
//! date and expected event dates.

mod common;

use common::bundled;

use dateline::corpus::meta::Meta;
use dateline::model::{Dataset, Doc};
use dateline::pipeline::Pipeline;

/// `value` matches `expected` exactly, or is a time on that day ("2017-10-27TEV").
fn same_date(value: &str, expected: &str) -> bool {
    value == expected
        || value
            .strip_prefix(expected)
            .is_some_and(|rest| rest.starts_with('T'))
}

/// (article id prefix, words in the passage, expected date)
#[rustfmt::skip]
const SEED_EVENTS: &[(&str, &str, &str)] = &[
    ("000", "Earlier on Friday Iraq’s prime minister ordered", "2017-10-27"),
    ("000", "Hostilities have ceased since last night", "2017-10-26"),
    ("000", "Dillon told Rudaw on Friday evening", "2017-10-27"),
    ("000", "told Reuters earlier today", "2017-10-27"),
    ("000", "the September 25 independence referendum", "2017-09-25"),
    ("000", "US-Iraqi relations have taken a nosedive this week", "2017-W43"),
    ("001", "concluded a two-day meeting on Tuesday", "2024-07-23"),
    ("001", "Austin met with Iraqi Minister of Defense", "2024-07-23"),
    ("001", "Iraqi state media reported on Tuesday", "2024-07-23"),
    ("001", "presided over the first meeting", "2024-01"),
    ("001", "Pat Ryder, Pentagon spokesman, said on Monday", "2024-07-22"),
    ("001", "Ryder told Rudaw that the United States", "2024-04"),
    ("001", "PM Sudani met with US Deputy Assistant Secretary", "2024-07"),
    ("001", "the Pentagon said in February", "2024-02"),
    ("001", "took place last October", "2023-10"),
    ("001", "advise and assist role in December 2021", "2021-12"),
    ("001", "Abu Mahdi al-Muhandis in Baghdad in early 2020", "2020"),
    ("001", "declared territorially defeated in 2019", "2019"),
    ("002", "to Iraqi Foreign Minister Fuad Hussein on Wednesday", "2024-01-24"),
    ("002", "which in 2014 seized large parts of Iraq", "2014"),
    ("002", "the latest on Tuesday", "2024-01-23"),
    ("002", "beginning to be initiated last year", "2023"),
    ("002", "announced back in August", "2023-08"),
    ("003", "Ministry of Peshmerga announced on Friday", "2025-11-07"),
    ("003", "held a technical meeting on Nov. 6, 2025", "2025-11-06"),
    ("004", "last month began formal talks", "2024-01"),
    ("004", "US combat forces left Iraq in 2011", "2011"),
    ("004", "following the 2003 invasion", "2003"),
    ("004", "thousands were sent back in 2014", "2014"),
    ("004", "coalition announced on Thursday", "2024-02-08"),
    ("004", "Last month, Washington and Baghdad announced the start", "2024-01"),
    ("004", "including one late on Wednesday", "2024-02-07"),
    ("004", "with our partners on Sunday afternoon", "2024-02-11"),
    ("004", "after the Wednesday drone strike in Baghdad", "2024-02-07"),
    ("004", "said in a Wednesday statement", "2024-02-07"),
    ("004", "after Israel declared war on Hamas in October", "2023-10"),
    ("004", "at the end of last month resulted in the deaths", "2024-01"),
    ("004", "Vedant Patel said on Thursday", "2024-02-08"),
];

#[test]
fn seed_events_have_the_right_dates() {
    let dataset = bundled();
    let mut failures = Vec::new();
    for (article, words, expected) in SEED_EVENTS {
        let found: Vec<&str> = dataset
            .events
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
            .filter(|(_, m)| {
                let doc = &dataset.docs[m.doc];
                doc.article.id.starts_with(article)
                    && doc.article.text[m.passage.clone()].contains(words)
            })
            .map(|(e, _)| e.value.as_str())
            .collect();
        if !found.iter().any(|v| same_date(v, expected)) {
            failures.push(format!(
                "{article} {words:?}: expected {expected}, found {found:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} seed events wrong:\n{}",
        failures.len(),
        SEED_EVENTS.len(),
        failures.join("\n")
    );
}

#[test]
fn page_furniture_produces_no_events_and_every_article_has_events() {
    let dataset = bundled();
    for e in &dataset.events {
        for m in &e.mentions {
            let article = &dataset.docs[m.doc].article;
            assert!(
                !article.in_skipped(&m.passage),
                "event from furniture: {}",
                &article.text[m.passage.clone()]
            );
        }
    }
    for (d, doc) in dataset.docs.iter().enumerate() {
        assert!(
            dataset
                .events
                .iter()
                .any(|e| e.mentions.iter().any(|m| m.doc == d)),
            "{} has no events",
            doc.article.id
        );
    }
    assert!(
        dataset.events.len() >= 30,
        "{} events",
        dataset.events.len()
    );
}

/// (sentence, publication date, expected event dates; empty = no event)
#[rustfmt::skip]
const OWN_SENTENCES: &[(&str, &str, &[&str])] = &[
    ("The parliament approved the budget on Monday.", "2024-03-14", &["2024-03-11"]),
    ("The minister will travel to Ankara on Monday.", "2024-03-14", &["2024-03-18"]),
    ("The court ruled on Thursday that the law was void.", "2023-06-15", &["2023-06-15"]),
    ("The commission met on Wednesday to review the findings.", "2023-06-15", &["2023-06-14"]),
    ("Shelling resumed on Sunday along the front line.", "2023-06-15", &["2023-06-11"]),
    ("The summit is set to open on Friday in Vienna.", "2023-06-15", &["2023-06-16"]),
    ("The new round of negotiations will begin on Tuesday.", "2023-06-15", &["2023-06-20"]),
    ("Rebels captured the town on 3 March 2022.", "2023-06-15", &["2022-03-03"]),
    ("The treaty was signed on Dec. 12, 2019, in Paris.", "2023-06-15", &["2019-12-12"]),
    ("Gen. Smith arrived in Kabul on Nov. 3, 2001.", "2023-06-15", &["2001-11-03"]),
    ("The embassy reopened in August 2021.", "2023-06-15", &["2021-08"]),
    ("Elections were held in 2018 amid a boycott.", "2023-06-15", &["2018"]),
    ("The U.S. Senate passed the bill in 2009.", "2023-06-15", &["2009"]),
    ("The ceasefire collapsed last month.", "2023-06-15", &["2023-05"]),
    ("Talks between the two parties resumed last year.", "2023-06-15", &["2022"]),
    ("Last October, floods displaced thousands of families.", "2023-06-15", &["2022-10"]),
    ("In September, the army withdrew from the valley.", "2023-06-15", &["2022-09"]),
    ("Voters went to the polls on July 4.", "2023-06-15", &["2022-07-04"]),
    ("Protests erupted last night in the capital.", "2023-06-15", &["2023-06-14"]),
    ("The general resigned earlier today, his office said.", "2023-06-15", &["2023-06-15"]),
    ("Officials met in Geneva yesterday.", "2023-06-15", &["2023-06-14"]),
    ("Fuel prices have risen sharply this week.", "2023-06-15", &["2023-W24"]),
    ("The company was founded in early 2015 by two engineers.", "2023-06-15", &["2015"]),
    ("The mayor said on Monday that the bridge, which opened in May 2020, would close.", "2023-06-15", &["2023-06-12", "2020-05"]),
    ("Troops withdrew in 2011 but returned in 2014.", "2023-06-15", &["2011", "2014"]),
    ("An attack at the end of last month killed two guards.", "2023-06-15", &["2023-05"]),
    ("The two-day meeting ended without agreement.", "2023-06-15", &[]),
    ("The envoy said on Tuesday that the ceasefire, which took effect in March, was holding.", "2023-06-15", &["2023-06-13", "2023-03"]),
    ("Police said on Friday that the suspect had been arrested in 2021.", "2023-06-15", &["2023-06-09", "2021"]),
    ("Officials confirmed on Monday that the plant closed in April.", "2023-06-15", &["2023-06-12", "2023-04"]),
    ("The rebels seized the airport on 2 May 2022. The next day, government troops counterattacked.", "2023-06-15", &["2022-05-02", "2022-05-03"]),
    ("The dam burst on March 3, 2020. Two days later, the army began evacuations.", "2023-06-15", &["2020-03-03", "2020-03-05"]),
    ("The dam burst on Tuesday, March 3, 2020. Two days later, on Thursday, March 5, 2020, the army began evacuations.", "2023-06-15", &["2020-03-03", "2020-03-05"]),
    ("The truce took effect on 2 May 2022, and two weeks later, on 20 May, it collapsed.", "2023-06-15", &["2022-05-02", "2022-05-20"]),
    ("The truce took effect at midnight on Wednesday, March 6, officials said.", "2024-03-13", &["2024-03-06T24:00"]),
    ("The council will meet again in two weeks, its chairman said.", "2023-06-15", &["2023-W26"]),
    ("Elections are expected to take place in six months.", "2023-06-15", &["2023-12"]),
    ("The ministry said the bridge would reopen in 10 days.", "2023-06-15", &["2023-06-25"]),
    ("The cabinet plans to reform the pension system for the first time in 30 years.", "2023-06-15", &[]),
    ("Rates are expected to fall to their lowest level in two years.", "2023-06-15", &[]),
    ("The first payment on the loan will fall due in 30 months.", "2023-06-15", &["2025-12"]),
    ("She learned the language in three years.", "2023-06-15", &[]),
    ("The convoy covered the distance in two days.", "2023-06-15", &[]),
    ("The mine opened in 1998. That year, the town doubled in size.", "2023-06-15", &["1998", "1998"]),
    ("The party won the election in 2015 and lost it in 2019.", "2023-06-15", &["2015", "2019"]),
    ("The convoy left Kabul on Sunday and reached the border on Tuesday.", "2023-06-15", &["2023-06-11", "2023-06-13"]),
    ("The two sides have fought over the past five years.", "2023-06-15", &["P5Y"]),
    ("The minister will visit Cairo next week, her office said on Wednesday.", "2023-06-15", &["2023-W25", "2023-06-14"]),
    ("The strike lasted 24 hours.", "2023-06-15", &[]),
    ("He served three terms of four years each.", "2023-06-15", &[]),
    ("The committee meets every Monday.", "2023-06-15", &[]),
    ("Inflation is now at its highest level.", "2023-06-15", &[]),
    ("The refugees had walked for three days.", "2023-06-15", &[]),
    ("The rebel commander is 45 years old.", "2023-06-15", &[]),
    ("Negotiators have met every week for months.", "2023-06-15", &[]),
    // Counted from a date named after "after" / "before": the event is that far
    // from the date, and the date itself is no event of its own.
    ("The minister resigned three days after the June 1 election, officials said.", "2021-06-10", &["2021-06-04"]),
    ("Two weeks before the March 3 deadline, the company sold its stake.", "2021-06-10", &["2021-02-17"]),
    ("Shops reopened the day after Christmas.", "2021-06-10", &["2020-12-26"]),
    ("Police detained him two days after Sunday's vote in the capital.", "2021-06-10", &["2021-06-08"]),
    ("The law took effect six months after its approval in March 2020.", "2023-06-15", &["2020-09"]),
    ("Three years after 2011, the troops returned.", "2023-06-15", &["2014"]),
    ("The president will fly to Paris two days after the June 14 summit.", "2021-06-10", &["2021-06-16"]),
    // A stretch of time before a date, hours, or a count too fine for the date
    // named: the date dates the event, as before.
    ("Prices rose in the two weeks before Christmas.", "2021-06-10", &["2020-12-25"]),
    ("Two hours after the blast on Tuesday, rescuers reached the site.", "2023-06-15", &["2023-06-13"]),
    ("The strike began two days after the March election.", "2023-06-15", &["2023-03"]),
    // Past publication in a past-tense clause: the weekday was an earlier one, and
    // the count is not applied to the wrong one.
    ("The talks collapsed a week after they began on Monday.", "2021-06-10", &["2021-06-07"]),
    // Dates all in figures: in prose an event, over a table's columns none.
    ("A letter dated 3/14/95 was read to the jury.", "1995-06-01", &["1995-03-14"]),
    ("Stocks  04/09/87  03/09/87  1.25  1.30  0.75  0.80", "1987-04-09", &[]),
    // A count past the calendar's range dates nothing (and must not panic).
    ("The ship sank on March 2, 2019. 999999999999 days later, crews reached it.", "2024-01-10", &["2019-03-02"]),
];

/// The dataset of a folder of `articles` (file name, text), all published on
/// `published`.
fn folder(pipeline: &Pipeline, published: &str, articles: &[(&str, &str)]) -> Dataset {
    let meta = Meta {
        published: published.parse().ok(),
        ..Meta::default()
    };
    let docs = articles
        .iter()
        .map(|(file, text)| {
            let article = pipeline
                .reader()
                .article_from_text(file, text.to_string(), Some(&meta));
            let extraction = pipeline.extract(&article);
            Doc {
                article,
                extraction,
            }
        })
        .collect();
    Dataset::build("test".into(), docs, Vec::new())
}

fn extract_one(pipeline: &Pipeline, sentence: &str, dct: &str) -> Dataset {
    let text = format!("A test article\n{sentence}\n");
    folder(pipeline, dct, &[("test.txt", &text)])
}

#[test]
fn own_sentences_have_the_right_events() {
    let pipeline = Pipeline::new().expect("bundled rules compile");
    let mut failures = Vec::new();
    for (sentence, dct, expected) in OWN_SENTENCES {
        let dataset = extract_one(&pipeline, sentence, dct);
        let found: Vec<&str> = dataset.events.iter().map(|e| e.value.as_str()).collect();
        let all_expected_found = expected
            .iter()
            .all(|x| found.iter().any(|v| same_date(v, x)));
        if !all_expected_found || found.len() != expected.len() {
            failures.push(format!(
                "{sentence:?} (published {dct}): expected {expected:?}, found {found:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} sentences wrong:\n{}",
        failures.len(),
        OWN_SENTENCES.len(),
        failures.join("\n")
    );
}

#[test]
fn a_date_counted_from_a_named_one_says_so() {
    let pipeline = Pipeline::new().expect("bundled rules compile");
    let dataset = extract_one(
        &pipeline,
        "The minister resigned three days after the June 1 election, officials said.",
        "2021-06-10",
    );
    let [event] = dataset.events.as_slice() else {
        panic!("one event expected: {:?}", dataset.events);
    };
    assert_eq!(event.value, "2021-06-04");
    assert_eq!(&*event.title, "The minister resigned, officials said");
    let mention = &event.mentions[0];
    assert_eq!(
        mention.timex.value, "P3D",
        "the count is the dating expression"
    );
    let why = &mention.timex.derivation;
    assert!(
        why.contains("three days after 'June 1' (2021-06-01) → 2021-06-04"),
        "{why}"
    );
}

#[test]
fn the_same_happening_in_several_articles_is_one_event() {
    let dataset = bundled();
    let multi: Vec<_> = dataset
        .events
        .iter()
        .filter(|e| {
            let docs: std::collections::BTreeSet<usize> =
                e.mentions.iter().map(|m| m.doc).collect();
            docs.len() > 1
        })
        .collect();
    // The start of formal US–Iraq talks in January 2024, told by Rudaw and The National.
    assert!(
        multi.iter().any(|e| e.value == "2024-01"
            && e.mentions
                .iter()
                .any(|m| dataset.docs[m.doc].article.id.starts_with("001"))
            && e.mentions
                .iter()
                .any(|m| dataset.docs[m.doc].article.id.starts_with("004"))),
        "{:?}",
        multi.iter().map(|e| &e.title).collect::<Vec<_>>()
    );
    // Merged mentions always share the date.
    for e in &dataset.events {
        for m in &e.mentions {
            assert_eq!(
                m.timex.value.split('T').next(),
                e.value.split('T').next(),
                "{}",
                e.title
            );
        }
    }
}

#[test]
fn different_strikes_on_the_same_day_stay_apart() {
    let pipeline = Pipeline::new().expect("bundled rules compile");
    let dataset = folder(
        &pipeline,
        "2023-06-15",
        &[
            (
                "a.txt",
                "Strikes\nA US drone strike killed a militia commander in Baghdad on Tuesday, officials said.\n",
            ),
            (
                "b.txt",
                "Strikes\nA US drone strike hit a weapons depot in Aleppo, Syria, on Tuesday, officials said.\n",
            ),
        ],
    );
    let tuesday: Vec<_> = dataset
        .events
        .iter()
        .filter(|e| e.value == "2023-06-13")
        .collect();
    assert_eq!(
        tuesday.len(),
        2,
        "{:?}",
        dataset
            .events
            .iter()
            .map(|e| (&e.value, &e.title))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_doc_index_lists_the_events_mentioned_in_each_article() {
    let d = bundled();
    assert_eq!(d.doc_events.len(), d.docs.len());
    let mut merged = false;
    for doc in 0..d.docs.len() {
        let scanned: Vec<usize> = (0..d.events.len())
            .filter(|e| d.events[*e].mentions.iter().any(|m| m.doc == doc))
            .collect();
        assert_eq!(d.events_in(doc).collect::<Vec<_>>(), scanned, "doc {doc}");
        merged |= scanned
            .iter()
            .any(|e| d.events[*e].mentions.iter().any(|m| m.doc != doc));
    }
    assert!(merged, "some event is reported by several articles");
    // A hand-made dataset (no index) gives the same answers by scanning.
    let hand_made = Dataset {
        doc_events: Vec::new(),
        ..d.clone()
    };
    assert_eq!(
        hand_made.events_in(1).collect::<Vec<_>>(),
        d.events_in(1).collect::<Vec<_>>()
    );
}

/// Two reports filed from one city on one day share the dateline city and its
/// country, and little else: they stay two events. The same report filed twice
/// is still one.
#[test]
fn reports_sharing_only_a_dateline_stay_apart() {
    let pipeline = Pipeline::new().expect("bundled rules compile");
    let aid = "Donors\nLIMA, Peru, April 5 - Peruvian officials said today they would meet aid donors in Lima to discuss funding for farm reform.\n";
    let swap = "Swap\nLIMA, Peru, April 5 - Peruvian officials said today they would approve the conversion of debt into equity for farm projects.\n";
    let apart = folder(&pipeline, "1987-04-05", &[("a.txt", aid), ("b.txt", swap)]);
    let titles = |d: &Dataset| d.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
    assert_eq!(apart.events.len(), 2, "{:?}", titles(&apart));
    let twice = folder(&pipeline, "1987-04-05", &[("a.txt", aid), ("c.txt", aid)]);
    assert_eq!(twice.events.len(), 1, "{:?}", titles(&twice));
}
