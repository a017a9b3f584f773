//! What `unitpress serve` refuses and how it stops: requests for another name than this
//! computer's (DNS rebinding) are refused; connections that send no complete request are closed
//! within a few seconds; Ctrl-C stops it promptly (well before a rebuild could finish),
//! removing its temporary site, also in the middle of a rebuild. Every wait is bounded.
#![cfg(unix)]

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::*;
use crate::serve_support::{raw, Served};

/// How long the server gives a client to send a request head (src/serve/server.rs), and the
/// margin for a busy machine.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
const MARGIN: Duration = Duration::from_secs(3);

#[test]
fn only_requests_for_this_computer_are_answered() {
    let tmp = fixture_with(&[]);
    let served = Served::start(&tmp.path().join("content"));
    let port = served.port;
    let get = |host: &str| {
        raw(
            port,
            &format!("GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
        )
    };
    for host in [
        format!("Host: 127.0.0.1:{port}\r\n"),
        format!("Host: localhost:{port}\r\n"),
        format!("host: LOCALHOST:{port}\r\n"),
        format!("Host: [::1]:{port}\r\n"),
    ] {
        let reply = get(&host);
        assert_eq!(reply.status, 200, "{host}{}", served.log());
        assert!(reply.body.contains("Demo course"), "{host}");
    }
    for host in [
        format!("Host: rebinding.example:{port}\r\n"),
        format!("Host: 127.0.0.1.rebinding.example:{port}\r\n"),
        format!("Host: localhost:{}\r\n", port.wrapping_add(1)),
        format!("Host: localhost:{port}\r\nHost: rebinding.example:{port}\r\n"),
        String::new(),
    ] {
        let reply = get(&host);
        assert_eq!(reply.status, 403, "{host:?}");
        assert!(!reply.body.contains("Demo course"), "{host:?}");
        assert!(reply.body.contains("this computer"), "{}", reply.body);
    }
    let events = raw(
        port,
        &format!("GET /__unitpress/events HTTP/1.1\r\nHost: rebinding.example:{port}\r\n\r\n"),
    );
    assert_eq!(events.status, 403, "the event stream is refused too");
}

/// Reads from `stream` until the server closes it; returns what came and when it closed.
fn until_closed(mut stream: TcpStream, started: Instant) -> (Vec<u8>, Duration) {
    stream
        .set_read_timeout(Some(HEAD_TIMEOUT + MARGIN))
        .unwrap();
    let mut got = Vec::new();
    match stream.read_to_end(&mut got) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the connection was not closed: {e}"),
    }
    (got, started.elapsed())
}

#[test]
fn a_connection_that_sends_no_complete_request_is_closed_unanswered() {
    let tmp = fixture_with(&[]);
    let served = Served::start(&tmp.path().join("content"));
    let port = served.port;
    let started = Instant::now();
    // One sends nothing; one sends half a request head and waits; one trickles a byte every
    // half second.
    let silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut half = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(half, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n").unwrap();
    let trickle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let trickling = {
        let mut writer = trickle.try_clone().unwrap();
        thread::spawn(move || {
            for byte in format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n").bytes() {
                if writer.write_all(&[byte]).is_err() {
                    return;
                }
                thread::sleep(Duration::from_millis(500));
            }
        })
    };
    // Meanwhile, complete requests are answered as usual; one that keeps its connection open
    // for more is answered, and then its idle connection is closed in the same time.
    assert_eq!(served.get("/").status, 200);
    let mut kept = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        kept,
        "GET /assets/style.css HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let answered = Instant::now();
    let (got, after) = until_closed(kept, answered);
    assert!(got.starts_with(b"HTTP/1.1 200 OK\r\n"), "kept: answered");
    assert!(
        after >= HEAD_TIMEOUT - Duration::from_millis(500) && after < HEAD_TIMEOUT + MARGIN,
        "kept: closed {after:?} after its answer"
    );
    for (name, stream) in [("silent", silent), ("half", half), ("trickle", trickle)] {
        let (got, after) = until_closed(stream, started);
        assert!(got.is_empty(), "{name}: nothing is answered");
        assert!(
            after >= HEAD_TIMEOUT - Duration::from_millis(500) && after < HEAD_TIMEOUT + MARGIN,
            "{name}: closed after {after:?}"
        );
    }
    let _ = trickling.join();
}

/// How soon Ctrl-C must have stopped serve.
const STOP_WITHIN: Duration = Duration::from_secs(3);

#[test]
fn ctrl_c_stops_promptly_and_removes_the_site() {
    let tmp = fixture_with(&[]);
    let served = Served::start(&tmp.path().join("content"));
    let site = served.site_folder();
    assert!(site.join("index.html").is_file());
    // A connection left idle must not hold the stop up.
    let _idle = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    let asked = Instant::now();
    let (status, stdout) = served.interrupt();
    let took = asked.elapsed();
    assert!(status.success(), "{status}");
    // Stopping takes tens of milliseconds; the bound leaves room for a loaded machine (1.4 s
    // was seen with other builds running beside the tests).
    assert!(took < STOP_WITHIN, "stopping took {took:?}");
    assert!(stdout.iter().any(|l| l == "Stopped."), "{stdout:?}");
    assert!(!site.exists(), "the temporary site is removed");
    assert!(!site.parent().unwrap().exists());
}

#[test]
fn ctrl_c_in_the_middle_of_a_rebuild_stops_promptly() {
    let tmp = fixture_with_units(120);
    let content = tmp.path().join("content");
    let served = Served::start(&content);
    let site = served.site_folder();
    // A change to site.toml rebuilds the whole course.
    let settings = content.join("site.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, text.replace("Demo course", "Demo course, again")).unwrap();
    let deadline = Instant::now() + crate::serve_support::STEP;
    while !served.log().contains("Rebuilt") && !rebuilding(&site) {
        assert!(
            Instant::now() < deadline,
            "no rebuild began\n{}",
            served.log()
        );
        thread::sleep(Duration::from_millis(20));
    }
    let asked = Instant::now();
    let (status, _) = served.interrupt();
    let took = asked.elapsed();
    assert!(status.success(), "{status}");
    // Stopping takes tens of milliseconds; the bound leaves room for a loaded machine (1.4 s
    // was seen with other builds running beside the tests).
    assert!(took < STOP_WITHIN, "stopping took {took:?}");
    assert!(
        !site.parent().unwrap().exists(),
        "the temporary site is removed"
    );
}

/// Whether the served site has begun to take in the edit.
fn rebuilding(site: &std::path::Path) -> bool {
    std::fs::read_to_string(site.join("index.html")).is_ok_and(|p| p.contains("again"))
}
