//! The posts' texts, kept between searches so that a keystroke costs a pass over memory, not
//! ten thousand file reads.
//!
//! Measured on the 10,000-post benchmark blog, reading the files was nine tenths of a search.
//! The texts stay right when posts change on disk: each is kept with its file's modification
//! time and length, and whenever the library changes (its generation moves: the folder
//! watcher saw an edit, or the blog was read again) every file is looked at again before use.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::SystemTime;

use super::{Found, Pattern, Ranked, Request, hit, rank};
use crate::content::library::read_post_text;
use crate::content::{Post, Source};

/// Posts between looks at whether the search is still wanted.
const CHECK_EVERY: usize = 32;

/// What a file was when it was read: a changed one differs in one or the other.
type Stamp = (SystemTime, u64);

/// A text as read, with its file's stamp then.
type Kept = (Option<Stamp>, Arc<str>);

#[derive(Debug, Default)]
pub struct Corpus {
    /// Whole file texts by path relative to the content root.
    texts: HashMap<PathBuf, Kept>,
    /// The library generation the texts were last checked against the disk for.
    checked: Option<u64>,
}

impl Corpus {
    /// Every listed post (with drafts when `scope` says so) that holds every word of `query`,
    /// best first, the best `limit` with their snippets. `generation` names the library's state: texts are checked against the disk
    /// when it changes. `None` when the ticket went stale before the end; an empty list for
    /// a blank query. A post that can't be read is passed over: the reader says why when it
    /// is opened.
    pub fn search(
        &mut self,
        posts: &[Post],
        source: &Source,
        request: Request<'_>,
        generation: u64,
    ) -> Option<Found> {
        let Request {
            query,
            scope,
            limit,
            ticket,
        } = request;
        let pattern = Pattern::new(query);
        let wanted = |post: &Post| post.listed && (scope.drafts || !post.meta.draft);
        let check = self.checked != Some(generation);
        let stale = || ticket.is_some_and(|t| t.stale());
        let lanes = thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let texts = &self.texts;
        let found = in_lanes(lanes, posts.len(), |mine| {
            let mut hits = Vec::new();
            let mut fresh = Vec::new();
            for (n, at) in mine.enumerate() {
                if n % CHECK_EVERY == 0 && stale() {
                    return None;
                }
                let post = &posts[at];
                if !wanted(post) {
                    continue;
                }
                let Some(text) = text_of(texts, source, post, check, &mut fresh) else {
                    continue;
                };
                if let Some(pattern) = &pattern {
                    let body = text.get(post.body_offset..).unwrap_or_default();
                    hits.extend(rank(at, post, body, pattern).map(|ranked| (ranked, text)));
                }
            }
            Some((hits, fresh))
        });
        let mut all = Vec::new();
        let mut complete = true;
        for lane in found {
            match lane {
                Some((hits, fresh)) => {
                    all.extend(hits);
                    self.texts.extend(fresh);
                }
                None => complete = false,
            }
        }
        if !complete {
            return None;
        }
        self.checked = Some(generation);
        let Some(pattern) = pattern else {
            return Some(Found::default());
        };
        all.sort_by(|(a, _), (b, _)| b.score.cmp(&a.score).then(a.post.cmp(&b.post)));
        let total = all.len();
        let hits = all
            .into_iter()
            .take(limit)
            .map(|(ranked, text): (Ranked, Arc<str>)| {
                let post = &posts[ranked.post];
                let body = text.get(post.body_offset..).unwrap_or_default();
                hit(ranked, post, body, &pattern)
            })
            .collect();
        Some(Found { hits, total })
    }
}

/// Runs `work` on `lanes` threads, lane `i` taking positions `i`, `i + lanes`, … below `len`,
/// so that long and short posts spread evenly.
fn in_lanes<T: Send>(
    lanes: usize,
    len: usize,
    work: impl Fn(std::iter::StepBy<std::ops::Range<usize>>) -> T + Sync,
) -> Vec<T> {
    thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = (0..lanes)
            .map(|lane| scope.spawn(move || work((lane..len).step_by(lanes))))
            .collect();
        handles
            .into_iter()
            .filter_map(|handle| handle.join().ok())
            .collect()
    })
}

/// A post's text: the kept one when it is still what is on disk (or `check` is off), else
/// read now and noted in `fresh`.
fn text_of(
    texts: &HashMap<PathBuf, Kept>,
    source: &Source,
    post: &Post,
    check: bool,
    fresh: &mut Vec<(PathBuf, Kept)>,
) -> Option<Arc<str>> {
    let kept = texts.get(&post.file);
    let stamp = match (kept, check) {
        (Some((_, text)), false) => return Some(text.clone()),
        (_, _) => stamp(source, &post.file),
    };
    if let Some((kept_stamp, text)) = kept
        && *kept_stamp == stamp
    {
        return Some(text.clone());
    }
    let text: Arc<str> = read_post_text(source, post).ok()?.into();
    fresh.push((post.file.clone(), (stamp, text.clone())));
    Some(text)
}

/// The file's modification time and length; `None` for the built-in sample, which never
/// changes.
fn stamp(source: &Source, file: &Path) -> Option<Stamp> {
    let Source::Disk { root, .. } = source else {
        return None;
    };
    let metadata = std::fs::metadata(root.join(file)).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}
