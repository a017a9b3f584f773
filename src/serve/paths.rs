//! Keeping requests inside the served site. Before `ServeDir` sees a request, [`guard`] refuses
//! any path that tries to leave the site in whatever spelling — `..` and `.` segments plain or
//! encoded (`%2e%2e`), an encoded slash (`%2f`), backslashes, drive letters, NUL bytes, broken
//! escapes — on every platform alike, and puts the rest in one plain form. Then [`Confined`],
//! the file system `ServeDir` reads through, refuses symbolic links that lead out of the site
//! and hides the server's own temporary files.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::services::fs::{Backend, TokioBackend, TokioFile};

/// Refuses (400) a request whose path is not one inside the site; hands on the others with
/// their path in plain form.
pub async fn guard(mut request: Request, next: Next) -> Response {
    match plain(request.uri()) {
        Some(uri) => {
            *request.uri_mut() = uri;
            next.run(request).await
        }
        None => (
            StatusCode::BAD_REQUEST,
            "This address is not a path inside the site.\n",
        )
            .into_response(),
    }
}

/// The path and query of `uri` without a scheme or a host, and without empty segments, each
/// segment spelled as it came: so that the address of a redirect to a folder's slash stays on
/// this server (`//units` must not become `//units/`, which a browser reads as another host).
/// `None` when a segment, decoded, is `.` or `..`, holds a slash, a backslash, a colon or a NUL,
/// or is not UTF-8, or when an escape is broken.
fn plain(uri: &Uri) -> Option<Uri> {
    let path = uri.path();
    let mut out = String::with_capacity(path.len() + 1);
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let decoded = percent_decode(segment)?;
        if decoded == "." || decoded == ".." || decoded.contains(['/', '\\', ':', '\0']) {
            return None;
        }
        out.push('/');
        out.push_str(segment);
    }
    if out.is_empty() || path.ends_with('/') {
        out.push('/');
    }
    if let Some(query) = uri.query() {
        out.push('?');
        out.push_str(query);
    }
    out.parse().ok()
}

/// Decodes `%XX` escapes; `None` for a broken escape or text that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The site's folder as `ServeDir` reads it: only what really lies inside it.
#[derive(Clone)]
pub struct Confined {
    /// The folder as `ServeDir` names the paths it asks for.
    root: Arc<Path>,
    /// The same folder with its links resolved, to compare resolved paths with.
    real: Arc<Path>,
}

impl Confined {
    /// The site in `root`, which must exist.
    pub fn new(root: &Path) -> io::Result<Self> {
        Ok(Confined {
            root: root.into(),
            real: root.canonicalize()?.into(),
        })
    }
}

type Boxed<T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send>>;

impl Backend for Confined {
    type File = TokioFile;
    type Metadata = std::fs::Metadata;
    type OpenFuture = Boxed<TokioFile>;
    type MetadataFuture = Boxed<std::fs::Metadata>;

    fn open(&self, path: PathBuf) -> Self::OpenFuture {
        let site = self.clone();
        Box::pin(async move {
            site.check(&path).await?;
            TokioBackend.open(path).await
        })
    }

    fn metadata(&self, path: PathBuf) -> Self::MetadataFuture {
        let site = self.clone();
        Box::pin(async move {
            site.check(&path).await?;
            TokioBackend.metadata(path).await
        })
    }
}

impl Confined {
    /// Whether `path` may be served: not hidden (the files being written are, until renamed
    /// into place), and inside the site once its links are resolved. `ServeDir` answers a
    /// refusal as it answers a missing file, with the site's 404 page.
    async fn check(&self, path: &Path) -> io::Result<()> {
        let hidden = path.strip_prefix(&self.root).map_or(true, |rel| {
            rel.iter().any(|p| p.as_encoded_bytes().starts_with(b"."))
        });
        if hidden {
            return Err(io::ErrorKind::NotFound.into());
        }
        let real = tokio::fs::canonicalize(path).await?;
        if real.starts_with(&self.real) {
            Ok(())
        } else {
            Err(io::ErrorKind::PermissionDenied.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn plain_path(target: &str) -> Option<String> {
        plain(&target.parse().unwrap()).map(|u| u.to_string())
    }

    #[test]
    fn paths_inside_the_site_are_put_in_plain_form() {
        assert_eq!(plain_path("/").as_deref(), Some("/"));
        assert_eq!(
            plain_path("/units/u/?q=1").as_deref(),
            Some("/units/u/?q=1")
        );
        assert_eq!(plain_path("//units//u").as_deref(), Some("/units/u"));
        assert_eq!(
            plain_path("http://elsewhere.example//units/u").as_deref(),
            Some("/units/u"),
            "a redirect built from it stays on this server"
        );
        assert_eq!(
            plain_path("/units/%75/index.html").as_deref(),
            Some("/units/%75/index.html"),
            "decoded once, by ServeDir"
        );
        assert_eq!(
            plain_path("/%252e%252e/x").as_deref(),
            Some("/%252e%252e/x")
        );
    }

    #[test]
    fn every_way_out_is_refused() {
        for target in [
            "/../secret.txt",
            "/units/../../secret.txt",
            "/./secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/units%2f..%2f..%2fsecret.txt",
            "/%2fetc%2fpasswd",
            "/..%5csecret.txt",
            "/C:/secret.txt",
            "/c%3a/secret.txt",
            "/%00",
            "/%zz",
            "/%2",
            "/%ff",
            "http://127.0.0.1/../secret.txt",
        ] {
            assert_eq!(plain_path(target), None, "{target}");
        }
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn only_what_lies_inside_the_site_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("units")).unwrap();
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join(".index.html.unitpress-new"), "half").unwrap();
        fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), root.join("units/up")).unwrap();
        std::os::unix::fs::symlink(root.join("index.html"), root.join("home.html")).unwrap();
        let site = Confined::new(&root).unwrap();
        runtime().block_on(async {
            assert!(site.open(root.join("index.html")).await.is_ok());
            assert!(site.metadata(root.join("units")).await.is_ok());
            assert!(
                site.open(root.join("home.html")).await.is_ok(),
                "a link inside"
            );
            for refused in ["leak.txt", "units/up", "units/up/secret.txt"] {
                let error = site.metadata(root.join(refused)).await.unwrap_err();
                assert_eq!(error.kind(), io::ErrorKind::PermissionDenied, "{refused}");
                assert!(site.open(root.join(refused)).await.is_err(), "{refused}");
            }
            let hidden = site.open(root.join(".index.html.unitpress-new")).await;
            assert_eq!(hidden.unwrap_err().kind(), io::ErrorKind::NotFound);
            let outside = site.open(tmp.path().join("secret.txt")).await;
            assert!(outside.is_err(), "a path not under the site's folder");
        });
    }
}
