//! The result data of a built site's search index read back, apart from the site's own reader:
//! its parts are coded against the course's vocabulary (src/search/text.rs), so a check of what
//! search shows reads them here.

use std::fs;
use std::path::Path;

const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The JSON arguments of a search script `UnitpressSearch.call(args);`.
fn arguments(path: &Path) -> serde_json::Value {
    let script = fs::read_to_string(path).unwrap();
    let (_, rest) = script.split_once('(').unwrap();
    serde_json::from_str(&format!("[{}]", rest.strip_suffix(");\n").unwrap())).unwrap()
}

struct Bits {
    bits: Vec<u32>,
    at: usize,
}

impl Bits {
    fn bit(&mut self) -> u32 {
        self.at += 1;
        self.bits[self.at - 1]
    }

    fn gamma(&mut self) -> usize {
        let mut zeros = 0;
        while self.bit() == 0 {
            zeros += 1;
        }
        (0..zeros).fold(1 << zeros, |v, i| v | (self.bit() as usize) << i)
    }
}

/// One table of the vocabulary: its symbols (0 ends a text, 1 spells a run out) by (code
/// length, code), the codes canonical.
struct Table {
    symbols: Vec<String>,
    codes: Vec<(u32, u32, usize)>,
}

impl Table {
    fn new(value: &serde_json::Value) -> Table {
        let symbols = value[0]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        let lengths: Vec<u32> = value[1]
            .as_str()
            .unwrap()
            .chars()
            .map(|c| DIGITS.find(c).unwrap() as u32)
            .collect();
        let mut codes = Vec::new();
        let mut code = 0;
        for len in 1..=lengths.iter().copied().max().unwrap_or(0) {
            for (s, _) in lengths.iter().enumerate().filter(|(_, &l)| l == len) {
                codes.push((len, code, s));
                code += 1;
            }
            code <<= 1;
        }
        Table { symbols, codes }
    }

    fn text(&self, bits: &mut Bits) -> String {
        let mut out = String::new();
        let mut prev_word = false;
        loop {
            let (mut code, mut len) = (0, 0);
            let symbol = loop {
                code = code << 1 | bits.bit();
                len += 1;
                if let Some(&(_, _, s)) = self.codes.iter().find(|c| (c.0, c.1) == (len, code)) {
                    break s;
                }
            };
            let run: String = match symbol {
                0 => return out,
                1 => (0..bits.gamma())
                    .map(|_| char::from_u32(bits.gamma() as u32 - 1).unwrap())
                    .collect(),
                s => self.symbols[s - 2].clone(),
            };
            let word = run.chars().next().is_some_and(char::is_alphanumeric);
            if word && prev_word {
                out.push(' ');
            }
            out.push_str(&run);
            prev_word = word;
        }
    }
}

/// Every text of the result data of the search index at `site`, a line each: the pages' titles
/// and paths, then each document's title, given #fragment and snippet.
pub fn result_texts(site: &Path) -> Vec<String> {
    let search = site.join("search");
    let manifest = &arguments(&search.join("manifest.js"))[0];
    let vocabulary = &arguments(&site.join(manifest["vocabulary"].as_str().unwrap()))[0];
    let [title, snippet, path] = [0, 1, 2].map(|t| Table::new(&vocabulary[t]));
    let (documents, size) = (
        manifest["documents"].as_u64().unwrap() as usize,
        manifest["docs"]["size"].as_u64().unwrap() as usize,
    );
    let mut out = Vec::new();
    for part in 0..documents.div_ceil(size) {
        let code = &arguments(&search.join(format!("docs/{part}.js")))[1];
        let bits = code
            .as_str()
            .unwrap()
            .chars()
            .flat_map(|c| {
                let v = DIGITS.find(c).unwrap() as u32;
                (0..6).map(move |i| (v >> i) & 1)
            })
            .collect();
        let mut bits = Bits { bits, at: 0 };
        for _ in 1..bits.gamma() {
            out.push(title.text(&mut bits));
            out.push(path.text(&mut bits));
        }
        for _ in part * size..documents.min((part + 1) * size) {
            // The document's page: 1 for the previous document's, else its number plus 2.
            bits.gamma();
            out.push(title.text(&mut bits));
            if bits.gamma() == 3 {
                out.push(path.text(&mut bits));
            }
            out.push(snippet.text(&mut bits));
        }
    }
    out
}
