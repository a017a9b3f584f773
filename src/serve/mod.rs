//! `unitpress serve`: builds the course into a temporary folder of its own, serves it on
//! 127.0.0.1 (all interfaces only when asked), watches the content and the theme, rebuilds what a
//! change affects, and tells open pages to reload or to show the build errors over the page.
//!
//! Pages are served from that folder rather than from memory, so that a 10,000-page course costs
//! disk, not RAM; each file is replaced atomically and only when its bytes changed. The live
//! reload script is added to HTML as it is served; the files themselves never contain it. The
//! folder is removed when the server stops on Ctrl-C or a termination signal, within a second.

mod background;
mod builder;
mod host;
mod live;
mod output;
mod paths;
mod search_sync;
mod server;
mod timings;
mod watch;

use std::collections::BTreeSet;
use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use builder::{Builder, Outcome};
use live::Hub;

use crate::diagnostic::Diagnostic;
use crate::interrupt;
use crate::model::Edition;
use crate::progress::Progress;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The content folder.
    pub content: PathBuf,
    /// The port to listen on; 0 picks a free one.
    pub port: u16,
    /// The address to listen on: 127.0.0.1 unless the user asks for more.
    pub bind: IpAddr,
    /// Which material the served site includes.
    pub edition: Edition,
    /// Also print where the time of each rebuild went.
    pub timings: bool,
}

/// How long the files must be left alone before the search index is brought up to date.
const SEARCH_AFTER: Duration = Duration::from_millis(500);

/// How long a stop waits for a rebuild under way to end. Not long: once stopping, no file is
/// written any more, so only a write already begun can still land in the folder being removed
/// (and the removal is tried once more for it); a rebuild still reading the content can read on.
const STOP_WAIT: Duration = Duration::from_millis(100);

enum Message {
    /// The changed paths of a batch, and when its first change was seen.
    Changed(BTreeSet<PathBuf>, Instant),
    Stop,
}

/// Builds, serves and rebuilds until Ctrl-C (or a termination signal). Prints the address to
/// standard output once the server is listening, and what each rebuild did to standard error.
/// Stops within [`STOP_WAIT`] and a moment more, removing the temporary site.
pub fn run(options: &ServeOptions, progress: &dyn Progress) -> Result<(), Diagnostic> {
    let work = tempfile::Builder::new()
        .prefix("unitpress-serve-")
        .tempdir()
        .map_err(|e| {
            Diagnostic::error(format!("cannot create a temporary folder: {e}"))
                .help("check that the system's temporary folder exists and has room")
        })?;
    // Caught from the start, so that the folder is removed even when stopped during the build.
    interrupt::catch()?;
    let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
        Diagnostic::error(format!(
            "cannot listen on {}:{}: {e}",
            options.bind, options.port
        ))
        .help("choose another port with --port, or 0 for any free one")
    })?;
    crate::errln!(
        "The site is kept in {} while serving; it is removed when unitpress stops.",
        work.path().join("site").display()
    );
    let mut builder = Builder::new(&options.content, options.edition, work.path())?;
    // Watching before the first build, so that no change made during it is missed.
    let (tx, rx) = channel();
    let changes = tx.clone();
    let seen = builder.seen();
    let watch = watch::start(&builder.watched(), move |paths, first| {
        seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let _ = changes.send(Message::Changed(paths, first));
    })?;
    let first = builder.build_all(progress);
    if interrupt::requested() {
        drop(watch);
        remove(work);
        return Ok(());
    }
    report("Built", &first, options.timings);
    let hub = Arc::new(Hub::default());
    hub.set_errors(&builder.errors());
    let server = server::Server::start(listener, work.path().join("site"), hub.clone())
        .map_err(|e| Diagnostic::error(format!("cannot start the server: {e}")))?;
    let address = format!("http://{}/", server.address());
    crate::outln!(
        "Serving {} at {address} (Ctrl-C stops)",
        options.content.display()
    );

    let (done_tx, done_rx) = channel();
    {
        let hub = hub.clone();
        let timings = options.timings;
        thread::spawn(move || {
            rebuild_loop(builder, &rx, &hub, timings);
            let _ = done_tx.send(());
        });
    }
    interrupt::wait();
    crate::errln!("Stopping…");
    drop(watch);
    let _ = tx.send(Message::Stop);
    // A rebuild under way ends at its next page, as files are no longer written once stopping.
    let _ = done_rx.recv_timeout(STOP_WAIT);
    hub.close();
    server.stop();
    remove(work);
    Ok(())
}

