//! The addresses of course files: each published under the version of its bytes, in its unit's
//! `files/` folder or the course's, and a raster image's smaller copies beside it.

use super::Route;

/// Where a course file is published: in its unit's `files/` folder, or the course's, under
/// the version of its bytes, keeping the teacher's name (which may hold sub-folders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileAt<'a> {
    /// The unit whose `files/` folder holds it; `None` for the course-wide `content/files/`.
    pub unit: Option<&'a str>,
    /// The first hex digits of a hash of its bytes, so that a changed file gets a new address.
    pub version: &'a str,
    /// Its path inside its `files/` folder, e.g. `chain.svg` or `diagrams/chain.svg`.
    pub name: &'a str,
}

/// Where a smaller copy of a raster image is published: `<stem>-<width>w.<ext>` beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SmallerAt<'a> {
    /// The image's place, its name without the extension (`diagrams/shop`).
    pub file: FileAt<'a>,
    /// The image's extension (`jpg`).
    pub ext: &'a str,
    /// The copy's width in pixels.
    pub width: u32,
}

impl<'a> FileAt<'a> {
    /// The route of the copy of this image `width` pixels wide.
    pub fn smaller(&self, width: u32) -> Route<'a> {
        let (stem, ext) = split_extension(self.name);
        Route::SmallerImage(SmallerAt {
            file: FileAt {
                name: stem,
                ..*self
            },
            ext,
            width,
        })
    }

    /// The folder of this version of the file, from the site root, with a closing slash: it
    /// holds the file and its smaller copies, and nothing else of another content.
    pub fn folder(&self) -> String {
        match self.unit {
            Some(u) => format!("units/{u}/{FILES}{}/", self.version),
            None => format!("{FILES}{}/", self.version),
        }
    }

    /// The route of a course file or of a smaller copy of one, from its address.
    pub(super) fn parse(path: &'a str) -> Option<Route<'a>> {
        let (unit, rest) = match path.strip_prefix("units/") {
            Some(r) => {
                let (unit, rest) = r.split_once('/')?;
                (Some(unit), rest.strip_prefix(FILES)?)
            }
            None => (None, path.strip_prefix(FILES)?),
        };
        let (version, name) = rest.split_once('/')?;
        let hex = |v: &str| v.len() == VERSION_LEN && v.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex(version) || name.is_empty() || unit.is_some_and(str::is_empty) {
            return None;
        }
        let at = FileAt {
            unit,
            version,
            name,
        };
        Some(match smaller_copy(name) {
            Some((stem, width)) => Route::SmallerImage(SmallerAt {
                file: FileAt { name: stem, ..at },
                ext: split_extension(name).1,
                width,
            }),
            None => Route::File(at),
        })
    }
}

/// The site's list of what the build read of each course file it publishes (see
/// [`crate::course_files::Known`]): not a page, read back by the next build into the same
/// folder.
pub const KNOWN_FILES: &str = ".unitpress-files.tsv";

/// How many hex digits of a file's hash make its version.
pub const VERSION_LEN: usize = 10;

/// The folder name of course files, in the content and in the site.
const FILES: &str = "files/";
/// What comes between a smaller copy's stem and its width (`photo-480w.jpg`).
pub(super) const SMALLER: &str = "-";

/// A file name split at its last dot: (`photo`, `jpg`); no extension gives ("name", "").
fn split_extension(name: &str) -> (&str, &str) {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') && !stem.is_empty() => (stem, ext),
        _ => (name, ""),
    }
}

/// If `name` is how a smaller copy of an image is named (`photo-480w.jpg`): its stem without
/// the width (`photo`), and the width. Course files may not be named so (discovery refuses
/// it), which keeps the two kinds of address apart.
pub fn smaller_copy(name: &str) -> Option<(&str, u32)> {
    let (stem, _) = split_extension(name);
    let (stem, width) = stem.rsplit_once(SMALLER)?;
    let digits = width.strip_suffix('w')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || stem.is_empty() {
        return None;
    }
    Some((stem, digits.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_files_keep_their_name_under_their_version() {
        let at = FileAt {
            unit: Some("unit-10"),
            version: "0123456789",
            name: "worksheet.pdf",
        };
        assert_eq!(
            Route::File(at).path(),
            "units/unit-10/files/0123456789/worksheet.pdf"
        );
        assert_eq!(
            at.smaller(960).path(),
            "units/unit-10/files/0123456789/worksheet-960w.pdf"
        );
        assert_eq!(Route::File(at).unit(), Some("unit-10"));
        // Not a version: too short, or not hex.
        assert_eq!(Route::parse("files/0123/x.png"), None);
        assert_eq!(Route::parse("files/0123456789abc/x.png"), None);
        assert_eq!(Route::parse("units/u/files/ghijklmnop/x.png"), None);
        assert_eq!(smaller_copy("a/photo-1600w.jpg"), Some(("a/photo", 1600)));
        assert_eq!(smaller_copy("photo-w.jpg"), None);
        assert_eq!(smaller_copy("photo.jpg"), None);
    }
}
