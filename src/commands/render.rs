//! `folio render FILE`: one post, laid out exactly as the reader shows it, on stdout.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::ansi::{self, Mode};
use crate::cli::{ColorChoice, RenderArgs};
use crate::content::links::site_file_exists;
use crate::content::post::display_path;
use crate::content::{ContentError, Post, post_file};
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
        path: display_path(&args.file),
        message: problem.message,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let body = text.get(post.body_offset..).unwrap_or_default();
    let site = crate::site::Site::above(&args.file);
    let exists = |src: &str| site_file_exists(&args.file, src, &site);
    let params = crate::content::post::params(&text);
    let options = Options {
        image_exists: Some(&exists),
        params: params.as_ref(),
        highlight: matches!(mode, Mode::Styled(_)),
        marks: mode == Mode::Plain,
        ..Options::new(width, args.theme)
    };
    if let Some(printer) = printer(args, terminal) {
        let layout = images::LayoutPictures {
            finder: images::Finder::on_site(
                &args.file,
                args.file.parent().unwrap_or(&args.file),
                &site,
            ),
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
/// past the size limit is refused with one line naming it.
fn read(file: &Path) -> Result<Vec<u8>, Error> {
    let path = display_path(file);
    if std::fs::metadata(file).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Err(ContentError::NotFound(path).into());
    }
    post_file::read(file).map_err(|problem| Error::NotAPost {
        path,
        message: problem.message,
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
