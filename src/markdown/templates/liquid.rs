//! Jekyll's Liquid, shown as a Jekyll site shows it: `highlight` as a code block, `raw` as
//! the text it holds, `comment` and `capture` as nothing, `post_url` and `link` as the path
//! they name, control flow as nothing (both branches of an `if` stay), the site's base URL
//! as nothing (so `{{ site.baseurl }}/a.png` is a site path), a quoted string as its text,
//! and any other tag or output as a marker naming it.

use super::scan::{Call, Syntax};
use super::{Scanner, Shown, Written, plain_value};

/// Tags that only steer a template; in a post they leave nothing.
const CONTROL: [&str; 15] = [
    "if",
    "elsif",
    "else",
    "unless",
    "for",
    "case",
    "when",
    "assign",
    "increment",
    "decrement",
    "cycle",
    "break",
    "continue",
    "tablerow",
    "liquid",
];

/// Outputs that stand for the site's own address: nothing, so what follows is a site path.
const SITE_ADDRESS: [&str; 4] = ["site.baseurl", "site.url", "site.base_url", "base_path"];

impl Scanner<'_> {
    /// What the Liquid tag at `start` leaves, and where the body goes on.
    pub(super) fn liquid_tag(&mut self, start: usize, call: Call) -> (Written, usize) {
        let end = call.end;
        let nothing = (Written::Raw(String::new()), end);
        match call.name.as_str() {
            "highlight" => match self.closer(end, "endhighlight", Syntax::Tag) {
                Some(closer) => {
                    let code = &self.src[end..closer.start];
                    let lang = call.positional.first().map_or("", String::as_str);
                    let next = self.next_char(closer.end);
                    (self.code_block(lang, code, next), closer.end)
                }
                None => nothing,
            },
            "raw" => match self.closer(end, "endraw", Syntax::Tag) {
                Some(closer) => (
                    Written::Raw(self.src[end..closer.start].to_string()),
                    closer.end,
                ),
                None => nothing,
            },
            "comment" | "capture" => {
                let name = if call.name == "comment" {
                    "endcomment"
                } else {
                    "endcapture"
                };
                match self.closer(end, name, Syntax::Tag) {
                    Some(closer) => (Written::Raw(String::new()), closer.end),
                    None => nothing,
                }
            }
            "post_url" | "link" => {
                let path = call.positional.first().cloned().unwrap_or_default();
                (self.path(path, start, end), end)
            }
            "include" | "include_relative" | "include_cached" => {
                let file = call.positional.first().map_or("", String::as_str);
                (self.marker(&format!("include {file}"), start, end), end)
            }
            name if CONTROL.contains(&name) || name.starts_with("end") => nothing,
            _ => {
                let mut hint = call.name.clone();
                if let Some(first) = call.positional.first() {
                    hint.push(' ');
                    hint.push_str(first);
                }
                (self.marker(&hint, start, end), end)
            }
        }
    }

    /// What the Liquid output at `start` leaves, and where the body goes on.
    pub(super) fn liquid_output(&mut self, start: usize, call: Call) -> (Written, usize) {
        let end = call.end;
        let value = call.name.split('|').next().unwrap_or("").trim();
        let quoted = ['"', '\'']
            .iter()
            .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)));
        let written = match quoted {
            Some(text) if plain_value(text) => Written::Raw(text.to_string()),
            Some(text) => self.token(Shown::Text(text.to_string()), start, end),
            None if SITE_ADDRESS.contains(&value) => Written::Raw(String::new()),
            // A function call (Zola's `{{ resize_image(path=…) }}`) is named by its function.
            None => match value.split_once('(') {
                Some((function, _)) => self.marker(&format!("{}(…)", function.trim()), start, end),
                None => self.marker(value, start, end),
            },
        };
        (written, end)
    }
}
