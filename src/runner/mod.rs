//! The interactive loop: draw; wait for input, a signal or the worker; take every input event
//! that is waiting, so a burst of keys costs one frame; update; carry out the effects the app
//! asked for, the slow ones on the one worker; repeat.

mod debounce;
mod worker;

use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::terminal;
use ratatui::layout::Rect;

use crate::app::{App, Effect, LayoutJob};
use crate::content::Source;
use crate::highlight::Assets;
use crate::keymap::Key;
use crate::tui::{self, SIGINT, Signal, Signals, TerminalGuard};
use crate::watch::Watcher;
use debounce::Debounce;
use worker::{Job, Worker};

/// How long to wait for input before looking at the worker, the watcher and signals.
const TICK: Duration = Duration::from_millis(50);

/// How often to look for a layout or search results on their way, so they show as soon as
/// they are made.
const AWAITING: Duration = Duration::from_millis(4);

/// The longest keys wait for an answer from the worker before they are applied without it.
const HOLD_KEYS: Duration = Duration::from_millis(750);

/// How often, while keys are being pressed, the reading state is saved, so a crash or a killed
/// terminal loses at most this much of where the reader was.
const AUTOSAVE: Duration = Duration::from_secs(15);

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Quit,
    /// A signal asked folio to end; the caller saves, then ends by it.
    Signal(i32),
}

/// Runs the reader until it quits or a signal ends it. `first` are the effects the app asked
/// for before the loop (the first preview). A panic on the way still saves the reading state
/// (the panic hook has given the terminal back by then), then goes on.
pub fn run(app: &mut App, guard: &mut TerminalGuard, first: Vec<Effect>) -> io::Result<Ending> {
    saving_on_panic(app, |app| run_loop(app, guard, first))
}

/// Runs `body`; if it panics, the reading state is saved before the panic goes on, so a bug
/// loses no read marks or places.
fn saving_on_panic<T>(app: &mut App, body: impl FnOnce(&mut App) -> T) -> T {
    match panic::catch_unwind(AssertUnwindSafe(|| body(&mut *app))) {
        Ok(value) => value,
        Err(panic) => {
            if let Some(save) = app.save() {
                // Nothing more can be done about a failure here: the panic is what is reported.
                drop(save.run());
            }
            panic::resume_unwind(panic)
        }
    }
}

fn run_loop(app: &mut App, guard: &mut TerminalGuard, first: Vec<Effect>) -> io::Result<Ending> {
    let mut runner = Runner {
        signals: Signals::catch()?,
        deferred: Vec::new(),
        worker: Worker::start(),
        debounce: Debounce::default(),
        unsaved_since: None,
        keys_held_since: None,
    };
    runner.carry_out(first, app, guard)?;
    runner.draw(app, guard)?;
    // Only now, with the first frame on screen: nothing competes with reading the blog
    // before it, not the highlighter's warm-up, the link index nor the watcher registering
    // every folder.
    Assets::shared().warm_up();
    let effects = app.index_links();
    runner.carry_out(effects, app, guard)?;
    let watcher = watch_content(app);
    loop {
        let mut signals = std::mem::take(&mut runner.deferred);
        signals.extend(runner.signals.pending());
        for signal in signals {
            match signal {
                Signal::End(number) => return Ok(Ending::Signal(number)),
                Signal::Stop => runner.stop(app, guard)?,
            }
        }
        if tui::terminal_hung_up() {
            return Ok(Ending::Signal(signal_hook::consts::SIGHUP));
        }
        if event::poll(runner.wait(app))? {
            loop {
                let effects = handle(event::read()?, app);
                runner.carry_out(effects, app, guard)?;
                if app.should_quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            runner.unsaved_since.get_or_insert_with(Instant::now);
        }
        runner.release_held();
        while let Ok(done) = runner.worker.done.try_recv() {
            let effects = app.receive(done);
            runner.carry_out(effects, app, guard)?;
        }
        runner.let_keys_go(app, guard)?;
        let effects = app.put_waiting_changes();
        runner.carry_out(effects, app, guard)?;
        if let Some(watcher) = &watcher {
            let (changes, error) = watcher.poll();
            let mut effects = app.apply_changes(&changes);
            if let Some(why) = error {
                effects.extend(app.changes_lost(why));
            }
            runner.carry_out(effects, app, guard)?;
        }
        if runner
            .unsaved_since
            .is_some_and(|since| since.elapsed() >= AUTOSAVE)
        {
            runner.unsaved_since = None;
            if let Some(save) = app.save() {
                runner.worker.send(Job::Save(save));
            }
        }
        if app.should_quit {
            return Ok(Ending::Quit);
        }
        runner.draw(app, guard)?;
    }
}

fn draw(app: &App, guard: &mut TerminalGuard) -> io::Result<()> {
    guard
        .terminal
        .draw(|frame| frame.render_widget(app, frame.area()))?;
    // A terminal keeps a pixel picture that moved or went until the screen is cleared.
    if app.pictures.frame_finished() {
        guard.terminal.clear()?;
        guard
            .terminal
            .draw(|frame| frame.render_widget(app, frame.area()))?;
        app.pictures.frame_finished();
    }
    Ok(())
}

/// An input event for the app.
fn handle(event: Event, app: &mut App) -> Vec<Effect> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            Key::from_event(&key).map_or_else(Vec::new, |key| app.handle_key(key))
        }
        Event::Mouse(mouse) => app.handle_mouse(mouse),
        Event::Resize(width, height) => app.resize(Rect::new(0, 0, width, height)),
        // Releases, focus changes and pastes mean nothing to the reader.
        Event::Key(_) | Event::FocusGained | Event::FocusLost | Event::Paste(_) => Vec::new(),
    }
}

