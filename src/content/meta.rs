//! The front matter fields folio understands, read tolerantly from loosely typed values.
//!
//! Hugo, Zola and Jekyll spell the same idea differently (`date`/`publishDate`/`pubDate`,
//! `author`/`authors`, Zola's `[taxonomies]`); this module folds them into one [`Meta`].
//! A field of the wrong type becomes a warning, an unknown field is ignored.

use serde_json::Value;

use super::date::{self, PostDate};
use super::front_matter::Fields;
use super::problem::Problem;
use crate::sanitize;

/// What the front matter says about a post.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<PostDate>,
    pub lastmod: Option<PostDate>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
    pub description: Option<String>,
    pub images: Vec<String>,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    /// The page's own URL (`path`, `url`, Jekyll's `permalink`); it may carry a date.
    pub permalink: Option<String>,
    /// Other paths the page answers to: Hugo's and Zola's `aliases`, Jekyll's `redirect_from`.
    pub aliases: Vec<String>,
    /// Hugo's `headless: true` or `build: {list: never}`: a page of the site, never in a list.
    pub headless: bool,
    /// Hugo's `cascade: {build: {list: never}}`: the pages below this one are not listed.
    pub cascade_unlisted: bool,
}

impl Meta {
    /// The names a reader filters by: tags, then categories that are not also tags. Jekyll
    /// blogs often sort posts by category alone.
    pub fn labels(&self) -> Vec<&str> {
        let mut labels: Vec<&str> = self.tags.iter().map(String::as_str).collect();
        for category in &self.categories {
            if !labels.iter().any(|l| l.eq_ignore_ascii_case(category)) {
                labels.push(category);
            }
        }
        labels
    }
}

const DATE_KEYS: [&str; 4] = ["date", "publishDate", "pubDate", "published"];
const LASTMOD_KEYS: [&str; 3] = ["lastmod", "updated", "modified"];

/// Reads [`Meta`] from fields. `raw` is the front matter text and `first_line` its first line
/// in the file, so that a warning can point at the line of its key.
pub fn read(fields: &Fields, raw: &str, first_line: usize) -> (Meta, Vec<Problem>) {
    let mut reader = Reader {
        fields,
        raw,
        first_line,
        problems: Vec::new(),
    };
    let taxonomies = fields.get("taxonomies").and_then(Value::as_object);
    let meta = Meta {
        title: reader.text("title"),
        date: reader.date(&DATE_KEYS),
        lastmod: reader.date(&LASTMOD_KEYS),
        draft: reader.draft(),
        tags: reader.list("tags", taxonomies),
        categories: reader.categories(taxonomies),
        authors: reader.authors(),
        description: reader
            .text("description")
            .or_else(|| reader.text("summary")),
        images: reader.list("images", None),
        weight: reader.integer("weight"),
        slug: reader.text("slug"),
        permalink: reader
            .text("path")
            .or_else(|| reader.text("url"))
            .or_else(|| reader.text("permalink")),
        aliases: {
            let mut aliases = reader.list("aliases", None);
            aliases.extend(reader.list("redirect_from", None));
            aliases
        },
        headless: matches!(fields.get("headless"), Some(Value::Bool(true))) || never_listed(fields),
        cascade_unlisted: match fields.get("cascade") {
            Some(Value::Object(cascade)) => never_listed(cascade),
            Some(Value::Array(cascades)) => cascades
                .iter()
                .filter_map(Value::as_object)
                .any(never_listed),
            _ => false,
        },
    };
    (meta, reader.problems)
}

