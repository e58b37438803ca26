//! Hugo shortcodes (`{{< name >}}`, `{{% name %}}`) and Jekyll's Liquid (`{% tag %}`,
//! `{{ output }}`) in a post body, read before the markdown is parsed.
//!
//! A call changes what markdown sees (a `ref` inside a link destination, a `highlight` pair
//! around code, a `details` pair around markdown), so one pass rewrites the body first. Where
//! code is comes from the markdown parser's own offsets, not a guess, and code is left as
//! written (Hugo's `{{</* x */>}}` escape and Liquid's `raw` tags aside, which the sites strip
//! there too). A call that becomes markdown or HTML (code blocks, details, paths) is written as
//! such; one that becomes something markdown can't say (a figure, an embed, a marker) is
//! written as a token, two Unicode noncharacters around an index into a [`Table`], which
//! [`pieces`] turns into inlines and [`restore`] removes from every string of the finished
//! document, so no token ever leaves this module.

mod hugo;
#[cfg(test)]
mod invariants;
mod liquid;
mod restore;
mod scan;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;

use serde_json::{Map, Value};

use super::{Image, Inline};
use scan::{Call, Closers, Syntax};

pub use restore::restore;

/// Starts and ends a token. Noncharacters are Unicode's "for internal use"; any in the source
/// are replaced before the pass, so every one in the prepared body is a token.
const TOKEN_OPEN: char = '\u{FDD0}';
const TOKEN_CLOSE: char = '\u{FDD1}';

/// Longest marker text; a longer one is cut at a word and ends in `…`.
const MARKER_LEN: usize = 40;

/// A post's front matter fields, for `param`.
pub type Params = Map<String, Value>;

/// A body with its calls rewritten, and what its tokens stand for.
#[derive(Debug, Default)]
pub struct Prepared {
    pub body: String,
    pub table: Table,
}

/// What each token of a prepared body stands for.
#[derive(Debug, Default)]
pub struct Table {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    shown: Shown,
    /// The call as written, for a URL that holds it.
    written: String,
}

/// What a token shows.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// Text markdown must not read (an escaped call, a path in prose).
    Text(String),
    Image(Image),
    Embed {
        site: String,
        url: String,
    },
    /// A call folio can't show: a short hint that something was there.
    Marker(String),
}

/// A piece of text that may hold tokens.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Text(Cow<'a, str>),
    Inline(Inline),
}

/// Splits text at its tokens.
pub fn pieces<'a>(text: &'a str, table: &Table) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    for (part, entry) in split(text, table) {
        match entry.map(|entry| &entry.shown) {
            None => out.push(Piece::Text(Cow::Borrowed(part))),
            Some(Shown::Text(text)) => out.push(Piece::Text(Cow::Owned(text.clone()))),
            Some(Shown::Image(image)) => {
                out.push(Piece::Inline(Inline::Image(Box::new(image.clone()))))
            }
            Some(Shown::Embed { site, url }) => out.push(Piece::Inline(Inline::Embed {
                site: site.clone(),
                url: url.clone(),
            })),
            Some(Shown::Marker(text)) => out.push(Piece::Inline(Inline::Marker(text.clone()))),
        }
    }
    out
}

/// Splits text into plain parts and tokens (a part with its entry). A token with no entry
/// is dropped.
fn split<'a, 't>(text: &'a str, table: &'t Table) -> Vec<(&'a str, Option<&'t Entry>)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(TOKEN_OPEN) {
        if open > 0 {
            out.push((&rest[..open], None));
        }
        let after = &rest[open + TOKEN_OPEN.len_utf8()..];
        let close = after.find(TOKEN_CLOSE).unwrap_or(after.len());
        if let Some(entry) = after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| table.entries.get(i))
        {
            out.push(("", Some(entry)));
        }
        rest = after.get(close + TOKEN_CLOSE.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push((rest, None));
    }
    out
}

/// Rewrites the calls of a (sanitized) body; `params` are the post's front matter fields.
pub fn prepare(body: &str, params: Option<&Params>) -> Prepared {
    let body: Cow<'_, str> = if body.contains([TOKEN_OPEN, TOKEN_CLOSE]) {
        Cow::Owned(body.replace([TOKEN_OPEN, TOKEN_CLOSE], "\u{FFFD}"))
    } else {
        Cow::Borrowed(body)
    };
    if !body.contains("{{") && !body.contains("{%") {
        return Prepared {
            body: body.into_owned(),
            table: Table::default(),
        };
    }
    let mut scanner = Scanner {
        src: &body,
        code: None,
        next_code: 0,
        closers: Closers::default(),
        pairs: Vec::new(),
        params,
        out: Prepared::default(),
    };
    scanner.run();
    scanner.out
}

/// The text a line of markdown shows once its calls are done, for a title taken from a
/// heading: markers read as their hint, paths and escapes as their text.
pub fn line_text(line: &str) -> String {
    let prepared = prepare(line, None);
    restore::shown(&prepared.body, &prepared.table)
}

