//! The streaming build's side of validation: the data directory read twice, one record at a
//! time, so that memory holds the entity registry and what links need, never every relation.
//!
//! The first pass registers entities, documents and the ids and ends of relations (what
//! `part_of`, `same_as` and `contradicts` are checked against) and checks entities and
//! documents; their quads go out at its end. The second pass checks each relation against the
//! registry and its article's text and hands its quads out at once. Every problem is collected
//! as in [`super::load_dir`]; the caller commits nothing when the result is an error.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use oxigraph::model::Quad;
use sha2::{Digest, Sha256};

use super::read::{read_file, read_heads, read_lines_only, Record};
use super::records::{check_document, check_entity, Ends, Registry};
use super::relation::check_relation;
use super::texts::{hex, Stamper, TextStamps};
use super::{data_files, Collector, Loc};
use crate::dataset::Document;
use crate::mapper;
use crate::model::DocumentRecord;
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
    Streamer::read(dir, ontology)?.emit(iris, &Selection::All, emit)
}

/// What a build maps: everything, or only some articles (and the entities or not), while every
/// relation is still checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    All,
    Only {
        documents: BTreeSet<String>,
        entities: bool,
    },
}

impl Selection {
    fn document(&self, id: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Only { documents, .. } => documents.contains(id),
        }
    }

    fn entities(&self) -> bool {
        match self {
            Selection::All => true,
            Selection::Only { entities, .. } => *entities,
        }
    }
}

/// What a build's input is made of, as fingerprints: an article's covers its record, its
/// relations and its source text, so that a change to any of them changes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprints {
    pub ontology: String,
    pub entities: String,
    pub documents: BTreeMap<String, String>,
    /// The source text files as the build saw them, so that the next need not read them all.
    #[serde(default)]
    pub texts: TextStamps,
}

/// The data directory after its first pass: the registry, ready to check and map the relations.
pub struct Streamer<'a> {
    dir: PathBuf,
    files: Vec<PathBuf>,
    first: FirstPass<'a>,
    collector: Collector,
    /// The documents whose relations the second pass checks; `None` for all of them.
    checked: Option<BTreeSet<String>>,
}

impl<'a> Streamer<'a> {
    /// The first pass over `dir`.
    pub fn read(dir: &Path, ontology: &'a Ontology) -> Result<Self, Error> {
        Self::read_since(dir, ontology, &TextStamps::default())
    }

    /// The first pass over `dir`, reading only the source texts that changed since a build
    /// saw them as `texts`.
    pub fn read_since(
        dir: &Path,
        ontology: &'a Ontology,
        texts: &TextStamps,
    ) -> Result<Self, Error> {
        let mut collector = Collector::default();
        let files = data_files(dir, &mut collector)?;
        let first = first_pass(dir, &files, ontology, Stamper::new(texts), &mut collector)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            files,
            first,
            collector,
            checked: None,
        })
    }

    /// Leaves unchecked what a build that validated this input before, but for the documents
    /// `dirty` (added, changed or removed since), found valid and what nothing of `dirty` can
    /// make invalid: the second pass checks `dirty` and the documents that link into it. The
    /// caller vouches that the entities and the ontology are those of that build. Everything
    /// is checked when the first pass found a problem, so that every problem is reported.
    pub fn check_only_around(&mut self, dirty: &BTreeSet<String>) {
        if !self.collector.is_clean() {
            return;
        }
        let mut checked = dirty.clone();
        for (doc, targets) in &self.first.links {
            if targets.iter().any(|t| dirty.contains(t)) {
                checked.insert(doc.clone());
            }
        }
        self.checked = Some(checked);
    }

    pub fn fingerprints(&self) -> Fingerprints {
        let documents = self
            .first
            .fingerprints
            .iter()
            .map(|(id, h)| (id.clone(), hex(h.clone().finalize().as_slice())))
            .collect();
        Fingerprints {
            ontology: hex(Sha256::digest(crate::ontology::SOURCE.as_bytes()).as_slice()),
            entities: hex(self.first.entities_hash.clone().finalize().as_slice()),
            documents,
            texts: self.first.texts.clone(),
        }
    }

    /// How many relations the input has (second uses of an id not counted).
    pub fn relation_count(&self) -> usize {
        self.first.registry.relation_count()
    }

    /// The second pass: checks every relation, and hands out the quads of what `selection`
    /// names; an error, with every problem of the whole input, when it is not valid.
    pub fn emit(
        self,
        iris: &Iris,
        selection: &Selection,
        emit: &mut dyn FnMut(Vec<Quad>),
    ) -> Result<BuildReport, Error> {
        self.emit_watched(iris, selection, &crate::Silent, emit)
    }

    /// [`emit`](Self::emit), telling `progress` how many relations it has checked.
    pub fn emit_watched(
        mut self,
        iris: &Iris,
        selection: &Selection,
        progress: &dyn crate::BuildProgress,
        emit: &mut dyn FnMut(Vec<Quad>),
    ) -> Result<BuildReport, Error> {
        let first = &self.first;
        let mut quads = Vec::new();
        if selection == &Selection::All {
            quads = mapper::ontology_quads(first.registry.ontology);
        }
        if selection.entities() {
            for entity in &first.entities {
                mapper::map_entity(entity, iris, &mut quads);
            }
        }
        for document in first
            .documents
            .values()
            .filter(|d| selection.document(&d.record.id))
        {
            mapper::map_document(document, iris, &mut quads);
        }
        let mut report = BuildReport {
            documents: first.documents.len(),
            entities: first.entities.len(),
            relations: 0,
            quads: quads.len(),
            stored: None,
        };
        emit(quads);
        let pass = SecondPass {
            dir: &self.dir,
            first,
            iris,
            selection,
            checked: self.checked.as_ref(),
            progress,
        };
        let emitted = pass.run(&self.files, &mut self.collector, emit)?;
        // When the input is valid, each relation the registry holds is one that validated.
        report.relations = first.registry.relation_count();
        report.quads += emitted;
        self.collector.finish()?;
        Ok(report)
    }
}

