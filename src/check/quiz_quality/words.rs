//! The words the quiz rules compare: "content words" (lower case, 4+ letters, not a stop word,
//! stemmed so that "complaint" and "complaints" count as one), plain word sequences for spotting
//! text copied word for word, and whole-word look-ups for absolute and hedging words.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use elasticlunr::lang::English;
use elasticlunr::pipeline::PipelineFn;
use elasticlunr::Language;

/// Function words of 4+ letters (shorter words never count): they say nothing about a topic,
/// so sharing them is no sign of an echo or of teaching.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "also", "among", "another", "because", "been",
    "before", "being", "below", "between", "both", "cannot", "could", "does", "doing", "done",
    "down", "during", "each", "either", "else", "even", "ever", "from", "further", "have",
    "having", "here", "hers", "herself", "himself", "into", "itself", "just", "many", "might",
    "more", "most", "much", "must", "neither", "once", "only", "onto", "other", "ours",
    "ourselves", "over", "same", "shall", "should", "since", "some", "still", "such", "than",
    "that", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
    "those", "though", "through", "thus", "under", "unless", "until", "upon", "very", "were",
    "what", "whatever", "when", "where", "whether", "which", "while", "whom", "whose", "will",
    "with", "within", "without", "would", "your", "yours", "yourself",
];

/// A content word's stem, numbered: sets of numbers compare faster than sets of strings.
pub type Stem = u32;

/// Turns text into sets of stemmed content words. The stems come from the English (Porter)
/// stemmer of elasticlunr-rs, the one the site's search uses. A course uses the same few
/// thousand words over and over, so each is judged and stemmed once.
pub struct Words {
    stemmer: Option<Box<dyn PipelineFn>>,
    /// Word (lower case) → its stem, or `None` for a short word or a stop word.
    seen: RefCell<HashMap<String, Option<Stem>>>,
    /// Stem → its number.
    stems: RefCell<HashMap<String, Stem>>,
}

impl Default for Words {
    fn default() -> Self {
        let stemmer = English::new()
            .make_pipeline()
            .queue
            .into_iter()
            .find(|f| f.name() == "stemmer");
        Words {
            stemmer,
            seen: RefCell::default(),
            stems: RefCell::default(),
        }
    }
}

impl Words {
    /// The stems of the content words of `text`.
    pub fn content(&self, text: &str) -> BTreeSet<Stem> {
        letter_runs(text).filter_map(|w| self.stem(&w)).collect()
    }

    /// The words of `text` whose stems are in `stems`, each once, as written (lower case).
    pub fn shown(&self, text: &str, stems: &BTreeSet<Stem>) -> Vec<String> {
        let mut seen = BTreeSet::new();
        letter_runs(text)
            .filter(|w| {
                self.stem(w)
                    .is_some_and(|s| stems.contains(&s) && seen.insert(s))
            })
            .map(Cow::into_owned)
            .collect()
    }

    /// The stem of a content word (lower case), `None` for any other word.
    fn stem(&self, word: &str) -> Option<Stem> {
        if let Some(known) = self.seen.borrow().get(word) {
            return *known;
        }
        let stem = (word.chars().count() >= 4 && !STOP_WORDS.contains(&word)).then(|| {
            let stem = match &self.stemmer {
                Some(stemmer) => stemmer
                    .filter(word.to_string())
                    .unwrap_or_else(|| word.to_string()),
                None => crude_stem(word.to_string()),
            };
            let mut stems = self.stems.borrow_mut();
            let next = Stem::try_from(stems.len()).unwrap_or(Stem::MAX);
            *stems.entry(stem).or_insert(next)
        });
        self.seen.borrow_mut().insert(word.to_string(), stem);
        stem
    }
}

/// The rule of thumb the quiz writers were given: strip a trailing "ing", "ed", "es" or "s".
/// Used only if the search's stemmer ever goes missing from elasticlunr-rs's pipeline.
fn crude_stem(word: String) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() >= 3) {
            return stem.to_string();
        }
    }
    word
}

/// The lower-cased runs of letters of `text`: "Don't over-promise" → don, t, over, promise.
fn letter_runs(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
}

/// The runs of letters and digits of `text`, as written.
fn alnum_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of `text` (letters and digits), lower case, one space between them and one at each
/// end, so that a `contains` on two of them matches whole words only: case and punctuation are
/// ignored.
pub fn spaced_words(text: &str) -> String {
    let mut out = String::from(" ");
    for w in alnum_runs(text) {
        out.push_str(&w.to_lowercase());
        out.push(' ');
    }
    out
}

/// How many words `text` has (runs of letters or digits).
pub fn word_count(text: &str) -> usize {
    alnum_runs(text).count()
}

/// The first word of `text` that is in `list` (lower case), case ignored.
pub fn first_word_of<'a>(text: &str, list: &[&'a str]) -> Option<&'a str> {
    alnum_runs(text).find_map(|w| list.iter().copied().find(|l| w.eq_ignore_ascii_case(l)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_are_long_stemmed_and_not_stop_words() {
        let words = Words::default();
        let found = words.content("Which complaints were about the café's slow service? Use it.");
        assert_eq!(found, words.content("complaint café slow service"));
        assert_eq!(found.len(), 4);
        assert_eq!(
            words.content("complaint"),
            words.content("Complaints"),
            "plural and singular are one word"
        );
        assert_ne!(words.content("complaint"), words.content("complain"));
        assert_eq!(
            words.shown("The café's services", &found),
            ["café", "services"]
        );
    }

    #[test]
    fn the_crude_stem_strips_one_suffix() {
        assert_eq!(crude_stem("complaints".into()), "complaint");
        assert_eq!(crude_stem("trained".into()), "train");
        assert_eq!(crude_stem("listening".into()), "listen");
        assert_eq!(crude_stem("bus".into()), "bus");
    }

    #[test]
    fn whole_words_only_case_and_punctuation_ignored() {
        assert_eq!(spaced_words("Listen, then ACT!"), " listen then act ");
        assert_eq!(
            first_word_of("Staff MAY be busy", &["may", "can"]),
            Some("may")
        );
        assert_eq!(first_word_of("Maybe the canteen", &["may", "can"]), None);
        assert_eq!(word_count("A £5 refund, at once."), 5);
    }
}
