//! The write stage: pages go into a staging folder beside the output folder, which replaces the
//! output only once the whole build has succeeded. A failed or stopped build leaves the previous
//! site as it was and removes its staging folder; what a killed one leaves, the next removes.
//! Only an absent or empty folder, or a site unitpress built (it carries a marker file), is ever
//! replaced.

mod carry;
mod leftovers;
mod marker;
mod place;
mod previous;
mod remove;

pub use marker::{check_replaceable, MARKER};
pub use place::place;
pub use previous::PreviousSite;
pub use remove::remove_folder;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::sink::OnDisk;

/// A folder being filled with a new site.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The output folder's name, which the folders kept beside it are named after.
    name: String,
    /// Folders of the previous site to move into the new one once it is in place.
    carried: Mutex<Vec<String>>,
    done: bool,
}

impl Staging {
    /// Prepares a staging folder, holding the site marker, for a site that will end up at
    /// `target`, after removing the staging folders that killed builds left beside it.
    pub fn new(target: &Path) -> Result<Self, Diagnostic> {
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        leftovers::remove(&parent, &name);
        let dir = parent.join(leftovers::folder_name(
            &name,
            "building",
            std::process::id(),
        ));
        let created = fs::create_dir_all(&parent).and_then(|_| {
            if dir.exists() {
                fs::remove_dir_all(&dir)?;
            }
            fs::create_dir(&dir)?;
            fs::write(dir.join(MARKER), marker::MARKER_TEXT)
        });
        created.map_err(|e| io_error(&dir, "cannot create the staging folder", e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            name,
            carried: Mutex::new(Vec::new()),
            done: false,
        })
    }

    /// Writes one file, creating its folders; `rel` uses forward slashes. Refused once a signal
    /// has asked the build to stop.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if crate::interrupt::requested() {
            return Err(crate::interrupt::stopped());
        }
        let path = self.dir.join(rel);
        let result = match path.parent() {
            Some(parent) => fs::create_dir_all(parent).and_then(|_| fs::write(&path, bytes)),
            None => fs::write(&path, bytes),
        };
        result.map_err(|e| io_error(&path, "cannot write", e))
    }

    /// Places one file that is already on disk (see [`OnDisk`]: a previous site's file is
    /// hard-linked, a content file copied), creating its folders. Refused, like `write`, once a
    /// signal has asked the build to stop.
    pub fn place(&self, rel: &str, from: OnDisk) -> Result<(), Diagnostic> {
        if crate::interrupt::requested() {
            return Err(crate::interrupt::stopped());
        }
        let path = self.dir.join(rel);
        let result = match path.parent() {
            Some(parent) => fs::create_dir_all(parent).and_then(|_| place(&path, from)),
            None => place(&path, from),
        };
        result.map_err(|e| io_error(&path, "cannot place", e))
    }

    /// Keeps the folder `folder` (from the site root) of the site being replaced: when the new
    /// site has replaced it, the folder is moved into it whole. For a folder whose name holds
    /// its content's hash (a course file's version), which the previous site holds exactly as
    /// the new one needs it ([`PreviousSite::holds_exactly`]); nothing else may be written into
    /// it. Refused, like `write`, once a signal has asked the build to stop.
    pub fn carry(&self, folder: &str) -> Result<(), Diagnostic> {
        if crate::interrupt::requested() {
            return Err(crate::interrupt::stopped());
        }
        self.carried
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(folder.to_string());
        Ok(())
    }

    /// Replaces the output folder with the staged site, once more checking that it may.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        check_replaceable(&self.target)?;
        let old = self.dir.with_file_name(leftovers::folder_name(
            &self.name,
            "old",
            std::process::id(),
        ));
        if self.target.symlink_metadata().is_ok() {
            fs::rename(&self.target, &old)
                .map_err(|e| io_error(&self.target, "cannot move the previous site aside", e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            // Put the previous site back so that the output is never left missing.
            let _ = fs::rename(&old, &self.target);
            return Err(io_error(
                &self.target,
                "cannot move the new site into place",
                e,
            ));
        }
        self.done = true;
        let carried = std::mem::take(
            self.carried
                .get_mut()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        let kept = carry::carry_into(&old, &self.target, &carried).map_err(|e| {
            io_error(
                &self.target,
                "cannot keep the previous site's course files",
                e,
            )
        });
        if old.symlink_metadata().is_ok() {
            remove::remove_folder(&old)
                .map_err(|e| io_error(&old, "cannot remove the previous site", e))?;
        }
        kept
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove::remove_folder(&self.dir);
        }
    }
}

