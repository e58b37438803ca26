//! The one worker thread: everything the reader asks for that costs in proportion to a post or
//! the blog (reading and laying out posts, reading the blog again) runs here, never on the
//! thread that draws. Search and image decoding are to come this way too.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::app::{Done, LayoutJob, SearchJob};
use crate::content::{Library, Source};
use crate::search::Corpus;

/// Work for the worker.
#[derive(Debug)]
pub enum Job {
    LayOut(Box<LayoutJob>),
    Reload(Source, Option<PathBuf>),
    SearchAll(Box<SearchJob>),
}

pub struct Worker {
    jobs: Sender<Job>,
    /// Results, in the order they were finished.
    pub done: Receiver<Done>,
}

impl Worker {
    pub fn start() -> Worker {
        let (jobs, job_rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        thread::Builder::new()
            .name("folio worker".into())
            .spawn(move || work(&job_rx, &done_tx))
            .expect("a thread can be started");
        Worker { jobs, done }
    }

    pub fn send(&self, job: Job) {
        // The worker only stops when this side is dropped.
        let _ = self.jobs.send(job);
    }
}

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
            Job::LayOut(job) => lay_out(&job, jobs, &mut queue, done),
            // A search a newer query overtook gives nothing to send.
            Job::SearchAll(job) => job
                .run(&mut corpus)
                .is_none_or(|found| done.send(found).is_ok()),
        };
        if !app_is_there {
            return;
        }
    }
}

/// A reload first; else the newest job, and the newest of the other kind (layout or search)
/// is kept for after it: older layouts were for posts no longer shown, older searches for
/// queries typed over, but a search must not drop the layout of the post just opened.
fn next(queue: &mut VecDeque<Job>) -> Option<Job> {
    if let Some(at) = queue.iter().position(|job| matches!(job, Job::Reload(..))) {
        return queue.remove(at);
    }
    let newest = queue.pop_back()?;
    let is_search = |job: &Job| matches!(job, Job::SearchAll(_));
    let other = queue
        .iter()
        .rposition(|job| is_search(job) != is_search(&newest))
        .and_then(|at| queue.remove(at));
    queue.clear();
    queue.extend(other);
    Some(newest)
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
