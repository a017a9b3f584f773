//! `unitpress new unit <slug>`: a new unit folder with a commented example of every kind of
//! file, every placeholder marked `TODO` so that `check` lists what is left to write. The unit is
//! valid as it stands: it passes `check` (with warnings) and builds. `unitpress new site` is in
//! [`new_site`](mod@new_site).

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::model::ids::is_valid_slug;

pub mod new_site;
pub use new_site::{new_site, Shape};

/// The files of a new unit: (path in the unit folder, text with `{{…}}` fields).
const FILES: [(&str, &str); 10] = [
    ("unit.md", include_str!("scaffold/unit.md")),
    ("criteria.toml", include_str!("scaffold/criteria.toml")),
    ("outcomes/1.md", include_str!("scaffold/outcomes/1.md")),
    ("delivery/1.md", include_str!("scaffold/delivery/1.md")),
    (
        "knowledge/first-topic.md",
        include_str!("scaffold/knowledge/first-topic.md"),
    ),
    (
        "assessment/scenario.md",
        include_str!("scaffold/assessment/scenario.md"),
    ),
    ("quizzes/p1.toml", include_str!("scaffold/quizzes/p1.toml")),
    (
        "briefs/assignment.md",
        include_str!("scaffold/briefs/assignment.md"),
    ),
    ("notes/p1.md", include_str!("scaffold/notes/p1.md")),
    ("evidence.md", include_str!("scaffold/evidence.md")),
];

/// The command verbs the example criteria start with, by grade band, in order of preference;
/// the first one listed in command-verbs.toml is used.
const VERBS: [&[&str]; 3] = [
    &["describe", "identify", "outline", "explain"],
    &["explain", "analyse", "compare", "describe"],
    &["evaluate", "justify", "analyse", "assess", "explain"],
];

/// Creates `units/<slug>/` in the content folder `content` and returns the files written. The
/// folder appears whole or not at all, and an existing one is never touched.
pub fn new_unit(content: &Path, slug: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    if !is_valid_slug(slug) {
        return Err(
            Diagnostic::error(format!("`{slug}` cannot be a unit folder name"))
                .help("use lower-case letters, digits and dashes only, e.g. unit-12"),
        );
    }
    let verbs_file = content.join("command-verbs.toml");
    if !content.join("site.toml").is_file() || !verbs_file.is_file() {
        return Err(Diagnostic::error(
            "this is not a content folder: site.toml or command-verbs.toml is missing",
        )
        .in_file(content)
        .help("run unitpress from the course folder, or pass --content DIR"));
    }
    let units = content.join("units");
    let target = units.join(slug);
    if target.exists() {
        return Err(
            Diagnostic::error(format!("the unit folder `{slug}` already exists"))
                .in_file(&target)
                .help("choose another name; unitpress never writes over an existing unit"),
        );
    }
    let listed = listed_verbs(&verbs_file);
    let order = fs::read_dir(&units).map_or(0, |d| d.count()) + 1;
    let fields = [
        ("{{slug}}", slug.to_string()),
        ("{{order}}", order.to_string()),
        ("{{pass_verb}}", capitalised(pick(VERBS[0], &listed))),
        ("{{merit_verb}}", capitalised(pick(VERBS[1], &listed))),
        ("{{distinction_verb}}", capitalised(pick(VERBS[2], &listed))),
    ];
    let staging = units.join(format!(".{slug}.new-{}", std::process::id()));
    let written = write_files(&staging, &fields).and_then(|_| fs::rename(&staging, &target));
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(
            Diagnostic::error(format!("cannot create the unit folder: {e}"))
                .in_file(&target)
                .help("check that you may write to the units folder"),
        );
    }
    Ok(FILES.iter().map(|(rel, _)| target.join(rel)).collect())
}

fn write_files(dir: &Path, fields: &[(&str, String)]) -> std::io::Result<()> {
    for (rel, template) in FILES {
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

/// The verbs listed in command-verbs.toml; empty when it cannot be read (then `check` says why).
fn listed_verbs(path: &Path) -> Vec<String> {
    #[derive(Deserialize)]
    struct File {
        #[serde(default)]
        verb: Vec<Verb>,
    }
    #[derive(Deserialize)]
    struct Verb {
        word: String,
    }
    fs::read_to_string(path)
        .ok()
        .and_then(|t| toml::from_str::<File>(&t).ok())
        .map(|f| f.verb.into_iter().map(|v| v.word).collect())
        .unwrap_or_default()
}

/// The first of `preferred` that is listed, else the first listed verb, else the first preferred.
fn pick<'a>(preferred: &[&'a str], listed: &'a [String]) -> &'a str {
    preferred
        .iter()
        .copied()
        .find(|p| listed.iter().any(|l| l == p))
        .or(listed.first().map(String::as_str))
        .unwrap_or(preferred[0])
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_a_listed_verb() {
        let listed = vec!["analyse".to_string(), "state".to_string()];
        assert_eq!(pick(VERBS[0], &listed), "analyse");
        assert_eq!(pick(VERBS[1], &listed), "analyse");
        assert_eq!(pick(&["describe"], &[]), "describe");
        assert_eq!(capitalised("describe"), "Describe");
    }

    #[test]
    fn refuses_bad_slugs_and_existing_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path();
        assert!(new_unit(content, "Unit 1").is_err());
        assert!(new_unit(content, "u1").is_err(), "no site.toml");
        fs::write(content.join("site.toml"), "").unwrap();
        fs::write(content.join("command-verbs.toml"), "").unwrap();
        fs::create_dir_all(content.join("units/u1")).unwrap();
        let e = new_unit(content, "u1").unwrap_err();
        assert!(e.message.contains("already exists"), "{e}");
        let files = new_unit(content, "u2").unwrap();
        assert!(files.iter().all(|f| f.is_file()));
        assert_eq!(fs::read_dir(content.join("units")).unwrap().count(), 2);
    }
}
