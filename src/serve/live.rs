//! Live reload: server-sent events that tell open pages to reload, or to show the build errors
//! over the page, and the small classic script that listens to them, added to each HTML page as
//! it is served (the files on disk never contain it).

use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_RANGES, CONTENT_LENGTH, CONTENT_TYPE, ETAG, IF_MATCH, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    IF_RANGE, IF_UNMODIFIED_SINCE, RANGE,
};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use serde_json::{json, Value};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use crate::diagnostic::Diagnostic;

/// Where pages listen for events.
pub const EVENTS_PATH: &str = "/__unitpress/events";
/// Where the script is served.
pub const SCRIPT_PATH: &str = "/__unitpress/live.js";
/// The script itself.
const SCRIPT: &str = include_str!("live.js");

const BASE_TAG: &[u8] = b"<base href=\"/\">";
/// Past this many changed pages, every open page reloads instead of each checking the list.
const MAX_LISTED: usize = 200;
/// How often an idle event stream sends a comment, to notice clients that have gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How soon a page whose event stream broke (the server restarted) tries again.
const RETRY: Duration = Duration::from_secs(1);
/// The largest page the script is added to; no page of a course comes near it.
const MAX_PAGE: usize = 64 * 1024 * 1024;

/// The open event streams and the current build state, shared by the builder and the server.
#[derive(Default)]
pub struct Hub {
    state: Mutex<HubState>,
}

#[derive(Default)]
struct HubState {
    clients: Vec<UnboundedSender<Arc<Message>>>,
    /// The event that describes the current state: `errors` or `ok`.
    current: Option<Arc<Message>>,
    closed: bool,
    /// How many times pages were told to reload: written into each page served, so that the
    /// script can tell whether what it fetches back is still the page on screen.
    generation: u64,
}

/// One event: its name and its data (JSON).
#[derive(Debug, PartialEq, Eq)]
struct Message {
    name: &'static str,
    data: String,
}

impl Hub {
    fn lock(&self) -> MutexGuard<'_, HubState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells every page the build state: the errors to show, or none. Sent only when it changed.
    pub fn set_errors(&self, errors: &[&Diagnostic]) {
        let message = if errors.is_empty() {
            Message {
                name: "ok",
                data: "{}".into(),
            }
        } else {
            let views: Vec<_> = errors
                .iter()
                .map(|d| {
                    let place = d.location.as_ref().filter(|l| l.line > 0);
                    json!({
                        "text": d.to_string(),
                        "file": d.file().map(|p| p.display().to_string()),
                        "line": place.map(|l| l.line),
                        "column": place.map(|l| l.column),
                    })
                })
                .collect();
            Message {
                name: "errors",
                data: Value::from(views).to_string(),
            }
        };
        let mut state = self.lock();
        if state.current.as_deref() != Some(&message) {
            let message = Arc::new(message);
            state.current = Some(message.clone());
            broadcast(&mut state, message);
        }
    }

    /// Tells every page which pages changed (`all`: every page); each reloads if it is one.
    pub fn reload(&self, changed: &[String], all: bool) {
        let all = all || changed.len() > MAX_LISTED;
        let changed = if all { &[][..] } else { changed };
        let mut state = self.lock();
        state.generation += 1;
        let message = Arc::new(Message {
            name: "reload",
            data: json!({ "all": all, "changed": changed }).to_string(),
        });
        broadcast(&mut state, message);
    }

    /// The number of reloads so far (see [`HubState::generation`]).
    fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Ends every event stream and refuses new ones.
    pub fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        state.clients.clear();
    }

    /// A new stream's messages, starting with the current state if there is one yet.
    fn subscribe(&self) -> Option<UnboundedReceiver<Arc<Message>>> {
        let mut state = self.lock();
        if state.closed {
            return None;
        }
        let (tx, rx) = unbounded_channel();
        if let Some(current) = &state.current {
            let _ = tx.send(current.clone());
        }
        state.clients.push(tx);
        Some(rx)
    }
}

fn broadcast(state: &mut HubState, message: Arc<Message>) {
    state.clients.retain(|c| c.send(message.clone()).is_ok());
}

/// The script, at [`SCRIPT_PATH`].
pub async fn script() -> Response {
    let js = [(CONTENT_TYPE, "text/javascript; charset=utf-8")];
    (js, SCRIPT).into_response()
}

/// An event stream, at [`EVENTS_PATH`], open until the client leaves or the hub closes.
pub async fn events(State(hub): State<Arc<Hub>>) -> Response {
    let Some(rx) = hub.subscribe() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let retry = stream::once(async { Ok(Event::default().retry(RETRY)) });
    let messages = stream::unfold(rx, |mut rx| async move {
        let m = rx.recv().await?;
        let event = Event::default().event(m.name).data(&m.data);
        Some((Ok::<_, Infallible>(event), rx))
    });
    let keep_alive = KeepAlive::new().interval(KEEP_ALIVE).text("still here");
    Sse::new(retry.chain(messages))
        .keep_alive(keep_alive)
        .into_response()
}

