//! Reading template calls out of a body: where its code is, where a call starts and ends, and
//! what it says.
//!
//! Every search here is linear over the body as a whole: closers are found by [`Finder`]s that
//! remember their last answer, so a thousand openers without a closer cost one search, and a
//! call is never read past [`MAX_CALL`] bytes.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// Longest call folio reads, opener to closer; a longer one is left as text.
pub const MAX_CALL: usize = 4096;

/// Longest Liquid output read across a line break.
const MAX_WRAPPED_OUTPUT: usize = 256;

/// Byte ranges of code spans and code blocks, in order, as the markdown parser sees `body`.
/// The options match the tree builder's, so both agree on what is code.
pub fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let options = super::super::parser_options();
    let mut ranges: Vec<Range<usize>> = Parser::new_ext(body, options)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, range)| range)
        .collect();
    ranges.sort_unstable_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Finds a fixed needle at or after a position, remembering the answer: asked again from
/// further on, it answers without searching as long as that answer still lies ahead.
pub struct Finder {
    needle: &'static str,
    from: usize,
    found: Option<usize>,
}

impl Finder {
    pub const fn new(needle: &'static str) -> Finder {
        Finder {
            needle,
            from: usize::MAX,
            found: None,
        }
    }

    pub fn next(&mut self, hay: &str, from: usize) -> Option<usize> {
        let still_ahead = self.from <= from && self.found.is_none_or(|found| found >= from);
        if !still_ahead {
            self.from = from;
            self.found = hay
                .get(from..)
                .and_then(|rest| rest.find(self.needle))
                .map(|i| from + i);
        }
        self.found
    }
}

/// Which template language wrote a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Hugo `{{< … >}}`: its inner text is the shortcode's own.
    Angle,
    /// Hugo `{{% … %}}`: its inner text is markdown.
    Percent,
    /// Liquid `{% … %}`.
    Tag,
    /// Liquid `{{ … }}`; the call's name is the whole expression.
    Output,
}

/// One call as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub syntax: Syntax,
    pub name: String,
    /// `{{< /name >}}`.
    pub closing: bool,
    /// `{{< name />}}`: has no inner content and no closer.
    pub self_closing: bool,
    /// Liquid's `{%-` / `-%}`: whitespace before / after the call goes.
    pub trim: (bool, bool),
    pub positional: Vec<String>,
    pub named: Vec<(String, String)>,
    /// The byte after the call's closer.
    pub end: usize,
}

impl Call {
    pub fn named(&self, key: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first positional argument, or the named one for callers that use names.
    pub fn first(&self, key: &str) -> Option<&str> {
        self.named(key)
            .or_else(|| self.positional.first().map(String::as_str))
    }
}

/// The closers of the four syntaxes, each remembered.
pub struct Closers {
    angle: Finder,
    percent: Finder,
    tag: Finder,
    output: Finder,
}

impl Default for Closers {
    fn default() -> Closers {
        Closers {
            angle: Finder::new(">}}"),
            percent: Finder::new("%}}"),
            tag: Finder::new("%}"),
            output: Finder::new("}}"),
        }
    }
}

impl Closers {
    /// Reads the call that starts at `start` (at `{{` or `{%`).
    pub fn call(&mut self, src: &str, start: usize) -> Option<Call> {
        let rest = src.as_bytes().get(start..)?;
        match rest {
            [b'{', b'{', b'<', ..] => self.hugo(src, start, Syntax::Angle),
            [b'{', b'{', b'%', ..] => self.hugo(src, start, Syntax::Percent),
            [b'{', b'%', ..] => self.liquid_tag(src, start),
            [b'{', b'{', ..] => self.liquid_output(src, start),
            _ => None,
        }
    }

    /// A Hugo call escaped as a comment, `{{</* name */>}}`: what Hugo prints for it
    /// (`{{< name >}}`) and the byte after it.
    pub fn escape(&mut self, src: &str, start: usize) -> Option<(String, usize)> {
        let (syntax, inner) = self.hugo_inner(src, start)?;
        let body = inner.trim().strip_prefix("/*")?.strip_suffix("*/")?;
        let (open, close) = match syntax {
            Syntax::Angle => ("{{<", ">}}"),
            _ => ("{{%", "%}}"),
        };
        Some((format!("{open}{body}{close}"), start + 3 + inner.len() + 3))
    }

    /// The syntax and inner text of the Hugo call at `start`.
    fn hugo_inner<'s>(&mut self, src: &'s str, start: usize) -> Option<(Syntax, &'s str)> {
        let (syntax, finder) = match src.as_bytes().get(start..start + 3)? {
            b"{{<" => (Syntax::Angle, &mut self.angle),
            b"{{%" => (Syntax::Percent, &mut self.percent),
            _ => return None,
        };
        let inner_start = start + 3;
        let close = finder.next(src, inner_start)?;
        (close - inner_start <= MAX_CALL).then(|| (syntax, &src[inner_start..close]))
    }

