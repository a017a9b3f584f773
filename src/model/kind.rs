//! The kinds of content a course holds, as search and its filters name them.

/// The kinds of document, in the order the search page lists them in its filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Unit,
    Outcome,
    TeachingContent,
    KnowledgeItem,
    Criterion,
    Scenario,
    Brief,
    QuizQuestion,
    Evidence,
    DeliveryGuidance,
    /// A file to download, found by the text of the links to it.
    Resource,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Unit,
        Kind::Outcome,
        Kind::TeachingContent,
        Kind::KnowledgeItem,
        Kind::Criterion,
        Kind::Scenario,
        Kind::Brief,
        Kind::QuizQuestion,
        Kind::Evidence,
        Kind::DeliveryGuidance,
        Kind::Resource,
    ];

    /// The name shown beside a result and in the kind filter.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Unit => "unit",
            Kind::Outcome => "learning outcome",
            Kind::TeachingContent => "teaching content",
            Kind::KnowledgeItem => "knowledge item",
            Kind::Criterion => "criterion",
            Kind::Scenario => "assessment scenario",
            Kind::Brief => "assignment brief",
            Kind::QuizQuestion => "quiz question",
            Kind::Evidence => "evidence requirements",
            Kind::DeliveryGuidance => "delivery guidance",
            Kind::Resource => "resource",
        }
    }

    /// How much a match in this kind counts in the ranking: teaching content before practice,
    /// so that a quiz question or a brief that mentions a topic ranks below the page that
    /// teaches it.
    pub fn weight(self) -> f32 {
        match self {
            Kind::Outcome => 1.2,
            Kind::TeachingContent => 1.1,
            Kind::KnowledgeItem => 0.9,
            Kind::Scenario | Kind::Brief | Kind::Resource => 0.7,
            Kind::DeliveryGuidance => 0.6,
            Kind::QuizQuestion => 0.4,
            Kind::Unit | Kind::Criterion | Kind::Evidence => 1.0,
        }
    }

    /// The kind's place in [`Kind::ALL`], which the index scripts use to name it.
    pub fn index(self) -> usize {
        self as usize
    }
}
