//! Turns a unit's search documents into a compact index script.
//!
//! Tokens come from elasticlunr-rs's English language: its tokenizer and pipeline (trimmer,
//! stop-word filter, Porter stemmer), the same as elasticlunr.js runs on a query. Instead of
//! elasticlunr's JSON (a character trie with every document reference spelled out at each node,
//! plus a store of every document) the script holds sorted terms with delta-coded postings of
//! small numeric references, the field lengths, and a separate table of titles, URLs and
//! snippets. The browser rebuilds a real elasticlunr.js index from it, so scoring is
//! elasticlunr's own.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use elasticlunr::lang::English;
use elasticlunr::{Language, Pipeline};
use serde::Serialize;

use super::docs::{Doc, Kind};

const SNIPPET_CHARS: usize = 100;

/// Tokenizes text the way elasticlunr.js does a query. A course repeats the same few thousand
/// words endlessly, so each distinct token goes through the pipeline (trimmer, stop words,
/// stemmer) once per thread, and terms are numbered so that counting them allocates nothing.
pub struct Analyzer {
    lang: English,
    pipeline: Pipeline,
    /// token → its term's number, or `None` for a stop word or a bare number.
    seen: HashMap<String, Option<u32>>,
    /// term → its number, and back.
    numbers: HashMap<String, u32>,
    terms: Vec<String>,
}

impl Default for Analyzer {
    fn default() -> Self {
        let lang = English::new();
        let pipeline = lang.make_pipeline();
        Analyzer {
            lang,
            pipeline,
            seen: HashMap::default(),
            numbers: HashMap::default(),
            terms: Vec::new(),
        }
    }
}

impl Analyzer {
    /// The numbers of the index terms of `text`: stop words and tokens without a letter (bare
    /// numbers) left out.
    pub fn term_numbers(&mut self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        for token in self.lang.tokenize(text) {
            let number = match self.seen.get(&token) {
                Some(n) => *n,
                None => {
                    let term = self
                        .pipeline
                        .run(vec![token.clone()])
                        .into_iter()
                        .next()
                        .filter(|t| t.chars().any(char::is_alphabetic));
                    let n = term.map(|t| self.number(t));
                    self.seen.insert(token, n);
                    n
                }
            };
            out.extend(number);
        }
    }

    fn number(&mut self, term: String) -> u32 {
        if let Some(n) = self.numbers.get(&term) {
            return *n;
        }
        let n = self.terms.len() as u32;
        self.numbers.insert(term.clone(), n);
        self.terms.push(term);
        n
    }

    pub fn term(&self, number: u32) -> &str {
        &self.terms[number as usize]
    }

    /// The index terms of `text`.
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        let mut numbers = Vec::new();
        self.term_numbers(text, &mut numbers);
        numbers
            .into_iter()
            .map(|n| self.term(n).to_string())
            .collect()
    }
}

#[derive(Serialize)]
struct UnitIndex<'a> {
    unit: &'a str,
    label: &'a str,
    title: &'a str,
    /// The pages the documents are on: [title, path within the unit's folder].
    pages: Vec<(&'a str, &'a str)>,
    /// Per document: [page, title (empty when it is the page's), #fragment, kind index,
    /// snippet, criterion id or ""].
    docs: Vec<(usize, &'a str, &'a str, usize, String, &'a str)>,
    /// Per document, its number of title terms then body terms.
    lengths: Vec<usize>,
    /// Per field: [term, postings], terms sorted; see [`encode`].
    terms: BTreeMap<&'static str, Vec<(String, String)>>,
    /// The `unit` and `kind` fields are the same for many documents, so their terms travel once
    /// and the browser adds them to each document.
    unit_terms: Vec<String>,
    /// Per kind (in [`Kind::ALL`] order): its terms.
    kind_terms: Vec<Vec<String>>,
}

/// A unit's index script, and the words it holds (for the course's "did you mean" list).
pub struct UnitScript {
    pub script: String,
    pub words: HashSet<String>,
}

