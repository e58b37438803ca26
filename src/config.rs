//! The user's settings: `config.toml`, read before the terminal is touched, into a
//! [`Settings`] value the reader is built from. A leaf: nothing here knows the app or the
//! screen.
//!
//! Every setting has a default, so a missing file means the defaults. The file is strict: an
//! unknown setting, mode, action or key is an error naming the file and the line, because a
//! typo that silently does nothing is worse than a message.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use serde::Deserialize;
use strum::IntoEnumIterator;
use toml::Spanned;

use crate::action::Action;
use crate::geometry::IndexWidth;
use crate::highlight;
use crate::keymap::{Key, Keymap, KeymapError, KeysByAction, Mode};
use crate::sanitize;
use crate::theme::Appearance;

/// Widest text column the reader lays out by default, for comfortable reading on wide terminals.
pub const MAX_READING_WIDTH: u16 = 100;

/// How the index writes dates unless the user says otherwise: `2025-12-21`.
pub const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d";

/// A date in the user's strftime format (checked when the config was read; ISO should it
/// still fail), made safe for the terminal. The index and `folio list` both write dates so.
pub fn format_date(format: &str, date: jiff::civil::Date) -> String {
    jiff::fmt::strtime::format(format, date).map_or_else(
        |_| date.to_string(),
        |text| sanitize::line(&text).into_owned(),
    )
}

/// Narrowest reading column a user may ask for.
const MIN_READER_WIDTH: i64 = 20;
/// Narrowest index pane a user may ask for, in columns.
const MIN_INDEX_COLUMNS: i64 = 10;

/// Which colours to use: for a dark or light background, or whichever the terminal has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    Auto,
    Dark,
    Light,
}

impl ThemeChoice {
    /// The appearance the file fixes; `None` for `auto`, which asks the terminal (see
    /// [`crate::tui::terminal_background`]).
    pub fn fixed(self) -> Option<Appearance> {
        match self {
            ThemeChoice::Dark => Some(Appearance::Dark),
            ThemeChoice::Light => Some(Appearance::Light),
            ThemeChoice::Auto => None,
        }
    }
}

/// Everything the config file can set, with the defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// A syntax-highlighting theme by name, instead of the one for the appearance.
    pub syntax_theme: Option<String>,
    /// The widest text column the reader lays out.
    pub reader_width: u16,
    /// `None` lets the layout choose.
    pub index_width: Option<IndexWidth>,
    pub show_drafts: bool,
    /// strftime form, checked when loaded.
    pub date_format: String,
    /// How pictures are drawn: the terminal's own protocol, half-blocks, or not at all.
    pub images: crate::images::Setting,
    /// The default keymap with the file's `[keys.<mode>]` tables laid over it.
    pub keymap: Keymap,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: ThemeChoice::default(),
            syntax_theme: None,
            reader_width: MAX_READING_WIDTH,
            index_width: None,
            show_drafts: false,
            date_format: DEFAULT_DATE_FORMAT.to_string(),
            images: crate::images::Setting::default(),
            keymap: Keymap::default(),
        }
    }
}

/// A config file that can't be used: unreadable, or wrong at a line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: can't be read: {}", crate::sanitize::line(&.path.display().to_string()), crate::error::reason(.source))]
    Read { path: PathBuf, source: io::Error },
    #[error("{}:{line}: {message}", .path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// The file as written, with where each checked value stands for error messages.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: Option<ThemeChoice>,
    syntax_theme: Option<Spanned<String>>,
    reader_width: Option<Spanned<i64>>,
    index_width: Option<Spanned<toml::Value>>,
    show_drafts: Option<bool>,
    date_format: Option<Spanned<String>>,
    images: Option<crate::images::Setting>,
    #[serde(default)]
    keys: RawKeys,
}

/// `[keys.<mode>]` tables as written: action → key names, each with its place in the file.
type RawKeys = BTreeMap<Mode, BTreeMap<Action, Vec<Spanned<String>>>>;

impl Settings {
    /// The file read when no `--config` is given: `$XDG_CONFIG_HOME/folio/config.toml`, else
    /// the platform's config folder.
    pub fn default_path() -> Option<PathBuf> {
        let strategy = etcetera::choose_base_strategy().ok()?;
        Some(strategy.config_dir().join("folio").join("config.toml"))
    }

