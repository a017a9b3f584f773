//! The pages of a site and the template context of each. A page is a small value (which unit,
//! which criterion), so the list is cheap to build and each context is made on the thread that
//! renders it.

use tera::Context;

use super::brief_view::brief_view;
use super::views::{self, Here, Link};
use super::Edition;
use super::{nav, unit_page};
use crate::load::values::capitalised;
use crate::model::LinkGraph;
use crate::model::{Course, Unit};
use crate::routes::{self, Route};

/// One page of the output.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    Home,
    NotFound,
    Search,
    Progression,
    Accessibility,
    Unit(usize),
    Outcome(usize, usize),
    Criterion(usize, usize),
    Knowledge(usize, usize),
    Progress(usize),
    Brief(usize, usize),
    BriefPack(usize),
}

/// Every page of the course, in reading order.
pub fn all(course: &Course) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::NotFound,
        Page::Search,
        Page::Progression,
        Page::Accessibility,
    ];
    for (ui, u) in course.units.iter().enumerate() {
        pages.push(Page::Unit(ui));
        pages.push(Page::Progress(ui));
        if !u.briefs.is_empty() {
            pages.push(Page::BriefPack(ui));
        }
        pages.extend((0..u.briefs.len()).map(|i| Page::Brief(ui, i)));
        pages.extend((0..u.outcomes.len()).map(|i| Page::Outcome(ui, i)));
        pages.extend((0..u.knowledge.len()).map(|i| Page::Knowledge(ui, i)));
        pages.extend((0..u.criteria.len()).map(|i| Page::Criterion(ui, i)));
    }
    pages
}

impl Page {
    /// The output path, relative to the site root.
    pub fn path(self, course: &Course) -> String {
        let unit = |ui: usize| &course.units[ui];
        match self {
            Page::Home => Route::Home.path(),
            Page::NotFound => Route::NotFound.path(),
            Page::Search => Route::Search.path(),
            Page::Progression => Route::Progression.path(),
            Page::Accessibility => Route::Accessibility.path(),
            Page::Unit(ui) => Route::Unit(&unit(ui).slug).path(),
            Page::Progress(ui) => Route::Progress(&unit(ui).slug).path(),
            Page::Brief(ui, i) => Route::Brief(&unit(ui).slug, &unit(ui).briefs[i].slug).path(),
            Page::BriefPack(ui) => Route::BriefPack(&unit(ui).slug).path(),
            Page::Outcome(ui, i) => {
                Route::Outcome(&unit(ui).slug, &unit(ui).outcomes[i].slug).path()
            }
            Page::Criterion(ui, i) => {
                Route::Criterion(&unit(ui).slug, &unit(ui).criteria[i].slug).path()
            }
            Page::Knowledge(ui, i) => {
                Route::Knowledge(&unit(ui).slug, &unit(ui).knowledge[i].slug).path()
            }
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            Page::Home => "index.html",
            Page::NotFound => "404.html",
            Page::Search => "search.html",
            Page::Progression => "progression.html",
            Page::Accessibility => "accessibility.html",
            Page::Unit(_) => "unit.html",
            Page::Progress(_) => "progress.html",
            Page::Brief(..) => "brief.html",
            Page::BriefPack(_) => "briefs.html",
            Page::Outcome(..) => "outcome.html",
            Page::Criterion(..) => "criterion.html",
            Page::Knowledge(..) => "knowledge.html",
        }
    }

    /// The unit this page belongs to, if any.
    pub fn unit(self) -> Option<usize> {
        match self {
            Page::Unit(ui)
            | Page::Progress(ui)
            | Page::BriefPack(ui)
            | Page::Brief(ui, _)
            | Page::Outcome(ui, _)
            | Page::Criterion(ui, _)
            | Page::Knowledge(ui, _) => Some(ui),
            Page::Home
            | Page::NotFound
            | Page::Search
            | Page::Progression
            | Page::Accessibility => None,
        }
    }

