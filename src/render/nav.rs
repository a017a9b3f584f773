//! The navigation beside a unit's pages: its criteria in teaching order (each with a place for
//! the learner's status, which the theme's script fills in from saved progress), its learning
//! outcomes with their knowledge items, and the current page marked. Also the teaching order
//! itself, which previous/next links follow.

use std::cmp::Ordering;

use serde::Serialize;

use super::views::Here;
use crate::model::{GradeBand, Unit};
use crate::routes::Route;

/// A link in the navigation; `current` when it is the page being shown.
#[derive(Serialize)]
pub struct NavLink<'a> {
    pub title: &'a str,
    pub url: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct NavCriterion<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub url: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct NavOutcome<'a> {
    /// "1." or "A", as the grid writes it in front of the title.
    pub prefix: String,
    pub title: &'a str,
    pub url: String,
    pub current: bool,
    pub knowledge: Vec<NavLink<'a>>,
}

/// The navigation of one unit, as seen from the page at `path`.
#[derive(Serialize)]
pub struct UnitNav<'a> {
    pub slug: &'a str,
    pub label: String,
    pub title: &'a str,
    pub url: String,
    pub current: bool,
    pub progress_url: String,
    pub progress_current: bool,
    pub briefs_url: Option<String>,
    pub briefs_current: bool,
    pub criteria: Vec<NavCriterion<'a>>,
    pub outcomes: Vec<NavOutcome<'a>>,
    /// "Learning outcomes", "Learning aims": the heading over `outcomes`.
    pub outcomes_heading: String,
    /// The unit's criteria for the status script: `P1:pass P2:pass M1:merit …`, or `1.1: 1.2:`
    /// for an ungraded unit.
    pub criteria_code: String,
}

/// The navigation of unit `u` for the page at `path` (from the site root).
pub fn unit_nav<'a>(here: &Here, path: &str, u: &'a Unit) -> UnitNav<'a> {
    let link = |route: Route| {
        let p = route.path();
        (here.url(&p), p == path)
    };
    let (url, current) = link(Route::Unit(&u.slug));
    let (progress_url, progress_current) = link(Route::Progress(&u.slug));
    let (briefs_url, briefs_current) = if u.briefs.is_empty() {
        (None, false)
    } else {
        let (url, current) = link(Route::BriefPack(&u.slug));
        // A single brief is "in" the briefs section too.
        let inside = path.starts_with(&Route::BriefPack(&u.slug).path().replace("index.html", ""));
        (Some(url), current || inside)
    };
    let criteria = teaching_order(u)
        .into_iter()
        .map(|i| {
            let c = &u.criteria[i];
            let (url, current) = link(Route::Criterion(&u.slug, &c.slug));
            NavCriterion {
                id: &c.id,
                text: &c.text,
                url,
                current,
            }
        })
        .collect();
    let outcomes = u
        .outcomes
        .iter()
        .map(|o| {
            let (url, current) = link(Route::Outcome(&u.slug, &o.slug));
            NavOutcome {
                prefix: super::views::outcome_ref(here, u, o).prefix,
                title: &o.title,
                url,
                current,
                knowledge: u
                    .knowledge
                    .iter()
                    .filter(|k| k.outcome == o.id)
                    .map(|k| {
                        let (url, current) = link(Route::Knowledge(&u.slug, &k.slug));
                        NavLink {
                            title: &k.title,
                            url,
                            current,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    UnitNav {
        slug: &u.slug,
        label: u.label(),
        title: &u.facts.title,
        url,
        current,
        progress_url,
        progress_current,
        briefs_url,
        briefs_current,
        criteria,
        outcomes,
        outcomes_heading: crate::load::values::capitalised(&u.facts.outcome_term.plural()),
        criteria_code: criteria_code(u),
    }
}

/// Unit `u`'s criteria as the status script reads them: id and band, in teaching order.
pub fn criteria_code(u: &Unit) -> String {
    teaching_order(u)
        .into_iter()
        .map(|i| {
            let c = &u.criteria[i];
            format!("{}:{}", c.id, c.band.map_or("", band_key))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn band_key(b: GradeBand) -> &'static str {
    match b {
        GradeBand::Pass => "pass",
        GradeBand::Merit => "merit",
        GradeBand::Distinction => "distinction",
    }
}

/// The order a unit's criteria are worked through (indexes into `u.criteria`): in a graded unit
/// the pass criteria, then merit, then distinction, each in number order (P1 … P6, M1, M2,
/// D1 …), as a learner aims for a pass first; other units keep the order of criteria.toml.
pub fn teaching_order(u: &Unit) -> Vec<usize> {
    let mut order: Vec<usize> = (0..u.criteria.len()).collect();
    if u.is_graded() {
        order.sort_by(|&a, &b| {
            let (a, b) = (&u.criteria[a], &u.criteria[b]);
            a.band.cmp(&b.band).then_with(|| natural(&a.id, &b.id))
        });
    }
    order
}

/// Compares ids as people read them: runs of digits by their value, so P9 comes before P10.
fn natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (na, ra) = split_digits(a);
                let (nb, rb) = split_digits(b);
                // Longer runs (leading zeros aside) are larger numbers.
                let (na, nb) = (na.trim_start_matches('0'), nb.trim_start_matches('0'));
                match na.len().cmp(&nb.len()).then_with(|| na.cmp(nb)) {
                    Ordering::Equal => (a, b) = (ra, rb),
                    other => return other,
                }
            }
            (Some(x), Some(y)) => match x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()) {
                Ordering::Equal => (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]),
                other => return other,
            },
        }
    }
}

fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_ids_compare_by_value() {
        let mut ids = ["P10", "P2", "P1", "1.10", "1.2", "p3"];
        ids.sort_by(|a, b| natural(a, b));
        assert_eq!(ids, ["1.2", "1.10", "P1", "P2", "p3", "P10"]);
        assert_eq!(natural("P01", "P1"), Ordering::Equal);
    }
}
