//! Every element of a post, laid out at three widths in both themes. The snapshots show the
//! text with its styles, so they are the spec of how a post looks.

use folio::render::{self, Header, Options};
use folio::theme::Appearance;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

const ELEMENTS: &str = include_str!("fixtures/elements.md");

/// A line with each styled span written as `«style|text»`.
fn styled(line: &Line<'_>) -> String {
    let mut out = String::new();
    for span in &line.spans {
        let style = describe(span.style);
        if style.is_empty() {
            out.push_str(&span.content);
        } else {
            out.push_str(&format!("«{style}|{}»", span.content));
        }
    }
    out
}

fn describe(style: Style) -> String {
    let mut parts = Vec::new();
    for (modifier, name) in [
        (Modifier::BOLD, "b"),
        (Modifier::ITALIC, "i"),
        (Modifier::UNDERLINED, "u"),
        (Modifier::CROSSED_OUT, "s"),
        (Modifier::DIM, "dim"),
    ] {
        if style.add_modifier.contains(modifier) {
            parts.push(name.to_string());
        }
    }
    for (color, prefix) in [(style.fg, ""), (style.bg, "on")] {
        match color {
            Some(Color::Rgb(r, g, b)) => parts.push(format!("{prefix}#{r:02x}{g:02x}{b:02x}")),
            Some(other) => parts.push(format!("{prefix}{other}")),
            None => {}
        }
    }
    parts.join(" ")
}

fn snapshot(width: usize, appearance: Appearance) -> String {
    let header = Header {
        title: "A post with every element".into(),
        date: Some("2 November 2025".into()),
        authors: vec!["Tove Aalto".into()],
        tags: vec!["rust".into(), "long reads".into()],
        reading_minutes: 3,
        cover: None,
    };
    let missing = |src: &str| src != "photo.png";
    let options = Options {
        image_exists: Some(&missing),
        highlight: false,
        ..Options::new(width, appearance)
    };
    let rendered = render::render(ELEMENTS, Some(&header), &options);
    let mut out = String::new();
    for line in &rendered.lines {
        out.push_str(&styled(line));
        out.push('\n');
    }
    out.push_str("\nheadings:\n");
    for h in &rendered.headings {
        out.push_str(&format!("  {} {:?} @{}\n", h.level, h.text, h.line));
    }
    out.push_str("links:\n");
    for l in &rendered.links {
        let place = if l.local { "local" } else { "web" };
        out.push_str(&format!("  [{}] {} {place} @{}\n", l.number, l.url, l.line));
    }
    out
}

#[test]
fn every_element_at_three_widths_in_both_themes() {
    for appearance in [Appearance::Dark, Appearance::Light] {
        for width in [40, 80, 120] {
            let name = format!("elements_{appearance:?}_{width}").to_lowercase();
            insta::assert_snapshot!(name, snapshot(width, appearance));
        }
    }
}

#[test]
fn no_line_is_wider_than_asked() {
    for width in [40, 80, 120] {
        let rendered = render::render(ELEMENTS, None, &Options::new(width, Appearance::Dark));
        for line in &rendered.lines {
            assert!(line.width() <= width, "{width}: {line:?}");
        }
    }
}
