//! The text of the result data (titles, addresses, snippets) coded word by word against one
//! vocabulary of the course, so that each part of result data holds bits rather than words: a
//! course says the same few thousand words over and over, and a part compressed on its own (as a
//! server sends it) would spell each of them out again. A text is cut into runs of letters and
//! digits (words) and runs of other characters (separators); a single space between two words
//! is left out, the reader puts it back. Each run is then a symbol of a Huffman code made from
//! how often the course uses it, one code per kind of text ([`Table`]). A run the vocabulary
//! lacks (serve keeps the vocabulary of its first build while the course is edited) is spelled
//! out after an escape symbol. search-codes.js reads it back.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::postings::{Bits, DIGITS};

/// The kinds of text, each with its own code: titles are in title case, snippets in sentences,
/// paths and fragments in lower case with hyphens and slashes.
#[derive(Debug, Clone, Copy)]
pub enum Table {
    Title = 0,
    Snippet = 1,
    Path = 2,
}

/// The symbol ending a text, and the one before a run spelled out.
const END: usize = 0;
const ESCAPE: usize = 1;
/// The longest code the reader takes (it builds codes in 32-bit integers).
const MAX_CODE: u8 = 30;

/// The runs of `text`, each a word or a separator, the single spaces between words left out
/// (runs alternate, so a run with runs on both sides is between two words).
fn runs(text: &str) -> Vec<&str> {
    let mut all = Vec::new();
    let mut start = 0;
    let mut word = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric();
        if word.is_some_and(|was| was != w) {
            all.push(&text[start..i]);
            start = i;
        }
        word = Some(w);
    }
    if !text.is_empty() {
        all.push(&text[start..]);
    }
    let last = all.len().saturating_sub(1);
    all.into_iter()
        .enumerate()
        .filter(|&(i, run)| !(run == " " && i > 0 && i < last))
        .map(|(_, run)| run)
        .collect()
}

/// One table's code: its symbols (after [`END`] and [`ESCAPE`]) and each symbol's code.
#[derive(Default)]
struct Code {
    symbols: Vec<String>,
    lengths: Vec<u8>,
    codes: Vec<u32>,
    index: HashMap<String, usize>,
}

/// The vocabulary of a course's result data: a code for each [`Table`].
pub struct Vocabulary {
    tables: [Code; 3],
}

/// How often a whole title or address must recur to be a symbol of its own.
const PHRASE_MIN: u64 = 3;

/// Counts the runs of texts, to make a [`Vocabulary`] of them.
#[derive(Default)]
pub struct Counts {
    tables: [HashMap<String, u64>; 3],
    /// Whole titles and addresses of more than one run: a course repeats its headings ("Case
    /// examples", "Key terms") and the addresses within a unit ("outcomes/1/index.html") in
    /// every unit, and one symbol for the whole costs far fewer bits than its runs do.
    phrases: [HashMap<String, u64>; 3],
    ends: [u64; 3],
}

impl Counts {
    /// Counts the runs of `text`, a text of kind `table`.
    pub fn add(&mut self, table: Table, text: &str) {
        let t = table as usize;
        let runs = runs(text);
        if runs.len() > 1 && !matches!(table, Table::Snippet) {
            *self.phrases[t].entry(text.to_string()).or_default() += 1;
        }
        for run in runs {
            *self.tables[t].entry(run.to_string()).or_default() += 1;
        }
        self.ends[t] += 1;
    }

    /// The counts of both.
    pub fn merge(mut self, other: Counts) -> Counts {
        let mine = self.tables.iter_mut().chain(self.phrases.iter_mut());
        for (mine, theirs) in mine.zip(other.tables.into_iter().chain(other.phrases)) {
            for (run, n) in theirs {
                *mine.entry(run).or_default() += n;
            }
        }
        for (mine, theirs) in self.ends.iter_mut().zip(other.ends) {
            *mine += theirs;
        }
        self
    }

    /// The vocabulary of the texts counted. A text that recurs [`PHRASE_MIN`] times or more is
    /// a symbol of its own, and its runs are counted only where they are used elsewhere (a run
    /// used nowhere else is left out: an edit in serve that uses it spells it out).
    pub fn vocabulary(self) -> Vocabulary {
        let mut tables: [Code; 3] = Default::default();
        for (t, (mut counts, phrases)) in self.tables.into_iter().zip(self.phrases).enumerate() {
            for (phrase, n) in phrases.into_iter().filter(|&(_, n)| n >= PHRASE_MIN) {
                for run in runs(&phrase) {
                    if let Some(c) = counts.get_mut(run) {
                        *c = c.saturating_sub(n);
                    }
                }
                counts.insert(phrase, n);
            }
            counts.retain(|_, n| *n > 0);
            let mut symbols: Vec<(String, u64)> = counts.into_iter().collect();
            symbols.sort_unstable();
            let mut weights = vec![self.ends[t].max(1), 1];
            weights.extend(symbols.iter().map(|(_, n)| *n));
            let lengths = huffman_lengths(&weights);
            let codes = canonical_codes(&lengths);
            let symbols: Vec<String> = symbols.into_iter().map(|(s, _)| s).collect();
            let index = symbols
                .iter()
                .enumerate()
                .map(|(i, s)| (s.clone(), i + 2))
                .collect();
            tables[t] = Code {
                symbols,
                lengths,
                codes,
                index,
            };
        }
        Vocabulary { tables }
    }
}

