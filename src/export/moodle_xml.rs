//! The question bank in Moodle XML, the format Moodle's own question export writes: every
//! question type the quizzes have, filed in categories by course, unit, learning outcome and
//! criterion. Text the learner sees is HTML in CDATA sections; names, paths and tags are plain
//! XML text.

use std::collections::BTreeMap;
use std::io;

use quick_xml::events::{BytesCData, BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::bank::{self, checklist_html, paragraph, Category, Entry, Filed};
use super::{fractions, html, xml_chars, Ordering, Written};
use crate::diagnostic::Diagnostic;
use crate::model::quiz::Choice;
use crate::model::{Course, QuestionKind, Unit};

type Xml = Writer<Vec<u8>>;

/// Writes the bank of `units` as a Moodle XML file.
pub(crate) fn write(
    course: &Course,
    units: &[&Unit],
    ordering: Ordering,
) -> Result<Written, Vec<Diagnostic>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut errors = Vec::new();
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    let mut categories = 0;
    let written = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| {
            w.create_element("quiz").write_inner_content(|w| {
                for entry in bank::entries(course, units) {
                    match entry {
                        Entry::Category(c) => {
                            categories += 1;
                            category(w, &c)?;
                        }
                        Entry::Question(f) => match question(w, &f, ordering)? {
                            Ok(qtype) => *types.entry(qtype).or_default() += 1,
                            Err(e) => errors.push(e),
                        },
                    }
                }
                Ok(())
            })
        });
    if let Err(e) = written {
        errors.push(Diagnostic::error(format!(
            "cannot write the Moodle XML: {e}"
        )));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    let total: usize = types.values().sum();
    let kinds: Vec<String> = types.iter().map(|(t, n)| format!("{n} {t}")).collect();
    Ok(Written {
        bytes,
        summary: format!(
            "{total} questions ({}) in {categories} categories",
            kinds.join(", ")
        ),
        warnings: Vec::new(),
    })
}

