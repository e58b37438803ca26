//! One code block to styled lines: syntect's styles mapped straight to ratatui styles, and
//! shell transcripts with their prompts and output told apart.
//!
//! Code is untrusted: it is sanitised before it gets here, and a line too long to highlight
//! in bounded time is shown plain.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use syntect::highlighting::{self, FontStyle};
use syntect::parsing::{Scope, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::styles::{LineColours, Styles};

/// Lines longer than this (in bytes) are shown plain: they are data or minified code, not worth
/// colouring, and syntect's cost per byte grows on them.
pub(super) const MAX_HIGHLIGHT_LINE: usize = 16 * 1024;

/// After this many bytes a block's remaining lines are shown plain. Dense code highlights at
/// roughly 300 KB/s, so this bounds the time one block can take (a block cannot be split
/// between threads) to well under a second.
pub(super) const MAX_HIGHLIGHT_BLOCK: usize = 256 * 1024;

/// A few typical lines per common language: enough to compile the regexes of the contexts
/// real posts visit most (comments, strings, numbers, functions, attributes).
pub(super) const WARM_UP: &[(&str, &str)] = &[
    (
        "rust",
        "#[derive(Debug)]\npub struct A<'a> { s: &'a str }\nfn main() -> Result<(), E> {\n    // note\n    let v = vec![1, 2.5];\n    println!(\"{} {v:?}\", 'c');\n    Ok(())\n}\n",
    ),
    (
        "console",
        "$ cargo build --release 2>&1 | tee \"$LOG\"\n   Compiling folio v0.1.0\n",
    ),
    (
        "bash",
        "#!/bin/sh\nset -eu\nfor f in *.md; do\n  if [ -f \"$f\" ]; then echo \"${f%.md}\" | sed 's/a/b/'; fi\ndone\nexport X=$(date +%s)\n",
    ),
    (
        "python",
        "import os\n@dataclass\nclass A(B):\n    def f(self, x: int = 3) -> str:\n        \"\"\"Doc.\"\"\"\n        return f\"{x!r}\" + 'y'  # c\n",
    ),
    (
        "js",
        "import { a } from './a.js';\nconst f = async (x) => { return `t ${x}` + \"s\" + 1.5; };\n// c\nclass A extends B { constructor() { super(); } }\n",
    ),
    (
        "ts",
        "interface A { b?: string }\nexport function f<T>(x: T): Promise<T> { return Promise.resolve(x); }\n",
    ),
    (
        "go",
        "package main\nimport \"fmt\"\nfunc main() {\n\tx := []int{1, 2}\n\tfmt.Println(x) // c\n}\n",
    ),
    (
        "c",
        "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 1); return 0; }\n",
    ),
    (
        "cpp",
        "#include <vector>\ntemplate <typename T> auto f(std::vector<T>& v) -> T { return v[0]; }\n",
    ),
    (
        "toml",
        "[package]\nname = \"a\" # c\nversion = 1.0\n[[bench]]\nx = [1, 2]\n",
    ),
    (
        "yaml",
        "---\nkey: value # c\nlist:\n  - \"a\"\n  - 1\nblock: |\n  text\n",
    ),
    (
        "json",
        "{\"a\": [1, 2.5, true, null], \"b\": {\"c\": \"d\"}}\n",
    ),
    (
        "html",
        "<!DOCTYPE html>\n<div class=\"a\"><a href='b'>c</a><!-- d --></div>\n<script>let a = 1;</script>\n<style>p { color: red; }</style>\n",
    ),
    (
        "css",
        ".a > p:hover { color: #fff; margin: 0 auto; } /* c */\n@media (max-width: 600px) { a { b: c } }\n",
    ),
    (
        "sql",
        "SELECT a, COUNT(*) FROM t WHERE b = 'c' GROUP BY a; -- d\n",
    ),
    (
        "diff",
        "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-old\n+new\n context\n",
    ),
    (
        "dockerfile",
        "FROM rust:1 AS build\nRUN cargo build --release\nCOPY . /app\n",
    ),
    ("makefile", "all: build\n\nbuild:\n\tcargo build $(FLAGS)\n"),
];

/// Highlights a whole block with one syntax.
pub(super) fn highlight_syntax(
    syntaxes: &SyntaxSet,
    code: &str,
    syntax: &SyntaxReference,
    styles: &mut Styles<'_>,
) -> Option<Vec<Line<'static>>> {
    let plain = styles.plain();
    let mut colours = LineColours::new(syntax, styles);
    let mut lines = Vec::new();
    let mut ranges = Vec::new();
    let mut highlighted = 0;
    for line in LinesWithEndings::from(code) {
        if line.len() > MAX_HIGHLIGHT_LINE || highlighted > MAX_HIGHLIGHT_BLOCK {
            lines.push(styled_line(&[(plain, line)]));
            continue;
        }
        highlighted += line.len();
        ranges.clear();
        colours.line(line, syntaxes, styles, &mut ranges).ok()?;
        lines.push(styled_line(&ranges));
    }
    Some(lines)
}

