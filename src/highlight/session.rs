//! Highlighting a whole post's code on every core while the post is laid out.
//!
//! The layout meets code blocks one after another and needs each block's lines when it gets
//! there. A [`Session`] hands every block of the post to worker threads at once, in the
//! post's order, so the cores stay busy from the first block to the last instead of stopping
//! at the end of each batch; the layout takes each block's lines by its number, waiting only
//! when it has caught up with the workers. A bounded channel keeps the workers from running
//! far ahead, so a long post's colours are never all held at once.

use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use ratatui::text::Line;

use super::{Assets, Styles, SyntaxTheme};

/// Below this much code in total, starting threads costs more than it saves: blocks are
/// highlighted where they are taken.
const PARALLEL_THRESHOLD: usize = 16 * 1024;

/// Finished blocks a worker may get ahead of the layout, per worker.
const AHEAD_PER_WORKER: usize = 8;

/// One code block to highlight: its number in the post, the fence's info string, the code.
pub struct Job {
    pub number: usize,
    pub info: String,
    pub code: String,
}

/// A block's lines, or its code given back when its language is not highlighted.
pub type Outcome = Result<Vec<Line<'static>>, String>;

/// A post's code being highlighted.
pub struct Session {
    source: Source,
    /// Blocks finished before the layout asked for them.
    done: HashMap<usize, Outcome>,
    /// The numbers of the blocks not yet taken: asking for another must not wait.
    pending: HashSet<usize>,
}

enum Source {
    /// Few blocks: highlighted on the calling thread as they are taken.
    Here {
        assets: &'static Assets,
        theme: SyntaxTheme,
        jobs: HashMap<usize, Job>,
    },
    /// Blocks shared out to workers; their results arrive here.
    Workers {
        results: Receiver<(usize, Outcome)>,
        /// Blocks handed out whose result has not been received.
        waiting: usize,
    },
}

impl Session {
    /// Starts highlighting `jobs`, given in the order the layout will take them.
    pub fn start(assets: &'static Assets, theme: SyntaxTheme, jobs: Vec<Job>) -> Session {
        let total: usize = jobs.iter().map(|job| job.code.len()).sum();
        let pending = jobs.iter().map(|job| job.number).collect();
        let workers = thread::available_parallelism()
            .map_or(1, usize::from)
            .min(jobs.len());
        let source = if workers <= 1 || total < PARALLEL_THRESHOLD {
            Source::Here {
                assets,
                theme,
                jobs: jobs.into_iter().map(|job| (job.number, job)).collect(),
            }
        } else {
            let waiting = jobs.len();
            let queue = Arc::new(Mutex::new(VecDeque::from(jobs)));
            let (sender, results) = mpsc::sync_channel(workers * AHEAD_PER_WORKER);
            for _ in 0..workers {
                let queue = Arc::clone(&queue);
                let sender = sender.clone();
                let theme = theme.clone();
                let spawned = thread::Builder::new()
                    .name("highlight".into())
                    .spawn(move || work(assets, &theme, &queue, &sender));
                if spawned.is_err() {
                    // The other workers, or none and then the caller, take its share.
                    break;
                }
            }
            drop(sender);
            Source::Workers { results, waiting }
        };
        Session {
            source,
            done: HashMap::new(),
            pending,
        }
    }

    /// The lines of block `number`, waiting for them if a worker is still at it; `None` when
    /// the block was not part of the session.
    pub fn take(&mut self, number: usize) -> Option<Outcome> {
        if !self.pending.remove(&number) {
            return None;
        }
        if let Some(outcome) = self.done.remove(&number) {
            return Some(outcome);
        }
        match &mut self.source {
            Source::Here {
                assets,
                theme,
                jobs,
            } => jobs
                .remove(&number)
                .map(|job| run(assets, &mut Styles::new(theme.theme()), job)),
            Source::Workers { results, waiting } => {
                while *waiting > 0 {
                    let (finished, outcome) = results.recv().ok()?;
                    *waiting -= 1;
                    if finished == number {
                        return Some(outcome);
                    }
                    self.done.insert(finished, outcome);
                }
                None
            }
        }
    }
}

/// A worker: takes the next block in the post's order until none is left, or the layout
/// stopped listening.
fn work(
    assets: &'static Assets,
    theme: &SyntaxTheme,
    queue: &Mutex<VecDeque<Job>>,
    results: &SyncSender<(usize, Outcome)>,
) {
    let mut styles = Styles::new(theme.theme());
    loop {
        let next = queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front();
        let Some(job) = next else { return };
        let number = job.number;
        if results
            .send((number, run(assets, &mut styles, job)))
            .is_err()
        {
            return;
        }
    }
}

/// Highlights one job; its code comes back to be shown plain when the language is not
/// highlighted, or when highlighting failed, even by a panic in the highlighter.
fn run(assets: &Assets, styles: &mut Styles<'_>, job: Job) -> Outcome {
    let highlighted = panic::catch_unwind(AssertUnwindSafe(|| {
        super::highlight_with(assets, styles, &job.code, &job.info)
    }));
    highlighted.ok().flatten().ok_or(job.code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Appearance;

    fn jobs(blocks: &[(&str, &str)]) -> Vec<Job> {
        blocks
            .iter()
            .enumerate()
            .map(|(number, &(info, code))| Job {
                number,
                info: info.into(),
                code: code.into(),
            })
            .collect()
    }

    fn check_session(blocks: &[(&str, &str)], order: &[usize]) {
        let assets = Assets::shared();
        let theme = assets.default_theme(Appearance::Dark);
        let mut session = Session::start(assets, theme.clone(), jobs(blocks));
        for &number in order {
            let (info, code) = blocks[number];
            let expected = super::super::highlight(assets, theme, code, info).ok_or(code.into());
            assert_eq!(session.take(number), Some(expected), "block {number}");
            assert_eq!(session.take(number), None, "block {number} is taken once");
        }
        assert_eq!(session.take(blocks.len()), None);
    }

    #[test]
    fn every_block_comes_back_by_its_number_in_any_order() {
        let big = "let v = 1;\n".repeat(PARALLEL_THRESHOLD / 8);
        let blocks = [
            ("rust", "fn a() {}\n"),
            ("text", "plain\n"),
            ("rs", big.as_str()),
            ("yml", "x: 1\n"),
            ("rust", big.as_str()),
        ];
        check_session(&blocks, &[0, 1, 2, 3, 4]);
        check_session(&blocks, &[4, 3, 0, 2, 1]);
    }

    #[test]
    fn a_block_outside_the_session_is_not_waited_for() {
        let big = "let v = 1;\n".repeat(PARALLEL_THRESHOLD / 8);
        let assets = Assets::shared();
        let theme = assets.default_theme(Appearance::Dark);
        let jobs = (0..8)
            .map(|i| Job {
                number: i * 2,
                info: "rust".into(),
                code: big.clone(),
            })
            .collect();
        let mut session = Session::start(assets, theme.clone(), jobs);
        assert_eq!(session.take(1), None);
        assert!(session.done.is_empty(), "nothing was drained to answer");
        assert!(matches!(session.take(0), Some(Ok(_))));
    }

    #[test]
    fn a_few_small_blocks_are_highlighted_on_the_spot() {
        check_session(&[("rust", "fn a() {}\n"), ("nohighlight", "x\n")], &[1, 0]);
    }
}
