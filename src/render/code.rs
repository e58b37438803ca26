//! Syntax highlighting for code blocks: syntect's styles mapped straight to ratatui styles.
//!
//! Loading the syntax definitions takes milliseconds and the first highlight of a language
//! compiles its regexes (tens of milliseconds), so nothing is loaded until it is needed and
//! [`warm_up`] can pay both costs on a background thread before the reader opens a post.
//! Code is untrusted: it is sanitised before highlighting, and a line too long to highlight in
//! bounded time is shown plain.

use std::cmp::Reverse;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use syntect::easy::HighlightLines;
use syntect::highlighting::{self, FontStyle, Highlighter, Theme};
use syntect::parsing::{Scope, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::{EmbeddedLazyThemeSet, EmbeddedThemeName};

use crate::sanitize;
use crate::theme::Appearance;

/// Lines longer than this (in bytes) are shown plain: they are data or minified code, not worth
/// colouring, and syntect's cost per byte grows on them.
const MAX_HIGHLIGHT_LINE: usize = 16 * 1024;

/// After this many bytes a block's remaining lines are shown plain. Dense code highlights at
/// roughly 300 KB/s, so this bounds the time one block can take (a block cannot be split
/// between threads) to well under a second.
const MAX_HIGHLIGHT_BLOCK: usize = 256 * 1024;

/// Below this much code in total, starting threads costs more than it saves.
const PARALLEL_THRESHOLD: usize = 16 * 1024;

/// Name reported by [`syntax_name`] for shell sessions, which folio highlights itself.
const SESSION: &str = "Shell session";

/// Fence tokens that syntect's own lookup (by file extension, then by name) does not find,
/// mapped to a token it does. Compared case-insensitively.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("zsh", "bash"),
    ("ksh", "bash"),
    ("golang", "go"),
    ("c++", "cpp"),
    ("make", "makefile"),
    ("mk", "makefile"),
    ("docker", "dockerfile"),
    ("containerfile", "dockerfile"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("javascript", "js"),
    ("node", "js"),
    ("typescript", "ts"),
    ("python3", "py"),
    ("py3", "py"),
    ("patch", "diff"),
    ("udiff", "diff"),
    ("csharp", "cs"),
    ("c#", "cs"),
    ("fsharp", "fs"),
    ("f#", "fs"),
    ("objc", "m"),
    ("objective-c", "m"),
    ("hcl", "tf"),
    ("terraform", "tf"),
    ("postgres", "sql"),
    ("postgresql", "sql"),
    ("mysql", "sql"),
    ("sqlite", "sql"),
    ("viml", "vim"),
    ("elisp", "lisp"),
    ("emacs-lisp", "lisp"),
    ("dotenv", ".env"),
    ("env", ".env"),
    ("gitignore", ".gitignore"),
    ("protobuf", "proto"),
    ("svg", "xml"),
    ("xhtml", "html"),
    ("htm", "html"),
    ("md", "markdown"),
    ("tex", "latex"),
];

/// Fence tokens for an interactive shell transcript: prompts, commands and their output.
const SESSION_TOKENS: &[&str] = &[
    "console",
    "shell-session",
    "shellsession",
    "sh-session",
    "bash-session",
    "terminal",
];

/// Fence tokens that mean "no language": shown plain without a lookup.
const PLAIN_TOKENS: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "none",
    "nohighlight",
];

/// The loaded syntax definitions and the two colour themes.
struct Assets {
    syntaxes: SyntaxSet,
    dark: Theme,
    light: Theme,
}

impl Assets {
    fn theme(&self, appearance: Appearance) -> &Theme {
        match appearance {
            Appearance::Dark => &self.dark,
            Appearance::Light => &self.light,
        }
    }
}

/// The syntax theme a user chose for both appearances, read when the assets load.
static CHOSEN_THEME: OnceLock<EmbeddedThemeName> = OnceLock::new();

/// The names of the syntax themes compiled in, as a config file writes them.
pub fn theme_names() -> impl Iterator<Item = &'static str> {
    EmbeddedLazyThemeSet::theme_names()
        .iter()
        .map(|name| name.as_name())
}

