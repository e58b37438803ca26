//! Keys that wait for an answer. The index's rows, a search's matches, full-text results and
//! the tag list's counts are worked out on the worker; a key that comes before its answer
//! could act on what was shown before (`/word` then enter would open the post selected before
//! the filter). So while an answer is on its way, keys wait for it in the order they came, and
//! more text for the line being typed, which only asks again, goes on at once. The runner lets
//! them go after a while even without the answer, so a key never waits for long.

use super::{App, Effect};
use crate::keymap::Key;

impl App {
    /// Whether `key` must wait: an answer is on its way and the key is more than text for
    /// the line being typed, or keys before it wait.
    pub(super) fn must_hold(&self, key: &Key) -> bool {
        if !self.held.is_empty() {
            return true;
        }
        if !self.awaiting_answer() {
            return false;
        }
        let mode = self.mode();
        let typed = key.typed_char().is_some() || key.is_backspace();
        !(mode.takes_text() && typed && self.keymap.action(mode, key).is_none())
    }

    /// Whether an answer that keys may depend on is on its way.
    fn awaiting_answer(&self) -> bool {
        self.index.awaiting() || self.awaiting_find() || self.tags_asked || self.awaiting_search()
    }

    /// Whether anything asked of the worker is on its way (an answer, a layout, a picture),
    /// or keys wait: the runner then looks for results sooner.
    pub fn awaiting(&self) -> bool {
        self.awaiting_answer()
            || self.holds_keys()
            || self.awaiting_layout()
            || self.pictures.awaiting()
    }

    /// Whether keys wait for an answer; the runner lets them go after a while.
    pub fn holds_keys(&self) -> bool {
        !self.held.is_empty()
    }

    /// Applies the waiting keys while no answer is on its way: one of them may ask for
    /// another, and those after it wait for that.
    pub(super) fn replay_held(&mut self) {
        while !self.awaiting_answer() {
            let Some(key) = self.held.pop_front() else {
                return;
            };
            let effects = self.apply_key(key);
            self.effects.extend(effects);
        }
    }

    /// Applies every waiting key now, answers or not: the runner waited long enough.
    pub fn release_keys(&mut self) -> Vec<Effect> {
        while let Some(key) = self.held.pop_front() {
            let effects = self.apply_key(key);
            self.effects.extend(effects);
        }
        self.take_effects()
    }
}
