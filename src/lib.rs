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
pub use store::GraphStore;
pub use vocab::Iris;

/// What a build loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub documents: usize,
    pub entities: usize,
    pub relations: usize,
    pub quads: usize,
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

/// Validates, maps and loads the data directory into the store directory `dir` as a stream:
/// reading, checking and mapping on one thread while the bulk loader sorts and writes on
/// another, in memory bounded by the entity registry and the loader's budget. The new graph
/// replaces the old one in one step, and only if the whole input is valid.
pub fn build_store(
    data: &Path,
    dir: &store::StoreDir,
    ontology: &Ontology,
    iris: &Iris,
) -> Result<BuildReport, Error> {
    dir.replace_with(|store| {
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Quad>>(4);
            let reader = scope.spawn(move || {
                validate::stream_dir(data, ontology, iris, &mut |quads| {
                    // The loader stops reading only on an error, which it reports itself.
                    let _ = sender.send(quads);
                })
            });
            store.bulk_load(
                receiver.into_iter().flatten(),
                store::LOAD_MEMORY_MB,
                || reader.join().expect("the reading thread does not panic"),
            )
        })
    })
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
    })
}
