//! The site's pages at `/`, beside the endpoint: the same pages as `newskg site`, with a query
//! page whose forms ask this server. They are written by a `newskg site` worker, so that the
//! server still never opens the store, once per store generation: the first request after a
//! build has completed gets the pages of the new graph.

use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use oxhttp::model::StatusCode;

use super::request::{refuse, Refusal};
use super::worker::{Outcome, Workers};

/// The pages of the current generation, written on demand.
#[derive(Debug)]
pub struct Pages {
    store: PathBuf,
    data: PathBuf,
    /// The generation the pages are of, and the folder that holds them.
    written: Mutex<Option<(String, tempfile::TempDir)>>,
}

impl Pages {
    pub fn new(store: PathBuf, data: PathBuf) -> Self {
        Self {
            store,
            data,
            written: Mutex::new(None),
        }
    }

    /// The file at the URL path `path`, with its media type.
    pub fn file(&self, workers: &Workers, path: &str) -> Result<(&'static str, Vec<u8>), Refusal> {
        let rel = relative(path).ok_or_else(|| not_found(path))?;
        let generation = newskg::store::StoreDir::new(&self.store)
            .current()
            .map_err(|e| {
                refuse(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("no store to show: {e}"),
                )
            })?;
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if written.as_ref().is_none_or(|(g, _)| *g != generation) {
            *written = Some((generation.clone(), self.write(workers)?));
        }
        let (_, dir) = written.as_ref().expect("written above");
        let file = dir.path().join("site").join(&rel);
        let body = std::fs::read(&file).map_err(|_| not_found(path))?;
        Ok((media_type(&rel), body))
    }

    fn write(&self, workers: &Workers) -> Result<tempfile::TempDir, Refusal> {
        let dir = tempfile::TempDir::new()
            .map_err(|e| refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        let args: Vec<String> = vec![
            "site".into(),
            "--served-at".into(),
            "/".into(),
            "--data".into(),
            self.data.display().to_string(),
            "-o".into(),
            dir.path().join("site").display().to_string(),
        ];
        match workers.run(&args, "") {
            Ok(Outcome::Answer(_)) => Ok(dir),
            Ok(Outcome::Failed { message, .. }) => Err(refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot make the pages: {}", message.trim()),
            )),
            Ok(Outcome::Killed | Outcome::TooLarge(_)) => Err(refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "making the pages took longer than the time limit",
            )),
            Err(e) => Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
        }
    }
}

fn not_found(path: &str) -> Refusal {
    refuse(
        StatusCode::NOT_FOUND,
        format!("no page at {path}; the pages start at /, the endpoint is at /query"),
    )
}

/// The file a URL path names inside the site (`/` is its index), or none for a path that
/// would leave it.
fn relative(path: &str) -> Option<PathBuf> {
    let path = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    let rel = Path::new(path.trim_start_matches('/'));
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| rel.to_owned())
}

fn media_type(rel: &Path) -> &'static str {
    match rel.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_stays_inside_the_site() {
        assert_eq!(relative("/"), Some(PathBuf::from("index.html")));
        assert_eq!(
            relative("/en/entity/x.html"),
            Some(PathBuf::from("en/entity/x.html"))
        );
        assert_eq!(relative("/en/"), Some(PathBuf::from("en/index.html")));
        assert_eq!(relative("/../etc/passwd"), None);
        assert_eq!(relative("/en/../../x"), None);
    }
}
