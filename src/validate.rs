//! Reading and validating a data directory: extraction files in, a checked [`Dataset`] or every
//! problem found out.
//!
//! Layout of a data directory: `entities.json` (the shared registry), `articles/*.json` (one
//! file per article), and `*.jsonl` files (in the directory or under `articles/`) that hold the
//! same records one per line. Every problem is collected before anything is returned, so that a
//! person fixing the data sees them all in one run; each names the file, the JSON path, the line
//! and column where there is one, what is wrong and how to fix it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::dataset::{Dataset, Document, Entity, PartialDate, Relation};
use crate::error::{Diagnostic, Diagnostics};
use crate::model::{DocumentRecord, EntityRecord, Evidence, Labels, RelationRecord};
use crate::ontology::Ontology;
use crate::Error;

/// Where a record stands: file, JSON path, and line where known.
#[derive(Debug, Clone)]
struct Loc {
    file: PathBuf,
    path: String,
    line: Option<usize>,
}

impl Loc {
    fn at(&self, suffix: &str) -> Loc {
        Loc {
            file: self.file.clone(),
            path: format!("{}{suffix}", self.path),
            line: self.line,
        }
    }
}

#[derive(Default)]
struct Collector {
    diagnostics: Vec<Diagnostic>,
}

impl Collector {
    fn push(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            file: loc.file.clone(),
            line: loc.line,
            column: None,
            path: loc.path.clone(),
            message: message.into(),
            help: help.into(),
        });
    }
}

/// The records of a data directory before cross-checks.
#[derive(Default)]
struct Raw {
    entities: Vec<(Loc, EntityRecord)>,
    documents: Vec<(Loc, DocumentRecord)>,
    /// Relations with the id of their document.
    relations: Vec<(Loc, String, RelationRecord)>,
}

/// Reads and validates the data directory `dir`.
pub fn load_dir(dir: &Path, ontology: &Ontology) -> Result<Dataset, Error> {
    if !dir.is_dir() {
        return Err(Error::Read {
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such data directory (give one with --data DIR)",
            ),
        });
    }
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
    let mut c = Collector::default();
    let mut raw = Raw::default();
    if files.is_empty() {
        c.push(
            &Loc {
                file: dir.to_path_buf(),
                path: "$".into(),
                line: None,
            },
            "no extraction files found",
            "a data directory holds entities.json and articles/*.json (or *.jsonl records); see docs/data-format.md",
        );
    }
    for file in &files {
        read_file(file, &mut raw, &mut c)?;
    }
    let dataset = check(dir, raw, ontology, &mut c)?;
    if c.diagnostics.is_empty() {
        Ok(dataset)
    } else {
        c.diagnostics.sort();
        c.diagnostics.dedup();
        Err(Error::Invalid(Diagnostics(c.diagnostics)))
    }
}

fn read_file(file: &Path, raw: &mut Raw, c: &mut Collector) -> Result<(), Error> {
    let text = fs::read_to_string(file).map_err(|source| Error::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let root = Loc {
        file: file.to_path_buf(),
        path: "$".into(),
        line: None,
    };
    if file.extension().and_then(|e| e.to_str()) == Some("jsonl") {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let loc = Loc {
                line: Some(i + 1),
                ..root.clone()
            };
            match serde_json::from_str::<Value>(line) {
                Ok(value) => read_line_record(value, &loc, raw, c),
                Err(e) => syntax_error(c, &loc, &e, Some(i + 1)),
            }
        }
        return Ok(());
    }
    let value = match serde_json::from_str::<Value>(&text) {
        Ok(v) => v,
        Err(e) => {
            syntax_error(c, &root, &e, None);
            return Ok(());
        }
    };
    let Value::Object(mut map) = value else {
        c.push(
            &root,
            "the file is not a JSON object",
            "an article file is {\"document\": {...}, \"relations\": [...]}; the registry is {\"entities\": [...]}",
        );
        return Ok(());
    };
    if file.file_name().and_then(|n| n.to_str()) == Some("entities.json") {
        take_known_keys(&mut map, &root, c, &["entities"]);
        let entities = map.remove("entities").unwrap_or(Value::Null);
        for (loc, value) in array_items(entities, &root.at(".entities"), c) {
            if let Some(e) = decode(value, &loc, c) {
                raw.entities.push((loc, e));
            }
        }
    } else {
        take_known_keys(&mut map, &root, c, &["document", "relations"]);
        let loc = root.at(".document");
        let Some(document) = map.remove("document") else {
            c.push(
                &root,
                "missing field `document`",
                "an article file starts with the article: {\"document\": {\"id\": ..., \"source\": ...}, \"relations\": [...]}",
            );
            return Ok(());
        };
        let Some(document) = decode::<DocumentRecord>(document, &loc, c) else {
            return Ok(());
        };
        let doc_id = document.id.clone();
        raw.documents.push((loc, document));
        let relations = map.remove("relations").unwrap_or(Value::Array(vec![]));
        for (loc, value) in array_items(relations, &root.at(".relations"), c) {
            if let Some(r) = decode(value, &loc, c) {
                raw.relations.push((loc, doc_id.clone(), r));
            }
        }
    }
    Ok(())
}

