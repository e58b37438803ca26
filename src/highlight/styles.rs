//! From syntect's parse of a line to its coloured ranges, with the style of each scope stack
//! worked out once.
//!
//! syntect's own highlighter matches every selector of the theme against the scope stack at
//! each scope pushed, which was an eighth of all the work of colouring a long post; code meets
//! the same few hundred stacks over and over. [`Styles`] remembers the style of every stack it
//! has seen, for one theme, and a highlighting thread keeps one for all the blocks it colours.
//! The colours are exactly syntect's: the stack of styles follows the stack of scopes as
//! syntect's `HighlightState` does, pushes and pops alike.

use foldhash::HashMap;

use syntect::highlighting::{Highlighter, Style, Theme};
use syntect::parsing::{
    BasicScopeStackOp, ParseState, ParsingError, Scope, ScopeStack, ScopeStackOp, SyntaxReference,
    SyntaxSet,
};

/// The style of each scope stack met so far, under one theme.
pub struct Styles<'t> {
    highlighter: Highlighter<'t>,
    known: HashMap<Vec<Scope>, Style>,
}

impl<'t> Styles<'t> {
    pub fn new(theme: &'t Theme) -> Styles<'t> {
        Styles {
            highlighter: Highlighter::new(theme),
            known: HashMap::default(),
        }
    }

    /// The theme's colours for text outside any scope.
    pub fn plain(&self) -> Style {
        self.highlighter.get_default()
    }

    /// The style of text under `stack` (bottom first).
    pub fn of(&mut self, stack: &[Scope]) -> Style {
        if let Some(&style) = self.known.get(stack) {
            return style;
        }
        let style = self.highlighter.style_for_stack(stack);
        self.known.insert(stack.to_vec(), style);
        style
    }
}

/// One block's highlighting state, carried from line to line.
pub struct LineColours {
    parse: ParseState,
    scopes: ScopeStack,
    /// The style in force at each depth of `scopes`, the theme's plain style at the bottom.
    styles: Vec<Style>,
}

impl LineColours {
    pub fn new(syntax: &SyntaxReference, styles: &Styles<'_>) -> LineColours {
        LineColours {
            parse: ParseState::new(syntax),
            scopes: ScopeStack::new(),
            styles: vec![styles.plain()],
        }
    }

    /// Appends the coloured ranges of `line` to `out`. A scope operation syntect cannot apply
    /// ends the line there, as syntect's own highlighter does.
    pub fn line<'l>(
        &mut self,
        line: &'l str,
        syntaxes: &SyntaxSet,
        styles: &mut Styles<'_>,
        out: &mut Vec<(Style, &'l str)>,
    ) -> Result<(), ParsingError> {
        let ops = self.parse.parse_line(line, syntaxes)?;
        let end_of_line = (line.len(), ScopeStackOp::Noop);
        let mut start = 0;
        for (end, op) in ops.iter().chain(std::iter::once(&end_of_line)) {
            let style = self.styles.last().copied().unwrap_or_default();
            let text = line.get(start..*end).unwrap_or_default();
            let stack = &mut self.styles;
            let applied = self
                .scopes
                .apply_with_hook(op, |basic, scopes| match basic {
                    BasicScopeStackOp::Push(_) => stack.push(styles.of(scopes)),
                    BasicScopeStackOp::Pop => {
                        stack.pop();
                    }
                });
            if applied.is_err() {
                break;
            }
            start = *end;
            if !text.is_empty() {
                out.push((style, text));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::Assets;
    use crate::theme::Appearance;
    use syntect::easy::HighlightLines;
    use syntect::util::LinesWithEndings;

    /// Every line of `code` coloured by syntect's own highlighter and by ours, one `Styles`
    /// shared by all the blocks as a highlighting thread shares it.
    fn compare(blocks: &[(&str, &str)], theme: &Theme) {
        let assets = Assets::shared();
        let syntaxes = assets.syntaxes();
        let mut styles = Styles::new(theme);
        for &(extension, code) in blocks {
            let syntax = syntaxes
                .find_syntax_by_extension(extension)
                .expect("a known syntax");
            let mut theirs = HighlightLines::new(syntax, theme);
            let mut ours = LineColours::new(syntax, &styles);
            for line in LinesWithEndings::from(code) {
                let expected = theirs.highlight_line(line, syntaxes).expect("syntect");
                let mut got = Vec::new();
                ours.line(line, syntaxes, &mut styles, &mut got)
                    .expect("ours");
                assert_eq!(got, expected, "{extension}: {line:?}");
            }
        }
    }

    #[test]
    fn colours_are_exactly_syntects_in_both_appearances() {
        let blocks = [
            (
                "rs",
                "#[derive(Debug)]\nfn main() {\n    let s = \"a\\n\"; // c\n    /* x */ v.iter().map(|x| x * 2);\n}\n",
            ),
            (
                "py",
                "def f(x):\n    \"\"\"doc\"\"\"\n    return f\"{x}\" + 'y'\n",
            ),
            (
                "html",
                "<div class=\"a\"><script>let a = `t${1}`;</script><style>p { color: red }</style></div>\n",
            ),
            ("sh", "for f in *.md; do echo \"${f%.md}\"; done\n"),
            ("md", "# Title\n\n```rust\nlet x = 1;\n```\n"),
        ];
        let assets = Assets::shared();
        for appearance in [Appearance::Dark, Appearance::Light] {
            compare(&blocks, assets.default_theme(appearance).theme());
        }
    }

    /// Pieces of code that open and close scopes in many ways, so that arbitrary mixtures
    /// reach nested, unbalanced and embedded states.
    const PIECES: &[&str] = &[
        "fn ",
        "{",
        "}",
        "(",
        ")",
        "\"",
        "'",
        "/*",
        "*/",
        "//",
        "<",
        ">",
        "</",
        "<script>",
        "</script>",
        "<style>",
        "${",
        "`",
        "#",
        "\n",
        " ",
        "x",
        "1.5",
        "\\",
        "é",
        "r#\"",
        "\"#",
        "<<EOF\n",
        "EOF\n",
        "```",
        "$(",
        "<!--",
        "-->",
        "\"\"\"",
        "@",
        "\t",
        "漢",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Whatever the code, every line gets exactly the ranges and colours syntect's own
        /// highlighter gives it.
        #[test]
        fn any_code_is_coloured_as_syntect_colours_it(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60),
            language in proptest::sample::select(&["rs", "html", "sh", "md", "py", "js"][..]),
        ) {
            let code = pieces.concat();
            let theme = Assets::shared().default_theme(Appearance::Dark).theme();
            compare(&[(language, code.as_str())], theme);
        }
    }
}
