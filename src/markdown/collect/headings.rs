//! Heading ids: each heading, once its text is read, gets the id the author gave or one made
//! from its words, unique within the body, and is recorded.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag};

use super::Collect;
use crate::markdown::Heading;

impl Collect<'_> {
    /// Gives the heading just read its id, records it, and hands its events on.
    pub(super) fn close_heading(&mut self) {
        let text: String = self
            .heading
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        if let Some(Event::Start(Tag::Heading { level, id, .. })) = self.heading.first_mut() {
            // An id the author gave (`## Title {#id}`) wins over the generated one.
            let id = match id {
                Some(given) => given.to_string(),
                None => {
                    let made = self.ids.make(&text);
                    *id = Some(CowStr::from(made.clone()));
                    made
                }
            };
            self.ids.taken.insert(id.clone());
            self.headings.push(Heading {
                level: *level as u8,
                text,
                id,
                starts_at: self.heading_starts_at,
            });
        }
        self.ready.extend(self.heading.drain(..));
    }
}

/// The heading ids given so far in one body, to keep each new one unique.
#[derive(Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
    /// For each id made from a heading's words, the number to try next when they repeat: a page
    /// of many equal headings would otherwise try every number below each one's.
    next: HashMap<String, usize>,
}

impl Ids {
    /// An id for a heading: its words in lower case joined by dashes, numbered when repeated.
    fn make(&mut self, heading: &str) -> String {
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
        let n = self.next.entry(base.clone()).or_insert(1);
        let mut id = base.clone();
        while self.taken.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}
