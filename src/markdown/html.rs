//! Raw HTML in markdown: never shown as tags. This reads a fragment into the few things folio
//! shows (text, breaks, images, links, emphasis, `<details>`), and drops the rest: other tags,
//! comments, and whatever is inside `<script>` or `<style>`.

use super::entity;
use super::{Emphasis, Image};
use crate::sanitize;

/// What a piece of HTML means to the reader.
#[derive(Debug, Clone, PartialEq)]
pub enum Html {
    /// Text with references decoded; made terminal-safe, line breaks kept as spaces.
    Text(String),
    /// `<br>`.
    Break,
    /// A block element starts or ends (`<p>`, `<div>`, `<li>`, `<h1>`…): text on either side
    /// belongs to different paragraphs.
    Boundary,
    Image(Image),
    /// An `<iframe>`: a page embedded from elsewhere.
    Embed(String),
    LinkOpen(String),
    LinkClose,
    Style(Emphasis, bool),
    DetailsOpen,
    DetailsClose,
    SummaryOpen,
    SummaryClose,
}

/// Elements whose content is never shown.
const HIDDEN: [&str; 4] = ["script", "style", "template", "head"];

const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "figure",
    "figcaption",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
];

/// Reading state that lasts across fragments: pulldown-cmark hands over an HTML block line by
/// line, and a `<script>` may span many.
#[derive(Debug, Default)]
pub struct Reader {
    hidden: Option<&'static str>,
}

impl Reader {
    /// What a fragment of HTML shows.
    pub fn read(&mut self, html: &str) -> Vec<Html> {
        let mut out = Vec::new();
        for token in tokens(html) {
            match token {
                Token::Text(text) => {
                    if self.hidden.is_none() && !text.is_empty() {
                        let decoded = entity::decode(text);
                        out.push(Html::Text(sanitize::line(&decoded).into_owned()));
                    }
                }
                Token::Comment => {}
                Token::Tag {
                    name,
                    closing,
                    attrs,
                } => {
                    if let Some(hidden) = self.hidden {
                        if closing && name == hidden {
                            self.hidden = None;
                        }
                        continue;
                    }
                    if let Some(meaning) = self.tag(&name, closing, attrs) {
                        out.push(meaning);
                    }
                }
            }
        }
        out
    }

    fn tag(&mut self, name: &str, closing: bool, attrs: &str) -> Option<Html> {
        let emphasis = |e: fn(&mut Emphasis)| {
            let mut emphasis = Emphasis::default();
            e(&mut emphasis);
            Some(Html::Style(emphasis, !closing))
        };
        match name {
            _ if !closing && HIDDEN.contains(&name) => {
                self.hidden = HIDDEN.iter().copied().find(|h| *h == name);
                None
            }
            "br" => Some(Html::Break),
            "img" if !closing => Some(Html::Image(Image {
                src: attribute(attrs, "src").unwrap_or_default(),
                alt: attribute(attrs, "alt")
                    .or_else(|| attribute(attrs, "title"))
                    .unwrap_or_default(),
                caption: None,
            })),
            "iframe" if !closing => attribute(attrs, "src").map(Html::Embed),
            "a" if closing => Some(Html::LinkClose),
            "a" => attribute(attrs, "href").map(Html::LinkOpen),
            "b" | "strong" => emphasis(|e| e.strong = true),
            "i" | "em" | "cite" => emphasis(|e| e.italic = true),
            "s" | "del" | "strike" => emphasis(|e| e.strike = true),
            "code" | "kbd" | "samp" | "tt" => emphasis(|e| e.code = true),
            "details" => Some(if closing {
                Html::DetailsClose
            } else {
                Html::DetailsOpen
            }),
            "summary" => Some(if closing {
                Html::SummaryClose
            } else {
                Html::SummaryOpen
            }),
            _ if BLOCKS.contains(&name) => Some(Html::Boundary),
            _ => None,
        }
    }
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Tag {
        name: String,
        closing: bool,
        attrs: &'a str,
    },
    Comment,
}

