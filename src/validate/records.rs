//! Checking entity and document records, one at a time, against the [`Registry`] of ids.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use oxigraph::model::{Literal, NamedNode};

use super::rules::{
    check_date, check_id, check_key, check_labels, check_plain, check_text, suggest, FirstUse,
    Needs,
};
use super::{Collector, Loc};
use crate::dataset::{Document, Entity};
use crate::model::{DocumentRecord, EntityRecord, RelationRecord};
use crate::ontology::Ontology;
use crate::vocab::WIKIDATA_ENTITY;

/// What a record is checked against: the ontology, and the ids of the entities, documents and
/// relations of the input.
#[derive(Debug)]
pub struct Registry<'a> {
    pub ontology: &'a Ontology,
    entities: FirstUse<String>,
    documents: FirstUse<String>,
    /// Every relation of the input by (document, relation) id: its type, its two ends and
    /// where it stands, for duplicate ids and for `part_of`, `same_as` and `contradicts`.
    relations: RelationIndex,
}

/// The relations of the input, kept small (a few dozen bytes each, whatever the input's size):
/// ids interned, and where each stands as a file number and a line.
#[derive(Debug, Default)]
struct RelationIndex {
    names: Interner,
    files: Vec<PathBuf>,
    table: HashMap<(u32, u32), Compact>,
}

#[derive(Debug)]
struct Compact {
    kind: u32,
    subject: u32,
    object: u32,
    file: u32,
    line: u32,
    /// The JSON path, for a relation of an article file (a line of JSON Lines is `$`).
    path: Option<Box<str>>,
}

/// Each distinct string once, by number.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.ids.get(s) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.names.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}

impl RelationIndex {
    fn file_number(&mut self, file: &Path) -> u32 {
        match self.files.iter().rposition(|f| f == file) {
            Some(n) => n as u32,
            None => {
                self.files.push(file.to_path_buf());
                (self.files.len() - 1) as u32
            }
        }
    }

    fn key(&self, doc: &str, id: &str) -> Option<(u32, u32)> {
        Some((self.names.get(doc)?, self.names.get(id)?))
    }

    fn loc(&self, c: &Compact) -> Loc {
        Loc {
            file: self.files[c.file as usize].clone(),
            path: c.path.as_deref().unwrap_or("$").to_owned(),
            line: (c.line > 0).then_some(c.line as usize),
        }
    }
}

/// What links between statements are checked against: a relation's type and its two ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ends {
    pub kind: String,
    pub subject: String,
    pub object: String,
}

impl<'a> Registry<'a> {
    pub fn new(ontology: &'a Ontology) -> Self {
        Self {
            ontology,
            entities: FirstUse::default(),
            documents: FirstUse::default(),
            relations: RelationIndex::default(),
        }
    }

    /// Registers an entity id; false (and reported) when another entity has it.
    pub fn add_entity(&mut self, c: &mut Collector, loc: &Loc, id: &str) -> bool {
        self.entities.first(c, loc, id.to_owned(), || {
            (
                format!("duplicate entity id {id:?}"),
                "merge the two or give one another id",
            )
        })
    }

    /// Registers a document id; false (and reported) when another document has it.
    pub fn add_document(&mut self, c: &mut Collector, loc: &Loc, id: &str) -> bool {
        check_id(c, &loc.at(".id"), id);
        self.documents.first(c, loc, id.to_owned(), || {
            (
                format!("duplicate document id {id:?}"),
                "each article needs its own id",
            )
        })
    }

    /// Registers relation `r` of document `doc`, at `loc`, so that links to it can be checked;
    /// false (and reported, with the first place) when the document has another relation with
    /// its id.
    pub fn add_relation(
        &mut self,
        c: &mut Collector,
        loc: &Loc,
        doc: &str,
        r: &RelationRecord,
    ) -> bool {
        let ends = Ends {
            kind: r.kind.clone(),
            subject: r.subject.clone(),
            object: r.object.clone(),
        };
        self.add_relation_ends(c, loc, doc, &r.id, &ends)
    }

    /// [`add_relation`](Self::add_relation) given the relation's id and ends.
    pub fn add_relation_ends(
        &mut self,
        c: &mut Collector,
        loc: &Loc,
        doc: &str,
        id: &str,
        ends: &Ends,
    ) -> bool {
        let index = &mut self.relations;
        let key = (index.names.intern(doc), index.names.intern(id));
        if let Some(first) = index.table.get(&key) {
            let what = super::rules::duplicate_relation(id, doc);
            super::rules::second_use(c, loc, &index.loc(first), what);
            return false;
        }
        let compact = Compact {
            kind: index.names.intern(&ends.kind),
            subject: index.names.intern(&ends.subject),
            object: index.names.intern(&ends.object),
            file: index.file_number(&loc.file),
            line: loc.line.unwrap_or(0) as u32,
            path: loc.line.is_none().then(|| loc.path.as_str().into()),
        };
        index.table.insert(key, compact);
        true
    }

