//! Hugo's shortcodes, shown as a Hugo site shows them: `highlight` and `code-toggle` as code
//! blocks, `figure` as an image, `ref`/`relref` as the path they link to, `param` as the
//! post's value, `youtube`/`vimeo` as embeds, `details` as HTML details, and the rest (site
//! shortcodes, `include`) as a marker naming them.

use serde_json::Value;

use super::scan::Call;
use super::{
    Image, Params, Scanner, Shown, Written, call_hint, html_escape, longest_run, plain_value,
};

impl Scanner<'_> {
    /// What the Hugo call at `start` leaves, and where the body goes on.
    pub(super) fn hugo(&mut self, start: usize, call: Call) -> (Written, usize) {
        let end = call.end;
        if call.closing {
            let closed = if call.name == "details" {
                let prefix = self.line_lead().to_string();
                Written::Raw(format!("\n{prefix}</details>"))
            } else {
                Written::Raw(String::new())
            };
            return (closed, end);
        }
        match call.name.as_str() {
            "highlight" => self.hugo_code(start, &call, "highlight", |call, _| {
                call.positional.first().cloned().unwrap_or_default()
            }),
            "code-toggle" => self.hugo_code(start, &call, "code-toggle", |call, code| {
                call.named("lang")
                    .map_or_else(|| config_language(code), str::to_string)
            }),
            "details" => (self.details(&call), end),
            "figure" => (self.token(Shown::Image(figure(&call)), start, end), end),
            "ref" | "relref" => {
                let path = call.first("path").unwrap_or_default().to_string();
                (self.path(path, start, end), end)
            }
            "param" => {
                let key = call.first("name").unwrap_or_default();
                let value = self.params.and_then(|params| param(params, key));
                let written = match value {
                    Some(value) if plain_value(&value) => Written::Raw(value),
                    Some(value) => self.token(Shown::Text(value), start, end),
                    None => self.marker(&call_hint(&call), start, end),
                };
                (written, end)
            }
            "youtube" | "vimeo" | "x" | "twitter" | "tweet" | "gist" | "instagram" => {
                let written = match embed(&call) {
                    Some((site, url)) => self.token(Shown::Embed { site, url }, start, end),
                    None => self.marker(&call_hint(&call), start, end),
                };
                (written, end)
            }
            _ if shows_an_image(&call) => {
                (self.token(Shown::Image(figure(&call)), start, end), end)
            }
            _ => (self.marker(&call_hint(&call), start, end), end),
        }
    }

    /// A pair whose inner text is code: a fenced block in the language `lang` picks. Without
    /// a closer (or written self-closing) it is a marker.
    fn hugo_code(
        &mut self,
        start: usize,
        call: &Call,
        name: &'static str,
        lang: impl Fn(&Call, &str) -> String,
    ) -> (Written, usize) {
        let closer = (!call.self_closing)
            .then(|| self.closer(call.end, name, call.syntax))
            .flatten();
        let Some(closer) = closer else {
            let mut hint = call_hint(call);
            if let Some(config) = call.named("config") {
                hint = format!("{hint} {config}");
            }
            return (self.marker(&hint, start, call.end), call.end);
        };
        let code = &self.src[call.end..closer.start];
        let next = self.next_char(closer.end);
        let alone = self.line_lead().trim().is_empty() && next.is_none_or(|c| c == '\n');
        if !code.contains('\n') && !alone {
            // Code inside a sentence, as `hl_inline` writes it: a code span.
            return (Written::Raw(code_span(code)), closer.end);
        }
        let lang = lang(call, code);
        (self.code_block(&lang, code, next), closer.end)
    }

    /// `details` opens an HTML `<details>` with its summary; its closer closes it, and what
    /// lies between is read as markdown, as the HTML form is.
    fn details(&self, call: &Call) -> Written {
        let lead = self.line_lead();
        let container: String = lead
            .chars()
            .take_while(|c| c.is_whitespace() || *c == '>')
            .collect();
        let summary = call.named("summary").unwrap_or("Details");
        let opening = if container.len() == lead.len() {
            ""
        } else {
            "\n\n"
        };
        let blank = container.trim_end();
        Written::Raw(format!(
            "{opening}<details>\n{container}<summary>{}</summary>\n{blank}\n",
            html_escape(summary)
        ))
    }

    /// A path a call names: as written in a URL (in `<…>` if it holds a space), as plain
    /// text in prose.
    pub(super) fn path(&self, path: String, start: usize, end: usize) -> Written {
        if !self.in_url() {
            return self.token(Shown::Text(path), start, end);
        }
        if path.contains(char::is_whitespace) && self.out.body.ends_with("](") {
            Written::Raw(format!("<{}>", path.replace(['<', '>'], "")))
        } else {
            Written::Raw(path.split_whitespace().collect::<Vec<_>>().join("%20"))
        }
    }
}

