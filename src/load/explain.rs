//! Turns the TOML parser's and serde's messages ("invalid type: string \"yes\", expected a
//! boolean") into a teacher's words ("`correct` is true or false, without quotes: write
//! `correct = true`"), with a "did you mean" for a misspelt key or value.

use crate::suggest;

/// A problem's message and help, in plain words. `key` is the key the problem is at, when the
/// problem is at a value.
pub fn explain(message: &str, key: Option<&str>) -> (String, String) {
    let message = message.trim();
    let key = key.unwrap_or("this key");
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = split_quoted(rest);
        return unknown_key(field, &expected);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = split_quoted(rest);
        return unknown_value(key, value, &expected);
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return (
            format!("the key `{field}` is missing here"),
            format!(
                "add the key `{field}` here, as `{field} = …` (docs/content-format.md says what it holds)"
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return wrong_type(key, found, expected);
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (what, example) = in_words(expected).unwrap_or_else(|| kind(expected));
            return (
                format!("`{key}` is {what}, and {} is not", found_words(found)),
                format!("write `{key} = {example}`"),
            );
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((length, expected)) = rest.split_once(", expected ") {
            let (what, example) = in_words(expected).unwrap_or_else(|| kind(expected));
            return (
                format!("`{key}` is {what}, and this list has {length} items"),
                format!("write `{key} = {example}`"),
            );
        }
    }
    if message.contains("duplicate key") {
        return (
            message.to_string(),
            "each key may appear once in a table: remove or rename one of them".into(),
        );
    }
    // A syntax problem: the parser's own words, first line, with the commonest fixes.
    let first = message.lines().next().unwrap_or(message).to_string();
    (
        first,
        "fix the TOML at this point: text needs quotes at both ends (\"…\"), each line is \
         `key = value`, lists are in [ … ] with commas between items"
            .into(),
    )
}

/// "`titel`, expected one of `a`, `b`" → ("titel", ["a", "b"]).
fn split_quoted(rest: &str) -> (&str, Vec<&str>) {
    let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
    let expected = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .collect();
    (name, expected)
}

fn unknown_key(field: &str, expected: &[&str]) -> (String, String) {
    let message = format!("`{field}` is not a key this file can have");
    let listed = if expected.is_empty() {
        "this table takes no keys".to_string()
    } else {
        format!("the keys here are {}", expected.join(", "))
    };
    let help = match suggest::closest(field, expected.iter().copied()) {
        Some(right) => format!("did you mean `{right}`? ({listed})"),
        None => format!("check the spelling: {listed}"),
    };
    (message, help)
}

fn unknown_value(key: &str, value: &str, expected: &[&str]) -> (String, String) {
    let message = format!("`{value}` is not a value `{key}` can have");
    let listed = expected.join(", ");
    let help = match suggest::closest(value, expected.iter().copied()) {
        Some(right) => {
            format!("did you mean `{right}`? Write `{key} = \"{right}\"` (one of {listed})")
        }
        None => format!("use one of {listed}"),
    };
    (message, help)
}

/// What a value of several forms may be, and an example, when serde's "expected" part is in
/// words (see [`super::forms`]): "a whole number, \"not stated\" …, e.g. 10".
fn in_words(expected: &str) -> Option<(&str, &str)> {
    expected.rsplit_once(", e.g. ")
}

fn wrong_type(key: &str, found: &str, expected: &str) -> (String, String) {
    if let Some((what, example)) = in_words(expected) {
        return (
            format!("`{key}` is {what}, but here it is {}", found_words(found)),
            format!("write `{key} = {example}`"),
        );
    }
    let (what, example) = kind(expected);
    let message = format!("`{key}` is {what}, but here it is {}", found_words(found));
    let help = match expected {
        e if e.contains("bool") => {
            format!("write `{key} = true` or `{key} = false`, without quotes")
        }
        e if is_number(e) => format!("write the number without quotes, e.g. `{key} = {example}`"),
        _ => format!("write `{key} = {example}`"),
    };
    (message, help)
}

fn is_number(expected: &str) -> bool {
    [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "i128", "integer",
    ]
    .iter()
    .any(|t| expected.contains(t))
}

/// What a type of serde's is, in words, and an example of it.
fn kind(expected: &str) -> (&'static str, &'static str) {
    match expected {
        e if e.contains("bool") => ("true or false, without quotes", "true"),
        "u8" => ("a whole number from 0 to 255", "2"),
        e if e.starts_with('u') && is_number(e) => ("a whole number, 0 or more", "2"),
        e if is_number(e) => ("a whole number", "2"),
        e if e.contains("string") || e.contains("char") => ("text in quotes", "\"…\""),
        e if e.contains("sequence") => ("a list in square brackets", "[\"…\", \"…\"]"),
        e if e.contains("map") || e.contains("struct") => ("a table of keys", "{ … }"),
        _ => ("another kind of value", "…"),
    }
}

/// serde's "string \"two\"" → "text (\"two\")", "integer `-3`" → "-3".
fn found_words(found: &str) -> String {
    let found = found.trim();
    if let Some(text) = found.strip_prefix("string ") {
        format!("text ({text})")
    } else if let Some(n) = found
        .strip_prefix("integer `")
        .or_else(|| found.strip_prefix("floating point `"))
    {
        // "integer `99999999999999999999` as i128": the number, without the parser's type.
        n.split('`').next().unwrap_or(n).to_string()
    } else if let Some(b) = found.strip_prefix("boolean `") {
        b.trim_end_matches('`').to_string()
    } else if found == "sequence" {
        "a list".into()
    } else if found == "map" {
        "a table".into()
    } else {
        found.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_boolean_says_what_to_write() {
        let (m, h) = explain(
            "invalid type: string \"yes\", expected a boolean",
            Some("correct"),
        );
        assert_eq!(
            m,
            "`correct` is true or false, without quotes, but here it is text (\"yes\")"
        );
        assert!(h.contains("`correct = true`"), "{h}");
    }

    #[test]
    fn a_number_in_words_or_below_zero() {
        let (m, h) = explain("invalid type: string \"two\", expected u32", Some("level"));
        assert!(m.contains("`level` is a whole number"), "{m}");
        assert!(h.contains("`level = 2`"), "{h}");
        let (m, _) = explain("invalid value: integer `-3`, expected u32", Some("level"));
        assert_eq!(m, "`level` is a whole number, 0 or more, and -3 is not");
        let (m, _) = explain("invalid value: integer `300`, expected u8", Some("order"));
        assert!(m.contains("from 0 to 255"), "{m}");
        assert!(!m.contains("u8"), "{m}");
        let (m, _) = explain(
            "invalid type: integer `99999999999999999999` as i128, expected u8",
            Some("level"),
        );
        assert_eq!(
            m,
            "`level` is a whole number from 0 to 255, but here it is 99999999999999999999"
        );
    }

    #[test]
    fn a_misspelt_key_or_value_gets_a_did_you_mean() {
        let (m, h) = explain(
            "unknown field `levle`, expected one of `title`, `level`, `aim`",
            None,
        );
        assert_eq!(m, "`levle` is not a key this file can have");
        assert!(h.starts_with("did you mean `level`?"), "{h}");
        assert!(h.contains("title, level, aim"), "{h}");
        let (m, h) = explain(
            "unknown variant `Pass`, expected one of `pass`, `merit`, `distinction`",
            Some("band"),
        );
        assert_eq!(m, "`Pass` is not a value `band` can have");
        assert!(
            h.contains("did you mean `pass`? Write `band = \"pass\"`"),
            "{h}"
        );
    }

    #[test]
    fn a_value_of_several_forms_says_each_form_and_an_example() {
        let (m, h) = explain(
            "invalid type: floating point `2.5`, expected a whole number, \"not stated\" or \"does not apply\", e.g. 10",
            Some("credit_value"),
        );
        assert_eq!(
            m,
            "`credit_value` is a whole number, \"not stated\" or \"does not apply\", but here it is 2.5"
        );
        assert_eq!(h, "write `credit_value = 10`");
        let (m, _) = explain(
            "invalid length 3, expected the band's lowest and highest mark, e.g. [4, 6]",
            Some("marks"),
        );
        assert_eq!(
            m,
            "`marks` is the band's lowest and highest mark, and this list has 3 items"
        );
    }

    #[test]
    fn a_key_unlike_any_lists_the_keys() {
        let (_, h) = explain("unknown field `colour`, expected `title`", None);
        assert_eq!(h, "check the spelling: the keys here are title");
    }
}
