//! Watching the content and theme folders: changes gathered into one batch per save, and sorted
//! by what they affect.
//!
//! notify's own mini debouncer reports every event kind alike, and on Linux notify also reports
//! a file being opened, so each rebuild (which reads the changed unit) would set off the next.
//! The batching here keeps only events that change something and waits until the folders have
//! been quiet for [`QUIET`], which covers editors that save in several steps; once the last
//! event is a file closed after writing (a save's last step), only for [`SETTLED`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::diagnostic::Diagnostic;

/// How long the folders must be quiet before a batch of changes is handed on.
pub const QUIET: Duration = Duration::from_millis(30);
/// How long, when the last event was a file closed after writing: the events of one save come
/// within a millisecond or so, and every millisecond here is one more before the page reloads.
const SETTLED: Duration = Duration::from_millis(8);
/// The longest a batch is held back while changes keep coming.
const LONGEST: Duration = Duration::from_millis(500);

/// What a batch of changed files affects.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// site.toml or command-verbs.toml, or a course file (under a `files/` folder): the
    /// catalogue of files is read with the whole course, and a changed file's new address
    /// reaches every page that shows or links it.
    pub course: bool,
    /// A theme or template file.
    pub theme: bool,
    /// Unit folders with a changed file, by slug.
    pub units: BTreeSet<String>,
}

impl Changes {
    /// Whether nothing that is built changed.
    pub fn is_empty(&self) -> bool {
        !self.course && !self.theme && self.units.is_empty()
    }
}

/// Sorts the changed paths of a batch by what they affect, for the content folder `content`
/// (canonical, as the watcher reports paths). Hidden and backup files (`.x.swp`, `x~`) inside
/// the watched folders are left out.
pub fn classify(paths: &BTreeSet<PathBuf>, content: &Path) -> Changes {
    let mut changes = Changes::default();
    let root = content.parent().unwrap_or(content);
    let themes = [root.join("themes"), root.join("templates")];
    for path in paths {
        if let Ok(rel) = path.strip_prefix(content) {
            let parts = visible_parts(rel);
            match parts.as_deref() {
                Some([f]) if f == "site.toml" || f == "command-verbs.toml" => changes.course = true,
                Some([units]) if units == "units" => changes.course = true,
                Some([files, ..]) if files == "files" => changes.course = true,
                Some([units, _, files, ..]) if units == "units" && files == "files" => {
                    changes.course = true
                }
                Some([units, slug, ..]) if units == "units" => {
                    changes.units.insert(slug.clone());
                }
                _ => {}
            }
        } else if let Some(rel) = themes.iter().find_map(|t| path.strip_prefix(t).ok()) {
            changes.theme |= visible_parts(rel).is_some();
        }
    }
    changes
}

/// The names in `rel`, unless one is hidden or a backup.
fn visible_parts(rel: &Path) -> Option<Vec<String>> {
    rel.iter()
        .map(|p| p.to_string_lossy().into_owned())
        .map(|p| (!p.starts_with('.') && !p.ends_with('~')).then_some(p))
        .collect()
}

/// Watches until dropped.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// Watches `folders` (recursively) and calls `on_batch` with the changed paths of each batch
/// and the moment its first change was seen.
pub fn start(
    folders: &[PathBuf],
    on_batch: impl Fn(BTreeSet<PathBuf>, Instant) + Send + 'static,
) -> Result<Watch, Diagnostic> {
    let (tx, rx) = channel();
    // Links are not followed: one out of the content (refused by the build anyway) would have
    // the whole folder it leads to watched, `/` included; what a link inside leads to is
    // watched where it is.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = RecommendedWatcher::new(
        move |e| {
            let _ = tx.send(e);
        },
        config,
    )
    .map_err(|e| cannot_watch(None, &e))?;
    for folder in folders {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| cannot_watch(Some(folder), &e))?;
    }
    thread::spawn(move || batches(&rx, on_batch));
    Ok(Watch { _watcher: watcher })
}

fn cannot_watch(folder: Option<&Path>, e: &notify::Error) -> Diagnostic {
    let d = Diagnostic::error(format!("cannot watch for changes: {e}")).help(
        "on Linux, raise the limit with `sysctl fs.inotify.max_user_watches=524288`, or use \
         `unitpress build` and reload by hand",
    );
    match folder {
        Some(f) => d.in_file(f),
        None => d,
    }
}

/// Gathers events into batches until the watcher is dropped.
fn batches(rx: &Receiver<notify::Result<Event>>, on_batch: impl Fn(BTreeSet<PathBuf>, Instant)) {
    let mut pending = BTreeSet::new();
    let mut first = Instant::now();
    let mut last = Instant::now();
    let mut quiet = QUIET;
    loop {
        let received = if pending.is_empty() {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            let deadline = (last + quiet).min(first + LONGEST);
            rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        };
        match received {
            Ok(Ok(event)) if changes_something(&event.kind) => {
                if pending.is_empty() {
                    first = Instant::now();
                }
                last = Instant::now();
                quiet = if closed_after_writing(&event.kind) {
                    SETTLED
                } else {
                    QUIET
                };
                pending.extend(event.paths);
            }
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => on_batch(std::mem::take(&mut pending), first),
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Whether an event is a file closed after being written, the last step of a save.
fn closed_after_writing(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

/// Whether an event may change what is built: not a file merely opened, read or closed unchanged.
fn changes_something(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_paths_are_sorted_by_what_they_affect() {
        // Temporary folders are often hidden themselves: only names inside the watched folders
        // count.
        let tmp = tempfile::Builder::new()
            .prefix(".hidden")
            .tempdir()
            .unwrap();
        let content = tmp.path().join("content");
        std::fs::create_dir_all(content.join("units/u1")).unwrap();
        let real = content.canonicalize().unwrap();
        let root = real.parent().unwrap();
        let batch = |paths: &[PathBuf]| classify(&paths.iter().cloned().collect(), &real);
        let unit = batch(&[
            real.join("units/u1/knowledge/a.md"),
            real.join("units/u1/knowledge/.a.md.swp"),
            real.join("units/u2/unit.md~"),
        ]);
        assert_eq!(unit.units, BTreeSet::from(["u1".to_string()]));
        assert!(!unit.course && !unit.theme);
        assert!(batch(&[real.join("site.toml")]).course);
        assert!(batch(&[real.join("units/u1/files/chain.svg")]).course);
        assert!(batch(&[real.join("files/diagrams/logo.png")]).course);
        assert!(!batch(&[real.join("units/u1/files/.chain.svg.swp")]).course);
        assert!(batch(&[root.join("themes/default/templates/base.html")]).theme);
        assert!(batch(&[real.join("README.md"), root.join("other/x.md")]).is_empty());
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{CreateKind, ModifyKind};
        assert!(!changes_something(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!changes_something(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(changes_something(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(changes_something(&EventKind::Modify(ModifyKind::Any)));
        assert!(changes_something(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn a_save_arrives_as_one_batch() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().canonicalize().unwrap();
        let (tx, rx) = channel();
        let _watch = start(std::slice::from_ref(&dir), move |paths, _| {
            let _ = tx.send(paths);
        })
        .unwrap();
        std::fs::write(dir.join("a.md"), "one").unwrap();
        std::fs::write(dir.join("b.md"), "two").unwrap();
        let batch = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(batch.contains(&dir.join("a.md")), "{batch:?}");
        assert!(batch.contains(&dir.join("b.md")), "{batch:?}");
        let _ = std::fs::read(dir.join("a.md")).unwrap();
        assert!(
            rx.recv_timeout(QUIET * 4).is_err(),
            "reading a file starts no batch"
        );
    }
}
