//! The postings code of the search index scripts: which documents hold each term, and how
//! often, in as few characters as a JSON string can carry. search-codes.js reads it back.

/// The 64 characters of the postings code, each carrying 6 bits; all are safe in a JSON string
/// without escaping.
pub(super) const DIGITS: &[u8; 64] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The documents of the course in classes, their kinds: a term is far likelier to be in a long
/// document (a brief, a unit's aim) than in a short one (a quiz question, a criterion), and
/// coding each class's postings apart, each with its own parameter, takes about 13% fewer bits
/// than coding them all as one list on the benchmark's course. A document's kind follows from
/// its number (see [`super::UnitData`]), so the reader knows the classes from the manifest.
pub struct Classes {
    /// Per document: its class and its number among that class's documents.
    of: Vec<(u8, u32)>,
    sizes: Vec<usize>,
}

impl Classes {
    /// The classes of documents numbered unit by unit, each unit's kind by kind: `units` gives
    /// each unit's count of documents of each kind, in the order of their numbers.
    pub fn new<'a>(units: impl Iterator<Item = &'a [u32]>) -> Classes {
        let mut classes = Classes {
            of: Vec::new(),
            sizes: Vec::new(),
        };
        for kinds in units {
            classes
                .sizes
                .resize(classes.sizes.len().max(kinds.len()), 0);
            for (k, &count) in kinds.iter().enumerate() {
                for _ in 0..count {
                    classes.of.push((k as u8, classes.sizes[k] as u32));
                    classes.sizes[k] += 1;
                }
            }
        }
        classes
    }
}

/// Encodes one term's postings in one field, given as (document, count) with documents
/// ascending; no postings make an empty code. Class by class (see [`Classes`]), with the
/// documents numbered within their class: first the number n of the class's documents holding
/// the term, plus 1 (Elias gamma), then per document its distance from the previous one less 1
/// (from -1 for the first), Rice-coded with a parameter k worked out from n and the class's
/// size. Rice codes suit these distances: a term that occurs in one document in d takes about
/// log2(d) + 1.5 bits a document, close to the least possible. Then the counts: most are 1, so
/// only the others are listed, as the number m of postings with a count above 1, plus 1 (Elias
/// gamma), then for each of them its distance from the previous one in the class's list of
/// postings, less 1, Rice-coded with the parameter for m of n, and its count less 1 (Elias
/// gamma). That takes about 40% fewer bits than a code per count on the benchmark's course. The
/// bits are written 6 to a character of [`DIGITS`], least significant first.
pub fn encode(postings: &[(u32, u32)], classes: &Classes) -> String {
    if postings.is_empty() {
        return String::new();
    }
    let mut lists: Vec<Vec<(u32, u32)>> = vec![Vec::new(); classes.sizes.len()];
    for &(doc, count) in postings {
        let (class, local) = classes.of[doc as usize];
        lists[class as usize].push((local, count));
    }
    let mut bits = Bits::default();
    for (list, &size) in lists.iter().zip(&classes.sizes) {
        class_postings(&mut bits, list, size);
    }
    bits.finish()
}

/// One class's part of a term's code (see [`encode`]).
fn class_postings(bits: &mut Bits, postings: &[(u32, u32)], size: usize) {
    bits.gamma(postings.len() + 1);
    if postings.is_empty() {
        return;
    }
    let k = rice_parameter(postings.len(), size);
    let mut next = 0;
    for &(doc, _) in postings {
        bits.rice((doc - next) as usize, k);
        next = doc + 1;
    }
    let more: Vec<(usize, u32)> = postings
        .iter()
        .enumerate()
        .filter(|(_, &(_, count))| count > 1)
        .map(|(i, &(_, count))| (i, count))
        .collect();
    bits.gamma(more.len() + 1);
    let k = rice_parameter(more.len(), postings.len());
    let mut next = 0;
    for (i, count) in more {
        bits.rice(i - next, k);
        bits.gamma(count as usize - 1);
        next = i + 1;
    }
}

/// Encodes a run of numbers (the field lengths of documents) Rice-coded with the parameter that
/// makes the code shortest; returns the parameter and the code.
pub fn encode_numbers(numbers: &[u32]) -> (u32, String) {
    let cost = |k: u32| -> u64 {
        numbers
            .iter()
            .map(|&n| u64::from(n >> k) + 1 + u64::from(k))
            .sum()
    };
    let k = (0..16).min_by_key(|&k| cost(k)).unwrap_or(0);
    let mut bits = Bits::default();
    for &n in numbers {
        bits.rice(n as usize, k);
    }
    (k, bits.finish())
}

/// The Rice parameter for a term in `n` of `documents` documents: the largest k with
/// 2^k ≤ 0.9 × the mean distance between them (the browser works it out the same way); 0 when
/// there are none. Of 0.7, 0.8, 0.9, 0.96 (the best for gaps drawn at random, geometrically
/// distributed) and 1.0, 0.9 gave the shortest postings of the 10,500-page benchmark course:
/// 0.7 % shorter than with 0.7. A course's words cluster in the documents about them.
fn rice_parameter(n: usize, documents: usize) -> u32 {
    let mut k = 0;
    while n > 0 && (n << (k + 1)) * 10 <= documents * 9 {
        k += 1;
    }
    k
}

