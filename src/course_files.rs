//! The course's files (images, documents, video): the catalogue of every file under a unit's
//! `files/` folder or the course's `content/files/`, each read once, in parallel, for its size,
//! the hash that versions its address, its kind, and an image's width and height from its
//! header. Markdown refers to them by their path in the content folder (see
//! [`CourseFiles::get`]); nothing here is published, the render stage copies them.

mod kind;
mod known;
mod reading;
mod svg;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::routes::{FileAt, Route};
pub use kind::FileKind;
pub use known::Known;
pub use reading::read;

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
    /// What its file's metadata said when it was read (see [`Known`]); `None` if it gave none.
    pub stamp: Option<String>,
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

    /// The address of each smaller copy from the site root, with its width.
    pub fn copies(&self) -> Vec<(String, u32)> {
        self.smaller_widths()
            .into_iter()
            .map(|w| (self.at().smaller(w).path(), w))
            .collect()
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

/// The JPEG `stored` with an EXIF block saying orientation 6, as a phone writes a photo taken
/// upright: browsers show it turned a quarter.
#[cfg(test)]
pub fn turned_a_quarter(stored: &[u8]) -> Vec<u8> {
    let mut exif =
        b"\xFF\xE1\x00\x22Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0"
            .to_vec();
    let len = (exif.len() - 2) as u16;
    exif[2..4].copy_from_slice(&len.to_be_bytes());
    let mut photo = stored[..2].to_vec();
    photo.extend(exif);
    photo.extend(&stored[2..]);
    photo
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
}
