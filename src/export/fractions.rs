//! Grades for the options of a select-all question, taken from the list Moodle allows. Moodle's
//! importer skips a question with any other fraction, and its multiple-answer type refuses
//! right options whose grades do not add up to 100% (rounded to two decimals).

use crate::diagnostic::Diagnostic;

/// Moodle's grades as (fraction, the percentage as its files write it), highest first.
const GRADES: [(f64, &str); 20] = [
    (1.0, "100"),
    (0.9, "90"),
    (0.833_333_3, "83.33333"),
    (0.8, "80"),
    (0.75, "75"),
    (0.7, "70"),
    (0.666_666_7, "66.66667"),
    (0.6, "60"),
    (0.5, "50"),
    (0.4, "40"),
    (0.333_333_3, "33.33333"),
    (0.3, "30"),
    (0.25, "25"),
    (0.2, "20"),
    (0.166_666_7, "16.66667"),
    (0.142_857_1, "14.28571"),
    (0.125, "12.5"),
    (0.111_111_1, "11.11111"),
    (0.1, "10"),
    (0.05, "5"),
];

/// Moodle compares grades with this tolerance.
const TOLERANCE: f64 = 0.000_01;

/// A grade of an option, as a percentage written the way Moodle writes it: "33.33333", "-50".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Percent(pub String);

/// The grade of each option of a select-all question whose options are right (`true`) or
/// wrong, in the same order. The right options share 100%; each wrong one takes away at least
/// its share of 100%, so that ticking every option scores nothing.
pub fn select_all(correct: &[bool]) -> Result<Vec<Percent>, Diagnostic> {
    let right = correct.iter().filter(|c| **c).count();
    let wrong = correct.len() - right;
    let mut shares = right_shares(right)
        .ok_or_else(|| {
            Diagnostic::error(format!(
                "a select-all question with {right} right options cannot be graded in Moodle"
            ))
            .help("Moodle's grades allow at most 20 right options; split the question in two")
        })?
        .into_iter();
    let penalty = (wrong > 0).then(|| penalty(wrong));
    Ok(correct
        .iter()
        .map(|&c| {
            if c {
                Percent(shares.next().unwrap_or("0").to_string())
            } else {
                Percent(format!("-{}", penalty.unwrap_or("0")))
            }
        })
        .collect())
}

/// Grades for `k` right options, on Moodle's list, adding up to 100%: an equal share where the
/// list has one, else the two nearest grades mixed (eleven right options: nine of 10%, two of
/// 5%).
fn right_shares(k: usize) -> Option<Vec<&'static str>> {
    if k == 0 {
        return Some(Vec::new());
    }
    let mut best: Option<(f64, Vec<&'static str>)> = None;
    for (i, &(high, high_text)) in GRADES.iter().enumerate() {
        for &(low, low_text) in &GRADES[i..] {
            for n_high in 1..=k {
                let total = high * n_high as f64 + low * (k - n_high) as f64;
                if (total * 100.0).round() != 100.0 {
                    continue;
                }
                let spread = high - low;
                if best.as_ref().is_none_or(|(s, _)| spread < *s - TOLERANCE) {
                    let mut shares = vec![high_text; n_high];
                    shares.extend(std::iter::repeat_n(low_text, k - n_high));
                    best = Some((spread, shares));
                }
            }
        }
    }
    best.map(|(_, shares)| shares)
}

/// The smallest grade on the list that is at least a `wrong`th of 100%.
fn penalty(wrong: usize) -> &'static str {
    let share = 1.0 / wrong as f64;
    GRADES
        .iter()
        .rev()
        .find(|(g, _)| *g >= share - TOLERANCE)
        .map_or("100", |(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fraction(p: &str) -> f64 {
        p.parse::<f64>().unwrap() / 100.0
    }

    fn on_list(p: &Percent) -> bool {
        let f = fraction(&p.0).abs();
        f == 0.0 || GRADES.iter().any(|(g, _)| (g - f).abs() < TOLERANCE)
    }

    #[test]
    fn every_count_of_right_options_up_to_twenty_adds_up_to_100() {
        for k in 1..=20 {
            let shares = right_shares(k).unwrap_or_else(|| panic!("{k} right options"));
            assert_eq!(shares.len(), k);
            let total: f64 = shares.iter().map(|s| fraction(s)).sum();
            assert_eq!((total * 100.0).round(), 100.0, "{k}: {shares:?}");
        }
        assert_eq!(right_shares(3).unwrap(), ["33.33333"; 3]);
        assert_eq!(right_shares(7).unwrap(), ["14.28571"; 7]);
        assert_eq!(
            right_shares(11)
                .unwrap()
                .iter()
                .filter(|s| **s == "10")
                .count(),
            9
        );
        assert!(right_shares(21).is_none());
    }

    #[test]
    fn wrong_options_cancel_ticking_everything() {
        for wrong in 1..=25 {
            let mut correct = vec![true, true];
            correct.extend(std::iter::repeat_n(false, wrong));
            let grades = select_all(&correct).unwrap();
            assert!(grades.iter().all(on_list), "{grades:?}");
            let all: f64 = grades.iter().map(|g| fraction(&g.0)).sum();
            assert!(all <= TOLERANCE, "{wrong} wrong: ticking all scores {all}");
        }
        let grades = select_all(&[false, true, false, true, true]).unwrap();
        let text: Vec<&str> = grades.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(text, ["-50", "33.33333", "-50", "33.33333", "33.33333"]);
    }

    #[test]
    fn too_many_right_options_is_an_error_not_a_panic() {
        let err = select_all(&[true; 21]).unwrap_err();
        assert!(err.message.contains("21 right options"), "{}", err.message);
    }
}