fn read_line_record(value: Value, loc: &Loc, raw: &mut Raw, c: &mut Collector) {
    let Value::Object(mut map) = value else {
        c.push(loc, "the line is not a JSON object", LINE_HELP);
        return;
    };
    let kind = map.remove("record");
    match kind.as_ref().and_then(Value::as_str) {
        Some("entity") => {
            if let Some(e) = decode(Value::Object(map), loc, c) {
                raw.entities.push((loc.clone(), e));
            }
        }
        Some("document") => {
            if let Some(d) = decode(Value::Object(map), loc, c) {
                raw.documents.push((loc.clone(), d));
            }
        }
        Some("relation") => {
            let Some(Value::String(doc)) = map.remove("document") else {
                c.push(
                    &loc.at(".document"),
                    "a relation line needs the id of its article as a string in `document`",
                    "add \"document\": \"<article id>\"",
                );
                return;
            };
            if let Some(r) = decode(Value::Object(map), loc, c) {
                raw.relations.push((loc.clone(), doc, r));
            }
        }
        other => c.push(
            &loc.at(".record"),
            match other {
                Some(k) => format!("unknown record kind {k:?}"),
                None => "missing string field `record`".to_owned(),
            },
            LINE_HELP,
        ),
    }
}

const LINE_HELP: &str =
    "each line is one object with \"record\": \"entity\", \"document\" or \"relation\" and that record's fields";

fn syntax_error(c: &mut Collector, loc: &Loc, e: &serde_json::Error, line: Option<usize>) {
    c.diagnostics.push(Diagnostic {
        file: loc.file.clone(),
        line: Some(line.unwrap_or(e.line())),
        column: Some(e.column()),
        path: loc.path.clone(),
        message: format!("invalid JSON: {e}"),
        help: "fix the JSON syntax at this line and column".into(),
    });
}

/// Reports top-level keys other than `known`, with the schema's list.
fn take_known_keys(
    map: &mut serde_json::Map<String, Value>,
    root: &Loc,
    c: &mut Collector,
    known: &[&str],
) {
    let unknown: Vec<String> = map
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .cloned()
        .collect();
    for key in unknown {
        map.remove(&key);
        c.push(
            &root.at(&format!(".{key}")),
            format!("unknown field {key:?}"),
            format!("the fields here are: {}", known.join(", ")),
        );
    }
}

fn array_items(value: Value, loc: &Loc, c: &mut Collector) -> Vec<(Loc, Value)> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (loc.at(&format!("[{i}]")), v))
            .collect(),
        _ => {
            c.push(loc, "expected an array", "write a JSON array: [ ... ]");
            vec![]
        }
    }
}

/// Deserializes one record, reporting every unknown field and the first type error.
fn decode<T: DeserializeOwned>(value: Value, loc: &Loc, c: &mut Collector) -> Option<T> {
    let mut unknown = Vec::new();
    let mut callback = |path: serde_ignored::Path<'_>| unknown.push(ignored_path(&path));
    let result: Result<T, _> =
        serde_path_to_error::deserialize(serde_ignored::Deserializer::new(&value, &mut callback));
    for path in unknown {
        let key = path.rsplit('.').next().unwrap_or(&path).to_owned();
        c.push(
            &loc.at(&path),
            format!("unknown field {key:?}"),
            "remove it or correct its name; data/schema.json lists the fields of each record",
        );
    }
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let mut path = String::new();
            for segment in e.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        path.push_str(&format!("[{index}]"))
                    }
                    serde_path_to_error::Segment::Map { key } => path.push_str(&format!(".{key}")),
                    _ => {}
                }
            }
            c.push(
                &loc.at(&path),
                e.inner().to_string(),
                "give the field the type that data/schema.json and docs/data-format.md describe",
            );
            None
        }
    }
}