/// Removes the temporary site, and says so.
fn remove(work: tempfile::TempDir) {
    let site = work.path().join("site");
    if crate::write::remove_folder(&site).is_err() {
        // A file that a rebuild was writing at that moment: once more, now that none starts.
        thread::sleep(Duration::from_millis(50));
        let _ = crate::write::remove_folder(&site);
    }
    let _ = work.close();
    crate::outln!("Stopped.");
}

/// Applies each batch of changes, then tells the pages. The search index, which no page needs to
/// show an edit, is brought up to date once no change has come for [`SEARCH_AFTER`], so that it
/// neither delays the next rebuild nor slows the pages reloading. Pages that a newer change kept
/// a rebuild from rendering are rendered as soon as no change is waiting.
fn rebuild_loop(mut builder: Builder, rx: &Receiver<Message>, hub: &Hub, timings: bool) {
    let announce = |pages: &[String], all: bool, errors: &[&Diagnostic]| {
        hub.set_errors(errors);
        if all || !pages.is_empty() {
            hub.reload(pages, all);
        }
    };
    loop {
        let received = if builder.pages_due() {
            match rx.try_recv() {
                Err(TryRecvError::Empty) => {
                    let outcome = builder.apply(&watch::Changes::default(), &mut { announce });
                    if interrupt::requested() {
                        return;
                    }
                    report("Rebuilt", &outcome, timings);
                    continue;
                }
                other => other.ok(),
            }
        } else if builder.search_due() {
            match rx.recv_timeout(SEARCH_AFTER) {
                Err(RecvTimeoutError::Timeout) => {
                    let start = Instant::now();
                    builder.catch_up_search();
                    if timings {
                        let ms = start.elapsed().as_secs_f64() * 1000.0;
                        crate::errln!("  search index brought up to date in {ms:.1} ms");
                    }
                    continue;
                }
                other => other.ok(),
            }
        } else {
            rx.recv().ok()
        };
        let Some(Message::Changed(mut paths, first)) = received else {
            return;
        };
        // Take in the batches that came while the last rebuild ran.
        loop {
            match rx.try_recv() {
                Ok(Message::Changed(more, _)) => paths.extend(more),
                Ok(Message::Stop) => return,
                Err(_) => break,
            }
        }
        let changes = watch::classify(&paths, builder.content_folder());
        if changes.is_empty() {
            continue;
        }
        let waited = first.elapsed();
        let mut outcome = builder.apply(&changes, &mut { announce });
        if interrupt::requested() {
            return;
        }
        outcome.stages.before("from the first change seen", waited);
        report("Rebuilt", &outcome, timings);
    }
}

/// One line on standard error for each (re)build, and its problems; with `timings`, one more
/// for its stages.
fn report(verb: &str, outcome: &Outcome, timings: bool) {
    let ms = outcome.took.as_millis();
    if outcome.errors.is_empty() {
        let pages = outcome.changed.len();
        crate::errln!(
            "{verb} {} in {ms} ms: {pages} file{} changed",
            outcome.what,
            if pages == 1 { "" } else { "s" }
        );
    } else {
        for e in &outcome.errors {
            crate::errln!("{e}");
        }
        crate::errln!(
            "{}: {} problem{} in {ms} ms; the last good site is still served",
            outcome.what,
            outcome.errors.len(),
            if outcome.errors.len() == 1 { "" } else { "s" }
        );
    }
    if timings {
        crate::errln!("  timings: {}", outcome.stages);
    }
}
