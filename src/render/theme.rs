//! Finds a theme's templates and static files: a folder under themes/ beside the content, or the
//! default theme built into the binary. Templates in the site's own templates/ folder override
//! the theme's templates of the same name.

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme's files, read into memory.
#[derive(Debug, Default)]
pub struct Theme {
    /// (template name, source), e.g. ("criterion.html", "…").
    pub templates: Vec<(String, String)>,
    /// (path under the output's assets/ folder, bytes).
    pub assets: Vec<(String, Vec<u8>)>,
}

/// Loads theme `name` for the site whose root folder (the parent of content/) is `site_root`.
pub fn load(site_root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let dir = site_root.join("themes").join(name);
    let mut theme = if dir.is_dir() {
        from_folder(&dir)?
    } else if name == "default" {
        built_in()
    } else {
        return Err(
            Diagnostic::error(format!("the theme `{name}` was not found"))
                .in_file(&dir)
                .help("set theme = \"default\" in site.toml, or create that theme folder"),
        );
    };
    let overrides = site_root.join("templates");
    if overrides.is_dir() {
        for (name, source) in read_tree(&overrides)? {
            let source = String::from_utf8(source).map_err(|_| not_utf8(&overrides.join(&name)))?;
            match theme.templates.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = source,
                None => theme.templates.push((name, source)),
            }
        }
    }
    Ok(theme)
}

fn built_in() -> Theme {
    let mut theme = Theme::default();
    for (path, bytes) in embedded::FILES {
        if let Some(name) = path.strip_prefix("templates/") {
            let source = String::from_utf8_lossy(bytes).into_owned();
            theme.templates.push((name.to_string(), source));
        } else if let Some(asset) = path.strip_prefix("static/") {
            theme.assets.push((asset.to_string(), bytes.to_vec()));
        }
    }
    theme
}

fn from_folder(dir: &Path) -> Result<Theme, Diagnostic> {
    let mut theme = Theme::default();
    let templates = dir.join("templates");
    for (name, source) in read_tree(&templates)? {
        let source = String::from_utf8(source).map_err(|_| not_utf8(&templates.join(&name)))?;
        theme.templates.push((name, source));
    }
    let assets = dir.join("static");
    if assets.is_dir() {
        theme.assets = read_tree(&assets)?;
    }
    Ok(theme)
}

/// Every file below `dir`, as (path relative to `dir` with forward slashes, bytes).
fn read_tree(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry
            .map_err(|e| Diagnostic::error(format!("cannot read the theme: {e}")).in_file(dir))?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(format!("cannot read this theme file: {e}")).in_file(entry.path())
        })?;
        out.push((rel, bytes));
    }
    Ok(out)
}

fn not_utf8(path: &Path) -> Diagnostic {
    Diagnostic::error("this template is not UTF-8 text")
        .in_file(path)
        .help("save it with UTF-8 encoding")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_theme_has_the_page_templates_and_stylesheet() {
        let t = built_in();
        for name in ["base.html", "index.html", "unit.html", "criterion.html"] {
            assert!(t.templates.iter().any(|(n, _)| n == name), "missing {name}");
        }
        assert!(t.assets.iter().any(|(n, _)| n == "style.css"));
    }

    #[test]
    fn site_templates_override_the_theme() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/unit.html"), "mine").unwrap();
        let t = load(dir.path(), "default").unwrap();
        let unit = t.templates.iter().find(|(n, _)| n == "unit.html").unwrap();
        assert_eq!(unit.1, "mine");
    }

    #[test]
    fn unknown_theme_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = load(dir.path(), "fancy").unwrap_err();
        assert!(e.message.contains("fancy"));
    }
}
