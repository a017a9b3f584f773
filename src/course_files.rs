//! The course's files (images, documents, video): the catalogue of every file under a unit's
//! `files/` folder or the course's `content/files/`, each read once, in parallel, for its size,
//! the hash that versions its address, its kind, and an image's width and height from its
//! header. Markdown refers to them by their path in the content folder (see
//! [`CourseFiles::get`]); nothing here is published, the render stage copies them.

mod kind;
mod svg;

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::routes::{FileAt, Route, VERSION_LEN};
pub use kind::FileKind;

/// A file found under a `files/` folder, not yet read.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// The unit whose `files/` folder holds it; `None` for `content/files/`.
    pub unit: Option<String>,
    /// Its path inside that `files/` folder, with forward slashes.
    pub name: String,
    /// Where it is on disk.
    pub path: PathBuf,
}

/// One course file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseFile {
    /// The unit whose `files/` folder holds it; `None` for `content/files/`.
    pub unit: Option<String>,
    /// Its path inside that `files/` folder (`chain.svg`, `diagrams/chain.svg`).
    pub name: String,
    /// Where it is on disk.
    pub path: PathBuf,
    /// The first hex digits of a hash of its bytes: a changed file gets a new address.
    pub version: String,
    /// Its size in bytes.
    pub bytes: u64,
    pub kind: FileKind,
    /// An image's width and height in pixels, from its header (an SVG's from its root
    /// element), when they could be read.
    pub dimensions: Option<(u32, u32)>,
}

impl CourseFile {
    /// Its path in the content folder: `units/<slug>/files/<name>` or `files/<name>`.
    pub fn content_path(&self) -> String {
        content_path(self.unit.as_deref(), &self.name)
    }

    /// The file name's extension (`jpg`, `PNG`), or "" when it has none.
    pub fn extension(&self) -> &str {
        self.name.rsplit_once('.').map_or("", |(_, e)| e)
    }

    /// The widths of the smaller copies published beside it: some for a large PNG or JPEG,
    /// none for anything else.
    pub fn smaller_widths(&self) -> Vec<u32> {
        match (self.kind, self.dimensions) {
            (FileKind::Raster, Some((width, _))) if is_resized(self.extension()) => {
                smaller_widths(width)
            }
            _ => Vec::new(),
        }
    }

    /// Where it is published.
    pub fn at(&self) -> FileAt<'_> {
        FileAt {
            unit: self.unit.as_deref(),
            version: &self.version,
            name: &self.name,
        }
    }

    /// Its address from the site root.
    pub fn site_path(&self) -> String {
        Route::File(self.at()).path()
    }

    /// What a link to it says of it, GOV.UK style: "PDF, 120 KB".
    pub fn meta(&self) -> String {
        format!(
            "{}, {}",
            self.kind.label(&self.name),
            human_size(self.bytes)
        )
    }
}

/// The path of a course file in the content folder.
pub fn content_path(unit: Option<&str>, name: &str) -> String {
    match unit {
        Some(u) => format!("units/{u}/files/{name}"),
        None => format!("files/{name}"),
    }
}

/// A size as file managers show it: whole KB under a megabyte (at least 1 KB), MB with one
/// decimal above. KB and MB count 1024, as Windows' file manager does, so the numbers match.
pub fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB).max(1))
    } else {
        format!("{:.1} MB", bytes as f64 / (KB * KB) as f64)
    }
}

/// Every course file, by its path in the content folder.
#[derive(Debug, Clone, Default)]
pub struct CourseFiles {
    /// The content folder, to tell a Markdown file's path in it.
    content: PathBuf,
    files: Vec<CourseFile>,
    by_path: HashMap<String, usize>,
    /// The course's language (site.toml), which its captions files are written in.
    language: String,
}

impl CourseFiles {
    /// The language the course's captions are in: site.toml's, English until it is read.
    pub fn language(&self) -> &str {
        if self.language.is_empty() {
            "en"
        } else {
            &self.language
        }
    }

    /// Records the course's language, once site.toml is read.
    pub fn set_language(&mut self, language: &str) {
        self.language = language.to_string();
    }

    /// The file whose path in the content folder is `content_path` (`units/u/files/x.png`).
    pub fn get(&self, content_path: &str) -> Option<&CourseFile> {
        self.by_path.get(content_path).map(|&i| &self.files[i])
    }

    /// Every file, units' in folder order, then the course's.
    pub fn iter(&self) -> impl Iterator<Item = &CourseFile> {
        self.files.iter()
    }

