//! Placing a file that is already on disk into a site folder without reading it: a hard link to
//! the previous site's file (one metadata write, whatever the file's size), else a copy, which
//! `std::fs::copy` leaves to the kernel (copy_file_range on Linux, no pass through memory).

use std::fs;
use std::io;
use std::path::Path;

use crate::sink::OnDisk;

/// Puts the file `from` names at `dest`, whose folder exists. A file already at `dest` is
/// replaced by a rename, never written through: it may share its bytes with another file.
pub fn place(dest: &Path, from: OnDisk) -> io::Result<()> {
    match from {
        OnDisk::Previous(source) => match fs::hard_link(source, dest) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if same_file(source, dest) {
                    Ok(())
                } else {
                    replace(dest, |temporary| link_or_copy(source, temporary))
                }
            }
            // Another file system, or one without hard links: the bytes are copied.
            Err(_) => fs::copy(source, dest).map(drop),
        },
        OnDisk::Content(source) => {
            if fs::symlink_metadata(dest).is_ok() {
                replace(dest, |temporary| fs::copy(source, temporary).map(drop))
            } else {
                fs::copy(source, dest).map(drop)
            }
        }
    }
}

fn link_or_copy(source: &Path, dest: &Path) -> io::Result<()> {
    fs::hard_link(source, dest).or_else(|_| fs::copy(source, dest).map(drop))
}

/// Makes the file at a temporary name beside `dest`, then renames it over `dest`.
fn replace(dest: &Path, make: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    let temporary = dest.with_file_name(format!(".{name}.unitpress-new"));
    let _ = fs::remove_file(&temporary);
    let made = make(&temporary).and_then(|()| fs::rename(&temporary, dest));
    if made.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    made
}

/// Whether two paths are the same file (serve places the previous site's file into the same
/// folder, where it already is).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("source.jpg"), "photo").unwrap();
        tmp
    }

    #[cfg(unix)]
    fn links(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).unwrap().nlink()
    }

    #[cfg(unix)]
    #[test]
    fn a_previous_site_file_is_linked() {
        let tmp = folder();
        let (source, dest) = (tmp.path().join("source.jpg"), tmp.path().join("dest.jpg"));
        place(&dest, OnDisk::Previous(&source)).unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "photo");
        assert_eq!(links(&source), 2, "one file under two names");
        // Placed again where it already is (serve's own folder): nothing changes.
        place(&dest, OnDisk::Previous(&source)).unwrap();
        place(&source, OnDisk::Previous(&source)).unwrap();
        assert_eq!(links(&source), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_content_file_is_copied_never_linked() {
        let tmp = folder();
        let (source, dest) = (tmp.path().join("source.jpg"), tmp.path().join("dest.jpg"));
        place(&dest, OnDisk::Content(&source)).unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "photo");
        assert_eq!(links(&source), 1);
        fs::write(&dest, "edited in the site").unwrap();
        assert_eq!(fs::read_to_string(&source).unwrap(), "photo");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_in_the_way_is_replaced_not_written_through() {
        let tmp = folder();
        let source = tmp.path().join("source.jpg");
        let (dest, other) = (tmp.path().join("dest.jpg"), tmp.path().join("other.jpg"));
        fs::write(&other, "someone else's").unwrap();
        fs::hard_link(&other, &dest).unwrap();
        place(&dest, OnDisk::Content(&source)).unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "photo");
        assert_eq!(fs::read_to_string(&other).unwrap(), "someone else's");
        fs::write(tmp.path().join("new.jpg"), "new").unwrap();
        place(&dest, OnDisk::Previous(&tmp.path().join("new.jpg"))).unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");
        assert_eq!(fs::read_to_string(&source).unwrap(), "photo");
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 4, "no temporary file left: {left:?}");
    }

    #[cfg(unix)]
    #[test]
    fn across_file_systems_the_file_is_copied() {
        use std::os::unix::fs::MetadataExt;
        let tmp = folder();
        let source = tmp.path().join("source.jpg");
        // /dev/shm is a memory file system on Linux: no hard link reaches it from the disk.
        let Ok(other) = tempfile::tempdir_in("/dev/shm") else {
            return;
        };
        let device = |p: &Path| fs::metadata(p).unwrap().dev();
        if device(other.path()) == device(tmp.path()) {
            return;
        }
        let dest = other.path().join("dest.jpg");
        place(&dest, OnDisk::Previous(&source)).unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "photo");
        assert_eq!(links(&source), 1);
    }

    #[test]
    fn a_missing_source_is_an_error() {
        let tmp = folder();
        let missing = tmp.path().join("missing.jpg");
        for from in [OnDisk::Previous(&missing), OnDisk::Content(&missing)] {
            assert!(place(&tmp.path().join("dest.jpg"), from).is_err());
        }
    }

    /// Prints what placing a file costs: a hard link against a copy, and the previous site's
    /// look-up before it, for 2,000 files of 190 KB (a benchmark photo). Run with
    /// `cargo test --release --lib place_throughput -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement, not a check"]
    fn place_throughput() {
        use std::time::Instant;
        const FILES: usize = 2000;
        let tmp = tempfile::tempdir().unwrap();
        let previous = tmp.path().join("public");
        fs::create_dir_all(&previous).unwrap();
        fs::write(previous.join(crate::write::MARKER), "x").unwrap();
        let photo = vec![7u8; 190 * 1024];
        let addresses: Vec<String> = (0..FILES)
            .map(|i| format!("u/files/{i:04}/p.jpg"))
            .collect();
        for a in &addresses {
            fs::create_dir_all(previous.join(a).parent().unwrap()).unwrap();
            fs::write(previous.join(a), &photo).unwrap();
        }
        let site = crate::write::PreviousSite::open(&previous).unwrap();
        let time = |what: &str, f: &dyn Fn(&str, &Path)| {
            let into = tempfile::tempdir_in(tmp.path()).unwrap();
            for a in &addresses {
                fs::create_dir_all(into.path().join(a).parent().unwrap()).unwrap();
            }
            let start = Instant::now();
            for a in &addresses {
                f(a, &into.path().join(a));
            }
            let each = start.elapsed().as_secs_f64() * 1e6 / FILES as f64;
            println!("  {what}: {each:.0} µs a file");
        };
        time("look up in the previous site", &|a, _| {
            assert!(site.file(a).is_some());
        });
        time("hard link", &|a, dest| {
            place(dest, OnDisk::Previous(&previous.join(a))).unwrap();
        });
        time("copy", &|a, dest| {
            place(dest, OnDisk::Content(&previous.join(a))).unwrap();
        });
    }
}
