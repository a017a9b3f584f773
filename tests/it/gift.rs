//! The bundled course's GIFT question bank, parsed by npm's gift-pegjs, a GIFT parser unitpress
//! shares nothing with: the same questions, answers, weights and feedback must come back, and
//! the ordering questions GIFT cannot hold must be reported.

use std::collections::HashMap;
use std::fs;
use std::process::Command;

use crate::common::banks::*;
use crate::common::{repo, tools, unitpress};
use serde_json::Value;
use unitpress::model::QuestionKind;

/// The GIFT file as gift-pegjs reads it.
fn gift_pegjs(text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank.txt");
    fs::write(&file, text).unwrap();
    let out = Command::new("node")
        .arg(repo().join("tests/browser/gift-parse.mjs"))
        .arg(&file)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn gift_by_id(parsed: &[Value]) -> HashMap<String, &Value> {
    parsed
        .iter()
        .filter(|q| q["type"] != "Category")
        .map(|q| {
            (
                q["id"]
                    .as_str()
                    .expect("every question has an id")
                    .to_string(),
                q,
            )
        })
        .collect()
}

/// A matching answer as gift-pegjs reads it. For an escaped colon there, gift-pegjs 1.0.2
/// leaves its own placeholder, `&&058;`, where Moodle's importer puts the colon back.
fn subanswer(pair: &Value) -> String {
    pair["subanswer"].as_str().unwrap().replace("&&058;", ":")
}

#[test]
fn gift_of_the_bundled_course_parses_into_the_same_questions() {
    if !tools::node_ready() {
        return;
    }
    let (run, text) = export("gift", &[]);
    let parsed = gift_pegjs(&text);
    let found = gift_by_id(&parsed);
    let course = course();
    let mut left_out = Vec::new();
    for (id, unit, q) in questions(&course) {
        let Some(g) = found.get(&id) else {
            assert!(
                matches!(q.kind, QuestionKind::Order { .. }),
                "{id} is missing"
            );
            left_out.push(format!(
                "unit `{}`, {} quiz: `{}`",
                unit.slug,
                id.split('/').nth(1).unwrap(),
                q.id
            ));
            continue;
        };
        let criterion = id.rsplit_once('/').unwrap().0;
        assert_eq!(g["tags"], serde_json::json!([unit.slug, criterion]), "{id}");
        assert_eq!(plain(g["stem"]["text"].as_str().unwrap()), q.prompt, "{id}");
        let general = g["globalFeedback"]["text"].as_str().unwrap_or("");
        if let Some(e) = &q.explanation {
            assert!(
                general.contains(&format!("<p>{}</p>", html(e))),
                "{id}: {general}"
            );
        }
        match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                assert_eq!(g["type"], "MC", "{id}");
                let choices = g["choices"].as_array().unwrap();
                assert_eq!(choices.len(), options.len(), "{id}");
                for (c, o) in choices.iter().zip(options) {
                    assert_eq!(plain(c["text"]["text"].as_str().unwrap()), o.text, "{id}");
                    assert_eq!(
                        plain(c["feedback"]["text"].as_str().unwrap()),
                        o.feedback,
                        "{id}"
                    );
                }
                let correct: Vec<bool> = options.iter().map(|o| o.correct).collect();
                if matches!(q.kind, QuestionKind::Single { .. }) {
                    let marked: Vec<bool> =
                        choices.iter().map(|c| c["isCorrect"] == true).collect();
                    assert_eq!(marked, correct, "{id}");
                } else {
                    let weights: Vec<f64> = choices
                        .iter()
                        .map(|c| c["weight"].as_f64().unwrap())
                        .collect();
                    check_select_all(&id, &correct, &weights);
                }
            }
            QuestionKind::TrueFalse { answer } => {
                assert_eq!(g["type"], "TF", "{id}");
                assert_eq!(g["isTrue"], *answer, "{id}");
            }
            QuestionKind::Match { pairs } => {
                assert_eq!(g["type"], "Matching", "{id}");
                let read: Vec<(String, String)> = g["matchPairs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        (
                            plain(p["subquestion"]["text"].as_str().unwrap()),
                            subanswer(p),
                        )
                    })
                    .collect();
                let expected: Vec<(String, String)> = pairs
                    .iter()
                    .map(|p| (p.left.clone(), p.right.clone()))
                    .collect();
                assert_eq!(read, expected, "{id}");
            }
            QuestionKind::Written {
                model_answer,
                checklist,
            } => {
                assert_eq!(g["type"], "Essay", "{id}");
                assert!(
                    general.starts_with(model_answer.html.trim()),
                    "{id}: {general}"
                );
                for point in checklist {
                    let li = format!("<li>{}</li>", html(point));
                    assert!(general.contains(&li), "{id}: {point} after answering");
                }
            }
            QuestionKind::Order { .. } => panic!("{id}: GIFT has no ordering type"),
        }
    }
    assert!(!left_out.is_empty());
    let warning = run
        .stderr
        .lines()
        .find(|l| l.starts_with("warning:"))
        .unwrap_or("");
    assert!(
        warning.contains(&format!("so {} were left out", left_out.len())),
        "{}",
        run.show()
    );
    for q in &left_out {
        assert!(
            run.stderr.contains(q.as_str()),
            "{q} is not reported\n{}",
            run.show()
        );
    }
    let again = gift_by_id(&gift_pegjs(&export("gift", &["--ordering", "matching"]).1)).len();
    assert_eq!(
        again,
        questions(&course).len(),
        "--ordering matching keeps every question"
    );
}

#[test]
fn gift_escapes_what_would_break_a_question() {
    if !tools::node_ready() {
        return;
    }
    // A copy of the minimal fixture whose first question holds every character GIFT treats
    // specially, an arrow, and a line break.
    let tricky = "Which {part} = first? ~ # : -> \\\\ [html] %50%";
    let tmp = crate::common::fixture_with(&[(
        "units/demo-unit/quizzes/p1.toml",
        "prompt = \"Which part of a demo comes first?\"",
        &format!("prompt = \"{tricky}\\nsecond line\""),
    )]);
    let out = tmp.path().join("bank.txt");
    let run = unitpress(
        &["export", "gift"],
        &tmp.path().join("content"),
        &["--out".as_ref(), out.as_os_str()],
    );
    assert_eq!(run.code, Some(0), "{}", run.show());
    let parsed = gift_pegjs(&fs::read_to_string(&out).unwrap());
    let found = gift_by_id(&parsed);
    let q = found["demo-unit/P1/first-part"];
    let expected = "Which {part} = first? ~ # : -> \\ [html] %50%\nsecond line";
    assert_eq!(plain(q["stem"]["text"].as_str().unwrap()), expected);
    assert_eq!(q["choices"].as_array().unwrap().len(), 2);
}
