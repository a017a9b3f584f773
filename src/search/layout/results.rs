//! The result data of the index: for each part of [`DOC_PART`] documents, what the results list
//! shows of them (page, title, #fragment, snippet), coded against the course's vocabulary.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::{script, CourseIndex, DOC_PART};
use crate::routes::{Route, SearchPart};
use crate::search::index::{Row, UnitData};
use crate::search::postings::Bits;
use crate::search::text::{Counts, Table, Vocabulary};

impl CourseIndex {
    /// The result data of part `part`'s documents, coded (see [`crate::search::text`]): the number
    /// of pages they are on plus 1 (Elias gamma), each page's title and path within its
    /// unit's folder; then for each document its page (gamma: 1 for the previous document's,
    /// most often, else the page plus 2), its title (empty when it
    /// is its page's), its #fragment (gamma 1: none; 2: made from the title shown, see
    /// [`simple_id`]; 3: the text that follows) and its snippet.
    pub(super) fn doc_part(&self, part: usize) -> (String, String) {
        let v = &self.vocabulary;
        let docs = self.range(part, DOC_PART);
        let mut pages: Vec<(usize, usize)> = Vec::new();
        let mut page_of: HashMap<(usize, usize), usize> = HashMap::default();
        let rows: Vec<(usize, &Row)> = docs
            .into_iter()
            .map(|(u, d)| {
                let row = &self.units[u].rows[d];
                let page = *page_of.entry((u, row.page)).or_insert_with(|| {
                    pages.push((u, row.page));
                    pages.len() - 1
                });
                (page, row)
            })
            .collect();
        let mut bits = Bits::default();
        bits.gamma(pages.len() + 1);
        for &(u, p) in &pages {
            let (title, path) = &self.units[u].pages[p];
            v.encode(Table::Title, title, &mut bits);
            v.encode(Table::Path, path, &mut bits);
        }
        let mut previous = None;
        for (page, row) in rows {
            bits.gamma(if previous == Some(page) { 1 } else { page + 2 });
            previous = Some(page);
            v.encode(Table::Title, &row.title, &mut bits);
            match given_fragment(&self.units[pages[page].0], row) {
                _ if row.fragment.is_empty() => bits.gamma(1),
                None => bits.gamma(2),
                Some(fragment) => {
                    bits.gamma(3);
                    v.encode(Table::Path, fragment, &mut bits);
                }
            }
            v.encode(Table::Snippet, &row.snippet, &mut bits);
        }
        script(
            Route::SearchPart(SearchPart::Docs, part),
            "addDocs",
            part,
            &bits.finish(),
        )
    }
}

/// A document's #fragment where the result data is to give it: not when it has none, nor when
/// the reader can make it from the title shown (the heading's id, see [`simple_id`]).
fn given_fragment<'a>(unit: &UnitData, row: &'a Row) -> Option<&'a str> {
    let shown = if row.title.is_empty() {
        &unit.pages[row.page].0
    } else {
        &row.title
    };
    let made = simple_id(shown).is_some_and(|id| id == row.fragment);
    (!row.fragment.is_empty() && !made).then_some(row.fragment.as_str())
}

/// The id search-results.js makes of an ASCII title: lower case, each run of other characters
/// than letters and digits a hyphen, none at either end. `None` for other titles, whose lower
/// case JavaScript might make otherwise.
fn simple_id(title: &str) -> Option<String> {
    if !title.is_ascii() {
        return None;
    }
    let mut id = String::with_capacity(title.len());
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word.to_ascii_lowercase());
    }
    Some(id)
}

/// The vocabulary of the result data of `units`: the runs of every text a part of result data
/// holds, counted unit by unit in parallel.
pub(super) fn vocabulary(units: &[UnitData]) -> Vocabulary {
    units
        .par_iter()
        .fold(Counts::default, |mut counts, u| {
            for (title, path) in &u.pages {
                counts.add(Table::Title, title);
                counts.add(Table::Path, path);
            }
            for row in &u.rows {
                counts.add(Table::Title, &row.title);
                counts.add(Table::Snippet, &row.snippet);
                if let Some(fragment) = given_fragment(u, row) {
                    counts.add(Table::Path, fragment);
                }
            }
            counts
        })
        .reduce(Counts::default, Counts::merge)
        .vocabulary()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{bodies, course, unit};
    use super::*;
    use crate::search::Kind;

    #[test]
    fn a_fragment_the_reader_can_make_from_the_title_is_left_out() {
        let u = unit("u", &["text".to_string()]);
        let given = |fragment: &str, title: &str| {
            let row = Row {
                page: 0,
                title: title.to_string(),
                fragment: fragment.to_string(),
                snippet: String::new(),
            };
            given_fragment(&u, &row).map(str::to_string)
        };
        assert_eq!(given("tools-and-systems", "Tools and Systems"), None);
        assert_eq!(given("what-s-new-2024", "  What's new? (2024)"), None);
        assert_eq!(
            given("tools-and-systems-1", "Tools and Systems").as_deref(),
            Some("tools-and-systems-1")
        );
        assert_eq!(given("éte", "Éte").as_deref(), Some("éte"));
        assert_eq!(given("", ""), None);
    }

    #[test]
    fn an_edit_with_words_the_vocabulary_lacks_shows_them_in_its_result_data() {
        use crate::search::text::tests::Reader;
        let mut index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
        let mut b = bodies(1);
        b[5] = format!("Zébrafish ünheard-of {}", b[5]);
        let files = index.replace_unit(unit("u1", &b)).unwrap();
        // Unit u1's document 5 is document 45 of the course: in the first part of result data.
        let part = Route::SearchPart(SearchPart::Docs, 0).path();
        let (_, script) = files.iter().find(|(p, _)| *p == part).unwrap();
        let code = script.split('"').nth(1).unwrap();
        let mut r = Reader::new(code);
        for _ in 1..r.gamma() {
            r.text(&index.vocabulary, Table::Title);
            r.text(&index.vocabulary, Table::Path);
        }
        let mut snippets = Vec::new();
        for _ in 0..DOC_PART {
            r.gamma();
            r.text(&index.vocabulary, Table::Title);
            if r.gamma() == 3 {
                r.text(&index.vocabulary, Table::Path);
            }
            snippets.push(r.text(&index.vocabulary, Table::Snippet));
        }
        assert!(
            snippets[45].starts_with("Zébrafish ünheard-of w"),
            "{}",
            snippets[45]
        );
        assert_eq!(snippets[44], index.units[1].rows[4].snippet);
    }
}
