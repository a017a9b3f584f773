//! What templates see: small serialisable views built from the model, with every URL already
//! made relative to the page being rendered.

use serde::Serialize;

use crate::model::{Course, Criterion, GradeBand, KnowledgeItem, LearningOutcome, Scenario, Unit};
use crate::routes::{self, Route};

/// A link to another page of the site.
#[derive(Debug, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Builds URLs relative to one page.
pub struct Here {
    root: String,
}

impl Here {
    /// URLs for the page at `path` (relative to the site root).
    pub fn new(path: &str) -> Self {
        Here {
            root: routes::root_prefix(path),
        }
    }

    /// The way back to the site root: "" or "../../" and so on.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// `site_path` (relative to the site root) as seen from this page.
    pub fn url(&self, site_path: &str) -> String {
        format!("{}{site_path}", self.root)
    }

    /// A link from this page to `site_path`.
    pub fn link(&self, title: impl Into<String>, site_path: &str) -> Link {
        Link {
            title: title.into(),
            url: self.url(site_path),
        }
    }
}

/// How a unit is named in headings and breadcrumbs: "Unit 10", "B15", "CFACSB15".
pub fn unit_label(u: &Unit) -> String {
    u.label()
}

/// A unit's label and title: "Unit 10: Customer relations in business".
pub fn unit_heading(u: &Unit) -> String {
    format!("{}: {}", unit_label(u), u.facts.title)
}

/// A unit as listed on the home page and named on its own pages.
#[derive(Serialize)]
pub struct UnitCard<'a> {
    pub slug: &'a str,
    pub label: String,
    pub url: String,
    pub facts: &'a crate::model::UnitFacts,
    pub graded: bool,
    pub outcome_count: usize,
    pub criterion_count: usize,
    /// The criteria for the status script (see [`super::nav::criteria_code`]).
    pub criteria_code: String,
}

/// A unit as the home page lists it.
pub fn unit_card<'a>(here: &Here, u: &'a Unit) -> UnitCard<'a> {
    UnitCard {
        slug: &u.slug,
        label: unit_label(u),
        url: here.url(&Route::Unit(&u.slug).path()),
        facts: &u.facts,
        graded: u.is_graded(),
        outcome_count: u.outcomes.len(),
        criterion_count: u.criteria.len(),
        criteria_code: super::nav::criteria_code(u),
    }
}

/// A criterion as a link with its id, wording and band.
#[derive(Serialize)]
pub struct CriterionRef<'a> {
    pub id: &'a str,
    pub slug: &'a str,
    pub text: &'a str,
    pub band: Option<GradeBand>,
    pub band_label: Option<&'static str>,
    pub url: String,
}

/// A link to criterion `c` of unit `u`.
pub fn criterion_ref<'a>(here: &Here, u: &'a Unit, c: &'a Criterion) -> CriterionRef<'a> {
    CriterionRef {
        id: &c.id,
        slug: &c.slug,
        text: &c.text,
        band: c.band,
        band_label: c.band.map(GradeBand::label),
        url: here.url(&Route::Criterion(&u.slug, &c.slug).path()),
    }
}

/// The criteria named by `ids`, in the unit's order, linked.
pub fn criteria_refs<'a>(here: &Here, u: &'a Unit, ids: &[String]) -> Vec<CriterionRef<'a>> {
    u.criteria
        .iter()
        .filter(|c| ids.contains(&c.id))
        .map(|c| criterion_ref(here, u, c))
        .collect()
}

/// A learning outcome as a link with its number and title.
#[derive(Serialize)]
pub struct OutcomeRef<'a> {
    pub number: u32,
    pub title: &'a str,
    pub url: String,
}

/// A link to learning outcome `o` of unit `u`.
pub fn outcome_ref<'a>(here: &Here, u: &'a Unit, o: &'a LearningOutcome) -> OutcomeRef<'a> {
    OutcomeRef {
        number: o.number,
        title: &o.title,
        url: here.url(&Route::Outcome(&u.slug, o.number).path()),
    }
}

