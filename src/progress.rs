//! How a long build shows that it is advancing: a progress bar on a terminal, nothing otherwise
//! (a log file or CI output gets only the summary line).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Told how a build advances.
pub trait Progress: Sync {
    /// A stage starts; `pages` is how many pages it will report done, if it reports pages.
    fn stage(&self, name: &'static str, pages: Option<usize>);
    /// One more page is written.
    fn page_done(&self);
    /// The build is over, whether it succeeded or not.
    fn finish(&self);
}

/// Shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &'static str, _: Option<usize>) {}
    fn page_done(&self) {}
    fn finish(&self) {}
}

/// A bar on standard error: a spinner while files are read and checked, then pages written out
/// of the total. indicatif ignores a failure to draw it, so a closed terminal never stops a build.
pub struct TerminalBar {
    bar: ProgressBar,
}

impl TerminalBar {
    fn new() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(100));
        TerminalBar { bar }
    }
}

impl Progress for TerminalBar {
    fn stage(&self, name: &'static str, pages: Option<usize>) {
        match pages {
            Some(total) => {
                self.bar.set_style(
                    ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len} pages")
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                );
                self.bar.set_length(total as u64);
                self.bar.set_position(0);
            }
            None => self.bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        }
        self.bar.set_message(name);
    }

    fn page_done(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A progress bar when standard error is a terminal, else nothing.
pub fn for_stderr() -> Box<dyn Progress> {
    if std::io::stderr().is_terminal() {
        Box::new(TerminalBar::new())
    } else {
        Box::new(Silent)
    }
}
