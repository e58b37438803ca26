//! A start tag's attributes, read as folio needs them: values are already decoded by the
//! tokenizer (every HTML5 named reference) and are made terminal-safe here.

use std::collections::BTreeMap;

use html5gum::{HtmlString, Spanned};

use crate::sanitize;

/// The attributes, and whether the fragment holds private-use characters as written.
pub struct Attrs<'t>(
    pub &'t BTreeMap<HtmlString, Spanned<HtmlString, ()>>,
    pub bool,
);

impl Attrs<'_> {
    fn raw(&self, name: &str) -> Option<String> {
        let value = self.0.get(name.as_bytes())?;
        let value = String::from_utf8_lossy(&value.value);
        Some(super::unprivate(value, self.1).into_owned())
    }

    /// The value of `name`, trimmed and safe for one line; `None` when the tag lacks it.
    pub fn text(&self, name: &str) -> Option<String> {
        self.raw(name)
            .map(|value| sanitize::line(value.trim()).into_owned())
    }

    /// A URL attribute (`src`, `href`); empty when missing.
    pub fn url(&self, name: &str) -> String {
        self.text(name).unwrap_or_default()
    }

    /// The language a `<pre>` or `<code>` names: `class="language-x"` (also `lang-x`,
    /// `highlight-x`, as highlighters write it) or `data-lang="x"`.
    pub fn language(&self) -> Option<String> {
        let class = self.raw("class").unwrap_or_default();
        let from_class = class.split_ascii_whitespace().find_map(|word| {
            ["language-", "lang-", "highlight-"]
                .iter()
                .find_map(|prefix| word.strip_prefix(prefix))
                .filter(|lang| !lang.is_empty())
                .map(str::to_owned)
        });
        from_class
            .or_else(|| self.text("data-lang"))
            .map(|lang| sanitize::line(&lang).into_owned())
            .filter(|lang| !lang.is_empty())
    }

    /// A cell's alignment from `align="…"` or `style="text-align: …"`.
    pub fn align(&self) -> super::super::Align {
        use super::super::Align;
        let style = self.raw("style").unwrap_or_default().to_ascii_lowercase();
        let value = self
            .raw("align")
            .map(|a| a.trim().to_ascii_lowercase())
            .or_else(|| {
                let at = style.find("text-align")?;
                let rest = style.get(at + "text-align".len()..)?;
                let rest = rest.trim_start().strip_prefix(':')?.trim_start();
                Some(
                    rest.split(|c: char| c == ';' || c.is_whitespace())
                        .next()
                        .unwrap_or("")
                        .to_owned(),
                )
            })
            .unwrap_or_default();
        match value.as_str() {
            "left" => Align::Left,
            "center" => Align::Center,
            "right" => Align::Right,
            _ => Align::None,
        }
    }
}
