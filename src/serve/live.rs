//! Live reload: server-sent events that tell open pages to reload, or to show the build errors
//! over the page, and the small classic script that listens to them, injected into each HTML
//! page as it is served (the files on disk never contain it).

use std::io::Write;
use std::net::TcpStream;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;

use crate::diagnostic::Diagnostic;

/// Where pages listen for events.
pub const EVENTS_PATH: &str = "/__unitpress/events";
/// Where the script is served.
pub const SCRIPT_PATH: &str = "/__unitpress/live.js";
/// The script itself.
pub const SCRIPT: &str = include_str!("live.js");

const SCRIPT_TAG: &str = "<script src=\"/__unitpress/live.js\"></script>";
/// Past this many changed pages, every open page reloads instead of each checking the list.
const MAX_LISTED: usize = 200;
/// How often an idle event stream sends a comment, to notice clients that have gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The open event streams and the current build state, shared by the builder and the server.
#[derive(Default)]
pub struct Hub {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    clients: Vec<Sender<Arc<str>>>,
    /// The event that describes the current state: `errors` or `ok`.
    current: Option<Arc<str>>,
    closed: bool,
}

/// A new stream's messages, and the event that describes the current state, if any yet.
type Subscription = (Receiver<Arc<str>>, Option<Arc<str>>);

#[derive(Serialize)]
struct ErrorView {
    text: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

#[derive(Serialize)]
struct Reload<'a> {
    all: bool,
    changed: &'a [String],
}

impl Hub {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells every page the build state: the errors to show, or none. Sent only when it changed.
    pub fn set_errors(&self, errors: &[&Diagnostic]) {
        let message: Arc<str> = if errors.is_empty() {
            event("ok", "{}").into()
        } else {
            let views: Vec<ErrorView> = errors
                .iter()
                .map(|d| {
                    let place = d.location.as_ref().filter(|l| l.line > 0);
                    ErrorView {
                        text: d.to_string(),
                        file: d.file().map(|p| p.display().to_string()),
                        line: place.map(|l| l.line),
                        column: place.map(|l| l.column),
                    }
                })
                .collect();
            event("errors", &serde_json::to_string(&views).unwrap_or_default()).into()
        };
        let mut state = self.lock();
        if state.current.as_ref() != Some(&message) {
            state.current = Some(message.clone());
            broadcast(&mut state, message);
        }
    }

    /// Tells every page which pages changed (`all`: every page); each reloads if it is one.
    pub fn reload(&self, changed: &[String], all: bool) {
        let all = all || changed.len() > MAX_LISTED;
        let changed = if all { &[][..] } else { changed };
        let data = serde_json::to_string(&Reload { all, changed }).unwrap_or_default();
        broadcast(&mut self.lock(), event("reload", &data).into());
    }

    /// Ends every event stream and refuses new ones.
    pub fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        state.clients.clear();
    }

    fn subscribe(&self) -> Option<Subscription> {
        let mut state = self.lock();
        if state.closed {
            return None;
        }
        let (tx, rx) = channel();
        state.clients.push(tx);
        Some((rx, state.current.clone()))
    }
}

fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

fn broadcast(state: &mut State, message: Arc<str>) {
    state.clients.retain(|c| c.send(message.clone()).is_ok());
}

/// Keeps an event stream open on `stream` until the client leaves or the hub closes. A new
/// stream starts with the current build state.
pub fn stream(mut stream: &TcpStream, hub: &Hub) {
    let Some((rx, current)) = hub.subscribe() else {
        return;
    };
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_nodelay(true);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    let mut message: Arc<str> = format!("{head}{}", current.as_deref().unwrap_or("")).into();
    loop {
        if stream
            .write_all(message.as_bytes())
            .and_then(|_| stream.flush())
            .is_err()
        {
            return;
        }
        message = match rx.recv_timeout(KEEP_ALIVE) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": still here\n\n".into(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
    }
}

/// `html` with the live-reload script before its last `</body>` (at the end if there is none).
/// `at_root` also adds `<base href="/">`, for the 404 page, which is served at any depth but
/// links as the page at the site root that it is.
pub fn inject(html: &[u8], at_root: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut out = text.into_owned();
    let end = out
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(out.len());
    out.insert_str(end, SCRIPT_TAG);
    if at_root {
        let head = out
            .to_ascii_lowercase()
            .find("<head>")
            .map_or(0, |i| i + "<head>".len());
        out.insert_str(head, "<base href=\"/\">");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_the_body() {
        let html = b"<html><head></head><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, false)).unwrap();
        assert!(
            out.ends_with(&format!("<p>x</p>{SCRIPT_TAG}</body></html>")),
            "{out}"
        );
        let out = String::from_utf8(inject(html, true)).unwrap();
        assert!(
            out.starts_with("<html><head><base href=\"/\"></head>"),
            "{out}"
        );
        let bare = String::from_utf8(inject(b"<p>x</p>", false)).unwrap();
        assert_eq!(bare, format!("<p>x</p>{SCRIPT_TAG}"));
    }

    #[test]
    fn state_is_sent_once_and_reloads_list_pages() {
        let hub = Hub::default();
        let (rx, current) = hub.subscribe().unwrap();
        assert!(current.is_none());
        hub.set_errors(&[]);
        hub.set_errors(&[]);
        assert_eq!(&*rx.try_recv().unwrap(), "event: ok\ndata: {}\n\n");
        assert!(
            rx.try_recv().is_err(),
            "an unchanged state is not sent again"
        );
        hub.reload(&["index.html".to_string()], false);
        let reload = rx.try_recv().unwrap();
        assert!(
            reload.contains(r#"{"all":false,"changed":["index.html"]}"#),
            "{reload}"
        );
        let e = Diagnostic::error("broken");
        hub.set_errors(&[&e]);
        assert!(rx
            .try_recv()
            .unwrap()
            .starts_with("event: errors\ndata: [{\"text\":\"error: broken"));
        hub.close();
        assert!(rx.recv().is_err(), "closing ends the stream");
        assert!(hub.subscribe().is_none());
    }
}