fn io_error(path: &Path, what: &str, e: io::Error) -> Diagnostic {
    Diagnostic::error(format!("{what}: {e}"))
        .in_file(path)
        .help("check that the folder exists and that you may write to it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("units/a/criteria/p1")).unwrap();
        fs::create_dir_all(out.join("assets")).unwrap();
        fs::write(out.join("stale.html"), "old").unwrap();
        fs::write(out.join("units/a/criteria/p1/index.html"), "old").unwrap();
        fs::write(out.join("units/index.html"), "old").unwrap();
        fs::write(out.join(MARKER), marker::MARKER_TEXT).unwrap();
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert!(marker::is_marked(&out), "the new site carries the marker");
        assert!(!out.join("stale.html").exists());
        assert!(!out.join("units").exists());
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging left behind"
        );
    }

    #[test]
    fn placed_files_outlive_the_previous_site_and_leave_the_content_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("units/u/files/abc")).unwrap();
        fs::write(out.join(MARKER), marker::MARKER_TEXT).unwrap();
        let made = out.join("units/u/files/abc/p-480w.jpg");
        fs::write(&made, "the copy made last time").unwrap();
        let content = tmp.path().join("photo.jpg");
        fs::write(&content, "the teacher's photo").unwrap();
        let s = Staging::new(&out).unwrap();
        s.place("units/u/files/abc/p-480w.jpg", OnDisk::Previous(&made))
            .unwrap();
        s.place("units/u/files/abc/p.jpg", OnDisk::Content(&content))
            .unwrap();
        s.commit().unwrap();
        let read = |rel: &str| fs::read_to_string(out.join(rel)).unwrap();
        assert_eq!(
            read("units/u/files/abc/p-480w.jpg"),
            "the copy made last time"
        );
        assert_eq!(read("units/u/files/abc/p.jpg"), "the teacher's photo");
        fs::write(out.join("units/u/files/abc/p.jpg"), "edited in the site").unwrap();
        assert_eq!(fs::read_to_string(&content).unwrap(), "the teacher's photo");
    }

    #[test]
    fn a_carried_folder_moves_into_the_new_site_only_when_it_replaces_the_old() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let v = out.join("units/u/files/abc");
        fs::create_dir_all(&v).unwrap();
        fs::write(out.join(MARKER), marker::MARKER_TEXT).unwrap();
        fs::write(v.join("p.jpg"), "photo").unwrap();
        {
            // A build that fails after asking for the folder leaves the previous site whole.
            let s = Staging::new(&out).unwrap();
            s.carry("units/u/files/abc/").unwrap();
        }
        assert_eq!(fs::read_to_string(v.join("p.jpg")).unwrap(), "photo");
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        s.carry("units/u/files/abc/").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(v.join("p.jpg")).unwrap(), "photo");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "nothing left beside it"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_output_that_links_to_a_folder_loses_only_the_link() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir_all(elsewhere.join("units/a")).unwrap();
        fs::write(elsewhere.join("units/a/keep.html"), "keep").unwrap();
        fs::write(elsewhere.join(MARKER), marker::MARKER_TEXT).unwrap();
        let out = tmp.path().join("public");
        std::os::unix::fs::symlink(&elsewhere, &out).unwrap();
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(elsewhere.join("units/a/keep.html")).unwrap(),
            "keep",
            "what the link led to is untouched"
        );
    }

    #[test]
    fn dropping_without_commit_keeps_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(&out).unwrap();
            s.write("index.html", b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_that_became_foreign_during_the_build_is_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.txt"), "mine").unwrap();
        assert!(s.commit().is_err());
        assert_eq!(fs::read_to_string(out.join("thesis.txt")).unwrap(), "mine");
        assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging left"
        );
    }
}
