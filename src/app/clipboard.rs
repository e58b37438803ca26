//! Copying to the clipboard through the terminal: OSC 52, which works over SSH and in tmux
//! (with `set-clipboard on`), with no clipboard program on the machine folio runs on.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::{App, Effect, Focus};
use crate::content::Source;

/// The most text copied at once: terminals refuse or cut longer OSC 52 payloads.
const MOST: usize = 64 * 1024;

/// The escape that asks the terminal to put `text` on the clipboard. The text travels in
/// base64, so nothing in it can end the escape early.
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", STANDARD.encode(text))
}

/// Why `text` may not be copied, if it may not: a control character in it would act when
/// pasted (a newline runs a shell command), and an empty or huge text helps no one.
pub fn refusal(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("nothing to copy")
    } else if text.len() > MOST {
        Some("too long to copy")
    } else if text.chars().any(char::is_control) {
        Some("not copied: it holds control characters")
    } else {
        None
    }
}

impl App {
    /// Copies the selected link's URL, else the post's own path: the file on disk, or the
    /// sample's path.
    pub(super) fn copy(&mut self) {
        let link = match self.focus {
            Focus::Reader => self
                .reader
                .as_ref()
                .and_then(|r| Some(r.rendered.links.get(r.link?)?.url.clone())),
            Focus::Index => None,
        };
        let post = match self.focus {
            Focus::Reader => self.reader.as_ref().map(|r| r.post),
            Focus::Index => self.index.selected_post(),
        };
        let text = link.or_else(|| {
            let entry = self.library.posts().get(post?)?;
            match self.library.source() {
                Source::Disk { root, .. } => Some(root.join(&entry.file).display().to_string()),
                Source::Sample => Some(entry.path.clone()),
                // A piped post has no path of its own to give.
                Source::Stdin(_) => None,
            }
        });
        let Some(text) = text else {
            self.message = Some("nothing to copy".to_string());
            return;
        };
        if let Some(refused) = refusal(&text) {
            self.message = Some(refused.to_string());
            return;
        }
        self.message = Some(format!("copied {text}"));
        self.effects.push(Effect::Copy(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_escape_carries_the_text_in_base64() {
        assert_eq!(
            osc52("https://example.org/ä"),
            "\u{1b}]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy/DpA==\u{7}"
        );
    }

    #[test]
    fn text_that_would_act_when_pasted_is_refused() {
        assert_eq!(refusal("https://example.org"), None);
        assert!(refusal("ls\nrm -rf ~").is_some());
        assert!(refusal("a\u{1b}]0;x\u{7}").is_some());
        assert!(refusal("").is_some());
        assert!(refusal(&"x".repeat(MOST + 1)).is_some());
    }
}