    fn hugo(&mut self, src: &str, start: usize, syntax: Syntax) -> Option<Call> {
        let (_, inner) = self.hugo_inner(src, start)?;
        let end = start + 3 + inner.len() + 3;
        let mut inner = inner.trim();
        if inner.starts_with("/*") {
            return None;
        }
        let self_closing = inner.ends_with('/');
        inner = inner.trim_end_matches('/').trim_end();
        let closing = inner.starts_with('/');
        inner = inner.trim_start_matches('/').trim_start();
        let mut words = arguments(inner).into_iter();
        let name = words.next()?;
        if !name
            .chars()
            .all(|c| c.is_alphanumeric() || "_-./".contains(c))
        {
            return None;
        }
        let mut call = Call {
            syntax,
            name,
            closing,
            self_closing,
            trim: (false, false),
            positional: Vec::new(),
            named: Vec::new(),
            end,
        };
        for word in words {
            match word.split_once('=') {
                Some((key, value)) if !key.is_empty() && key.chars().all(is_key_char) => {
                    call.named.push((key.to_string(), unquote(value)));
                }
                _ => call.positional.push(unquote(&word)),
            }
        }
        Some(call)
    }

    fn liquid_tag(&mut self, src: &str, start: usize) -> Option<Call> {
        let inner_start = start + 2;
        let close = self.tag.next(src, inner_start)?;
        if close - inner_start > MAX_CALL {
            return None;
        }
        let inner = &src[inner_start..close];
        let trim = (inner.starts_with('-'), inner.ends_with('-'));
        let inner = inner.trim_matches('-').trim();
        let mut words = arguments(inner).into_iter();
        let name = words.next()?;
        let mut chars = name.chars();
        let identifier = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        identifier.then(|| Call {
            syntax: Syntax::Tag,
            name,
            closing: false,
            self_closing: false,
            trim,
            positional: words.map(|w| unquote(&w)).collect(),
            named: Vec::new(),
            end: close + 2,
        })
    }

    /// `{{ expression }}`. Go templates (`{{ .Title }}`, `{{ $x }}`) and Hugo's template
    /// comments are not Liquid and stay as written.
    fn liquid_output(&mut self, src: &str, start: usize) -> Option<Call> {
        let inner_start = start + 2;
        let close = self.output.next(src, inner_start)?;
        if close - inner_start > MAX_CALL {
            return None;
        }
        let inner = &src[inner_start..close];
        // An output may wrap onto a second line, as any text does, but it is short.
        let wraps_long = inner.contains('\n') && inner.len() > MAX_WRAPPED_OUTPUT;
        if wraps_long || inner.contains(['{', '}']) {
            return None;
        }
        let trim = (inner.starts_with('-'), inner.ends_with('-'));
        let expression = inner.trim_matches('-').trim();
        let first = expression.chars().next()?;
        (first.is_alphabetic() || first == '"' || first == '\'' || first == '_').then(|| Call {
            syntax: Syntax::Output,
            name: expression.to_string(),
            closing: false,
            self_closing: false,
            trim,
            positional: Vec::new(),
            named: Vec::new(),
            end: close + 2,
        })
    }
}

/// Where the Hugo closer `{{< /name >}}` (or `{{% /name %}}`, spaces allowed after the
/// slash) after `from` starts and ends.
pub fn hugo_closer(src: &str, from: usize, name: &str) -> Option<Range<usize>> {
    let mut search = from;
    while let Some(found) = src.get(search..).and_then(|rest| rest.find(name)) {
        let at = search + found;
        search = at + name.len();
        let after_name = &src[search..];
        if after_name.starts_with(|c: char| c.is_alphanumeric() || "_-./".contains(c)) {
            continue;
        }
        let Some(before) = src[from..at].trim_end().strip_suffix('/') else {
            continue;
        };
        let before = before.trim_end();
        let after = after_name.trim_start();
        let opened = before.ends_with("{{<") || before.ends_with("{{%");
        if opened && (after.starts_with(">}}") || after.starts_with("%}}")) {
            let start = from + before.len() - 3;
            let end = src.len() - after.len() + 3;
            return Some(start..end);
        }
    }
    None
}

