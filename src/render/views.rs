//! What templates see: small serialisable views built from the model, with every URL already
//! made relative to the page being rendered.

use serde::Serialize;

use crate::load::values::capitalised;
use crate::model::{
    Course, Criterion, GradeBand, Grading, KnowledgeItem, LearningOutcome, OutcomeTerm, Scenario,
    Unit,
};
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
    /// Marked in mark bands, out of `total_marks`.
    pub marked: bool,
    pub total_marks: Option<u32>,
    pub outcome_count: usize,
    /// "4 learning outcomes", "1 learning aim".
    pub outcomes_counted: String,
    pub criterion_count: usize,
    /// What the unit calls its outcomes.
    pub terms: Terms,
    /// The criteria for the status script (see [`super::nav::criteria_code`]).
    pub criteria_code: String,
}

/// The word a unit uses for its outcomes, in each form a page needs.
#[derive(Serialize)]
pub struct Terms {
    /// "learning outcome"
    pub singular: &'static str,
    /// "learning outcomes"
    pub plural: String,
    /// "outcome" for learning outcomes, else the singular: "the teaching content for this …"
    pub short: &'static str,
    /// "Learning outcome"
    pub singular_capitalised: String,
    /// "Learning outcomes"
    pub plural_capitalised: String,
    /// The heading of the grid's first column.
    pub grid_heading: String,
}

impl Terms {
    pub fn of(term: OutcomeTerm) -> Self {
        Terms {
            singular: term.singular(),
            plural: term.plural(),
            short: term.short(),
            singular_capitalised: capitalised(term.singular()),
            plural_capitalised: capitalised(&term.plural()),
            grid_heading: term.grid_heading(),
        }
    }
}

/// A unit as the home page lists it.
pub fn unit_card<'a>(here: &Here, u: &'a Unit) -> UnitCard<'a> {
    let term = u.facts.outcome_term;
    let n = u.outcomes.len();
    UnitCard {
        slug: &u.slug,
        label: unit_label(u),
        url: here.url(&Route::Unit(&u.slug).path()),
        facts: &u.facts,
        graded: u.is_graded(),
        marked: u.facts.grading == Grading::Marks,
        total_marks: u.assessment.total_marks(),
        outcome_count: n,
        outcomes_counted: if n == 1 {
            format!("1 {}", term.singular())
        } else {
            format!("{n} {}", term.plural())
        },
        criterion_count: u.criteria.len(),
        terms: Terms::of(term),
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
    /// A marking criterion's most marks.
    pub max: Option<u32>,
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
        max: c.marks.as_ref().map(|m| m.max),
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

/// An outcome as a link with its id and title.
#[derive(Serialize)]
pub struct OutcomeRef<'a> {
    /// As written: 1, A, LO3.
    pub id: &'a str,
    /// "Learning outcome 1", "Learning aim A".
    pub label: &'a str,
    /// The label in running text: "learning outcome 1", "learning aim A".
    pub named: String,
    /// Whether the id is a number, as in a list numbered by the outcomes' own order.
    pub numbered: bool,
    /// What goes before the title in lists and the grid: "1." for a number, else the id ("A").
    pub prefix: String,
    /// What a brief puts before the title: "LO1" for a numbered learning outcome, else the id
    /// and a colon ("A:").
    pub short: String,
    pub title: &'a str,
    pub url: String,
}

/// A link to outcome `o` of unit `u`.
pub fn outcome_ref<'a>(here: &Here, u: &'a Unit, o: &'a LearningOutcome) -> OutcomeRef<'a> {
    let numbered = crate::ids::is_number(&o.id);
    OutcomeRef {
        id: &o.id,
        label: &o.label,
        named: decapitalised(&o.label),
        numbered,
        prefix: if numbered {
            format!("{}.", o.id)
        } else {
            o.id.clone()
        },
        short: if numbered && u.facts.outcome_term == OutcomeTerm::LearningOutcome {
            format!("LO{}", o.id)
        } else {
            format!("{}:", o.id)
        },
        title: &o.title,
        url: here.url(&Route::Outcome(&u.slug, &o.slug).path()),
    }
}

/// `text` with its first letter in lower case.
fn decapitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

/// The outcomes criterion `c` belongs to, linked.
pub fn outcome_refs<'a>(here: &Here, u: &'a Unit, c: &'a Criterion) -> Vec<OutcomeRef<'a>> {
    u.outcomes_of(c).map(|o| outcome_ref(here, u, o)).collect()
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
