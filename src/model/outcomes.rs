//! The outcomes of a unit (learning outcomes, learning aims, elements …) and the teaching
//! content under them: outcome files in the reader's order of their ids, delivery guidance
//! matched to them, references to outcomes checked, knowledge items ordered and their topic
//! codes checked.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::build::UnitCtx;
use super::*;
use crate::diagnostic::Diagnostic;
use crate::load::forms::OutcomeKey;
use crate::load::{raw, Origin};

impl UnitCtx<'_> {
    pub(super) fn outcomes(
        &mut self,
        slug: &str,
        pages: Vec<crate::load::ByOutcome<crate::load::Page<raw::OutcomeFront>>>,
        delivery: Vec<crate::load::ByOutcome<crate::markdown::Markdown>>,
    ) -> Vec<LearningOutcome> {
        let term = self.term;
        if pages.is_empty() && self.unread.outcomes.is_empty() {
            self.errors.push(
                Diagnostic::error(format!("unit `{slug}` has no {}", term.plural())).help(
                    "add outcomes/1.md (or outcomes/A.md …) with a title in its front matter",
                ),
            );
        }
        let mut outcomes: Vec<LearningOutcome> = pages
            .into_iter()
            .map(|p| LearningOutcome {
                slug: slug_for_id(&p.id),
                label: term.label(&p.id),
                id: p.id,
                title: p.value.front.value.title,
                overview: p.value.body,
                delivery: None,
            })
            .collect();
        outcomes.sort_by(|a, b| ids::natural_order(&a.id, &b.id));
        for d in delivery {
            match outcomes.iter_mut().find(|o| o.id == d.id) {
                Some(o) => o.delivery = Some(d.value),
                None if self.unread.outcomes.contains(&d.id) => {}
                None => self.errors.push(
                    Diagnostic::at(
                        self.sources,
                        &crate::diagnostic::Span {
                            file: d.file,
                            bytes: 0..0,
                        },
                        format!(
                            "delivery guidance for {} {} but the unit has no such {}",
                            term.singular(),
                            d.id,
                            term.short()
                        ),
                    )
                    .help(format!(
                        "add outcomes/{}.md, or rename this file after an existing {}'s id",
                        d.id,
                        term.short()
                    )),
                ),
            }
        }
        outcomes
    }

    /// Whether `outcome` names an outcome of the unit (`ids`); an error at it when it names
    /// none (and is not one whose file could not be read).
    pub(super) fn check_outcome(
        &mut self,
        origin: &Origin,
        outcome: &Spanned<OutcomeKey>,
        ids: &[String],
    ) -> bool {
        let id = &outcome.get_ref().0;
        if ids.contains(id) {
            return true;
        }
        if !self.unread.outcomes.contains(id) {
            let term = self.term;
            let hint = crate::suggest::closest(id, ids.iter().map(String::as_str))
                .map(|right| format!("did you mean {right}? "))
                .unwrap_or_default();
            let written = if ids::is_number(id) {
                id.clone()
            } else {
                format!("\"{id}\"")
            };
            self.error(
                origin,
                outcome,
                format!("there is no {} {id}", term.singular()),
                format!(
                    "{hint}use one of {}, or add outcomes/{id}.md (the value is written {written}: \
                     a number as it is, other ids in quotes)",
                    ids.join(", "),
                ),
            );
        }
        false
    }

    pub(super) fn knowledge(
        &mut self,
        pages: Vec<crate::load::Named<crate::load::Page<raw::KnowledgeFront>>>,
        outcomes: &[String],
        ids: &HashSet<&str>,
    ) -> Vec<KnowledgeItem> {
        let mut codes: HashMap<String, String> = HashMap::new();
        let mut items: Vec<(usize, i64, KnowledgeItem)> = pages
            .into_iter()
            .map(|n| {
                let origin = n.value.front.origin;
                let f = n.value.front.value;
                self.check_outcome(&origin, &f.outcome, outcomes);
                self.check_criteria(&origin, &f.criteria, ids);
                if let Some(code) = &f.code {
                    self.check_code(&origin, code, &n.slug, &mut codes);
                }
                let outcome = f.outcome.into_inner().0;
                let place = outcomes
                    .iter()
                    .position(|o| *o == outcome)
                    .unwrap_or(outcomes.len());
                let item = KnowledgeItem {
                    slug: n.slug,
                    title: f.title,
                    outcome,
                    code: f.code.map(Spanned::into_inner),
                    criteria: f.criteria.into_iter().map(Spanned::into_inner).collect(),
                    spec: f.spec,
                    teach: f.teach,
                    notes: n.value.body,
                };
                (place, f.order, item)
            })
            .collect();
        items.sort_by(|(pa, oa, a), (pb, ob, b)| (pa, oa, &a.slug).cmp(&(pb, ob, &b.slug)));
        items.into_iter().map(|(_, _, item)| item).collect()
    }

    /// A topic code is letters, digits and inner dots (A1, B2, 3.1), one per topic in the unit.
    fn check_code(
        &mut self,
        origin: &Origin,
        code: &Spanned<String>,
        slug: &str,
        seen: &mut HashMap<String, String>,
    ) {
        let written = code.get_ref();
        if !ids::is_valid_id(written) {
            self.error(
                origin,
                code,
                format!("`{written}` cannot be a topic code"),
                "write the specification's code for the topic: letters, digits and inner dots, \
                 e.g. code = \"A1\" or code = \"3.2\"",
            );
        } else if let Some(other) = seen.insert(written.clone(), slug.to_string()) {
            self.error(
                origin,
                code,
                format!("the topic code `{written}` is used twice"),
                format!("knowledge/{other}.md has it already; give each topic its own code"),
            );
        }
    }
}
