//! The question bank as Moodle sees it, whatever the file format: a category for the course,
//! each unit, each learning outcome and each criterion that has a quiz, and each question with
//! the name, id number and tags it is filed under.

use super::html;
use crate::diagnostic::Diagnostic;
use crate::model::{Course, Criterion, LearningOutcome, Question, QuestionKind, Unit};
use crate::render::unit_heading;

/// One category of the bank, in the order categories and questions are written.
pub struct Category {
    /// The full path Moodle files it under: `$course$/top/Course/Unit 5: …/…`.
    pub path: String,
    /// Unique in the course, so that a second import files questions in the same place.
    pub idnumber: Option<String>,
    /// Plain text describing the category.
    pub info: String,
}

/// A question and where it is filed.
pub struct Filed<'a> {
    pub unit: &'a Unit,
    pub criterion: &'a Criterion,
    pub question: &'a Question,
    /// What the question bank lists it as: `P1 Q2: Which part of …`.
    pub name: String,
    /// `unit-slug/P1/question-id`, when it fits Moodle's 100 characters.
    pub idnumber: Option<String>,
    /// The unit's folder name and `unit-slug/P1`, to find a criterion's questions anywhere.
    pub tags: Vec<String>,
}

impl Filed<'_> {
    /// What every learner sees after answering, as the site shows it: for a written question
    /// the model answer and the checklist, then the explanation.
    pub fn general_feedback(&self) -> String {
        let mut out = String::new();
        if let QuestionKind::Written {
            model_answer,
            checklist,
        } = &self.question.kind
        {
            out.push_str(&model_answer.html);
            out.push_str(&checklist_html(checklist));
        }
        if let Some(e) = &self.question.explanation {
            out.push_str(&paragraph(e));
        }
        out
    }

    /// The error `e` about this question, saying which one it is.
    pub fn about(&self, e: Diagnostic) -> Diagnostic {
        let message = format!(
            "{} (question `{}` of the {} quiz of unit `{}`)",
            e.message, self.question.id, self.criterion.id, self.unit.slug
        );
        Diagnostic { message, ..e }
    }
}

/// `<p>text</p>`, escaped; nothing for blank text.
pub fn paragraph(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", html(text))
    }
}

/// A written question's checklist under a heading.
pub fn checklist_html(items: &[String]) -> String {
    let items: String = items
        .iter()
        .map(|i| format!("<li>{}</li>", html(i)))
        .collect();
    format!("<h3>A good answer includes</h3><ul>{items}</ul>")
}

/// A category, then the questions filed in it.
pub enum Entry<'a> {
    Category(Category),
    Question(Filed<'a>),
}

/// Moodle's limit on a question's or category's id number.
const IDNUMBER_MAX: usize = 100;
/// Names are cut to this many characters: long enough to tell them apart in a list.
const NAME_MAX: usize = 100;

/// Every category and question of `units`, in course order: each unit's outcomes, each
/// outcome's criteria with a quiz, each quiz's questions.
pub fn entries<'a>(course: &'a Course, units: &[&'a Unit]) -> Vec<Entry<'a>> {
    let top = format!("$course$/top/{}", segment(&course.site.title));
    let mut out = vec![Entry::Category(Category {
        path: top.clone(),
        idnumber: None,
        info: course.site.description.clone().unwrap_or_default(),
    })];
    for &unit in units {
        let unit_path = format!("{top}/{}", segment(&unit_heading(unit)));
        // A criterion of several outcomes is filed under the first of them.
        let quizzed = |o: &LearningOutcome| {
            let id = o.id.clone();
            unit.criteria
                .iter()
                .filter(move |c| c.outcomes.first() == Some(&id) && unit.quiz(&c.id).is_some())
        };
        if !unit.outcomes.iter().any(|o| quizzed(o).next().is_some()) {
            continue;
        }
        out.push(Entry::Category(Category {
            path: unit_path.clone(),
            idnumber: Some(unit.slug.clone()),
            info: unit.facts.aim.clone(),
        }));
        for outcome in &unit.outcomes {
            if quizzed(outcome).next().is_none() {
                continue;
            }
            let outcome_path = format!(
                "{unit_path}/{}",
                segment(&format!("{}: {}", outcome.label, outcome.title))
            );
            out.push(Entry::Category(Category {
                path: outcome_path.clone(),
                idnumber: idnumber(format!("{}/LO{}", unit.slug, outcome.id)),
                info: outcome.title.clone(),
            }));
            for criterion in quizzed(outcome) {
                let key = format!("{}/{}", unit.slug, criterion.id);
                out.push(Entry::Category(Category {
                    path: format!(
                        "{outcome_path}/{}",
                        segment(&format!("{}: {}", criterion.id, criterion.text))
                    ),
                    idnumber: idnumber(key.clone()),
                    info: criterion.text.clone(),
                }));
                let quiz = unit.quiz(&criterion.id).into_iter();
                for (n, question) in quiz.flat_map(|q| &q.questions).enumerate() {
                    out.push(Entry::Question(Filed {
                        unit,
                        criterion,
                        question,
                        name: cut(&format!("{} Q{}: {}", criterion.id, n + 1, question.prompt)),
                        idnumber: idnumber(format!("{key}/{}", question.id)),
                        tags: vec![unit.slug.clone(), key.clone()],
                    }));
                }
            }
        }
    }
    out
}

fn idnumber(id: String) -> Option<String> {
    (id.chars().count() <= IDNUMBER_MAX).then_some(id)
}

/// One level of a category path: a slash in a name is written twice (Moodle splits paths at
/// single slashes), and a name is cut to a readable length.
fn segment(name: &str) -> String {
    let name = cut(name.trim().trim_matches('/').trim());
    let name = if name.is_empty() {
        "Untitled".into()
    } else {
        name
    };
    name.replace('/', "//")
}

/// `text` on one line, cut at `NAME_MAX` characters with an ellipsis.
fn cut(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= NAME_MAX {
        return one_line;
    }
    let mut short: String = one_line.chars().take(NAME_MAX - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_in_names_are_doubled_and_ends_trimmed() {
        assert_eq!(segment("Input/output devices"), "Input//output devices");
        assert_eq!(segment("/TCP/"), "TCP");
        assert_eq!(segment("  "), "Untitled");
    }

    #[test]
    fn long_names_are_cut_on_one_line() {
        let long = "word ".repeat(40);
        let name = cut(&long);
        assert!(name.chars().count() <= NAME_MAX, "{name}");
        assert!(
            name.ends_with('…') && name.starts_with("word word"),
            "{name}"
        );
        assert_eq!(cut("two\nlines"), "two lines");
    }

    #[test]
    fn a_paragraph_escapes_its_text() {
        assert_eq!(
            paragraph("1 < 2 & \"so\""),
            "<p>1 &lt; 2 &amp; &quot;so&quot;</p>"
        );
        assert_eq!(paragraph("  "), "");
    }

    #[test]
    fn id_numbers_over_moodles_limit_are_left_out() {
        assert!(idnumber("u/P1/q".into()).is_some());
        assert!(idnumber("x".repeat(101)).is_none());
    }
}
