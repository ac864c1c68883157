//! One validated configuration made from the flags before any work starts: where the data and
//! the store are, the IRIs to mint and the ontology; it opens (or first builds) the store.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use newskg::store::StoreDir;
use newskg::vocab::{Iris, DEFAULT_BASE};
use newskg::{GraphStore, Ontology};

use super::args::{DataArgs, StoreArgs};

/// Where the data and the store are, and the IRIs to mint: validated once, before any work.
pub struct Config {
    /// The data directory.
    pub data: PathBuf,
    /// The store directory; `None` for a store in memory.
    pub store: Option<PathBuf>,
    pub iris: Iris,
    pub ontology: Ontology,
    /// Whether a build reloads everything (`--full`) or only what changed.
    pub mode: newskg::BuildMode,
    /// No progress bar, even on a terminal.
    pub quiet: bool,
}

impl Config {
    pub fn new(data: &DataArgs, store: Option<&StoreArgs>) -> Result<Self> {
        let data = match &data.data {
            Some(d) => d.clone(),
            None => default_data_dir(),
        };
        let (store, base) = match store {
            Some(s) if s.memory => (None, s.base.as_str()),
            Some(s) => (
                Some(match &s.store {
                    Some(p) => p.clone(),
                    None => default_store_dir()?,
                }),
                s.base.as_str(),
            ),
            None => (None, DEFAULT_BASE),
        };
        Ok(Self {
            data,
            store,
            iris: Iris::new(base)?,
            ontology: Ontology::bundled()?,
            mode: newskg::BuildMode::Incremental,
            quiet: false,
        })
    }

    /// Opens the store, building it from the data first when it does not exist yet.
    pub fn store_for_reading(&self) -> Result<GraphStore> {
        match &self.store {
            Some(path) if StoreDir::new(path).exists() => StoreDir::new(path)
                .open()
                .with_context(|| format!("cannot open the store at {}", path.display())),
            Some(path) => {
                StoreDir::new(path).check()?;
                eprintln!(
                    "newskg: no store at {} yet; building it from {}",
                    path.display(),
                    self.data.display()
                );
                self.build()
            }
            None => self.build(),
        }
    }

    /// Validates and maps the data, then replaces the store's content with it: streamed into a
    /// new generation of a store on disk; in memory, checked whole and then loaded.
    pub fn build(&self) -> Result<GraphStore> {
        let started = Instant::now();
        let (report, store) = match &self.store {
            Some(path) => {
                let dir = StoreDir::new(path);
                let bar = std::sync::Arc::new(super::progress::Bar::new(self.quiet));
                let progress: std::sync::Arc<dyn newskg::BuildProgress> = bar.clone();
                let built = newskg::build_store(
                    &self.data,
                    &dir,
                    &self.ontology,
                    &self.iris,
                    self.mode,
                    progress,
                );
                bar.finish();
                let (report, changes) = built?;
                if let Some(changes) = changes {
                    eprintln!("newskg: {}", changes_text(&changes));
                }
                let store = dir
                    .open()
                    .with_context(|| format!("cannot open the store at {}", path.display()))?;
                (report, store)
            }
            None => {
                let store = GraphStore::memory()?;
                let report = newskg::build(&self.data, &store, &self.ontology, &self.iris)?;
                (report, store)
            }
        };
        eprintln!(
            "newskg: loaded {} documents, {} entities, {} relations, {} triples into {} in {:.2} s",
            report.documents,
            report.entities,
            report.relations,
            match report.stored {
                Some(n) => n,
                None => store.len()?,
            },
            match &self.store {
                Some(p) => p.display().to_string(),
                None => "a store in memory".to_owned(),
            },
            started.elapsed().as_secs_f64()
        );
        Ok(store)
    }
}

/// `2 documents added, 1 changed, 0 removed, 5 unchanged; entities unchanged`.
fn changes_text(c: &newskg::Changes) -> String {
    format!(
        "{} document{} added, {} changed, {} removed, {} left alone; entities {}",
        c.added.len(),
        if c.added.len() == 1 { "" } else { "s" },
        c.changed.len(),
        c.removed.len(),
        c.unchanged,
        if c.entities { "changed" } else { "unchanged" }
    )
}

/// `./data` when it looks like a data directory, else the directory newskg was built from.
fn default_data_dir() -> PathBuf {
    let local = PathBuf::from("data");
    if local.join("entities.json").is_file() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
    }
}

fn default_store_dir() -> Result<PathBuf> {
    match dirs::data_dir() {
        Some(d) => Ok(d.join("newskg").join("store")),
        None => bail!("no home directory to put the store in: give --store DIR or --memory"),
    }
}
