//! Month names that name people: "Prime Minister Theresa May", "analyst Rick May",
//! "Mrs May", "May said". A bare month there is no date: a wrong date on a
//! timeline is worse than none.
//!
//! The given names are the actor recognizer's own list
//! (`assets/actors/firstnames.txt`, less the nationalities of `demonyms.tsv`), so
//! both stages agree on who is a person. A month before a surname is left a month:
//! "June Carter" is rare beside "the February Paris accord" and "April Brent"
//! (crude oil) in business news.

use std::ops::Range;

use crate::hashing::Set;

const FIRST_NAMES: &str = include_str!("../../../assets/actors/firstnames.txt");
const DEMONYMS: &str = include_str!("../../../assets/actors/demonyms.tsv");

/// Words before a surname that say a person is meant ("Mrs May", "Prime Minister
/// May"), lower case, without a final dot.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lady",
    "lord",
    "minister",
    "secretary",
    "chancellor",
    "premier",
    "president",
    "senator",
    "sen",
    "rep",
    "gov",
    "judge",
    "justice",
    "general",
    "gen",
    "col",
    "capt",
    "professor",
    "prof",
];

/// Verbs of saying and doing that follow a person's name, never a month ("May said",
/// "March told reporters"), lower case.
const PERSON_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "argued", "argues", "insisted", "insists",
    "wrote", "writes", "replied", "replies", "warned", "warns", "stated", "states", "claimed",
    "claims", "urged", "urges", "vowed", "vows",
];

/// Nouns that, after a month's possessive, make it a person's ("May's government",
/// "May's cabinet"); a month's own things ("May's figures", "May's election") are
/// not among them.
const PERSON_NOUNS: &[&str] = &[
    "government",
    "cabinet",
    "administration",
    "premiership",
    "leadership",
    "resignation",
    "successor",
    "predecessor",
    "spokesman",
    "spokeswoman",
    "husband",
    "wife",
];

/// Capitalised words that open a sentence before a date ("During Ramadan", "Last
/// Passover"), lower case.
const BEFORE_DATES: &[&str] = &[
    "during",
    "in",
    "after",
    "before",
    "since",
    "until",
    "till",
    "by",
    "for",
    "on",
    "over",
    "throughout",
    "through",
    "from",
    "at",
    "this",
    "last",
    "next",
    "the",
    "a",
    "ahead",
    "amid",
    "around",
    "early",
    "late",
    "mid",
    "holy",
    "blessed",
    "happy",
    "every",
    "each",
];

/// The name lists a month name is checked against.
#[derive(Debug, Default)]
pub(crate) struct PersonNames {
    given: Set<&'static str>,
}

impl PersonNames {
    /// The bundled lists.
    pub fn new() -> Self {
        use crate::extract::actors::asset_lines;
        // "German January output": a given name that is also a nationality says
        // nothing before a month.
        let demonyms: Set<&str> = asset_lines(DEMONYMS)
            .filter_map(|l| l.split('\t').next())
            .collect();
        let mut given: Set<&'static str> = asset_lines(FIRST_NAMES).collect();
        given.retain(|g| !demonyms.contains(g));
        Self { given }
    }

    /// Whether the month name at `month` in `text` (a bare month: no day, no year)
    /// names a person: right after a given name or an honorific ("Theresa May",
    /// "Mrs May"), right before a verb of saying ("May said"), or described by "who"
    /// ("May, who backed Remain").
    pub fn names_person(&self, text: &str, month: &Range<usize>) -> bool {
        self.names_person_after(text, month, false)
    }

    /// Whether a one-word holiday name at `name` in `text` names a person: as
    /// [`names_person`](Self::names_person), or right after any capitalised word
    /// but a preposition or determiner ("Taha Yassin Ramadan", where "During
    /// Ramadan" is the month of fasting). Holiday names are surnames far more often
    /// than they follow a name in a date.
    pub fn names_person_loosely(&self, text: &str, name: &Range<usize>) -> bool {
        self.names_person_after(text, name, true)
    }

