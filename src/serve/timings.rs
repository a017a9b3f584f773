//! Where the time of one rebuild goes, for `serve --timings`: each stage's duration, in the
//! order the stages ran, printed on one line after the rebuild's own.

use std::fmt;
use std::time::{Duration, Instant};

/// The stages of one rebuild so far.
#[derive(Debug)]
pub struct Stages {
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Stages {
    /// Stages counted from now.
    pub fn new() -> Self {
        Stages {
            last: Instant::now(),
            done: Vec::new(),
        }
    }

    /// Records that the stage `name` ended now (it began where the last one ended).
    pub fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }

    /// Records a stage that ran before these were counted, such as the wait for a save to end.
    pub fn before(&mut self, name: &'static str, took: Duration) {
        self.done.insert(0, (name, took));
    }
}

impl fmt::Display for Stages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        for (name, took) in &self.done {
            write!(f, "{sep}{name} {:.1} ms", took.as_secs_f64() * 1000.0)?;
            sep = ", ";
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_listed_in_order_with_the_earlier_wait_first() {
        let mut s = Stages::new();
        s.mark("read");
        s.mark("render");
        s.before("wait", Duration::from_millis(30));
        let line = s.to_string();
        assert!(line.starts_with("wait 30.0 ms, read "), "{line}");
        assert!(line.contains(", render "), "{line}");
    }
}
