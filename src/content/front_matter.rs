//! Splits a post into front matter and body, and reads the front matter into plain fields.
//!
//! Front matter counts only at the very start of the file (after an optional BOM): `---` YAML,
//! `+++` TOML or a `{` JSON object. pulldown-cmark's own metadata options are not used because
//! they also take a `---` block later in a post for metadata.

use serde_json::{Map, Value};

use super::plain_yaml;
use super::problem::Problem;

/// The three front matter languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// A post cut in two. `body_offset` is a byte offset into the text that was split and
/// `body_line` the 1-based line the body starts on, so later messages can name real lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: Option<(Format, &'a str)>,
    /// 1-based line of the first line inside the front matter block.
    pub front_matter_line: usize,
    pub body: &'a str,
    pub body_offset: usize,
    pub body_line: usize,
}

/// Fields of the front matter, as loosely typed values, keyed by name.
pub type Fields = Map<String, Value>;

/// Splits `text` at its front matter. A block that is opened but never closed is reported, and
/// the whole text is then treated as body.
pub fn split(text: &str) -> (Split<'_>, Option<Problem>) {
    let start = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    // Zola allows blank lines before its `+++` block.
    let blank = text[start..].len() - text[start..].trim_start_matches(['\n', '\r']).len();
    let no_front_matter = Split {
        front_matter: None,
        front_matter_line: 1,
        body: &text[start..],
        body_offset: start,
        body_line: 1,
    };
    let (start, blank_lines) = if blank > 0 && first_line(&text[start + blank..]) == "+++" {
        (
            start + blank,
            text[start..start + blank].matches('\n').count(),
        )
    } else {
        (start, 0)
    };
    let after_bom = &text[start..];
    let (format, fence) = if after_bom.starts_with('{') {
        return split_json(text, start);
    } else if first_line(after_bom) == "---" {
        (Format::Yaml, "---")
    } else if first_line(after_bom) == "+++" {
        (Format::Toml, "+++")
    } else {
        return (no_front_matter, None);
    };
    let open_len = line_len_with_break(after_bom);
    let inner_start = start + open_len;
    let mut offset = inner_start;
    let mut line = 2 + blank_lines;
    while offset < text.len() {
        let rest = &text[offset..];
        let len = line_len_with_break(rest);
        let content = first_line(rest);
        if content == fence || (format == Format::Yaml && content == "...") {
            let body_offset = offset + len;
            let split = Split {
                front_matter: Some((format, &text[inner_start..offset])),
                front_matter_line: 2 + blank_lines,
                body: &text[body_offset..],
                body_offset,
                body_line: line + 1,
            };
            return (split, None);
        }
        offset += len;
        line += 1;
    }
    let problem = Problem::error(
        1,
        format!(
            "{} front matter opened here is never closed with `{fence}`",
            format.name()
        ),
    );
    (no_front_matter, Some(problem))
}

/// A JSON object at the start, ended where the object ends (Hugo's rule).
fn split_json(text: &str, start: usize) -> (Split<'_>, Option<Problem>) {
    let json = &text[start..];
    let mut stream = serde_json::Deserializer::from_str(json).into_iter::<Value>();
    let end = match stream.next() {
        Some(Ok(_)) => start + stream.byte_offset(),
        other => {
            let (line, message) = match other {
                Some(Err(error)) => (error.line().max(1), short(&error)),
                _ => (1, "no JSON object".to_string()),
            };
            let problem = Problem::error(line, format!("JSON front matter: {message}"));
            let split = Split {
                front_matter: None,
                front_matter_line: 1,
                body: json,
                body_offset: start,
                body_line: 1,
            };
            return (split, Some(problem));
        }
    };
    let inner = &text[start..end];
    let rest = &text[end..];
    let skip = line_len_with_break(rest).min(rest.len());
    let skip = if rest[..skip].trim().is_empty() {
        skip
    } else {
        0
    };
    let body_offset = end + skip;
    let split = Split {
        front_matter: Some((Format::Json, inner)),
        front_matter_line: 1,
        body: &text[body_offset..],
        body_offset,
        body_line: 1 + text[..body_offset].matches('\n').count(),
    };
    (split, None)
}