    fn names_person_after(&self, text: &str, month: &Range<usize>, any_name: bool) -> bool {
        let before = text.get(..month.start).unwrap_or_default();
        let after = text.get(month.end..).unwrap_or_default();
        // The word right before, on the same line and one space away.
        let previous = before
            .strip_suffix(' ')
            .filter(|b| !b.ends_with(char::is_whitespace))
            .and_then(|b| b.rsplit(|c: char| !c.is_alphanumeric() && c != '.').next())
            .map(|w| w.trim_end_matches('.'))
            .unwrap_or_default();
        let capitalised = |w: &str| {
            w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase)
        };
        if capitalised(previous)
            && (self.given.contains(previous)
                || HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(previous))
                || (any_name
                    && !BEFORE_DATES
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(previous))))
        {
            return true;
        }
        let next = after
            .strip_prefix(' ')
            .map(|a| {
                a.split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        // "released in May said" is a date: the verb counts after no word or a
        // capitalised one only.
        let opens = previous.is_empty() || previous.starts_with(char::is_uppercase);
        let owner = after
            .strip_prefix("'s ")
            .or_else(|| after.strip_prefix("’s "))
            .and_then(|a| a.split(|c: char| !c.is_alphanumeric()).next())
            .is_some_and(|n| PERSON_NOUNS.contains(&n));
        // "May, who backed Remain": a relative "who" describes a person, never a
        // month; not after a preposition ("In May, who …" asks a question).
        let described = [", who ", ", whose "].iter().any(|w| after.starts_with(w))
            && !before.ends_with(['-', '–'])
            && !BEFORE_DATES
                .iter()
                .any(|w| w.eq_ignore_ascii_case(previous));
        opens && PERSON_VERBS.contains(&next) || owner || described
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the first `month` in `text` names a person.
    fn person(text: &str, month: &str) -> bool {
        let at = text.find(month).unwrap_or(0);
        PersonNames::new().names_person(text, &(at..at + month.len()))
    }

    #[test]
    fn months_after_given_names_and_honorifics_are_surnames() {
        assert!(person("Prime Minister Theresa May met EU leaders.", "May"));
        assert!(person("said analyst Rick May of the bank.", "May"));
        assert!(person("Mrs. May left early.", "May"));
        assert!(person("Talks with Chancellor March stalled.", "March"));
        assert!(person(
            "The court heard Judge August on the appeal.",
            "August"
        ));
    }

    #[test]
    fn months_before_verbs_of_saying_are_names() {
        assert!(person("May said the talks were constructive.", "May"));
        assert!(person("On Friday, March told reporters nothing.", "March"));
    }

    #[test]
    fn a_month_owning_a_government_is_a_person() {
        assert!(person("Critics said May's cabinet was split.", "May"));
        assert!(person("June’s successor took office.", "June"));
        assert!(!person("May's figures were revised.", "May"));
        assert!(!person("Analysts await April's jobs report.", "April"));
    }

    #[test]
    fn a_month_described_by_who_is_a_person() {
        assert!(person("May, who leads the party, will stay on.", "May"));
        assert!(person("Voters backed June, whose party won.", "June"));
        // After a preposition "who" opens a question.
        assert!(!person("In May, who would have guessed it?", "May"));
        assert!(!person("Sales in May, which were weak, fell.", "May"));
        assert!(!person(
            "Figures go to Balladur in mid-July, who reports.",
            "July"
        ));
    }

    #[test]
    fn months_in_dates_stay_months() {
        assert!(!person("The vote is expected in May.", "May"));
        assert!(!person("Sales rose in May and fell in June.", "May"));
        assert!(!person("Early May brought rain.", "May"));
        assert!(!person("The plant closed last May.", "May"));
        assert!(!person("In June Congress passed the bill.", "June"));
        assert!(!person("Prices Rose\nMay figures were weak.", "May"));
        assert!(!person("THERESA MAY", "MAY"));
        assert!(!person("By May, the fund said, prices had doubled.", "May"));
        assert!(!person(
            "A survey published in May said prices rose.",
            "May"
        ));
        assert!(!person("In March Carter visited Cairo.", "March"));
        assert!(!person("German January industrial output fell.", "January"));
        assert!(!person(
            "They kept to the February Paris accord.",
            "February"
        ));
        assert!(!person("April Brent traded at 18 dlrs.", "April"));
    }

    /// A one-word holiday name after any capitalised word but a preposition or
    /// determiner is a surname.
    #[test]
    fn holiday_names_after_names_are_surnames() {
        let loosely = |text: &str, name: &str| {
            let at = text.find(name).unwrap_or(0);
            PersonNames::new().names_person_loosely(text, &(at..at + name.len()))
        };
        assert!(loosely(
            "Vice President Taha Yassin Ramadan spoke.",
            "Ramadan"
        ));
        assert!(loosely("The scholar Hani Ramadan left.", "Ramadan"));
        assert!(loosely("Ramadan said the talks failed.", "Ramadan"));
        assert!(!loosely("During Ramadan the fighting eased.", "Ramadan"));
        assert!(!loosely("Fighting eased during Ramadan.", "Ramadan"));
        assert!(!loosely("Ahead of Passover, prices rose.", "Passover"));
    }

    #[test]
    fn the_name_lists_are_read() {
        let names = PersonNames::new();
        assert!(names.given.contains("Theresa"));
        assert!(!names.given.contains("German"), "a nationality");
        assert!(!names.given.contains("# Given names, one a line."));
    }
}
