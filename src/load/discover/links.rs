//! Symbolic links in the content folder. unitpress reads only what is inside the content folder:
//! a link that leads inside it is followed (one file shared by two units, say), one that leads
//! outside is refused before anything is read through it, so that no file of the computer can
//! end up quoted in an error or published. Links that lead nowhere or round in a circle get
//! their own message.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// How many links in a row are followed before a chain counts as a circle (Linux stops at 40).
const MAX_HOPS: usize = 40;

/// Checks the entries of one content folder against the folder's real place on disk.
pub struct Links {
    root: PathBuf,
}

impl Links {
    /// A checker for the content folder `content`, which must exist.
    pub fn new(content: &Path) -> Result<Self, Diagnostic> {
        let root = content.canonicalize().map_err(|e| {
            Diagnostic::error(format!("cannot read the content folder: {e}"))
                .in_file(content)
                .help("check that the folder exists and that you may read it")
        })?;
        Ok(Links { root })
    }

    /// The checker for the content folder that holds the unit folder `unit` (`units/<slug>`).
    pub fn of_unit(unit: &Path) -> Result<Self, Diagnostic> {
        let content = unit
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."));
        Links::new(if content.as_os_str().is_empty() {
            Path::new(".")
        } else {
            content
        })
    }

    /// `Ok` when `path` is not a link, or a link to something inside the content folder;
    /// otherwise the error that names it. A path that does not exist is left to the caller.
    pub fn check(&self, path: &Path) -> Result<(), Diagnostic> {
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.is_symlink() => {}
            _ => return Ok(()),
        }
        let shown = fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string());
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let error =
            |message: String, help: &str| Err(Diagnostic::error(message).in_file(path).help(help));
        let real = match path.canonicalize() {
            Ok(real) => real,
            Err(e) => {
                return match follow(path) {
                    Broken::Dangling => error(
                        format!("`{name}` is a link to `{shown}`, which does not exist"),
                        "point the link at a file inside the content folder, or remove it",
                    ),
                    Broken::Circle => error(
                        format!("`{name}` is a link that leads round in a circle"),
                        "remove the link, or point it at the file it should stand for",
                    ),
                    Broken::Other => error(
                        format!("cannot follow the link `{name}`: {e}"),
                        "point the link at a file inside the content folder, or remove it",
                    ),
                }
            }
        };
        if !real.starts_with(&self.root) {
            return error(
                format!(
                    "`{name}` is a link to `{shown}`, outside the content folder; unitpress \
                     reads only what is inside it"
                ),
                "copy what it links to into the content folder, in place of the link",
            );
        }
        // A folder linked from inside itself would hold itself.
        let holder = path.parent().and_then(|p| p.canonicalize().ok());
        if real.is_dir() && holder.is_some_and(|h| h.starts_with(&real)) {
            return error(
                format!(
                    "`{name}` is a link that leads round in a circle, to a folder that holds it"
                ),
                "remove the link, or point it at the folder it should stand for",
            );
        }
        Ok(())
    }
}

/// Why a link cannot be followed to its end.
enum Broken {
    Dangling,
    Circle,
    Other,
}

/// Follows the chain of links from `link` one step at a time to tell why it has no end.
fn follow(link: &Path) -> Broken {
    let mut at = link.to_path_buf();
    for _ in 0..MAX_HOPS {
        match fs::symlink_metadata(&at) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Broken::Dangling,
            Ok(meta) if meta.is_symlink() => {}
            _ => return Broken::Other,
        }
        let Ok(target) = fs::read_link(&at) else {
            return Broken::Other;
        };
        at = at.parent().unwrap_or(Path::new("")).join(target);
    }
    Broken::Circle
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn message(links: &Links, path: &Path) -> String {
        let e = links.check(path).expect_err("should be refused");
        assert_eq!(
            e.location.as_ref().map(|l| l.path.clone()),
            Some(path.into())
        );
        e.message
    }

    #[test]
    fn links_inside_are_followed_and_others_refused_each_with_its_reason() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        fs::create_dir_all(content.join("units/a/knowledge")).unwrap();
        fs::write(content.join("units/a/knowledge/x.md"), "x").unwrap();
        fs::write(tmp.path().join("secret.txt"), "TOP SECRET").unwrap();
        let k = content.join("units/a/knowledge");
        symlink("x.md", k.join("inside.md")).unwrap();
        symlink("../../../../secret.txt", k.join("outside.md")).unwrap();
        symlink("/", k.join("root")).unwrap();
        symlink("nowhere.md", k.join("dangling.md")).unwrap();
        symlink("loop-b.md", k.join("loop-a.md")).unwrap();
        symlink("loop-a.md", k.join("loop-b.md")).unwrap();
        symlink("self.md", k.join("self.md")).unwrap();
        symlink("..", k.join("up")).unwrap();

        let links = Links::new(&content).unwrap();
        assert!(links.check(&k.join("x.md")).is_ok());
        assert!(links.check(&k.join("inside.md")).is_ok());
        assert!(
            links.check(&k.join("absent.md")).is_ok(),
            "left to the caller"
        );
        for outside in ["outside.md", "root"] {
            let m = message(&links, &k.join(outside));
            assert!(m.contains("outside the content folder"), "{m}");
            assert!(!m.contains("TOP SECRET"), "{m}");
        }
        assert!(message(&links, &k.join("dangling.md")).contains("does not exist"));
        for circle in ["loop-a.md", "self.md", "up"] {
            let m = message(&links, &k.join(circle));
            assert!(m.contains("round in a circle"), "{circle}: {m}");
        }
    }

    #[test]
    fn a_content_folder_reached_through_a_link_is_its_own_root() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        fs::create_dir_all(real.join("units/a")).unwrap();
        fs::write(real.join("site.toml"), "").unwrap();
        fs::write(tmp.path().join("outside.toml"), "").unwrap();
        symlink("../../site.toml", real.join("units/a/criteria.toml")).unwrap();
        symlink("../../../outside.toml", real.join("units/a/unit.md")).unwrap();
        symlink(&real, tmp.path().join("content")).unwrap();
        let links = Links::of_unit(&tmp.path().join("content/units/a")).unwrap();
        let unit = tmp.path().join("content/units/a");
        assert!(links.check(&unit.join("criteria.toml")).is_ok());
        assert!(links.check(&unit.join("unit.md")).is_err());
    }
}
