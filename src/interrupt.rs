//! Ctrl-C and the termination signals (SIGINT, SIGTERM, SIGHUP). The first one asks the running
//! command to stop: a build stops before its next page and removes its staging folder, leaving
//! the previous site as it was; `serve` stops at once and removes its temporary site. A second
//! one ends the process straight away, for a step that does not stop by itself (what it leaves
//! beside the output, the next build removes).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};

use crate::diagnostic::Diagnostic;

/// The exit status of a command stopped by a signal, as shells report Ctrl-C.
pub const EXIT_STATUS: u8 = 130;

static REQUESTED: AtomicBool = AtomicBool::new(false);
static LOCK: Mutex<()> = Mutex::new(());
static WOKEN: Condvar = Condvar::new();

/// Starts catching the signals; later calls do nothing. Until this is called they end the
/// process as usual.
pub fn catch() -> Result<(), Diagnostic> {
    static CAUGHT: OnceLock<Result<(), String>> = OnceLock::new();
    let caught = CAUGHT.get_or_init(|| {
        ctrlc::set_handler(|| {
            if REQUESTED.swap(true, Ordering::SeqCst) {
                std::process::exit(EXIT_STATUS.into());
            }
            let _held = LOCK.lock().unwrap_or_else(|e| e.into_inner());
            WOKEN.notify_all();
        })
        .map_err(|e| e.to_string())
    });
    caught
        .clone()
        .map_err(|e| Diagnostic::error(format!("cannot catch Ctrl-C: {e}")))
}

/// Whether a signal has asked the command to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Waits until a signal asks the command to stop.
pub fn wait() {
    let mut held = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    while !requested() {
        held = WOKEN.wait(held).unwrap_or_else(|e| e.into_inner());
    }
}

/// The error of a step that ended because a signal asked it to.
pub fn stopped() -> Diagnostic {
    Diagnostic::error("stopped by Ctrl-C or a termination signal")
}
