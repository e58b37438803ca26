//! Keys as data: which key does what, in each mode.
//!
//! The default keymap is the TOML file beside this module, compiled in. A user file can lay
//! its own bindings over it. Help and status-bar hints are generated from the live keymap.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use strum::{EnumIter, IntoEnumIterator, IntoStaticStr};

use crate::action::Action;

const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

/// Where the keys go: a pane, an input line or an overlay.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, EnumIter, IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Mode {
    Index,
    Reader,
    Filter,
    Search,
    Follow,
    Outline,
    Tags,
    Help,
    FullText,
}

impl Mode {
    /// True for modes where unbound printable keys are typed into a line of text.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Filter | Mode::Search | Mode::Follow | Mode::FullText
        )
    }

    /// A heading for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Index => "Index",
            Mode::Reader => "Reader",
            Mode::Filter => "Typing a filter",
            Mode::Search => "Typing a search",
            Mode::Follow => "Typing a link number",
            Mode::Outline => "Outline",
            Mode::Tags => "Tags",
            Mode::Help => "Help",
            Mode::FullText => "Searching every post",
        }
    }
}

/// A key with its modifiers, as a keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    modifiers: u8,
}

/// `KeyCode` is not `Ord`; the few kinds a keymap uses are kept in this form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(NamedKey),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
enum NamedKey {
    Enter,
    Esc,
    Tab,
    Backtab,
    Backspace,
    Space,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    Pageup,
    Pagedown,
    Delete,
    Insert,
}

const CTRL: u8 = 1;
const ALT: u8 = 2;
const SHIFT: u8 = 4;

impl Key {
    /// The key a terminal event stands for. Shift is folded into the character (`G`, `?`), and
    /// Shift-Tab is `backtab`, so a binding is written one way only.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let code = match event.code {
            KeyCode::Char(' ') => KeyCodeOrd::Named(NamedKey::Space),
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Enter => KeyCodeOrd::Named(NamedKey::Enter),
            KeyCode::Esc => KeyCodeOrd::Named(NamedKey::Esc),
            KeyCode::Tab => KeyCodeOrd::Named(NamedKey::Tab),
            KeyCode::BackTab => KeyCodeOrd::Named(NamedKey::Backtab),
            KeyCode::Backspace => KeyCodeOrd::Named(NamedKey::Backspace),
            KeyCode::Up => KeyCodeOrd::Named(NamedKey::Up),
            KeyCode::Down => KeyCodeOrd::Named(NamedKey::Down),
            KeyCode::Left => KeyCodeOrd::Named(NamedKey::Left),
            KeyCode::Right => KeyCodeOrd::Named(NamedKey::Right),
            KeyCode::Home => KeyCodeOrd::Named(NamedKey::Home),
            KeyCode::End => KeyCodeOrd::Named(NamedKey::End),
            KeyCode::PageUp => KeyCodeOrd::Named(NamedKey::Pageup),
            KeyCode::PageDown => KeyCodeOrd::Named(NamedKey::Pagedown),
            KeyCode::Delete => KeyCodeOrd::Named(NamedKey::Delete),
            KeyCode::Insert => KeyCodeOrd::Named(NamedKey::Insert),
            _ => return None,
        };
        let mut modifiers = 0;
        if event.modifiers.contains(KeyModifiers::CONTROL) {
            modifiers |= CTRL;
        }
        if event.modifiers.contains(KeyModifiers::ALT) {
            modifiers |= ALT;
        }
        let shift_is_in_the_key = matches!(
            code,
            KeyCodeOrd::Char(_) | KeyCodeOrd::Named(NamedKey::Backtab)
        );
        if event.modifiers.contains(KeyModifiers::SHIFT) && !shift_is_in_the_key {
            modifiers |= SHIFT;
        }
        Some(Key::new(code, modifiers))
    }

    /// Ctrl with a letter is the same key whatever the case (`ctrl-d` and `ctrl-D`).
    fn new(code: KeyCodeOrd, modifiers: u8) -> Key {
        let code = match code {
            KeyCodeOrd::Char(c) if modifiers & CTRL != 0 => {
                KeyCodeOrd::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key { code, modifiers }
    }

    pub fn is_backspace(&self) -> bool {
        self.code == KeyCodeOrd::Named(NamedKey::Backspace) && self.modifiers == 0
    }

    /// The printable character this key types into an input line, if it types one.
    pub fn typed_char(&self) -> Option<char> {
        match (self.code, self.modifiers & (CTRL | ALT)) {
            (KeyCodeOrd::Char(c), 0) => Some(c),
            (KeyCodeOrd::Named(NamedKey::Space), 0) => Some(' '),
            _ => None,
        }
    }
}

impl FromStr for Key {
    type Err = String;

    fn from_str(text: &str) -> Result<Key, String> {
        let mut modifiers = 0;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (CTRL, 5)
            } else if lower.starts_with("alt-") {
                (ALT, 4)
            } else if lower.starts_with("shift-") {
                (SHIFT, 6)
            } else {
                break;
            };
            modifiers |= flag;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_control() => {
                return Err(format!("{text:?} is not a key folio knows"));
            }
            (Some(c), None) => KeyCodeOrd::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let named = NamedKey::iter().find(|key| <&str>::from(*key) == lower);
                match (
                    named,
                    lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()),
                ) {
                    (Some(named), _) => KeyCodeOrd::Named(named),
                    (None, Some(n)) if (1..=12).contains(&n) => KeyCodeOrd::F(n),
                    _ => return Err(format!("`{text}` is not a key folio knows")),
                }
            }
        };
        if let KeyCodeOrd::Char(c) = code
            && modifiers & SHIFT != 0
        {
            let upper = KeyCodeOrd::Char(c.to_ascii_uppercase());
            return Ok(Key::new(upper, modifiers & !SHIFT));
        }
        Ok(Key::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (flag, name) in [(CTRL, "ctrl-"), (ALT, "alt-"), (SHIFT, "shift-")] {
            if self.modifiers & flag != 0 {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "f{n}"),
            KeyCodeOrd::Named(named) => f.write_str(named.into()),
        }
    }
}