    /// Reads the settings: from `explicit` when given (it must exist), else from the default
    /// path when there is a file there, else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Settings, ConfigError> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => match Settings::default_path() {
                Some(path) if path.exists() => path,
                _ => return Ok(Settings::default()),
            },
        };
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            path: path.clone(),
            source,
        })?;
        Settings::from_toml(&text, &path)
    }

    /// Parses a config file's text; `path` names the file in errors.
    pub fn from_toml(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        let file = File { text, path };
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| file.invalid(e.span(), e.message().trim().to_string()))?;
        let defaults = Settings::default();
        Ok(Settings {
            theme: raw.theme.unwrap_or(defaults.theme),
            syntax_theme: raw
                .syntax_theme
                .map(|name| file.syntax_theme(name))
                .transpose()?,
            reader_width: raw
                .reader_width
                .map_or(Ok(defaults.reader_width), |width| file.reader_width(width))?,
            index_width: raw
                .index_width
                .map(|width| {
                    let span = width.span();
                    parse_index_width(width.get_ref()).map_err(|m| file.invalid(Some(span), m))
                })
                .transpose()?,
            show_drafts: raw.show_drafts.unwrap_or(defaults.show_drafts),
            date_format: raw
                .date_format
                .map_or(Ok(defaults.date_format), |format| file.date_format(format))?,
            images: raw.images.unwrap_or(defaults.images),
            keymap: file.keymap(defaults.keymap, raw.keys)?,
        })
    }
}

/// The file being read, to check values against and to point at in errors.
struct File<'a> {
    text: &'a str,
    path: &'a Path,
}

impl File<'_> {
    /// An error at the line of `span` (the first line when unknown).
    fn invalid(&self, span: Option<Range<usize>>, message: String) -> ConfigError {
        let line = span.map_or(1, |span| line_of(self.text, span.start));
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line,
            message: sanitize::line(&message).into_owned(),
        }
    }

    fn syntax_theme(&self, name: Spanned<String>) -> Result<String, ConfigError> {
        if highlight::theme_names().any(|known| known == name.get_ref()) {
            return Ok(name.into_inner());
        }
        let known: Vec<_> = highlight::theme_names().collect();
        Err(self.invalid(
            Some(name.span()),
            format!(
                "syntax_theme `{}` is not one folio has; it has {}",
                name.get_ref(),
                known.join(", ")
            ),
        ))
    }

    fn reader_width(&self, width: Spanned<i64>) -> Result<u16, ConfigError> {
        u16::try_from(*width.get_ref())
            .ok()
            .filter(|&w| i64::from(w) >= MIN_READER_WIDTH)
            .ok_or_else(|| {
                self.invalid(
                    Some(width.span()),
                    format!(
                        "reader_width {} is not a width: give columns, {MIN_READER_WIDTH} or more",
                        width.get_ref()
                    ),
                )
            })
    }

    /// A strftime format that formats a date without error.
    fn date_format(&self, format: Spanned<String>) -> Result<String, ConfigError> {
        let sample = jiff::civil::date(2025, 12, 21);
        match jiff::fmt::strtime::format(format.get_ref().as_bytes(), sample) {
            Ok(_) => Ok(format.into_inner()),
            Err(e) => Err(self.invalid(
                Some(format.span()),
                format!("date_format `{}` can't be used: {e}", format.get_ref()),
            )),
        }
    }

    /// `keymap` with the file's `[keys.<mode>]` tables laid over it. A conflict is reported at
    /// the line where the file binds the key.
    fn keymap(&self, mut keymap: Keymap, raw: RawKeys) -> Result<Keymap, ConfigError> {
        let mut overlay = KeysByAction::new();
        let mut lines: BTreeMap<(Mode, Key), usize> = BTreeMap::new();
        for (mode, actions) in raw {
            for (action, names) in actions {
                let mut keys = Vec::new();
                for name in names {
                    let key: Key = name.get_ref().parse().map_err(|message| {
                        self.invalid(
                            Some(name.span()),
                            format!("[keys.{}] {message}", mode_name(mode)),
                        )
                    })?;
                    lines
                        .entry((mode, key))
                        .or_insert_with(|| line_of(self.text, name.span().start));
                    keys.push(key);
                }
                overlay.entry(mode).or_default().insert(action, keys);
            }
        }
        keymap.overlay(&overlay).map_err(|error| {
            let line = match error {
                KeymapError::Conflict { mode, key, .. } => lines.get(&(mode, key)).copied(),
                _ => None,
            };
            ConfigError::Invalid {
                path: self.path.to_path_buf(),
                line: line.unwrap_or(1),
                message: error.to_string(),
            }
        })?;
        Ok(keymap)
    }
}

