//! Rebuilding one unit of a built course after some of its files changed, without reading or
//! checking the other units again: what `serve` does on each edit.

use std::collections::HashSet;

use super::build::UnitCtx;
use super::criteria::check_links_between_units;
use super::{Course, Unit};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::load::LoadedUnit;

/// Replaces the unit `loaded.slug` of `course` by `loaded`, checked as [`build`](super::build)
/// checks every unit: its own files, its references to other units, and other units'
/// references to its criteria. `sources` holds the unit's files. Returns the unit it replaced
/// (for [`put_back`], should a later check refuse the new one). On any problem the course is
/// left as it was and every problem is returned.
pub fn rebuild_unit(
    course: &mut Course,
    sources: &SourceMap,
    loaded: LoadedUnit,
) -> Result<Unit, Vec<Diagnostic>> {
    let Some(index) = course.units.iter().position(|u| u.slug == loaded.slug) else {
        return Err(vec![Diagnostic::error(format!(
            "unit `{}` is not in the course",
            loaded.slug
        ))
        .help("build the whole course again")]);
    };
    let known: HashSet<&str> = course.verbs.iter().map(|v| v.word.as_str()).collect();
    let mut ctx = UnitCtx {
        sources,
        errors: Vec::new(),
        links: Vec::new(),
        verbs: &known,
        files: &course.files,
        brief_defaults: &course.site.briefs,
        unread: Default::default(),
        default_term: course.site.outcome_term,
        term: Default::default(),
    };
    let unit = ctx.unit(loaded);
    let UnitCtx {
        mut errors, links, ..
    } = ctx;
    let old = std::mem::replace(&mut course.units[index], unit);
    check_links_between_units(sources, &course.units, &links, &mut errors);
    errors.extend(references_to(&course.units, index));
    if errors.is_empty() {
        let slug = course.units[index].slug.clone();
        course
            .units
            .sort_by(|a, b| (a.facts.order, &a.slug).cmp(&(b.facts.order, &b.slug)));
        course.links = course.links.after_edit(&course.units, &slug);
        Ok(old)
    } else {
        course.units[index] = old;
        Err(errors)
    }
}

/// Puts `old`, a unit [`rebuild_unit`] replaced, back in its place.
pub fn put_back(course: &mut Course, old: Unit) {
    if let Some(index) = course.units.iter().position(|u| u.slug == old.slug) {
        let slug = old.slug.clone();
        course.units[index] = old;
        course
            .units
            .sort_by(|a, b| (a.facts.order, &a.slug).cmp(&(b.facts.order, &b.slug)));
        course.links = course.links.after_edit(&course.units, &slug);
    }
}

/// Criteria of other units that are related to a criterion the unit at `index` no longer has.
/// The other units' files are not at hand, so these problems name the file instead of pointing
/// into it.
fn references_to(units: &[Unit], index: usize) -> Vec<Diagnostic> {
    let target = &units[index];
    let mut out = Vec::new();
    for u in units.iter().filter(|u| u.slug != target.slug) {
        for c in &u.criteria {
            for r in &c.related {
                let (slug, id) = (&r.unit, &r.id);
                if *slug == target.slug && target.criterion(id).is_none() {
                    out.push(
                        Diagnostic::error(format!(
                            "criterion {} of unit `{}` is related to `{r}`, which no longer exists",
                            c.id, u.slug
                        ))
                        .help(format!(
                            "put criterion {id} back in units/{slug}/criteria.toml, or update \
                             `related` in units/{}/criteria.toml",
                            u.slug
                        )),
                    );
                }
            }
        }
    }
    out
}
