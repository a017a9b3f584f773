//! Just enough HTTP/1.1 for a preview server on the teacher's own machine: read one request's
//! head, answer it, close the connection. Only GET and HEAD are served.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

/// The longest request head read: more is refused.
const MAX_HEAD: u64 = 16 * 1024;

/// How long a client may take to send a whole request head. A connection that has not sent one
/// by then is closed unanswered, so that idle or trickling connections cannot pile up.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// How long an answer may wait for the client to take it.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// A request's method, target and Host header.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// The Host header; `None` when there is none, or more than one.
    pub host: Option<String>,
}

impl Request {
    /// Whether the body of the answer is left out (a HEAD request).
    pub fn head_only(&self) -> bool {
        self.method == "HEAD"
    }
}

/// Reads the head of one request, within [`HEAD_TIMEOUT`] in all. `None` when the client sent
/// nothing usable, or no complete head in time.
pub fn read_request(stream: &TcpStream) -> Option<Request> {
    let deadline = Deadline {
        stream,
        until: Instant::now() + HEAD_TIMEOUT,
    };
    let mut reader = BufReader::new(deadline.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut hosts = Vec::new();
    // Read the header lines to their end, so that the client sees a clean close; a head cut
    // short by the end of the connection or by the size limit is not answered.
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return None,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':') {
                    if name.trim().eq_ignore_ascii_case("host") {
                        hosts.push(value.trim().to_string());
                    }
                }
            }
        }
    }
    let host = match <[String; 1]>::try_from(hosts) {
        Ok([host]) => Some(host),
        Err(_) => None,
    };
    Some(Request {
        method,
        target,
        host,
    })
}

/// Reads from a connection until a fixed moment: each read may wait only for the time left.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// An answer to send.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// An answer with a body.
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Self {
        Response {
            status,
            content_type,
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text answer.
    pub fn text(status: u16, body: &str) -> Self {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    /// Sends the answer and closes the connection.
    pub fn send(self, mut stream: &TcpStream, head_only: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        // One write: a second, small one would wait for the client's delayed acknowledgement.
        let mut message = head.into_bytes();
        if !head_only {
            message.extend_from_slice(&self.body);
        }
        let _ = stream.set_nodelay(true);
        // A client that stops reading must not hold the thread for ever.
        stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
        stream.write_all(&message)?;
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

/// The media type of a file, from its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("assets/STYLE.CSS")),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("search/units/u.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.woff2")), "font/woff2");
        assert_eq!(
            content_type(Path::new("LICENSE")),
            "application/octet-stream"
        );
    }
}
