//! Hugo shortcodes (`{{< name args >}}`, `{{% name args %}}`) and Jekyll's Liquid tags
//! (`{% name args %}`, `{{ expression }}`), handled before markdown parsing.
//!
//! pulldown-cmark sees a shortcode as plain text or HTML, and `ref` inside a link destination
//! (which holds spaces) stops it being a link at all. So one pass over the body, outside code
//! fences and code spans, replaces each shortcode: `ref`/`relref` by the path it names,
//! `highlight` by a fenced code block, and the rest by a token (private-use characters around
//! an index) that the tree builder turns back into a figure, an embed or a marker.

use super::Image;

/// Starts and ends a token; content characters of this value are replaced before the pass.
const TOKEN_OPEN: char = '\u{E000}';
const TOKEN_CLOSE: char = '\u{E001}';

/// How far past `{{<` the closing `>}}` is looked for: a shortcode is short, and an opener
/// with no closer must not make the pass quadratic.
const MAX_SHORTCODE_LEN: usize = 4096;
/// Longest code a `highlight` pair may hold, for the same reason.
const MAX_HIGHLIGHT_LEN: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq)]
pub enum Shortcode {
    Figure(Image),
    Embed { site: String, url: String },
    Marker(String),
}

#[derive(Debug, Default)]
pub struct Prepared {
    pub body: String,
    pub shortcodes: Vec<Shortcode>,
}

/// A piece of text that may hold tokens.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Shortcode(usize),
}

