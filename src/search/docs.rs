//! What search finds: one document per meaningful piece of a unit (the unit, a learning
//! outcome, a teaching-content topic, a section of teaching notes, a criterion, a scenario, a
//! brief, a quiz question, a download), with the URL of the exact place it is shown.

use crate::model::Edition;
pub use crate::model::Kind;
use crate::model::{Course, QuestionKind, Unit};
use crate::routes::{self, Route};

/// One searchable piece.
#[derive(Debug)]
pub struct Doc {
    pub title: String,
    /// The title of the page it is on, where that differs from `title` (a section of a page).
    pub page: Option<String>,
    /// What the title field indexes, where it differs from the title shown.
    pub indexed_title: Option<String>,
    /// Site-root-relative path, with a #fragment where the piece is a part of its page.
    pub url: String,
    pub kind: Kind,
    pub body: String,
    /// For criteria: the id, so that "P4" can put the criterion first.
    pub criterion: Option<String>,
}

fn doc(title: impl Into<String>, url: String, kind: Kind, body: impl Into<String>) -> Doc {
    Doc {
        title: title.into(),
        page: None,
        indexed_title: None,
        url,
        kind,
        body: body.into(),
        criterion: None,
    }
}

/// One document per heading section of `md`, which is shown on the page `title` at `url`: the
/// text before the first heading goes under the page's own title.
fn sections(
    docs: &mut Vec<Doc>,
    title: &str,
    url: &str,
    md: &crate::markdown::Markdown,
    kind: Kind,
) {
    let page = url.split('#').next().unwrap_or(url);
    for (heading, text) in md.sections() {
        if text.is_empty() {
            continue;
        }
        let d = match heading {
            Some(h) => Doc {
                page: Some(title.to_string()),
                ..doc(h.text.clone(), format!("{page}#{}", h.id), kind, text)
            },
            None => doc(title, url.to_string(), kind, text),
        };
        docs.push(d);
    }
}

