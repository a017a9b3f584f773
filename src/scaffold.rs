//! `unitpress new unit <slug> --shape …`: a new unit folder of one of the common shapes of UK
//! vocational units, with a commented example of every kind of file, every placeholder marked
//! `TODO` so that `check` lists what is left to write. The unit is valid as it stands: it passes
//! `check` (with warnings) and builds. Its number and home-page order come from the folder name
//! where it has one (`unit-12`, `r064`), else they are placeholders too. `unitpress new site` is in
//! [`new_site`](mod@new_site).

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::load::values::capitalised;
use crate::model::ids::{is_valid_slug, slug_for_id};

pub mod new_site;
pub use new_site::{new_site, StarterShape};

/// The shapes a new unit can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Pass, merit and distinction criteria under numbered learning outcomes (Cambridge
    /// Technicals).
    Graded,
    /// Learning aims A, B … with criteria named after them, one drawing two aims together (BTEC
    /// Nationals).
    Aims,
    /// Criteria met or not yet met (NVQ and other competence units).
    Competence,
    /// An occupational standard: performance criteria and knowledge (NOS, apprenticeships).
    Standard,
    /// Marking criteria in mark bands, summed to a total (Cambridge Nationals).
    Marks,
}

/// What a shape writes: its own files, and the facts the shared files are filled in with.
struct ShapeFiles {
    /// (path in the unit folder, template).
    own: &'static [(&'static str, &'static str)],
    /// The first outcome's id, and how TOML writes it.
    outcome_id: &'static str,
    outcome: &'static str,
    term: &'static str,
    criteria: &'static [&'static str],
    /// The brief's `[teacher]` keys beside `guidance`.
    teacher_grades: &'static str,
}

const GRADES: &str = "pass = \"TODO: what a pass response looks like\"\nmerit = \"TODO: what a merit response looks like\"\ndistinction = \"TODO: what a distinction response looks like\"\n";

impl Shape {
    fn files(self) -> ShapeFiles {
        match self {
            Shape::Graded => ShapeFiles {
                own: &[
                    ("unit.md", include_str!("scaffold/graded/unit.md")),
                    (
                        "criteria.toml",
                        include_str!("scaffold/graded/criteria.toml"),
                    ),
                    (
                        "outcomes/1.md",
                        include_str!("scaffold/graded/outcome-1.md"),
                    ),
                ],
                outcome_id: "1",
                outcome: "1",
                term: "learning outcome",
                criteria: &["P1", "M1", "D1"],
                teacher_grades: GRADES,
            },
            Shape::Aims => ShapeFiles {
                own: &[
                    ("unit.md", include_str!("scaffold/aims/unit.md")),
                    ("criteria.toml", include_str!("scaffold/aims/criteria.toml")),
                    ("outcomes/A.md", include_str!("scaffold/aims/outcome-A.md")),
                    ("outcomes/B.md", include_str!("scaffold/aims/outcome-B.md")),
                ],
                outcome_id: "A",
                outcome: "\"A\"",
                term: "learning aim",
                criteria: &["A.P1", "A.M1", "B.P2", "AB.D1"],
                teacher_grades: GRADES,
            },
            Shape::Competence => ShapeFiles {
                own: &[
                    ("unit.md", include_str!("scaffold/competence/unit.md")),
                    (
                        "criteria.toml",
                        include_str!("scaffold/competence/criteria.toml"),
                    ),
                    (
                        "outcomes/1.md",
                        include_str!("scaffold/competence/outcome-1.md"),
                    ),
                ],
                outcome_id: "1",
                outcome: "1",
                term: "learning outcome",
                criteria: &["1.1", "1.2"],
                teacher_grades: "",
            },
            Shape::Standard => ShapeFiles {
                own: &[
                    ("unit.md", include_str!("scaffold/standard/unit.md")),
                    (
                        "criteria.toml",
                        include_str!("scaffold/standard/criteria.toml"),
                    ),
                    (
                        "outcomes/1.md",
                        include_str!("scaffold/standard/outcome-1.md"),
                    ),
                ],
                outcome_id: "1",
                outcome: "1",
                term: "learning outcome",
                criteria: &["P1", "K1"],
                teacher_grades: "",
            },
            Shape::Marks => ShapeFiles {
                own: &[
                    ("unit.md", include_str!("scaffold/marks/unit.md")),
                    (
                        "criteria.toml",
                        include_str!("scaffold/marks/criteria.toml"),
                    ),
                    ("outcomes/1.md", include_str!("scaffold/marks/outcome-1.md")),
                ],
                outcome_id: "1",
                outcome: "1",
                term: "task",
                criteria: &["1a", "1b"],
                teacher_grades: "",
            },
        }
    }
}