/// A string of bits, 6 to a character.
#[derive(Default)]
pub(super) struct Bits {
    code: String,
    pending: u64,
    count: u32,
}

impl Bits {
    /// The `width` low bits of `value`, least significant first.
    pub(super) fn push(&mut self, value: u64, width: u32) {
        self.pending |= value << self.count;
        self.count += width;
        while self.count >= 6 {
            self.code.push(DIGITS[(self.pending & 63) as usize] as char);
            self.pending >>= 6;
            self.count -= 6;
        }
    }

    /// `value` ≥ 1: as many 0 bits as it has bits after its leading 1, a 1, then those bits.
    pub(super) fn gamma(&mut self, value: usize) {
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

    /// The `width` low bits of `code`, most significant first: a prefix code is read bit by
    /// bit from its start.
    pub(super) fn code(&mut self, code: u32, width: u32) {
        for i in (0..width).rev() {
            self.push(u64::from(code >> i & 1), 1);
        }
    }

    pub(super) fn finish(mut self) -> String {
        if self.count > 0 {
            self.push(0, 6 - self.count);
        }
        self.code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads bits back the way search-codes.js does, so that the two stay in step.
    struct Reader<I: Iterator<Item = usize>>(I);

    impl<I: Iterator<Item = usize>> Reader<I> {
        fn read(&mut self, width: u32) -> usize {
            (0..width).fold(0, |v, i| v | self.0.next().unwrap() << i)
        }
        fn gamma(&mut self) -> usize {
            let mut zeros = 0;
            while self.read(1) == 0 {
                zeros += 1;
            }
            (1 << zeros) | self.read(zeros)
        }
        fn rice(&mut self, k: u32) -> usize {
            let mut quotient = 0;
            while self.read(1) == 1 {
                quotient += 1;
            }
            (quotient << k) | self.read(k)
        }
    }

    fn reader(code: &str) -> Reader<impl Iterator<Item = usize> + '_> {
        Reader(code.bytes().flat_map(|c| {
            let v = DIGITS.iter().position(|d| *d == c).unwrap();
            (0..6).map(move |i| (v >> i) & 1)
        }))
    }

    fn decode(code: &str, classes: &Classes) -> Vec<(u32, u32)> {
        let mut r = reader(code);
        let mut global: Vec<Vec<u32>> = vec![Vec::new(); classes.sizes.len()];
        for (doc, &(c, _)) in classes.of.iter().enumerate() {
            global[c as usize].push(doc as u32);
        }
        let mut all = Vec::new();
        for (c, &size) in classes.sizes.iter().enumerate() {
            let n = r.gamma() - 1;
            if n == 0 {
                continue;
            }
            let k = rice_parameter(n, size);
            let mut next = 0;
            let mut list: Vec<(u32, u32)> = (0..n)
                .map(|_| {
                    let local = next + r.rice(k);
                    next = local + 1;
                    (global[c][local], 1)
                })
                .collect();
            let more = r.gamma() - 1;
            let k = rice_parameter(more, n);
            let mut next = 0;
            for _ in 0..more {
                let i = next + r.rice(k);
                list[i].1 = r.gamma() as u32 + 1;
                next = i + 1;
            }
            all.extend(list);
        }
        all.sort_unstable();
        all
    }

    #[test]
    fn postings_round_trip_through_the_code() {
        // Documents 2 (once), 5 (three times) and 40 (once) of 300; 0 to 99, 9 times each; and
        // every third of 300, once each but the last, twice. In one class, and in two units of
        // three kinds, one of them empty in the first unit.
        let sparse = [(2, 1), (5, 3), (40, 1)];
        let dense: Vec<(u32, u32)> = (0..100).map(|d| (d, 9)).collect();
        let ones: Vec<(u32, u32)> = (0..100).map(|d| (d * 3, 1 + u32::from(d == 99))).collect();
        let one = Classes::new([&[300][..]].into_iter());
        let kinds = Classes::new([&[10, 0, 90][..], &[50, 100, 50]].into_iter());
        assert_eq!(kinds.sizes, [60, 100, 140]);
        for classes in [&one, &kinds] {
            for list in [&sparse[..], &dense, &ones] {
                let code = encode(list, classes);
                assert!(code.bytes().all(|c| DIGITS.contains(&c)));
                assert_eq!(decode(&code, classes), list);
            }
            assert_eq!(encode(&[], classes), "");
        }
    }

    #[test]
    fn numbers_round_trip_with_the_best_parameter() {
        let numbers = [0, 3, 92, 1354, 7, 88, 120];
        let (k, code) = encode_numbers(&numbers);
        assert_eq!(k, 7);
        let mut r = reader(&code);
        let back: Vec<u32> = numbers.iter().map(|_| r.rice(k) as u32).collect();
        assert_eq!(back, numbers);
        assert_eq!(encode_numbers(&[1, 1, 0, 2]).0, 0);
    }

    #[test]
    fn the_rice_parameter_follows_the_mean_distance() {
        assert_eq!(rice_parameter(300, 300), 0);
        assert_eq!(rice_parameter(1, 300), 8);
        assert_eq!(rice_parameter(10, 300), 4);
        assert_eq!(rice_parameter(0, 300), 0);
    }
}
