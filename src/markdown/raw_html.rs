//! Raw HTML written in Markdown. It is passed into the page as written (the site is the
//! teachers' own), so each piece is recorded: `check` warns about the parts that run script
//! (`<script>`, `on…=` attributes, `javascript:` URLs), and a course whose site.toml says
//! `raw_html = "refuse"` refuses every piece.
//!
//! The scan reads tags the way a browser's tokenizer does, closely enough to find what runs:
//! a tag name after `<`, then attribute names and quoted or unquoted values up to `>`.

use crate::scheme::scheme_of;

/// One finding in raw HTML, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHtml {
    /// What was found.
    pub kind: RawHtmlKind,
    /// The text found, as written (`<div`, `onclick`, the attribute's value).
    pub written: String,
    /// Where `written` starts in the Markdown source, in bytes.
    pub offset: usize,
}

/// What a [`RawHtml`] finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawHtmlKind {
    /// The start of a piece of raw HTML: an HTML block, or an inline tag.
    Markup,
    /// A `<script>` element.
    Script,
    /// An event-handler attribute (`onclick`, `onerror` …).
    EventHandler,
    /// An attribute whose value is a `javascript:` or `vbscript:` URL.
    ScriptUrl,
}

/// The findings in one piece of raw HTML: `pieces` are its lines as pulldown-cmark gives them,
/// each with where it is in `source`. The pieces are joined first, as a tag may span lines.
pub fn scan(pieces: &[(&str, std::ops::Range<usize>)], source: &str) -> Vec<RawHtml> {
    let joined: String = pieces.iter().map(|(text, _)| *text).collect();
    // Maps an offset in `joined` to one in `source`, finding the text in its piece's range: a
    // piece's text may differ from the source (a quote marker `> ` taken off a line).
    let locate = |at: usize, written: &str| {
        let mut start = 0;
        for (text, range) in pieces {
            if at < start + text.len() {
                let local = at - start;
                let found = source.get(range.clone()).and_then(|s| {
                    (s.get(local..local + written.len()) == Some(written))
                        .then_some(local)
                        .or_else(|| s.find(written))
                });
                return range.start + found.unwrap_or(0);
            }
            start += text.len();
        }
        pieces.first().map_or(0, |(_, r)| r.start)
    };
    let mut out = Vec::new();
    let mut found = |kind, at: usize, written: &str| {
        out.push(RawHtml {
            kind,
            written: written.to_string(),
            offset: locate(at, written),
        });
    };
    let lead = joined.len() - joined.trim_start().len();
    let first = joined[lead..]
        .split(|c: char| c.is_whitespace() || c == '>')
        .next()
        .unwrap_or("");
    found(RawHtmlKind::Markup, lead, first);
    for tag in tags(&joined) {
        if tag.name.eq_ignore_ascii_case("script") {
            found(
                RawHtmlKind::Script,
                tag.at,
                &joined[tag.at..tag.at + 1 + tag.name.len()],
            );
        }
        for attr in tag.attrs {
            let name = attr.name.to_ascii_lowercase();
            if name.len() > 2 && name.starts_with("on") {
                found(RawHtmlKind::EventHandler, attr.name_at, attr.name);
            }
            let scheme = attr.value.and_then(|(v, _)| scheme_of(&decode_entities(v)));
            if let (Some("javascript" | "vbscript"), Some((value, at))) =
                (scheme.as_deref(), attr.value)
            {
                found(RawHtmlKind::ScriptUrl, at, value);
            }
        }
    }
    out
}

/// A start tag: its name, where its `<` is, and its attributes.
struct Tag<'a> {
    name: &'a str,
    at: usize,
    attrs: Vec<Attr<'a>>,
}

/// An attribute: its name and where it is, and its value and where that is, if it has one.
struct Attr<'a> {
    name: &'a str,
    name_at: usize,
    value: Option<(&'a str, usize)>,
}

