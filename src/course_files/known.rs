//! What the previous build read of the course files: each published file's version and size in
//! pixels, with the stamp its file carried then (size, modification and change times, inode).
//! A warm rebuild of a course with 3,500 photos would otherwise read and hash 680 MB before it
//! could write a page. The list is kept in the site the build writes (see
//! [`crate::routes::KNOWN_FILES`]) and only ever trusted for a file whose stamp is unchanged:
//! any write to a file, or a new file put in its place, changes its change time, which no tool
//! can set back. SVG files are always read, since their check for script must see every byte.

use std::collections::HashMap;
use std::fs::Metadata;

use super::{CourseFile, FileKind};

/// The version and size in pixels a previous build read of each course file, by its path in
/// the content folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    files: HashMap<String, Remembered>,
}

/// What a previous build read of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remembered {
    pub stamp: String,
    pub version: String,
    pub dimensions: Option<(u32, u32)>,
}

impl Known {
    /// Reads the list a previous build wrote. A line that cannot be read is left out: the file
    /// is then read again, which is always right.
    pub fn parse(text: &str) -> Known {
        let files = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.splitn(4, '\t');
                let (stamp, version, size, path) =
                    (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
                let dimensions = match size.split_once('x') {
                    Some((w, h)) => Some((w.parse().ok()?, h.parse().ok()?)),
                    None if size == "-" => None,
                    None => return None,
                };
                let remembered = Remembered {
                    stamp: stamp.to_string(),
                    version: version.to_string(),
                    dimensions,
                };
                Some((path.to_string(), remembered))
            })
            .collect();
        Known { files }
    }

    /// What was read of the file at `content_path` when its stamp was `stamp`; `None` if it has
    /// changed since, or was never read.
    pub fn get(&self, content_path: &str, stamp: &str) -> Option<&Remembered> {
        self.files.get(content_path).filter(|r| r.stamp == stamp)
    }

    /// The list for `files`, one line each, to be kept in the site.
    pub fn list<'a>(files: impl IntoIterator<Item = &'a CourseFile>) -> String {
        let mut out = String::new();
        for f in files {
            let (Some(stamp), true) = (&f.stamp, f.kind != FileKind::Svg) else {
                continue;
            };
            let size = match f.dimensions {
                Some((w, h)) => format!("{w}x{h}"),
                None => "-".to_string(),
            };
            out.push_str(&format!(
                "{stamp}\t{}\t{size}\t{}\n",
                f.version,
                f.content_path()
            ));
        }
        out
    }
}

/// The stamp of a file: what changes whenever the file, or which file is at its path, does.
#[cfg(unix)]
pub fn stamp(meta: &Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    format!(
        "{}:{}.{}:{}.{}:{}:{}",
        meta.len(),
        meta.mtime(),
        meta.mtime_nsec(),
        meta.ctime(),
        meta.ctime_nsec(),
        meta.dev(),
        meta.ino()
    )
}

/// The stamp of a file: its size and modification time, where there is no change time.
#[cfg(not(unix))]
pub fn stamp(meta: &Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{}:{modified}", meta.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_reads_back_and_bad_lines_are_left_out() {
        let text = "1:2.3:4.5:6:7\tabcdef0123\t2000x1333\tunits/u/files/p.jpg\n\
                    1:2\t0123456789\t-\tfiles/sheet.pdf\n\
                    broken line\n\
                    1:2\t0123456789\t20x\tfiles/bad.png\n";
        let known = Known::parse(text);
        let photo = known.get("units/u/files/p.jpg", "1:2.3:4.5:6:7").unwrap();
        assert_eq!(photo.version, "abcdef0123");
        assert_eq!(photo.dimensions, Some((2000, 1333)));
        assert_eq!(
            known.get("files/sheet.pdf", "1:2").unwrap().dimensions,
            None
        );
        assert_eq!(
            known.get("units/u/files/p.jpg", "1:2.3:4.5:6:8"),
            None,
            "changed"
        );
        assert_eq!(known.get("files/bad.png", "1:2"), None);
        assert_eq!(known.files.len(), 2);
    }

    #[test]
    fn a_stamp_changes_when_the_file_is_written_or_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("p.jpg");
        std::fs::write(&path, "photo").unwrap();
        let first = stamp(&std::fs::metadata(&path).unwrap());
        assert_eq!(first, stamp(&std::fs::metadata(&path).unwrap()));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "other").unwrap();
        let written = stamp(&std::fs::metadata(&path).unwrap());
        assert_ne!(first, written, "same size, written again");
        let other = tmp.path().join("q.jpg");
        std::fs::write(&other, "third").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert_ne!(
            written,
            stamp(&std::fs::metadata(&path).unwrap()),
            "replaced"
        );
    }
}
