//! The shape nearly all YAML front matter has — `key: value` lines, quoted strings, one-line
//! `[a, b]` lists and `- item` lists — read without a YAML parser.
//!
//! The YAML parser costs more than everything else in reading a post, which adds up when a blog
//! has thousands. This reader takes the common case and declines (`None`) anything it cannot be
//! sure to read exactly as the YAML parser would: nesting, anchors, tags, block scalars, escapes,
//! comments after values, numbers other than plain whole ones. The parser then reads the block.

use serde_json::{Map, Value};

/// Longest key read here; YAML limits implicit keys, and real ones are short.
const MAX_KEY_LEN: usize = 128;

/// The fields of `raw`, or `None` when it is not plain enough to be read here.
pub fn parse(raw: &str) -> Option<Map<String, Value>> {
    let lone_cr = raw
        .match_indices('\r')
        .any(|(at, _)| raw.as_bytes().get(at + 1) != Some(&b'\n'));
    let refused = if raw.is_ascii() {
        raw.bytes().any(|b| never_plain(char::from(b)))
    } else {
        raw.chars().any(never_plain)
    };
    if lone_cr || refused {
        return None;
    }
    let mut fields = Map::new();
    let mut lines = raw
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .peekable();
    while let Some(line) = lines.next() {
        if line.trim_start_matches(' ').is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !is_key(key) || fields.contains_key(key) || !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let value = rest.trim_matches(' ');
        let value = if value.is_empty() {
            block_list(&mut lines)?
        } else if let Some(items) = value.strip_prefix('[') {
            flow_list(items.strip_suffix(']')?)?
        } else {
            scalar(value)?
        };
        fields.insert(key.to_string(), value);
    }
    Some(fields)
}

/// Characters the YAML parser treats specially anywhere: tabs, other controls and non-printable
/// characters (refused), and the Unicode line breaks. CR is looked at apart: before LF it is
/// part of a line break, alone it is one.
fn never_plain(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// A key YAML reads as text: a name, and not a word YAML reads as null or true/false.
fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    key.len() <= MAX_KEY_LEN
        && !matches!(
            key,
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The `- item` lines after `key:` (all at one indent); no items is an empty value.
fn block_list<'a>(lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>) -> Option<Value> {
    let mut items = Vec::new();
    let mut indent = None;
    while let Some(line) = lines.peek() {
        let body = line.trim_start_matches(' ');
        let Some(item) = body.strip_prefix("- ") else {
            break;
        };
        let at = line.len() - body.len();
        if *indent.get_or_insert(at) != at {
            return None;
        }
        items.push(scalar(item.trim_matches(' '))?);
        lines.next();
    }
    Some(if indent.is_some() {
        Value::Array(items)
    } else {
        Value::Null
    })
}

/// `a, "b", c` from inside `[...]`.
fn flow_list(inner: &str) -> Option<Value> {
    if inner.trim_matches(' ').is_empty() {
        return Some(Value::Array(Vec::new()));
    }
    inner
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            if item.contains([':', '#', '[', ']', '{', '}']) && !is_quoted(item) {
                return None;
            }
            scalar(item)
        })
        .collect::<Option<Vec<_>>>()
        .map(Value::Array)
}

fn is_quoted(item: &str) -> bool {
    item.len() >= 2
        && ((item.starts_with('"') && item.ends_with('"'))
            || (item.starts_with('\'') && item.ends_with('\'')))
}

/// One value on one line: a quoted string without escapes, or a plain scalar typed as YAML
/// types it (null, true/false, whole numbers, dates left as text, text).
fn scalar(text: &str) -> Option<Value> {
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then(|| Value::String(inner.to_string()));
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.contains('\'')).then(|| Value::String(inner.to_string()));
    }
    let first = text.chars().next()?;
    if "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
    {
        return None;
    }
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    if first.is_ascii_digit() || first == '+' || first == '.' {
        if text == "0"
            || (first != '0' && text.len() < 19 && text.bytes().all(|b| b.is_ascii_digit()))
        {
            return text.parse::<u64>().ok().map(Value::from);
        }
        return is_date_like(text).then(|| Value::String(text.to_string()));
    }
    Some(Value::String(text.to_string()))
}