    /// Where the relations of the documents that `wanted` picks stand: for each file, the
    /// lines of JSON Lines (ascending; an article file's relations are line 0).
    pub fn relation_lines(&self, wanted: impl Fn(&str) -> bool) -> HashMap<PathBuf, Vec<u32>> {
        let index = &self.relations;
        let mut lines: HashMap<u32, Vec<u32>> = HashMap::new();
        // Asked once a document, not once a relation: `wanted` may search a large map.
        let mut verdicts: Vec<Option<bool>> = vec![None; index.names.names.len()];
        for (&(doc, _), found) in &index.table {
            let verdict = &mut verdicts[doc as usize];
            if *verdict.get_or_insert_with(|| wanted(index.names.name(doc))) {
                lines.entry(found.file).or_default().push(found.line);
            }
        }
        lines
            .into_iter()
            .map(|(file, mut numbers)| {
                numbers.sort_unstable();
                numbers.dedup();
                (index.files[file as usize].clone(), numbers)
            })
            .collect()
    }

    pub fn relation_count(&self) -> usize {
        self.relations.table.len()
    }

    /// The type and ends of relation `id` of document `doc`, if the input has it.
    pub fn relation(&self, doc: &str, id: &str) -> Option<Ends> {
        let index = &self.relations;
        let found = index.table.get(&index.key(doc, id)?)?;
        Some(Ends {
            kind: index.names.name(found.kind).to_owned(),
            subject: index.names.name(found.subject).to_owned(),
            object: index.names.name(found.object).to_owned(),
        })
    }

    /// Reports a reference to an entity that the registry does not hold.
    pub fn entity(&self, c: &mut Collector, loc: &Loc, id: &str) {
        if !self.entities.contains(&id.to_owned()) {
            c.push(
                loc,
                format!("unknown entity {id:?}{}", suggest(id, self.entities.keys())),
                "use the id of an entity of entities.json, or add the entity there",
            );
        }
    }

    /// Reports a relation line whose document is none of the input's.
    pub fn unknown_document(&self, c: &mut Collector, loc: &Loc, doc_id: &str) {
        if self.documents.contains(&doc_id.to_owned()) {
            return; // its document was rejected: already reported
        }
        c.push(
            &loc.at(".document"),
            format!(
                "unknown document {doc_id:?}{}",
                suggest(doc_id, self.documents.keys())
            ),
            "a relation line names the id of a document record",
        );
    }
}

/// Checks one entity record: its id, names, aliases, Wikidata id and type.
pub fn check_entity(
    registry: &Registry<'_>,
    c: &mut Collector,
    loc: &Loc,
    record: EntityRecord,
) -> Option<Entity> {
    check_id(c, &loc.at(".id"), &record.id);
    check_labels(c, &loc.at(".labels"), &record.labels, Needs::Both);
    let wikidata = record
        .wikidata
        .as_deref()
        .and_then(|q| wikidata_item(c, &loc.at(".wikidata"), q));
    for (i, alias) in record.aliases.iter().enumerate() {
        let at = loc.at(&format!(".aliases[{i}]"));
        if alias.trim().is_empty() {
            c.push(&at, "empty alias", "remove it");
        }
        check_plain(c, &at, alias);
    }
    let types = &registry.ontology.entity_types;
    let class = check_key(c, &loc.at(".type"), "entity type", &record.kind, types)?.clone();
    Some(Entity {
        record,
        class,
        wikidata,
    })
}

/// The IRI of a Wikidata item id such as `Q317521`.
fn wikidata_item(c: &mut Collector, loc: &Loc, q: &str) -> Option<NamedNode> {
    let ok = q.len() > 1
        && q.starts_with('Q')
        && q[1..].bytes().all(|b| b.is_ascii_digit())
        && !q[1..].starts_with('0');
    let iri = ok
        .then(|| NamedNode::new(format!("{WIKIDATA_ENTITY}{q}")).ok())
        .flatten();
    if iri.is_none() {
        c.push(
            loc,
            format!("{q:?} is not a Wikidata item id"),
            "write the item id alone, e.g. \"Q317521\", not its URL; leave it out when unsure",
        );
    }
    iri
}