    /// The path in the content folder of the file at `disk` (one of the content's files), with
    /// forward slashes; `None` if it is not inside the content folder.
    pub fn content_path_of(&self, disk: &Path) -> Option<String> {
        let rel = disk.strip_prefix(&self.content).ok()?;
        let parts: Option<Vec<&str>> = rel.iter().map(|p| p.to_str()).collect();
        Some(parts?.join("/"))
    }

    /// The files of the unit `slug`, replaced by `files` (after its folder was read again).
    pub fn replace_unit(&mut self, slug: &str, files: CourseFiles) {
        let mut all: Vec<CourseFile> = std::mem::take(&mut self.files)
            .into_iter()
            .filter(|f| f.unit.as_deref() != Some(slug))
            .collect();
        all.extend(files.files);
        *self = CourseFiles::new(std::mem::take(&mut self.content), all);
    }

    fn new(content: PathBuf, files: Vec<CourseFile>) -> Self {
        let by_path = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.content_path(), i))
            .collect();
        CourseFiles {
            content,
            files,
            by_path,
            language: String::new(),
        }
    }
}

/// Reads the files `found` in the content folder `content`, in parallel: each once, for its
/// hash, size and header. A file of a kind the site does not publish, or one that cannot be
/// read, is an error and left out.
pub fn read(content: &Path, found: Vec<FoundFile>) -> (CourseFiles, Vec<Diagnostic>) {
    let read: Vec<Result<CourseFile, Diagnostic>> = found.into_par_iter().map(read_one).collect();
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
fn upright((width, height): (u32, u32), found: &FoundFile) -> (u32, u32) {
    use image::metadata::Orientation;
    use image::ImageDecoder;
    let ext = found.name.rsplit_once('.').map_or("", |(_, e)| e);
    if !["jpg", "jpeg"].iter().any(|e| ext.eq_ignore_ascii_case(e)) {
        return (width, height);
    }
    let orientation = image::ImageReader::open(&found.path)
        .ok()
        .and_then(|r| r.with_guessed_format().ok())
        .and_then(|r| r.into_decoder().ok())
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

fn read_one(found: FoundFile) -> Result<CourseFile, Diagnostic> {
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
    let (version, bytes) = hash(&found.path).map_err(cannot)?;
    let dimensions = match kind {
        FileKind::Raster => imagesize::size(&found.path)
            .ok()
            .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?)))
            .map(|size| upright(size, &found)),
        FileKind::Svg => {
            let text = std::fs::read_to_string(&found.path).map_err(cannot)?;
            let read = svg::read(&text).map_err(|problem| {
                Diagnostic::error(problem.message())
                    .in_file(&found.path)
                    .help(problem.help())
            })?;
            read.dimensions
        }
        _ => None,
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
    })
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
    let mut version = format!("{:032x}", hasher.digest128());
    version.truncate(VERSION_LEN);
    Ok((version, bytes))
}

/// The widths, in pixels, at which smaller copies are offered.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// The widest copy offered, and so the widest image a page asks a browser to download. A
/// phone's screen is 1,080 to 1,440 device pixels wide and a laptop's content column at most
/// about 1,600, so a wider original only costs learners data and time: it is not linked in
/// `srcset`.
pub const LARGEST: u32 = 1600;

/// The widths offered in `srcset` for an image `width` pixels wide: those of 480, 960 and 1600
/// that are narrower than the original. An original up to [`LARGEST`] wide is offered in
/// `srcset` as well, at its own width; a wider one is not, and the 1600 copy is the largest.
pub fn smaller_widths(width: u32) -> Vec<u32> {
    WIDTHS.into_iter().filter(|&w| w < width).collect()
}

/// Whether a file with this extension (`png`, `JPG`, …) gets smaller copies: PNG and JPEG do;
/// GIF, WebP, SVG and anything else are published as they are.
pub fn is_resized(extension: &str) -> bool {
    ["png", "jpg", "jpeg"]
        .iter()
        .any(|e| extension.eq_ignore_ascii_case(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_file_manager_shows_them() {
        assert_eq!(human_size(0), "1 KB");
        assert_eq!(human_size(120 * 1024), "120 KB");
        assert_eq!(human_size(120 * 1024 + 1), "121 KB");
        assert_eq!(human_size(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
    }

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
        // An EXIF block saying orientation 6: shown turned a quarter, 300 wide and 600 high.
        let mut exif = b"\xFF\xE1\x00\x22Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0".to_vec();
        let len = (exif.len() - 2) as u16;
        exif[2..4].copy_from_slice(&len.to_be_bytes());
        let mut photo = stored[..2].to_vec();
        photo.extend(exif);
        photo.extend(&stored[2..]);
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
}
