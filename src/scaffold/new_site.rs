//! `unitpress new site <dir>`: a starter course that builds, serves and passes `check` with no
//! problem at all: a commented site.toml and command-verbs.toml, one small example unit of the
//! chosen shape, a README for the teacher, and the files that publish it on GitHub Pages and
//! GitLab Pages.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The kinds of unit a course can hold; the example unit of a new site is one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StarterShape {
    /// Pass, merit and distinction criteria, an assignment brief and an assessment scenario.
    #[default]
    Graded,
    /// Criteria met or not yet met at work (1.1, 1.2 …), with evidence requirements.
    Competence,
    /// A National Occupational Standard: performance criteria and knowledge statements.
    Standard,
}

impl StarterShape {
    /// The word used for it in unit.md's `grading` and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            StarterShape::Graded => "graded",
            StarterShape::Competence => "competence",
            StarterShape::Standard => "standard",
        }
    }
}

/// The example unit's folder under content/units/.
pub const EXAMPLE_UNIT: &str = "first-unit";

/// Files every new site has: (path in the site folder, text with `{{…}}` fields).
const COMMON: [(&str, &str); 6] = [
    ("README.md", include_str!("starter/README.md")),
    (".gitignore", include_str!("starter/gitignore")),
    (
        ".github/workflows/publish.yml",
        include_str!("starter/publish.yml"),
    ),
    (".gitlab-ci.yml", include_str!("starter/gitlab-ci.yml")),
    ("content/site.toml", include_str!("starter/site.toml")),
    (
        "content/command-verbs.toml",
        include_str!("starter/command-verbs.toml"),
    ),
];

/// The example unit of each shape: (path in the unit folder, text).
const GRADED: &[(&str, &str)] = &[
    ("unit.md", include_str!("starter/graded/unit.md")),
    (
        "criteria.toml",
        include_str!("starter/graded/criteria.toml"),
    ),
    (
        "outcomes/1.md",
        include_str!("starter/graded/outcomes/1.md"),
    ),
    (
        "delivery/1.md",
        include_str!("starter/graded/delivery/1.md"),
    ),
    (
        "knowledge/hazards-and-risks.md",
        include_str!("starter/graded/knowledge/hazards-and-risks.md"),
    ),
    (
        "knowledge/controlling-risks.md",
        include_str!("starter/graded/knowledge/controlling-risks.md"),
    ),
    (
        "quizzes/p1.toml",
        include_str!("starter/graded/quizzes/p1.toml"),
    ),
    (
        "quizzes/m1.toml",
        include_str!("starter/graded/quizzes/m1.toml"),
    ),
    (
        "quizzes/d1.toml",
        include_str!("starter/graded/quizzes/d1.toml"),
    ),
    (
        "assessment/safety-check.md",
        include_str!("starter/graded/assessment/safety-check.md"),
    ),
    (
        "briefs/safety-check.md",
        include_str!("starter/graded/briefs/safety-check.md"),
    ),
];

const COMPETENCE: &[(&str, &str)] = &[
    ("unit.md", include_str!("starter/competence/unit.md")),
    (
        "criteria.toml",
        include_str!("starter/competence/criteria.toml"),
    ),
    (
        "outcomes/1.md",
        include_str!("starter/competence/outcomes/1.md"),
    ),
    (
        "outcomes/2.md",
        include_str!("starter/competence/outcomes/2.md"),
    ),
    (
        "knowledge/hazards-at-work.md",
        include_str!("starter/competence/knowledge/hazards-at-work.md"),
    ),
    (
        "knowledge/reporting-hazards.md",
        include_str!("starter/competence/knowledge/reporting-hazards.md"),
    ),
    (
        "quizzes/1-1.toml",
        include_str!("starter/competence/quizzes/1-1.toml"),
    ),
    (
        "quizzes/1-2.toml",
        include_str!("starter/competence/quizzes/1-2.toml"),
    ),
    (
        "quizzes/2-1.toml",
        include_str!("starter/competence/quizzes/2-1.toml"),
    ),
    (
        "evidence.md",
        include_str!("starter/competence/evidence.md"),
    ),
];

const STANDARD: &[(&str, &str)] = &[
    ("unit.md", include_str!("starter/standard/unit.md")),
    (
        "criteria.toml",
        include_str!("starter/standard/criteria.toml"),
    ),
    (
        "outcomes/1.md",
        include_str!("starter/standard/outcomes/1.md"),
    ),
    (
        "outcomes/2.md",
        include_str!("starter/standard/outcomes/2.md"),
    ),
    (
        "knowledge/hazards-at-work.md",
        include_str!("starter/standard/knowledge/hazards-at-work.md"),
    ),
    (
        "knowledge/reporting-hazards.md",
        include_str!("starter/standard/knowledge/reporting-hazards.md"),
    ),
    (
        "quizzes/p1.toml",
        include_str!("starter/standard/quizzes/p1.toml"),
    ),
    (
        "quizzes/p2.toml",
        include_str!("starter/standard/quizzes/p2.toml"),
    ),
    (
        "quizzes/k1.toml",
        include_str!("starter/standard/quizzes/k1.toml"),
    ),
];