/// Splits HTML into text, tags and comments. A `<` that starts no tag is text.
fn tokens(html: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    let bytes = html.as_bytes();
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let rest = &html[start..];
        let end = if let Some(comment) = rest.strip_prefix("<!--") {
            Some((
                comment
                    .find("-->")
                    .map_or(html.len(), |e| start + 4 + e + 3),
                Token::Comment,
            ))
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            Some((
                rest.find('>').map_or(html.len(), |e| start + e + 1),
                Token::Comment,
            ))
        } else {
            let closing = bytes.get(start + 1) == Some(&b'/');
            let name_start = start + 1 + usize::from(closing);
            let name_len = html[name_start..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
                .count();
            let starts_with_letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
            if starts_with_letter {
                let after_name = name_start + name_len;
                let found = tag_end(&html[after_name..]);
                let close = found.map_or(html.len(), |e| after_name + e);
                // Without its `>` a tag runs to the end, whose last byte may be inside a char.
                let attrs = &html[after_name..found.map_or(close, |_| close - 1).max(after_name)];
                Some((
                    close,
                    Token::Tag {
                        name: html[name_start..after_name].to_ascii_lowercase(),
                        closing,
                        attrs,
                    },
                ))
            } else {
                None
            }
        };
        match end {
            Some((end, token)) => {
                if start > text_start {
                    out.push(Token::Text(&html[text_start..start]));
                }
                out.push(token);
                at = end;
                text_start = end;
            }
            None => at = start + 1,
        }
    }
    if text_start < html.len() {
        out.push(Token::Text(&html[text_start..]));
    }
    out
}

/// The offset just past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The value of `name="…"`, `name='…'` or `name=…` among a tag's attributes, decoded and
/// made safe.
pub fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let key_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        rest = rest[key_len..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = next;
            Some(value)
        } else {
            None
        };
        if key.eq_ignore_ascii_case(name) {
            let value = entity::decode(value.unwrap_or(""));
            return Some(sanitize::line(value.trim()).into_owned());
        }
        if key_len == 0 && value.is_none() {
            rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Vec<Html> {
        Reader::default().read(html)
    }

    fn image(src: &str, alt: &str) -> Html {
        Html::Image(Image {
            src: src.into(),
            alt: alt.into(),
            caption: None,
        })
    }

    #[test]
    fn images_in_any_attribute_order_and_quoting() {
        assert_eq!(
            read("<img class=\"x\" alt='A b' src=/p.png>"),
            [image("/p.png", "A b")]
        );
        assert_eq!(
            read("<IMG SRC=\"q.png\" data-x=\"a>b\" alt=\"Q &amp; A\"/>"),
            [image("q.png", "Q & A")]
        );
    }

    #[test]
    fn text_is_kept_and_tags_dropped() {
        assert_eq!(
            read("<div class=\"note\">Hello <span>there</span></div>"),
            [
                Html::Boundary,
                Html::Text("Hello ".into()),
                Html::Text("there".into()),
                Html::Boundary
            ]
        );
    }

    #[test]
    fn scripts_styles_and_comments_vanish_even_across_fragments() {
        let mut reader = Reader::default();
        assert_eq!(reader.read("<script>"), []);
        assert_eq!(reader.read("alert('<b>hi</b>')"), []);
        assert_eq!(
            reader.read("</script>after<!-- note -->"),
            [Html::Text("after".into())]
        );
        assert_eq!(read("<style>p{color:red}</style>"), []);
    }

    #[test]
    fn escapes_written_as_entities_are_made_visible() {
        assert_eq!(read("&#27;[2J&#x9b;"), [Html::Text("␛[2J\u{FFFD}".into())]);
        assert_eq!(read("<img src=\"&#27;x\">"), [image("␛x", "")]);
    }

    #[test]
    fn a_lone_less_than_is_text() {
        assert_eq!(read("1 < 2"), [Html::Text("1 < 2".into())]);
    }
}
