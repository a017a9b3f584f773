//! Threads for the work no one is waiting to see: the pages of other units and the site-wide
//! pages a rebuild renders after the edited unit's own. They run at a lower priority, so that
//! the browser reloading the edited page, on the same few cores, is not slowed by them.

/// How much lower than the rest of the process (the nice value added, on Linux).
#[cfg(target_os = "linux")]
const NICER: libc::c_int = 10;

/// A pool of as many threads as the machine has cores, each at a lower priority; `None` if the
/// threads cannot be started (the work then runs at the usual priority).
pub fn pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("unitpress-background-{i}"))
        .start_handler(|_| give_way())
        .build()
        .ok()
}

/// Lowers the priority of the calling thread alone (Linux keeps one per thread).
#[cfg(target_os = "linux")]
fn give_way() {
    // SAFETY: gettid and setpriority take no pointers; a failure leaves the priority as it was,
    // which is harmless.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        let now = libc::getpriority(libc::PRIO_PROCESS, tid);
        libc::setpriority(libc::PRIO_PROCESS, tid, now.saturating_add(NICER).min(19));
    }
}

/// Elsewhere the priority is a process's, not a thread's: left as it is.
#[cfg(not(target_os = "linux"))]
fn give_way() {}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn background_threads_run_at_a_lower_priority() {
        let pool = super::pool().unwrap();
        // SAFETY: as in give_way.
        let here = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        let there = pool.install(|| unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::getpriority(libc::PRIO_PROCESS, tid)
        });
        assert!(there > here || there == 19, "{here} then {there}");
    }
}
