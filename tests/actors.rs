//! Actors of the bundled articles: every person is one actor of kind person with
//! no title in the name, and no page furniture or sentence starter is an actor.

mod common;

use common::bundled;

use dateline::extract::actors::ActorKind;

/// Every person named in the bundled articles, by the surname the text uses.
#[rustfmt::skip]
const PEOPLE: &[(&str, &str)] = &[
    ("Ryan Dillon", "Dillon"),
    ("Masoud Barzani", "Barzani"),
    ("Lloyd Austin", "Austin"),
    ("Thabet Muhammad al-Abbasi", "Abbasi"),
    ("Mohammed Shia al-Sudani", "Sudani"),
    ("Pat Ryder", "Ryder"),
    ("Daniel Shapiro", "Shapiro"),
    ("Alina Romanowski", "Romanowski"),
    ("Qasem Soleimani", "Soleimani"),
    ("Abu Mahdi al-Muhandis", "Muhandis"),
    ("Fuad Hussein", "Hussein"),
    ("Issa Ozeir", "Ozeir"),
    ("Joel Vowell", "Vowell"),
    ("Yahya Rasool", "Rasool"),
    ("Antony Blinken", "Blinken"),
    ("Vedant Patel", "Patel"),
];

/// Words that must never be (part of) an actor's name: furniture, sentence
/// starters, calendar words.
const NOT_ACTORS: &[&str] = &[
    "Getty",
    "Images",
    "Check Also",
    "Powered",
    "Updated",
    "Earlier",
    "Despite",
    "According",
    "Friday",
    "Tuesday",
    "January",
    "February",
    "Israel’s Next War",
    "Mounting Pressure",
];

/// Titles and ranks that belong in roles, not names.
const TITLES: &[&str] = &[
    "Col.",
    "Gen.",
    "General",
    "Minister",
    "Secretary",
    "Ambassador",
    "PM",
    "Mr",
    "President",
    "Maj",
    "Lieutenant",
    "spokesman",
];

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .to_lowercase()
}

#[test]
fn every_person_is_one_actor_of_kind_person() {
    let d = bundled();
    let mut failures = Vec::new();
    for (name, surname) in PEOPLE {
        let matching: Vec<_> = d
            .actors
            .iter()
            .filter(|a| a.name.contains(surname))
            .collect();
        let people: Vec<_> = matching
            .iter()
            .filter(|a| a.kind == ActorKind::Person)
            .collect();
        if people.len() != 1 || fold(&people[0].name) != fold(name) || matching.len() != 1 {
            failures.push(format!(
                "{name}: {:?}",
                matching
                    .iter()
                    .map(|a| (&a.name, a.kind))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Surname mentions resolve to the full name: Dillon is mentioned six times.
    let dillon = d
        .actors
        .iter()
        .find(|a| a.name == "Ryan Dillon")
        .expect("Dillon");
    assert!(dillon.mentions.len() >= 5, "{}", dillon.mentions.len());
    assert!(
        dillon.roles.iter().any(|r| r.contains("Col.")),
        "{:?}",
        dillon.roles
    );
}

#[test]
fn no_furniture_starter_or_title_in_actor_names() {
    let d = bundled();
    for a in &d.actors {
        for bad in NOT_ACTORS {
            assert!(!a.name.contains(bad), "{} ({:?})", a.name, a.kind);
        }
        if a.kind == ActorKind::Person {
            for t in TITLES {
                assert!(
                    !a.name.split_whitespace().any(|w| w == *t),
                    "title in {}",
                    a.name
                );
            }
        }
    }
    // Page furniture yields no mention at all.
    for doc in &d.docs {
        for m in &doc.extraction.mentions {
            assert!(
                !doc.article.in_skipped(&m.span),
                "{}",
                &doc.article.text[m.span.clone()]
            );
        }
    }
}

#[test]
fn aliases_and_acronyms_resolve_to_one_actor() {
    let d = bundled();
    let find = |name: &str| {
        d.actors
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let pmf = find("Popular Mobilization Forces");
    assert!(
        pmf.aliases.iter().any(|a| a == "PMF")
            && pmf.aliases.iter().any(|a| a == "Hashd al-Shaabi"),
        "{:?}",
        pmf.aliases
    );
    let isis = find("Islamic State");
    assert!(
        isis.aliases.iter().any(|a| a == "Daesh") && isis.aliases.iter().any(|a| a == "ISIS"),
        "{:?}",
        isis.aliases
    );
    let pentagon = find("U.S. Department of Defense");
    assert!(
        pentagon.aliases.iter().any(|a| a == "Pentagon"),
        "{:?}",
        pentagon.aliases
    );
    assert_eq!(find("Islamic State").kind, ActorKind::Group);
    assert_eq!(find("Iraq").kind, ActorKind::Place);
}
