//! Ids as the specification writes them and as they appear in URLs. Criterion ids: P1, A.P1,
//! AB.D1, 1.1, K3, S1 (`p1`, `a-p1`, `ab-d1`, `1-1`). Outcome ids (learning outcomes, learning
//! aims, elements, sections, tasks): 1, A, LO3, "Element 2" (`1`, `a`, `lo3`, `element-2`).

use std::cmp::Ordering;

/// The URL form of a criterion or outcome id: lower case, dots and spaces as dashes.
pub fn slug_for_id(id: &str) -> String {
    id.to_ascii_lowercase().replace(['.', ' '], "-")
}

/// Whether `id` can serve as a criterion id: letters, digits and inner dots only.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.ends_with('.')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

/// Whether `id` can serve as an outcome id (and so as the name of its file): letters and digits,
/// with single dots, dashes or spaces between them. A number is written without leading zeros,
/// so that `01` and `1` cannot be two outcomes with one address.
pub fn is_valid_outcome_id(id: &str) -> bool {
    let separator = |c: char| matches!(c, '.' | '-' | ' ');
    let mut previous_separator = true;
    for c in id.chars() {
        if separator(c) {
            if previous_separator {
                return false;
            }
            previous_separator = true;
        } else if c.is_ascii_alphanumeric() {
            previous_separator = false;
        } else {
            return false;
        }
    }
    !id.is_empty() && !previous_separator && !is_padded_number(id)
}

/// Whether `id` is a number written with a leading zero (`01`).
pub fn is_padded_number(id: &str) -> bool {
    id.len() > 1 && id.starts_with('0') && id.chars().all(|c| c.is_ascii_digit())
}

/// Whether `id` is a plain number (`3`), as the learning outcomes of most specifications are.
pub fn is_number(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_digit())
}

/// Compares ids as a reader orders them: runs of digits by their value, so that `2` comes before
/// `10` and `LO2` before `LO10`; other characters as written.
pub fn natural_order(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut digits = None;
        for (i, c) in s.char_indices() {
            let d = c.is_ascii_digit();
            if digits.is_some_and(|was| was != d) {
                out.push((digits.unwrap_or(false), &s[start..i]));
                start = i;
            }
            digits = Some(d);
        }
        if start < s.len() {
            out.push((digits.unwrap_or(false), &s[start..]));
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let order = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

/// Whether `slug` can serve as a file or folder name in URLs: lower-case letters, digits, dashes.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_lower_case_dashed_slugs() {
        assert_eq!(slug_for_id("P1"), "p1");
        assert_eq!(slug_for_id("1.1"), "1-1");
        assert_eq!(slug_for_id("K10"), "k10");
        assert_eq!(slug_for_id("AB.D1"), "ab-d1");
        assert_eq!(slug_for_id("A.P1"), "a-p1");
        assert_eq!(slug_for_id("Element 2"), "element-2");
    }

    #[test]
    fn id_and_slug_validation() {
        assert!(is_valid_id("3.9"));
        assert!(!is_valid_id("P 1"));
        assert!(!is_valid_id("1."));
        assert!(is_valid_slug("unit-10"));
        assert!(!is_valid_slug("Unit 10"));
    }

    #[test]
    fn every_common_criterion_id_form_is_valid() {
        for id in [
            "P1", "A.P1", "AB.D1", "1.1", "P7", "K3", "K1", "S1", "B1", "2.10",
        ] {
            assert!(is_valid_id(id), "{id}");
        }
        for id in ["K1/S1", "P1 ", "", ".P1", "P–1"] {
            assert!(!is_valid_id(id), "{id:?}");
        }
    }

    #[test]
    fn outcome_ids_are_numbers_letters_or_codes() {
        for id in ["1", "12", "A", "LO3", "Element 2", "A.1", "TA-1"] {
            assert!(is_valid_outcome_id(id), "{id}");
        }
        for id in ["", "01", "A  B", "A/B", " A", "A.", "1_2", "é"] {
            assert!(!is_valid_outcome_id(id), "{id:?}");
        }
    }

    #[test]
    fn ids_sort_as_a_reader_expects() {
        let mut ids = vec!["10", "2", "1", "LO10", "LO2", "B", "A"];
        ids.sort_by(|a, b| natural_order(a, b));
        assert_eq!(ids, ["1", "2", "10", "A", "B", "LO2", "LO10"]);
    }
}