/// One pass over a body.
struct Scanner<'s> {
    src: &'s str,
    code: Option<Vec<Range<usize>>>,
    /// The first code range that may still hold a later position.
    next_code: usize,
    closers: Closers,
    /// Closers of pairs looked for, by name: (searched from, found), so a name that is
    /// never closed is searched for once.
    pairs: Vec<(&'static str, usize, Option<Range<usize>>)>,
    params: Option<&'s Params>,
    out: Prepared,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut copied = 0;
        let mut at = 0;
        while let Some(found) = src.get(at..).and_then(|rest| rest.find('{')) {
            let start = at + found;
            at = start + 1;
            if !matches!(bytes.get(start + 1), Some(b'{' | b'%')) {
                continue;
            }
            let found = match self.closers.escape(src, start) {
                Some((text, end)) => Found::Escape(text, end),
                None => match self.closers.call(src, start) {
                    Some(call) => Found::Call(call),
                    None => continue,
                },
            };
            // What comes before the call is written first: a call reads the line it is on.
            self.out.body.push_str(&src[copied..start]);
            copied = start;
            let resumed = match self.code_at(start) {
                Some(code) => in_code(found, code.end),
                None => Some(self.outside_code(start, found)),
            };
            if let Some((text, resume)) = resumed {
                self.write(text);
                copied = resume;
                at = resume;
            }
        }
        self.out.body.push_str(&src[copied..]);
    }

    /// The code range holding `position`, if any. Code ranges come from a markdown parse of
    /// the whole body, made only once a call is found: a body whose braces are all code of
    /// its own (Go literals, JSON) never pays for it.
    fn code_at(&mut self, position: usize) -> Option<Range<usize>> {
        let src = self.src;
        let code = self.code.get_or_insert_with(|| scan::code_ranges(src));
        while code
            .get(self.next_code)
            .is_some_and(|range| range.end <= position)
        {
            self.next_code += 1;
        }
        code.get(self.next_code)
            .filter(|range| range.start <= position)
            .cloned()
    }

    fn outside_code(&mut self, start: usize, found: Found) -> (Written, usize) {
        let call = match found {
            Found::Escape(text, end) => return (self.text_token(text, start, end), end),
            Found::Call(call) => call,
        };
        let (trim_before, trim_after) = call.trim;
        if trim_before {
            let kept = self.out.body.trim_end().len();
            self.out.body.truncate(kept);
        }
        let (written, mut resume) = match call.syntax {
            Syntax::Angle | Syntax::Percent => self.hugo(start, call),
            Syntax::Tag => self.liquid_tag(start, call),
            Syntax::Output => self.liquid_output(start, call),
        };
        if trim_after {
            let rest = &self.src[resume..];
            resume += rest.len() - rest.trim_start().len();
        }
        (written, resume)
    }

    fn write(&mut self, written: Written) {
        match written {
            Written::Raw(text) => self.out.body.push_str(&text),
            Written::Token(entry) => {
                self.out.body.push(TOKEN_OPEN);
                self.out
                    .body
                    .push_str(&self.out.table.entries.len().to_string());
                self.out.body.push(TOKEN_CLOSE);
                self.out.table.entries.push(entry);
            }
        }
    }

    /// A token for a call at `start..end` that shows as `shown`.
    fn token(&self, shown: Shown, start: usize, end: usize) -> Written {
        Written::Token(Entry {
            shown,
            written: self.src[start..end].to_string(),
        })
    }

    fn text_token(&self, text: String, start: usize, end: usize) -> Written {
        self.token(Shown::Text(text), start, end)
    }

    fn marker(&self, text: &str, start: usize, end: usize) -> Written {
        self.token(Shown::Marker(shorten(text)), start, end)
    }

    /// Where the closer of the pair `name` opened before `from` is, remembered by name.
    fn closer(&mut self, from: usize, name: &'static str, syntax: Syntax) -> Option<Range<usize>> {
        if let Some((_, _, found)) = self.pairs.iter().find(|(n, searched, found)| {
            *n == name && *searched <= from && found.as_ref().is_none_or(|r| r.start >= from)
        }) {
            return found.clone();
        }
        let found = match syntax {
            Syntax::Tag => scan::liquid_closer(self.src, from, name),
            _ => scan::hugo_closer(self.src, from, name),
        };
        self.pairs.retain(|(n, _, _)| *n != name);
        self.pairs.push((name, from, found.clone()));
        found
    }

    /// The text on the output's current line before the call: a container's prefix (quote
    /// marks, a list item's indent) that a block written here must repeat.
    fn line_lead(&self) -> &str {
        let body = &self.out.body;
        &body[body.rfind('\n').map_or(0, |i| i + 1)..]
    }

    /// Writes `code` as a fenced block in `lang` where the call stood, keeping the container
    /// it stands in. `code` is the source between the calls; its lines lose that container's
    /// prefix, and blank first and last lines go.
    fn code_block(&self, lang: &str, code: &str, next: Option<char>) -> Written {
        let lead = self.line_lead();
        let container: String = lead
            .chars()
            .take_while(|c| c.is_whitespace() || *c == '>')
            .collect();
        let continuation: String = lead
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect();
        let in_prose = container.len() != lead.len() && !is_list_marker(&lead[container.len()..]);
        let prefix = if in_prose {
            container.clone()
        } else {
            continuation
        };
        let lines: Vec<&str> = code.split('\n').collect();
        let last = lines.len().saturating_sub(1);
        let longest = longest_run(code, '`');
        let fence = "`".repeat(longest.max(2) + 1);
        let lang: String = lang
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '`')
            .collect();
        let mut out = String::new();
        if in_prose {
            out.push('\n');
            out.push_str(&prefix);
        }
        out.push_str(&format!("{fence}{lang}\n"));
        for (i, line) in lines.iter().enumerate() {
            if (i == 0 || i == last) && line.trim().trim_start_matches('>').trim().is_empty() {
                continue;
            }
            out.push_str(&prefix);
            out.push_str(strip_container(line, &prefix));
            out.push('\n');
        }
        out.push_str(&prefix);
        out.push_str(&fence);
        if next != Some('\n') {
            out.push('\n');
        }
        Written::Raw(out)
    }

    /// The character right after `position`.
    fn next_char(&self, position: usize) -> Option<char> {
        self.src
            .get(position..)
            .and_then(|rest| rest.chars().next())
    }

    /// Whether the call at `start` sits where a URL is written: a link destination, a
    /// reference definition, an autolink or an HTML attribute.
    fn in_url(&self) -> bool {
        let body = self.out.body.trim_end_matches(['"', '\'']);
        body.ends_with("](")
            || body.ends_with("](<")
            || body.ends_with("]:")
            || body.ends_with("]: ")
            || body.ends_with('<')
            || body.ends_with('=')
    }
}

