//! The values a content file's TOML holds that the model keeps as they are read: site
//! settings, grade bands, grading schemes, what a unit calls its outcomes, standards' facts.
//! Defined here, where they are parsed, so that loading needs nothing from the model; the model
//! re-exports them. Values written in more than one form (a fact or "not stated", a number or
//! text) are read by [`super::forms`].

use serde::{Deserialize, Serialize};

/// content/site.toml.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub centre: String,
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    pub description: Option<String>,
    /// Names and dates printed on every assignment brief.
    #[serde(default)]
    pub briefs: BriefPeople,
    /// What raw HTML in Markdown may do.
    #[serde(default)]
    pub raw_html: RawHtmlPolicy,
    /// What the qualification calls its units' outcomes, unless a unit says otherwise.
    pub outcome_term: Option<OutcomeTerm>,
    /// What the accessibility statement page says.
    #[serde(default)]
    pub accessibility: AccessibilityStatement,
}

/// site.toml's `[accessibility]`: the facts of the site's accessibility statement, which the
/// Public Sector Bodies Accessibility Regulations 2018 ask of a college's website. Every key is
/// optional: the page says what is missing rather than leaving a gap.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityStatement {
    /// Who runs the site; the centre when unset.
    pub organisation: Option<String>,
    /// Where to ask for another format or report a problem.
    pub email: Option<String>,
    pub phone: Option<String>,
    /// How many working days an answer takes.
    pub response_days: Option<u32>,
    /// How far the site meets WCAG 2.2 AA; partly when unset.
    #[serde(default)]
    pub compliance: Compliance,
    /// Content known not to be accessible, one sentence each: what, why, when it will be fixed.
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// What is being done to make the site more accessible.
    pub improvements: Option<String>,
    /// When the statement was first prepared, last reviewed, and the site last tested.
    pub prepared: Option<String>,
    pub reviewed: Option<String>,
    pub tested: Option<String>,
    /// Who tested the site, and how.
    pub tested_by: Option<String>,
    pub test_method: Option<String>,
}

/// How far a site meets the Web Content Accessibility Guidelines 2.2 AA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    Full,
    /// Until a centre has checked its own content, the honest default.
    #[default]
    Partial,
    Not,
}

/// What raw HTML written in Markdown may do (site.toml's `raw_html`). It is always published as
/// written unless refused: the site is the teachers' own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtmlPolicy {
    /// Raw HTML is published, and `check` says nothing about it.
    Allow,
    /// Raw HTML is published; `check` warns about the parts that run script.
    #[default]
    Warn,
    /// Any raw HTML is an error, in `check` and in the build: for centres that publish content
    /// from many authors.
    Refuse,
}

/// How a unit is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grading {
    /// Pass, merit and distinction criteria (OCR Cambridge Technicals).
    Graded,
    /// Competence criteria, met or not yet met (NVQ units).
    Competence,
    /// A National Occupational Standard: performance criteria and knowledge items.
    Standard,
    /// Marking criteria in mark bands, each marked out of its maximum, summed to a total
    /// (Cambridge Nationals and other mark-band units).
    Marks,
}

/// A link from a unit to a National Occupational Standard.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NosLink {
    pub code: String,
    /// Optional: only when the specification gives the standard's title.
    pub title: Option<String>,
    pub coverage: Option<String>,
    /// The slug of a unit of this course that holds the standard, when it does.
    pub unit: Option<String>,
}

/// The metadata block of a National Occupational Standard.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardInfo {
    pub developed_by: Option<String>,
    pub version: Option<String>,
    pub date_approved: Option<String>,
    pub indicative_review_date: Option<String>,
    pub validity: Option<String>,
    pub status: Option<String>,
    pub originating_organisation: Option<String>,
    pub original_urn: Option<String>,
    pub relevant_occupations: Option<String>,
    pub suite: Option<String>,
    #[serde(default)]
    pub key_words: Vec<String>,
}

/// The grade band a criterion belongs to, in a graded unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GradeBand {
    Pass,
    Merit,
    Distinction,
}

impl GradeBand {
    pub const ALL: [GradeBand; 3] = [GradeBand::Pass, GradeBand::Merit, GradeBand::Distinction];

    pub fn label(self) -> &'static str {
        match self {
            GradeBand::Pass => "Pass",
            GradeBand::Merit => "Merit",
            GradeBand::Distinction => "Distinction",
        }
    }
}

/// Whether a criterion asks the learner to do something or to know something.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CriterionKind {
    #[default]
    Performance,
    Knowledge,
    /// An apprenticeship standard's skill (S1).
    Skill,
    /// An apprenticeship standard's behaviour (B1).
    Behaviour,
}