fn ignored_path(path: &serde_ignored::Path<'_>) -> String {
    match path {
        serde_ignored::Path::Root => String::new(),
        serde_ignored::Path::Seq { parent, index } => format!("{}[{index}]", ignored_path(parent)),
        serde_ignored::Path::Map { parent, key } => format!("{}.{key}", ignored_path(parent)),
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => ignored_path(parent),
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

fn check_id(c: &mut Collector, loc: &Loc, id: &str) {
    if !is_id(id) {
        c.push(
            loc,
            format!("{id:?} is not a valid id"),
            "ids are ASCII: letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. \"elon-musk\"",
        );
    }
}

/// "did you mean" for a misspelt key or id.
fn suggest<'a>(word: &str, known: impl IntoIterator<Item = &'a String>) -> String {
    let best = known
        .into_iter()
        .map(|k| (strsim::levenshtein(word, k), k))
        .filter(|(d, _)| *d <= 3)
        .min();
    match best {
        Some((_, k)) => format!(" (did you mean {k:?}?)"),
        None => String::new(),
    }
}

fn check_key<'a, T>(
    c: &mut Collector,
    loc: &Loc,
    what: &str,
    key: &str,
    table: &'a BTreeMap<String, T>,
) -> Option<&'a T> {
    let found = table.get(key);
    if found.is_none() {
        let known: Vec<&str> = table.keys().map(String::as_str).collect();
        c.push(
            loc,
            format!("unknown {what} {key:?}{}", suggest(key, table.keys())),
            format!(
                "use one that ontology/newskg.ttl declares: {}",
                known.join(", ")
            ),
        );
    }
    found
}

fn check_date(c: &mut Collector, loc: &Loc, text: &str) -> Option<PartialDate> {
    let date = PartialDate::parse(text);
    if date.is_none() {
        c.push(
            loc,
            format!("{text:?} is not a valid date"),
            "write an existing ISO 8601 date at the precision the text gives: YYYY-MM-DD, YYYY-MM or YYYY",
        );
    }
    date
}

fn check_labels(c: &mut Collector, loc: &Loc, labels: &Labels, both: bool) {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if both {
        for (lang, value) in [("ar", &labels.ar), ("en", &labels.en)] {
            if blank(value) {
                c.push(
                    &loc.at(&format!(".{lang}")),
                    format!("missing or empty {lang} label"),
                    "entities need a label in Arabic (ar) and in English (en)",
                );
            }
        }
    } else if blank(&labels.ar) && blank(&labels.en) {
        c.push(
            loc,
            "empty text",
            "give the text in Arabic (ar), English (en) or both",
        );
    }
}

struct Context<'a> {
    entities: BTreeSet<String>,
    ontology: &'a Ontology,
}

impl Context<'_> {
    fn entity(&self, c: &mut Collector, loc: &Loc, id: &str) {
        if !self.entities.contains(id) {
            c.push(
                loc,
                format!("unknown entity {id:?}{}", suggest(id, &self.entities)),
                "use the id of an entity of entities.json, or add the entity there",
            );
        }
    }
}