/// A keymap that can't be used, with the reason.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("keymap: {0}")]
    Syntax(String),
    #[error("keymap [{mode}]: {message}")]
    Binding { mode: &'static str, message: String },
    #[error("keymap [{}]: `{key}` is bound to both {} and {}", <&str>::from(*.mode), .first.name(), .second.name())]
    Conflict {
        mode: Mode,
        key: Key,
        first: Action,
        second: Action,
    },
}

/// An action and the keys bound to it.
pub type Binding = (Action, Vec<Key>);

/// Per mode, the keys each action is bound to, in the order they were written.
pub type KeysByAction = BTreeMap<Mode, BTreeMap<Action, Vec<Key>>>;

/// Every mode's bindings, key → action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: BTreeMap<Mode, BTreeMap<Key, Action>>,
    /// The same bindings by action, keys in the order they were written (the first is the one
    /// hints show).
    keys: KeysByAction,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_toml(DEFAULT_KEYMAP).expect("the built-in keymap is valid")
    }
}

type KeymapFile = BTreeMap<Mode, BTreeMap<Action, Vec<String>>>;

impl Keymap {
    /// Reads a keymap from TOML. A key bound to two actions in one mode is an error.
    pub fn from_toml(text: &str) -> Result<Keymap, KeymapError> {
        let file: KeymapFile =
            toml::from_str(text).map_err(|e| KeymapError::Syntax(e.message().to_string()))?;
        let mut keys = KeysByAction::new();
        for (mode, actions) in file {
            for (action, names) in actions {
                let parsed = names
                    .iter()
                    .map(|name| name.parse())
                    .collect::<Result<Vec<Key>, String>>()
                    .map_err(|message| KeymapError::Binding {
                        mode: mode.into(),
                        message,
                    })?;
                keys.entry(mode).or_default().insert(action, parsed);
            }
        }
        Keymap::from_keys(keys)
    }

    /// Builds the key → action lookup, refusing a key bound to two actions in one mode.
    fn from_keys(mut keys: KeysByAction) -> Result<Keymap, KeymapError> {
        keys.retain(|_, actions| {
            actions.retain(|_, keys| !keys.is_empty());
            !actions.is_empty()
        });
        let mut bindings: BTreeMap<Mode, BTreeMap<Key, Action>> = BTreeMap::new();
        for (&mode, actions) in &keys {
            let mode_bindings = bindings.entry(mode).or_default();
            for (&action, action_keys) in actions {
                for &key in action_keys {
                    if let Some(first) = mode_bindings.insert(key, action)
                        && first != action
                    {
                        return Err(KeymapError::Conflict {
                            mode,
                            key,
                            first,
                            second: action,
                        });
                    }
                }
            }
        }
        Ok(Keymap { bindings, keys })
    }