/// `code` as a markdown code span, fenced by more backticks than it holds in a row.
fn code_span(code: &str) -> String {
    let ticks = "`".repeat(longest_run(code, '`') + 1);
    let code = code.trim();
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{code}{pad}{ticks}")
}

/// `figure`: its image, alt text (or title) and caption (or title).
fn figure(call: &Call) -> Image {
    Image {
        src: call.named("src").unwrap_or_default().to_string(),
        alt: call
            .named("alt")
            .or_else(|| call.named("title"))
            .unwrap_or_default()
            .to_string(),
        caption: call
            .named("caption")
            .or_else(|| call.named("title"))
            .map(str::to_string),
    }
}

/// A site's own image shortcode (`img`, `image`…): one whose `src` names an image file.
fn shows_an_image(call: &Call) -> bool {
    const IMAGE_FILES: [&str; 7] = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"];
    call.named("src").is_some_and(|src| {
        let src = src.to_ascii_lowercase();
        IMAGE_FILES.iter().any(|ext| src.ends_with(ext))
    })
}

/// The site and address of an embedded video or post; none without an id.
fn embed(call: &Call) -> Option<(String, String)> {
    let id = call
        .named("id")
        .or_else(|| call.positional.last().map(String::as_str))
        .filter(|id| !id.is_empty())?;
    let user = call
        .named("user")
        .or_else(|| (call.positional.len() > 1).then(|| call.positional[0].as_str()))
        .unwrap_or_default();
    let (site, url) = match call.name.as_str() {
        "youtube" => ("YouTube", format!("https://www.youtube.com/watch?v={id}")),
        "vimeo" => ("Vimeo", format!("https://vimeo.com/{id}")),
        "gist" => ("Gist", format!("https://gist.github.com/{user}/{id}")),
        "instagram" => ("Instagram", format!("https://www.instagram.com/p/{id}/")),
        _ => ("X", format!("https://x.com/{user}/status/{id}")),
    };
    Some((site.to_string(), url))
}

/// The language of a `code-toggle` body: Hugo accepts TOML, YAML or JSON and shows TOML
/// first.
fn config_language(code: &str) -> String {
    let first = code.lines().map(str::trim).find(|line| !line.is_empty());
    let lang = match first {
        Some(line) if line.starts_with('{') => "json",
        Some(line) if line.starts_with('[') || line.starts_with('#') => "toml",
        Some(line) => match (line.find('='), line.find(':')) {
            (Some(eq), Some(colon)) if colon < eq => "yaml",
            (None, Some(_)) => "yaml",
            _ => "toml",
        },
        None => "toml",
    };
    lang.to_string()
}

/// A page parameter as Hugo's `param` finds it: under `params`, then at the top of the front
/// matter; keys compare without case and a dotted key walks into tables.
fn param(params: &Params, key: &str) -> Option<String> {
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    let nested = lookup(params, "params").and_then(Value::as_object);
    let value = nested
        .and_then(|table| walk(table, key))
        .or_else(|| walk(params, key))?;
    match value {
        Value::String(text) => Some(crate::sanitize::line(text).into_owned()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

fn walk<'v>(table: &'v Params, key: &str) -> Option<&'v Value> {
    let mut parts = key.split('.');
    let mut value = lookup(table, parts.next()?)?;
    for part in parts {
        value = lookup(value.as_object()?, part)?;
    }
    Some(value)
}

fn lookup<'v>(table: &'v Params, key: &str) -> Option<&'v Value> {
    table.get(key).or_else(|| {
        table
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}
