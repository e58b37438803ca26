//! Reading pictures under limits: a file's size, its pixel count before any pixel is decoded,
//! and the decoder's allocations. A picture over a limit is refused with the reason, so the
//! reader shows why instead of stalling or running out of memory.

use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::sync::{Arc, OnceLock};

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader, Limits, RgbImage, RgbaImage};
use resvg::{tiny_skia, usvg};

use super::lookup::Origin;
use crate::content::sample;

/// Larger files are not read at all.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Wider or taller pictures are refused from their header.
pub const MAX_SIDE: u32 = 16_384;
/// More pixels than this (a 48-megapixel photo) are refused from their header.
pub const MAX_PIXELS: u64 = 48_000_000;
/// The most a decoder may allocate for one picture.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Why a picture is not shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("file too large ({} MB)", .0 / (1024 * 1024))]
    FileTooLarge(u64),
    #[error("{0} × {1} pixels is too large")]
    TooLarge(u32, u32),
    #[error("not a picture folio can show")]
    UnknownFormat,
    #[error("can't be read: {0}")]
    Broken(String),
    #[error("its filters are too costly to draw")]
    CostlyFilters,
}

/// A picture's natural size in pixels, from its header alone.
pub fn probe(origin: &Origin) -> Result<(u32, u32), Refusal> {
    // The layout probes on the UI thread: the header is in the first bytes of a raster file.
    if let Ok(head) = read_head(origin)
        && let Some(format) = raster_format(&head)
        && let Ok((width, height)) =
            ImageReader::with_format(Cursor::new(&head[..]), format).into_dimensions()
    {
        check_size(width, height)?;
        return Ok((width, height));
    }
    let bytes = read(origin)?;
    let (width, height) = match raster_format(&bytes) {
        Some(format) => ImageReader::with_format(Cursor::new(&bytes[..]), format)
            .into_dimensions()
            .map_err(broken)?,
        None if is_svg(origin, &bytes) => svg_size(&bytes)?,
        None => return Err(Refusal::UnknownFormat),
    };
    check_size(width, height)?;
    Ok((width, height))
}

/// The picture decoded and scaled down (never up) to fit `width` × `height` pixels, on white
/// where it is transparent, as the web page would show it.
pub fn decode(origin: &Origin, width: u32, height: u32) -> Result<DynamicImage, Refusal> {
    let bytes = read(origin)?;
    let image = match raster_format(&bytes) {
        Some(format) => {
            let (w, h) = ImageReader::with_format(Cursor::new(&bytes[..]), format)
                .into_dimensions()
                .map_err(broken)?;
            check_size(w, h)?;
            let mut reader = ImageReader::with_format(Cursor::new(&bytes[..]), format);
            reader.limits(limits());
            let image = reader.decode().map_err(broken)?;
            if image.width() > width || image.height() > height {
                image.resize(width.max(1), height.max(1), FilterType::Triangle)
            } else {
                image
            }
        }
        None if is_svg(origin, &bytes) => rasterise_svg(&bytes, width, height)?,
        None => return Err(Refusal::UnknownFormat),
    };
    Ok(DynamicImage::ImageRgb8(on_white(&image.into_rgba8())))
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn check_size(width: u32, height: u32) -> Result<(), Refusal> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooLarge(width, height));
    }
    if width == 0 || height == 0 {
        return Err(Refusal::Broken("it has no pixels".into()));
    }
    Ok(())
}

fn broken(error: image::ImageError) -> Refusal {
    match error {
        image::ImageError::Limits(_) => Refusal::Broken("over the decoding limits".into()),
        image::ImageError::Unsupported(_) => Refusal::UnknownFormat,
        other => Refusal::Broken(first_line(&other.to_string())),
    }
}

fn first_line(text: &str) -> String {
    crate::sanitize::line(text.lines().next().unwrap_or_default()).into_owned()
}

