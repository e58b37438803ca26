//! Placeholder layout until the renderer lands: plain wrapped lines.

use ratatui::text::Line;

use crate::content::Post;
use crate::theme::Appearance;

pub struct RenderOptions {
    pub width: u16,
    pub appearance: Appearance,
    pub highlight: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub number: usize,
    pub url: String,
    pub line: usize,
}

pub fn render(post: &Post, body: &str, options: &RenderOptions) -> Rendered {
    let mut out = Rendered::default();
    out.lines.push(Line::from(post.title.clone()));
    for raw in body.lines() {
        if let Some(h) = raw.strip_prefix("## ") {
            out.headings.push(Heading {
                level: 2,
                text: h.to_string(),
                line: out.lines.len(),
            });
        }
        let mut chars: Vec<char> = raw.chars().collect();
        while chars.len() > options.width as usize {
            let rest = chars.split_off(options.width as usize);
            out.lines.push(Line::from(chars.iter().collect::<String>()));
            chars = rest;
        }
        out.lines.push(Line::from(chars.iter().collect::<String>()));
    }
    out
}
