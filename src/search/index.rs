//! Turns a unit's search documents into a compact index script.
//!
//! Tokens come from elasticlunr-rs's English language: its tokenizer and pipeline (trimmer,
//! stop-word filter, Porter stemmer), the same as elasticlunr.js runs on a query. Instead of
//! elasticlunr's JSON (a character trie with every document reference spelled out at each node,
//! plus a store of every document) the script holds sorted terms with delta-coded postings of
//! small numeric references, the field lengths, and a separate table of titles, URLs and
//! snippets. The browser rebuilds a real elasticlunr.js index from it, so scoring is
//! elasticlunr's own.

use std::collections::{BTreeMap, BTreeSet};

use elasticlunr::lang::English;
use elasticlunr::{Language, Pipeline};
use serde::Serialize;

use super::docs::{Doc, Kind};

/// The fields every document is indexed under; `unit` and `kind` are the same for many
/// documents, so their tokens travel once and the browser adds them to each document.
const FIELDS: [&str; 4] = ["title", "body", "unit", "kind"];
const SNIPPET_CHARS: usize = 220;

/// Tokenizes text the way elasticlunr.js does a query.
pub struct Analyzer {
    lang: English,
    pipeline: Pipeline,
}

impl Default for Analyzer {
    fn default() -> Self {
        let lang = English::new();
        let pipeline = lang.make_pipeline();
        Analyzer { lang, pipeline }
    }
}

impl Analyzer {
    /// The index terms of `text`: stop words and tokens without a letter (bare numbers) left out.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let tokens = self.lang.tokenize(text);
        self.pipeline
            .run(tokens)
            .into_iter()
            .filter(|t| t.chars().any(char::is_alphabetic))
            .collect()
    }
}

#[derive(Serialize)]
struct UnitIndex<'a> {
    unit: &'a str,
    label: &'a str,
    title: &'a str,
    /// Per document: [title, url, kind index, snippet, criterion id or ""].
    docs: Vec<(&'a str, &'a str, usize, String, &'a str)>,
    /// Per document: the number of title and body terms.
    lengths: Vec<(usize, usize)>,
    /// Per field: [term, [doc delta, count, doc delta, count, …]], terms sorted.
    terms: BTreeMap<&'static str, Vec<(String, Vec<usize>)>>,
    unit_terms: Vec<String>,
    /// Per kind (in [`Kind::ALL`] order): its terms.
    kind_terms: Vec<Vec<String>>,
    /// Distinct words of the unit, for "did you mean" suggestions.
    words: String,
}

/// The index script of one unit.
pub fn unit_script(
    slug: &str,
    label: &str,
    title: &str,
    docs: &[Doc],
    analyzer: &Analyzer,
) -> String {
    let mut postings: [BTreeMap<String, Vec<(usize, usize)>>; 2] = Default::default();
    let mut lengths = Vec::with_capacity(docs.len());
    let mut words = BTreeSet::new();
    for (i, d) in docs.iter().enumerate() {
        let mut counts = [0; 2];
        let title = d.indexed_title.as_ref().unwrap_or(&d.title);
        for (f, text) in [title, &d.body].into_iter().enumerate() {
            let terms = analyzer.terms(text);
            counts[f] = terms.len();
            let mut freq: BTreeMap<String, usize> = BTreeMap::new();
            for t in terms {
                *freq.entry(t).or_default() += 1;
            }
            for (t, n) in freq {
                postings[f].entry(t).or_default().push((i, n));
            }
            words.extend(
                text.split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.chars().count() >= 4)
                    .map(str::to_lowercase),
            );
        }
        lengths.push((counts[0], counts[1]));
    }
    let [title_postings, body_postings] = postings;
    let terms = BTreeMap::from([
        ("title", encode(title_postings)),
        ("body", encode(body_postings)),
    ]);
    let index = UnitIndex {
        unit: slug,
        label,
        title,
        docs: docs
            .iter()
            .map(|d| {
                let criterion = d.criterion.as_deref().unwrap_or("");
                (
                    d.title.as_str(),
                    d.url.as_str(),
                    d.kind.index(),
                    snippet(&d.body),
                    criterion,
                )
            })
            .collect(),
        lengths,
        terms,
        unit_terms: analyzer.terms(&format!("{label} {title}")),
        kind_terms: Kind::ALL
            .iter()
            .map(|k| analyzer.terms(k.label()))
            .collect(),
        words: words.into_iter().collect::<Vec<_>>().join(" "),
    };
    debug_assert_eq!(FIELDS.len(), 4);
    let json = serde_json::to_string(&index).unwrap_or_default();
    format!("UnitpressSearch.addUnit({json});\n")
}

/// Postings as [term, [doc delta, count, …]]: references grow within a list, so the deltas are
/// small numbers.
fn encode(postings: BTreeMap<String, Vec<(usize, usize)>>) -> Vec<(String, Vec<usize>)> {
    postings
        .into_iter()
        .map(|(term, list)| {
            let mut flat = Vec::with_capacity(list.len() * 2);
            let mut last = 0;
            for (doc, count) in list {
                flat.push(doc - last);
                flat.push(count);
                last = doc;
            }
            (term, flat)
        })
        .collect()
}

/// The start of a document's text, cut at a word boundary.
fn snippet(body: &str) -> String {
    let collapsed: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= SNIPPET_CHARS {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(SNIPPET_CHARS).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_stemmed_without_stop_words_or_numbers() {
        let a = Analyzer::default();
        assert_eq!(
            a.terms("The complaints of 2015 customers"),
            ["complaint", "custom"]
        );
    }

    #[test]
    fn postings_are_delta_coded() {
        let mut p = BTreeMap::new();
        p.insert("shop".to_string(), vec![(2, 1), (5, 3), (9, 1)]);
        assert_eq!(encode(p), [("shop".to_string(), vec![2, 1, 3, 3, 4, 1])]);
    }

    #[test]
    fn snippets_stop_at_a_word() {
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 1);
    }
}
