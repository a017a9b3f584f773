//! The context of a unit's dashboard (its front page) and of its progress page.

use serde::Serialize;
use tera::Context;

use super::nav;
use super::views::{self, CriterionRef, Here};
use crate::model::{Course, GradeBand, Unit};
use crate::routes::Route;

/// The front page of unit `u`: the grading grid first, then the facts, the aim and the rest.
pub fn unit_context(ctx: &mut Context, here: &Here, course: &Course, u: &Unit) {
    ctx.insert("title", &views::unit_heading(u));
    ctx.insert("unit", &views::unit_card(here, u));
    ctx.insert("introduction", &u.introduction);
    ctx.insert("evidence", &u.evidence);
    ctx.insert("grid", &super::grid::grid(here, u));
    let outcomes: Vec<_> = u
        .outcomes
        .iter()
        .map(|o| views::outcome_ref(here, u, o))
        .collect();
    ctx.insert("outcomes", &outcomes);
    let scenarios: Vec<_> = u
        .scenarios
        .iter()
        .map(|s| views::scenario_view(here, u, s))
        .collect();
    ctx.insert("scenarios", &scenarios);
    let knowledge: Vec<_> = u
        .knowledge
        .iter()
        .map(|k| views::knowledge_view(here, u, k))
        .collect();
    ctx.insert("knowledge", &knowledge);
    ctx.insert("progress_url", &here.url(&Route::Progress(&u.slug).path()));
    let briefs: Vec<_> = u
        .briefs
        .iter()
        .map(|b| here.link(b.title.clone(), &Route::Brief(&u.slug, &b.slug).path()))
        .collect();
    ctx.insert("brief_links", &briefs);
    ctx.insert(
        "resources",
        &super::course_files::resources(here, course, u),
    );
    ctx.insert(
        "brief_pack_url",
        &here.url(&Route::BriefPack(&u.slug).path()),
    );
}

/// The criteria of one grade band on the progress page (all of them, for an ungraded unit).
#[derive(Serialize)]
struct ProgressGroup<'a> {
    /// "Pass", "Merit", "Distinction", or None for an ungraded unit.
    band: Option<&'static str>,
    rows: Vec<ProgressRow<'a>>,
}

#[derive(Serialize)]
struct ProgressRow<'a> {
    c: CriterionRef<'a>,
    /// How many questions the criterion's quiz has (0: no quiz).
    questions: usize,
}

/// The progress page of unit `u`: its criteria in teaching order, grouped by grade band.
pub fn progress_context(ctx: &mut Context, here: &Here, u: &Unit) {
    ctx.insert("assessment", &u.assessment);
    let row = |i: usize| {
        let c = &u.criteria[i];
        ProgressRow {
            c: views::criterion_ref(here, u, c),
            questions: u.quiz(&c.id).map_or(0, |q| q.questions.len()),
        }
    };
    let order = nav::teaching_order(u);
    let groups: Vec<ProgressGroup> = if u.is_graded() {
        GradeBand::ALL
            .iter()
            .map(|&band| ProgressGroup {
                band: Some(band.label()),
                rows: order
                    .iter()
                    .copied()
                    .filter(|&i| u.criteria[i].band == Some(band))
                    .map(row)
                    .collect(),
            })
            .filter(|g| !g.rows.is_empty())
            .collect()
    } else {
        vec![ProgressGroup {
            band: None,
            rows: order.into_iter().map(row).collect(),
        }]
    };
    ctx.insert("groups", &groups);
    ctx.insert("criteria_code", &nav::criteria_code(u));
}
