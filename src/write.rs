//! The write stage: pages go into a staging folder beside the output folder, which replaces the
//! output only once the whole build has succeeded. A failed build leaves the previous site as it
//! was and removes its staging folder.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;

/// A folder being filled with a new site.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staging {
    /// Prepares a staging folder for a site that will end up at `target`.
    pub fn new(target: &Path) -> Result<Self, Diagnostic> {
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = parent.join(format!(".{name}.building-{}", std::process::id()));
        let created = fs::create_dir_all(&parent).and_then(|_| {
            if dir.exists() {
                fs::remove_dir_all(&dir)?;
            }
            fs::create_dir(&dir)
        });
        created.map_err(|e| io_error(&dir, "cannot create the staging folder", e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            done: false,
        })
    }

    /// Writes one file, creating its folders; `rel` uses forward slashes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.dir.join(rel);
        let result = match path.parent() {
            Some(parent) => fs::create_dir_all(parent).and_then(|_| fs::write(&path, bytes)),
            None => fs::write(&path, bytes),
        };
        result.map_err(|e| io_error(&path, "cannot write", e))
    }

    /// Replaces the output folder with the staged site.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .unwrap_or_default()
                .to_string_lossy(),
            std::process::id()
        ));
        if self.target.exists() {
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
        if old.exists() {
            remove_in_parallel(&old)
                .map_err(|e| io_error(&old, "cannot remove the previous site", e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes a folder, its subfolders two levels down (a site's units) side by side: a big
/// course's previous site has tens of thousands of files, and removing them one after another
/// took seconds.
fn remove_in_parallel(dir: &Path) -> io::Result<()> {
    // An output folder given as a link to a folder: only the link goes, as remove_dir_all does,
    // never what it leads to.
    if !fs::symlink_metadata(dir)?.is_dir() {
        return fs::remove_dir_all(dir);
    }
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            for inner in fs::read_dir(entry.path())? {
                let inner = inner?;
                if inner.file_type()?.is_dir() {
                    folders.push(inner.path());
                }
            }
        }
    }
    folders.par_iter().try_for_each(fs::remove_dir_all)?;
    fs::remove_dir_all(dir)
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
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert!(!out.join("stale.html").exists());
        assert!(!out.join("units").exists());
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging left behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_output_that_links_to_a_folder_loses_only_the_link() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir_all(elsewhere.join("units/a")).unwrap();
        fs::write(elsewhere.join("units/a/keep.html"), "keep").unwrap();
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
}