/// Writes the reading state now; a failure shows in the status bar.
fn save(app: &mut App) {
    if let Some(Err(error)) = app.save().map(|save| save.run()) {
        app.message = Some(error);
    }
}

/// The loop's own state: signals, the worker, and the preview held back while keys keep
/// coming.
struct Runner {
    signals: Signals,
    /// Signals that came while the editor ran and still mean something to folio.
    deferred: Vec<Signal>,
    worker: Worker,
    debounce: Debounce,
    /// Since when there are changes the state file has not had.
    unsaved_since: Option<Instant>,
    /// Since when keys wait for an answer from the worker.
    keys_held_since: Option<Instant>,
}

impl Runner {
    fn carry_out(
        &mut self,
        effects: Vec<Effect>,
        app: &mut App,
        guard: &mut TerminalGuard,
    ) -> io::Result<()> {
        for effect in effects {
            match effect {
                Effect::LayOut(job) => self.lay_out(job),
                Effect::Reload(source, state_dir) => {
                    self.worker.send(Job::Reload(source, state_dir));
                }
                Effect::Refresh(refresh) => self.worker.send(Job::Refresh(refresh)),
                Effect::IndexLinks(job) => self.worker.send(Job::IndexLinks(job)),
                Effect::Save(save) => self.worker.send(Job::Save(save)),
                Effect::OpenUrl(url) => {
                    if let Err(error) = open::that_detached(&url) {
                        let reason = crate::error::reason(&error);
                        app.message = Some(format!("couldn't open {url}: {reason}"));
                    }
                }
                Effect::Copy(text) => {
                    let backend = guard.terminal.backend_mut();
                    write!(backend, "{}", crate::app::clipboard::osc52(&text))?;
                    backend.flush()?;
                }
                Effect::Edit(path) => {
                    let edited = guard.suspended(|| tui::sharing_terminal(|| edit(&path)))?;
                    let effects = match edited {
                        Ok(()) => app.edited(),
                        Err(error) => {
                            app.message = Some(error);
                            Vec::new()
                        }
                    };
                    self.keep_signals_after_edit();
                    self.carry_out(effects, app, guard)?;
                    self.resized(app, guard)?;
                }
                Effect::Suspend => self.stop(app, guard)?,
                Effect::SearchAll(job) => self.worker.send(Job::SearchAll(job)),
                Effect::ListPosts(job) => self.worker.send(Job::ListPosts(job)),
                Effect::Find(job) => self.worker.send(Job::Find(job)),
                Effect::CountTags(job) => self.worker.send(Job::CountTags(job)),
                Effect::Free(layouts) => self.worker.send(Job::Free(layouts)),
            }
        }
        Ok(())
    }

    /// Draws a frame, then hands the pictures it asked for to the worker.
    fn draw(&self, app: &App, guard: &mut TerminalGuard) -> io::Result<()> {
        draw(app, guard)?;
        for job in app.pictures.take_wanted() {
            self.worker.make_picture(job);
        }
        Ok(())
    }

    /// Sends a layout to the worker, or holds it while the keys keep coming.
    fn lay_out(&mut self, job: Box<LayoutJob>) {
        if let Some(job) = self.debounce.offer(job, Instant::now()) {
            self.worker.send(Job::LayOut(job));
        }
    }

    fn release_held(&mut self) {
        if let Some(job) = self.debounce.due(Instant::now()) {
            self.worker.send(Job::LayOut(job));
        }
    }