/// What the first pass knows: the registry, the checked entities and documents, and the
/// relations to pass over (second uses of an id, already reported).
struct FirstPass<'a> {
    registry: Registry<'a>,
    entities: Vec<crate::dataset::Entity>,
    documents: BTreeMap<String, Document>,
    duplicates: BTreeSet<(PathBuf, String, Option<usize>)>,
    /// Every article's record, relations and text, hashed.
    fingerprints: HashMap<String, Sha256>,
    /// For each article whose statements link to other articles' (`same_as`, `contradicts`),
    /// those articles.
    links: BTreeMap<String, BTreeSet<String>>,
    /// The entity records, hashed in input order.
    entities_hash: Sha256,
    /// The source texts as this pass saw them.
    texts: TextStamps,
}

fn first_pass<'a>(
    dir: &Path,
    files: &[PathBuf],
    ontology: &'a Ontology,
    mut texts: Stamper<'_>,
    c: &mut Collector,
) -> Result<FirstPass<'a>, Error> {
    let mut registry = Registry::new(ontology);
    let mut entity_records = Vec::new();
    let mut document_records = Vec::new();
    let mut duplicates = BTreeSet::new();
    // Looked up once a line: hashed, since ordered keys cost a dozen comparisons each.
    let mut fingerprints: HashMap<String, Sha256> = HashMap::new();
    let mut entities_hash = Sha256::new();
    let mut links = BTreeMap::new();
    for file in files {
        read_heads(
            file,
            &mut |record, c| match record {
                Record::Entity(loc, e) => {
                    entities_hash.update(json(&e));
                    entity_records.push((loc, e))
                }
                Record::Document(loc, d) => document_records.push((loc, d)),
                Record::Relation(loc, doc, r) => {
                    add_to(&mut fingerprints, &doc, &json(&r));
                    note_links(&mut links, &doc, r.same_as.iter().chain(&r.contradicts));
                    if !registry.add_relation(c, &loc, &doc, &r) {
                        duplicates.insert((loc.file.clone(), loc.path.clone(), loc.line));
                    }
                }
                Record::Head(loc, head) => {
                    // The line as it is: a line that is the same as last time validated then.
                    add_to(&mut fingerprints, &head.document, &head.line);
                    let doc = &head.document;
                    note_links(
                        &mut links,
                        doc,
                        head.same_as.iter().chain(&head.contradicts),
                    );
                    let ends = Ends {
                        kind: head.kind,
                        subject: head.subject,
                        object: head.object,
                    };
                    if !registry.add_relation_ends(c, &loc, doc, &head.id, &ends) {
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
    let documents = check_documents(
        &mut registry,
        document_records,
        (&mut fingerprints, &mut texts),
        dir,
        c,
    );
    // Relations of documents that are not there are reported by the second pass.
    fingerprints.retain(|id, _| documents.contains_key(id));
    Ok(FirstPass {
        registry,
        entities,
        documents,
        duplicates,
        fingerprints,
        links,
        entities_hash,
        texts: texts.finish(),
    })
}

/// Registers and checks the document records, adding each one's record and source text to its
/// fingerprint.
fn check_documents(
    registry: &mut Registry<'_>,
    records: Vec<(Loc, DocumentRecord)>,
    (fingerprints, texts): (&mut HashMap<String, Sha256>, &mut Stamper<'_>),
    dir: &Path,
    c: &mut Collector,
) -> BTreeMap<String, Document> {
    let mut documents = BTreeMap::new();
    for (loc, record) in records {
        if registry.add_document(c, &loc, &record.id) {
            let hash = fingerprints.entry(record.id.clone()).or_default();
            hash.update(json(&record));
            if let Some(text) = texts.fingerprint(dir, &loc, &record.source, c) {
                hash.update(text.as_bytes());
            }
            let document = check_document(registry, c, &loc, record);
            documents.insert(document.record.id.clone(), document);
        }
    }
    documents
}

/// Adds `bytes` to the fingerprint of article `doc`.
fn add_to(fingerprints: &mut HashMap<String, Sha256>, doc: &str, bytes: &[u8]) {
    match fingerprints.get_mut(doc) {
        Some(hash) => hash.update(bytes),
        None => {
            let mut hash = Sha256::new();
            hash.update(bytes);
            fingerprints.insert(doc.to_owned(), hash);
        }
    }
}

/// Notes the other articles that statement ids `targets` (`article/relation`) of `doc` name.
fn note_links<'t>(
    links: &mut BTreeMap<String, BTreeSet<String>>,
    doc: &str,
    targets: impl Iterator<Item = &'t String>,
) {
    for target in targets {
        let article = target.split_once('/').map_or(target.as_str(), |(a, _)| a);
        if article != doc {
            links
                .entry(doc.to_owned())
                .or_default()
                .insert(article.to_owned());
        }
    }
}

/// What the second pass checks against and maps with.
struct SecondPass<'p, 'a> {
    dir: &'p Path,
    first: &'p FirstPass<'a>,
    iris: &'p Iris,
    selection: &'p Selection,
    checked: Option<&'p BTreeSet<String>>,
    progress: &'p dyn crate::BuildProgress,
}

impl SecondPass<'_, '_> {
    /// Checks the relations to check and maps those of the selected articles; how many quads
    /// went out.
    fn run(
        &self,
        files: &[PathBuf],
        c: &mut Collector,
        emit: &mut dyn FnMut(Vec<Quad>),
    ) -> Result<usize, Error> {
        let mut texts = TextCache::default();
        let (mut relations, mut emitted) = (0, 0);
        let mut quads = Vec::with_capacity(CHUNK);
        // Only the lines of what is checked are read, and relations of no known article.
        let lines = self.checked.map(|checked| {
            let documents = &self.first.documents;
            let wanted = |doc: &str| checked.contains(doc) || !documents.contains_key(doc);
            self.first.registry.relation_lines(wanted)
        });
        for file in files {
            let mut sink = |record, c: &mut Collector| {
                let Record::Relation(loc, doc, r) = record else {
                    return;
                };
                if self.relation(&loc, &doc, r, c, &mut texts, &mut quads) {
                    relations += 1;
                    if relations % 1024 == 0 {
                        self.progress.relations(relations as u64);
                    }
                    if relations == 1 {
                        // The entities and documents are with the loader by now.
                        crate::store::test_point("streaming");
                    }
                }
                if quads.len() >= CHUNK {
                    emitted += quads.len();
                    emit(std::mem::replace(&mut quads, Vec::with_capacity(CHUNK)));
                }
            };
            match &lines {
                None => read_file(file, &mut sink, c)?,
                Some(lines) => match lines.get(file) {
                    Some(numbers) => read_lines_only(file, numbers, &mut sink, c)?,
                    None => continue,
                },
            }
        }
        emitted += quads.len();
        emit(quads);
        self.progress.relations(relations as u64);
        Ok(emitted)
    }

    /// Checks one relation, and maps it when its article is selected; whether it is valid.
    fn relation(
        &self,
        loc: &super::Loc,
        doc: &str,
        r: crate::model::RelationRecord,
        c: &mut Collector,
        texts: &mut TextCache,
        quads: &mut Vec<Quad>,
    ) -> bool {
        let first = self.first;
        if first
            .duplicates
            .contains(&(loc.file.clone(), loc.path.clone(), loc.line))
        {
            return false;
        }
        let Some(document) = first.documents.get(doc) else {
            first.registry.unknown_document(c, loc, doc);
            return false;
        };
        if self.checked.is_some_and(|checked| !checked.contains(doc)) {
            return true; // validated by the build before, and nothing it depends on changed
        }
        let text = texts.get(self.dir, document);
        let Some(relation) = check_relation(&first.registry, c, loc, doc, r, text) else {
            return false;
        };
        if self.selection.document(doc) {
            mapper::map_relation(document, &relation, self.iris, quads);
        }
        true
    }
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

/// A record's canonical JSON, for its fingerprint.
fn json(record: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(record).expect("records serialize")
}
