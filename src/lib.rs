//! newskg: entities and relations extracted from news articles, as an RDF knowledge graph.
//!
//! The pipeline is `validate` (extraction files → checked [`Dataset`]) → `mapper` (dataset →
//! quads, pure) → `store` (an embedded Oxigraph store) → `queries`, `export` and `draw` (pictures, via `pgraph`). The binary in
//! `main.rs` and `cli.rs` is a thin layer of argument parsing and printing over these modules.

pub mod dataset;
pub mod draw;
pub mod error;
pub mod export;
pub mod mapper;
pub mod model;
pub mod ontology;
pub mod pgraph;
pub mod qualifiers;
pub mod queries;
pub mod schema;
pub mod site;
pub mod store;
pub mod synth;
pub mod validate;
pub mod vocab;
pub mod wording;

use std::path::Path;

use oxigraph::model::Quad;

pub use dataset::Dataset;
pub use error::{Diagnostic, Diagnostics, Error};
pub use ontology::Ontology;
pub use store::{GraphStore, QueryDataset};
pub use vocab::Iris;

/// What a build loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub documents: usize,
    pub entities: usize,
    pub relations: usize,
    pub quads: usize,
    /// How many quads the store holds after the build, when the build knows it without
    /// counting the store.
    pub stored: Option<usize>,
}

/// Validates the data directory and maps it to quads, without touching any store.
pub fn compile(
    data: &Path,
    ontology: &Ontology,
    iris: &Iris,
) -> Result<(Dataset, Vec<Quad>), Error> {
    let dataset = validate::load_dir(data, ontology)?;
    let quads = mapper::map_dataset(&dataset, ontology, iris);
    Ok((dataset, quads))
}

/// What a build tells about itself as it goes: its phase and its counts. The CLI draws them on a
/// terminal; the default does nothing.
pub trait BuildProgress: Send + Sync {
    /// `read`, `check and map`, `load`, `switch`.
    fn phase(&self, _phase: &'static str) {}
    /// How many relations the build will check, once the first pass knows.
    fn relations_total(&self, _total: u64) {}
    /// Relations checked so far.
    fn relations(&self, _checked: u64) {}
    /// Quads the loader has taken so far.
    fn loaded(&self, _quads: u64) {}
}

/// Progress that nobody watches.
pub struct Silent;

impl BuildProgress for Silent {}

/// Whether a build may reuse what the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildMode {
    /// Replace only the graphs of the articles (and the entities) that changed since the last
    /// build; a full build when there is none, or when the ontology or the base IRI changed.
    Incremental,
    /// Load everything again.
    Full,
}

/// What an incremental build found changed since the last build, by article id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// Whether the entity registry changed.
    pub entities: bool,
}

impl Changes {
    fn between(old: &validate::Fingerprints, new: &validate::Fingerprints) -> Self {
        let mut changes = Changes {
            entities: old.entities != new.entities,
            ..Changes::default()
        };
        for (id, hash) in &new.documents {
            match old.documents.get(id) {
                None => changes.added.push(id.clone()),
                Some(h) if h != hash => changes.changed.push(id.clone()),
                Some(_) => changes.unchanged += 1,
            }
        }
        changes.removed = old
            .documents
            .keys()
            .filter(|id| !new.documents.contains_key(*id))
            .cloned()
            .collect();
        changes
    }

    /// How many articles' graphs an update replaces or removes.
    pub fn replaced(&self) -> usize {
        self.added.len() + self.changed.len() + self.removed.len()
    }

    pub fn is_empty(&self) -> bool {
        !self.entities
            && self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
    }
}

/// What a build keeps beside the generation it made, to tell the next build what changed.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct BuildNote {
    base: String,
    input: validate::Fingerprints,
    /// How many quads the generation holds, so that an update need not count them all.
    #[serde(default)]
    quads: Option<usize>,
}

impl BuildNote {
    fn set(mut self, dir: &store::StoreDir, quads: usize) {
        self.quads = Some(quads);
        dir.set_note(&serde_json::to_string(&self).expect("a note serializes"));
    }
}