/// The files every shape writes, their paths and text filled in from the shape's facts.
const SHARED: [(&str, &str); 7] = [
    (
        "delivery/{{outcome_id}}.md",
        include_str!("scaffold/delivery.md"),
    ),
    (
        "knowledge/first-topic.md",
        include_str!("scaffold/knowledge.md"),
    ),
    (
        "assessment/scenario.md",
        include_str!("scaffold/scenario.md"),
    ),
    (
        "quizzes/{{first_slug}}.toml",
        include_str!("scaffold/quiz.toml"),
    ),
    ("briefs/assignment.md", include_str!("scaffold/brief.md")),
    ("notes/{{first_slug}}.md", include_str!("scaffold/notes.md")),
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
pub fn new_unit(content: &Path, slug: &str, shape: Shape) -> Result<Vec<PathBuf>, Diagnostic> {
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
    let count = fs::read_dir(&units).map_or(0, |d| d.count()) + 1;
    let number_lines = match number_of(slug) {
        Some((number, order)) => format!(
            "unit_number = \"{number}\"{}# as the specification writes it (from the folder name)\n\
             order = {order}{}# position on the home page",
            pad(&format!("unit_number = \"{number}\"")),
            pad(&format!("order = {order}")),
        ),
        None => format!(
            "unit_number = \"TODO\"                       # TODO: the unit's number in the qualification\n\
             order = {count}{}# TODO: position on the home page",
            pad(&format!("order = {count}")),
        ),
    };
    let f = shape.files();
    let quoted = |ids: &[&str]| {
        let items: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
        format!("[{}]", items.join(", "))
    };
    let (first, rest) = f.criteria.split_first().unwrap_or((&"P1", &[]));
    let fields = [
        ("{{number_lines}}", number_lines),
        ("{{slug}}", slug.to_string()),
        ("{{outcome_id}}", f.outcome_id.to_string()),
        ("{{outcome}}", f.outcome.to_string()),
        ("{{term}}", f.term.to_string()),
        ("{{criteria}}", quoted(f.criteria)),
        ("{{first}}", first.to_string()),
        ("{{first_slug}}", slug_for_id(first)),
        ("{{rest}}", quoted(rest)),
        ("{{rest_words}}", in_words(rest)),
        ("{{teacher_grades}}", f.teacher_grades.to_string()),
        ("{{pass_verb}}", capitalised(pick(VERBS[0], &listed))),
        ("{{merit_verb}}", capitalised(pick(VERBS[1], &listed))),
        ("{{distinction_verb}}", capitalised(pick(VERBS[2], &listed))),
    ];
    let fill = |text: &str| {
        fields
            .iter()
            .fold(text.to_string(), |t, (k, v)| t.replace(k, v))
    };
    let files: Vec<(String, String)> = f
        .own
        .iter()
        .chain(SHARED.iter())
        .map(|(rel, template)| (fill(rel), fill(template)))
        .collect();
    let staging = units.join(format!(".{slug}.new-{}", std::process::id()));
    let written = write_files(&staging, &files).and_then(|_| fs::rename(&staging, &target));
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(
            Diagnostic::error(format!("cannot create the unit folder: {e}"))
                .in_file(&target)
                .help("check that you may write to the units folder"),
        );
    }
    Ok(files.iter().map(|(rel, _)| target.join(rel)).collect())
}

fn write_files(dir: &Path, files: &[(String, String)]) -> std::io::Result<()> {
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)?;
    }
    Ok(())
}

/// The unit number and home-page order a folder name gives: the last of its dash-separated
/// parts that holds digits, as the specification would write it (`unit-12` → 12, `r064` →
/// R064, ordered 64). None when the name holds no digits.
fn number_of(slug: &str) -> Option<(String, u64)> {
    let part = slug
        .split('-')
        .rev()
        .find(|p| p.chars().any(|c| c.is_ascii_digit()))?;
    let digits: String = part
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let order: u64 = digits.parse().ok()?;
    let number = if part.chars().all(|c| c.is_ascii_digit()) {
        order.to_string()
    } else {
        part.to_ascii_uppercase()
    };
    Some((number, order))
}

/// "A, B and C".
fn in_words(ids: &[&str]) -> String {
    match ids {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Spaces that line a comment up after `line`, as the other keys of unit.md are.
fn pad(line: &str) -> String {
    " ".repeat(43usize.saturating_sub(line.chars().count()).max(1))
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
    fn the_unit_number_comes_from_the_folder_name() {
        assert_eq!(number_of("unit-12"), Some(("12".into(), 12)));
        assert_eq!(number_of("unit-05"), Some(("5".into(), 5)));
        assert_eq!(number_of("r064"), Some(("R064".into(), 64)));
        assert_eq!(
            number_of("b15-customer-relations"),
            Some(("B15".into(), 15))
        );
        assert_eq!(number_of("customer-relations"), None);
    }

    #[test]
    fn refuses_bad_slugs_and_existing_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path();
        assert!(new_unit(content, "Unit 1", Shape::Graded).is_err());
        assert!(
            new_unit(content, "u1", Shape::Graded).is_err(),
            "no site.toml"
        );
        fs::write(content.join("site.toml"), "").unwrap();
        fs::write(content.join("command-verbs.toml"), "").unwrap();
        fs::create_dir_all(content.join("units/u1")).unwrap();
        let e = new_unit(content, "u1", Shape::Aims).unwrap_err();
        assert!(e.message.contains("already exists"), "{e}");
        let files = new_unit(content, "u2", Shape::Aims).unwrap();
        assert!(files.iter().all(|f| f.is_file()));
        assert_eq!(fs::read_dir(content.join("units")).unwrap().count(), 2);
    }
}