/// Splits text at tokens; a malformed token stays text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(TOKEN_OPEN) {
        let after = &rest[open + TOKEN_OPEN.len_utf8()..];
        let Some(close) = after.find(TOKEN_CLOSE) else {
            break;
        };
        let Ok(index) = after[..close].parse::<usize>() else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Shortcode(index));
        rest = &after[close + TOKEN_CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Replaces the shortcodes of a (sanitized) body.
pub fn prepare(body: &str) -> Prepared {
    let body: String = if body.contains([TOKEN_OPEN, TOKEN_CLOSE]) {
        body.replace([TOKEN_OPEN, TOKEN_CLOSE], "\u{FFFD}")
    } else {
        body.to_string()
    };
    if !body.contains("{{") && !body.contains("{%") {
        return Prepared {
            body,
            shortcodes: Vec::new(),
        };
    }
    let mut prepared = Prepared::default();
    prepared.body.reserve(body.len());
    let mut fence: Option<(u8, usize)> = None;
    let mut at = 0;
    while at < body.len() {
        let line_end = body[at..].find('\n').map_or(body.len(), |p| at + p + 1);
        let line = &body[at..line_end];
        let line_start = at == 0 || body.as_bytes()[at - 1] == b'\n';
        if line_start && let Some(run) = fence_run(line) {
            match fence {
                None => fence = Some(run),
                Some((c, n)) if c == run.0 && run.1 >= n && line.trim().len() == run.1 => {
                    fence = None
                }
                Some(_) => {}
            }
        }
        if fence.is_some() {
            prepared.body.push_str(line);
            at = line_end;
            continue;
        }
        at = prepared.segment(&body, at, line_end);
    }
    prepared
}

/// A fence opener or closer: its character and length.
fn fence_run(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start();
    let c = *trimmed.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = trimmed.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

impl Prepared {
    /// Copies one line outside a fence, replacing its shortcodes; returns where to go on (past
    /// the line, or past a shortcode that spans lines).
    fn segment(&mut self, body: &str, from: usize, line_end: usize) -> usize {
        let mut copied = from;
        let mut search = from;
        let mut ticks = 0usize;
        while let Some(found) = next_opener(&body[search..line_end]) {
            let start = search + found;
            ticks += body[search..start].bytes().filter(|&b| b == b'`').count();
            search = start + 2;
            if ticks % 2 == 1 {
                continue;
            }
            let Some((parsed, end)) = parse_at(body, start) else {
                continue;
            };
            self.body.push_str(&body[copied..start]);
            let end = self.replace(body, parsed, end);
            if end >= line_end {
                return end;
            }
            copied = end;
            search = end;
        }
        self.body.push_str(&body[copied..line_end]);
        line_end
    }

    /// Writes what stands for one shortcode; returns where the body goes on.
    fn replace(&mut self, body: &str, call: Call, end: usize) -> usize {
        match call.kind {
            Kind::Hugo => {}
            Kind::LiquidTag => return self.liquid_tag(body, call, end),
            Kind::LiquidOutput => {
                self.liquid_output(&call.name);
                return end;
            }
        }
        let first = call.positional.first().cloned().unwrap_or_default();
        let shortcode = match call.name.as_str() {
            "ref" | "relref" => {
                if first.contains(char::is_whitespace) {
                    self.body.push_str(&format!("<{first}>"));
                } else {
                    self.body.push_str(&first);
                }
                return end;
            }
            "highlight" => {
                let is_end = |c: &Call| c.kind == Kind::Hugo && c.closing && c.name == "highlight";
                return self.highlight(body, &first, end, is_end);
            }
            "figure" => Shortcode::Figure(Image {
                src: call.named("src").unwrap_or_default(),
                alt: call
                    .named("alt")
                    .or_else(|| call.named("title"))
                    .unwrap_or_default(),
                caption: call.named("caption").or_else(|| call.named("title")),
            }),
            "youtube" | "vimeo" | "x" | "twitter" | "tweet" | "gist" | "instagram" => embed(&call),
            _ if call.closing => return end,
            _ => {
                let mut text = call.name.clone();
                for arg in call.positional.iter().take(2) {
                    text.push(' ');
                    text.push_str(arg);
                }
                Shortcode::Marker(text.chars().take(40).collect())
            }
        };
        self.token(shortcode);
        end
    }

    fn token(&mut self, shortcode: Shortcode) {
        self.body.push(TOKEN_OPEN);
        self.body.push_str(&self.shortcodes.len().to_string());
        self.body.push(TOKEN_CLOSE);
        self.shortcodes.push(shortcode);
    }

    /// A Liquid tag: `highlight` becomes a fenced code block, `raw` keeps what it holds as
    /// written, `comment` drops it, `post_url` and `link` become the path they name; control
    /// flow (`if`, `for`, `assign`…) leaves nothing, and other tags a short marker.
    fn liquid_tag(&mut self, body: &str, call: Call, end: usize) -> usize {
        let first = call.positional.first().cloned().unwrap_or_default();
        match call.name.as_str() {
            "highlight" => {
                let is_end = |c: &Call| c.kind == Kind::LiquidTag && c.name == "endhighlight";
                self.highlight(body, &first, end, is_end)
            }
            "raw" | "comment" => {
                let closer = format!("end{}", call.name);
                let (inner_end, after) = find_liquid_end(body, end, &closer);
                if call.name == "raw" {
                    self.body.push_str(&body[end..inner_end]);
                }
                after
            }
            "post_url" | "link" => {
                self.body.push_str(&first);
                end
            }
            name if LIQUID_CONTROL.contains(&name) || name.starts_with("end") => end,
            _ => {
                let mut text = call.name.clone();
                if !first.is_empty() {
                    text.push(' ');
                    text.push_str(&first);
                }
                self.token(Shortcode::Marker(text.chars().take(40).collect()));
                end
            }
        }
    }

    /// A Liquid output: a quoted string is its text (`{{ "/a.png" | relative_url }}`), the
    /// site's base URL is nothing (so `{{ site.baseurl }}/a.png` is a site path), anything else
    /// a short marker.
    fn liquid_output(&mut self, expression: &str) {
        let value = expression.split('|').next().unwrap_or("").trim();
        if let Some(quoted) = value.strip_prefix(['"', '\'']) {
            self.body.push_str(quoted.trim_end_matches(['"', '\'']));
        } else if !matches!(value, "site.baseurl" | "site.url" | "base_path") {
            self.token(Shortcode::Marker(value.chars().take(40).collect()));
        }
    }

    /// `{{< highlight lang >}} code {{< /highlight >}}` becomes a fenced code block.
    fn highlight(
        &mut self,
        body: &str,
        lang: &str,
        end: usize,
        is_end: impl Fn(&Call) -> bool,
    ) -> usize {
        let limit = (end + MAX_HIGHLIGHT_LEN).min(body.len());
        let mut search = end;
        let (code_end, after) = loop {
            let Some(found) = next_opener(&body[search..limit]) else {
                break (limit, limit);
            };
            let start = search + found;
            match parse_at(body, start) {
                Some((call, close)) if is_end(&call) => {
                    break (start, close);
                }
                _ => search = start + 2,
            }
        };
        let code = body[end..code_end].trim_start_matches([' ', '\n']);
        let code = code.trim_end();
        let longest = longest_run(code, '`');
        let fence = "`".repeat(longest.max(2) + 1);
        if !self.body.is_empty() && !self.body.ends_with('\n') {
            self.body.push('\n');
        }
        let lang: String = lang.chars().filter(|c| !c.is_whitespace()).collect();
        self.body
            .push_str(&format!("{fence}{lang}\n{code}\n{fence}\n"));
        after
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

fn embed(call: &Call) -> Shortcode {
    let id = call
        .named("id")
        .or_else(|| call.positional.last().cloned())
        .unwrap_or_default();
    let user = call
        .named("user")
        .or_else(|| (call.positional.len() > 1).then(|| call.positional[0].clone()))
        .unwrap_or_default();
    let (site, url) = match call.name.as_str() {
        "youtube" => ("YouTube", format!("https://www.youtube.com/watch?v={id}")),
        "vimeo" => ("Vimeo", format!("https://vimeo.com/{id}")),
        "gist" => ("Gist", format!("https://gist.github.com/{user}/{id}")),
        "instagram" => ("Instagram", format!("https://www.instagram.com/p/{id}/")),
        _ => ("X", format!("https://x.com/{user}/status/{id}")),
    };
    Shortcode::Embed {
        site: site.to_string(),
        url,
    }
}

/// Liquid tags that only steer a template; in a post they leave nothing.
const LIQUID_CONTROL: [&str; 16] = [
    "if",
    "elsif",
    "else",
    "unless",
    "for",
    "case",
    "when",
    "assign",
    "capture",
    "increment",
    "decrement",
    "cycle",
    "break",
    "continue",
    "tablerow",
    "include_cached",
];

/// Where the next `{{` or `{%` starts in `text`.
fn next_opener(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%'))
}

/// Where the Liquid tag `{% closer %}` after `from` starts and ends; the end of the limit
/// when there is none.
fn find_liquid_end(body: &str, from: usize, closer: &str) -> (usize, usize) {
    let limit = (from + MAX_HIGHLIGHT_LEN).min(body.len());
    let mut search = from;
    while let Some(found) = next_opener(&body[search..limit]) {
        let start = search + found;
        match parse_at(body, start) {
            Some((call, end)) if call.kind == Kind::LiquidTag && call.name == closer => {
                return (start, end);
            }
            _ => search = start + 2,
        }
    }
    (limit, limit)
}

/// Which template language wrote a call.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A Hugo shortcode, `{{< … >}}` or `{{% … %}}`.
    #[default]
    Hugo,
    /// A Liquid tag, `{% … %}`.
    LiquidTag,
    /// A Liquid output, `{{ … }}`; its name is the whole expression.
    LiquidOutput,
}

/// One shortcode call as written.
#[derive(Debug, Default, PartialEq)]
struct Call {
    kind: Kind,
    name: String,
    closing: bool,
    positional: Vec<String>,
    named: Vec<(String, String)>,
}

impl Call {
    fn named(&self, key: &str) -> Option<String> {
        self.named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// Reads the shortcode starting at `start` (at `{{`); returns it and the byte after its `}}`.
fn parse_at(body: &str, start: usize) -> Option<(Call, usize)> {
    if body[start..].starts_with("{%") {
        return parse_liquid(body, start + 2, "%}", Kind::LiquidTag);
    }
    let rest = &body[start + 2..];
    let opener = rest.trim_start_matches(' ');
    let kind = *opener.as_bytes().first()?;
    if kind != b'<' && kind != b'%' {
        return parse_liquid(body, start + 2, "}}", Kind::LiquidOutput);
    }
    let inner_start = body.len() - opener.len() + 1;
    let limit = (inner_start + MAX_SHORTCODE_LEN).min(body.len());
    let closer = if kind == b'<' { ">}}" } else { "%}}" };
    let window = body.get(inner_start..limit)?;
    let close = window.find(closer)?;
    let mut inner = window[..close].trim();
    inner = inner
        .strip_prefix("/*")
        .and_then(|i| i.strip_suffix("*/"))
        .unwrap_or(inner)
        .trim();
    let mut call = Call::default();
    if let Some(name) = inner.strip_prefix('/') {
        call.closing = true;
        call.name = name.trim().to_string();
    } else {
        let mut words = arguments(inner).into_iter();
        call.name = words.next()?;
        for word in words {
            match word.split_once('=') {
                Some((key, value)) if !key.is_empty() && key.chars().all(is_key_char) => {
                    call.named.push((key.to_string(), unquote(value)));
                }
                _ => call.positional.push(unquote(&word)),
            }
        }
    }
    (!call.name.is_empty()).then_some((call, inner_start + close + closer.len()))
}

/// A Liquid tag or output whose inside starts at `inner_start` and ends at `closer`
/// (whitespace-control dashes allowed).
fn parse_liquid(body: &str, inner_start: usize, closer: &str, kind: Kind) -> Option<(Call, usize)> {
    let limit = (inner_start + MAX_SHORTCODE_LEN).min(body.len());
    let window = body.get(inner_start..limit)?;
    let close = window.find(closer)?;
    let inner = window[..close].trim_matches('-').trim();
    let mut call = Call {
        kind,
        ..Call::default()
    };
    if kind == Kind::LiquidOutput {
        call.name = inner.to_string();
    } else {
        let mut words = arguments(inner).into_iter();
        call.name = words.next()?;
        call.positional = words.map(|w| unquote(&w)).collect();
    }
    (!call.name.is_empty() && !inner.contains('\n'))
        .then_some((call, inner_start + close + closer.len()))
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Splits on whitespace outside `"…"` and `` `…` ``.
fn arguments(inner: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                word.push(c);
            }
            Some(_) => word.push(c),
            None if c == '"' || c == '`' => {
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
    for q in ['"', '`'] {
        if let Some(inner) = value.strip_prefix(q) {
            return inner.strip_suffix(q).unwrap_or(inner).to_string();
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref_becomes_a_link_destination() {
        let p = prepare("[x]({{< ref \"posts/x.md\" >}}) and {{< relref \"a b.md\" >}}\n");
        assert_eq!(p.body, "[x](posts/x.md) and <a b.md>\n");
    }

    #[test]
    fn figure_embed_and_other_become_tokens() {
        let p = prepare(
            "{{< figure src=\"u.png\" caption=\"Wet\" alt=\"An umbrella\" >}}\n\n\
             {{< youtube kY0t >}}\n\n{{% notice info %}}\nText\n{{% /notice %}}\n",
        );
        assert_eq!(
            p.shortcodes,
            [
                Shortcode::Figure(Image {
                    src: "u.png".into(),
                    alt: "An umbrella".into(),
                    caption: Some("Wet".into())
                }),
                Shortcode::Embed {
                    site: "YouTube".into(),
                    url: "https://www.youtube.com/watch?v=kY0t".into()
                },
                Shortcode::Marker("notice info".into()),
            ]
        );
        assert!(!p.body.contains("{{"), "{}", p.body);
        assert_eq!(pieces(&p.body)[0], Piece::Shortcode(0));
    }

    #[test]
    fn highlight_pair_becomes_a_fence() {
        let p = prepare(
            "Before\n{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\nAfter\n",
        );
        assert_eq!(p.body, "Before\n```go\nfunc main() {}\n```\n\nAfter\n");
    }

    #[test]
    fn code_fences_and_spans_are_left_alone() {
        let body = "```\n{{< figure src=x >}}\n```\nUse `{{< ref \"a\" >}}` here.\n";
        let p = prepare(body);
        assert_eq!(p.body, body);
    }

    #[test]
    fn liquid_highlight_raw_comment_and_links() {
        let p = prepare(
            "{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n\
             {% raw %}{{ kept }}{% endraw %} {% comment %}gone{% endcomment %}\n\
             [p]({% post_url 2010-07-21-name %}) ![i]({{ site.baseurl }}/a.png)\n",
        );
        assert_eq!(
            p.body,
            "```ruby\nputs 1\n```\n\n{{ kept }} \n[p](2010-07-21-name) ![i](/a.png)\n"
        );
    }

    #[test]
    fn liquid_control_flow_vanishes_and_other_tags_are_markers() {
        let p =
            prepare("{% if page.x %}Shown{% endif %} {% include note.html %} {{ page.title }}\n");
        assert_eq!(
            p.shortcodes,
            [
                Shortcode::Marker("include note.html".into()),
                Shortcode::Marker("page.title".into())
            ]
        );
        assert!(p.body.starts_with("Shown "), "{}", p.body);
        assert!(
            !p.body.contains("{%") && !p.body.contains("{{"),
            "{}",
            p.body
        );
    }

    #[test]
    fn unclosed_shortcode_and_stray_tokens_are_harmless() {
        let p = prepare("{{< figure src=x\n\u{E000}0\u{E001}\n");
        assert!(p.shortcodes.is_empty());
        assert!(pieces(&p.body).iter().all(|p| matches!(p, Piece::Text(_))));
    }
}
