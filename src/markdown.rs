//! Markdown to HTML, once per file at load time. Each heading gets an id so that it can be
//! linked to and so that search can point at the section it heads; the plain text is kept for
//! the search index.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// A Markdown body, rendered.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Markdown {
    pub html: String,
    /// The text without markup, for search and summaries.
    pub text: String,
    pub headings: Vec<Heading>,
}

/// A heading of a Markdown body.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

impl Markdown {
    pub fn is_empty(&self) -> bool {
        self.html.trim().is_empty()
    }
}

/// Renders `source`. Heading ids are unique within the body.
pub fn render(source: &str) -> Markdown {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Parser::new_ext(source, options).collect();
    let mut text = String::new();
    let mut headings = Vec::new();
    let mut open_heading: Option<(usize, HeadingLevel, String)> = None;
    for i in 0..events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                open_heading = Some((i, *level, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, h)) = open_heading.as_mut() {
                    h.push_str(t);
                }
                text.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, heading_text)) = open_heading.take() {
                    let id = unique_id(&heading_text, &headings);
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        if slot.is_none() {
                            *slot = Some(CowStr::from(id.clone()));
                        }
                    }
                    headings.push(Heading {
                        level: level as u8,
                        text: heading_text,
                        id,
                    });
                }
                text.push('\n');
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => text.push('\n'),
            _ => {}
        }
    }
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Markdown {
        html: out,
        text,
        headings,
    }
}

/// An id for a heading: its words in lower case joined by dashes, numbered when repeated.
fn unique_id(heading: &str, taken: &[Heading]) -> String {
    let base: String = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "section".into()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while taken.iter().any(|h| h.id == id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids() {
        let md = render("## Why it matters\n\ntext\n\n## Why it matters\n");
        assert!(
            md.html.contains("<h2 id=\"why-it-matters\">"),
            "{}",
            md.html
        );
        assert!(
            md.html.contains("<h2 id=\"why-it-matters-2\">"),
            "{}",
            md.html
        );
        assert_eq!(md.headings.len(), 2);
    }

    #[test]
    fn plain_text_drops_markup() {
        let md = render("Some **bold** and `code`.\n\n- a\n- b\n");
        assert!(md.text.contains("Some bold and code."));
        assert!(md.text.contains("a\nb"));
        assert!(!md.text.contains('*'));
    }

    #[test]
    fn tables_render() {
        let md = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(md.html.contains("<table>"));
    }
}
