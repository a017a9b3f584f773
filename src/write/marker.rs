//! The mark unitpress leaves in every site it builds, and the check that keeps a build from
//! replacing any folder that does not carry it: `--out docs` on someone's own folder must never
//! delete what is in it.

use std::fs;
use std::io;
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// The name of the file that marks a folder as a site unitpress built.
pub const MARKER: &str = ".unitpress-site";

/// What the marker file says, for whoever finds it.
pub const MARKER_TEXT: &str = "This folder is a website built by unitpress from a course's \
content folder.\nunitpress replaces the whole folder on each build, and only because this \
file is here:\nit refuses to touch a folder without it. Edit the content, not these files.\n";

/// Whether `dir` holds the marker file.
pub fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Checks that a build may replace `out`: it is absent, an empty folder, or a site unitpress
/// built (a folder holding the marker, or a link to one). Anything else is refused, untouched.
pub fn check_replaceable(out: &Path) -> Result<(), Diagnostic> {
    let refuse =
        |message: String, help: &str| Err(Diagnostic::error(message).in_file(out).help(help));
    let meta = match fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return refuse(
                format!("cannot look at the output folder: {e}"),
                "check that you may read the folder, or choose another one with --out",
            )
        }
    };
    // A link is judged by the folder it leads to; replacing it removes only the link.
    let is_dir = if meta.is_symlink() {
        fs::metadata(out).is_ok_and(|m| m.is_dir())
    } else {
        meta.is_dir()
    };
    if !is_dir {
        return refuse(
            "the output folder given with --out is a file (or a link to no folder), so the site \
             cannot be written there; it was left as it was"
                .into(),
            "choose a folder with --out, e.g. --out public",
        );
    }
    if is_marked(out) {
        return Ok(());
    }
    let mut entries = fs::read_dir(out).map_err(|e| {
        Diagnostic::error(format!("cannot read the output folder: {e}"))
            .in_file(out)
            .help("check that you may read the folder, or choose another one with --out")
    })?;
    match entries.next() {
        None => Ok(()),
        Some(first) => {
            let example = first
                .map(|e| format!(" (such as `{}`)", e.file_name().to_string_lossy()))
                .unwrap_or_default();
            refuse(
                format!(
                    "the output folder holds files that unitpress did not write{example}; \
                     building would replace them, so nothing was touched"
                ),
                "choose another folder with --out (a new or empty one), or move those files \
                 away; unitpress replaces only the folders it built, which hold a \
                 .unitpress-site file (a site built by an older unitpress has none: delete it \
                 and build again)",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(out: &Path) -> String {
        let e = check_replaceable(out).expect_err("should be refused");
        format!("{} / {}", e.message, e.help.unwrap_or_default())
    }

    #[test]
    fn absent_empty_and_marked_folders_may_be_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(check_replaceable(&tmp.path().join("absent")).is_ok());
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        assert!(check_replaceable(&empty).is_ok());
        let site = tmp.path().join("site");
        fs::create_dir(&site).unwrap();
        fs::write(site.join("index.html"), "x").unwrap();
        fs::write(site.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check_replaceable(&site).is_ok());
    }

    #[test]
    fn a_folder_of_other_files_is_refused_naming_one() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("thesis.txt"), "mine").unwrap();
        let why = refusal(tmp.path());
        assert!(why.contains("`thesis.txt`"), "{why}");
        assert!(why.contains("--out"), "{why}");
    }

    #[test]
    fn a_marker_that_is_a_folder_does_not_count() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join(MARKER)).unwrap();
        assert!(check_replaceable(tmp.path()).is_err());
    }

    #[test]
    fn a_file_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("notes.txt");
        fs::write(&file, "mine").unwrap();
        assert!(refusal(&file).contains("is a file"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_judged_by_what_it_leads_to() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let (site, own) = (tmp.path().join("site"), tmp.path().join("own"));
        fs::create_dir(&site).unwrap();
        fs::write(site.join(MARKER), MARKER_TEXT).unwrap();
        fs::create_dir(&own).unwrap();
        fs::write(own.join("keep.txt"), "mine").unwrap();
        for (link, to) in [("to-site", &site), ("to-own", &own)] {
            symlink(to, tmp.path().join(link)).unwrap();
        }
        symlink(tmp.path().join("nowhere"), tmp.path().join("dangling")).unwrap();
        assert!(check_replaceable(&tmp.path().join("to-site")).is_ok());
        assert!(check_replaceable(&tmp.path().join("to-own")).is_err());
        assert!(check_replaceable(&tmp.path().join("dangling")).is_err());
    }
}
