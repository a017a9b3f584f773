//! Reading one course file: its size and version (the hash of its bytes) and an image's size
//! in pixels, each file once, or not at all when a previous build read it and it has not
//! changed since (see [`Known`]).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use rayon::prelude::*;

use super::{content_path, kind, known, svg, CourseFile, CourseFiles, FileKind, FoundFile, Known};
use crate::diagnostic::Diagnostic;
use crate::routes::VERSION_LEN;

/// Reads the files `found` in the content folder `content`, in parallel: each once, for its
/// hash, size and header, unless `known` says what a previous build read of it and the file
/// has not changed since. A file of a kind the site does not publish, or one that cannot be
/// read, is an error and left out.
pub fn read(
    content: &Path,
    found: Vec<FoundFile>,
    known: &Known,
) -> (CourseFiles, Vec<Diagnostic>) {
    let read: Vec<Result<CourseFile, Diagnostic>> =
        found.into_par_iter().map(|f| read_one(f, known)).collect();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    (CourseFiles::new(content.to_path_buf(), files), errors)
}

/// The size of a photo as browsers show it: a phone's photo taken upright is stored on its side
/// with an EXIF orientation, and its width and height in the page must be the turned ones.
fn upright((width, height): (u32, u32), found: &FoundFile, bytes: &[u8]) -> (u32, u32) {
    use image::metadata::Orientation;
    use image::ImageDecoder;
    let ext = found.name.rsplit_once('.').map_or("", |(_, e)| e);
    if !["jpg", "jpeg"].iter().any(|e| ext.eq_ignore_ascii_case(e)) {
        return (width, height);
    }
    let orientation = image::codecs::jpeg::JpegDecoder::new(io::Cursor::new(bytes))
        .ok()
        .and_then(|mut d| d.orientation().ok());
    match orientation {
        Some(
            Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH,
        ) => (height, width),
        _ => (width, height),
    }
}

fn read_one(found: FoundFile, known: &Known) -> Result<CourseFile, Diagnostic> {
    let Some(kind) = FileKind::of(&found.name) else {
        return Err(
            Diagnostic::error("unitpress does not publish files of this kind")
                .in_file(&found.path)
                .help(kind::KNOWN),
        );
    };
    let cannot = |e: io::Error| {
        Diagnostic::error(format!("cannot read this file: {e}")).in_file(&found.path)
    };
    let meta = std::fs::metadata(&found.path).map_err(cannot)?;
    let stamp = known::stamp(&meta);
    let remembered = match kind {
        FileKind::Svg => None,
        _ => known.get(&content_path(found.unit.as_deref(), &found.name), &stamp),
    };
    let (version, bytes, dimensions) = match remembered {
        Some(r) => (r.version.clone(), meta.len(), r.dimensions),
        None => read_contents(&found, kind).map_err(|e| match e {
            Unreadable::Io(e) => cannot(e),
            Unreadable::Svg(problem) => Diagnostic::error(problem.message())
                .in_file(&found.path)
                .help(problem.help()),
        })?,
    };
    if kind == FileKind::Raster && dimensions.is_none() {
        return Err(Diagnostic::error(
            "this image cannot be read: its header does not say how wide and high it is",
        )
        .in_file(&found.path)
        .help("open it in an image editor and export it again as PNG or JPEG"));
    }
    Ok(CourseFile {
        unit: found.unit,
        name: found.name,
        path: found.path,
        version,
        bytes,
        kind,
        dimensions,
        stamp: Some(stamp),
    })
}

/// Why a file's contents could not be read.
enum Unreadable {
    Io(io::Error),
    Svg(svg::Problem),
}

/// What a file's contents give: (version, size in bytes, an image's size in pixels).
type Contents = (String, u64, Option<(u32, u32)>);

/// A file's version, size in bytes and, for an image, size in pixels, from its contents. An
/// image is read into memory once for all three; anything else (a video may be large) is
/// hashed in pieces.
fn read_contents(found: &FoundFile, kind: FileKind) -> Result<Contents, Unreadable> {
    match kind {
        FileKind::Raster => {
            let bytes = std::fs::read(&found.path).map_err(Unreadable::Io)?;
            let dimensions = imagesize::blob_size(&bytes)
                .ok()
                .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?)))
                .map(|size| upright(size, found, &bytes));
            Ok((version_of(&bytes), bytes.len() as u64, dimensions))
        }
        FileKind::Svg => {
            let bytes = std::fs::read(&found.path).map_err(Unreadable::Io)?;
            let text = String::from_utf8(bytes)
                .map_err(|e| Unreadable::Io(io::Error::new(io::ErrorKind::InvalidData, e)))?;
            let read = svg::read(&text).map_err(Unreadable::Svg)?;
            Ok((
                version_of(text.as_bytes()),
                text.len() as u64,
                read.dimensions,
            ))
        }
        _ => {
            let (version, bytes) = hash(&found.path).map_err(Unreadable::Io)?;
            Ok((version, bytes, None))
        }
    }
}

