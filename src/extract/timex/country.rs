//! Which country a text is about, for the national days whose date depends on it
//! (`assets/timex/national_days.tsv`): the one it names most often, by the names of
//! the country, its people, its capital and largest cities in
//! `assets/timex/countries.tsv`.

use regex::Regex;

use super::RuleError;
use crate::hashing::Map;

const TABLE: &str = include_str!("../../../assets/timex/countries.tsv");

/// The compiled table.
#[derive(Debug, Clone)]
pub(crate) struct Countries {
    /// The countries in table order; the first is the default (the United States).
    countries: Vec<String>,
    /// Every name, the longest first, from a word boundary.
    names: Regex,
    /// The country (index in `countries`) of each name.
    country_of: Map<String, usize>,
}

impl Countries {
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
            let bad = |why: &str| RuleError(format!("countries.tsv:{}: {why}", n + 1));
            let [name, names] = line.split('\t').collect::<Vec<_>>()[..] else {
                return Err(bad("expected country<TAB>names"));
            };
            for alias in names.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                if country_of
                    .insert(alias.to_string(), countries.len())
                    .is_some()
                {
                    return Err(bad(&format!("{alias:?} names two countries")));
                }
            }
            countries.push(name.to_string());
        }
        if countries.is_empty() {
            return Err(RuleError("countries.tsv: no countries".into()));
        }
        let mut all: Vec<&String> = country_of.keys().collect();
        all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternatives: Vec<String> = all.iter().map(|a| regex::escape(a)).collect();
        let names = Regex::new(&format!(r"\b(?:{})", alternatives.join("|")))
            .map_err(|e| RuleError(format!("countries.tsv: {e}")))?;
        Ok(Self {
            countries,
            names,
            country_of,
        })
    }

    /// How often `text` names each country, in table order.
    pub(crate) fn counts(&self, text: &str) -> Vec<usize> {
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
        counts
    }

    /// The country a text with `counts` ([`counts`](Self::counts)) is about among
    /// those `eligible` (those that keep a holiday): the one it names most often, when
    /// it names it at least twice, more often than any other eligible one and more
    /// often than the first (default) country; `None` for the default.
    pub(crate) fn choose(&self, counts: &[usize], eligible: &dyn Fn(&str) -> bool) -> Option<&str> {
        let default = counts.first().copied().unwrap_or(0);
        let named: Vec<(usize, usize)> = counts
            .iter()
            .copied()
            .enumerate()
            .skip(1)
            .filter(|&(i, c)| c > 0 && self.countries.get(i).is_some_and(|n| eligible(n)))
            .collect();
        let &(best, most) = named
            .iter()
            .max_by_key(|&&(i, c)| (c, std::cmp::Reverse(i)))?;
        let tied = named.iter().any(|&(i, c)| i != best && c == most);
        (most >= 2 && most > default && !tied)
            .then(|| self.countries.get(best).map(String::as_str))
            .flatten()
    }

    /// The country named right before byte `at` of `text` (maybe with a possessive:
    /// "Ukraine's [Independence Day]", "Mexican [Independence Day]").
    pub(crate) fn named_before(&self, text: &str, at: usize) -> Option<&str> {
        let before = text.get(..at)?.trim_end();
        let before = before
            .strip_suffix("'s")
            .or_else(|| before.strip_suffix("’s"))
            .unwrap_or(before);
        // The longest name is a few words: look at the last 40 bytes only.
        let mut from = before.len().saturating_sub(40);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let found = self
            .names
            .find_iter(before.get(from..)?)
            .filter(|m| from + m.end() == before.len())
            .last()?;
        let i = *self.country_of.get(found.as_str())?;
        self.countries.get(i).map(String::as_str)
    }

    /// Whether `country` is the first (default) country of the table.
    pub(crate) fn is_default(&self, country: &str) -> bool {
        self.countries.first().is_some_and(|c| c == country)
    }

    /// Whether `country` is a row of the table, for tests.
    #[cfg(test)]
    pub(crate) fn knows(&self, country: &str) -> bool {
        self.countries.iter().any(|c| c == country)
    }

    /// [`choose`](Self::choose) among all countries, for `text`.
    #[cfg(test)]
    fn of_text(&self, text: &str) -> Option<&str> {
        self.choose(&self.counts(text), &|_| true)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn of(text: &str) -> Option<String> {
        Countries::bundled()
            .unwrap()
            .of_text(text)
            .map(str::to_string)
    }

    #[test]
    fn the_country_named_most_is_the_texts() {
        assert_eq!(
            of("Nigerian troops paraded in Abuja. Nigeria marks the day with prayers."),
            Some("Nigeria".into())
        );
        // The longest name first: South Sudan is not Sudan.
        assert_eq!(
            of("South Sudan's leaders met; South Sudanese crowds cheered; Sudan sent envoys."),
            Some("South Sudan".into())
        );
        // Its capital counts; two countries named as often, or one named once,
        // tell nothing.
        assert_eq!(
            of("Crowds gathered in Kampala. Uganda's president spoke."),
            Some("Uganda".into())
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
    fn a_name_right_before_the_holiday_decides() {
        let c = Countries::bundled().unwrap();
        let text = "US officials joined Ukraine's Independence Day";
        let at = text.find("Independence").unwrap();
        assert_eq!(c.named_before(text, at), Some("Ukraine"));
        let text = "Mexican Independence Day";
        assert_eq!(c.named_before(text, 8), Some("Mexico"));
        let text = "Crowds marked Independence Day";
        assert_eq!(c.named_before(text, 14), None);
    }

    #[test]
    fn the_table_is_checked() {
        assert!(Countries::parse("A\t07-04\tA").is_err());
        assert!(Countries::parse("A\tA, B\nC\tB").is_err());
        assert!(Countries::parse("# only a comment").is_err());
        assert!(Countries::bundled().is_ok());
    }
}