/// Creates a starter course in `dir` and returns the files written. `dir` must not exist, or be
/// empty apart from a `.git` folder (a fresh clone of an empty repository). The course is made
/// in a folder beside or inside `dir` and moved into place whole, so it appears whole or not at
/// all.
pub fn new_site(dir: &Path, shape: StarterShape) -> Result<Vec<PathBuf>, Diagnostic> {
    refuse_a_used_folder(dir)?;
    let files = files_of(shape);
    let fields = [
        ("{{title}}", toml_string(&course_title(dir))),
        ("{{plain_title}}", course_title(dir)),
        ("{{version}}", env!("CARGO_PKG_VERSION").to_string()),
    ];
    let cannot = |e: std::io::Error| {
        Diagnostic::error(format!("cannot create the course folder: {e}"))
            .in_file(dir)
            .help("check that you may write to the folder it goes in")
    };
    fs::create_dir_all(dir).map_err(cannot)?;
    let staging = dir.join(format!(".unitpress-new-{}", std::process::id()));
    let written = write_files(&staging, &files, &fields).and_then(|()| move_up(&staging, dir));
    let _ = fs::remove_dir_all(&staging);
    if let Err(e) = written {
        for top in [
            "README.md",
            ".gitignore",
            ".github",
            ".gitlab-ci.yml",
            "content",
        ] {
            let _ = remove(&dir.join(top));
        }
        return Err(cannot(e));
    }
    Ok(files.iter().map(|(rel, _)| dir.join(rel)).collect())
}

fn refuse_a_used_folder(dir: &Path) -> Result<(), Diagnostic> {
    let Ok(entries) = fs::read_dir(dir) else {
        if dir.exists() {
            return Err(Diagnostic::error("this is not a folder")
                .in_file(dir)
                .help("give the name of a new folder, e.g. unitpress new site my-course"));
        }
        return Ok(());
    };
    let mut used: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".git")
        .collect();
    if used.is_empty() {
        return Ok(());
    }
    used.sort();
    Err(Diagnostic::error(format!(
        "the folder is not empty (it holds {}); unitpress never writes over files",
        used.join(", ")
    ))
    .in_file(dir)
    .help("give the name of a new folder, e.g. unitpress new site my-course"))
}

/// The common files and the example unit of `shape`, with their paths in the site folder.
fn files_of(shape: StarterShape) -> Vec<(String, &'static str)> {
    let unit = match shape {
        StarterShape::Graded => GRADED,
        StarterShape::Competence => COMPETENCE,
        StarterShape::Standard => STANDARD,
    };
    let common = COMMON.iter().map(|(rel, text)| (rel.to_string(), *text));
    let unit = unit
        .iter()
        .map(|(rel, text)| (format!("content/units/{EXAMPLE_UNIT}/{rel}"), *text));
    common.chain(unit).collect()
}

fn write_files(
    dir: &Path,
    files: &[(String, &str)],
    fields: &[(&str, String)],
) -> std::io::Result<()> {
    for (rel, template) in files {
        let text = fields
            .iter()
            .fold(template.to_string(), |t, (k, v)| t.replace(k, v));
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)?;
    }
    Ok(())
}

/// Moves each entry of `staging` into `dir`, its parent.
fn move_up(staging: &Path, dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(staging)? {
        let entry = entry?;
        fs::rename(entry.path(), dir.join(entry.file_name()))?;
    }
    Ok(())
}

fn remove(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// The course title made from the folder's name: `my-course` → "My course".
fn course_title(dir: &Path) -> String {
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = name.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "My course".to_string(),
    }
}

/// `text` as a TOML basic string, quotes and backslashes escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_folder_name() {
        assert_eq!(course_title(Path::new("my-course")), "My course");
        assert_eq!(course_title(Path::new("/tmp/plumbing_l2")), "Plumbing l2");
        // Any folder name becomes a TOML string that reads back as itself.
        for name in ["A \"quoted\" \\ name", "It's 'mine'", "both ' and \""] {
            let line = format!("title = {}", toml_string(name));
            let table: toml::Table = toml::from_str(&line).unwrap();
            assert_eq!(table["title"].as_str(), Some(name), "{line}");
        }
    }

    #[test]
    fn an_empty_folder_or_a_fresh_clone_is_used_and_a_used_one_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let clone = tmp.path().join("clone");
        fs::create_dir_all(clone.join(".git")).unwrap();
        let files = new_site(&clone, StarterShape::Competence).unwrap();
        assert!(files.iter().all(|f| f.is_file()), "{files:?}");
        assert!(clone.join("content/units/first-unit/evidence.md").is_file());
        let leftovers: Vec<_> = fs::read_dir(&clone)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".unitpress"))
            .collect();
        assert!(leftovers.is_empty(), "the staging folder is removed");

        let e = new_site(&clone, StarterShape::Graded).unwrap_err();
        assert!(e.message.contains("not empty"), "{e}");
        let file = tmp.path().join("a-file");
        fs::write(&file, "x").unwrap();
        assert!(new_site(&file, StarterShape::Graded).is_err());
        assert_eq!(fs::read_to_string(&file).unwrap(), "x");
    }
}
