//! Publication dates inferred when neither `meta.jsonl` nor the text states one:
//! a date in the file's path (`2024-02-08-talks.txt`, `20240208_talks.txt`,
//! `2024/02/08/talks.txt`), as archives and downloaders often name files. It is
//! marked `inferred`, never passed off as stated; the user can correct it.

use std::sync::OnceLock;

use jiff::civil::Date;
use regex::Regex;

/// A year, month and day in a path: separated by `-`, `_`, `.` or `/`, or run
/// together (`20240208`), not inside a longer number.
/// (`None` only if the constant pattern failed to compile, which the tests rule out.)
fn path_date_pattern() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:^|[^0-9])((?:19|20)[0-9]{2})([-_./]?)(0[1-9]|1[0-2])([-_./]?)(0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)",
        )
        .ok()
    })
    .as_ref()
}

/// The date in `path` (relative path of the article, `/`-separated), if one is
/// written there; of several, the last (the file name over its folders).
pub fn date_in_path(path: &str) -> Option<Date> {
    let mut found = None;
    for caps in path_date_pattern()?.captures_iter(path) {
        let (Some(y), Some(s1), Some(m), Some(s2), Some(d)) = (
            caps.get(1),
            caps.get(2),
            caps.get(3),
            caps.get(4),
            caps.get(5),
        ) else {
            continue;
        };
        // Both separators alike: "2024-02-08", "20240208" — not "2024-0208".
        if s1.as_str() != s2.as_str() {
            continue;
        }
        let (Ok(y), Ok(m), Ok(d)) = (
            y.as_str().parse::<i16>(),
            m.as_str().parse::<i8>(),
            d.as_str().parse::<i8>(),
        ) else {
            continue;
        };
        if let Ok(date) = Date::new(y, m, d) {
            found = Some(date);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_paths() {
        let d = |s: &str| date_in_path(s).map(|d| d.to_string());
        assert_eq!(d("2024-02-08-talks.txt").as_deref(), Some("2024-02-08"));
        assert_eq!(d("news/20190312_floods.txt").as_deref(), Some("2019-03-12"));
        assert_eq!(d("2021/06/18/talks.txt").as_deref(), Some("2021-06-18"));
        assert_eq!(d("archive_1998.07.30.md").as_deref(), Some("1998-07-30"));
        assert_eq!(
            d("2019/2020-01-05 story.txt").as_deref(),
            Some("2020-01-05")
        );
        // Not dates: ids, invalid days, mixed separators, long numbers.
        assert_eq!(d("000_8e7fbcd98cf36e99.txt"), None);
        assert_eq!(d("2024-02-31-x.txt"), None);
        assert_eq!(d("2024-0208.txt"), None);
        assert_eq!(d("id_120240208_9.txt"), None);
        assert_eq!(d("report.txt"), None);
    }
}
