//! The scheme of a URL (`https`, `mailto`, `javascript` …) as a browser reads it, so that a
//! link cannot pass as harmless here and still run as script in the page.

/// The scheme of `url`, in lower case, or `None` when it has none (a relative link, `#top`).
///
/// Read as browsers read an `href`: spaces and control characters around the URL are dropped,
/// and tabs and line breaks anywhere in it are ignored, so ` JaVa\tScript:` is `javascript`.
pub fn scheme_of(url: &str) -> Option<String> {
    let mut scheme = String::new();
    let kept = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    for c in kept {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c)
            }
            _ => return None,
        }
    }
    None
}

/// Whether `url` names another host without a scheme (`//host/…`; browsers read `\` as `/`):
/// from a page opened from disk it becomes `file://host/…`, a file on the reader's network.
pub fn is_scheme_relative(url: &str) -> bool {
    let mut kept = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let slash = |c: Option<char>| matches!(c, Some('/' | '\\'));
    slash(kept.next()) && slash(kept.next())
}

/// Whether a link to `scheme` runs script in the page when followed.
pub fn runs_script(scheme: &str) -> bool {
    matches!(scheme, "javascript" | "vbscript" | "data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        for (url, scheme) in [
            ("https://example.org/", "https"),
            ("JaVaScRiPt:alert(1)", "javascript"),
            ("  javascript:alert(1)", "javascript"),
            ("\u{1}javascript:x", "javascript"),
            ("java\tscr\nipt:x", "javascript"),
            ("VBScript:x", "vbscript"),
            ("data:text/html,<script>", "data"),
            ("file:///etc/passwd", "file"),
            ("web+app:x", "web+app"),
            ("C:\\Users", "c"),
        ] {
            assert_eq!(scheme_of(url).as_deref(), Some(scheme), "{url:?}");
        }
    }

    #[test]
    fn paths_and_fragments_have_no_scheme() {
        for url in [
            "#top",
            "../knowledge/x/",
            "knowledge/x.md",
            "a/b:c",
            ":x",
            "1http:x",
            "",
            "%20javascript:x",
        ] {
            assert_eq!(scheme_of(url), None, "{url:?}");
        }
    }

    #[test]
    fn two_slashes_name_another_host() {
        for url in [
            "//evil.example/x",
            " \\\\host\\share",
            "/\\host",
            "/\t/host",
        ] {
            assert!(is_scheme_relative(url), "{url:?}");
        }
        for url in ["/units/u/", "https://x", "#/x", ""] {
            assert!(!is_scheme_relative(url), "{url:?}");
        }
    }
}