fn check(dir: &Path, raw: Raw, ontology: &Ontology, c: &mut Collector) -> Result<Dataset, Error> {
    // Entities first: every reference is checked against them.
    let mut seen = BTreeMap::<String, Loc>::new();
    let mut entities = Vec::new();
    for (loc, record) in raw.entities {
        check_id(c, &loc.at(".id"), &record.id);
        if let Some(first) = seen.get(&record.id) {
            c.push(
                &loc.at(".id"),
                format!("duplicate entity id {:?}", record.id),
                format!(
                    "it is already used at {} {}; merge the two or give one another id",
                    first.file.display(),
                    first.path
                ),
            );
            continue;
        }
        seen.insert(record.id.clone(), loc.clone());
        check_labels(c, &loc.at(".labels"), &record.labels, true);
        if let Some(q) = &record.wikidata {
            let ok = q.len() > 1
                && q.starts_with('Q')
                && q[1..].bytes().all(|b| b.is_ascii_digit())
                && !q[1..].starts_with('0');
            if !ok {
                c.push(
                    &loc.at(".wikidata"),
                    format!("{q:?} is not a Wikidata item id"),
                    "write the item id alone, e.g. \"Q317521\", not its URL; leave it out when unsure",
                );
            }
        }
        for (i, alias) in record.aliases.iter().enumerate() {
            if alias.trim().is_empty() {
                c.push(
                    &loc.at(&format!(".aliases[{i}]")),
                    "empty alias",
                    "remove it",
                );
            }
        }
        let class = check_key(
            c,
            &loc.at(".type"),
            "entity type",
            &record.kind,
            &ontology.entity_types,
        )
        .cloned();
        if let Some(class) = class {
            entities.push(Entity { record, class });
        }
    }
    let ctx = Context {
        entities: seen.keys().cloned().collect(),
        ontology,
    };

    let mut docs_seen = BTreeMap::<String, Loc>::new();
    let mut documents = BTreeMap::<String, (Document, String)>::new();
    for (loc, record) in raw.documents {
        check_id(c, &loc.at(".id"), &record.id);
        if let Some(first) = docs_seen.get(&record.id) {
            c.push(
                &loc.at(".id"),
                format!("duplicate document id {:?}", record.id),
                format!(
                    "it is already used at {} {}; each article needs its own id",
                    first.file.display(),
                    first.path
                ),
            );
            continue;
        }
        docs_seen.insert(record.id.clone(), loc.clone());
        let text = read_source(dir, &loc, &record.source, c);
        if let Some(p) = &record.publisher {
            ctx.entity(c, &loc.at(".publisher"), p);
        }
        for (i, a) in record.authors.iter().enumerate() {
            ctx.entity(c, &loc.at(&format!(".authors[{i}]")), a);
        }
        for (i, a) in record.reports_from.iter().enumerate() {
            ctx.entity(c, &loc.at(&format!(".reports_from[{i}]")), a);
        }
        if let Some(title) = &record.title {
            check_labels(c, &loc.at(".title"), title, false);
        }
        if let Some(url) = &record.url {
            if let Err(e) = iri_string::types::IriStr::new(url) {
                c.push(
                    &loc.at(".url"),
                    format!("{url:?} is not an absolute IRI: {e}"),
                    "write the full address, e.g. \"https://example.com/news/1\"",
                );
            }
        }
        if oxigraph::model::Literal::new_language_tagged_literal("", &record.language).is_err() {
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
            check_date(c, &loc.at(".published.date"), &p.date)
        });
        documents.insert(
            record.id.clone(),
            (
                Document {
                    record,
                    published,
                    relations: Vec::new(),
                },
                text.unwrap_or_default(),
            ),
        );
    }

    // Relations, grouped by document, in input order.
    let mut rel_ids = BTreeMap::<(String, String), Loc>::new();
    let all_rel_ids: BTreeSet<(String, String)> = raw
        .relations
        .iter()
        .map(|(_, d, r)| (d.clone(), r.id.clone()))
        .collect();
    for (loc, doc_id, record) in raw.relations {
        let Some((document, text)) = documents.get_mut(&doc_id) else {
            if docs_seen.contains_key(&doc_id) {
                continue; // its document was rejected: already reported
            }
            c.push(
                &loc.at(".document"),
                format!(
                    "unknown document {doc_id:?}{}",
                    suggest(&doc_id, docs_seen.keys())
                ),
                "a relation line names the id of a document record",
            );
            continue;
        };
        check_id(c, &loc.at(".id"), &record.id);
        let key = (doc_id.clone(), record.id.clone());
        if let Some(first) = rel_ids.get(&key) {
            c.push(
                &loc.at(".id"),
                format!(
                    "duplicate relation id {:?} in document {doc_id:?}",
                    record.id
                ),
                format!(
                    "it is already used at {} {}; relation ids are unique within an article",
                    first.file.display(),
                    first.path
                ),
            );
            continue;
        }
        rel_ids.insert(key, loc.clone());
        if let Some(r) = check_relation(&ctx, c, &loc, &doc_id, record, text, &all_rel_ids) {
            document.relations.push(r);
        }
    }

    Ok(Dataset {
        entities,
        documents: documents.into_values().map(|(d, _)| d).collect(),
    })
}

