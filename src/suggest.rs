//! "Did you mean": the known name closest to one a teacher wrote, if it is close enough to be
//! a slip of the keyboard rather than another name.

/// The candidate nearest to `written` by edit distance (letters swapped, added, left out or
/// changed; case ignored), when it is at most a third of the word's length away (and at least
/// one edit is allowed).
pub fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let written = written.to_lowercase();
    let allowed = (written.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&written, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_slips_and_leaves_other_words_alone() {
        let keys = ["title", "level", "outcome"];
        assert_eq!(closest("levle", keys), Some("level"));
        assert_eq!(closest("Titel", keys), Some("title"));
        assert_eq!(closest("outcomes", keys), Some("outcome"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(
            closest(
                "customer-expectaions",
                ["customer-needs", "customer-expectations"]
            ),
            Some("customer-expectations")
        );
        assert_eq!(closest("Pass", ["pass", "merit"]), Some("pass"));
    }
}