/// Highlights with the named theme whatever the appearance. The themes are loaded once for
/// the whole process, so this must come before the first highlight (and [`warm_up`]); false
/// when the name is unknown or it came too late.
pub fn choose_theme(name: &str) -> bool {
    let Some(&theme) = EmbeddedLazyThemeSet::theme_names()
        .iter()
        .find(|theme| theme.as_name() == name)
    else {
        return false;
    };
    CHOSEN_THEME.set(theme).is_ok()
}

/// The assets, loaded on first use by whichever thread gets there first.
fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let themes = two_face::theme::extra();
        let (dark, light) = match CHOSEN_THEME.get() {
            Some(&chosen) => (chosen, chosen),
            None => (
                EmbeddedThemeName::OneHalfDark,
                EmbeddedThemeName::OneHalfLight,
            ),
        };
        Assets {
            syntaxes: two_face::syntax::extra_newlines(),
            dark: themes.get(dark).clone(),
            light: themes.get(light).clone(),
        }
    })
}

/// What a fence's language resolves to.
#[derive(Clone, Copy)]
enum Language {
    Syntax(&'static SyntaxReference),
    /// A shell transcript: commands after a prompt are highlighted as shell, output is plain.
    Session(&'static SyntaxReference),
}

/// The language word of a fence info string, as written: `rust` from `rust,ignore`,
/// `{.rust .numberLines}` or `language-rust`; `None` when there is none.
pub fn fence_language(info: &str) -> Option<&str> {
    let word = info
        .trim_start()
        .trim_start_matches('{')
        .trim_start()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'))
        .next()?;
    let word = word.trim_start_matches('.');
    let word = word
        .get(..9)
        .filter(|prefix| prefix.eq_ignore_ascii_case("language-"))
        .map_or(word, |_| &word[9..]);
    (!word.is_empty()).then_some(word)
}

/// The name of the syntax a fence info string is highlighted with (`"Rust"`, `"YAML"`,
/// `"Shell session"`), or `None` when it is shown plain.
pub fn syntax_name(info: &str) -> Option<&'static str> {
    resolve(info).map(|language| match language {
        Language::Syntax(syntax) => syntax.name.as_str(),
        Language::Session(_) => SESSION,
    })
}

fn resolve(info: &str) -> Option<Language> {
    let word = fence_language(info)?;
    let is = |token: &&str| token.eq_ignore_ascii_case(word);
    if PLAIN_TOKENS.iter().any(is) {
        return None;
    }
    let syntaxes = &assets().syntaxes;
    if SESSION_TOKENS.iter().any(is) {
        return syntaxes.find_syntax_by_token("bash").map(Language::Session);
    }
    let token = ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(word))
        .map_or(word, |&(_, token)| token);
    let syntax = syntaxes.find_syntax_by_token(token)?;
    (syntax.name != syntaxes.find_syntax_plain_text().name).then_some(Language::Syntax(syntax))
}

/// One Line per source line, not wrapped, tabs expanded, colours as Color::Rgb.
/// None when the language is unknown (the caller renders plain).
pub fn highlight(
    code: &str,
    lang: Option<&str>,
    appearance: Appearance,
) -> Option<Vec<Line<'static>>> {
    let language = resolve(lang?)?;
    let code = sanitize::text(code);
    let theme = assets().theme(appearance);
    match language {
        Language::Syntax(syntax) => highlight_syntax(&code, syntax, theme),
        Language::Session(shell) => highlight_session(&code, shell, theme),
    }
}