/// The index width from `40` (columns) or `"30%"` (a share of the screen).
fn parse_index_width(raw: &toml::Value) -> Result<IndexWidth, String> {
    let wrong = |shown: String| {
        format!("index_width {shown} is not a width: give columns (40) or a percentage (\"30%\")")
    };
    match raw {
        toml::Value::Integer(columns) => u16::try_from(*columns)
            .ok()
            .filter(|&c| i64::from(c) >= MIN_INDEX_COLUMNS)
            .map(IndexWidth::Columns)
            .ok_or_else(|| wrong(columns.to_string())),
        toml::Value::String(text) => text
            .trim()
            .strip_suffix('%')
            .and_then(|n| n.trim().parse::<u16>().ok())
            .filter(|p| (1..=90).contains(p))
            .map(IndexWidth::Percent)
            .ok_or_else(|| wrong(format!("\"{text}\""))),
        other => Err(wrong(other.to_string())),
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn mode_name(mode: Mode) -> &'static str {
    mode.into()
}

/// Words as `#` comment lines of at most 96 columns.
fn comment_lines(text: &str) -> String {
    let mut lines = vec![String::from("#")];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("one line at least");
        if last.len() > 1 && last.len() + 1 + word.len() > 96 {
            lines.push(format!("# {word}"));
        } else {
            last.push(' ');
            last.push_str(word);
        }
    }
    lines.join("\n")
}

