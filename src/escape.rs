//! Escaping text for HTML, shared by the Markdown renderer (file labels, figures) and the
//! page renderer.

/// Escapes text for HTML element content and quoted attribute values. Tera's own escaping also
/// turns every `/` into `&#x2F;`, which only lengthens each link on every page by a few bytes
/// a slash. A NUL character (a TOML `\u0000` escape can write one) is left out: it is no text,
/// and browsers drop or replace it.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => {}
            c => out.push(c),
        }
    }
    out
}