/// Highlights many blocks, `(code, lang)`, on all cores; the result is in the blocks' order.
/// Blocks are independent, so a post's code blocks are shared out to one worker per core,
/// largest first, each worker taking the next block when it is done with one.
pub fn highlight_all(
    blocks: &[(&str, Option<&str>)],
    appearance: Appearance,
) -> Vec<Option<Vec<Line<'static>>>> {
    let total: usize = blocks.iter().map(|(code, _)| code.len()).sum();
    let workers = thread::available_parallelism()
        .map_or(1, usize::from)
        .min(blocks.len());
    if workers <= 1 || total < PARALLEL_THRESHOLD {
        return blocks
            .iter()
            .map(|&(code, lang)| highlight(code, lang, appearance))
            .collect();
    }
    assets();
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by_key(|&i| Reverse(blocks[i].0.len()));
    let next = AtomicUsize::new(0);
    let done: Vec<Vec<(usize, Option<Vec<Line<'static>>>)>> = thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let (code, lang) = blocks[i];
                        done.push((i, highlight(code, lang, appearance)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    let mut results: Vec<Option<Vec<Line<'static>>>> = vec![None; blocks.len()];
    for (i, lines) in done.into_iter().flatten() {
        results[i] = lines;
    }
    results
}

/// Loads the syntax set and compiles the common languages on a background thread.
pub fn warm_up() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        let spawned = thread::Builder::new()
            .name("highlight-warm-up".into())
            .spawn(|| {
                for (lang, code) in WARM_UP {
                    highlight(code, Some(lang), Appearance::Dark);
                }
            });
        // Without a thread the first post simply highlights a little slower.
        drop(spawned);
    });
}

/// A few typical lines per common language: enough to compile the regexes of the contexts
/// real posts visit most (comments, strings, numbers, functions, attributes).
const WARM_UP: &[(&str, &str)] = &[
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
fn highlight_syntax(
    code: &str,
    syntax: &SyntaxReference,
    theme: &Theme,
) -> Option<Vec<Line<'static>>> {
    let syntaxes = &assets().syntaxes;
    let plain = Highlighter::new(theme).get_default();
    let mut highlighter = HighlightLines::new(syntax, theme);
    let mut lines = Vec::new();
    let mut highlighted = 0;
    for line in LinesWithEndings::from(code) {
        if line.len() > MAX_HIGHLIGHT_LINE || highlighted > MAX_HIGHLIGHT_BLOCK {
            lines.push(styled_line(&[(plain, line)]));
            continue;
        }
        highlighted += line.len();
        let ranges = highlighter.highlight_line(line, syntaxes).ok()?;
        lines.push(styled_line(&ranges));
    }
    Some(lines)
}