fn read_source(dir: &Path, loc: &Loc, source: &str, c: &mut Collector) -> Option<String> {
    let path = dir.join(source);
    let bad = Path::new(source).is_absolute()
        || Path::new(source)
            .components()
            .any(|p| matches!(p, std::path::Component::ParentDir));
    if bad {
        c.push(
            &loc.at(".source"),
            format!("source path {source:?} leaves the data directory"),
            "give the text's path relative to the data directory, e.g. \"corpus/000.txt\"",
        );
        return None;
    }
    match fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            c.push(
                &loc.at(".source"),
                format!("cannot read the source text {}: {e}", path.display()),
                "copy the article's text there (UTF-8) or correct the path, relative to the data directory",
            );
            None
        }
    }
}

fn check_relation(
    ctx: &Context<'_>,
    c: &mut Collector,
    loc: &Loc,
    doc_id: &str,
    record: RelationRecord,
    text: &str,
    rel_ids: &BTreeSet<(String, String)>,
) -> Option<Relation> {
    let ontology = ctx.ontology;
    let kind = check_key(
        c,
        &loc.at(".type"),
        "relation type",
        &record.kind,
        &ontology.relation_types,
    );
    let status = check_key(
        c,
        &loc.at(".status"),
        "status",
        &record.status,
        &ontology.statuses,
    );
    ctx.entity(c, &loc.at(".subject"), &record.subject);
    ctx.entity(c, &loc.at(".object"), &record.object);
    for (field, value) in [
        ("intermediary", &record.intermediary),
        ("beneficiary", &record.beneficiary),
        ("place", &record.place),
        ("host", &record.host),
    ] {
        if let Some(id) = value {
            ctx.entity(c, &loc.at(&format!(".{field}")), id);
        }
    }
    for (field, list) in [
        ("participants", &record.participants),
        ("asserted_by", &record.asserted_by),
    ] {
        for (i, id) in list.iter().enumerate() {
            ctx.entity(c, &loc.at(&format!(".{field}[{i}]")), id);
        }
    }

    // Qualifiers the type does not allow.
    if let Some(kind) = kind {
        let present = [
            ("date", record.date.is_some()),
            ("start", record.start.is_some()),
            ("end", record.end.is_some()),
            ("resolved", record.resolved.is_some()),
            ("amount", record.amount.is_some()),
            ("amount_bound", record.amount_bound.is_some()),
            ("currency", record.currency.is_some()),
            ("intermediary", record.intermediary.is_some()),
            ("beneficiary", record.beneficiary.is_some()),
            ("purpose", record.purpose.is_some()),
            ("part_of", record.part_of.is_some()),
            ("role", record.role.is_some()),
            ("areas", !record.areas.is_empty()),
            ("reason", record.reason.is_some()),
            ("place", record.place.is_some()),
            ("host", record.host.is_some()),
            ("participants", !record.participants.is_empty()),
            ("topics", !record.topics.is_empty()),
            ("asserted_by", !record.asserted_by.is_empty()),
        ];
        for (key, is_present) in present {
            if is_present && !ontology.allows(kind, key) {
                let allowed: Vec<&str> = kind.qualifiers.iter().map(String::as_str).collect();
                c.push(
                    &loc.at(&format!(".{key}")),
                    format!("a {:?} relation cannot have `{key}`", kind.key),
                    format!(
                        "remove it, or use another relation type; besides the common qualifiers, {:?} allows: {}",
                        kind.key,
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    let date = record
        .date
        .as_deref()
        .and_then(|d| check_date(c, &loc.at(".date"), d));
    let start = record
        .start
        .as_deref()
        .and_then(|d| check_date(c, &loc.at(".start"), d));
    let end = record
        .end
        .as_deref()
        .and_then(|d| check_date(c, &loc.at(".end"), d));
    if record.date.is_some() && (record.start.is_some() || record.end.is_some()) {
        c.push(
            &loc.at(".date"),
            "a relation has either a `date` or a period (`start`, `end`), not both",
            "keep `date` for a point in time, `start`/`end` for a period",
        );
    }
    if let (Some(s), Some(e)) = (&start, &end) {
        let n = s.text.len().min(e.text.len());
        if s.text[..n] > e.text[..n] {
            c.push(
                &loc.at(".end"),
                format!("the period ends ({}) before it starts ({})", e.text, s.text),
                "swap `start` and `end` or correct one of them",
            );
        }
    }
    if let Some(r) = &record.resolved {
        if r.expression.trim().is_empty() || r.rule.trim().is_empty() {
            c.push(
                &loc.at(".resolved"),
                "a resolved date needs both the `expression` of the text and the `rule` used",
                "quote the relative wording and say how it was resolved",
            );
        }
        if date.is_none() && start.is_none() && end.is_none() {
            c.push(
                &loc.at(".resolved"),
                "`resolved` explains a date, but the relation has none",
                "add the resolved `date` (or `start`/`end`), or remove `resolved`",
            );
        }
    }

    if let Some(amount) = &record.amount {
        let mut parts = amount.splitn(2, '.');
        let int = parts.next().unwrap_or("");
        let frac = parts.next();
        let ok = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            c.push(
                &loc.at(".amount"),
                format!("{amount:?} is not a decimal amount"),
                "write the full number in digits with an optional '.' fraction, no separators or units: \"10000000\", \"30.4\"",
            );
        }
        if record.currency.is_none() {
            c.push(
                &loc.at(".currency"),
                "an amount needs its currency",
                "add \"currency\": an ISO 4217 code such as \"USD\"",
            );
        }
    }
    if let Some(code) = &record.currency {
        if iso_currency::Currency::from_code(code).is_none() {
            c.push(
                &loc.at(".currency"),
                format!("{code:?} is not an ISO 4217 currency code"),
                "write the three-letter code in capitals, e.g. \"USD\", \"EUR\"",
            );
        }
    }
    let amount_bound = record.amount_bound.as_ref().and_then(|b| {
        check_key(
            c,
            &loc.at(".amount_bound"),
            "amount bound",
            b,
            &ontology.amount_bounds,
        )
        .cloned()
    });
    if let Some(part) = &record.part_of {
        if !rel_ids.contains(&(doc_id.to_owned(), part.clone())) || part == &record.id {
            c.push(
                &loc.at(".part_of"),
                format!("{part:?} is no other relation of document {doc_id:?}"),
                "name the id of the relation that states the total, in the same article",
            );
        }
    }
    for (field, labels) in [
        ("purpose", &record.purpose),
        ("role", &record.role),
        ("reason", &record.reason),
    ] {
        if let Some(l) = labels {
            check_labels(c, &loc.at(&format!(".{field}")), l, false);
        }
    }
    for (field, list) in [("areas", &record.areas), ("topics", &record.topics)] {
        for (i, l) in list.iter().enumerate() {
            check_labels(c, &loc.at(&format!(".{field}[{i}]")), l, false);
        }
    }

    if record.evidence.is_empty() {
        c.push(
            &loc.at(".evidence"),
            "no evidence",
            "quote the sentence of the text that states the relation, with its offsets",
        );
    }
    for (i, e) in record.evidence.iter().enumerate() {
        check_quote(c, &loc.at(&format!(".evidence[{i}]")), e, text);
    }

    let (kind, status) = (kind?, status?);
    Some(Relation {
        property: kind.property.clone(),
        statement_class: kind.statement_class.clone(),
        status: status.iri.clone(),
        asserts_edge: status.asserts_edge,
        amount_bound,
        date,
        start,
        end,
        record,
    })
}

/// Checks that `e.quote` stands verbatim at `e.start..e.end` (in characters) of `text`.
fn check_quote(c: &mut Collector, loc: &Loc, e: &Evidence, text: &str) {
    if e.quote.is_empty() {
        c.push(loc, "empty quote", "quote the supporting sentence verbatim");
        return;
    }
    if text.is_empty() {
        return; // the unreadable source is reported on its own
    }
    let at: String = text
        .chars()
        .skip(e.start)
        .take(e.end.saturating_sub(e.start))
        .collect();
    if e.end > e.start && at == e.quote {
        return;
    }
    let help = match text.find(&e.quote) {
        Some(byte) => {
            let start = text[..byte].chars().count();
            let end = start + e.quote.chars().count();
            format!("the quote stands at {start}..{end}: set \"start\": {start}, \"end\": {end}")
        }
        None => "the quote is nowhere in the text: copy it exactly from the source file (same letters, hamzas, spaces and punctuation)".to_owned(),
    };
    c.push(
        loc,
        format!(
            "the quote is not at characters {}..{} of the source text, which hold {at:?}",
            e.start, e.end
        ),
        help,
    );
}