struct Reader<'a> {
    fields: &'a Fields,
    raw: &'a str,
    first_line: usize,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    /// The file line where `key` is written, for pointing at it; the block's start otherwise.
    fn line_of(&self, key: &str) -> usize {
        self.raw
            .lines()
            .position(|line| {
                let line = line.trim_start().trim_start_matches('"');
                line.strip_prefix(key).is_some_and(|rest| {
                    rest.trim_start_matches('"')
                        .trim_start()
                        .starts_with([':', '='])
                })
            })
            .map_or(self.first_line, |i| self.first_line + i)
    }

    fn wrong_type(&mut self, key: &str, expected: &str) {
        let line = self.line_of(key);
        self.problems.push(Problem::warning(
            line,
            format!("`{key}` should be {expected}; ignored"),
        ));
    }

    fn text(&mut self, key: &str) -> Option<String> {
        match self.fields.get(key)? {
            Value::String(s) => clean(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => None,
            _ => {
                self.wrong_type(key, "text");
                None
            }
        }
    }

    fn integer(&mut self, key: &str) -> Option<i64> {
        match self.fields.get(key)? {
            Value::Number(n) => n.as_i64().or_else(|| {
                self.wrong_type(key, "a whole number");
                None
            }),
            Value::String(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            Value::Null => None,
            _ => {
                self.wrong_type(key, "a whole number");
                None
            }
        }
    }

    /// The first of `keys` that is present. A key holding something other than a date (Jekyll's
    /// `published: false`) is passed over; a date string that can't be read is a warning.
    fn date(&mut self, keys: &[&str]) -> Option<PostDate> {
        for key in keys {
            match self.fields.get(*key) {
                Some(Value::String(s)) => match date::parse(s) {
                    Some(date) => return Some(date),
                    None => {
                        let line = self.line_of(key);
                        let shown: String = s.chars().take(60).collect();
                        self.problems.push(Problem::warning(
                            line,
                            format!("`{key}` \"{shown}\" is not a date folio can read"),
                        ));
                    }
                },
                Some(Value::Bool(_) | Value::Null) | None => {}
                Some(_) => self.wrong_type(key, "a date"),
            }
        }
        None
    }

    /// Hugo's `draft: true`, or Jekyll's `published: false`.
    fn draft(&mut self) -> bool {
        let draft = match self.fields.get("draft") {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => true,
            Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => false,
            None | Some(Value::Null) => false,
            Some(_) => {
                self.wrong_type("draft", "true or false");
                false
            }
        };
        draft || matches!(self.fields.get("published"), Some(Value::Bool(false)))
    }

    /// A list of names: a YAML/TOML list, or one string of space-separated names (Jekyll).
    /// Zola keeps tags and categories under `[taxonomies]`.
    fn list(&mut self, key: &str, fallback: Option<&Fields>) -> Vec<String> {
        let value = self
            .fields
            .get(key)
            .or_else(|| fallback.and_then(|t| t.get(key)));
        match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s)) => s.split_whitespace().filter_map(clean).collect(),
            Some(Value::Array(items)) => {
                let names: Vec<String> = items.iter().filter_map(scalar_text).collect();
                if names.len() < items.len() {
                    self.wrong_type(key, "a list of names");
                }
                names
            }
            Some(_) => {
                self.wrong_type(key, "a list of names");
                Vec::new()
            }
        }
    }

    /// Jekyll's `category` (one name) adds to `categories`.
    fn categories(&mut self, taxonomies: Option<&Fields>) -> Vec<String> {
        let mut names = self.list("categories", taxonomies);
        for name in self.list("category", None) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// `authors` (a list) or `author` (a name, a list, or a map with a `name`).
    fn authors(&mut self) -> Vec<String> {
        let mut names = Vec::new();
        for key in ["authors", "author"] {
            match self.fields.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::Array(items)) => names.extend(items.iter().filter_map(author_name)),
                Some(value) => match author_name(value) {
                    Some(name) => names.push(name),
                    None => self.wrong_type(key, "a name or a list of names"),
                },
            }
        }
        names.dedup();
        names
    }
}

/// Hugo's build options (`build`, formerly `_build`) say `list: never` (or `false`).
fn never_listed(fields: &Fields) -> bool {
    ["build", "_build"].iter().any(|key| {
        fields
            .get(*key)
            .and_then(|build| build.get("list"))
            .is_some_and(|list| match list {
                Value::String(s) => s.eq_ignore_ascii_case("never"),
                Value::Bool(b) => !b,
                _ => false,
            })
    })
}