/// Checks one document record and reads its source text (empty when it cannot be read, which
/// is reported).
pub fn check_document(
    registry: &Registry<'_>,
    c: &mut Collector,
    loc: &Loc,
    record: DocumentRecord,
) -> Document {
    if let Some(p) = &record.publisher {
        registry.entity(c, &loc.at(".publisher"), p);
    }
    for (field, ids) in [
        ("authors", &record.authors),
        ("reports_from", &record.reports_from),
    ] {
        for (i, id) in ids.iter().enumerate() {
            registry.entity(c, &loc.at(&format!(".{field}[{i}]")), id);
        }
    }
    if let Some(title) = &record.title {
        check_labels(c, &loc.at(".title"), title, Needs::Either);
    }
    let url = record
        .url
        .as_deref()
        .and_then(|u| check_url(c, &loc.at(".url"), u));
    if Literal::new_language_tagged_literal("", &record.language).is_err() {
        c.push(
            &loc.at(".language"),
            format!("{:?} is not a BCP 47 language tag", record.language),
            "write a tag such as \"ar\" or \"en\"",
        );
    }
    let published = record.published.as_ref().and_then(|p| {
        if p.inferred && p.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            c.push(
                &loc.at(".published.reason"),
                "an inferred date needs its reason",
                "say in `reason` how the date was inferred from the text",
            );
        }
        if let Some(reason) = &p.reason {
            check_text(c, &loc.at(".published.reason"), reason);
        }
        check_date(c, &loc.at(".published.date"), &p.date)
    });
    Document {
        record,
        url,
        published,
        relations: Vec::new(),
    }
}

/// An absolute IRI, as iri-string reads it and as Oxigraph will store it.
fn check_url(c: &mut Collector, loc: &Loc, url: &str) -> Option<NamedNode> {
    let parsed = iri_string::types::IriStr::new(url)
        .map_err(|e| e.to_string())
        .and_then(|_| NamedNode::new(url).map_err(|e| e.to_string()));
    match parsed {
        Ok(iri) => Some(iri),
        Err(e) => {
            c.push(
                loc,
                format!("{url:?} is not an absolute IRI: {e}"),
                "write the full address, e.g. \"https://example.com/news/1\"",
            );
            None
        }
    }
}

/// The source text of a document whose record has been checked, for the second pass of a
/// streaming build; `None` when it cannot be read (reported by the check).
pub fn source_text(dir: &Path, record: &DocumentRecord) -> Option<String> {
    let path = inside(dir, &record.source).ok()?;
    read_text(&path).ok()
}

/// The path of source text `source` in the data directory `dir`; the problem when it is
/// absolute, climbs out with `..`, or is a link to a file outside.
fn inside(dir: &Path, source: &str) -> Result<PathBuf, String> {
    let given = Path::new(source);
    let climbs = given
        .components()
        .any(|p| matches!(p, Component::ParentDir));
    if given.is_absolute() || climbs {
        return Err(format!("source path {source:?} leaves the data directory"));
    }
    let path = dir.join(given);
    // A link may point anywhere: what counts is where the text really is.
    if let (Ok(real), Ok(root)) = (path.canonicalize(), dir.canonicalize()) {
        if !real.starts_with(&root) {
            return Err(format!(
                "source path {source:?} is a link to {}, outside the data directory",
                real.display()
            ));
        }
    }
    Ok(path)
}

/// The text of the file at `path`; what is wrong when it cannot be read or is not UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path)
        .map_err(|e| format!("cannot read the source text {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "the source text {} is not UTF-8: byte 0x{:02X} at offset {at}",
            path.display(),
            e.as_bytes()[at]
        )
    })
}

/// The source text of the document at `loc`, checked: where it is, that it can be read and is
/// UTF-8; the problem reported otherwise.
pub(crate) fn read_source(
    dir: &Path,
    loc: &Loc,
    source: &str,
    c: &mut Collector,
) -> Option<String> {
    let path = source_path(dir, loc, source, c)?;
    read_text(&path)
        .map_err(|why| unreadable_source(c, loc, why))
        .ok()
}

/// The path of the source text of the document at `loc`; the problem reported when it leaves
/// the data directory.
pub(crate) fn source_path(
    dir: &Path,
    loc: &Loc,
    source: &str,
    c: &mut Collector,
) -> Option<PathBuf> {
    inside(dir, source)
        .map_err(|why| {
            c.push(
                &loc.at(".source"),
                why,
                "give the text's path relative to the data directory, e.g. \"corpus/000.txt\", \
                 and keep the text itself there",
            )
        })
        .ok()
}

/// Reports why the source text of the document at `loc` cannot be read.
pub(crate) fn unreadable_source(c: &mut Collector, loc: &Loc, why: String) {
    c.push(
        &loc.at(".source"),
        why,
        "copy the article's text there (UTF-8) or correct the path, relative to the data directory",
    );
}