/// Where the Liquid tag `{% name %}` after `from` starts and ends.
pub fn liquid_closer(src: &str, from: usize, name: &str) -> Option<Range<usize>> {
    let mut search = from;
    while let Some(found) = src.get(search..).and_then(|rest| rest.find(name)) {
        let at = search + found;
        search = at + name.len();
        let before = src[from..at].trim_end().trim_end_matches('-');
        let after = src[search..].trim_start().trim_start_matches('-');
        if before.ends_with("{%") && after.starts_with("%}") {
            let start = from + before.len() - 2;
            let end = src.len() - after.len() + 2;
            return Some(start..end);
        }
    }
    None
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Splits on whitespace outside `"…"` (with `\"` inside) and `` `…` ``.
fn arguments(inner: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in inner.chars() {
        match quote {
            Some('"') if escaped => {
                escaped = false;
                word.push(c);
            }
            Some('"') if c == '\\' => {
                escaped = true;
                word.push(c);
            }
            Some(q) if c == q => {
                quote = None;
                word.push(c);
            }
            Some(_) => word.push(c),
            None if c == '"' || c == '`' || c == '\'' => {
                quote = Some(c);
                word.push(c);
            }
            None if c.is_whitespace() => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            None => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn unquote(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"') {
        let inner = inner.strip_suffix('"').unwrap_or(inner);
        return inner.replace("\\\"", "\"");
    }
    for q in ['`', '\''] {
        if let Some(inner) = value.strip_prefix(q) {
            return inner.strip_suffix(q).unwrap_or(inner).to_string();
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(src: &str) -> Option<Call> {
        Closers::default().call(src, 0)
    }

    #[test]
    fn code_spans_and_blocks_are_code_and_prose_is_not() {
        let body = "Use `{{< x >}}` here.\n\n```\n{{< y >}}\n```\n\n- item\n\n      {{< z >}}\n";
        let ranges = code_ranges(body);
        let code: Vec<&str> = ranges.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(code[0], "`{{< x >}}`");
        assert_eq!(code[1], "```\n{{< y >}}\n```");
        assert!(code[2].contains("{{< z >}}"), "{code:?}");
        assert!(
            !ranges
                .iter()
                .any(|r| r.contains(&body.find("here").unwrap()))
        );
    }

    #[test]
    fn hugo_calls_read_names_arguments_and_forms() {
        let c = call("{{< figure src=\"a b.png\" alt=`x` >}}").unwrap();
        assert_eq!((c.syntax, c.name.as_str()), (Syntax::Angle, "figure"));
        assert_eq!(c.named("src"), Some("a b.png"));
        assert_eq!(c.named("alt"), Some("x"));
        let c = call("{{% /notice %}}").unwrap();
        assert!(c.closing && c.syntax == Syntax::Percent);
        let c = call("{{< new-in 0.1 />}}").unwrap();
        assert!(c.self_closing && c.positional == ["0.1"]);
        assert_eq!(call("{{< >}}"), None);
        assert_eq!(call("{{</* x */>}}"), None);
    }

    #[test]
    fn escapes_print_as_hugo_prints_them() {
        let src = "{{</* figure src=\"x\" */>}} and {{%/* /note */%}}";
        let mut closers = Closers::default();
        let (text, end) = closers.escape(src, 0).unwrap();
        assert_eq!(text, "{{< figure src=\"x\" >}}");
        let (text, _) = closers.escape(src, end + 5).unwrap();
        assert_eq!(text, "{{% /note %}}");
    }

    #[test]
    fn liquid_tags_and_outputs() {
        let c = call("{%- highlight ruby linenos -%}").unwrap();
        assert_eq!(
            (c.name.as_str(), &c.positional[..]),
            (
                "highlight",
                &["ruby".to_string(), "linenos".to_string()][..]
            )
        );
        let c = call("{{ site.baseurl | relative_url }}").unwrap();
        assert_eq!(c.name, "site.baseurl | relative_url");
        assert_eq!(call("{{ .Title }}"), None);
        assert_eq!(call("{% 100 %}"), None);
    }

    #[test]
    fn closers_are_found_past_their_look_alikes() {
        let src = "a /highlighter {{< /highlight >}} b";
        assert_eq!(hugo_closer(src, 0, "highlight"), Some(15..33));
        let src = "{{</* /x */>}} {{</ x >}}";
        assert_eq!(hugo_closer(src, 0, "x"), Some(15..25));
        let src = "x endraw {%- endraw -%} y";
        assert_eq!(liquid_closer(src, 0, "endraw"), Some(9..23));
        assert_eq!(liquid_closer(src, 10, "endraw"), None);
    }

    #[test]
    fn a_finder_answers_again_without_losing_its_place() {
        let hay = "a}} b }} c";
        let mut finder = Finder::new("}}");
        assert_eq!(finder.next(hay, 0), Some(1));
        assert_eq!(finder.next(hay, 1), Some(1));
        assert_eq!(finder.next(hay, 2), Some(6));
        assert_eq!(finder.next(hay, 7), None);
        assert_eq!(finder.next(hay, 0), Some(1));
    }

    #[test]
    fn a_call_longer_than_the_limit_is_text() {
        let src = format!("{{{{< x {} >}}}}", "é".repeat(MAX_CALL));
        assert_eq!(call(&src), None);
    }
}
