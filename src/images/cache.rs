//! Pictures ready to draw, kept per (image, size) within a memory budget, so scrolling past a
//! picture again costs no decoding. Drawing asks for the pictures it needs; the runner takes
//! those asks to its worker ([`PictureJob`]) and hands back what it made.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use ratatui::layout::{Rect, Size};
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;
use ratatui_image::{FontSize, Resize};

use super::decode;
use super::lookup::Origin;
use super::terminal::Display;

/// The most memory encoded pictures may hold; the oldest go first beyond it.
pub const BUDGET_BYTES: usize = 64 * 1024 * 1024;

/// One picture at one size in cells.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub origin: Origin,
    pub cols: u16,
    pub rows: u16,
}

/// A picture encoded for the terminal, or why it can't be shown.
pub enum Picture {
    Ready {
        /// In the terminal's pixel protocol; `None` on a half-block terminal.
        graphic: Option<Protocol>,
        /// Half-blocks: drawn when the picture is partly off screen or under a panel, where a
        /// pixel protocol can't be clipped.
        blocks: Protocol,
    },
    Failed(String),
}

impl fmt::Debug for Picture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Picture::Ready { graphic, .. } => f
                .debug_struct("Ready")
                .field("graphic", &graphic.is_some())
                .finish_non_exhaustive(),
            Picture::Failed(reason) => f.debug_tuple("Failed").field(reason).finish(),
        }
    }
}

/// One picture to make for the terminal: what the worker needs, owned.
#[derive(Debug, Clone)]
pub struct PictureJob {
    pub key: Key,
    pub display: Display,
}

impl PictureJob {
    /// Decodes, scales and encodes the picture: the slow part, for the worker.
    pub fn make(&self) -> Picture {
        let (pixels, blocks) = pickers(self.display);
        make(&self.key, &pixels, &blocks, self.display)
    }
}

/// The pictures of the reader. Drawing asks for what it needs through a shared reference (the
/// screen is drawn from `&App`), so the state sits behind a lock only the UI thread takes.
pub struct Pictures {
    display: Option<Display>,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    ready: HashMap<Key, Arc<Picture>>,
    /// Keys in the order they arrived, for eviction.
    order: VecDeque<Key>,
    bytes: usize,
    /// Asked for and not yet arrived.
    asked: HashSet<Key>,
    /// Asked for and not yet taken to the worker, oldest first.
    wanted: Vec<Key>,
    /// Pixel pictures drawn in the frame being made, and in the one before.
    drawn: Vec<(Rect, Key)>,
    drawn_before: Vec<(Rect, Key)>,
}

impl Pictures {
    /// `None`: pictures are off and placeholders are shown.
    pub fn new(display: Option<Display>) -> Pictures {
        Pictures {
            display,
            inner: Mutex::new(Inner::default()),
        }
    }

    pub fn display(&self) -> Option<Display> {
        self.display
    }

    /// The picture for `key` if it is ready; otherwise it is asked for (once) and `None` is
    /// returned until it arrives.
    pub fn get(&self, key: &Key) -> Option<Arc<Picture>> {
        self.display?;
        let mut inner = self.lock();
        if let Some(picture) = inner.ready.get(key) {
            return Some(picture.clone());
        }
        if inner.asked.insert(key.clone()) {
            inner.wanted.push(key.clone());
        }
        None
    }

    /// The pictures asked for since the last call, to be made on the worker, the newest ask
    /// last.
    pub fn take_wanted(&self) -> Vec<PictureJob> {
        let Some(display) = self.display else {
            return Vec::new();
        };
        std::mem::take(&mut self.lock().wanted)
            .into_iter()
            .map(|key| PictureJob { key, display })
            .collect()
    }

    /// A picture made on the worker; one no longer asked for (the pictures were replaced
    /// meanwhile) is dropped. The oldest pictures go beyond the memory budget.
    pub fn arrived(&self, key: Key, picture: Picture) {
        let mut inner = self.lock();
        if inner.asked.remove(&key) {
            inner.keep(key, picture);
        }
    }

