//! The course as plain, validated data. Everything the renderer, the search index and the checks
//! need is here, already cross-checked: every criterion's outcomes exist, every id is unique,
//! every reference resolves.

pub mod assessment;
mod brief;
pub(crate) mod build;
mod criteria;
mod edition;
pub mod file_refs;
mod file_uses;
pub mod grid;
mod kind;
pub mod links;
mod marks;
mod outcomes;
pub mod quiz;
mod rebuild;
pub mod safety;
mod scenarios;
pub mod spans;

pub use crate::ids::{self, slug_for_id};
pub use crate::load::values::{
    AssessmentMethod, BriefPeople, CriterionKind, Fact, GradeBand, Grading, NosLink, OutcomeTerm,
    RawHtmlPolicy, SiteConfig, StandardInfo, TeachPoint, UnitType,
};
pub use assessment::Assessment;
pub use brief::{AssignmentBrief, BriefTask, TeacherNotes};
pub use build::build;
pub use edition::Edition;
pub use file_uses::Download;
pub use grid::{StatedCell, StatedGrid, StatedRow};
pub use kind::Kind;
pub use links::LinkGraph;
pub use quiz::{Question, QuestionKind, Quiz};
pub use rebuild::{put_back, rebuild_unit};

use serde::Serialize;

use crate::markdown::Markdown;

/// A whole course: the site settings and its units, in home-page order.
#[derive(Debug, Serialize)]
pub struct Course {
    pub site: SiteConfig,
    pub verbs: Vec<CommandVerb>,
    pub units: Vec<Unit>,
    /// The links between units, by index into `units`.
    #[serde(skip)]
    pub links: LinkGraph,
    /// The images and downloads of every `files/` folder.
    #[serde(skip)]
    pub files: crate::course_files::CourseFiles,
}

/// What a command verb (describe, analyse …) asks a learner to do, in plain words.
#[derive(Debug, Clone, Serialize)]
pub struct CommandVerb {
    pub word: String,
    pub asks: String,
}

/// One qualification unit or occupational standard.
#[derive(Debug, Serialize)]
pub struct Unit {
    /// The unit's folder name, used in its URLs.
    pub slug: String,
    pub facts: UnitFacts,
    pub introduction: Markdown,
    /// In the reader's order of their ids (1, 2 … 10; A, B).
    pub outcomes: Vec<LearningOutcome>,
    /// In the order of criteria.toml.
    pub criteria: Vec<Criterion>,
    /// The grid as the specification prints it, when criteria.toml states it.
    pub grid: Option<StatedGrid>,
    /// How the unit's grade or marks come from its criteria.
    pub assessment: Assessment,
    /// Ordered by outcome, then by `order`.
    pub knowledge: Vec<KnowledgeItem>,
    pub scenarios: Vec<Scenario>,
    pub evidence: Option<Markdown>,
    /// At most one per criterion.
    pub quizzes: Vec<Quiz>,
    /// In print-pack order.
    pub briefs: Vec<AssignmentBrief>,
}

/// The unit facts as the specification states them.
#[derive(Debug, Clone, Serialize)]
pub struct UnitFacts {
    pub title: String,
    pub awarding_body: String,
    pub qualification: String,
    pub unit_number: String,
    pub reference: Option<String>,
    pub level: Option<u8>,
    pub credit_value: Fact<u32>,
    pub guided_learning_hours: Fact<u32>,
    pub grading: Grading,
    pub order: i64,
    pub aim: String,
    pub purpose: Option<String>,
    /// What the unit calls its outcomes.
    pub outcome_term: OutcomeTerm,
    pub unit_type: Fact<UnitType>,
    pub assessment: Fact<Vec<AssessmentMethod>>,
    pub synoptic: Fact<String>,
    /// Other units the specification links this one to.
    pub linked_units: Vec<LinkedUnit>,
    pub nos: Vec<NosLink>,
    pub standard: Option<StandardInfo>,
}

/// A unit the specification links a unit to: one of this course (`unit`) or outside it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedUnit {
    /// The slug of the unit of this course.
    pub unit: Option<String>,
    /// The unit outside the course, as the specification names it.
    pub title: Option<String>,
    pub note: Option<String>,
}

/// An outcome of a unit, whatever the unit calls it: a learning outcome ("The learner will
/// …"), a learning aim, an element, a section, a task.
#[derive(Debug, Serialize)]
pub struct LearningOutcome {
    /// As the specification writes it, and as its file is named: 1, A, LO3.
    pub id: String,
    /// As it appears in URLs: 1, a, lo3.
    pub slug: String,
    /// "Learning outcome 1", "Learning aim A".
    pub label: String,
    pub title: String,
    pub overview: Markdown,
    /// Teacher-facing; absent from the learner edition.
    pub delivery: Option<Markdown>,
}

