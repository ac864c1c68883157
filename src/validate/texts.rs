//! Source texts' fingerprints, and what a build saw of each text file (its size and
//! modification time), so that an update reads again only the texts that may have changed. As
//! git's index does, a file whose size and time are those of last time, and that had not been
//! modified in the two seconds before that build began, is taken to be unchanged: a file
//! written while a build reads it (or within the file system's time granularity of it) is
//! read again next time.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use super::records::{read_text, source_path, unreadable_source};
use super::{Collector, Loc};

/// How recent a modification is too recent to trust the time alone.
const RACY: Duration = Duration::from_secs(2);

/// What a build saw of the source texts, by their path in the data directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TextStamps {
    /// When the build that saw them began, in nanoseconds since 1970.
    pub since: u128,
    pub texts: BTreeMap<String, Stamp>,
}

/// One text file as a build saw it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub len: u64,
    /// Modification time, in nanoseconds since 1970.
    pub modified: u128,
    /// SHA-256 of the text, in hex.
    pub sha256: String,
}

/// Fingerprints the source texts of one build, trusting `previous` for the files that did not
/// change since it.
pub(crate) struct Stamper<'p> {
    previous: &'p TextStamps,
    now: TextStamps,
}

impl<'p> Stamper<'p> {
    pub fn new(previous: &'p TextStamps) -> Self {
        Self {
            previous,
            now: TextStamps {
                since: nanos(SystemTime::now()),
                texts: BTreeMap::new(),
            },
        }
    }

    /// The fingerprint of the source text `source` of the document at `loc`, read unless the
    /// last build saw the same file; the problem reported when it cannot be read.
    pub fn fingerprint(
        &mut self,
        dir: &Path,
        loc: &Loc,
        source: &str,
        c: &mut Collector,
    ) -> Option<String> {
        let path = source_path(dir, loc, source, c)?;
        let seen = std::fs::metadata(&path).ok().map(|m| {
            let modified = m.modified().map_or(0, nanos);
            (m.len(), modified)
        });
        if let (Some((len, modified)), Some(last)) = (seen, self.previous.texts.get(source)) {
            let settled = modified + RACY.as_nanos() < self.previous.since;
            if settled && last.len == len && last.modified == modified {
                self.now.texts.insert(source.to_owned(), last.clone());
                return Some(last.sha256.clone());
            }
        }
        let text = read_text(&path)
            .map_err(|why| unreadable_source(c, loc, why))
            .ok()?;
        let sha256 = hex(Sha256::digest(text.as_bytes()).as_slice());
        if let Some((len, modified)) = seen {
            let stamp = Stamp {
                len,
                modified,
                sha256: sha256.clone(),
            };
            self.now.texts.insert(source.to_owned(), stamp);
        }
        Some(sha256)
    }

    pub fn finish(self) -> TextStamps {
        self.now
    }
}

fn nanos(time: SystemTime) -> u128 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamped(dir: &Path, previous: &TextStamps) -> (Option<String>, TextStamps) {
        let mut c = Collector::default();
        let mut stamper = Stamper::new(previous);
        let loc = Loc::file(&dir.join("a.json"));
        let hash = stamper.fingerprint(dir, &loc, "t.txt", &mut c);
        (hash, stamper.finish())
    }

    #[test]
    fn a_text_is_read_again_unless_its_size_and_settled_time_are_those_seen_last() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("t.txt"), "نص").unwrap();
        let (first, mut seen) = stamped(dir.path(), &TextStamps::default());
        assert_eq!(
            first.as_deref(),
            Some(hex(Sha256::digest("نص".as_bytes()).as_slice()).as_str())
        );
        // A stamp that says another hash shows which of the two the stamper believed.
        let lie = "0".repeat(64);
        seen.texts.get_mut("t.txt").unwrap().sha256 = lie.clone();
        // Modified just before that build began: not settled, so read.
        assert_eq!(stamped(dir.path(), &seen).0, first);
        // Settled: trusted, not read.
        seen.since += 3 * RACY.as_nanos();
        assert_eq!(stamped(dir.path(), &seen).0, Some(lie.clone()));
        // Another size: read.
        std::fs::write(dir.path().join("t.txt"), "نص آخر").unwrap();
        assert_ne!(stamped(dir.path(), &seen).0, Some(lie));
    }
}
