//! Post dates in every form Hugo, Zola and Jekyll accept, and dates derived from names.
//!
//! A date is kept as written: `2025-12-21T10:00:00` without an offset is a wall-clock time and
//! is shown that way, never shifted into another zone.

use std::cmp::Ordering;
use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

/// A post's date: a calendar date, maybe a time of day, maybe a UTC offset. Stored (in the
/// metadata cache) as plain numbers, so it comes back exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(into = "Stored", try_from = "Stored")]
pub struct PostDate {
    date: Date,
    time: Option<Time>,
    offset: Option<Offset>,
}

impl PostDate {
    /// A date with no time of day.
    pub fn from_date(date: Date) -> Self {
        PostDate {
            date,
            time: None,
            offset: None,
        }
    }

    pub fn date(&self) -> Date {
        self.date
    }

    /// ISO 8601 as written: `2025-12-21`, `2025-12-21T10:00:00` or `2025-12-21T10:00:00+05:30`.
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// Seconds since the epoch used to order posts: the real instant when an offset is known,
    /// the wall-clock time read as UTC when not. Dates with the same key are ordered by how
    /// they are written.
    pub fn sort_key(&self) -> i64 {
        let civil = self.date.to_datetime(self.time.unwrap_or(Time::midnight()));
        let offset = self.offset.unwrap_or(Offset::UTC);
        offset
            .to_timestamp(civil)
            .map(|ts| ts.as_second())
            .unwrap_or_default()
    }
}

/// Year, month, day; hour, minute, second, nanosecond; offset in seconds.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored(i16, i8, i8, Option<(i8, i8, i8, i32)>, Option<i32>);

impl From<PostDate> for Stored {
    fn from(date: PostDate) -> Stored {
        let d = date.date;
        Stored(
            d.year(),
            d.month(),
            d.day(),
            date.time
                .map(|t| (t.hour(), t.minute(), t.second(), t.subsec_nanosecond())),
            date.offset.map(|o| o.seconds()),
        )
    }
}

impl TryFrom<Stored> for PostDate {
    type Error = jiff::Error;

    fn try_from(Stored(year, month, day, time, offset): Stored) -> Result<PostDate, jiff::Error> {
        Ok(PostDate {
            date: Date::new(year, month, day)?,
            time: time.map(|(h, m, s, n)| Time::new(h, m, s, n)).transpose()?,
            offset: offset.map(Offset::from_seconds).transpose()?,
        })
    }
}

impl Ord for PostDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.date.cmp(&other.date))
            .then_with(|| self.time.cmp(&other.time))
    }
}

impl PartialOrd for PostDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        let Some(time) = self.time else { return Ok(()) };
        write!(f, "T{}", time)?;
        match self.offset {
            Some(offset) if offset == Offset::UTC => write!(f, "Z"),
            Some(offset) => {
                let secs = offset.seconds();
                let sign = if secs < 0 { '-' } else { '+' };
                let secs = secs.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)
            }
            None => Ok(()),
        }
    }
}

/// Parses a front matter date: `2025-12-21`, `2025-12-21T10:00:00`, `2025-12-21 10:00`,
/// RFC 3339 with `Z` or an offset, Jekyll's `2024-09-16 21:34:22 +0530`, fractional seconds,
/// a trailing `UTC`, and TOML's native datetimes (which print in these forms).
pub fn parse(input: &str) -> Option<PostDate> {
    let s = input.trim();
    let date = parse_ymd(s.get(..10)?, '-')?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(PostDate::from_date(date));
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?.trim_start();
    let (time, rest) = parse_time(rest)?;
    let offset = parse_offset(rest.trim())?;
    Some(PostDate {
        date,
        time: Some(time),
        offset,
    })
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, and what follows it.
fn parse_time(s: &str) -> Option<(Time, &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(s.len());
    let (clock, rest) = s.split_at(end);
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut parts = hms.split(':');
    let hour: i8 = two_digits(parts.next()?)?;
    let minute: i8 = two_digits(parts.next()?)?;
    let second: i8 = parts.next().map_or(Some(0), two_digits)?;
    if parts.next().is_some() || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = fraction.get(..fraction.len().min(9)).unwrap_or("");
    let nanos = format!("{digits:0<9}").parse::<i32>().unwrap_or(0);
    let time = Time::new(hour, minute, second, nanos).ok()?;
    Some((time, rest))
}

/// Nothing, `Z`, `UTC`, `GMT`, `+05:30`, `+0530` or `+05`.
fn parse_offset(s: &str) -> Option<Option<Offset>> {
    if s.is_empty() {
        return Some(None);
    }
    if matches!(s, "Z" | "z" | "UTC" | "GMT") {
        return Some(Some(Offset::UTC));
    }
    let (sign, digits) = match s.as_bytes()[0] {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|&c| c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60))
        .ok()
        .map(Some)
}

