//! Checks of the criteria: ids, the outcomes they belong to, grade bands, command verbs, and
//! links to criteria of other units.

use std::collections::HashMap;

use toml::Spanned;

use super::build::UnitCtx;
use super::ids::{is_valid_id, slug_for_id};
use super::*;
use crate::diagnostic::{Diagnostic, SourceMap, Span};
use crate::load::forms::OutcomeKey;
use crate::load::{raw, Origin};

impl UnitCtx<'_> {
    pub(super) fn criteria(
        &mut self,
        origin: &Origin,
        raw: Vec<raw::RawCriterion>,
        outcomes: &[String],
        grading: Grading,
    ) -> (Vec<Criterion>, Vec<Span>) {
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        let mut spans = Vec::new();
        for c in raw {
            let id = c.id.get_ref().clone();
            if !is_valid_id(&id) {
                self.error(
                    origin,
                    &c.id,
                    format!("`{id}` cannot be a criterion id"),
                    "write the id as the specification does, with letters, digits and dots only: \
                     P1, A.P1, AB.D1, 1.1, K3, S1 or B1",
                );
            } else if let Some(line) = first_seen.get(&slug_for_id(&id)) {
                self.error(
                    origin,
                    &c.id,
                    format!("the criterion id `{id}` is used twice"),
                    format!("the first `{id}` is on line {line}; give this one another id"),
                );
            } else {
                let line = self.sources.locate(&origin.span(&c.id)).line;
                first_seen.insert(slug_for_id(&id), line);
            }
            let belongs = self.criterion_outcomes(origin, &c, outcomes);
            self.check_band(origin, &c, grading);
            let marks = self.mark_scheme(origin, &c, grading);
            let verb = match &c.verb {
                Some(v) => v.get_ref().to_lowercase(),
                None => c
                    .text
                    .get_ref()
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_lowercase(),
            };
            if !self.verbs.contains(verb.as_str()) {
                let at: &Spanned<String> = c.verb.as_ref().unwrap_or(&c.text);
                self.error(origin, at, format!("`{verb}` is not in command-verbs.toml"), format!("add a [[verb]] with word = \"{verb}\" to command-verbs.toml, or set verb = \"…\" on this criterion"));
            }
            let related = self.related(origin, &c.related);
            spans.push(origin.span(&c.id));
            out.push(Criterion {
                slug: slug_for_id(&id),
                id,
                band: c.band.map(Spanned::into_inner),
                outcomes: belongs,
                text: c.text.into_inner(),
                kind: c.kind,
                verb,
                guidance: c.guidance,
                notes: None,
                related,
                marks,
            });
        }
        (out, spans)
    }

    /// The outcomes a criterion belongs to (`outcome = 1` or `outcomes = ["A", "B"]`), in the
    /// unit's order; each wrong one reported.
    fn criterion_outcomes(
        &mut self,
        origin: &Origin,
        c: &raw::RawCriterion,
        outcomes: &[String],
    ) -> Vec<String> {
        let term = self.term;
        let written: Vec<&Spanned<OutcomeKey>> = match (&c.outcome, &c.outcomes) {
            (Some(one), None) => vec![one],
            (None, Some(list)) if list.get_ref().is_empty() => {
                self.error(
                    origin,
                    list,
                    format!(
                        "criterion `{}` is in no {}",
                        c.id.get_ref(),
                        term.singular()
                    ),
                    format!(
                        "list the {} it belongs to, e.g. outcomes = [\"A\", \"B\"], or write \
                         outcome = 1 for one",
                        term.plural()
                    ),
                );
                return Vec::new();
            }
            (None, Some(list)) => list.get_ref().iter().collect(),
            (Some(_), Some(list)) => {
                self.error(
                    origin,
                    list,
                    "`outcome` and `outcomes` are both given",
                    "write `outcome = …` for a criterion of one outcome, or `outcomes = […]` for \
                     one of several, not both",
                );
                return Vec::new();
            }
            // A value left out because it was wrong is reported already.
            (None, None) if self.unread.criteria => return Vec::new(),
            (None, None) => {
                self.error(
                    origin,
                    &c.id,
                    format!(
                        "criterion `{}` does not say which {} it belongs to",
                        c.id.get_ref(),
                        term.singular()
                    ),
                    "add `outcome = 1` (the id of its outcome: a number, or text in quotes such \
                     as \"A\"), or `outcomes = [\"A\", \"B\"]` for several",
                );
                return Vec::new();
            }
        };
        let mut found: Vec<&str> = Vec::new();
        for o in written {
            let id = o.get_ref().0.as_str();
            if found.contains(&id) {
                self.error(
                    origin,
                    o,
                    format!("{} {id} is listed twice", term.singular()),
                    "list each outcome once",
                );
            } else if self.check_outcome(origin, o, outcomes) {
                found.push(id);
            }
        }
        outcomes
            .iter()
            .filter(|o| found.contains(&o.as_str()))
            .cloned()
            .collect()
    }

    /// A graded unit's criteria have a grade band; no other unit's do.
    fn check_band(&mut self, origin: &Origin, c: &raw::RawCriterion, grading: Grading) {
        let id = c.id.get_ref();
        match (&c.band, grading) {
            // A band left out because its value was wrong is reported already.
            (None, Grading::Graded) if self.unread.criteria => {}
            (None, Grading::Graded) => self.error(
                origin,
                &c.id,
                format!("criterion `{id}` has no grade band"),
                "a graded unit's criteria need band = \"pass\", \"merit\" or \"distinction\"",
            ),
            (Some(band), Grading::Competence | Grading::Standard) => self.error(
                origin,
                band,
                "competence units and standards are not graded",
                "remove `band`, or set grading = \"graded\" in unit.md",
            ),
            (Some(band), Grading::Marks) => self.error(
                origin,
                band,
                "a marked unit's criteria are marked in mark bands, not graded pass, merit or distinction",
                "remove `band`; give the criterion its [[criterion.mark_band]] tables instead",
            ),
            _ => {}
        }
    }

    /// Links to criteria of other units (`unit-slug/ID`), checked once every unit is built.
    fn related(&mut self, origin: &Origin, written: &[Spanned<String>]) -> Vec<CriterionLink> {
        let mut related = Vec::with_capacity(written.len());
        for r in written {
            match r.get_ref().split_once('/') {
                Some((unit, id)) if !unit.is_empty() && !id.is_empty() => {
                    let link = CriterionLink {
                        unit: unit.to_string(),
                        id: id.to_string(),
                    };
                    self.links.push(UnitLink {
                        span: origin.span(r),
                        unit: link.unit.clone(),
                        criterion: Some(link.id.clone()),
                    });
                    related.push(link);
                }
                _ => self.error(
                    origin,
                    r,
                    format!(
                        "`{}` does not name a criterion of another unit",
                        r.get_ref()
                    ),
                    "write it as \"unit-slug/ID\", e.g. \"cfacsb15/P1\"",
                ),
            }
        }
        related
    }
}