/// Every searchable piece of `u`, a unit of `course`. Teacher-facing pieces only in the full
/// edition (the course is narrowed to the edition already, so its downloads are those the
/// edition shows).
pub fn unit_docs(course: &Course, u: &Unit, edition: Edition) -> Vec<Doc> {
    let label = u.label();
    let unit_page = Route::Unit(&u.slug).path();
    let mut docs = Vec::new();
    let mut facts = format!(
        "{} {} {}",
        u.facts.aim,
        u.facts.purpose.as_deref().unwrap_or(""),
        u.introduction.text
    );
    facts.push_str(&u.facts.qualification);
    docs.push(doc(
        format!("{label}: {}", u.facts.title),
        unit_page.clone(),
        Kind::Unit,
        facts,
    ));

    for o in &u.outcomes {
        let page = Route::Outcome(&u.slug, &o.slug).path();
        docs.push(doc(
            format!("{}: {}", o.label, o.title),
            page.clone(),
            Kind::Outcome,
            o.overview.text.clone(),
        ));
        if let (Some(d), Edition::Teacher) = (&o.delivery, edition) {
            let title = format!(
                "Delivery guidance for {} {}",
                u.facts.outcome_term.singular(),
                o.id
            );
            docs.push(doc(
                title,
                format!("{page}#for-teachers"),
                Kind::DeliveryGuidance,
                d.text.clone(),
            ));
        }
    }
    for k in &u.knowledge {
        // The topic as the outcome page shows it: the specification's line and its points.
        let mut topic = k.spec.clone().unwrap_or_default();
        for t in &k.teach {
            topic.push_str(&format!(". {}: {}", t.point, t.examples.join(", ")));
        }
        // The topic's code is part of its title, so that "B2" finds it.
        let title = match &k.code {
            Some(code) => format!("{code} {}", k.title),
            None => k.title.clone(),
        };
        let outcome = u.outcome(&k.outcome).map_or("", |o| o.slug.as_str());
        docs.push(doc(
            title,
            format!("{}#{}", Route::Outcome(&u.slug, outcome).path(), k.slug),
            Kind::TeachingContent,
            topic,
        ));
        let page = Route::Knowledge(&u.slug, &k.slug).path();
        sections(&mut docs, &k.title, &page, &k.notes, Kind::KnowledgeItem);
    }
    for c in &u.criteria {
        let body = format!("{} {}", c.text, c.guidance.as_deref().unwrap_or(""));
        let page = Route::Criterion(&u.slug, &c.slug).path();
        let mut d = doc(
            format!("{} {}", c.id, c.text),
            page.clone(),
            Kind::Criterion,
            body,
        );
        d.criterion = Some(c.id.clone());
        docs.push(d);
        if let Some(notes) = &c.notes {
            let title = format!("Notes on {}", c.id);
            sections(
                &mut docs,
                &title,
                &format!("{page}#notes-heading"),
                notes,
                Kind::TeachingContent,
            );
        }
    }
    for s in &u.scenarios {
        let tasks: Vec<&str> = s.tasks.iter().map(|t| t.text.as_str()).collect();
        let body = format!("{} {}", s.body.text, tasks.join(" "));
        docs.push(doc(
            s.title.clone(),
            routes::scenario(&u.slug, &s.slug),
            Kind::Scenario,
            body,
        ));
    }
    for b in &u.briefs {
        let mut body = b.scenario_text.text.clone();
        for t in &b.tasks {
            body.push_str(&format!(" {} {}", t.title, t.text.text));
        }
        body.push(' ');
        body.push_str(&b.evidence.join(" "));
        docs.push(doc(
            format!("Assignment brief: {}", b.title),
            Route::Brief(&u.slug, &b.slug).path(),
            Kind::Brief,
            body,
        ));
    }
    for q in &u.quizzes {
        let Some(c) = u.criterion(&q.criterion) else {
            continue;
        };
        let page = Route::Criterion(&u.slug, &c.slug).path();
        for question in &q.questions {
            let mut body = question.explanation.clone().unwrap_or_default();
            match &question.kind {
                // The right answers say what the question is about; the distractors and the
                // feedback on each would only add words that match the wrong searches.
                QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                    for o in options.iter().filter(|o| o.correct) {
                        body.push_str(&format!(" {}", o.text));
                    }
                }
                QuestionKind::Match { pairs } => {
                    for p in pairs {
                        body.push_str(&format!(" {} {}", p.left, p.right));
                    }
                }
                QuestionKind::Order { items } => body.push_str(&format!(" {}", items.join(" "))),
                QuestionKind::Written { checklist, .. } => {
                    body.push_str(&format!(" {}", checklist.join(" ")))
                }
                QuestionKind::TrueFalse { .. } => {}
            }
            // The prompt is what the question says, not what it is about: it counts as body
            // text, so a topic's teaching ranks above the questions that test it.
            let mut d = doc(
                question.prompt.clone(),
                format!("{page}#q-{}", question.id),
                Kind::QuizQuestion,
                format!("{} {body}", question.prompt),
            );
            d.indexed_title = Some(format!("{} quiz", c.id));
            d.page = Some(format!("{} self-check quiz", c.id));
            docs.push(d);
        }
    }
    if let Some(e) = &u.evidence {
        docs.push(doc(
            format!("{label}: evidence requirements"),
            format!("{unit_page}#evidence-heading"),
            Kind::Evidence,
            e.text.clone(),
        ));
    }
    // A download leads to the unit page's list of resources, not to the file: the learner
    // sees what it is, its type and size, beside the unit's other resources, and a search
    // never starts a download (of a large file, on a phone) unasked.
    for d in u.downloads(course) {
        let mut r = doc(
            format!("{} ({})", d.text, d.file.meta()),
            format!("{unit_page}#resources-heading"),
            Kind::Resource,
            d.text,
        );
        r.indexed_title = Some(d.text.to_string());
        r.page = Some(format!("{label}: resources"));
        docs.push(r);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn every_kind_indexes_its_place_in_the_list() {
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(k.index(), i, "{}", k.label());
        }
    }
}
