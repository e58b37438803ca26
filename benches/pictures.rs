//! Pictures in the reader: what opening a post with 30 large photos costs (its layout reads
//! only each picture's header), and how long until the first screen's pictures
//! are decoded, scaled and encoded on the worker, for half-blocks and for sixel.

#[path = "support/reader.rs"]
mod reader;

use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use folio::app::App;
use folio::config::Settings;
use folio::content::{Library, discover};
use folio::images::{CellSize, Display, Pictures};
use folio::theme::Appearance;
use image::{ImageFormat, Rgb, RgbImage};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui_image::picker::ProtocolType;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const PICTURES: usize = 30;

/// A post with 30 photographs of 2400 × 1600 pixels (noisy, so they compress like photos),
/// each after a paragraph.
fn blog(dir: &Path) {
    let mut body = String::new();
    for i in 0..PICTURES {
        let image = RgbImage::from_fn(2400, 1600, |x, y| {
            let noise = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ i as u32) % 40;
            Rgb([(x / 10 + noise) as u8, (y / 7 + noise) as u8, (i * 8) as u8])
        });
        image
            .save_with_format(dir.join(format!("photo-{i}.jpg")), ImageFormat::Jpeg)
            .unwrap();
        body.push_str(&format!(
            "A paragraph about photo {i}, long enough to wrap once or twice in the reader.\n\n![Photo {i}](photo-{i}.jpg)\n\n"
        ));
    }
    std::fs::write(
        dir.join("index.md"),
        format!("---\ntitle: Photos\ndate: 2025-01-01\n---\n{body}"),
    )
    .unwrap();
    std::fs::write(dir.join("hugo.toml"), "").unwrap();
}

fn open(dir: &Path, protocol: Option<ProtocolType>) -> App {
    let library = Library::load(discover::resolve(Some(dir)).unwrap()).unwrap();
    let mut app = App::new(
        library,
        Settings::default(),
        Appearance::Dark,
        Rect::new(0, 0, WIDTH, HEIGHT),
    );
    app.set_pictures(Pictures::new(protocol.map(|protocol| Display {
        protocol,
        cell: CellSize {
            width: 10,
            height: 20,
        },
    })));
    reader::opened(app)
}

fn pictures(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    blog(dir.path());
    let mut group = c.benchmark_group("pictures");
    group.sample_size(10);
    group.bench_function("open a post with 30 large pictures off, laid out", |b| {
        b.iter(|| open(dir.path(), None));
    });
    group.bench_function("open a post with 30 large pictures, laid out", |b| {
        b.iter(|| open(dir.path(), Some(ProtocolType::Halfblocks)));
    });
    for (name, protocol) in [
        ("half-blocks", ProtocolType::Halfblocks),
        ("sixel", ProtocolType::Sixel),
    ] {
        group.bench_function(format!("first screen with its pictures, {name}"), |b| {
            b.iter_batched(
                || {
                    let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
                    (open(dir.path(), Some(protocol)), terminal)
                },
                |(app, mut terminal)| {
                    reader::draw(&app, &mut terminal);
                    app.pictures.make_wanted();
                    reader::draw(&app, &mut terminal);
                },
                BatchSize::PerIteration,
            );
        });
    }
    let app = open(dir.path(), Some(ProtocolType::Sixel));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    reader::draw(&app, &mut terminal);
    app.pictures.make_wanted();
    group.bench_function("a frame with its pictures cached, sixel", |b| {
        b.iter(|| reader::draw(&app, &mut terminal));
    });
    group.finish();
}

criterion_group!(benches, pictures);
criterion_main!(benches);