/// The file's bytes, refused unread when it is too large.
fn read(origin: &Origin) -> Result<Cow<'static, [u8]>, Refusal> {
    match origin {
        Origin::Sample(path) => match sample::read(path) {
            Some(bytes) => Ok(Cow::Borrowed(bytes)),
            None => Err(Refusal::Broken("no such file".into())),
        },
        Origin::File(path) => {
            let file = std::fs::File::open(path).map_err(|e| Refusal::Broken(e.to_string()))?;
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            if size > MAX_FILE_BYTES {
                return Err(Refusal::FileTooLarge(size));
            }
            let mut bytes = Vec::with_capacity(size as usize);
            file.take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Refusal::Broken(e.to_string()))?;
            if bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(Refusal::FileTooLarge(bytes.len() as u64));
            }
            Ok(Cow::Owned(bytes))
        }
    }
}

/// Enough of a file for a raster header: its first 64 KB, over the size limit or not.
fn read_head(origin: &Origin) -> Result<Cow<'static, [u8]>, Refusal> {
    const HEAD: usize = 64 * 1024;
    match origin {
        Origin::Sample(path) => sample::read(path)
            .map(|bytes| Cow::Borrowed(&bytes[..bytes.len().min(HEAD)]))
            .ok_or_else(|| Refusal::Broken("no such file".into())),
        Origin::File(path) => {
            let file = std::fs::File::open(path).map_err(|e| Refusal::Broken(e.to_string()))?;
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            if size > MAX_FILE_BYTES {
                return Err(Refusal::FileTooLarge(size));
            }
            let mut head = Vec::with_capacity(HEAD);
            file.take(HEAD as u64)
                .read_to_end(&mut head)
                .map_err(|e| Refusal::Broken(e.to_string()))?;
            Ok(Cow::Owned(head))
        }
    }
}

/// The raster formats folio decodes, known by their first bytes (not their names).
fn raster_format(bytes: &[u8]) -> Option<ImageFormat> {
    match image::guess_format(bytes).ok()? {
        format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP) => {
            Some(format)
        }
        _ => None,
    }
}

fn is_svg(origin: &Origin, bytes: &[u8]) -> bool {
    let named = origin
        .path()
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let head = &bytes[..bytes.len().min(1024)];
    named || String::from_utf8_lossy(head).contains("<svg")
}

/// Options that keep an SVG to itself: no file or URL it names is read, and only fonts the
/// system has are used.
fn svg_options() -> usvg::Options<'static> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    let fontdb = FONTS
        .get_or_init(|| {
            let mut fonts = usvg::fontdb::Database::new();
            fonts.load_system_fonts();
            Arc::new(fonts)
        })
        .clone();
    usvg::Options {
        resources_dir: None,
        fontdb,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// The size an SVG declares, read from its root element without laying it out.
fn svg_size(bytes: &[u8]) -> Result<(u32, u32), Refusal> {
    let text = std::str::from_utf8(bytes).map_err(|_| Refusal::Broken("not UTF-8".into()))?;
    // Exported SVGs often carry a DOCTYPE; usvg reads them with it too. roxmltree expands only
    // internal entities, and refuses entity loops and runaway expansion.
    let options = usvg::roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = usvg::roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| Refusal::Broken(first_line(&e.to_string())))?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        return Err(Refusal::UnknownFormat);
    }
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .map(|v| v.split([' ', ',']).filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_default();
    let length = |name: &str, fallback: Option<f64>| {
        root.attribute(name)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
            .or(fallback)
    };
    let (box_w, box_h) = match view_box[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => (Some(w), Some(h)),
        _ => (None, None),
    };
    let mut width = length("width", box_w);
    let mut height = length("height", box_h);
    // One side given and a viewBox: the other follows its aspect.
    if let (Some(w), None, Some(bw), Some(bh)) = (width, height, box_w, box_h) {
        height = Some(w * bh / bw);
    }
    if let (None, Some(h), Some(bw), Some(bh)) = (width, height, box_w, box_h) {
        width = Some(h * bw / bh);
    }
    let (width, height) = (width.unwrap_or(300.0), height.unwrap_or(150.0));
    if !(width.is_finite() && height.is_finite() && width >= 1.0 && height >= 1.0) {
        return Err(Refusal::Broken("it has no size".into()));
    }
    if width > f64::from(MAX_SIDE) || height > f64::from(MAX_SIDE) {
        return Err(Refusal::TooLarge(width as u32, height as u32));
    }
    Ok((width.round() as u32, height.round() as u32))
}

