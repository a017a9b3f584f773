//! Carrying folders of the site being replaced into the new one whole. A course file's version
//! folder (`units/u/files/<hash>/`) holds a photo and its smaller copies, all named by the hash
//! of the photo's bytes, so the previous site's folder is already right: moving it once the new
//! site is in place costs one rename, where linking each file into the staging folder and
//! unlinking it from the old site later cost eight file-system writes a photo. The previous
//! site stays whole until the new one has replaced it: a failed build never touches it.

use std::fs;
use std::io;
use std::path::{Component, Path};

use crate::sink::OnDisk;

/// Moves each folder of `folders` (from the site root) out of the previous site `old` into the
/// new site `new`, which has just replaced it. A folder that cannot be moved has its files
/// linked (or copied) instead; the first failure of that is returned, after every other folder
/// was carried.
pub fn carry_into(old: &Path, new: &Path, folders: &[String]) -> io::Result<()> {
    // Moved aside, a link to a folder elsewhere is still a link: what it leads to is not the
    // previous site's own, and nothing is moved out of it.
    let real_folder = fs::symlink_metadata(old).is_ok_and(|m| m.is_dir());
    let mut first_error = None;
    for folder in folders {
        let folder = folder.trim_end_matches('/');
        let moved = real_folder && move_folder(old, new, folder).is_ok();
        if !moved {
            if let Err(e) = link_files(&old.join(folder), &new.join(folder)) {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Renames `old/folder` to `new/folder` when every folder on the way in `old` is a real folder
/// (not a link someone put there), creating the folders on the way in `new`.
fn move_folder(old: &Path, new: &Path, folder: &str) -> io::Result<()> {
    let mut on_the_way = old.to_path_buf();
    for part in Path::new(folder).components() {
        let Component::Normal(part) = part else {
            return Err(io::Error::other("not a plain path"));
        };
        on_the_way.push(part);
        if !fs::symlink_metadata(&on_the_way)?.is_dir() {
            return Err(io::Error::other("not a folder"));
        }
    }
    let to = new.join(folder);
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::rename(&on_the_way, &to)
}

/// Places every file under `from` at the same place under `to`, by link where one can be made.
fn link_files(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest)?;
        } else if entry.file_type().is_file() {
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            super::place(&dest, OnDisk::Previous(entry.path()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let v = tmp.path().join("old/units/u/files/0123456789");
        fs::create_dir_all(&v).unwrap();
        fs::write(v.join("p.jpg"), "photo").unwrap();
        fs::write(v.join("p-480w.jpg"), "copy").unwrap();
        fs::create_dir_all(tmp.path().join("new")).unwrap();
        tmp
    }

    #[test]
    fn a_folder_is_moved_with_the_folders_on_its_way_made() {
        let tmp = sites();
        let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
        carry_into(&old, &new, &["units/u/files/0123456789/".into()]).unwrap();
        let v = new.join("units/u/files/0123456789");
        assert_eq!(fs::read_to_string(v.join("p.jpg")).unwrap(), "photo");
        assert_eq!(fs::read_to_string(v.join("p-480w.jpg")).unwrap(), "copy");
        assert!(
            !old.join("units/u/files/0123456789").exists(),
            "moved, not copied"
        );
    }

    #[cfg(unix)]
    #[test]
    fn through_a_link_the_files_are_linked_and_what_it_leads_to_stays() {
        let tmp = sites();
        let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
        let elsewhere = tmp.path().join("elsewhere");
        fs::rename(old.join("units/u"), &elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, old.join("units/u")).unwrap();
        carry_into(&old, &new, &["units/u/files/0123456789".into()]).unwrap();
        let v = new.join("units/u/files/0123456789");
        assert_eq!(fs::read_to_string(v.join("p.jpg")).unwrap(), "photo");
        assert!(
            elsewhere.join("files/0123456789/p.jpg").exists(),
            "nothing moved out of the folder the link leads to"
        );
    }

    #[test]
    fn a_folder_that_is_not_there_is_an_error_and_the_others_are_carried() {
        let tmp = sites();
        let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
        let folders = [
            "units/u/files/ffffffffff".into(),
            "units/u/files/0123456789".into(),
        ];
        assert!(carry_into(&old, &new, &folders).is_err());
        assert!(new.join("units/u/files/0123456789/p.jpg").exists());
    }
}
