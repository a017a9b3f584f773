//! Text from content inside CSS: the running header of a printed brief is a CSS string in a
//! `<style>` element, where HTML escaping means nothing and `</style>` would end the element.
//! Every character but letters, digits and spaces is written as a CSS hex escape, so no quote,
//! backslash, `<` or line break of the text can reach the style sheet as itself.

use std::collections::HashMap;
use std::fmt::Write as _;

use tera::{Result, Value};

/// `text` as the inside of a double-quoted CSS string, every character other than a letter,
/// a digit or a space written as `\XX ` (hex code point and a space, which CSS reads as the end
/// of the escape).
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            // NUL is not allowed in CSS, even escaped: the replacement character is what a
            // browser would show for it.
            let code = if c == '\0' { '\u{FFFD}' } else { c } as u32;
            let _ = write!(out, "\\{code:x} ");
        }
    }
    out
}

/// The tera filter `css_string`: `content: "{{ title | css_string }}"`.
pub fn filter(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(Value::String(css_string(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_line_breaks_become_escapes() {
        let escaped = css_string("Unit 1: A</style><script>alert(\"x\")</script>\\\n'é");
        assert_eq!(
            escaped,
            "Unit 1\\3a  A\\3c \\2f style\\3e \\3c script\\3e alert\\28 \\22 x\\22 \\29 \
             \\3c \\2f script\\3e \\5c \\a \\27 é"
        );
        for c in ['<', '>', '"', '\'', '\n', '/', ':', '{', '}', ';'] {
            assert!(!escaped.contains(c), "{c:?} in {escaped}");
        }
    }

    #[test]
    fn nul_becomes_the_replacement_character() {
        assert_eq!(css_string("a\0b"), "a\\fffd b");
    }
}
