//! Turns a unit's search documents into a compact index script.
//!
//! Tokens come from elasticlunr-rs's English language: its tokenizer and pipeline (trimmer,
//! stop-word filter, Porter stemmer), the same as elasticlunr.js runs on a query. Instead of
//! elasticlunr's JSON (a character trie with every document reference spelled out at each node,
//! plus a store of every document) the script holds, per field, the sorted terms and one
//! bit-packed code of their postings (see [`encode`]), the field lengths, and a separate table of
//! titles, URLs and snippets. The browser feeds a real elasticlunr.js index from it (each term's
//! postings when a query first needs them), so scoring is elasticlunr's own.

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
    pipeline: Pipeline,
    /// token → its term's number, or `None` for a stop word or a bare number.
    seen: HashMap<String, Option<u32>>,
    /// term → its number, and back.
    numbers: HashMap<String, u32>,
    terms: Vec<String>,
    /// Tokens met for the first time since [`Analyzer::take_words`] last ran.
    fresh: Vec<String>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            pipeline: English::new().make_pipeline(),
            seen: HashMap::default(),
            numbers: HashMap::default(),
            terms: Vec::new(),
            fresh: Vec::new(),
        }
    }
}

impl Analyzer {
    /// The numbers of the index terms of `text`: stop words and tokens without a letter (bare
    /// numbers) left out.
    pub fn term_numbers(&mut self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        for raw in tokens(text) {
            let lowered;
            // elasticlunr lowercases every token; most are lowercase ASCII already, and those
            // are looked up without making a new string.
            let token = if raw.is_ascii() && !raw.bytes().any(|b| b.is_ascii_uppercase()) {
                raw
            } else {
                lowered = raw.to_lowercase();
                &lowered
            };
            let number = match self.seen.get(token) {
                Some(n) => *n,
                None => self.analyze(token.to_string()),
            };
            out.extend(number);
        }
    }

    /// Runs a token met for the first time through the pipeline, and remembers its term.
    fn analyze(&mut self, token: String) -> Option<u32> {
        let term = self
            .pipeline
            .run(vec![token.clone()])
            .into_iter()
            .next()
            .filter(|t| t.chars().any(char::is_alphabetic));
        let n = term.map(|t| self.number(t));
        self.fresh.push(token.clone());
        self.seen.insert(token, n);
        n
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

    /// The words long enough to be worth suggesting ("did you mean") in the tokens met for the
    /// first time since the last call. Every token of the course is new to some analyzer once,
    /// so the words of all calls together are the course's, found without reading its text
    /// again.
    pub fn take_words(&mut self) -> HashSet<String> {
        let mut words = HashSet::default();
        for token in self.fresh.drain(..) {
            for w in token.split(|c: char| !c.is_alphabetic()) {
                if w.len() >= 4 {
                    words.insert(w.to_string());
                }
            }
        }
        words
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

/// The tokens of `text` as elasticlunr splits it (at whitespace and hyphens), before they are
/// lowercased.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty())
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
    /// Per field: its terms and their postings; see [`encode`].
    terms: BTreeMap<&'static str, FieldPostings>,
    /// The `unit` and `kind` fields are the same for many documents, so their terms travel once
    /// and the browser adds them to each document.
    unit_terms: Vec<String>,
    /// Per kind (in [`Kind::ALL`] order): its terms.
    kind_terms: Vec<Vec<String>>,
}

/// The postings of one field: its terms, sorted and joined by spaces, and one code holding the
/// postings of each term in turn.
#[derive(Debug, PartialEq, Serialize)]
struct FieldPostings {
    terms: String,
    code: String,
}

/// A unit's index script, and the words first met in it (for the course's "did you mean"
/// list; see [`Analyzer::take_words`]).
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
            ("title", encode(title_postings, docs.len(), analyzer)),
            ("body", encode(body_postings, docs.len(), analyzer)),
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
        words: analyzer.take_words(),
    }
}

/// The 64 characters of the postings code, each carrying 6 bits; all are safe in a JSON string
/// without escaping.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Encodes a field's postings. For each term in order: the number of documents holding it n
/// (Elias gamma), then per document its distance from the previous one less 1 (from -1 for the
/// first), Rice-coded with a parameter k worked out from n and the unit's number of documents,
/// and the term's count in it (Elias gamma, one bit for the usual 1). Rice codes suit these
/// distances: a term that occurs in one document in d takes about log2(d) + 1.5 bits a document,
/// close to the least possible. The bits are written 6 to a character of [`DIGITS`], least
/// significant first.
fn encode(
    postings: HashMap<u32, Vec<(usize, usize)>>,
    documents: usize,
    analyzer: &Analyzer,
) -> FieldPostings {
    let mut sorted: Vec<(&str, Vec<(usize, usize)>)> = postings
        .into_iter()
        .map(|(n, list)| (analyzer.term(n), list))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut terms = String::new();
    let mut bits = Bits::default();
    for (term, mut list) in sorted {
        if !terms.is_empty() {
            terms.push(' ');
        }
        terms.push_str(term);
        list.sort_unstable();
        let k = rice_parameter(list.len(), documents);
        bits.gamma(list.len());
        let mut next = 0;
        for (doc, count) in list {
            bits.rice(doc - next, k);
            bits.gamma(count);
            next = doc + 1;
        }
    }
    FieldPostings {
        terms,
        code: bits.finish(),
    }
}

/// The Rice parameter for a term in `n` of `documents` documents: the largest k with
/// 2^k ≤ 0.7 × the mean distance between them (the browser works it out the same way).
fn rice_parameter(n: usize, documents: usize) -> u32 {
    let mut k = 0;
    while (n << (k + 1)) * 10 <= documents * 7 {
        k += 1;
    }
    k
}