/// A TOML string, quoted and escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The whole default configuration as a commented file, keymap included. It is built from the
/// defaults themselves, so it can't drift from them, and it loads back to them.
pub fn default_file() -> String {
    let defaults = Settings::default();
    let mut out = String::new();
    let theme: &str = defaults.theme.into();
    let _ = write!(
        out,
        "\
# folio's configuration. folio reads $XDG_CONFIG_HOME/folio/config.toml (or the file given
# with --config). Every setting may be left out; the values below are the defaults.

# Colours for a \"dark\" or a \"light\" terminal background, or \"auto\": go by COLORFGBG, else
# ask the terminal, else take dark. --theme overrides this.
theme = {theme}

# The syntax-highlighting theme for code blocks, by name. Without it, folio uses one that
# suits the theme above. The names:
{names}
# syntax_theme = \"Nord\"

# The widest text column the reader lays out, in columns ({MIN_READER_WIDTH} or more); also
# the width `folio render` lays out for without --width.
reader_width = {reader_width}

# The index pane's width beside the reader: columns (40) or a share of the screen (\"30%\").
# Without it, the index takes a third of the screen, from 32 to 60 columns.
# index_width = 40

# Show drafts in the index from the start (a key toggles them either way).
show_drafts = {show_drafts}

# How the index and `folio list` write dates, in strftime form.
date_format = {date_format}

# Pictures in posts: \"auto\" asks the terminal and uses kitty, iTerm2 or sixel graphics where
# it has them, else half-blocks; or one of \"kitty\", \"iterm2\", \"sixel\", \"halfblocks\";
# \"off\" shows a line of text for each image instead.
images = {images}

# Keys, per mode. `action = [\"key\", ...]` replaces the keys of that action in that mode, and
# `action = []` unbinds it; actions left out keep the keys below. A key is a character (\"j\",
# \"G\", \"?\"), or a name: enter, esc, tab, backtab, backspace, space, up, down, left, right,
# home, end, pageup, pagedown, delete, insert, f1 to f12; with ctrl-, alt- or shift- in front
# (\"ctrl-d\"). A key may do only one thing in a mode.
",
        theme = quoted(theme),
        names = comment_lines(&highlight::theme_names().collect::<Vec<_>>().join(", ")),
        reader_width = defaults.reader_width,
        show_drafts = defaults.show_drafts,
        date_format = quoted(&defaults.date_format),
        images = quoted(defaults.images.name()),
    );
    let keys = defaults.keymap.by_action();
    for mode in Mode::iter() {
        let Some(actions) = keys.get(&mode) else {
            continue;
        };
        let _ = write!(out, "\n# {}\n[keys.{}]\n", mode.title(), mode_name(mode));
        for action in Action::iter() {
            let Some(action_keys) = actions.get(&action) else {
                continue;
            };
            let list: Vec<String> = action_keys
                .iter()
                .map(|key| quoted(&key.to_string()))
                .collect();
            let _ = writeln!(
                out,
                "{} = [{}]  # {}",
                action.name(),
                list.join(", "),
                action.description()
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Settings, ConfigError> {
        Settings::from_toml(text, Path::new("/home/me/.config/folio/config.toml"))
    }

    fn error(text: &str) -> String {
        load(text).unwrap_err().to_string()
    }

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(load("").unwrap(), Settings::default());
    }

    #[test]
    fn the_printed_default_loads_back_unchanged() {
        let printed = default_file();
        let loaded = load(&printed).unwrap();
        assert_eq!(loaded, Settings::default());
        assert_eq!(loaded.keymap, Keymap::default());
        assert!(printed.contains("[keys.reader]"));
        assert!(printed.contains("half_page_down = [\"ctrl-d\"]  # move down half a page"));
    }

    #[test]
    fn every_setting_is_read() {
        let config = load(
            "theme = \"light\"\nsyntax_theme = \"Nord\"\nreader_width = 72\n\
             index_width = \"25%\"\nshow_drafts = true\ndate_format = \"%d %b %Y\"\n",
        )
        .unwrap();
        assert_eq!(config.theme, ThemeChoice::Light);
        assert_eq!(config.syntax_theme.as_deref(), Some("Nord"));
        assert_eq!(config.reader_width, 72);
        assert_eq!(config.index_width, Some(IndexWidth::Percent(25)));
        assert!(config.show_drafts);
        assert_eq!(config.date_format, "%d %b %Y");
        let columns = load("index_width = 44\n").unwrap();
        assert_eq!(columns.index_width, Some(IndexWidth::Columns(44)));
    }

    #[test]
    fn keys_are_remapped_unbound_and_multiplied() {
        let config = load(
            "[keys.index]\ndown = [\"n\", \"ctrl-n\"]\nedit = []\n\n[keys.reader]\nquit = [\"x\"]\n",
        )
        .unwrap();
        let map = &config.keymap;
        assert_eq!(map.action(Mode::Index, &key("n")), Some(Action::Down));
        assert_eq!(map.action(Mode::Index, &key("ctrl-n")), Some(Action::Down));
        assert_eq!(map.action(Mode::Index, &key("j")), None);
        assert_eq!(map.action(Mode::Index, &key("e")), None, "edit unbound");
        assert_eq!(map.action(Mode::Reader, &key("x")), Some(Action::Quit));
        assert_eq!(map.action(Mode::Reader, &key("q")), None);
        assert_eq!(map.action(Mode::Reader, &key("j")), Some(Action::Down));
    }

    #[test]
    fn errors_name_the_file_the_line_and_what_is_wrong() {
        let path = "/home/me/.config/folio/config.toml";
        let unknown_action = error("theme = \"dark\"\n\n[keys.index]\nfly = [\"x\"]\n");
        assert!(
            unknown_action.starts_with(&format!("{path}:4: unknown variant `fly`")),
            "{unknown_action}"
        );
        let unknown_mode = error("[keys.kitchen]\ndown = [\"x\"]\n");
        assert!(
            unknown_mode.starts_with(&format!("{path}:1: unknown variant `kitchen`")),
            "{unknown_mode}"
        );
        assert_eq!(
            error("[keys.reader]\nup = [\"k\"]\ndown = [\"j\", \"hyper-x\"]\n"),
            format!("{path}:3: [keys.reader] `hyper-x` is not a key folio knows")
        );
        assert_eq!(
            error("\n[keys.index]\nquit = [\"q\", \"d\"]\n"),
            format!("{path}:3: keymap [index]: `d` is bound to both toggle_drafts and quit")
        );
    }

    #[test]
    fn bad_values_and_unknown_settings_are_errors_at_their_line() {
        let path = "/home/me/.config/folio/config.toml";
        let typo = error("theme = \"dark\"\nreader_widht = 80\n");
        assert!(
            typo.starts_with(&format!("{path}:2: unknown field `reader_widht`")),
            "{typo}"
        );
        let theme = error("theme = \"sepia\"\n");
        assert!(
            theme.starts_with(&format!("{path}:1: unknown variant `sepia`")),
            "{theme}"
        );
        assert_eq!(
            error("\nreader_width = 5\n"),
            format!("{path}:2: reader_width 5 is not a width: give columns, 20 or more")
        );
        assert!(
            error("index_width = \"120%\"\n")
                .starts_with(&format!("{path}:1: index_width \"120%\""))
        );
        assert!(error("index_width = -3\n").starts_with(&format!("{path}:1: index_width -3")));
        assert!(error("index_width = true\n").starts_with(&format!("{path}:1: index_width true")));
        assert!(
            error("date_format = \"%Q\"\n").starts_with(&format!("{path}:1: date_format `%Q`"))
        );
        assert!(
            error("syntax_theme = \"Nope\"\n")
                .starts_with(&format!("{path}:1: syntax_theme `Nope`"))
        );
        assert!(error("show_drafts = \"yes\"\n").starts_with(&format!("{path}:1: invalid type")));
    }

    #[test]
    fn control_characters_in_the_file_never_reach_the_message() {
        for text in [
            "syntax_theme = \"\\u001b[31mred\"\n",
            "[keys.index]\ndown = [\"\\u001b\"]\n",
            "date_format = \"%Q\\u0007\"\n",
        ] {
            let message = error(text);
            assert!(!message.chars().any(char::is_control), "{message:?}");
        }
    }

    #[test]
    fn a_missing_explicit_file_is_an_error_naming_it() {
        let missing = Path::new("/nonexistent/folio.toml");
        let message = Settings::load(Some(missing)).unwrap_err().to_string();
        assert!(
            message.starts_with("/nonexistent/folio.toml: "),
            "{message}"
        );
    }
}
