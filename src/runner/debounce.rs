//! Holding back the preview while a key is held: each step of a held `j` asks for the layout
//! of the post it lands on, but only the post it stops on is shown for long, so only that one
//! is laid out. The first of a burst goes at once, so a single key press waits for nothing.

use std::time::{Duration, Instant};

use crate::app::LayoutJob;

/// Keys held down repeat faster than this, so a pause this long means the key was let go.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

#[derive(Default)]
pub struct Debounce {
    held: Option<Box<LayoutJob>>,
    /// When the last layout that follows the selection was asked for.
    last_following: Option<Instant>,
}

impl Debounce {
    /// The job to send to the worker now, if any. One the reader asked for goes at once and
    /// drops a held one (it is newer); one that follows the selection goes at once unless
    /// another came within [`DEBOUNCE`], else it is held, replacing any held before it.
    pub fn offer(&mut self, job: Box<LayoutJob>, now: Instant) -> Option<Box<LayoutJob>> {
        if job.following {
            let in_burst = self
                .last_following
                .is_some_and(|at| now.saturating_duration_since(at) < DEBOUNCE);
            self.last_following = Some(now);
            if in_burst || self.held.is_some() {
                self.held = Some(job);
                return None;
            }
        }
        self.held = None;
        Some(job)
    }

    /// The held job, once the keys have paused.
    pub fn due(&mut self, now: Instant) -> Option<Box<LayoutJob>> {
        let paused = self
            .last_following
            .is_some_and(|at| now.saturating_duration_since(at) >= DEBOUNCE);
        if paused { self.held.take() } else { None }
    }

    /// How long until the held job is due; `None` when nothing is held.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        self.held.as_ref()?;
        let at = self.last_following?;
        Some(DEBOUNCE.saturating_sub(now.saturating_duration_since(at)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::LayoutKey;
    use crate::content::links::ImageCheck;
    use crate::content::{Library, Source};
    use crate::theme::Appearance;

    fn job(post: usize, following: bool) -> Box<LayoutJob> {
        let library = Library::load(Source::Sample).unwrap();
        let entry = &library.posts()[post];
        Box::new(LayoutJob {
            key: LayoutKey {
                post,
                width: 80,
                generation: 0,
            },
            post: entry.clone(),
            source: Source::Sample,
            appearance: Appearance::Dark,
            syntax_theme: None,
            images: ImageCheck::for_post(&library, entry),
            quick: true,
            following,
            pictures: None,
        })
    }

    fn post(job: Option<Box<LayoutJob>>) -> Option<usize> {
        job.map(|job| job.key.post)
    }

    #[test]
    fn a_held_key_lays_out_only_the_post_it_stops_on() {
        let mut debounce = Debounce::default();
        let start = Instant::now();
        let step = Duration::from_millis(30);
        assert_eq!(
            post(debounce.offer(job(0, true), start)),
            Some(0),
            "at once"
        );
        for i in 1..5 {
            let now = start + step * i;
            assert_eq!(post(debounce.offer(job(i as usize, true), now)), None);
            assert_eq!(post(debounce.due(now)), None, "still held at step {i}");
        }
        let last = start + step * 4;
        assert_eq!(debounce.wait(last), Some(DEBOUNCE));
        assert_eq!(
            post(debounce.due(last + DEBOUNCE)),
            Some(4),
            "only the last"
        );
        assert_eq!(post(debounce.due(last + DEBOUNCE * 2)), None, "sent once");
    }

    #[test]
    fn a_layout_the_reader_asks_for_goes_at_once_and_replaces_a_held_one() {
        let mut debounce = Debounce::default();
        let start = Instant::now();
        debounce.offer(job(0, true), start);
        assert_eq!(post(debounce.offer(job(1, true), start)), None);
        assert_eq!(post(debounce.offer(job(1, false), start)), Some(1));
        assert_eq!(debounce.wait(start), None);
        assert_eq!(post(debounce.due(start + DEBOUNCE)), None);
    }
}
