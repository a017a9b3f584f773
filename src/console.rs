//! Printing to standard output and standard error without ever panicking.
//!
//! `println!` panics when its reader has gone (`unitpress check | head -1`) or the disk is full
//! (`> /dev/full`). Every message of the command line goes through here instead: a failed write is
//! remembered, the command finishes the work it was doing, and it ends with exit status 1. A
//! reader that went away is not worth a message (that is how `head` is meant to be used); any
//! other failure to write standard output is told once on standard error, if that still works.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static FAILED: AtomicBool = AtomicBool::new(false);
static TOLD: AtomicBool = AtomicBool::new(false);

/// Writes to standard output; `outln!` and `out!` are the usual way in.
pub fn out(args: fmt::Arguments<'_>) {
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        FAILED.store(true, Ordering::SeqCst);
        if e.kind() != io::ErrorKind::BrokenPipe && !TOLD.swap(true, Ordering::SeqCst) {
            err(format_args!(
                "unitpress: cannot write to standard output: {e}\n"
            ));
        }
    }
}

/// Writes to standard error; `errln!` is the usual way in.
pub fn err(args: fmt::Arguments<'_>) {
    let mut stderr = io::stderr().lock();
    if stderr
        .write_fmt(args)
        .and_then(|()| stderr.flush())
        .is_err()
    {
        FAILED.store(true, Ordering::SeqCst);
    }
}

/// Whether any write to standard output or standard error has failed so far.
pub fn failed() -> bool {
    FAILED.load(Ordering::SeqCst)
}

/// Like `print!`, without the panic: see [`out`].
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::console::out(format_args!($($arg)*)) };
}

/// Like `println!`, without the panic: see [`out`].
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::console::out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Like `eprintln!`, without the panic: see [`err`].
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => { $crate::console::err(format_args!("{}\n", format_args!($($arg)*))) };
}