/// Validates, maps and loads the data directory into the store directory `dir`. A full build
/// streams: reading, checking and mapping on one thread while the bulk loader writes on
/// another, in memory bounded by the registry and the loader's budget. An incremental one
/// checks the whole input again but changes only the graphs of what changed, in a copy of the
/// current generation. Either way the new graph replaces the old one in one step, and only if
/// the whole input is valid.
pub fn build_store(
    data: &Path,
    dir: &store::StoreDir,
    ontology: &Ontology,
    iris: &Iris,
    mode: BuildMode,
    progress: std::sync::Arc<dyn BuildProgress>,
) -> Result<(BuildReport, Option<Changes>), Error> {
    progress.phase("read");
    dir.lock_for_build()?;
    store::test_point("read");
    let previous = match mode {
        BuildMode::Full => None,
        BuildMode::Incremental => dir
            .note()?
            .and_then(|t| serde_json::from_str::<BuildNote>(&t).ok()),
    };
    let seen = previous.as_ref().map(|p| &p.input.texts);
    let mut streamer = validate::Streamer::read_since(
        data,
        ontology,
        seen.unwrap_or(&validate::TextStamps::default()),
    )?;
    progress.relations_total(streamer.relation_count() as u64);
    let note = BuildNote {
        base: iris.base().to_owned(),
        input: streamer.fingerprints(),
        quads: None,
    };
    let previous = previous
        .filter(|p| p.base == note.base && p.input.ontology == note.input.ontology)
        .map(|p| (Changes::between(&p.input, &note.input), p.quads))
        // One transaction holds what it replaces in memory: past a share of the graph, a new
        // generation streamed in full is both faster and bounded.
        .filter(|(changes, _)| changes.replaced() <= note.input.documents.len() / 4 + 100);
    progress.phase("check and map");
    match previous {
        None => Ok((full_build(streamer, dir, iris, note, progress)?, None)),
        Some((changes, before)) => {
            if !changes.entities {
                // What did not change validated last time; re-check what a change can reach.
                let dirty = changes
                    .added
                    .iter()
                    .chain(&changes.changed)
                    .chain(&changes.removed);
                streamer.check_only_around(&dirty.cloned().collect());
            }
            let before = Counted {
                quads: before,
                note,
            };
            let report = update(streamer, dir, iris, &changes, before, progress.as_ref())?;
            Ok((report, Some(changes)))
        }
    }
}

fn full_build(
    streamer: validate::Streamer<'_>,
    dir: &store::StoreDir,
    iris: &Iris,
    note: BuildNote,
    progress: std::sync::Arc<dyn BuildProgress>,
) -> Result<BuildReport, Error> {
    dir.replace_with(|store| {
        let mut report = std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Quad>>(4);
            let watcher = std::sync::Arc::clone(&progress);
            let reader = scope.spawn(move || {
                streamer.emit_watched(
                    iris,
                    &validate::Selection::All,
                    watcher.as_ref(),
                    &mut |quads| {
                        // The loader stops reading only on an error, which it reports itself.
                        let _ = sender.send(quads);
                    },
                )
            });
            let watcher = std::sync::Arc::clone(&progress);
            store.bulk_load_watched(
                receiver.into_iter().flatten(),
                store::LOAD_MEMORY_MB,
                move |n| watcher.loaded(n),
                || reader.join().expect("the reading thread does not panic"),
            )
        })?;
        progress.phase("compact");
        store::test_point("compact");
        store.optimize()?;
        let stored = store.len()?;
        note.set(dir, stored);
        report.stored = Some(stored);
        progress.phase("switch");
        Ok(report)
    })
}

/// What an update starts from: the note of the build to make, and how many quads the current
/// generation holds (when its note says).
struct Counted {
    quads: Option<usize>,
    note: BuildNote,
}

/// The graphs of what changed replaced, in one transaction on a copy of the current generation.
fn update(
    streamer: validate::Streamer<'_>,
    dir: &store::StoreDir,
    iris: &Iris,
    changes: &Changes,
    before: Counted,
    progress: &dyn BuildProgress,
) -> Result<BuildReport, Error> {
    let mapped: std::collections::BTreeSet<String> = changes
        .added
        .iter()
        .chain(&changes.changed)
        .cloned()
        .collect();
    let selection = validate::Selection::Only {
        documents: mapped,
        entities: changes.entities,
    };
    let mut quads = Vec::new();
    let mut report = streamer.emit_watched(iris, &selection, progress, &mut |q| quads.extend(q))?;
    if changes.is_empty() {
        dir.tidy()?;
        report.stored = before.quads;
        return Ok(report);
    }
    let mut remove: Vec<oxigraph::model::NamedNode> = changes
        .changed
        .iter()
        .chain(&changes.removed)
        .map(|id| iris.article_graph(id))
        .collect();
    if changes.entities {
        remove.push(iris.entities_graph());
    }
    progress.phase("load");
    report.stored = Some(dir.update_with(|store| {
        let gone = match before.quads {
            Some(_) => remove
                .iter()
                .map(|g| store.graph_len(g))
                .sum::<Result<usize, _>>()?,
            None => 0,
        };
        store.replace_graphs(&remove, &quads)?;
        let stored = match before.quads {
            // The graphs replaced are whole: what they held went, what is new came.
            Some(n) => n - gone + quads.iter().collect::<std::collections::HashSet<_>>().len(),
            None => store.len()?,
        };
        before.note.set(dir, stored);
        Ok(stored)
    })?);
    Ok(report)
}

/// Validates, maps and loads the data directory into `store`, replacing what it held.
/// When validation fails, the store is not touched.
pub fn build(
    data: &Path,
    store: &GraphStore,
    ontology: &Ontology,
    iris: &Iris,
) -> Result<BuildReport, Error> {
    let (dataset, quads) = compile(data, ontology, iris)?;
    store.replace_all(&quads)?;
    Ok(BuildReport {
        documents: dataset.documents.len(),
        entities: dataset.entities.len(),
        relations: dataset.relation_count(),
        quads: quads.len(),
        stored: None,
    })
}