/// A knowledge item with its link and the criteria it supports.
#[derive(Serialize)]
pub struct KnowledgeView<'a> {
    pub slug: &'a str,
    pub url: String,
    pub item: &'a KnowledgeItem,
    pub criteria: Vec<CriterionRef<'a>>,
    /// The specification's line without the item's title in front of it, which pages show
    /// under that title.
    pub spec_rest: Option<&'a str>,
}

/// Knowledge item `k` of unit `u`, as pages other than its own show it.
pub fn knowledge_view<'a>(here: &Here, u: &'a Unit, k: &'a KnowledgeItem) -> KnowledgeView<'a> {
    KnowledgeView {
        slug: &k.slug,
        url: here.url(&Route::Knowledge(&u.slug, &k.slug).path()),
        item: k,
        criteria: criteria_refs(here, u, &k.criteria),
        spec_rest: k.spec.as_deref().map(|s| after_title(&k.title, s)),
    }
}

/// `spec` without `title` (in any case) and the punctuation after it at its start:
/// "Customer expectations: safety, …" → "safety, …".
fn after_title<'a>(title: &str, spec: &'a str) -> &'a str {
    match spec.get(..title.len()) {
        Some(start) if start.eq_ignore_ascii_case(title) => {
            let rest = spec[title.len()..].trim_start_matches([':', ' ', '-', '\u{2013}']);
            if rest.is_empty() {
                spec
            } else {
                rest
            }
        }
        _ => spec,
    }
}

/// An assessment scenario with its link and the criteria it covers.
#[derive(Serialize)]
pub struct ScenarioView<'a> {
    pub slug: &'a str,
    pub url: String,
    pub scenario: &'a Scenario,
    pub criteria: Vec<CriterionRef<'a>>,
}

/// Scenario `s` of unit `u`.
pub fn scenario_view<'a>(here: &Here, u: &'a Unit, s: &'a Scenario) -> ScenarioView<'a> {
    ScenarioView {
        slug: &s.slug,
        url: here.url(&routes::scenario(&u.slug, &s.slug)),
        scenario: s,
        criteria: criteria_refs(here, u, &s.criteria),
    }
}

/// One row of the grading grid: a learning outcome and its criteria, one cell per column.
#[derive(Serialize)]
pub struct GridRow<'a> {
    pub outcome: OutcomeRef<'a>,
    pub cells: Vec<Vec<CriterionRef<'a>>>,
}

/// The grading grid as the specification lays it out: learning outcomes as rows; Pass, Merit and
/// Distinction columns for graded units, a single column of criteria otherwise.
#[derive(Serialize)]
pub struct Grid<'a> {
    pub columns: Vec<&'static str>,
    pub rows: Vec<GridRow<'a>>,
}

/// The grading grid of unit `u`.
pub fn grid<'a>(here: &Here, u: &'a Unit) -> Grid<'a> {
    let bands: Vec<Option<GradeBand>> = if u.is_graded() {
        GradeBand::ALL.iter().copied().map(Some).collect()
    } else {
        vec![None]
    };
    let columns = bands
        .iter()
        .map(|b| b.map_or("Assessment criteria", GradeBand::label))
        .collect();
    let rows = u
        .outcomes
        .iter()
        .map(|o| GridRow {
            outcome: outcome_ref(here, u, o),
            cells: bands
                .iter()
                .map(|band| {
                    u.criteria
                        .iter()
                        .filter(|c| c.outcome == o.number && (band.is_none() || c.band == *band))
                        .map(|c| criterion_ref(here, u, c))
                        .collect()
                })
                .collect(),
        })
        .collect();
    Grid { columns, rows }
}

/// The command verb of a criterion and what it asks.
pub fn verb_asks<'a>(course: &'a Course, c: &Criterion) -> Option<&'a str> {
    course
        .verbs
        .iter()
        .find(|v| v.word == c.verb)
        .map(|v| v.asks.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_line_loses_the_title_it_starts_with() {
        let t = "Customer expectations";
        assert_eq!(
            after_title(t, "Customer expectations: safety, price"),
            "safety, price"
        );
        assert_eq!(after_title(t, "customer expectations – safety"), "safety");
        assert_eq!(after_title(t, "Safety and price"), "Safety and price");
        assert_eq!(
            after_title(t, "Customer expectations"),
            "Customer expectations"
        );
        assert_eq!(after_title("Über", "Üb"), "Üb");
    }
}
