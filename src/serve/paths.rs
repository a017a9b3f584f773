//! Keeping requests inside the served site. `ServeDir` decodes the path and refuses any `..`,
//! root or drive-letter component it then holds, however it was spelled (`%2e%2e`, `%2f` for a
//! slash, backslashes on Windows). [`Confined`], the file system it reads through, then refuses
//! whatever still resolves out of the site, through a symbolic link or otherwise, and hides the
//! server's own temporary files; both are answered with the site's 404 page. [`plain_form`]
//! keeps the redirect to a folder's slash on this server.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::fs::{Backend, TokioBackend, TokioFile};

/// Hands the request on with its target reduced to a path and query, without a scheme, a host
/// or empty segments: `ServeDir` builds the address of a redirect from it, and `//units` must
/// not become `//units/`, which a browser reads as another host.
pub async fn plain_form(mut request: Request, next: Next) -> Response {
    let uri = request.uri();
    let segments = uri.path().split('/').filter(|s| !s.is_empty());
    let mut plain: String = segments.flat_map(|s| ["/", s]).collect();
    if plain.is_empty() || uri.path().ends_with('/') {
        plain.push('/');
    }
    if let Some(query) = uri.query() {
        plain.push('?');
        plain.push_str(query);
    }
    if let Ok(plain) = plain.parse() {
        *request.uri_mut() = plain;
    }
    next.run(request).await
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
        // A path that cannot be resolved (too long, say) is not one of the site's.
        let real = tokio::fs::canonicalize(path)
            .await
            .map_err(|_| io::Error::from(io::ErrorKind::NotFound))?;
        if real.starts_with(&self.real) {
            Ok(())
        } else {
            Err(io::ErrorKind::PermissionDenied.into())
        }
    }
}

/// What the file system operations hand back.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn only_what_lies_inside_the_site_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("units")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join(".index.html.unitpress-new"), "half").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), root.join("units/up")).unwrap();
        std::os::unix::fs::symlink(root.join("index.html"), root.join("home.html")).unwrap();
        let site = Confined::new(&root).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build();
        runtime.unwrap().block_on(async {
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