/// What an opener turned out to start.
enum Found {
    /// Hugo's `{{</* x */>}}`: the text it prints and the byte after it.
    Escape(String, usize),
    Call(Call),
}

/// Inside code only a Hugo escape and Liquid's `raw` tags change: both sites print the
/// escape's text and drop the tags there too.
fn in_code(found: Found, code_end: usize) -> Option<(Written, usize)> {
    match found {
        Found::Escape(text, end) => (end <= code_end).then_some((Written::Raw(text), end)),
        Found::Call(call) => {
            let raw = call.syntax == Syntax::Tag && matches!(call.name.as_str(), "raw" | "endraw");
            (raw && call.end <= code_end).then_some((Written::Raw(String::new()), call.end))
        }
    }
}

/// What a call leaves in the body.
enum Written {
    /// Markdown or HTML, read as such.
    Raw(String),
    Token(Entry),
}

fn is_list_marker(text: &str) -> bool {
    let marker = text.trim_end();
    text.ends_with(' ')
        && (matches!(marker, "-" | "*" | "+")
            || (marker.len() > 1
                && marker.ends_with(['.', ')'])
                && marker[..marker.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_digit())))
}

/// A line without the container prefix its block is written under (spaces of an indent,
/// `>` of a quote), as far as the line has it.
fn strip_container<'a>(line: &'a str, prefix: &str) -> &'a str {
    let mut rest = line;
    for p in prefix.chars() {
        match p {
            '>' => match rest.trim_start_matches(' ').strip_prefix('>') {
                Some(after) => rest = after,
                None => break,
            },
            _ => match rest.strip_prefix(' ') {
                Some(after) => rest = after,
                None => break,
            },
        }
    }
    rest
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A marker's text: whole words while they fit in [`MARKER_LEN`], `…` where words were
/// dropped. The first two words (a name and what it names, such as a file) always stay.
fn shorten(text: &str) -> String {
    let mut out = String::new();
    let mut words = text.split_whitespace();
    for (i, word) in words.by_ref().enumerate() {
        let fits = out.chars().count() + 1 + word.chars().count() <= MARKER_LEN;
        if i >= 2 && !fits {
            out.push('…');
            return out;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The words a marker shows for a call: its name and first two positional arguments (named
/// ones are settings, such as a size or a class, more than what the call is about).
fn call_hint(call: &Call) -> String {
    let mut text = call.name.clone();
    for arg in call.positional.iter().take(2) {
        text.push(' ');
        text.push_str(arg);
    }
    text
}

/// A value safe to write into markdown as it is (a path, a word): no character markdown or
/// HTML would read.
fn plain_value(value: &str) -> bool {
    !value.contains([
        '<', '>', '[', ']', '`', '*', '_', '\\', '&', '\n', '(', ')', '"', '\'',
    ]) && !value.contains(char::is_control)
}

/// Text for an HTML element's content.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
