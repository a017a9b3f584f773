//! The site a build replaces, as a source of files made before: a file whose address holds its
//! content's hash (a course file's `<version>` folder) is the same file in the previous site.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::marker::is_marked;
use crate::course_files::Known;
use crate::routes::KNOWN_FILES;

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
        if !is_plain(address) {
            return None;
        }
        let path = self.root.join(address);
        let meta = fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() == 0 {
            return None;
        }
        let folder = fs::canonicalize(path.parent()?).ok()?;
        folder.starts_with(&self.root).then_some(path)
    }

    /// What the previous build read of the course files it published (its
    /// [`crate::routes::KNOWN_FILES`] list); nothing if it kept none.
    pub fn known_files(&self) -> Known {
        self.file(KNOWN_FILES)
            .and_then(|path| fs::read_to_string(path).ok())
            .map(|text| Known::parse(&text))
            .unwrap_or_default()
    }

    /// Whether the folder `folder` (from the site root) holds exactly the files `names` (paths
    /// inside it, forward slashes), each a non-empty regular file, and nothing else: then the
    /// whole folder can be carried into the new site (see [`super::Staging::carry`]). A link
    /// anywhere on the way to it or in it gives `false`.
    pub fn holds_exactly(&self, folder: &str, names: &[&str]) -> bool {
        let folder = folder.trim_end_matches('/');
        if !is_plain(folder) {
            return false;
        }
        let path = self.root.join(folder);
        // The root has every link resolved: the same path back means no link on the way.
        if fs::canonicalize(&path).ok().as_deref() != Some(path.as_path()) {
            return false;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(&path).min_depth(1) {
            let Ok(entry) = entry else { return false };
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            let non_empty = entry.metadata().is_ok_and(|m| m.len() > 0);
            let Ok(rel) = entry.path().strip_prefix(&path) else {
                return false;
            };
            let rel: Option<Vec<&str>> = rel.iter().map(|p| p.to_str()).collect();
            match rel {
                Some(parts) if kind.is_file() && non_empty => found.push(parts.join("/")),
                _ => return false,
            }
        }
        let mut wanted: Vec<&str> = names.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        found.sort_unstable();
        found.len() == wanted.len() && found.iter().zip(&wanted).all(|(a, b)| a == b)
    }
}

/// Whether `address` is a plain relative path: no `..`, no root, no backslash.
fn is_plain(address: &str) -> bool {
    !address.is_empty()
        && !address.contains('\\')
        && Path::new(address)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
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
    fn a_folder_holds_exactly_its_files_or_not() {
        let (tmp, previous) = site();
        let v = tmp.path().join("public/units/u/files/abc");
        fs::remove_file(v.join("empty.jpg")).unwrap();
        fs::write(v.join("p.jpg"), "photo").unwrap();
        let folder = "units/u/files/abc/";
        assert!(previous.holds_exactly(folder, &["p.jpg", "p-480w.jpg"]));
        assert!(!previous.holds_exactly(folder, &["p.jpg"]), "one file more");
        assert!(!previous.holds_exactly(folder, &["p.jpg", "p-480w.jpg", "p-960w.jpg"]));
        assert!(!previous.holds_exactly("units/u/files/none/", &["p.jpg"]));
        assert!(!previous.holds_exactly("../public/units/u/files/abc", &["p.jpg", "p-480w.jpg"]));
        fs::write(v.join("p-480w.jpg"), "").unwrap();
        assert!(
            !previous.holds_exactly(folder, &["p.jpg", "p-480w.jpg"]),
            "an empty file"
        );
        fs::create_dir(v.join("diagrams")).unwrap();
        fs::write(v.join("p-480w.jpg"), "copy").unwrap();
        fs::write(v.join("diagrams/chain.svg"), "<svg/>").unwrap();
        assert!(previous.holds_exactly(folder, &["p.jpg", "p-480w.jpg", "diagrams/chain.svg"]));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_reached_through_a_link_is_not_held() {
        let (tmp, previous) = site();
        let outside = tmp.path().join("outside/abc");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("p.jpg"), "elsewhere").unwrap();
        std::os::unix::fs::symlink(
            tmp.path().join("outside"),
            tmp.path().join("public/units/v"),
        )
        .unwrap();
        assert!(!previous.holds_exactly("units/v/abc", &["p.jpg"]));
        std::os::unix::fs::symlink(
            outside.join("p.jpg"),
            tmp.path().join("public/units/u/files/abc/q.jpg"),
        )
        .unwrap();
        assert!(!previous.holds_exactly("units/u/files/abc", &["p-480w.jpg", "empty.jpg", "q.jpg"]));
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