/// Highlights a shell transcript: a prompt (`$`, `#`, `%`, `user@host:~$`) in the comment
/// colour, the command after it as shell (continued over lines ending in `\`), output plain.
fn highlight_session(
    code: &str,
    shell: &SyntaxReference,
    theme: &Theme,
) -> Option<Vec<Line<'static>>> {
    let syntaxes = &assets().syntaxes;
    let styles = Highlighter::new(theme);
    let plain = styles.get_default();
    let prompt_style =
        Scope::new("comment").map_or(plain, |comment| styles.style_for_stack(&[comment]));
    let mut highlighter = HighlightLines::new(shell, theme);
    let mut continued = false;
    let mut highlighted = 0;
    let mut lines = Vec::new();
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
                let mut ranges = vec![(prompt_style, prompt)];
                ranges.extend(highlighter.highlight_line(command, syntaxes).ok()?);
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
fn prompt_len(line: &str) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_syntax_theme_is_refused() {
        assert!(!choose_theme("No Such Theme"));
        assert!(theme_names().any(|name| name == "Nord"));
    }

    fn text_of(line: &Line<'_>) -> String {
        line.spans
            .iter()
            .map(|span| span.content.as_ref())
            .collect()
    }

    fn colour_of(lines: &[Line<'_>], needle: &str) -> Option<Color> {
        lines
            .iter()
            .flat_map(|line| &line.spans)
            .find(|span| span.content.contains(needle))
            .and_then(|span| span.style.fg)
    }

    #[test]
    fn the_language_word_is_found_among_fence_noise() {
        assert_eq!(fence_language("rust"), Some("rust"));
        assert_eq!(fence_language("rust,ignore"), Some("rust"));
        assert_eq!(fence_language(" rust no_run"), Some("rust"));
        assert_eq!(fence_language("{.rust .numberLines}"), Some("rust"));
        assert_eq!(fence_language("{rust}"), Some("rust"));
        assert_eq!(fence_language("language-python"), Some("python"));
        assert_eq!(fence_language(""), None);
        assert_eq!(fence_language("  "), None);
        assert_eq!(fence_language("{}"), None);
    }

    #[test]
    fn aliases_resolve_case_insensitively() {
        for (info, name) in [
            ("rust", "Rust"),
            ("RUST,ignore", "Rust"),
            ("rs", "Rust"),
            ("sh", "Bourne Again Shell (bash)"),
            ("shell", "Bourne Again Shell (bash)"),
            ("zsh", "Bourne Again Shell (bash)"),
            ("Bash", "Bourne Again Shell (bash)"),
            ("console", SESSION),
            ("shell-session", SESSION),
            ("yml", "YAML"),
            ("yaml", "YAML"),
            ("js", "JavaScript (Babel)"),
            ("javascript", "JavaScript (Babel)"),
            ("ts", "TypeScript"),
            ("py", "Python"),
            ("python", "Python"),
            ("golang", "Go"),
            ("go", "Go"),
            ("c++", "C++"),
            ("cpp", "C++"),
            ("c", "C"),
            ("toml", "TOML"),
            ("make", "Makefile"),
            ("Makefile", "Makefile"),
            ("dockerfile", "Dockerfile"),
            ("json", "JSON"),
            ("html", "HTML"),
            ("css", "CSS"),
            ("sql", "SQL"),
            ("diff", "Diff"),
            ("patch", "Diff"),
        ] {
            assert_eq!(syntax_name(info), Some(name), "fence {info:?}");
        }
    }

    #[test]
    fn every_alias_leads_to_a_syntax() {
        for (alias, _) in ALIASES {
            assert!(syntax_name(alias).is_some(), "alias {alias:?}");
        }
    }

    #[test]
    fn unknown_and_plain_languages_are_not_highlighted() {
        for info in ["", "no-such-language", "text", "txt", "plain", "{.unknown}"] {
            assert_eq!(syntax_name(info), None, "fence {info:?}");
            assert!(highlight("x = 1\n", Some(info), Appearance::Dark).is_none());
        }
        assert!(highlight("x = 1\n", None, Appearance::Dark).is_none());
    }

    #[test]
    fn every_character_is_kept_one_line_per_source_line_with_tabs_expanded() {
        let code =
            "fn main() {\n\tlet s = \"a\tb\";\n\n    // ünïcödé 漢字 🎉\n}\nno newline at end";
        let expected: Vec<String> = sanitize::text(code).lines().map(str::to_owned).collect();
        assert!(expected[1].starts_with("    let"));
        for appearance in [Appearance::Dark, Appearance::Light] {
            for lang in ["rust", "console", "python"] {
                let lines = highlight(code, Some(lang), appearance).expect("known language");
                let got: Vec<String> = lines.iter().map(text_of).collect();
                assert_eq!(got, expected, "{lang} {appearance:?}");
            }
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let code = "let a = \"\u{1b}[31mred\u{7}\";\r\n\u{202e}x\u{9b}\n";
        let lines = highlight(code, Some("rust"), Appearance::Dark).expect("rust");
        for line in &lines {
            assert!(!text_of(line).chars().any(|c| c.is_control()), "{line:?}");
            assert!(!text_of(line).contains('\u{202e}'));
        }
    }

    #[test]
    fn keywords_and_strings_get_different_colours_in_both_appearances() {
        let code = "fn main() {\n    let s = \"hello\";\n}\n";
        for appearance in [Appearance::Dark, Appearance::Light] {
            let lines = highlight(code, Some("rust"), appearance).expect("rust");
            let keyword = colour_of(&lines, "let").expect("keyword coloured");
            let string = colour_of(&lines, "hello").expect("string coloured");
            assert!(matches!(keyword, Color::Rgb(..)) && matches!(string, Color::Rgb(..)));
            assert_ne!(keyword, string, "{appearance:?}");
        }
        let dark = highlight(code, Some("rust"), Appearance::Dark).expect("rust");
        let light = highlight(code, Some("rust"), Appearance::Light).expect("rust");
        assert_ne!(colour_of(&dark, "hello"), colour_of(&light, "hello"));
    }

    #[test]
    fn blanks_join_their_neighbours() {
        let lines = highlight("    let a = 1;\n", Some("rust"), Appearance::Dark).expect("rust");
        let spans = &lines[0].spans;
        assert!(spans[0].content.starts_with("    let"), "{spans:?}");
        assert!(
            spans.iter().all(|s| !s.content.trim().is_empty()),
            "{spans:?}"
        );
    }

    #[test]
    fn no_background_is_painted() {
        let lines = highlight("fn main() {}\n", Some("rust"), Appearance::Light).expect("rust");
        assert!(
            lines
                .iter()
                .flat_map(|l| &l.spans)
                .all(|s| s.style.bg.is_none())
        );
    }

    #[test]
    fn a_session_highlights_commands_and_leaves_output_plain() {
        let code = "$ echo \"hi\" \\\n    --flag\nhi\nuser@host:~$ ls\n";
        let lines = highlight(code, Some("console"), Appearance::Dark).expect("session");
        let prompt = lines[0].spans[0].clone();
        assert_eq!(prompt.content, "$ ");
        assert_ne!(
            colour_of(&lines[..1], "echo"),
            colour_of(&lines[..1], "\"hi\"")
        );
        assert_eq!(
            lines[2].spans.len(),
            1,
            "output is one plain span: {:?}",
            lines[2]
        );
        assert_eq!(lines[3].spans[0].content, "user@host:~$ ");
        assert_eq!(prompt.style, lines[3].spans[0].style);
    }

    #[test]
    fn prompts_are_told_from_output() {
        assert_eq!(prompt_len("$ ls\n"), Some(2));
        assert_eq!(prompt_len("# apt install x\n"), Some(2));
        assert_eq!(prompt_len("me@box:~/src$ make\n"), Some(14));
        assert_eq!(prompt_len("50% done\n"), None);
        assert_eq!(prompt_len("total 8\n"), None);
        assert_eq!(prompt_len("$PATH\n"), None);
    }

    #[test]
    fn a_huge_line_is_shown_plain_and_whole() {
        let line = "let x = \"a\";".repeat(MAX_HIGHLIGHT_LINE / 8);
        let code = format!("fn f() {{}}\n{line}\n");
        let lines = highlight(&code, Some("rust"), Appearance::Dark).expect("rust");
        assert_eq!(lines.len(), 2);
        assert_eq!(text_of(&lines[1]), line);
        assert_eq!(lines[1].spans.len(), 1);
    }

    #[test]
    fn the_rest_of_a_huge_block_is_shown_plain_and_whole() {
        let code = "+added line\n".repeat(MAX_HIGHLIGHT_BLOCK / 12 + 100);
        let lines = highlight(&code, Some("diff"), Appearance::Dark).expect("diff");
        assert_eq!(lines.len(), code.lines().count());
        let first = lines.first().expect("lines");
        let last = lines.last().expect("lines");
        assert_eq!(text_of(last), "+added line");
        assert_ne!(first.spans[0].style, last.spans[0].style);
    }

    #[test]
    fn highlighting_many_blocks_keeps_their_order() {
        let big = "let v = 1;\n".repeat(PARALLEL_THRESHOLD / 8);
        let blocks = [
            ("fn a() {}\n", Some("rust")),
            ("plain\n", None),
            (big.as_str(), Some("rs")),
            ("x: 1\n", Some("yml")),
        ];
        let all = highlight_all(&blocks, Appearance::Dark);
        assert_eq!(all.len(), blocks.len());
        for (&(code, lang), got) in blocks.iter().zip(&all) {
            assert_eq!(got, &highlight(code, lang, Appearance::Dark));
        }
    }
}
