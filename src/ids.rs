//! Criterion ids as written (P1, 1.1, K3) and as they appear in URLs (p1, 1-1, k3).

/// The URL form of a criterion id: lower case, dots as dashes.
pub fn slug_for_id(id: &str) -> String {
    id.to_ascii_lowercase().replace('.', "-")
}

/// Whether `id` can serve as a criterion id: letters, digits and inner dots only.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.ends_with('.')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
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
    }

    #[test]
    fn id_and_slug_validation() {
        assert!(is_valid_id("3.9"));
        assert!(!is_valid_id("P 1"));
        assert!(!is_valid_id("1."));
        assert!(is_valid_slug("unit-10"));
        assert!(!is_valid_slug("Unit 10"));
    }
}
