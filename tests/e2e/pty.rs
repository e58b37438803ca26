//! Runs the real binary in a pseudo-terminal and reads its screen through a terminal emulator.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a slow, busy machine; a passing test never waits this long.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// A reading state folder of its own, so no run sees another's or the user's.
    _state: Option<tempfile::TempDir>,
    /// An empty folder to start in, for runs of the built-in sample blog.
    _cwd: Option<tempfile::TempDir>,
}

impl Session {
    /// Starts `folio ARGS` in `cwd` on a `cols` × `rows` terminal.
    pub fn start(cwd: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with_editor(cwd, args, cols, rows, "true")
    }

    /// Starts `folio` with no PATH in an empty folder, so it reads its sample blog, and waits
    /// for the index.
    pub fn sample(cols: u16, rows: u16) -> Session {
        let empty = tempfile::tempdir().expect("an empty folder");
        let mut session = Session::start(empty.path(), &[], cols, rows);
        session._cwd = Some(empty);
        session.wait_for("Posts 12");
        session
    }

    /// As [`Session::start`], with `$EDITOR` set to `editor`.
    pub fn start_with_editor(
        cwd: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        editor: &str,
    ) -> Session {
        Session::start_with_env(cwd, args, cols, rows, &[("EDITOR", editor)])
    }

    /// As [`Session::start`], with these environment variables set over the defaults (an
    /// `$EDITOR` that does nothing, and `COLORFGBG` saying the background is dark). The run
    /// keeps its reading state in a folder of its own.
    pub fn start_with_env(
        cwd: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let state = tempfile::tempdir().expect("a state folder");
        let mut session = Session::launch(cwd, args, (cols, rows), env, state.path(), None);
        session._state = Some(state);
        session
    }

    /// Starts `folio ARGS` with reading state kept in `state`, for runs that share it.
    pub fn start_with_state(
        cwd: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        state: &Path,
    ) -> Session {
        Session::launch(cwd, args, (cols, rows), &[], state, None)
    }

    /// Starts `cat POST | folio ARGS`: standard input is a pipe, the keys come from the
    /// terminal.
    pub fn start_piped(cwd: &Path, post: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        let state = tempfile::tempdir().expect("a state folder");
        let mut session = Session::launch(cwd, args, (cols, rows), &[], state.path(), Some(post));
        session._state = Some(state);
        session
    }

    fn launch(
        cwd: &Path,
        args: &[&str],
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
        state: &Path,
        piped: Option<&Path>,
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let folio = env!("CARGO_BIN_EXE_folio");
        let mut command = match piped {
            Some(post) => {
                let mut shell = CommandBuilder::new("sh");
                let script = r#"post=$1; shift; cat "$post" | "$0" "$@""#;
                shell.args(["-c", script, folio]);
                shell.arg(post);
                shell
            }
            None => CommandBuilder::new(folio),
        };
        command.args(args);
        command.cwd(cwd);
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        command.env("EDITOR", "true");
        command.env_remove("VISUAL");
        command.env("COLORFGBG", "15;0");
        command.env("XDG_CONFIG_HOME", cwd.join("no-config-here"));
        command.env("FOLIO_STATE_DIR", state);
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("folio starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let writer = pair.master.take_writer().expect("a pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("columns"),
            0,
        )));
        let output = Arc::new(Mutex::new(Vec::new()));
        let (screen_in, output_in) = (screen.clone(), output.clone());
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buffer[..n]);
                output_in.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Session {
            screen,
            output,
            writer,
            child,
            _master: pair.master,
            _state: None,
            _cwd: None,
        }
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen when it doesn't.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(
            |screen| screen.contains(text),
            &format!("the screen to show {text:?}"),
        )
    }

    /// Waits until `check` holds for the screen's text.
    pub fn wait_until(&self, check: impl Fn(&str) -> bool, what: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.contents();
            if check(&screen) {
                return screen;
            }
            if started.elapsed() > PATIENCE {
                panic!("waited for {what}; the screen shows:\n{screen}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types keys: text as is, with `\r` for Enter, `\x1b` for Esc and so on.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        thread::sleep(Duration::from_millis(60));
    }

    /// Waits for folio to exit and returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            if started.elapsed() > PATIENCE {
                self.child.kill().ok();
                panic!("folio did not exit; the screen shows:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends folio a signal by name (`TERM`, `CONT`), as `kill -s` does.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("folio runs");
        let sent = std::process::Command::new("kill")
            .args(["-s", name, &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -s {name} {pid}");
    }

    /// Resizes the terminal, as a person dragging the window's corner does.
    pub fn resize(&self, cols: u16, rows: u16) {
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the pty resizes");
        self.screen.lock().unwrap().set_size(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("columns"),
        );
    }

    /// Waits for folio to end and returns the signal that ended it, if one did.
    pub fn wait_signalled(&mut self) -> Option<String> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                thread::sleep(Duration::from_millis(100));
                return status.signal().map(str::to_string);
            }
            if started.elapsed() > PATIENCE {
                self.child.kill().ok();
                panic!("folio did not end; the screen shows:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// True when the terminal is back as folio found it: main screen, no mouse reporting,
    /// cursor shown.
    pub fn terminal_restored(&self) -> bool {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        !screen.alternate_screen()
            && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            && !screen.hide_cursor()
    }

    /// Everything folio wrote to the terminal.
    pub fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.child.kill().ok();
        }
    }
}