/// The version of a file with these bytes.
fn version_of(bytes: &[u8]) -> String {
    version_from(xxhash_rust::xxh3::xxh3_128(bytes))
}

/// The version a file's 128-bit XXH3 hash gives: its first hex digits.
fn version_from(hash: u128) -> String {
    let mut version = format!("{hash:032x}");
    version.truncate(VERSION_LEN);
    version
}

/// The version (first hex digits of the XXH3 hash) and size of the file at `path`, read in
/// pieces so that a large video is never held in memory whole.
fn hash(path: &Path) -> io::Result<(String, u64)> {
    let mut file = File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0; 64 * 1024];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        bytes += n as u64;
    }
    Ok((version_from(hasher.digest128()), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_once_for_version_size_and_dimensions() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path();
        std::fs::create_dir_all(content.join("files")).unwrap();
        let svg = content.join("files/a.svg");
        std::fs::write(
            &svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"/>"#,
        )
        .unwrap();
        let other = content.join("files/b.svg");
        std::fs::write(&other, r#"<svg width="30" height="15"/>"#).unwrap();
        let found = |name: &str, path: &Path| FoundFile {
            unit: None,
            name: name.into(),
            path: path.to_path_buf(),
        };
        let exe = content.join("files/run.exe");
        std::fs::write(&exe, "MZ").unwrap();
        let (files, errors) = read(
            content,
            vec![
                found("a.svg", &svg),
                found("b.svg", &other),
                found("run.exe", &exe),
            ],
            &Known::default(),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("does not publish"));
        let a = files.get("files/a.svg").unwrap();
        assert_eq!(a.dimensions, Some((300, 150)));
        assert_eq!(a.version.len(), VERSION_LEN);
        assert_ne!(a.version, files.get("files/b.svg").unwrap().version);
        assert_eq!(a.meta(), "SVG image, 1 KB");
        assert_eq!(
            files.content_path_of(&content.join("units/u/knowledge/x.md")),
            Some("units/u/knowledge/x.md".into())
        );
    }

    #[test]
    fn a_phone_photo_stored_on_its_side_has_the_size_it_is_shown_at() {
        let tmp = tempfile::tempdir().unwrap();
        let mut stored = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut stored)
            .encode_image(&image::RgbImage::new(600, 300))
            .unwrap();
        // Shown turned a quarter: 300 wide and 600 high.
        let photo = super::super::turned_a_quarter(&stored);
        let path = tmp.path().join("turned.jpg");
        std::fs::write(&path, &photo).unwrap();
        let plain = tmp.path().join("plain.jpg");
        std::fs::write(&plain, &stored).unwrap();
        let found = |name: &str, path: &Path| FoundFile {
            unit: None,
            name: name.into(),
            path: path.to_path_buf(),
        };
        let (files, errors) = read(
            tmp.path(),
            vec![found("turned.jpg", &path), found("plain.jpg", &plain)],
            &Known::default(),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            files.get("files/turned.jpg").unwrap().dimensions,
            Some((300, 600))
        );
        assert_eq!(
            files.get("files/plain.jpg").unwrap().dimensions,
            Some((600, 300))
        );
    }

    #[test]
    fn what_a_previous_build_read_is_used_while_the_file_is_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let (photo, svg) = (tmp.path().join("p.png"), tmp.path().join("d.svg"));
        let mut png = Vec::new();
        image::RgbImage::new(40, 20)
            .write_to(&mut io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        std::fs::write(&photo, &png).unwrap();
        std::fs::write(&svg, r#"<svg width="30" height="15"/>"#).unwrap();
        let found = || {
            [("p.png", &photo), ("d.svg", &svg)]
                .map(|(name, path)| FoundFile {
                    unit: None,
                    name: name.into(),
                    path: path.clone(),
                })
                .to_vec()
        };
        let (first, _) = read(tmp.path(), found(), &Known::default());
        // A list that gives other versions and sizes: only where it is used do they show.
        let list = Known::list(first.iter())
            .replace(&first.get("files/p.png").unwrap().version, "aaaaaaaaaa")
            .replace("40x20", "4x2")
            .replace(&first.get("files/d.svg").unwrap().version, "bbbbbbbbbb");
        let known = Known::parse(&list);
        let (again, _) = read(tmp.path(), found(), &known);
        let p = again.get("files/p.png").unwrap();
        assert_eq!(
            (p.version.as_str(), p.dimensions),
            ("aaaaaaaaaa", Some((4, 2)))
        );
        assert_eq!(p.bytes, png.len() as u64);
        assert_eq!(
            again.get("files/d.svg").unwrap(),
            first.get("files/d.svg").unwrap()
        );
        // Written again, the photo is read again.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&photo, &png).unwrap();
        let (after, _) = read(tmp.path(), found(), &known);
        let p = after.get("files/p.png").unwrap();
        assert_eq!(p.version, first.get("files/p.png").unwrap().version);
        assert_eq!(p.dimensions, Some((40, 20)));
    }
}
