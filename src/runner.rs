//! The interactive loop: draw, wait for a key, a mouse event, a resize or a finished layout,
//! update, carry out effects, repeat.

use std::io;
use std::process::Command;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;

use crate::app::{App, Effect, LayoutJob, LayoutKey};
use crate::content::Source;
use crate::keymap::Key;
use crate::render::Rendered;
use crate::tui::TerminalGuard;
use crate::watch::Watcher;

/// How long to wait for input before looking for finished layouts.
const TICK: Duration = Duration::from_millis(50);

/// How often, while keys are being pressed, the reading state is saved, so a crash or a killed
/// terminal loses at most this much of where the reader was.
const AUTOSAVE: Duration = Duration::from_secs(15);

pub fn run(app: &mut App, guard: &mut TerminalGuard) -> io::Result<()> {
    let (jobs, results) = spawn_layout_worker();
    let watcher = watch_content(app);
    let mut unsaved_since: Option<Instant> = None;
    loop {
        guard
            .terminal
            .draw(|frame| frame.render_widget(&*app, frame.area()))?;
        for job in app.take_pending() {
            let _ = jobs.send(job);
        }
        if event::poll(TICK)? {
            let effect = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    Key::from_event(&key).and_then(|key| app.handle_key(key))
                }
                Event::Mouse(mouse) => {
                    app.handle_mouse(mouse);
                    None
                }
                Event::Resize(width, height) => {
                    app.resize(Rect::new(0, 0, width, height));
                    None
                }
                _ => None,
            };
            if let Some(effect) = effect {
                carry_out(effect, app, guard)?;
            }
            unsaved_since.get_or_insert_with(Instant::now);
        }
        if unsaved_since.is_some_and(|since| since.elapsed() >= AUTOSAVE) {
            unsaved_since = None;
            if let Err(error) = app.save_state() {
                app.message = Some(error);
            }
        }
        while let Ok((key, rendered)) = results.try_recv() {
            app.install_layout(key, rendered);
        }
        if let Some(watcher) = &watcher {
            let (changes, error) = watcher.poll();
            app.apply_changes(&changes);
            if error.is_some() {
                // Events may have been lost: read everything rather than miss a change.
                app.reload_all();
                app.message = error;
            }
        }
        if app.should_quit {
            return Ok(());
        }
    }
}

/// Follows the blog's folder; what goes wrong setting that up comes through `poll`.
fn watch_content(app: &App) -> Option<Watcher> {
    let Source::Disk { root, starts } = app.library().source() else {
        return None;
    };
    Some(Watcher::start(root, starts))
}

/// Lays posts out with code highlighting on one background thread. When jobs queue up (the
/// selection moved on quickly), only the newest is done: the others are no longer shown.
fn spawn_layout_worker() -> (Sender<LayoutJob>, Receiver<(LayoutKey, Rendered)>) {
    let (job_tx, job_rx) = mpsc::channel::<LayoutJob>();
    let (result_tx, result_rx) = mpsc::channel();
    thread::spawn(move || {
        while let Ok(mut job) = job_rx.recv() {
            while let Ok(newer) = job_rx.try_recv() {
                job = newer;
            }
            if result_tx.send((job.key, job.run())).is_err() {
                return;
            }
        }
    });
    (job_tx, result_rx)
}

fn carry_out(effect: Effect, app: &mut App, guard: &mut TerminalGuard) -> io::Result<()> {
    match effect {
        Effect::OpenUrl(url) => {
            if let Err(error) = open::that_detached(&url) {
                app.message = Some(format!("couldn't open {url}: {error}"));
            }
        }
        Effect::Edit(path) => {
            let editor = std::env::var("VISUAL")
                .or_else(|_| std::env::var("EDITOR"))
                .unwrap_or_else(|_| "vi".to_string());
            let mut words = editor.split_whitespace();
            let program = words.next().unwrap_or("vi").to_string();
            let args: Vec<String> = words.map(str::to_string).collect();
            let status =
                guard.suspended(|| Command::new(&program).args(&args).arg(&path).status())?;
            match status {
                Ok(_) => app.reload_open_post(),
                Err(error) => app.message = Some(format!("couldn't run {program}: {error}")),
            }
        }
    }
    Ok(())
}