    /// Applies the keys waiting for an answer that has been too long on its way.
    fn let_keys_go(&mut self, app: &mut App, guard: &mut TerminalGuard) -> io::Result<()> {
        if !app.holds_keys() {
            self.keys_held_since = None;
            return Ok(());
        }
        let since = *self.keys_held_since.get_or_insert_with(Instant::now);
        if since.elapsed() >= HOLD_KEYS {
            self.keys_held_since = None;
            let effects = app.release_keys();
            self.carry_out(effects, app, guard)?;
        }
        Ok(())
    }

    /// How long to wait for input now: until a held preview is due, briefly while anything
    /// asked of the worker is on its way, else a tick.
    fn wait(&self, app: &App) -> Duration {
        match self.debounce.wait(Instant::now()) {
            Some(due) => due,
            None if app.awaiting() => AWAITING,
            None => TICK,
        }
    }

    /// Stops folio with the terminal given back (Ctrl-Z or SIGTSTP); on `fg`, everything is
    /// drawn again at the terminal's size now, which may have changed meanwhile.
    fn stop(&mut self, app: &mut App, guard: &mut TerminalGuard) -> io::Result<()> {
        save(app);
        guard.stop()?;
        self.resized(app, guard)
    }

    /// The editor shares folio's terminal, so a Ctrl-C typed in it reaches folio too: it was
    /// meant for the editor (and a Ctrl-Z stopped both). Signals from elsewhere still count.
    fn keep_signals_after_edit(&mut self) {
        let pending = self.signals.pending();
        self.deferred.extend(
            pending
                .into_iter()
                .filter(|signal| !matches!(signal, Signal::Stop | Signal::End(SIGINT))),
        );
    }

    fn resized(&mut self, app: &mut App, guard: &mut TerminalGuard) -> io::Result<()> {
        let (width, height) = terminal::size()?;
        let effects = app.resize(Rect::new(0, 0, width, height));
        self.carry_out(effects, app, guard)
    }
}

/// Runs `$VISUAL` or `$EDITOR` (else vi) on a file and waits for it: the program and its
/// options split at spaces, and no shell runs.
fn edit(path: &Path) -> Result<(), String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    let (program, args) = editor_command(&editor)?;
    match Command::new(&program).args(&args).arg(path).status() {
        Ok(_) => Ok(()),
        Err(error) => Err(format!(
            "couldn't run {program}: {}",
            crate::error::reason(&error)
        )),
    }
}

/// The editor's program and arguments from `$VISUAL`/`$EDITOR`, split as a shell would
/// (`code --wait`, `"/opt/My Editor/bin/edit" -n`), without running a shell.
fn editor_command(editor: &str) -> Result<(String, Vec<String>), String> {
    let mut words = shell_words::split(editor)
        .map_err(|error| format!("couldn't read the editor command {editor:?}: {error}"))?;
    if words.is_empty() {
        return Ok(("vi".to_string(), Vec::new()));
    }
    let program = words.remove(0);
    Ok((program, words))
}

/// Follows the blog's folder; what goes wrong setting that up comes through `poll`.
fn watch_content(app: &App) -> Option<Watcher> {
    let source = app.library().source();
    let Source::Disk { root, starts, .. } = source else {
        return None;
    };
    Some(Watcher::start(root, starts, source.walk_rules()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::config::Settings;
    use crate::content::Library;
    use crate::state::Store;
    use crate::theme::Appearance;

    #[test]
    fn a_panic_in_the_loop_still_saves_the_reading_state() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::load(Source::Sample).unwrap();
        let store = Store::for_source(dir.path(), library.source());
        let size = Rect::new(0, 0, 120, 40);
        let mut app = App::new(library, Settings::default(), Appearance::Dark, size);
        app.restore(Default::default(), Some(store.clone()));
        let panicked = panic::catch_unwind(AssertUnwindSafe(|| {
            saving_on_panic(&mut app, |app| {
                app.update(Action::MarkRead);
                panic!("a bug");
            })
        }));
        assert!(panicked.is_err(), "the panic goes on");
        let (saved, warning) = store.load();
        assert_eq!(warning, None);
        assert_eq!(saved.posts.values().filter(|post| post.read).count(), 1);
    }

    #[test]
    fn the_editor_command_is_split_as_a_shell_would() {
        assert_eq!(
            editor_command(r#""/opt/My Editor/edit" --wait -c 'set tw=72'"#),
            Ok((
                "/opt/My Editor/edit".to_string(),
                vec![
                    "--wait".to_string(),
                    "-c".to_string(),
                    "set tw=72".to_string()
                ]
            ))
        );
        assert_eq!(editor_command("  "), Ok(("vi".to_string(), Vec::new())));
        assert!(editor_command("vim 'unclosed").is_err());
    }
}
