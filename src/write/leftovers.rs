//! What builds that were killed leave beside the output folder: their staging folder
//! (`.public.building-PID`, often tens of megabytes) or the previous site they had moved aside
//! (`.public.old-PID`). The next build into the same output removes them, and nothing else.

use std::fs;
use std::path::{Path, PathBuf};

use super::marker::is_marked;

/// The kinds of folder a build keeps beside its output, as `.NAME.<kind>-PID`.
const KINDS: [&str; 2] = ["building", "old"];

/// The name of the folder of `kind` that process `pid` keeps beside the output `name`.
pub fn folder_name(name: &str, kind: &str, pid: u32) -> String {
    format!(".{name}.{kind}-{pid}")
}

/// Removes, from `parent`, the folders that builds into its output `name` left and whose
/// process has ended. Only real folders (not links) that hold the site marker or nothing at all
/// qualify: an entry that merely looks like one is left alone, and so is every folder of a
/// build that may still be running. Failures are ignored: the next build tries again.
pub fn remove(parent: &Path, name: &str) {
    for path in stale(parent, name) {
        let _ = super::remove_folder(&path);
    }
}

/// The leftover folders [`remove`] would remove.
fn stale(parent: &Path, name: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let file_name = entry.file_name();
            let Some(pid) = file_name.to_str().and_then(|n| pid_in(n, name)) else {
                return false;
            };
            pid != std::process::id()
                && entry.file_type().is_ok_and(|t| t.is_dir())
                && (is_marked(&entry.path()) || is_empty(&entry.path()))
                && !is_running(pid)
        })
        .map(|entry| entry.path())
        .collect()
}

/// The process id in `file_name` when it is `.NAME.building-PID` or `.NAME.old-PID`.
fn pid_in(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?;
    let digits = KINDS
        .iter()
        .find_map(|kind| rest.strip_prefix(kind)?.strip_prefix('-'))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_empty(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Whether a process with this id exists (it may be another user's: then it is running too).
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    if pid <= 0 {
        return true;
    }
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent to it.
    let found = unsafe { libc::kill(pid, 0) } == 0;
    found || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Elsewhere there is no cheap way to tell, so every process is taken to be running and its
/// folders are kept.
#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::marker::{MARKER, MARKER_TEXT};

    /// The id of a process that has ended.
    fn ended_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn names_of_leftover_folders() {
        assert_eq!(pid_in(".public.building-123", "public"), Some(123));
        assert_eq!(pid_in(".public.old-9", "public"), Some(9));
        assert_eq!(
            pid_in(folder_name("docs", "old", 7).as_str(), "docs"),
            Some(7)
        );
        for other in [
            ".public.building-",
            ".public.building-12a",
            ".public.building-+1",
            "public.building-1",
            ".docs.building-1",
            ".public.built-1",
            ".public.building-99999999999",
        ] {
            assert_eq!(pid_in(other, "public"), None, "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn only_marked_or_empty_folders_of_ended_builds_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dead = ended_pid();
        let make = |name: String, marked: bool, extra: bool| {
            let dir = tmp.path().join(name);
            fs::create_dir(&dir).unwrap();
            if marked {
                fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
            }
            if extra {
                fs::create_dir_all(dir.join("units/a")).unwrap();
                fs::write(dir.join("units/a/index.html"), "x").unwrap();
            }
            dir
        };
        let staging = make(folder_name("public", "building", dead), true, true);
        let old = make(folder_name("public", "old", dead), true, true);
        // Each its own ended process: the next id after one is soon taken by a new thread.
        let empty_pid = ended_pid();
        let empty = make(folder_name("public", "building", empty_pid), false, false);
        let unmarked = make(folder_name("public", "old", ended_pid()), false, true);
        let alive = make(
            folder_name("public", "building", std::process::id()),
            true,
            true,
        );
        let running = make(folder_name("public", "building", 1), true, true);
        let other_output = make(folder_name("docs", "building", dead), true, true);
        let link = tmp
            .path()
            .join(folder_name("public", "building", ended_pid()));
        std::os::unix::fs::symlink(&other_output, &link).unwrap();

        remove(tmp.path(), "public");

        for gone in [&staging, &old] {
            assert!(!gone.exists(), "{}", gone.display());
        }
        // An ended id may have been taken by a new process since; then the folder stays.
        if !is_running(empty_pid) {
            assert!(!empty.exists());
        }
        for kept in [&unmarked, &alive, &running, &other_output] {
            assert!(
                kept.join("units/a/index.html").exists(),
                "{}",
                kept.display()
            );
        }
        assert!(
            link.symlink_metadata().is_ok(),
            "a link is never followed or removed"
        );
    }
}
