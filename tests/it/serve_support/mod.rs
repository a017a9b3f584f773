//! A `unitpress serve` run for the end-to-end tests: started on a free port of 127.0.0.1,
//! stopped as Ctrl-C stops it, with raw HTTP requests (targets sent exactly as written) and an
//! event-stream reader. Every wait is bounded.

// Shared by several test binaries, each of which uses a part.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The longest any one step may take: a rebuild, a page, an event.
pub const STEP: Duration = Duration::from_secs(20);

/// A running `unitpress serve`, stopped (or killed) when dropped.
pub struct Served {
    child: Child,
    pub port: u16,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    pub fn start(content: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_unitpress"))
            .args(["serve", "--port", "0", "--content"])
            .arg(content)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot run the unitpress binary");
        let (tx, stdout) = channel();
        let out = BufReader::new(child.stdout.take().unwrap());
        thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let (sink, mut err) = (stderr.clone(), child.stderr.take().unwrap());
        thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut served = Served {
            child,
            port: 0,
            stdout,
            stderr,
        };
        let line = served
            .stdout
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("serve never said where it listens\n{}", served.log()));
        let address = line
            .split("http://127.0.0.1:")
            .nth(1)
            .unwrap_or_else(|| panic!("not on 127.0.0.1: {line}"));
        served.port = address
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        served
    }

    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The folder the server keeps the site in, as it says on standard error.
    pub fn site_folder(&self) -> PathBuf {
        let log = self.log();
        let rest = log
            .split("The site is kept in ")
            .nth(1)
            .expect("no site folder named");
        PathBuf::from(rest.split(" while serving").next().unwrap())
    }

    pub fn get(&self, target: &str) -> Reply {
        request(self.port, "GET", target)
    }

    /// Waits, at most [`STEP`], until the file at `target` holds `text`: what the server writes
    /// a moment after the pages, such as the search index.
    pub fn wait_for_text(&self, target: &str, text: &str) {
        let deadline = Instant::now() + STEP;
        while !self.get(target).body.contains(text) {
            assert!(
                Instant::now() < deadline,
                "{target} never held {text:?}\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let head = format!(
            "GET /__unitpress/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        Events {
            stream,
            buffer: String::new(),
            log: self.stderr.clone(),
        }
    }

    /// Sends Ctrl-C (SIGINT) and waits for the server to end.
    pub fn interrupt(mut self) -> (ExitStatus, Vec<String>) {
        let status = self.stop();
        (status, self.stdout.try_iter().collect())
    }

    /// Sends SIGINT, waits a bounded time, and kills the server if it is still running.
    fn stop(&mut self) -> ExitStatus {
        let killed = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let deadline = Instant::now() + STEP;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("serve did not stop\n{}", self.log());
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Served {
    /// Stops the server as Ctrl-C does, so that it removes its folder, even when a test failed.
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = Command::new("kill")
                .args(["-INT", &self.child.id().to_string()])
                .status();
            let deadline = Instant::now() + STEP;
            while self.child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(50));
            }
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// An HTTP answer.
pub struct Reply {
    pub status: u16,
    head: String,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Sends one request with the target exactly as given, and reads the whole answer.
pub fn request(port: u16, method: &str, target: &str) -> Reply {
    raw(
        port,
        &format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    )
}

/// Sends `head` exactly as given, and reads the whole answer.
pub fn raw(port: u16, head: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(STEP)).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// An open event stream, and the server's standard error for failure messages.
pub struct Events {
    stream: TcpStream,
    buffer: String,
    log: Arc<Mutex<String>>,
}

impl Events {
    /// The next event named `name` whose data `accept`s, skipping others, within [`STEP`].
    pub fn wait_for(&mut self, name: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + STEP;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let event = block.lines().find_map(|l| l.strip_prefix("event: "));
                let data = block.lines().find_map(|l| l.strip_prefix("data: "));
                if let (Some(event), Some(data)) = (event, data) {
                    let data: Value = serde_json::from_str(data).unwrap();
                    if event == name && accept(&data) {
                        return data;
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "no `{name}` event came; got {:?}\n{}",
                self.buffer,
                self.log.lock().unwrap()
            );
            let mut chunk = [0; 8192];
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("the event stream closed"),
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => panic!("{e}"),
            }
        }
    }
}
