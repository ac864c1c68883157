//! Reading and validating a data directory: extraction files in, a checked [`Dataset`] or every
//! problem found out.
//!
//! Layout of a data directory: `entities.json` (the shared registry), `articles/*.json` (one
//! file per article), and `*.jsonl` files (in the directory or under `articles/`) that hold the
//! same records one per line. Reading (`read`: JSON, JSON Lines, unknown fields, syntax) is apart
//! from checking (`records` and `relation`: one record at a time, against a [`Registry`] of the
//! ids known), so that a streaming build can check each record as it comes. Every problem is
//! collected before anything is returned, so that a person fixing the data sees them all in one
//! run; each names the file, the JSON path, the line and column where there is one, what is
//! wrong and how to fix it.

mod fix;
mod quote;
mod read;
mod records;
mod relation;
mod rules;
mod stream;
mod texts;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::dataset::{Dataset, Document};
use crate::error::{Diagnostic, Diagnostics};
use crate::ontology::Ontology;
use crate::Error;

pub use quote::{occurrences, Placed};
pub(crate) use read::Raw;
pub(crate) use records::{check_document, check_entity, read_source, Registry};
pub(crate) use relation::check_relation;
pub use stream::{stream_dir, Fingerprints, Selection, Streamer};
pub use texts::TextStamps;

/// Places quote `e` in `text` exactly as the check of a relation does: the quote placed, or
/// every problem reported (and `Ok(None)` for an empty text, whose problem is reported apart).
/// Exists for the fuzz targets of `fuzz/`, which have no relation record to check.
#[doc(hidden)]
pub fn place_quote(
    e: &crate::model::Evidence,
    text: &str,
) -> Result<Option<Placed>, Vec<Diagnostic>> {
    let mut c = Collector::default();
    let placed = relation::check_quote(&mut c, &Loc::file(Path::new("quote")), e, text);
    if c.is_clean() {
        Ok(placed)
    } else {
        Err(c.diagnostics)
    }
}

/// Where a record stands: file, JSON path, and line where known.
#[derive(Debug, Clone)]
pub(crate) struct Loc {
    pub file: PathBuf,
    pub path: String,
    pub line: Option<usize>,
}

impl Loc {
    /// The root of a file.
    pub fn file(file: &Path) -> Loc {
        Loc {
            file: file.to_path_buf(),
            path: "$".into(),
            line: None,
        }
    }

    /// A place below this one: `.field` or `[index]`.
    pub fn at(&self, suffix: &str) -> Loc {
        Loc {
            file: self.file.clone(),
            path: format!("{}{suffix}", self.path),
            line: self.line,
        }
    }
}

/// The problems found so far, and the offsets found for quotes given without them.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    diagnostics: Vec<Diagnostic>,
    found: Vec<fix::FoundOffsets>,
}

impl Collector {
    /// Whether no problem has been found so far.
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }

    pub fn push(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            file: loc.file.clone(),
            line: loc.line,
            column: None,
            path: loc.path.clone(),
            message: message.into(),
            help: help.into(),
        });
    }

    /// Records that the quote at `loc`, given without offsets, stands at `start..end`.
    fn found_offsets(&mut self, loc: &Loc, start: usize, end: usize) {
        self.found.push(fix::FoundOffsets {
            loc: loc.clone(),
            start,
            end,
        });
    }

    fn push_diagnostic(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Every problem, sorted by place, each once; `Ok` when there is none.
    pub fn finish(mut self) -> Result<(), Error> {
        if self.diagnostics.is_empty() {
            return Ok(());
        }
        self.diagnostics.sort();
        self.diagnostics.dedup();
        Err(Error::Invalid(Diagnostics(self.diagnostics)))
    }
}

/// Reads and validates the data directory `dir`.
pub fn load_dir(dir: &Path, ontology: &Ontology) -> Result<Dataset, Error> {
    let (dataset, c) = validate(dir, ontology)?;
    c.finish()?;
    Ok(dataset)
}

/// Writes into the files of `dir` the offsets of every quote given without them that was found
/// once in its text, changing nothing else; the number of quotes placed. Other problems are
/// left for `load_dir` to report.
pub fn fix_dir(dir: &Path, ontology: &Ontology) -> Result<usize, Error> {
    let (_, c) = validate(dir, ontology)?;
    fix::write_offsets(&c.found)
}

/// Every check of the data directory `dir`: what validated, and what the collector found.
fn validate(dir: &Path, ontology: &Ontology) -> Result<(Dataset, Collector), Error> {
    let mut c = Collector::default();
    let files = data_files(dir, &mut c)?;
    let mut raw = Raw::default();
    for file in &files {
        read::read_file(file, &mut |record, _| raw.push(record), &mut c)?;
    }
    let dataset = check(dir, raw, ontology, &mut c);
    Ok((dataset, c))
}

/// The extraction files of the data directory `dir`; none is a problem of the data.
fn data_files(dir: &Path, c: &mut Collector) -> Result<Vec<PathBuf>, Error> {
    if !dir.is_dir() {
        return Err(Error::Read {
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such data directory (give one with --data DIR)",
            ),
        });
    }
    let files = extraction_files(dir)?;
    if files.is_empty() {
        c.push(
            &Loc::file(dir),
            "no extraction files found",
            "a data directory holds entities.json and articles/*.json (or *.jsonl records); see docs/data-format.md",
        );
    }
    Ok(files)
}

/// `entities.json`, then the `*.jsonl` of the directory, then `articles/*.json` and
/// `articles/*.jsonl`, each folder sorted by name.
fn extraction_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    let registry = dir.join("entities.json");
    if registry.is_file() {
        files.push(registry);
    }
    for sub in [dir.to_path_buf(), dir.join("articles")] {
        let Ok(entries) = fs::read_dir(&sub) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && match p.extension().and_then(|e| e.to_str()) {
                        Some("jsonl") => true,
                        Some("json") => sub != dir,
                        _ => false,
                    }
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Checks every record: entities first (every reference is checked against them), then
/// documents, then each relation against its document's text.
fn check(dir: &Path, raw: Raw, ontology: &Ontology, c: &mut Collector) -> Dataset {
    let mut registry = Registry::new(ontology);
    let mut entities = Vec::new();
    for (loc, record) in raw.entities {
        if registry.add_entity(c, &loc, &record.id) {
            entities.extend(check_entity(&registry, c, &loc, record));
        }
    }
    // Second uses of a relation id are reported here, and passed over below.
    let first: Vec<bool> = raw
        .relations
        .iter()
        .map(|(loc, doc, r)| registry.add_relation(c, loc, doc, r))
        .collect();
    let mut documents = BTreeMap::<String, (Document, String)>::new();
    for (loc, record) in raw.documents {
        if registry.add_document(c, &loc, &record.id) {
            let text = read_source(dir, &loc, &record.source, c).unwrap_or_default();
            let document = check_document(&registry, c, &loc, record);
            documents.insert(document.record.id.clone(), (document, text));
        }
    }
    // Relations, grouped by document, in input order.
    for ((loc, doc_id, record), first) in raw.relations.into_iter().zip(first) {
        let Some((document, text)) = documents.get_mut(&doc_id) else {
            registry.unknown_document(c, &loc, &doc_id);
            continue;
        };
        if !first {
            continue;
        }
        if let Some(r) = check_relation(&registry, c, &loc, &doc_id, record, text) {
            document.relations.push(r);
        }
    }
    Dataset {
        entities,
        documents: documents.into_values().map(|(d, _)| d).collect(),
    }
}
