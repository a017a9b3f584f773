//! Tests of the result data's code, and a reader of it that other modules' tests use.

use super::*;

/// Reads texts back the way search-codes.js does, so that the two stay in step.
pub struct Reader {
    bits: Vec<u32>,
    at: usize,
}

impl Reader {
    pub fn new(code: &str) -> Reader {
        let bits = code
            .bytes()
            .flat_map(|c| {
                let v = DIGITS.iter().position(|d| *d == c).unwrap() as u32;
                (0..6).map(move |i| (v >> i) & 1)
            })
            .collect();
        Reader { bits, at: 0 }
    }

    fn bit(&mut self) -> u32 {
        self.at += 1;
        self.bits[self.at - 1]
    }

    pub fn gamma(&mut self) -> usize {
        let mut zeros = 0;
        while self.bit() == 0 {
            zeros += 1;
        }
        (0..zeros).fold(1 << zeros, |v, i| v | (self.bit() as usize) << i)
    }

    fn symbol(&mut self, lengths: &[u8]) -> usize {
        let codes = canonical_codes(lengths);
        let (mut code, mut len) = (0u32, 0u8);
        loop {
            code = code << 1 | self.bit();
            len += 1;
            if let Some(s) = (0..lengths.len()).find(|&s| lengths[s] == len && codes[s] == code) {
                return s;
            }
        }
    }

    pub fn text(&mut self, v: &Vocabulary, table: Table) -> String {
        let t = &v.tables[table as usize];
        let mut out = String::new();
        let mut prev_word = false;
        loop {
            let s = self.symbol(&t.lengths);
            let run = match s {
                END => return out,
                ESCAPE => {
                    let n = self.gamma();
                    (0..n)
                        .map(|_| char::from_u32(self.gamma() as u32 - 1).unwrap())
                        .collect()
                }
                s => t.symbols[s - 2].clone(),
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

const TEXTS: [&str; 6] = [
    "Customer complaints, re-opened: “Why?” 2024…",
    "  two  spaces ",
    "",
    "Ǆemal İstanbul été",
    "P4 Explain the policy",
    "-",
];

#[test]
fn runs_leave_out_single_spaces_between_words() {
    assert_eq!(runs("a b  c, d"), ["a", "b", "  ", "c", ", ", "d"]);
    assert_eq!(runs(" a "), [" ", "a", " "]);
    assert_eq!(runs(""), Vec::<&str>::new());
}

#[test]
fn texts_round_trip_and_unknown_runs_are_spelled_out() {
    let mut counts = Counts::default();
    for t in &TEXTS[..4] {
        counts.add(Table::Snippet, t);
    }
    counts.add(Table::Title, "Notes on P1");
    let v = counts.vocabulary();
    let mut bits = Bits::default();
    for t in TEXTS {
        v.encode(Table::Snippet, t, &mut bits);
    }
    v.encode(Table::Title, "Notes on P2", &mut bits);
    let code = bits.finish();
    let mut r = Reader::new(&code);
    for t in TEXTS {
        assert_eq!(r.text(&v, Table::Snippet), t);
    }
    assert_eq!(r.text(&v, Table::Title), "Notes on P2");
}

#[test]
fn a_recurring_title_is_one_symbol_and_reads_back_as_it_was() {
    let heading = "Case examples: “before” and after";
    let mut counts = Counts::default();
    for _ in 0..PHRASE_MIN {
        counts.add(Table::Title, heading);
    }
    counts.add(Table::Title, "Case studies");
    counts.add(Table::Title, "Notes once");
    counts.add(Table::Title, "Notes once");
    let v = counts.vocabulary();
    let title = &v.tables[Table::Title as usize];
    assert!(title.index.contains_key(heading));
    assert!(!title.index.contains_key("Notes once"), "seen twice only");
    // "Case" is still used by another title, "examples" by none.
    assert!(title.index.contains_key("Case") && !title.index.contains_key("examples"));
    let mut whole = Bits::default();
    v.encode(Table::Title, heading, &mut whole);
    let mut bits = Bits::default();
    for t in [heading, "Case studies", "Case examples again", "Notes once"] {
        v.encode(Table::Title, t, &mut bits);
    }
    let mut r = Reader::new(&bits.finish());
    for t in [heading, "Case studies", "Case examples again", "Notes once"] {
        assert_eq!(r.text(&v, Table::Title), t);
    }
    let mut r = Reader::new(&whole.finish());
    assert_eq!(r.text(&v, Table::Title), heading);
    let symbol = title.lengths[title.index[heading]] + title.lengths[END];
    assert_eq!(r.at, usize::from(symbol), "one symbol and the end");
}

#[test]
fn frequent_runs_get_short_codes_and_no_code_is_too_long() {
    let weights: Vec<u64> = (0..60).map(|i| 1u64 << i.min(50)).collect();
    let lengths = huffman_lengths(&weights);
    assert!(lengths.iter().all(|&l| (1..=MAX_CODE).contains(&l)));
    assert!(lengths[59] <= lengths[0]);
    assert_eq!(huffman_lengths(&[5, 1]), [1, 1]);
    // A prefix code: the canonical codes of equal lengths differ, and no code is the start
    // of another.
    let codes = canonical_codes(&lengths);
    for a in 0..codes.len() {
        for b in 0..codes.len() {
            if a != b && lengths[a] <= lengths[b] {
                assert_ne!(codes[b] >> (lengths[b] - lengths[a]), codes[a]);
            }
        }
    }
}