/// The start tags of `html`, in order.
fn tags(html: &str) -> Vec<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| i + p) {
        i = lt + 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = run(html, i, |c| {
            !c.is_ascii_whitespace() && c != '/' && c != '>'
        });
        let mut tag = Tag {
            name: &html[i..name_end],
            at: lt,
            attrs: Vec::new(),
        };
        i = name_end;
        loop {
            i = run(html, i, |c| c.is_ascii_whitespace() || c == '/');
            if i >= html.len() || bytes[i] == b'>' {
                break;
            }
            // A name may start with `=`; after its first character `=` ends it.
            let first = html[i..].chars().next().map_or(1, char::len_utf8);
            let name_end = run(html, i + first, |c| !is_attr_name_end(c));
            let mut attr = Attr {
                name: &html[i..name_end],
                name_at: i,
                value: None,
            };
            i = run(html, name_end, |c| c.is_ascii_whitespace());
            if bytes.get(i) == Some(&b'=') {
                i = run(html, i + 1, |c| c.is_ascii_whitespace());
                let (start, end, next) = match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[i + 1..]
                            .find(q as char)
                            .map_or(html.len(), |p| i + 1 + p);
                        (i + 1, end, (end + 1).min(html.len()))
                    }
                    _ => {
                        let end = run(html, i, |c| !c.is_ascii_whitespace() && c != '>');
                        (i, end, end)
                    }
                };
                attr.value = Some((&html[start..end], start));
                i = next;
            }
            tag.attrs.push(attr);
        }
        out.push(tag);
    }
    out
}

fn is_attr_name_end(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '/' | '>' | '=')
}

/// The end of the run of characters from `from` that satisfy `keep`.
fn run(text: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(text.len(), |(p, _)| from + p)
}

/// An attribute value with the character references a browser decodes before reading a URL's
/// scheme: numeric ones (`&#106;`, `&#x6A`, the `;` optional) and the named ones that can hide
/// a scheme (`&colon;`, `&Tab;`, `&NewLine;`).
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let (decoded, used) = reference(rest);
        match decoded {
            Some(c) => out.push(c),
            None => out.push('&'),
        }
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// The character a reference (the text after `&`) stands for, and how many bytes it takes.
fn reference(text: &str) -> (Option<char>, usize) {
    if let Some(num) = text.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let len = run(digits, 0, |c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        });
        let code = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
        let used = text.len() - digits.len() + len;
        let used = used + usize::from(text[used..].starts_with(';'));
        return match code.and_then(char::from_u32) {
            Some(c) if len > 0 => (Some(c), used),
            _ => (None, 0),
        };
    }
    for (name, c) in [("colon;", ':'), ("tab;", '\t'), ("newline;", '\n')] {
        if text
            .get(..name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
        {
            return (Some(c), name.len());
        }
    }
    (None, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str) -> Vec<(RawHtmlKind, String)> {
        scan(&[(html, 0..html.len())], html)
            .into_iter()
            .map(|f| (f.kind, f.written))
            .collect()
    }

    #[test]
    fn plain_markup_is_one_finding_at_its_start() {
        let html = "  <div class=\"box\">\n<b>hi</b>\n</div>\n";
        let found = scan(&[(html, 0..html.len())], html);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].kind.clone(), found[0].offset),
            (RawHtmlKind::Markup, 2)
        );
        assert_eq!(found[0].written, "<div");
    }

    #[test]
    fn script_elements_and_handlers_are_found_in_any_case() {
        let found = kinds("<SCRIPT>x</SCRIPT><img src=x OnError=alert(1)><svg/onload='x'>");
        assert!(
            found.contains(&(RawHtmlKind::Script, "<SCRIPT".into())),
            "{found:?}"
        );
        assert!(found.contains(&(RawHtmlKind::EventHandler, "OnError".into())));
        assert!(found.contains(&(RawHtmlKind::EventHandler, "onload".into())));
    }

    #[test]
    fn script_urls_are_found_through_character_references() {
        for html in [
            "<a href=\"javascript:alert(1)\">",
            "<a href='&#106;avascript:alert(1)'>",
            "<a href=&#x6A&#x61vascript:x>",
            "<a href=\"java&Tab;script&colon;x\">",
            "<form action=\" vbscript:x\">",
        ] {
            let found = kinds(html);
            assert!(
                found.iter().any(|(k, _)| *k == RawHtmlKind::ScriptUrl),
                "{html}: {found:?}"
            );
        }
        assert_eq!(kinds("<a href=\"https://x/?a=1&amp;b=2\">").len(), 1);
    }

    #[test]
    fn a_tag_split_over_lines_is_read_whole_and_located_in_the_source() {
        let source = "> <div\n> onclick=\"x\">\n";
        let pieces = [("<div\n", 2..7), ("onclick=\"x\">\n", 9..22)];
        let found = scan(&pieces, source);
        let handler = found
            .iter()
            .find(|f| f.kind == RawHtmlKind::EventHandler)
            .expect("the handler on the second line");
        assert_eq!(&source[handler.offset..handler.offset + 7], "onclick");
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<a",
            "<a b",
            "<a b=",
            "<a b=\"",
            "<a &#",
            "<a href=&#x;",
            "<é a=b>",
        ] {
            let _ = kinds(html);
        }
    }
}
