//! Checking that a content fault is rejected the way a teacher needs: exit 1, one error pointing
//! at the exact line and column with a message and a help line, and the previous site untouched.

use std::fs;
use std::path::Path;

use super::*;

/// Where the error for a fault must point.
pub enum Spot {
    /// At this text within the edit's replacement.
    InEdit(&'static str),
    /// Just after the edit's replacement.
    AfterEdit,
    /// At a fixed line and column of the file.
    At(usize, usize),
}

/// One content fault: the edit that makes it, where the error must point, and words the error
/// message and its help must contain.
pub struct Fault {
    pub edit: Edit<'static>,
    pub spot: Spot,
    pub message: &'static [&'static str],
    pub help: &'static str,
}

/// Builds the valid minimal site into `<work>/site/public`, then `content` to the same folder;
/// checks that this second build fails cleanly and leaves the previous site exactly as it was,
/// with no staging folder beside it. Returns the failed run.
pub fn rebuild_fails_and_keeps_previous_site(content: &Path, work: &Path) -> Run {
    let out_parent = work.join("site");
    let out = out_parent.join("public");
    build_ok(&fixture("minimal"), &out, &[]);
    let before = snapshot(&out);
    assert!(!before.is_empty());

    let run = build(content, &out, &[]);
    assert_eq!(run.code, Some(1), "a faulty site must fail\n{}", run.show());
    assert!(!run.stderr.contains("panicked"), "{}", run.show());
    assert_unchanged(&out, &before, "a failed build must leave the previous site");
    assert_eq!(
        entries(&out_parent),
        ["public"],
        "no staging folder may be left beside the output"
    );
    run
}

/// Builds the minimal site with the fault's edit over a valid build, and checks the error.
pub fn assert_rejected(fault: Fault) {
    let tmp = fixture_with(&[fault.edit]);
    let (rel, from, to) = fault.edit;
    let content = tmp.path().join("content");
    let run = rebuild_fails_and_keeps_previous_site(&content, tmp.path());

    let original = fs::read_to_string(fixture("minimal").join(rel)).unwrap();
    let edited = fs::read_to_string(content.join(rel)).unwrap();
    let start = original.find(from).unwrap();
    let (line, col) = match fault.spot {
        Spot::InEdit(marker) => line_col(&edited, start + to.find(marker).unwrap()),
        Spot::AfterEdit => line_col(&edited, start + to.len()),
        Spot::At(line, col) => (line, col),
    };
    let location = format!("--> {}:{line}:{col}", content.join(rel).display());
    let diagnostic = diagnostic_at(&run.stderr, &location)
        .unwrap_or_else(|| panic!("no error points at `{location}`\n{}", run.show()));
    let message = diagnostic[0];
    for word in fault.message {
        assert!(
            message.contains(word),
            "{message:?} should mention {word:?}"
        );
    }
    let help = diagnostic
        .iter()
        .find_map(|l| {
            l.trim_start()
                .trim_start_matches("= ")
                .strip_prefix("help:")
        })
        .map(str::trim)
        .unwrap_or_else(|| panic!("the error has no help line\n{}", run.show()));
    assert!(
        help.contains(fault.help),
        "{help:?} should mention {:?}",
        fault.help
    );
    let errors = run.stderr.lines().filter(|l| l.starts_with("error:"));
    assert_eq!(errors.count(), 1, "one fault, one error\n{}", run.show());
    let checked = unitpress(&["check"], &content, &[]);
    assert_eq!(
        error_heads(&checked.stdout),
        error_heads(&run.stderr),
        "check reports what build stops on\n{}\n{}",
        checked.show(),
        run.show()
    );
}

/// The lines of the diagnostic (from its `error:` line to the line before the next blank line or
/// `error:`) that holds the line `location`.
fn diagnostic_at<'a>(stderr: &'a str, location: &str) -> Option<Vec<&'a str>> {
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines.iter().position(|l| l.trim() == location)?;
    let start = lines[..at].iter().rposition(|l| l.starts_with("error:"))?;
    let len = lines[start + 1..]
        .iter()
        .position(|l| l.trim().is_empty() || l.starts_with("error:"))
        .unwrap_or(lines.len() - start - 1);
    Some(lines[start..=start + len].to_vec())
}