/// `2025-01-02`, `2025-01-02T10:00:00+02:00`, `2025-01-02 10:00:00`: a plain scalar YAML reads
/// as text, not a number, because of the `-` after the year.
fn is_date_like(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes
            .iter()
            .all(|&b| b.is_ascii_digit() || b"-:.+ TtZz".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the YAML parser makes of `raw`.
    fn parsed(raw: &str) -> Option<Map<String, Value>> {
        match super::super::front_matter::parse_yaml_fully(raw, 2) {
            Ok(Value::Object(fields)) => Some(fields),
            Ok(Value::Null) => Some(Map::new()),
            _ => None,
        }
    }

    /// The reader here either declines or agrees with the YAML parser.
    fn agrees(raw: &str) -> bool {
        match parse(raw) {
            None => false,
            Some(fields) => {
                assert_eq!(Some(fields), parsed(raw), "front matter:\n{raw}");
                true
            }
        }
    }

    #[test]
    fn reads_typical_hugo_front_matter_as_the_parser_does() {
        let raw = "title: \"Notes: on tools\"\ndate: 2023-04-05T10:00:00+02:00\nlastmod: 2024-01-02\ndraft: false\ntags: [rust, \"cli tools\", go]\ncategories:\n  - Programming\n  - Notes\nimages:\n- cover.png\ndescription: A plain sentence, with a comma\nweight: 10\nauthor: 'Mei Tanaka'\ntoc: true\nempty:\n\n# a comment\nspaced: 2019-04-03 07:47:00\r\nnothing: ~\nlist: []\nunicode: Café 東京 ✨\n";
        assert!(agrees(raw));
        let fields = parse(raw).unwrap();
        assert_eq!(fields["weight"], 10);
        assert_eq!(fields["tags"][1], "cli tools");
        assert_eq!(fields["empty"], Value::Null);
    }

    #[test]
    fn declines_what_needs_the_parser() {
        for raw in [
            "title: \"escaped \\\" quote\"\n",
            "title: x # comment\n",
            "params:\n  author: A\n",
            "description: |\n  block\n",
            "description: >\n  folded\n",
            "base: &b x\nother: *b\n",
            "date: !!timestamp 2020-01-01\n",
            "weight: 1.5\n",
            "weight: -3\n",
            "weight: 0x1F\n",
            "weight: 007\n",
            "title: one\n  continued\n",
            "title: a\ntitle: b\n",
            "title:\tTab\n",
            "title: bad\u{1}control\n",
            "key:value\n",
            "map: {a: 1}\n",
            "tags: [a, [b]]\n",
            "tags:\n  - a\n    - b\n",
            "tags:\n  -\n",
            "\"quoted key\": 1\n",
            "title: line\u{2028}break\n",
            "title: lone\rcr\n",
            "3d: printing\n",
            "version: 1.2.3\n",
            "title: 'it''s'\n",
            "True: 1\n",
            "null: 1\n",
        ] {
            assert_eq!(parse(raw), None, "should decline:\n{raw}");
        }
    }

    #[test]
    fn agrees_with_the_parser_on_edge_values() {
        for raw in [
            "",
            "# only a comment\n",
            "title: yes\n",
            "title: no\n",
            "title: nan\n",
            "title: inf\n",
            "title: \"\"\n",
            "title: Null\n",
            "flag: TRUE\n",
            "zero: 0\n",
            "big: 999999999999999999\n",
            "date: 2025-12-21\n",
            "date: 2025-12-21T10:00:00Z\n",
            "date: 2025-12-21T10:00:00.5+05:30\n",
            "tags: [ a , b ]\n",
            "tags: [\"a\", 'b', 3, true]\n",
            "url: https://example.com/a\n",
            "path: /2023/04/05/zola\n",
            "title: a:b\n",
            "title: C# in depth\n",
            "title: ends with space   \n",
            "title: bidi \u{202E} override\n",
        ] {
            assert!(agrees(raw), "should read:\n{raw}");
        }
    }

    #[test]
    fn agrees_with_the_parser_on_the_sample_blog() {
        use crate::content::front_matter::{Format, split};
        let mut read_here = 0;
        for (_, bytes) in crate::content::sample::files() {
            let Ok(text) = std::str::from_utf8(bytes) else {
                continue;
            };
            if let (split, None) = split(text)
                && let Some((Format::Yaml, raw)) = split.front_matter
            {
                read_here += usize::from(agrees(raw));
            }
        }
        assert!(read_here > 0, "the sample blog has plain front matter");
    }

    #[test]
    fn agrees_with_the_parser_on_mixed_lines() {
        let lines = [
            "title: Plain words",
            "title: \"Quoted: yes\"",
            "date: 2024-09-16 21:34:22 +0530",
            "draft: True",
            "draft: no",
            "tags: [a, 'b c', \"d\"]",
            "tags:",
            "  - one",
            "- two",
            "weight: 42",
            "weight: 4.2",
            "slug: 2022-01-09-hello",
            "empty:",
            "",
            "# note",
            "url: /a/b/",
            "x: ~",
            "x: [ ]",
            "title: a: b",
            "  indented: 1",
            "title: 'q'",
            "title: caf\u{e9} \u{1f980}",
            "k-e_y: v",
            "title: [unclosed",
            "title: x #c",
            "list: [a, [b]]",
            "n: 12345678901234567890",
            "t: 10:30",
            "t: 1e3",
            "t: .5",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut read_here = 0;
        for _ in 0..3000 {
            let mut raw = String::new();
            for _ in 0..(seed % 6 + 1) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                raw.push_str(lines[(seed % lines.len() as u64) as usize]);
                raw.push('\n');
            }
            read_here += usize::from(agrees(&raw));
        }
        assert!(read_here > 100, "only {read_here} read here");
    }
}
