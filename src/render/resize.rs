//! Smaller copies of the course's photos, for `srcset`: a phone on a 400-pixel-wide screen
//! should not download a 4,000-pixel photo. Each copy is made once: its address holds the
//! source's content hash, so the copy a previous build left is exactly right (see [`ImageCache`]).
//!
//! PNG and JPEG are resized. GIF and WebP are published as they are, with no smaller copies
//! ([`is_resized`]): an animated GIF must not be resized (a still copy would lose its frames,
//! and re-encoding every frame would cost more than it saves), a still GIF is a small diagram or
//! screenshot more often than a photo, and telling the two apart would mean decoding every
//! frame. WebP: the `image` crate writes only lossless WebP, and a lossless copy of a photo
//! weighs more than the lossy original (a 2000-pixel photo of 54 KB gave copies of 99, 384 and
//! 940 KB at 480, 960 and 1600 pixels), so copies would only cost learners more.

mod cache;

pub use crate::course_files::{is_resized, smaller_widths, LARGEST, WIDTHS};
pub use cache::{ImageCache, SmallerCopy};

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{self, PngEncoder};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The JPEG quality of copies, the usual one for the web: no artefacts show at the displayed
/// size, and the three copies of a benchmark photo (190 KB) weigh 203 KB together.
const JPEG_QUALITY: u8 = 80;

/// Catmull-Rom is as sharp as Lanczos3 to the eye on downscaled photos, and its kernel is
/// narrower (2 lobes instead of 3): the three copies of a 2000-pixel photo took 17 ms against
/// Lanczos3's 25 (`resize_throughput`). The resizing is fast_image_resize's (SIMD): the `image`
/// crate's own took 320 ms for the same three, more than decoding and encoding together.
const FILTER: FilterType = FilterType::CatmullRom;

/// Above this many pixels a file is refused rather than decoded: 100 megapixels is more than
/// any camera of a teacher's, and decoding would take gigabytes of memory.
const MAX_PIXELS: u64 = 100_000_000;

/// A copy of the PNG or JPEG image in `bytes`, `width` pixels wide with the same aspect
/// ratio, in the same format. Errors are sentences a teacher can act on.
pub fn smaller_copy(bytes: &[u8], width: u32) -> Result<Vec<u8>, String> {
    smaller_copies(bytes, &[width]).map(|mut copies| copies.remove(0))
}

/// Copies of one image at each of `widths`, decoding it only once. A JPEG's copies are JPEGs of
/// quality 80, a PNG's PNGs at the default compression (transparency kept). A photo's EXIF
/// orientation is applied, since the copies carry no EXIF and browsers show the original
/// turned.
pub fn smaller_copies(bytes: &[u8], widths: &[u32]) -> Result<Vec<Vec<u8>>, String> {
    // The decoders are meant to return errors on any input; a panic in one of them must still
    // not stop a teacher's build, so it becomes the same plain error.
    let decoded = std::panic::catch_unwind(|| decode(bytes))
        .unwrap_or_else(|_| Err(unreadable("the decoder failed on it")))?;
    let (image, format) = decoded;
    widths
        .iter()
        .map(|&width| encode(&resized(&image, width)?, format))
        .collect()
}

fn decode(bytes: &[u8]) -> Result<(DynamicImage, ImageFormat), String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(&e.to_string()))?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Png | ImageFormat::Jpeg)) => f,
        Some(ImageFormat::Gif | ImageFormat::WebP) => {
            return Err(
                "GIF and WebP images get no smaller copies (see is_resized); the file \
                 is published as it is"
                    .into(),
            );
        }
        _ => {
            return Err(
                "this file is not a PNG or JPEG image, though its name says so; open \
                 it in an image editor and export it again as PNG or JPEG"
                    .into(),
            );
        }
    };
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| unreadable(&e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "the image is {w}×{h} pixels, too large to resize (more than 100 megapixels); \
             save a smaller version of it, e.g. 3000 pixels wide"
        ));
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| unreadable(&e.to_string()))?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok((image, format))
}

fn unreadable(why: &str) -> String {
    format!(
        "the image cannot be read ({why}): it may be damaged or only partly copied; open it in \
         an image editor and save it again"
    )
}

/// `image` at `width` pixels wide, its height in proportion (at least one pixel).
fn resized(image: &DynamicImage, width: u32) -> Result<DynamicImage, String> {
    resized_with(image, width, FILTER)
}