    /// Whether pictures asked for have not arrived yet: the runner looks for them sooner.
    pub fn awaiting(&self) -> bool {
        !self.lock().asked.is_empty()
    }

    /// Makes every picture asked for, here and now, as the runner's worker does; for tests and
    /// benchmarks, which have no runner.
    pub fn make_wanted(&self) {
        for job in self.take_wanted() {
            let picture = job.make();
            self.arrived(job.key, picture);
        }
    }

    /// Notes a picture drawn in a pixel protocol this frame.
    pub fn note_drawn(&self, area: Rect, key: &Key) {
        self.lock().drawn.push((area, key.clone()));
    }

    /// Ends a frame: true when a pixel picture of the frame before moved or went. The terminal
    /// keeps such pixels until the screen is cleared (cells written over them with the same
    /// text are not redrawn), so the caller clears the screen and draws the frame again.
    pub fn frame_finished(&self) -> bool {
        let mut inner = self.lock();
        let drawn = std::mem::take(&mut inner.drawn);
        let stale = inner.drawn_before.iter().any(|old| !drawn.contains(old));
        inner.drawn_before = drawn;
        stale
    }

    /// Memory the kept pictures take, by estimate.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Inner {
    /// Keeps a picture, dropping the oldest beyond the budget.
    fn keep(&mut self, key: Key, picture: Picture) {
        self.bytes += cost(&key, &picture);
        self.order.push_back(key.clone());
        self.ready.insert(key, Arc::new(picture));
        while self.bytes > BUDGET_BYTES && self.order.len() > 1 {
            if let Some(old) = self.order.pop_front()
                && let Some(picture) = self.ready.remove(&old)
            {
                self.bytes = self.bytes.saturating_sub(cost(&old, &picture));
            }
        }
    }
}

/// An estimate of a picture's memory: its pixels as the protocol carries them, and its cells.
fn cost(key: &Key, picture: &Picture) -> usize {
    let cells = usize::from(key.cols) * usize::from(key.rows);
    match picture {
        Picture::Ready { graphic: None, .. } => cells * 64,
        // A cell is at most about 20 × 40 pixels; kitty and iTerm2 send 4 bytes of base64 a
        // pixel or less, sixel about one.
        Picture::Ready {
            graphic: Some(_), ..
        } => cells * (64 + 20 * 40 * 4),
        Picture::Failed(reason) => reason.len(),
    }
}

/// ratatui-image's pickers for the terminal's protocol and for half-blocks, at its cell size.
#[allow(deprecated)] // `from_fontsize` is the way to use a cell size detected beforehand.
pub fn pickers(display: Display) -> (Picker, Picker) {
    let font = FontSize::new(display.cell.width, display.cell.height);
    let mut pixels = Picker::from_fontsize(font);
    pixels.set_protocol_type(display.protocol);
    let mut blocks = pixels.clone();
    blocks.set_protocol_type(ProtocolType::Halfblocks);
    (pixels, blocks)
}

/// Decodes, scales and encodes one picture at one size.
pub fn make(key: &Key, pixels: &Picker, blocks: &Picker, display: Display) -> Picture {
    let width = u32::from(key.cols) * u32::from(display.cell.width);
    let height = u32::from(key.rows) * u32::from(display.cell.height);
    let image = match decode::decode(&key.origin, width, height) {
        Ok(image) => image,
        Err(refusal) => return Picture::Failed(refusal.to_string()),
    };
    let size = Size::new(key.cols, key.rows);
    let graphic = match display.protocol {
        ProtocolType::Halfblocks => None,
        _ => pixels
            .new_protocol(image.clone(), size, Resize::Fit(None))
            .ok(),
    };
    match blocks.new_protocol(image, size, Resize::Fit(None)) {
        Ok(blocks) => Picture::Ready { graphic, blocks },
        Err(error) => Picture::Failed(error.to_string()),
    }
}
