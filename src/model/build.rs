//! The model stage: turns the parsed files into a validated [`Course`], checking every reference
//! between files. Problems are collected, not stopped at, and point at the offending value.

use std::collections::HashSet;

use toml::Spanned;

use super::*;
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::load::{raw, Loaded, LoadedUnit, Origin, Unread};

/// Builds the course from what was loaded, and returns every problem found. With problems, the
/// course holds what could be made of the files, for checks that look across it (the links of
/// every page); it is not to be published.
pub fn build(loaded: Loaded) -> (Course, SourceMap, Vec<Diagnostic>) {
    let Loaded {
        sources,
        site,
        verbs,
        units,
        unread_units,
        files,
    } = loaded;
    // References into units, or criteria, that could not be read are not checked: their
    // problems are reported already.
    let mut unchecked: HashSet<(String, bool)> =
        unread_units.into_iter().map(|u| (u, false)).collect();
    unchecked.extend(
        units
            .iter()
            .filter(|u| u.unread.criteria)
            .map(|u| (u.slug.clone(), true)),
    );
    let mut errors = Vec::new();
    let verbs = command_verbs(&sources, verbs, &mut errors);
    let known_verbs: HashSet<&str> = verbs.iter().map(|v| v.word.as_str()).collect();
    let mut links = Vec::new();
    let mut built: Vec<Unit> = units
        .into_iter()
        .map(|u| {
            let mut ctx = UnitCtx {
                sources: &sources,
                errors: Vec::new(),
                links: Vec::new(),
                verbs: &known_verbs,
                files: &files,
                brief_defaults: &site.value.briefs,
                unread: Unread::default(),
                default_term: site.value.outcome_term,
                term: OutcomeTerm::default(),
            };
            let unit = ctx.unit(u);
            errors.append(&mut ctx.errors);
            links.append(&mut ctx.links);
            unit
        })
        .collect();
    links.retain(|l| {
        let unit_unread = unchecked.contains(&(l.unit.clone(), false));
        let criteria_unread = unchecked.contains(&(l.unit.clone(), true));
        !(unit_unread || (l.criterion.is_some() && criteria_unread))
    });
    super::criteria::check_links_between_units(&sources, &built, &links, &mut errors);
    built.sort_by(|a, b| (a.facts.order, &a.slug).cmp(&(b.facts.order, &b.slug)));
    let course = Course {
        site: site.value,
        verbs,
        links: super::LinkGraph::new(&built),
        units: built,
        files,
    };
    (course, sources, errors)
}

fn command_verbs(
    sources: &SourceMap,
    doc: crate::load::Doc<raw::VerbsFile>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<CommandVerb> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for v in doc.value.verb {
        let word = v.word.get_ref();
        if *word != word.to_lowercase() || word.contains(' ') || word.is_empty() {
            errors.push(
                Diagnostic::at(
                    sources,
                    &doc.origin.span(&v.word),
                    "a command verb is one lower-case word",
                )
                .help(format!("write word = \"{}\"", word.trim().to_lowercase())),
            );
        } else if !seen.insert(word.clone()) {
            errors.push(
                Diagnostic::at(
                    sources,
                    &doc.origin.span(&v.word),
                    format!("the verb `{word}` is listed twice"),
                )
                .help("remove one of the two entries"),
            );
        }
        out.push(CommandVerb {
            word: v.word.into_inner(),
            asks: v.asks,
        });
    }
    out
}

pub(super) struct UnitCtx<'a> {
    pub(super) sources: &'a SourceMap,
    pub(super) errors: Vec<Diagnostic>,
    /// References to other units, checked once every unit is built.
    pub(super) links: Vec<super::criteria::UnitLink>,
    pub(super) verbs: &'a HashSet<&'a str>,
    /// The course's files, which TOML-held Markdown may link to.
    pub(super) files: &'a crate::course_files::CourseFiles,
    pub(super) brief_defaults: &'a BriefPeople,
    /// What of the unit being built could not be read: references into it are not checked.
    pub(super) unread: Unread,
    /// What the course calls outcomes, unless a unit says otherwise (site.toml).
    pub(super) default_term: Option<OutcomeTerm>,
    /// What the unit being built calls its outcomes, for its messages.
    pub(super) term: OutcomeTerm,
}