    /// The template context for this page, whose output path is `path`.
    pub fn context(
        self,
        path: &str,
        course: &Course,
        edition: Edition,
        links: &LinkGraph,
    ) -> Context {
        let here = Here::new(path);
        let mut ctx = Context::new();
        ctx.insert("site", &course.site);
        ctx.insert("root", here.root());
        ctx.insert("learner_edition", &(edition == Edition::Learner));
        ctx.insert("home_url", &here.url(&Route::Home.path()));
        ctx.insert("assets", &here.url(routes::assets_folder()));
        ctx.insert(
            "site_routes",
            &SiteRoutes {
                search: here.url(&Route::Search.path()),
                progression: here.url(&Route::Progression.path()),
                accessibility: here.url(&Route::Accessibility.path()),
                search_engine: [
                    "vendor/elasticlunr.min.js",
                    "search-codes.js",
                    "search-results.js",
                    "search-index.js",
                ]
                .map(|asset| Route::Asset(asset).path()),
                search_manifest: Route::SearchManifest.path(),
                search_page: Route::Search.path(),
            },
        );
        if let Some(ui) = self.unit() {
            ctx.insert("nav", &nav::unit_nav(&here, path, &course.units[ui]));
        }
        let mut crumbs = vec![here.link("Home", &Route::Home.path())];
        match self {
            Page::Search => {
                let units: Vec<_> = course
                    .units
                    .iter()
                    .map(|u| views::unit_card(&here, u))
                    .collect();
                ctx.insert("units", &units);
                let kinds: Vec<&str> = crate::model::Kind::ALL.iter().map(|k| k.label()).collect();
                ctx.insert("kinds", &kinds);
                ctx.insert("title", "Search");
            }
            Page::Progression => super::unit_links::progression(&mut ctx, &here, course),
            Page::Accessibility => ctx.insert("title", "Accessibility statement"),
            Page::Home | Page::NotFound => {
                crumbs.clear();
                let units: Vec<_> = course
                    .units
                    .iter()
                    .map(|u| views::unit_card(&here, u))
                    .collect();
                ctx.insert("units", &units);
                ctx.insert("title", &course.site.title);
            }
            Page::Unit(ui) => {
                let u = &course.units[ui];
                unit_page::unit_context(&mut ctx, &here, course, u);
                super::unit_links::insert(&mut ctx, &here, course, links, ui);
                neighbours(&mut ctx, &here, &course.units, ui, |u| {
                    (views::unit_heading(u), Route::Unit(&u.slug).path())
                });
            }
            Page::Progress(ui) => {
                let u = &course.units[ui];
                in_unit(&mut ctx, &mut crumbs, &here, u);
                ctx.insert("title", &format!("My progress: {}", views::unit_label(u)));
                unit_page::progress_context(&mut ctx, &here, u);
            }
            Page::Brief(ui, i) => {
                let u = &course.units[ui];
                let b = &u.briefs[i];
                in_unit(&mut ctx, &mut crumbs, &here, u);
                crumbs.push(here.link("Assignment briefs", &Route::BriefPack(&u.slug).path()));
                ctx.insert("title", &b.title);
                ctx.insert("briefs", &[brief_view(&here, course, u, b)]);
                ctx.insert(
                    "brief_pack_url",
                    &here.url(&Route::BriefPack(&u.slug).path()),
                );
                neighbours(&mut ctx, &here, &u.briefs, i, |b| {
                    (b.title.clone(), Route::Brief(&u.slug, &b.slug).path())
                });
            }
            Page::BriefPack(ui) => {
                let u = &course.units[ui];
                in_unit(&mut ctx, &mut crumbs, &here, u);
                ctx.insert(
                    "title",
                    &format!("Assignment briefs: {}", views::unit_label(u)),
                );
                let briefs: Vec<_> = u
                    .briefs
                    .iter()
                    .map(|b| brief_view(&here, course, u, b))
                    .collect();
                ctx.insert("briefs", &briefs);
            }
            Page::Outcome(ui, i) => {
                let u = &course.units[ui];
                let o = &u.outcomes[i];
                in_unit(&mut ctx, &mut crumbs, &here, u);
                ctx.insert("title", &format!("{}: {}", o.label, o.title));
                ctx.insert("outcome", o);
                let knowledge: Vec<_> = u
                    .knowledge
                    .iter()
                    .filter(|k| k.outcome == o.id)
                    .map(|k| views::knowledge_view(&here, u, k))
                    .collect();
                let criteria: Vec<_> = nav::teaching_order(u)
                    .into_iter()
                    .map(|c| &u.criteria[c])
                    .filter(|c| c.outcomes.contains(&o.id))
                    .map(|c| views::criterion_ref(&here, u, c))
                    .collect();
                ctx.insert("knowledge", &knowledge);
                ctx.insert("criteria", &criteria);
                neighbours(&mut ctx, &here, &u.outcomes, i, |o| {
                    (o.label.clone(), Route::Outcome(&u.slug, &o.slug).path())
                });
            }
            Page::Criterion(ui, i) => {
                let u = &course.units[ui];
                let c = &u.criteria[i];
                match c.outcomes.as_slice() {
                    [one] => in_outcome(&mut ctx, &mut crumbs, &here, u, one),
                    // A criterion of several outcomes is under none of them: its page lists each.
                    _ => in_unit(&mut ctx, &mut crumbs, &here, u),
                }
                criterion_outcomes(&mut ctx, &here, u, c);
                ctx.insert("title", &format!("{} {}", c.id, c.text));
                ctx.insert("criterion", c);
                ctx.insert("band_label", &c.band.map(|b| b.label()));
                ctx.insert("verb_asks", &views::verb_asks(course, c));
                ctx.insert("mark_bands", &mark_bands(c));
                let knowledge: Vec<_> = u
                    .taught_by(c)
                    .map(|k| views::knowledge_view(&here, u, k))
                    .collect();
                let scenarios: Vec<_> = u
                    .scenarios
                    .iter()
                    .filter(|s| s.criteria.contains(&c.id))
                    .map(|s| views::scenario_view(&here, u, s))
                    .collect();
                ctx.insert("knowledge", &knowledge);
                ctx.insert("scenarios", &scenarios);
                super::unit_links::insert_related_criteria(&mut ctx, &here, course, links, ui, i);
                ctx.insert(
                    "brief",
                    &u.brief_for(&c.id).map(|b| {
                        here.link(b.title.clone(), &Route::Brief(&u.slug, &b.slug).path())
                    }),
                );
                ctx.insert(
                    "quiz",
                    &u.quiz(&c.id)
                        .map(|q| super::quiz_view::quiz_view(&here, u, q)),
                );
                ctx.insert("progress_url", &here.url(&Route::Progress(&u.slug).path()));
                // Previous and next follow the teaching order: P3 comes before P4, not D2.
                let order: Vec<_> = nav::teaching_order(u)
                    .into_iter()
                    .map(|c| &u.criteria[c])
                    .collect();
                let at = order.iter().position(|o| o.id == c.id).unwrap_or(0);
                neighbours(&mut ctx, &here, &order, at, |c| {
                    (
                        format!("{} {}", c.id, c.text),
                        Route::Criterion(&u.slug, &c.slug).path(),
                    )
                });
            }
            Page::Knowledge(ui, i) => {
                let u = &course.units[ui];
                let k = &u.knowledge[i];
                in_outcome(&mut ctx, &mut crumbs, &here, u, &k.outcome);
                ctx.insert("title", &k.title);
                ctx.insert("knowledge", &views::knowledge_view(&here, u, k));
                ctx.insert("notes", &k.notes);
                neighbours(&mut ctx, &here, &u.knowledge, i, |k| {
                    (k.title.clone(), Route::Knowledge(&u.slug, &k.slug).path())
                });
            }
        }
        ctx.insert("breadcrumbs", &crumbs);
        ctx
    }
}

