//! The streaming build's side of validation: the data directory read twice, one record at a
//! time, so that memory holds the entity registry and what links need, never every relation.
//!
//! The first pass registers entities, documents and the ids and ends of relations (what
//! `part_of`, `same_as` and `contradicts` are checked against) and checks entities and
//! documents; their quads go out at its end. The second pass checks each relation against the
//! registry and its article's text and hands its quads out at once. Every problem is collected
//! as in [`super::load_dir`]; the caller commits nothing when the result is an error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use oxigraph::model::Quad;

use super::read::{read_file, Record};
use super::records::{check_document, check_entity, Registry};
use super::relation::check_relation;
use super::rules::{duplicate_relation, FirstUse};
use super::{data_files, Collector};
use crate::dataset::Document;
use crate::mapper;
use crate::ontology::Ontology;
use crate::vocab::Iris;
use crate::{BuildReport, Error};

/// How many quads go out together.
const CHUNK: usize = 16_384;

/// Checks and maps the data directory `dir` as a stream, handing quads to `emit` as they are
/// made; an error, with every problem found, when the data is not valid.
pub fn stream_dir(
    dir: &Path,
    ontology: &Ontology,
    iris: &Iris,
    emit: &mut dyn FnMut(Vec<Quad>),
) -> Result<BuildReport, Error> {
    let mut c = Collector::default();
    let files = data_files(dir, &mut c)?;
    let first = first_pass(dir, &files, ontology, &mut c)?;
    let mut quads = mapper::ontology_quads(ontology);
    for entity in &first.entities {
        mapper::map_entity(entity, iris, &mut quads);
    }
    for document in first.documents.values() {
        mapper::map_document(document, iris, &mut quads);
    }
    let mut report = BuildReport {
        documents: first.documents.len(),
        entities: first.entities.len(),
        relations: 0,
        quads: quads.len(),
    };
    emit(quads);
    let (relations, emitted) = second_pass(dir, &files, &first, iris, &mut c, emit)?;
    report.relations = relations;
    report.quads += emitted;
    c.finish()?;
    Ok(report)
}

/// What the first pass knows: the registry, the checked entities and documents, and the
/// relations to pass over (second uses of an id, already reported).
struct FirstPass<'a> {
    registry: Registry<'a>,
    entities: Vec<crate::dataset::Entity>,
    documents: BTreeMap<String, Document>,
    duplicates: BTreeSet<(PathBuf, String, Option<usize>)>,
}

fn first_pass<'a>(
    dir: &Path,
    files: &[PathBuf],
    ontology: &'a Ontology,
    c: &mut Collector,
) -> Result<FirstPass<'a>, Error> {
    let mut registry = Registry::new(ontology);
    let mut entity_records = Vec::new();
    let mut document_records = Vec::new();
    let mut seen = FirstUse::default();
    let mut duplicates = BTreeSet::new();
    for file in files {
        read_file(
            file,
            &mut |record, c| match record {
                Record::Entity(loc, e) => entity_records.push((loc, e)),
                Record::Document(loc, d) => document_records.push((loc, d)),
                Record::Relation(loc, doc, r) => {
                    let key = (doc.clone(), r.id.clone());
                    if seen.first(c, &loc, key, || duplicate_relation(&r.id, &doc)) {
                        registry.add_relation(&doc, &r);
                    } else {
                        duplicates.insert((loc.file.clone(), loc.path.clone(), loc.line));
                    }
                }
            },
            c,
        )?;
    }
    // Entities first: documents and relations are checked against them.
    let mut entities = Vec::new();
    for (loc, record) in entity_records {
        if registry.add_entity(c, &loc, &record.id) {
            entities.extend(check_entity(&registry, c, &loc, record));
        }
    }
    let mut documents = BTreeMap::new();
    for (loc, record) in document_records {
        if registry.add_document(c, &loc, &record.id) {
            let (document, _) = check_document(&registry, c, &loc, record, dir);
            documents.insert(document.record.id.clone(), document);
        }
    }
    Ok(FirstPass {
        registry,
        entities,
        documents,
        duplicates,
    })
}

/// Checks and maps every relation; how many validated and how many quads went out.
fn second_pass(
    dir: &Path,
    files: &[PathBuf],
    first: &FirstPass<'_>,
    iris: &Iris,
    c: &mut Collector,
    emit: &mut dyn FnMut(Vec<Quad>),
) -> Result<(usize, usize), Error> {
    let mut texts = TextCache::default();
    let (mut relations, mut emitted) = (0, 0);
    let mut quads = Vec::with_capacity(CHUNK);
    for file in files {
        read_file(
            file,
            &mut |record, c| {
                let Record::Relation(loc, doc, r) = record else {
                    return;
                };
                if first
                    .duplicates
                    .contains(&(loc.file.clone(), loc.path.clone(), loc.line))
                {
                    return;
                }
                let Some(document) = first.documents.get(&doc) else {
                    first.registry.unknown_document(c, &loc, &doc);
                    return;
                };
                let text = texts.get(dir, document);
                if let Some(relation) = check_relation(&first.registry, c, &loc, &doc, r, text) {
                    mapper::map_relation(document, &relation, iris, &mut quads);
                    relations += 1;
                    if relations == 1 {
                        // The entities and documents are with the loader by now.
                        crate::store::crash_point("streaming");
                    }
                }
                if quads.len() >= CHUNK {
                    emitted += quads.len();
                    emit(std::mem::replace(&mut quads, Vec::with_capacity(CHUNK)));
                }
            },
            c,
        )?;
    }
    emitted += quads.len();
    emit(quads);
    Ok((relations, emitted))
}

/// The source texts of the last few documents: relations come grouped by their article, in
/// article files and in the JSON Lines that `newskg synth` writes alike.
#[derive(Default)]
struct TextCache {
    texts: Vec<(String, String)>,
}

impl TextCache {
    const SIZE: usize = 16;

    /// The text of `document` (empty when it cannot be read, which the first pass reported).
    fn get(&mut self, dir: &Path, document: &Document) -> &str {
        let id = &document.record.id;
        let at = match self.texts.iter().position(|(d, _)| d == id) {
            Some(at) => at,
            None => {
                let text = super::records::source_text(dir, &document.record).unwrap_or_default();
                if self.texts.len() == Self::SIZE {
                    self.texts.remove(0);
                }
                self.texts.push((id.clone(), text));
                self.texts.len() - 1
            }
        };
        &self.texts[at].1
    }
}
