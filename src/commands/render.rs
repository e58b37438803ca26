//! `folio render FILE`: one post, laid out exactly as the reader shows it, on stdout.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::ansi::{self, Mode};
use crate::cli::{ColorChoice, RenderArgs};
use crate::config::Settings;
use crate::content::discover::{STDIN_NAME, read_stdin};
use crate::content::links::site_file_exists;
use crate::content::post::display_path;
use crate::content::{ContentError, Post, post_file};
use crate::error::{Error, Outcome};
use crate::highlight::SyntaxTheme;
use crate::images;
use crate::render::{self, Header, Options};
use crate::site::Site;
use crate::theme::{Appearance, ColorDepth};

/// Lays out `args.file` (or standard input for `-`) with the settings' theme, syntax theme
/// and reading width; `theme` from the command line wins over the settings' theme.
pub fn run(
    args: &RenderArgs,
    theme: Option<Appearance>,
    settings: &Settings,
    out: &mut impl Write,
) -> Result<Outcome, Error> {
    let terminal = std::io::stdout().is_terminal();
    let width = args.width.map_or_else(
        || default_width(settings.reader_width, terminal_width(terminal)),
        usize::from,
    );
    let mode = match args.color {
        ColorChoice::Never => Mode::Plain,
        ColorChoice::Always => {
            let colorterm = std::env::var("COLORTERM").ok();
            Mode::Styled(ColorDepth::from_env(colorterm.as_deref(), false))
        }
        ColorChoice::Auto => match ColorDepth::detect() {
            ColorDepth::Monochrome => Mode::Plain,
            _ if !terminal => Mode::Plain,
            depth => Mode::Styled(depth),
        },
    };
    // `auto` asks the terminal only when there is one to colour for.
    let appearance = theme.or(settings.theme.fixed()).unwrap_or_else(|| {
        if terminal && matches!(mode, Mode::Styled(_)) {
            crate::tui::terminal_background()
        } else {
            Appearance::Dark
        }
    });
    let syntax_theme = settings
        .syntax_theme
        .as_deref()
        .and_then(SyntaxTheme::named);
    let (file, bytes, site) = if args.file == Path::new("-") {
        // A post from standard input finds its pictures from the current folder.
        let bytes = read_stdin("folio render -")?;
        (Path::new(".").join(STDIN_NAME), bytes, Site::PLAIN)
    } else {
        let bytes = read(&args.file)?;
        (args.file.clone(), bytes, Site::above(&args.file))
    };
    let post = Post::from_bytes(&file, &bytes).map_err(|problem| Error::NotAPost {
        path: display_path(&args.file),
        message: problem.message,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let body = text.get(post.body_offset..).unwrap_or_default();
    let exists = |src: &str| site_file_exists(&file, src, &site);
    let params = crate::content::post::params(&text);
    let options = Options {
        image_exists: Some(&exists),
        params: params.as_ref(),
        highlight: matches!(mode, Mode::Styled(_)),
        marks: mode == Mode::Plain,
        syntax_theme: syntax_theme.as_ref(),
        ..Options::new(width, appearance)
    };
    if let Some(printer) = printer(args, terminal) {
        let layout = images::LayoutPictures {
            finder: images::Finder::on_site(&file, file.parent().unwrap_or(&file), &site),
            cell: printer.display().cell,
            max_cols: printer.display().max_cells().0,
            max_rows: terminal_rows()
                .map_or(20, |rows| rows / 2)
                .min(printer.display().max_cells().1),
        };
        let options = Options {
            pictures: Some(&layout),
            ..options
        };
        let rendered = render::render(body, Some(&Header::from(&post)), &options);
        images::inline::write(&rendered, &printer, out, |lines, mut out| {
            ansi::write(lines, mode, &mut out)
        })?;
        out.flush()?;
        return Ok(Outcome::Success);
    }
    let mut written = Ok(());
    render::stream(body, Some(&Header::from(&post)), &options, &mut |lines| {
        if written.is_ok() {
            written = ansi::write(&lines, mode, out);
        }
    });
    written?;
    out.flush()?;
    Ok(Outcome::Success)
}

/// With `--images` on a terminal that draws pixels, what prints the pictures.
fn printer(args: &RenderArgs, terminal: bool) -> Option<images::inline::Printer> {
    if !args.images || !terminal {
        return None;
    }
    images::terminal::detect(images::Setting::Auto).and_then(images::inline::Printer::new)
}

fn terminal_rows() -> Option<u16> {
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(_, rows)| rows)
}

/// The post's bytes, read under the same rules as a blog's posts: a FIFO, a device or a file
/// past the size limit is refused with one line naming it. A folder is refused with the
/// command that lists it.
fn read(file: &Path) -> Result<Vec<u8>, Error> {
    let path = display_path(file);
    match std::fs::metadata(file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ContentError::NotFound(path).into());
        }
        Ok(metadata) if metadata.is_dir() => {
            return Err(Error::NotAPost {
                message: format!(
                    "is a folder; render wants one post — try: folio list {}",
                    shell_word(&path)
                ),
                path,
            });
        }
        _ => {}
    }
    post_file::read(file).map_err(|problem| Error::NotAPost {
        path,
        message: problem.message,
    })
}

/// The width when `--width` is not given: the reader's widest column (`reader_width`), or the
/// terminal's width when stdout is a narrower terminal, as the reader fits its column.
fn default_width(reader_width: u16, terminal: Option<usize>) -> usize {
    let reader_width = usize::from(reader_width);
    terminal.map_or(reader_width, |columns| columns.min(reader_width))
}

/// `text` as one shell word, quoted when it holds anything a shell would read otherwise.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:@%=~".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The terminal's width, asked only when stdout is one.
fn terminal_width(terminal: bool) -> Option<usize> {
    if !terminal {
        return None;
    }
    let (columns, _) = ratatui::crossterm::terminal::size().ok()?;
    (columns > 0).then_some(usize::from(columns))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_width_is_the_readers_unless_the_terminal_is_narrower() {
        assert_eq!(default_width(100, None), 100);
        assert_eq!(default_width(72, Some(200)), 72);
        assert_eq!(default_width(100, Some(60)), 60);
    }

    #[test]
    fn a_path_is_quoted_only_when_a_shell_would_misread_it() {
        assert_eq!(shell_word("content/posts"), "content/posts");
        assert_eq!(shell_word("my posts"), "'my posts'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
