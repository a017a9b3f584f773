//! The `files/` folders: a unit's (`units/<slug>/files/`) and the course's (`content/files/`).
//! Every entry, in sub-folders too, passes the same link checks as the rest of the content;
//! hidden and backup files are skipped. Names must be usable in a web address as they are, so
//! that a download keeps the name the teacher gave it.

use std::path::Path;

use super::links::Links;
use super::{file_name, sorted_entries};
use crate::course_files::FoundFile;
use crate::diagnostic::Diagnostic;

/// The files under `dir`, a `files/` folder of the unit `unit` (or of the course), by name.
pub fn walk(
    dir: &Path,
    unit: Option<&str>,
    links: &Links,
    errors: &mut Vec<Diagnostic>,
) -> Vec<FoundFile> {
    let mut out = Vec::new();
    walk_into(dir, "", unit, links, errors, &mut out);
    out
}

fn walk_into(
    dir: &Path,
    prefix: &str,
    unit: Option<&str>,
    links: &Links,
    errors: &mut Vec<Diagnostic>,
    out: &mut Vec<FoundFile>,
) {
    for entry in sorted_entries(dir, links, errors) {
        let path = entry.path();
        let name = file_name(path);
        if let Some(problem) = name_problem(&name, path.is_dir()) {
            errors.push(problem.in_file(path));
            continue;
        }
        let inside = format!("{prefix}{name}");
        if path.is_dir() {
            walk_into(path, &format!("{inside}/"), unit, links, errors, out);
        } else if path.is_file() {
            out.push(FoundFile {
                unit: unit.map(str::to_string),
                name: inside,
                path: path.to_path_buf(),
            });
        }
    }
}

/// What is wrong with `name` as a file or folder name in a web address, if anything.
fn name_problem(name: &str, folder: bool) -> Option<Diagnostic> {
    let safe = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c);
    if !name.chars().all(safe) {
        let what = if folder { "folder" } else { "file" };
        return Some(
            Diagnostic::error(format!("`{name}` cannot be used in a web address as it is")).help(
                format!(
                    "rename the {what} `{}`: lower-case letters, digits, dashes, dots and \
                     underscores only",
                    web_safe(name)
                ),
            ),
        );
    }
    if !folder && crate::routes::smaller_copy(name).is_some() {
        return Some(
            Diagnostic::error(format!(
                "`{name}` ends as the smaller copies unitpress makes of pictures are named"
            ))
            .help("rename it so that it does not end in a dash, a number and w (e.g. -480w)"),
        );
    }
    None
}

/// `name` made web-safe: lower case, accents and other characters as dashes, no dashes twice.
pub fn web_safe(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_alphanumeric() || "._".contains(c) {
            c
        } else {
            '-'
        };
        if !(c == '-' && (out.is_empty() || out.ends_with(['-', '.']))) {
            out.push(c);
        }
    }
    out.replace("-.", ".").trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_web_safe() {
        assert_eq!(web_safe("Shop Front (good).JPG"), "shop-front-good.jpg");
        assert_eq!(
            web_safe("Self-review  template.docx"),
            "self-review-template.docx"
        );
        assert_eq!(web_safe("Café menu.pdf"), "caf-menu.pdf");
    }

    #[test]
    fn unsafe_and_reserved_names_are_refused() {
        assert!(name_problem("chain.svg", false).is_none());
        assert!(name_problem("diagrams", true).is_none());
        let e = name_problem("Chain Diagram.svg", false).unwrap();
        assert!(e.help.unwrap().contains("chain-diagram.svg"));
        assert!(name_problem("photo-480w.jpg", false).is_some());
        assert!(name_problem("photo-480w", true).is_none());
    }
}
