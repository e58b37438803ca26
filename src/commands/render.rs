//! `folio render FILE`: one post, laid out exactly as the reader shows it, on stdout.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::ansi::{self, Mode};
use crate::cli::{ColorChoice, RenderArgs};
use crate::content::links::site_file_exists;
use crate::content::{ContentError, Post};
use crate::error::{Error, Outcome};
use crate::images;
use crate::render::{self, Header, Options};
use crate::theme::ColorDepth;

/// Width when neither `--width` nor a terminal gives one.
const DEFAULT_WIDTH: usize = 80;

pub fn run(args: &RenderArgs, out: &mut impl Write) -> Result<Outcome, Error> {
    let terminal = std::io::stdout().is_terminal();
    let width = args.width.map_or_else(
        || terminal_width(terminal).unwrap_or(DEFAULT_WIDTH),
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
    let bytes = read(&args.file)?;
    let post = Post::from_bytes(&args.file, &bytes).map_err(|problem| Error::NotAPost {
        path: crate::content::post::display_path(&args.file),
        message: problem.message,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let body = text.get(post.body_offset..).unwrap_or_default();
    let exists = |src: &str| site_file_exists(&args.file, src);
    let options = Options {
        image_exists: Some(&exists),
        highlight: matches!(mode, Mode::Styled(_)),
        ..Options::new(width, args.theme)
    };
    if let Some(printer) = printer(args, terminal) {
        let layout = images::LayoutPictures {
            finder: images::Finder::on_disk(&args.file, args.file.parent().unwrap_or(&args.file)),
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

fn read(file: &Path) -> Result<Vec<u8>, ContentError> {
    let path = crate::content::post::display_path(file);
    std::fs::read(file).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ContentError::NotFound(path),
        _ => ContentError::Unreadable { path, source },
    })
}

/// The terminal's width, asked only when stdout is one.
fn terminal_width(terminal: bool) -> Option<usize> {
    if !terminal {
        return None;
    }
    let (columns, _) = ratatui::crossterm::terminal::size().ok()?;
    (columns > 0).then_some(usize::from(columns))
}
