//! The worker: everything the reader asks for that costs in proportion to a post or the blog
//! (reading and laying out posts, reading the blog again or the files that changed, indexing
//! links, decoding pictures) runs here, never on the thread that draws.
//!
//! Two threads, each with its own queue, so a layout never waits behind a picture: one for
//! the blog and its posts, one for pictures. Both answer on the one channel the runner reads.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::app::reader::Laid;
use crate::app::{Done, FindJob, LayoutJob, LinkJob, Refresh, RowsJob, Save, SearchJob, TagsJob};
use crate::content::{Library, Source};
use crate::images::cache::PictureJob;
use crate::search::Corpus;

/// Work for the worker.
#[derive(Debug)]
pub enum Job {
    LayOut(Box<LayoutJob>),
    Reload(Source, Option<PathBuf>),
    SearchAll(Box<SearchJob>),
    Refresh(Box<Refresh>),
    IndexLinks(LinkJob),
    ListPosts(Box<RowsJob>),
    Find(Box<FindJob>),
    Save(Save),
    CountTags(Box<TagsJob>),
    Free(Vec<Laid>),
}

pub struct Worker {
    jobs: Sender<Job>,
    pictures: Sender<PictureJob>,
    /// Results, in the order they were finished.
    pub done: Receiver<Done>,
}

