//! Search over events: free words match event titles, passages and actor names;
//! field filters narrow further — `actor:NAME`, `article:WORDS` (id, title or
//! outlet), `from:DATE`, `to:DATE` (`2024`, `2024-02`, `2024-02-07`), `kind:KIND`
//! (an actor kind: person, organization, group, place). Values with spaces are
//! quoted: `actor:"Lloyd Austin"`.

use jiff::civil::Date;

use crate::extract::actors::ActorKind;
use crate::model::{Dataset, Event};

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Free words (lower case); all must match.
    pub words: Vec<String>,
    /// `actor:` values (lower case); each must match an actor of the event.
    pub actors: Vec<String>,
    /// `article:` values (lower case).
    pub articles: Vec<String>,
    /// `from:` — events ending on or after this day.
    pub from: Option<Date>,
    /// `to:` — events starting on or before this day.
    pub to: Option<Date>,
    /// `kind:` — the event involves an actor of this kind.
    pub kind: Option<ActorKind>,
    /// Parts that could not be understood, for the UI to show.
    pub errors: Vec<String>,
}

/// One filter of a query, for display as a removable chip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    /// The text of the filter as typed (`actor:austin`).
    pub text: String,
}

/// Splits a query into tokens, keeping quoted values together.
fn tokens(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Parses a date bound: `2024`, `2024-02` or `2024-02-07`; `end` picks the last day.
pub fn parse_bound(s: &str, end: bool) -> Option<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    let year: i16 = parts.first()?.parse().ok()?;
    match parts.as_slice() {
        [_] => Date::new(year, if end { 12 } else { 1 }, if end { 31 } else { 1 }).ok(),
        [_, m] => {
            let first = Date::new(year, m.parse().ok()?, 1).ok()?;
            Some(if end { first.last_of_month() } else { first })
        }
        [_, m, d] => Date::new(year, m.parse().ok()?, d.parse().ok()?).ok(),
        _ => None,
    }
}

impl Query {
    /// Parses `input`.
    pub fn parse(input: &str) -> Self {
        let mut q = Self::default();
        for token in tokens(input) {
            let lower = token.to_lowercase();
            match lower.split_once(':') {
                Some(("actor", v)) if !v.is_empty() => q.actors.push(v.to_string()),
                Some(("article", v)) if !v.is_empty() => q.articles.push(v.to_string()),
                Some(("from", v)) => match parse_bound(v, false) {
                    Some(d) => q.from = Some(d),
                    None => q.errors.push(token.clone()),
                },
                Some(("to", v)) => match parse_bound(v, true) {
                    Some(d) => q.to = Some(d),
                    None => q.errors.push(token.clone()),
                },
                Some(("kind", v)) => match v {
                    "person" | "people" => q.kind = Some(ActorKind::Person),
                    "organization" | "organisation" | "org" => {
                        q.kind = Some(ActorKind::Organization)
                    }
                    "group" => q.kind = Some(ActorKind::Group),
                    "place" => q.kind = Some(ActorKind::Place),
                    _ => q.errors.push(token.clone()),
                },
                _ => q.words.push(lower),
            }
        }
        q
    }

    /// Whether the query asks for nothing.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.actors.is_empty()
            && self.articles.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.kind.is_none()
    }

    /// Whether `event` matches.
    pub fn matches(&self, dataset: &Dataset, event: &Event) -> bool {
        if self.from.is_some_and(|f| event.interval.end < f)
            || self.to.is_some_and(|t| event.interval.start > t)
        {
            return false;
        }
        let actors: Vec<_> = event
            .actors
            .iter()
            .filter_map(|a| dataset.actors.get(*a))
            .collect();
        if self
            .kind
            .is_some_and(|k| !actors.iter().any(|a| a.kind == k))
        {
            return false;
        }
        let actor_match = |v: &String| {
            actors.iter().any(|a| {
                a.name.to_lowercase().contains(v.as_str())
                    || a.aliases
                        .iter()
                        .any(|x| x.to_lowercase().contains(v.as_str()))
            })
        };
        if !self.actors.iter().all(actor_match) {
            return false;
        }
        let docs: Vec<_> = event
            .mentions
            .iter()
            .filter_map(|m| dataset.docs.get(m.doc))
            .collect();
        let article_match = |v: &String| {
            docs.iter().any(|d| {
                let a = &d.article;
                a.id.to_lowercase().contains(v.as_str())
                    || a.title.to_lowercase().contains(v.as_str())
                    || a.source
                        .as_deref()
                        .is_some_and(|s| s.to_lowercase().contains(v.as_str()))
            })
        };
        if !self.articles.iter().all(article_match) {
            return false;
        }
        self.words.iter().all(|w| {
            event.title.to_lowercase().contains(w.as_str())
                || actor_match(w)
                || event.mentions.iter().any(|m| {
                    dataset
                        .docs
                        .get(m.doc)
                        .and_then(|d| d.article.text.get(m.passage.clone()))
                        .is_some_and(|p| p.to_lowercase().contains(w.as_str()))
                })
        })
    }
}

/// The query's parts as chips, each removable with [`remove_chip`].
pub fn chips(input: &str) -> Vec<Chip> {
    tokens(input)
        .into_iter()
        .map(|text| Chip { text })
        .collect()
}

/// `input` without the chip at `index`.
pub fn remove_chip(input: &str, index: usize) -> String {
    tokens(input)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, t)| if t.contains(' ') { quote(&t) } else { t })
        .collect::<Vec<_>>()
        .join(" ")
}

fn quote(token: &str) -> String {
    match token.split_once(':') {
        Some((field, value)) => format!("{field}:\"{value}\""),
        None => format!("\"{token}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_fields_and_quotes() {
        let q = Query::parse(
            "strike actor:\"Lloyd Austin\" from:2024-02 to:2024 kind:person article:rudaw bogus:x",
        );
        assert_eq!(q.words, ["strike", "bogus:x"]);
        assert_eq!(q.actors, ["lloyd austin"]);
        assert_eq!(q.articles, ["rudaw"]);
        assert_eq!(q.from, Some(date(2024, 2, 1)));
        assert_eq!(q.to, Some(date(2024, 12, 31)));
        assert_eq!(q.kind, Some(ActorKind::Person));
        assert!(Query::parse("from:yesterday").errors.len() == 1);
        assert!(Query::parse("  ").is_empty());
    }

    #[test]
    fn bounds() {
        assert_eq!(parse_bound("2024-02", true), Some(date(2024, 2, 29)));
        assert_eq!(parse_bound("2023-02-30", false), None);
        assert_eq!(parse_bound("x", false), None);
    }

    #[test]
    fn chips_can_be_removed() {
        let input = "talks actor:\"Lloyd Austin\" from:2024";
        let c = chips(input);
        assert_eq!(
            c.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["talks", "actor:Lloyd Austin", "from:2024"]
        );
        assert_eq!(remove_chip(input, 0), "actor:\"Lloyd Austin\" from:2024");
        assert_eq!(remove_chip(input, 2), "talks actor:\"Lloyd Austin\"");
    }
}