/// Adds the script to each HTML page on its way out (see [`inject`]). A page goes out whole: a
/// range or a validator of the file on disk would not match what is sent. A HEAD request for a
/// page is answered as GET, so that its length is that of the page sent (hyper leaves the body
/// out).
pub async fn into_pages(State(hub): State<Arc<Hub>>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_ascii_lowercase();
    if path.ends_with('/') || path.ends_with(".html") || path.ends_with(".htm") {
        let headers = request.headers_mut();
        let conditions = [
            IF_MATCH,
            IF_NONE_MATCH,
            IF_MODIFIED_SINCE,
            IF_UNMODIFIED_SINCE,
        ];
        for name in [RANGE, IF_RANGE].into_iter().chain(conditions) {
            headers.remove(name);
        }
        if request.method() == Method::HEAD {
            *request.method_mut() = Method::GET;
        }
    }
    // Read before the page: a page written by a rebuild that has not yet told the pages goes
    // out with the generation before it, which the script treats as out of date.
    let generation = hub.generation();
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        return response;
    }
    // The 404 page is served at any depth but links as the page at the site root that it is.
    let at_root = response.status() == StatusCode::NOT_FOUND;
    let (mut parts, body) = response.into_parts();
    let Ok(page) = to_bytes(body, MAX_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let page = inject(&page, at_root, generation);
    for name in [ETAG, ACCEPT_RANGES] {
        parts.headers.remove(name);
    }
    parts.headers.insert(CONTENT_LENGTH, page.len().into());
    Response::from_parts(parts, Body::from(page))
}

/// The tag that loads the script, naming the generation of the page it is in.
fn script_tag(generation: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\"></script>")
}

/// `html` with the live-reload script before its last `</body>` (at the end if there is none).
/// `at_root` also adds `<base href="/">` after the first `<head>` (at the start if none).
fn inject(html: &[u8], at_root: bool, generation: u64) -> Vec<u8> {
    let tag = script_tag(generation);
    let end = rfind(html, b"</body>").unwrap_or(html.len());
    let head = if at_root {
        find(html, b"<head>").map_or(0, |i| i + b"<head>".len())
    } else {
        0
    };
    let mut out = Vec::with_capacity(html.len() + tag.len() + BASE_TAG.len());
    out.extend_from_slice(&html[..head]);
    if at_root {
        out.extend_from_slice(BASE_TAG);
    }
    // `head` ≤ `end` unless a `<head>` comes after the last `</body>`: the script then goes last.
    let end = end.max(head);
    out.extend_from_slice(&html[head..end]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[end..]);
    out
}

/// Where `tag` (ASCII) first occurs in `html`, in any case.
fn find(html: &[u8], tag: &[u8]) -> Option<usize> {
    html.windows(tag.len())
        .position(|w| w.eq_ignore_ascii_case(tag))
}

/// Where `tag` (ASCII) last occurs in `html`, in any case.
fn rfind(html: &[u8], tag: &[u8]) -> Option<usize> {
    html.windows(tag.len())
        .rposition(|w| w.eq_ignore_ascii_case(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn injected(html: &str, at_root: bool) -> String {
        String::from_utf8(inject(html.as_bytes(), at_root, 3)).unwrap()
    }

    #[test]
    fn script_goes_before_the_end_of_the_body() {
        let tag = "<script src=\"/__unitpress/live.js\" data-generation=\"3\"></script>";
        let html = "<html><head></head><body><p>x</p></BODY></html>";
        let out = injected(html, false);
        assert_eq!(
            out,
            format!("<html><head></head><body><p>x</p>{tag}</BODY></html>")
        );
        let out = injected(html, true);
        assert_eq!(
            out,
            format!("<html><head><base href=\"/\"></head><body><p>x</p>{tag}</BODY></html>")
        );
        assert_eq!(injected("<p>x</p>", false), format!("<p>x</p>{tag}"));
        assert_eq!(
            injected("<p>x</p>", true),
            format!("<base href=\"/\"><p>x</p>{tag}")
        );
        let odd = injected("</body><head>", true);
        assert_eq!(odd, format!("</body><head><base href=\"/\">{tag}"));
        // Bytes that are not UTF-8 go out as they came.
        let raw = inject(b"<p>\xff</p></body>", false, 0);
        assert!(raw.starts_with(b"<p>\xff</p><script"));
    }

    #[test]
    fn state_is_sent_once_and_reloads_list_pages() {
        let hub = Hub::default();
        let mut rx = hub.subscribe().unwrap();
        assert!(rx.try_recv().is_err(), "no state yet");
        hub.set_errors(&[]);
        hub.set_errors(&[]);
        let ok = rx.try_recv().unwrap();
        assert_eq!((ok.name, ok.data.as_str()), ("ok", "{}"));
        assert!(
            rx.try_recv().is_err(),
            "an unchanged state is not sent again"
        );
        assert_eq!(hub.generation(), 0);
        hub.reload(&["index.html".to_string()], false);
        assert_eq!(hub.generation(), 1, "each reload is a new generation");
        let reload = rx.try_recv().unwrap();
        assert_eq!(reload.name, "reload");
        assert_eq!(reload.data, r#"{"all":false,"changed":["index.html"]}"#);
        let many: Vec<String> = (0..=MAX_LISTED).map(|i| format!("{i}.html")).collect();
        hub.reload(&many, false);
        assert_eq!(rx.try_recv().unwrap().data, r#"{"all":true,"changed":[]}"#);
        let e = Diagnostic::error("broken").in_file(std::path::Path::new("units/u/unit.md"));
        hub.set_errors(&[&e]);
        let errors = rx.try_recv().unwrap();
        assert_eq!(errors.name, "errors");
        let views: Value = serde_json::from_str(&errors.data).unwrap();
        assert!(views[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("error: broken"));
        assert_eq!(views[0]["file"], "units/u/unit.md");
        assert_eq!(views[0]["line"], Value::Null, "no place within the file");
        let mut late = hub.subscribe().unwrap();
        assert_eq!(
            late.try_recv().unwrap(),
            errors,
            "a new stream starts with the state"
        );
        hub.close();
        assert!(rx.blocking_recv().is_none(), "closing ends the stream");
        assert!(hub.subscribe().is_none());
    }
}
