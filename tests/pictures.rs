//! Pictures in posts: the layout reserves their rows, the reader draws them in its own area
//! only, half-blocks clip cleanly, and a pixel protocol appears only where it can't be cut.

use std::collections::VecDeque;
use std::io::Cursor;
use std::path::Path;

use folio::app::{App, Done, Effect};
use folio::config::Settings;
use folio::content::{Library, Source, discover};
use folio::images::{self, CellSize, Display, LayoutPictures, Pictures};
use folio::render::{self, Options, Rendered};
use folio::theme::Appearance;
use image::{ImageFormat, Rgb, RgbImage};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui_image::picker::ProtocolType;

/// Small cells, so a tiny picture covers a few cells.
const CELL: CellSize = CellSize {
    width: 4,
    height: 8,
};

fn display(protocol: ProtocolType) -> Display {
    Display {
        protocol,
        cell: CELL,
    }
}

/// A 24 × 24 picture in four coloured quarters.
fn quarters() -> Vec<u8> {
    let image = RgbImage::from_fn(24, 24, |x, y| match (x < 12, y < 12) {
        (true, true) => Rgb([220, 40, 40]),
        (false, true) => Rgb([40, 180, 60]),
        (true, false) => Rgb([40, 70, 220]),
        (false, false) => Rgb([250, 250, 250]),
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A Hugo site with one post: text, a picture in its page bundle, more text.
fn site(dir: &Path, lines_before: usize) -> std::path::PathBuf {
    std::fs::write(dir.join("hugo.toml"), "title = 'Pictures'\n").unwrap();
    let bundle = dir.join("content/posts/garden");
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::write(bundle.join("quarters.png"), quarters()).unwrap();
    let before: String = (1..=lines_before)
        .map(|i| format!("Paragraph {i}.\n\n"))
        .collect();
    let post = bundle.join("index.md");
    std::fs::write(
        &post,
        format!(
            "---\ntitle: Garden\ndate: 2025-05-01\n---\n{before}![Four beds from above](quarters.png)\n\nAfter the picture.\n\n![Gone](/images/gone.png)\n\n![Remote](https://example.org/a.png)\n"
        ),
    )
    .unwrap();
    post
}

fn lay_out(post: &Path, content: &Path) -> Rendered {
    let text = std::fs::read_to_string(post).unwrap();
    let body = text.split("---\n").nth(2).unwrap();
    lay_out_body(body, None, post, content)
}

/// The body of `post` laid out 40 columns wide, its pictures looked for in `content`.
fn lay_out_body(
    body: &str,
    header: Option<&render::Header>,
    post: &Path,
    content: &Path,
) -> Rendered {
    let pictures = LayoutPictures {
        finder: images::Finder::on_disk(post, content),
        cell: CELL,
        max_cols: u16::MAX,
        max_rows: 10,
    };
    let options = Options {
        pictures: Some(&pictures),
        ..Options::new(40, Appearance::Dark)
    };
    render::render(body, header, &options)
}

fn texts(rendered: &Rendered) -> Vec<String> {
    rendered
        .plain()
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

#[test]
fn the_layout_reserves_rows_and_puts_the_alt_text_under_them() {
    let dir = tempfile::tempdir().unwrap();
    let post = site(dir.path(), 1);
    let rendered = lay_out(&post, &dir.path().join("content"));
    let [placement] = &rendered.images[..] else {
        panic!("one picture: {:?}", rendered.images);
    };
    // 24 × 24 pixels in 4 × 8 cells: 6 columns, 3 rows.
    assert_eq!((placement.cols, placement.rows), (6, 3));
    let lines = texts(&rendered);
    let reserved = &lines[placement.line..placement.line + 3];
    assert!(reserved.iter().all(String::is_empty), "{lines:?}");
    assert_eq!(lines[placement.line + 3], "Four beds from above");
    let text = lines.join(" ");
    assert!(text.contains("▣ Gone (/images/gone.png)"), "{text}");
    let tried = dir.path().join("static/images/gone.png");
    let squeezed: String = text.split_whitespace().collect();
    assert!(
        squeezed.contains(&format!("notfound:{}", tried.display())),
        "{text}"
    );
    assert!(
        text.contains("▣ Remote (https://example.org/a.png)"),
        "{text}"
    );
}

/// Draws the post's pictures into a 20 × 6 area as the reader would, waiting for the worker.
fn draw(
    pictures: &Pictures,
    rendered: &Rendered,
    scroll: usize,
    overlaid: bool,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(20, 6)).unwrap();
    let frame = |terminal: &mut Terminal<TestBackend>| {
        terminal
            .draw(|frame| {
                let area = Rect::new(1, 1, 18, 4);
                images::draw::placements(
                    pictures,
                    &rendered.images,
                    scroll,
                    area,
                    overlaid,
                    Style::new(),
                    frame.buffer_mut(),
                );
            })
            .unwrap();
    };
    frame(&mut terminal);
    pictures.make_wanted();
    frame(&mut terminal);
    terminal
}

fn picture_post() -> (tempfile::TempDir, Rendered) {
    let dir = tempfile::tempdir().unwrap();
    let post = site(dir.path(), 0);
    let rendered = lay_out(&post, &dir.path().join("content"));
    (dir, rendered)
}

/// The picture post's picture drawn from its first row, then with that row scrolled off.
struct WholeAndClipped {
    _dir: tempfile::TempDir,
    rendered: Rendered,
    pictures: Pictures,
    whole: Terminal<TestBackend>,
    clipped: Terminal<TestBackend>,
}

fn whole_and_clipped(protocol: ProtocolType) -> WholeAndClipped {
    let (_dir, rendered) = picture_post();
    let pictures = Pictures::new(Some(display(protocol)));
    let line = rendered.images[0].line;
    let whole = draw(&pictures, &rendered, line, false);
    let clipped = draw(&pictures, &rendered, line + 1, false);
    WholeAndClipped {
        _dir,
        rendered,
        pictures,
        whole,
        clipped,
    }
}

#[test]
fn half_blocks_of_a_small_picture() {
    let (_dir, rendered) = picture_post();
    let pictures = Pictures::new(Some(display(ProtocolType::Halfblocks)));
    let terminal = draw(&pictures, &rendered, 0, false);
    insta::assert_debug_snapshot!(terminal.backend().buffer());
}

/// The cells of rows `rows` of the screen.
fn rows(buffer: &Buffer, rows: std::ops::Range<u16>) -> Vec<ratatui::buffer::Cell> {
    rows.flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .map(|p| buffer[p].clone())
        .collect()
}

#[test]
fn a_picture_scrolled_partly_off_the_top_is_clipped_to_its_lower_rows() {
    let WholeAndClipped { whole, clipped, .. } = whole_and_clipped(ProtocolType::Halfblocks);
    // Its second and third rows are now the area's first two; nothing is drawn above the area.
    assert_eq!(
        rows(clipped.backend().buffer(), 1..3),
        rows(whole.backend().buffer(), 2..4)
    );
    assert_eq!(
        rows(clipped.backend().buffer(), 0..1),
        rows(&Buffer::empty(Rect::new(0, 0, 20, 6)), 0..1)
    );
}

/// Where a graphics escape sequence sits in a buffer.
fn escapes(buffer: &Buffer) -> Vec<(u16, u16)> {
    let area = buffer.area;
    (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .filter(|&p| buffer[p].symbol().contains('\x1b'))
        .collect()
}

#[test]
fn sixel_is_drawn_only_whole_and_inside_the_area() {
    let drawn = whole_and_clipped(ProtocolType::Sixel);
    let (whole, clipped) = (&drawn.whole, &drawn.clipped);
    assert_eq!(escapes(whole.backend().buffer()), [(1, 1)]);
    let sequence = whole.backend().buffer()[(1, 1)].symbol().to_string();
    // It erases the cells under it, then draws the sixel (DCS … ST).
    assert!(sequence.starts_with("\x1b[6X"), "{sequence:?}");
    assert!(sequence.contains("\x1bP") && sequence.ends_with("\x1b\\"));
    // Partly scrolled off: half-blocks, no escape.
    assert_eq!(escapes(clipped.backend().buffer()), []);
    assert_eq!(clipped.backend().buffer()[(1, 1)].symbol(), "▀");
    // Under a panel: half-blocks, no escape.
    let line = drawn.rendered.images[0].line;
    let covered = draw(&drawn.pictures, &drawn.rendered, line, true);
    assert_eq!(escapes(covered.backend().buffer()), []);
}

#[test]
fn a_refused_picture_says_why_in_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let post = site(dir.path(), 0);
    let rendered = lay_out(&post, &dir.path().join("content"));
    // The file is cut short after the layout read its header.
    let file = dir.path().join("content/posts/garden/quarters.png");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let pictures = Pictures::new(Some(display(ProtocolType::Halfblocks)));
    let terminal = draw(&pictures, &rendered, rendered.images[0].line, false);
    let row: String = (1..19)
        .map(|x| terminal.backend().buffer()[(x, 1)].symbol().to_string())
        .collect();
    assert_eq!(row, "▣ can't be read: u");
}

fn app_on(dir: &Path, width: u16, height: u16) -> App {
    let library = Library::load(discover::resolve(Some(dir)).unwrap()).unwrap();
    assert!(matches!(library.source(), Source::Disk { .. }));
    let mut app = App::new(
        library,
        Settings::default(),
        Appearance::Dark,
        Rect::new(0, 0, width, height),
    );
    app.set_pictures(Pictures::new(Some(display(ProtocolType::Sixel))));
    let effects = app.take_effects();
    settle(&mut app, effects);
    app
}

/// Presses a key and lays out at once what it asks for, as the runner's worker does in time.
fn press(app: &mut App, key: &str) {
    let effects = app.handle_key(key.parse().unwrap());
    settle(app, effects);
}

fn settle(app: &mut App, effects: Vec<Effect>) {
    let mut queue = VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        if let Effect::LayOut(job) = effect {
            let laid = match job.read() {
                Ok(text) => job.lay_out(&text, false),
                Err(error) => job.failed(error),
            };
            queue.extend(app.receive(Done::LaidOut(laid)));
        }
    }
}

fn frame(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
}

#[test]
fn the_reader_draws_pixels_only_inside_its_text_and_not_under_help() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path(), 0);
    let mut app = app_on(dir.path(), 120, 30);
    press(&mut app, "enter");
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    frame(&app, &mut terminal);
    app.pictures.make_wanted();
    frame(&app, &mut terminal);
    let reader = app.areas().reader.unwrap();
    let found = escapes(terminal.backend().buffer());
    assert_eq!(found.len(), 1, "{found:?}");
    let (x, y) = found[0];
    assert!(
        x > reader.x + 1 && x < reader.right() - 1,
        "{x} in {reader:?}"
    );
    assert!(y > reader.y && y < reader.bottom() - 1, "{y} in {reader:?}");
    press(&mut app, "?");
    frame(&app, &mut terminal);
    assert_eq!(escapes(terminal.backend().buffer()), []);
}