/// One assessment criterion.
#[derive(Debug, Serialize)]
pub struct Criterion {
    /// As the specification writes it: P1, M2, 1.1, K3.
    pub id: String,
    /// As it appears in URLs: p1, m2, 1-1, k3.
    pub slug: String,
    pub band: Option<GradeBand>,
    /// The ids of the outcomes it belongs to, one or more, in the unit's order.
    pub outcomes: Vec<String>,
    pub text: String,
    pub kind: CriterionKind,
    /// The command verb, lower case; always one listed in command-verbs.toml.
    pub verb: String,
    pub guidance: Option<String>,
    /// The teacher's notes on this criterion (`notes/<slug>.md`).
    pub notes: Option<Markdown>,
    /// Criteria of other units that say the same thing.
    pub related: Vec<CriterionLink>,
    /// A marking criterion's mark bands and most marks.
    pub marks: Option<MarkScheme>,
}

/// How a marking criterion is marked: its bands, lowest first, following on from each other.
#[derive(Debug, Clone, Serialize)]
pub struct MarkScheme {
    pub bands: Vec<MarkBand>,
    pub max: u32,
}

/// One mark band: its marks and what a response in it does.
#[derive(Debug, Clone, Serialize)]
pub struct MarkBand {
    pub low: u32,
    pub high: u32,
    pub text: String,
}

/// A criterion of another unit, written `unit-slug/ID` in criteria.toml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionLink {
    pub unit: String,
    pub id: String,
}

impl std::fmt::Display for CriterionLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.unit, self.id)
    }
}

/// A topic the learner must know, linked to the criteria it supports.
#[derive(Debug, Serialize)]
pub struct KnowledgeItem {
    pub slug: String,
    pub title: String,
    /// The id of its outcome.
    pub outcome: String,
    /// The specification's code for the topic (A1, B2).
    pub code: Option<String>,
    /// Ids of the criteria it supports.
    pub criteria: Vec<String>,
    /// The specification's own line for the topic, quoted exactly.
    pub spec: Option<String>,
    pub teach: Vec<TeachPoint>,
    /// Shown only on the item's own page, so left out of the views other pages serialise.
    #[serde(skip)]
    pub notes: Markdown,
}

/// An assessment scenario and its tasks.
#[derive(Debug, Serialize)]
pub struct Scenario {
    pub slug: String,
    pub title: String,
    pub criteria: Vec<String>,
    pub tasks: Vec<Task>,
    pub body: Markdown,
}

/// One task of a scenario, with the criteria it targets.
#[derive(Debug, Serialize)]
pub struct Task {
    pub criteria: Vec<String>,
    pub text: String,
}

impl Course {
    /// Leaves out what `edition` does not show, so that no template or index can show it: in
    /// the learner edition, every outcome's delivery guidance and every brief's notes for
    /// teachers.
    pub fn keep_only(&mut self, edition: Edition) {
        if edition.shows_teacher_material() {
            return;
        }
        for u in &mut self.units {
            for o in &mut u.outcomes {
                o.delivery = None;
            }
            for b in &mut u.briefs {
                b.teacher = None;
            }
        }
    }
}

impl Unit {
    /// How the unit is named beside its title: "Unit 10", or the code of a standard or of a
    /// unit numbered otherwise ("CFACSB15", "B15").
    pub fn label(&self) -> String {
        let n = &self.facts.unit_number;
        if self.facts.grading == Grading::Standard || !n.chars().all(|c| c.is_ascii_digit()) {
            n.clone()
        } else {
            format!("Unit {n}")
        }
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn quiz(&self, criterion: &str) -> Option<&Quiz> {
        self.quizzes.iter().find(|q| q.criterion == criterion)
    }

    pub fn knowledge_item(&self, slug: &str) -> Option<&KnowledgeItem> {
        self.knowledge.iter().find(|k| k.slug == slug)
    }

    /// The brief that covers criterion `id`.
    pub fn brief_for(&self, id: &str) -> Option<&AssignmentBrief> {
        self.briefs
            .iter()
            .find(|b| b.criteria.iter().any(|c| c == id))
    }

    pub fn outcome(&self, id: &str) -> Option<&LearningOutcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    /// The knowledge items that teach criterion `c`: those that name it; for a criterion of
    /// several outcomes that none names (one that draws them together), all their items.
    pub fn taught_by<'a>(&'a self, c: &'a Criterion) -> impl Iterator<Item = &'a KnowledgeItem> {
        let named = self.knowledge.iter().any(|k| k.criteria.contains(&c.id));
        let draws_together = !named && c.outcomes.len() > 1;
        self.knowledge.iter().filter(move |k| {
            k.criteria.contains(&c.id) || (draws_together && c.outcomes.contains(&k.outcome))
        })
    }

    /// The outcomes criterion `c` belongs to, in the unit's order.
    pub fn outcomes_of<'a>(
        &'a self,
        c: &'a Criterion,
    ) -> impl Iterator<Item = &'a LearningOutcome> {
        self.outcomes.iter().filter(|o| c.outcomes.contains(&o.id))
    }

    /// Whether this unit's criteria are graded pass, merit and distinction.
    pub fn is_graded(&self) -> bool {
        self.facts.grading == Grading::Graded
    }
}