fn first_line(text: &str) -> &str {
    text[..text.find(['\n', '\r']).unwrap_or(text.len())].trim_end()
}

/// Length of the first line including its line break: `\n`, `\r\n` or a lone `\r`, the three
/// line endings CommonMark knows.
fn line_len_with_break(text: &str) -> usize {
    let bytes = text.as_bytes();
    match text.find(['\n', '\r']) {
        Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => i + 2,
        Some(i) => i + 1,
        None => text.len(),
    }
}

/// Front matter larger than this is not parsed. Real front matter is a few hundred bytes; the
/// limit leaves room for long lists of resources or aliases while keeping parsing quick.
pub const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

/// YAML aliases (`*name`) allowed in front matter. Each alias copies what its anchor holds, so
/// a few hundred kilobytes with thousands of aliases would expand to gigabytes.
pub const MAX_YAML_ALIASES: usize = 256;

/// Deepest nesting of `[` and `{` allowed in YAML front matter. The YAML parser takes time that
/// grows quadratically with nesting before it gives up on its own, so it never sees more.
pub const MAX_YAML_NESTING: usize = 64;

/// Reads a front matter block into fields. A block that doesn't parse yields no fields and an
/// error naming its line in the file; so does one past a limit, and the message names the limit.
pub fn parse(format: Format, raw: &str, first_line: usize) -> Result<Fields, Problem> {
    if raw.len() > MAX_FRONT_MATTER_BYTES {
        return Err(Problem::error(
            first_line,
            format!(
                "{} front matter is larger than {} KB; not read",
                format.name(),
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        ));
    }
    let value = match format {
        Format::Yaml => parse_yaml(raw, first_line)?,
        Format::Toml => parse_toml(raw, first_line)?,
        Format::Json => serde_json::from_str::<Value>(raw).map_err(|error| {
            let line = first_line + error.line().saturating_sub(1);
            Problem::error(line, format!("JSON front matter: {}", short(&error)))
        })?,
    };
    match value {
        Value::Object(fields) => Ok(fields),
        Value::Null => Ok(Fields::new()),
        _ => Err(Problem::error(
            first_line,
            format!(
                "{} front matter is not a set of `key: value` fields",
                format.name()
            ),
        )),
    }
}

/// Plain front matter is read directly, the rest by the YAML parser.
fn parse_yaml(raw: &str, first_line: usize) -> Result<Value, Problem> {
    match plain_yaml::parse(raw) {
        Some(fields) => Ok(Value::Object(fields)),
        None => parse_yaml_fully(raw, first_line),
    }
}

pub(super) fn parse_yaml_fully(raw: &str, first_line: usize) -> Result<Value, Problem> {
    yaml_within_limits(raw).map_err(|message| {
        Problem::error(
            first_line,
            format!("YAML front matter: {message}; not read"),
        )
    })?;
    let value: serde_yaml::Value = serde_yaml::from_str(raw).map_err(|error| {
        let line = first_line + error.location().map_or(0, |l| l.line().saturating_sub(1));
        Problem::error(line, format!("YAML front matter: {}", short(&error)))
    })?;
    Ok(yaml_to_json(value))
}

/// A quick scan that refuses YAML the parser would spend too long or too much memory on. It
/// counts generously (a `*` or `[` inside a quoted string counts too), which is safe: real
/// front matter stays far below both limits.
fn yaml_within_limits(raw: &str) -> Result<(), String> {
    let bytes = raw.as_bytes();
    let mut aliases = 0;
    let mut depth = 0usize;
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_YAML_NESTING {
                    return Err(format!(
                        "lists or maps nested more than {MAX_YAML_NESTING} deep"
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'*' if bytes
                .get(i + 1)
                .is_some_and(|next| !next.is_ascii_whitespace() && *next != b'*') =>
            {
                aliases += 1;
                if aliases > MAX_YAML_ALIASES {
                    return Err(format!("more than {MAX_YAML_ALIASES} aliases (`*name`)"));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn parse_toml(raw: &str, first_line: usize) -> Result<Value, Problem> {
    let table: toml::Table = raw.parse().map_err(|error: toml::de::Error| {
        let at = error.span().map_or(0, |span| span.start);
        let line = first_line + raw[..at.min(raw.len())].matches('\n').count();
        Problem::error(
            line,
            format!("TOML front matter: {}", error.message().trim()),
        )
    })?;
    Ok(toml_to_json(toml::Value::Table(table)))
}

fn yaml_to_json(value: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => n
            .as_i64()
            .map(Value::from)
            .or_else(|| n.as_u64().map(Value::from))
            .or_else(|| n.as_f64().map(Value::from))
            .unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .filter_map(|(key, value)| Some((yaml_key(key)?, yaml_to_json(value))))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

/// Mapping keys as text; keys that are themselves lists or maps are dropped.
fn yaml_key(key: serde_yaml::Value) -> Option<String> {
    match yaml_to_json(key) {
        Value::String(s) => Some(s),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(dt) => Value::String(dt.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// A parser's message on one line, without its own "at line N column M" (we give the line).
fn short(error: &dyn std::fmt::Display) -> String {
    let message = error.to_string();
    let first = message.lines().next().unwrap_or_default();
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_block_is_split_with_lines() {
        let text = "---\ntitle: Hi\n---\nBody\n";
        let (split, problem) = split(text);
        assert_eq!(problem, None);
        assert_eq!(split.front_matter, Some((Format::Yaml, "title: Hi\n")));
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn bom_and_crlf_are_tolerated() {
        let text = "\u{FEFF}---\r\ntitle: Hi\r\n---\r\nBody\r\n";
        let (split, problem) = split(text);
        assert_eq!(problem, None);
        assert_eq!(split.front_matter, Some((Format::Yaml, "title: Hi\r\n")));
        assert_eq!(split.body, "Body\r\n");
        let fields = parse(Format::Yaml, "title: Hi\r\n", 2).unwrap();
        assert_eq!(fields["title"], "Hi");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let (split, problem) = split("---\rtitle: Hi\r---\rBody\rmore");
        assert_eq!(problem, None);
        assert_eq!(split.front_matter, Some((Format::Yaml, "title: Hi\r")));
        assert_eq!(split.body, "Body\rmore");
        assert_eq!(split.body_line, 4);
        let fields = parse(Format::Yaml, "title: Hi\r", 2).unwrap();
        assert_eq!(fields["title"], "Hi");
    }

    #[test]
    fn toml_block_with_native_datetime() {
        let text = "+++\ntitle = \"T\"\ndate = 2025-06-14T08:30:00+02:00\n+++\n\nBody";
        let (split, _) = split(text);
        let (format, raw) = split.front_matter.unwrap();
        assert_eq!(format, Format::Toml);
        let fields = parse(format, raw, split.front_matter_line).unwrap();
        assert_eq!(fields["date"], "2025-06-14T08:30:00+02:00");
        assert_eq!(split.body, "\nBody");
    }

    #[test]
    fn json_object_ends_where_the_object_ends() {
        let text = "{\n  \"title\": \"J\",\n  \"tags\": [\"a\"]\n}\n\n# Heading\n";
        let (split, problem) = split(text);
        assert_eq!(problem, None);
        let (format, raw) = split.front_matter.unwrap();
        assert_eq!(format, Format::Json);
        assert_eq!(parse(format, raw, 1).unwrap()["title"], "J");
        assert_eq!(split.body, "\n# Heading\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn zola_allows_blank_lines_before_its_block() {
        let (zola, problem) = split("\n\n+++\ntitle = \"Z\"\n+++\nBody\n");
        assert!(problem.is_none());
        assert_eq!(zola.front_matter, Some((Format::Toml, "title = \"Z\"\n")));
        assert_eq!((zola.front_matter_line, zola.body_line), (4, 6));
        assert_eq!(zola.body, "Body\n");
        let (yaml, _) = split("\n---\ntitle: no\n---\n");
        assert_eq!(yaml.front_matter, None, "Hugo's YAML block must come first");
    }

    #[test]
    fn a_later_rule_is_not_front_matter() {
        let text = "Intro\n\n---\ntitle: no\n---\n";
        let (split, problem) = split(text);
        assert_eq!((split.front_matter, problem), (None, None));
        assert_eq!(split.body, text);
    }

    #[test]
    fn unclosed_block_is_an_error_and_all_body() {
        let (split, problem) = split("---\ntitle: x\nno end\n");
        assert_eq!(split.front_matter, None);
        let problem = problem.unwrap();
        assert!(problem.message.contains("never closed"), "{problem:?}");
        assert_eq!(problem.line, 1);
    }

    #[test]
    fn yaml_errors_name_the_file_line() {
        let problem = parse(Format::Yaml, "title: ok\ntags: [a, b\n", 2).unwrap_err();
        assert!(problem.line >= 3, "{problem:?}");
        assert!(problem.message.starts_with("YAML front matter:"));
    }

    #[test]
    fn toml_errors_name_the_file_line() {
        let problem = parse(Format::Toml, "title = \"x\"\ndate = = 3\n", 2).unwrap_err();
        assert_eq!(problem.line, 3);
    }

    #[test]
    fn a_list_is_not_a_field_set() {
        assert!(parse(Format::Yaml, "- a\n- b\n", 2).is_err());
        assert!(parse(Format::Yaml, "", 2).unwrap().is_empty());
    }

    #[test]
    fn yaml_alias_fan_out_is_refused_before_parsing() {
        let big = "x".repeat(100_000);
        let fan_out = format!("x: &x \"{big}\"\nys: [{}]\n", vec!["*x"; 20_000].join(", "));
        let problem = parse(Format::Yaml, &fan_out, 2).unwrap_err();
        assert_eq!(
            problem.message,
            "YAML front matter: more than 256 aliases (`*name`); not read"
        );
        let huge = format!("x: &x \"{}\"\nys: [*x, *x]\n", "x".repeat(300_000));
        let problem = parse(Format::Yaml, &huge, 2).unwrap_err();
        assert_eq!(
            problem.message,
            "YAML front matter is larger than 256 KB; not read"
        );
        let fine = format!("x: &x abc\nys: [{}]\n", ["*x"; 3].join(", "));
        assert_eq!(parse(Format::Yaml, &fine, 2).unwrap()["ys"][2], "abc");
    }

    #[test]
    fn deep_yaml_nesting_is_refused_before_parsing() {
        for (open, close) in [("[", "]"), ("{a: ", "}")] {
            let deep = format!("x: {}{}\n", open.repeat(50_000), close.repeat(50_000));
            let deep = &deep[..deep.len().min(200_000)];
            let problem = parse(Format::Yaml, deep, 2).unwrap_err();
            assert_eq!(
                problem.message,
                "YAML front matter: lists or maps nested more than 64 deep; not read"
            );
        }
        let nested = "x: [[1, [2]], {a: [3]}]\n";
        assert_eq!(parse(Format::Yaml, nested, 2).unwrap()["x"][1]["a"][0], 3);
    }

    #[test]
    fn emphasis_and_brackets_in_real_front_matter_are_fine() {
        let raw = "title: \"A *bold* [guide]\"\ndescription: '**Read** {this}'\ntags: [a, b]\n";
        let fields = parse(Format::Yaml, raw, 2).unwrap();
        assert_eq!(fields["title"], "A *bold* [guide]");
    }

    #[test]
    fn yaml_alias_bomb_is_refused_quickly() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 0..12 {
            let prev = if level == 0 {
                "a".to_string()
            } else {
                format!("l{}", level - 1)
            };
            bomb.push_str(&format!("l{level}: &l{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let problem = parse(Format::Yaml, &bomb, 2).unwrap_err();
        assert!(
            problem.message.starts_with("YAML front matter:"),
            "{problem:?}"
        );
    }
}