#[test]
fn the_picture_key_shows_it_full_screen_and_any_key_returns() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path(), 0);
    let mut app = app_on(dir.path(), 120, 30);
    press(&mut app, "enter");
    press(&mut app, "i");
    assert_eq!(app.picture_view, Some(0));
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    frame(&app, &mut terminal);
    app.pictures.make_wanted();
    frame(&app, &mut terminal);
    let bottom: String = (0..120)
        .map(|x| terminal.backend().buffer()[(x, 29)].symbol().to_string())
        .collect();
    assert_eq!(bottom.trim(), "Four beds from above");
    // The picture keeps its natural size (6 × 3 cells), centred.
    assert_eq!(escapes(terminal.backend().buffer()), [(57, 12)]);
    press(&mut app, "j");
    assert_eq!(app.picture_view, None);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 0);
}

#[test]
fn the_cover_named_in_front_matter_opens_the_post_only_when_it_is_there() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hugo.toml"), "title = 'Pictures'\n").unwrap();
    std::fs::create_dir_all(dir.path().join("static/images")).unwrap();
    std::fs::write(dir.path().join("static/images/cover.png"), quarters()).unwrap();
    let posts = dir.path().join("content/posts");
    std::fs::create_dir_all(&posts).unwrap();
    let write = |name: &str, cover: &str| {
        let post = posts.join(name);
        std::fs::write(
            &post,
            format!("---\ntitle: Beds\nimages: [\"{cover}\"]\n---\nThe first line.\n"),
        )
        .unwrap();
        post
    };
    let lay_out_with_header = |post: &Path| {
        let library = Library::load(discover::resolve(Some(post)).unwrap()).unwrap();
        let entry = &library.posts()[0];
        let text = std::fs::read_to_string(post).unwrap();
        let header = render::Header::from(entry);
        let content = dir.path().join("content");
        lay_out_body(&text[entry.body_offset..], Some(&header), post, &content)
    };
    let shown = lay_out_with_header(&write("shown.md", "images/cover.png"));
    let [cover] = &shown.images[..] else {
        panic!("the cover: {:?}", shown.images);
    };
    let lines = texts(&shown);
    let first_text = lines.iter().position(|l| l == "The first line.").unwrap();
    assert!(cover.line < first_text, "{lines:?}");
    let missing = lay_out_with_header(&write("missing.md", "images/elsewhere.png"));
    assert_eq!(missing.images, []);
    assert!(!texts(&missing).join(" ").contains("elsewhere"));
}