/// The index script of one unit.
pub fn unit_script(
    slug: &str,
    label: &str,
    title: &str,
    docs: &[Doc],
    analyzer: &mut Analyzer,
) -> UnitScript {
    let mut postings: [HashMap<u32, Vec<(usize, usize)>>; 2] = Default::default();
    let mut lengths = Vec::with_capacity(docs.len() * 2);
    let mut words: HashSet<String> = HashSet::default();
    let mut numbers = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let title = d.indexed_title.as_ref().unwrap_or(&d.title);
        for (f, text) in [title, &d.body].into_iter().enumerate() {
            analyzer.term_numbers(text, &mut numbers);
            lengths.push(numbers.len());
            // Sorted, each term's occurrences stand together: count the runs.
            numbers.sort_unstable();
            for run in numbers.chunk_by(|a, b| a == b) {
                postings[f].entry(run[0]).or_default().push((i, run.len()));
            }
            collect_words(text, &mut words);
        }
    }
    let [title_postings, body_postings] = postings;
    let prefix = format!("units/{slug}/");
    let mut pages: Vec<(&str, &str)> = Vec::new();
    let mut page_of: HashMap<(&str, &str), usize> = HashMap::default();
    let table = docs
        .iter()
        .map(|d| {
            let (path, fragment) = d.url.split_once('#').unwrap_or((&d.url, ""));
            let path = path.strip_prefix(&prefix).unwrap_or(path);
            let page_title = d.page.as_deref().unwrap_or(&d.title);
            let page = *page_of.entry((page_title, path)).or_insert_with(|| {
                pages.push((page_title, path));
                pages.len() - 1
            });
            let own_title = if d.page.is_some() {
                d.title.as_str()
            } else {
                ""
            };
            // A question's prompt is its title: a snippet would only repeat its options.
            let text = if d.kind == Kind::QuizQuestion {
                String::new()
            } else {
                snippet(&d.body)
            };
            (
                page,
                own_title,
                fragment,
                d.kind.index(),
                text,
                d.criterion.as_deref().unwrap_or(""),
            )
        })
        .collect();
    let index = UnitIndex {
        unit: slug,
        label,
        title,
        pages,
        docs: table,
        lengths,
        terms: BTreeMap::from([
            ("title", encode(title_postings, analyzer)),
            ("body", encode(body_postings, analyzer)),
        ]),
        unit_terms: analyzer.terms(&format!("{label} {title}")),
        kind_terms: Kind::ALL
            .iter()
            .map(|k| analyzer.terms(k.label()))
            .collect(),
    };
    let json = serde_json::to_string(&index).unwrap_or_default();
    UnitScript {
        script: format!("UnitpressSearch.addUnit({json});\n"),
        words,
    }
}

/// Adds the words of `text` that are long enough to be worth suggesting.
fn collect_words(text: &str, words: &mut HashSet<String>) {
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.len() < 4 {
            continue;
        }
        if w.chars().any(char::is_uppercase) {
            words.insert(w.to_lowercase());
        } else if !words.contains(w) {
            words.insert(w.to_string());
        }
    }
}

/// The 64 characters of the postings code, all safe in a JSON string without escaping.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Postings as [term, code], terms sorted. The code is a run of numbers, each written in
/// base 32 with the least significant digit first, digits 32–63 marking "more follows". Per
/// posting: the document's distance from the previous one, doubled, plus 1 when the term occurs
/// more than once, and then (only in that case) the count less 2. Most terms occur once in a
/// document and near the previous one, so most postings take one character.
fn encode(
    postings: HashMap<u32, Vec<(usize, usize)>>,
    analyzer: &Analyzer,
) -> Vec<(String, String)> {
    let mut sorted: Vec<(&str, Vec<(usize, usize)>)> = postings
        .into_iter()
        .map(|(n, list)| (analyzer.term(n), list))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    sorted
        .into_iter()
        .map(|(term, mut list)| {
            list.sort_unstable();
            let mut code = String::with_capacity(list.len() * 2);
            let mut last = 0;
            for (doc, count) in list {
                push_number(&mut code, (doc - last) * 2 + usize::from(count > 1));
                if count > 1 {
                    push_number(&mut code, count - 2);
                }
                last = doc;
            }
            (term.to_string(), code)
        })
        .collect()
}

fn push_number(code: &mut String, mut n: usize) {
    while n >= 32 {
        code.push(DIGITS[32 + (n & 31)] as char);
        n >>= 5;
    }
    code.push(DIGITS[n] as char);
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
        let mut a = Analyzer::default();
        assert_eq!(
            a.terms("The complaints of 2015 customers"),
            ["complaint", "custom"]
        );
    }

    #[test]
    fn postings_are_delta_coded_with_counts_only_when_above_one() {
        let mut a = Analyzer::default();
        let shop = a.number("shop".to_string());
        let mut p = HashMap::default();
        // Documents 2 (once), 5 (three times) and 40 (once).
        p.insert(shop, vec![(5, 3), (2, 1), (40, 1)]);
        // 2*2+0 = 4; then 3*2+1 = 7 and 3-2 = 1; then 35*2 = 70 = 6 + 2*32: digit 38 ("c"), then "2".
        assert_eq!(encode(p, &a), [("shop".to_string(), "471c2".to_string())]);
    }

    #[test]
    fn snippets_stop_at_a_word() {
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 1);
    }
}
