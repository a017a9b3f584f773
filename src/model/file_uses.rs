//! Which course files the course uses, read from its Markdown as it stands (after narrowing to
//! an edition, so the learner edition neither lists nor publishes a file only the teacher
//! material links to): the files to publish, and each unit's downloads.

use std::collections::HashSet;

use super::{Course, QuestionKind, Unit};
use crate::course_files::CourseFile;
use crate::markdown::{FileTarget, Markdown};

/// A file a unit links to (rather than shows), with the text of the first link to it.
#[derive(Debug, Clone, Copy)]
pub struct Download<'a> {
    pub file: &'a CourseFile,
    /// The link's text; the file's name where the link has none (an image made a link).
    pub text: &'a str,
}

impl Unit {
    /// Every Markdown text of the unit, in page order.
    pub fn texts(&self) -> Vec<&Markdown> {
        let mut out = vec![&self.introduction];
        for o in &self.outcomes {
            out.push(&o.overview);
            out.extend(o.delivery.as_ref());
        }
        out.extend(self.knowledge.iter().map(|k| &k.notes));
        out.extend(self.scenarios.iter().map(|s| &s.body));
        out.extend(self.evidence.as_ref());
        out.extend(self.criteria.iter().filter_map(|c| c.notes.as_ref()));
        for b in &self.briefs {
            out.push(&b.scenario_text);
            out.extend(b.tasks.iter().map(|t| &t.text));
            out.extend(b.teacher.as_ref().map(|t| &t.guidance));
        }
        for q in self.quizzes.iter().flat_map(|q| &q.questions) {
            if let QuestionKind::Written { model_answer, .. } = &q.kind {
                out.push(model_answer);
            }
        }
        out
    }

    /// The files the unit's text links to, each once, in page order: its resources.
    pub fn downloads<'a>(&'a self, course: &'a Course) -> Vec<Download<'a>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for r in self.texts().into_iter().flat_map(|t| &t.files) {
            let FileTarget::Found(path) = &r.target else {
                continue;
            };
            if r.image || !seen.insert(path.as_str()) {
                continue;
            }
            if let Some(file) = course.files.get(path) {
                let text = r.text.trim();
                out.push(Download {
                    file,
                    text: if text.is_empty() { &file.name } else { text },
                });
            }
        }
        out
    }
}

impl Course {
    /// Every course file some text links to or shows, each once: the files the site publishes.
    pub fn used_files(&self) -> Vec<&CourseFile> {
        self.files_used_by(|_| true)
    }

    /// The course files the text of the units whose slug `units` accepts links to or shows,
    /// each once.
    pub fn files_used_by(&self, units: impl Fn(&str) -> bool) -> Vec<&CourseFile> {
        let used: HashSet<&str> = self
            .units
            .iter()
            .filter(|u| units(&u.slug))
            .flat_map(Unit::texts)
            .flat_map(|t| &t.files)
            .filter_map(|r| match &r.target {
                FileTarget::Found(path) => Some(path.as_str()),
                _ => None,
            })
            .collect();
        self.files
            .iter()
            .filter(|f| used.contains(f.content_path().as_str()))
            .collect()
    }
}
