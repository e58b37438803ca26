//! What a fence says its code is: the one parser of fence info strings in folio (the
//! markdown builder uses it for a block's label, the highlighter for its syntax), and the
//! names bloggers write mapped to the syntaxes folio has, or deliberately to plain text.

use syntect::parsing::{SyntaxReference, SyntaxSet};

use super::Assets;

/// The language word of a fence info string, as written: `rust` from `rust,ignore`,
/// `rust title="x"`, `{.rust .numberLines}` or `language-rust`; `None` when there is none.
pub fn fence_language(info: &str) -> Option<&str> {
    let word = info
        .trim_start()
        .trim_start_matches('{')
        .trim_start()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'))
        .next()?;
    let word = word.trim_start_matches('.');
    let word = match word.get(..9) {
        Some(prefix) if prefix.eq_ignore_ascii_case("language-") => &word[9..],
        _ => word,
    };
    (!word.is_empty()).then_some(word)
}

/// Name reported by [`syntax_name`] for shell transcripts, which folio highlights itself.
pub const SESSION: &str = "Shell session";

/// What a fence's language resolves to.
#[derive(Clone, Copy)]
pub enum Language<'a> {
    Syntax(&'a SyntaxReference),
    /// A shell transcript: commands after a prompt are highlighted as shell, output is plain.
    Session(&'a SyntaxReference),
}

/// Fence words that syntect's own lookup (by file extension, then by name) does not find,
/// mapped to a word it does. Compared case-insensitively.
pub(super) const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("zsh", "bash"),
    ("ksh", "bash"),
    ("golang", "go"),
    // Go and Liquid templates are HTML with `{{ }}` and `{% %}`, as Jinja writes them.
    ("go-html-template", "html.j2"),
    ("gotmpl", "html.j2"),
    ("go-template", "html.j2"),
    ("go-text-template", "j2"),
    ("liquid", "html.j2"),
    ("tera", "html.j2"),
    ("handlebars", "html.j2"),
    ("hbs", "html.j2"),
    ("nunjucks", "html.j2"),
    ("njk", "html.j2"),
    ("ejs", "erb"),
    ("c++", "cpp"),
    ("make", "makefile"),
    ("mk", "makefile"),
    ("docker", "dockerfile"),
    ("containerfile", "dockerfile"),
    ("nginxconf", "nginx"),
    ("apache", "htaccess"),
    ("apacheconf", "htaccess"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("jsonl", "json"),
    ("ndjson", "json"),
    ("geojson", "json"),
    ("javascript", "js"),
    ("node", "js"),
    ("typescript", "ts"),
    ("jsx", "js"),
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
    ("plsql", "sql"),
    ("viml", "vim"),
    ("elisp", "lisp"),
    ("emacs-lisp", "lisp"),
    ("scheme", "scm"),
    ("dotenv", ".env"),
    ("env", ".env"),
    ("gitignore", ".gitignore"),
    ("protobuf", "proto"),
    ("svg", "xml"),
    ("plist", "xml"),
    ("xhtml", "html"),
    ("htm", "html"),
    ("md", "markdown"),
    ("mdx", "markdown"),
    ("tex", "latex"),
    ("pwsh", "ps1"),
    ("ps", "ps1"),
    ("batch", "bat"),
    ("dosbatch", "bat"),
    ("proto3", "proto"),
    ("cfg", "ini"),
    ("conf", "ini"),
];

/// Fence words for an interactive shell transcript: prompts, commands and their output.
pub(super) const SESSION_TOKENS: &[&str] = &[
    "console",
    "shell-session",
    "shellsession",
    "sh-session",
    "bash-session",
    "terminal",
];

/// Fence words that mean "no language", or a picture drawn in text (a directory tree, a
/// diagram's source): shown plain without a lookup.
pub(super) const PLAIN_TOKENS: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "none",
    "nohighlight",
    "no-highlight",
    "tree",
    "ascii",
    "mermaid",
    "goat",
];

/// What a fence info string is highlighted as, or `None` when it is shown plain.
pub fn resolve<'a>(assets: &'a Assets, info: &str) -> Option<Language<'a>> {
    let word = fence_language(info)?;
    let is = |token: &&str| token.eq_ignore_ascii_case(word);
    if PLAIN_TOKENS.iter().any(is) {
        return None;
    }
    let syntaxes = assets.syntaxes();
    if SESSION_TOKENS.iter().any(is) {
        return syntaxes.find_syntax_by_token("bash").map(Language::Session);
    }
    let token = ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(word))
        .map_or(word, |&(_, token)| token);
    find(syntaxes, token).map(Language::Syntax)
}