    /// Lays a user's bindings over this keymap: each action named replaces its keys in that
    /// mode (no keys unbinds it). Fails, leaving the keymap as it was, when a key would then be
    /// bound to two actions in one mode.
    pub fn overlay(&mut self, overlay: &KeysByAction) -> Result<(), KeymapError> {
        let mut keys = self.keys.clone();
        for (&mode, actions) in overlay {
            let mode_keys = keys.entry(mode).or_default();
            for (&action, action_keys) in actions {
                mode_keys.insert(action, action_keys.clone());
            }
        }
        *self = Keymap::from_keys(keys)?;
        Ok(())
    }

    /// Every mode's actions and their keys, as a keymap file writes them.
    pub fn by_action(&self) -> &KeysByAction {
        &self.keys
    }

    /// The action a key asks for in a mode.
    pub fn action(&self, mode: Mode, key: &Key) -> Option<Action> {
        self.bindings.get(&mode)?.get(key).copied()
    }

    /// The keys bound to an action in a mode, in keymap order.
    pub fn keys(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.keys
            .get(&mode)
            .and_then(|actions| actions.get(&action))
            .cloned()
            .unwrap_or_default()
    }

    /// Each mode's actions with their keys, in the order help lists them.
    pub fn groups(&self) -> Vec<(Mode, Vec<Binding>)> {
        Mode::iter()
            .map(|mode| {
                let actions = Action::iter()
                    .map(|action| (action, self.keys(mode, action)))
                    .filter(|(_, keys)| !keys.is_empty())
                    .collect();
                (mode, actions)
            })
            .filter(|(_, actions): &(Mode, Vec<_>)| !actions.is_empty())
            .collect()
    }

    /// The help text's length in lines. Help lays out each mode's section as its heading, a
    /// line per action, then a blank line before the next.
    pub fn help_len(&self) -> usize {
        let groups = self.groups();
        let lines: usize = groups.iter().map(|(_, actions)| actions.len() + 2).sum();
        lines.saturating_sub(1)
    }

