//! Whose Independence Day a text means: the country it names most often, from the
//! table `assets/timex/independence_days.tsv` (each country's day and the names of
//! the country and its people).

use regex::Regex;

use super::RuleError;
use crate::hashing::Map;

const TABLE: &str = include_str!("../../../assets/timex/independence_days.tsv");

/// One country's Independence Day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Country {
    pub name: String,
    /// The day as a fixed-date holiday rule (`MM-DD`, as in holidays.tsv).
    pub rule: String,
}

/// The compiled table.
#[derive(Debug, Clone)]
pub(crate) struct Independence {
    /// The countries in table order; the first is the default (the United States).
    countries: Vec<Country>,
    /// Every name, the longest first, from a word boundary.
    names: Regex,
    /// The country (index in `countries`) of each name.
    country_of: Map<String, usize>,
}

impl Independence {
    /// Parses the bundled table.
    pub(crate) fn bundled() -> Result<Self, RuleError> {
        Self::parse(TABLE)
    }

    fn parse(table: &str) -> Result<Self, RuleError> {
        let mut countries = Vec::new();
        let mut country_of = Map::default();
        for (n, line) in table.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| RuleError(format!("independence_days.tsv:{}: {why}", n + 1));
            let [name, day, names] = line.split('\t').collect::<Vec<_>>()[..] else {
                return Err(bad("expected country<TAB>MM-DD<TAB>names"));
            };
            let valid = day
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse::<i8>().ok()?, d.parse::<i8>().ok()?)))
                .is_some_and(|(m, d)| jiff::civil::Date::new(2000, m, d).is_ok());
            if day.len() != 5 || !valid {
                return Err(bad("the day is no MM-DD"));
            }
            for alias in names.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                if country_of
                    .insert(alias.to_string(), countries.len())
                    .is_some()
                {
                    return Err(bad(&format!("{alias:?} names two countries")));
                }
            }
            countries.push(Country {
                name: name.to_string(),
                rule: day.to_string(),
            });
        }
        if countries.is_empty() {
            return Err(RuleError("independence_days.tsv: no countries".into()));
        }
        let mut all: Vec<&String> = country_of.keys().collect();
        all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternatives: Vec<String> = all.iter().map(|a| regex::escape(a)).collect();
        let names = Regex::new(&format!(r"\b(?:{})", alternatives.join("|")))
            .map_err(|e| RuleError(format!("independence_days.tsv: {e}")))?;
        Ok(Self {
            countries,
            names,
            country_of,
        })
    }

    /// The country whose Independence Day `text` means: the one it names most often,
    /// when it names it at least twice, more often than any other and more often
    /// than the first (default) country; `None` for the default.
    pub(crate) fn of_text(&self, text: &str) -> Option<&Country> {
        let mut counts = vec![0usize; self.countries.len()];
        for m in self.names.find_iter(text) {
            // A whole word: "US" is not the start of "USAir".
            let next = text.get(m.end()..).and_then(|rest| rest.chars().next());
            if next.is_some_and(char::is_alphanumeric) {
                continue;
            }
            if let Some(&i) = self.country_of.get(m.as_str())
                && let Some(count) = counts.get_mut(i)
            {
                *count += 1;
            }
        }
        let default = counts.first().copied().unwrap_or(0);
        let (best, &most) = counts
            .iter()
            .enumerate()
            .skip(1)
            .max_by_key(|&(i, &c)| (c, std::cmp::Reverse(i)))?;
        let tied = counts
            .iter()
            .enumerate()
            .skip(1)
            .any(|(i, &c)| i != best && c == most);
        (most >= 2 && most > default && !tied)
            .then(|| self.countries.get(best))
            .flatten()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn of(text: &str) -> Option<String> {
        Independence::bundled()
            .unwrap()
            .of_text(text)
            .map(|c| format!("{} {}", c.name, c.rule))
    }

    #[test]
    fn the_country_named_most_gives_the_day() {
        assert_eq!(
            of("Nigerian troops paraded in Abuja. Nigeria marks the day with prayers."),
            Some("Nigeria 10-01".into())
        );
        // The longest name first: South Sudan is not Sudan.
        assert_eq!(
            of("South Sudan's leaders met; South Sudanese crowds cheered; Sudan sent envoys."),
            Some("South Sudan 07-09".into())
        );
        // Its capital counts; two countries named as often, or one named once,
        // tell nothing.
        assert_eq!(
            of("Crowds gathered in Kampala. Uganda's president spoke."),
            Some("Uganda 10-09".into())
        );
        assert_eq!(
            of("Nigeria and Liberia sent doctors to Abuja and Monrovia."),
            None
        );
        assert_eq!(of("Parades were held across Nigeria."), None);
        // Not more often than the United States, nor none at all: the default.
        assert_eq!(
            of("U.S. troops in Iraq held a barbecue, American officials said."),
            None
        );
        assert_eq!(of("Fireworks lit up the sky."), None);
        // Whole words only, case-sensitive.
        assert_eq!(of("Indiana voters and indian summer"), None);
    }

    #[test]
    fn the_table_is_checked() {
        assert!(Independence::parse("A\t13-01\tA").is_err());
        assert!(Independence::parse("A\t07-04\tA, B\nC\t10-01\tB").is_err());
        assert!(Independence::parse("# only a comment").is_err());
        assert!(Independence::bundled().is_ok());
    }
}
