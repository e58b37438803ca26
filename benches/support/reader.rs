//! The reader app in a benchmark, driven as the runner drives it.

use folio::action::Action;
use folio::app::{App, Done, Effect};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Lays posts out as the worker does: the quick layout, which is what shows first.
pub fn lay_out(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::LayOut(job) = effect {
            let text = job.read().unwrap();
            let done = app.receive(Done::LaidOut(job.lay_out(&text, false)));
            lay_out(app, done);
        }
    }
}

/// The selected post opened and laid out, as after launch.
pub fn opened(mut app: App) -> App {
    let preview = app.take_effects();
    lay_out(&mut app, preview);
    let effects = app.update(Action::Open);
    lay_out(&mut app, effects);
    let reader = app.reader.as_ref().expect("the post is open");
    assert!(reader.line_count() > 1, "the post is laid out");
    app
}

/// One frame, as the runner draws it.
pub fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    app.pictures.frame_finished();
}