impl UnitCtx<'_> {
    pub(super) fn error<T>(
        &mut self,
        origin: &Origin,
        at: &Spanned<T>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.errors
            .push(Diagnostic::at(self.sources, &origin.span(at), message).help(help));
    }

    /// Renders Markdown held in a TOML string of `file`, its file links resolved from it.
    pub(super) fn toml_markdown(
        &self,
        file: crate::diagnostic::FileId,
        text: &str,
    ) -> crate::markdown::Markdown {
        crate::load::markdown_of(self.sources, self.files, file, text)
    }

    pub(super) fn unit(&mut self, u: LoadedUnit) -> Unit {
        self.unread = u.unread.clone();
        let origin = u.unit.front.origin;
        let front = u.unit.front.value;
        self.term = front.outcome_term.or(self.default_term).unwrap_or_default();
        let grading = *front.grading.get_ref();
        let linked_units = self.linked_units(&origin, front.linked_unit);
        let facts = UnitFacts {
            title: front.title,
            awarding_body: front.awarding_body,
            qualification: front.qualification,
            unit_number: front.unit_number,
            reference: front.reference,
            level: front.level,
            credit_value: front.credit_value,
            guided_learning_hours: front.guided_learning_hours,
            grading,
            order: front.order,
            aim: front.aim,
            purpose: front.purpose,
            outcome_term: self.term,
            unit_type: front.unit_type,
            assessment: front.assessment,
            synoptic: front.synoptic,
            linked_units,
            nos: front
                .nos
                .into_iter()
                .map(|n| {
                    if let Some(target) = &n.get_ref().unit {
                        self.links.push(super::criteria::UnitLink {
                            span: origin.span(&n),
                            unit: target.clone(),
                            criterion: None,
                        });
                    }
                    n.into_inner()
                })
                .collect(),
            standard: front.standard,
        };
        let outcomes = self.outcomes(&u.slug, u.outcomes, u.delivery);
        let ids: Vec<String> = outcomes.iter().map(|o| o.id.clone()).collect();
        let criteria_origin = u.criteria.origin;
        let raw::CriteriaFile { criterion, grid } = u.criteria.value;
        let (mut criteria, criterion_spans) =
            self.criteria(&criteria_origin, criterion, &ids, grading);
        let grid = grid.map(|g| {
            self.stated_grid(
                &criteria_origin,
                g.row,
                &ids,
                &criteria,
                &criterion_spans,
                grading,
            )
        });
        let assessment = self.assessment(
            &origin,
            &criteria,
            front.total_marks,
            front.grade_boundary,
            grading,
        );
        self.attach_notes(&mut criteria, u.notes);
        let criterion_ids: HashSet<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
        let knowledge = self.knowledge(u.knowledge, &ids, &criterion_ids);
        let scenarios = self.scenarios(u.scenarios, &criterion_ids);
        let quizzes = self.quizzes(u.quizzes, &criterion_ids, &knowledge);
        let scenario_slugs: HashSet<&str> = scenarios.iter().map(|s| s.slug.as_str()).collect();
        let briefs = self.briefs(
            u.briefs,
            &brief::check::UnitFacts {
                criteria: &criteria,
                criterion_spans: &criterion_spans,
                scenarios: &scenario_slugs,
                graded: facts.grading == Grading::Graded,
                defaults: self.brief_defaults,
            },
        );
        Unit {
            slug: u.slug,
            facts,
            introduction: u.unit.body,
            outcomes,
            criteria,
            grid,
            assessment,
            knowledge,
            scenarios,
            evidence: u.evidence,
            quizzes,
            briefs,
        }
    }

    /// The units the specification links this one to; those of this course are checked once
    /// every unit is built.
    fn linked_units(
        &mut self,
        origin: &Origin,
        raw: Vec<Spanned<raw::RawLinkedUnit>>,
    ) -> Vec<LinkedUnit> {
        let mut out = Vec::new();
        for link in raw {
            let l = link.get_ref();
            match (&l.unit, &l.title) {
                (Some(unit), None) => self.links.push(super::criteria::UnitLink {
                    span: origin.span(unit),
                    unit: unit.get_ref().clone(),
                    criterion: None,
                }),
                (None, Some(_)) => {}
                (both, _) => {
                    let message = if both.is_some() {
                        "a linked unit is either a unit of this course or one outside it, not both"
                    } else {
                        "this linked unit names no unit"
                    };
                    self.error(
                        origin,
                        &link,
                        message,
                        "write unit = \"<folder name>\" for a unit of this course (it is linked), \
                         or title = \"…\" for one outside it (it is shown as text)",
                    );
                    continue;
                }
            }
            let l = link.into_inner();
            out.push(LinkedUnit {
                unit: l.unit.map(Spanned::into_inner),
                title: l.title,
                note: l.note,
            });
        }
        out
    }

    /// Puts each notes file on its criterion's page; a file named for no criterion is an error.
    fn attach_notes(
        &mut self,
        criteria: &mut [Criterion],
        notes: Vec<crate::load::Named<(crate::diagnostic::FileId, crate::markdown::Markdown)>>,
    ) {
        for n in notes {
            let (file, md) = n.value;
            match criteria.iter_mut().find(|c| c.slug == n.slug) {
                Some(c) => c.notes = Some(md),
                None if self.unread.criteria => {}
                None => self.errors.push(
                    Diagnostic::at(self.sources, &crate::diagnostic::Span { file, bytes: 0..0 }, format!("notes/{}.md is named for no criterion of this unit", n.slug))
                        .help("name it after a criterion's id in lower case with dots as dashes, e.g. p1.md or 1-1.md"),
                ),
            }
        }
    }

    pub(super) fn check_criteria(
        &mut self,
        origin: &Origin,
        list: &[Spanned<String>],
        ids: &HashSet<&str>,
    ) {
        for id in list {
            if !ids.contains(id.get_ref().as_str()) && !self.unread.criteria {
                self.error(
                    origin,
                    id,
                    format!("there is no criterion `{}` in this unit", id.get_ref()),
                    match crate::suggest::closest(id.get_ref(), ids.iter().copied()) {
                        Some(right) => format!("did you mean \"{right}\"? (a criterion id from criteria.toml, written as it is there)"),
                        None => "use a criterion id from criteria.toml, written as it is there (e.g. \"P1\")".to_string(),
                    },
                );
            }
        }
    }
}
