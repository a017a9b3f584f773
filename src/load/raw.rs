//! The shape of each content file as written, before cross-checking. Keys that other files
//! refer to, or that later checks must point at, are kept with their spans.

use serde::Deserialize;
use toml::Spanned;

use super::forms::{GridCell, MarkRange, OutcomeKey};
use super::values::{
    AssessmentMethod, CriterionKind, Fact, GradeBand, Grading, NosLink, OutcomeTerm, StandardInfo,
    TeachPoint, UnitType,
};

/// content/command-verbs.toml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbsFile {
    #[serde(default)]
    pub verb: Vec<VerbEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbEntry {
    pub word: Spanned<String>,
    pub asks: String,
}

/// The front matter of `units/<slug>/unit.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFront {
    pub title: String,
    pub awarding_body: String,
    pub qualification: String,
    pub unit_number: String,
    pub reference: Option<String>,
    pub level: Option<u8>,
    #[serde(default = "Fact::not_stated")]
    pub credit_value: Fact<u32>,
    #[serde(default = "Fact::not_stated")]
    pub guided_learning_hours: Fact<u32>,
    pub grading: Spanned<Grading>,
    #[serde(default)]
    pub order: i64,
    pub aim: String,
    pub purpose: Option<String>,
    /// What the unit calls its outcomes; else site.toml's, else "learning outcome".
    pub outcome_term: Option<OutcomeTerm>,
    #[serde(default)]
    pub unit_type: Fact<UnitType>,
    #[serde(default)]
    pub assessment: Fact<Vec<AssessmentMethod>>,
    /// What the specification says of the unit's synoptic assessment.
    #[serde(default)]
    pub synoptic: Fact<String>,
    #[serde(default)]
    pub linked_unit: Vec<Spanned<RawLinkedUnit>>,
    /// A marked unit's total, as the specification states it: checked against its criteria.
    pub total_marks: Option<Spanned<u32>>,
    #[serde(default)]
    pub grade_boundary: Vec<Spanned<RawBoundary>>,
    #[serde(default)]
    pub nos: Vec<Spanned<NosLink>>,
    pub standard: Option<StandardInfo>,
}

/// A unit the specification links this one to: a unit of this course (`unit`, its slug) or
/// one outside it (`title`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLinkedUnit {
    pub unit: Option<Spanned<String>>,
    pub title: Option<String>,
    /// How the units are linked, in the specification's words.
    pub note: Option<String>,
}

/// The fewest marks for a grade of a marked unit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBoundary {
    pub grade: Spanned<String>,
    pub marks: Spanned<u32>,
}

/// `units/<slug>/criteria.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaFile {
    #[serde(default)]
    pub criterion: Vec<RawCriterion>,
    /// The grid as the specification prints it, when it is stated.
    pub grid: Option<RawGrid>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: Spanned<String>,
    pub band: Option<Spanned<GradeBand>>,
    /// The one outcome it belongs to; or `outcomes`, several.
    pub outcome: Option<Spanned<OutcomeKey>>,
    pub outcomes: Option<Spanned<Vec<Spanned<OutcomeKey>>>>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub kind: CriterionKind,
    pub verb: Option<Spanned<String>>,
    pub guidance: Option<String>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    /// A marking criterion's bands, lowest first.
    #[serde(default)]
    pub mark_band: Vec<Spanned<RawMarkBand>>,
    /// A marking criterion's most marks, as the specification states it.
    pub max: Option<Spanned<u32>>,
}

/// One mark band of a marking criterion.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarkBand {
    pub marks: Spanned<MarkRange>,
    pub text: String,
}

/// criteria.toml's `[grid]`: the rows of the grid in the specification's order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGrid {
    #[serde(default)]
    pub row: Vec<Spanned<RawGridRow>>,
}

/// One row of a stated grid: the outcome it is in and its cells by column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGridRow {
    pub outcome: Spanned<OutcomeKey>,
    pub pass: Option<Spanned<GridCell>>,
    pub merit: Option<Spanned<GridCell>>,
    pub distinction: Option<Spanned<GridCell>>,
    /// The one column of a unit that is not graded.
    pub criteria: Option<Spanned<GridCell>>,
}

/// The front matter of `units/<slug>/outcomes/<id>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeFront {
    pub title: String,
}

/// The front matter of `units/<slug>/knowledge/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeFront {
    pub title: String,
    pub outcome: Spanned<OutcomeKey>,
    /// The specification's code for the topic (A1, B2), shown beside its title.
    pub code: Option<Spanned<String>>,
    #[serde(default)]
    pub criteria: Vec<Spanned<String>>,
    #[serde(default)]
    pub order: i64,
    pub spec: Option<String>,
    #[serde(default)]
    pub teach: Vec<TeachPoint>,
}

/// The front matter of `units/<slug>/assessment/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFront {
    pub title: String,
    pub criteria: Vec<Spanned<String>>,
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub task: Vec<RawTask>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub criteria: Vec<Spanned<String>>,
    pub text: String,
}

/// `units/<slug>/quizzes/<slug>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub criterion: Spanned<String>,
    #[serde(default)]
    pub question: Vec<RawQuestion>,
}

/// The kinds of question a quiz file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Single,
    Multiple,
    TrueFalse,
    Match,
    Order,
    Written,
}

/// A question as written: every type's keys are optional here, and the model stage checks that
/// each question has exactly the keys its type needs, so the error can say which is missing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<QuestionType>,
    pub prompt: String,
    pub topic: Spanned<String>,
    pub heading: Option<Spanned<String>>,
    pub explanation: Option<String>,
    pub option: Option<Spanned<Vec<RawOption>>>,
    pub answer: Option<bool>,
    pub pair: Option<Spanned<Vec<Spanned<RawPair>>>>,
    pub items: Option<Spanned<Vec<String>>>,
    pub model_answer: Option<String>,
    pub checklist: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Spanned, so that the question-bank checks can point at an option.
    pub text: Spanned<String>,
    #[serde(default)]
    pub correct: bool,
    pub feedback: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    pub left: Option<String>,
    pub right: Option<String>,
}

/// The front matter of `units/<slug>/briefs/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefFront {
    pub title: String,
    pub scenario: Option<Spanned<String>>,
    pub criteria: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub observation: bool,
    #[serde(default)]
    pub development_plan: bool,
    // Not a flattened BriefPeople: serde reports an unknown key of a flattened table only at
    // the table's start, and teachers need the misspelt key's own line and column.
    pub assessor: Option<String>,
    pub internal_verifier: Option<String>,
    pub issue_date: Option<String>,
    pub deadline: Option<String>,
    #[serde(default)]
    pub task: Vec<RawBriefTask>,
    pub teacher: Option<RawTeacherNotes>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBriefTask {
    pub title: String,
    pub criteria: Vec<Spanned<String>>,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeacherNotes {
    pub guidance: String,
    pub pass: Option<String>,
    pub merit: Option<String>,
    pub distinction: Option<String>,
}