fn category(w: &mut Xml, c: &Category) -> io::Result<()> {
    w.create_element("question")
        .with_attribute(("type", "category"))
        .write_inner_content(|w| {
            w.create_element("category")
                .write_inner_content(|w| plain(w, "text", &c.path))?;
            rich(w, "info", &paragraph(&c.info))?;
            if let Some(id) = &c.idnumber {
                plain(w, "idnumber", id)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// Writes one question; returns the Moodle type it became, or why it cannot be graded.
fn question(
    w: &mut Xml,
    f: &Filed,
    ordering: Ordering,
) -> io::Result<Result<&'static str, Diagnostic>> {
    let q = f.question;
    let qtype = match (&q.kind, ordering) {
        (QuestionKind::Single { .. } | QuestionKind::Multiple { .. }, _) => "multichoice",
        (QuestionKind::TrueFalse { .. }, _) => "truefalse",
        (QuestionKind::Match { .. }, _) | (QuestionKind::Order { .. }, Ordering::Matching) => {
            "matching"
        }
        (QuestionKind::Order { .. }, Ordering::Ordering) => "ordering",
        (QuestionKind::Written { .. }, _) => "essay",
    };
    let grades = match &q.kind {
        QuestionKind::Multiple { options } => {
            let correct: Vec<bool> = options.iter().map(|o| o.correct).collect();
            match fractions::select_all(&correct) {
                Ok(g) => g.into_iter().map(|p| p.0).collect(),
                Err(e) => return Ok(Err(f.about(e))),
            }
        }
        QuestionKind::Single { options } => options
            .iter()
            .map(|o| if o.correct { "100" } else { "0" }.to_string())
            .collect(),
        _ => Vec::new(),
    };
    w.create_element("question")
        .with_attribute(("type", qtype))
        .write_inner_content(|w| {
            w.create_element("name")
                .write_inner_content(|w| plain(w, "text", &f.name))?;
            let mut text = paragraph(&q.prompt);
            if matches!(
                (&q.kind, ordering),
                (QuestionKind::Order { .. }, Ordering::Matching)
            ) {
                text.push_str("<p>Choose the item that belongs in each position, 1 first.</p>");
            }
            rich(w, "questiontext", &text)?;
            rich(w, "generalfeedback", &f.general_feedback())?;
            plain(w, "defaultgrade", "1")?;
            let penalty = match q.kind {
                // A second try at true or false cannot be wrong.
                QuestionKind::TrueFalse { .. } => "1",
                QuestionKind::Written { .. } => "0",
                _ => "0.3333333",
            };
            plain(w, "penalty", penalty)?;
            plain(w, "hidden", "0")?;
            if let Some(id) = &f.idnumber {
                plain(w, "idnumber", id)?;
            }
            body(w, &q.kind, &grades, ordering)?;
            w.create_element("tags").write_inner_content(|w| {
                for tag in &f.tags {
                    w.create_element("tag")
                        .write_inner_content(|w| plain(w, "text", tag))?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(Ok(qtype))
}

/// The part of a question that depends on its type.
fn body(w: &mut Xml, kind: &QuestionKind, grades: &[String], ordering: Ordering) -> io::Result<()> {
    match kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            let single = matches!(kind, QuestionKind::Single { .. });
            plain(w, "single", if single { "true" } else { "false" })?;
            plain(w, "shuffleanswers", "true")?;
            plain(w, "answernumbering", "abc")?;
            if !single {
                w.create_element("shownumcorrect").write_empty()?;
            }
            for (o, grade) in options.iter().zip(grades) {
                choice(w, o, grade)?;
            }
        }
        QuestionKind::TrueFalse { answer } => {
            for value in [true, false] {
                let fraction = if value == *answer { "100" } else { "0" };
                w.create_element("answer")
                    .with_attributes([("fraction", fraction), ("format", "moodle_auto_format")])
                    .write_inner_content(|w| {
                        plain(w, "text", if value { "true" } else { "false" })?;
                        rich(w, "feedback", "")
                    })?;
            }
        }
        QuestionKind::Match { pairs } => {
            let pairs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|p| (p.left.as_str(), p.right.as_str()))
                .collect();
            matching(w, &pairs)?;
        }
        QuestionKind::Order { items } => match ordering {
            Ordering::Ordering => {
                let count = items.len().to_string();
                plain(w, "layouttype", "VERTICAL")?;
                plain(w, "selecttype", "ALL")?;
                plain(w, "selectcount", &count)?;
                // Each item scores where it stands, as the site's quiz marks it.
                plain(w, "gradingtype", "ABSOLUTE_POSITION")?;
                plain(w, "showgrading", "SHOW")?;
                plain(w, "numberingstyle", "none")?;
                plain(w, "shownumcorrect", "1")?;
                for (i, item) in items.iter().enumerate() {
                    let position = (i + 1).to_string();
                    w.create_element("answer")
                        .with_attributes([("fraction", position.as_str()), ("format", "html")])
                        .write_inner_content(|w| rich_text(w, &html(item)))?;
                }
            }
            Ordering::Matching => {
                let positions: Vec<String> =
                    (1..=items.len()).map(|n| format!("Position {n}")).collect();
                let pairs: Vec<(&str, &str)> = positions
                    .iter()
                    .zip(items)
                    .map(|(p, i)| (p.as_str(), i.as_str()))
                    .collect();
                matching(w, &pairs)?;
            }
        },
        QuestionKind::Written {
            model_answer,
            checklist,
        } => {
            plain(w, "responseformat", "editor")?;
            plain(w, "responserequired", "1")?;
            plain(w, "responsefieldlines", "10")?;
            plain(w, "attachments", "0")?;
            plain(w, "attachmentsrequired", "0")?;
            plain(w, "maxbytes", "0")?;
            let points = checklist_html(checklist);
            let grader = format!("<h3>A model answer</h3>{}{points}", model_answer.html);
            rich(w, "graderinfo", &grader)?;
            // The points to cover, in the answer box before the learner starts.
            let template: String = checklist
                .iter()
                .map(|i| format!("<p>{}:</p>", html(i)))
                .collect();
            rich(w, "responsetemplate", &template)?;
        }
    }
    Ok(())
}

fn choice(w: &mut Xml, o: &Choice, grade: &str) -> io::Result<()> {
    w.create_element("answer")
        .with_attributes([("fraction", grade), ("format", "html")])
        .write_inner_content(|w| {
            rich_text(w, &html(&o.text))?;
            rich(w, "feedback", &html(&o.feedback))
        })?;
    Ok(())
}

/// Matching subquestions: the left-hand side is HTML, the answer plain text (as Moodle keeps
/// it).
fn matching(w: &mut Xml, pairs: &[(&str, &str)]) -> io::Result<()> {
    plain(w, "shuffleanswers", "true")?;
    for (left, right) in pairs {
        w.create_element("subquestion")
            .with_attribute(("format", "html"))
            .write_inner_content(|w| {
                rich_text(w, &html(left))?;
                w.create_element("answer")
                    .write_inner_content(|w| plain(w, "text", right))?;
                Ok(())
            })?;
    }
    Ok(())
}

/// `<name>text</name>`, escaped.
fn plain(w: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_chars(text)))?;
    Ok(())
}

/// `<name format="html"><text><![CDATA[html]]></text></name>`.
fn rich(w: &mut Xml, name: &str, html: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("format", "html"))
        .write_inner_content(|w| rich_text(w, html))?;
    Ok(())
}

/// `<text><![CDATA[html]]></text>`, split where the HTML holds `]]>`.
fn rich_text(w: &mut Xml, html: &str) -> io::Result<()> {
    let html = xml_chars(html);
    if html.is_empty() {
        plain(w, "text", "")?;
        return Ok(());
    }
    w.create_element("text").write_inner_content(|w| {
        for part in BytesCData::escaped(&html) {
            w.write_event(Event::CData(part))?;
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
        let mut w = Writer::new(Vec::new());
        f(&mut w).unwrap();
        String::from_utf8(w.into_inner()).unwrap()
    }

    #[test]
    fn html_goes_into_cdata_split_at_its_end_marker() {
        let xml = written(|w| rich(w, "feedback", "<p>a ]]> b</p>"));
        assert_eq!(
            xml,
            "<feedback format=\"html\"><text><![CDATA[<p>a ]]]]><![CDATA[> b</p>]]></text></feedback>"
        );
    }

    #[test]
    fn plain_text_is_escaped_and_control_characters_dropped() {
        let xml = written(|w| plain(w, "text", "Q&A <b>\u{1}"));
        assert_eq!(xml, "<text>Q&amp;A &lt;b&gt;</text>");
    }
}
