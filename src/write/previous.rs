//! The site a build replaces, as a source of files made before: a file whose address holds its
//! content's hash (a course file's `<version>` folder) is the same file in the previous site.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::marker::is_marked;

/// A site folder unitpress built, whose files may be reused.
#[derive(Debug, Clone)]
pub struct PreviousSite {
    /// The folder with every link resolved, so that a file's folder can be checked against it.
    root: PathBuf,
}

impl PreviousSite {
    /// `dir`, if it is a site unitpress built (it holds the site marker); `None` for a missing
    /// folder or any other, whose files are never read.
    pub fn open(dir: &Path) -> Option<Self> {
        if !is_marked(dir) {
            return None;
        }
        let root = fs::canonicalize(dir).ok()?;
        Some(PreviousSite { root })
    }

    /// The file at `address` (from the site root, forward slashes), if the previous site holds
    /// one: a non-empty regular file, not a link, inside the folder. An address with `..`, an
    /// absolute one, or a folder on the way that leads out of the site (a link put there by
    /// hand) gives `None`.
    pub fn file(&self, address: &str) -> Option<PathBuf> {
        let rel = Path::new(address);
        let plain = !address.is_empty()
            && !address.contains('\\')
            && rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return None;
        }
        let path = self.root.join(rel);
        let meta = fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() == 0 {
            return None;
        }
        let folder = fs::canonicalize(path.parent()?).ok()?;
        folder.starts_with(&self.root).then_some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::MARKER;

    fn site() -> (tempfile::TempDir, PreviousSite) {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("public");
        fs::create_dir_all(site.join("units/u/files/abc")).unwrap();
        fs::write(site.join(MARKER), "x").unwrap();
        fs::write(site.join("units/u/files/abc/p-480w.jpg"), "copy").unwrap();
        fs::write(site.join("units/u/files/abc/empty.jpg"), "").unwrap();
        fs::write(tmp.path().join("secret.txt"), "not the site's").unwrap();
        let previous = PreviousSite::open(&site).unwrap();
        (tmp, previous)
    }

    #[test]
    fn a_file_of_the_site_is_found_and_others_are_not() {
        let (_tmp, previous) = site();
        assert!(previous.file("units/u/files/abc/p-480w.jpg").is_some());
        for absent in [
            "units/u/files/abc/p-960w.jpg",
            "units/u/files/abc/empty.jpg",
            "units/u/files/abc",
            "",
            "../secret.txt",
            "units/../../secret.txt",
            "/etc/passwd",
            "units\\u",
        ] {
            assert_eq!(previous.file(absent), None, "{absent}");
        }
    }

    #[test]
    fn only_a_marked_folder_is_opened() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(PreviousSite::open(tmp.path()).is_none());
        assert!(PreviousSite::open(&tmp.path().join("absent")).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn links_leading_out_of_the_site_are_not_followed() {
        let (tmp, previous) = site();
        let site = tmp.path().join("public");
        let outside = tmp.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("p.jpg"), "elsewhere").unwrap();
        std::os::unix::fs::symlink(&outside, site.join("units/u/files/out")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), site.join("s.txt")).unwrap();
        assert_eq!(previous.file("units/u/files/out/p.jpg"), None);
        assert_eq!(previous.file("s.txt"), None);
    }
}