/// A syntax by file extension or name, never the plain-text one.
fn find<'a>(syntaxes: &'a SyntaxSet, token: &str) -> Option<&'a SyntaxReference> {
    let syntax = syntaxes.find_syntax_by_token(token)?;
    (syntax.name != syntaxes.find_syntax_plain_text().name).then_some(syntax)
}

/// The name of the syntax a fence info string is highlighted with (`"Rust"`, `"YAML"`,
/// `"Shell session"`), or `None` when it is shown plain.
pub fn syntax_name<'a>(assets: &'a Assets, info: &str) -> Option<&'a str> {
    resolve(assets, info).map(|language| match language {
        Language::Syntax(syntax) => syntax.name.as_str(),
        Language::Session(_) => SESSION,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(info: &str) -> Option<&'static str> {
        syntax_name(Assets::shared(), info)
    }

    #[test]
    fn the_language_word_is_found_among_fence_noise() {
        assert_eq!(fence_language("rust"), Some("rust"));
        assert_eq!(fence_language("rust,ignore"), Some("rust"));
        assert_eq!(fence_language(" rust no_run"), Some("rust"));
        assert_eq!(fence_language("js title=\"a.js\""), Some("js"));
        assert_eq!(fence_language("{.rust .numberLines}"), Some("rust"));
        assert_eq!(fence_language("{rust}"), Some("rust"));
        assert_eq!(fence_language("language-python"), Some("python"));
        assert_eq!(fence_language("Language-Go"), Some("Go"));
        assert_eq!(fence_language("languageé"), Some("languageé"));
        assert_eq!(fence_language(""), None);
        assert_eq!(fence_language("  "), None);
        assert_eq!(fence_language("{}"), None);
    }

    #[test]
    fn fence_words_bloggers_write_reach_a_syntax() {
        for (info, expected) in [
            ("rust", "Rust"),
            ("RUST,ignore", "Rust"),
            ("rs", "Rust"),
            ("sh", "Bourne Again Shell (bash)"),
            ("shell", "Bourne Again Shell (bash)"),
            ("zsh", "Bourne Again Shell (bash)"),
            ("Bash", "Bourne Again Shell (bash)"),
            ("console", SESSION),
            ("shell-session", SESSION),
            ("sh-session", SESSION),
            ("yml", "YAML"),
            ("yaml", "YAML"),
            ("js", "JavaScript (Babel)"),
            ("javascript", "JavaScript (Babel)"),
            ("jsx", "JavaScript (Babel)"),
            ("ts", "TypeScript"),
            ("tsx", "TypeScriptReact"),
            ("vue", "Vue Component"),
            ("svelte", "Svelte"),
            ("py", "Python"),
            ("python", "Python"),
            ("golang", "Go"),
            ("go", "Go"),
            ("go-html-template", "HTML (Jinja2)"),
            ("liquid", "HTML (Jinja2)"),
            ("tera", "HTML (Jinja2)"),
            ("jinja", "Jinja2"),
            ("c++", "C++"),
            ("cpp", "C++"),
            ("c", "C"),
            ("toml", "TOML"),
            ("make", "Makefile"),
            ("Makefile", "Makefile"),
            ("dockerfile", "Dockerfile"),
            ("nginx", "nginx"),
            ("json", "JSON"),
            ("jsonc", "JSON"),
            ("html", "HTML"),
            ("css", "CSS"),
            ("scss", "SCSS"),
            ("sql", "SQL"),
            ("diff", "Diff"),
            ("patch", "Diff"),
            ("powershell", "PowerShell"),
            ("hcl", "Terraform"),
            ("kotlin", "Kotlin"),
            ("ruby", "Ruby"),
            ("ini", "INI"),
        ] {
            assert_eq!(name(info), Some(expected), "fence {info:?}");
        }
    }

    #[test]
    fn every_alias_leads_to_a_syntax() {
        for (alias, _) in ALIASES {
            assert!(name(alias).is_some(), "alias {alias:?}");
        }
    }

    #[test]
    fn plain_and_unknown_words_are_shown_plain() {
        for info in PLAIN_TOKENS.iter().copied().chain([
            "",
            "no-such-language",
            "plaintext",
            "TEXT",
            "{.unknown}",
        ]) {
            assert_eq!(name(info), None, "fence {info:?}");
        }
    }
}