fn author_name(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map.get("name").and_then(scalar_text),
        other => scalar_text(other),
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Trimmed, terminal-safe, and `None` when empty.
fn clean(s: &str) -> Option<String> {
    let s = sanitize::line(s.trim());
    (!s.is_empty()).then(|| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{Format, parse};

    fn meta(format: Format, raw: &str) -> (Meta, Vec<Problem>) {
        let fields = parse(format, raw, 2).unwrap();
        read(&fields, raw, 2)
    }

    #[test]
    fn hugo_yaml_fields() {
        let raw = "title: \"Notes\"\ndate: 2025-12-21T10:00:00\n# thumb\nimages: [\"a.png\"]\n\
                   draft: false\ntags: [go, rust]\ncategories: [notes]\nauthor: Ann\n\
                   description: About\nweight: 3\nslug: notes\nextra_thing: {a: 1}\n";
        let (meta, problems) = meta(Format::Yaml, raw);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(meta.title.as_deref(), Some("Notes"));
        assert_eq!(meta.date.unwrap().iso(), "2025-12-21T10:00:00");
        assert_eq!(meta.images, ["a.png"]);
        assert_eq!(meta.tags, ["go", "rust"]);
        assert_eq!(meta.categories, ["notes"]);
        assert_eq!(meta.authors, ["Ann"]);
        assert_eq!(meta.description.as_deref(), Some("About"));
        assert_eq!(
            (meta.weight, meta.slug.as_deref()),
            (Some(3), Some("notes"))
        );
        assert!(!meta.draft);
    }

    #[test]
    fn zola_toml_taxonomies_path_and_updated() {
        let raw = "title = \"Z\"\npath = \"2023/04/05/zola\"\nupdated = 2024-01-02\n\
                   [taxonomies]\ntags = [\"ssg\"]\ncategories = [\"web\"]\n";
        let (meta, problems) = meta(Format::Toml, raw);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(meta.date, None);
        assert_eq!(meta.lastmod.unwrap().iso(), "2024-01-02");
        assert_eq!(meta.permalink.as_deref(), Some("2023/04/05/zola"));
        assert_eq!(
            (meta.tags, meta.categories),
            (vec!["ssg".to_string()], vec!["web".to_string()])
        );
    }

    #[test]
    fn jekyll_strings_and_published_false() {
        let raw = "title: J\ndate: 2024-09-16 21:34:22 +0530\ncategories: life travel\n\
                   tags: one two\npublished: false\nauthor:\n  name: Kim\n";
        let (meta, problems) = meta(Format::Yaml, raw);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(meta.date.unwrap().iso(), "2024-09-16T21:34:22+05:30");
        assert_eq!(meta.categories, ["life", "travel"]);
        assert_eq!(meta.tags, ["one", "two"]);
        assert_eq!(meta.authors, ["Kim"]);
        assert!(meta.draft);
    }

    #[test]
    fn jekyll_singular_category_and_redirects() {
        let raw = "title: J\ncategory: rain\ntags: wet cold\nredirect_from: /old/\n\
                   permalink: /monsoon/\n";
        let (meta, problems) = meta(Format::Yaml, raw);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(meta.categories, ["rain"]);
        assert_eq!(meta.tags, ["wet", "cold"]);
        assert_eq!(meta.aliases, ["/old/"]);
        assert_eq!(meta.permalink.as_deref(), Some("/monsoon/"));
    }

    #[test]
    fn hugo_headless_and_cascades() {
        for raw in [
            "headless: true\n",
            "_build:\n  list: never\n",
            "build:\n  list: never\n  render: always\n",
        ] {
            let (own, _) = meta(Format::Yaml, raw);
            assert!(own.headless && !own.cascade_unlisted, "{raw}");
        }
        let (cascade, _) = meta(Format::Yaml, "cascade:\n  build:\n    list: never\n");
        assert!(cascade.cascade_unlisted && !cascade.headless);
        let (list, _) = meta(
            Format::Toml,
            "[[cascade]]\n[cascade._build]\nlist = 'never'\n",
        );
        assert!(list.cascade_unlisted);
        let (always, _) = meta(Format::Yaml, "build:\n  list: always\n");
        assert!(!always.headless);
    }

    #[test]
    fn other_date_keys_are_used_in_order() {
        let (meta, _) = meta(
            Format::Yaml,
            "pubDate: 2020-02-02\npublishDate: 2021-01-01\n",
        );
        assert_eq!(meta.date.unwrap().iso(), "2021-01-01");
    }

    #[test]
    fn wrong_types_are_warnings_at_their_line() {
        let raw = "title: [not, text]\ndate: last tuesday\ntags: 5\ndraft: maybe\nweight: heavy\n";
        let (meta, problems) = meta(Format::Yaml, raw);
        assert_eq!(meta.title, None);
        assert_eq!(meta.date, None);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 5, 4, 6], "{problems:?}");
        assert!(problems[1].message.contains("last tuesday"));
        assert!(problems.iter().all(|p| !p.is_error()));
    }

    #[test]
    fn content_in_fields_is_made_terminal_safe() {
        let (meta, _) = meta(
            Format::Yaml,
            "title: \"evil\\e[2J\\u202Etitle\"\ntags: [\"a\\tb\"]\n",
        );
        assert_eq!(meta.title.as_deref(), Some("evil␛[2Jtitle"));
        assert_eq!(meta.tags, ["a b"]);
    }
}
