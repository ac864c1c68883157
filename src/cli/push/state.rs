//! What the last push to an endpoint confirmed: each graph's fingerprint, kept in the store
//! directory (`push/<endpoint hash>.json`), so that `push --changed` sends only what changed
//! since, and deletes only graphs that newskg itself put there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The graphs confirmed at one endpoint.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Pushed {
    /// The endpoint, as given.
    pub endpoint: String,
    /// Graph IRI → the fingerprint of the content confirmed there.
    pub graphs: BTreeMap<String, String>,
}

/// The file that holds what was pushed to `endpoint` from the store at `store`.
pub fn path(store: &Path, endpoint: &str) -> PathBuf {
    let hash = hex(&Sha256::digest(endpoint.as_bytes()));
    store.join("push").join(format!("{}.json", &hash[..16]))
}

/// What was pushed to `endpoint` before (nothing when never).
pub fn read(file: &Path, endpoint: &str) -> Result<Pushed> {
    match std::fs::read(file) {
        Ok(bytes) => serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "cannot read {}; remove it to push everything again",
                file.display()
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Pushed {
            endpoint: endpoint.to_owned(),
            graphs: BTreeMap::new(),
        }),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", file.display())),
    }
}

/// Writes `pushed` whole or not at all (a temporary file renamed over the old one).
pub fn write(file: &Path, pushed: &Pushed) -> Result<()> {
    let dir = file.parent().expect("a file in a directory");
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    serde_json::to_writer_pretty(&mut temporary, pushed)?;
    temporary
        .persist(file)
        .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(())
}

/// The fingerprint of a graph's content: the SHA-256 of its serialization.
pub fn fingerprint(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_endpoint_has_its_own_file_and_a_missing_file_is_nothing_pushed() {
        let dir = tempfile::TempDir::new().unwrap();
        let a = path(dir.path(), "http://a/store");
        assert_ne!(a, path(dir.path(), "http://b/store"));
        assert!(read(&a, "http://a/store").unwrap().graphs.is_empty());
        let mut pushed = Pushed {
            endpoint: "http://a/store".into(),
            ..Pushed::default()
        };
        pushed.graphs.insert("g".into(), fingerprint(b"x"));
        write(&a, &pushed).unwrap();
        assert_eq!(read(&a, "http://a/store").unwrap().graphs, pushed.graphs);
    }
}
