//! Assignment briefs: what a centre hands learners, and what its internal verification checks.

use serde::Serialize;

use super::BriefPeople;
use crate::markdown::Markdown;

/// One printable assignment brief.
#[derive(Debug, Serialize)]
pub struct AssignmentBrief {
    pub slug: String,
    pub title: String,
    /// The slug of the assessment scenario it builds on.
    pub scenario: Option<String>,
    /// Ids of the criteria it covers, in the brief's order.
    pub criteria: Vec<String>,
    pub tasks: Vec<BriefTask>,
    pub evidence: Vec<String>,
    /// Adds an observation record for the assessor (a practical demonstration).
    pub observation: bool,
    /// Adds a personal development plan template.
    pub development_plan: bool,
    /// Names and dates: the brief's own, else the site's; `None` prints as a blank line.
    pub people: BriefPeople,
    /// Teacher-facing; absent from the learner edition.
    pub teacher: Option<TeacherNotes>,
    pub scenario_text: Markdown,
}

/// A task of a brief and the criteria it targets.
#[derive(Debug, Serialize)]
pub struct BriefTask {
    pub title: String,
    pub criteria: Vec<String>,
    pub text: Markdown,
}

/// How to run and assess a brief, and what a response looks like at each grade.
#[derive(Debug, Serialize)]
pub struct TeacherNotes {
    pub guidance: Markdown,
    pub pass: Option<String>,
    pub merit: Option<String>,
    pub distinction: Option<String>,
}

/// Builds a unit's briefs and checks them: known criteria and scenario, tasks within the brief,
/// and in a graded unit every criterion covered by exactly one brief.
pub(super) mod check {
    use std::collections::{HashMap, HashSet};

    use toml::Spanned;

    use super::*;
    use crate::diagnostic::{Diagnostic, Span};
    use crate::load::raw::BriefFront;
    use crate::load::{Named, Page};
    use crate::model::build::UnitCtx;
    use crate::model::Criterion;

    /// What the brief checks need to know of the unit.
    pub struct UnitFacts<'a> {
        pub criteria: &'a [Criterion],
        /// The span of each criterion's id in criteria.toml, in the same order.
        pub criterion_spans: &'a [Span],
        pub scenarios: &'a HashSet<&'a str>,
        pub graded: bool,
        pub defaults: &'a BriefPeople,
    }

    impl UnitCtx<'_> {
        pub(in crate::model) fn briefs(
            &mut self,
            pages: Vec<Named<Page<BriefFront>>>,
            unit: &UnitFacts,
        ) -> Vec<AssignmentBrief> {
            let ids: HashSet<&str> = unit.criteria.iter().map(|c| c.id.as_str()).collect();
            let mut covered_by: HashMap<String, Vec<(String, Span)>> = HashMap::new();
            let mut out: Vec<(i64, AssignmentBrief)> = Vec::new();
            for n in pages {
                let origin = n.value.front.origin;
                let f = n.value.front.value;
                self.check_criteria(&origin, f.criteria.get_ref(), &ids);
                if f.criteria.get_ref().is_empty() {
                    self.error(
                        &origin,
                        &f.criteria,
                        "this brief covers no criteria",
                        "list the criteria it assesses, e.g. criteria = [\"P1\"]",
                    );
                }
                if let Some(s) = &f.scenario {
                    if !unit.scenarios.contains(s.get_ref().as_str())
                        && !self.unread.scenarios.contains(s.get_ref())
                    {
                        self.error(
                            &origin,
                            s,
                            format!(
                                "there is no assessment scenario `{}` in this unit",
                                s.get_ref()
                            ),
                            match crate::suggest::closest(s.get_ref(), unit.scenarios.iter().copied()) {
                                Some(right) => format!("did you mean \"{right}\"? (a file name under assessment/, without .md)"),
                                None => "use a file name under assessment/, without .md, or remove `scenario`".to_string(),
                            },
                        );
                    }
                }
                let listed: HashSet<&str> = f
                    .criteria
                    .get_ref()
                    .iter()
                    .map(|c| c.get_ref().as_str())
                    .collect();
                for t in &f.task {
                    for c in &t.criteria {
                        if !listed.contains(c.get_ref().as_str()) {
                            self.error(
                                &origin,
                                c,
                                format!(
                                    "this task targets `{}`, which the brief does not list",
                                    c.get_ref()
                                ),
                                "add it to the brief's `criteria`, or remove it from the task",
                            );
                        }
                    }
                }
                for c in f.criteria.get_ref() {
                    let path = self.sources.path(origin.file).display().to_string();
                    covered_by
                        .entry(c.get_ref().clone())
                        .or_default()
                        .push((path, origin.span(c)));
                }
                let brief = AssignmentBrief {
                    slug: n.slug,
                    title: f.title,
                    scenario: f.scenario.map(Spanned::into_inner),
                    criteria: f
                        .criteria
                        .into_inner()
                        .into_iter()
                        .map(Spanned::into_inner)
                        .collect(),
                    tasks: f
                        .task
                        .into_iter()
                        .map(|t| BriefTask {
                            title: t.title,
                            criteria: t.criteria.into_iter().map(Spanned::into_inner).collect(),
                            text: self.toml_markdown(origin.file, &t.text),
                        })
                        .collect(),
                    evidence: f.evidence,
                    observation: f.observation,
                    development_plan: f.development_plan,
                    people: BriefPeople {
                        assessor: f.assessor,
                        internal_verifier: f.internal_verifier,
                        issue_date: f.issue_date,
                        deadline: f.deadline,
                    }
                    .or(unit.defaults),
                    teacher: f.teacher.map(|t| TeacherNotes {
                        guidance: self.toml_markdown(origin.file, &t.guidance),
                        pass: t.pass,
                        merit: t.merit,
                        distinction: t.distinction,
                    }),
                    scenario_text: n.value.body,
                };
                out.push((f.order, brief));
            }
            // A brief that could not be read may cover what seems uncovered.
            if unit.graded && !self.unread.briefs {
                self.check_coverage(unit, &covered_by);
            }
            out.sort_by(|(oa, a), (ob, b)| (oa, &a.slug).cmp(&(ob, &b.slug)));
            out.into_iter().map(|(_, b)| b).collect()
        }

        fn check_coverage(
            &mut self,
            unit: &UnitFacts,
            covered_by: &HashMap<String, Vec<(String, Span)>>,
        ) {
            for (c, span) in unit.criteria.iter().zip(unit.criterion_spans) {
                match covered_by.get(&c.id).map(Vec::as_slice) {
                    None | Some([]) => self.errors.push(
                        Diagnostic::at(
                            self.sources,
                            span,
                            format!("criterion {} is covered by no assignment brief", c.id),
                        )
                        .help(format!(
                            "add \"{}\" to the `criteria` of one brief under briefs/",
                            c.id
                        )),
                    ),
                    Some([_]) => {}
                    Some([(first, _), rest @ ..]) => {
                        for (_, at) in rest {
                            self.errors.push(
                                Diagnostic::at(self.sources, at, format!("criterion {} is covered by two briefs; {first} covers it already", c.id))
                                    .help(format!("each criterion is assessed by exactly one brief: remove \"{}\" from one of them", c.id)),
                            );
                        }
                    }
                }
            }
        }
    }
}
