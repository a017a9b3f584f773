//! The term parts of the index: each term's postings across the course, coded, and the terms
//! laid out in parts of about [`TERM_PART_CHARS`], so that a query loads only its terms' parts.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::{script, CourseIndex};
use crate::routes::{Route, SearchPart};
use crate::search::index::FieldPostings;
use crate::search::postings;

/// How many characters of postings a term part holds, about: a common term's postings alone
/// can take more, and then has a part to itself. Each script costs the browser more than its
/// bytes do, and a word of one or two letters begins terms across dozens of parts: at 8 KB the
/// parts of a 10,500-page course were twice as many for 0.8 % more of the index.
const TERM_PART_CHARS: usize = 16 * 1024;

/// One term's postings over the whole course, coded, per field (title, body).
pub(super) struct TermCodes {
    pub(super) term: String,
    codes: [String; 2],
}

impl CourseIndex {
    pub(super) fn distinct_terms(&self) -> BTreeSet<&str> {
        let mut terms = BTreeSet::new();
        for u in &self.units {
            for field in &u.postings {
                terms.extend(field.iter().map(|(t, _)| t.as_str()));
            }
        }
        terms
    }

    /// The codes of the postings of `terms`, a run of neighbouring terms of the course (every
    /// term between its first and last), in order: the part of each unit's sorted lists that
    /// falls in the run is read once, each entry finding its term by a search of the run.
    pub(super) fn codes_of_run(&self, terms: &[&str]) -> Vec<TermCodes> {
        let (Some(&first), Some(&last)) = (terms.first(), terms.last()) else {
            return Vec::new();
        };
        let mut lists: Vec<[Vec<(u32, u32)>; 2]> = vec![[Vec::new(), Vec::new()]; terms.len()];
        for (u, base) in self.units.iter().zip(&self.bases) {
            for (f, field) in u.postings.iter().enumerate() {
                let start = field.partition_point(|(t, _)| t.as_str() < first);
                let mut k = 0;
                for (t, docs) in field[start..]
                    .iter()
                    .take_while(|(t, _)| t.as_str() <= last)
                {
                    k += terms[k..].partition_point(|x| *x < t.as_str());
                    if let Some(list) = lists.get_mut(k).filter(|_| terms[k] == t) {
                        list[f].extend(docs.iter().map(|&(d, c)| (d + base, c)));
                    }
                }
            }
        }
        terms
            .iter()
            .zip(lists)
            .map(|(term, lists)| TermCodes {
                term: term.to_string(),
                codes: lists.map(|list| postings::encode(&list, &self.classes)),
            })
            .collect()
    }

    /// The codes of `term`'s postings across the course.
    pub(super) fn codes(&self, term: &str) -> TermCodes {
        let codes = [0, 1].map(|f| {
            let mut list = Vec::new();
            for (u, base) in self.units.iter().zip(&self.bases) {
                let field = &u.postings[f];
                if let Ok(i) = field.binary_search_by(|(t, _)| t.as_str().cmp(term)) {
                    list.extend(field[i].1.iter().map(|&(d, c)| (d + base, c)));
                }
            }
            postings::encode(&list, &self.classes)
        });
        TermCodes {
            term: term.to_string(),
            codes,
        }
    }

    /// The term part that holds `term` (or would).
    pub(super) fn part_of(&self, term: &str) -> usize {
        self.firsts
            .partition_point(|f| f.as_str() <= term)
            .saturating_sub(1)
    }

    pub(super) fn term_part(&self, part: usize) -> (String, String) {
        let start = self
            .terms
            .partition_point(|t| part > 0 && t.term < self.firsts[part]);
        let end = match self.firsts.get(part + 1) {
            Some(next) => self.terms.partition_point(|t| t.term < *next),
            None => self.terms.len(),
        };
        let terms = &self.terms[start..end];
        #[derive(Serialize)]
        struct Part<'a> {
            terms: String,
            title: Vec<&'a str>,
            body: Vec<&'a str>,
        }
        let json = Part {
            terms: terms
                .iter()
                .map(|t| t.term.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            title: terms.iter().map(|t| t.codes[0].as_str()).collect(),
            body: terms.iter().map(|t| t.codes[1].as_str()).collect(),
        };
        script(
            Route::SearchPart(SearchPart::Terms, part),
            "addTerms",
            part,
            &json,
        )
    }
}

/// The terms whose postings differ between two states of a unit's field (both sorted).
pub(super) fn changed_terms(old: &FieldPostings, new: &FieldPostings) -> Vec<String> {
    let old_map: HashMap<&str, &Vec<(u32, u32)>> =
        old.iter().map(|(t, l)| (t.as_str(), l)).collect();
    let new_map: HashMap<&str, &Vec<(u32, u32)>> =
        new.iter().map(|(t, l)| (t.as_str(), l)).collect();
    let mut changed: Vec<String> = old
        .iter()
        .filter(|(t, l)| new_map.get(t.as_str()) != Some(&l))
        .chain(
            new.iter()
                .filter(|(t, _)| !old_map.contains_key(t.as_str())),
        )
        .map(|(t, _)| t.clone())
        .collect();
    changed.sort_unstable();
    changed.dedup();
    changed
}

/// Where each term part starts: terms in order, a new part once the current one holds about
/// [`TERM_PART_CHARS`].
pub(super) fn part_firsts(terms: &[TermCodes]) -> Vec<String> {
    let mut firsts = Vec::new();
    let mut size = 0;
    for t in terms {
        let chars = t.term.len() + t.codes[0].len() + t.codes[1].len() + 8;
        if firsts.is_empty() || size + chars > TERM_PART_CHARS && size > 0 {
            firsts.push(t.term.clone());
            size = 0;
        }
        size += chars;
    }
    if firsts.is_empty() {
        firsts.push(String::new());
    }
    firsts
}

#[cfg(test)]
mod tests {
    use super::super::tests::course;
    use super::*;
    use crate::search::Kind;

    #[test]
    fn postings_gathered_in_runs_are_those_each_term_looked_up_alone_has() {
        let index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
        assert!(index.terms.len() > 1000, "{} terms", index.terms.len());
        for t in &index.terms {
            assert_eq!(t.codes, index.codes(&t.term).codes, "{}", t.term);
        }
    }
}
