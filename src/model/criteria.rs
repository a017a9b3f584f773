//! Checks of the criteria: ids, grade bands, command verbs, and links to criteria of other
//! units.

use std::collections::HashMap;

use toml::Spanned;

use super::build::UnitCtx;
use super::ids::{is_valid_id, slug_for_id};
use super::*;
use crate::diagnostic::{Diagnostic, SourceMap, Span};
use crate::load::raw;

impl UnitCtx<'_> {
    pub(super) fn criteria(
        &mut self,
        doc: crate::load::Doc<raw::CriteriaFile>,
        numbers: &[u32],
        grading: Grading,
    ) -> (Vec<Criterion>, Vec<Span>) {
        let origin = doc.origin;
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        let mut spans = Vec::new();
        for c in doc.value.criterion {
            let id = c.id.get_ref().clone();
            if !is_valid_id(&id) {
                self.error(
                    &origin,
                    &c.id,
                    format!("`{id}` cannot be a criterion id"),
                    "use letters, digits and dots only, e.g. \"P1\" or \"1.1\"",
                );
            } else if let Some(line) = first_seen.get(&slug_for_id(&id)) {
                self.error(
                    &origin,
                    &c.id,
                    format!("the criterion id `{id}` is used twice"),
                    format!("the first `{id}` is on line {line}; give this one another id"),
                );
            } else {
                let line = self.sources.locate(&origin.span(&c.id)).line;
                first_seen.insert(slug_for_id(&id), line);
            }
            self.check_outcome(&origin, &c.outcome, numbers);
            match (&c.band, grading) {
                // A band left out because its value was wrong is reported already.
                (None, Grading::Graded) if self.unread.criteria => {}
                (None, Grading::Graded) => self.error(
                    &origin,
                    &c.id,
                    format!("criterion `{id}` has no grade band"),
                    "a graded unit's criteria need band = \"pass\", \"merit\" or \"distinction\"",
                ),
                (Some(band), Grading::Competence | Grading::Standard) => self.error(
                    &origin,
                    band,
                    "competence units and standards are not graded",
                    "remove `band`, or set grading = \"graded\" in unit.md",
                ),
                _ => {}
            }
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
                self.error(&origin, at, format!("`{verb}` is not in command-verbs.toml"), format!("add a [[verb]] with word = \"{verb}\" to command-verbs.toml, or set verb = \"…\" on this criterion"));
            }
            let mut related = Vec::with_capacity(c.related.len());
            for r in &c.related {
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
                        &origin,
                        r,
                        format!(
                            "`{}` does not name a criterion of another unit",
                            r.get_ref()
                        ),
                        "write it as \"unit-slug/ID\", e.g. \"cfacsb15/P1\"",
                    ),
                }
            }
            spans.push(origin.span(&c.id));
            out.push(Criterion {
                slug: slug_for_id(&id),
                id,
                band: c.band.map(Spanned::into_inner),
                outcome: c.outcome.into_inner(),
                text: c.text.into_inner(),
                kind: c.kind,
                verb,
                guidance: c.guidance,
                notes: None,
                related,
            });
        }
        (out, spans)
    }
}

/// References from one unit to another: NOS links to units of the course, related criteria.
/// A reference from one unit to another (a related criterion, or a NOS link to a unit of the
/// course), with where it was written.
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
