//! Reading a TOML block to its end. serde stops at the first problem in a value, so after each
//! problem the parsed table loses the entry the problem is about and is read again: a teacher
//! sees every unknown key, wrong type and missing key of a file in one run, not one per run.

use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};

/// What was taken out of a table to read past a problem.
#[derive(Debug, PartialEq, Eq)]
pub enum Removed {
    /// The key `key` of the table that spans `table`.
    Key { table: Range<usize>, key: String },
    /// A whole table (one that lacked a key it needs).
    Table,
}

/// Takes out of `root` (which spans `root_span`) the entry that a problem at `at` is about:
/// the key-value pair whose key or value holds `at`, or the table whose span is `at` (a table
/// that lacks a key it needs: the parser spans a `[[question]]` table by its header). Returns
/// what went, or `None` when nothing can go (the problem is about the whole block).
pub fn remove_at(
    root: &mut DeTable<'_>,
    root_span: Range<usize>,
    at: &Range<usize>,
) -> Option<Removed> {
    if *at == root_span {
        return None;
    }
    in_table(root, root_span, at)
}

/// Whether `inner`, a problem's place, lies within `outer`. An empty place lies nowhere: the
/// parser gives one only to a whole block.
fn holds(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    inner.start < inner.end && outer.start <= inner.start && inner.end <= outer.end
}

fn in_table(table: &mut DeTable<'_>, span: Range<usize>, at: &Range<usize>) -> Option<Removed> {
    let mut doomed = None;
    for (key, value) in table.iter_mut() {
        let value_span = value.span();
        let nested = match value.get_mut() {
            DeValue::Table(t) if value_span == *at => {
                doomed = Some(key.clone());
                break;
            }
            DeValue::Table(t) => in_table(t, value_span.clone(), at),
            DeValue::Array(a) if is_array_of_tables(a) => in_array(a, at),
            _ => None,
        };
        if nested.is_some() {
            return nested;
        }
        // An inline table, an array of values or a plain value, wrong as a whole or within.
        let leaf = !matches!(value.get_ref(), DeValue::Table(_))
            && !matches!(value.get_ref(), DeValue::Array(a) if is_array_of_tables(a));
        if holds(&key.span(), at) || (leaf && holds(&value_span, at)) {
            doomed = Some(key.clone());
            break;
        }
    }
    let key = doomed?;
    table.remove(&key);
    Some(Removed::Key {
        table: span,
        key: key.get_ref().to_string(),
    })
}

/// Whether every element of `array` is a table, as in `[[question]]`.
fn is_array_of_tables(array: &DeArray<'_>) -> bool {
    !array.is_empty()
        && array
            .iter()
            .all(|e| matches!(e.get_ref(), DeValue::Table(_)))
}

fn in_array(array: &mut DeArray<'_>, at: &Range<usize>) -> Option<Removed> {
    let items: &mut [_] = array;
    let mut doomed = None;
    for (index, element) in items.iter_mut().enumerate() {
        let element_span = element.span();
        if element_span == *at {
            doomed = Some(index);
            break;
        }
        if let DeValue::Table(t) = element.get_mut() {
            if let Some(removed) = in_table(t, element_span, at) {
                return Some(removed);
            }
        }
    }
    // A table of an array of tables that lacks a key: the whole element goes.
    let index = doomed?;
    let kept: DeArray<'_> = std::mem::replace(array, DeArray::new())
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, e)| e)
        .collect();
    *array = kept;
    Some(Removed::Table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (DeTable<'_>, Range<usize>) {
        let table = DeTable::parse(text).unwrap();
        let span = table.span();
        (table.into_inner(), span)
    }

    fn keys(table: &DeTable<'_>) -> Vec<String> {
        table.iter().map(|(k, _)| k.get_ref().to_string()).collect()
    }

    #[test]
    fn a_problem_at_a_key_or_value_removes_that_pair() {
        let text = "title = \"a\"\nlevle = 2\n";
        let (mut t, span) = parsed(text);
        let at = text.find("levle").unwrap()..text.find("levle").unwrap() + 5;
        let removed = remove_at(&mut t, span.clone(), &at).unwrap();
        assert_eq!(
            removed,
            Removed::Key {
                table: span,
                key: "levle".into()
            }
        );
        assert_eq!(keys(&t), ["title"]);
    }

    #[test]
    fn a_table_of_an_array_lacking_a_key_is_removed_whole() {
        let text = "[[q]]\nid = \"a\"\n\n[[q]]\nprompt = \"b\"\n";
        let (mut t, span) = parsed(text);
        let second = {
            let DeValue::Array(a) = t.iter().next().unwrap().1.get_ref() else {
                panic!("an array of tables")
            };
            a[1].span()
        };
        assert_eq!(remove_at(&mut t, span, &second), Some(Removed::Table));
        let DeValue::Array(a) = t.iter().next().unwrap().1.get_ref() else {
            panic!("an array of tables")
        };
        assert_eq!(a.len(), 1);
    }

    #[test]
    fn a_problem_with_the_whole_block_removes_nothing() {
        let text = "a = 1\nb = 2\n";
        let (mut t, span) = parsed(text);
        assert_eq!(remove_at(&mut t, span.clone(), &span), None);
        assert_eq!(keys(&t).len(), 2);
    }
}
