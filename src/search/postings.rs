//! The postings code of the search index scripts: which documents hold each term, and how
//! often, in as few characters as a JSON string can carry. search.js reads it back.

use serde::Serialize;

/// The postings of one field: its terms, sorted and joined by spaces, and one code holding the
/// postings of each term in turn.
#[derive(Debug, PartialEq, Serialize)]
pub struct FieldPostings {
    terms: String,
    code: String,
}

/// The 64 characters of the postings code, each carrying 6 bits; all are safe in a JSON string
/// without escaping.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Encodes a field's postings, given as (term, [(document, count)]) in any order. For each term
/// in order: the number of documents holding it n
/// (Elias gamma), then per document its distance from the previous one less 1 (from -1 for the
/// first), Rice-coded with a parameter k worked out from n and the unit's number of documents,
/// and the term's count in it (Elias gamma, one bit for the usual 1). Rice codes suit these
/// distances: a term that occurs in one document in d takes about log2(d) + 1.5 bits a document,
/// close to the least possible. The bits are written 6 to a character of [`DIGITS`], least
/// significant first.
pub fn encode(mut postings: Vec<(&str, Vec<(usize, usize)>)>, documents: usize) -> FieldPostings {
    postings.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut terms = String::new();
    let mut bits = Bits::default();
    for (term, mut list) in postings {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // Documents 2 (once), 5 (three times) and 40 (once) of 300; and 0 to 99, 9 times each.
        let field = encode(
            vec![
                ("till", (0..100).map(|d| (d, 9)).collect()),
                ("shop", vec![(5, 3), (2, 1), (40, 1)]),
            ],
            300,
        );
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
}