/// Highlights a shell transcript: a prompt (`$`, `#`, `%`, `user@host:~$`) in the comment
/// colour, the command after it as shell (continued over lines ending in `\`), output plain.
pub(super) fn highlight_session(
    syntaxes: &SyntaxSet,
    code: &str,
    shell: &SyntaxReference,
    styles: &mut Styles<'_>,
) -> Option<Vec<Line<'static>>> {
    let plain = styles.plain();
    let prompt_style = Scope::new("comment").map_or(plain, |comment| styles.of(&[comment]));
    let mut colours = LineColours::new(shell, styles);
    let mut continued = false;
    let mut highlighted = 0;
    let mut lines = Vec::new();
    let mut ranges = Vec::new();
    for line in LinesWithEndings::from(code) {
        let (prompt, command) = if continued {
            ("", Some(line))
        } else {
            match prompt_len(line) {
                Some(len) => (&line[..len], Some(&line[len..])),
                None => ("", None),
            }
        };
        match command {
            Some(command)
                if command.len() <= MAX_HIGHLIGHT_LINE && highlighted <= MAX_HIGHLIGHT_BLOCK =>
            {
                highlighted += command.len();
                ranges.clear();
                ranges.push((prompt_style, prompt));
                colours.line(command, syntaxes, styles, &mut ranges).ok()?;
                lines.push(styled_line(&ranges));
                continued = command.trim_end_matches('\n').ends_with('\\');
            }
            _ => {
                lines.push(styled_line(&[(plain, line)]));
                continued = false;
            }
        }
    }
    Some(lines)
}

/// The length of a shell prompt at the start of a transcript line, including the space after
/// it, or `None` for an output line.
pub(super) fn prompt_len(line: &str) -> Option<usize> {
    let (token, _) = line.split_once(' ')?;
    let is_prompt = match token {
        "$" | "#" | "%" | "❯" | "➜" | ">>>" => true,
        _ => (token.ends_with('$') || token.ends_with('#')) && token.contains(['@', ':', '~', '/']),
    };
    is_prompt.then_some(token.len() + 1)
}

/// Turns syntect's ranges for one line into a ratatui line: the trailing newline dropped,
/// neighbouring ranges of the same look merged into one span. Blank text looks the same in any
/// colour, so it joins a neighbour whatever its colour (unless underlined); a 1 MB post has
/// about a third fewer spans that way, which is memory the reader keeps for the whole post.
fn styled_line(ranges: &[(highlighting::Style, &str)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(ranges.len());
    let mut current: Option<(Style, String, bool)> = None;
    for &(style, text) in ranges {
        let text = text.trim_end_matches(['\n', '\r']);
        if text.is_empty() {
            continue;
        }
        let style = to_ratatui(style);
        let blank = text.chars().all(char::is_whitespace);
        match &mut current {
            Some((same, buffer, _)) if *same == style => buffer.push_str(text),
            Some((other, buffer, _)) if blank && blends(style, *other) => buffer.push_str(text),
            Some((other, buffer, all_blank)) if *all_blank && blends(style, *other) => {
                *other = style;
                *all_blank = blank;
                buffer.push_str(text);
            }
            _ => {
                let next = (style, text.to_owned(), blank);
                if let Some((style, buffer, _)) = current.replace(next) {
                    spans.push(Span::styled(buffer, style));
                }
            }
        }
    }
    if let Some((style, buffer, _)) = current {
        spans.push(Span::styled(buffer, style));
    }
    Line::from(spans)
}

/// Whether blank text in one style looks the same as in the other: true unless either
/// underlines it.
fn blends(a: Style, b: Style) -> bool {
    !(a.add_modifier | b.add_modifier).contains(Modifier::UNDERLINED)
}

/// Foreground colour and font style only: the theme's background is left out so the reader's
/// own background shows through.
fn to_ratatui(style: highlighting::Style) -> Style {
    let highlighting::Color { r, g, b, .. } = style.foreground;
    let mut out = Style::new().fg(Color::Rgb(r, g, b));
    for (font, modifier) in [
        (FontStyle::BOLD, Modifier::BOLD),
        (FontStyle::ITALIC, Modifier::ITALIC),
        (FontStyle::UNDERLINE, Modifier::UNDERLINED),
    ] {
        if style.font_style.contains(font) {
            out = out.add_modifier(modifier);
        }
    }
    out
}
