//! The shape of each content file as written, before cross-checking. Keys that other files
//! refer to, or that later checks must point at, are kept with their spans.

use serde::Deserialize;
use toml::Spanned;

use crate::model::{CriterionKind, GradeBand, Grading, NosLink, StandardInfo, TeachPoint};

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

/// The front matter of units/<slug>/unit.md.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFront {
    pub title: String,
    pub awarding_body: String,
    pub qualification: String,
    pub unit_number: String,
    pub reference: Option<String>,
    pub level: Option<u8>,
    pub credit_value: Option<u32>,
    pub guided_learning_hours: Option<u32>,
    pub grading: Spanned<Grading>,
    #[serde(default)]
    pub order: i64,
    pub aim: String,
    pub purpose: Option<String>,
    #[serde(default)]
    pub nos: Vec<NosLink>,
    pub standard: Option<StandardInfo>,
}

/// units/<slug>/criteria.toml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaFile {
    #[serde(default)]
    pub criterion: Vec<RawCriterion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: Spanned<String>,
    pub band: Option<Spanned<GradeBand>>,
    pub outcome: Spanned<u32>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub kind: CriterionKind,
    pub verb: Option<Spanned<String>>,
    pub guidance: Option<String>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
}

/// The front matter of units/<slug>/outcomes/<n>.md.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeFront {
    pub title: String,
}

/// The front matter of units/<slug>/knowledge/<slug>.md.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeFront {
    pub title: String,
    pub outcome: Spanned<u32>,
    #[serde(default)]
    pub criteria: Vec<Spanned<String>>,
    #[serde(default)]
    pub order: i64,
    pub spec: Option<String>,
    #[serde(default)]
    pub teach: Vec<TeachPoint>,
}

/// The front matter of units/<slug>/assessment/<slug>.md.
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