fn two_digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `YYYY-MM-DD` (or with another separator) as a valid calendar date.
fn parse_ymd(s: &str, separator: char) -> Option<Date> {
    let bytes = s.as_bytes();
    if bytes.len() != 10 || bytes[4] != separator as u8 || bytes[7] != separator as u8 {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        let part = &s[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = i16::try_from(digits(0..4)?).ok()?;
    let month = i8::try_from(digits(5..7)?).ok()?;
    let day = i8::try_from(digits(8..10)?).ok()?;
    Date::new(year, month, day).ok()
}

/// Jekyll's and Zola's dated file names: `2024-03-01-slug.md` or `2024-03-01_slug.md`.
pub fn from_file_name(name: &str) -> Option<PostDate> {
    let date = parse_ymd(name.get(..10)?, '-')?;
    matches!(name.as_bytes().get(10), Some(b'-' | b'_')).then(|| PostDate::from_date(date))
}

/// The first `YYYY/MM/DD` or `YYYY-MM-DD` run in a permalink-like string (a `path`, `url` or
/// `slug` field, or the file's own path), standing between separators.
pub fn from_path_like(text: &str) -> Option<PostDate> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|start| {
        let starts_clean = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let end = start + 10;
        let ends_clean = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
        if !(starts_clean && ends_clean) {
            return None;
        }
        let run = text.get(start..end)?;
        parse_ymd(run, '/')
            .or_else(|| parse_ymd(run, '-'))
            .map(PostDate::from_date)
    })
}

impl From<DateTime> for PostDate {
    fn from(dt: DateTime) -> Self {
        PostDate {
            date: dt.date(),
            time: Some(dt.time()),
            offset: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(input: &str) -> Option<String> {
        parse(input).map(|d| d.iso())
    }

    #[test]
    fn hugo_forms_are_kept_as_written() {
        assert_eq!(iso("2025-12-21").as_deref(), Some("2025-12-21"));
        assert_eq!(
            iso("2025-12-21T10:00:00").as_deref(),
            Some("2025-12-21T10:00:00")
        );
        assert_eq!(
            iso("2025-12-21T10:00").as_deref(),
            Some("2025-12-21T10:00:00")
        );
        assert_eq!(
            iso("2025-12-21 10:00:00").as_deref(),
            Some("2025-12-21T10:00:00")
        );
    }

    #[test]
    fn rfc3339_with_zulu_and_offsets() {
        assert_eq!(
            iso("2025-12-21T10:00:00Z").as_deref(),
            Some("2025-12-21T10:00:00Z")
        );
        assert_eq!(
            iso("2025-12-21T10:00:00-07:00").as_deref(),
            Some("2025-12-21T10:00:00-07:00")
        );
        assert_eq!(
            iso("2025-12-21T10:00:00.250+01:00").as_deref(),
            Some("2025-12-21T10:00:00.25+01:00")
        );
    }

    #[test]
    fn jekyll_space_separated_offset() {
        assert_eq!(
            iso("2024-09-16 21:34:22 +0530").as_deref(),
            Some("2024-09-16T21:34:22+05:30")
        );
        assert_eq!(
            iso("2024-09-16 21:34 UTC").as_deref(),
            Some("2024-09-16T21:34:00Z")
        );
    }

    #[test]
    fn impossible_or_malformed_dates_are_rejected() {
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "yesterday",
            "2025-12-21T25:00:00",
            "21/12/2025",
            "2025-12-21T10:00:00+99:00",
            "2025-12-21 at noon",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets_order_by_the_real_instant() {
        let tokyo = parse("2025-01-01T08:00:00+09:00").unwrap();
        let london = parse("2025-01-01T00:00:00Z").unwrap();
        let later = parse("2025-01-01T00:30:00Z").unwrap();
        assert!(
            tokyo < london,
            "08:00 in Tokyo is 23:00 the day before in London"
        );
        assert!(london < later);
    }

    #[test]
    fn dates_from_file_names() {
        assert_eq!(
            from_file_name("2024-03-01-first-post.md")
                .map(|d| d.iso())
                .as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            from_file_name("2024-03-01_zola.md")
                .map(|d| d.iso())
                .as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(from_file_name("2024-03-01.md"), None);
        assert_eq!(from_file_name("notes.md"), None);
    }

    #[test]
    fn dates_from_paths_and_permalinks() {
        let found = |s| from_path_like(s).map(|d| d.iso());
        assert_eq!(
            found("/2023/07/04/independence/").as_deref(),
            Some("2023-07-04")
        );
        assert_eq!(
            found("blog/2024-11-30-winter").as_deref(),
            Some("2024-11-30")
        );
        assert_eq!(found("blog/2025/slug/index.md"), None);
        assert_eq!(found("v12023/07/04x"), None);
        assert_eq!(found("2023/02/30"), None);
    }
}