/// A string of bits, 6 to a character.
#[derive(Default)]
struct Bits {
    code: String,
    pending: u64,
    count: u32,
}

impl Bits {
    fn push(&mut self, value: u64, width: u32) {
        self.pending |= value << self.count;
        self.count += width;
        while self.count >= 6 {
            self.code.push(DIGITS[(self.pending & 63) as usize] as char);
            self.pending >>= 6;
            self.count -= 6;
        }
    }

    /// `value` ≥ 1: as many 0 bits as it has bits after its leading 1, a 1, then those bits.
    fn gamma(&mut self, value: usize) {
        let rest = usize::BITS - 1 - value.leading_zeros();
        self.push(0, rest);
        self.push(1, 1);
        self.push((value as u64) & ((1 << rest) - 1), rest);
    }

    /// `value` >> k in unary (that many 1 bits, then a 0), then its k low bits.
    fn rice(&mut self, value: usize, k: u32) {
        let mut quotient = value >> k;
        while quotient >= 32 {
            self.push(u32::MAX as u64, 32);
            quotient -= 32;
        }
        self.push((1 << quotient) - 1, quotient as u32);
        self.push(0, 1);
        self.push((value as u64) & ((1 << k) - 1), k);
    }

    fn finish(mut self) -> String {
        if self.count > 0 {
            self.push(0, 6 - self.count);
        }
        self.code
    }
}

/// The start of a document's text, cut at a word boundary; only as much of it is read.
fn snippet(body: &str) -> String {
    let mut out = String::with_capacity(SNIPPET_CHARS + 4);
    let mut chars = 0;
    for word in body.split_whitespace() {
        let len = word.chars().count();
        let room = if out.is_empty() { 0 } else { 1 };
        if chars + room + len > SNIPPET_CHARS {
            if out.is_empty() {
                out.extend(word.chars().take(SNIPPET_CHARS));
            }
            out.push('…');
            return out;
        }
        if room == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += room + len;
    }
    out
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

    /// Reads the postings of `terms` terms back the way search.js does, so that the two stay
    /// in step.
    fn decode(code: &str, documents: usize, terms: usize) -> Vec<Vec<(usize, usize)>> {
        let mut bits = code.bytes().flat_map(|c| {
            let v = DIGITS.iter().position(|d| *d == c).unwrap();
            (0..6).map(move |i| (v >> i) & 1)
        });
        let mut read = |width: u32| (0..width).fold(0, |v, i| v | bits.next().unwrap() << i);
        let gamma = |read: &mut dyn FnMut(u32) -> usize| {
            let mut zeros = 0;
            while read(1) == 0 {
                zeros += 1;
            }
            (1 << zeros) | read(zeros)
        };
        (0..terms)
            .map(|_| {
                let n = gamma(&mut read);
                let k = rice_parameter(n, documents);
                let mut next = 0;
                (0..n)
                    .map(|_| {
                        let mut quotient = 0;
                        while read(1) == 1 {
                            quotient += 1;
                        }
                        let doc = next + ((quotient << k) | read(k));
                        next = doc + 1;
                        (doc, gamma(&mut read))
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn postings_round_trip_through_the_code() {
        let mut a = Analyzer::default();
        let shop = a.number("shop".to_string());
        let till = a.number("till".to_string());
        let mut p = HashMap::default();
        // Documents 2 (once), 5 (three times) and 40 (once) of 300; and 0 to 99, 9 times each.
        p.insert(shop, vec![(5, 3), (2, 1), (40, 1)]);
        p.insert(till, (0..100).map(|d| (d, 9)).collect());
        let field = encode(p, 300, &a);
        assert_eq!(field.terms, "shop till");
        assert!(field.code.bytes().all(|c| DIGITS.contains(&c)));
        assert_eq!(
            decode(&field.code, 300, 2),
            [
                vec![(2, 1), (5, 3), (40, 1)],
                (0..100).map(|d| (d, 9)).collect::<Vec<_>>()
            ]
        );
    }

    #[test]
    fn the_rice_parameter_follows_the_mean_distance() {
        assert_eq!(rice_parameter(300, 300), 0);
        assert_eq!(rice_parameter(1, 300), 7);
        assert_eq!(rice_parameter(10, 300), 4);
    }

    #[test]
    fn tokens_are_elasticlunrs() {
        let text = "Customer’s  re-opened\tCOMPLAINT, Ǆemal İstanbul ÉTÉ -- 2024\u{a0}end";
        let ours: Vec<String> = tokens(text).map(str::to_lowercase).collect();
        assert_eq!(ours, English::new().tokenize(text));
        let mut a = Analyzer::default();
        assert_eq!(a.terms(text), a.terms(&text.to_lowercase()));
    }

    #[test]
    fn words_to_suggest_are_each_new_token_once() {
        let mut a = Analyzer::default();
        a.terms("Customer's complaints, re-opened in 2024");
        let mut words: Vec<String> = a.take_words().into_iter().collect();
        words.sort();
        assert_eq!(words, ["complaints", "customer", "opened"]);
        a.terms("Complaints, and refunds");
        assert_eq!(a.take_words().into_iter().collect::<Vec<_>>(), ["refunds"]);
    }

    #[test]
    fn short_snippets_are_whole_and_long_words_are_cut() {
        assert_eq!(snippet("  two\n words "), "two words");
        let long = "x".repeat(150);
        assert_eq!(snippet(&long).chars().count(), SNIPPET_CHARS + 1);
    }

    #[test]
    fn snippets_stop_at_a_word() {
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 1);
    }
}
