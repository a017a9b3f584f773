//! The parts of pages that connect units: related criteria on criterion pages, related units
//! and NOS links on unit pages, and the course's progression page.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::views::{self, Here, UnitCard};
use crate::model::LinkGraph;
use crate::model::{Course, Grading};
use crate::routes::Route;

#[derive(Serialize)]
struct RelatedCriterion<'a> {
    unit: String,
    id: &'a str,
    text: &'a str,
    url: String,
}

#[derive(Serialize)]
struct NosView<'a> {
    link: &'a crate::model::NosLink,
    /// The unit of this course that holds the standard, when it does.
    url: Option<String>,
}

/// A unit the specification links a unit to: linked when it is one of this course.
#[derive(Serialize)]
struct LinkedView<'a> {
    name: String,
    url: Option<String>,
    note: Option<&'a str>,
}

/// Related criteria of other units, for a criterion page.
pub fn insert_related_criteria(
    ctx: &mut Context,
    here: &Here,
    course: &Course,
    links: &LinkGraph,
    unit: usize,
    criterion: usize,
) {
    let related: Vec<_> = links
        .related_criteria(unit, criterion)
        .map(|(ui, ci)| {
            let u = &course.units[ui];
            let c = &u.criteria[ci];
            RelatedCriterion {
                unit: views::unit_heading(u),
                id: &c.id,
                text: &c.text,
                url: here.url(&Route::Criterion(&u.slug, &c.slug).path()),
            }
        })
        .collect();
    ctx.insert("related", &related);
}

/// NOS links, related units and, for a standard, the units mapped to it: for a unit page.
pub fn insert(ctx: &mut Context, here: &Here, course: &Course, links: &LinkGraph, unit: usize) {
    let u = &course.units[unit];
    let nos: Vec<_> = u
        .facts
        .nos
        .iter()
        .map(|n| NosView {
            link: n,
            url: n
                .unit
                .as_deref()
                .and_then(|s| course.units.iter().find(|t| t.slug == s))
                .map(|t| here.url(&Route::Unit(&t.slug).path())),
        })
        .collect();
    ctx.insert("nos", &nos);
    let linked: Vec<_> = u
        .facts
        .linked_units
        .iter()
        .map(|l| {
            let target = l
                .unit
                .as_deref()
                .and_then(|s| course.units.iter().find(|t| t.slug == s));
            LinkedView {
                name: target
                    .map_or_else(|| l.title.clone().unwrap_or_default(), views::unit_heading),
                url: target.map(|t| here.url(&Route::Unit(&t.slug).path())),
                note: l.note.as_deref(),
            }
        })
        .collect();
    ctx.insert("linked_units", &linked);
    let cards = |ids: Vec<usize>| -> Vec<UnitCard> {
        ids.into_iter()
            .map(|i| views::unit_card(here, &course.units[i]))
            .collect()
    };
    ctx.insert("related_units", &cards(links.related_units(unit).collect()));
    ctx.insert("mapped_units", &cards(links.mapped_to(unit).collect()));
    ctx.insert("progression_url", &here.url("progression/index.html"));
}

#[derive(Serialize)]
struct Level<'a> {
    level: u8,
    units: Vec<UnitWithOutcomes<'a>>,
}

#[derive(Serialize)]
struct UnitWithOutcomes<'a> {
    card: UnitCard<'a>,
    outcomes: Vec<views::OutcomeRef<'a>>,
}

fn with_outcomes<'a>(here: &Here, u: &'a crate::model::Unit) -> UnitWithOutcomes<'a> {
    UnitWithOutcomes {
        card: views::unit_card(here, u),
        outcomes: u
            .outcomes
            .iter()
            .map(|o| views::outcome_ref(here, u, o))
            .collect(),
    }
}

/// The progression page: the units by level, lowest first, with the standards they map to.
pub fn progression(ctx: &mut Context, here: &Here, course: &Course) {
    let mut by_level: BTreeMap<u8, Vec<_>> = BTreeMap::new();
    let mut standards = Vec::new();
    for u in &course.units {
        match (u.facts.grading, u.facts.level) {
            (Grading::Standard, _) | (_, None) => standards.push(with_outcomes(here, u)),
            (_, Some(level)) => by_level
                .entry(level)
                .or_default()
                .push(with_outcomes(here, u)),
        }
    }
    let levels: Vec<Level> = by_level
        .into_iter()
        .map(|(level, units)| Level { level, units })
        .collect();
    ctx.insert("levels", &levels);
    ctx.insert("standards", &standards);
    ctx.insert("title", "Progression from level to level");
}