fn resized_with(
    image: &DynamicImage,
    width: u32,
    filter: FilterType,
) -> Result<DynamicImage, String> {
    let height = (u64::from(image.height()) * u64::from(width) + u64::from(image.width()) / 2)
        / u64::from(image.width().max(1));
    let height = u32::try_from(height.max(1)).unwrap_or(u32::MAX);
    // The resizer handles 8 and 16 bits a channel; anything else (32-bit float) becomes 8 bits.
    let eight_bits;
    let source = match image {
        DynamicImage::ImageRgb32F(_) => {
            eight_bits = DynamicImage::ImageRgb8(image.to_rgb8());
            &eight_bits
        }
        DynamicImage::ImageRgba32F(_) => {
            eight_bits = DynamicImage::ImageRgba8(image.to_rgba8());
            &eight_bits
        }
        _ => image,
    };
    let mut copy = DynamicImage::new(width.max(1), height, source.color());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(filter));
    Resizer::new()
        .resize(source, &mut copy, &options)
        .map_err(|e| format!("the image cannot be resized: {e}"))?;
    Ok(copy)
}

fn encode(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let written = match format {
        ImageFormat::Jpeg => {
            // JPEG has no transparency and 8 bits a channel: grey stays grey.
            let image = match image {
                DynamicImage::ImageLuma8(_) => image.clone(),
                _ => DynamicImage::ImageRgb8(image.to_rgb8()),
            };
            image.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
        }
        _ => image.write_with_encoder(PngEncoder::new_with_quality(
            &mut out,
            png::CompressionType::Default,
            png::FilterType::Adaptive,
        )),
    };
    written
        .map(|()| out)
        .map_err(|e| format!("a smaller copy of the image cannot be written: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GenericImageView, RgbImage, RgbaImage};

    /// A JPEG of `w`×`h` pixels with a gradient, so that resizing has something to filter.
    pub(super) fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        encode(&DynamicImage::ImageRgb8(image), ImageFormat::Jpeg).unwrap()
    }

    fn png_with_alpha(w: u32, h: u32) -> Vec<u8> {
        let image = RgbaImage::from_fn(w, h, |x, _| image::Rgba([200, 10, 10, (x % 256) as u8]));
        encode(&DynamicImage::ImageRgba8(image), ImageFormat::Png).unwrap()
    }

    fn format_of(bytes: &[u8]) -> ImageFormat {
        image::guess_format(bytes).unwrap()
    }

    #[test]
    fn widths_are_those_narrower_than_the_original_up_to_1600() {
        assert_eq!(smaller_widths(300), Vec::<u32>::new());
        assert_eq!(smaller_widths(480), Vec::<u32>::new());
        assert_eq!(smaller_widths(481), vec![480]);
        assert_eq!(smaller_widths(1200), vec![480, 960]);
        assert_eq!(smaller_widths(1600), vec![480, 960]);
        assert_eq!(smaller_widths(1601), vec![480, 960, 1600]);
        assert_eq!(smaller_widths(6000), vec![480, 960, LARGEST]);
    }

    #[test]
    fn photos_and_drawings_are_resized_and_gifs_and_webps_are_not() {
        for ext in ["png", "jpg", "JPEG"] {
            assert!(is_resized(ext), "{ext}");
        }
        for ext in ["gif", "webp", "svg", "pdf", ""] {
            assert!(!is_resized(ext), "{ext}");
        }
    }

    #[test]
    fn a_jpeg_copy_is_a_jpeg_of_the_width_asked_in_proportion() {
        let copy = smaller_copy(&jpeg(1200, 801), 480).unwrap();
        assert_eq!(format_of(&copy), ImageFormat::Jpeg);
        let image = image::load_from_memory(&copy).unwrap();
        assert_eq!(image.dimensions(), (480, 320));
    }

    #[test]
    fn a_png_copy_keeps_its_transparency() {
        let copy = smaller_copy(&png_with_alpha(1000, 500), 480).unwrap();
        assert_eq!(format_of(&copy), ImageFormat::Png);
        let image = image::load_from_memory(&copy).unwrap();
        assert_eq!(image.dimensions(), (480, 240));
        assert!(image.color().has_alpha());
        assert!(
            image.get_pixel(5, 100)[3] < 20,
            "the left edge stays see-through"
        );
    }

    #[test]
    fn copies_at_several_widths_come_in_the_order_asked() {
        let copies = smaller_copies(&jpeg(400, 200), &[300, 100, 200]).unwrap();
        let widths: Vec<u32> = copies
            .iter()
            .map(|c| image::load_from_memory(c).unwrap().width())
            .collect();
        assert_eq!(widths, [300, 100, 200]);
    }

    #[test]
    fn a_phone_photo_taken_upright_is_turned_as_browsers_show_it() {
        // EXIF orientation 6: the camera stored the picture turned; shown, it is 300×600.
        let stored = jpeg(600, 300);
        let photo = crate::course_files::turned_a_quarter(&stored);
        let copy = smaller_copy(&photo, 150).unwrap();
        assert_eq!(
            image::load_from_memory(&copy).unwrap().dimensions(),
            (150, 300)
        );
    }

    #[test]
    fn damaged_files_are_errors_in_plain_words_not_panics() {
        let jpeg = jpeg(800, 600);
        let png = png_with_alpha(800, 600);
        for whole in [&jpeg, &png] {
            // Cut inside the headers: nothing to show, so an error.
            for cut in [0, 1, 8, 30, 100] {
                let err = smaller_copy(&whole[..cut], 480).err().unwrap_or_default();
                assert!(
                    err.contains("cannot be read") || err.contains("not a PNG or JPEG"),
                    "cut at {cut}: {err:?}"
                );
            }
            // Cut among the pixels: the JPEG decoder shows what arrived, as browsers do, and
            // the PNG one refuses; either way a copy of the right size or an error, no panic.
            for cut in [whole.len() / 2, whole.len() - 10] {
                match smaller_copy(&whole[..cut], 480) {
                    Ok(copy) => assert_eq!(image::load_from_memory(&copy).unwrap().width(), 480),
                    Err(err) => assert!(err.contains("cannot be read"), "{cut}: {err}"),
                }
            }
        }
        for other in [&b"GIF89a\x01\0\x01\0\0\0\0;"[..], b"RIFF\x1a\0\0\0WEBPVP8L"] {
            let err = smaller_copy(other, 480).unwrap_err();
            assert!(err.contains("published as it is"), "{err}");
        }
        let err = smaller_copy(b"%PDF-1.7 not an image", 480).unwrap_err();
        assert!(err.contains("not a PNG or JPEG image"), "{err}");
    }

    #[test]
    fn an_image_too_large_to_decode_is_refused_before_decoding() {
        // A PNG header claiming 20,000 × 20,000 pixels, with no pixels behind it.
        let mut png = png_with_alpha(1, 1);
        png[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let err = smaller_copy(&png, 480).unwrap_err();
        assert!(
            err.contains("too large") || err.contains("cannot be read"),
            "{err}"
        );
    }

    /// Prints how long making an image's copies takes and what they weigh: run with
    /// `RESIZE_BENCH_DIR=<folder of JPEGs> cargo test --lib resize_throughput -- --ignored
    /// --nocapture` (bench/images.sh does, on the benchmark's photos). The image crates are
    /// optimised in test builds too (Cargo.toml), so these are release speeds.
    #[test]
    #[ignore = "a measurement, not a check"]
    fn resize_throughput() {
        use std::time::Instant;
        let count: usize = std::env::var("RESIZE_BENCH_COUNT")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(20);
        let photos: Vec<Vec<u8>> = match std::env::var("RESIZE_BENCH_DIR") {
            Ok(dir) => {
                let mut paths: Vec<_> = std::fs::read_dir(dir)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
                    .collect();
                paths.sort();
                paths.truncate(count);
                paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
            }
            Err(_) => (0..count.min(5)).map(|_| jpeg(2000, 1333)).collect(),
        };
        assert!(!photos.is_empty(), "no photos to measure");
        let (mut made, mut source_bytes, mut copy_bytes) = (0, 0, 0);
        let start = Instant::now();
        for photo in &photos {
            let reader = ImageReader::new(Cursor::new(photo)).with_guessed_format();
            let width = reader.unwrap().into_dimensions().unwrap().0;
            let copies = smaller_copies(photo, &smaller_widths(width)).unwrap();
            made += copies.len();
            source_bytes += photo.len();
            copy_bytes += copies.iter().map(Vec::len).sum::<usize>();
        }
        let per_image = start.elapsed().as_secs_f64() * 1000.0 / photos.len() as f64;
        println!(
            "{} photos, {made} copies: {per_image:.1} ms a photo (one core); \
             {} KB a photo, its copies {} KB together",
            photos.len(),
            source_bytes / photos.len() / 1024,
            copy_bytes / photos.len() / 1024
        );
        let image = image::load_from_memory(&photos[0]).unwrap();
        let time = |what: &str, f: &dyn Fn()| {
            let start = Instant::now();
            for _ in 0..3 {
                f();
            }
            println!(
                "  {what}: {:.1} ms",
                start.elapsed().as_secs_f64() * 1000.0 / 3.0
            );
        };
        time("decode", &|| {
            drop(image::load_from_memory(&photos[0]).unwrap())
        });
        for filter in [
            FilterType::Lanczos3,
            FilterType::CatmullRom,
            FilterType::Bilinear,
        ] {
            time(&format!("resize to 480, 960 and 1600, {filter:?}"), &|| {
                for w in WIDTHS {
                    drop(resized_with(&image, w, filter).unwrap());
                }
            });
        }
        let copy = resized(&image, 1600).unwrap();
        time("encode the 1600 copy", &|| {
            drop(encode(&copy, ImageFormat::Jpeg))
        });
    }
}