/// What a unit calls its outcomes: the specification's own word, used on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum OutcomeTerm {
    /// OCR Cambridge Technicals, NVQ units: "Learning outcome 1".
    #[default]
    #[serde(rename = "learning outcome")]
    LearningOutcome,
    /// BTEC Nationals: "Learning aim A".
    #[serde(rename = "learning aim")]
    LearningAim,
    #[serde(rename = "element")]
    Element,
    #[serde(rename = "section")]
    Section,
    #[serde(rename = "topic area")]
    TopicArea,
    #[serde(rename = "task")]
    Task,
}

impl OutcomeTerm {
    /// "learning outcome".
    pub fn singular(self) -> &'static str {
        match self {
            OutcomeTerm::LearningOutcome => "learning outcome",
            OutcomeTerm::LearningAim => "learning aim",
            OutcomeTerm::Element => "element",
            OutcomeTerm::Section => "section",
            OutcomeTerm::TopicArea => "topic area",
            OutcomeTerm::Task => "task",
        }
    }

    /// "learning outcomes".
    pub fn plural(self) -> String {
        format!("{}s", self.singular())
    }

    /// The word for "this one" in running text: "outcome" for learning outcomes, as the pages
    /// have always said ("the teaching content for this outcome"), else the term itself.
    pub fn short(self) -> &'static str {
        match self {
            OutcomeTerm::LearningOutcome => "outcome",
            other => other.singular(),
        }
    }

    /// "Learning outcome 1", "Learning aim A"; an id that already starts with the word stands
    /// alone ("Element 2").
    pub fn label(self, id: &str) -> String {
        let word = self.singular();
        let starts = id
            .get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word));
        if starts {
            id.to_string()
        } else {
            capitalised(&format!("{word} {id}"))
        }
    }

    /// "learning aims A and B", "learning outcome 1", "learning outcomes 1, 2 and 3".
    pub fn list(self, ids: &[&str]) -> String {
        match ids {
            [] => self.plural(),
            [one] => format!("{} {one}", self.singular()),
            [rest @ .., last] => format!("{} {} and {last}", self.plural(), rest.join(", ")),
        }
    }

    /// The heading of the grid's first column.
    pub fn grid_heading(self) -> String {
        match self {
            OutcomeTerm::LearningOutcome => "Learning outcome: the learner will".into(),
            other => capitalised(other.singular()),
        }
    }

    /// Every term, as written in unit.md.
    pub const ALL: [OutcomeTerm; 6] = [
        OutcomeTerm::LearningOutcome,
        OutcomeTerm::LearningAim,
        OutcomeTerm::Element,
        OutcomeTerm::Section,
        OutcomeTerm::TopicArea,
        OutcomeTerm::Task,
    ];
}

/// `text` with its first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// A unit's fact as its specification states it: a value, "not stated in the specification"
/// (shown so), or "does not apply" to this qualification (shown not at all).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(tag = "state", content = "value", rename_all = "snake_case")]
pub enum Fact<T> {
    Stated(T),
    NotStated,
    #[default]
    DoesNotApply,
}

impl<T> Fact<T> {
    /// The default of facts that every specification of a kind states, such as the credit value:
    /// left out, it was not stated.
    pub fn not_stated() -> Self {
        Fact::NotStated
    }

    /// The value, when the specification states one.
    pub fn stated(&self) -> Option<&T> {
        match self {
            Fact::Stated(v) => Some(v),
            _ => None,
        }
    }
}

/// Whether a unit must be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitType {
    Mandatory,
    Optional,
}

/// How a unit is assessed: by the centre, by the awarding body, drawing on other units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AssessmentMethod {
    Internal,
    External,
    Synoptic,
}

/// A point that must be taught ("i.e."), with illustrative examples ("e.g.").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeachPoint {
    pub point: String,
    #[serde(default)]
    pub examples: Vec<String>,
}

/// The names and dates printed on a brief.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefPeople {
    pub assessor: Option<String>,
    pub internal_verifier: Option<String>,
    pub issue_date: Option<String>,
    pub deadline: Option<String>,
}

impl BriefPeople {
    /// These values, each falling back to `defaults` where unset.
    pub fn or(self, defaults: &BriefPeople) -> BriefPeople {
        BriefPeople {
            assessor: self.assessor.or_else(|| defaults.assessor.clone()),
            internal_verifier: self
                .internal_verifier
                .or_else(|| defaults.internal_verifier.clone()),
            issue_date: self.issue_date.or_else(|| defaults.issue_date.clone()),
            deadline: self.deadline.or_else(|| defaults.deadline.clone()),
        }
    }
}

fn default_theme() -> String {
    "default".into()
}