impl Worker {
    pub fn start() -> Worker {
        let (jobs, job_rx) = mpsc::channel();
        let (pictures, picture_rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        let pictures_done = done_tx.clone();
        thread::Builder::new()
            .name("folio worker".into())
            .spawn(move || work(&job_rx, &done_tx))
            .expect("a thread can be started");
        thread::Builder::new()
            .name("folio pictures".into())
            .spawn(move || make_pictures(&picture_rx, &pictures_done))
            .expect("a thread can be started");
        Worker {
            jobs,
            pictures,
            done,
        }
    }

    pub fn send(&self, job: Job) {
        // The worker only stops when this side is dropped.
        let _ = self.jobs.send(job);
    }

    pub fn make_picture(&self, job: PictureJob) {
        let _ = self.pictures.send(job);
    }
}

/// Runs the blog's jobs. Each lets go of the posts it shares before its answer is sent, so
/// the app, taking the answer, may change them without copying them.
fn work(jobs: &Receiver<Job>, done: &Sender<Done>) {
    let mut queue = VecDeque::new();
    // The posts' texts, kept from one search to the next.
    let mut corpus = Corpus::default();
    loop {
        if queue.is_empty() {
            match jobs.recv() {
                Ok(job) => queue.push_back(job),
                Err(_) => return,
            }
        }
        queue.extend(jobs.try_iter());
        let Some(job) = next(&mut queue) else {
            continue;
        };
        let app_is_there = match job {
            Job::Reload(source, state_dir) => done
                .send(Done::Reloaded(
                    Library::load_cached(source, state_dir.as_deref())
                        .map_err(|error| format!("couldn't reload: {error}")),
                ))
                .is_ok(),
            Job::Refresh(refresh) => done.send(Done::Refreshed(refresh.run())).is_ok(),
            Job::IndexLinks(job) => done.send(Done::Linked(job.run())).is_ok(),
            Job::ListPosts(job) => done.send(Done::Listed(job.run())).is_ok(),
            Job::Find(job) => done.send(Done::Found(job.run())).is_ok(),
            Job::Save(save) => done.send(Done::Saved(save.run())).is_ok(),
            Job::CountTags(job) => done.send(Done::Tagged(job.run())).is_ok(),
            Job::Free(layouts) => {
                drop(layouts);
                true
            }
            Job::LayOut(job) => lay_out(&job, jobs, &mut queue, done),
            // A search a newer query overtook gives nothing to send.
            Job::SearchAll(job) => {
                let found = job.run(&mut corpus);
                drop(job);
                found.is_none_or(|found| done.send(found).is_ok())
            }
        };
        if !app_is_there {
            return;
        }
    }
}

/// What to do next:
/// 1. the newest save of the reading state: it holds every change before it, and is quick;
/// 2. changes to the blog, in the order asked: a layout made before one would be dropped;
/// 3. the newest of each kind a newer ask makes useless, in this order: the index's rows
///    (they say what is selected) and the tag counts, which keys wait for; the layout, the
///    others being for posts no longer shown; the search of the open post and the full-text
///    search, the others being for queries typed over; the link index, the others being of
///    libraries since replaced;
/// 4. the rest, in order.
fn next(queue: &mut VecDeque<Job>) -> Option<Job> {
    if let Some(save) = newest(queue, |job| matches!(job, Job::Save(_))) {
        return Some(save);
    }
    let changes_blog = |job: &Job| matches!(job, Job::Reload(..) | Job::Refresh(_));
    if let Some(at) = queue.iter().position(changes_blog) {
        return queue.remove(at);
    }
    let newest_only: [fn(&Job) -> bool; 6] = [
        |job| matches!(job, Job::ListPosts(_)),
        |job| matches!(job, Job::CountTags(_)),
        |job| matches!(job, Job::LayOut(_)),
        |job| matches!(job, Job::Find(_)),
        |job| matches!(job, Job::SearchAll(_)),
        |job| matches!(job, Job::IndexLinks(_)),
    ];
    newest_only
        .into_iter()
        .find_map(|kind| newest(queue, kind))
        .or_else(|| queue.pop_front())
}

/// The newest job of a `kind`, the older ones of it dropped.
fn newest(queue: &mut VecDeque<Job>, kind: fn(&Job) -> bool) -> Option<Job> {
    let at = queue.iter().rposition(kind)?;
    let newest = queue.remove(at);
    queue.retain(|job| !kind(job));
    newest
}

/// A quick layout to show at once, then, unless a newer job came meanwhile, the highlighted
/// one. False when the app is no longer there to take them.
fn lay_out(
    job: &LayoutJob,
    jobs: &Receiver<Job>,
    queue: &mut VecDeque<Job>,
    done: &Sender<Done>,
) -> bool {
    let text = match job.read() {
        Ok(text) => text,
        Err(error) => return done.send(Done::LaidOut(job.failed(error))).is_ok(),
    };
    if job.quick && done.send(Done::LaidOut(job.lay_out(&text, false))).is_err() {
        return false;
    }
    queue.extend(jobs.try_iter());
    if queue.iter().any(|job| matches!(job, Job::LayOut(_))) {
        return true;
    }
    done.send(Done::LaidOut(job.lay_out(&text, true))).is_ok()
}

/// Pictures, the newest ask first: that is what the screen shows now.
fn make_pictures(jobs: &Receiver<PictureJob>, done: &Sender<Done>) {
    let mut waiting: Vec<PictureJob> = Vec::new();
    loop {
        if waiting.is_empty() {
            match jobs.recv() {
                Ok(job) => waiting.push(job),
                Err(_) => return,
            }
        }
        waiting.extend(jobs.try_iter());
        let Some(job) = waiting.pop() else { continue };
        let picture = job.make();
        if done.send(Done::Pictured(job.key, picture)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::app::{App, Effect};
    use crate::config::Settings;
    use crate::theme::Appearance;
    use ratatui::layout::Rect;

    fn layouts_of_two_posts() -> (Box<LayoutJob>, Box<LayoutJob>) {
        let library = Library::load(Source::Sample).unwrap();
        let size = Rect::new(0, 0, 120, 40);
        let mut app = App::new(library, Settings::default(), Appearance::Dark, size);
        let mut first = app.take_effects();
        let mut second = app.update(Action::Down);
        match (first.pop(), second.pop()) {
            (Some(Effect::LayOut(a)), Some(Effect::LayOut(b))) => (a, b),
            other => panic!("two layouts were asked for: {other:?}"),
        }
    }

    /// The searches typing `query` into the full-text overlay asks for, one per key.
    fn searches_typing(query: &str) -> Vec<Job> {
        let library = Library::load(Source::Sample).unwrap();
        let size = Rect::new(0, 0, 120, 40);
        let mut app = App::new(library, Settings::default(), Appearance::Dark, size);
        app.take_effects();
        app.update(Action::SearchAll);
        query
            .chars()
            .flat_map(|key| app.handle_key(key.to_string().parse().unwrap()))
            .filter_map(|effect| match effect {
                Effect::SearchAll(job) => Some(Job::SearchAll(job)),
                _ => None,
            })
            .collect()
    }

    fn links(generation: u64) -> Job {
        let library = Library::load(Source::Sample).unwrap();
        Job::IndexLinks(LinkJob {
            library,
            generation,
        })
    }

    fn tags() -> Job {
        let library = Library::load(Source::Sample).unwrap();
        Job::CountTags(Box::new(TagsJob {
            posts: library.shared_posts(),
            drafts: false,
            generation: 0,
        }))
    }

    fn rows(asked: u64) -> Job {
        let library = Library::load(Source::Sample).unwrap();
        Job::ListPosts(Box::new(RowsJob {
            posts: library.shared_posts(),
            query: crate::app::index::IndexState::new(&library, false).query(),
            generation: 0,
            asked,
        }))
    }

    fn save(dir: &std::path::Path) -> Job {
        let library = Library::load(Source::Sample).unwrap();
        let store = crate::state::Store::for_source(dir, library.source());
        let size = Rect::new(0, 0, 120, 40);
        let mut app = App::new(library, Settings::default(), Appearance::Dark, size);
        app.restore(Default::default(), Some(store));
        Job::Save(app.save().unwrap())
    }

    #[test]
    fn the_newest_save_goes_first_then_changes_in_order_then_the_newest_of_each_kind() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = layouts_of_two_posts();
        let mut searches = searches_typing("ab").into_iter();
        let (typed_a, typed_ab) = (searches.next().unwrap(), searches.next().unwrap());
        let new_post = new.key.post;
        let refresh = Refresh {
            source: Source::Sample,
            changes: Vec::new(),
        };
        let mut queue = VecDeque::from([
            Job::LayOut(old),
            save(dir.path()),
            rows(1),
            typed_a,
            links(1),
            Job::LayOut(new),
            typed_ab,
            Job::Refresh(Box::new(refresh)),
            links(2),
            tags(),
            rows(2),
            save(dir.path()),
            Job::Reload(Source::Sample, None),
        ]);
        let mut order = Vec::new();
        while let Some(job) = next(&mut queue) {
            order.push(match job {
                Job::Refresh(_) => "refresh".to_string(),
                Job::Reload(..) => "reload".to_string(),
                Job::LayOut(job) => format!("layout of {}", job.key.post),
                Job::IndexLinks(job) => format!("links of {}", job.generation),
                Job::SearchAll(job) => format!("search for {}", job.query),
                Job::ListPosts(job) => format!("rows {}", job.asked),
                Job::Find(job) => format!("find {}", job.query),
                Job::Save(_) => "save".to_string(),
                Job::CountTags(_) => "tags".to_string(),
                Job::Free(_) => "free".to_string(),
            });
        }
        assert_eq!(
            order,
            [
                "save".to_string(),
                "refresh".to_string(),
                "reload".to_string(),
                "rows 2".to_string(),
                "tags".to_string(),
                format!("layout of {new_post}"),
                "search for ab".to_string(),
                "links of 2".to_string(),
            ]
        );
    }

    #[test]
    fn layouts_and_pictures_both_come_back_on_the_one_channel() {
        use crate::images::cache::{Key, Picture};
        use crate::images::{CellSize, Display, Origin};
        let worker = Worker::start();
        let key = Key {
            origin: Origin::File("/nowhere/at/all.png".into()),
            cols: 10,
            rows: 5,
        };
        let display = Display {
            protocol: ratatui_image::picker::ProtocolType::Halfblocks,
            cell: CellSize {
                width: 8,
                height: 16,
            },
        };
        worker.make_picture(PictureJob {
            key: key.clone(),
            display,
        });
        let (job, _) = layouts_of_two_posts();
        let post = job.key.post;
        worker.send(Job::LayOut(job));
        let mut answers: Vec<String> = (0..3)
            .map(
                |_| match worker.done.recv_timeout(std::time::Duration::from_secs(30)) {
                    Ok(Done::LaidOut(laid)) if laid.key.post == post => {
                        format!("layout, highlighted: {}", laid.highlighted)
                    }
                    Ok(Done::Pictured(made, Picture::Failed(_))) if made == key => {
                        "picture refused".to_string()
                    }
                    other => format!("unexpected: {other:?}"),
                },
            )
            .collect();
        answers.sort();
        assert_eq!(
            answers,
            [
                "layout, highlighted: false",
                "layout, highlighted: true",
                "picture refused"
            ]
        );
    }
}
