//! Syntax highlighting for code blocks.
//!
//! [`assets`] loads syntax definitions lazily and once; [`language`] is the one reading of a
//! fence's language; [`block`] colours one block; [`session`] colours a whole post's blocks
//! on every core while it is laid out. The theme is always a [`SyntaxTheme`] value passed
//! in, so two layouts in one process can use two themes.

mod assets;
mod block;
pub mod language;
pub mod session;
mod styles;
mod warm;

use ratatui::text::Line;

pub use assets::{Assets, SyntaxTheme, theme_names};
pub use language::{Language, fence_language, syntax_name};
pub use session::Session;
pub use styles::Styles;

use crate::sanitize;

/// One line per source line, not wrapped, tabs expanded, colours as `Color::Rgb`; `None`
/// when the fence's language is not highlighted (the caller shows it plain).
pub fn highlight(
    assets: &Assets,
    theme: &SyntaxTheme,
    code: &str,
    info: &str,
) -> Option<Vec<Line<'static>>> {
    highlight_with(assets, &mut Styles::new(theme.theme()), code, info)
}

/// [`highlight`] with the theme's styles as `styles` has worked them out so far: a thread
/// that colours many blocks keeps one [`Styles`] for all of them.
pub fn highlight_with(
    assets: &Assets,
    styles: &mut Styles<'_>,
    code: &str,
    info: &str,
) -> Option<Vec<Line<'static>>> {
    let language = language::resolve(assets, info)?;
    let code = sanitize::text(code);
    let syntaxes = assets.syntaxes();
    match language {
        Language::Syntax(syntax) => block::highlight_syntax(syntaxes, &code, syntax, styles),
        Language::Session(shell) => block::highlight_session(syntaxes, &code, shell, styles),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Appearance;
    use ratatui::style::Color;

    /// Highlights with the appearance's default theme.
    fn highlight(
        code: &str,
        info: Option<&str>,
        appearance: Appearance,
    ) -> Option<Vec<Line<'static>>> {
        let assets = Assets::shared();
        super::highlight(assets, assets.default_theme(appearance), code, info?)
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
    fn unknown_and_plain_languages_are_not_highlighted() {
        for info in ["", "no-such-language", "text", "txt", "plain", "{.unknown}"] {
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
        assert_eq!(block::prompt_len("$ ls\n"), Some(2));
        assert_eq!(block::prompt_len("# apt install x\n"), Some(2));
        assert_eq!(block::prompt_len("me@box:~/src$ make\n"), Some(14));
        assert_eq!(block::prompt_len("50% done\n"), None);
        assert_eq!(block::prompt_len("total 8\n"), None);
        assert_eq!(block::prompt_len("$PATH\n"), None);
    }

    #[test]
    fn a_huge_line_is_shown_plain_and_whole() {
        let line = "let x = \"a\";".repeat(block::MAX_HIGHLIGHT_LINE / 8);
        let code = format!("fn f() {{}}\n{line}\n");
        let lines = highlight(&code, Some("rust"), Appearance::Dark).expect("rust");
        assert_eq!(lines.len(), 2);
        assert_eq!(text_of(&lines[1]), line);
        assert_eq!(lines[1].spans.len(), 1);
    }

    #[test]
    fn the_rest_of_a_huge_block_is_shown_plain_and_whole() {
        let code = "+added line\n".repeat(block::MAX_HIGHLIGHT_BLOCK / 12 + 100);
        let lines = highlight(&code, Some("diff"), Appearance::Dark).expect("diff");
        assert_eq!(lines.len(), code.lines().count());
        let first = lines.first().expect("lines");
        let last = lines.last().expect("lines");
        assert_eq!(text_of(last), "+added line");
        assert_ne!(first.spans[0].style, last.spans[0].style);
    }
}