/// The parts of every page that belongs to unit `u`: the unit in the breadcrumb trail, and the
/// unit's card for the page's heading.
fn in_unit(ctx: &mut Context, crumbs: &mut Vec<Link>, here: &Here, u: &Unit) {
    crumbs.push(here.link(views::unit_label(u), &Route::Unit(&u.slug).path()));
    ctx.insert("unit", &views::unit_card(here, u));
}

/// The parts of a page under outcome `id` of unit `u`: the unit and the outcome in the
/// breadcrumb trail, and both for the page's heading.
fn in_outcome(ctx: &mut Context, crumbs: &mut Vec<Link>, here: &Here, u: &Unit, id: &str) {
    in_unit(ctx, crumbs, here, u);
    if let Some(o) = u.outcome(id) {
        crumbs.push(here.link(o.label.clone(), &Route::Outcome(&u.slug, &o.slug).path()));
        ctx.insert("outcome", &views::outcome_ref(here, u, o));
    }
}

/// The outcomes of criterion `c` for its page: `outcomes` (linked), `outcomes_heading`
/// ("Learning aims") and `outcomes_named` ("learning aims A and B").
fn criterion_outcomes(ctx: &mut Context, here: &Here, u: &Unit, c: &crate::model::Criterion) {
    let term = u.facts.outcome_term;
    let outcomes = views::outcome_refs(here, u, c);
    let ids: Vec<&str> = outcomes.iter().map(|o| o.id).collect();
    let heading = match ids.len() {
        1 => term.singular().to_string(),
        _ => term.plural(),
    };
    ctx.insert("outcomes_heading", &capitalised(&heading));
    ctx.insert("outcomes_named", &term.list(&ids));
    ctx.insert("outcomes", &outcomes);
}

/// A marking criterion's bands, as its page lists them: ("4–6 marks", what a response does).
fn mark_bands(c: &crate::model::Criterion) -> Vec<(String, &str)> {
    c.marks
        .iter()
        .flat_map(|m| &m.bands)
        .map(|b| (super::grid::mark_range(b), b.text.as_str()))
        .collect()
}

/// Sets `prev` and `next`: the neighbours of item `i` in `items`.
fn neighbours<T>(
    ctx: &mut Context,
    here: &Here,
    items: &[T],
    i: usize,
    link: impl Fn(&T) -> (String, String),
) {
    let make = |item: &T| {
        let (title, path) = link(item);
        Link {
            title,
            url: here.url(&path),
        }
    };
    ctx.insert("prev", &i.checked_sub(1).map(|p| make(&items[p])));
    ctx.insert("next", &items.get(i + 1).map(make));
}

/// The site-wide addresses every page's templates use: links relative to the page, and the
/// search scripts' addresses from the site root (search.js puts the root before them).
#[derive(serde::Serialize)]
struct SiteRoutes {
    search: String,
    progression: String,
    accessibility: String,
    /// The engine's scripts, each needing those before it: elasticlunr.js, then the index's
    /// codes, its result data and its reader.
    search_engine: [String; 4],
    search_manifest: String,
    search_page: String,
}
