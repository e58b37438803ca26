//! The syntax definitions and colour themes highlighting needs.
//!
//! Loading the syntax set takes tens of milliseconds, so [`Assets`] loads it on first use and
//! once only, whichever thread asks first; [`Assets::warm_up`] pays that cost (and the first
//! regex compilation of the common languages) on a background thread once the first frame
//! is on screen; [`Assets::preload_for`] does the same for the languages of a post about to
//! be laid out, while it is parsed. Which theme colours the code is not stored here: it is a
//! [`SyntaxTheme`] value the caller passes in.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread;

use syntect::highlighting::Theme;
use syntect::parsing::SyntaxSet;
use two_face::theme::{EmbeddedLazyThemeSet, EmbeddedThemeName};

use crate::theme::Appearance;

/// The syntax definitions, loaded lazily, and the default theme of each appearance.
pub struct Assets {
    syntaxes: OnceLock<SyntaxSet>,
    dark: OnceLock<SyntaxTheme>,
    light: OnceLock<SyntaxTheme>,
    /// The fence languages (lower case) warmed up already: a post laid out again, or another
    /// post in the same languages, starts no warm-up.
    warmed: Mutex<Vec<String>>,
}

impl Default for Assets {
    fn default() -> Self {
        Assets::new()
    }
}

impl Assets {
    /// Assets that load nothing until asked.
    pub const fn new() -> Assets {
        Assets {
            syntaxes: OnceLock::new(),
            dark: OnceLock::new(),
            light: OnceLock::new(),
            warmed: Mutex::new(Vec::new()),
        }
    }

    /// The assets every part of the process shares: the definitions are the same for all, so
    /// they are loaded once.
    pub fn shared() -> &'static Assets {
        static SHARED: Assets = Assets::new();
        &SHARED
    }

    pub fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(two_face::syntax::extra_newlines)
    }

    /// The theme code is coloured with when the user chose none.
    pub fn default_theme(&self, appearance: Appearance) -> &SyntaxTheme {
        match appearance {
            Appearance::Dark => self
                .dark
                .get_or_init(|| SyntaxTheme::embedded(EmbeddedThemeName::OneHalfDark)),
            Appearance::Light => self
                .light
                .get_or_init(|| SyntaxTheme::embedded(EmbeddedThemeName::OneHalfLight)),
        }
    }

    /// Loads the syntax set on a background thread, then colours the first few lines of the
    /// first block of each language `markdown` fences, in the post's order, and throws the
    /// colours away. While the post is parsed, before any block is handed out, the second core
    /// has nothing else to do; this way it loads the syntaxes the post uses and compiles
    /// the patterns met first, which the highlighting threads would otherwise do. Languages
    /// warmed up before are skipped.
    pub fn preload_for(&'static self, theme: &SyntaxTheme, markdown: &str) {
        let mut samples = super::warm::samples(markdown);
        {
            let mut warmed = self.warmed.lock().unwrap_or_else(PoisonError::into_inner);
            samples.retain(|sample| {
                let new = !warmed.contains(&sample.language);
                if new {
                    warmed.push(sample.language.clone());
                }
                new
            });
        }
        if samples.is_empty() {
            return;
        }
        let theme = theme.clone();
        let spawned = thread::Builder::new()
            .name("highlight-warm-up".into())
            .spawn(move || {
                for sample in samples {
                    super::highlight(self, &theme, &sample.code, &sample.info);
                }
            });
        // Without a thread the highlighting threads do it all.
        drop(spawned);
    }

    /// Loads the syntax set and compiles the common languages on a background thread, so
    /// the first post opened does not pay for it. Call it after the first frame: before, it
    /// would compete with reading the blog for the cores.
    pub fn warm_up(&'static self) {
        let spawned = thread::Builder::new()
            .name("highlight-warm-up".into())
            .spawn(move || {
                let theme = self.default_theme(Appearance::Dark);
                for (lang, code) in super::block::WARM_UP {
                    super::highlight(self, theme, code, lang);
                }
            });
        // Without a thread the first post simply highlights a little slower.
        drop(spawned);
    }
}

/// A colour theme for code, chosen by name or by appearance; cheap to clone and share.
#[derive(Clone)]
pub struct SyntaxTheme {
    theme: Arc<Theme>,
}

impl std::fmt::Debug for SyntaxTheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SyntaxTheme")
            .field(&self.theme.name)
            .finish()
    }
}

impl SyntaxTheme {
    /// The compiled-in theme of that name (as [`theme_names`] writes it), if there is one.
    pub fn named(name: &str) -> Option<SyntaxTheme> {
        EmbeddedLazyThemeSet::theme_names()
            .iter()
            .find(|theme| theme.as_name() == name)
            .map(|&theme| SyntaxTheme::embedded(theme))
    }

    fn embedded(name: EmbeddedThemeName) -> SyntaxTheme {
        SyntaxTheme {
            theme: Arc::new(two_face::theme::extra().get(name).clone()),
        }
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }
}

/// The names of the syntax themes compiled in, as a config file writes them.
pub fn theme_names() -> impl Iterator<Item = &'static str> {
    EmbeddedLazyThemeSet::theme_names()
        .iter()
        .map(|name| name.as_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_are_found_by_their_config_names_only() {
        assert!(SyntaxTheme::named("No Such Theme").is_none());
        assert!(theme_names().any(|name| name == "Nord"));
        let nord = SyntaxTheme::named("Nord").expect("Nord is compiled in");
        assert_eq!(nord.theme().name.as_deref(), Some("Nord"));
    }

    #[test]
    fn two_assets_values_choose_their_themes_apart() {
        let nord = SyntaxTheme::named("Nord").expect("Nord");
        let assets = Assets::new();
        let dark = assets.default_theme(Appearance::Dark);
        assert_ne!(dark.theme().name, nord.theme().name);
    }

    #[test]
    fn each_language_is_warmed_up_once_per_process() {
        let assets: &'static Assets = Box::leak(Box::new(Assets::new()));
        let theme = SyntaxTheme::named("Nord").expect("Nord");
        let warmed = || assets.warmed.lock().expect("not poisoned").clone();
        assets.preload_for(&theme, "```rust\nfn a() {}\n```\n");
        assets.preload_for(&theme, "```Rust\nfn b() {}\n```\n```python\nx = 1\n```\n");
        assert_eq!(warmed(), ["rust", "python"]);
        assets.preload_for(&theme, "no code at all\n");
        assert_eq!(warmed(), ["rust", "python"]);
    }
}
