//! The preview server: hyper for the connections, axum for the two live-reload routes and the
//! layers around every answer, tower-http's `ServeDir` for the files of the folder the builder
//! keeps up to date. Unknown paths get the site's 404 page. It runs on a small tokio runtime of
//! its own, beside the builder's threads, which stopping drops without waiting for connections.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::header::{HeaderValue, ALLOW, CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use tokio_io_timeout::TimeoutStream;
use tower_http::services::ServeDir;

use super::host;
use super::live::{self, Hub};
use super::paths::{self, Confined};

/// How long a client may take to send a whole request head, counted from when the server
/// starts waiting for it (so a trickle of bytes does not extend it). A connection that has not
/// sent one by then is closed unanswered, so that idle connections cannot pile up.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// The longest request head read: more is refused (hyper answers 431).
const MAX_HEAD: usize = 16 * 1024;

/// How long one write of an answer may wait for the client to take it: a client that stops
/// reading must not hold its connection, or an event stream, for ever.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// How long stopping waits for a file read under way.
const STOP_WAIT: Duration = Duration::from_millis(100);

/// Shown for every page until a first build succeeds.
const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>unitpress</title></head><body><h1>The site could not be built yet</h1>\
    <p>Fix the problems that unitpress lists and save: this page reloads by itself.</p>\
    </body></html>";

/// A running server.
pub struct Server {
    addr: SocketAddr,
    runtime: Runtime,
}

impl Server {
    /// Starts answering on `listener` from the site in `site`.
    pub fn start(
        listener: std::net::TcpListener,
        site: PathBuf,
        hub: Arc<Hub>,
    ) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        // Two cores are shared with the builder: two workers, and few threads for file reads.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(4)
            .thread_name("unitpress-serve")
            .enable_all()
            .build()?;
        let listener = {
            let _inside = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let app = app(&site, hub, addr)?;
        runtime.spawn(accept(listener, app));
        Ok(Server { addr, runtime })
    }

    /// Where the server listens.
    pub fn address(&self) -> SocketAddr {
        self.addr
    }

    /// Stops at once: open connections, event streams included, are dropped.
    pub fn stop(self) {
        self.runtime.shutdown_timeout(STOP_WAIT);
    }
}

/// Every request passes the layers from the last added to the first: the Host check, the
/// method, the headers of every answer, the path in plain form, the script added to pages.
fn app(site: &Path, hub: Arc<Hub>, addr: SocketAddr) -> std::io::Result<Router> {
    let root: Arc<Path> = site.into();
    let missing = move || not_found(root.clone());
    let files = ServeDir::with_backend(site, Confined::new(site)?).fallback(missing.into_service());
    Ok(Router::new()
        .route(live::SCRIPT_PATH, get(live::script))
        .route(live::EVENTS_PATH, get(live::events))
        .with_state(hub.clone())
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(hub, live::into_pages))
        .layer(middleware::from_fn(paths::plain_form))
        .layer(middleware::map_response(headers))
        .layer(middleware::from_fn(only_get_and_head))
        .layer(middleware::from_fn_with_state(addr, host::check)))
}

/// Hands each connection to hyper.
async fn accept(listener: TcpListener, app: Router) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, app.clone()));
            }
            // Out of file descriptors, most likely: wait for some to be freed, not spin.
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

async fn connection(stream: TcpStream, app: Router) {
    // An answer's head and body go out without waiting for the client's acknowledgements.
    let _ = stream.set_nodelay(true);
    let mut stream = TimeoutStream::new(stream);
    stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD)
        .serve_connection(
            TokioIo::new(Box::pin(stream)),
            TowerToHyperService::new(app),
        );
    // A client that went away, or sent no head in time: nothing to tell anyone.
    let _ = served.await;
}

/// Answers only GET and HEAD: the server changes nothing.
async fn only_get_and_head(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let allow = [(ALLOW, "GET, HEAD")];
    (
        StatusCode::METHOD_NOT_ALLOWED,
        allow,
        "Only GET and HEAD are served.\n",
    )
        .into_response()
}

/// Sets what every answer says of itself: never stored, as a page can change at any moment and a
/// stored copy would hide an edit; never sniffed; text declared as the UTF-8 it is written in.
async fn headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    let bare_text = headers
        .get(CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .filter(|t| t.starts_with("text/") && !t.contains(';') && *t != "text/event-stream");
    if let Some(text) = bare_text.map(|t| format!("{t}; charset=utf-8")) {
        if let Ok(value) = HeaderValue::from_str(&text) {
            headers.insert(CONTENT_TYPE, value);
        }
    }
    response
}

/// The site's 404 page, or a placeholder while the site has never been built.
async fn not_found(site: Arc<Path>) -> Response {
    let page = tokio::fs::read(site.join("404.html"))
        .await
        .unwrap_or_else(|_| NOT_BUILT.into());
    let html = [(CONTENT_TYPE, "text/html; charset=utf-8")];
    (StatusCode::NOT_FOUND, html, page).into_response()
}
