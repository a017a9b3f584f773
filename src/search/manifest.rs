//! The search manifest: what the search script needs before it loads any part of the index.
//! The course's units (their labels, document counts by kind and the terms of their `unit`
//! field), the kinds (label, weight, terms), where each term part starts, and the address of
//! every kind of part (with [`PART_NUMBER`](crate::routes::PART_NUMBER) for its number), so that
//! the script never spells an address.

use serde::Serialize;

use super::docs::Kind;
use super::index::UnitData;
use super::layout::{DOC_PART, LENGTH_PART};
use crate::routes::{self, Route, SearchPart};

#[derive(Serialize)]
pub struct Manifest<'a> {
    /// Documents in the course, numbered unit by unit.
    documents: usize,
    units: Vec<ManifestUnit<'a>>,
    kinds: Vec<ManifestKind<'a>>,
    terms: TermParts<'a>,
    lengths: RangeParts,
    docs: RangeParts,
    criteria: CriterionParts<'a>,
    /// Where the word list for "did you mean" is.
    words: String,
    /// Where the vocabulary that the result data is coded against is.
    vocabulary: String,
}

#[derive(Serialize)]
struct ManifestUnit<'a> {
    slug: &'a str,
    label: &'a str,
    title: &'a str,
    /// The unit's folder from the site root, which result paths are within.
    folder: String,
    /// Its documents of each kind, in the order of `kinds`: they are numbered in that order.
    kinds: &'a [u32],
    /// The terms of its `unit` field, in the order the engine takes them in.
    terms: &'a [String],
}

#[derive(Serialize)]
struct ManifestKind<'a> {
    label: &'static str,
    weight: f32,
    /// The terms of its `kind` field.
    terms: &'a [String],
}

#[derive(Serialize)]
struct TermParts<'a> {
    /// The first term of each part (in the order of their UTF-8 bytes): part i holds the terms
    /// from its first up to the next part's.
    firsts: &'a [String],
    path: String,
}

#[derive(Serialize)]
struct RangeParts {
    /// Documents in each part: part i holds documents size × i on.
    size: usize,
    path: String,
}

#[derive(Serialize)]
struct CriterionParts<'a> {
    /// Criterion ids, upper case: part i lists the documents of the criteria with id i.
    ids: Vec<&'a str>,
    path: String,
}

impl<'a> Manifest<'a> {
    pub fn new(
        units: &'a [UnitData],
        kind_terms: &'a [Vec<String>],
        documents: usize,
        firsts: &'a [String],
        criteria: Vec<&'a str>,
    ) -> Self {
        Manifest {
            documents,
            units: units
                .iter()
                .map(|u| ManifestUnit {
                    slug: &u.slug,
                    label: &u.label,
                    title: &u.title,
                    folder: routes::unit_folder(&u.slug),
                    kinds: &u.kinds,
                    terms: &u.unit_terms,
                })
                .collect(),
            kinds: Kind::ALL
                .iter()
                .zip(kind_terms)
                .map(|(k, terms)| ManifestKind {
                    label: k.label(),
                    weight: k.weight(),
                    terms,
                })
                .collect(),
            terms: TermParts {
                firsts,
                path: SearchPart::Terms.template(),
            },
            lengths: RangeParts {
                size: LENGTH_PART,
                path: SearchPart::Lengths.template(),
            },
            docs: RangeParts {
                size: DOC_PART,
                path: SearchPart::Docs.template(),
            },
            criteria: CriterionParts {
                ids: criteria,
                path: SearchPart::Criterion.template(),
            },
            words: Route::SearchWords.path(),
            vocabulary: Route::SearchVocabulary.path(),
        }
    }
}
