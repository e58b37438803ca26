//! Pictures ready to draw, made on a worker thread and kept per (image, size) within a memory
//! budget, so scrolling past a picture again costs no decoding.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

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

struct Job {
    key: Key,
}

/// Where requests go to the worker, and where its pictures come back.
type Worker = (Sender<Job>, Receiver<(Key, Picture)>);

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
    asked: HashSet<Key>,
    /// Pixel pictures drawn in the frame being made, and in the one before.
    drawn: Vec<(Rect, Key)>,
    drawn_before: Vec<(Rect, Key)>,
    worker: Option<Worker>,
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

    /// The picture for `key` if it is ready; otherwise it is asked of the worker (once) and
    /// `None` is returned until it arrives.
    pub fn get(&self, key: &Key) -> Option<Arc<Picture>> {
        let display = self.display?;
        let mut inner = self.lock();
        inner.collect();
        if let Some(picture) = inner.ready.get(key) {
            return Some(picture.clone());
        }
        if inner.asked.insert(key.clone()) {
            let (jobs, _) = inner.worker.get_or_insert_with(|| spawn(display));
            let _ = jobs.send(Job { key: key.clone() });
        }
        None
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

    /// Waits for every picture asked for so far; for tests and benchmarks.
    pub fn wait(&self) {
        loop {
            let mut inner = self.lock();
            inner.collect();
            if inner.asked.is_empty() {
                return;
            }
            drop(inner);
            thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Inner {
    /// Takes in what the worker finished, dropping the oldest pictures beyond the budget.
    fn collect(&mut self) {
        let Some((_, done)) = &self.worker else {
            return;
        };
        let arrived: Vec<(Key, Picture)> = done.try_iter().collect();
        for (key, picture) in arrived {
            self.asked.remove(&key);
            self.bytes += cost(&key, &picture);
            self.order.push_back(key.clone());
            self.ready.insert(key, Arc::new(picture));
        }
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

/// The worker: newest request first, since that is what the screen shows now.
fn spawn(display: Display) -> Worker {
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        let (pixels, blocks) = pickers(display);
        let mut waiting: Vec<Job> = Vec::new();
        loop {
            if waiting.is_empty() {
                match job_rx.recv() {
                    Ok(job) => waiting.push(job),
                    Err(_) => return,
                }
            }
            waiting.extend(job_rx.try_iter());
            let Some(job) = waiting.pop() else { continue };
            let picture = make(&job.key, &pixels, &blocks, display);
            if done_tx.send((job.key, picture)).is_err() {
                return;
            }
        }
    });
    (job_tx, done_rx)
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