/// A reference from one unit to another (a related criterion, a NOS link or a linked unit of
/// the course), with where it was written.
pub(super) struct UnitLink {
    pub span: Span,
    pub unit: String,
    pub criterion: Option<String>,
}

/// Checks that every reference to another unit names a unit, and a criterion, that exist.
pub(super) fn check_links_between_units(
    sources: &SourceMap,
    units: &[Unit],
    links: &[UnitLink],
    errors: &mut Vec<Diagnostic>,
) {
    let by_slug: HashMap<&str, &Unit> = units.iter().map(|u| (u.slug.as_str(), u)).collect();
    for link in links {
        let Some(target) = by_slug.get(link.unit.as_str()) else {
            errors.push(
                Diagnostic::at(
                    sources,
                    &link.span,
                    format!("there is no unit `{}` in the course", link.unit),
                )
                .help(
                    match crate::suggest::closest(&link.unit, by_slug.keys().copied()) {
                        Some(right) => format!(
                            "did you mean \"{right}\"? (the folder name of a unit under units/)"
                        ),
                        None => "use the folder name of a unit under units/, e.g. \"cfacsb15\""
                            .to_string(),
                    },
                ),
            );
            continue;
        };
        if let Some(id) = &link.criterion {
            if target.criterion(id).is_none() {
                errors.push(
                    Diagnostic::at(
                        sources,
                        &link.span,
                        format!("unit `{}` has no criterion `{id}`", link.unit),
                    )
                    .help(
                        match crate::suggest::closest(id, target.criteria.iter().map(|c| c.id.as_str())) {
                            Some(right) => format!("did you mean \"{right}\"? (a criterion id from that unit's criteria.toml)"),
                            None => "use a criterion id from that unit's criteria.toml, as it is written there".to_string(),
                        },
                    ),
                );
            }
        }
    }
}
