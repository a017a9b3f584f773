//! The bundled course's Moodle XML question bank, checked well-formed by xmllint and read back
//! with quick-xml's reader as Moodle's importer reads it: every question of every type must come
//! back with its options, grades on Moodle's list, feedback, category, id number and tags.

use std::collections::HashMap;
use std::fs;
use std::process::Command;

use crate::common::banks::*;
use crate::common::decode_entities;
use crate::common::tools;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use unitpress::model::QuestionKind;

/// An XML element as Moodle's importer sees it: attributes, children, text with entities and
/// CDATA sections resolved.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: HashMap<String, String>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn get<'a>(&'a self, name: &'a str) -> &'a El {
        self.all(name)
            .next()
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    /// The trimmed text of `<name><text>…</text></name>`, as Moodle's importer reads it.
    fn text_of(&self, name: &str) -> String {
        self.get(name).get("text").text.trim().to_string()
    }

    fn value(&self, name: &str) -> String {
        self.get(name).text.trim().to_string()
    }
}

fn parse_xml(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        let event = reader.read_event().expect("the Moodle XML parses");
        let open = |e: &quick_xml::events::BytesStart| El {
            name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                    (
                        key,
                        a.normalized_value(XmlVersion::Explicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect(),
            ..El::default()
        };
        let top = stack.len() - 1;
        match event {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => stack[top].children.push(open(&e)),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => stack[top].text.push_str(&t.decode().unwrap()),
            Event::CData(t) => stack[top].text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap();
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => decode_entities(&format!("&{name};"))
                        .chars()
                        .next()
                        .unwrap(),
                };
                stack[top].text.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap()
}

/// Each question of a Moodle XML file by id number, with the id number of the category it is
/// filed in (the category question before it).
fn moodle_questions(quiz: &El) -> HashMap<String, (String, &El)> {
    let mut category = String::new();
    let mut out = HashMap::new();
    for q in quiz.all("question") {
        if q.attrs["type"] == "category" {
            assert!(q.text_of("category").starts_with("$course$/top/"));
            category = q
                .all("idnumber")
                .next()
                .map_or(String::new(), |i| i.text.clone());
        } else {
            let id = q.value("idnumber");
            assert!(
                out.insert(id.clone(), (category.clone(), q)).is_none(),
                "{id} twice"
            );
        }
    }
    out
}

#[test]
fn moodle_xml_of_the_bundled_course_holds_every_question_with_its_answers_and_feedback() {
    let (_, xml) = export("moodle-xml", &[]);
    if tools::ready("xmllint", "apt-get install libxml2-utils") {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bank.xml");
        fs::write(&file, &xml).unwrap();
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let doc = parse_xml(&xml);
    let quiz = doc.get("quiz");
    let found = moodle_questions(quiz);
    let course = course();
    let all = questions(&course);
    assert_eq!(found.len(), all.len(), "one Moodle question per question");
    let mut types: HashMap<&str, usize> = HashMap::new();
    for (id, unit, q) in &all {
        let (category, el) = found.get(id).unwrap_or_else(|| panic!("{id} is missing"));
        let criterion = id.rsplit_once('/').unwrap().0;
        assert_eq!(category, criterion, "{id} is filed under its criterion");
        let tags: Vec<String> = el.get("tags").all("tag").map(|t| t.value("text")).collect();
        assert_eq!(tags, [unit.slug.clone(), criterion.to_string()], "{id}");
        assert_eq!(plain(&el.text_of("questiontext")), q.prompt, "{id}");
        let general = el.text_of("generalfeedback");
        if let Some(e) = &q.explanation {
            assert!(
                general.contains(&format!("<p>{}</p>", html(e))),
                "{id}: {general}"
            );
        }
        let qtype = el.attrs["type"].as_str();
        *types.entry(qtype).or_default() += 1;
        match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                assert_eq!(qtype, "multichoice", "{id}");
                let single = matches!(q.kind, QuestionKind::Single { .. });
                assert_eq!(el.value("single"), single.to_string(), "{id}");
                let answers: Vec<&El> = el.all("answer").collect();
                assert_eq!(answers.len(), options.len(), "{id}");
                let mut percents = Vec::new();
                for (a, o) in answers.iter().zip(options) {
                    assert_eq!(plain(&a.get("text").text), o.text, "{id}");
                    assert_eq!(plain(&a.text_of("feedback")), o.feedback, "{id}");
                    percents.push(a.attrs["fraction"].parse::<f64>().unwrap());
                }
                let correct: Vec<bool> = options.iter().map(|o| o.correct).collect();
                if single {
                    let expected: Vec<f64> = correct
                        .iter()
                        .map(|c| if *c { 100.0 } else { 0.0 })
                        .collect();
                    assert_eq!(percents, expected, "{id}");
                } else {
                    check_select_all(id, &correct, &percents);
                }
            }
            QuestionKind::TrueFalse { answer } => {
                assert_eq!(qtype, "truefalse", "{id}");
                let right: Vec<String> = el
                    .all("answer")
                    .filter(|a| a.attrs["fraction"] == "100")
                    .map(|a| a.get("text").text.clone())
                    .collect();
                assert_eq!(right, [answer.to_string()], "{id}");
            }
            QuestionKind::Match { pairs } => {
                assert_eq!(qtype, "matching", "{id}");
                let read: Vec<(String, String)> = el
                    .all("subquestion")
                    .map(|s| (plain(&s.get("text").text), s.text_of("answer")))
                    .collect();
                let expected: Vec<(String, String)> = pairs
                    .iter()
                    .map(|p| (p.left.clone(), p.right.clone()))
                    .collect();
                assert_eq!(read, expected, "{id}");
            }
            QuestionKind::Order { items } => {
                assert_eq!(qtype, "ordering", "{id}");
                assert_eq!(el.value("gradingtype"), "ABSOLUTE_POSITION", "{id}");
                let read: Vec<String> = el
                    .all("answer")
                    .map(|a| plain(&a.get("text").text))
                    .collect();
                assert_eq!(&read, items, "{id}");
            }
            QuestionKind::Written {
                model_answer,
                checklist,
            } => {
                assert_eq!(qtype, "essay", "{id}");
                let grader = el.text_of("graderinfo");
                let template = el.text_of("responsetemplate");
                assert!(grader.contains(model_answer.html.trim()), "{id}: {grader}");
                assert!(
                    general.starts_with(model_answer.html.trim()),
                    "{id}: {general}"
                );
                for point in checklist {
                    let li = format!("<li>{}</li>", html(point));
                    assert!(grader.contains(&li), "{id}: {point} for graders");
                    assert!(general.contains(&li), "{id}: {point} after answering");
                    let prompt = format!("<p>{}:</p>", html(point));
                    assert!(
                        template.contains(&prompt),
                        "{id}: {point} in the answer box"
                    );
                }
            }
        }
    }
    for t in ["multichoice", "truefalse", "matching", "ordering", "essay"] {
        assert!(
            types.get(t).is_some_and(|n| *n > 0),
            "the course has no {t}: {types:?}"
        );
    }
}

#[test]
fn ordering_questions_become_matching_on_request() {
    let (_, xml) = export("moodle-xml", &["--ordering", "matching"]);
    let doc = parse_xml(&xml);
    let found = moodle_questions(doc.get("quiz"));
    let course = course();
    let mut seen = 0;
    for (id, _, q) in questions(&course) {
        let QuestionKind::Order { items } = &q.kind else {
            continue;
        };
        let el = found[&id].1;
        assert_eq!(el.attrs["type"], "matching", "{id}");
        let read: Vec<(String, String)> = el
            .all("subquestion")
            .map(|s| (plain(&s.get("text").text), s.text_of("answer")))
            .collect();
        let expected: Vec<(String, String)> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("Position {}", i + 1), item.clone()))
            .collect();
        assert_eq!(read, expected, "{id}");
        seen += 1;
    }
    assert!(seen > 0);
}
