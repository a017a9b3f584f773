//! Which requests the preview server answers, by their Host header. A web page elsewhere can
//! point a name it controls at 127.0.0.1 (DNS rebinding) and then read the served site as if it
//! were its own; its requests still carry its own name as Host, so the server answers only the
//! names of this computer. Listening on every interface (0.0.0.0) is asking to be reached under
//! any name, so then every Host is answered.

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::header::HOST;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Answers a request only when its one Host header names this computer (see [`allowed`]) for
/// the server listening on `addr`; refuses it with 403 otherwise.
pub async fn check(State(addr): State<SocketAddr>, request: Request, next: Next) -> Response {
    let mut hosts = request.headers().get_all(HOST).iter();
    let host = match (hosts.next(), hosts.next()) {
        (Some(host), None) => host.to_str().ok(),
        _ => None,
    };
    if allowed(host, addr) {
        return next.run(request).await;
    }
    let text = format!(
        "This preview server answers only requests for this computer, such as \
         http://localhost:{}/ ; this one was for another name.\n",
        addr.port()
    );
    (StatusCode::FORBIDDEN, text).into_response()
}

/// Whether a server listening on `addr` answers a request whose Host header is `host`: the
/// address it listens on, `localhost`, `127.0.0.1` or `[::1]`, with its port (no port only for
/// port 80, where browsers leave it out).
fn allowed(host: Option<&str>, addr: SocketAddr) -> bool {
    if addr.ip().is_unspecified() {
        return true;
    }
    let Some((name, port)) = host.and_then(split) else {
        return false;
    };
    if port.unwrap_or(80) != addr.port() {
        return false;
    }
    let own = match addr {
        SocketAddr::V4(a) => a.ip().to_string(),
        SocketAddr::V6(a) => format!("[{}]", a.ip()),
    };
    let name = name.to_ascii_lowercase();
    ["localhost", "127.0.0.1", "[::1]", own.as_str()].contains(&name.as_str())
}

/// The name and the port of a Host header (`[::1]:8080` → `[::1]`, 8080); `None` when it is not
/// one.
fn split(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let end = rest.find(']')? + 2;
            (&host[..end], host[end..].strip_prefix(':'))
        }
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    let port = match port {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            Some(digits.parse().ok()?)
        }
        Some(_) => return None,
        None if name.len() < host.len() => return None,
        None => None,
    };
    (!name.is_empty()).then_some((name, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(addr: &str) -> SocketAddr {
        addr.parse().unwrap()
    }

    #[test]
    fn this_computers_names_with_the_port_are_answered() {
        let local = on("127.0.0.1:1111");
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
        ] {
            assert!(allowed(Some(host), local), "{host}");
        }
        assert!(allowed(Some("[::1]:1111"), on("[::1]:1111")));
        assert!(allowed(Some("192.168.1.5:1111"), on("192.168.1.5:1111")));
        assert!(allowed(Some("localhost"), on("127.0.0.1:80")));
    }

    #[test]
    fn other_names_ports_and_malformed_hosts_are_refused() {
        let local = on("127.0.0.1:1111");
        for host in [
            "evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost:",
            "localhost:11x1",
            "localhost:99999",
            "[::1]",
            "[::1",
            "[::1]x:1111",
            ":1111",
            "",
            "192.168.1.5:1111",
        ] {
            assert!(!allowed(Some(host), local), "{host}");
        }
        assert!(!allowed(None, local), "a request without a Host header");
    }

    #[test]
    fn every_host_is_answered_on_all_interfaces() {
        assert!(allowed(Some("my-laptop.lan:1111"), on("0.0.0.0:1111")));
        assert!(allowed(Some("anything"), on("[::]:1111")));
        assert!(allowed(None, on("0.0.0.0:1111")));
    }
}