impl Vocabulary {
    /// Writes `text`, of kind `table`, to `bits`.
    pub fn encode(&self, table: Table, text: &str, bits: &mut Bits) {
        let code = &self.tables[table as usize];
        let put = |bits: &mut Bits, s: usize| bits.code(code.codes[s], u32::from(code.lengths[s]));
        // A whole text that is a symbol: the reader appends a symbol as it is, and nothing
        // comes before it to put a space after.
        if let Some(&s) = code.index.get(text) {
            put(bits, s);
            put(bits, END);
            return;
        }
        for run in runs(text) {
            match code.index.get(run) {
                Some(&s) => put(bits, s),
                None => {
                    put(bits, ESCAPE);
                    bits.gamma(run.chars().count());
                    for c in run.chars() {
                        bits.gamma(c as usize + 1);
                    }
                }
            }
        }
        put(bits, END);
    }

    /// The script that hands the vocabulary to the reader: per table, its symbols (after the
    /// end and the escape) and the length of each symbol's code as one digit of the postings
    /// code, end and escape first.
    pub fn script(&self) -> String {
        #[derive(Serialize)]
        struct Table<'a>(&'a [String], String);
        let tables: Vec<Table> = self
            .tables
            .iter()
            .map(|c| {
                Table(
                    &c.symbols,
                    c.lengths
                        .iter()
                        .map(|&l| DIGITS[l as usize] as char)
                        .collect(),
                )
            })
            .collect();
        format!(
            "UnitpressSearch.setVocabulary({});\n",
            serde_json::to_string(&tables).unwrap_or_default()
        )
    }
}

/// The length of each symbol's Huffman code for these weights (all above 0), none longer than
/// [`MAX_CODE`]: weights are halved until none is.
fn huffman_lengths(weights: &[u64]) -> Vec<u8> {
    let mut weights = weights.to_vec();
    loop {
        let lengths = tree_depths(&weights);
        if lengths.iter().all(|&l| l <= MAX_CODE) {
            return lengths;
        }
        for w in &mut weights {
            *w = w.div_ceil(2);
        }
    }
}

/// The depth of each leaf in a Huffman tree of these weights; ties go to the lower number, so
/// the same weights always make the same code.
fn tree_depths(weights: &[u64]) -> Vec<u8> {
    let n = weights.len();
    if n == 1 {
        return vec![1];
    }
    let mut parent = vec![0usize; 2 * n - 1];
    let mut heap: BinaryHeap<Reverse<(u64, usize)>> = weights
        .iter()
        .enumerate()
        .map(|(i, &w)| Reverse((w, i)))
        .collect();
    let mut next = n;
    while heap.len() > 1 {
        let Some(Reverse((a, i))) = heap.pop() else {
            break;
        };
        let Some(Reverse((b, j))) = heap.pop() else {
            break;
        };
        parent[i] = next;
        parent[j] = next;
        heap.push(Reverse((a + b, next)));
        next += 1;
    }
    let root = next - 1;
    let mut depth = vec![0u8; 2 * n - 1];
    for node in (0..root).rev() {
        depth[node] = depth[parent[node]].saturating_add(1);
    }
    depth.truncate(n);
    depth
}

/// The canonical code of each symbol for these lengths: shorter codes first, and among codes of
/// one length, symbols in their order (what the reader rebuilds from the lengths alone).
fn canonical_codes(lengths: &[u8]) -> Vec<u32> {
    let max = lengths.iter().copied().max().unwrap_or(0) as usize;
    let mut count = vec![0u32; max + 1];
    for &l in lengths {
        count[l as usize] += 1;
    }
    let mut next = vec![0u32; max + 2];
    let mut code = 0u32;
    for len in 1..=max {
        next[len] = code;
        code = (code + count[len]) << 1;
    }
    lengths
        .iter()
        .map(|&l| {
            let c = next[l as usize];
            next[l as usize] += 1;
            c
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests;