    /// The line of the help text where a mode's section starts, so help can open at the pane
    /// it was asked from.
    pub fn help_line(&self, mode: Mode) -> usize {
        let mut line = 0;
        for (section, actions) in self.groups() {
            if section == mode {
                return line;
            }
            line += actions.len() + 2;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    fn event(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::from_event(&KeyEvent::new(code, modifiers)).unwrap()
    }

    #[test]
    fn keys_parse_and_print_back() {
        for text in [
            "j", "G", "?", "ctrl-d", "enter", "backtab", "space", "f5", "alt-x", "[",
        ] {
            assert_eq!(key(text).to_string(), text);
        }
        assert_eq!(key("Ctrl-D"), key("ctrl-d"));
        assert_eq!(key("shift-g"), key("G"));
        assert!("ctrl-".parse::<Key>().is_err());
        assert!("hyper-x".parse::<Key>().is_err());
        assert!(
            "\u{1b}".parse::<Key>().is_err(),
            "a control character is named, not written"
        );
    }

    #[test]
    fn terminal_events_match_the_written_form() {
        assert_eq!(event(KeyCode::Char('G'), KeyModifiers::SHIFT), key("G"));
        assert_eq!(
            event(KeyCode::Char('d'), KeyModifiers::CONTROL),
            key("ctrl-d")
        );
        assert_eq!(event(KeyCode::BackTab, KeyModifiers::SHIFT), key("backtab"));
        assert_eq!(event(KeyCode::Char(' '), KeyModifiers::NONE), key("space"));
        assert_eq!(
            event(KeyCode::PageDown, KeyModifiers::NONE),
            key("pagedown")
        );
    }

    #[test]
    fn default_keymap_has_vim_and_arrow_keys() {
        let map = Keymap::default();
        for (mode, text, action) in [
            (Mode::Index, "j", Action::Down),
            (Mode::Index, "down", Action::Down),
            (Mode::Reader, "ctrl-d", Action::HalfPageDown),
            (Mode::Reader, "G", Action::Bottom),
            (Mode::Reader, "tab", Action::NextLink),
            (Mode::Index, "tab", Action::SwitchPane),
            (Mode::Reader, "q", Action::Quit),
            (Mode::Help, "q", Action::Cancel),
            (Mode::Filter, "ctrl-c", Action::Quit),
        ] {
            assert_eq!(
                map.action(mode, &key(text)),
                Some(action),
                "{text} in {mode:?}"
            );
        }
        assert_eq!(
            map.action(Mode::Filter, &key("j")),
            None,
            "letters type in the filter"
        );
        let open: Vec<String> = map
            .keys(Mode::Index, Action::Open)
            .iter()
            .map(Key::to_string)
            .collect();
        assert_eq!(
            open,
            ["enter", "l", "right"],
            "keys keep the order they were written in"
        );
    }

    #[test]
    fn every_mode_can_be_left_and_quit() {
        let map = Keymap::default();
        for mode in Mode::iter() {
            assert!(
                !map.keys(mode, Action::Quit).is_empty(),
                "{mode:?} can quit"
            );
            if !matches!(mode, Mode::Index | Mode::Reader) {
                assert!(
                    !map.keys(mode, Action::Cancel).is_empty(),
                    "{mode:?} can be left"
                );
            }
        }
    }

    #[test]
    fn a_key_bound_twice_in_a_mode_is_an_error() {
        let error = Keymap::from_toml("[index]\ndown = [\"j\"]\nup = [\"j\"]\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "keymap [index]: `j` is bound to both down and up"
        );
    }

    fn overlay(text: &[(Mode, Action, &[&str])]) -> KeysByAction {
        let mut keys = KeysByAction::new();
        for (mode, action, names) in text {
            let parsed = names.iter().map(|n| key(n)).collect();
            keys.entry(*mode).or_default().insert(*action, parsed);
        }
        keys
    }

    #[test]
    fn an_overlay_replaces_an_actions_keys_and_leaves_the_rest() {
        let mut map = Keymap::default();
        map.overlay(&overlay(&[(Mode::Index, Action::Down, &["x", "ctrl-j"])]))
            .unwrap();
        assert_eq!(map.action(Mode::Index, &key("x")), Some(Action::Down));
        assert_eq!(map.action(Mode::Index, &key("ctrl-j")), Some(Action::Down));
        assert_eq!(
            map.action(Mode::Index, &key("j")),
            None,
            "j no longer moves"
        );
        assert_eq!(map.action(Mode::Reader, &key("j")), Some(Action::Down));
        assert_eq!(map.action(Mode::Index, &key("k")), Some(Action::Up));
    }

    #[test]
    fn an_empty_list_unbinds_an_action() {
        let mut map = Keymap::default();
        map.overlay(&overlay(&[(Mode::Reader, Action::Edit, &[])]))
            .unwrap();
        assert_eq!(map.action(Mode::Reader, &key("e")), None);
        assert!(map.keys(Mode::Reader, Action::Edit).is_empty());
        assert!(
            map.groups()
                .iter()
                .all(|(mode, actions)| *mode != Mode::Reader
                    || actions.iter().all(|(a, _)| *a != Action::Edit)),
            "help no longer lists it"
        );
    }

    #[test]
    fn an_overlay_that_binds_a_key_twice_is_refused_whole() {
        let mut map = Keymap::default();
        let error = map
            .overlay(&overlay(&[(Mode::Index, Action::Quit, &["d"])]))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "keymap [index]: `d` is bound to both toggle_drafts and quit"
        );
        assert_eq!(map, Keymap::default(), "the keymap is left as it was");
        map.overlay(&overlay(&[
            (Mode::Index, Action::Quit, &["d"]),
            (Mode::Index, Action::ToggleDrafts, &["D"]),
        ]))
        .unwrap();
        assert_eq!(map.action(Mode::Index, &key("d")), Some(Action::Quit));
    }

    #[test]
    fn unknown_actions_modes_and_keys_are_errors() {
        assert!(Keymap::from_toml("[index]\nfly = [\"x\"]\n").is_err());
        assert!(Keymap::from_toml("[kitchen]\ndown = [\"x\"]\n").is_err());
        assert!(Keymap::from_toml("[index]\ndown = [\"hyper-x\"]\n").is_err());
    }
}
