//! Shared by the question bank tests (tests/moodle_xml.rs, tests/gift.rs): the bundled course,
//! an export of it, and Moodle's rules for grades.

use std::fs;

use unitpress::model::{Course, Question, Unit};

use super::{decode_entities, repo, unitpress, Run};

/// Moodle's grades (question_bank::fraction_options), as fractions; the negative of each is
/// allowed too. Written out here rather than taken from unitpress, to check it.
pub const MOODLE_GRADES: [f64; 21] = [
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
];

/// The bundled course, loaded and checked as `build` loads it.
pub fn course() -> Course {
    unitpress::site::load_course(&repo().join("content")).expect("the bundled course loads")
}

/// Every question of the course with its id number (`unit/criterion/question`).
pub fn questions(course: &Course) -> Vec<(String, &Unit, &Question)> {
    let mut out = Vec::new();
    for unit in &course.units {
        for quiz in &unit.quizzes {
            for q in &quiz.questions {
                out.push((
                    format!("{}/{}/{}", unit.slug, quiz.criterion, q.id),
                    unit,
                    q,
                ));
            }
        }
    }
    out
}

/// Runs `unitpress export FORMAT` on the bundled course; returns the run and the file written.
pub fn export(format: &str, extra: &[&str]) -> (Run, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bank");
    let mut args: Vec<&std::ffi::OsStr> = vec!["--out".as_ref(), out.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let run = unitpress(&["export", format], &repo().join("content"), &args);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let text = fs::read_to_string(&out).unwrap();
    (run, text)
}

/// HTML the exporter made from plain text (`<p>…</p>` or bare), back to that text.
pub fn plain(html: &str) -> String {
    let inner = html.trim();
    let inner = inner
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(inner);
    decode_entities(inner)
}

pub fn on_moodles_list(percent: f64) -> bool {
    MOODLE_GRADES
        .iter()
        .any(|g| (g - (percent / 100.0).abs()).abs() < 0.00001)
}

/// The grades of a select-all question's options as Moodle checks them: each on its list,
/// positive exactly for the right options and adding up to 100% (rounded to two decimals, as
/// qtype_multichoice does), and ticking every option scoring nothing.
pub fn check_select_all(id: &str, correct: &[bool], percents: &[f64]) {
    assert_eq!(correct.len(), percents.len(), "{id}");
    for (c, p) in correct.iter().zip(percents) {
        assert!(
            on_moodles_list(*p),
            "{id}: {p}% is not one of Moodle's grades"
        );
        assert_eq!(*c, *p > 0.0, "{id}: {p}% on an option that is right: {c}");
    }
    let right: f64 = percents.iter().filter(|p| **p > 0.0).sum::<f64>() / 100.0;
    assert_eq!(
        (right * 100.0).round(),
        100.0,
        "{id}: right options add up to {right}"
    );
    let all: f64 = percents.iter().sum();
    assert!(all <= 0.001, "{id}: ticking every option scores {all}%");
}

/// Escapes text as the exporter does for HTML.
pub fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
