//! From a request target to a file of the served site, refusing anything that could reach
//! outside it: `..` and `.` segments in any encoding (`%2e%2e`, `%2f` for a slash), backslashes,
//! drive letters, NUL bytes, and symbolic links that lead out of the site.

use std::path::{Path, PathBuf};

/// What a request target names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site.
    File(PathBuf),
    /// A folder asked for without its final slash: redirect here, so that relative links work.
    AddSlash(String),
    /// Nothing in the site.
    Missing,
    /// A target that tries to leave the site, or is not a path at all.
    Refused,
}

/// Resolves `target` (the request line's target, e.g. `/units/u/?x=1`) within `root`.
pub fn resolve(root: &Path, target: &str) -> Target {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Target::Refused;
    }
    let Some(decoded) = percent_decode(raw) else {
        return Target::Refused;
    };
    if decoded.contains(['\\', '\0']) {
        return Target::Refused;
    }
    let mut path = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(':') {
            return Target::Refused;
        }
        if segment.starts_with('.') {
            return Target::Missing; // hidden files: the server's own temporary files
        }
        path.push(segment);
    }
    if path.is_dir() {
        if !decoded.ends_with('/') {
            // Rebuilt from the segments: `//units` must not become `//units/`, which a browser
            // reads as another host.
            let segments: Vec<&str> = raw.split('/').filter(|s| !s.is_empty()).collect();
            return Target::AddSlash(format!("/{}/", segments.join("/")));
        }
        path.push("index.html");
    }
    if !path.is_file() {
        return Target::Missing;
    }
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) if real.starts_with(&real_root) => Target::File(path),
        _ => Target::Refused,
    }
}

/// Decodes `%XX` escapes; `None` for a broken escape or text that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("units/u")).unwrap();
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join("units/u/index.html"), "unit").unwrap();
        fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        tmp
    }

    #[test]
    fn files_folders_and_missing_pages() {
        let tmp = site();
        let root = tmp.path().join("site");
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/units/u/?q=1"),
            Target::File(root.join("units/u/index.html"))
        );
        assert_eq!(
            resolve(&root, "//units//u"),
            Target::AddSlash("/units/u/".into())
        );
        assert_eq!(
            resolve(&root, "/units/u"),
            Target::AddSlash("/units/u/".into())
        );
        assert_eq!(
            resolve(&root, "/units/%75/index.html"),
            Target::File(root.join("units/u/index.html"))
        );
        assert_eq!(resolve(&root, "/nope.html"), Target::Missing);
        assert_eq!(resolve(&root, "/.index.html.tmp"), Target::Missing);
    }

    #[test]
    fn every_way_out_is_refused() {
        let tmp = site();
        let root = tmp.path().join("site");
        for target in [
            "/../secret.txt",
            "/units/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/units%2f..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "/units\\..\\..\\secret.txt",
            "/C:/secret.txt",
            "/%00",
            "/%zz",
            "/%2",
            "secret.txt",
            "http://127.0.0.1/../secret.txt",
        ] {
            assert_eq!(resolve(&root, target), Target::Refused, "{target}");
        }
        // Absolute paths, plain or encoded, are looked for inside the site.
        let abs = tmp.path().join("secret.txt").display().to_string();
        assert_eq!(resolve(&root, &format!("/{abs}")), Target::Missing);
        let encoded = format!("/{}", abs.replace('/', "%2f"));
        assert_eq!(resolve(&root, &encoded), Target::Missing);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_out_of_the_site_are_refused() {
        let tmp = site();
        let root = tmp.path().join("site");
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        assert_eq!(resolve(&root, "/leak.txt"), Target::Refused);
    }
}
