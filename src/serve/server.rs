//! The preview server: one thread accepts connections, one thread answers each. Pages come from
//! the folder the builder keeps up to date; unknown paths get the site's 404 page. Requests for
//! another name than this computer's are refused (see [`host`](super::host)).

use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::host;
use super::http::{self, Request, Response};
use super::live::{self, Hub};
use super::paths::{self, Target};

/// Shown for every page until a first build succeeds.
const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>unitpress</title></head><body><h1>The site could not be built yet</h1>\
    <p>Fix the problems that unitpress lists and save: this page reloads by itself.</p>\
    </body></html>";

/// A running server.
pub struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Server {
    /// Starts answering on `listener` from the site in `site`.
    pub fn start(listener: TcpListener, site: PathBuf, hub: Arc<Hub>) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = stopping.clone();
        let thread = thread::spawn(move || {
            let site: Arc<Path> = site.into();
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (site, hub) = (site.clone(), hub.clone());
                thread::spawn(move || answer(&stream, &site, &hub, addr));
            }
        });
        Ok(Server {
            addr,
            stopping,
            thread,
        })
    }

    /// Where the server listens.
    pub fn address(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting connections and waits for the accepting thread to end, unless the
    /// server cannot be reached to wake it (then the thread ends with the process).
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accepting thread, which is waiting for a connection.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            // The same family as the listener: a v6-only socket never hears from 127.0.0.1.
            wake.set_ip(if wake.is_ipv6() {
                std::net::Ipv6Addr::LOCALHOST.into()
            } else {
                std::net::Ipv4Addr::LOCALHOST.into()
            });
        }
        // Bounded: under load the queue of connections waiting to be accepted can be full, and
        // a plain connect would wait seconds for room; the thread then sees the flag at the
        // next connection it accepts from that queue anyway.
        if TcpStream::connect_timeout(&wake, Duration::from_millis(200)).is_ok() {
            let _ = self.thread.join();
        }
    }
}

/// Answers one request to the server listening on `addr`.
fn answer(stream: &TcpStream, site: &Path, hub: &Hub, addr: SocketAddr) {
    let Some(request) = http::read_request(stream) else {
        return;
    };
    if !host::allowed(request.host.as_deref(), addr) {
        let text = format!(
            "This preview server answers only requests for this computer, such as \
             http://localhost:{}/ ; this one was for another name.\n",
            addr.port()
        );
        let _ = Response::text(403, &text).send(stream, false);
        return;
    }
    if request.method != "GET" && request.method != "HEAD" {
        let mut r = Response::text(405, "Only GET and HEAD are served.\n");
        r.headers.push(("Allow", "GET, HEAD".into()));
        let _ = r.send(stream, false);
        return;
    }
    if request.target.split('?').next() == Some(live::EVENTS_PATH) {
        return live::stream(stream, hub);
    }
    let _ = response(&request, site).send(stream, request.head_only());
}

fn response(request: &Request, site: &Path) -> Response {
    if request.target.split('?').next() == Some(live::SCRIPT_PATH) {
        return Response::new(
            200,
            "text/javascript; charset=utf-8",
            live::SCRIPT.as_bytes().to_vec(),
        );
    }
    match paths::resolve(site, &request.target) {
        Target::File(path) => match fs::read(&path) {
            Ok(bytes) => file_response(200, &path, bytes, false),
            Err(_) => not_found(site),
        },
        Target::AddSlash(location) => {
            let mut r = Response::text(301, "Moved: the address ends with a slash.\n");
            r.headers.push(("Location", location));
            r
        }
        Target::Missing => not_found(site),
        Target::Refused => Response::text(400, "This address is not a path inside the site.\n"),
    }
}

/// The site's 404 page, or a placeholder while the site has never been built.
fn not_found(site: &Path) -> Response {
    let page = site.join("404.html");
    match fs::read(&page) {
        Ok(bytes) => file_response(404, &page, bytes, true),
        Err(_) => file_response(404, &page, NOT_BUILT.as_bytes().to_vec(), false),
    }
}

fn file_response(status: u16, path: &Path, bytes: Vec<u8>, at_root: bool) -> Response {
    let content_type = http::content_type(path);
    let body = if content_type.starts_with("text/html") {
        live::inject(&bytes, at_root)
    } else {
        bytes
    };
    Response::new(status, content_type, body)
}