/// Draws an SVG into at most `width` × `height` pixels; the canvas bounds every filter.
fn rasterise_svg(bytes: &[u8], width: u32, height: u32) -> Result<DynamicImage, Refusal> {
    let tree = usvg::Tree::from_data(bytes, &svg_options())
        .map_err(|e| Refusal::Broken(first_line(&e.to_string())))?;
    let size = tree.size();
    let scale = (width as f32 / size.width())
        .min(height as f32 / size.height())
        .min(1.0);
    let w = ((size.width() * scale).round() as u32).clamp(1, width.max(1));
    let h = ((size.height() * scale).round() as u32).clamp(1, height.max(1));
    check_filters(&tree, scale)?;
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| Refusal::Broken("it has no size".into()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let pixels: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    RgbaImage::from_raw(w, h, pixels)
        .map(DynamicImage::ImageRgba8)
        .ok_or_else(|| Refusal::Broken("it has no size".into()))
}

/// Refuses filters whose cost grows with a size the SVG chooses rather than with the canvas:
/// morphology is quadratic in its radius, turbulence linear in its octaves, a convolution in
/// its matrix.
fn check_filters(tree: &usvg::Tree, scale: f32) -> Result<(), Refusal> {
    use usvg::filter::Kind;
    let costly =
        tree.filters()
            .iter()
            .flat_map(|f| f.primitives())
            .any(|primitive| match primitive.kind() {
                Kind::Morphology(m) => {
                    m.radius_x().get().max(m.radius_y().get()) * scale.max(1.0) > 16.0
                }
                Kind::Turbulence(t) => t.num_octaves() > 8,
                Kind::ConvolveMatrix(c) => c.matrix().columns() * c.matrix().rows() > 81,
                _ => false,
            });
    if costly {
        return Err(Refusal::CostlyFilters);
    }
    Ok(())
}

fn on_white(image: &RgbaImage) -> RgbImage {
    RgbImage::from_fn(image.width(), image.height(), |x, y| {
        let [r, g, b, a] = image.get_pixel(x, y).0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn file(dir: &Path, name: &str, bytes: &[u8]) -> Origin {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        Origin::File(path)
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, _| image::Rgb([(x * 40) as u8, 90, 200]));
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// A small, valid PNG that claims a size: its header, a few compressed bytes of pixels and
    /// its end, as a decompression bomb would start.
    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut header = width.to_be_bytes().to_vec();
        header.extend(height.to_be_bytes());
        header.extend([8, 2, 0, 0, 0]);
        // A zlib stream holding one stored block of 16 zero bytes.
        let mut pixels = vec![0x78, 0x01, 0x01, 16, 0, !16u8, 0xff];
        pixels.extend([0u8; 16]);
        pixels.extend((16u32 << 16 | 1).to_be_bytes()); // Adler-32 of 16 zeros.
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [(b"IHDR", header), (b"IDAT", pixels), (b"IEND", Vec::new())] {
            out.extend((data.len() as u32).to_be_bytes());
            let mut chunk = kind.to_vec();
            chunk.extend(data);
            let crc = crc32(&chunk);
            out.extend(chunk);
            out.extend(crc.to_be_bytes());
        }
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_png_is_probed_and_decoded_scaled_down_only() {
        let dir = tempfile::tempdir().unwrap();
        let origin = file(dir.path(), "a.png", &png(40, 20));
        assert_eq!(probe(&origin), Ok((40, 20)));
        let small = decode(&origin, 20, 20).unwrap();
        assert_eq!((small.width(), small.height()), (20, 10));
        let natural = decode(&origin, 400, 400).unwrap();
        assert_eq!((natural.width(), natural.height()), (40, 20));
    }

    #[test]
    fn a_decompression_bomb_is_refused_from_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let origin = file(dir.path(), "bomb.png", &png_claiming(100_000, 100_000));
        assert_eq!(probe(&origin), Err(Refusal::TooLarge(100_000, 100_000)));
        assert_eq!(
            decode(&origin, 100, 100).unwrap_err(),
            Refusal::TooLarge(100_000, 100_000)
        );
    }

    #[test]
    fn a_corrupt_file_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = png(40, 20);
        bytes.truncate(bytes.len() / 2);
        let origin = file(dir.path(), "cut.png", &bytes);
        assert!(matches!(decode(&origin, 40, 40), Err(Refusal::Broken(_))));
        let text = file(dir.path(), "notes.png", b"just some words");
        assert_eq!(probe(&text), Err(Refusal::UnknownFormat));
    }

    #[test]
    fn a_huge_file_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.jpg");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(50 * 1024 * 1024).unwrap();
        assert_eq!(
            probe(&Origin::File(path)),
            Err(Refusal::FileTooLarge(50 * 1024 * 1024))
        );
    }

    #[test]
    fn an_svg_is_sized_from_its_root_and_rasterised_within_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="100" height="100" fill="red"/></svg>"#;
        let origin = file(dir.path(), "chart.svg", svg);
        assert_eq!(probe(&origin), Ok((200, 100)));
        let image = decode(&origin, 50, 50).unwrap().into_rgb8();
        assert_eq!((image.width(), image.height()), (50, 25));
        assert_eq!(image.get_pixel(5, 5).0, [255, 0, 0]);
        // Transparent parts show white, as on a web page.
        assert_eq!(image.get_pixel(45, 5).0, [255, 255, 255]);
    }

    #[test]
    fn an_svg_with_a_doctype_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let svg = br#"<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="60" height="60" fill="blue"/></svg>"#;
        let origin = file(dir.path(), "diagram.svg", svg);
        assert_eq!(probe(&origin), Ok((120, 60)));
        let image = decode(&origin, 120, 60).unwrap().into_rgb8();
        assert_eq!(image.get_pixel(10, 10).0, [0, 0, 255]);
    }

    #[test]
    fn an_svg_never_reads_what_it_refers_to() {
        let dir = tempfile::tempdir().unwrap();
        let secret = file(dir.path(), "secret.png", &png(10, 10));
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image width="10" height="10" xlink:href="{}"/></svg>"#,
            secret.path().display()
        );
        let origin = file(dir.path(), "peek.svg", svg.as_bytes());
        let image = decode(&origin, 10, 10).unwrap().into_rgb8();
        assert!(image.pixels().all(|p| p.0 == [255, 255, 255]));
    }

    #[test]
    fn an_svg_with_huge_filters_is_refused_or_kept_to_the_canvas() {
        let dir = tempfile::tempdir().unwrap();
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="100" height="100"/></svg>"#;
        let origin = file(dir.path(), "huge.svg", svg);
        assert_eq!(probe(&origin), Err(Refusal::TooLarge(100_000, 100_000)));
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><filter id="f" x="-100000" y="-100000" width="1000000" height="1000000" filterUnits="userSpaceOnUse"><feMorphology operator="dilate" radius="99999"/></filter><rect width="100" height="100" filter="url(#f)"/></svg>"#;
        let origin = file(dir.path(), "morphology.svg", svg);
        assert_eq!(decode(&origin, 80, 60).unwrap_err(), Refusal::CostlyFilters);
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><filter id="f"><feTurbulence baseFrequency="0.05" numOctaves="100000"/></filter><rect width="100" height="100" filter="url(#f)"/></svg>"#;
        let origin = file(dir.path(), "turbulence.svg", svg);
        assert_eq!(decode(&origin, 80, 60).unwrap_err(), Refusal::CostlyFilters);
        // A blur's cost does not grow with its size; its region is cut to the canvas.
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><filter id="f" x="-100000" y="-100000" width="1000000" height="1000000" filterUnits="userSpaceOnUse"><feGaussianBlur stdDeviation="99999"/></filter><rect width="100" height="100" filter="url(#f)"/></svg>"#;
        let origin = file(dir.path(), "blur.svg", svg);
        let image = decode(&origin, 80, 60).unwrap();
        assert_eq!((image.width(), image.height()), (80, 60));
    }

    #[test]
    fn the_sample_blog_pictures_decode() {
        let origin = Origin::Sample(PathBuf::from("blog/2025/kyoto-in-the-rain/umbrella.png"));
        assert_eq!(probe(&origin), Ok((48, 48)));
    }
}
